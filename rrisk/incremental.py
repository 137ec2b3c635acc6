"""Rescoring after a cell edit without compiling the whole document again.

:func:`rrisk.scoring.compile_matrix` reads every cell of the document (80 ms at 500 × 40);
after an edit of a few cells only those cells' values differ. :func:`patch_matrix` copies the
previous :class:`~rrisk.scoring.Matrix` and writes the edited cells again, baseline first and
the scenario's override over it, exactly as ``compile_matrix`` does for every cell; the
scoring of the arrays (:func:`rrisk.scoring.score_matrix`, vectorised) then runs as usual.
Weights, rules, names, scenarios and screening are not cell data: an edit of any of them
compiles afresh. ``tests/rrisk/test_incremental.py`` checks the result equals a full score.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import numpy as np

from rrisk.cells import SCORE_FIELDS
from rrisk.model import Assessment
from rrisk.scoring import RANGE_FIELDS, Matrix, apply_override, range_set


def patch_matrix(
    matrix: Matrix,
    doc: Assessment,
    cells: Iterable[tuple[str, str]],
    scenario_id: str | None,
) -> Matrix | None:
    """``matrix`` with these cells read again from ``doc`` (under ``scenario_id``), or None
    when the matrix does not match the document's projects and criteria any more."""
    if matrix.project_ids != [p.id for p in doc.projects] or matrix.criterion_ids != [
        c.id for c in doc.criteria
    ]:
        return None
    rows = {pid: i for i, pid in enumerate(matrix.project_ids)}
    columns = {cid: j for j, cid in enumerate(matrix.criterion_ids)}
    overrides = {}
    if scenario_id is not None:
        scenario = next((s for s in doc.scenarios if s.id == scenario_id), None)
        if scenario is None:
            return None
        overrides = scenario.overrides_by_cell()
    arrays = {name: getattr(matrix, name).copy() for name in SCORE_FIELDS}
    manual = matrix.manual_red_line.copy()
    manual_reason = dict(matrix.manual_reason)
    ranged = matrix.ranged.copy() if matrix.ranged is not None else None
    for project_id, criterion_id in cells:
        i, j = rows.get(project_id), columns.get(criterion_id)
        if i is None or j is None:
            continue
        cell = doc.cells.get(project_id, {}).get(criterion_id)
        for name in SCORE_FIELDS:
            value = getattr(cell, name) if cell is not None else None
            arrays[name][i, j] = np.nan if value is None else value
        if ranged is not None:
            ranged[i, j] = range_set({name: arrays[name][i, j] for name in RANGE_FIELDS})
        manual_reason.pop((i, j), None)
        manual[i, j] = bool(cell is not None and cell.red_line)
        if cell is not None and cell.red_line:
            manual_reason[(i, j)] = (cell.red_line_reason, cell.red_line_basis)
        override = overrides.get((project_id, criterion_id))
        if override is not None:
            apply_override(arrays, manual, manual_reason, i, j, override)
    return replace(
        matrix, **arrays, manual_red_line=manual, manual_reason=manual_reason, ranged=ranged
    )
