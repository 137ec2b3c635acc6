"""The look's rules sit on the widgets they style: the application carries no style sheet (it
would put every widget under Qt's slower style-sheet style), yet error labels, main buttons,
tabs and headers keep their look."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QApplication, QTabBar, QToolBar

from desktop.ui import style


def _colour_inside_top(widget) -> QColor:  # noqa: ANN001 - any shown widget
    image = widget.grab().toImage()
    return QColor(image.pixel(image.width() // 2, 2))


def _near(colour: QColor, code: str) -> bool:
    want = QColor(code)
    return all(abs(a - b) <= 8 for a, b in zip(colour.getRgb()[:3], want.getRgb()[:3], strict=True))


def test_the_light_theme_sets_no_application_style_sheet(app_style_in) -> None:  # noqa: ANN001
    assert app_style_in(Qt.ColorScheme.Light).styleSheet() == ""


def test_the_toolbar_keeps_its_spacing_in_either_theme(app_style_in, qtbot) -> None:  # noqa: ANN001
    for scheme in (Qt.ColorScheme.Light, Qt.ColorScheme.Dark):
        app_style_in(scheme)
        toolbar = QToolBar()
        qtbot.addWidget(toolbar)
        toolbar.setStyleSheet(style.TOOLBAR_SHEET)
        toolbar.addAction(QAction("New", toolbar))
        toolbar.addAction(QAction("Open", toolbar))
        toolbar.show()
        qtbot.waitExposed(toolbar)
        assert toolbar.layout().spacing() == 6, scheme


def test_error_labels_and_main_buttons_keep_their_look(open_window, template_path, qtbot) -> None:
    window = open_window(template_path)
    window.resize(1400, 900)
    error = window.inspector.error
    error.setText("Likelihood: 7 is not a level from 1 to 5")
    error.show()
    qtbot.waitUntil(error.isVisible)
    assert _near(_colour_inside_top(error), "#B2182B")  # white on red
    assert window.files.close_document()
    button = window.start_screen.new_button
    qtbot.waitUntil(button.isVisible)
    assert _near(_colour_inside_top(button), "#1F4E79")  # the accent blue


def test_docks_tabbed_together_get_the_tabs_padding(open_window, template_path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDockWidget, QLabel

    window = open_window(template_path)
    second = QDockWidget("Second dock", window)
    second.setObjectName("secondDock")
    second.setWidget(QLabel("x"))
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, second)
    window.tabifyDockWidget(window.inspector_dock, second)
    window.inspector_dock.show()
    second.show()
    QApplication.processEvents()
    bars = [
        b for b in window.findChildren(QTabBar) if b.count() and b.tabText(0) == "Cell inspector"
    ]
    assert bars
    for bar in bars:
        for index in range(bar.count()):
            label = bar.fontMetrics().horizontalAdvance(bar.tabText(index))
            assert bar.tabRect(index).width() >= label + 28


def test_tabs_and_headers_keep_their_padding(open_window, template_path) -> None:
    window = open_window(template_path)
    bars = [window.tabs.tabBar(), window.results_panel.views.tabBar()]
    bars.append(window.editors_panel.findChild(QTabBar))
    for bar in bars:
        for index in range(bar.count()):
            label = bar.tabText(index).replace("&&", "\0").replace("&", "").replace("\0", "&")
            # 14 px either side of the label (Fusion's own tabs leave less)
            assert bar.tabRect(index).width() >= bar.fontMetrics().horizontalAdvance(label) + 28
    for view in (window.matrix_view, window.results_panel.ranking):
        header = view.horizontalHeader()
        # 4 px above and below the label (Fusion's own sections leave 2)
        assert header.sectionSizeFromContents(0).height() >= header.fontMetrics().height() + 8
