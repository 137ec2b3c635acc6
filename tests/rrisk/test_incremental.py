"""Rescoring the edited cells only gives exactly what scoring the whole document gives."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rrisk.incremental import patch_matrix
from rrisk.model import Cell
from rrisk.scoring import compile_matrix, score, score_matrix
from rrisk.templates import new_from_template

TEMPLATE = new_from_template("russia-rare-earths")
PROJECTS = [p.id for p in TEMPLATE.projects]
CRITERIA = [c.id for c in TEMPLATE.criteria]
SCENARIOS = [None] + [s.id for s in TEMPLATE.scenarios]

edit = st.tuples(
    st.sampled_from(PROJECTS),
    st.sampled_from(CRITERIA),
    st.one_of(
        st.none(),
        st.builds(
            lambda likelihood, impact, red, ranged, basis: Cell(
                likelihood=likelihood,
                impact=impact,
                # A range on one score, or none (whether a cell has one is patched too).
                likelihood_low=max(1, likelihood - 1) if ranged else None,
                red_line=red,
                red_line_reason="r" if red else "",
                # A basis with or without the cell's own red line (a scenario's takes it).
                red_line_basis="b" if basis else "",
            ),
            st.integers(1, 5),
            st.integers(1, 5),
            st.booleans(),
            st.booleans(),
            st.booleans(),
        ),
    ),
)


def same(a, b) -> None:
    for name in ("index", "risk", "rank", "excluded", "red_line", "order", "coverage"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)
    assert a.red_lines == b.red_lines


@settings(max_examples=60, deadline=None)
@given(st.lists(edit, min_size=1, max_size=6), st.sampled_from(SCENARIOS))
def test_patching_the_edited_cells_equals_a_full_score(edits, scenario) -> None:
    doc = TEMPLATE.model_copy(deep=True)
    before = compile_matrix(doc, scenario)
    for project, criterion, cell in edits:
        row = doc.cells.setdefault(project, {})
        if cell is None:
            row.pop(criterion, None)
        else:
            row[criterion] = cell
    patched = patch_matrix(before, doc, [(p, c) for p, c, _ in edits], scenario)
    assert patched is not None
    same(score_matrix(patched), score(doc, scenario))
    full = compile_matrix(doc, scenario)
    for name in ("ranged", "likelihood_low", "likelihood_high", "impact_low", "impact_high"):
        np.testing.assert_array_equal(getattr(patched, name), getattr(full, name), err_msg=name)
    # The earlier matrix is left as it was (views may still hold it).
    np.testing.assert_array_equal(before.likelihood, compile_matrix(TEMPLATE, scenario).likelihood)


def test_a_changed_structure_asks_for_a_full_compile() -> None:
    doc = TEMPLATE.model_copy(deep=True)
    matrix = compile_matrix(doc)
    doc.projects = doc.projects[:-1]
    assert patch_matrix(matrix, doc, [], None) is None


def test_a_cell_a_scenario_overrides_twice_counts_its_last_override_everywhere() -> None:
    """A file may give one cell two overrides (``rrisk check`` names it): the full score, the
    patched one and the README agree that only the last counts."""
    from rrisk.model import parse_assessment

    doc = parse_assessment(
        {
            "criteria": [{"id": "c1", "name": "C1"}],
            "projects": [{"id": "p1", "name": "P1"}, {"id": "p2", "name": "P2"}],
            "cells": {
                "p1": {"c1": {"likelihood": 3, "impact": 3}},
                "p2": {"c1": {"likelihood": 2, "impact": 4}},
            },
            "scenarios": [
                {
                    "id": "s",
                    "name": "S",
                    "cell_overrides": [
                        {"project": "p1", "criterion": "c1", "likelihood": 1},
                        {"project": "p1", "criterion": "c1", "impact": 5},
                    ],
                }
            ],
        }
    )
    matrix = compile_matrix(doc, "s")
    assert (matrix.likelihood[0, 0], matrix.impact[0, 0]) == (3, 5)
    doc.cells["p2"]["c1"] = Cell(likelihood=2, impact=4, status="reviewed")
    patched = patch_matrix(matrix, doc, [("p2", "c1"), ("p1", "c1")], "s")
    assert patched is not None
    same(score_matrix(patched), score(doc, "s"))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(CRITERIA), st.sampled_from([0.0, 0.5, 1.0, 2.5, 7.0])),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from(SCENARIOS),
)
def test_new_weights_on_the_previous_arrays_equal_a_full_score(weights, scenario) -> None:
    from rrisk.incremental import reweigh_matrix

    doc = TEMPLATE.model_copy(deep=True)
    before = compile_matrix(doc, scenario)
    for criterion_id, weight in weights:
        doc.criterion(criterion_id).weight = weight
    reweighed = reweigh_matrix(before, doc, scenario)
    assert reweighed is not None
    same(score_matrix(reweighed), score(doc, scenario))


def test_criteria_edited_beyond_their_weights_are_compiled_afresh() -> None:
    from rrisk.incremental import reweigh_matrix

    doc = TEMPLATE.model_copy(deep=True)
    before = compile_matrix(doc)
    doc.criteria[0].name = "Renamed"
    assert reweigh_matrix(before, doc, None) is None
    doc = TEMPLATE.model_copy(deep=True)
    ruled = next(c for c in doc.criteria if c.red_line_rule is not None)
    ruled.red_line_rule = ruled.red_line_rule.model_copy(
        update={"threshold": ruled.red_line_rule.threshold - 1}
    )
    assert reweigh_matrix(before, doc, None) is None
    doc = TEMPLATE.model_copy(deep=True)
    doc.criteria.reverse()
    assert reweigh_matrix(before, doc, None) is None


def test_a_category_moved_moves_the_criterion_screening_red_lines_sit_on() -> None:
    from rrisk.incremental import reweigh_matrix

    doc = TEMPLATE.model_copy(deep=True)
    before = compile_matrix(doc)
    for criterion in doc.criteria:  # the territory rule's criterion is another one now
        if criterion.category.casefold() == "ethics & legality":
            criterion.category = "other"
    reweighed = reweigh_matrix(before, doc, None)
    assert reweighed is not None
    assert reweighed.screening_red_lines == compile_matrix(doc).screening_red_lines
    assert reweighed.screening_red_lines != before.screening_red_lines
    same(score_matrix(reweighed), score(doc))


def test_many_cells_are_patched_at_once_not_one_by_one(monkeypatch) -> None:
    """Which cells have a range is found for all the patched cells in one array operation: one
    call per cell made undoing a pasted 2,000 × 40 block spend half its time there."""
    import rrisk.incremental

    calls: list[object] = []
    found = rrisk.incremental.range_set
    monkeypatch.setattr(
        rrisk.incremental, "range_set", lambda arrays: calls.append(arrays) or found(arrays)
    )
    doc = TEMPLATE.model_copy(deep=True)
    before = compile_matrix(doc, SCENARIOS[-1])
    keys = [(p, c) for p in PROJECTS for c in CRITERIA]
    for project, criterion in keys:
        cell = doc.cells.get(project, {}).get(criterion)
        if cell is not None:
            doc.cells[project][criterion] = cell.model_copy(update={"likelihood_low": None})
    patched = patch_matrix(before, doc, keys, SCENARIOS[-1])
    assert patched is not None
    assert len(calls) == 1
    same(score_matrix(patched), score(doc, SCENARIOS[-1]))
    full = compile_matrix(doc, SCENARIOS[-1])
    np.testing.assert_array_equal(patched.ranged, full.ranged)


override_edit = st.tuples(
    st.sampled_from(PROJECTS),
    st.sampled_from(CRITERIA),
    st.one_of(
        st.none(),  # the override removed
        st.builds(
            lambda likelihood, impact, red, reason: {
                "likelihood": likelihood,
                "impact": impact,
                "red_line": red,
                "red_line_reason": reason,
            },
            st.one_of(st.none(), st.integers(1, 5)),
            st.one_of(st.none(), st.integers(1, 5)),
            st.one_of(st.none(), st.booleans()),
            st.sampled_from([None, "", "Embargo"]),
        ),
    ),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(override_edit, min_size=1, max_size=6),
    st.sampled_from(SCENARIOS[1:]),
    st.booleans(),
)
def test_patching_the_cells_of_edited_overrides_equals_a_full_score(
    edits, scenario, given_overrides
) -> None:
    """A scenario's overrides set, changed or removed (a score, a red line lifted or set, one
    setting nothing): patching those cells under it gives what a full score gives, whether
    the caller gives the overrides that set something or leaves them to be read."""
    from rrisk.model import CellOverride, sets_nothing

    doc = TEMPLATE.model_copy(deep=True)
    before = compile_matrix(doc, scenario)
    position = [s.id for s in doc.scenarios].index(scenario)
    overrides = doc.scenarios[position].overrides_by_cell()
    for project, criterion, fields in edits:
        if fields is None:
            overrides.pop((project, criterion), None)
        else:
            overrides[(project, criterion)] = CellOverride(
                project=project, criterion=criterion, **fields
            )
    doc.scenarios[position] = doc.scenarios[position].model_copy(
        update={"cell_overrides": list(overrides.values())}
    )
    setting = {k: o for k, o in overrides.items() if not sets_nothing(o)}
    patched = patch_matrix(
        before,
        doc,
        [(p, c) for p, c, _ in edits],
        scenario,
        setting if given_overrides else None,
    )
    assert patched is not None
    same(score_matrix(patched), score(doc, scenario))
    full = compile_matrix(doc, scenario)
    for name in ("ranged", "likelihood_low", "likelihood_high", "impact_low", "impact_high"):
        np.testing.assert_array_equal(getattr(patched, name), getattr(full, name), err_msg=name)
    assert patched.manual_reason == full.manual_reason
