"""A printed index outside its own printed P10–P90 comes with the reason, where it shows."""

from __future__ import annotations

import re

import pytest
from pdfread import ReadMemo

from reports.memo import build_memo
from rrisk.model import parse_assessment


@pytest.fixture(scope="module")
def memo() -> ReadMemo:
    # No evidence: every cell is weak and drawn ±1 around its scores, within 1–5. Alpha's
    # 5 × 5 cells can only be drawn lower; Bravo's 3 × 3 either way.
    return ReadMemo(
        build_memo(
            parse_assessment(
                {
                    "as_of": "2026-11-30",
                    "criteria": [{"id": "c1", "name": "Cost"}, {"id": "c2", "name": "Access"}],
                    "projects": [{"id": "a", "name": "Alpha"}, {"id": "b", "name": "Bravo"}],
                    "cells": {
                        p: {c: {"likelihood": s, "impact": s} for c in ("c1", "c2")}
                        for p, s in (("a", 5), ("b", 3))
                    },
                    "analysis": {"runs": 2000},
                }
            )
        )
    )


def _row(text: str, name: str) -> tuple[float, float, float]:
    found = re.search(rf"\d+ {name} (\d+\.\d+) (\d+\.\d+)–(\d+\.\d+)", text)
    assert found, text[:400]
    index, low, high = (float(g) for g in found.groups())
    return index, low, high


def test_the_ranking_names_the_project_whose_index_is_outside_its_range(memo: ReadMemo) -> None:
    page = next(p for p in memo.pages if p.startswith("Ranking"))
    index, low, high = _row(page, "Alpha")
    assert index > high  # the case the note is for
    index, low, high = _row(page, "Bravo")
    assert low <= index <= high
    assert "The risk index of Alpha lies outside its P10–P90 range" in page
    assert "Bravo lies outside" not in page and "Alpha and Bravo" not in page


def test_the_uncertainty_section_gives_the_reason_beside_its_chart(memo: ReadMemo) -> None:
    section = memo.text[memo.text.index("Range of the risk index") :]
    section = section[: section.index("Probability of each rank")]
    assert "The risk index of Alpha lies outside its P10–P90 range" in section
    assert "default ±1 range can only reach inwards" in section


def test_the_reason_is_the_documents_own_and_two_projects_read_in_the_plural() -> None:
    """Every cell carries the analyst's one-sided range (4 drawn from 4–5) and none is drawn
    ±1 by default: the note blamed weak evidence the document does not have."""
    from reports.context import MemoContext
    from reports.sections_uncertainty import outside_range_note

    cell = {"likelihood": 4, "impact": 4, "likelihood_low": 4, "likelihood_high": 5}
    cell |= {"impact_low": 4, "impact_high": 5}
    document = parse_assessment(
        {
            "as_of": "2026-11-30",
            "criteria": [{"id": "c1", "name": "Cost"}, {"id": "c2", "name": "Access"}],
            "projects": [{"id": "a", "name": "Alpha"}, {"id": "b", "name": "Bravo"}],
            "cells": {p: {c: dict(cell) for c in ("c1", "c2")} for p in ("a", "b")},
            "analysis": {"runs": 2000},
        }
    )
    note = outside_range_note(MemoContext.create(document, None))
    assert note is not None
    assert note.startswith("The risk indices of <b>Alpha</b> and <b>Bravo</b> lie outside")
    assert "their P10–P90 ranges" in note
    assert "a range set by the analyst" in note and "default ±1" not in note


def test_the_one_sided_range_named_is_a_cell_of_this_assessment() -> None:
    """The note gave "(a 4 given 4–5)" whatever the scores: for a project scored 1 drawn
    from 1–2 it named a range no cell has. It names the project's own cell now, under the
    memo's scenario."""
    from reports.context import MemoContext
    from reports.sections_uncertainty import outside_range_note

    low = {"likelihood": 1, "impact": 2, "likelihood_low": 1, "likelihood_high": 2}
    even = {"likelihood": 3, "impact": 3, "likelihood_low": 2, "likelihood_high": 4}
    document = parse_assessment(
        {
            "as_of": "2026-11-30",
            "criteria": [
                {"id": "c1", "name": "Market access"},
                {"id": "c2", "name": "Sanctions exposure"},
            ],
            "projects": [
                {"id": "atacama", "name": "Salar de Atacama"},
                {"id": "lefke", "name": "Lefke"},
            ],
            "cells": {
                "atacama": {"c1": {"likelihood": 1, "impact": 1}, "c2": dict(low)},
                "lefke": {"c1": dict(even), "c2": dict(even)},
            },
            "scenarios": [
                {
                    "id": "s",
                    "name": "Tighter",
                    "cell_overrides": [{"project": "atacama", "criterion": "c2", "likelihood": 2}],
                }
            ],
            "analysis": {"runs": 2000},
        }
    )
    note = outside_range_note(MemoContext.create(document, None))
    assert note is not None and note.startswith("The risk index of <b>Salar de Atacama</b>")
    assert "reaches further one way: Sanctions exposure, likelihood 1 given 1–2;" in note
    assert "a 4 given 4–5" not in note
    under_scenario = outside_range_note(MemoContext.create(document, "s"))
    # 2 given 1–2 reaches further down: the scenario's score is the one named
    assert under_scenario is not None
    assert "Sanctions exposure, likelihood 2 given 1–2;" in under_scenario
