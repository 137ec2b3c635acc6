"""Texts of the Help menu: keyboard shortcuts and the scoring method (About: about.py)."""

from __future__ import annotations

from html import escape

from desktop.ui.text import sentence
from rrisk.scoring import CELL_FORMULA, INDEX_FORMULA, cell_band_ranges, index_band_ranges

SHORTCUTS = """\
Files
  Ctrl+N  new blank assessment
  Ctrl+Shift+N  new from a template
  Ctrl+O  open
  Ctrl+S  save
  Ctrl+Shift+S  save as
  Ctrl+E  export the IC memo (PDF or Word)
  Ctrl+W / Ctrl+F4  close
  Ctrl+Q  quit

Editing
  Ctrl+Z  undo
  Ctrl+Shift+Z / Ctrl+Y  redo
  Ctrl+Shift+P  add a project
  Ctrl+Shift+R  add a criterion
  Shift+F2  rename the selected cell's project (in its row header)
  Ctrl+Shift+F2  rename the selected cell's criterion (in its column header)

In the matrix
  Arrows, Home/End, Page Up/Down  move (Ctrl+Home/Ctrl+End: first / last cell); Shift extends the selection
  1–5  set the likelihood of the selected cells
  Ctrl+1–5  set the impact of the selected cells
  Delete  clear the selected cells (unassessed); under a scenario, remove its overrides
  Ctrl+C  copy the selected cells (likelihood×impact, for a spreadsheet)
  Ctrl+V  paste scores from the selected cell on
  Ctrl+D  fill down: the first selected row's scores to the rows below (one row: the row above's)
  Enter or F2  edit the cell in the inspector
  Several selected cells change together, as one undo step.

In the ranking and the heat map
  Arrows, Home/End, Page Up/Down  move (heat map: Ctrl+Home/Ctrl+End to the first / last project)
  A project's name, typed  in the ranking: go to that project (any case, with or without accents)
  Tab  on to the selected project's 5×5 matrix

In the inspector
  Tab / Shift+Tab  move between fields
  Ctrl+Enter  apply the rationale
  Return  in the evidence quote or page: add the link
  Delete  in the evidence list: remove the selected link
  Esc  back to the matrix, throwing away what was being typed

In the editors
  Insert  add an item to the list
  Delete  remove the selected item (in a scenario's tables: the row's override)
  Alt+Up / Alt+Down  move the selected item up / down
  F2 or typing  edit the selected cell of the list
  Arrows  move between rows; Tab goes on to the buttons and the form
  Ctrl+Enter  apply a text field (description, summary, notes…)
  Esc  in a field: throw away what was typed there (the stored value shows again)

Screening
  Ctrl+Enter  in a decision or override: confirm, dismiss or override (Return adds a line)

Analysis
  Ctrl+R  run the uncertainty analysis (from any tab)
  Esc  cancel a run (from within the Analysis tab)
  Ctrl+C  in the uncertainty table: copy it, tab-separated with numbers, for a spreadsheet
  Tab  on to the rank and P10–P90 charts, and the tornado
  Up/Down, Home/End  in a chart: choose a project, as a click on its row does
  Up/Down, Home/End  in the tornado: choose a criterion's bar, said aloud with its figures

Moving around
  Ctrl+Shift+M  matrix
  Ctrl+Shift+I  cell inspector
  Ctrl+Shift+C  scenario selector
  Ctrl+Shift+K  ranking
  Ctrl+Shift+D  changes of an open comparison
  F8  next draft cell (assessed, not yet marked reviewed)
  Ctrl+Shift+E  editors
  Ctrl+Tab / Ctrl+Shift+Tab  next / previous tab
  Alt+letter  menus and underlined fields
  F1  this list
  Esc  on the start page: dismiss its message
  Delete  on the start page: take the selected recent file off the list
"""


def shortcuts_html() -> str:
    """:data:`SHORTCUTS` as a two-column table (keys, what they do) that lines up and does
    not wrap a key away from its meaning in a message box."""
    rows: list[str] = []
    for line in SHORTCUTS.splitlines():
        if not line.strip():
            continue
        if not line.startswith(" "):
            rows.append(f"<tr><td colspan=2><br><b>{escape(line)}</b></td></tr>")
            continue
        keys, _, what = line.strip().partition("  ")
        if not what:
            rows.append(f"<tr><td colspan=2><i>{escape(keys)}</i></td></tr>")
            continue
        rows.append(
            f"<tr><td style='white-space:pre; padding-right:16px'>{escape(keys)}</td>"
            f"<td>{escape(what.strip())}</td></tr>"
        )
    return "<table cellspacing=2>" + "".join(rows) + "</table>"


METHOD = f"""\
{sentence(CELL_FORMULA)}, likelihood and impact each scored 1–5.
Cell bands: {", ".join(f"{name} {span}" for name, span in cell_band_ranges())}.

Project {INDEX_FORMULA}
(w = criterion weight); 0 is the lowest risk, 100 the highest.
Index bands: {", ".join(f"{name} {span}" for name, span in index_band_ranges())}.

Coverage = assessed weight ÷ total weight; under 100% the score is incomplete.

Red lines are non-compensatory: a manual red line on a cell, a criterion's rule
(r at or above its threshold), a confirmed sanctions hit on a counterparty (a blocking
programme) or a site in an occupied territory excludes the project whatever its index.

Ranking: projects that are not excluded, by index, lowest risk first; ties by name.
Colour is never the only carrier: every cell also prints its score and band.
"""
