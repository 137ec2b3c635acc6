"""The main window fits a small screen (960 × 640 logical px) with every part still usable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def _shown(widget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def test_window_can_be_narrower_than_a_small_screen(window):
    assert window.minimumSizeHint().width() <= 980
    assert window.minimumSizeHint().height() <= 640


@pytest.mark.parametrize("tab", [0, 1, 2])
def test_every_tab_is_usable_at_960_by_640(window, qtbot, tab):
    window.resize(960, 640)
    qtbot.waitUntil(lambda: window.size().width() == 960 and window.size().height() == 640)
    window.tabs.setCurrentIndex(tab)
    page = window.tabs.currentWidget()
    qtbot.waitUntil(lambda: _shown(page))
    for widget in (window.tabs, window.inspector_dock, window.inspector, window.toolbar):
        assert _shown(widget)
    if tab == 0:
        assert _shown(window.matrix_view) and _shown(window.results_panel)
    # Nothing is pushed past the right edge: the tabs and the inspector sit side by side.
    tabs_right = window.tabs.mapTo(window, window.tabs.rect().topRight()).x()
    dock_left = window.inspector_dock.geometry().left()
    assert tabs_right < dock_left
    assert window.inspector_dock.geometry().right() < window.width()
    # Every tab title is shown whole; the document line in the corner gives way instead.
    bar = window.tabs.tabBar()
    assert bar.width() >= bar.sizeHint().width()
    label = window.document_label
    assert label.geometry().left() >= bar.geometry().right()
    assert label.text() != label.full_text()
    assert label.text().endswith("…")
    assert _shown(window.menu_actions.scenario_selector)


def test_toolbar_drops_its_texts_rather_than_hide_the_scenario_selector(window, qtbot):
    toolbar = window.toolbar
    narrowest = window.minimumSizeHint().width()
    window.resize(narrowest, 640)
    qtbot.waitUntil(lambda: window.width() == narrowest)
    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    assert _shown(window.menu_actions.scenario_selector)
    window.resize(1500, 950)
    qtbot.waitUntil(lambda: window.width() == 1500)
    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert _shown(window.menu_actions.scenario_selector)


def test_document_line_is_whole_at_the_usual_size(window, qtbot):
    window.resize(1500, 950)
    qtbot.waitUntil(lambda: window.width() == 1500)
    label = window.document_label
    assert label.text() == label.full_text()
    assert label.full_text().startswith(window.controller.document.title)
    assert label.toolTip() == ""


def test_the_analysis_run_bar_fits_a_small_window(window, qtbot):
    """The Run button keeps its whole text at 960 px, also while a run shows its progress
    (the progress bar beside it squeezed it to "uncertainty ana")."""
    window.resize(960, 640)
    qtbot.waitUntil(lambda: window.width() == 960)
    window.tabs.setCurrentIndex(1)
    controls = window.tabs.currentWidget().findChild(QWidget, "runAnalysisButton").parentWidget()
    qtbot.waitUntil(lambda: _shown(controls))
    controls.set_busy(True)
    try:
        qtbot.wait(50)
        button = controls.run_button
        assert button.width() >= button.sizeHint().width()
        assert controls.minimumSizeHint().width() <= controls.width()
        assert _shown(controls.progress_bar)
    finally:
        controls.set_busy(False)


def test_a_long_title_does_not_hold_the_window_wide(open_window, qtbot, tmp_path):
    """The document line beside the tabs is shortened to the room it gets; a 200-character
    title held the window at 1,150 px or more."""
    from rrisk.fileformat import save
    from rrisk.templates import new_from_template

    document = new_from_template("russia-rare-earths")
    document.title = "Very long assessment title " * 8
    path = tmp_path / "long.rrisk"
    save(document, path)
    window = open_window(path)
    window.resize(1400, 900)  # wide first: the line shows much of the title
    window.show()
    qtbot.waitUntil(lambda: window.width() == 1400)
    qtbot.wait(100)
    window.resize(960, 640)
    qtbot.waitUntil(lambda: window.width() == 960)
    assert window.minimumSizeHint().width() <= 980
    assert window.document_label.text().endswith("…")


def test_a_long_scenario_name_leaves_the_toolbar_its_texts(window, qtbot):
    assert window.controller.add_item("scenario", {"id": "long", "name": "Sanctions eased " * 6})
    window.resize(1500, 950)
    qtbot.waitUntil(lambda: window.width() == 1500)
    selector = window.menu_actions.scenario_selector
    assert selector.width() <= selector.fontMetrics().horizontalAdvance("M") * 26
    assert window.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon


def test_at_its_smallest_the_window_still_shows_three_projects(window, qtbot):
    """At the window's minimum height the matrix showed its header and not one project; it
    now keeps three rows (all, when there are fewer), the results taking the rest."""
    window.show()
    smallest = window.minimumSizeHint()
    window.resize(smallest)
    qtbot.waitUntil(lambda: window.size() == smallest)
    matrix = window.matrix_view
    rows = min(3, matrix.model().rowCount())
    assert rows > 0
    qtbot.waitUntil(lambda: matrix.height() >= matrix.height_for_rows(rows))
    assert _shown(window.results_panel)


def test_a_blank_matrix_shows_its_name_fields_in_a_small_window(qtbot):
    """On a 1024 × 600 screen a new blank assessment's name fields show whole: the matrix
    kept only its header's height (no row to fit), and the fields were a line high."""
    from desktop.app import build_main_window

    window = build_main_window(template="blank")
    qtbot.addWidget(window)
    window.resize(983, 564)  # the size the window opens at on that screen
    qtbot.waitUntil(lambda: window.height() == 564)
    window.show_workspace()
    panel = window.matrix_view.quick_add.panel
    field = panel.fields["project"]
    qtbot.waitUntil(lambda: field.height() >= field.minimumSizeHint().height())
    assert panel.isVisible()
    assert field.visibleRegion().boundingRect().height() == field.height()
    assert panel.fields["criterion"].height() >= field.minimumSizeHint().height()
