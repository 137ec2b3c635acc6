"""A window closed while its memo is built asks (it dropped the memo without a word): wait
for the memo and then close, stop it and close, or keep the window open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from desktop.files import jobs, memo_export
from desktop.ui import closing

WAIT_MS = 60_000


@pytest.fixture
def exporting(open_window, template_path, tmp_path, monkeypatch):
    """A window whose memo export to ``memo.pdf`` has started, its job held (not run) until
    the test runs it; returns (window, job, target, closes, asked, questions)."""
    window = open_window(template_path)
    target = tmp_path / "memo.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    held: list = []
    monkeypatch.setattr(memo_export, "start", held.append)
    window.menu_actions.export_memo.trigger()
    assert window.memo.running and len(held) == 1
    closes: list[bool] = []
    window.closed.connect(lambda: closes.append(True))
    asked: list[str] = []
    answer: list[str] = [closing.KEEP_OPEN]

    def ask(_window, unfinished):  # noqa: ANN001, ANN202
        asked.extend(job.doing.split("\n")[-1] for job in unfinished)
        return answer[0]

    monkeypatch.setattr(closing, "ask_close_while_running", ask)
    questions: list[str] = []  # "Open it now?" and any other question
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: questions.append(a[2]) or QMessageBox.Open
    )
    return window, held[0], target, closes, asked, answer, questions


def test_cancel_keeps_the_window_open_and_the_memo_going(exporting, qtbot):
    window, job, target, closes, asked, answer, questions = exporting
    answer[0] = closing.KEEP_OPEN
    assert not window.close()
    assert asked == [str(target)] and closes == [] and not job.cancelled
    with qtbot.waitSignal(window.memo.finished, timeout=WAIT_MS):
        QThreadPool.globalInstance().start(job)
    assert target.read_bytes().startswith(b"%PDF")
    assert closes == []  # not closed by the memo's end: the user chose to keep it open
    assert len(questions) == 1 and "Open it now?" in questions[0]


def test_close_when_written_closes_the_window_once_the_memo_is_written(exporting, qtbot):
    window, job, target, closes, asked, answer, questions = exporting
    answer[0] = closing.WAIT_THEN_CLOSE
    assert not window.close()
    assert closes == [] and not job.cancelled
    assert memo_export.CLOSES_AFTER in window.memo.progress.labelText()
    job.signals.progress.emit(40, "Setting page 2")  # each stage keeps saying it
    assert memo_export.CLOSES_AFTER in window.memo.progress.labelText()
    assert not window.close()  # asked again meanwhile: not asked twice
    assert len(asked) == 1
    with qtbot.waitSignal(window.closed, timeout=WAIT_MS):
        QThreadPool.globalInstance().start(job)
    assert target.read_bytes().startswith(b"%PDF")
    assert closes == [True]
    assert questions == []  # no "Open it now?" over a window closing


def test_a_memo_that_fails_while_the_close_waits_is_said_before_the_window_closes(
    exporting, qtbot, monkeypatch
):
    window, job, target, closes, asked, answer, questions = exporting
    answer[0] = closing.WAIT_THEN_CLOSE
    errors: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda *a, **k: errors.append(a[2]) or closes.append(False)
    )

    def full_disk(path, data):  # noqa: ANN001, ANN202 - the writer's own
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(jobs, "atomic_write_bytes", full_disk)
    assert not window.close()
    with qtbot.waitSignal(window.closed, timeout=WAIT_MS):
        QThreadPool.globalInstance().start(job)
    assert len(errors) == 1 and "No space left on device" in errors[0]
    assert closes == [False, True]  # said, then closed
    assert not target.exists()


def test_cancel_in_the_progress_while_the_close_waits_closes_the_window(exporting, qtbot):
    window, job, target, closes, asked, answer, questions = exporting
    answer[0] = closing.WAIT_THEN_CLOSE
    assert not window.close()
    window.memo.progress.findChild(QPushButton).click()
    with qtbot.waitSignal(window.closed, timeout=WAIT_MS):
        QThreadPool.globalInstance().start(job)
    assert not target.exists()


def test_stop_and_close_stops_the_memo_and_closes(exporting, qtbot):
    window, job, target, closes, asked, answer, questions = exporting
    answer[0] = closing.STOP_AND_CLOSE
    assert window.close()
    assert closes == [True] and job.cancelled
    with qtbot.waitSignal(job.signals.cancelled, timeout=WAIT_MS):
        QThreadPool.globalInstance().start(job)
    assert not target.exists() and questions == []


def test_an_export_already_cancelled_closes_without_a_question(exporting, qtbot):
    window, job, target, closes, asked, answer, questions = exporting
    window.memo.progress.findChild(QPushButton).click()
    assert window.close()
    assert asked == [] and closes == [True]
    QThreadPool.globalInstance().start(job)
    assert QThreadPool.globalInstance().waitForDone(WAIT_MS)


def test_the_question_names_the_memo_and_defaults_to_waiting(qtbot, monkeypatch, tmp_path):
    """The real box: its default button waits for the memo."""
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict = {}

    def exec_(box):  # noqa: ANN001, ANN202
        seen["text"] = box.text()
        seen["buttons"] = [button.text() for button in box.buttons()]
        box.defaultButton().click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    path = str(tmp_path / "memo.pdf")
    memo = memo_export.unfinished_memo(path)
    assert closing.ask_close_while_running(parent, [memo]) == closing.WAIT_THEN_CLOSE
    assert path in seen["text"]
    assert {"Close When Written", "Stop and Close"} <= set(seen["buttons"])


def _written_while_asked(exporting, qtbot, monkeypatch, answer):  # noqa: ANN001, ANN202
    """The memo is written while the close question is open, then ``answer`` is given."""
    window, job, target, closes, asked, _answer, questions = exporting

    def ask(_window, unfinished):  # noqa: ANN001, ANN202
        with qtbot.waitSignal(window.memo.finished, timeout=WAIT_MS):
            QThreadPool.globalInstance().start(job)
        assert questions == []  # no "Open it now?" over the close question
        return answer

    monkeypatch.setattr(closing, "ask_close_while_running", ask)
    closed = window.close()
    assert target.read_bytes().startswith(b"%PDF")
    return window, closed, closes, questions


def test_close_when_written_after_the_memo_was_written_meanwhile_closes_now(
    exporting, qtbot, monkeypatch
):
    window, closed, closes, questions = _written_while_asked(
        exporting, qtbot, monkeypatch, closing.WAIT_THEN_CLOSE
    )
    assert closed and closes == [True]
    assert not window.memo.closing_after  # no close left waiting for a later export
    assert questions == []  # no "Open it now?" over a closed window


def test_cancel_after_the_memo_was_written_meanwhile_keeps_nothing_waiting(
    exporting, qtbot, monkeypatch
):
    window, closed, closes, questions = _written_while_asked(
        exporting, qtbot, monkeypatch, closing.KEEP_OPEN
    )
    assert not closed and closes == [] and not window.memo.closing_after
    assert "memo.pdf" in window.statusBar().currentMessage()


def test_cancel_after_the_memo_was_written_meanwhile_then_offers_to_open_it(
    exporting, qtbot, monkeypatch
):
    """The window kept open, the memo's "Open it now?" held during the question is asked."""
    _window, closed, _closes, questions = _written_while_asked(
        exporting, qtbot, monkeypatch, closing.KEEP_OPEN
    )
    assert not closed
    assert len(questions) == 1 and "memo.pdf" in questions[0] and "Open it now?" in questions[0]


def test_a_memo_written_while_unsaved_changes_are_asked_about_is_offered_after_cancel(
    exporting, qtbot, monkeypatch
):
    """Close When Written, the memo written meanwhile, then "Save changes?" answered Cancel:
    the window stays open, and "Open it now?" comes after that question, not over it."""
    window, job, target, closes, asked, answer, questions = exporting
    assert window.controller.edit_assessment({"title": "Edited while the memo is built"})
    order: list[str] = []

    def ask(_window, unfinished):  # noqa: ANN001, ANN202
        with qtbot.waitSignal(window.memo.finished, timeout=WAIT_MS):
            QThreadPool.globalInstance().start(job)
        return closing.WAIT_THEN_CLOSE

    def unsaved(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        order.append("save changes?")
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(closing, "ask_close_while_running", ask)
    monkeypatch.setattr(QMessageBox, "warning", unsaved)
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: order.append(a[2]) or QMessageBox.StandardButton.Close,
    )
    assert not window.close()
    assert closes == [] and not window.memo.closing_after
    assert len(order) == 2 and order[0] == "save changes?" and "Open it now?" in order[1]
