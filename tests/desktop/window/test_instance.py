"""A second launch hands its file to the running window (QLocalServer), never a second copy."""

from __future__ import annotations

import uuid

from desktop.window.instance import InstanceServer, hand_over


def _name() -> str:
    return f"rrisk-test-{uuid.uuid4().hex[:12]}"


def test_a_second_launch_hands_its_file_over_and_show_comes_to_the_front(qtbot, tmp_path):
    opened: list[str] = []
    shown: list[bool] = []
    name = _name()
    server = InstanceServer(opened.append, lambda: shown.append(True), name=name)
    assert server.listening
    target = tmp_path / "Документы" / "case one.rrisk"
    assert hand_over(str(target), name)
    qtbot.waitUntil(lambda: opened == [str(target)], timeout=3000)
    assert hand_over(None, name)
    qtbot.waitUntil(lambda: shown == [True], timeout=3000)
    server.close()
    assert not hand_over(str(target), name)  # nobody listening: this launch starts the app


def test_nobody_running_means_no_hand_over(qtbot):
    assert not hand_over("/tmp/x.rrisk", _name())


def test_a_stale_socket_is_taken_over(qtbot):
    name = _name()
    first = InstanceServer(lambda _p: None, lambda: None, name=name)
    assert first.listening
    # A crashed instance: its server object is gone but the name may still be taken.
    first.deleteLater()
    qtbot.wait(10)
    second = InstanceServer(lambda _p: None, lambda: None, name=name)
    assert second.listening
    second.close()


def test_the_window_opens_a_handed_file(open_window, template_path, qtbot):
    window = open_window()
    window.open_handed_file(str(template_path))
    assert window.controller.path == template_path


def test_two_handed_files_give_two_windows_in_one_process(
    open_window, template_path, tmp_path, qtbot
):
    from desktop.app import HandedFiles

    other = tmp_path / "other.rrisk"
    other.write_bytes(template_path.read_bytes())
    first = open_window()  # on the start page
    handed = HandedFiles(first)
    assert handed.open(str(template_path)) is first  # the idle window takes the first file
    assert first.controller.path == template_path
    second = handed.open(str(other))
    open_window.keep(second)
    assert second is not first and second.isVisible()
    assert second.controller.path == other
    assert handed.windows == [first, second]


def test_a_file_already_open_is_not_opened_in_a_second_window(
    open_window, template_path, tmp_path, qtbot
):
    from desktop.app import HandedFiles

    other = tmp_path / "other.rrisk"
    other.write_bytes(template_path.read_bytes())
    first = open_window(template_path)
    handed = HandedFiles(first)
    second = handed.open(str(other))
    open_window.keep(second)
    # Handed again (a double-click in the file manager): the window that has it comes to the
    # front; no second window edits the same file.
    assert handed.open(str(template_path)) is first
    assert handed.open(str(tmp_path / "." / "other.rrisk")) is second
    assert handed.windows == [first, second]


def test_file_open_events_before_the_window_are_queued_then_opened(qtbot, tmp_path):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFileOpenEvent

    from desktop.window.instance import FileOpenEvents

    app = QCoreApplication.instance()
    events = FileOpenEvents()
    app.installEventFilter(events)
    try:
        first, second = str(tmp_path / "a.rrisk"), str(tmp_path / "b.rrisk")
        QCoreApplication.sendEvent(app, QFileOpenEvent(first))
        assert events.pending == [first]
        opened: list[str] = []
        events.deliver_to(opened.append)
        assert opened == [first] and events.pending == []
        QCoreApplication.sendEvent(app, QFileOpenEvent(second))
        assert opened == [first, second]
    finally:
        app.removeEventFilter(events)


def test_closing_a_window_stops_its_monte_carlo(open_window, template_path, qtbot):
    window = open_window(template_path)
    panel = window.analysis_panel
    panel.runs_spin.setValue(panel.runs_spin.maximum())
    panel.run_analysis()
    assert panel.is_running
    window.controller.undo_stack.setClean()
    assert window.close()
    assert panel._pool.activeThreadCount() == 0  # stopped and joined, not left to finish


