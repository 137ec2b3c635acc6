"""A heat map wider than the page is printed in parts, each column wide enough to read."""

from __future__ import annotations

from pdfread import ReadMemo

from reports.memo import build_memo
from rrisk.model import parse_assessment
from rrisk.templates import new_from_template


def _wide(criteria: int, projects: int = 3):
    return parse_assessment(
        {
            "as_of": "2025-01-01",
            "criteria": [
                {"id": f"c{j}", "name": f"Criterion number {j} with a longish name"}
                for j in range(criteria)
            ],
            "projects": [{"id": f"p{i}", "name": f"Project {i}"} for i in range(projects)],
            "cells": {
                f"p{i}": {
                    f"c{j}": {"likelihood": (i + j) % 5 + 1, "impact": 5} for j in range(criteria)
                }  # fmt: skip
                for i in range(projects)
            },
        }
    )


def test_thirty_criteria_come_in_two_parts_with_every_criterion_once() -> None:
    text = ReadMemo(build_memo(_wide(30))).text
    section = text[text.index("Heat map: projects × criteria") :]
    assert "Part 1 of 2: criteria C1–C15" in section
    assert "Part 2 of 2: criteria C16–C30" in section


def test_the_parts_share_the_criteria_evenly() -> None:
    text = ReadMemo(build_memo(_wide(17))).text
    section = text[text.index("Heat map: projects × criteria") :]
    assert "Part 1 of 2: criteria C1–C9" in section
    assert "Part 2 of 2: criteria C10–C17" in section


def test_a_label_of_one_line_is_one_line_whatever_its_length() -> None:
    from reports.charts import wrap_text
    from reports.styles import BOLD, REGULAR, styles

    styles()  # registers the fonts
    name = "Northern Siberian rare earth deposit expansion project 12"
    for font in (REGULAR, BOLD):
        (line,) = wrap_text(name, font, 7, 150, 1)
        assert line.endswith("…") and line.startswith("Northern Siberian")
        assert len(wrap_text(name, font, 7, 150, 2)) == 2


def test_the_template_heat_map_is_one_grid() -> None:
    text = ReadMemo(build_memo(new_from_template("russia-rare-earths"))).text
    section = text[text.index("Heat map: projects × criteria") :]
    assert "Part 1 of" not in section


def test_a_parts_caption_is_on_the_page_of_its_table() -> None:
    # 65 projects × 27 criteria put part 2's caption at the foot of a full page.
    memo = ReadMemo(build_memo(_wide(27, projects=65)))
    captions = 0
    for page in memo.pages:
        for part in page.split("Part ")[1:]:
            if " of 2: criteria C" not in part[:30]:
                continue
            captions += 1
            below = part.split("Investment committee memo")[0]  # up to the page's footer
            assert below.count("Project ") >= 3, f"'Part {part[:40]}' ends its page"
    assert captions == 2


def test_the_last_project_does_not_go_alone_to_the_next_page() -> None:
    # 34 projects: 33 rows fill the section's first page, and the 34th went overleaf alone
    # under the repeated header.
    pages = ReadMemo(build_memo(_wide(5, projects=34))).pages
    start = next(i for i, page in enumerate(pages) if page.startswith("Heat map"))
    overleaf = pages[start + 1]
    assert overleaf.startswith("Project C1 ")  # the table continues there, under its header
    assert overleaf.split("Cell bands")[0].count("Project ") - 1 >= 2
