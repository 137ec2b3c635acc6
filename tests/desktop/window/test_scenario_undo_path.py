"""The user's whole path with scenarios: open, choose a scenario, edit a score and a weight,
choose another view, undo and redo (each brings the view back to the scenario and cell it
changed, and the status bar says what), save, reopen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.override_mark import OVERRIDE_SYMBOL
from rrisk.fileformat import load

EASED = "sanctions-eased"
CHINA = "china-export-controls"
CELL = ("seligdar", "political")  # Sanctions eased does not override it
CRITERION = "political"


def choose_scenario(window, scenario_id: str | None) -> None:
    """As the user does: pick it in the toolbar's selector."""
    selector = window.menu_actions.scenario_selector
    position = selector.findData(scenario_id) if scenario_id else 0
    selector.setCurrentIndex(position)
    selector.activated.emit(position)
    assert window.controller.scenario_id == scenario_id


def overrides(document, scenario_id: str):
    scenario = next(s for s in document.scenarios if s.id == scenario_id)
    cells = {(o.project, o.criterion): o for o in scenario.cell_overrides}
    return cells, dict(scenario.weight_overrides)


def status(window) -> str:
    return window.statusBar().currentMessage()


def test_undo_and_redo_bring_the_user_to_the_scenario_they_change(
    open_window, template_path, qtbot
):
    window = open_window(template_path)
    controller = window.controller
    baseline_cell = controller.document.cell(*CELL).model_copy()
    baseline_weight = controller.document.criterion(CRITERION).weight
    choose_scenario(window, EASED)

    # A score typed in the matrix under the scenario: the scenario's.
    window.activateWindow()
    assert window.matrix_view.select_cell(*CELL)
    window.matrix_view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.matrix_view)
    qtbot.keyClick(window.matrix_view, Qt.Key.Key_2)
    assert overrides(controller.document, EASED)[0][CELL].likelihood == 2
    assert controller.document.cell(*CELL) == baseline_cell

    # A weight typed in Editors → Criteria under the scenario: the scenario's too.
    window.menu_actions.show_editors.trigger()
    editor = window.editors_panel.criteria
    editor.select_id(CRITERION)
    assert "Sanctions eased" in editor.scenario_note.text()
    editor.weight_spin.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.weight_spin)
    editor.weight_spin.selectAll()
    qtbot.keyClicks(editor.weight_spin, "3")
    qtbot.keyClick(editor.weight_spin, Qt.Key.Key_Return)
    assert overrides(controller.document, EASED)[1] == {CRITERION: 3.0}
    assert controller.document.criterion(CRITERION).weight == baseline_weight
    row = editor.model.row_of(CRITERION)
    assert editor.model.index(row, 3).data() == f"{OVERRIDE_SYMBOL} 3.00"

    # Away to the baseline; undo the weight: the view goes back to the scenario.
    choose_scenario(window, None)
    assert editor.weight_spin.value() == baseline_weight
    window.matrix_view.setFocus()  # no field being typed in
    window.menu_actions.undo.trigger()
    assert overrides(controller.document, EASED)[1] == {}
    assert controller.scenario_id == EASED
    assert window.menu_actions.scenario_selector.currentText() == "Sanctions eased"
    assert "Undone: Set the weight of Political volatility" in status(window)
    assert "now showing scenario “Sanctions eased”" in status(window)

    # Under the other scenario, undo the score: back to Sanctions eased, on the cell.
    choose_scenario(window, CHINA)
    controller.select("tomtor", "sanctions")
    window.menu_actions.undo.trigger()
    assert CELL not in overrides(controller.document, EASED)[0]
    assert controller.scenario_id == EASED
    current = window.matrix_view.currentIndex()
    model = window.matrix_view.matrix_model
    assert (model.project_id(current.row()), model.criterion_id(current.column())) == CELL
    assert window.inspector.title.text().startswith("Seligdar")
    assert status(window).startswith("Undone: Edit likelihood of Seligdar")

    # Redo both from the baseline.
    choose_scenario(window, None)
    window.menu_actions.redo.trigger()
    assert controller.scenario_id == EASED
    assert overrides(controller.document, EASED)[0][CELL].likelihood == 2
    assert status(window).startswith("Redone: Edit likelihood")
    choose_scenario(window, None)
    window.menu_actions.redo.trigger()
    assert controller.scenario_id == EASED
    assert overrides(controller.document, EASED)[1] == {CRITERION: 3.0}

    # Save and reopen: the scenario's score and weight, the baseline as it was.
    window.menu_actions.save.trigger()
    assert not controller.is_modified
    assert window.close()  # nothing unsaved: no question
    reopened = open_window(template_path)
    document = reopened.controller.document
    assert overrides(document, EASED)[0][CELL].likelihood == 2
    assert overrides(document, EASED)[1] == {CRITERION: 3.0}
    assert document.cell(*CELL) == baseline_cell
    assert document.criterion(CRITERION).weight == baseline_weight
    assert load(template_path) == document
