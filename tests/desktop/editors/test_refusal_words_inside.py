"""A refusal inside a field (an entry of a list, a rubric line, a scenario's override) names
the item and the field in the form's words, not the file's keys and ids."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt


@pytest.fixture
def panel_size():
    return 1000, 900


def test_a_control_character_in_an_alternative_name_is_said_in_words(panel, controller):
    editor = panel.projects
    panel.setCurrentWidget(editor)
    editor.select_id("tomtor")
    editor.alt_names_edit.setFocus()
    editor.alt_names_edit.setPlainText("Томтор\nTomtor\u202e")
    editor.alt_names_edit.editingFinished.emit()
    message = editor.message.text()
    assert "Project “Tomtor”: Alternative names: item 2: contains the control character U+202E" in (
        message
    ), message
    assert "alt_names" not in message and "'tomtor'" not in message, message
    assert controller.document.project("tomtor").alt_names == ["Томтор"]
    assert editor.alt_names_edit.toPlainText() == "Томтор"


def test_a_control_character_in_a_rubric_line_is_said_in_words(panel, controller):
    editor = panel.criteria
    editor.select_id("market")
    line = editor.rubric_edits["impact"][4]
    line.setFocus()
    line.setText("Market closed\x07")
    line.editingFinished.emit()
    message = editor.message.text()
    assert "Criterion “Market access”: Rubric: impact, item 5: contains the control" in message
    assert "'market'" not in message, message


def test_a_control_character_in_an_override_note_is_said_in_words(panel, controller):
    editor = panel.scenarios
    panel.setCurrentWidget(editor)
    editor.select_id("sanctions-eased")
    cells = editor.cells_model
    before = controller.document.scenario("sanctions-eased").cell_overrides[0].note
    assert not cells.setData(cells.index(0, 6), "per Kommersant\x1b", Qt.ItemDataRole.EditRole)
    message = editor.overrides_message.text()
    assert "Scenario “Sanctions eased”: Cell overrides: item 1, note: contains the control" in (
        message
    ), message
    assert "cell_overrides" not in message and "'sanctions-eased'" not in message, message
    assert controller.document.scenario("sanctions-eased").cell_overrides[0].note == before
