"""Export the IC memo: show what the check finds, ask for a file (PDF or Word), build it off
the GUI thread, offer to open it. With "Changes since" a version's file, that file is read off
the GUI thread first.

Closing the window while a memo is built (its close button, the task bar, the window manager,
Quit) asks as for any job whose result the user would lose (:mod:`desktop.ui.closing`): Close
When Written, Stop and Close, or Cancel. An export whose Cancel was already pressed, or one
only reading the earlier version for "Changes since" (no memo file chosen yet), is stopped
without a question. A memo written while that question is open offers nothing over it: its
file is named in the status bar, Close When Written then closes at once, and Cancel keeps the
window open and then asks "Open it now?".
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from desktop.document.controller import DocumentController
from desktop.files.jobs import EarlierJob, MemoJob, start
from desktop.files.memo_check import confirm_export
from desktop.files.save_name import chosen_target, document_stem, filtered_name
from desktop.settings import Settings
from desktop.ui.busy import progress_dialog
from desktop.ui.closing import CloseAfter, Unfinished, asking_to_close, once_kept_open
from desktop.ui.refusals import say_done
from desktop.ui.text import plain
from desktop.ui.typing import commit_typing
from rrisk.model import Assessment
from rrisk.outputs import same_file

if TYPE_CHECKING:
    from collections.abc import Callable

    from rrisk.compare import Earlier
    from rrisk.fileformat import RRiskFile
    from rrisk.screening.screen import ScreeningReport

PDF_FILTER = "PDF documents (*.pdf)"
WORD_FILTER = "Word documents (*.docx)"


def unfinished_memo(path: str) -> Unfinished:
    """The memo being written to ``path``, as the closing window's question says it."""
    return Unfinished(
        "The IC memo is being exported",
        f"The IC memo is still being written to\n{path}",
        "the memo",
        "the export",
        "no memo is written",
    )


CLOSES_AFTER = unfinished_memo("").closes_after