def test_a_later_launch_never_brings_back_a_closed_window(open_window, template_path, qtbot):
    """Closed with Discard, a window is hidden, not gone: a launch without a file brought it
    back, holding the discarded edits, without its lock or autosave."""
    from desktop.app import HandedFiles

    first = open_window(template_path)
    handed = HandedFiles(first)
    second = handed.open(str(template_path.with_name("other.rrisk")))  # a start page window
    open_window.keep(second)
    first.controller.edit_assessment({"title": "Discarded"})
    first.controller.undo_stack.setClean()  # as Discard leaves it, for the close below
    first.close()
    assert not first.isVisible()
    handed.show()
    assert not first.isVisible()
    assert second.isVisible()
    assert handed.windows == [second]


def test_the_message_carries_any_file_name_whole():
    from desktop.window.instance import message_for, read_message

    for name in ("ends with a space ", "two\nlines", 'Документы/case "one".rrisk', "tab\there"):
        line = message_for(f"/tmp/{name}")
        assert line.count(b"\n") == 1 and line.endswith(b"\n")
        assert read_message(line) == ("open", f"/tmp/{name}")
    assert read_message(b"open /tmp/older form.rrisk\n") == ("open", "/tmp/older form.rrisk")
    assert read_message(b"show\n") == ("show", "")
    assert read_message(b'open "not closed\n') is None
    assert read_message(b"delete everything\n") is None


def test_a_running_app_that_does_not_answer_is_not_taken_for_one_that_did(qtbot):
    """A hung (or stopped) app accepts the connection but never reads: the launch must not
    take the file as handed over (it opened nowhere), nor take the hung app's name."""
    from PySide6.QtNetwork import QLocalServer

    name = _name()
    hung = QLocalServer()
    assert hung.listen(name)  # accepts, never reads nor answers
    try:
        assert not hand_over("/tmp/case.rrisk", name, answer_ms=300)
        second = InstanceServer(lambda _p: None, lambda: None, name=name)
        assert not second.listening  # the hung app keeps its name
        assert hung.isListening()
    finally:
        hung.close()


def test_two_launches_at_once_give_one_listener(qtbot):
    """The second of two launches started together finds the name taken by the first and
    hands its file over, instead of removing the first one's socket and listening beside it."""
    opened: list[str] = []
    name = _name()
    first = InstanceServer(opened.append, lambda: None, name=name)
    second = InstanceServer(lambda _p: None, lambda: None, name=name)
    assert first.listening and not second.listening
    assert hand_over("/tmp/second.rrisk", name)
    qtbot.waitUntil(lambda: opened == ["/tmp/second.rrisk"], timeout=3000)
    first.close()


def test_a_file_address_is_the_file_it_names():
    from desktop.app import local_path

    assert local_path("file:///tmp/a%20b/%D0%94.rrisk") == "/tmp/a b/Д.rrisk"
    assert local_path("/tmp/plain.rrisk") == "/tmp/plain.rrisk"
    assert local_path("relative/file.rrisk") == "relative/file.rrisk"


def test_a_name_that_is_not_utf8_is_carried(qtbot):
    import os

    from desktop.window.instance import message_for, read_message

    path = os.fsdecode(b"/tmp/caf\xe9 report.rrisk")  # Latin-1 bytes on a UTF-8 system
    line = message_for(path)
    assert line.isascii()
    assert read_message(line) == ("open", path)


def test_the_message_of_a_launch_that_gave_up_is_dropped(qtbot):
    """A launch that waited in vain (the app was busy) opens the file itself: the app, once
    free, must not open it as well."""
    from PySide6.QtNetwork import QLocalSocket

    from desktop.window.instance import message_for

    opened: list[str] = []
    name = _name()
    server = InstanceServer(opened.append, lambda: None, name=name)
    socket = QLocalSocket()
    socket.connectToServer(name)
    assert socket.waitForConnected(1000)
    socket.write(message_for("/tmp/gave-up.rrisk"))
    socket.flush()
    socket.waitForBytesWritten(1000)
    socket.abort()  # gone before the app read the line
    qtbot.wait(200)
    assert opened == []
    assert hand_over("/tmp/waited.rrisk", name)  # one that waits is served
    qtbot.waitUntil(lambda: opened == ["/tmp/waited.rrisk"], timeout=3000)
    server.close()


