"""Criterion weights follow the scenario shown, as scores do: Editors → Criteria shows the
weight in force in the view, marks the scenario's, and a weight typed there is the scenario's
override (one undo step); the baseline's weights are edited with Baseline shown."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.editors.criteria import COL_SHARE, COL_WEIGHT
from desktop.editors.panel import EditorsPanel
from desktop.ui.override_mark import OVERRIDE_SYMBOL

EDIT = Qt.ItemDataRole.EditRole
TIP = Qt.ItemDataRole.ToolTipRole
SCENARIO = "sanctions-eased"  # sets the weight of "sanctions" to 0.5


def weights(controller) -> dict[str, float]:
    return dict(controller.document.scenarios[0].weight_overrides)


def test_the_table_shows_and_edits_the_scenarios_weights(panel, controller):
    editor = panel.criteria
    model = editor.model
    sanctions, cost = model.row_of("sanctions"), model.row_of("cost")
    assert model.index(sanctions, COL_WEIGHT).data() == "2.00"
    assert editor.scenario_note.isHidden()

    controller.set_scenario(SCENARIO)
    assert model.index(sanctions, COL_WEIGHT).data() == f"{OVERRIDE_SYMBOL} 0.50"
    assert "baseline 2" in model.index(sanctions, COL_WEIGHT).data(TIP)
    assert model.index(sanctions, COL_WEIGHT).data(EDIT) == 0.5
    assert model.index(sanctions, COL_SHARE).data() == "20%"  # 0.5 of 1 + 0.5 + 1
    assert model.index(cost, COL_WEIGHT).data() == "1.00"
    assert not editor.scenario_note.isHidden()
    assert "Sanctions eased" in editor.scenario_note.text()

    assert model.setData(model.index(cost, COL_WEIGHT), 3.0, EDIT) is True
    assert controller.document.criterion("cost").weight == 1.0  # the baseline is untouched
    assert weights(controller) == {"sanctions": 0.5, "cost": 3.0}
    assert model.index(cost, COL_WEIGHT).data() == f"{OVERRIDE_SYMBOL} 3.00"
    assert controller.undo_stack.count() == 1

    # Refused with the reason, in place; nothing changes.
    assert model.setData(model.index(cost, COL_WEIGHT), 5000.0, EDIT) is False
    assert "1000" in editor.message.text() and "Sanctions eased" in editor.message.text()
    assert weights(controller) == {"sanctions": 0.5, "cost": 3.0}

    controller.set_scenario(None)  # the baseline's weights again, unmarked
    assert model.index(cost, COL_WEIGHT).data() == "1.00"
    assert model.index(sanctions, COL_WEIGHT).data() == "2.00"
    assert editor.scenario_note.isHidden()


def test_the_form_says_whose_weight_it_edits(qtbot, panel, controller):
    editor = panel.criteria
    editor.select_id("sanctions")
    assert editor.weight_spin.value() == 2.0
    assert editor.weight_note.isHidden() and editor.baseline_weight_button.isHidden()

    controller.set_scenario(SCENARIO)
    assert editor.weight_spin.value() == 0.5
    assert editor.weight_note.text().startswith(OVERRIDE_SYMBOL)
    assert (
        "Sanctions eased" in editor.weight_note.text() and "baseline 2" in editor.weight_note.text()
    )
    assert editor.baseline_weight_button.isVisible()

    editor.weight_spin.setFocus()
    editor.weight_spin.selectAll()
    qtbot.keyClicks(editor.weight_spin, "0,75")
    qtbot.keyClick(editor.weight_spin, Qt.Key.Key_Return)
    assert weights(controller) == {"sanctions": 0.75}
    assert controller.document.criterion("sanctions").weight == 2.0

    qtbot.mouseClick(editor.baseline_weight_button, Qt.MouseButton.LeftButton)
    assert weights(controller) == {}
    assert editor.weight_spin.value() == 2.0
    assert "also in force" in editor.weight_note.text()
    assert editor.baseline_weight_button.isHidden()
    assert controller.undo_stack.count() == 2
    controller.undo_stack.undo()
    assert editor.weight_spin.value() == 0.75


def test_the_editors_connection_to_the_scenario_ends_with_the_editor(qtbot, controller):
    from shiboken6 import delete

    panel = EditorsPanel(controller)
    delete(panel)  # as when its window closes; the controller lives on here
    controller.set_scenario(SCENARIO)  # raises nothing (qt_default_raising would report it)
    controller.set_scenario(None)
