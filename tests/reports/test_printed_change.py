"""The scenario table's change agrees with the two indices printed beside it."""

from __future__ import annotations

import pytest

from reports.sections_back import printed_change


@pytest.mark.parametrize(
    ("index", "before", "expected"),
    [
        (29.24, 20.83, "+8.4 vs baseline"),  # 29.2 − 20.8
        (29.16, 20.84, "+8.4 vs baseline"),  # the raw 8.32 would print +8.3
        (20.84, 29.16, "\u22128.4 vs baseline"),
        (20.06, 19.94, "+0.2 vs baseline"),  # 20.1 − 19.9, the raw 0.12 would print +0.1
        (20.04, 19.96, "unchanged"),  # both print 20.0, the raw 0.08 would print +0.1
        (24.996, 25.0, "\u22120.01 vs baseline"),  # 24.99 (below the band edge) against 25.0
    ],
)
def test_the_change_is_the_difference_of_the_printed_figures(
    index: float, before: float, expected: str
) -> None:
    assert printed_change(index, before) == expected
