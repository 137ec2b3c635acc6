"""Under the memo's scenario the check reads cells as the memo scores them: a cell the
scenario scores is assessed there, and its evidence (the cell's own) is what is judged."""

from __future__ import annotations

from rrisk.check import check_document
from rrisk.model import parse_assessment


def _document():
    return parse_assessment(
        {
            "as_of": "2025-06-01",
            "criteria": [{"id": "cost", "name": "Cost"}, {"id": "export", "name": "Export ban"}],
            "projects": [{"id": "alpha", "name": "Alpha"}],
            "sources": [{"id": "rumour", "title": "Rumour", "date": "2025", "credibility": 5}],
            "cells": {
                "alpha": {
                    "cost": {"likelihood": 2, "impact": 2},
                    "export": {"evidence": [{"source": "rumour", "quote": "a ban is coming"}]},
                }
            },
            "scenarios": [
                {
                    "id": "ban",
                    "name": "China ban",
                    "cell_overrides": [
                        {"project": "alpha", "criterion": "export", "likelihood": 5, "impact": 4}
                    ],
                }
            ],
        }
    )


def _cell_lines(scenario: str | None) -> list[str]:
    return [
        p.message
        for p in check_document(_document(), scenario)
        if p.place == "project 'alpha' “Alpha”"
    ]


def test_a_cell_only_the_scenario_scores_is_assessed_under_it() -> None:
    assert _cell_lines(None) == [
        "1 cell is unassessed: Export ban",
        "1 cell is assessed without evidence: Cost",
    ]
    assert _cell_lines("ban") == [
        "1 cell is assessed without evidence: Cost",
        "1 cell is backed only by evidence graded D–F or 4–6: Export ban",
    ]
