"""The "Why the indices moved" figures (``rrisk diff``, the app's Changes view, the memo's "Changes
since"): each change's share is printed to two decimals, all of a project's shares rounded
together so that the printed shares add up to the printed movement, and each share prints
alike in the three places however many each lists. Rounded one by one they need not add up:
five shares of -16.667, +6.25, +3.125, +2.083 and -0.521 (a movement of -5.729) print as
-16.67, +6.25, +3.12 (3.1249999…), +2.08 and -0.52, which add up to -5.74, not -5.73."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from decimal import Decimal

import pytest
from pdfread import ReadMemo

from desktop.changes.outline import build_outline
from reports.memo import build_memo
from rrisk.compare import Comparison, compare
from rrisk.compare.wording import at_most, moved_enough, movement_parts, movers
from rrisk.compare_cli import table
from rrisk.fmt import apportion
from rrisk.model import parse_assessment

WEIGHTS = (3, 3, 3, 1.5, 1.5)
BEFORE = ((5, 4), (5, 2), (1, 4), (3, 2), (1, 5))
AFTER = ((2, 2), (4, 3), (2, 5), (3, 4), (1, 4))
MINUS = "\u2212"
NINE = 9
NINE_WEIGHTS = tuple((1, 1.5, 2, 3)[i % 4] for i in range(NINE))


def _document(
    as_of: str, scores: Sequence[tuple[int, int]], weights: Sequence[float] = WEIGHTS
) -> dict[str, object]:
    """Alpha scored on every criterion (``scores``), Bravo on the first only."""
    return {
        "as_of": as_of,
        "criteria": [
            {"id": f"c{i}", "name": f"Crit{i}", "weight": w} for i, w in enumerate(weights)
        ],
        "projects": [{"id": "p0", "name": "Alpha"}, {"id": "p1", "name": "Bravo"}],
        "cells": {
            "p0": {f"c{i}": {"likelihood": lk, "impact": im} for i, (lk, im) in enumerate(scores)},
            "p1": {"c0": {"likelihood": 3, "impact": 3}},
        },
    }


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return compare(
        parse_assessment(_document("2026-01-01", BEFORE)),
        parse_assessment(_document("2026-02-01", AFTER)),
    )


def test_the_shares_rounded_one_by_one_would_not_add_up(comparison: Comparison) -> None:
    (effect,) = movers(comparison)
    one_by_one = sum(Decimal(f"{p.points:.2f}") for p in effect.contributions)
    assert one_by_one != Decimal(f"{effect.index_change:.2f}")  # the case this file is about


def test_the_printed_shares_add_up_to_the_printed_movement(comparison: Comparison) -> None:
    (effect,) = movers(comparison)
    for shown in (2, 3, 5, 8):
        movement, parts, rest = movement_parts(effect, shown)
        total = sum(Decimal(f"{points:.2f}") for _part, points in parts)
        total += Decimal(f"{rest[1]:.2f}") if rest is not None else 0
        assert total == Decimal(movement), (shown, movement, parts, rest)
        for part, points in parts:
            assert abs(points - part.points) < 0.01 + 1e-9


def test_rrisk_diff_prints_shares_that_add_up(comparison: Comparison) -> None:
    text = table(comparison, "before.rrisk", "after.rrisk")
    why = text[text.index("Why the indices moved") :]
    found = re.search(r"Alpha\s+([+-]\d+\.\d\d)", why)
    assert found is not None, why
    movement = Decimal(found.group(1))
    shares = [Decimal(x) for x in re.findall(r"^\s+([+-]\d+\.\d\d)\s+Crit", why, re.M)]
    assert len(shares) == 5
    assert sum(shares) == movement == Decimal("-5.73")


@pytest.mark.parametrize(
    ("values", "total", "expected"),
    [
        ([0.125, 0.125, 0.125], 0.375, [0.13, 0.13, 0.12]),
        ([1.0, 2.0], 3.0, [1.0, 2.0]),
        ([0.333, 0.333, 0.334], 1.0, [0.33, 0.33, 0.34]),
        ([-0.125, -0.125], -0.25, [-0.12, -0.13]),  # a tie: the earlier share first
        ([], 0.0, []),
    ],
)
def test_apportion_keeps_the_total(
    values: list[float], total: float, expected: list[float]
) -> None:
    result = apportion(values, total, 2)
    assert result == pytest.approx(expected)
    assert round(sum(result), 2) == round(total, 2)


def _one_plant(minor: float, cells: dict[str, tuple[int, int]], as_of: str) -> dict[str, object]:
    return {
        "as_of": as_of,
        "criteria": [
            {"id": "a", "name": "Minor", "weight": minor},
            {"id": "b", "name": "Major", "weight": 24.7},
        ],
        "projects": [{"id": "p", "name": "Plant"}],
        "cells": {"p": {c: {"likelihood": lk, "impact": im} for c, (lk, im) in cells.items()}},
    }


@pytest.mark.parametrize("major", [(lk, im) for lk in range(1, 6) for im in range(1, 6)])
def test_a_movement_of_exactly_0_05_is_explained(major: tuple[int, int]) -> None:
    """Weights 0.3 and 24.7 (sum 25): Minor's cell 2×2 → 1×3 moves the index by
    100 × 0.3 × (−1/24) / 25 = −0.05 exactly, which the floats can make −0.0499999…"""
    old = _one_plant(0.3, {"a": (2, 2), "b": major}, "2026-01-01")
    new = _one_plant(0.3, {"a": (1, 3), "b": major}, "2026-02-01")
    comparison = compare(parse_assessment(old), parse_assessment(new))
    (effect,) = movers(comparison)
    assert movement_parts(effect)[0] == "-0.05"
    assert "Why the indices moved" in table(comparison, "a", "b")
    assert moved_enough(-0.04999999999999982) and not moved_enough(0.0499)


def test_a_bound_on_the_other_movements_is_never_below_them() -> None:
    assert at_most(1.2449) == "1.25"
    assert at_most(-0.51) == "0.51"
    assert at_most(1.2) == "1.2"


def test_weights_in_the_explanation_print_every_digit_without_an_exponent() -> None:
    old = _one_plant(0.00001, {"a": (2, 2), "b": (3, 3)}, "2026-01-01")
    new = _one_plant(0.5, {"a": (2, 2), "b": (3, 3)}, "2026-02-01")
    text = table(compare(parse_assessment(old), parse_assessment(new)), "a", "b")
    assert "Minor: weight 0.00001 → 0.5" in text
    assert "e-05" not in text
    old = _one_plant(0.1234561, {"a": (2, 2), "b": (3, 3)}, "2026-01-01")
    new = _one_plant(0.1234569, {"a": (5, 5), "b": (3, 3)}, "2026-02-01")
    text = table(compare(parse_assessment(old), parse_assessment(new)), "a", "b")
    assert "Minor: weight 0.1234561 → 0.1234569" in text


def test_the_json_shares_add_up_to_the_json_change(comparison: Comparison) -> None:
    rng = random.Random(298)
    pairs = [comparison]
    for _ in range(40):
        before = tuple((rng.randint(1, 5), rng.randint(1, 5)) for _ in WEIGHTS)
        after = tuple((rng.randint(1, 5), rng.randint(1, 5)) for _ in WEIGHTS)
        pairs.append(
            compare(
                parse_assessment(_document("2026-01-01", before)),
                parse_assessment(_document("2026-02-01", after)),
            )
        )
    checked = 0
    for pair in pairs:
        for project in pair.as_dict()["projects"]:
            if project["index_change"] is None or not project["contributions"]:
                continue
            total = sum(Decimal(repr(c["points"])) for c in project["contributions"])
            assert total == Decimal(repr(project["index_change"])), project
            assert all(repr(c["points"]) != "-0.0" for c in project["contributions"])
            checked += 1
    assert checked > 20


@pytest.fixture(scope="module")
def nine_changes() -> Comparison:
    """Nine changed cells: more than any report lists one by one."""
    before = [(1 + i % 5, 1 + (2 * i) % 5) for i in range(NINE)]
    after = [(lk % 5 + 1, im) for lk, im in before]  # every cell's risk moves
    return compare(
        parse_assessment(_document("2026-01-01", before, NINE_WEIGHTS)),
        parse_assessment(_document("2026-02-01", after, NINE_WEIGHTS)),
    )


def test_the_diff_the_changes_view_and_the_memo_print_the_same_shares(
    nine_changes: Comparison,
) -> None:
    (effect,) = movers(nine_changes)
    assert len(effect.contributions) == NINE
    text = table(nine_changes, "before.rrisk", "after.rrisk")
    why = text[text.index("Why the indices moved") : text.index("Changes (")]
    diff_lines = re.findall(r"^\s+([+-]\d+\.\d\d)\s+(.+)$", why, re.M)
    outline = build_outline(nine_changes, "before.rrisk", "after.rrisk")
    view_lines = [
        (line.points, line.text)
        for group in outline.groups
        for section in group.sections
        if section.title.startswith("Why")
        for line in section.lines
    ]
    assert diff_lines == view_lines
    assert diff_lines[-1][1] == f"{NINE - 6} smaller changes"
    assert sum(Decimal(points) for points, _text in diff_lines) == Decimal(
        f"{effect.index_change:+.2f}"
    )
    # The memo: the same rows (a true minus sign, the table's cells run together).
    memo = " ".join(ReadMemo(build_memo(nine_changes.new, since=nine_changes.old)).text.split())
    for points, line in diff_lines:
        printed = points.replace("-", MINUS)
        assert f"{line} {printed}" in memo, (line, points)


def test_a_movement_under_0_05_that_moves_the_printed_index_is_explained() -> None:
    """Minor (0.1) 2×2 → 1×5 moves Plant by +0.017 points, 16.6499 → 16.6667, which prints
    16.6 → 16.7: a results line that moves keeps its why. Back the other way too."""
    old = _one_plant(0.1, {"a": (2, 2), "b": (1, 5)}, "2026-01-01")
    new = _one_plant(0.1, {"a": (1, 5), "b": (1, 5)}, "2026-02-01")
    comparison = compare(parse_assessment(old), parse_assessment(new))
    (effect,) = movers(comparison)
    assert abs(effect.index_change or 0) < 0.05
    assert "Why the indices moved" in table(comparison, "a", "b")
    # A movement as small that leaves the printed figure alone is not listed.
    quiet_old = _one_plant(0.1, {"a": (2, 2), "b": (2, 5)}, "2026-01-01")
    quiet_new = _one_plant(0.1, {"a": (1, 5), "b": (2, 5)}, "2026-02-01")
    assert movers(compare(parse_assessment(quiet_old), parse_assessment(quiet_new))) == []


def test_changes_that_cancel_out_are_explained_where_the_index_stands_still() -> None:
    """Cost 2×3 → 3×3 (+6.25) and Sanctions 1×5 → 1×2 (−6.25), equal weights: the index
    stays at 18.8, and the report says why, as the JSON and CSV shares did alone."""

    def document(cost: tuple[int, int], sanctions: tuple[int, int], as_of: str):
        return parse_assessment(
            {
                "as_of": as_of,
                "criteria": [{"id": "c", "name": "Cost"}, {"id": "s", "name": "Sanctions"}],
                "projects": [{"id": "p", "name": "Plant"}],
                "cells": {
                    "p": {
                        "c": {"likelihood": cost[0], "impact": cost[1]},
                        "s": {"likelihood": sanctions[0], "impact": sanctions[1]},
                    }
                },
            }
        )

    comparison = compare(
        document((2, 3), (1, 5), "2026-01-01"), document((3, 3), (1, 2), "2026-02-01")
    )
    (effect,) = movers(comparison)
    assert abs(effect.index_change or 0.0) < 1e-9
    movement, parts, _rest = movement_parts(effect)
    assert movement == "+0.00" and sorted(points for _part, points in parts) == [-6.25, 6.25]
    assert "Why the indices moved" in table(comparison, "a", "b")
