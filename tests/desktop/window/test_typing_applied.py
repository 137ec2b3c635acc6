"""What is being typed is applied before the whole document is used: save, close, undo,
the memo. Shortcuts and toolbar buttons do not move the focus, so the field never left."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop.editors.assessment import AssessmentEditor
from rrisk.fileformat import load


@pytest.fixture(autouse=True)
def _discard_at_teardown(monkeypatch):
    """Closing applies what is typed, so a window closed at teardown would ask: discard."""
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Discard)


def _type_rationale(window, qtbot, text: str):
    window.activateWindow()
    window.controller.select("tomtor", "sanctions")
    edit = window.inspector.rationale
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    QTest.keyClicks(edit, text)
    assert text not in window.controller.document.cell("tomtor", "sanctions").rationale
    return edit


def test_ctrl_s_saves_the_text_still_being_typed(open_window, template_path, qtbot):
    window = open_window(template_path)
    edit = _type_rationale(window, qtbot, " TYPED-BEFORE-SAVE")
    QTest.keyClick(edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = load(template_path).cell("tomtor", "sanctions").rationale
    assert saved.endswith(" TYPED-BEFORE-SAVE")
    assert not window.controller.is_modified
    assert QApplication.focusWidget() is edit  # the user goes on typing where they were


def test_closing_while_typing_asks_to_save(open_window, template_path, qtbot, monkeypatch):
    window = open_window(template_path)
    _type_rationale(window, qtbot, " TYPED-BEFORE-CLOSE")
    asked: list[str] = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Save

    monkeypatch.setattr(QMessageBox, "warning", answer)
    assert window.close()
    assert asked and "Save the changes" in asked[0]
    assert load(template_path).cell("tomtor", "sanctions").rationale.endswith(" TYPED-BEFORE-CLOSE")


def test_toolbar_undo_takes_back_the_typing_and_redo_brings_it_back(
    open_window, template_path, qtbot
):
    window = open_window(template_path)
    controller = window.controller
    assert controller.edit_cells([("seligdar", "sanctions")], {"impact": 1})  # an earlier edit
    before = controller.document.cell("tomtor", "sanctions").rationale
    steps = controller.undo_stack.index()
    _type_rationale(window, qtbot, " TYPED-THEN-UNDONE")
    window.menu_actions.undo.trigger()  # as a toolbar click: the focus stays in the field
    assert controller.document.cell("tomtor", "sanctions").rationale == before
    assert controller.undo_stack.index() == steps  # only the typing was taken back
    assert controller.document.cell("seligdar", "sanctions").impact == 1
    window.menu_actions.redo.trigger()
    assert controller.document.cell("tomtor", "sanctions").rationale.endswith(" TYPED-THEN-UNDONE")


def test_the_memo_prints_the_summary_still_being_typed(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    window.activateWindow()
    window.tabs.setCurrentIndex(window.tabs.indexOf(window.editors_panel))
    (editor,) = window.editors_panel.findChildren(AssessmentEditor)
    window.editors_panel.setCurrentWidget(editor) if hasattr(
        window.editors_panel, "setCurrentWidget"
    ) else None
    summary = editor.fields["summary"]
    summary.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is summary)
    summary.moveCursor(summary.textCursor().MoveOperation.End)
    QTest.keyClicks(summary, " SUMMARY-TYPED")
    target = tmp_path / "memo.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Close)
    with qtbot.waitSignal(window.memo.finished, timeout=60_000):
        window.menu_actions.export_memo.trigger()
    assert window.controller.document.summary.endswith(" SUMMARY-TYPED")
