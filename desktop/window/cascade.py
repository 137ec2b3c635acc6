"""Where a window opened beside others goes: a title bar's height below and to the right of
the last one still open, as document applications cascade their windows, so that it never
hides that one exactly (each restores the size and place the last window closed saved)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QStyle, QWidget


def cascade(window: QWidget, others: Sequence[QWidget]) -> bool:
    """Move ``window`` (not shown yet) a title bar's height down and right of the last of
    ``others`` (the windows still open, oldest first), back to the top left of the screen's
    available area when it would pass its right or bottom edge; whether it was moved. A
    window restored maximized or full screen, or alone, stays as restored."""
    if not others or window.isMaximized() or window.isFullScreen():
        return False
    last = others[-1]
    normal = last.normalGeometry() if last.isMaximized() or last.isFullScreen() else QRect()
    frame = last.frameGeometry()
    # The frame's border and title bar, as the window system drew them (a platform that
    # draws none, or a thin border alone: the style's title bar height stands for it).
    border = QPoint(last.geometry().x() - frame.x(), last.geometry().y() - frame.y())
    title_bar = window.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
    step = max(border.y(), title_bar, 16)
    corner = (normal.topLeft() - border) if normal.isValid() else frame.topLeft()
    decorations = frame.size() - last.geometry().size()
    size = window.size() + decorations
    place = QRect(corner + QPoint(step, step), size)
    screen = last.screen().availableGeometry()
    if place.right() > screen.right() or place.bottom() > screen.bottom():
        place.moveTopLeft(screen.topLeft())
    window.move(place.topLeft())
    return True
