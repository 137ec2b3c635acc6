"""The analysis view's method line counts the cells as the run drew them: under its scenario."""

from __future__ import annotations

from desktop.analysis.text import method_line
from rrisk.analysis import monte_carlo
from rrisk.model import CellOverride, parse_assessment


def test_cells_a_scenario_scores_count_among_those_taken_as_certain() -> None:
    document = parse_assessment(
        {
            "criteria": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
            "projects": [{"id": "p", "name": "P"}, {"id": "q", "name": "Q"}],
            "sources": [{"id": "s", "title": "Survey", "reliability": "A", "credibility": 1}],
            "cells": {
                "p": {"a": {"likelihood": 2, "impact": 2, "evidence": [{"source": "s"}]}},
                "q": {
                    "a": {"likelihood": 3, "impact": 3},  # no evidence: weak
                    "b": {"likelihood": 1, "likelihood_low": 1, "likelihood_high": 2, "impact": 4},
                },
            },
            "scenarios": [{"id": "s1", "name": "Stress"}],
        }
    )
    # The scenario scores a cell the baseline leaves unassessed.
    document.scenarios[0].cell_overrides = [
        CellOverride(project="p", criterion="b", likelihood=4, impact=4)
    ]
    result = monte_carlo(document, "s1", runs=200, seed=1)
    # Assessed under the scenario: p/a, q/a, q/b and the scenario's p/b (no evidence: weak).
    assert (result.ranged_cells, result.weak_cells) == (1, 2)
    line = method_line(result, document)
    assert "2 cells without a range drew the default ±1 because their evidence is weak" in line
    assert "1 cell taken as certain" in line  # p/a (counted on the baseline, it read 0)
    baseline = method_line(monte_carlo(document, None, runs=200, seed=1), document)
    assert "1 cell without a range drew the default ±1 because its evidence is weak" in baseline
    assert "1 cell taken as certain" in baseline
