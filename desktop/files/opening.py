"""Opening a large file in the background: read, checked and scored off the GUI thread
(:class:`~desktop.files.jobs.OpenJob`) behind a progress dialog with Cancel, then shown.

Mixed into :class:`~desktop.files.document_files.DocumentFiles`: these are its own methods
(they use its window, controller and signals), kept in their own file so that module stays
short. The mixin names what it uses instead of importing it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMainWindow, QMessageBox, QProgressDialog, QStatusBar, QWidget

from desktop.document.controller import DocumentController
from desktop.files.jobs import OpenJob, Read
from desktop.files.jobs import start as start_job
from desktop.files.recovery import disk_stamp
from desktop.ui.busy import busy, progress_dialog
from desktop.ui.refusals import say_done
from desktop.ui.text import plain
from rrisk import collector

if TYPE_CHECKING:
    from rrisk.model import Assessment
    from rrisk.scoring import ScoreResult

BACKGROUND_FROM_BYTES = 100_000
"""A file this large (about 400 projects × 40 criteria, read and scored in ~0.15 s) or larger
is read, checked and scored off the GUI thread, behind a progress dialog with Cancel; a
smaller one (a template: ~0.04 s) opens at once, as a thread and a dialog would only slow it."""


@dataclass
class _Opening:
    """A file being opened in the background (see :meth:`DocumentFiles.open_checked`)."""

    path: Path
    job: OpenJob
    progress: QProgressDialog
    then: Callable[[], None] | None
    """What to do once it is open (drop the autosave the user chose to discard, say so)."""
    show_errors: bool
    """Whether an error is said in a message box (File → Open), or only handed on
    (:attr:`DocumentFiles.openStopped`: the command line's file, said on the start page)."""
    edits: int
    """The undo stack's index when it started: an edit made before its dialog showed is
    asked about before the file replaces the document."""


class BackgroundOpening:
    """Opening a large file in the background, as methods of :class:`DocumentFiles`."""

    _window: QWidget
    _controller: DocumentController
    _shut: bool
    _opening: _Opening | None
    _stamp: tuple[int, int] | None
    openStopped: Any  # the Signal(str) of DocumentFiles

    def maybe_save(self, before: str = "closing it") -> bool:
        raise NotImplementedError  # provided by DocumentFiles

    def try_open(self, path: str | Path) -> str | None:
        raise NotImplementedError  # provided by DocumentFiles

    def _before_opening(self, path: str | Path) -> str:
        raise NotImplementedError  # provided by DocumentFiles

    def _cannot_open(self, path: Path, error: str) -> str:
        raise NotImplementedError  # provided by DocumentFiles

    def _opened(self, path: Path) -> None:
        raise NotImplementedError  # provided by DocumentFiles

    def _replace(
        self,
        document: Assessment,
        path: Path | None,
        attachments: dict | None = None,
        result: ScoreResult | None = None,
    ) -> None:
        raise NotImplementedError  # provided by DocumentFiles

    @property
    def opening(self) -> bool:
        """Whether a file is being opened in the background."""
        return self._opening is not None

    def _open_file(
        self, path: Path, show_errors: bool, then: Callable[[], None] | None = None
    ) -> str | None:
        """Open ``path`` (:meth:`try_open`), or start opening it in the background when it is
        large; ``then`` runs once it is open."""
        try:
            size = path.stat().st_size
        except OSError:
            size = None
        if size is None or size < BACKGROUND_FROM_BYTES:
            error = self.try_open(path)  # (a file that cannot be looked at: it says why)
            if error is None and then is not None:
                then()
            return error
        job = OpenJob(path)
        progress = progress_dialog(
            self._window, f"Opening {path.name}…", "Open assessment", name="openProgress"
        )
        progress.canceled.connect(self.cancel_open)
        job.signals.finished.connect(self._read)
        job.signals.failed.connect(self._not_read)
        edits = self._controller.undo_stack.index()
        self._opening = _Opening(path, job, progress, then, show_errors, edits)
        bar = self._status_bar()
        if bar is not None:
            bar.showMessage(f"Opening {path.name}…")
        start_job(job)
        return None

    def _status_bar(self) -> QStatusBar | None:
        return self._window.statusBar() if isinstance(self._window, QMainWindow) else None

    def _say_opening(self) -> bool:
        """Whether a file is being opened: another open (or a new document) asked for
        meanwhile is refused with a word, and the progress dialog comes forward."""
        opening = self._opening
        if opening is None:
            return False
        say_done(
            self._window,
            f"{opening.path.name} is being opened; wait for it or cancel it first",
        )
        opening.progress.show()
        opening.progress.raise_()
        opening.progress.activateWindow()
        return True

    def cancel_open(self) -> None:
        """Stop opening the file being opened: the window stays as it was (its document,
        undo history and lock); the job, still reading, is let go of and reports nothing."""
        if self._end_opening() is not None:
            self.openStopped.emit("")

    def _end_opening(self) -> _Opening | None:
        """The opening under way, ended here (its job told to stop, its dialog closed)."""
        opening, self._opening = self._opening, None
        if opening is None:
            return None
        opening.job.cancel()  # (a job that has ended: nothing)
        opening.progress.canceled.disconnect(self.cancel_open)
        opening.progress.close()
        opening.progress.deleteLater()
        bar = self._status_bar()
        if bar is not None and bar.currentMessage() == f"Opening {opening.path.name}…":
            bar.clearMessage()
        return opening

    def _ours(self, key: int) -> bool:
        """Whether a job's report is of the opening under way (not of one cancelled)."""
        return self._opening is not None and id(self._opening.job) == key and not self._shut

    def _read(self, read: Read) -> None:
        """The file is read and scored: the window shows it (its views are built here)."""
        if not self._ours(read.key):
            return
        opening = self._end_opening()
        assert opening is not None
        path = opening.path
        edited = self._controller.undo_stack.index() != opening.edits
        if edited and not self.maybe_save(self._before_opening(path)):
            self.openStopped.emit("")  # edited before the dialog showed, and kept
            return
        with busy(self._window, f"Opening {path.name}…"), collector.paused():
            document, attachments = read.file.document, read.file.attachments
            self._replace(document, path, attachments, read.result)
        self._stamp = disk_stamp(read.status)  # as read: a save since is a change on disk
        self._opened(path)
        if opening.then is not None:
            opening.then()

    def _not_read(self, key: int, message: str) -> None:
        if not self._ours(key):
            return
        opening = self._end_opening()
        assert opening is not None
        error = self._cannot_open(opening.path, message)
        if opening.show_errors:
            QMessageBox.critical(self._window, "Cannot open the file", plain(error))
        self.openStopped.emit(error)
