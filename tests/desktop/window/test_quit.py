"""Quitting after an edit and choosing Discard ends cleanly: no dialog beyond the prompt, and
nothing the window connected runs on it afterwards (pytest-qt raises on any Qt-slot error)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QMessageBox


def test_quit_after_an_edit_and_discard_is_clean(template_path, qtbot, monkeypatch):
    from desktop.app import build_main_window

    # Built here, not by the fixture: this test deletes the window itself, as quitting does.
    window = build_main_window(str(template_path))
    window.matrix_view.select_cell("tomtor", "sanctions")
    window.inspector.likelihood.setValue(2)
    assert window.isWindowModified()
    prompts: list[str] = []

    def discard(*args, **kwargs):
        prompts.append(args[2] if len(args) > 2 else "")
        return QMessageBox.StandardButton.Discard

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: {args[1:3]}")

    monkeypatch.setattr(QMessageBox, "warning", discard)
    for name in ("critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
    assert window.close()
    assert len(prompts) == 1
    # Deleting the window (and its document, undo stack and timers) runs nothing on it.
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.wait(50)
    # Application-wide signals fire after it is gone: nothing may run on it.
    app = QApplication.instance()
    app.paletteChanged.emit(app.palette())
    app.focusChanged.emit(None, None)
    qtbot.wait(50)


def test_quit_closes_every_window_each_asking_and_cancel_keeps_that_one(
    open_window, template_path, document_path, monkeypatch
):
    first = open_window(template_path)
    second = open_window(document_path)  # a file handed over by a later launch
    for window in (first, second):
        window.controller.edit_assessment({"title": "Unsaved"})
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Cancel]

    def answer(_parent, _title, text, *_args, **_kwargs):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "warning", answer)
    first.menu_actions.quit.trigger()
    assert not first.isVisible()
    # The other window asked too; Cancel keeps it open, its changes as they were.
    assert len(asked) == 2 and document_path.name in asked[1]
    assert second.isVisible() and second.isWindowModified()
    assert second.controller.document.title == "Unsaved"
    answers.append(QMessageBox.StandardButton.Discard)
    second.menu_actions.quit.trigger()
    assert not second.isVisible()


def test_quit_asks_this_window_first_then_the_others_in_the_order_they_were_opened(
    open_window, tmp_path, small_document, monkeypatch
):
    from rrisk.fileformat import save

    windows = []
    for number in range(6):
        path = tmp_path / f"case-{number}.rrisk"
        save(small_document, path)
        window = open_window(path)
        window.controller.edit_assessment({"title": "Unsaved"})
        windows.append(window)
    asked: list[str] = []

    def cancel_the_fourth(_parent, _title, text, *_args, **_kwargs):
        asked.append(text)
        if len(asked) == 4:
            return QMessageBox.StandardButton.Cancel
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "warning", cancel_the_fourth)
    windows[2].menu_actions.quit.trigger()
    order = [next(n for n in range(6) if f"case-{n}.rrisk" in text) for text in asked]
    assert order == [2, 0, 1, 3]
    # Cancel kept the window asked then and those after it, as they were opened.
    assert [window.isVisible() for window in windows] == [False, False, False, True, True, True]
