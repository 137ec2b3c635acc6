"""The mark of a cell the open scenario overrides (matrix, heat map and 5×5 key).

A small filled disc in the bottom-right corner, apart from the red-line flag (top left) and
the changed-cell flag (top right), so all three can show on one cell. Near-black ink ringed
in white reads on every band fill in light and dark mode; the shape is the cue, and the
cell's tooltip and accessible text name the baseline value in words.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from rrisk import palette

MARK_COLOUR = QColor(palette.INK)
EDGE_COLOUR = QColor("#FFFFFF")
OVERRIDE_SYMBOL = "●"
"""How text (the 5×5 key, tooltips) names an overridden cell."""


def override_mark_radius(rect: QRect) -> int:
    return max(3, min(5, min(rect.width(), rect.height()) // 6))


def paint_override_mark(painter: QPainter, rect: QRect) -> None:
    """Paint the scenario-override disc in the bottom-right corner of ``rect``."""
    radius = override_mark_radius(rect)
    centre = QPoint(rect.right() - radius - 3, rect.bottom() - radius - 3)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(MARK_COLOUR)
    painter.setPen(QPen(EDGE_COLOUR, 1.5))
    painter.drawEllipse(centre, radius, radius)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.restore()
