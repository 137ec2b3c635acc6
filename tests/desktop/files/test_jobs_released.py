"""A background job lets go of what it holds once its signals have arrived: its document
snapshot and its signals object, whose connections held the window that started it. Not
before: its receivers tell a current job's result by the sender, which must still be there
(a cancelled screening's report was taken for the next document's)."""

from __future__ import annotations

import gc
import weakref

from desktop_documents import make_document
from PySide6.QtCore import QObject, QThreadPool, Signal

from desktop.analysis.sensitivity import SensitivityJob
from desktop.analysis.worker import MonteCarloJob
from desktop.files.jobs import BackgroundJob, start


class _Snapshot:
    """Stands for a document snapshot (weakly referenceable)."""


class _Signals(QObject):
    finished = Signal(object)


class _Job(BackgroundJob):
    def __init__(self) -> None:
        super().__init__()
        self.signals = _Signals()
        self._document = _Snapshot()

    def work(self) -> None:
        self.signals.finished.emit("done")


class _Receiver(QObject):
    """Stands for the window's part that waits for the job."""

    def __init__(self) -> None:
        super().__init__()
        self.senders: list[QObject | None] = []

    def finished(self, _value: object) -> None:
        self.senders.append(self.sender())


def test_a_dropped_job_delivers_its_signals_then_lets_go_of_its_snapshot_and_window(
    qtbot,
) -> None:
    receivers = [_Receiver()]  # the window's part, let go of at the end
    snapshots = []
    for _ in range(20):
        job = _Job()
        job.signals.finished.connect(receivers[0].finished)
        snapshots.append(weakref.ref(job._document))
        start(job)  # the global pool, as the app's jobs use
        del job  # the owner lets go at once (a cancel does)
    assert QThreadPool.globalInstance().waitForDone(30_000)
    senders = receivers[0].senders
    qtbot.waitUntil(lambda: len(senders) == 20, timeout=10_000)
    assert all(sender is not None for sender in senders)
    qtbot.wait(20)  # the releases, queued behind the signals
    gc.collect()
    assert [ref() for ref in snapshots] == [None] * 20
    window = weakref.ref(receivers[0])
    receivers.clear()
    gc.collect()
    assert window() is None  # no job's connection holds it


def _let_go(job, qtbot) -> bool:  # noqa: ANN001 - an analysis job
    pool = QThreadPool()
    start(job, pool)
    assert pool.waitForDone(30_000)
    qtbot.wait(20)  # the queued signals, then the release
    return job.document is None and not hasattr(job, "signals")


def test_the_analysis_jobs_let_go_of_their_snapshots_and_signals(qtbot) -> None:
    document = make_document(4, 3)
    assert _let_go(MonteCarloJob(document, None, 200, 1), qtbot)
    assert _let_go(SensitivityJob(document, None, 0), qtbot)
