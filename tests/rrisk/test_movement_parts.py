""" "Why the indices moved": each change's share is printed to two decimals, rounded so that
the printed shares add up to the printed movement. Rounded one by one they need not: here five
shares of -16.667, +6.25, +3.125, +2.083 and -0.521 (a movement of -5.729) print as -16.67,
+6.25, +3.12 (3.1249999…), +2.08 and -0.52, which add up to -5.74, not -5.73."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from rrisk.compare import Comparison, compare
from rrisk.compare.wording import apportion, movement_parts, movers
from rrisk.compare_cli import table
from rrisk.model import parse_assessment

WEIGHTS = (3, 3, 3, 1.5, 1.5)
BEFORE = ((5, 4), (5, 2), (1, 4), (3, 2), (1, 5))
AFTER = ((2, 2), (4, 3), (2, 5), (3, 4), (1, 4))


def _document(as_of: str, scores: tuple[tuple[int, int], ...]) -> dict[str, object]:
    return {
        "as_of": as_of,
        "criteria": [
            {"id": f"c{i}", "name": f"Crit{i}", "weight": w} for i, w in enumerate(WEIGHTS)
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
        total += Decimal(f"{rest:.2f}") if rest is not None else 0
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
