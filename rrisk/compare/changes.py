"""The differences between two versions of an assessment, as a flat list of :class:`Change`.

Items are matched by id, never by name or position: a project, criterion, source or scenario
whose id is in both versions is the same item, so a new name is a *rename* and never a
removal plus an addition. Every change carries the values before and after (JSON-ready), so
the list is complete enough to rebuild the newer version from the older one
(:func:`rrisk.compare.apply.apply_changes`, which the tests use to prove it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rrisk.model import Assessment
from rrisk.screening.decisions import counterparty_key

KIND_ASSESSMENT = "assessment"
KIND_CRITERION = "criterion"
KIND_PROJECT = "project"
KIND_CELL = "cell"
KIND_EVIDENCE = "evidence"
KIND_SOURCE = "source"
KIND_SCENARIO = "scenario"
KIND_NARRATIVE = "narrative"
"""Narrative texts marked reviewed with their wording unchanged (see :mod:`.reviews`)."""

ADDED, REMOVED, RENAMED, CHANGED, REGRADED = "added", "removed", "renamed", "changed", "regraded"

_ITEM_LISTS = (
    "criteria",
    "projects",
    "cells",
    "sources",
    "scenarios",
    "narrative_stamps",
    "screening",
)
METADATA_FIELDS = tuple(name for name in Assessment.model_fields if name not in _ITEM_LISTS)
"""The assessment's own fields (title, as-of date, summary, … and any added later), compared
one by one; the lists of items are compared item by item, the narrative's review stamps text
by text (:mod:`.reviews`), the screening record list by list and project by project
(:func:`_screening_changes`)."""

SCREENING_LIST_FIELDS = ("list_name", "list_as_of")
"""The screening record's own fields: the list screened against and its date."""
SCREENING_PROJECT_LISTS = ("decisions", "territory_overrides")
"""The screening record's lists whose entries each belong to one project."""


