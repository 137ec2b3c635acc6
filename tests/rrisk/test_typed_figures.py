"""A memo under a scenario: indices typed as numbers in the prose are the baseline's."""

from __future__ import annotations

import pytest

from rrisk.check import WARNING, check_document
from rrisk.narrative import stamp_text, typed_figures
from rrisk.scoring import score

# Baseline: alpha 29.2 (14/48), beta 31.3 (15/48). Under "eased" (b weighs 3): alpha 20.8,
# beta 15.6. Under "same" (a weight of 1 given again) nothing moves.
SCENARIOS = [
    {"id": "eased", "name": "Sanctions eased", "weight_overrides": {"b": 3.0}},
    {"id": "same", "name": "Nothing moves", "weight_overrides": {"a": 1.0}},
]


@pytest.fixture
def doc(make_doc):
    document = make_doc(
        {"a": 1.0, "b": 1.0},
        {"alpha": {"a": (3, 4), "b": (2, 2)}, "beta": {"a": (4, 4), "b": (1, 1)}},
        scenarios=SCENARIOS,
    )
    result = score(document)
    assert [round(float(x), 2) for x in result.index] == [29.17, 31.25]
    return document


def figures_said(document, scenario: str | None) -> list:
    return [
        p
        for p in check_document(document, scenario)
        if "typed figures are the baseline's" in p.message
    ]


def test_an_index_typed_in_the_summary_is_named_under_a_scenario_that_moves_it(doc) -> None:
    doc.summary = "Alpha scores 29.2 and Beta 31 out of 100 (likelihood 4 of 5; 29.2% covered)."
    stamp_text(doc, "summary")
    (problem,) = figures_said(doc, "eased")
    assert problem.severity == WARNING and problem.place == "summary"
    assert problem.target == {"kind": "text", "key": "summary"}
    assert "“Sanctions eased”" in problem.message
    assert "“29.2” is the index of “Alpha” in the baseline (20.8 under the scenario)" in (
        problem.message
    )
    assert "“31” is the index of “Beta” in the baseline (15.6 under the scenario)" in (
        problem.message
    )
    # Scores, the scale's 100 and a percentage are not indices.
    assert [f.typed for f in typed_figures(doc, score(doc, "eased"))] == ["29.2", "31"]


def test_no_warning_without_a_scenario_or_where_the_scenario_moves_nothing(doc) -> None:
    doc.summary = "Alpha scores 29.2 and Beta 31.3."
    assert figures_said(doc, None) == []
    assert figures_said(doc, "same") == []


def test_fields_and_other_numbers_are_no_typed_index(doc) -> None:
    doc.summary = "Alpha scores {{index:alpha}} ({{index:beta|0}} for Beta); 12.5 Mt at 29.25 %."
    doc.recommendation = "Revisit in 2029.2 or after 131 days; grade 29,20 g/t."
    # A whole number followed by a word counts something: 31 engineers, 29 t.
    doc.notes = "Beta employs 31 engineers and shipped 29 t in 2024."
    assert figures_said(doc, "eased") == []
    doc.notes = "Beta: 31 out of 100."
    assert len(figures_said(doc, "eased")) == 1
    # The small words a sentence goes on with, an index word before it, a line's end: read.
    for notes in (
        "Beta scores 31 under current sanctions.",
        "Beta 31 while Alpha lags.",
        "Beta 31 vs Alpha's 29 today.",
        "Beta 31\nAlpha 29",
        "Index 31 employees-weighted.",
    ):
        doc.notes = notes
        (said,) = figures_said(doc, "eased")
        assert "“31” is the index of “Beta”" in said.message, notes


def test_a_rationale_is_read_for_the_projects_it_is_about_only(doc) -> None:
    doc.cells["alpha"]["a"].rationale = "Beta's index is 31.3; ours is 29,2 today."
    found = typed_figures(doc, score(doc, "eased"))
    # Beta's figure in a rationale of alpha is a figure of another project: not read.
    assert [(f.place, f.typed, f.project, f.under) for f in found] == [
        ("rationale of project 'alpha' “Alpha”, criterion 'a' “A”", "29,2", "Alpha", "20.8")
    ]
    (problem,) = figures_said(doc, "eased")
    assert problem.target == {"kind": "text", "key": "cell:alpha:a"}


def test_a_whole_figure_the_scenario_leaves_whole_is_no_warning(make_doc) -> None:
    """29.2 → 29.0 under the scenario: "29.2" is the baseline's, "29" is true of both."""
    document = make_doc(
        {"a": 1.0, "b": 1.0},
        {"alpha": {"a": (3, 4), "b": (2, 2)}},
        scenarios=[{"id": "tiny", "name": "Tiny", "weight_overrides": {"b": 1.02}}],
    )
    assert [round(float(x), 1) for x in score(document, "tiny").index] == [29.0]
    document.summary = "Alpha: 29."
    assert figures_said(document, "tiny") == []
    document.summary = "Alpha: 29.2."
    (problem,) = figures_said(document, "tiny")
    assert "“29.2” is the index of “Alpha” in the baseline (29.0 under the scenario)" in (
        problem.message
    )
