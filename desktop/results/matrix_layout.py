"""Geometry of the 5×5 matrix: where the grid, its axes, the key and each square's markers go.

Kept apart from the painting so the layout can be checked without looking at pixels: every
rectangle it hands out lies inside its owner (markers inside their square, below the
square's product; key rows inside the key) and the key never touches the grid or its axes,
at any size and any scale factor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QFontMetrics

MARGIN = 8
GAP = 3
"""Space between markers, and between a marker and its square's edge."""
KEY_NAME_UNITS = 6
"""Fewest font heights of criterion name the key keeps beside the scores."""


@dataclass
class SquareLayout:
    """Where one square's product and criterion markers are drawn."""

    number: QRect | None
    """The product L×I in the top-left corner; None when markers need the whole square."""
    chips: list[tuple[int, QRectF]] = field(default_factory=list)
    """(criterion column, circle) for each marker shown."""
    more: tuple[int, QRectF] | None = None
    """(how many markers are not shown, where "+n" is written), or None."""


@dataclass
class MatrixLayout:
    """The parts of the widget: title lines, grid, axes (grid plus labels) and key."""

    title: QRect
    grid: QRect
    axes: QRect
    key: QRect
    key_line: int
    step: int

    def square(self, likelihood: int, impact: int) -> QRect:
        """Rectangle of the square for (likelihood, impact), each 1–5; likelihood 5 on top."""
        return QRect(
            self.grid.left() + (impact - 1) * self.step,
            self.grid.top() + (5 - likelihood) * self.step,
            self.step,
            self.step,
        )

    def key_rows(self) -> int:
        """How many key lines fit."""
        return max(0, self.key.height() // self.key_line)


def axis_sizes(metrics: QFontMetrics) -> tuple[int, int]:
    """(room left of the grid, room below it) for the axis numbers and titles."""
    unit = metrics.height()
    return unit * 2 + metrics.horizontalAdvance("5") + 10, unit * 2 + 6


def compute_layout(
    width: int,
    height: int,
    metrics: QFontMetrics,
    key_score_width: int,
    key_entries: int,
) -> MatrixLayout:
    """Place the grid as large as possible with the key beside it or, if better, below it.

    ``key_score_width`` is the widest short score text of the key ("20 Critical"); the key
    keeps room for that plus a number and ``KEY_NAME_UNITS`` of name, so names and scores
    never run into each other.
    """
    unit = metrics.height()
    line = unit + 4
    title = QRect(MARGIN, 4, max(width - 2 * MARGIN, 0), 2 * (unit + 2))
    top = title.bottom() + 1 + 6
    left_axis, bottom_axis = axis_sizes(metrics)
    area = QRect(MARGIN, top, max(width - 2 * MARGIN, 0), max(height - top - MARGIN, 0))
    key_min_width = metrics.horizontalAdvance("00") + 8 + key_score_width + unit * KEY_NAME_UNITS
    key_gap = unit
    side_right = min(
        area.height() - bottom_axis, area.width() - left_axis - key_gap - key_min_width
    )
    # Below the grid the key shows every criterion if the grid stays readable, else fewer.
    readable = 5 * (unit + 2 + 3 * GAP)
    side_below = 0
    # When even three lines leave the grid unreadable, the grid takes it all (tooltips remain).
    for lines in (min(key_entries, 8), min(key_entries, 3), 0):
        room = key_gap + lines * line if lines else 0
        side_below = min(area.width() - left_axis, area.height() - bottom_axis - room)
        if side_below >= readable:
            break
    beside = side_right >= side_below
    side = max(side_right if beside else side_below, 5 * 8)
    side -= side % 5
    step = side // 5
    grid = QRect(area.left() + left_axis, area.top(), step * 5, step * 5)
    axes = QRect(area.left(), area.top(), left_axis + grid.width(), grid.height() + bottom_axis)
    if beside:
        key_left = axes.right() + 1 + key_gap
        key = QRect(key_left, area.top(), max(area.right() - key_left + 1, 0), area.height())
    else:
        key_top = axes.bottom() + 1 + key_gap
        key = QRect(area.left(), key_top, area.width(), max(area.bottom() - key_top + 1, 0))
    return MatrixLayout(title, grid, axes, key, line, step)


def square_layout(
    square: QRect,
    columns: list[int],
    number_height: int,
    chip_size: int,
    keep: int | None = None,
) -> SquareLayout:
    """Markers in rows below the product; "+n" in the last slot when they do not all fit.

    ``keep`` (the selected criterion's column) is never among the hidden: when the square
    overflows, it takes the last shown slot, so the marker the user is looking at is drawn.

    When a square is too small for even one row of markers under its product, the product
    gives way (the axes and the tooltip still tell it) and the markers use the whole square.
    """
    inner = square.adjusted(GAP, GAP, -GAP, -GAP)
    number_rect = QRect(inner.left(), inner.top(), inner.width(), number_height)
    number: QRect | None = number_rect
    chips_top = number_rect.bottom() + 1 + 1
    if not columns:
        return SquareLayout(number_rect if inner.height() >= number_height else None)
    chip = min(chip_size, inner.width(), inner.height())
    if inner.bottom() + 1 - chips_top < chip:
        number = None
        chips_top = inner.top()
    per_line = max(1, (inner.width() + GAP) // (chip + GAP))
    lines = max(1, (inner.bottom() + 1 - chips_top + GAP) // (chip + GAP))
    capacity = per_line * lines
    shown = columns if len(columns) <= capacity else columns[: max(capacity - 1, 0)]
    corner: QRectF | None = None

    def slot_rect(slot: int) -> QRectF:
        x = inner.left() + (slot % per_line) * (chip + GAP)
        y = chips_top + (slot // per_line) * (chip + GAP)
        return QRectF(x, y, chip, chip)

    if keep is not None and keep in columns and keep not in shown:
        if shown:
            shown = [*shown[:-1], keep]
        elif number is not None:
            # One slot only: the selected marker takes it and "+n" moves beside the product.
            shown = [keep]
            width = min(inner.width() // 2, number_height * 2)
            corner = QRectF(number.right() + 1 - width, number.top(), width, number_height)
            number = QRect(number.left(), number.top(), number.width() - width, number_height)
        else:
            # No room for "+n" at all: the selected marker wins; the square's tooltip lists
            # every criterion in it.
            return SquareLayout(number, [(keep, slot_rect(0))])

    layout = SquareLayout(number, [(column, slot_rect(slot)) for slot, column in enumerate(shown)])
    if len(shown) < len(columns):
        layout.more = (len(columns) - len(shown), corner or slot_rect(len(shown)))
    return layout
