"""Escape in an editor's field throws away what was typed there, as in a spreadsheet's cell:
the stored value shows again and leaving the field changes nothing (leaving it applied the
typing, Escape or not)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _type_then_escape(qtbot, field, keys: str) -> None:  # noqa: ANN001 - qtbot, a field
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    qtbot.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, keys)
    qtbot.keyClick(field, Qt.Key.Key_Escape)


@pytest.mark.parametrize(
    ("editor", "field", "keys", "read"),
    [
        ("projects", "name_edit", " South", lambda doc: doc.projects[0].name),
        ("projects", "description_edit", " More.", lambda doc: doc.projects[0].description),
        ("criteria", "weight_spin", "7", lambda doc: doc.criteria[0].weight),
        ("criteria", "category_combo", "zz", lambda doc: doc.criteria[0].category),
    ],
)
def test_escape_in_a_list_editors_field_throws_the_typing_away(
    qtbot, panel, controller, editor, field, keys, read
):
    list_editor = getattr(panel, editor)
    panel.setCurrentWidget(list_editor)
    list_editor.select_id(getattr(controller.document, list_editor.field)[0].id)
    widget = getattr(list_editor, field)
    stored = read(controller.document)
    from desktop.editors.forms import widget_value

    shown = widget_value(widget)
    _type_then_escape(qtbot, widget, keys)
    assert widget_value(widget) == shown
    assert QApplication.focusWidget() is widget  # Escape stays in the field
    qtbot.keyClick(widget, Qt.Key.Key_Tab)  # leaving applies nothing
    assert read(controller.document) == stored
    assert controller.undo_stack.count() == 0
    assert not controller.is_modified


def test_escape_in_the_assessments_summary_throws_the_typing_away(qtbot, panel, controller):
    panel.setCurrentWidget(panel.assessment)
    summary = panel.assessment.fields["summary"]
    stored = controller.document.summary
    _type_then_escape(qtbot, summary, " Not meant.")
    qtbot.keyClick(summary, Qt.Key.Key_Tab)
    assert controller.document.summary == stored
    assert controller.undo_stack.count() == 0


def test_after_escape_ctrl_z_undoes_the_document_and_typing_again_applies(qtbot, panel, controller):
    """The typing thrown away is not the field's to bring back with Ctrl+Z: the field keeps no
    history of it, so the window's Undo takes the key, as with nothing typed; typing again and
    leaving applies as ever."""
    editor = panel.projects
    panel.setCurrentWidget(editor)
    project = controller.document.projects[0]
    editor.select_id(project.id)
    name = editor.name_edit
    name.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is name)
    name.selectAll()
    qtbot.keyClicks(name, "Renamed")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert controller.document.projects[0].name == "Renamed"
    _type_then_escape(qtbot, name, " twice")
    assert name.text() == "Renamed"
    assert not name.isUndoAvailable()
    controller.undo_stack.undo()
    assert controller.document.projects[0].name == project.name
    assert name.text() == project.name
    qtbot.keyClick(name, Qt.Key.Key_End)
    qtbot.keyClicks(name, " Two")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert controller.document.projects[0].name == f"{project.name} Two"
