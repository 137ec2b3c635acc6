"""Invariants of the scoring method on random matrices (hypothesis)."""

from __future__ import annotations

import copy
import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rrisk.model import parse_assessment
from rrisk.scoring import score

SCORES = st.one_of(st.none(), st.integers(1, 5))
# A weight is 0 or at least rrisk.model.MIN_WEIGHT (a smaller one is refused on open).
WEIGHTS = st.one_of(st.sampled_from([0.0, 1.0, 2.0]), st.floats(1e-6, 10, allow_nan=False))


@st.composite
def matrix_bodies(draw: st.DrawFn) -> dict[str, Any]:
    """A document body: 1–4 criteria, 1–6 projects, random cells, flags and rules."""
    n_criteria = draw(st.integers(1, 4))
    names = draw(
        st.lists(
            st.text(alphabet="abcABCéЖ", min_size=1, max_size=4),
            min_size=1,
            max_size=6,
            unique_by=str.casefold,  # distinct names, so ties have one answer
        )
    )
    criteria = [
        {
            "id": f"c{j}",
            "name": f"C{j}",
            "weight": draw(WEIGHTS),
            "red_line_rule": draw(
                st.one_of(st.none(), st.builds(dict, threshold=st.integers(1, 25)))
            ),
        }
        for j in range(n_criteria)
    ]
    cells: dict[str, dict[str, Any]] = {}
    for i in range(len(names)):
        row = {}
        for j in range(n_criteria):
            if draw(st.booleans()):
                row[f"c{j}"] = {
                    "likelihood": draw(SCORES),
                    "impact": draw(SCORES),
                    # Rare enough that most projects stay in the ranking.
                    "red_line": draw(st.sampled_from([False] * 7 + [True])),
                }
        cells[f"p{i}"] = row
    return {
        "criteria": criteria,
        "projects": [{"id": f"p{i}", "name": name} for i, name in enumerate(names)],
        "cells": cells,
    }


def expected_scores(body: dict[str, Any]) -> dict[str, tuple[float | None, float, bool]]:
    """(index, coverage, excluded) per project, computed cell by cell from PRODUCT.md."""
    weights = {c["id"]: c["weight"] for c in body["criteria"]}
    rules = {c["id"]: c["red_line_rule"] for c in body["criteria"]}
    total = sum(weights.values())
    found = {}
    for project in body["projects"]:
        row = body["cells"].get(project["id"], {})
        assessed_weight = weighted = 0.0
        excluded = False
        for criterion_id, cell in row.items():
            excluded |= cell["red_line"]
            if cell["likelihood"] is None or cell["impact"] is None:
                continue
            risk = cell["likelihood"] * cell["impact"]
            rule = rules[criterion_id]
            excluded |= rule is not None and risk >= rule["threshold"]
            assessed_weight += weights[criterion_id]
            weighted += weights[criterion_id] * (risk - 1) / 24
        index = 100 * weighted / assessed_weight if assessed_weight > 0 else None
        coverage = assessed_weight / total if total > 0 else 0.0
        found[project["id"]] = (index, coverage, excluded)
    return found


@settings(max_examples=150, deadline=None)
@given(matrix_bodies())
def test_scores_match_the_formula_and_stay_in_range(body: dict[str, Any]) -> None:
    result = score(parse_assessment(body))
    expected = expected_scores(body)
    for project in result.ranking():
        index, coverage, excluded = expected[project.id]
        if index is None:
            assert project.index is None
        else:
            assert math.isclose(project.index, index, rel_tol=1e-9, abs_tol=1e-7)
            assert 0.0 <= project.index <= 100.0
        assert math.isclose(project.coverage, coverage, rel_tol=1e-9, abs_tol=1e-12)
        assert 0.0 <= project.coverage <= 1.0 + 1e-12
        # Excluded if and only if some cell carries a red line.
        assert (project.status == "excluded") == excluded
        assert (project.status == "excluded") == bool(project.red_lines)


@settings(max_examples=150, deadline=None)
@given(matrix_bodies())
def test_ranking_orders_by_index_then_name(body: dict[str, Any]) -> None:
    ranking = score(parse_assessment(body)).ranking()
    statuses = [p.status for p in ranking]
    # Ranked first, then unscored, then excluded.
    assert statuses == sorted(statuses, key=["ranked", "unscored", "excluded"].index)
    ranked = [p for p in ranking if p.status == "ranked"]
    assert [p.rank for p in ranked] == list(range(1, len(ranked) + 1))
    assert ranked == sorted(ranked, key=lambda p: (p.index, p.name.casefold()))
    assert all(p.rank is None for p in ranking if p.status != "ranked")


@settings(max_examples=150, deadline=None)
@given(matrix_bodies(), st.data())
def test_raising_a_score_never_lowers_the_index(body: dict[str, Any], data: st.DataObject) -> None:
    assessed = [
        (project_id, criterion_id, field)
        for project_id, row in body["cells"].items()
        for criterion_id, cell in row.items()
        if cell["likelihood"] is not None and cell["impact"] is not None
        for field in ("likelihood", "impact")
        if cell[field] < 5
    ]
    if not assessed:
        return
    project_id, criterion_id, field = data.draw(st.sampled_from(assessed))
    raised = copy.deepcopy(body)
    raised["cells"][project_id][criterion_id][field] += data.draw(st.integers(1, 4))
    raised["cells"][project_id][criterion_id][field] = min(
        raised["cells"][project_id][criterion_id][field], 5
    )
    before = score(parse_assessment(body))
    after = score(parse_assessment(raised))
    row = before.row_of(project_id)
    if math.isnan(before.index[row]):
        assert math.isnan(after.index[row])  # assessed weight is 0 either way
    else:
        assert after.index[row] >= before.index[row]


@settings(max_examples=100, deadline=None)
@given(matrix_bodies(), st.randoms(use_true_random=False))
def test_project_order_does_not_change_index_or_rank(body: dict[str, Any], random) -> None:
    shuffled = copy.deepcopy(body)
    random.shuffle(shuffled["projects"])
    original = {p.id: (p.index, p.rank, p.status) for p in score(parse_assessment(body)).ranking()}
    permuted = {
        p.id: (p.index, p.rank, p.status) for p in score(parse_assessment(shuffled)).ranking()
    }
    assert permuted == original
