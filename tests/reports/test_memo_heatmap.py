"""A heat map wider than the page is printed in parts, each column wide enough to read."""

from __future__ import annotations

from pdfread import ReadMemo

from reports.memo import build_memo
from rrisk.model import parse_assessment
from rrisk.templates import new_from_template


def _wide(criteria: int):
    return parse_assessment(
        {
            "as_of": "2025-01-01",
            "criteria": [
                {"id": f"c{j}", "name": f"Criterion number {j} with a longish name"}
                for j in range(criteria)
            ],
            "projects": [{"id": f"p{i}", "name": f"Project {i}"} for i in range(3)],
            "cells": {
                f"p{i}": {
                    f"c{j}": {"likelihood": (i + j) % 5 + 1, "impact": 5} for j in range(criteria)
                }  # fmt: skip
                for i in range(3)
            },
        }
    )


def test_thirty_criteria_come_in_two_parts_with_every_criterion_once() -> None:
    text = ReadMemo(build_memo(_wide(30))).text
    section = text[text.index("Heat map: projects × criteria") :]
    assert "Part 1 of 2: criteria C1–C15" in section
    assert "Part 2 of 2: criteria C16–C30" in section


def test_the_template_heat_map_is_one_grid() -> None:
    text = ReadMemo(build_memo(new_from_template("russia-rare-earths"))).text
    section = text[text.index("Heat map: projects × criteria") :]
    assert "Part 1 of" not in section
