"""Plain text fields give back the file's text as it was until the user types in them."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPlainTextEdit

from desktop.ui.plain_edit import as_held, edit_text

ODD_TEXTS = [
    "Line one\r\nLine two",
    "carriage\rreturn",
    "line\u2028separator",
    "paragraph\u2029separator",
    "5\u00a0000 t of oxide",
    "\r\n\r\nstarts with breaks\n\r",
    "tab\there\x0bvertical",
    "{{index:p0}}\r\n{{rank:p0}}",
]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_as_held_is_what_the_editor_holds(qtbot, text):
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText(text)
    assert edit_text(edit) == as_held(text)


def test_a_typed_text_keeps_its_no_break_spaces(qtbot):
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "5\u00a0000 t")
    assert edit_text(edit) == "5\u00a0000 t"


def test_kept_text_gives_back_the_given_text_until_it_is_changed(qtbot):
    from desktop.editors.common import PlainTextField

    field = PlainTextField()
    qtbot.addWidget(field)
    given = "Line one\r\nLine two\u00a0end"
    field.setPlainText(given)
    assert field.toPlainText() != given  # Qt's own reading changes it
    assert field.plain_text() == given
    field.moveCursor(field.textCursor().MoveOperation.End)
    field.insertPlainText("!")
    assert field.plain_text() == "Line one\nLine two\u00a0end!"  # typed: as held
    field.undo()
    assert field.plain_text() == given  # back to what it was given
