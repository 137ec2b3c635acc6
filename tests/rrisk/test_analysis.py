"""Monte Carlo uncertainty and weight sensitivity (rrisk/analysis.py)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from rrisk.analysis import (
    AnalysisCancelled,
    _percentiles,
    _triangular,
    monte_carlo,
    rank_reversals,
    tornado,
)
from rrisk.errors import RRiskError
from rrisk.model import Assessment, parse_assessment
from rrisk.scoring import score

STRONG = {"id": "strong", "title": "Official register", "reliability": "A", "credibility": 1}
WEAK = {"id": "weak", "title": "Unverified claim", "reliability": "F", "credibility": 6}


def document(cells: dict, weights: tuple[float, float] = (1.0, 1.0), **extra) -> Assessment:
    return parse_assessment(
        {
            "criteria": [
                {"id": "a", "name": "A", "weight": weights[0]},
                {"id": "b", "name": "B", "weight": weights[1]},
            ],
            "projects": [{"id": "x", "name": "X"}, {"id": "y", "name": "Y"}],
            "sources": [STRONG, WEAK],
            "cells": cells,
            **extra,
        }
    )


def certain(likelihood: int, impact: int) -> dict:
    return {"likelihood": likelihood, "impact": impact, "evidence": [{"source": "strong"}]}


def test_certain_cells_reproduce_the_deterministic_index() -> None:
    doc = document(
        {
            "x": {"a": certain(2, 2), "b": certain(3, 3)},
            "y": {"a": certain(4, 4), "b": certain(1, 1)},
        }
    )
    result = monte_carlo(doc, runs=200)
    expected = score(doc).index
    np.testing.assert_allclose(result.p10, expected)
    np.testing.assert_allclose(result.p90, expected)
    # x: (3/24 + 8/24)/2 = 22.9; y: (15/24 + 0)/2 = 31.25 -> x always first.
    assert result.rank_probability[0].tolist() == [1.0, 0.0]
    assert result.rank_probability[1].tolist() == [0.0, 1.0]
    assert result.weak_cells == 0


def test_weak_evidence_widens_the_range_and_strong_does_not() -> None:
    weak_cell = {"likelihood": 3, "impact": 3, "evidence": [{"source": "weak"}]}
    doc = document({"x": {"a": weak_cell, "b": certain(3, 3)}, "y": {"a": certain(3, 3)}})
    result = monte_carlo(doc, runs=2000, seed=1)
    assert result.weak_cells == 1
    assert result.p90[0] - result.p10[0] > 5  # x varies: its cell a is drawn from 2..4 × 2..4
    assert result.p90[1] == pytest.approx(result.p10[1])  # y is certain


def test_cells_without_evidence_count_as_weak() -> None:
    doc = document({"x": {"a": {"likelihood": 3, "impact": 3}}})
    assert monte_carlo(doc, runs=10).weak_cells == 1


def test_explicit_range_wins_over_the_default_rule() -> None:
    ranged = {
        "likelihood": 3,
        "impact": 3,
        "likelihood_low": 3,
        "likelihood_high": 3,
        "impact_low": 3,
        "impact_high": 3,
        "evidence": [{"source": "weak"}],
    }
    result = monte_carlo(document({"x": {"a": ranged}}), runs=100)
    assert result.p10[0] == pytest.approx(result.p90[0])
    assert result.ranged_cells == 1 and result.weak_cells == 0


def test_same_seed_same_figures_other_seed_other_figures() -> None:
    weak_cell = {"likelihood": 3, "impact": 3}
    doc = document({"x": {"a": weak_cell, "b": weak_cell}, "y": {"a": weak_cell, "b": weak_cell}})
    first = monte_carlo(doc, runs=500, seed=7)
    again = monte_carlo(doc, runs=500, seed=7)
    other = monte_carlo(doc, runs=500, seed=8)
    assert first.as_dict() == again.as_dict()
    assert first.as_dict() != other.as_dict()
    # Every run ranks both projects: each rank's probabilities sum to one.
    np.testing.assert_allclose(first.rank_probability.sum(axis=0), [1.0, 1.0])
    np.testing.assert_allclose(first.band_probability.sum(axis=1), [1.0, 1.0])


def test_rule_red_line_fires_in_some_runs_only() -> None:
    doc = parse_assessment(
        {
            "criteria": [
                {"id": "a", "name": "A", "red_line_rule": {"threshold": 20, "reason": "too high"}}
            ],
            "projects": [{"id": "x", "name": "X"}],
            # 4×4 = 16 with a ±1 default range: 5×5 = 25 ≥ 20 happens in a minority of runs.
            "cells": {"x": {"a": {"likelihood": 4, "impact": 4}}},
        }
    )
    result = monte_carlo(doc, runs=4000, seed=3)
    assert 0.0 < result.excluded_probability[0] < 0.5
    assert result.rank_probability[0, 0] == pytest.approx(1 - result.excluded_probability[0])


def test_triangular_draws_stay_in_range_and_have_the_right_mean() -> None:
    rng = np.random.default_rng(0)
    low, mode, high = np.array([1.0]), np.array([2.0]), np.array([5.0])
    draws = _triangular(rng, low, mode, high, 100_000)[:, 0]
    assert draws.min() >= 1.0 and draws.max() <= 5.0
    assert draws.mean() == pytest.approx((1 + 2 + 5) / 3, abs=0.02)


def test_progress_and_cancel() -> None:
    doc = document({"x": {"a": {"likelihood": 3, "impact": 3}}})
    seen: list[int] = []
    monte_carlo(doc, runs=50, progress=lambda percent, label: seen.append(percent))
    assert seen[-1] == 100
    with pytest.raises(AnalysisCancelled):
        monte_carlo(doc, runs=50, cancelled=lambda: True)
    with pytest.raises(RRiskError, match="runs must be between 1"):
        monte_carlo(doc, runs=0)


def test_a_cancel_after_the_last_draws_stops_the_summaries_and_the_reversal_search() -> None:
    """The percentiles of thousands of projects take seconds: a cancel then stops them too;
    the rank-reversal search stops between criteria."""
    doc = document(
        {
            "x": {"a": {"likelihood": 3, "impact": 3}},
            "y": {"a": {"likelihood": 2, "impact": 4}},
        }
    )
    asked: list[int] = []

    def cancelled_after_the_draws() -> bool:
        asked.append(1)
        return len(asked) > 1  # one chunk of runs, then the summaries ask

    with pytest.raises(AnalysisCancelled):
        monte_carlo(doc, runs=50, cancelled=cancelled_after_the_draws)
    assert len(asked) == 2
    with pytest.raises(AnalysisCancelled):
        rank_reversals(doc, cancelled=lambda: True)


def test_tornado_by_hand() -> None:
    doc = document({"x": {"a": certain(5, 5), "b": certain(1, 1)}}, weights=(1.0, 3.0))
    bars = tornado(doc)
    # base: (1·1 + 3·0)/4 = 25. a at 0: 0/3 = 0; a at 2: 2/5 = 40. b at 0: 1/1 = 100; b at 6: 1/7 = 14.29
    assert bars.base[0] == pytest.approx(25.0)
    assert bars.bars("x") == [
        ("b", pytest.approx(100 / 7), pytest.approx(100.0)),
        ("a", pytest.approx(0.0), pytest.approx(40.0)),
    ]


def test_rank_reversal_threshold_by_hand() -> None:
    # Weights (1, w). x: a r=1 -> 0, b r=25 -> 1, so x = 100·w/(1+w).
    # y: a r=2×5=10 -> 9/24 = 0.375, b r=1 -> 0, so y = 37.5/(1+w).
    # At w = 0.25, x = 20 < y = 30: x is first; they cross at w = 0.375.
    doc = document(
        {
            "x": {"a": certain(1, 1), "b": certain(5, 5)},
            "y": {"a": certain(2, 5), "b": certain(1, 1)},
        },
        weights=(1.0, 0.25),
    )
    top, reversals = rank_reversals(doc)
    assert top == "x"
    first = reversals[0]
    assert first.criterion == "b"
    assert first.new_top == "y"
    assert first.new_weight == pytest.approx(0.375, abs=1e-6)
    # Printed as the coarsest figure that reverses: 0.38 (0.37 would not).
    assert first.figure == 0.38
    # Lowering a's weight also works: x < y iff 100·0.25 < 37.5·a, so below a = 2/3
    # (a change of 1/3, larger than b's 1/8, hence listed second).
    assert [r.criterion for r in reversals] == ["b", "a"]
    assert reversals[1].new_weight == pytest.approx(2 / 3, abs=1e-6)


def test_rank_reversal_needs_two_ranked_projects() -> None:
    doc = document({"x": {"a": certain(2, 2)}})
    assert rank_reversals(doc) == ("x", [])


def test_a_negative_seed_is_a_user_error_not_a_numpy_traceback() -> None:
    from rrisk.analysis import monte_carlo
    from rrisk.errors import RRiskError
    from rrisk.templates import new_from_template

    with pytest.raises(RRiskError, match="seed must be 0 or more"):
        monte_carlo(new_from_template("russia-rare-earths"), runs=100, seed=-1)


def test_a_certain_index_on_a_band_edge_keeps_its_band_in_every_run() -> None:
    # 100 × (0.5 × 4/24 + 2 × 19/24 + 1 × 2/24) ÷ 3.5 = 50 exactly on paper, a hair under in
    # floating point unless rounded as the scoring rounds.
    doc = parse_assessment(
        {
            "criteria": [
                {"id": "a", "name": "A", "weight": 0.5},
                {"id": "b", "name": "B", "weight": 2},
                {"id": "c", "name": "C", "weight": 1},
            ],
            "projects": [{"id": "x", "name": "X"}],
            "sources": [STRONG],
            "cells": {"x": {"a": certain(1, 5), "b": certain(4, 5), "c": certain(1, 3)}},
        }
    )
    scored = score(doc).project_score(0)
    assert scored.index == 50.0 and scored.band == "High"
    result = monte_carlo(doc, runs=50, seed=1)
    assert result.p10[0] == result.p90[0] == 50.0
    assert result.band_probability[0].tolist() == [0.0, 0.0, 1.0, 0.0]


def test_ranged_cells_count_impact_ranges_and_single_bounds() -> None:
    impact_only = {**certain(3, 3), "impact_low": 2, "impact_high": 4}
    high_only = {**certain(3, 3), "likelihood_high": 5}
    doc = document({"x": {"a": impact_only, "b": high_only}, "y": {"a": certain(2, 2)}})
    result = monte_carlo(doc, runs=50, seed=1)
    assert (result.ranged_cells, result.weak_cells) == (2, 0)


def test_no_reversal_when_the_change_leaves_no_project_scored() -> None:
    doc = parse_assessment(
        {
            "criteria": [{"id": "k", "name": "K"}],
            "projects": [{"id": "hi", "name": "Aardvark"}, {"id": "lo", "name": "Zebra"}],
            "sources": [STRONG],
            "cells": {"hi": {"k": certain(5, 5)}, "lo": {"k": certain(1, 1)}},
        }
    )
    assert rank_reversals(doc) == ("lo", [])


def test_a_project_unscored_at_todays_weights_can_take_the_lead() -> None:
    doc = document({"x": {"a": certain(2, 2)}, "y": {"b": certain(1, 1)}}, weights=(1.0, 0.0))
    top, reversals = rank_reversals(doc)
    assert top == "x"
    assert [(r.criterion, r.weight, r.new_top) for r in reversals] == [("b", 0.0, "y")]
    assert reversals[0].new_weight == pytest.approx(1e-6)  # any settable weight at all


def test_check_reports_runs_the_document_allows_but_the_analysis_cannot_keep() -> None:
    from rrisk.analysis import MAX_KEPT_INDICES
    from rrisk.check import ERROR, check_document

    doc = document({"x": {"a": certain(2, 2)}, "y": {"a": certain(3, 3)}})
    doc.analysis.runs = 1_000_000
    assert not [p for p in check_document(doc) if p.place == "analysis settings"]
    doc.projects = doc.projects * 30  # 60 projects: 60 million indices to keep
    found = [p for p in check_document(doc) if p.place == "analysis settings"]
    assert len(found) == 1 and found[0].severity == ERROR
    assert f"at most {MAX_KEPT_INDICES // 60:,} runs" in found[0].message
    with pytest.raises(RRiskError, match=f"at most {MAX_KEPT_INDICES // 60:,} runs"):
        monte_carlo(doc, runs=doc.analysis.runs)


def test_a_tiny_real_difference_is_no_tie_in_the_runs_or_the_reversal_search() -> None:
    """Weights 1000 and 0.000001 (both allowed) part two projects by ~4e-9 points: the runs
    and the reversal search must rank them as the scoring does, not by name."""
    names = ["Aa", "Bb", "Cc", "Dd", "Ee", "Ff", "Gg", "Hh"]
    doc = parse_assessment(
        {
            "criteria": [
                {"id": "big", "name": "Big", "weight": 1000.0},
                {"id": "tiny", "name": "Tiny", "weight": 0.000001},
            ],
            "projects": [{"id": f"p{k}", "name": name} for k, name in enumerate(names)],
            "sources": [STRONG],
            "cells": {
                f"p{k}": {"big": certain(3, 3), "tiny": certain(1 if name == "Hh" else 2, 1)}
                for k, name in enumerate(names)
            },
        }
    )
    assert score(doc).ranking()[0].name == "Hh"
    result = monte_carlo(doc, runs=100)
    assert result.first_probability().tolist() == [0.0] * 7 + [1.0]
    top, reversals = rank_reversals(doc)
    assert top == "p7"
    # Only taking the tiny weight away ties them all, and then the first name leads.
    assert [(r.criterion, r.new_top) for r in reversals] == [("tiny", "p0")]
    # The JSON keeps the change: 1e-06 → 0, never "from 0 to 0".
    assert reversals[0].as_dict() == {
        "criterion": "tiny",
        "weight": 0.000001,
        "new_weight": 0.0,
        "shown_weight": 0.0,
        "new_top": "p0",
    }


def test_a_reversal_by_the_smallest_weight_step_keeps_its_step_in_json() -> None:
    # x and y tie (x leads by name); the least move of either weight breaks the tie for y.
    tied = document(
        {
            "x": {"a": certain(1, 1), "b": certain(1, 3)},
            "y": {"a": certain(1, 3), "b": certain(1, 1)},
        }
    )
    top, reversals = rank_reversals(tied)
    assert top == "x" and {r.new_top for r in reversals} == {"y"}
    data = [r.as_dict() for r in reversals]
    assert {(d["weight"], d["new_weight"]) for d in data} <= {(1.0, 1.000001), (1.0, 0.999999)}


def test_a_range_given_on_one_score_leaves_the_other_certain_whatever_the_evidence() -> None:
    """A cell with a range of its own is never widened by the weak-evidence default: the
    bounds it leaves unset are its scores."""
    only_likelihood = {"likelihood": 3, "impact": 3, "likelihood_low": 3, "likelihood_high": 3}
    result = monte_carlo(document({"x": {"a": only_likelihood}}), runs=500)
    assert result.p10[0] == pytest.approx(result.p90[0])
    assert (result.ranged_cells, result.weak_cells) == (1, 0)
    one_bound = {"likelihood": 3, "impact": 3, "likelihood_low": 2}
    result = monte_carlo(document({"x": {"a": one_bound}}), runs=2000, seed=3)
    # Likelihood from 2–3, impact 3: the risk stays within 6–9, never the ±1 default's 16.
    assert 100 * (6 - 1) / 24 - 1e-9 <= result.p10[0] <= result.p90[0] <= 100 * (9 - 1) / 24
    assert result.p90[0] > result.p10[0]


def test_a_rule_at_the_top_of_a_range_fires_in_the_runs_that_reach_it() -> None:
    """A rule "r ≥ 25" is written for whole scores: a cell scored 5 × 5 with a likelihood
    range of 4–5 fires it in the runs whose likelihood rounds to 5 (three in four for that
    triangle), not never (a continuous draw is never exactly 5)."""
    from rrisk.model import parse_assessment
    from rrisk.scoring import score

    document = parse_assessment(
        {
            "criteria": [
                {"id": "legal", "name": "Legal", "red_line_rule": {"threshold": 25, "reason": "x"}},
                {"id": "cost", "name": "Cost"},
            ],
            "projects": [{"id": "alpha", "name": "Alpha"}, {"id": "beta", "name": "Beta"}],
            "cells": {
                "alpha": {
                    "legal": {"likelihood": 5, "impact": 5, "likelihood_low": 4},
                    "cost": {"likelihood": 1, "impact": 1},
                },
                "beta": {
                    # A range given (a bound equal to the score): certain, whatever the evidence.
                    "legal": {"likelihood": 4, "impact": 5, "likelihood_low": 4},
                    "cost": {"likelihood": 3, "impact": 3},
                },
            },
        }
    )
    result = score(document)
    assert result.status(result.row_of("alpha")) == "excluded"
    mc = monte_carlo(document, runs=20_000, seed=7)
    alpha, beta = mc.project_ids.index("alpha"), mc.project_ids.index("beta")
    assert 0.72 < mc.excluded_probability[alpha] < 0.78  # P(L ≥ 4.5) = 1 − 0.5² = 0.75
    assert mc.excluded_probability[beta] == 0.0  # 4 × 5 = 20, certain
    # Ranked in every run that does not exclude it.
    assert mc.rank_probability[alpha].sum() == pytest.approx(1 - mc.excluded_probability[alpha])


@pytest.mark.parametrize("restated", [3, 4])
def test_a_scenario_value_replaces_its_range_and_leaves_the_other_score_as_it_was(
    restated: int,
) -> None:
    # x/a: likelihood 3 with the analyst's range 2–4, impact 3 certain, no evidence (weak).
    # The scenario sets the likelihood: it is drawn as stated, and the impact, which the
    # scenario does not touch, stays certain; the cell did not become "weak, no range" and
    # widen both by ±1. y/a has no range and weak evidence: ±1 on both, as in the baseline.
    from rrisk.analysis import effective_ranges, weak_evidence
    from rrisk.scoring import compile_matrix

    ranged = {"likelihood": 3, "impact": 3, "likelihood_low": 2, "likelihood_high": 4}
    bare = {"likelihood": 3, "impact": 3}
    doc = document(
        {"x": {"a": ranged, "b": certain(2, 2)}, "y": {"a": bare, "b": certain(2, 2)}},
        scenarios=[
            {
                "id": "s",
                "name": "S",
                "cell_overrides": [
                    {"project": "x", "criterion": "a", "likelihood": restated},
                    {"project": "y", "criterion": "a", "likelihood": 2},
                ],
            }
        ],
    )
    for scenario in (None, "s"):
        matrix = compile_matrix(doc, scenario)
        l_low, l_high, i_low, i_high = effective_ranges(matrix, weak_evidence(doc, matrix))
        assert (i_low[0, 0], i_high[0, 0]) == (3, 3)  # x/a's impact: certain throughout
        assert (i_low[1, 0], i_high[1, 0]) == (2, 4)  # y/a's impact: weak, no range
    assert (l_low[0, 0], l_high[0, 0]) == (restated, restated)  # the scenario's value
    assert (l_low[1, 0], l_high[1, 0]) == (1, 3)  # y/a: its scenario value, ±1 as weak
    baseline = monte_carlo(doc, runs=500)
    under = monte_carlo(doc, scenario="s", runs=500)
    assert under.weak_cells == baseline.weak_cells
    # Counted as drawn: x/a's only range (the likelihood's) is the scenario's value now.
    assert under.ranged_cells == baseline.ranged_cells - 1
    assert under.p90[0] - under.p10[0] <= baseline.p90[0] - baseline.p10[0]


def test_default_range_of_a_cell_is_what_the_analysis_draws() -> None:
    # One cell of each kind: weak with no range, no evidence, strong, ranged, at the ends.
    from rrisk.analysis import default_range, effective_ranges, weak_evidence
    from rrisk.scoring import compile_matrix

    weak = {"likelihood": 1, "impact": 5, "evidence": [{"source": "weak"}]}
    ranged = {"likelihood": 3, "impact": 3, "impact_high": 4, "evidence": [{"source": "weak"}]}
    doc = document(
        {
            "x": {"a": weak, "b": {"likelihood": 2, "impact": 4}},
            "y": {"a": certain(3, 4), "b": ranged},
        }
    )
    matrix = compile_matrix(doc)
    l_low, l_high, i_low, i_high = effective_ranges(matrix, weak_evidence(doc, matrix))
    drawn = {}
    for i, project in enumerate(("x", "y")):
        for j, criterion in enumerate(("a", "b")):
            cell = doc.cells[project][criterion]
            for name, low, high in (("likelihood", l_low, l_high), ("impact", i_low, i_high)):
                widened = default_range(doc, cell, getattr(cell, name))
                if widened is not None:
                    assert widened == (low[i, j], high[i, j])
                drawn[project, criterion, name] = widened
    assert drawn == {
        ("x", "a", "likelihood"): (1, 2),
        ("x", "a", "impact"): (4, 5),
        ("x", "b", "likelihood"): (1, 3),
        ("x", "b", "impact"): (3, 5),
        ("y", "a", "likelihood"): None,
        ("y", "a", "impact"): None,
        ("y", "b", "likelihood"): None,
        ("y", "b", "impact"): None,
    }
    assert default_range(doc, None, 3) == (2, 4)  # scored by a scenario alone


def test_a_span_of_ranks_held_in_every_run_is_exactly_all_of_them() -> None:
    """18 shares of 10,000 runs summed as floats make 0.9999999999999999, which the memo's
    "#8+" column printed as ">99%" for a project ranked there in every run."""
    from rrisk.analysis import MonteCarloResult
    from rrisk.fmt import fmt_probability

    counts = [575, 540, 579, 511, 588, 538, 558, 596, 574, 571, 550, 520, 568, 505, 569, 552]
    counts += [558, 548]
    runs = sum(counts)
    assert runs == 10_000
    ranks = np.zeros((1, 25))
    ranks[0, 7:] = np.array(counts) / runs
    assert float(ranks[0, 7:].sum()) != 1.0  # the float dust the span used to show
    empty = np.zeros(1)
    result = MonteCarloResult(
        project_ids=["p"],
        project_names=["P"],
        runs=runs,
        seed=1,
        scenario=None,
        p10=empty,
        p50=empty,
        p90=empty,
        band_probability=np.zeros((1, 4)),
        excluded_probability=empty,
        rank_probability=ranks,
        weak_cells=0,
        ranged_cells=0,
    )
    assert result.rank_share(0, 7, 24) == 1.0
    assert fmt_probability(result.rank_share(0, 7, 24)) == "100%"
    assert result.rank_share(0, 7, 7) == 0.0575


@pytest.mark.parametrize("seed", range(6))
def test_every_tornado_end_is_the_scored_index_at_that_weight(seed: int) -> None:
    """A bar end is the index the scoring gives with that one weight at 0 or doubled, to the
    last digit: summed in another order, 66.25 came out 66.24999999999999 and printed 66.2
    beside a scored 66.3."""
    from rrisk.templates import new_from_template

    document = new_from_template("russia-rare-earths")
    rng = np.random.default_rng(seed)
    for criterion in document.criteria:  # weights in quarters: many indices end in ·5
        criterion.weight = float(rng.integers(0, 9)) / 4 if seed else criterion.weight
    result = tornado(document)
    for j, criterion_id in enumerate(result.criterion_ids):
        for factor, ends in ((0.0, result.at_zero), (2.0, result.at_double)):
            changed = document.model_copy(deep=True)
            target = next(c for c in changed.criteria if c.id == criterion_id)
            target.weight = target.weight * factor
            scored = {p.id: p.index for p in score(changed).ranking()}
            for i, project_id in enumerate(result.project_ids):
                expected = scored[project_id]
                got = float(ends[i, j])
                if expected is None:
                    assert np.isnan(got)
                else:
                    assert got == expected, (project_id, criterion_id, factor)


def test_percentiles_are_numpys_to_the_bit() -> None:
    # P10, P50 and P90 worked for every project at once are numpy's nanpercentile's, bit for
    # bit: runs of any count, ties, projects unscored in some runs or in all.
    rng = np.random.default_rng(3)
    for trial in range(400):
        runs, projects = int(rng.integers(1, 40)), int(rng.integers(1, 6))
        if trial % 3 == 0:
            indices = rng.integers(0, 5, (runs, projects)) * 12.5
        else:
            indices = np.round(rng.random((runs, projects)) * 100, 9)
        indices[rng.random((runs, projects)) < (0, 0.2, 0.9)[trial % 3]] = np.nan
        if trial % 7 == 0:
            indices[:, trial % projects] = np.nan
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a project never scored
            expected = np.nanpercentile(indices, [10, 50, 90], axis=0)
        got = np.array(_percentiles(indices.copy()))
        assert got.tobytes() == expected.tobytes(), (indices, got, expected)


def test_percentiles_are_numpys_percentile_of_each_columns_values_to_the_bit() -> None:
    # Each column's P10, P50, P90 are np.percentile's of its valid values, bit for bit (the
    # bytes compared): columns of one valid value (taken on both sides), of two, of many,
    # of ties and of NaNs alone, among indices of every size.
    rng = np.random.default_rng(20261207)
    lone_columns = 0
    for trial in range(600):
        runs, projects = int(rng.integers(1, 30)), int(rng.integers(1, 7))
        if trial % 2:
            indices = np.round(rng.random((runs, projects)) * 100, 9)
        else:
            indices = rng.choice([0.0, 12.5, 37.5, 100.0, 1e-300], (runs, projects))
        for column in range(projects):
            kept = int(rng.integers(0, runs + 1)) if trial % 3 else int(rng.integers(0, 3))
            indices[rng.permutation(runs)[kept:], column] = np.nan
        got = np.array(_percentiles(indices.copy()))
        for column in range(projects):
            values = indices[:, column][~np.isnan(indices[:, column])]
            lone_columns += values.size == 1
            expected = np.percentile(values, [10, 50, 90]) if values.size else np.full(3, np.nan)
            assert got[:, column].tobytes() == expected.tobytes(), (values, got[:, column])
    assert lone_columns > 100
