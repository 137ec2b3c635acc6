""" "What the scores say" does not single out one of several projects tied at the top."""

from __future__ import annotations

from pdfread import ReadMemo

from reports.memo import build_memo
from rrisk.model import parse_assessment


def _document(scores: list[tuple[int, int]]):
    return parse_assessment(
        {
            "as_of": "2025-01-01",
            "criteria": [{"id": "c", "name": "C"}],
            "projects": [{"id": f"p{i}", "name": f"Project {i}"} for i in range(len(scores))],
            "cells": {
                f"p{i}": {"c": {"likelihood": likelihood, "impact": impact}}
                for i, (likelihood, impact) in enumerate(scores)
            },
        }
    )


def test_projects_tied_at_the_top_share_first_place() -> None:
    text = ReadMemo(build_memo(_document([(3, 3)] * 3 + [(4, 4)]))).text
    assert "Project 0, Project 1, Project 2 share the lowest risk index of the 4 ranked" in text
    assert "Project 0 has the lowest risk index" not in text
    assert "The highest-risk ranked project is Project 3" in text


def test_all_tied_names_no_highest_risk_project() -> None:
    text = ReadMemo(build_memo(_document([(2, 2)] * 3))).text
    assert "share the lowest risk index of the 3 ranked" in text
    assert "The highest-risk ranked project" not in text


def test_a_clear_first_is_named_alone() -> None:
    text = ReadMemo(build_memo(_document([(2, 2), (3, 3)]))).text
    assert "Project 0 has the lowest risk index of the 2 ranked projects" in text
