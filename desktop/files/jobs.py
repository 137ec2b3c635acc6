"""Long jobs off the GUI thread: the memo export, with progress and cancel.

The job works on a snapshot of the document (:func:`desktop.document.commands.snapshot`),
so edits made while it runs cannot race with it; the core function it calls reports progress
through a callback and checks a cancel flag, and knows nothing of Qt.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.document.commands import snapshot
from rrisk.errors import RRiskError
from rrisk.fileformat import atomic_write_bytes
from rrisk.model import Assessment


class JobSignals(QObject):
    """Signals of a background job (delivered in the GUI thread)."""

    progress = Signal(int, str)
    finished = Signal(str)
    failed = Signal(str)
    cancelled = Signal()


class MemoJob(QRunnable):
    """Writes the IC memo for a document (snapshot) and scenario to ``path``: a Word document
    when the path ends in ``.docx``, else a PDF."""

    def __init__(
        self,
        document: Assessment,
        path: str | Path,
        scenario: str | None,
        since: Assessment | None = None,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = JobSignals()
        self._document = snapshot(document)
        self._since = since
        """An earlier version: the memo gains a "Changes since" section (read-only here)."""
        self._path = str(path)
        self._scenario = scenario
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
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
            self.signals.failed.emit(f"{self._path}: {error.strerror or error}")
        except Exception as error:  # noqa: BLE001 - report any failure instead of dying silently
            self.signals.failed.emit(
                f"the memo could not be built ({type(error).__name__}: {error})"
            )
        else:
            self.signals.finished.emit(self._path)


def start(job: QRunnable) -> None:
    QThreadPool.globalInstance().start(job)
