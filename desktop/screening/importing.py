"""Importing a sanctions list from the Screening tab: file, name and date, then a background
import behind a window-modal progress dialog with Cancel.

One import at a time. The store keeps the previous list of that name until the import
commits, so a cancelled or failed import changes nothing (:mod:`rrisk.screening.store`).
Closing the window while a list is imported asks as for any job whose result the user would
lose (:mod:`desktop.ui.closing`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from desktop.files.jobs import start as run_in_background
from desktop.screening import dialogs
from desktop.screening.job import ImportJob, ListChoice
from desktop.ui.busy import progress_dialog
from desktop.ui.closing import CloseAfter, Unfinished
from desktop.ui.text import plain

FILE_FILTER = "Lists in the OpenSanctions layout (*.csv);;All files (*)"


class ListImporter(QObject):
    """Runs list imports for one panel and reports how each ended."""

    imported = Signal(str, int)
    """The list's name and entry count, once stored."""
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.job: ImportJob | None = None
        self.progress: QProgressDialog | None = None
        self._committing = False
        self._then_close = CloseAfter()
        """The window's close, asked for while the list was imported and to follow it."""

    @property
    def busy(self) -> bool:
        return self.job is not None

    def ask(self, choices: list[ListChoice]) -> bool:
        """Ask for a list file, its name and as-of date, then import it in the background."""
        if self.busy:
            return False
        path, _filter = QFileDialog.getOpenFileName(
            self._parent, "Import sanctions list", "", FILE_FILTER
        )
        if not path:
            return False
        taken = {choice.name for choice in choices if not choice.bundled}
        reserved = next((choice.name for choice in choices if choice.bundled), "")
        dates = {choice.name: choice.as_of for choice in choices if not choice.bundled}
        dialog = dialogs.ImportListDialog(self._parent, path, taken, reserved, dates)
        if not dialogs.run(dialog):
            return False
        name, as_of = dialog.values()
        return self.start(path, name, as_of)

    def start(self, path: str, name: str, as_of: str) -> bool:
        """Import ``path`` as list ``name`` off the GUI thread, with progress and Cancel."""
        if self.busy:
            return False
        job = ImportJob(path, name, as_of)
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        job.signals.cancelled.connect(self._cancelled)
        progress = progress_dialog(
            self._parent, f"Importing {name}…", "Import sanctions list", 1000, delay_ms=300
        )
        progress.canceled.connect(self._cancel_asked)
        self._committing = False
        self.progress = progress
        self.job = job
        run_in_background(job)
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    # -- the window closing (see desktop.ui.closing) ----------------------------------------
    def unfinished(self) -> Unfinished | None:
        """The list being imported, for the closing window's question; None when none is, or
        its Cancel was pressed."""
        job = self.job
        if job is None or job.cancelled:
            return None
        if self._committing:
            # Saved in one transaction that no Cancel stops: the window waits for it (closed
            # at once, it left the save going on unseen, and a cancel then could undo it).
            doing = (
                f"The list {job.name} is being saved into the store from\n{job.path}\n"
                "This step cannot be stopped."
            )
            lost = "the list being saved cannot be stopped: the window waits for it"
        else:
            doing = f"The list {job.name} is still being imported from\n{job.path}"
            lost = "the stored lists stay as they were"
        return Unfinished(
            "A sanctions list is being imported",
            doing,
            "the list",
            "the import",
            lost,
            "imported",
            stoppable=not self._committing,
        )

    @property
    def closing_after(self) -> bool:
        return self._then_close.waiting

    def close_after(self, close: Callable[[], object]) -> None:
        """The window closes once the import has ended, however it ended; its progress says so."""
        self._then_close.wait(close, self.progress, self.unfinished())

    def stop(self) -> None:
        """Stop and Close: stop the import as its Cancel does (not once it saves the list)."""
        self._cancel_asked()

    def shutdown(self) -> None:
        """The window closes: stop the import. One saving its list is not stopped (the close
        waited for it, see :meth:`unfinished`): a cancel in its last stage would undo it."""
        self._then_close.window_closed = True
        self._cancel_asked()

    def _cancel_asked(self) -> None:
        """Cancel in the dialog (or Escape): stops the import until it commits."""
        if not self._committing:
            self.cancel()

    def _progress(self, per_mille: int) -> None:
        if self.progress is not None:
            self.progress.setValue(per_mille)
            if per_mille >= 1000 and self.job is not None and not self._committing:
                # Read to the end: the store now replaces the old list in one commit, which
                # no Cancel stops. A Cancel offered here closed the dialog and the import
                # went through all the same; it is taken away, and the dialog says why.
                self._committing = True
                self.progress.setCancelButton(None)
                self.progress.setLabelText(
                    f"{self.progress.labelText()}\nSaving the list (this step cannot be cancelled)…"
                )

    def _done(self) -> None:
        self.job = None
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _finished(self, info: object) -> None:
        self._done()
        self.imported.emit(str(getattr(info, "name", "")), int(getattr(info, "entries", 0)))
        self._then_close.job_ended()

    def _failed(self, message: str) -> None:
        self._done()
        self.failed.emit(message)
        if self._then_close.waiting:
            # The tab says it in its summary, which the window's close would take away at
            # once: said in a box first, so a list not imported is never passed over.
            QMessageBox.critical(self._parent, "Cannot import the list", plain(message))
        self._then_close.job_ended()

    def _cancelled(self) -> None:
        self._done()
        self.cancelled.emit()
        self._then_close.job_ended()
