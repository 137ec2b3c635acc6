"""The app's own dialogs follow the application's font as it changes while they are open (the
desktop's text made larger): their headings, styled texts and list entries grow with the rest,
and the start page's mark grows with its title."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QStyleOptionViewItem, QWidget

from desktop.ui import style
from rrisk.check import check_document
from rrisk.templates import new_from_template

FACTOR = 1.6


def _set_app_font(qtbot, window: QWidget, size: float) -> None:  # noqa: ANN001
    font = QFont(QApplication.font())
    font.setPointSizeF(size)
    QApplication.setFont(font)
    qtbot.waitUntil(lambda: window.font().pointSizeF() == size)
    QApplication.processEvents()


def _shown_font(view: QListWidget, row: int) -> QFont:
    """The font the list's delegate paints an entry in."""
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.font = view.font()
    view.itemDelegate().initStyleOption(option, view.model().index(row, 0))
    return QFont(option.font)


def _open_dialogs(window, qtbot):  # noqa: ANN001, ANN202
    from desktop.files.memo_check import MemoCheckDialog
    from desktop.window.about import AboutDialog

    problems = check_document(new_from_template("russia-rare-earths"), None, screen=True)
    dialogs = [AboutDialog(window), MemoCheckDialog(problems, window, None)]
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
    return dialogs


def test_open_dialogs_take_a_larger_application_font(open_window, qtbot) -> None:
    window = open_window()
    window.show()
    qtbot.waitExposed(window)
    about, memo_check = _open_dialogs(window, qtbot)
    before = QApplication.font()
    size = before.pointSizeF() * FACTOR
    try:
        _set_app_font(qtbot, window, size)
        for dialog in (about, memo_check):
            assert dialog.font().pointSizeF() == size
        # The About box's heading is its parent's text scaled, in the new size.
        (heading,) = [w for w in about.findChildren(QLabel) if w.property(style.FONT_SCALE)]
        assert heading.font().pointSizeF() > size
        # The check's links (underlined entries) grew with the list too.
        listed = memo_check.problem_list
        links = [
            _shown_font(listed, row)
            for row in range(listed.count())
            if listed.item(row).data(Qt.ItemDataRole.UserRole)
        ]
        assert links
        assert all(font.pointSizeF() == size and font.underline() for font in links)
    finally:
        _set_app_font(qtbot, window, before.pointSizeF())


def test_the_start_page_mark_grows_with_its_title(open_window, qtbot) -> None:
    window = open_window()
    window.show()
    qtbot.waitExposed(window)
    start = window.findChild(QWidget, "startScreen")
    labels = start.findChildren(QLabel)
    (title,) = [label for label in labels if label.text() == "RRisk"]
    (mark,) = [label for label in labels if not label.pixmap().isNull()]
    side = mark.pixmap().height()
    before = QApplication.font()
    try:
        _set_app_font(qtbot, window, before.pointSizeF() * FACTOR)
        qtbot.waitUntil(lambda: mark.pixmap().height() > side)
        assert mark.pixmap().height() == title.sizeHint().height()
    finally:
        _set_app_font(qtbot, window, before.pointSizeF())
    qtbot.waitUntil(lambda: mark.pixmap().height() == side)
