"""How figures are printed: one set of functions for the memo's tables and the narrative fields.

A figure quoted in the summary through a field (``{{index:tomtor}}``) and the same figure in the
ranking table come from the same function, so they can never disagree by a rounding.
"""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from rrisk.scoring import below_an_edge, share_half_up, two_decimals
from rrisk.text import plain_number as plain_number  # re-exported: how weights print

_TENTH = Decimal("0.1")


def fmt_index(value: float | None) -> str:
    """A risk index as printed everywhere (one decimal, rounded half up as by hand and in a
    spreadsheet: 12.25 prints ``12.3``; ``—`` when unscored). An index just below a band edge
    is never rounded onto it: it prints to two decimals, halves up as ever (24.966 prints
    ``24.97``, as the JSON gives it), and cut short only where those would reach the edge too
    (24.996 prints ``24.99``), so the figure and its band (Low) agree."""
    if value is None or value != value:
        return "—"
    exact = Decimal(repr(float(value)))  # the figure as written: 74.99, not 74.98999…
    text = str(exact.quantize(_TENTH, rounding=ROUND_HALF_UP))
    if below_an_edge(value, float(text)):
        return str(two_decimals(value))
    return text


def fmt_whole(value: float | None) -> str:
    """An index to whole points, as prose quotes it (``72``): the computed index rounded half
    up. It is the table's figure to the nearest point, except that the table's 20.5 (from
    20.455) reads 20, as the unrounded figure is nearer 20. An index that would round onto
    a band edge it is below (24.6) prints as the tables print it (``24.6``)."""
    if value is None or value != value:
        return "—"
    whole = Decimal(repr(float(value))).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if below_an_edge(value, float(whole)):
        return fmt_index(value)
    return str(whole)


def fmt_index_change(index: float | None, before: float | None, minus: str = "-") -> str | None:
    """The change between two indices as they are printed: the difference of the printed
    figures (20.8 → 29.2 reads ``+8.4`` whatever the unprinted decimals), to as many decimals
    as they carry; None when they print alike or either is unscored. ``minus`` is the sign of
    a fall (the memo prints a true minus)."""
    now, then = fmt_index(index), fmt_index(before)
    if now == then or "—" in (now, then):
        return None
    places = max(len(now.partition(".")[2]), len(then.partition(".")[2]))
    return f"{round(float(now) - float(then), places):+.{places}f}".replace("-", minus)


def fmt_percent(fraction: float) -> str:
    """Coverage and weight shares: whole percent, but never round a gap up to 100% nor
    something down to nothing (a weight of 0.000001 among weights of 1 is ``<1%``, not ``0%``,
    which reads as left out). Halves round up, as the indices do (62.5% prints ``63%``)."""
    if fraction != fraction or fraction in (math.inf, -math.inf):
        return "—"
    text = f"{_whole_percent(fraction)}%"
    if text == "100%" and fraction < 1.0:
        return "99%"
    if text == "0%" and fraction > 0.0:
        return "<1%"
    return text


def _whole_percent(share: float) -> str:
    """A share (0–1) in whole percent, halves rounded up (0.375 → 38, 0.145 → 15), as by hand
    (:func:`rrisk.scoring.share_half_up`): the share as written times 100, not the float
    product (0.145 × 100 is 14.4999…); a coverage of 0.6 / 1.6 prints 38%."""
    return str(share_half_up(share, 2).scaleb(2))


def fmt_precise_weight(weight: float) -> str:
    """A computed weight to two decimals without trailing zeros (``2``, ``0.37``, ``7.67``);
    a weight too small for two decimals in one significant digit, in plain decimals as the
    model's own messages spell the smallest weight (``0.000001``, never ``1e-06``)."""
    text = f"{weight:.2f}".rstrip("0").rstrip(".")
    if text in ("", "0", "-0"):
        # A weight that is not 0 never prints as 0 (the smallest settable is 0.000001).
        return "0" if weight == 0 else plain_number(float(f"{weight:.1g}"))
    return text


def fmt_apart(first: float, second: float, decimals: int = 1, most: int = 6) -> tuple[str, str]:
    """Two numbers with the fewest decimals, from ``decimals`` to ``most``, that tell them
    apart (``41.66``/``41.67`` where one decimal prints ``41.7`` twice); trailing zeros
    beyond ``decimals`` dropped. Equal numbers print at ``decimals``."""
    places = next(
        (p for p in range(decimals, most + 1) if f"{first:.{p}f}" != f"{second:.{p}f}"),
        decimals,
    )
    return _to_places(first, places, decimals), _to_places(second, places, decimals)


