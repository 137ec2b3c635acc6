"""The one theme module: one meaning of dark, one red-line colour per background."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from desktop.ui import style
from desktop.ui.text import plain_tooltip
from rrisk import palette


def palette_with_base(colour: str) -> QPalette:
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Base, QColor(colour))
    return pal


def test_dark_is_judged_by_the_base_colour_of_a_widget_or_palette(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.setPalette(palette_with_base("#202020"))
    assert style.is_dark(widget)
    assert style.is_dark(palette_with_base("#202020"))
    assert not style.is_dark(palette_with_base("#FFFFFF"))


def test_red_line_and_unassessed_colours_follow_the_background():
    light, dark = palette_with_base("#FFFFFF"), palette_with_base("#202020")
    assert style.red_line_colour(light) == QColor(palette.RED_LINE)
    assert style.red_line_colour(dark) == style.RED_LINE_DARK_COLOR
    assert style.unassessed_colours(light) == (
        QColor(palette.UNASSESSED_FILL),
        QColor(palette.UNASSESSED_TEXT),
    )
    assert style.unassessed_colours(dark) == style.UNASSESSED_DARK


def test_band_colours_are_fresh_copies_of_the_palette():
    fill, text = style.band_colours(3)
    assert fill == QColor(palette.BAND_FILL[3]) and text == QColor(palette.BAND_TEXT[3])
    fill.setRed(0)
    assert style.band_colours(3)[0] == QColor(palette.BAND_FILL[3])


def test_plain_tooltip_escapes_and_is_empty_for_no_text():
    assert plain_tooltip("") is None
    assert plain_tooltip("<b>A & B</b>") == "<qt>&lt;b&gt;A &amp; B&lt;/b&gt;</qt>"


def test_padded_headers_follow_the_font_of_their_view_as_it_grows(qtbot) -> None:
    """A header's own style sheet (its padding) kept it out of the font's inheritance: the
    application's text made larger while a view was open (the desktop's text scaled), every
    view's cells grew and its headers stayed small, in the matrix, the ranking, the editors."""
    from PySide6.QtGui import QFont, QFontMetrics
    from PySide6.QtWidgets import QApplication, QHeaderView, QTableWidget

    table = QTableWidget(3, 2)
    qtbot.addWidget(table)
    table.setHorizontalHeaderLabels(["Project", "Risk index"])
    style.pad_headers(table)
    table.show()
    qtbot.waitExposed(table)
    top, side = table.horizontalHeader(), table.verticalHeader()
    height = top.height()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    larger = QFont(before)
    larger.setPointSizeF(before.pointSizeF() * 2)
    try:
        app.setFont(larger)
        qtbot.waitUntil(lambda: table.font().pointSizeF() == larger.pointSizeF())
        assert top.font().pointSizeF() == larger.pointSizeF()
        assert side.font().pointSizeF() == larger.pointSizeF()
        # The titles are painted on the headers' viewports, in their fonts.
        assert top.viewport().font().pointSizeF() == larger.pointSizeF()
        qtbot.waitUntil(lambda: top.height() > height)
        assert top.height() >= QFontMetrics(larger).height()
    finally:
        app.setFont(before)
        qtbot.waitUntil(lambda: table.font().pointSizeF() == before.pointSizeF())
    # A font set on the view alone: its headers follow it too.
    own = QFont(before)
    own.setPointSizeF(before.pointSizeF() * 1.5)
    table.setFont(own)
    assert all(h.font().pointSizeF() == own.pointSizeF() for h in (top, side))
    assert all(h.viewport().font().pointSizeF() == own.pointSizeF() for h in (top, side))
    assert top.styleSheet() and isinstance(top, QHeaderView)  # still padded


def test_a_window_gives_a_changed_application_font_to_what_style_sheets_cut_off(qtbot) -> None:
    """A padded tab bar's sheet left its tab widget and every page in it at the old size when
    the application's font grew (the desktop's text scaled), a dock's sheet its body; the
    window's call gives them the new font, keeps the dock's title bold, and scales a heading
    from its parent's new font."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import (
        QApplication,
        QDockWidget,
        QLabel,
        QMainWindow,
        QTabWidget,
        QVBoxLayout,
    )

    class Window(QMainWindow):
        def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
            super().changeEvent(event)
            if event.type() == QEvent.Type.FontChange:
                style.follow_application_font(self)

    window = Window()
    qtbot.addWidget(window)
    tabs = QTabWidget()
    style.pad_tabs(tabs)
    page = QWidget()
    label = QLabel("in a tab", page)
    title = style.heading("Section", 2, page)
    QVBoxLayout(page).addWidget(label)
    tabs.addTab(page, "Tab")
    window.setCentralWidget(tabs)
    dock = QDockWidget("Dock", window)
    dock.setStyleSheet(style.DOCK_SHEET)
    body = QLabel("in the dock")
    dock.setWidget(body)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.show()
    qtbot.waitExposed(window)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    larger = QFont(before)
    larger.setPointSizeF(before.pointSizeF() * 1.6)
    try:
        app.setFont(larger)
        qtbot.waitUntil(lambda: window.font().pointSizeF() == larger.pointSizeF())
        for widget in (tabs, tabs.tabBar(), page, label, dock, body):
            assert widget.font().pointSizeF() == larger.pointSizeF(), widget
        assert title.font().pointSizeF() == larger.pointSizeF() * 1.2
        assert title.font().bold()
        assert dock.font().bold() and not body.font().bold()
    finally:
        app.setFont(before)
        qtbot.waitUntil(lambda: window.font().pointSizeF() == before.pointSizeF())
    assert label.font().pointSizeF() == before.pointSizeF()
    assert title.font().pointSizeF() == before.pointSizeF() * 1.2


def test_rows_that_follow_the_font_grow_with_it(qtbot) -> None:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QTableWidget

    table = QTableWidget(3, 2)
    qtbot.addWidget(table)
    style.rows_follow_font(table, 10)
    assert table.verticalHeader().defaultSectionSize() == table.fontMetrics().height() + 10
    font = QFont(table.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    table.setFont(font)
    assert table.verticalHeader().defaultSectionSize() == table.fontMetrics().height() + 10


def test_headers_keep_a_font_given_the_view_before_padding_and_are_padded_once(qtbot) -> None:
    """A view's font set before its headers were padded: a style sheet set over it (the theme
    changed) gave its headers the application's font again. Padded twice, a view watched
    its font twice."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QTableWidget, QVBoxLayout

    window = QWidget()
    qtbot.addWidget(window)
    table = QTableWidget(3, 2)
    QVBoxLayout(window).addWidget(table)
    own = QFont(table.font())
    own.setPointSizeF(own.pointSizeF() * 1.75)
    table.setFont(own)
    style.pad_headers(table)
    style.pad_headers(table)
    window.show()
    qtbot.waitExposed(window)
    top = table.horizontalHeader()
    assert top.font().pointSizeF() == own.pointSizeF()
    window.setStyleSheet("QWidget { }")  # as a theme's sheet does
    assert top.font().pointSizeF() == own.pointSizeF()
    assert top.viewport().font().pointSizeF() == own.pointSizeF()
    style.rows_follow_font(table, 10)  # (the same watcher keeps its rows)
    filters = [child for child in table.children() if type(child).__name__ == "_FollowsFont"]
    assert len(filters) == 1
    larger = QFont(own)
    larger.setPointSizeF(own.pointSizeF() * 1.5)
    table.setFont(larger)
    assert top.font().pointSizeF() == larger.pointSizeF()
    assert table.verticalHeader().defaultSectionSize() == table.fontMetrics().height() + 10
