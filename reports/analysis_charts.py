"""Vector charts of the robustness sections: P10–P90 intervals and weight tornados.

Both charts sit on the 0–100 risk-index axis with the four index bands lightly shaded behind
the data and named in a strip above it, so a reader sees at once whether an interval or a
weight change crosses a band boundary. Every bar also prints its numbers: the charts read in
greyscale and for colour-blind readers. Names are drawn as plain strings (never markup).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports import styles as st
from reports.charts import new_drawing, wrap_text
from reports.fonts import BOLD, REGULAR
from reports.shapes import Drawing, Line, Rect, String
from reports.styles import fmt_index, fmt_interval
from rrisk.scoring import INDEX_BAND_LOWER, INDEX_BANDS

BAND_TINTS = (0.55, 0.32, 0.24, 0.13)
"""How strongly each band's colour shades the plot: light enough for bars to stand out,
strong enough that the four regions stay distinct."""
NAME_SIZE = 7.4
SMALL_SIZE = 6.6
STRIP_HEIGHT = 11.0
COMPACT_AFTER = 12
"""Interval charts with more rows than this use compact rows."""


@dataclass(frozen=True)
class IntervalRow:
    """One project's P10–P90 interval and median over the Monte Carlo runs."""

    name: str
    p10: float
    p50: float
    p90: float
    excluded: bool


@dataclass(frozen=True)
class TornadoRow:
    """One criterion: the project's index with the weight at 0 and at twice its value."""

    label: str
    weight_label: str
    at_zero: float
    at_double: float
    note: str = ""


