"""Long jobs off the GUI thread: the memo export, with progress and cancel.

:class:`BackgroundJob` is what every job of the app shares (the memo, a comparison,
screening, a list import): a cancel flag the work checks, and a reference to itself while it
runs, so a job whose owner let go of it (a cancelled job, a closed window) is not freed
mid-run. :func:`start` runs one in the thread pool.

The job works on a snapshot of the document (:func:`desktop.document.commands.snapshot`),
so edits made while it runs cannot race with it; the core function it calls reports progress
through a callback and checks a cancel flag, and knows nothing of Qt.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.document.commands import snapshot
from rrisk.errors import RRiskError
from rrisk.fileformat import atomic_write_bytes
from rrisk.model import Assessment

if TYPE_CHECKING:
    from rrisk.compare import Earlier


class JobSignals(QObject):
    """Signals of a background job (delivered in the GUI thread)."""

    progress = Signal(int, str)
    finished = Signal(str)
    failed = Signal(str)
    cancelled = Signal()


_RUNNING: set[QRunnable] = set()
"""Jobs started and not yet finished (each removes itself at the end of its run)."""


class BackgroundJob(QRunnable):
    """A cancellable job for the thread pool; subclasses do their work in :meth:`work`."""

    def __init__(self) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            self.work()
        finally:
            _RUNNING.discard(self)

    def work(self) -> None:
        raise NotImplementedError


class MemoJob(BackgroundJob):
    """Writes the IC memo for a document (snapshot) and scenario to ``path``: a Word document
    when the path ends in ``.docx``, else a PDF."""

    def __init__(
        self,
        document: Assessment,
        path: str | Path,
        scenario: str | None,
        since: Assessment | Earlier | None = None,
    ) -> None:
        super().__init__()
        self.signals = JobSignals()
        self._document = snapshot(document)
        self._since = since
        """An earlier version: the memo gains a "Changes since" section (read-only here)."""
        self._path = str(path)
        self._scenario = scenario

    def work(self) -> None:
        # Imported here: reportlab is not needed to start the app or open a file.
        from reports.memo import MemoCancelled, build_memo

        build = build_memo
        if self._path.lower().endswith(".docx"):
            from reports.word import build_docx as build

        try:
            data = build(
                self._document,
                self._scenario,
                progress=self.signals.progress.emit,
                cancelled=self._cancel.is_set,
                since=self._since,
            )
            # A Cancel pressed while the last page was set still leaves no file behind.
            if self._cancel.is_set():
                raise MemoCancelled("the memo export was cancelled")
            atomic_write_bytes(self._path, data)
        except MemoCancelled:
            self.signals.cancelled.emit()
        except RRiskError as error:
            self.signals.failed.emit(str(error))
        except OSError as error:
            reason = str(error.strerror or error)
            other = error.filename and Path(error.filename).parent != Path(self._path).parent
            if other:  # not the memo's folder: a file the build needed (a font, a template)
                self.signals.failed.emit(f"the memo could not be built: {error.filename}: {reason}")
            else:
                self.signals.failed.emit(f"{self._path}: {reason}")
        except Exception as error:  # noqa: BLE001 - report any failure instead of dying silently
            self.signals.failed.emit(
                f"the memo could not be built ({type(error).__name__}: {error})"
            )
        else:
            self.signals.finished.emit(self._path)


def start(job: QRunnable, pool: QThreadPool | None = None) -> None:
    """Run ``job`` in ``pool`` (the global one by default); a :class:`BackgroundJob` is kept
    alive until it ends.

    The pool is given the job's ``run``, not the job: a runnable handed to a pool belongs to
    the pool from then on, and one that does not delete itself (these do not: their signals
    must outlive the thread) was never released, nor the document snapshot it held, nor the
    window its signals were connected to, about 16 MiB a closed window at 500 × 40."""
    if isinstance(job, BackgroundJob):
        _RUNNING.add(job)
    (pool or QThreadPool.globalInstance()).start(job.run)
