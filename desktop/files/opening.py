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
from rrisk import collector, fileformat

if TYPE_CHECKING:
    from desktop.files.recovery import Recovery
    from rrisk.model import Assessment
    from rrisk.scoring import ScoreResult

BACKGROUND_FROM_BYTES = 100_000
"""A file this large (about 400 projects × 40 criteria, read and scored in ~0.15 s) or larger
is read, checked and scored off the GUI thread, behind a progress dialog with Cancel; a
smaller one (a template: ~0.04 s) opens at once, as a thread and a dialog would only slow it."""


@dataclass
class _Opening:
    """A file being read in the background, to open it (see :meth:`DocumentFiles.open_checked`)
    or an autosaved copy of it (see :meth:`DocumentFiles.recover`)."""

    path: Path | None
    """The file the window holds once it is shown (None: a recovered assessment never saved)."""
    name: str
    """What is being opened, as the status bar names it ("case.rrisk")."""
    label: str
    """What the progress dialog and the status bar say meanwhile ("Opening case.rrisk…")."""
    job: OpenJob
    progress: QProgressDialog
    show: Callable[[Read], None]
    """Shows what was read in the window (the views are built then, in the GUI thread)."""
    failed: Callable[[str], None]
    """Says why it could not be read (the reading error's message)."""
    before: str
    """What the question about an edit made meanwhile says is about to happen."""
    edits: int
    """The controller's ``history_moves`` when it started: an edit made before its dialog
    showed is asked about before the file replaces the document."""


