"""Grey helper text reads at 4.5:1 or more against the window and the fields, light and dark."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from desktop.ui.style import (
    MIN_TEXT_CONTRAST,
    apply_app_style,
    contrast_ratio,
    dark_palette,
    muted_text_color,
)


def test_contrast_ratio_matches_the_wcag_examples() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#FFFFFF")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#FFFFFF")) == pytest.approx(4.48, abs=0.01)
    half_black = QColor(0, 0, 0, 128)  # translucent text is judged as it shows
    assert contrast_ratio(half_black, QColor("#EFEFEF")) < MIN_TEXT_CONTRAST


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_muted_text_is_readable(qtbot, mode: str) -> None:
    palette = dark_palette() if mode == "dark" else QStyleFactory.create("Fusion").standardPalette()
    muted = muted_text_color(palette)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        assert contrast_ratio(muted, palette.color(role)) >= MIN_TEXT_CONTRAST, (mode, role)


def test_the_app_palette_placeholders_are_readable(qtbot) -> None:
    app = QApplication.instance()
    saved = app.palette()
    try:
        apply_app_style(app)
        palette = app.palette()
        placeholder = palette.color(QPalette.ColorRole.PlaceholderText)
        assert contrast_ratio(placeholder, palette.color(QPalette.ColorRole.Base)) >= 4.5
        assert contrast_ratio(placeholder, palette.color(QPalette.ColorRole.Window)) >= 4.5
    finally:
        app.setPalette(saved)


def test_an_error_line_is_white_on_red_whatever_the_palettes_bright_text(qtbot) -> None:
    """A colour scheme may hand over a dark 'bright text' (the text colour): the error line,
    drawn in it on its dark red, all but vanished."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel

    from desktop.ui.style import make_error_label

    app = QApplication.instance()
    saved = app.palette()
    try:
        palette = app.palette()
        palette.setColor(QPalette.ColorRole.BrightText, QColor("#232629"))
        app.setPalette(palette)
        label = QLabel("███")
        qtbot.addWidget(label)
        font = QFont(label.font())
        font.setPointSizeF(font.pointSizeF() * 3)
        label.setFont(font)
        make_error_label(label)
        label.show()
        image = label.grab().toImage()
    finally:
        app.setPalette(saved)
    centre = image.pixelColor(image.width() // 2, image.height() // 2)
    assert contrast_ratio(centre, QColor("#B2182B")) >= MIN_TEXT_CONTRAST, centre.name()