class _Axis:
    """Maps index values in ``[low, high]`` to x positions in ``[left, right]``."""

    def __init__(self, low: float, high: float, left: float, right: float):
        self.low, self.high, self.left, self.right = low, high, left, right

    def x(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return self.left + share * (self.right - self.left)


def _band_background(drawing: Drawing, axis: _Axis, bottom: float, top: float) -> None:
    """Shade the index bands over the plot and name them in a strip above it."""
    uppers = (*INDEX_BAND_LOWER[1:], 100.0)
    for band, (lower, upper) in enumerate(zip(INDEX_BAND_LOWER, uppers, strict=True)):
        lower, upper = max(lower, axis.low), min(upper, axis.high)
        if upper <= lower:
            continue
        x0, x1 = axis.x(lower), axis.x(upper)
        fill = st.tint(st.band_fill(band), BAND_TINTS[band])
        drawing.add(Rect(x0, bottom, x1 - x0, top - bottom, fillColor=fill, strokeColor=None))
        drawing.add(
            Rect(x0, top + 1, x1 - x0, STRIP_HEIGHT, fillColor=st.band_fill(band), strokeColor=None)
        )
        name = INDEX_BANDS[band]
        if stringWidth(name, BOLD, SMALL_SIZE) + 4 <= x1 - x0:
            drawing.add(
                String(
                    (x0 + x1) / 2,
                    top + 4,
                    name,
                    fontName=BOLD,
                    fontSize=SMALL_SIZE,
                    fillColor=st.band_text(band),
                    textAnchor="middle",
                )
            )
        if lower > axis.low:
            # A white seam makes the band boundary exact rather than a change of shade.
            drawing.add(Line(x0, bottom, x0, top + 1 + STRIP_HEIGHT, strokeColor=colors.white))


def _ticks(drawing: Drawing, axis: _Axis, y: float, step: float, labelled: Sequence[float]) -> None:
    """Tick marks every ``step`` and numbers at ``labelled`` values under the plot."""
    drawing.add(Line(axis.left, y, axis.right, y, strokeColor=st.MUTED, strokeWidth=0.5))
    value = math.ceil(axis.low / step) * step
    while value <= axis.high + 1e-9:
        x = axis.x(value)
        drawing.add(Line(x, y, x, y - 2.5, strokeColor=st.MUTED, strokeWidth=0.5))
        value += step
    for value in labelled:
        drawing.add(
            String(
                axis.x(value),
                y - 9.5,
                f"{value:g}",
                fontName=REGULAR,
                fontSize=SMALL_SIZE,
                fillColor=st.MUTED,
                textAnchor="middle",
            )
        )


def _text(
    drawing: Drawing,
    x: float,
    y: float,
    text: str,
    *,
    font: str = REGULAR,
    size: float = SMALL_SIZE,
    color: colors.Color = st.MUTED,
    anchor: str = "start",
) -> None:
    for string in st.drawn_strings(x, y, st.drawn_text(text), font, size, anchor, fillColor=color):
        drawing.add(string)


def _name_lines(drawing: Drawing, lines: list[str], x: float, centre: float, **kw: object) -> None:
    """Up to two lines of a label, vertically centred on ``centre``."""
    leading = NAME_SIZE * 1.18
    first = centre - 2.6 + leading * (len(lines) - 1) / 2
    for number, line in enumerate(lines):
        _text(drawing, x, first - number * leading, line, **kw)  # type: ignore[arg-type]


# -- P10–P90 intervals ----------------------------------------------------------------------


def interval_chart(rows: Sequence[IntervalRow], width: float, runs: int) -> Drawing:
    """Each project's P10–P90 index interval with its P50, on the full 0–100 axis.

    Projects the ranking excludes are drawn in the red-line colour and marked ⊘: their index
    is shown for completeness, not as a rank.
    """
    # Beyond a dozen projects the rows close up and names take one line, so that the chart
    # still fits a page beside its heading.
    compact = len(rows) > COMPACT_AFTER
    row_height, label_width, value_width = (14.0 if compact else 21.0), 150.0, 46.0
    bottom, top_room = 38.0, STRIP_HEIGHT + 3
    height = bottom + row_height * len(rows) + top_room
    drawing = new_drawing(width, height)
    axis = _Axis(0.0, 100.0, label_width + 8, width - value_width - 8)
    plot_top = bottom + row_height * len(rows)
    _band_background(drawing, axis, bottom, plot_top)
    _text(drawing, width, plot_top + 4, "P10–P90", font=BOLD, color=st.ACCENT, anchor="end")
    bar_fill, excluded_fill = st.tint(st.ACCENT, 0.7), st.tint(st.RED_LINE, 0.55)
    names = [f"⊘ {row.name}" if row.excluded else row.name for row in rows]
    labels = [wrap_text(name, BOLD, NAME_SIZE, label_width, 1 if compact else 2) for name in names]
    if compact and len({tuple(label) for label in labels}) < len(labels):
        # Names cut alike ("Northern Siberian deposit…" twice): keep their ends instead.
        labels = [[st.fit_text_middle(name, BOLD, NAME_SIZE, label_width)] for name in names]
    for position, row in enumerate(rows):
        centre = plot_top - row_height * (position + 0.5)
        if position:
            y = plot_top - row_height * position
            drawing.add(
                Line(axis.left, y, axis.right, y, strokeColor=colors.white, strokeWidth=0.6)
            )
        lines = labels[position]
        ink = st.RED_LINE if row.excluded else st.INK
        _name_lines(drawing, lines, 0, centre, font=BOLD, size=NAME_SIZE, color=ink)
        if math.isnan(row.p10):
            _text(drawing, axis.left + 4, centre - 2.4, "not scored in any run")
            _text(drawing, width, centre - 2.4, "—", color=st.INK, size=NAME_SIZE, anchor="end")
            continue
        x10, x50, x90 = axis.x(row.p10), axis.x(row.p50), axis.x(row.p90)
        # A certain index still gets a visible sliver rather than vanishing under the tick.
        bar_width = max(x90 - x10, 1.6)
        fill = excluded_fill if row.excluded else bar_fill
        half = 3.0 if compact else 3.8
        drawing.add(Rect(x10, centre - half, bar_width, 2 * half, fillColor=fill, strokeColor=None))
        drawing.add(
            Line(x50, centre - half - 2, x50, centre + half + 2, strokeColor=ink, strokeWidth=1.6)
        )
        _text(
            drawing,
            width,
            centre - 2.5,
            fmt_interval(row.p10, row.p90),
            size=NAME_SIZE,
            color=st.INK,
            anchor="end",
        )
    _ticks(drawing, axis, bottom, 5.0, (0, 25, 50, 75, 100))
    _text(
        drawing,
        (axis.left + axis.right) / 2,
        bottom - 20,
        "Risk index (0 = lowest risk, 100 = highest)",
        font=BOLD,
        color=st.INK,
        anchor="middle",
    )
    legend = [(bar_fill, f"P10 to P90 of {runs:,} runs")]
    if any(row.excluded for row in rows):
        legend.append((excluded_fill, "⊘ excluded by a red line"))
    x = 0.0
    for fill, text in legend:
        drawing.add(Rect(x, 3, 16, 6, fillColor=fill, strokeColor=None))
        _text(drawing, x + 20, 3.8, text)
        x += 32 + stringWidth(text, REGULAR, SMALL_SIZE)
    drawing.add(Line(x, 1.5, x, 10.5, strokeColor=st.INK, strokeWidth=1.6))
    _text(drawing, x + 5, 3.8, "P50 (median)")
    drawing.description = f"P10 to P90 of the risk index over {runs:,} runs: " + "; ".join(
        f"{'⊘ ' if row.excluded else ''}{row.name} "
        + (
            "not scored in any run"
            if math.isnan(row.p10)
            else f"{fmt_interval(row.p10, row.p90)}, median {fmt_index(row.p50)}"
        )
        for row in rows
    )
    return drawing


# -- tornado --------------------------------------------------------------------------------


def _nice_step(span: float) -> float:
    for step in (1.0, 2.0, 5.0, 10.0):
        if span / step <= 12:
            return step
    return 20.0


def tornado_domain(values: Sequence[float]) -> tuple[float, float, float]:
    """Axis bounds and tick step around ``values``, with room for the printed numbers."""
    finite = [v for v in values if not math.isnan(v)]
    low, high = (min(finite), max(finite)) if finite else (0.0, 100.0)
    pad = max(2.0, 0.18 * (high - low))
    low, high = max(0.0, low - pad), min(100.0, high + pad)
    if high - low < 10:
        middle = (low + high) / 2
        low, high = max(0.0, middle - 5), min(100.0, middle + 5)
    step = _nice_step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def tornado_chart(rows: Sequence[TornadoRow], base: float, width: float) -> Drawing:
    """Bars from the index as weighted to its value with the weight at 0 (light) and at 2×
    (dark), widest swing first; the dashed line is the index as weighted."""
    row_height, label_width = 18.0, 178.0
    bottom, top_room = 28.0, STRIP_HEIGHT + 16
    height = bottom + row_height * len(rows) + top_room
    drawing = new_drawing(width, height)
    values = [base] + [v for r in rows for v in (r.at_zero, r.at_double)]
    low, high, step = tornado_domain(values)
    axis = _Axis(low, high, label_width + 8, width - 4)
    plot_top = bottom + row_height * len(rows)
    _band_background(drawing, axis, bottom, plot_top + 14)
    light, dark = st.tint(st.ACCENT, 0.38), st.ACCENT
    base_x = axis.x(base)
    for position, row in enumerate(rows):
        centre = plot_top - row_height * (position + 0.5)
        if position:
            y = plot_top - row_height * position
            drawing.add(
                Line(axis.left, y, axis.right, y, strokeColor=colors.white, strokeWidth=0.6)
            )
        label = st.fit_text(row.label, BOLD, NAME_SIZE, label_width)
        _text(drawing, 0, centre + 0.6, label, font=BOLD, size=NAME_SIZE, color=st.INK)
        _text(drawing, 0, centre - 7.6, row.weight_label)
        if row.note:
            # Beside the index line, on whichever side has room for the words.
            room = axis.right - base_x - 5 >= st.text_width(row.note, REGULAR, SMALL_SIZE)
            x = base_x + 5 if room else base_x - 5
            _text(drawing, x, centre - 2.4, row.note, anchor="start" if room else "end")
            continue
        for value, fill in ((row.at_zero, light), (row.at_double, dark)):
            if math.isnan(value):
                continue
            x = axis.x(value)
            left, right = min(x, base_x), max(x, base_x)
            drawing.add(Rect(left, centre - 4.5, right - left, 9, fillColor=fill, strokeColor=None))
            below = value < base
            _text(
                drawing,
                left - 2.5 if below else right + 2.5,
                centre - 2.4,
                fmt_index(value),
                color=st.INK,
                anchor="end" if below else "start",
            )
    drawing.add(
        Line(
            base_x,
            bottom,
            base_x,
            plot_top + 3,
            strokeColor=st.INK,
            strokeWidth=0.8,
            strokeDashArray=[2, 1.6],
        )
    )
    _text(
        drawing,
        base_x,
        plot_top + 3.5,
        f"as weighted: {fmt_index(base)}",
        font=BOLD,
        color=st.INK,
        anchor="middle",
    )
    labelled = [v for v in _range(low, high, step * (2 if (high - low) / step > 8 else 1))]
    _ticks(drawing, axis, bottom, step, labelled)
    _text(drawing, axis.right, 3.8, "Risk index", font=BOLD, color=st.INK, anchor="end")
    # The legend shares the axis title's line, under the criterion names, to keep the chart short.
    x = 0.0
    for fill, text in ((light, "weight set to 0"), (dark, "weight doubled (2×)")):
        drawing.add(Rect(x, 3, 16, 6, fillColor=fill, strokeColor=None))
        _text(drawing, x + 20, 3.8, text)
        x += 32 + stringWidth(text, REGULAR, SMALL_SIZE)
    drawing.add(
        Line(x, 1.5, x, 10.5, strokeColor=st.INK, strokeWidth=0.8, strokeDashArray=[2, 1.6])
    )
    _text(drawing, x + 5, 3.8, "index with the weights as set")
    drawing.description = (
        f"Risk index {fmt_index(base)} as weighted, with each weight set to 0 and doubled: "
        + "; ".join(
            f"{row.label} ({row.weight_label}) "
            + (row.note or f"{fmt_index(row.at_zero)} and {fmt_index(row.at_double)}")
            for row in rows
        )
    )
    return drawing


def _range(low: float, high: float, step: float) -> list[float]:
    values, value = [], low
    while value <= high + 1e-9:
        values.append(round(value, 6))
        value += step
    return values
