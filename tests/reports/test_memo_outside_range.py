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
    # The scenario's 2 replaces the range 1–2 (the analysis draws it as set, as
    # rrisk.scoring.apply_override does): no range of the analyst is named for it
    assert under_scenario is not None
    assert "given 1–2" not in under_scenario
    assert "reaches further one way;" in under_scenario


def _word_text(data: bytes) -> str:
    import io

    from docx import Document

    word = Document(io.BytesIO(data))
    cells = (c.text for t in word.tables for r in t.rows for c in r.cells)
    return " ".join([p.text for p in word.paragraphs] + list(cells))


def test_the_weak_edge_named_is_a_cell_of_this_assessment_in_pdf_and_word(
    memo: ReadMemo,
) -> None:
    """The note said "(a weakly evidenced 5 is drawn from 4–5)" whatever the document held:
    it names the project's own cell now, a 5 under an index above its range."""
    from reports.word.build import build_docx

    edge = "default ±1 range can only reach inwards: Cost, likelihood 5 on weak evidence, drawn"
    assert edge in " ".join(memo.text.split())
    assert "a weakly evidenced 5" not in memo.text
    document = parse_assessment(
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
    word = " ".join(_word_text(build_docx(document)).split())
    assert edge in word and "a weakly evidenced 5" not in word


def test_an_index_below_its_range_names_a_weak_1_under_the_memos_scenario() -> None:
    """Another shape: the project lies below its range (its weak scores of 1 can only be
    drawn up), the example is the scenario's score, and a weight the scenario sets to 0
    gives no example."""
    from reports.context import MemoContext
    from reports.sections_uncertainty import outside_range_note
    from reports.word.build import build_docx

    document = parse_assessment(
        {
            "as_of": "2026-11-30",
            "criteria": [
                {"id": "c1", "name": "Processing"},
                {"id": "c2", "name": "Political"},
                {"id": "c3", "name": "Ethics"},
            ],
            "projects": [{"id": "t", "name": "Tomtor"}, {"id": "l", "name": "Lovozero"}],
            "cells": {
                "t": {
                    "c1": {"likelihood": 1, "impact": 1},
                    "c2": {"likelihood": 2, "impact": 1},
                    "c3": {"likelihood": 1, "impact": 1},
                },
                "l": {c: {"likelihood": 3, "impact": 3} for c in ("c1", "c2", "c3")},
            },
            "scenarios": [
                {
                    "id": "s",
                    "name": "Calmer",
                    "weight_overrides": {"c1": 0},
                    "cell_overrides": [
                        {"project": "t", "criterion": "c2", "likelihood": 1},
                    ],
                }
            ],
            "analysis": {"runs": 2000},
        }
    )
    baseline = outside_range_note(MemoContext.create(document, None))
    assert baseline is not None and baseline.startswith("The risk index of <b>Tomtor</b>")
    assert "reach inwards: Processing, likelihood 1 on weak evidence, drawn from 1–2)" in baseline
    scenario = outside_range_note(MemoContext.create(document, "s"))
    # Processing weighs nothing here: the example is Political's likelihood as the scenario
    # sets it (its baseline 2 is drawn either way)
    assert scenario is not None
    assert "reach inwards: Political, likelihood 1 on weak evidence, drawn from 1–2)" in scenario
    word = " ".join(_word_text(build_docx(document, "s")).split())
    assert "Political, likelihood 1 on weak evidence, drawn from 1–2" in word


def test_weak_cells_none_of_them_at_the_edge_give_the_cause_without_an_example() -> None:
    """The outside project's pull comes from the analyst's range; the weak cells are
    another project's 3s, which can be drawn either way: no weak cell is named."""
    from reports.context import MemoContext
    from reports.sections_uncertainty import outside_range_note

    ranged = {"likelihood": 4, "impact": 4, "likelihood_low": 4, "likelihood_high": 5}
    document = parse_assessment(
        {
            "as_of": "2026-11-30",
            "criteria": [{"id": "c1", "name": "Cost"}],
            "projects": [{"id": "a", "name": "Alpha"}, {"id": "b", "name": "Bravo"}],
            "cells": {"a": {"c1": ranged}, "b": {"c1": {"likelihood": 3, "impact": 3}}},
            "analysis": {"runs": 2000},
        }
    )
    note = outside_range_note(MemoContext.create(document, None))
    assert note is not None and note.startswith("The risk index of <b>Alpha</b>")
    assert "a default ±1 range can only reach inwards)" in note
    assert "weakly evidenced" not in note and "on weak evidence" not in note


def test_the_one_sided_range_named_reaches_the_way_the_runs_fall_and_counts() -> None:
    """The example was the first cell of the project with any uneven range: one reaching
    up (2 given 2–3) for an index above its range, whose runs fall below, or one of a
    criterion weighted 0, which moves no index. It is now a weighted cell reaching the way
    the runs fall."""
    from reports.context import MemoContext
    from reports.sections_uncertainty import outside_range_note

    up = {"likelihood": 2, "impact": 2, "likelihood_low": 2, "likelihood_high": 3}
    down = {"likelihood": 5, "impact": 5, "likelihood_low": 2, "likelihood_high": 5}
    document = parse_assessment(
        {
            "as_of": "2026-11-30",
            "criteria": [
                {"id": "c0", "name": "Unweighted", "weight": 0},
                {"id": "c1", "name": "Logistics", "weight": 0.1},
                {"id": "c2", "name": "Sanctions exposure", "weight": 1},
            ],
            "projects": [{"id": "a", "name": "Alpha"}],
            "cells": {"a": {"c0": dict(down), "c1": dict(up), "c2": dict(down)}},
            "analysis": {"runs": 2000},
        }
    )
    note = outside_range_note(MemoContext.create(document, None))
    assert note is not None and "Alpha</b> lies outside" in note
    assert "reaches further one way: Sanctions exposure, likelihood 5 given 2–5)" in note
    assert "Logistics" not in note and "Unweighted" not in note
