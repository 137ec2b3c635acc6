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
    assert "1 cell is taken as certain" in line  # p/a (counted on the baseline, it read 0)
    baseline = method_line(monte_carlo(document, None, runs=200, seed=1), document)
    assert "1 cell without a range drew the default ±1 because its evidence is weak" in baseline
    assert "1 cell is taken as certain" in baseline


def test_counts_of_none_and_one_read_as_the_memo_says_them() -> None:
    """Every cell ranged: "no cell is taken as certain", as the memo's method note says (it
    read "0 cells taken as certain", and one ranged cell "1 cell with ranges")."""
    document = parse_assessment(
        {
            "criteria": [{"id": "a", "name": "A"}],
            "projects": [{"id": "p", "name": "P"}],
            "cells": {"p": {"a": {"likelihood": 2, "likelihood_high": 3, "impact": 2}}},
        }
    )
    line = method_line(monte_carlo(document, None, runs=200, seed=1), document)
    assert line.endswith(
        "seed 1. 1 cell carries a range set by the analyst; no cell without a range has weak "
        "evidence, so none drew the default ±1; no cell is taken as certain."
    )
    document.cells["p"]["a"].likelihood_high = None
    document.cells["p"]["a"].likelihood_low = None
    line = method_line(monte_carlo(document, None, runs=200, seed=1), document)
    assert "seed 1. No cell carries a range set by the analyst; 1 cell without a range" in line


def test_one_row_left_out_of_a_chart_is_said_in_the_singular(qtbot, monkeypatch) -> None:
    """One project or criterion beyond what a chart draws: "1 more project is listed", "1 more
    criterion moves" (they read "1 more projects are listed", "1 more criteria move")."""
    from PySide6.QtGui import QPainter

    from desktop.analysis.interval_chart import IntervalChart
    from desktop.analysis.tornado_chart import MAX_TORNADO_ROWS, TornadoChart, TornadoRow

    drawn: list[str] = []
    draw_text = QPainter.drawText

    def recorded(painter: QPainter, *args: object) -> None:
        drawn.extend(arg for arg in args if isinstance(arg, str))
        draw_text(painter, *args)

    monkeypatch.setattr(QPainter, "drawText", recorded)
    tornado, interval = TornadoChart(), IntervalChart()
    for chart in (tornado, interval):
        qtbot.addWidget(chart)
        chart.resize(800, 900)
    rows = [
        TornadoRow(f"Criterion {n}", 1.0, 40.0 - n, 60.0 + n, True, f"c{n}")
        for n in range(MAX_TORNADO_ROWS + 1)
    ]
    tornado.set_data("Tomtor", 50.0, rows)
    document = parse_assessment(
        {
            "criteria": [{"id": "a", "name": "A"}],
            "projects": [{"id": "p", "name": "P"}, {"id": "q", "name": "Q"}],
            "cells": {"p": {"a": {"likelihood": 2, "impact": 2}}},
        }
    )
    interval.set_result(monte_carlo(document, None, runs=200, seed=1), [0], 1)
    tornado.grab()
    interval.grab()
    assert "1 more criterion moves the index less than those shown." in drawn
    assert "1 more project is listed in the table above." in drawn


def test_a_run_with_no_cell_assessed_says_so_as_the_memo_does() -> None:
    """Nothing assessed, nothing drawn: "No cell is assessed, so none is drawn", the memo's
    words (it said no cell without a range had weak evidence and none drew the default ±1,
    of cells that have neither range nor evidence)."""
    document = parse_assessment(
        {
            "criteria": [{"id": "a", "name": "A"}],
            "projects": [{"id": "p", "name": "P"}, {"id": "q", "name": "Q"}],
        }
    )
    line = method_line(monte_carlo(document, None, runs=200, seed=1), document)
    assert line.endswith("seed 1. No cell is assessed, so none is drawn.")
