"""A printed rank-reversal threshold reverses: set the weight the sentence names and another
project leads. The exact threshold is rounded away from the current weight (2.625 needed
prints 2.63; the nearest figure, 2.62, would leave the ranking as it is)."""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial

import numpy as np
import pytest

from rrisk.analysis import rank_reversals, reversal_figure, reversal_range_text
from rrisk.fmt import fmt_weight_change
from rrisk.model import Assessment, parse_assessment
from rrisk.scoring import score


@pytest.mark.parametrize(
    ("weight", "threshold", "expected"),
    [
        (0, 2.625, ("0", "2.63")),  # nearest would print 2.62, which does not reverse
        (0, 2.62, ("0", "2.62")),  # a threshold on the printed grid prints as it is
        (1, 0.375, ("1", "0.37")),  # lowering: rounded down
        (0.25, 0.375, ("0.25", "0.38")),  # raising: rounded up
        (1, 0.6666666666666666, ("1", "0.66")),
        (1, 1.0045, ("1", "1.005")),  # alike at two decimals: more, still rounded away
        (1, 0.9955, ("1", "0.995")),
        (1, 1.000001, ("1", "1.000001")),  # a tie undone by the smallest step
        (0, 1e-06, ("0", "0.000001")),  # plain decimals, as the model spells the smallest
        (0, 0.000334, ("0", "0.0004")),  # a small threshold: not overshot to 0.01
        (0, 0.00334, ("0", "0.004")),
    ],
)
def test_the_new_weight_is_rounded_away_from_the_current_one(
    weight: float, threshold: float, expected: tuple[str, str]
) -> None:
    up = threshold > weight

    def reverses(value: float) -> bool:
        return value >= threshold if up else value <= threshold

    # The bisection brackets the threshold to within a hair on either side.
    hair = 1e-12 * max(1.0, threshold)
    inside, outside = (
        (threshold - hair, threshold + hair) if up else (threshold + hair, threshold - hair)
    )
    figure = reversal_figure(inside, outside, weight, reverses)
    assert reverses(figure)
    assert fmt_weight_change(weight, figure) == expected


def test_rounding_never_steps_over_a_second_crossing() -> None:
    """Past 18.87108 another project leads, past 18.875 a third: 18.88 would name the wrong
    project, so the figure takes a decimal more."""

    def second_leads(value: float) -> bool:
        return 18.87108 <= value < 18.875

    assert reversal_figure(18.871079, 18.871081, 4.571, second_leads) == 18.872
    assert fmt_weight_change(4.571, 18.872) == ("4.57", "18.872")


@pytest.mark.parametrize(
    ("weight", "figure", "expected"),
    [
        (4.5766, 4.578, ("4.577", "4.578")),  # to two decimals "4.58 → 4.578" reads as a cut
        (0.005, 0.008, ("0.005", "0.008")),  # "0.01 → 0.008" would read as a cut
        (0.0149, 0.012, ("0.015", "0.012")),  # "0.01 → 0.012" would read as a raise
        (4.571, 7.54, ("4.57", "7.54")),  # two decimals suffice
    ],
)
def test_todays_weight_is_printed_finely_enough_to_read_the_right_way(
    weight: float, figure: float, expected: tuple[str, str]
) -> None:
    before, after = fmt_weight_change(weight, figure)
    assert (before, after) == expected
    assert (float(after) > float(before)) == (figure > weight)


def test_an_unchanged_weight_prints_alike() -> None:
    assert fmt_weight_change(2, 2) == ("2", "2")


def _random_document(
    rng: random.Random,
    weight: Callable[[], float],
    criteria: int,
    projects: int,
    assessed: float,
    names: tuple[str, ...] = ("P",),
) -> Assessment:
    """Random scores (each cell assessed with chance ``assessed``), weights from ``weight``."""
    criteria_data = [{"id": f"c{c}", "name": f"C{c}", "weight": weight()} for c in range(criteria)]
    if not any(c["weight"] for c in criteria_data):
        criteria_data[0]["weight"] = 1
    cells = {
        f"p{p}": {
            c["id"]: {"likelihood": rng.randint(1, 5), "impact": rng.randint(1, 5)}
            for c in criteria_data
            if rng.random() < assessed
        }
        for p in range(projects)
    }
    return parse_assessment(
        {
            "criteria": criteria_data,
            "projects": [
                {"id": f"p{p}", "name": rng.choice(names) + str(p)} for p in range(projects)
            ],
            "cells": cells,
        }
    )


