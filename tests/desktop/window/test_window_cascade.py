"""A window opened while others are open is cascaded a title bar's height from the last of
them, on the screen; the first window of a session keeps the geometry the last one closed
saved (every window restored it, and a second file's window hid the first exactly)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QStyle

from desktop.settings import Settings


def saved_geometry(open_window, place: QRect) -> None:
    """Leave ``place`` as the geometry the last window closed saved."""
    window = open_window()
    window.setGeometry(place)
    window.close()
    assert Settings().window_geometry() is not None


def step(window) -> int:
    """A title bar's height (the offscreen platform draws a thin border alone)."""
    border = window.geometry().y() - window.frameGeometry().y()
    return max(border, window.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight), 16)


def test_the_first_window_keeps_the_saved_geometry_and_the_next_ones_cascade(open_window):
    saved_geometry(open_window, QRect(60, 50, 560, 480))
    first = open_window()
    assert first.geometry() == QRect(60, 50, 560, 480)
    second = open_window()
    third = open_window()
    offset = step(first)
    assert second.pos() == first.pos() + QPoint(offset, offset)
    assert third.pos() == second.pos() + QPoint(offset, offset)
    assert second.size() == third.size() == first.size()


def test_a_window_cascades_from_the_last_one_still_open(open_window):
    saved_geometry(open_window, QRect(60, 50, 560, 480))
    first = open_window()
    second = open_window()
    second.close()
    third = open_window()
    offset = step(first)
    assert third.pos() == first.pos() + QPoint(offset, offset)


def test_a_window_that_would_pass_the_screens_edge_starts_again_at_its_top_left(open_window):
    probe = open_window()
    screen = probe.screen().availableGeometry()
    probe.close()
    # The last window reaches the screen's bottom right corner: the next one in line would
    # leave the screen.
    saved_geometry(open_window, QRect(screen.right() - 599, screen.bottom() - 499, 560, 480))
    first = open_window()
    second = open_window()
    assert second.pos() == screen.topLeft()
    assert screen.contains(second.frameGeometry())
    assert second.pos() != first.pos()


def test_a_cascaded_window_closed_last_leaves_the_saved_place_as_it_was(open_window):
    """Closed last, a window cascaded and left where it was put saved its place: each
    session the first window opened a title bar's height further down and right."""
    saved_geometry(open_window, QRect(60, 50, 560, 480))
    first = open_window()
    open_window()
    first.quit_all()  # this one first, the cascaded one last
    assert open_window().geometry() == QRect(60, 50, 560, 480)


def test_a_cascaded_window_moved_or_resized_saves_where_it_was_left(open_window):
    saved_geometry(open_window, QRect(60, 50, 560, 480))
    first = open_window()
    second = open_window()
    second.setGeometry(QRect(100, 80, 580, 490))
    first.quit_all()
    assert open_window().geometry() == QRect(100, 80, 580, 490)
