"""Undo and Redo of an edit of a criterion, project, source or scenario select that item in its
editor, so the form shows what was undone; the form stayed on whichever item was selected,
showing no change (a source's bias note undone while another source was shown)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


@pytest.mark.parametrize(
    ("editor", "field", "attribute"),
    [
        ("criteria", "name_edit", "name"),
        ("projects", "country_edit", "country"),
        ("sources", "publisher_edit", "publisher"),
        ("scenarios", "name_edit", "name"),
    ],
)
def test_undo_and_redo_select_the_item_edited(qtbot, panel, controller, editor, field, attribute):
    list_editor = getattr(panel, editor)
    panel.setCurrentWidget(list_editor)
    items = getattr(controller.document, list_editor.field)
    if len(items) < 2:
        assert list_editor.add_item() is not None
        controller.undo_stack.clear()
        items = getattr(controller.document, list_editor.field)
    edited, other = items[0].id, items[1].id
    list_editor.select_id(edited)
    widget = getattr(list_editor, field)
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    qtbot.keyClick(widget, Qt.Key.Key_End)
    qtbot.keyClicks(widget, " X")
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert getattr(items[0], attribute) != getattr(
        getattr(controller.document, list_editor.field)[0], attribute
    )
    list_editor.table.setFocus()
    list_editor.select_id(other)
    assert controller.undo()
    assert list_editor.current_id() == edited
    assert widget.text() == getattr(items[0], attribute)  # the form shows the value undone
    list_editor.select_id(other)
    assert controller.redo()
    assert list_editor.current_id() == edited
    assert widget.text().endswith("X")


def test_undo_of_a_move_selects_the_item_moved(qtbot, panel, controller):
    editor = panel.projects
    panel.setCurrentWidget(editor)
    moved = editor.model.item_id(0)
    editor.select_id(moved)
    assert editor.move_current(1)
    editor.select_id(editor.model.item_id(2))
    assert controller.undo()
    assert editor.current_id() == moved
    assert editor.model.item_id(0) == moved


def test_undo_of_an_attached_file_selects_its_source(qtbot, panel, controller):
    editor = panel.sources
    panel.setCurrentWidget(editor)
    first, second = (source.id for source in controller.document.sources[:2])
    assert controller.attach_file(first, "report.pdf", b"%PDF-1.4 report")
    editor.select_id(second)
    assert controller.undo()
    assert editor.current_id() == first
    editor.select_id(second)
    assert controller.redo()
    assert editor.current_id() == first


def test_undo_of_a_scenario_weight_selects_its_scenario(qtbot, panel, controller):
    editor = panel.scenarios
    panel.setCurrentWidget(editor)
    assert editor.add_item() is not None  # a second scenario, selected
    other = editor.current_id()
    editor.select_id("sanctions-eased")
    assert controller.edit_scenario_weight("sanctions", None, "sanctions-eased")
    editor.select_id(other)
    assert controller.undo()
    assert editor.current_id() == "sanctions-eased"
    assert editor.weights_model.scenario_id == "sanctions-eased"
