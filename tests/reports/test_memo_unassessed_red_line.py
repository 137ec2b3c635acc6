"""A red line on a cell nobody scored (a manual red line needs no score) is shown wherever
the memo shows that cell, and a project with nothing assessed (or assessed only on criteria of weight 0) is not counted
as assessed."""

from __future__ import annotations

import pytest
from pdfread import ReadMemo

from reports.memo import build_memo
from rrisk.model import parse_assessment


@pytest.fixture(scope="module")
def memo() -> ReadMemo:
    return ReadMemo(
        build_memo(
            parse_assessment(
                {
                    "as_of": "2026-11-30",
                    "criteria": [
                        {"id": "cost", "name": "Cost", "weight": 1},
                        {"id": "legal", "name": "Legality", "weight": 2},
                        {"id": "spare", "name": "Spare criterion", "weight": 0},
                    ],
                    "projects": [
                        {"id": "a", "name": "Alpha"},
                        {"id": "b", "name": "Bravo"},
                        {"id": "d", "name": "Delta"},
                        {"id": "e", "name": "Echo"},
                    ],
                    "cells": {
                        "a": {"cost": {"likelihood": 2, "impact": 2}},
                        "b": {"cost": {"likelihood": 3, "impact": 4}},
                        "d": {
                            "legal": {
                                "red_line": True,
                                "red_line_reason": "Operates in an occupied territory",
                                "red_line_basis": "Council Regulation 2022/263",
                            }
                        },
                        # Scored only on a criterion of weight 0: no index, not assessed.
                        "e": {"spare": {"likelihood": 5, "impact": 5}},
                    },
                }
            )
        )
    )


def _delta_page(memo: ReadMemo) -> str:
    return next(page for page in memo.pages if "Delta stage" in page or "PROJECT 4 OF 4" in page)


def test_the_key_figures_count_only_projects_with_a_cell_assessed(memo: ReadMemo) -> None:
    # Two projects have a score; Delta is excluded by a red line on a cell nobody scored;
    # Echo's only score is on a criterion of weight 0, so it has no index.
    assert "2 2 1 Alpha index" in memo.text


def test_the_heat_map_marks_the_unscored_red_line_cell(memo: ReadMemo) -> None:
    section = memo.text[memo.text.index("Heat map: projects × criteria") :]
    delta = section[section.index("Delta") :][:60]
    assert "— —⊘ —" in delta or "— — ⊘ —" in delta, delta


def test_the_project_page_lists_the_red_line_among_its_risks(memo: ReadMemo) -> None:
    page = _delta_page(memo)
    assert "not assessed ⊘" in page
    risks = page[page.index("Top risks") :]
    assert "No criterion has been assessed" not in risks
    assert "C2 Legality" in risks and "⊘ Red line" in risks
