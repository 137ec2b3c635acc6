"""Replay a list of changes on the older version, giving a document equal to the newer one.

This is the proof that :func:`rrisk.compare.changes.document_changes` misses nothing: the tests
apply the listed differences (with the comparison's ``implied`` ones) to OLD and check that the
result scores exactly as NEW does (and equals it, up to where an added evidence link stands
among the others and the order of scenario overrides that does not change what they mean). It
also documents what each :class:`Change` means.
"""

from __future__ import annotations

from typing import Any

from rrisk.cells import Cell, Evidence
from rrisk.compare.changes import (
    ADDED,
    KIND_ASSESSMENT,
    KIND_CELL,
    KIND_CRITERION,
    KIND_EVIDENCE,
    KIND_NARRATIVE,
    KIND_PROJECT,
    KIND_SCENARIO,
    KIND_SOURCE,
    REGRADED,
    REMOVED,
    SCREENING_PROJECT_LISTS,
    Change,
)
from rrisk.model import Assessment, parse_assessment

_LISTS = {
    KIND_CRITERION: ("criteria", "criterion"),
    KIND_PROJECT: ("projects", "project"),
    KIND_SOURCE: ("sources", "item"),
    KIND_SCENARIO: ("scenarios", "item"),
}


def _find(items: list[dict[str, Any]], item_id: str) -> dict[str, Any]:
    return next(item for item in items if item["id"] == item_id)


def _apply_item(data: dict[str, Any], change: Change) -> None:
    key, where = _LISTS[change.kind]
    items: list[dict[str, Any]] = data[key]
    item_id = getattr(change, where)
    if change.field == "order":
        order = {item_id: k for k, item_id in enumerate(change.new)}
        items.sort(key=lambda item: order[item["id"]])
    elif change.kind == KIND_SCENARIO and change.field and ":" in change.field:
        _apply_override(_find(items, item_id), change)
    elif change.action == ADDED:
        items.append(dict(change.new))
    elif change.action == REMOVED:
        items.remove(_find(items, item_id))
        if change.kind == KIND_PROJECT:
            data["cells"].pop(item_id, None)
        elif change.kind == KIND_CRITERION:
            for row in data["cells"].values():
                row.pop(item_id, None)
    elif change.action == REGRADED:
        item = _find(items, item_id)
        item["reliability"], item["credibility"] = change.new[0], int(change.new[1:])
    else:
        _find(items, item_id)[change.field or ""] = change.new


def _apply_override(scenario: dict[str, Any], change: Change) -> None:
    kind, _, target = (change.field or "").partition(":")
    if kind == "weight":
        if change.new is None:
            scenario["weight_overrides"].pop(target, None)
        else:
            scenario["weight_overrides"][target] = change.new
        return
    project_id, _, criterion_id = target.partition("/")
    overrides = [
        o
        for o in scenario["cell_overrides"]
        if (o["project"], o["criterion"]) != (project_id, criterion_id)
    ]
    if change.new is not None:
        overrides.append(dict(change.new))
    scenario["cell_overrides"] = overrides


def _apply_cell(cells: dict[str, dict[str, Cell]], change: Change) -> None:
    row = cells.setdefault(change.project or "", {})
    if change.kind == KIND_CELL and change.action == REMOVED:
        row.pop(change.criterion or "", None)
        return
    if change.kind == KIND_CELL and change.action == ADDED:
        row[change.criterion or ""] = Cell.model_validate(change.new)
        return
    cell = row.setdefault(change.criterion or "", Cell())
    if change.kind == KIND_CELL:
        setattr(cell, change.field or "", change.new)
        return
    if change.field == "order":  # the last evidence change of its cell: only moves links
        cell.evidence = [Evidence(**link) for link in change.new]
        return
    after = Evidence(**change.new) if change.new is not None else None
    if change.old is not None:  # removed, or re-quoted where it stands
        old = (change.old["source"], change.old["quote"], change.old["page"])
        k = next(
            k for k, link in enumerate(cell.evidence) if (link.source, link.quote, link.page) == old
        )
        if after is None:
            del cell.evidence[k]
        else:
            cell.evidence[k] = after
    elif after is not None:
        cell.evidence.append(after)


def _apply_screening(record: dict[str, Any], change: Change) -> None:
    """The list and its date (a change of the assessment), or one project's decisions and
    territory overrides (a change of that project: its entries replace the old ones)."""
    if change.kind == KIND_ASSESSMENT:
        record.update(change.new)
        return
    for name in SCREENING_PROJECT_LISTS:
        kept = [entry for entry in record[name] if entry["project"] != change.project]
        record[name] = kept + [dict(entry) for entry in change.new[name]]


def apply_changes(old: Assessment, changes: list[Change]) -> Assessment:
    """A new document: ``old`` with every change applied (validated like a file)."""
    data = old.model_dump(mode="json")
    data.pop("cells")
    cells = {
        project_id: {criterion_id: cell.model_copy() for criterion_id, cell in row.items()}
        for project_id, row in old.cells.items()
    }
    data["cells"] = cells
    for change in changes:
        if change.field == "screening":
            _apply_screening(data["screening"], change)
        elif change.kind == KIND_ASSESSMENT:
            data[change.field or ""] = change.new
        elif change.kind == KIND_NARRATIVE:
            for key, stamp in change.new.items():
                if stamp is None:
                    data["narrative_stamps"].pop(key, None)
                else:
                    data["narrative_stamps"][key] = stamp
        elif change.kind in (KIND_CELL, KIND_EVIDENCE):
            _apply_cell(cells, change)
        else:
            _apply_item(data, change)
    return parse_assessment(data)
