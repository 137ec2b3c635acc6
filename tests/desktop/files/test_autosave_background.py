"""The timer's autosave writes its copy in a worker thread, and a save or close meanwhile
never leaves a recovery copy behind."""

from __future__ import annotations

import threading

from desktop.files import recovery
from rrisk.fileformat import load


def _copy_held_mid_write(window, monkeypatch, title: str) -> threading.Event:
    """Edit the title, and start the timer's copy, held once its writing has begun: returns
    the event that lets it go on. The user's own file is written as ever."""
    files = window.files
    writing, go_on = threading.Event(), threading.Event()
    write = recovery.fileformat.save

    def slow_save(document, path, *args, **kwargs):
        if path == files.autosaver.file:
            writing.set()
            go_on.wait(10)
        return write(document, path, *args, **kwargs)

    monkeypatch.setattr(recovery.fileformat, "save", slow_save)
    window.controller.edit_assessment({"title": title})
    assert files.autosave_in_background()
    assert writing.wait(10)
    return go_on


def test_the_timers_autosave_writes_the_copy_off_the_gui_thread(
    open_window, template_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    files = window.files
    assert not files.autosave_in_background()  # nothing unsaved: nothing to write
    writers: list[threading.Thread] = []
    write = recovery.fileformat.save

    def recording_save(*args, **kwargs):
        writers.append(threading.current_thread())
        return write(*args, **kwargs)

    monkeypatch.setattr(recovery.fileformat, "save", recording_save)
    window.matrix_view.select_cell("tomtor", "sanctions")
    window.inspector.likelihood.setValue(1)
    assert files.autosave_in_background()
    assert not files.autosave_in_background()  # one copy at a time
    qtbot.waitUntil(lambda: files._autosave_job is None, timeout=10_000)
    assert writers and writers[0] is not threading.main_thread()
    copy = files.autosaver.file
    assert load(copy).cell("tomtor", "sanctions").likelihood == 1
    # The next tick writes the state as it is then.
    window.inspector.likelihood.setValue(2)
    assert files.autosave_in_background()
    qtbot.waitUntil(lambda: files._autosave_job is None, timeout=10_000)
    assert load(copy).cell("tomtor", "sanctions").likelihood == 2


def test_a_save_while_the_copy_is_written_leaves_no_recovery_copy(
    open_window, template_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    files = window.files
    go_on = _copy_held_mid_write(window, monkeypatch, "Draft for IC")
    # Save waits for the copy being written, then removes it.
    threading.Timer(0.3, go_on.set).start()
    window.menu_actions.save.trigger()
    assert not window.isWindowModified()
    qtbot.waitUntil(lambda: files._autosave_job is None, timeout=10_000)
    assert not files.autosaver.file.exists()
    assert not files.autosaver.file.with_suffix(recovery.NOTE_SUFFIX).exists()
    assert not window.autosave_banner.isVisibleTo(window)


def test_a_copy_asked_for_before_a_discard_is_not_written_after_it(tmp_path, template_path):
    autosaver = recovery.Autosaver(tmp_path / "recovery")
    document = load(template_path)
    asked = autosaver.generation
    autosaver.discard()  # the document was saved before the worker came to write
    assert autosaver.save(document, template_path, {}, None, asked) is None
    assert not autosaver.file.exists()
    assert autosaver.save(document, template_path, {}, None, autosaver.generation) is None
    assert autosaver.file.exists()
    autosaver.discard()
    assert not autosaver.file.exists()


def test_a_copy_that_cannot_be_written_is_said_in_the_banner(
    open_window, template_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    files = window.files

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(recovery.fileformat, "save", full_disk)
    window.controller.edit_assessment({"title": "Draft for IC"})
    assert files.autosave_in_background()
    qtbot.waitUntil(lambda: files._autosave_job is None, timeout=10_000)
    assert window.autosave_banner.isVisibleTo(window)
    assert "No space left on device" in window.autosave_banner.text()


def test_the_copy_is_not_held_back_by_other_background_work(open_window, template_path, qtbot):
    """A memo export or a screening keeps the shared worker threads busy for minutes: the
    copy has a thread of its own, and is written on time meanwhile."""
    from PySide6.QtCore import QThreadPool

    from desktop.files import jobs

    class Busy(jobs.BackgroundJob):
        def __init__(self, until: threading.Event) -> None:
            super().__init__()
            self._until = until

        def work(self) -> None:
            self._until.wait(30)

    window = open_window(template_path)
    files = window.files
    window.controller.edit_assessment({"title": "Draft for IC"})
    release = threading.Event()
    try:
        for _ in range(QThreadPool.globalInstance().maxThreadCount()):
            jobs.start(Busy(release))
        assert files.autosave_in_background()
        qtbot.waitUntil(lambda: files._autosave_job is None, timeout=10_000)
        assert load(files.autosaver.file).title == "Draft for IC"
    finally:
        release.set()


def test_an_edit_made_while_the_copy_is_written_is_not_in_it(
    open_window, template_path, qtbot, monkeypatch
):
    """The copy is of the document as it was when the tick came (a snapshot): an edit made
    meanwhile is neither half in it nor lost (the document keeps it, the next tick writes it)."""
    window = open_window(template_path)
    files = window.files
    go_on = _copy_held_mid_write(window, monkeypatch, "First draft")
    window.controller.edit_assessment({"title": "Second draft"})
    go_on.set()
    qtbot.waitUntil(lambda: files._autosave_job is None, timeout=10_000)
    assert load(files.autosaver.file).title == "First draft"
    assert window.controller.document.title == "Second draft"
    assert files.autosave_in_background()
    qtbot.waitUntil(lambda: files._autosave_job is None, timeout=10_000)
    assert load(files.autosaver.file).title == "Second draft"


def test_a_copy_that_cannot_be_written_is_said_aloud_once(
    open_window, template_path, qtbot, monkeypatch, said_aloud
):
    """The banner appears without a word to a screen reader; failing again the same way at the
    next tick, it is not said again."""
    window = open_window(template_path)
    files = window.files

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(recovery.fileformat, "save", full_disk)
    window.controller.edit_assessment({"title": "Draft for IC"})
    for _tick in range(2):
        assert files.autosave_in_background()
        qtbot.waitUntil(lambda: files._autosave_job is None, timeout=10_000)
    assert said_aloud == [window.autosave_banner.text()]
    assert "No space left on device" in said_aloud[0]
