"""Python's cyclic collector never runs in a worker thread: while a job runs, automatic
collection is held, and the collections that fall due run in the GUI thread. (Run in a
worker, the collector freed a closed window's widgets there, and the process crashed now and
then with a segmentation fault.)"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, QThreadPool, Signal

from desktop.files import jobs
from rrisk import collector


class _Signals(QObject):
    finished = Signal(object)


class _Cyclic:
    """Cyclic garbage that notes the thread it is freed in."""

    freed_in: list[threading.Thread] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cyclic.freed_in.append(threading.current_thread())


class _Allocating(jobs.BackgroundJob):
    """Makes cyclic garbage and then allocates far past the collector's thresholds, as a
    memo or a screening does, until told to stop."""

    def __init__(self, stop: threading.Event) -> None:
        super().__init__()
        self.signals = _Signals()
        self._stop = stop
        self.collections_seen = 0

    def work(self) -> None:
        before = gc.get_stats()[0]["collections"]
        for _ in range(50):
            _Cyclic()
        while not self._stop.is_set():
            kept = [[] for _ in range(5_000)]  # past any threshold, many times over
            del kept
        self.collections_seen = gc.get_stats()[0]["collections"] - before
        self.signals.finished.emit("done")


def test_collection_is_held_while_a_job_runs_and_runs_in_the_gui_thread(qtbot) -> None:
    assert gc.isenabled() and not collector.held()
    _Cyclic.freed_in.clear()
    stop = threading.Event()
    job = _Allocating(stop)
    with qtbot.waitSignal(job.signals.finished, timeout=30_000):
        jobs.start(job)
        assert not gc.isenabled()  # held from the start
        qtbot.waitUntil(lambda: len(_Cyclic.freed_in) >= 50, timeout=10_000)  # the GUI's timer
        stop.set()
    QThreadPool.globalInstance().waitForDone(10_000)
    assert set(_Cyclic.freed_in) == {threading.main_thread()}
    assert job.collections_seen > 0  # collections ran meanwhile: in the GUI thread
    qtbot.waitUntil(lambda: not collector.held(), timeout=5_000)  # released with the job
    assert gc.isenabled()


def test_two_jobs_hold_it_until_the_last_ends(qtbot) -> None:
    first, second = threading.Event(), threading.Event()
    one, two = _Allocating(first), _Allocating(second)
    jobs.start(one)
    jobs.start(two)
    first.set()
    qtbot.waitUntil(lambda: id(one) not in jobs._RUNNING, timeout=10_000)
    assert not gc.isenabled()  # the second still runs
    second.set()
    QThreadPool.globalInstance().waitForDone(10_000)
    jobs.settle()
    assert gc.isenabled() and not collector.held()
