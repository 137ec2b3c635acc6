"""A background job is released once it has ended, with the document snapshot it holds:
a job handed to the thread pool as itself stayed alive for good, and with it the closed
window its signals were connected to."""

from __future__ import annotations

import gc
import weakref

from desktop_documents import make_document
from PySide6.QtCore import QThreadPool

from desktop.analysis.sensitivity import SensitivityJob
from desktop.analysis.worker import MonteCarloJob
from desktop.files.jobs import BackgroundJob, start


class _Payload:
    pass


class _Job(BackgroundJob):
    def __init__(self) -> None:
        super().__init__()
        self.payload = _Payload()
        self.ran = False

    def work(self) -> None:
        self.ran = True


def _released(make, qtbot) -> bool:  # noqa: ANN001 - a factory of one job
    pool = QThreadPool()
    job = make()
    ended: list[bool] = []
    if hasattr(job, "signals") and hasattr(job.signals, "ended"):
        job.signals.ended.connect(lambda *_: ended.append(True))
    start(job, pool)
    assert pool.waitForDone(30_000)
    qtbot.wait(20)  # the queued signals
    ran = getattr(job, "ran", True)
    alive = weakref.ref(job)
    del job
    gc.collect()
    assert ran
    return alive() is None


def test_a_background_job_is_released_when_it_has_ended(qtbot) -> None:
    assert _released(_Job, qtbot)


def test_the_analysis_jobs_are_released_with_their_snapshots(qtbot) -> None:
    document = make_document(4, 3)
    assert _released(lambda: MonteCarloJob(document, None, 200, 1), qtbot)
    assert _released(lambda: SensitivityJob(document, None, 0), qtbot)
