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


def test_breakable_never_splits_a_drawn_character():
    from desktop.ui.text import BREAK_EVERY, breakable

    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    accented = "e\u0301"
    for text in (
        "Ж" * 50,
        "x" * 15 + family * 4,
        (accented * 20),
        "a" * 15 + "\U0001f44d\U0001f3fd" * 5,
    ):
        shown = breakable(text)
        assert shown.replace("\u200b", "") == text
        for position, char in enumerate(shown):
            if char == "\u200b":
                assert shown[position - 1] != "\u200d" and shown[position + 1] != "\u200d"
                assert shown[position + 1] not in "\u0301\U0001f3fd"
        assert all(len(part) <= 2 * BREAK_EVERY for part in shown.split("\u200b"))
    assert breakable("short words stay as they are") == "short words stay as they are"
