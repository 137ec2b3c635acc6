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