def _to_places(value: float, places: int, decimals: int) -> str:
    """``value`` to ``places`` decimals, the zeros that end it beyond ``decimals`` dropped."""
    head, _, tail = f"{value:.{places}f}".partition(".")
    tail = tail.rstrip("0").ljust(decimals, "0") if places > decimals else tail
    return f"{head}.{tail}" if tail else head


def fmt_weight_change(weight: float, new_weight: float) -> tuple[str, str]:
    """A weight and the weight a rank reversal moves it to, as the sentences print them.

    The new weight is the figure :func:`rrisk.analysis.rank_reversals` chose (the coarsest
    that reverses: ``2.63`` for a threshold of 2.625, ``18.872`` where ``18.88`` would put a
    third project first) and is printed exactly, with the fewest decimals that show it; a
    figure off that grid is rounded *away* from the current weight at the eighth decimal, never
    short of it. Today's weight prints as :func:`fmt_precise_weight` prints it, or, where that
    would read alike ("from 1 to 1") or the wrong way round (a raise from 4.5766 to 4.578
    read "from 4.58 to 4.578"), with the fewest decimals (up to eight) that tell the two
    apart in the right order ("from 4.5766 to 4.578")."""
    before = fmt_precise_weight(weight)
    if weight == new_weight:
        return before, before
    after = plain_number(new_weight)
    if len(after.partition(".")[2]) > 8:  # off the grid of printed figures
        after = rounded_away(new_weight, 8, new_weight > weight)
    up = new_weight > weight
    places = 2
    while places < 8 and (
        before == after or (float(after) > float(before)) != up  # "4.58 → 4.578" reads down
    ):
        places += 1
        before = _to_places(weight, places, 0)
    return before, after


def rounded_away(value: float, places: int, up: bool) -> str:
    """``value`` to ``places`` decimals rounded up (``up``) or down, never short of it on
    that side; the zeros that end it dropped (``2.625`` up to two places: ``2.63``)."""
    step = Decimal(1).scaleb(-places)
    rounded = Decimal(repr(float(value))).quantize(step, ROUND_CEILING if up else ROUND_FLOOR)
    return _to_places(float(rounded), places, 0)


def fmt_interval(low: float, high: float) -> str:
    """A P10–P90 range as printed in the memo (``19.1–23.4``; ``—`` when never scored)."""
    if low != low or high != high:  # NaN: the project is never scored
        return "—"
    return f"{fmt_index(low)}–{fmt_index(high)}"


def fmt_probability(share: float) -> str:
    """A share of runs in whole percent that never rounds a rare event away (``<1%``) or a
    near-certainty up to ``100%`` (``>99%``)."""
    if share != share:
        return "—"
    percent = share * 100.0
    if percent <= 0.0:
        return "0%"
    if percent < 0.5:
        return "<1%"
    if 99.5 <= percent < 100.0:
        return ">99%"
    return f"{_whole_percent(share)}%"


_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
]
_NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]


def fmt_ordinal(rank: int) -> str:
    """``first`` … ``twelfth``, then ``13th``, ``21st``, ``22nd``."""
    if 1 <= rank <= len(_ORDINALS):
        return _ORDINALS[rank - 1]
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def fmt_count_word(count: int) -> str:
    """``zero`` … ``twenty`` in words, larger counts in digits (style guides' rule)."""
    return _NUMBER_WORDS[count] if 0 <= count < len(_NUMBER_WORDS) else f"{count:,}"


def apportion(values: list[float], total: float, places: int) -> list[float]:
    """``values`` rounded to ``places`` decimals so that they add up to ``total`` (on that
    grid) exactly: each rounded down, then the units still missing given, one each, to the
    values that lost the most (largest remainder); a surplus unit is taken from the value that
    lost the least. Every figure stays within one unit of its own value."""
    unit = 10**places
    target = round(total * unit)
    scaled = [value * unit for value in values]
    floors = [math.floor(value) for value in scaled]
    missing = target - sum(floors)
    by_remainder = sorted(range(len(values)), key=lambda i: floors[i] - scaled[i])
    if missing >= 0:
        for i in by_remainder[:missing]:
            floors[i] += 1
    else:
        for i in by_remainder[::-1][:-missing]:
            floors[i] -= 1
    return [floor / unit for floor in floors]
