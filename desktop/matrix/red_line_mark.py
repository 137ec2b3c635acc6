"""The red-line mark painted on a cell of the matrix and the heat map.

A purple frame alone disappears on the dark-red Critical fill, above all in dark mode. The
mark is therefore three cues that read on every band fill in light and dark mode: a thick
purple frame, a white line just inside it (the contrast on dark fills), and a purple corner
flag edged in white. The ⊘ printed beside the score stays the cue that does not need colour.
Drawn with whole-pixel rectangles, so it is crisp at any size and identical on every screen.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygon

from rrisk import palette

FRAME_INSET = 0
FRAME_WIDTH = 3
INNER_WIDTH = 1
FRAME_COLOUR = QColor(palette.RED_LINE)
INNER_COLOUR = QColor("#FFFFFF")


def _ring(painter: QPainter, rect: QRect, inset: int, width: int, colour: QColor) -> None:
    outer = rect.adjusted(inset, inset, -inset, -inset)
    if outer.width() <= 2 * width or outer.height() <= 2 * width:
        painter.fillRect(outer, colour)
        return
    painter.fillRect(QRect(outer.left(), outer.top(), outer.width(), width), colour)
    painter.fillRect(QRect(outer.left(), outer.bottom() - width + 1, outer.width(), width), colour)
    painter.fillRect(QRect(outer.left(), outer.top(), width, outer.height()), colour)
    painter.fillRect(QRect(outer.right() - width + 1, outer.top(), width, outer.height()), colour)


def flag_size(rect: QRect) -> int:
    """Length of the corner flag's sides: half the cell's height, 10–18 pixels."""
    return max(10, min(18, min(rect.width(), rect.height()) // 2))


def paint_red_line_mark(painter: QPainter, rect: QRect) -> None:
    """Paint the red-line frame, inner line and corner flag inside the cell ``rect``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    _ring(painter, rect, FRAME_INSET, FRAME_WIDTH, FRAME_COLOUR)
    _ring(painter, rect, FRAME_INSET + FRAME_WIDTH, INNER_WIDTH, INNER_COLOUR)
    size = flag_size(rect)
    corner = rect.topLeft() + QPoint(FRAME_INSET, FRAME_INSET)
    flag = QPolygon([corner, corner + QPoint(size, 0), corner + QPoint(0, size)])
    painter.setBrush(FRAME_COLOUR)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawPolygon(flag)
    painter.setPen(QPen(INNER_COLOUR, 1))
    painter.drawLine(corner + QPoint(size, 0), corner + QPoint(0, size))
    painter.restore()
