"""The executive summary tells apart two projects of the same name by their ids, as the
uncertainty section does: "Xeno and Xeno share the lowest risk index" named nobody."""

from __future__ import annotations

from reports.context import MemoContext
from reports.sections_front import _findings
from rrisk.model import parse_assessment
from rrisk.scoring import score


def _document(second_name: str):
    return parse_assessment(
        {
            "criteria": [
                {"id": "a", "name": "A", "weight": 1.0, "red_line_rule": {"threshold": 25}},
                {"id": "b", "name": "B", "weight": 1.0},
            ],
            "projects": [
                {"id": "xeno-1", "name": "Xeno"},
                {"id": "xeno-2", "name": second_name},
                {"id": "zed", "name": "Zed"},
                {"id": "out", "name": "Out"},
            ],
            "cells": {
                "xeno-1": {
                    "a": {"likelihood": 2, "impact": 2},
                    "b": {"likelihood": 2, "impact": 2},
                },
                "xeno-2": {
                    "a": {"likelihood": 2, "impact": 2},
                    "b": {"likelihood": 2, "impact": 2},
                },
                "zed": {"a": {"likelihood": 4, "impact": 4}, "b": {"likelihood": 3, "impact": 3}},
                "out": {"a": {"likelihood": 5, "impact": 5}, "b": {"likelihood": 1, "impact": 1}},
            },
        }
    )


def _summary(document) -> str:
    ctx = MemoContext.create(document, None)
    return " ".join(_findings(ctx, score(document).ranking()))


def test_two_projects_named_alike_are_told_apart_in_the_summary() -> None:
    text = _summary(_document("Xeno"))
    assert "<b>Xeno (xeno-1)</b> and <b>Xeno (xeno-2)</b> share the lowest risk index" in text
    assert "<b>Xeno</b>" not in text
    assert "Zed" in text and "(zed)" not in text  # a name no other project has stays as is
    assert "<b>Out</b>" in text and "(out)" not in text


def test_projects_named_apart_are_named_as_they_are() -> None:
    text = _summary(_document("Yeti"))
    assert "<b>Xeno</b> and <b>Yeti</b> share the lowest risk index" in text
    assert "(xeno-1)" not in text