class BackgroundOpening:
    """Opening a large file in the background, as methods of :class:`DocumentFiles`."""

    _window: QWidget
    _controller: DocumentController
    _shut: bool
    _opening: _Opening | None
    _stamp: tuple[int, int] | None
    openStarted: Any  # the Signal(str) of DocumentFiles
    openStopped: Any  # the Signal(str) of DocumentFiles

    def maybe_save(self, before: str = "closing it") -> bool:
        raise NotImplementedError  # provided by DocumentFiles

    def try_open(self, path: str | Path) -> str | None:
        raise NotImplementedError  # provided by DocumentFiles

    def _before_opening(self, path: str | Path) -> str:
        raise NotImplementedError  # provided by DocumentFiles

    def _cannot_open(self, path: Path, error: str) -> str:
        raise NotImplementedError  # provided by DocumentFiles

    def _opened(self, path: Path, opened: fileformat.RRiskFile) -> None:
        raise NotImplementedError  # provided by DocumentFiles

    def _copy_gone(self, recovery: Recovery) -> bool:
        raise NotImplementedError  # provided by DocumentFiles

    def _recovered(
        self,
        recovery: Recovery,
        document: Assessment,
        attachments: dict,
        result: ScoreResult | None = None,
    ) -> None:
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
        self, path: Path, show_errors: bool, then: Callable[[], object] | None = None
    ) -> str | None:
        """Open ``path`` (:meth:`try_open`), or start opening it in the background when it is
        large; ``then`` runs once it is open."""
        if not read_in_background(path):
            error = self.try_open(path)  # (a file that cannot be looked at: it says why)
            if error is None and then is not None:
                then()
            return error
        self._start_reading(
            path,
            path,
            path.name,
            f"Opening {path.name}…",
            lambda read: self._show_file(path, read, then),
            lambda message: self._say_not_opened(path, message, show_errors),
            self._before_opening(path),
        )
        return None

    def _start_reading(
        self,
        source: Path,
        path: Path | None,
        name: str,
        label: str,
        show: Callable[[Read], None],
        failed: Callable[[str], None],
        before: str,
    ) -> None:
        """Read ``source`` in the background, behind a progress dialog with Cancel, for
        ``show`` to show it as ``path`` (see :class:`_Opening`)."""
        job = OpenJob(source)
        progress = progress_dialog(self._window, label, "Open assessment", name="openProgress")
        progress.canceled.connect(self.cancel_open)
        job.signals.finished.connect(self._read)
        job.signals.failed.connect(self._not_read)
        edits = self._controller.history_moves
        self._opening = _Opening(path, name, label, job, progress, show, failed, before, edits)
        bar = self._status_bar()
        if bar is not None:
            bar.showMessage(label)
        self.openStarted.emit(label)
        start_job(job)

    def _status_bar(self) -> QStatusBar | None:
        return self._window.statusBar() if isinstance(self._window, QMainWindow) else None

    def say_opening(self) -> bool:
        """Whether a file is being opened: another open, a new document, or a command that
        acts on the document (which the file is about to replace) asked for meanwhile is
        refused with a word, and the progress dialog comes forward."""
        opening = self._opening
        if opening is None:
            return False
        say_done(
            self._window,
            f"{opening.name} is being opened; wait for it or cancel it first",
        )
        opening.progress.show()
        opening.progress.raise_()
        opening.progress.activateWindow()
        return True

    def cancel_open(self) -> None:
        """Stop opening the file being opened: the window stays as it was (its document,
        undo history and lock; an autosaved copy being recovered stays on disk); the job,
        still reading, is let go of and reports nothing."""
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
        if bar is not None and bar.currentMessage() == opening.label:
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
        edited = self._controller.history_moves != opening.edits
        if edited and not self.maybe_save(opening.before):
            self.openStopped.emit("")  # edited before the dialog showed, and kept
            return
        opening.show(read)

    def _not_read(self, key: int, message: str) -> None:
        if not self._ours(key):
            return
        opening = self._end_opening()
        assert opening is not None
        opening.failed(message)

    def _show_file(self, path: Path, read: Read, then: Callable[[], object] | None) -> None:
        with busy(self._window, f"Opening {path.name}…"), collector.paused():
            self._replace(read.file.document, path, read.file.attachments, read.result)
        self._stamp = disk_stamp(read.status)  # as read: a save since is a change on disk
        self._opened(path, read.file)
        if then is not None:
            then()

    def _say_not_opened(self, path: Path, message: str, show_errors: bool) -> None:
        error = self._cannot_open(path, message)
        if show_errors:
            QMessageBox.critical(self._window, "Cannot open the file", plain(error))
        self.openStopped.emit(error)

    def _open_later(self, path: Path, show_errors: bool) -> None:
        """Open ``path`` once a background read ended (as :meth:`DocumentFiles.open_path`
        does, with no caller left to hand an error to: :attr:`openStopped` says it)."""
        error = self._open_file(path, show_errors)
        if error is None:
            return
        if error and show_errors:
            QMessageBox.critical(self._window, "Cannot open the file", plain(error))
        self.openStopped.emit(error)

    # -- recovering a large autosaved copy ------------------------------------------------
    def _recover_in_background(
        self,
        recovery: Recovery,
        then: Callable[[], object] | None,
        gone: Callable[[], None] | None,
    ) -> None:
        """Read a large autosaved copy in the background (see :meth:`DocumentFiles.recover`)."""
        what = recovery.original.name if recovery.original else "the unsaved assessment"
        self._start_reading(
            recovery.file,
            recovery.original,
            f"The autosaved copy of {what}",
            f"Opening the autosaved copy of {what}…",
            lambda read: self._show_recovered(recovery, read, then),
            lambda message: self._say_not_recovered(recovery, message, gone),
            "opening the recovered copy",
        )

    def _show_recovered(
        self, recovery: Recovery, read: Read, then: Callable[[], object] | None
    ) -> None:
        what = recovery.original.name if recovery.original else "the unsaved assessment"
        with busy(self._window, f"Opening the autosaved copy of {what}…"), collector.paused():
            self._recovered(recovery, read.file.document, read.file.attachments, read.result)
        if then is not None:
            then()

    def _say_not_recovered(
        self, recovery: Recovery, message: str, gone: Callable[[], None] | None
    ) -> None:
        if not self._copy_gone(recovery):
            QMessageBox.critical(self._window, "Cannot recover the assessment", plain(message))
        elif gone is not None:
            gone()
            return
        self.openStopped.emit("")


def read_in_background(path: Path) -> bool:
    """Whether ``path`` is large enough to be read in the background
    (:data:`BACKGROUND_FROM_BYTES`); a file that cannot be looked at is read at once, which
    says why it cannot be read."""
    try:
        return path.stat().st_size >= BACKGROUND_FROM_BYTES
    except OSError:
        return False
