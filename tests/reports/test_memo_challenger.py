"""The uncertainty section's "ranks first more often" is said beside figures that show it."""

from __future__ import annotations

import re

from reports.context import MemoContext
from reports.sections_uncertainty import uncertainty_lead
from rrisk.model import parse_assessment


def _near_tie(seed: int):
    """Two projects whose indices differ far below the printed precision: the Monte Carlo
    puts each first in about half of the runs."""
    return parse_assessment(
        {
            "criteria": [
                {"id": "c1", "name": "One", "weight": 1000},
                {"id": "c2", "name": "Two", "weight": 0.001},
            ],
            "projects": [{"id": "a", "name": "Alpha"}, {"id": "z", "name": "Zulu"}],
            "cells": {
                "a": {"c1": {"likelihood": 2, "impact": 3}, "c2": {"likelihood": 2, "impact": 3}},
                "z": {"c1": {"likelihood": 2, "impact": 3}, "c2": {"likelihood": 1, "impact": 1}},
            },
            "analysis": {"runs": 2000, "seed": seed},
        }
    )


def test_more_often_comes_with_figures_that_differ() -> None:
    said = 0
    for seed in range(1, 13):
        ctx = MemoContext.create(_near_tie(seed), None)
        lead = uncertainty_lead(ctx)
        leader = re.search(r"ranks first in (\S+%) of", lead[0])
        assert leader, lead[0]
        challenger = lead[1]
        if "more often" not in challenger:
            continue
        said += 1
        counts = re.search(r"in ([\d,]+) runs against ([\d,]+) for", challenger)
        if counts:
            ours, theirs = (int(n.replace(",", "")) for n in counts.groups())
            assert ours > theirs
            assert f"both {leader.group(1)}" in challenger
        else:
            shown = re.search(r"more often across the runs: in (\S+%)", challenger)
            assert shown and shown.group(1) != leader.group(1), (lead[0], challenger)
    assert said  # the near tie does put the runner-up first more often for some seeds


def test_with_no_index_in_any_run_no_range_is_promised() -> None:
    """Every weight 0: the lead said the ranges below "still show how uncertain each index
    is", over bars that each read "not scored in any run"."""
    document = _near_tie(1)
    for criterion in document.criteria:
        criterion.weight = 0
    (lead,) = uncertainty_lead(MemoContext.create(document, None))
    assert "still show" not in lead
    assert lead == (
        "No project is ranked and none has an index in any of the 2,000 runs, so there is "
        "no ranking to test and no range to draw."
    )
    # Excluded projects still have their ranges: that case keeps its sentence.
    data = _near_tie(1).model_dump(mode="json")
    for criterion in data["criteria"]:
        criterion["red_line_rule"] = {"threshold": 1, "reason": "Any exposure"}
    (lead,) = uncertainty_lead(MemoContext.create(parse_assessment(data), None))
    assert "the ranges below still show" in lead


def test_with_no_index_in_any_run_no_range_chart_is_drawn() -> None:
    from reports.sections_uncertainty import uncertainty

    def text_of(flowables) -> str:
        out = []
        for flowable in flowables:
            out.append(getattr(flowable, "text", "") or "")
            out.append(text_of(getattr(flowable, "_content", []) or []))
        return " ".join(out)

    document = _near_tie(1)
    drawn = text_of(uncertainty(MemoContext.create(document, None)))
    assert "Each bar spans the 10th to the 90th percentile" in drawn
    for criterion in document.criteria:
        criterion.weight = 0
    story = uncertainty(MemoContext.create(document, None))
    assert "Each bar spans" not in text_of(story)
    assert "Probability of each rank" in text_of(story)


def test_more_than_three_projects_at_risk_of_a_red_line_are_counted_as_projects() -> None:
    """Five projects whose ranges reach a red-line threshold: the sentence read "which would
    exclude A in 12%; B in 12%; C in 12%; and 2 more of runs"."""
    names = ["Ash", "Birch", "Cedar", "Date", "Elm"]
    document = parse_assessment(
        {
            "criteria": [
                {
                    "id": "c1",
                    "name": "One",
                    "weight": 1,
                    "red_line_rule": {"threshold": 20, "reason": "Too exposed"},
                },
                {"id": "c2", "name": "Two", "weight": 1},
            ],
            "projects": [{"id": name.lower(), "name": name} for name in names],
            "cells": {
                name.lower(): {
                    "c1": {"likelihood": 4, "impact": 4, "likelihood_low": 3, "likelihood_high": 5},
                    "c2": {"likelihood": 4, "impact": 2 + k % 3},
                }
                for k, name in enumerate(names)
            },
            "analysis": {"runs": 2000, "seed": 1},
        }
    )
    lead = uncertainty_lead(MemoContext.create(document, None))
    (at_risk,) = [sentence for sentence in lead if "red-line threshold" in sentence]
    assert re.search(r"in \d+% of runs; and 2 more projects\.$", at_risk), at_risk
    (unsettled,) = [sentence for sentence in lead if "less settled" in sentence]
    assert re.search(r"of runs; and 1 more project\.$", unsettled), unsettled
