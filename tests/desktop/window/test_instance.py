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
    qtbot.addWidget(second, before_close_func=lambda w: w.controller.undo_stack.setClean())
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
    qtbot.addWidget(second, before_close_func=lambda w: w.controller.undo_stack.setClean())
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
