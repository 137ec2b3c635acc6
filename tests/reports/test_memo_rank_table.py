"""The "Probability of each rank" table lists every project (the chart above it stops at 25),
and says so when a very long portfolio is cut."""

from __future__ import annotations

import pytest
from pdfread import ReadMemo

from reports import sections_uncertainty
from reports.memo import build_memo
from rrisk.model import parse_assessment


def _document(projects: int):
    return parse_assessment(
        {
            "as_of": "2026-11-30",
            "criteria": [{"id": "c1", "name": "Cost"}],
            "projects": [{"id": f"p{k}", "name": f"Site {k:02d}"} for k in range(projects)],
            "cells": {
                f"p{k}": {"c1": {"likelihood": 1 + k % 5, "impact": 1 + k // 5 % 5}}
                for k in range(projects)
            },
            "analysis": {"runs": 200},
        }
    )


def _rank_section(memo: ReadMemo) -> str:
    text = memo.text
    start = text.index("Probability of each rank")
    return text[start : text.index("Index as each weight varies", start)]


def test_every_project_is_in_the_rank_table() -> None:
    section = _rank_section(ReadMemo(build_memo(_document(30))))
    assert all(f"Site {k:02d}" in section for k in range(30))
    assert "are listed" not in section


def test_a_cut_rank_table_says_how_many_it_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sections_uncertainty, "MAX_RANK_ROWS", 10)
    section = _rank_section(ReadMemo(build_memo(_document(30))))
    assert "The first 10 of the 30 projects, in ranking order, are listed." in " ".join(
        section.split()
    )


def test_a_projects_red_lines_are_not_parted_from_its_name_by_a_page_break() -> None:
    """Each excluded project's red lines go to a page together: a page the table continues on
    starts with a project's name, never with a line of the project before (whose name,
    printed on its first line only, stayed on the page before)."""
    rule = {"threshold": 1, "reason": "every site is blocked " * 4, "basis": "Law 1 " * 8}
    document = parse_assessment(
        {
            "as_of": "2026-11-30",
            "criteria": [
                {"id": "c1", "name": "Sanctions", "red_line_rule": rule},
                {"id": "c2", "name": "Territory"},
            ],
            "projects": [{"id": f"p{k}", "name": f"Site {k:02d}"} for k in range(60)],
            "cells": {
                f"p{k}": {
                    "c1": {"likelihood": 2, "impact": 2},
                    "c2": {"likelihood": 1, "impact": 1, "red_line": True, "red_line_reason": "x"},
                }
                for k in range(60)
            },
            "analysis": {"runs": 200},
        }
    )
    memo = ReadMemo(build_memo(document))
    header = "Project Index Criterion Red line Legal basis "
    continued = [page for page in memo.pages if page.startswith(header)]
    assert continued  # the table runs over several pages
    assert all(page[len(header) :].startswith("Site ") for page in continued), [
        page[len(header) : len(header) + 40] for page in continued
    ]


@pytest.mark.parametrize("ranked", [26, 28])
def test_the_excluded_projects_heading_goes_with_the_first_projects_red_lines(ranked: int) -> None:
    """Where a ranking of 26 or 28 projects leaves room at the foot of its page for the
    "Excluded projects" heading and its text but not for the first project's three red lines,
    the heading starts the next page with them (it was left alone at the foot)."""
    rule = {"threshold": 20, "reason": "blocked " * 8, "basis": "Law " * 10}
    criteria = [
        {"id": f"c{j}", "name": f"Crit {j}", "red_line_rule": rule if j < 3 else None}
        for j in range(4)
    ]
    cells = {
        f"p{k}": {f"c{j}": {"likelihood": 1 + (k + j) % 3, "impact": 2} for j in range(4)}
        for k in range(ranked)
    }
    cells["x"] = {f"c{j}": {"likelihood": 5, "impact": 5} for j in range(4)}
    document = parse_assessment(
        {
            "as_of": "2026-01-01",
            "criteria": criteria,
            "projects": [{"id": f"p{k}", "name": f"Site {k:03d}"} for k in range(ranked)]
            + [{"id": "x", "name": "Excluded one"}],
            "cells": cells,
            "analysis": {"runs": 100},
        }
    )
    pages = ReadMemo(build_memo(document)).pages
    page = next(page for page in pages if "Excluded projects A red line" in page)
    assert "Excluded one 100.0 C1 Crit 0" in page


def test_an_unscored_project_says_why_it_has_no_rank_share() -> None:
    """A project with no assessed cell has no index in any run: its row was dashes alone."""
    document = parse_assessment(
        {
            "criteria": [{"id": "c1", "name": "One", "weight": 1}],
            "projects": [{"id": "a", "name": "Alpha"}, {"id": "b", "name": "Blank"}],
            "cells": {"a": {"c1": {"likelihood": 2, "impact": 3}}},
            "analysis": {"runs": 200, "seed": 1},
        }
    )
    section = " ".join(_rank_section(ReadMemo(build_memo(document))).split())
    assert (
        "— Blank not scored in any run: no criterion of weight above 0 has both its likelihood "
        "and impact – –"
    ) in section, section
