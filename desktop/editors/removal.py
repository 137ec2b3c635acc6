"""The question asked before a project or criterion is removed, naming what goes with it.

One text wherever the removal is asked for (the editors' Remove, the Edit menu's Remove
Project / Remove Criterion from the matrix), so no way of removing an item loses its scenario
overrides, screening decisions or red-line rule unmentioned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rrisk.scoring import score
from rrisk.text import listed, names_apart, plural

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController
    from rrisk.model import Assessment

HELD = ("manual", "rule")
"""Kinds of red line a criterion holds itself, which go when it is removed."""


def project_removal_question(document: Assessment, project: Any) -> str:
    """ "Remove the project …?", naming its cells, scenario overrides and screening records."""
    row = document.cells.get(project.id, {})
    assessed = sum(1 for cell in row.values() if cell.assessed)
    overrides = sum(
        1 for s in document.scenarios for key in s.overrides_by_cell() if key[0] == project.id
    )
    screening = document.screening
    decisions = sum(1 for d in screening.decisions if d.project == project.id)
    territory = sum(1 for o in screening.territory_overrides if o.project == project.id)
    lost = [f"{plural(len(row), 'cell')} ({assessed} assessed)"] if row else []
    for count, word in (
        (overrides, "scenario override"),
        (decisions, "screening decision"),
        (territory, "territory override"),
    ):
        if count:
            lost.append(plural(count, word))
    return (
        f"Remove the project “{project.name}”?\n\n"
        + (f"This also deletes its {listed(lost)}.\n" if lost else "")
        + f"Undo (Ctrl+Z) brings {'everything' if lost else 'it'} back."
    )


def criterion_removal_question(controller: DocumentController, criterion: Any) -> str:
    """ "Remove the criterion …?", naming its cells, red-line rule and scenario overrides, and
    the projects its red lines alone exclude, which would be ranked again."""
    document = controller.document
    cells = sum(1 for row in document.cells.values() if criterion.id in row)
    overrides = sum(
        (criterion.id in s.weight_overrides)
        + sum(1 for key in s.overrides_by_cell() if key[1] == criterion.id)
        for s in document.scenarios
    )
    flagged = sum(
        1 for row in document.cells.values() if criterion.id in row and row[criterion.id].red_line
    )
    lost: list[str] = []
    if cells:
        lost.append(
            f"{plural(cells, 'cell')} scored on it"
            + (f" ({flagged} with a red line)" if flagged else "")
        )
    rule = criterion.red_line_rule
    if rule is not None:
        lost.append(f"its red-line rule (r ≥ {rule.threshold})")
    if overrides:
        lost.append(plural(overrides, "scenario override"))
    freed = _excluded_only_by(controller, criterion.id)
    let_in = (
        f"\n{listed(freed, 10)} {'is' if len(freed) == 1 else 'are'} excluded by its red "
        f"lines alone: {'it' if len(freed) == 1 else 'they'} would be ranked again."
        if freed
        else ""
    )
    return (
        f"Remove the criterion “{criterion.name}”?\n\n"
        + (f"This also deletes {listed(lost)}.{let_in}\n" if lost else "")
        + f"Undo (Ctrl+Z) brings {'everything' if lost else 'it'} back."
    )


def _excluded_only_by(controller: DocumentController, criterion_id: str) -> list[str]:
    """The projects (names) that the baseline excludes only by red lines the criterion holds
    (its rule, its cells' flags): removing it lets them into the ranking. Screening and
    territory red lines are not among them: they move to another criterion."""
    document = controller.document
    result = controller.result if controller.scenario_id is None else score(document)
    names = names_apart(document.projects)
    return [
        names[project_id]
        for project_id, excluded, lines in zip(
            result.matrix.project_ids, result.excluded, result.red_lines, strict=True
        )
        if excluded and all(line.criterion == criterion_id and line.kind in HELD for line in lines)
    ]
