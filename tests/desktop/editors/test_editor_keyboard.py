"""The editors by keyboard and at any name length: Tab leaves a list's table for its buttons
and form (it went round the table's cells and never left), and long names do not push the
scenario editor's form wider than the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea

EDITORS = ["criteria", "projects", "sources", "scenarios"]


@pytest.mark.parametrize("name", EDITORS)
def test_tab_leaves_the_table_for_the_form(qtbot, panel, controller, name):
    editor = getattr(panel, name)
    panel.setCurrentWidget(editor)
    editor.table.selectRow(0)
    editor.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.table)
    reached = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached[0] is not editor.table
    # The form's first field (the name, or a scenario's name) is reached by Tab alone.
    assert any(editor.form_page.isAncestorOf(widget) for widget in reached)
    # And Shift+Tab comes back to the table.
    for _ in range(30):
        if QApplication.focusWidget() is editor.table:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is editor.table


@pytest.mark.parametrize("name", ["scenarioWeightsTable", "scenarioCellsTable"])
def test_tab_leaves_the_scenario_tables(qtbot, panel, controller, name):
    scenarios = panel.scenarios
    panel.setCurrentWidget(scenarios)
    scenarios.select_id(controller.document.scenarios[0].id)
    table = scenarios.findChild(type(scenarios.table), name)
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table


def test_long_names_keep_the_scenario_form_inside_the_window(qtbot, panel, controller):
    long_project = "Томтор — северный участок (очень длинное название проекта)"
    long_criterion = "Sanctions & export-control exposure under EU/US/UK regimes"
    controller.edit_item("project", "tomtor", {"name": long_project})
    controller.edit_item("criterion", "sanctions", {"name": long_criterion})
    scenarios = panel.scenarios
    panel.setCurrentWidget(scenarios)
    scenarios.select_id(controller.document.scenarios[0].id)
    qtbot.wait(50)
    area = next(a for a in scenarios.findChildren(QScrollArea) if a.widget() is scenarios.form_page)
    # The panel is 900 px wide: the form fits without a horizontal scroll bar.
    assert scenarios.form_page.minimumSizeHint().width() <= area.viewport().width()
    assert area.horizontalScrollBar().maximum() == 0
    # The pickers still list the whole names.
    projects = [
        scenarios.override_project.itemText(i) for i in range(scenarios.override_project.count())
    ]
    assert long_project in projects


def test_the_new_overrides_project_and_criterion_boxes_have_visible_labels(
    qtbot, panel, controller
):
    """Each box has a label beside it, its buddy: a screen reader on Linux reads a box's label
    from the label it is the buddy of, and there was none, so both were named by the group's
    title; the eye saw two names with nothing saying which was which."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QLabel

    scenarios = panel.scenarios
    panel.setCurrentWidget(scenarios)
    scenarios.select_id(controller.document.scenarios[0].id)
    for combo, word in (
        (scenarios.override_project, "Project"),
        (scenarios.override_criterion, "Criterion"),
    ):
        labels = [label for label in scenarios.findChildren(QLabel) if label.buddy() is combo]
        assert [label.text().replace("&", "") for label in labels] == [word]
        assert labels[0].isVisible()
        assert labels[0].geometry().right() < combo.geometry().left()
        relations = QAccessible.queryAccessibleInterface(combo).relations(
            QAccessible.RelationFlag.Label
        )
        # The label first; Qt adds the group's title after it, as for any field in a group.
        assert [other.text(QAccessible.Text.Name) for other, _ in relations][0] == word
