"""Scenarios compared: what a scenario changes is counted once, and only if it changes."""

from __future__ import annotations

from reports.context import MemoContext
from reports.sections_back import _changes_text, _scenario_finding
from rrisk.model import CellOverride, parse_assessment


def _document():
    cells = {
        "a": {"c1": (2, 2), "c2": (3, 3)},
        "b": {"c1": (3, 3), "c2": (2, 2)},
        "c": {"c1": (4, 4), "c2": (4, 4)},
    }
    return parse_assessment(
        {
            "criteria": [
                {"id": "c1", "name": "Cost", "weight": 1},
                {"id": "c2", "name": "Access", "weight": 3},
            ],
            "projects": [{"id": p, "name": p.upper()} for p in cells],
            "cells": {
                p: {c: {"likelihood": lik, "impact": imp} for c, (lik, imp) in row.items()}
                for p, row in cells.items()
            },
            "scenarios": [
                {
                    "id": "ban",
                    "name": "Ban",
                    # c2 weighs 3 already; A's c1 is 2 already; B gets a red line.
                    "weight_overrides": {"c2": 3},
                    "cell_overrides": [
                        {"project": "a", "criterion": "c1", "likelihood": 2},
                        {
                            "project": "b",
                            "criterion": "c1",
                            "red_line": True,
                            "red_line_reason": "Banned",
                        },
                    ],
                }
            ],
        }
    )


def test_an_override_giving_the_baseline_value_is_no_change() -> None:
    document = _document()
    assert _changes_text(document, document.scenarios[0]) == (
        "No weight change, 1 cell change (2 overrides restate the baseline)"
    )


def test_a_project_newly_excluded_is_not_also_counted_as_changing_rank() -> None:
    """Baseline: B first (r 9, 4), A second, C third. Under "Ban" B is excluded and A and C
    move up a place each: 2 projects change rank, 1 newly excluded (B, counted once)."""
    document = _document()
    context = MemoContext.create(document, None)
    finding = _scenario_finding(context, context.scenario_results["ban"])
    assert "2 projects change rank; 1 newly excluded." in finding, finding


def test_a_score_given_again_over_a_range_or_a_new_reason_is_a_change() -> None:
    """The scenario's score replaces the cell's range (the Monte Carlo draws it as stated):
    giving the cell's own score back over a range changes the figures; so does a new reason."""
    document = _document()
    cell = document.cells["a"]["c1"]
    cell.likelihood_low, cell.likelihood_high = 1, 3
    overrides = document.scenarios[0].cell_overrides
    # A reason without the scenario's red line sets nothing the scoring reads: that override
    # is no change, nor a restatement (as a blank row added in the app is not).
    overrides[1].red_line, overrides[1].red_line_reason = None, "Another reason"
    assert _changes_text(document, document.scenarios[0]) == (
        "No weight change, 1 cell change (1 override restates the baseline)"
    )
    # A red line the cell has too, with a reason of the scenario's own, is a change.
    document.cells["b"]["c1"].red_line, document.cells["b"]["c1"].red_line_reason = True, "Own"
    overrides[1].red_line = True
    assert _changes_text(document, document.scenarios[0]) == (
        "No weight change, 2 cell changes (1 override restates the baseline)"
    )
    overrides[1].red_line_reason = ""  # the cell's own reason, then
    assert _changes_text(document, document.scenarios[0]).startswith("No weight change, 1 cell")


def test_no_red_line_on_an_unassessed_cell_restates_the_baseline() -> None:
    """A cell not in the document has no red line: a scenario's "no red line" on it changes
    nothing, as on an assessed cell without one (it was counted as a cell change)."""
    document = _document()
    del document.cells["c"]["c2"]
    document.scenarios[0].cell_overrides = [
        CellOverride(project="c", criterion="c2", red_line=False),
        CellOverride(project="a", criterion="c2", red_line=False),
    ]
    assert _changes_text(document, document.scenarios[0]) == (
        "No weight or cell change (3 overrides restate the baseline)"
    )
