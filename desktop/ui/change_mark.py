"""The mark of a cell that changed against the compared version (matrix and heat map).

A corner flag in the top-right corner, opposite the red-line flag (top-left), so both can
show on one cell. It is near-black ink edged in white: the ink reads on the light fills, the
white edge on the dark ones (Critical, the red-line frame) in light and dark mode. The shape,
not the colour, is the cue, and the cell's tooltip and accessible text say in words what
changed.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygon

from rrisk import palette

FLAG_COLOUR = QColor(palette.INK)
EDGE_COLOUR = QColor("#FFFFFF")


def change_flag_size(rect: QRect) -> int:
    """Length of the flag's sides: half the cell's height, 10–18 pixels (as the red line's)."""
    return max(10, min(18, min(rect.width(), rect.height()) // 2))


def paint_change_mark(painter: QPainter, rect: QRect) -> None:
    """Paint the changed-cell flag in the top-right corner of ``rect``."""
    size = change_flag_size(rect)
    corner = QPoint(rect.right(), rect.top())
    flag = QPolygon([corner, corner - QPoint(size, 0), corner + QPoint(0, size)])
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setBrush(FLAG_COLOUR)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawPolygon(flag)
    painter.setPen(QPen(EDGE_COLOUR, 2))
    painter.drawLine(corner - QPoint(size, 0), corner + QPoint(0, size))
    painter.restore()
