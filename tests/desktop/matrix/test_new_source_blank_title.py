"""The "New source…" button given a blank title says why and asks again, keeping what was typed (it did
nothing, without a word)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.matrix.evidence_editor import EMPTY_TITLE


def _asked(answers: list[tuple[str, bool]], asked: list[tuple[str, str]]):
    def get_text(_parent, _title, label, _echo=None, text="", *_args, **_kwargs):
        asked.append((label, text))
        return answers.pop(0)

    return get_text


def test_a_blank_title_is_refused_in_words_and_asked_again(
    open_window, document_path, qtbot, monkeypatch
):
    window = open_window(document_path)
    assert window.matrix_view.select_cell("p0", "c0")
    evidence = window.inspector.evidence
    evidence.source.setEditText("")
    evidence.quote.setText("Output fell by a third")
    sources = len(window.controller.document.sources)
    asked: list[tuple[str, str]] = []
    answers = [("   ", True), ("IEA Critical Minerals 2024", True)]
    monkeypatch.setattr(
        "desktop.matrix.evidence_editor.QInputDialog.getText", _asked(answers, asked)
    )
    qtbot.mouseClick(evidence.new_source_button, Qt.MouseButton.LeftButton)
    assert asked[0] == ("Title of the new source:", "")
    # Asked again with the reason, and the typing kept
    assert asked[1] == (f"{EMPTY_TITLE}.\nTitle of the new source:", "   ")
    assert EMPTY_TITLE == "Title: is empty: give it a title"
    titles = [source.title for source in window.controller.document.sources]
    assert len(titles) == sources + 1 and titles[-1] == "IEA Critical Minerals 2024"
    assert evidence.quote.text() == "Output fell by a third"


def test_a_blank_title_then_cancel_adds_nothing_and_has_said_why(
    open_window, document_path, qtbot, monkeypatch
):
    window = open_window(document_path)
    assert window.matrix_view.select_cell("p0", "c0")
    evidence = window.inspector.evidence
    evidence.source.setEditText("")
    evidence.quote.setText("Output fell by a third")
    before = window.controller.document
    asked: list[tuple[str, str]] = []
    answers = [("", True), ("", False)]
    monkeypatch.setattr(
        "desktop.matrix.evidence_editor.QInputDialog.getText", _asked(answers, asked)
    )
    qtbot.mouseClick(evidence.new_source_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and not answers
    assert window.statusBar().currentMessage() == EMPTY_TITLE
    assert window.controller.document.sources == before.sources
    assert evidence.quote.text() == "Output fell by a third"