class MemoExporter(QObject):
    """One memo export at a time per window, with a progress dialog and Cancel."""

    finished = Signal(str)
    """The memo was written (its path)."""
    stopped = Signal()
    """The export ended without a file (cancelled or failed), the earlier version's read
    for "Changes since" and the questions after it included."""
    placeRequested = Signal(dict)
    """A problem of the check was clicked: its target (see rrisk.check.Problem)."""

    def __init__(self, window: QWidget, controller: DocumentController, settings: Settings) -> None:
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._settings = settings
        self.job: MemoJob | None = None
        self.reading: EarlierJob | None = None
        """The earlier version chosen for "Changes since", being read (before the memo's job)."""
        self.progress: QProgressDialog | None = None
        self.screened: Callable[[], ScreeningReport | None] | None = None
        """The Screening tab's last screening when it is current for the document (its hits
        spare the check screening them again; see :func:`confirm_export`)."""
        self._closed = False
        """The window has closed: an export that ends now shows nothing (see shutdown)."""
        self._then_close = CloseAfter()
        """The window's close, asked for while the memo was built and to follow it."""
        # The memo would be another document's, its questions over it.
        controller.documentReplaced.connect(self._stop_reading)

    @property
    def running(self) -> bool:
        return self.job is not None or self.reading is not None

    def export(self) -> bool:
        """Ask where to write the memo and start building it; False if not started."""
        return self._export(None)

    def export_since(self, compared: object) -> bool:
        """The memo with a "Changes since" section against the version the Changes view
        compared (a :class:`desktop.changes.job.Compared`: the earlier document and the
        attached files that differ from it)."""
        from rrisk.compare import Earlier

        since = getattr(compared, "old", None)
        if not isinstance(since, Assessment):
            return False
        files = tuple(getattr(compared, "files", ()))
        return self._export(Earlier(since, files), getattr(compared, "path", None))

    def export_since_file(self) -> bool:
        """File → Export IC Memo with Changes Since…: ask for the earlier version's file,
        read it off the window's thread (its progress dialog says so, with Cancel), then
        export as :meth:`export` does, with its "Changes since" section."""
        if self.running:
            self._say_running()
            return False
        from desktop.files.document_files import FILE_FILTER

        path, _chosen = QFileDialog.getOpenFileName(
            self._window,
            "Changes since which version?",
            self._settings.last_folder(),
            FILE_FILTER,
        )
        if not path:
            return False
        job = EarlierJob(path)
        self.reading = job
        progress = progress_dialog(
            self._window,
            f"Reading {Path(path).name}…",
            "Exporting IC memo",
            delay_ms=300,
            name="memoProgress",
        )
        progress.canceled.connect(self._stop_reading)
        self.progress = progress
        job.signals.finished.connect(self._earlier_read)
        job.signals.failed.connect(self._earlier_refused)
        start(job)
        return True

    def _reported(self) -> EarlierJob | None:
        """The read under way, when the signal being handled is its own (not one a read
        cancelled since sent before it saw the Cancel)."""
        job = self.reading
        if job is None or job.cancelled or self.sender() is not job.signals:
            return None
        self._end_reading()
        return job

    def _earlier_read(self, earlier: RRiskFile) -> None:
        from rrisk.compare import Earlier, attachment_changes

        job = self._reported()
        if job is None or self._closed:
            return
        files = attachment_changes(earlier.attachments, self._controller.attachments)
        if not self._export(Earlier(earlier.document, tuple(files)), job.path):
            self.stopped.emit()  # a question or the file's dialog was cancelled

    def _earlier_refused(self, message: str) -> None:
        if self._reported() is None or self._closed:
            return
        self.stopped.emit()
        QMessageBox.critical(self._window, "Cannot read the earlier version", plain(message))

    def _stop_reading(self) -> None:
        """Cancel, the window closed or another document: the read stops where it is, and
        the window is free at once."""
        if self.reading is not None:
            self.reading.cancel()
            self._end_reading()
            self.stopped.emit()

    def _end_reading(self) -> None:
        self.reading = None
        if self.progress is not None:
            self.progress.canceled.disconnect(self._stop_reading)  # (closing it cancels)
        self._done()

    def _export(self, since: Earlier | None, since_path: str | None = None) -> bool:
        """Export the memo, with a "Changes since" section when ``since`` is given
        (``since_path``: its file, which the memo must not replace)."""
        if self.running:
            self._say_running()
            return False
        commit_typing(self._window)
        doc = self._controller.document
        if since is not None and not self._confirm_related(since.document, doc, since_path):
            return False
        if since is not None and not self._confirm_order(since.document, doc):
            return False
        if not confirm_export(
            self._window,
            doc,
            self._controller.scenario_id,
            self.placeRequested.emit,
            since.document if since is not None else None,
            self.screened,
        ):
            return False
        # Under a scenario the memo is that scenario's: its name says so, in the dialog's
        # title and in the file name suggested, as the check list before it did.
        scenario = self._controller.open_scenario
        stem = document_stem(self._controller.path, doc.title)
        if scenario is not None:  # by its name, as the title says it (a renamed one keeps its id)
            named = any(ch.isalnum() for ch in scenario.name)
            stem += f"-{document_stem(None, scenario.name) if named else scenario.id}"
        name = f"{stem}-ic-memo-changes.pdf" if since is not None else f"{stem}-ic-memo.pdf"
        suggestion = Path(self._settings.last_folder("export")) / name
        title = "Export IC memo" + (f" — scenario “{scenario.name}”" if scenario else "")
        path, chosen = QFileDialog.getSaveFileName(
            self._window, title, str(suggestion), f"{PDF_FILTER};;{WORD_FILTER}"
        )
        if not path:
            return False
        suffix = ".docx" if chosen == WORD_FILTER else ".pdf"
        path = filtered_name(path, name, suffix)
        target = chosen_target(self._window, path, (".pdf", ".docx"), suffix)
        if target is None:
            return False  # "memo" became memo.pdf, which exists: not replaced
        own = self._controller.path
        # A link to the open file or to the earlier version, named .pdf: writing the memo
        # through it would replace that file.
        for read, what in ((own, "the assessment"), (since_path, "the earlier version")):
            if read is not None and same_file(target, read):
                QMessageBox.critical(
                    self._window,
                    "Cannot export the memo",
                    plain(f"{target}: this is {what} itself; choose another file"),
                )
                return False
        self._settings.set_last_folder(target, "export")
        self.job = MemoJob(doc, target, self._controller.scenario_id, since=since)
        progress = progress_dialog(
            self._window,
            "Preparing the memo…",
            "Exporting IC memo",
            100,
            delay_ms=300,
            name="memoProgress",
        )
        progress.canceled.connect(self.job.cancel)
        self.progress = progress
        signals = self.job.signals
        signals.progress.connect(self._on_progress)
        signals.finished.connect(self._on_finished)
        signals.failed.connect(self._on_failed)
        signals.cancelled.connect(self._on_cancelled)
        start(self.job)
        return True

    def _confirm_related(self, since: Assessment, doc: Assessment, path: str | None) -> bool:
        """An "earlier" version with no project or criterion of the open one is most likely
        another assessment's file, picked by mistake: asked before its memo is written."""
        from rrisk.compare import unrelated_problem

        name = Path(path).name if path else "The earlier version"
        problem = unrelated_problem(since, doc, name)
        if problem is None:
            return True
        return self._export_anyway(
            "Changes since another assessment?", f"{problem} in the memo's Changes since."
        )

    def _confirm_order(self, since: Assessment, doc: Assessment) -> bool:
        """An "earlier" version dated after the open one is most likely the two swapped; one
        dated the same day, the open one's as-of date not moved forward."""
        from rrisk.compare import order_problem, same_date_problem

        problem, title = order_problem(since, doc), "Changes since a later version?"
        if problem is None:
            problem, title = same_date_problem(since, doc), "Changes since the same date?"
        if problem is None:
            return True
        return self._export_anyway(title, f"{problem[:1].upper()}{problem[1:]}")

    def _export_anyway(self, title: str, problem: str) -> bool:
        """Whether the user goes on with the memo after ``problem`` (Cancel by default)."""
        answer = QMessageBox.question(
            self._window,
            title,
            plain(f"{problem} Export anyway?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _say_running(self) -> None:
        """Another export asked for while one runs (or, cancelled, is still stopping)."""
        job = self.job
        stopping = job is not None and job.cancelled
        message = (
            "The memo export is still stopping; export again in a moment"
            if stopping
            else "A memo is being exported; wait for it or cancel it first"
        )
        say_done(self._window, message)

    def cancel(self) -> None:
        self._stop_reading()
        if self.job is not None:
            self.job.cancel()

    def unfinished(self) -> Unfinished | None:
        """The memo being written, for the closing window's question (see
        :mod:`desktop.ui.closing`); None when nothing of the user's is being written (only
        the earlier version read, or the export's Cancel pressed)."""
        job = self.job
        return None if job is None or job.cancelled else unfinished_memo(job.path)

    def stop(self) -> None:
        """Stop and Close while another job is waited for: the export stops as its Cancel does."""
        self.cancel()

    @property
    def closing_after(self) -> bool:
        return self._then_close.waiting

    def close_after(self, close: Callable[[], object]) -> None:
        """The window closes once the export has ended, however it ended; its progress says so."""
        self._then_close.wait(close, self.progress, self.unfinished())

    def _stage_text(self, stage: str) -> str:
        """The progress line: the stage, and that the window closes after, once asked to."""
        return self._then_close.stage(stage, self.unfinished())

    def _close_as_asked(self) -> None:
        self._then_close.job_ended()

    def shutdown(self) -> None:
        """The window closes: stop the export. A memo whose file was being written then is
        kept as written, and nothing is asked or said over the closed window."""
        self._closed = self._then_close.window_closed = True
        self.cancel()

    def _on_progress(self, percent: int, stage: str) -> None:
        progress = self.progress
        job = self.job
        if job is not None and job.cancelled:
            return  # reported before the job saw the Cancel: setValue would show the dialog again
        if progress is not None:
            # A modal dialog's setValue() processes events, and "finished" may arrive then:
            # label first, and on the local reference, which stays valid until deleteLater.
            progress.setLabelText(self._stage_text(stage))
            progress.setValue(percent)

    def _done(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
        self.progress = None
        self.job = None

    def _on_finished(self, path: str) -> None:
        self._done()
        self.finished.emit(path)
        if self._closed:
            return  # written as the window closed: no offer to open it over a closed window
        if self._then_close.waiting:
            # The window was to close once the memo was written: it is, so it closes, with
            # no offer to open the memo in between.
            self._close_as_asked()
            return
        if asking_to_close(self._window):
            # Written while the window asks whether to close: no question over that one (the
            # window may close once it is answered): the file is named in the status bar, and
            # "Open it now?" is asked once the answers keep the window open.
            say_done(self._window, f"The IC memo was saved as {path}")
            once_kept_open(self._window, partial(self._offer_to_open, path))
            return
        self._offer_to_open(path)

    def _offer_to_open(self, path: str) -> None:
        """Ask whether to open the memo written to ``path``, and open it if so."""
        if self._closed:
            return
        answer = QMessageBox.question(
            self._window,
            "Memo exported",
            plain(f"The IC memo was saved as\n{path}\n\nOpen it now?"),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
            QMessageBox.StandardButton.Open,
        )
        if answer != QMessageBox.StandardButton.Open:
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(path)):
            # No program for the file's type, or none could be started.
            kind = "Word" if path.lower().endswith(".docx") else "PDF"
            say_done(
                self._window,
                f"No program to open {kind} files was found; the memo was saved as {path}",
            )

    def _on_failed(self, message: str) -> None:
        self._done()
        self.stopped.emit()
        if self._closed:
            return
        QMessageBox.critical(self._window, "Cannot export the memo", plain(message))
        self._close_as_asked()  # said first: a memo not written is never passed over

    def _on_cancelled(self) -> None:
        self._done()
        self.stopped.emit()
        self._close_as_asked()
