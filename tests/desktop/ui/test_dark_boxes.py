"""In the dark theme an unticked check box has an edge one can see: Fusion drew it darker than
the window (#16191C on #202428, contrast 1.1:1), so an empty red-line box did not show."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QCheckBox

from desktop.ui import style
from desktop.ui.style import DARK_STYLE_SHEET, dark_palette


def _indicator_contrast(box: QCheckBox) -> int:
    """Lightness of the indicator's lightest pixel above the box's own background."""
    image = box.grab().toImage()
    height = image.height()
    background = QColor(image.pixel(image.width() - 2, height // 2)).lightness()
    lightest = max(
        QColor(image.pixel(x, y)).lightness()
        for x in range(0, min(20, image.width()))
        for y in range(max(0, height // 2 - 9), min(height, height // 2 + 9))
    )
    return lightest - background


def test_an_unticked_box_has_a_visible_edge_in_the_dark_theme(qtbot) -> None:
    box = QCheckBox("")
    qtbot.addWidget(box)
    box.setPalette(dark_palette())
    box.setStyleSheet(DARK_STYLE_SHEET)
    box.resize(60, 24)
    box.show()
    qtbot.waitExposed(box)
    assert _indicator_contrast(box) > 60  # the edge stands out from the dark window
    box.setChecked(True)  # ticked: Fusion's own box with its mark
    assert _indicator_contrast(box) > 60


def test_the_dark_theme_adds_the_edge(app_style_in) -> None:  # noqa: ANN001
    """When the system asks for dark, the app's style sheet carries the rule."""
    from PySide6.QtCore import Qt

    app = app_style_in(Qt.ColorScheme.Dark)
    assert DARK_STYLE_SHEET in app.styleSheet()
    assert app.palette().window().color() == dark_palette().window().color()


def _title_buttons_lightness(qtbot, sheet: str) -> int:
    """Lightness of the lightest pixel where a dock's float and close buttons are drawn,
    under the app's dark palette and ``sheet``."""
    from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

    app = QApplication.instance()
    palette, before = app.palette(), app.styleSheet()
    app.setPalette(dark_palette())
    app.setStyleSheet(sheet)
    try:
        window = QMainWindow()
        qtbot.addWidget(window)
        dock = QDockWidget("Cell inspector", window)
        dock.setWidget(QLabel("x"))
        window.addDockWidget(style.Qt.DockWidgetArea.RightDockWidgetArea, dock)
        window.resize(400, 200)
        window.show()
        qtbot.waitExposed(window)
        image = dock.grab().toImage()
    finally:
        app.setPalette(palette)
        app.setStyleSheet(before)
    return max(
        QColor(image.pixel(x, y)).lightness()
        for x in range(image.width() - 40, image.width())
        for y in range(0, 20)
    )


def test_the_docks_title_buttons_show_in_the_dark_theme(qtbot) -> None:
    # Fusion's own buttons are dark grey on the dark title bar (lightness ~100 on ~35).
    assert _title_buttons_lightness(qtbot, style.dark_style_sheet()) > 180
    assert _title_buttons_lightness(qtbot, DARK_STYLE_SHEET) < 150


def test_a_dark_palette_with_no_reported_scheme_gets_the_dark_rules(app_style_in, qapp) -> None:  # noqa: ANN001
    """A dark desktop colour scheme that reports no scheme (Qt hands over its dark palette
    alone) gets the dark theme's rules: unticked boxes had no visible edge there."""
    from PySide6.QtCore import Qt

    qapp.setPalette(dark_palette())  # as the desktop's dark colour scheme hands it over
    app = app_style_in(Qt.ColorScheme.Unknown)
    assert DARK_STYLE_SHEET in app.styleSheet()
    assert style.is_dark(app.palette())


def test_a_light_palette_with_no_reported_scheme_stays_light(app_style_in) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    assert app_style_in(Qt.ColorScheme.Unknown).styleSheet() == ""


def test_the_undo_and_redo_arrows_show_on_a_dark_toolbar(
    app_style_in,  # noqa: ANN001
    open_window,  # noqa: ANN001
    template_path,  # noqa: ANN001
) -> None:
    """Fusion's arrows are black: on the dark toolbar Undo and Redo were all but invisible
    (1.3:1), a disabled one lighter than an enabled one."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPalette

    from desktop.ui.style import contrast_ratio

    app_style_in(Qt.ColorScheme.Dark)
    window = open_window(template_path)
    background = window.toolbar.palette().color(QPalette.ColorRole.Window)
    for action in (window.menu_actions.undo, window.menu_actions.redo):
        image = action.icon().pixmap(32, 32).toImage()
        drawn = [
            image.pixelColor(x, y)
            for x in range(image.width())
            for y in range(image.height())
            if image.pixelColor(x, y).alpha() == 255
        ]
        assert drawn, action.objectName()
        assert min(contrast_ratio(colour, background) for colour in drawn) >= 3, action.objectName()
