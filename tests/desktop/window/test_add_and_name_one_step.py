"""Adding an item and typing its name at once is one undo step: one Undo removes the item the
user added and named (it left "New project" behind), one Redo brings it back named. A name
changed later, after another edit, a save, or an Undo and Redo of the addition, is a step of
its own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from rrisk.model import assessment_to_data


@pytest.fixture
def window(open_window, template_path, qtbot):
    window = open_window(template_path)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def _type_name(qtbot, field, name: str) -> None:
    field.selectAll()
    qtbot.keyClicks(field, name)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def _add_project_in_matrix(qtbot, window, name: str) -> None:
    window.menu_actions.add_project.trigger()
    editor = window.matrix_view.quick_add.editor
    assert editor is not None
    _type_name(qtbot, editor, name)
    qtbot.waitUntil(lambda: name in [p.name for p in window.controller.document.projects])


def test_a_project_added_and_named_in_the_matrix_is_one_step(qtbot, window):
    controller = window.controller
    stack = controller.undo_stack
    before = assessment_to_data(controller.document)
    _add_project_in_matrix(qtbot, window, "Tomtor South")
    after = assessment_to_data(controller.document)

    assert stack.count() == 1
    assert stack.undoText() == "Add project Tomtor South"
    assert "tomtor-south" in [p.id for p in controller.document.projects]
    assert window.isWindowModified()

    assert controller.undo()
    assert assessment_to_data(controller.document) == before
    assert "New project" not in [p.name for p in controller.document.projects]
    assert window.statusBar().currentMessage() == "Undone: Add project Tomtor South"
    assert not window.isWindowModified()

    assert controller.redo()
    assert assessment_to_data(controller.document) == after
    assert window.isWindowModified()
    assert controller.undo()
    assert assessment_to_data(controller.document) == before


def test_a_rename_after_another_edit_is_its_own_step(qtbot, window):
    controller = window.controller
    _add_project_in_matrix(qtbot, window, "Tomtor South")
    project_id = controller.document.projects[-1].id
    criterion_id = controller.document.criteria[0].id
    assert controller.edit_cell(project_id, criterion_id, {"likelihood": 2})
    assert controller.edit_item("project", project_id, {"name": "Tomtor Far South"})
    assert controller.undo_stack.count() == 3

    assert controller.undo()
    assert controller.document.projects[-1].name == "Tomtor South"
    assert controller.document.cell(project_id, criterion_id).likelihood == 2


def test_a_second_rename_of_a_new_item_is_its_own_step(qtbot, window):
    controller = window.controller
    _add_project_in_matrix(qtbot, window, "Tomtor South")
    project_id = controller.document.projects[-1].id
    assert controller.edit_item("project", project_id, {"name": "Tomtor Far South"})
    assert controller.undo_stack.count() == 2
    assert controller.undo()
    assert controller.document.projects[-1].name == "Tomtor South"


def test_a_rename_after_undo_and_redo_of_the_addition_is_its_own_step(qtbot, window):
    controller = window.controller
    window.menu_actions.add_project.trigger()
    assert controller.undo() and controller.redo()
    project_id = controller.document.projects[-1].id
    assert controller.edit_item("project", project_id, {"name": "Tomtor South"})
    assert controller.undo_stack.count() == 2
    assert controller.undo()
    assert controller.document.projects[-1].name == "New project"


def test_a_rename_after_a_save_is_its_own_step(qtbot, window):
    controller = window.controller
    window.menu_actions.add_project.trigger()
    project_id = controller.document.projects[-1].id
    assert window.files.save()
    assert controller.edit_item("project", project_id, {"name": "Tomtor South"})
    assert controller.undo_stack.count() == 2
    assert window.isWindowModified()
    assert controller.undo()
    assert controller.document.projects[-1].name == "New project"
    assert not window.isWindowModified()


@pytest.mark.parametrize(
    ("editor_name", "name", "field"),
    [
        ("projects", "Kola Peninsula Mine", "name"),
        ("criteria", "Water stress", "name"),
        ("sources", "USGS 2025", "title"),
        ("scenarios", "Ceasefire", "name"),
    ],
)
def test_an_item_added_and_named_in_an_editor_is_one_step(qtbot, window, editor_name, name, field):
    controller = window.controller
    window.tabs.setCurrentWidget(window.editors_panel)
    panel = window.editors_panel
    editor = getattr(panel, editor_name)
    panel.setCurrentWidget(editor)
    before = assessment_to_data(controller.document)
    editor.add_button.click()
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    _type_name(qtbot, QApplication.focusWidget(), name)

    def names():
        return [getattr(item, field) for item in getattr(controller.document, editor.field)]

    qtbot.waitUntil(lambda: name in names())
    after = assessment_to_data(controller.document)
    word = editor.word
    assert controller.undo_stack.count() == 1
    assert controller.undo_stack.undoText() == f"Add {word} {name}"

    assert controller.undo()
    assert assessment_to_data(controller.document) == before
    assert controller.redo()
    assert assessment_to_data(controller.document) == after


def test_a_rename_of_an_item_added_with_its_name_is_its_own_step(qtbot, window):
    # Named in the empty matrix's panel as it is added: that name is the user's, and one
    # Undo of a rename made next brings it back (it took the project away with the rename).
    controller = window.controller
    assert window.add_item("project", "Tomtor South")
    project_id = controller.document.projects[-1].id
    assert window.rename_item("project", project_id, "Tomtor North")
    assert controller.undo_stack.count() == 2
    assert controller.undo()
    assert controller.document.projects[-1].name == "Tomtor South"


def test_a_rename_after_the_name_field_was_left_with_escape_is_its_own_step(qtbot, window):
    # Escape keeps "New project": a name given later, in another editor, is a rename (one
    # Undo took the project away with it).
    controller = window.controller
    window.menu_actions.add_project.trigger()
    editor = window.matrix_view.quick_add.editor
    assert editor is not None
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    project_id = controller.document.projects[-1].id
    assert controller.edit_item("project", project_id, {"name": "Tomtor South"})
    assert controller.undo_stack.count() == 2
    assert controller.undo()
    assert controller.document.projects[-1].name == "New project"


def test_a_rename_after_an_editors_name_field_was_left_with_escape_is_its_own_step(qtbot, window):
    controller = window.controller
    window.tabs.setCurrentWidget(window.editors_panel)
    editor = window.editors_panel.criteria
    window.editors_panel.setCurrentWidget(editor)
    criterion_id = editor.add_item()  # as its Add button does
    assert criterion_id is not None
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert controller.edit_item("criterion", criterion_id, {"name": "Water stress"})
    assert controller.undo_stack.count() == 2
    assert controller.undo()
    assert controller.document.criterion(criterion_id).name == "New criterion"


def test_the_next_item_added_in_the_same_keystroke_is_still_named_in_one_step(qtbot, window):
    # The first name applied as the next Add begins: the second item, which gets the id the
    # first had before its name, still takes its own name into its addition.
    controller = window.controller
    window.menu_actions.add_project.trigger()
    first = window.matrix_view.quick_add.editor
    qtbot.keyClicks(first, "Alpha")
    window.menu_actions.add_project.trigger()
    second = window.matrix_view.quick_add.editor
    assert second is not None and second is not first
    _type_name(qtbot, second, "Beta")
    qtbot.wait(50)  # the first editor deleted meanwhile
    steps = [controller.undo_stack.text(i) for i in range(controller.undo_stack.count())]
    assert steps == ["Add project Alpha", "Add project Beta"]