@dataclass(frozen=True)
class Change:
    """One difference. ``old``/``new`` are JSON-ready values (None where absent).

    ``project``/``criterion`` locate cell and evidence changes (and name the item of project
    and criterion changes); ``item`` is the id of a source or scenario; ``field`` the field
    that changed (``None`` for a whole item added or removed; ``"order"`` for a reordering).
    For scenario changes ``field`` is ``"weight:<criterion>"`` or
    ``"cell:<project>/<criterion>"`` for one override, or a plain field name.
    """

    kind: str
    action: str
    field: str | None = None
    old: Any = None
    new: Any = None
    project: str | None = None
    criterion: str | None = None
    item: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "action": self.action}
        for name in ("project", "criterion", "item", "field"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        data["old"] = self.old
        data["new"] = self.new
        return data

    @property
    def affects_scores(self) -> bool:
        """Whether the change can move an index, rank, band or red line at all.

        A project's screening decisions and territory overrides, its region and country
        (territory rules) and its counterparties (a decision left over) can exclude a
        project; its name breaks ties in the ranking; a cell's likelihood and impact ranges
        (they feed only the uncertainty simulation's spread), the name and date of the
        screening list, texts, grades, other names and descriptions cannot. A scenario's
        changes move only the results compared under that scenario: see
        :meth:`rrisk.compare.Comparison.moves_scores`."""
        if self.kind == KIND_ASSESSMENT:
            return False
        if self.kind in (KIND_SOURCE, KIND_EVIDENCE, KIND_NARRATIVE):
            return False
        if self.kind == KIND_CELL and self.field is None:  # a cell added or removed
            cell = self.new if self.action == ADDED else self.old
            return any(name in cell for name in _SCORED)
        if self.kind == KIND_CELL:
            return self.field in _SCORED
        if self.kind == KIND_PROJECT:
            return self.field in (None, "name", "region", "country", "counterparties", "screening")
        if self.kind == KIND_CRITERION:
            return self.field in (None, "weight", "red_line_rule")
        if self.kind == KIND_SCENARIO and (self.field or "").startswith("cell:"):
            # An override's note and red-line wording move nothing; an override that sets
            # none of the scores or the flag (None keeps the baseline's) is as none at all.
            before, after = self.old or {}, self.new or {}
            return any(before.get(name) != after.get(name) for name in _OVERRIDE_SCORED)
        if self.kind == KIND_SCENARIO:
            return self.action != RENAMED and self.field not in ("description", "name")
        return True


_OVERRIDE_SCORED = ("likelihood", "impact", "red_line")
"""The fields of a scenario's cell override that move its results."""
_SCORED = ("likelihood", "impact", "red_line")
"""The fields of a cell that move its results (an added or removed cell holds only those it
sets); its ranges move only the uncertainty simulation's spread, never an index."""


def _dump(item: Any) -> dict[str, Any]:
    return item.model_dump(mode="json")


def _field_changes(
    kind: str, old: dict[str, Any], new: dict[str, Any], skip: tuple[str, ...], **where: Any
) -> Iterator[Change]:
    for name in old:
        if name in skip or old[name] == new[name]:
            continue
        action = RENAMED if name in ("name", "title") and kind != KIND_ASSESSMENT else CHANGED
        yield Change(kind, action, name, old[name], new[name], **where)


def _order_change(kind: str, old_ids: list[str], new_ids: list[str]) -> Iterator[Change]:
    """The new order of the items, when it is not the old order with additions at the end.

    The matrix shows projects and criteria in document order, so a move is a change.
    """
    kept = set(new_ids)
    expected = [i for i in old_ids if i in kept] + [i for i in new_ids if i not in set(old_ids)]
    if expected != new_ids:
        yield Change(kind, CHANGED, "order", old_ids, new_ids)


def _items(
    kind: str, old_items: Iterable[Any], new_items: Iterable[Any], where: str
) -> Iterator[Change]:
    """Added, removed and changed items of one list, matched by id."""
    old_by_id = {item.id: _dump(item) for item in old_items}
    new_by_id = {item.id: _dump(item) for item in new_items}
    for item_id, data in old_by_id.items():
        if item_id not in new_by_id:
            yield Change(kind, REMOVED, None, data, None, **{where: item_id})
    for item_id, data in new_by_id.items():
        if item_id not in old_by_id:
            yield Change(kind, ADDED, None, None, data, **{where: item_id})
            continue
        before = old_by_id[item_id]
        if before == data:
            continue
        if kind == KIND_SOURCE:
            yield from _source_changes(before, data, item_id)
        elif kind == KIND_SCENARIO:
            yield from _scenario_changes(before, data, item_id)
        else:
            yield from _field_changes(kind, before, data, ("id",), **{where: item_id})
    yield from _order_change(kind, list(old_by_id), list(new_by_id))


def _source_changes(old: dict[str, Any], new: dict[str, Any], source_id: str) -> Iterator[Change]:
    grade_old = f"{old['reliability']}{old['credibility']}"
    grade_new = f"{new['reliability']}{new['credibility']}"
    if grade_old != grade_new:
        yield Change(KIND_SOURCE, REGRADED, "grade", grade_old, grade_new, item=source_id)
    skip = ("id", "reliability", "credibility")
    yield from _field_changes(KIND_SOURCE, old, new, skip, item=source_id)


def _scenario_changes(
    old: dict[str, Any], new: dict[str, Any], scenario_id: str
) -> Iterator[Change]:
    skip = ("id", "weight_overrides", "cell_overrides")
    yield from _field_changes(KIND_SCENARIO, old, new, skip, item=scenario_id)
    weights_old, weights_new = old["weight_overrides"], new["weight_overrides"]
    for criterion_id in {**weights_old, **weights_new}:
        before, after = weights_old.get(criterion_id), weights_new.get(criterion_id)
        if before != after:
            action = _override_action(before, after)
            yield Change(
                KIND_SCENARIO, action, f"weight:{criterion_id}", before, after, item=scenario_id
            )
    yield from _override_changes(old["cell_overrides"], new["cell_overrides"], scenario_id)


def _override_changes(
    old: list[dict[str, Any]], new: list[dict[str, Any]], scenario_id: str
) -> Iterator[Change]:
    """Cell overrides changed, one per cell; the whole list when a cell has two overrides.

    Two overrides of one cell combine in order (each sets only its own fields), so such a
    list is compared as a whole rather than cell by cell.
    """
    if old == new:
        return
    cells_old = {(o["project"], o["criterion"]): o for o in old}
    cells_new = {(o["project"], o["criterion"]): o for o in new}
    if len(cells_old) < len(old) or len(cells_new) < len(new):
        yield Change(KIND_SCENARIO, CHANGED, "cell_overrides", old, new, item=scenario_id)
        return
    for key in {**cells_old, **cells_new}:
        before, after = cells_old.get(key), cells_new.get(key)
        if before != after:
            field = f"cell:{key[0]}/{key[1]}"
            action = _override_action(before, after)
            yield Change(KIND_SCENARIO, action, field, before, after, item=scenario_id)


def _override_action(before: Any, after: Any) -> str:
    """An override that came or went is added or removed, as whole items are."""
    return ADDED if before is None else REMOVED if after is None else CHANGED


def split_overrides_of_removed_items(changes: list[Change]) -> tuple[list[Change], list[Change]]:
    """``changes`` without the scenario overrides and the screening decisions removed with
    the project or criterion they concern (the removal of the item says it), and those:
    kept apart as implied, so the changes still rebuild the newer version."""
    gone = {
        (change.kind, change.project or change.criterion)
        for change in changes
        if change.action == REMOVED and change.kind in (KIND_PROJECT, KIND_CRITERION)
    }
    if not gone:
        return changes, []

    def with_its_item(change: Change) -> bool:
        if change.kind == KIND_PROJECT and change.field == "screening":
            return (KIND_PROJECT, change.project) in gone
        if change.kind != KIND_SCENARIO or change.action != REMOVED or not change.field:
            return False
        kind, _, target = change.field.partition(":")
        if kind == "weight":
            return (KIND_CRITERION, target) in gone
        project_id, _, criterion_id = target.partition("/")
        return (KIND_PROJECT, project_id) in gone or (KIND_CRITERION, criterion_id) in gone

    listed = [change for change in changes if not with_its_item(change)]
    return listed, [change for change in changes if with_its_item(change)]


def _screening_changes(old: Assessment, new: Assessment) -> Iterator[Change]:
    """The screening record's changes: the list and its date as one change of the
    assessment, then, per project (in the newer version's order, then those removed), its
    decisions and territory overrides as one change of that project, filed with it.

    Each side of a project's change is ``{"decisions": [...], "territory_overrides": [...]}``
    holding that project's entries in their order; an order that means nothing (entries of
    different projects, or of different hits: :func:`_in_meaning_order`) is not a change.
    """
    old_record = old.screening.model_dump(mode="json")
    new_record = new.screening.model_dump(mode="json")
    before = {name: old_record[name] for name in SCREENING_LIST_FIELDS}
    after = {name: new_record[name] for name in SCREENING_LIST_FIELDS}
    if before != after:
        yield Change(KIND_ASSESSMENT, CHANGED, "screening", before, after)
    old_parts, new_parts = _by_project(old_record), _by_project(new_record)
    order = [p.id for p in new.projects] + [p.id for p in old.projects]
    for project_id in dict.fromkeys([*order, *old_parts, *new_parts]):
        empty: dict[str, list[Any]] = {name: [] for name in SCREENING_PROJECT_LISTS}
        part_old = old_parts.get(project_id, empty)
        part_new = new_parts.get(project_id, empty)
        if _in_meaning_order(part_old) != _in_meaning_order(part_new):
            yield Change(KIND_PROJECT, CHANGED, "screening", part_old, part_new, project=project_id)


def _in_meaning_order(part: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """A project's decisions and overrides in an order that keeps only what the order means:
    a decision is looked up by its counterparty (as :func:`counterparty_key` reads it), entry
    and the list it was made on (screening always names the list, so decisions made on
    different lists never meet; those naming none are the fallback, in their own order), an
    override by its territory, the first that matches winning; so entries are sorted by that
    key, and those sharing a key keep their order (the sort is stable). The app re-appends a
    hit decided again: that moves it, and changes nothing."""
    return {
        "decisions": sorted(
            part["decisions"],
            key=lambda d: (
                counterparty_key(d["counterparty"]),
                d["entry_id"],
                counterparty_key(d["list_name"]),
            ),
        ),
        "territory_overrides": sorted(part["territory_overrides"], key=lambda o: o["territory"]),
    }


def _by_project(record: dict[str, Any]) -> dict[str, dict[str, list[Any]]]:
    """A screening record's decisions and territory overrides, project by project."""
    parts: dict[str, dict[str, list[Any]]] = {}
    for name in SCREENING_PROJECT_LISTS:
        for entry in record[name]:
            part = parts.setdefault(entry["project"], {n: [] for n in SCREENING_PROJECT_LISTS})
            part[name].append(entry)
    return parts


def document_changes(old: Assessment, new: Assessment) -> list[Change]:
    """Every difference between two versions a reader is told of: the assessment's fields,
    criteria, projects, the screening record, cells (:mod:`.cells`), texts marked reviewed
    (:mod:`.reviews`), sources and scenarios."""
    from rrisk.compare.cells import cell_changes
    from rrisk.compare.reviews import review_changes

    changes: list[Change] = []
    old_meta = old.model_dump(mode="json", include=set(METADATA_FIELDS))
    new_meta = new.model_dump(mode="json", include=set(METADATA_FIELDS))
    changes += _field_changes(KIND_ASSESSMENT, old_meta, new_meta, ())
    changes += _items(KIND_CRITERION, old.criteria, new.criteria, "criterion")
    changes += _items(KIND_PROJECT, old.projects, new.projects, "project")
    changes += _screening_changes(old, new)
    changes += cell_changes(old, new)
    changes += review_changes(old, new)
    changes += _items(KIND_SOURCE, old.sources, new.sources, "item")
    changes += _items(KIND_SCENARIO, old.scenarios, new.scenarios, "item")
    return changes
