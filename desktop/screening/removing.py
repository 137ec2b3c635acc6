"""Removing an imported sanctions list from the Screening tab, off the GUI thread.

One removal at a time. The store deletes the list in one transaction, so a removal that
fails (the store busy with another window's import) or is cut short leaves the list whole
(:func:`rrisk.screening.store.remove_list`); assessments are not touched.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.files.jobs import start as run_in_background
from desktop.screening.job import RemoveJob


class ListRemover(QObject):
    """Runs list removals for one panel and reports how each ended."""

    removed = Signal(str, int)
    """The removed list's name and entry count."""
    failed = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.job: RemoveJob | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(self, name: str) -> bool:
        """Remove the imported list ``name`` in the background."""
        if self.busy:
            return False
        job = RemoveJob(name)
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        self.job = job
        run_in_background(job)
        return True

    def _finished(self, info: object) -> None:
        self.job = None
        self.removed.emit(str(getattr(info, "name", "")), int(getattr(info, "entries", 0)))

    def _failed(self, message: str) -> None:
        self.job = None
        self.failed.emit(message)
