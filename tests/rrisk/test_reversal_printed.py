"""A printed rank-reversal threshold reverses: set the weight the sentence names and another
project leads. The exact threshold is rounded away from the current weight (2.625 needed
prints 2.63; the nearest figure, 2.62, would leave the ranking as it is)."""

from __future__ import annotations

import random

import pytest

from rrisk.analysis import rank_reversals
from rrisk.fmt import fmt_weight_change
from rrisk.model import Assessment, parse_assessment
from rrisk.scoring import score


@pytest.mark.parametrize(
    ("weight", "new_weight", "expected"),
    [
        (0, 2.625, ("0", "2.63")),  # nearest would print 2.62
        (0, 2.62, ("0", "2.62")),  # a threshold on the printed grid prints as it is
        (1, 0.375, ("1", "0.37")),  # lowering: rounded down
        (0.25, 0.375, ("0.25", "0.38")),  # raising: rounded up
        (1, 0.6666666666666666, ("1", "0.66")),
        (1, 1.0045, ("1", "1.005")),  # alike at two decimals: more, still rounded away
        (1, 0.9955, ("1", "0.995")),
        (1, 1.000001, ("1", "1.000001")),  # a tie undone by the smallest step
        (0, 1e-06, ("0", "1e-06")),
        (0, 0.000334, ("0", "0.0004")),  # a small threshold: not overshot to 0.01
        (0, 0.00334, ("0", "0.004")),
        (2, 2, ("2", "2")),
    ],
)
def test_the_new_weight_is_rounded_away_from_the_current_one(
    weight: float, new_weight: float, expected: tuple[str, str]
) -> None:
    assert fmt_weight_change(weight, new_weight) == expected


def _document(rng: random.Random) -> Assessment:
    criteria = [
        {"id": f"c{c}", "name": f"C{c}", "weight": rng.choice([0, 0.5, 1, 1.5, 2, 3, 4.25])}
        for c in range(3)
    ]
    if not any(c["weight"] for c in criteria):
        criteria[0]["weight"] = 1
    projects = [{"id": f"p{p}", "name": f"P{p}"} for p in range(4)]
    cells = {
        p["id"]: {
            c["id"]: {"likelihood": rng.randint(1, 5), "impact": rng.randint(1, 5)}
            for c in criteria
            if rng.random() < 0.9
        }
        for p in projects
    }
    return parse_assessment({"criteria": criteria, "projects": projects, "cells": cells})


def _top(doc: Assessment) -> str:
    return score(doc).ranking()[0].id


def test_setting_the_printed_weight_reverses_the_ranking() -> None:
    rng = random.Random(20261205)
    checked = 0
    for _ in range(120):
        doc = _document(rng)
        top, reversals = rank_reversals(doc)
        for reversal in reversals:
            before, after = fmt_weight_change(reversal.weight, reversal.new_weight)
            data = doc.model_dump(mode="json")
            for criterion in data["criteria"]:
                if criterion["id"] == reversal.criterion:
                    criterion["weight"] = float(after)
            moved = parse_assessment(data)
            assert _top(moved) == reversal.new_top != top, (reversal, before, after)
            checked += 1
    assert checked > 100


def test_a_tie_broken_from_a_weight_off_the_grid_moves_it_by_a_readable_step() -> None:
    """Alpha and Bravo tie (Alpha leads by name) at weights that are not on the millionth
    grid: the least change reverses, and it is reported as a step one can read and set,
    never 0.9952929964 → 0.995293 (which prints as no change at all)."""
    weight = 0.9952929964
    doc = parse_assessment(
        {
            "criteria": [
                {"id": "c0", "name": "C0", "weight": weight},
                {"id": "c1", "name": "C1", "weight": weight},
            ],
            "projects": [{"id": "a", "name": "Alpha"}, {"id": "b", "name": "Bravo"}],
            "cells": {
                "a": {"c0": {"likelihood": 1, "impact": 1}, "c1": {"likelihood": 5, "impact": 5}},
                "b": {"c0": {"likelihood": 5, "impact": 5}, "c1": {"likelihood": 1, "impact": 1}},
            },
        }
    )
    top, reversals = rank_reversals(doc)
    assert top == "a" and reversals
    for reversal in reversals:
        assert abs(reversal.new_weight - weight) >= 5e-7
        before, after = fmt_weight_change(reversal.weight, reversal.new_weight)
        assert before != after
        data = doc.model_dump(mode="json")
        for criterion in data["criteria"]:
            if criterion["id"] == reversal.criterion:
                criterion["weight"] = float(after)
        assert _top(parse_assessment(data)) == "b"
