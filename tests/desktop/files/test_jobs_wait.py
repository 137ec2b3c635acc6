"""A job the window waits for as for a call that returns (the save, the check before a memo):
:func:`desktop.files.jobs.wait_for` ends with the job's run, at Cancel, or when the window
closes, whatever the job sent or failed to send."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from desktop.files import jobs
from desktop.ui.busy import progress_dialog

SAFETY_MS = 20_000
"""A wait that does not end by itself is cancelled then, so a broken wait fails, not hangs
(by a timer of the wait's progress dialog, which goes with it: a timer of its own fired 20 s
later, in whichever test ran then, at a dialog deleted meanwhile, "Signal source has been
deleted" failing that test)."""


class _Signals(QObject):
    result = Signal(object)


class _Job(jobs.BackgroundJob):
    """Sends ``value`` once let go (or raises it, if an exception), or stops once cancelled."""

    def __init__(self, value: object = None) -> None:
        super().__init__()
        self.signals = _Signals()
        self.value = value
        self.go_on = threading.Event()
        self.began = threading.Event()

    def work(self) -> None:
        self.began.set()
        while not self.go_on.wait(0.01):
            if self.cancelled:
                return
        if isinstance(self.value, Exception):
            raise self.value
        self.signals.result.emit(self.value)


def _when_begun(job: _Job, then) -> None:
    """Run ``then`` in the waiting loop once the job's work has begun."""

    def check() -> None:
        if job.began.is_set():
            then()
        else:
            QTimer.singleShot(5, check)

    QTimer.singleShot(0, check)


@pytest.fixture
def window(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _safe_progress(window: QWidget):
    progress = progress_dialog(window, "Working…", "Job")
    safety = QTimer(progress)  # deleted with the dialog, never fired after it
    safety.setSingleShot(True)
    safety.timeout.connect(progress.canceled)
    safety.start(SAFETY_MS)
    return progress


def test_the_wait_ends_with_the_job_and_its_signals_arrived_first(window):
    job = _Job("hits")
    got: list = []
    job.signals.result.connect(got.append)
    _when_begun(job, job.go_on.set)
    assert jobs.wait_for(job, progress=_safe_progress(window), window=window) == "ended"
    assert got == ["hits"]
    assert not job.cancelled


@pytest.mark.qt_no_exception_capture
def test_a_job_that_raises_ends_the_wait(window):
    job = _Job(RuntimeError("broken"))
    _when_begun(job, job.go_on.set)
    assert jobs.wait_for(job, progress=_safe_progress(window)) == "ended"
    assert not job.cancelled


def test_cancel_cancels_the_job_and_ends_the_wait_at_once(window):
    job = _Job("late")
    got: list = []
    job.signals.result.connect(got.append)
    progress = _safe_progress(window)
    _when_begun(job, progress.canceled.emit)  # its Cancel pressed
    assert jobs.wait_for(job, progress=progress, window=window) == "cancelled"
    assert job.cancelled
    progress.close()  # closing it afterwards cancels nothing more, and ends no other wait
    assert got == []


def test_the_window_closed_meanwhile_cancels_the_job_and_ends_the_wait(window, qtbot):
    job = _Job("late")
    _when_begun(job, window.close)
    assert jobs.wait_for(job, progress=_safe_progress(window), window=window) == "closed"
    assert job.cancelled
    # The window's watch goes with the wait: nothing of it is left on the window.
    qtbot.waitUntil(lambda: not window.findChildren(jobs._Closing), timeout=5000)


def test_a_job_ended_before_the_wait_begins_ends_it_at_once(window, monkeypatch):
    job = _Job("quick")
    job.go_on.set()
    got: list = []
    job.signals.result.connect(got.append)
    started = jobs.start

    def start_and_end(job, pool=None) -> None:  # its run over before the wait goes on
        started(job, pool)
        pool.waitForDone()

    monkeypatch.setattr(jobs, "start", start_and_end)
    assert jobs.wait_for(job, jobs.QThreadPool(), progress=_safe_progress(window)) == "ended"
    assert got == ["quick"]


def test_a_wait_ended_from_outside_cancels_the_job(window, monkeypatch):
    """The application quitting ends every event loop: the job is cancelled then, not left
    screening a large list to its end while the application's end waits for it."""

    class _EndedFromOutside(jobs.QEventLoop):
        def exec(self, *_flags) -> int:  # as when the application quits meanwhile
            return 0

    monkeypatch.setattr(jobs, "QEventLoop", _EndedFromOutside)
    job = _Job("late")
    try:
        assert jobs.wait_for(job, progress=_safe_progress(window), window=window) == "stopped"
        assert job.cancelled
    finally:
        job.go_on.set()  # (a job left running would hold the tests after this one)
        jobs.QThreadPool.globalInstance().waitForDone()


def test_a_window_closed_after_the_job_ended_but_before_the_wait_returned_is_said(window):
    """The job ends while a loop nested in the wait runs (the window's "Save changes?" asked
    as it closes), then the window closes: what waited is told it closed, and shows nothing
    over the closed window."""
    job = _Job("hits")
    got: list = []
    job.signals.result.connect(got.append)

    def asked_then_closed() -> None:
        nested = jobs.QEventLoop()

        def poll() -> None:
            if hasattr(job, "signals"):  # let go of once its signals have arrived
                QTimer.singleShot(5, poll)
            else:
                nested.quit()

        job.go_on.set()
        QTimer.singleShot(0, poll)
        nested.exec()
        window.close()

    _when_begun(job, asked_then_closed)
    assert jobs.wait_for(job, progress=_safe_progress(window), window=window) == "closed"
    assert got == ["hits"]