def test_a_silent_app_is_asked_once_for_all_the_files(monkeypatch):
    from desktop import app
    from desktop.window import instance

    asked: list[str | None] = []
    monkeypatch.setattr(instance, "send", lambda path, *a: asked.append(path) or instance.SILENT)
    kept, answers = app._hand_over_all(["/tmp/a.rrisk", "/tmp/b.rrisk", "/tmp/c.rrisk"])
    assert asked == ["/tmp/a.rrisk"]
    assert kept == ["/tmp/a.rrisk", "/tmp/b.rrisk", "/tmp/c.rrisk"]
    assert answers == {instance.SILENT}


def test_only_a_file_address_is_read_as_one():
    from desktop.app import local_path

    assert local_path("file:case #2.rrisk") == "file:case #2.rrisk"


def test_a_closed_window_is_let_go_of_with_its_document(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    """Each window closed kept its document, undo history and views to the end of the app;
    one whose memo export is still stopping is let go of once the job has reported."""
    import gc
    import threading
    import weakref

    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QFileDialog
    from shiboken6 import isValid

    from desktop.app import HandedFiles
    from desktop.files import jobs, memo_export
    from desktop.ui import closing

    other = tmp_path / "other.rrisk"
    other.write_bytes(template_path.read_bytes())
    first = open_window(template_path)
    handed = HandedFiles(first)
    second = handed.open(str(other))  # (closed by the test itself)
    document = weakref.ref(second.controller.document)
    # A memo export under way in it, its job not yet run.
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "m.pdf"), "")
    )
    # Its job queued behind another in a pool of one thread, so it runs when the test says.
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    gate = threading.Event()
    pool.start(gate.wait)
    try:
        monkeypatch.setattr(memo_export, "start", lambda job: jobs.start(job, pool))
        # Asked whether to wait for the memo, the user stops it and closes.
        monkeypatch.setattr(closing, "ask_close_while_running", lambda *a: closing.STOP_AND_CLOSE)
        second.menu_actions.export_memo.trigger()
        assert jobs.in_flight()
        assert second.close()
        assert handed.windows == [first]
        qtbot.wait(300)
        assert isValid(second)  # the job has not reported yet: the window waits for it
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not jobs.in_flight(), timeout=60_000)
    pool.waitForDone()
    qtbot.waitUntil(lambda: not isValid(second), timeout=5_000)
    second = None
    gc.collect()
    assert document() is None
    # The first window goes on, and a file handed later opens in a window of its own.
    third = handed.open(str(other))
    open_window.keep(third)
    assert third is not first and third.controller.path == other
    assert handed.windows == [first, third]


def test_a_handed_file_whose_restore_question_is_cancelled_leaves_no_window_behind(
    open_window, template_path, document_path, answer_boxes, qtbot
):
    """A file with an autosaved copy handed over while a window is open: Cancel in the
    question about the copy leaves the file unopened and the copy kept, as Open does, and no
    empty window on the start page beside the user's own."""
    from PySide6.QtWidgets import QApplication
    from window_steps import crashed_copy

    from desktop.app import HandedFiles
    from desktop.window.main_window import MainWindow

    copy = crashed_copy(open_window, template_path, qtbot)
    first = open_window(document_path)
    handed = HandedFiles(first)
    asked = answer_boxes("Cancel")
    opened = handed.open(str(template_path))
    assert len(asked) == 1 and "never saved" in asked[0]
    shown = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]
    assert shown == [first]
    assert opened is None and handed.windows == [first]
    assert copy.exists()