def _top(doc: Assessment) -> str:
    return score(doc).ranking()[0].id


def _cells(scores: dict[str, dict[str, tuple[int, int]]]) -> dict[str, object]:
    return {
        project: {c: {"likelihood": lk, "impact": im} for c, (lk, im) in row.items()}
        for project, row in scores.items()
    }


def _set_weight(doc: Assessment, criterion_id: str, weight: float) -> Assessment:
    data = doc.model_dump(mode="json")
    for criterion in data["criteria"]:
        if criterion["id"] == criterion_id:
            criterion["weight"] = weight
    return parse_assessment(data)


def test_setting_the_printed_weight_reverses_the_ranking() -> None:
    rng = random.Random(20261205)
    checked = 0
    for _ in range(120):
        doc = _random_document(
            rng,
            lambda: rng.choice([0, 0.5, 1, 1.5, 2, 3, 4.25]),
            criteria=3,
            projects=4,
            assessed=0.9,
        )
        top, reversals = rank_reversals(doc)
        for reversal in reversals:
            before, after = fmt_weight_change(reversal.weight, reversal.new_weight)
            moved = _set_weight(doc, reversal.criterion, float(after))
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
        before, after = fmt_weight_change(reversal.weight, reversal.figure)
        assert before != after
        assert _top(_set_weight(doc, reversal.criterion, float(after))) == "b"


def _fixed_document(
    weights: tuple[float, ...],
    names: tuple[str, ...],
    scores: dict[int, dict[int, tuple[int, int]]],
) -> Assessment:
    """Criteria c0, c1, … with ``weights``; projects p0, p1, … named ``names``; ``scores``
    by project and criterion number."""
    return parse_assessment(
        {
            "criteria": [
                {"id": f"c{i}", "name": f"C{i}", "weight": w} for i, w in enumerate(weights)
            ],
            "projects": [{"id": f"p{i}", "name": name} for i, name in enumerate(names)],
            "cells": _cells(
                {f"p{p}": {f"c{c}": score for c, score in row.items()} for p, row in scores.items()}
            ),
        }
    )


def test_a_reversal_beyond_the_largest_settable_weight_is_not_reported() -> None:
    """The only crossing lies near C2 = 1400, a weight the file refuses (at most 1000)."""
    doc = _fixed_document(
        (1000, 1000, 97.151436, 0, 0),
        ("Alpha0", "Alpha1", "Gamma2"),
        {
            0: {2: (3, 5), 3: (3, 5)},
            1: {0: (2, 2), 1: (3, 3), 2: (5, 3), 4: (3, 1)},
            2: {1: (2, 5), 4: (1, 3)},
        },
    )
    top, reversals = rank_reversals(doc)
    assert (top, reversals) == ("p1", [])
    weights = score(doc).matrix.weights
    assert reversal_range_text(weights) == "from 0 to 1000 (the largest a weight can be)"


def test_a_reversal_between_0_and_the_smallest_weight_is_not_reported() -> None:
    """Mira is scored on C0 alone (3), Emile on C0 (2) and C1 (4, weighing 0.000001): Emile
    leads (8.33 each at C0 = 0.000001, the tie to the first name). Mira would lead only with
    C0 between 0 and 0.000001, a weight no document can hold (at 0 Mira is unscored); it was
    reported as "from 1 to 0.00000099". The reversal by C1 remains."""
    doc = _fixed_document(
        (1, 0.000001), ("Mira", "Emile"), {0: {0: (3, 1)}, 1: {0: (2, 1), 1: (2, 2)}}
    )
    top, reversals = rank_reversals(doc)
    assert top == "p1"
    assert [r.criterion for r in reversals] == ["c1"]
    for reversal in reversals:
        assert _top(_set_weight(doc, reversal.criterion, reversal.figure)) == "p0"
        assert _top(_set_weight(doc, reversal.criterion, reversal.new_weight)) == "p0"
    assert _top(_set_weight(doc, "c0", 0.000001)) == "p1"


