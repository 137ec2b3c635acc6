"""Cell and evidence differences between two versions.

A missing cell is compared as a new, empty cell (that is what the model means by it). A cell
that is empty on one side only is one change, the cell *added* or *removed*, carrying the
whole cell (its scores, status, red line, rationale and evidence): listing it field by field
against an empty cell's defaults would read "status reviewed → draft, likelihood 4 → —" for
a cell that is simply gone. Cells of a removed project or criterion are not listed: the
removal says it. Cells of an added project or criterion are listed as added cells, so the
scores a new item brings are visible.

Evidence links have no id: a link is the same when its source, quote and page are; links
left over on both sides that cite the same source are one link whose quote or page changed
(its ``field`` names what did: ``quote``, ``page`` or ``quote, page``).
The order of a cell's links is the order the app and the memo show them in, so links that
are on both sides but in another order are a change too (``field == "order"``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from rrisk.cells import SCORE_FIELDS, Cell, Evidence, cell_to_data
from rrisk.compare.changes import ADDED, CHANGED, KIND_CELL, KIND_EVIDENCE, REMOVED, Change
from rrisk.model import Assessment

CELL_FIELDS = (
    *SCORE_FIELDS,
    "status",
    "red_line",
    "red_line_reason",
    "red_line_basis",
    "rationale",
)
"""Cell fields compared one by one, in the order a reader wants them."""

_EMPTY = Cell()

LinkKey = tuple[str, str, str]
"""A link's source, quote and page: what makes two links the same."""


def evidence_changes(
    old: list[Evidence], new: list[Evidence], project_id: str, criterion_id: str
) -> Iterator[Change]:
    """Links removed, added, or re-quoted (same source, other quote or page), then, when the
    links on both sides stand in another order, the new order (the last change of the cell's
    evidence: replayed, it puts the links in the new version's order)."""
    old_list = [_key(e) for e in old]
    new_list = [_key(e) for e in new]
    if old_list == new_list:
        return
    where = {"project": project_id, "criterion": criterion_id}
    if len(old_list) == 1 == len(new_list):  # one link on each side: what the rules below say
        (before,), (after,) = old_list, new_list
        if before[0] == after[0]:
            pairs = zip(("quote", "page"), before[1:], after[1:], strict=True)
            field = ", ".join(name for name, was, now in pairs if was != now)
            yield Change(KIND_EVIDENCE, CHANGED, field, _as_link(before), _as_link(after), **where)
        else:
            yield Change(KIND_EVIDENCE, REMOVED, None, _as_link(before), None, **where)
            yield Change(KIND_EVIDENCE, ADDED, None, None, _as_link(after), **where)
        return
    old_keys, new_keys = Counter(old_list), Counter(new_list)
    gone = list((old_keys - new_keys).elements())
    came = list((new_keys - old_keys).elements())
    requoted: list[tuple[LinkKey, LinkKey]] = []
    for before in list(gone):
        partner = next((after for after in came if after[0] == before[0]), None)
        if partner is None:
            continue
        gone.remove(before)
        came.remove(partner)
        requoted.append((before, partner))
        # What moved, as the line says it: "quote", "page" or "quote, page".
        pairs = zip(("quote", "page"), before[1:], partner[1:], strict=True)
        field = ", ".join(name for name, was, now in pairs if was != now)
        yield Change(KIND_EVIDENCE, CHANGED, field, _as_link(before), _as_link(partner), **where)
    for before in gone:
        yield Change(KIND_EVIDENCE, REMOVED, None, _as_link(before), None, **where)
    for after in came:
        yield Change(KIND_EVIDENCE, ADDED, None, None, _as_link(after), **where)
    if _moved(old_list, new_list, old_keys & new_keys, requoted):
        old_links = [_as_link(key) for key in old_list]
        new_links = [_as_link(key) for key in new_list]
        yield Change(KIND_EVIDENCE, CHANGED, "order", old_links, new_links, **where)


def _key(link: Evidence) -> LinkKey:
    return (link.source, link.quote, link.page)


def _moved(
    old: list[LinkKey],
    new: list[LinkKey],
    kept: Counter[LinkKey],
    requoted: list[tuple[LinkKey, LinkKey]],
) -> bool:
    """Whether the links found on both sides (a re-quoted link counts as one) stand in
    another order; where links were added or removed among them does not count."""

    def common(links: list[LinkKey], side: int) -> list[LinkKey]:
        left = Counter(kept)
        partners: dict[LinkKey, list[LinkKey]] = {}
        for pair in requoted:  # each re-quoted link is named by its earlier form
            partners.setdefault(pair[side], []).append(pair[0])
        found = []
        for link in links:
            if left[link] > 0:
                left[link] -= 1
                found.append(link)
            elif partners.get(link):
                found.append(partners[link].pop(0))
        return found

    return common(old, 0) != common(new, 1)


def _as_link(key: LinkKey) -> dict[str, str]:
    return {"source": key[0], "quote": key[1], "page": key[2]}


def cell_data(cell: Cell) -> dict[str, Any]:
    """A whole cell as an added or removed cell's change carries it: what differs from an
    empty cell, each evidence link with its source, quote and page."""
    data = cell_to_data(cell, exclude_defaults=True)
    if cell.evidence:
        data["evidence"] = [_as_link(_key(link)) for link in cell.evidence]
    return data


def one_cell_changes(
    old: Cell | None, new: Cell | None, project_id: str, criterion_id: str
) -> Iterator[Change]:
    """The field and evidence changes of one cell (None = no cell = an empty one); a cell
    empty on one side only is one change, the cell added or removed."""
    before = old if old is not None else _EMPTY
    after = new if new is not None else _EMPTY
    if before == after:
        return
    where = {"project": project_id, "criterion": criterion_id}
    if after == _EMPTY:
        yield Change(KIND_CELL, REMOVED, None, cell_data(before), None, **where)
        return
    if before == _EMPTY:
        yield Change(KIND_CELL, ADDED, None, None, cell_data(after), **where)
        return
    for name in CELL_FIELDS:
        value_old: Any = getattr(before, name)
        value_new: Any = getattr(after, name)
        if value_old != value_new:
            yield Change(
                KIND_CELL,
                CHANGED,
                name,
                value_old,
                value_new,
                project=project_id,
                criterion=criterion_id,
            )
    yield from evidence_changes(before.evidence, after.evidence, project_id, criterion_id)


def cell_changes(old: Assessment, new: Assessment) -> list[Change]:
    """Cell and evidence changes, in the new version's project and criterion order."""
    criterion_ids = [c.id for c in new.criteria]
    changes: list[Change] = []
    for project in new.projects:
        old_row = old.cells.get(project.id, {})
        new_row = new.cells.get(project.id, {})
        if not old_row and not new_row:
            continue
        for criterion_id in criterion_ids:
            before, after = old_row.get(criterion_id), new_row.get(criterion_id)
            if before is after is None:
                continue
            changes += one_cell_changes(before, after, project.id, criterion_id)
    return changes
