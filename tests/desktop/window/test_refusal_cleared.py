"""A refusal on the status bar is cleared once it no longer holds: a later edit that went
through, Undo, another scenario or another document (it stayed for its ten seconds, saying
of the cell or field that its value was refused after the value had since been set)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt


def _refuse(window) -> str:  # noqa: ANN001
    criterion = window.controller.document.criteria[0].id
    window.matrix_view.select_cell("tomtor", criterion)
    assert not window.inspector._commit({"likelihood": 9})
    message = window.statusBar().currentMessage()
    assert message.endswith("likelihood 9 is outside 1–5")
    return message


def test_an_edit_that_goes_through_clears_the_refusal(window) -> None:
    _refuse(window)
    criterion = window.controller.document.criteria[0].id
    assert window.controller.edit_cells([("tomtor", criterion)], {"likelihood": 1})
    assert window.statusBar().currentMessage() == ""


def test_another_scenario_clears_the_refusal(window) -> None:
    _refuse(window)
    window.controller.set_scenario(window.controller.document.scenarios[0].id)
    assert window.statusBar().currentMessage() == ""


def test_undo_replaces_the_refusal(window) -> None:
    criterion = window.controller.document.criteria[0].id
    assert window.controller.edit_cells([("tomtor", criterion)], {"likelihood": 1})
    _refuse(window)
    window.menu_actions.undo.trigger()
    assert window.statusBar().currentMessage().startswith("Undone: Edit likelihood of ")


def test_another_document_clears_the_refusal(window, tmp_path: Path) -> None:
    from rrisk.fileformat import save
    from rrisk.templates import new_from_template

    _refuse(window)
    path = tmp_path / "other.rrisk"
    save(new_from_template("blank"), path)
    window.controller.undo_stack.setClean()
    window.files.open_path(str(path))
    assert window.controller.path == path
    assert window.statusBar().currentMessage() in ("", f"Opened {path}")
    assert "outside 1–5" not in window.statusBar().currentMessage()


def test_a_key_a_field_refused_is_cleared_by_the_next_edit(window, qtbot) -> None:
    """A number field's refused key ('“x” cannot be typed here') on the status bar goes too."""
    criterion = window.controller.document.criteria[0].id
    window.matrix_view.select_cell("tomtor", criterion)
    spin = window.inspector.likelihood
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_X)
    assert "cannot be typed here" in window.statusBar().currentMessage()
    assert window.controller.edit_cells([("tomtor", criterion)], {"impact": 1})
    assert window.statusBar().currentMessage() == ""


def test_a_message_other_than_the_refusal_stays(window) -> None:
    _refuse(window)
    window.statusBar().showMessage("Saved case.rrisk", 5000)
    criterion = window.controller.document.criteria[0].id
    assert window.controller.edit_cells([("tomtor", criterion)], {"likelihood": 1})
    assert window.statusBar().currentMessage() == "Saved case.rrisk"