def test_the_search_range_is_said_as_searched() -> None:
    assert reversal_range_text(np.array([2.0, 1.0])) == "from 0 to 8 (4× the largest weight)"
    assert reversal_range_text(np.array([0.5, 0.0])) == "from 0 to 2 (4× the largest weight)"
    assert reversal_range_text(np.array([250.0])) == "from 0 to 1000 (the largest a weight can be)"


def test_lowering_a_large_weight_towards_0_reports_what_the_scoring_does() -> None:
    """Lowering C1 from 1000: alpha3 leads Gamma2 by billionths of a point while C1 weighs
    anything at all (a sum taken as the whole less C1's part loses that to cancellation and
    named Gamma2 at 0.000003); Gamma2 leads only once C1 weighs 0 and alpha3 is unscored."""
    doc = _fixed_document(
        (0, 1000, 1000),
        ("Eps0", "Alpha1", "Gamma2", "alpha3"),
        {
            0: {0: (3, 4), 1: (2, 3)},
            1: {1: (2, 4), 2: (4, 5)},
            2: {0: (1, 4), 1: (2, 4), 2: (2, 3)},
            3: {0: (1, 2), 1: (2, 3)},
        },
    )
    top, reversals = rank_reversals(doc)
    lowering = next(r for r in reversals if r.criterion == "c1")
    assert (lowering.figure, lowering.new_top) == (0, "p2")
    for reversal in reversals:
        moved = _set_weight(doc, reversal.criterion, reversal.figure)
        assert _top(moved) == reversal.new_top != top, reversal
        assert _top(_set_weight(doc, reversal.criterion, reversal.new_weight)) == reversal.new_top


def test_a_reversal_narrower_than_a_grid_step_near_0_is_found() -> None:
    """North is scored on Sanctions alone (16), South on Sanctions (1) and Water (25). With
    Sanctions at 1000 South leads; between 0 and about 0.0083 North does (at 0 North is
    unscored). The search's grid steps by 1.25 from 0, so it saw no reversal at all and said no
    weight change displaces South; every crossing with the leader is now probed."""
    doc = _fixed_document(
        (1000, 0.01),
        ("North", "South"),
        {0: {0: (4, 4)}, 1: {0: (1, 1), 1: (5, 5)}},
    )
    top, reversals = rank_reversals(doc)
    assert top == "p1"
    sanctions = next(r for r in reversals if r.criterion == "c0")
    assert sanctions.new_top == "p0" and 0 < sanctions.figure < 0.0084
    assert _top(_set_weight(doc, "c0", sanctions.figure)) == "p0"
    assert _top(_set_weight(doc, "c0", sanctions.new_weight)) == "p0"


def _any_weight(rng: random.Random) -> float:
    """0, the smallest, the largest, or a random weight with 0, 2, 3 or 6 decimals."""
    kind = rng.random()
    if kind < 0.15:
        return 0
    if kind < 0.3:
        return 1000
    if kind < 0.4:
        return 0.000001
    return round(rng.uniform(0.001, 50), rng.choice([0, 2, 3, 6]))


def test_every_reported_weight_once_set_puts_the_named_project_first() -> None:
    """Weights across the whole allowed range (0, the smallest, the largest, odd decimals):
    the printed figure and the JSON's threshold are settable and do what the sentence says."""
    rng = random.Random(5122026)
    checked = 0
    for _ in range(150):
        doc = _random_document(
            rng, partial(_any_weight, rng), 4, 5, 0.7, names=("Alpha", "alpha", "Beta")
        )
        top, reversals = rank_reversals(doc)
        for reversal in reversals:
            _before, after = fmt_weight_change(reversal.weight, reversal.figure)
            assert 0 <= float(after) <= 1000, reversal
            assert _top(_set_weight(doc, reversal.criterion, float(after))) == reversal.new_top
            threshold = reversal.as_dict()["new_weight"]
            assert _top(_set_weight(doc, reversal.criterion, threshold)) != top, reversal
            checked += 1
    assert checked > 100
