"""A change printed beside two indices agrees with them: the memo's scenario table and
"Changes since" section, the Changes view and ``rrisk diff``."""

from __future__ import annotations

import pytest

from reports.sections_back import printed_change
from reports.sections_changes import _index_pair
from rrisk.compare.effects import ProjectEffect
from rrisk.compare.wording import index_text
from rrisk.scoring import ProjectScore


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


def _effect(before: float | None, after: float | None) -> ProjectEffect:
    def score(index: float | None) -> ProjectScore:
        return ProjectScore("p", "P", index, "High", 1.0, "ranked", 1, ())

    return ProjectEffect("p", "P", score(before), score(after), (), (), ())


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (65.54, 72.16, "65.5 → 72.2 (+6.7)"),  # the raw 6.62 would print +6.6
        (72.16, 65.54, "72.2 → 65.5 (-6.7)"),
        (19.94, 20.06, "19.9 → 20.1 (+0.2)"),
        (20.04, 19.96, "20.0"),  # both print 20.0: one figure, no change
        (20.0, None, "20.0 → —"),
    ],
)
def test_the_changes_view_and_diff_word_the_printed_difference(
    before: float, after: float | None, expected: str
) -> None:
    """The Changes view and ``rrisk diff`` print ``before → after (change)`` with the change
    the difference of the two figures beside it; the memo's "Changes since" section too."""
    effect = _effect(before, after)
    assert index_text(effect) == expected
    memo = expected.replace("(-", "(\u2212")
    assert _index_pair(effect) == memo
