"""Rescoring after a cell edit without compiling the whole document again.

:func:`rrisk.scoring.compile_matrix` reads every cell of the document (80 ms at 500 × 40);
after an edit of a few cells only those cells' values differ. :func:`patch_matrix` copies the
previous :class:`~rrisk.scoring.Matrix` and writes the edited cells again, baseline first and
the scenario's override over it, exactly as ``compile_matrix`` does for every cell; the
scoring of the arrays (:func:`rrisk.scoring.score_matrix`, vectorised) then runs as usual.
Rules, names, scenarios and screening are not cell data: an edit of any of them compiles
afresh. An edit of criteria that changed their weights alone (:func:`reweigh_matrix`) puts the
new weights on the previous arrays. ``tests/rrisk/test_incremental.py`` checks the result equals a full score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from operator import attrgetter

import numpy as np

from rrisk.cells import SCORE_FIELDS, Cell
from rrisk.model import Assessment, CellOverride
from rrisk.scoring import (
    RANGE_FIELDS,
    Matrix,
    _screening_red_lines,
    apply_override,
    range_set,
)

_scores = attrgetter(*SCORE_FIELDS)


def patch_matrix(
    matrix: Matrix,
    doc: Assessment,
    cells: Iterable[tuple[str, str]],
    scenario_id: str | None,
    overrides: Mapping[tuple[str, str], CellOverride] | None = None,
) -> Matrix | None:
    """``matrix`` with these cells read again from ``doc`` (under ``scenario_id``), or None
    when the matrix does not match the document's projects and criteria any more.

    ``overrides``: the scenario's overrides that count by cell, when the caller holds them
    already (those that set nothing may be left out); else they are read from ``doc``."""
    if matrix.project_ids != [p.id for p in doc.projects] or matrix.criterion_ids != [
        c.id for c in doc.criteria
    ]:
        return None
    rows = {pid: i for i, pid in enumerate(matrix.project_ids)}
    columns = {cid: j for j, cid in enumerate(matrix.criterion_ids)}
    if scenario_id is None:
        overrides = {}
    elif overrides is None:
        scenario = next((s for s in doc.scenarios if s.id == scenario_id), None)
        if scenario is None:
            return None
        overrides = scenario.overrides_by_cell()
    arrays = {name: getattr(matrix, name).copy() for name in SCORE_FIELDS}
    manual = matrix.manual_red_line.copy()
    ranged = matrix.ranged.copy() if matrix.ranged is not None else None
    # The scores are written, and the ranged cells found, for all the cells at once: cell by
    # cell that was half the time of undoing a pasted block (80,000 numpy calls each).
    at: list[tuple[int, int, str, str, Cell | None]] = []
    document_cells = doc.cells
    for project_id, criterion_id in cells:
        i, j = rows.get(project_id), columns.get(criterion_id)
        if i is not None and j is not None:
            cell = document_cells.get(project_id, {}).get(criterion_id)
            at.append((i, j, project_id, criterion_id, cell))
    if at:
        place = (np.fromiter((i for i, *_ in at), int), np.fromiter((j for _, j, *_ in at), int))
        unassessed = (None,) * len(SCORE_FIELDS)
        # One row of scores per cell; None is read as NaN.
        table = np.array(
            [unassessed if cell is None else _scores(cell) for *_, cell in at], dtype=float
        )
        for column, name in enumerate(SCORE_FIELDS):
            arrays[name][place] = table[:, column]
        if ranged is not None:
            ranged[place] = range_set({name: arrays[name][place] for name in RANGE_FIELDS})
        manual[place] = [cell is not None and cell.red_line for *_, cell in at]
    patched = {(i, j) for i, j, *_ in at}
    manual_reason = {
        key: reason for key, reason in matrix.manual_reason.items() if key not in patched
    }
    for i, j, _project_id, _criterion_id, cell in at:
        if cell is not None and (cell.red_line or cell.red_line_basis or cell.red_line_reason):
            # (Kept without the cell's own red line for a scenario's: see scoring.py.)
            manual_reason[(i, j)] = (cell.red_line_reason, cell.red_line_basis)
    for i, j, project_id, criterion_id, _cell in at if overrides else ():
        override = overrides.get((project_id, criterion_id))
        if override is not None:
            apply_override(arrays, manual, manual_reason, i, j, override)
    return replace(
        matrix, **arrays, manual_red_line=manual, manual_reason=manual_reason, ranged=ranged
    )


def reweigh_matrix(matrix: Matrix, doc: Assessment, scenario_id: str | None) -> Matrix | None:
    """``matrix`` with the criteria's weights read again from ``doc`` (a scenario's weights
    over them, as :func:`rrisk.scoring.compile_matrix` sets them), or None when anything else
    the matrix holds of the projects or criteria differs: their ids, names or red-line rules.
    A weight edit then costs the scoring of the arrays alone, not a read of every cell."""
    criteria = doc.criteria
    if (
        matrix.project_ids != [p.id for p in doc.projects]
        or matrix.project_names != [p.name for p in doc.projects]
        or matrix.criterion_ids != [c.id for c in criteria]
        or matrix.criterion_names != [c.name for c in criteria]
    ):
        return None
    thresholds = np.array(
        [c.red_line_rule.threshold if c.red_line_rule else np.inf for c in criteria], dtype=float
    )
    reasons = [
        (c.red_line_rule.reason, c.red_line_rule.basis) if c.red_line_rule else ("", "")
        for c in criteria
    ]
    if not np.array_equal(thresholds, matrix.rule_threshold) or reasons != matrix.rule_reason:
        return None
    weights = np.array([c.weight for c in criteria], dtype=float)
    if scenario_id is not None:
        scenario = next((s for s in doc.scenarios if s.id == scenario_id), None)
        if scenario is None:
            return None
        columns = {cid: j for j, cid in enumerate(matrix.criterion_ids)}
        for criterion_id, weight in scenario.weight_overrides.items():
            if criterion_id in columns:
                weights[columns[criterion_id]] = weight
    # A category moves the criterion screening's red lines are put on: read again (cheap).
    return replace(matrix, weights=weights, screening_red_lines=_screening_red_lines(doc))
