"""One line for a change of a cell as a whole, of its evidence, or of texts marked reviewed.

A cell added or removed reads as one change that says what the cell holds (or held): its
score, ranges, status, red line, rationale and evidence; never as each field against an
empty cell's defaults. Evidence lines name each link as "Source [grade] “quote” p. 4".
"""

from __future__ import annotations

from typing import Any

from rrisk.compare.changes import ADDED, REMOVED, Change
from rrisk.compare.words import Namer, clip, value_text
from rrisk.text import listed, page_label

LINKS_SHOWN = 3
"""Links of an added cell, or of a new order, named one by one before the rest are counted."""
PLACES_SHOWN = 3
"""Rationales named one by one in a line about texts marked reviewed."""


def link_text(
    link: dict[str, str], names: Namer, earlier: bool = False, quote_limit: int = 100
) -> str:
    """A link as "Source [grade] “quote” p. 4"; ``earlier``: as it was in the older version."""
    quote = f" “{clip(link['quote'], quote_limit)}”" if link.get("quote") else ""
    page = f" {page_label(clip(link['page'], 20))}" if link.get("page") else ""
    source = link["source"]
    return f"{names('source', source)} [{names.grade(source, earlier)}]{quote}{page}"


def _links(links: list[dict[str, str]], names: Namer, earlier: bool = False) -> str:
    shown = [link_text(link, names, earlier, quote_limit=40) for link in links[:LINKS_SHOWN]]
    rest = len(links) - len(shown)
    return "; ".join(shown) + (f"; and {rest} more" if rest > 0 else "")


def cell_summary(cell: dict[str, Any]) -> str:
    """What a cell holds, in a phrase: "L4 × I5 = 20 (likelihood 4–5), reviewed, red line: …"."""
    likelihood, impact = cell.get("likelihood"), cell.get("impact")
    if likelihood is not None and impact is not None:
        score = f"L{likelihood} × I{impact} = {likelihood * impact}"
    elif likelihood is None and impact is None:
        score = "unassessed"
    else:
        score = f"likelihood {value_text(likelihood)}, impact {value_text(impact)}"
    # A bound left unset is the score, as the uncertainty analysis draws it ("impact 4–5" for
    # a low bound of 4 under a 5, not "impact 4–—").
    ranges = [
        f"{name} {value_text(cell.get(f'{name}_low', value))}–"
        f"{value_text(cell.get(f'{name}_high', value))}"
        for name, value in (("likelihood", likelihood), ("impact", impact))
        if f"{name}_low" in cell or f"{name}_high" in cell
    ]
    if ranges:
        score += f" ({', '.join(ranges)})"
    parts = [score]
    status = cell.get("status", "draft")
    if status != score:
        parts.append(status)
    if cell.get("red_line"):
        reason = cell.get("red_line_reason") or cell.get("red_line_basis")
        parts.append("red line" + (f": {clip(reason, 80)}" if reason else ""))
    return ", ".join(parts)


def _holdings(cell: dict[str, Any]) -> str:
    """ ", with a rationale and 2 evidence links" (empty when neither)."""
    held = ["a rationale"] if cell.get("rationale") else []
    count = len(cell.get("evidence") or [])
    if count:
        held.append(f"{count} evidence link{'s' * (count != 1)}")
    return f", with {' and '.join(held)}" if held else ""


def whole_cell_text(change: Change, names: Namer) -> str:
    """A cell added ("cell added: L4 × I5 = 20, draft; evidence: …") or removed ("cell removed;
    it was L4 × I5 = 20, reviewed, with a rationale and 2 evidence links")."""
    where = names("criterion", change.criterion)
    if change.action == REMOVED:
        cell = change.old
        return f"{where}: cell removed; it was {cell_summary(cell)}{_holdings(cell)}"
    cell = change.new
    text = f"{where}: cell added: {cell_summary(cell)}"
    if cell.get("rationale"):
        text += ", with a rationale"
    if cell.get("evidence"):
        text += f"; evidence: {_links(cell['evidence'], names)}"
    return text


def evidence_text(change: Change, names: Namer) -> str:
    """A link added, removed or re-quoted, or the cell's links put in another order."""
    where = names("criterion", change.criterion)
    if change.field == "order":
        return f"{where}: evidence reordered, now: {_links(change.new, names)}"
    if change.action == ADDED:
        return f"{where}: evidence added: {link_text(change.new, names)}"
    if change.action == REMOVED:
        return f"{where}: evidence removed: {link_text(change.old, names, earlier=True)}"
    after = change.new
    moved = []
    # Each side with its source's grade then: a source regraded meanwhile (listed too) must
    # not lend the old quote a grade it never had.
    source = after["source"]
    regraded = names.grade(source, earlier=True) != names.grade(source)
    grade = f"[{names.grade(source)}] " if regraded else ""
    if change.old.get("quote") != after.get("quote"):
        moved.append(f"“{clip(after.get('quote') or '—', 100)}”")
    if change.old.get("page") != after.get("page"):
        moved.append(page_label(clip(after["page"], 20)) if after.get("page") else "no page")
    before = link_text(change.old, names, earlier=True)
    return f"{where}: evidence re-quoted: {before} → {grade}" + (", ".join(moved) or "same")


def _places(keys: list[str], names: Namer) -> str:
    """ "summary and notes", "description and rationales of Geology, Sanctions and 6 more"."""
    texts = [key for key in keys if ":" not in key]
    if any(key.startswith("project:") for key in keys):
        texts.append("description")
    criteria = [names("criterion", key.split(":")[2]) for key in keys if key.startswith("cell:")]
    if criteria:
        of = listed(criteria, PLACES_SHOWN)
        texts.append(f"rationale{'s' * (len(criteria) != 1)} of {of}")
    return listed(texts)


def review_text(change: Change, names: Namer, within_project: bool = False) -> str:
    """Texts whose wording did not change but that were marked reviewed against the figures
    (or are no longer marked): see :mod:`rrisk.compare.reviews` for why this is listed."""
    marked = [key for key, stamp in change.new.items() if stamp is not None]
    unmarked = [key for key, stamp in change.new.items() if stamp is None]
    lines = []
    if marked:
        lines.append(
            f"{_places(marked, names)}: wording unchanged, marked reviewed against the figures"
        )
    if unmarked:
        lines.append(f"{_places(unmarked, names)}: wording unchanged, no longer marked reviewed")
    text = "; ".join(lines)
    if change.project and not within_project:
        text = f"{names('project', change.project)}: {text}"
    return text
