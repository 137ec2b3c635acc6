"""Delete in the scenario editor's tables takes the selected row's override away, one undo
step, as Delete removes a list's selected item (it did nothing there: only the Remove override
button, or typing a blank, took an override away)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from rrisk.model import assessment_to_data


@pytest.fixture
def scenarios(qtbot, panel, controller):  # noqa: ANN001, ANN201 - fixtures; the editor
    editor = panel.scenarios
    panel.setCurrentWidget(editor)
    editor.select_id("sanctions-eased")
    return editor


def _focus(qtbot, table, row: int, column: int) -> None:  # noqa: ANN001 - qtbot, a table
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    table.setCurrentIndex(table.model().index(row, column))


@pytest.mark.parametrize("key", [Qt.Key.Key_Delete, Qt.Key.Key_Backspace])
def test_delete_in_the_weights_table_puts_the_baseline_weight_back(
    qtbot, scenarios, controller, key
):
    before = assessment_to_data(controller.document)
    table, model = scenarios.weights_table, scenarios.weights_model
    row = model._keys.index("sanctions")
    _focus(qtbot, table, row, 0)
    qtbot.keyClick(table, key)
    assert controller.document.scenarios[0].weight_overrides == {}
    assert controller.undo_stack.count() == 1
    assert controller.is_modified
    assert model.data(model.index(row, 2)).startswith("= ")
    assert QApplication.focusWidget() is table
    # A weight the scenario does not set: nothing to take away, no step.
    other = model._keys.index("cost")
    table.setCurrentIndex(model.index(other, 2))
    qtbot.keyClick(table, key)
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert assessment_to_data(controller.document) == before
    assert not controller.is_modified


def test_delete_in_the_cells_table_removes_the_override_and_undo_brings_it_back(
    qtbot, scenarios, controller
):
    before = assessment_to_data(controller.document)
    table, model = scenarios.cells_table, scenarios.cells_model
    assert model.rowCount() == 1
    _focus(qtbot, table, 0, 6)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert controller.document.scenarios[0].cell_overrides == []
    assert model.rowCount() == 0
    assert controller.undo_stack.count() == 1
    assert controller.undo_stack.undoText().startswith("Remove cell override")
    controller.undo_stack.undo()
    assert assessment_to_data(controller.document) == before
    assert model.rowCount() == 1
    controller.undo_stack.redo()
    assert controller.document.scenarios[0].cell_overrides == []


def test_delete_while_typing_in_a_scenario_table_is_the_editors_own(qtbot, scenarios, controller):
    """In an open cell editor Delete deletes a character, as ever; the override stays."""
    table, model = scenarios.cells_table, scenarios.cells_model
    _focus(qtbot, table, 0, 6)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not table
    qtbot.keyClicks(editor, "ab")
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.text() == "b"
    assert model.rowCount() == 1
    assert controller.undo_stack.count() == 0
