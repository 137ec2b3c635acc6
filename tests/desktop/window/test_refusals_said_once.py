"""Each refused edit is said aloud to a screen reader exactly once, wherever it was made: a
refusal made outside a form (a paste or a key in the matrix, a name typed in its header) is said
by the window, one a form shows in its own line (the cell inspector, an editor) by that line
alone, the window's status bar showing it either way. What Undo or Redo did is said too."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_a_refused_paste_in_the_matrix_is_said_once(window, said_aloud) -> None:
    """‘Cannot paste: …’ went to the status bar alone, which a screen reader does not read."""
    view = window.matrix_view
    view.select_cell("tomtor", window.controller.document.criteria[0].id)
    said_aloud.clear()
    assert not view.paste("7")
    assert window.statusBar().currentMessage().startswith("Cannot paste: ")
    assert said_aloud == [window.statusBar().currentMessage()]


def test_a_refused_edit_in_the_inspector_is_said_once(window, said_aloud) -> None:
    criterion = window.controller.document.criteria[0].id
    window.matrix_view.select_cell("tomtor", criterion)
    said_aloud.clear()
    assert not window.inspector._commit({"likelihood": 9})
    message = window.statusBar().currentMessage()
    assert message and window.inspector.error.text() == message
    assert said_aloud == [message]


def test_a_refused_edit_in_an_editor_is_said_once(window, said_aloud) -> None:
    editors = window.editors_panel
    editor = editors.projects
    editors.setCurrentWidget(editor)
    editor.select_id("tomtor")
    said_aloud.clear()
    model = editor.model
    assert not model.setData(model.index(model.row_of("tomtor"), editor.name_column), "   ")
    assert editor.message.isVisibleTo(editor)
    assert said_aloud == [editor.message.text()]


def test_a_refused_edit_in_a_table_of_the_editors_is_said_once(window, said_aloud) -> None:
    editors = window.editors_panel
    editor = editors.scenarios
    editors.setCurrentWidget(editor)
    editor.select_id("sanctions-eased")
    cells = editor.cells_model
    said_aloud.clear()
    assert not cells.setData(cells.index(0, 6), "per Kommersant\x1b", Qt.ItemDataRole.EditRole)
    assert said_aloud == [editor.overrides_message.text()]


def test_what_undo_and_redo_did_is_said_aloud(window, said_aloud) -> None:
    """'Undone: Edit likelihood of …' showed on the status bar alone: a screen reader user
    pressing Ctrl+Z heard nothing of what was taken back, nor where the view went."""
    criterion = window.controller.document.criteria[0].id
    window.matrix_view.select_cell("tomtor", criterion)
    assert window.controller.edit_cells([("tomtor", criterion)], {"likelihood": 1})
    said_aloud.clear()
    window.menu_actions.undo.trigger()
    assert said_aloud == [window.statusBar().currentMessage()]
    assert said_aloud[0].startswith("Undone: Edit likelihood of ")
    window.menu_actions.redo.trigger()
    assert said_aloud[1:] == [window.statusBar().currentMessage()]
    assert said_aloud[1].startswith("Redone: Edit likelihood of ")


def test_a_name_refused_in_a_header_is_said_once(window, said_aloud) -> None:
    criterion = window.controller.document.criteria[0].id
    said_aloud.clear()
    assert not window.rename_item("criterion", criterion, "x" * 600)
    message = window.statusBar().currentMessage()
    assert "at most 500" in message
    assert said_aloud == [message]
