"""A background job is released once its signals have arrived, with the document snapshot
it holds, and not before: a job handed to the thread pool as itself stayed alive for good
(and with it the closed window its signals were connected to), while one let go of in its
own thread took its signals object with it before they arrived."""

from __future__ import annotations

import gc
import weakref

from desktop_documents import make_document
from PySide6.QtCore import QObject, QThreadPool, Signal

from desktop.analysis.sensitivity import SensitivityJob
from desktop.analysis.worker import MonteCarloJob
from desktop.files.jobs import BackgroundJob, start


class _Signals(QObject):
    finished = Signal(object)


class _Job(BackgroundJob):
    def __init__(self) -> None:
        super().__init__()
        self.signals = _Signals()
        self.payload = bytearray(1_000_000)

    def work(self) -> None:
        self.signals.finished.emit("done")


class _Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.senders: list[QObject | None] = []

    def finished(self, _value: object) -> None:
        self.senders.append(self.sender())


def test_a_dropped_job_still_delivers_its_signals_from_itself_then_is_released(qtbot) -> None:
    """The owner lets go of the job as soon as it starts (a cancel does); its signal still
    arrives, naming the job's signals object as its sender, and then the job is released."""
    receiver = _Receiver()
    gone = []
    for _ in range(20):
        job = _Job()
        job.signals.finished.connect(receiver.finished)
        gone.append(weakref.ref(job))
        start(job)  # the global pool, as the app's jobs use
        del job
    assert QThreadPool.globalInstance().waitForDone(30_000)
    qtbot.waitUntil(lambda: len(receiver.senders) == 20, timeout=10_000)
    assert all(sender is not None for sender in receiver.senders)
    qtbot.wait(20)
    gc.collect()
    assert [ref() for ref in gone] == [None] * 20


def _analysis_job_released(make, qtbot) -> bool:  # noqa: ANN001 - a factory of one job
    pool = QThreadPool()
    job = make()
    start(job, pool)
    assert pool.waitForDone(30_000)
    qtbot.wait(20)  # the queued signals
    alive = weakref.ref(job)
    del job
    gc.collect()
    return alive() is None


def test_the_analysis_jobs_are_released_with_their_snapshots(qtbot) -> None:
    document = make_document(4, 3)
    assert _analysis_job_released(lambda: MonteCarloJob(document, None, 200, 1), qtbot)
    assert _analysis_job_released(lambda: SensitivityJob(document, None, 0), qtbot)
