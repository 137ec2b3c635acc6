"""An item renamed in an editor stays the current one: its id follows its name, and the form
below keeps editing it (it used to jump to the first item, and the next field typed edited
that one)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QLineEdit


@pytest.fixture
def panel(open_window, template_path, qtbot):
    window = open_window(template_path)
    window.tabs.setCurrentWidget(window.editors_panel)
    qtbot.waitExposed(window)
    return window.editors_panel


@pytest.fixture
def controller(panel):
    return panel.window().controller


@pytest.mark.parametrize(
    ("editor_name", "name", "expected_id"),
    [
        ("projects", "Kola Peninsula Mine", "kola-peninsula-mine"),
        ("criteria", "Water stress", "water-stress"),
        ("sources", "USGS 2025", "usgs-2025"),
        ("scenarios", "Ceasefire", "ceasefire"),
    ],
)
def test_a_new_item_named_in_the_table_stays_current(
    qtbot, panel, controller, editor_name, name, expected_id
):
    editor = getattr(panel, editor_name)
    panel.setCurrentWidget(editor)
    editor.table.selectionModel().setCurrentIndex(
        editor.model.index(1, editor.name_column),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    editor.add_button.click()
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    field = QApplication.focusWidget()
    field.selectAll()
    qtbot.keyClicks(field, name)
    qtbot.keyClick(field, Qt.Key.Key_Return)

    def items():
        return getattr(controller.document, editor.field)

    qtbot.waitUntil(lambda: expected_id in [item.id for item in items()], timeout=5000)
    assert editor.current_id() == expected_id
    assert f"id {expected_id}" in editor.form_title.text()


def test_a_weight_typed_after_naming_goes_to_the_named_criterion(qtbot, panel, controller):
    editor = panel.criteria
    panel.setCurrentWidget(editor)
    before = {c.id: c.weight for c in controller.document.criteria}
    editor.select_id(controller.document.criteria[-1].id)
    editor.add_button.click()
    editor.name_edit.setFocus()
    editor.name_edit.selectAll()
    qtbot.keyClicks(editor.name_edit, "Water stress")
    qtbot.keyClick(editor.name_edit, Qt.Key.Key_Tab)
    assert editor.current_id() == "water-stress"
    editor.weight_spin.setFocus()
    editor.weight_spin.selectAll()
    qtbot.keyClicks(editor.weight_spin, "3")
    qtbot.keyClick(editor.weight_spin, Qt.Key.Key_Tab)
    after = {c.id: c.weight for c in controller.document.criteria}
    assert after.pop("water-stress") == 3.0
    assert after == before


def test_a_reordered_list_keeps_the_current_item(qtbot, panel, controller):
    editor = panel.projects
    ids = [p.id for p in controller.document.projects]
    editor.select_id(ids[1])
    assert controller.move_item("project", ids[1], 1)
    assert editor.current_id() == ids[1]
