"""A blank case carries no words of the bundled case in its placeholders."""

from __future__ import annotations


def test_a_blank_case_shows_neutral_placeholders(open_window, qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit

    window = open_window()
    assert window.files.new_document("blank")
    texts = [w.placeholderText() for w in window.findChildren(QLineEdit)]
    texts += [w.placeholderText() for w in window.findChildren(QPlainTextEdit)]
    texts += [w.placeholderText() for w in window.findChildren(QTextEdit)]
    case_words = ("kremlin", "томтор", "tomtor", "rosatom", "rosneft", "rostec", "seligdar")
    assert texts and not [t for t in texts if any(word in t.casefold() for word in case_words)]
