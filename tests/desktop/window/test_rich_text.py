"""User and file text never reaches a Qt rich-text surface as markup."""

from __future__ import annotations

import zipfile

import pytest
from desktop_documents import make_document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from rrisk.fileformat import MIMETYPE, save

HOSTILE = "<b>X</b><img src=x>"
ESCAPED = "&lt;b&gt;X&lt;/b&gt;&lt;img src=x&gt;"


def _assert_safe(text: str | None) -> None:
    assert text is not None
    assert ESCAPED in text
    assert "<img" not in text and "<b>X" not in text


@pytest.fixture
def hostile_path(tmp_path):
    document = make_document()
    document.projects[0].name = HOSTILE
    document.criteria[0].name = HOSTILE
    document.sources[0].title = HOSTILE
    document.sources[0].bias_note = HOSTILE
    document.cells["p0"]["c0"].evidence[0].quote = HOSTILE
    path = tmp_path / "hostile.rrisk"
    save(document, path)
    return path


@pytest.fixture
def captured(monkeypatch):
    """Every QMessageBox text shown, by kind; questions answer No/Cancel so nothing changes."""
    shown: dict[str, list[str]] = {"critical": [], "question": []}

    def critical(_parent, _title, text, *_args, **_kwargs):
        shown["critical"].append(text)
        return QMessageBox.StandardButton.Ok

    def question(_parent, _title, text, *_args, **_kwargs):
        shown["question"].append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(critical))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return shown


def test_evidence_tooltips_escape_the_source_bias_and_quote(open_window, hostile_path):
    window = open_window(hostile_path)
    window.matrix_view.select_cell("p0", "c0")
    item = window.inspector.evidence.list.topLevelItem(0)
    assert item.text(0) == HOSTILE  # item text is plain; only the tooltips are parsed
    _assert_safe(item.toolTip(0))
    _assert_safe(item.toolTip(2))


def test_removal_questions_escape_item_names(open_window, hostile_path, captured):
    window = open_window(hostile_path)
    window.matrix_view.select_cell("p0", "c0")
    assert not window.remove_selected("project")
    assert not window.remove_selected("criterion")
    editors = window.editors_panel
    for editor in (editors.projects, editors.criteria, editors.sources):
        editor.table.setCurrentIndex(editor.model.index(editor.model.row_of(_first_id(editor)), 0))
        assert not editor.remove_current()
    assert len(captured["question"]) == 5
    for text in captured["question"]:
        _assert_safe(text)


def _first_id(editor) -> str:
    return editor.model.item_id(0)


def test_a_file_error_quoting_a_member_name_is_escaped(open_window, tmp_path, captured):
    path = tmp_path / "odd.rrisk"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", MIMETYPE)
        archive.writestr(HOSTILE, b"x")
        archive.writestr("document.json", b"{}")
    window = open_window()
    assert not window.files.open_path(path, ask=False)
    assert len(captured["critical"]) == 1
    _assert_safe(captured["critical"][0])


def test_memo_export_failure_is_escaped(open_window, hostile_path, captured):
    window = open_window(hostile_path)
    window.memo._on_failed(f"Cannot write the memo for {HOSTILE}")
    _assert_safe(captured["critical"][-1])


def test_labels_showing_user_text_are_plain(open_window, hostile_path):
    window = open_window(hostile_path)
    window.matrix_view.select_cell("p0", "c0")
    assert HOSTILE in window.inspector.title.text()
    for label in (window.inspector.title, window.file_label, window.counts_label):
        assert label.textFormat() == Qt.TextFormat.PlainText
    editor = window.editors_panel.projects
    editor.table.setCurrentIndex(editor.model.index(0, 0))
    assert editor.form_title.textFormat() == Qt.TextFormat.PlainText
