"""File → Save writes the file in a worker thread: the window goes on painting, says
"Saving NAME…", and what follows a save (the saved mark, a close, Save As's new name) waits
until the file is written."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog

from desktop.files import jobs
from rrisk.fileformat import load


def _held_save(monkeypatch, files) -> tuple[threading.Event, threading.Event, list]:
    """The save of ``files``'s own file held once its writing has begun: (writing, go on,
    the threads that wrote). The recovery copy is written as ever."""
    writing, go_on = threading.Event(), threading.Event()
    writers: list[threading.Thread] = []
    write = jobs.fileformat.save

    def held_save(document, path, *args, **kwargs):
        if path != files.autosaver.file:
            writers.append(threading.current_thread())
            writing.set()
            go_on.wait(10)
        return write(document, path, *args, **kwargs)

    monkeypatch.setattr(jobs.fileformat, "save", held_save)
    return writing, go_on, writers


def _while_saving(qtbot, writing: threading.Event, go_on: threading.Event, look) -> list:
    """Run ``look`` in the window's event loop once the file's writing has begun, then let the
    writing go on; what ``look`` returned (a list, empty if it never ran)."""
    seen: list = []

    def check() -> None:
        if not writing.is_set():
            QTimer.singleShot(10, check)
            return
        try:
            seen.append(look())
        finally:
            go_on.set()

    QTimer.singleShot(0, check)
    return seen


def test_save_writes_in_a_worker_while_the_window_runs_and_marks_saved_after(
    open_window, template_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    window.show()
    files, controller = window.files, window.controller
    writing, go_on, writers = _held_save(monkeypatch, files)
    before = load(template_path).title
    controller.edit_assessment({"title": "Draft for IC"})
    assert files.autosave()  # a recovery copy of the edit, removed once the file is saved
    saved_signals: list[str] = []
    files.saved.connect(saved_signals.append)

    def look():
        progress = window.findChild(QProgressDialog, "saveProgress")
        qtbot.waitUntil(lambda: progress.isVisible(), timeout=10_000)  # after a moment
        return (
            progress.labelText(),
            files.saving,
            controller.is_modified,
            window.isWindowModified(),
            files.autosaver.file.exists(),
            list(saved_signals),
            load(template_path).title,
        )

    seen = _while_saving(qtbot, writing, go_on, look)
    assert files.save()  # returns once the file is written
    assert seen == [(f"Saving {template_path.name}…", True, True, True, True, [], before)]
    assert writers and writers[0] is not threading.main_thread()
    assert load(template_path).title == "Draft for IC"
    assert not files.saving
    assert not controller.is_modified and not window.isWindowModified()
    assert not files.autosaver.file.exists()
    assert saved_signals == [str(template_path)]
    progress = window.findChild(QProgressDialog, "saveProgress")
    assert progress is None or not progress.isVisible()


def test_an_edit_made_while_the_file_is_written_leaves_the_document_modified(
    open_window, template_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    files, controller = window.files, window.controller
    writing, go_on, _writers = _held_save(monkeypatch, files)
    controller.edit_assessment({"title": "Draft for IC"})
    seen = _while_saving(
        qtbot, writing, go_on, lambda: controller.edit_assessment({"subtitle": "Made meanwhile"})
    )
    assert files.save()
    assert seen == [True]
    saved = load(template_path)
    assert saved.title == "Draft for IC"  # as it was when Save was chosen
    assert saved.subtitle != "Made meanwhile"
    assert controller.is_modified  # the subtitle is not in the file
    assert controller.document.subtitle == "Made meanwhile"


def test_an_undo_back_to_the_saved_version_while_the_file_is_written_leaves_it_modified(
    open_window, template_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    files, controller = window.files, window.controller
    before = load(template_path).title
    writing, go_on, _writers = _held_save(monkeypatch, files)
    controller.edit_assessment({"title": "Draft for IC"})
    seen = _while_saving(qtbot, writing, go_on, controller.undo_stack.undo)
    assert files.save()
    assert seen == [None]
    assert load(template_path).title == "Draft for IC"  # the file holds the edit
    assert controller.document.title == before  # the window no longer does
    assert controller.is_modified and window.isWindowModified()
    controller.undo_stack.redo()  # the version in the file again
    assert controller.document.title == "Draft for IC"


def test_an_edit_refused_while_the_file_is_written_leaves_it_saved(
    open_window, template_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    files, controller = window.files, window.controller
    writing, go_on, _writers = _held_save(monkeypatch, files)
    controller.edit_assessment({"title": "Draft for IC"})
    # Two parts, the second refused: the first is undone, the document as it was.
    refused = lambda: controller._grouped(  # noqa: E731
        "Edit", lambda: controller.edit_assessment({"subtitle": "Half"}) and False
    )
    seen = _while_saving(qtbot, writing, go_on, refused)
    assert files.save()
    assert seen == [False]
    assert controller.document.subtitle == load(template_path).subtitle
    assert not controller.is_modified  # nothing is left unsaved


def test_closing_while_the_file_is_written_closes_once_it_is(
    open_window, template_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    window.show()
    files = window.files
    writing, go_on, _writers = _held_save(monkeypatch, files)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: asked.append(text))
    window.controller.edit_assessment({"title": "Draft for IC"})
    seen = _while_saving(qtbot, writing, go_on, window.close)
    assert files.save()
    assert seen == [False]  # not closed while the file was being written
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert asked == []  # nothing unsaved was left to ask about
    assert load(template_path).title == "Draft for IC"


def test_save_as_is_not_started_while_a_save_runs(
    open_window, template_path, tmp_path, qtbot, monkeypatch, said_aloud
):
    window = open_window(template_path)
    files = window.files
    writing, go_on, writers = _held_save(monkeypatch, files)
    asked: list[str] = []

    def save_dialog(*_args, **_kwargs):
        asked.append("name")
        return str(tmp_path / "other.rrisk"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    window.controller.edit_assessment({"title": "Draft for IC"})
    seen = _while_saving(
        qtbot,
        writing,
        go_on,
        lambda: (files.save_as(), files.save(), window.statusBar().currentMessage()),
    )
    assert files.save()
    refusal = f"{template_path.name} is being saved; wait for it to end first"
    assert seen == [(False, False, refusal)]  # said, not started
    assert asked == []
    assert len(writers) == 1
    assert not (tmp_path / "other.rrisk").exists()
    assert said_aloud.count(refusal) == 2  # each refusal, to a screen reader too
    assert files.save_as() and asked == ["name"]  # once the save has ended
    assert load(tmp_path / "other.rrisk").title == "Draft for IC"


def test_quit_with_save_writes_the_file_before_the_window_closes(
    open_window, template_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    window.show()
    monkeypatch.setattr(
        QMessageBox, "warning", lambda *_a: QMessageBox.StandardButton.Save
    )  # Unsaved changes: Save
    window.controller.edit_assessment({"title": "Draft for IC"})
    window.quit_all()
    assert not window.isVisible()
    assert load(template_path).title == "Draft for IC"


def test_the_field_in_use_keeps_the_keys_while_the_progress_shows(
    open_window, template_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=10_000)
    window.matrix_view.select_cell("tomtor", "sanctions")
    field = window.inspector.rationale
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=10_000)
    writing, go_on, _writers = _held_save(monkeypatch, window.files)
    window.controller.edit_assessment({"title": "Draft for IC"})

    def look():
        progress = window.findChild(QProgressDialog, "saveProgress")
        qtbot.waitUntil(lambda: progress.isVisible(), timeout=10_000)
        # Keys typed meanwhile wait for the field, never for the progress window, which drops
        # them as it closes: it is shown without the focus (here the offscreen platform
        # activates every window shown, so what keeps a window manager from focusing it is
        # what can be seen).
        return (
            progress.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating),
            bool(progress.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus),
            progress.isModal(),
        )

    seen = _while_saving(qtbot, writing, go_on, look)
    assert window.files.save()
    assert seen == [(True, True, False)]
    qtbot.waitUntil(window.isActiveWindow, timeout=10_000)
    assert QApplication.focusWidget() is field


def test_items_in_the_file_keep_their_ids_when_a_change_came_during_the_save(
    open_window, template_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    files, controller = window.files, window.controller
    writing, go_on, _writers = _held_save(monkeypatch, files)
    assert controller.add_item("scenario", {"name": "New scenario"})
    seen = _while_saving(
        qtbot, writing, go_on, lambda: controller.edit_assessment({"subtitle": "Made meanwhile"})
    )
    assert files.save()
    assert seen == [True]
    assert "new-scenario" in [s.id for s in load(template_path).scenarios]
    assert controller.is_modified  # the subtitle is not in the file
    # The scenario is in the file now: renamed, it keeps the id the file knows it by.
    assert controller.edit_item("scenario", "new-scenario", {"name": "Rate shock"})
    assert [s.id for s in controller.document.scenarios][-1] == "new-scenario"


def test_a_window_brought_forward_during_the_save_keeps_the_front(
    open_window, template_path, qtbot, monkeypatch
):
    """A window the user went to meanwhile (another program's, a file handed over opening in
    a window of its own) stays in front: the saving window took the front back from it."""
    from PySide6.QtWidgets import QWidget

    window = open_window(template_path)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=10_000)
    writing, go_on, _writers = _held_save(monkeypatch, window.files)
    window.controller.edit_assessment({"title": "Draft for IC"})
    other = QWidget()
    qtbot.addWidget(other)

    def look():
        progress = window.findChild(QProgressDialog, "saveProgress")
        qtbot.waitUntil(lambda: progress.isVisible(), timeout=10_000)
        other.show()
        other.activateWindow()
        qtbot.waitUntil(other.isActiveWindow, timeout=10_000)
        return True

    seen = _while_saving(qtbot, writing, go_on, look)
    assert window.files.save()
    assert seen == [True]
    QApplication.processEvents()
    assert other.isActiveWindow()
    assert not window.isActiveWindow()


def test_a_close_asked_for_during_a_save_that_fails_waits_for_the_failure_to_be_said(
    open_window, template_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    window.show()
    files = window.files
    writing, go_on = threading.Event(), threading.Event()

    def failing_save(document, path, *args, **kwargs):
        if path != files.autosaver.file:
            writing.set()
            go_on.wait(10)
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(jobs.fileformat, "save", failing_save)
    said: list[str] = []

    def critical(_parent, _title, text, *_args):
        said.append("failure shown")
        qtbot.wait(50)  # the message box's own event loop runs until it is answered
        said.append("failure answered")

    monkeypatch.setattr(QMessageBox, "critical", critical)
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        lambda *_a: said.append("unsaved changes") or QMessageBox.StandardButton.Cancel,
    )
    window.controller.edit_assessment({"title": "Draft for IC"})
    seen = _while_saving(qtbot, writing, go_on, window.close)
    assert not files.save()
    assert seen == [False]
    qtbot.waitUntil(lambda: len(said) == 3, timeout=10_000)
    # The failure is said first, and only then is the close asked about (the changes are
    # still unsaved): not in a second box over the failure's, while it was still shown.
    assert said == ["failure shown", "failure answered", "unsaved changes"]
    assert window.isVisible()


def test_a_save_long_enough_for_its_progress_is_said_aloud_and_so_is_its_end(
    open_window, template_path, qtbot, monkeypatch, said_aloud
):
    window = open_window(template_path)
    window.show()
    writing, go_on, _writers = _held_save(monkeypatch, window.files)
    window.controller.edit_assessment({"title": "Draft for IC"})

    def look():
        progress = window.findChild(QProgressDialog, "saveProgress")
        qtbot.waitUntil(lambda: progress.isVisible(), timeout=10_000)
        return list(said_aloud)

    seen = _while_saving(qtbot, writing, go_on, look)
    assert window.files.save()
    # Shown without the focus, the progress window is not read as it appears.
    assert seen == [[f"Saving {template_path.name}…"]]
    assert said_aloud == [f"Saving {template_path.name}…", f"Saved {template_path.name}"]


def test_a_save_stopped_by_an_unexpected_error_is_said_and_the_window_keeps_the_changes(
    open_window, template_path, qtbot, monkeypatch, shown
):
    window = open_window(template_path)
    window.show()
    files, controller = window.files, window.controller
    write = jobs.fileformat.save

    def broken_save(document, path, *args, **kwargs):
        if path != files.autosaver.file:
            raise ValueError("an unforeseen failure")
        return write(document, path, *args, **kwargs)

    monkeypatch.setattr(jobs.fileformat, "save", broken_save)
    monkeypatch.setattr(
        QMessageBox, "warning", lambda *_a: QMessageBox.StandardButton.Save
    )  # closing: "Save the changes?" answered Save
    controller.edit_assessment({"title": "Draft for IC"})
    assert not window.close()
    # Said in words, as any failed save is; the window stays open with the edit unsaved (it
    # closed, the edit lost, as the error went past the close).
    assert shown == [
        f"<qt>{template_path}: could not be saved (ValueError: an unforeseen failure)<br><br>"
        "Your changes are kept here, not saved yet.</qt>"
    ]
    assert window.isVisible() and controller.is_modified
    assert load(template_path).title != "Draft for IC"
    monkeypatch.setattr(jobs.fileformat, "save", write)
    assert files.save()  # the next save works
    assert not controller.is_modified and load(template_path).title == "Draft for IC"
