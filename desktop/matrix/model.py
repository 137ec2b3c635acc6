"""The risk matrix as a table model: rows are projects, columns criteria.

``data()`` is O(1): it reads the numpy arrays of the current
:class:`~rrisk.scoring.ScoreResult` (scenario applied) and, for tooltips, one dict lookup in
the document. A cell edit emits one ``dataChanged`` over the block the edited cells span
and ``rowHeadersChanged`` for each run of their rows (whose header shows the project's index
and band): not ``headerDataChanged``, which makes a ``QHeaderView`` re-measure every section
and lay the table out again (half the time of an edit at 500 projects); the view repaints
those sections, and asks for the full re-layout itself when a label outgrows the header. Any
other change emits ``headerDataChanged``; the model resets only when a different document is
loaded or rows/columns change.

Custom roles (``Qt.UserRole + n``): ``ProjectIdRole``, ``CriterionIdRole``, ``RiskRole``,
``BandRole``, ``RedLineRole``, ``ChangedRole`` (changed against a compared version) and
``OverrideRole``: for a cell the open scenario overrides, the sentence naming the scenario
and the baseline value ("Scenario “Sanctions eased” sets this cell (baseline L 4 × I 4)"),
else None. The view paints a disc in the cell's bottom-right corner for it.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush

from desktop.document.controller import DocumentController
from desktop.document.scenario_edits import (
    half_scored_text,
    overrides_of,
    scenario_baseline,
    score_text,
)
from desktop.ui import style
from desktop.ui.fitting import fitted_rich_tip, wrapped_lines
from desktop.ui.override_mark import OVERRIDE_SYMBOL
from rrisk.fmt import fmt_index, fmt_percent, fmt_precise_weight, fmt_whole, plain_number
from rrisk.palette import RED_LINE_MARK
from rrisk.scoring import CELL_BANDS, INDEX_BANDS, ScoreResult
from rrisk.text import isolated

ProjectIdRole = Qt.ItemDataRole.UserRole + 1
CriterionIdRole = Qt.ItemDataRole.UserRole + 2
RiskRole = Qt.ItemDataRole.UserRole + 3
"""Cell risk L×I as int, or None when unassessed."""
BandRole = Qt.ItemDataRole.UserRole + 4
"""Cell band 0–3, -1 when unassessed."""
RedLineRole = Qt.ItemDataRole.UserRole + 5
"""True when the cell carries a red line (manual or by rule)."""
ChangedRole = Qt.ItemDataRole.UserRole + 6
OverrideRole = Qt.ItemDataRole.UserRole + 7
"""For a cell the open scenario overrides, the sentence naming the scenario and the baseline
value ('Scenario “Sanctions eased” sets this cell (baseline L 4 × I 4)'), else None: the view
paints the override mark (desktop.ui.override_mark) and the tooltip carries the sentence."""
"""True when the cell changed against the version a comparison is open with."""

AnyIndex = QModelIndex | QPersistentModelIndex


HEADER_CHARS = 18
"""Criterion names wrap at about this many characters unless the view sets its own width."""
HEADER_LINES = 3
"""Criterion names take at most this many lines above their weight."""
PROJECT_NAME_CHARS = 38
"""Longer project names are elided in the row header (the tooltip has the full name)."""


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrap_header(name: str, width: int = HEADER_CHARS, lines: int = HEADER_LINES) -> list[str]:
    """A criterion name on at most ``lines`` lines of at most ``width`` characters, broken
    where its script allows (:func:`desktop.ui.fitting.wrapped_lines`)."""
    return wrapped_lines(name, len, width, lines)


def header_weight(weight: float) -> str:
    """A weight under a criterion's name: as entered, up to four decimals (``0.125``), else
    about that (``≈0.33`` for a third a script wrote as 0.3333333333333333, which the column
    cut at both ends); the tooltip and the editors give every digit."""
    text, about = plain_number(weight), fmt_precise_weight(weight)
    if len(text.partition(".")[2]) <= 4 or float(about) == weight:
        return text
    return f"≈{about}"


class MatrixModel(QAbstractTableModel):
    """Projects × criteria of the controller's document, for the current scenario."""

    rowHeadersChanged = Signal(int, int)
    """A cell edit changed the header text of rows first…last (their index and band)."""

    def __init__(self, controller: DocumentController, parent: Any = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._pending_cells: list[tuple[str, str]] | None = None
        self.header_chars = HEADER_CHARS
        self._header_room = 0
        self._header_font = ""
        self._header_measure: Callable[[str], int] | None = None
        self._header_lines: dict[tuple[str, int], list[str]] = {}
        self._column_rooms: dict[str, int] = {}
        """The room of each column the user sized, by criterion: its name is wrapped to it."""
        self.document_replaced = True
        """Whether the latest reset was for another document (else rows or columns came or
        went in this one)."""
        self._load(controller.result)
        controller.documentReplaced.connect(self._reset)
        controller.cellsChanged.connect(self._remember_cells)
        controller.resultChanged.connect(self._refresh)
        controller.change_marks.changed.connect(self._marks_changed)

    # -- cache ----------------------------------------------------------------------------
    def _load(self, result: ScoreResult) -> None:
        matrix = result.matrix
        self._result = result
        self._project_ids = list(matrix.project_ids)
        self._criterion_ids = list(matrix.criterion_ids)
        self._row_of = {pid: row for row, pid in enumerate(self._project_ids)}
        self._column_of = {cid: col for col, cid in enumerate(self._criterion_ids)}
        self._likelihood = matrix.likelihood
        self._impact = matrix.impact
        self._risk = result.risk
        self._band = result.cell_band
        self._red_line = result.red_line
        self._index = result.index
        self._index_band = result.index_band
        self._excluded = result.excluded
        self._weights = matrix.weights
        document = self._controller.document
        # The result names its scenario (the name); the overrides are found by the open id.
        self._overrides = overrides_of(document, self._controller.scenario_id)
        self._scenario_name = result.scenario or ""

    def _reset(self) -> None:
        self.document_replaced = True
        self.beginResetModel()
        self._pending_cells = None
        self._load(self._controller.result)
        self.endResetModel()

    def _marks_changed(self) -> None:
        rows, columns = len(self._project_ids), len(self._criterion_ids)
        if rows and columns:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, columns - 1))

    def _remember_cells(self, keys: list[tuple[str, str]]) -> None:
        self._pending_cells = list(keys)

    def _refresh(self) -> None:
        result = self._controller.result
        pending, self._pending_cells = self._pending_cells, None
        if result is self._result and pending is None:
            # Loaded from this very result (a document opened is told twice: replaced, then
            # its result): every edit and scenario brings a new one.
            return
        if (
            result.matrix.project_ids != self._project_ids
            or result.matrix.criterion_ids != self._criterion_ids
        ):
            self.document_replaced = False
            self.beginResetModel()
            self._load(result)
            self.endResetModel()
            return
        self._load(result)
        rows, columns = len(self._project_ids), len(self._criterion_ids)
        if rows == 0 or columns == 0:
            return
        if pending is not None:
            touched = [
                (self._row_of[project_id], self._column_of[criterion_id])
                for project_id, criterion_id in pending
                if project_id in self._row_of and criterion_id in self._column_of
            ]
            if not touched:
                return
            # One signal over the block the cells span, not one per cell: a pasted block of
            # thousands of cells was as many repaint requests, each a round through Python.
            touched_rows = sorted({row for row, _column in touched})
            touched_columns = [column for _row, column in touched]
            self.dataChanged.emit(
                self.index(touched_rows[0], min(touched_columns)),
                self.index(touched_rows[-1], max(touched_columns)),
            )
            first = touched_rows[0]
            for before, row in zip(touched_rows, touched_rows[1:] + [-1], strict=True):
                if row != before + 1:  # the end of a run of adjacent rows
                    self.rowHeadersChanged.emit(first, before)
                    first = row
            return
        # Weights, rules, names or the scenario changed: every visible cell may read differently.
        self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, columns - 1))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, rows - 1)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)

    def set_header_chars(
        self,
        chars: int,
        room: int = 0,
        measure: Callable[[str], int] | None = None,
        font: str = "",
    ) -> None:
        """Wrap criterion names at about ``chars`` characters (the view's column width).

        With ``measure`` (a line's width in pixels, in the header's ``font``, named by its
        key) and the column's ``room``, every line is measured to fit the room: ``chars``
        alone let a name of wide letters (Cyrillic) run past the column's edges and lose
        letters at both sides."""
        chars = max(chars, 6)
        if (chars, room, font) != (self.header_chars, self._header_room, self._header_font):
            self.header_chars = chars
            self._header_room = room
            self._header_font = font
            self._header_measure = measure if room > 0 else None
            self._header_lines.clear()
            if self._criterion_ids:
                last = len(self._criterion_ids) - 1
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, last)

    def set_column_room(self, column: int, room: int) -> None:
        """Wrap ``column``'s name to ``room`` pixels, a width the user gave the column, not
        to the shared one: a name wrapped for the fitted width ran past the edges of a
        column dragged narrower ("xtractio / recov")."""
        key = self._criterion_ids[column]
        if self._column_rooms.get(key) != room:
            self._column_rooms[key] = room
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)

    def clear_column_rooms(self) -> None:
        """Every name wrapped to the shared width again (the columns are fitted again)."""
        if self._column_rooms:
            self._column_rooms.clear()
            if self._criterion_ids:
                last = len(self._criterion_ids) - 1
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, last)

    # -- lookups used by the views --------------------------------------------------------
    def project_id(self, row: int) -> str:
        return self._project_ids[row]

    def criterion_id(self, column: int) -> str:
        return self._criterion_ids[column]

    def cell_index(self, project_id: str, criterion_id: str) -> QModelIndex:
        row = self._row_of.get(project_id)
        column = self._column_of.get(criterion_id)
        if row is None or column is None:
            return QModelIndex()
        return self.index(row, column)

    # -- QAbstractTableModel --------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._project_ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._criterion_ids)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._project_ids) and 0 <= column < len(self._criterion_ids)):
            return None
        band = int(self._band[row, column])
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell_text(row, column, band)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(style.band_fill(band)) if band >= 0 else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(style.band_text(band)) if band >= 0 else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return fitted_rich_tip(self._cell_tooltip(row, column, band))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._cell_accessible(row, column, band)
        if role == ProjectIdRole:
            return self._project_ids[row]
        if role == CriterionIdRole:
            return self._criterion_ids[column]
        if role == RiskRole:
            risk = self._risk[row, column]
            return None if np.isnan(risk) else int(risk)
        if role == BandRole:
            return band
        if role == RedLineRole:
            return bool(self._red_line[row, column])
        if role == OverrideRole:
            return self._baseline_text(row, column)
        if role == ChangedRole:
            marks = self._controller.change_marks
            return bool(marks) and (self._project_ids[row], self._criterion_ids[column]) in marks
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._criterion_ids):
                return None
            return self._criterion_header(section, role)
        if not 0 <= section < len(self._project_ids):
            return None
        return self._project_header(section, role)

    # -- presentation ---------------------------------------------------------------------
    def _baseline_text(self, row: int, column: int) -> str | None:
        """'Scenario “X” sets this cell (baseline L 4 × I 4)' when the open scenario overrides
        this cell, else None."""
        key = (self._project_ids[row], self._criterion_ids[column])
        if not self._overrides or key not in self._overrides:
            return None
        return scenario_baseline(self._controller, *key, self._overrides)

    def _cell_text(self, row: int, column: int, band: int) -> str:
        likelihood = self._likelihood[row, column]
        impact = self._impact[row, column]
        mark = f" {RED_LINE_MARK}" if self._red_line[row, column] else ""
        if band < 0:
            if math.isnan(likelihood) and math.isnan(impact):
                return f"—{mark}"
            return f"{score_text(likelihood)}×{score_text(impact)}{mark}"
        risk = int(self._risk[row, column])
        return (
            f"{int(likelihood)}×{int(impact)}  {risk:>2} {style.band_label(band, short=True)}{mark}"
        )

    def _cell_accessible(self, row: int, column: int, band: int) -> str:
        project = self._result.matrix.project_names[row]
        criterion = self._result.matrix.criterion_names[column]
        if band < 0:
            state = "unassessed"
        else:
            state = (
                f"likelihood {int(self._likelihood[row, column])}, impact "
                f"{int(self._impact[row, column])}, risk {int(self._risk[row, column])}, "
                f"{CELL_BANDS[band]}"
            )
        red = ", red line" if self._red_line[row, column] else ""
        key = (self._project_ids[row], self._criterion_ids[column])
        changed = (
            ", changed since the compared version" if key in self._controller.change_marks else ""
        )
        baseline = self._baseline_text(row, column)
        override = f", {baseline[0].lower()}{baseline[1:]}" if baseline else ""
        return f"{project}, {criterion}: {state}{red}{changed}{override}"

    def _cell_tooltip(self, row: int, column: int, band: int) -> str:
        project_id, criterion_id = self._project_ids[row], self._criterion_ids[column]
        names = self._result.matrix
        title = html.escape(f"{names.project_names[row]} — {names.criterion_names[column]}")
        lines = [f"<b>{title}</b>"]
        if band >= 0:
            lines.append(
                f"L {int(self._likelihood[row, column])} × I {int(self._impact[row, column])}"
                f" = {int(self._risk[row, column])} ({CELL_BANDS[band]})"
            )
        else:
            likelihood = float(self._likelihood[row, column])
            impact = float(self._impact[row, column])
            if math.isnan(likelihood) and math.isnan(impact):
                # Said with the keys that set them: a first cell gives no hint of them.
                lines.append(
                    "Unassessed: type 1–5 for its likelihood and Ctrl+1–5 for its impact, or "
                    "set both in the cell inspector"
                )
            else:
                lines.append(html.escape(half_scored_text(likelihood, impact)))
        if self._red_line[row, column]:
            for red_line in self._result.red_lines[row]:
                if red_line.criterion == criterion_id:
                    basis = f" ({html.escape(red_line.basis)})" if red_line.basis else ""
                    lines.append(f"{RED_LINE_MARK} Red line: {html.escape(red_line.reason)}{basis}")
        baseline = self._baseline_text(row, column)
        override = self._overrides.get((project_id, criterion_id)) if baseline else None
        if override is not None and override.note.strip():
            # The scenario's reason for the value shown; the rationale argues the baseline's.
            note = shorten(" ".join(override.note.split()), 600)
            lines.append(
                f"<i>Why, in scenario {html.escape(self._scenario_name)}:</i> {html.escape(note)}"
            )
        cell = self._controller.document.cell(project_id, criterion_id)
        if cell is not None and cell.rationale:
            rationale = self._shown_rationale(cell.rationale)
            rationale = rationale if len(rationale) < 600 else rationale[:600] + "…"
            lead = "<i>Baseline rationale:</i> " if baseline else ""
            lines.append(lead + html.escape(rationale).replace("\n", "<br>"))
        marks = self._controller.change_marks
        notes = marks.notes(project_id, criterion_id)
        if notes:
            lines.append(f"<b>Changed since {html.escape(marks.against)}:</b>")
            lines += [html.escape(note) for note in notes[:8]]
            if len(notes) > 8:
                lines.append(f"… and {len(notes) - 8} more")
        if baseline:
            lines.append(f"{OVERRIDE_SYMBOL} {html.escape(baseline)}")
        elif self._result.scenario:
            lines.append(f"<i>Scenario: {html.escape(self._scenario_name)} (baseline value)</i>")
        return "<p style='white-space:pre-wrap; max-width:28em'>" + "<br>".join(lines) + "</p>"

    def _shown_rationale(self, raw: str) -> str:
        """A rationale as the inspector and the memo show it: its fields resolved under the
        scenario shown (one that does not resolve, or a Monte Carlo figure too large to run
        here, as typed), not the raw ``{{index:…}}``."""
        if "{{" not in raw:
            return raw
        from desktop.ui.narrative_text import display_resolver, segments

        return "".join(part.text for part in segments(display_resolver(self._controller), raw))

    def _project_header(self, row: int, role: int) -> Any:
        name = self._result.matrix.project_names[row]
        index = float(self._index[row])
        band = int(self._index_band[row])
        excluded = bool(self._excluded[row])
        if role == Qt.ItemDataRole.DisplayRole:
            # The name is shortened so the score part is never cut off by the header width.
            name = isolated(shorten(name, PROJECT_NAME_CHARS))
            if excluded:
                return f"{name}   {RED_LINE_MARK} Excluded"
            if math.isnan(index):
                return f"{name}   — unscored"
            return f"{name}   {fmt_whole(index)} {INDEX_BANDS[band]}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # What a screen reader says of the row: the whole name, and the mark in words.
            if excluded:
                return f"{name}, excluded"
            if math.isnan(index):
                return f"{name}, unscored"
            return f"{name}, index {fmt_whole(index)} {INDEX_BANDS[band]}"
        if role == Qt.ItemDataRole.ToolTipRole:
            coverage = float(self._result.coverage[row])
            text = f"<b>{html.escape(name)}</b><br>"
            if math.isnan(index):
                text += "No weighted criterion assessed yet"
            else:
                text += f"Risk index {fmt_index(index)} ({INDEX_BANDS[band]})"
            # Escaped: "<1%" read as a tag and left "Coverage " alone. Any gap is incomplete,
            # as the ranking and the memo say.
            text += f"<br>Coverage {html.escape(fmt_percent(coverage))}"
            if coverage < 1.0 and not math.isnan(index):
                text += " · incomplete"
            for red_line in self._result.red_lines[row]:
                text += f"<br>{RED_LINE_MARK} {html.escape(red_line.reason)}"
            return fitted_rich_tip(text)
        if role == Qt.ItemDataRole.ForegroundRole and excluded:
            return QBrush(style.red_line_colour())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == ProjectIdRole:
            return self._project_ids[row]
        return None

    def _room(self, column: int) -> int:
        """The width ``column``'s lines must fit: the user's for a column they sized."""
        return self._column_rooms.get(self._criterion_ids[column], self._header_room)

    def _wrapped_name(self, name: str, room: int) -> list[str]:
        """``name`` on the lines of a column ``room`` pixels wide, measured in the header's
        font (about :attr:`header_chars` characters a line until the view measures)."""
        lines = self._header_lines.get((name, room))
        if lines is None:
            measure = self._header_measure
            if measure is None:
                lines = wrap_header(name, self.header_chars, HEADER_LINES)
            else:
                lines = wrapped_lines(name, measure, room, HEADER_LINES)
            self._header_lines[name, room] = lines
        return lines

    def _weight_line(self, weight: float, overridden: bool, room: int) -> str:
        """The line under a criterion's name: "weight 0.5"; "● weight 0.5" for a weight the
        open scenario sets, as its cells and the criteria editor mark it; "0.5" or "● 0.5"
        where the column has no room for the word (it lost letters at both edges: "◗ weight
        ≈0.3", "eight 1.")."""
        text = f"weight {header_weight(weight)}"
        measure = self._header_measure
        if not overridden:
            # A column dragged narrow: the figure alone (the line lost both its ends).
            return text if measure is None or measure(text) <= room else header_weight(weight)
        marked = f"{OVERRIDE_SYMBOL} {text}"
        if measure is None or measure(marked) <= room:
            return marked
        return f"{OVERRIDE_SYMBOL} {header_weight(weight)}"

    def _criterion_header(self, column: int, role: int) -> Any:
        name = self._result.matrix.criterion_names[column]
        weight = float(self._weights[column])
        scenario = self._controller.open_scenario
        overridden = scenario is not None and self._criterion_ids[column] in (
            scenario.weight_overrides
        )
        if role == Qt.ItemDataRole.DisplayRole:
            room = self._room(column)
            lines = self._wrapped_name(name, room)
            return "\n".join(lines) + "\n" + self._weight_line(weight, overridden, room)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # The whole name (the header may cut it) and the scenario's mark in words.
            text = f"{name}, weight {plain_number(weight)}"
            return text + ", set by the scenario" if overridden else text
        if role == Qt.ItemDataRole.ToolTipRole:
            criterion = self._controller.document.criterion(self._criterion_ids[column])
            text = f"<b>{html.escape(name)}</b> ({html.escape(criterion.category)})"
            text += f"<br>Weight {plain_number(weight)}"
            if scenario is not None and overridden:
                text += (
                    f"<br>{OVERRIDE_SYMBOL} Scenario “{html.escape(scenario.name)}” sets this "
                    f"weight (baseline {plain_number(criterion.weight)})"
                )
            if criterion.red_line_rule is not None:
                rule = criterion.red_line_rule
                text += f"<br>{RED_LINE_MARK} Red line at L×I ≥ {rule.threshold}"
                if rule.reason:
                    text += f": {html.escape(rule.reason)}"
            if criterion.description:
                text += f"<br>{html.escape(criterion.description[:400])}"
            return fitted_rich_tip(text)
        if role == CriterionIdRole:
            return self._criterion_ids[column]
        return None
