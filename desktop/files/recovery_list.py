"""The autosaved copies a window's start page offers, a large copy's title read off the GUI
thread.

A copy left by a crash is read to give its title and to tell a damaged copy; a large one
(2,000 × 40: ~1.9 s) is listed at once by its file's name, "reading the copy…", and read by a
:class:`TitleJob`; its title takes that line's place once read, and a copy found damaged then
leaves this list for the start page's damaged copies
(:func:`~desktop.files.recovery.find_damaged`), as a small damaged copy does. Recover and Discard work on a
copy still being read (its recovery reads it again, in the background with Cancel).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.files.jobs import BackgroundJob
from desktop.files.jobs import start as start_job
from desktop.files.recovery import Recovery, read_title, settled


class _RecoveryOffers(QObject):
    changed = Signal()
    """A copy was recovered or discarded in some window: every start page lists again."""


_offers: _RecoveryOffers | None = None


def recovery_offers_signal() -> _RecoveryOffers:
    """The process's one notifier of copies recovered or discarded (made on first use): a
    start page in another window went on listing a copy that was gone."""
    global _offers
    if _offers is None:
        _offers = _RecoveryOffers()
    return _offers


class TitleSignals(QObject):
    read = Signal(object)
    """The job's key (its ``id``): one more copy was read (see :func:`settled`)."""
    finished = Signal(object)
    """The job's key: every copy it was given was read."""


class TitleJob(BackgroundJob):
    """Reads autosaved copies one by one (:func:`~desktop.files.recovery.read_title`), each
    said as it is read; cancelled, it stops reading at the reader's next stop point
    (:mod:`rrisk.stopping`), reads no other, and says nothing more."""

    def __init__(self, files: list[Path]) -> None:
        super().__init__()
        self.signals = TitleSignals()
        self.files = list(files)

    def work(self) -> None:
        key = id(self)
        for file in self.files:
            if self._cancel.is_set():
                return
            read_title(file, self._cancel.is_set)
            if not self._cancel.is_set():
                self.signals.read.emit(key)
        if not self._cancel.is_set():
            self.signals.finished.emit(key)


class RecoveryList(QObject):
    """The copies on offer (:attr:`recoveries`, in the start page's order), and the job that
    reads those not read yet; :attr:`changed` once one is (its title known, or left out)."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.recoveries: list[Recovery] = []
        self._job: TitleJob | None = None

    def set(self, recoveries: list[Recovery]) -> None:
        """Offer ``recoveries`` (listed again from disk); the copies still to be read are read
        once :meth:`read` is asked for."""
        self.recoveries = list(recoveries)

    def read(self) -> None:
        """Read the copies not read yet, in the background (one job at a time: the next starts
        when it ends, for the copies listed meanwhile)."""
        waiting = [recovery.file for recovery in self.recoveries if recovery.reading]
        if self._job is not None or not waiting:
            return
        job = TitleJob(waiting)
        job.signals.read.connect(self._read)
        job.signals.finished.connect(self._finished)
        self._job = job
        start_job(job)

    def stop(self) -> None:
        """Stop reading (the window closes): the job ends part-way through the copy it
        reads, silent."""
        if self._job is not None:
            self._job.cancel()
            self._job = None

    def _ours(self, key: int) -> bool:
        return self._job is not None and id(self._job) == key

    def _read(self, key: int) -> None:
        if self._ours(key):
            self._settle()

    def _finished(self, key: int) -> None:
        if not self._ours(key):
            return
        self._job = None
        self._settle()
        self.read()  # a copy written again since it was read, or listed since: read it

    def _settle(self) -> None:
        found = [settled(recovery) for recovery in self.recoveries]
        known = [recovery for recovery in found if recovery is not None]
        if known != self.recoveries:
            self.recoveries = known
            self.changed.emit()
