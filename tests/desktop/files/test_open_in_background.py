"""A large file is read, checked and scored off the GUI thread, behind a progress dialog with
Cancel: the window shows it once read; Cancel, an error, a second Open or closing the window
meanwhile leave the window as it was."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from analysis_fixtures import synthetic
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton
from window_steps import crashed_copy

from desktop.document import controller as controller_module
from desktop.files import jobs, opening
from desktop.settings import Settings
from rrisk import fileformat
from rrisk.locks import lock_path

WAIT_MS = 60_000
"""How long a test waits for a read to end (a loaded machine is slow; no time is asserted)."""


@pytest.fixture
def large_path(tmp_path: Path) -> Path:
    """500 projects × 40 criteria: a file past the size opened in the background."""
    path = tmp_path / "large.rrisk"
    fileformat.save(synthetic(500, 40), path)
    assert path.stat().st_size >= opening.BACKGROUND_FROM_BYTES
    return path


@pytest.fixture
def held_read(monkeypatch, large_path):
    """Reading the large file waits until the test lets it go (``held_read.set()``): the
    open is under way meanwhile, whatever the machine's speed. Let go at the end in any case.
    (Other files, the template opened at once, are read as ever; ``held_read.paths`` are
    the files held; read in the GUI thread, as the start page reads a copy's title, they are
    read at once.)"""
    started, release = threading.Event(), threading.Event()
    read = fileformat.read_file
    release.paths = {large_path}  # type: ignore[attr-defined]

    def waiting(path, should_stop=None):  # noqa: ANN001, ANN202
        held = Path(path) in release.paths  # type: ignore[attr-defined]
        if held and threading.current_thread() is not threading.main_thread():
            started.set()
            release.wait(WAIT_MS / 1000)
        return read(path, should_stop)

    monkeypatch.setattr(fileformat, "read_file", waiting)
    release.started = started  # type: ignore[attr-defined]
    yield release
    release.set()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


def beside(path: Path) -> list[str]:
    """The files in ``path``'s folder (beside the test's settings): a lock or a temporary file
    of ``path`` would be among them."""
    return sorted(item.name for item in path.parent.iterdir() if item.name != "settings")


def ended(window) -> None:  # noqa: ANN001
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
    jobs.settle()


def test_a_large_file_opens_in_the_background_and_the_window_shows_it(
    open_window, template_path, large_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    scored_here: list[object] = []
    score = controller_module.score
    monkeypatch.setattr(
        controller_module, "score", lambda *args: scored_here.append(args) or score(*args)
    )
    assert window.files.open_path(large_path)
    # Started, not done: the window is free meanwhile, its document still the template.
    assert window.files.opening
    assert window.controller.path == template_path
    assert window.findChild(QProgressDialog, "openProgress") is not None
    qtbot.waitUntil(lambda: not window.files.opening, timeout=WAIT_MS)
    assert window.controller.path == large_path
    assert len(window.controller.document.projects) == 500
    assert window.matrix_view.model().rowCount() == 500
    assert window.windowTitle().startswith("large.rrisk")
    assert not window.isWindowModified()
    assert window.controller.undo_stack.count() == 0
    assert lock_path(large_path).exists() and not lock_path(template_path).exists()
    assert Settings().recent_files()[0] == str(large_path)
    # Scored in the background: the window did not score it again.
    assert scored_here == []


def test_the_command_lines_large_file_opens_once_read(large_path, open_window, qtbot):
    window = open_window(large_path)
    assert window.files.opening and not window.files.is_open
    assert window.stack.currentWidget().objectName() == "emptyPage"
    qtbot.waitUntil(lambda: window.files.is_open, timeout=WAIT_MS)
    assert window.stack.currentWidget() is window.workspace
    assert window.controller.path == large_path


def test_cancel_keeps_the_document_its_title_its_history_and_its_lock(
    open_window, template_path, large_path, held_read, qtbot
):
    window = open_window(template_path)
    window.controller.edit_assessment({"title": "Draft for IC"})
    title, steps = window.windowTitle(), window.controller.undo_stack.count()
    assert window.files.open_path(large_path, ask=False)
    qtbot.waitUntil(held_read.started.is_set, timeout=WAIT_MS)
    progress = window.findChild(QProgressDialog, "openProgress")
    progress.findChild(QPushButton).click()  # its Cancel
    assert not window.files.opening
    held_read.set()
    ended(window)
    qtbot.wait(10)  # (anything the cancelled job might still report, delivered)
    assert window.controller.path == template_path
    assert window.controller.document.title == "Draft for IC"
    assert window.windowTitle() == title and window.isWindowModified()
    assert window.controller.undo_stack.count() == steps
    assert window.controller.undo()
    assert lock_path(template_path).exists() and not lock_path(large_path).exists()
    assert str(large_path) not in Settings().recent_files()


def test_cancel_stops_the_read_at_its_next_stop_point(
    open_window, template_path, large_path, held_decoding, qtbot, monkeypatch
):
    from rrisk import scoring

    scored: list[object] = []
    score = scoring.score
    monkeypatch.setattr(scoring, "score", lambda *args: scored.append(args) or score(*args))
    window = open_window(template_path)
    folder = beside(large_path)
    assert window.files.open_path(large_path, ask=False)
    qtbot.waitUntil(held_decoding.started.is_set, timeout=WAIT_MS)
    window.findChild(QProgressDialog, "openProgress").findChild(QPushButton).click()
    assert not window.files.opening
    held_decoding.set()
    ended(window)
    qtbot.wait(10)  # (anything the cancelled job might still report, delivered)
    # Asked once unzipped (go on), then once decoded (stop): the document was neither
    # checked nor scored, the rest of the read never done.
    assert held_decoding.answers == [False, True]
    assert held_decoding.checked == [] and scored == []
    assert window.controller.path == template_path
    assert not lock_path(large_path).exists()
    assert str(large_path) not in Settings().recent_files()
    assert beside(large_path) == folder  # no lock, no temporary file left behind


def test_a_file_that_cannot_be_read_says_what_opening_it_at_once_says(
    open_window, template_path, tmp_path, shown, qtbot, monkeypatch
):
    broken = tmp_path / "broken.rrisk"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * opening.BACKGROUND_FROM_BYTES)
    window = open_window(template_path)
    with monkeypatch.context() as at_once:
        at_once.setattr(opening, "BACKGROUND_FROM_BYTES", 10**12)
        assert not window.files.open_path(broken)
    assert len(shown) == 1 and "not a zip container" in shown[0]
    assert window.files.open_path(broken)  # started
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=WAIT_MS)
    assert shown[1] == shown[0]
    assert not window.files.opening
    assert window.controller.path == template_path
    assert not lock_path(broken).exists()


def test_the_command_lines_unreadable_large_file_is_said_on_the_start_page(
    open_window, tmp_path, qtbot
):
    broken = tmp_path / "broken.rrisk"
    broken.write_bytes(b"\x00" * opening.BACKGROUND_FROM_BYTES)
    window = open_window(broken)
    qtbot.waitUntil(lambda: not window.files.opening, timeout=WAIT_MS)
    assert window.stack.currentWidget() is window.start_screen
    assert "The file could not be opened. " in window.start_screen.error.text()


def test_the_page_says_which_file_is_being_opened_at_launch(large_path, open_window, qtbot):
    window = open_window(large_path)
    assert window.stack.currentWidget().objectName() == "emptyPage"
    assert window.opening_label.text() == "Opening large.rrisk…"
    qtbot.waitUntil(lambda: window.files.is_open, timeout=WAIT_MS)
    assert window.opening_label.text() == ""


def test_opening_from_the_start_page_says_so_in_place_of_its_buttons(
    open_window, large_path, tmp_path, held_read, shown, qtbot
):
    window = open_window()
    assert window.stack.currentWidget() is window.start_screen
    assert window.files.open_path(large_path)
    page = window.stack.currentWidget()
    assert page.objectName() == "emptyPage"
    assert window.opening_label.text() == "Opening large.rrisk…"
    assert page.findChildren(QPushButton) == []  # nothing there starts another job
    # Cancelled: the start page again, the message gone.
    qtbot.waitUntil(held_read.started.is_set, timeout=WAIT_MS)
    window.findChild(QProgressDialog, "openProgress").findChild(QPushButton).click()
    assert window.stack.currentWidget() is window.start_screen
    assert window.opening_label.text() == ""
    # Failed: the start page again (the message box said why).
    broken = tmp_path / "broken.rrisk"
    broken.write_bytes(b"\x00" * opening.BACKGROUND_FROM_BYTES)
    assert window.files.open_path(broken)
    assert window.opening_label.text() == "Opening broken.rrisk…"
    qtbot.waitUntil(lambda: not window.files.opening, timeout=WAIT_MS)
    assert len(shown) == 1
    assert window.stack.currentWidget() is window.start_screen
    assert window.opening_label.text() == ""
    assert window.start_screen.error.text() == ""


def test_a_second_open_while_one_is_under_way_says_so(
    open_window, template_path, large_path, held_read, qtbot, monkeypatch
):
    window = open_window(template_path)
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: asked.append("open") or ("", "")
    )
    assert window.files.open_path(large_path)
    assert not window.files.open_dialog()
    assert asked == []
    assert "large.rrisk is being opened" in window.statusBar().currentMessage()
    assert not window.files.open_path(template_path)
    assert not window.files.new_document()
    held_read.set()
    qtbot.waitUntil(lambda: window.controller.path == large_path, timeout=WAIT_MS)


def test_quitting_during_an_open_ends_it_cleanly(
    open_window, template_path, large_path, held_read, qtbot
):
    window = open_window(template_path)
    assert window.files.open_path(large_path)
    qtbot.waitUntil(held_read.started.is_set, timeout=WAIT_MS)
    window.quit_all()
    assert not window.isVisible()
    assert not window.files.opening
    held_read.set()
    assert QThreadPool.globalInstance().waitForDone(WAIT_MS)  # no thread left running
    jobs.settle()
    assert not jobs.in_flight()
    qtbot.wait(10)
    assert window.controller.path == template_path
    assert not lock_path(large_path).exists() and not lock_path(template_path).exists()


def test_quitting_during_an_open_stops_the_read_at_its_next_stop_point(
    open_window, template_path, large_path, held_decoding, qtbot
):
    window = open_window(template_path)
    folder = beside(large_path)
    assert window.files.open_path(large_path)
    qtbot.waitUntil(held_decoding.started.is_set, timeout=WAIT_MS)
    window.quit_all()
    assert not window.isVisible()
    held_decoding.set()
    assert QThreadPool.globalInstance().waitForDone(WAIT_MS)  # no thread left running
    jobs.settle()
    assert not jobs.in_flight()
    assert held_decoding.answers == [False, True] and held_decoding.checked == []
    assert not lock_path(large_path).exists() and not lock_path(template_path).exists()
    assert str(large_path) not in Settings().recent_files()
    assert beside(large_path) == [name for name in folder if name != lock_path(template_path).name]


def test_an_edit_made_before_the_file_is_read_is_asked_about_first(
    open_window, template_path, large_path, held_read, qtbot, monkeypatch
):
    window = open_window(template_path)
    asked: list[str] = []

    def cancel(_parent, _title, text, *_args):  # noqa: ANN001, ANN202
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", cancel)
    assert window.files.open_path(large_path)
    window.controller.edit_assessment({"title": "Typed while it was read"})
    held_read.set()
    qtbot.waitUntil(lambda: not window.files.opening, timeout=WAIT_MS)
    assert len(asked) == 1 and "before opening another file" in asked[0]
    assert window.controller.path == template_path
    assert window.controller.document.title == "Typed while it was read"
    assert not lock_path(large_path).exists()


def test_a_file_being_opened_in_one_window_is_not_opened_in_another(
    open_window, template_path, large_path, held_read, qtbot
):
    first = open_window(template_path)
    second = open_window(template_path.with_name("other.rrisk"))  # the start page
    assert first.files.open_path(large_path)
    assert not second.files.open_path(large_path)  # the first window comes to the front
    assert not second.files.opening and not second.files.is_open
    held_read.set()
    qtbot.waitUntil(lambda: first.controller.path == large_path, timeout=WAIT_MS)


def test_a_window_opening_another_file_still_holds_its_own(
    open_window, template_path, large_path, held_read, qtbot
):
    first = open_window(template_path)
    second = open_window(template_path.with_name("other.rrisk"))  # the start page
    assert first.files.open_path(large_path)
    # The template is still open in the first window while it reads the large file.
    assert not second.files.open_path(template_path)
    assert not second.files.is_open
    held_read.set()
    qtbot.waitUntil(lambda: first.controller.path == large_path, timeout=WAIT_MS)


def test_an_autosave_discarded_on_opening_goes_once_the_file_is_open(
    open_window, large_path, answer_boxes, qtbot
):
    crashed = open_window(large_path)
    qtbot.waitUntil(lambda: crashed.files.is_open, timeout=WAIT_MS)
    crashed.controller.edit_assessment({"title": "Never saved"})
    assert crashed.files.autosave()
    crashed.hide()  # it stands for the crashed process: no window of this one holds the file
    autosaver = crashed.files.autosaver
    os.close(autosaver._owner)  # as the system does when a process dies: its lock goes
    autosaver._owner = None
    copy = autosaver.file
    window = open_window()
    seen = answer_boxes("Discard changes")
    assert window.files.open_path(large_path)
    assert len(seen) == 1 and window.files.opening
    assert copy.exists()  # kept until the file is open: it may be all there is
    qtbot.waitUntil(lambda: window.files.is_open, timeout=WAIT_MS)
    assert window.controller.document.title != "Never saved"
    assert not copy.exists()


def test_a_file_saved_again_while_it_was_read_is_said_changed_on_disk(
    open_window, template_path, large_path, qtbot, monkeypatch
):
    """The file is stamped as it was read, not as it is once shown: a colleague's save in
    between (the read takes seconds, the question about an edit made meanwhile as long as the
    user leaves it up) is not taken for the version shown, and Save asks before replacing it."""
    from rrisk import scoring

    window = open_window(template_path)
    score = scoring.score

    def saved_meanwhile(document, *args):  # noqa: ANN001, ANN202
        newer = fileformat.read_file(large_path).document
        newer.title = "Saved by a colleague meanwhile"
        fileformat.save(newer, large_path)
        return score(document, *args)

    monkeypatch.setattr(scoring, "score", saved_meanwhile)
    assert window.files.open_path(large_path)
    qtbot.waitUntil(lambda: not window.files.opening, timeout=WAIT_MS)
    monkeypatch.setattr(scoring, "score", score)
    assert window.controller.path == large_path
    assert window.controller.document.title != "Saved by a colleague meanwhile"
    assert window.files.changed_on_disk()


def large_crashed_copy(open_window, large_path: Path, qtbot) -> Path:  # noqa: ANN001
    """An autosaved copy of the large file (see :func:`crashed_copy`), large itself."""
    copy = crashed_copy(open_window, large_path, qtbot)
    assert copy.stat().st_size >= opening.BACKGROUND_FROM_BYTES
    return copy


def test_a_large_autosaved_copy_is_recovered_in_the_background(
    open_window, large_path, held_read, qtbot, monkeypatch
):
    held_read.paths.clear()  # (the large file is read at once, to be edited)
    copy = large_crashed_copy(open_window, large_path, qtbot)
    held_read.paths.add(copy)
    window = open_window()
    written_in: list[str] = []
    save = window.files.autosaver.save
    monkeypatch.setattr(
        window.files.autosaver,
        "save",
        lambda *args: written_in.append(threading.current_thread().name) or save(*args),
    )
    recovery = next(item for item in window.files.offered_recoveries() if item.file == copy)
    assert window.files.recover_offered(recovery)
    # Started, not done: the start page stays meanwhile, the copy on disk.
    assert window.files.opening and not window.files.is_open
    assert window.findChild(QProgressDialog, "openProgress") is not None
    assert not window.files.open_path(large_path)  # it is being opened here
    assert "The autosaved copy of large.rrisk is being opened" in (
        window.statusBar().currentMessage()
    )
    held_read.set()
    qtbot.waitUntil(lambda: window.files.is_open, timeout=WAIT_MS)
    assert window.controller.path == large_path
    assert window.controller.document.title == "Never saved"
    assert window.isWindowModified()
    assert window.matrix_view.model().rowCount() == 500
    assert not copy.exists()
    # This window's own copy of the recovered work is written, also off the GUI thread.
    qtbot.waitUntil(window.files.autosaver.file.exists, timeout=WAIT_MS)
    assert written_in and threading.main_thread().name not in written_in


def test_cancel_while_a_copy_is_recovered_keeps_the_window_and_the_copy(
    open_window, template_path, large_path, held_read, answer_boxes, qtbot
):
    held_read.paths.clear()  # (the large file is read at once, to be edited)
    copy = large_crashed_copy(open_window, large_path, qtbot)
    held_read.paths.add(copy)
    window = open_window(template_path)
    window.controller.edit_assessment({"title": "Draft for IC"})
    seen = answer_boxes("Restore changes")  # the prompt on opening a file with a copy
    assert window.files.open_path(large_path, ask=False)
    assert len(seen) == 1 and window.files.opening
    qtbot.waitUntil(held_read.started.is_set, timeout=WAIT_MS)
    window.findChild(QProgressDialog, "openProgress").findChild(QPushButton).click()
    assert not window.files.opening
    held_read.set()
    ended(window)
    qtbot.wait(10)  # (anything the cancelled job might still report, delivered)
    assert window.controller.path == template_path
    assert window.controller.document.title == "Draft for IC"
    assert lock_path(template_path).exists() and not lock_path(large_path).exists()
    assert copy.exists()
    assert copy in [item.file for item in window.files.offered_recoveries()]


def test_save_while_a_file_is_being_opened_is_refused_with_a_word(
    open_window, template_path, large_path, held_read, qtbot
):
    window = open_window(template_path)
    window.controller.edit_assessment({"title": "Draft for IC"})
    saved = template_path.read_bytes()
    assert window.files.open_path(large_path, ask=False)
    window.menu_actions.save.trigger()
    # Not saved: the document the file replaces in a moment stays as it was on disk.
    assert template_path.read_bytes() == saved
    assert window.isWindowModified()
    assert "large.rrisk is being opened" in window.statusBar().currentMessage()
    held_read.set()
    qtbot.waitUntil(lambda: window.controller.path == large_path, timeout=WAIT_MS)


def test_matrix_import_and_memo_export_while_a_file_is_being_opened_are_refused(
    open_window, template_path, large_path, held_read, qtbot, monkeypatch
):
    window = open_window(template_path)
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: asked.append("import") or ("", "")
    )
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: asked.append("export") or ("", "")
    )
    assert window.files.open_path(large_path)
    for action in (window.menu_actions.import_matrix, window.menu_actions.export_memo):
        window.statusBar().clearMessage()
        action.trigger()
        assert "large.rrisk is being opened" in window.statusBar().currentMessage()
    assert asked == []
    held_read.set()
    qtbot.waitUntil(lambda: window.controller.path == large_path, timeout=WAIT_MS)
    window.menu_actions.import_matrix.trigger()  # once open, as ever
    assert asked == ["import"]
