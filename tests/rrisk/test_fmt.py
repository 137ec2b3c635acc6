"""How figures print (rrisk/fmt.py): never across a band edge, never a gap rounded away."""

from __future__ import annotations

import pytest

from rrisk.fmt import fmt_index, fmt_precise_weight, fmt_probability, fmt_whole
from rrisk.scoring import INDEX_BAND_LOWER, index_band


@pytest.mark.parametrize(
    ("value", "shown", "whole"),
    [
        (24.99, "24.99", "24.99"),
        (24.9999, "24.99", "24.99"),
        (49.96, "49.96", "49.96"),
        (74.951, "74.95", "74.95"),
        (24.6, "24.6", "24.6"),
        (24.4, "24.4", "24"),
        (25.0, "25.0", "25"),
        (75.04, "75.0", "75"),
        (20.455, "20.5", "20"),
        (72.2, "72.2", "72"),
        (99.99, "100.0", "100"),
        # Halves round up, as by hand and in a spreadsheet (not to the even figure).
        (12.25, "12.3", "12"),
        (12.35, "12.4", "12"),
        (0.05, "0.1", "0"),
        (62.5, "62.5", "63"),
        # Truncated as written, not as the float times 100 comes out (7498.999…).
        (74.99, "74.99", "74.99"),
        (74.96, "74.96", "74.96"),
        # Two decimals round halves up as one does; only what would reach the edge is cut.
        (24.966, "24.97", "24.97"),
        (49.9896, "49.99", "49.99"),
        (24.996, "24.99", "24.99"),
        (74.995, "74.99", "74.99"),
    ],
)
def test_an_index_never_prints_on_a_band_edge_it_is_below(
    value: float, shown: str, whole: str
) -> None:
    assert fmt_index(value) == shown
    assert fmt_whole(value) == whole
    band = int(index_band(value))
    for text in (shown, whole):
        # the printed figure lies in the band the index is in
        assert int(index_band(float(text))) == band, (value, text)
    assert set(INDEX_BAND_LOWER[1:]) == {25.0, 50.0, 75.0}


def test_weights_and_shares() -> None:
    assert [fmt_precise_weight(w) for w in (2.0, 0.37, 7.666, 1e-6, 0.0, -0.0)] == [
        "2",
        "0.37",
        "7.67",
        "0.000001",
        "0",
        "0",
    ]
    assert [fmt_probability(p) for p in (0.0, 0.001, 0.9999, 1.0, float("nan"))] == [
        "0%",
        "<1%",
        ">99%",
        "100%",
        "—",
    ]


def test_numbers_printed_apart_and_weight_changes() -> None:
    from rrisk.fmt import fmt_apart, fmt_weight_change

    assert fmt_apart(41.66, 41.67) == ("41.66", "41.67")
    assert fmt_apart(41.6601, 41.6602) == ("41.6601", "41.6602")
    assert fmt_apart(20.0, 20.0) == ("20.0", "20.0")
    assert fmt_apart(20.04, 25.0) == ("20.0", "25.0")
    assert fmt_weight_change(2, 3.5) == ("2", "3.5")
    assert fmt_weight_change(1, 1.002) == ("1", "1.002")
    assert fmt_weight_change(1, 1.000001) == ("1", "1.000001")


def test_a_percentage_never_rounds_a_share_to_nothing_or_a_gap_to_whole() -> None:
    from rrisk.fmt import fmt_percent

    # A share that counts reads "<1%", never "0%"; 0.5% rounds up, as by hand.
    assert [fmt_percent(f) for f in (0.0, 0.000001, 0.004, 0.0049, 0.005, 0.0051)] == [
        "0%",
        "<1%",
        "<1%",
        "<1%",
        "1%",
        "1%",
    ]
    assert [fmt_percent(f) for f in (0.994, 0.995, 0.9999, 1.0)] == ["99%", "99%", "99%", "100%"]


def test_a_percentage_rounds_halves_up_as_the_indices_do() -> None:
    """Coverage 62.5% printed 62% and 37.5% 38% (Python rounds halves to even)."""
    from rrisk.fmt import fmt_percent, fmt_probability

    assert [fmt_percent(f) for f in (0.625, 0.375, 0.875, 0.125)] == ["63%", "38%", "88%", "13%"]
    # 0.145 × 100 is 14.499999999999998 in floats: the share as written is 14.5%.
    assert [fmt_percent(f) for f in (0.145, 1.45 / 10, 0.285)] == ["15%", "15%", "29%"]
    # Shares that are halves on paper but fall short in floats: 0.6 / 1.6 is 0.3749999…
    assert [fmt_percent(f) for f in (0.6 / 1.6, 1.4 / 1.6, 0.2 / 1.6)] == ["38%", "88%", "13%"]
    assert fmt_percent(float("nan")) == fmt_percent(float("inf")) == "—"
    assert [fmt_probability(f) for f in (0.625, 0.025, 0.985)] == ["63%", "3%", "99%"]


@pytest.mark.parametrize(
    ("value", "two"),
    [(24.965, "24.97"), (24.955, "24.96"), (49.985, "49.99"), (74.975, "74.98"), (24.996, "24.99")],
)
def test_json_and_printed_indices_round_two_decimals_alike(value: float, two: str) -> None:
    """24.965 printed 24.97 in the tables and 24.96 in JSON (Python's round to even)."""
    from rrisk.scoring import json_index

    assert fmt_index(value) == two
    assert f"{json_index(value):.2f}" == two
