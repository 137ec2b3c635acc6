"""The scoring method, checked against values worked out by hand.

Reminder of the method: cell risk r = L × I; index = 100 × Σ w·(r−1)/24 / Σ w over the
assessed criteria; coverage = assessed weight / total weight.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from rrisk.scoring import (
    CELL_BANDS,
    INDEX_BANDS,
    ScoreResult,
    band_name,
    cell_band,
    index_band,
    json_share,
    score,
)


def by_id(result: ScoreResult) -> dict:
    return {p.id: p for p in result.ranking()}


def test_index_and_coverage_of_a_fully_assessed_project(make_doc) -> None:
    doc = make_doc({"a": 2.0, "b": 1.0}, {"p": {"a": (3, 4), "b": (1, 1)}})
    project = by_id(score(doc))["p"]
    # r_a = 12, r_b = 1: 100 × (2·11/24 + 1·0/24) / 3 = 100 × 22/72 = 30.555…
    assert project.index == pytest.approx(2200 / 72)
    assert project.band == "Medium"
    assert project.coverage == 1.0
    assert (project.status, project.rank, project.red_lines) == ("ranked", 1, ())


def test_extremes_are_0_and_100(make_doc) -> None:
    doc = make_doc({"a": 1.0}, {"low": {"a": (1, 1)}, "high": {"a": (5, 5)}})
    scores = by_id(score(doc))
    # r = 1 → (1−1)/24 = 0; r = 25 → 24/24 = 1.
    assert scores["low"].index == 0.0
    assert scores["high"].index == 100.0


@pytest.mark.parametrize(
    "half_cell",
    [(5, None), (None, 5), (None, None)],
    ids=["likelihood only", "impact only", "empty cell"],
)
def test_cell_missing_likelihood_or_impact_is_unassessed(make_doc, half_cell) -> None:
    doc = make_doc({"a": 2.0, "b": 1.0}, {"p": {"a": (5, 5), "b": half_cell}})
    result = score(doc)
    project = by_id(result)["p"]
    # Only a counts: 100 × 2·24/24 / 2 = 100; coverage = 2 / (2 + 1).
    assert project.index == 100.0
    assert project.coverage == pytest.approx(2 / 3)
    assert math.isnan(result.risk[0, 1])
    assert result.cell_band[0, 1] == -1


def test_missing_cell_is_unassessed(make_doc) -> None:
    doc = make_doc({"a": 1.0, "b": 3.0}, {"p": {"b": (2, 3)}})
    project = by_id(score(doc))["p"]
    # Only b: 100 × 3·5/24 / 3 = 20.833…; coverage 3/4.
    assert project.index == pytest.approx(500 / 24)
    assert project.coverage == 0.75


def test_zero_weight_criterion_counts_for_nothing(make_doc) -> None:
    doc = make_doc({"a": 1.0, "b": 0.0}, {"p": {"a": (1, 2), "b": (5, 5)}, "q": {"b": (5, 5)}})
    scores = by_id(score(doc))
    # p: 100 × (1·1/24 + 0·24/24) / (1 + 0) = 4.1666…; coverage 1/1.
    assert scores["p"].index == pytest.approx(100 / 24)
    assert scores["p"].coverage == 1.0
    # q: its only assessed criterion weighs 0, so Σ w = 0: no index, coverage 0/1.
    assert scores["q"].index is None
    assert scores["q"].status == "unscored"
    assert scores["q"].rank is None
    assert scores["q"].coverage == 0.0
    assert scores["q"].band == band_name(-1)


def test_all_zero_weights_leave_every_project_unscored(make_doc) -> None:
    doc = make_doc({"a": 0.0, "b": 0.0}, {"p": {"a": (3, 3), "b": (2, 2)}, "q": {"a": (1, 1)}})
    result = score(doc)
    assert [p.status for p in result.ranking()] == ["unscored", "unscored"]
    assert [p.id for p in result.ranking()] == ["p", "q"]  # by name: "P" < "Q"
    assert result.coverage.tolist() == [0.0, 0.0]
    assert np.isnan(result.index).all()
    assert result.rank.tolist() == [0, 0]


def test_ranking_is_lowest_risk_first(make_doc) -> None:
    doc = make_doc(
        {"a": 1.0},
        {"mid": {"a": (3, 3)}, "top": {"a": (1, 1)}, "worst": {"a": (5, 4)}},
    )
    ranking = score(doc).ranking()
    # r: top 1 → 0, mid 9 → 33.3, worst 20 → 79.2.
    assert [(p.id, p.rank) for p in ranking] == [("top", 1), ("mid", 2), ("worst", 3)]
    assert [p.band for p in ranking] == ["Low", "Medium", "Critical"]


def test_ties_are_broken_by_name_case_insensitively(make_doc) -> None:
    same = {"a": (2, 3)}
    doc = make_doc(
        {"a": 1.0},
        {"d": same, "c": same, "b": same},
        names={"d": "delta", "c": "Charlie", "b": "bravo"},
    )
    # Case-sensitive order would put "Charlie" before "bravo".
    assert [p.name for p in score(doc).ranking()] == ["bravo", "Charlie", "delta"]
    assert [p.rank for p in score(doc).ranking()] == [1, 2, 3]


def test_equal_indices_tie_even_when_float_sums_differ(make_doc) -> None:
    doc = make_doc(
        {"a": 0.1, "b": 0.2, "c": 0.3},
        {
            "p1": {"a": (5, 5), "b": (5, 5), "c": (1, 1)},
            "p2": {"a": (1, 1), "b": (1, 1), "c": (5, 5)},
        },
        names={"p1": "Alpha", "p2": "Beta"},
    )
    result = score(doc)
    # p1: 100 × (0.1 + 0.2) / 0.6 = 50; p2: 100 × 0.3 / 0.6 = 50. In floats 0.1 + 0.2 ≠ 0.3,
    # yet both are 50 exactly, in the High band, and the tie goes to the name.
    assert result.index.tolist() == [50.0, 50.0]
    assert [(p.name, p.rank, p.band) for p in result.ranking()] == [
        ("Alpha", 1, "High"),
        ("Beta", 2, "High"),
    ]


@pytest.mark.parametrize(
    ("risk", "band"),
    [
        (1, "Low"),
        (4, "Low"),
        (5, "Medium"),
        (9, "Medium"),
        (10, "High"),
        (16, "High"),
        (20, "Critical"),
        (25, "Critical"),
    ],
)
def test_cell_band_boundaries(risk: int, band: str) -> None:
    assert CELL_BANDS[cell_band(risk)] == band


def test_cell_band_of_arrays_marks_unassessed() -> None:
    bands = cell_band(np.array([[4.0, 5.0, np.nan], [16.0, 20.0, 12.5]]))
    assert bands.tolist() == [[0, 1, -1], [2, 3, 2]]


def test_cell_bands_through_scoring(make_doc) -> None:
    scores = [(2, 2), (1, 5), (3, 3), (2, 5), (4, 4), (4, 5)]  # r = 4, 5, 9, 10, 16, 20
    weights = {f"c{k}": 1.0 for k in range(len(scores))}
    doc = make_doc(weights, {"p": {f"c{k}": s for k, s in enumerate(scores)}})
    result = score(doc)
    assert result.risk[0].tolist() == [4, 5, 9, 10, 16, 20]
    assert result.cell_band[0].tolist() == [0, 1, 1, 2, 2, 3]


@pytest.mark.parametrize(
    ("index", "band"),
    [(0.0, 0), (24.99, 0), (25.0, 1), (49.99, 1), (50.0, 2), (74.99, 2), (75.0, 3), (100.0, 3)],
)
def test_index_band_boundaries(index: float, band: int) -> None:
    assert index_band(index) == band
    assert band_name(band) == INDEX_BANDS[band]


def test_index_band_of_nan_is_none() -> None:
    assert index_band(float("nan")) == -1
    assert index_band(np.array([10.0, np.nan, 80.0])).tolist() == [0, -1, 3]
    assert band_name(-1) == "—"


def test_index_exactly_on_band_boundaries(make_doc) -> None:
    two = {"a": 1.0, "b": 1.0}
    three = {"a": 1.0, "b": 1.0, "c": 1.0}
    cases = [
        # 100 × ((10−1) + (4−1)) / 48 = 25 → Medium.
        (two, {"a": (2, 5), "b": (2, 2)}, 25.0, "Medium"),
        # 100 × ((16−1) + (10−1)) / 48 = 50 → High.
        (two, {"a": (4, 4), "b": (2, 5)}, 50.0, "High"),
        # 100 × ((25−1) + (16−1) + (16−1)) / 72 = 75 → Critical.
        (three, {"a": (5, 5), "b": (4, 4), "c": (4, 4)}, 75.0, "Critical"),
        # 100 × ((25−1) + (16−1) + (15−1)) / 72 = 73.6 → High.
        (three, {"a": (5, 5), "b": (4, 4), "c": (3, 5)}, 5300 / 72, "High"),
    ]
    for weights, row, expected, band in cases:
        project = score(make_doc(weights, {"p": row})).ranking()[0]
        assert project.index == pytest.approx(expected, abs=1e-9)
        assert project.band == band


# -- red lines -----------------------------------------------------------------------------


def red_cell(likelihood, impact, reason="", basis="") -> dict:
    return {
        "likelihood": likelihood,
        "impact": impact,
        "red_line": True,
        "red_line_reason": reason,
        "red_line_basis": basis,
    }


def test_manual_red_line_on_an_assessed_cell_excludes(make_doc) -> None:
    doc = make_doc(
        {"a": 1.0, "b": 1.0},
        {"safe": {"a": (5, 5)}, "flagged": {"a": (1, 1), "b": red_cell(1, 1, "SDN owner", "OFAC")}},
    )
    result = score(doc)
    flagged = by_id(result)["flagged"]
    # Its index (0, the lowest possible) buys nothing: the red line is non-compensatory.
    assert flagged.index == 0.0
    assert (flagged.status, flagged.rank) == ("excluded", None)
    assert [(r.criterion, r.reason, r.basis, r.kind) for r in flagged.red_lines] == [
        ("b", "SDN owner", "OFAC", "manual")
    ]
    assert by_id(result)["safe"].rank == 1
    assert result.excluded.tolist() == [False, True]
    assert result.red_line.tolist() == [[False, False], [False, True]]


def test_manual_red_line_on_an_unassessed_cell_still_excludes(make_doc) -> None:
    doc = make_doc({"a": 1.0, "b": 1.0}, {"p": {"a": (2, 2), "b": red_cell(None, None)}})
    project = by_id(score(doc))["p"]
    assert project.status == "excluded"
    # The flag does not make the cell assessed: index and coverage come from a only.
    assert project.index == pytest.approx(300 / 24)  # 100 × 3/24
    assert project.coverage == 0.5
    assert project.red_lines[0].reason == "red line set by the analyst"
    assert project.red_lines[0].basis == ""


RULE = {"threshold": 10, "reason": "", "basis": ""}


def test_rule_fires_at_exactly_the_threshold(make_doc) -> None:
    doc = make_doc({"s": 1.0}, {"p": {"s": (2, 5)}}, rules={"s": RULE})  # r = 10
    project = by_id(score(doc))["p"]
    assert project.status == "excluded"
    assert [(r.criterion, r.reason, r.kind) for r in project.red_lines] == [
        ("s", "cell risk 10 is at or above the red line 10", "rule")
    ]


def test_rule_does_not_fire_just_below_the_threshold(make_doc) -> None:
    doc = make_doc({"s": 1.0}, {"p": {"s": (3, 3)}}, rules={"s": RULE})  # r = 9
    project = by_id(score(doc))["p"]
    assert (project.status, project.rank, project.red_lines) == ("ranked", 1, ())


def test_rule_never_fires_on_unassessed_cells(make_doc) -> None:
    # Threshold 1 would fire on any assessed cell.
    doc = make_doc(
        {"s": 1.0, "t": 1.0},
        {"half": {"s": (5, None), "t": (1, 1)}, "blank": {"t": (1, 1)}},
        rules={"s": {"threshold": 1}},
    )
    result = score(doc)
    assert not result.excluded.any()
    assert [p.status for p in result.ranking()] == ["ranked", "ranked"]


def test_rule_reason_and_basis_are_carried(make_doc) -> None:
    rule = {"threshold": 20, "reason": "Blocking sanctions risk", "basis": "EO 14024"}
    doc = make_doc({"s": 1.0}, {"p": {"s": (4, 5)}}, rules={"s": rule})
    (red_line,) = by_id(score(doc))["p"].red_lines
    assert (red_line.reason, red_line.basis, red_line.kind) == (
        "Blocking sanctions risk",
        "EO 14024",
        "rule",
    )
    assert red_line.as_dict() == {
        "criterion": "s",
        "reason": "Blocking sanctions risk",
        "basis": "EO 14024",
        "kind": "rule",
    }


def test_manual_flag_and_rule_on_one_cell_give_two_reasons(make_doc) -> None:
    doc = make_doc(
        {"s": 1.0},
        {"p": {"s": red_cell(5, 5, "Owner designated")}},
        rules={"s": {"threshold": 25}},
    )
    reasons = [(r.kind, r.reason) for r in by_id(score(doc))["p"].red_lines]
    assert reasons == [
        ("manual", "Owner designated"),
        ("rule", "cell risk 25 is at or above the red line 25"),
    ]


def test_unscored_projects_sit_between_ranked_and_excluded(make_doc) -> None:
    doc = make_doc(
        {"a": 1.0, "b": 0.0},
        {
            "zulu": {"a": (5, 5)},
            "excluded-a": {"a": red_cell(1, 1)},
            "nothing": {},
            "zero-weight": {"b": (3, 3)},
            "alpha": {"a": (1, 2)},
            "excluded-b": {"b": red_cell(None, None)},
        },
        names={
            "zulu": "Zulu",
            "excluded-a": "Aardvark",
            "nothing": "Nothing yet",
            "zero-weight": "Mid",
            "alpha": "Alpha",
            "excluded-b": "Zebra",
        },
    )
    ranking = score(doc).ranking()
    assert [(p.name, p.status, p.rank) for p in ranking] == [
        ("Alpha", "ranked", 1),
        ("Zulu", "ranked", 2),
        ("Mid", "unscored", None),
        ("Nothing yet", "unscored", None),
        ("Aardvark", "excluded", None),
        ("Zebra", "excluded", None),
    ]
    # An excluded project keeps its index when it has one; an unscored one has none.
    assert [p.index for p in ranking[2:]] == [None, None, 0.0, None]
    # The statuses taken at once (the ranking view's) are the ones taken row by row.
    result = score(doc)
    assert result.statuses() == [result.status(row) for row in range(len(ranking))]
    assert sorted(result.statuses()) == sorted(p.status for p in ranking)


def test_band_ranges_in_words_follow_the_thresholds() -> None:
    from rrisk.scoring import cell_band_ranges, index_band_ranges

    assert cell_band_ranges() == [
        ("Low", "1–4"),
        ("Medium", "5–9"),
        ("High", "10–16"),
        ("Critical", "20–25"),
    ]
    assert index_band_ranges() == [
        ("Low", "0 to < 25"),
        ("Medium", "25 to < 50"),
        ("High", "50 to < 75"),
        ("Critical", "75 to 100"),
    ]


def test_json_figures_agree_with_their_band_and_never_round_a_gap_away(make_doc) -> None:
    # 100 × (5·1 + 7·0.9985) / (24 × 1.9985) = 24.9969…: Low, so the JSON must not say 25.0.
    just_low = make_doc({"a": 1.0, "b": 0.9985}, {"p": {"a": (2, 3), "b": (2, 4)}})
    project = score(just_low).ranking()[0]
    data = project.as_dict()
    assert 24.99 < project.index < 25.0 and project.band == "Low"
    assert data["index"] == 24.99 and data["band"] == "Low"
    # One of 1,000.01 weight points unassessed: the coverage is not complete.
    gap = make_doc({"a": 1000.0, "b": 0.01}, {"p": {"a": (2, 3)}})
    data = score(gap).ranking()[0].as_dict()
    assert data["coverage"] == 0.9999
    # A figure far from any edge keeps plain rounding.
    plain = score(make_doc({"a": 1.0}, {"p": {"a": (3, 4)}})).ranking()[0].as_dict()
    assert (plain["index"], plain["coverage"]) == (round(1100 / 24, 2), 1.0)
    # Probabilities (rrisk analyze) follow the same rule at both ends.
    assert (json_share(0.99996), json_share(0.00004), json_share(0.0)) == (0.9999, 0.0001, 0.0)


def test_json_shares_round_halves_up_as_the_printed_percentages_do(make_doc) -> None:
    """A coverage of 2.675 weight points of 100 is 0.02675: the JSON gave 0.0267 (the float
    lies just below it) and 1/32 gave 0.0312 (a half rounded to even), where every printed
    figure rounds halves up."""
    doc = make_doc({"a": 2.675, "b": 97.325}, {"p": {"a": (2, 3)}})
    assert score(doc).ranking()[0].as_dict()["coverage"] == 0.0268
    assert (json_share(1 / 32), json_share(0.6 / 1.6), json_share(0.00005)) == (
        0.0313,
        0.375,
        0.0001,
    )
