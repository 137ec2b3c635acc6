"""Cell and evidence differences between two versions.

A missing cell is compared as a new, empty cell (that is what the model means by it). Cells
of a removed project or criterion are not listed: the removal says it. Cells of an added
project or criterion are listed field by field, so the scores a new item brings are visible.

Evidence links have no id: a link is the same when its source, quote and page are; links
left over on both sides that cite the same source are one link whose quote or page changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from rrisk.cells import SCORE_FIELDS, Cell, Evidence
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


def evidence_changes(
    old: list[Evidence], new: list[Evidence], project_id: str, criterion_id: str
) -> Iterator[Change]:
    """Links removed, added, or re-quoted (same source, other quote or page)."""
    old_keys = Counter((e.source, e.quote, e.page) for e in old)
    new_keys = Counter((e.source, e.quote, e.page) for e in new)
    if old_keys == new_keys:
        return
    gone = list((old_keys - new_keys).elements())
    came = list((new_keys - old_keys).elements())
    where = {"project": project_id, "criterion": criterion_id}
    for before in list(gone):
        partner = next((after for after in came if after[0] == before[0]), None)
        if partner is None:
            continue
        gone.remove(before)
        came.remove(partner)
        yield Change(KIND_EVIDENCE, CHANGED, "quote", _as_link(before), _as_link(partner), **where)
    for before in gone:
        yield Change(KIND_EVIDENCE, REMOVED, None, _as_link(before), None, **where)
    for after in came:
        yield Change(KIND_EVIDENCE, ADDED, None, None, _as_link(after), **where)


def _as_link(key: tuple[str, str, str]) -> dict[str, str]:
    return {"source": key[0], "quote": key[1], "page": key[2]}


def one_cell_changes(
    old: Cell | None, new: Cell | None, project_id: str, criterion_id: str
) -> Iterator[Change]:
    """The field and evidence changes of one cell (None = no cell = an empty one)."""
    before = old if old is not None else _EMPTY
    after = new if new is not None else _EMPTY
    if before == after:
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
