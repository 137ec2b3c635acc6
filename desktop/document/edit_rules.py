"""Pure helpers behind the controller's edits: ids, reference checks, cascades.

Nothing here changes the document: functions compute new objects or messages, and the
controller wraps the result in an undo command.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from rrisk.model import Assessment, Cell, Scenario


def unique_slug(name: str, used: set[str], fallback: str = "item") -> str:
    """A valid id from ``name`` (lower-case ASCII, ``-`` between words), unique among ``used``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9_.-]+", "-", ascii_name.lower()).strip("-._")[:56] or fallback
    candidate, number = slug, 2
    while candidate in used:
        candidate = f"{slug}-{number}"
        number += 1
    return candidate


def position_of(items: list[Any], item_id: str) -> int | None:
    """Index of the item with ``item_id`` in a list of criteria/projects/sources/scenarios."""
    for position, item in enumerate(items):
        if item.id == item_id:
            return position
    return None


def drop_scenario_refs(
    document: Assessment,
    before: dict[str, Any],
    after: dict[str, Any],
    project: str | None = None,
    criterion: str | None = None,
) -> None:
    """Add to ``before``/``after`` the scenarios without overrides of a removed item."""
    scenarios = document.scenarios
    updated: list[Scenario] = []
    changed = False
    for scenario in scenarios:
        overrides = [
            o for o in scenario.cell_overrides if o.project != project and o.criterion != criterion
        ]
        weights = {k: v for k, v in scenario.weight_overrides.items() if k != criterion}
        if overrides != scenario.cell_overrides or weights != scenario.weight_overrides:
            scenario = scenario.model_copy(
                update={"cell_overrides": overrides, "weight_overrides": weights}
            )
            changed = True
        updated.append(scenario)
    if changed:
        before["scenarios"] = scenarios
        after["scenarios"] = updated


def without_source(cell: Cell, source_id: str) -> Cell:
    """The cell without its evidence links to ``source_id`` (the same object if it has none)."""
    if not any(link.source == source_id for link in cell.evidence):
        return cell
    kept = [link for link in cell.evidence if link.source != source_id]
    return cell.model_copy(update={"evidence": kept})
