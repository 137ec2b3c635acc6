"""File → Compare with Another Version…: choose the file, compare off the GUI thread, show."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.changes.view import ChangesDialog, CompareJob
from desktop.document.controller import DocumentController
from desktop.files.jobs import start
from desktop.settings import Settings
from desktop.ui.text import plain
from rrisk.fileformat import EXTENSION

FILE_FILTER = f"RRisk assessments (*{EXTENSION})"


class ChangesFlow(QObject):
    """One comparison at a time per window; its dialog is modeless, so work can go on."""

    shown = Signal(object)
    """The ChangesDialog just shown."""

    def __init__(self, window: QWidget, controller: DocumentController, settings: Settings) -> None:
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._settings = settings
        self.job: CompareJob | None = None

    def compare(self) -> bool:
        """Ask for the other version and start comparing; False if nothing was started."""
        if self.job is not None:
            return False
        path, _filter = QFileDialog.getOpenFileName(
            self._window,
            "Compare with another version",
            self._settings.last_folder(),
            FILE_FILTER,
        )
        if not path:
            return False
        return self.compare_with(path)

    def compare_with(self, path: str) -> bool:
        own = self._controller.path
        label = str(own) if own is not None else "the open assessment"
        if self._controller.is_modified:
            label += " (unsaved changes included)"
        self.job = CompareJob(path, self._controller.document, label)
        self.job.signals.finished.connect(self._finished)
        self.job.signals.failed.connect(self._failed)
        start(self.job)
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job = None

    def _finished(self, report: str, differs: bool) -> None:
        self.job = None
        dialog = ChangesDialog(report, differs, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.shown.emit(dialog)

    def _failed(self, message: str) -> None:
        self.job = None
        QMessageBox.critical(self._window, "Cannot compare", plain(message))
