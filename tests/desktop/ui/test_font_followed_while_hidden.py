"""Dialogs and windows follow the application's font as it changes (the desktop's text made
larger) whether or not a main window is shown: asked only by a shown main window, a dialog
kept for its next showing (About) and a hidden window kept the old size of their headings,
tabs and styled texts when none was shown."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel

from desktop.ui import style

FACTOR = 1.6


def _scaled_heading(widget) -> QLabel:  # noqa: ANN001
    (heading,) = [w for w in widget.findChildren(QLabel) if w.property(style.FONT_SCALE)]
    return heading


def test_a_hidden_dialog_follows_while_no_window_is_shown(open_window, qtbot) -> None:
    from desktop.window.about import AboutDialog

    window = open_window()
    window.show()
    qtbot.waitExposed(window)
    about = AboutDialog(window)  # made, kept for its next showing, never shown yet
    heading = _scaled_heading(about)
    tabs = window.tabs.tabBar()  # (under a style sheet: left out of Qt's passing of fonts)
    window.hide()
    before = QApplication.font()
    larger = QFont(before)
    larger.setPointSizeF(before.pointSizeF() * FACTOR)
    scale = heading.property(style.FONT_SCALE)
    try:
        QApplication.setFont(larger)
        qtbot.waitUntil(lambda: heading.font().pointSizeF() == larger.pointSizeF() * scale)
        qtbot.waitUntil(lambda: tabs.font().pointSizeF() == larger.pointSizeF())
    finally:
        QApplication.setFont(before)
    qtbot.waitUntil(lambda: heading.font().pointSizeF() == before.pointSizeF() * scale)
    assert tabs.font().pointSizeF() == before.pointSizeF()
