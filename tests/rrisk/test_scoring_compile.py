"""compile_matrix takes most rows whole; it must give what reading the cells one by one gives."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rrisk.cells import SCORE_FIELDS
from rrisk.model import parse_assessment
from rrisk.scoring import _score_table, compile_matrix


def _one_by_one(doc) -> tuple[dict[str, np.ndarray], np.ndarray, dict]:  # noqa: ANN001
    """The arrays, red lines and their reasons, cell by cell."""
    rows = {p.id: i for i, p in enumerate(doc.projects)}
    cols = {c.id: j for j, c in enumerate(doc.criteria)}
    shape = (len(rows), len(cols))
    arrays = {name: np.full(shape, np.nan) for name in SCORE_FIELDS}
    manual = np.zeros(shape, dtype=bool)
    reasons = {}
    for project_id, row in doc.cells.items():
        for criterion_id, cell in row.items():
            i, j = rows[project_id], cols[criterion_id]
            for name in SCORE_FIELDS:
                value = getattr(cell, name)
                arrays[name][i, j] = np.nan if value is None else value
            if cell.red_line:
                manual[i, j] = True
            if cell.red_line or cell.red_line_reason or cell.red_line_basis:
                reasons[(i, j)] = (cell.red_line_reason, cell.red_line_basis)
    return arrays, manual, reasons


score = st.one_of(st.none(), st.integers(1, 5))
cell = st.fixed_dictionaries(
    {"likelihood": score, "impact": score},
    optional={
        "red_line": st.booleans(),
        "red_line_reason": st.sampled_from(["", "Причина", "why"]),
        "red_line_basis": st.sampled_from(["", "EO 14065"]),
    },
)
criteria = ["a", "b", "c", "d"]
matrix = st.lists(
    st.dictionaries(st.sampled_from(criteria), cell, max_size=4), min_size=0, max_size=6
)


@settings(max_examples=200, deadline=None)
@given(rows=matrix, order=st.permutations(criteria))
def test_the_compiled_arrays_are_the_cells_read_one_by_one(rows: list, order: list) -> None:
    """Rows with and without red lines, with missing cells, criteria in any order."""
    body = {
        "criteria": [{"id": c, "name": c.upper()} for c in order],
        "projects": [{"id": f"p{i}", "name": f"P{i}"} for i in range(len(rows))],
        "cells": {f"p{i}": row for i, row in enumerate(rows)},
    }
    doc = parse_assessment(body)
    compiled = compile_matrix(doc)
    arrays, manual, reasons = _one_by_one(doc)
    for name in SCORE_FIELDS:
        assert np.array_equal(getattr(compiled, name), arrays[name], equal_nan=True), name
    assert np.array_equal(compiled.manual_red_line, manual)
    assert list(compiled.manual_reason.items()) == list(reasons.items())


def test_the_score_table_is_numpys_reading_of_the_tuples() -> None:
    values = [
        (1, None, 3, 4, None, 5),
        (1.0, None, 3, 4, None, 5),  # equal to the first: the same numbers
        (True, 2, None, None, None, None),
        (1, 2, None, None, None, None),
        (2.5, float("nan"), 10**30, -1, 0, None),
        (None,) * 6,
        (5, 5, 5, 5, 5, 5),
    ]
    for chosen in (values, values[::-1], values[:1], [values[4]] * 3):
        assert np.array_equal(_score_table(chosen), np.array(chosen, dtype=float), equal_nan=True)
    unhashable = [(1, [2], None, None, None, None)]
    try:
        expected = np.array(unhashable, dtype=float)
    except (TypeError, ValueError) as error:
        kind = type(error)
        try:
            _score_table(unhashable)
        except kind:
            pass
        else:
            raise AssertionError("numpy refused the list; the score table did not")
    else:
        assert np.array_equal(_score_table(unhashable), expected)
