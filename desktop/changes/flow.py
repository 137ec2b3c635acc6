"""Compare the open assessment with another version: File → Compare with Another Version…
and File → Compare with Saved Version.

The open document (unsaved edits included) is the later version; the chosen file, or the
file as last saved, the earlier one. The comparison runs off the GUI thread; its result
shows in the Changes dock beside the matrix, and the changed cells are marked in the matrix
and heat map until the comparison is closed or another document is loaded. One comparison
at a time per window; the dock is not modal, so work can go on (the view then says it is out
of date, and Compare Again updates it).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
)

from desktop.document.controller import DocumentController
from desktop.files.jobs import start
from desktop.settings import Settings
from desktop.ui import style
from desktop.ui.busy import progress_dialog
from desktop.ui.mnemonics import make_unique
from desktop.ui.refusals import announce, say_done
from desktop.ui.text import app_message, plain
from desktop.ui.typing import commit_typing
from rrisk.fileformat import EXTENSION
from rrisk.tempfiles import real_path

if TYPE_CHECKING:
    # Imported when a comparison starts: the window does not pay for rrisk.compare at start.
    from desktop.changes.job import Compared, CompareJob
    from desktop.changes.view import ChangesView
    from rrisk.model import Assessment

FILE_FILTER = f"RRisk assessments (*{EXTENSION})"

OTHER_SCENARIO = "The matrix shows another scenario than the one compared"
EDITED = "The assessment was edited after this comparison"
EDITED_WHILE_COMPARING = "The assessment was edited while it was being compared"
SAVED = (
    "The assessment was saved after this comparison (the versions above are named as they "
    "stood before that save)"
)


class ChangesFlow(QObject):
    """Owns the comparison job, the Changes dock and the change marks of one window."""

    shown = Signal(object)
    """The ChangesView, just filled with a finished comparison."""
    matrixRequested = Signal()
    """A change was activated: the window brings the matrix forward."""
    memoRequested = Signal(object)
    """Export the memo with a 'Changes since' section against this :class:`Compared` (the
    earlier version, and the attached files that differ from it)."""

    def __init__(
        self,
        window: QMainWindow,
        controller: DocumentController,
        settings: Settings,
        changed_on_disk: Callable[[], bool] = lambda: False,
        reserved: Callable[[], Iterable[str]] = tuple,
    ) -> None:
        """``reserved``: the Alt letters the window shows beside every tab (menus, tabs, the
        inspector); the Changes view's buttons take letters that avoid them."""
        super().__init__(window)
        self._window = window
        self._reserved = reserved
        self._changed_on_disk = changed_on_disk
        self._controller = controller
        self._settings = settings
        self.job: CompareJob | None = None
        self.progress: QProgressDialog | None = None
        """Says a comparison is under way, which of its stages, with Cancel (shown once it
        takes 0.4 s)."""
        self._progress_title = ""
        self._stage_said = -1
        """The stage last said aloud: how far it is (a percentage) is shown, never said."""
        self.compared: Compared | None = None
        self._request: tuple[str, str] | None = None
        self.dock: QDockWidget | None = None
        self.view: ChangesView | None = None
        self._against_saved = False
        """The request is the open file as last saved (Compare Again asks for it anew)."""
        self._shown_state: (
            tuple[tuple[str, str] | None, bool, tuple[Path, Path | None, bool] | None, str | None]
            | None
        ) = None
        """The request, its states and staleness before the comparison under way: the
        comparison shown keeps them when that one is cancelled or fails."""
        self._compared_state: tuple[Path, Path | None, bool] | None = None
        """The earlier version's file, the open document's file and whether it had unsaved
        edits, when the comparison was asked for: what a later save makes untrue."""
        self._scenario_compared: str | None = None
        """The scenario the shown comparison is under (the baseline when the earlier version
        lacks the open one), as :attr:`Comparison.scenario_id`."""
        self._stale_reason: str | None = None
        """Why the shown comparison no longer describes the open document (edited, saved),
        or None; another scenario in the matrix is told apart (see :meth:`_show_staleness`)."""
        controller.documentReplaced.connect(self.close_comparison)
        controller.documentChanged.connect(self._document_edited)
        controller.scenarioChanged.connect(self._scenario_switched)

    # -- starting ---------------------------------------------------------------------------
    def compare(self) -> bool:
        """Ask for the other version and start comparing; False if nothing was started."""
        if self.job is not None:
            self._say_running()
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

    def compare_saved(self) -> bool:
        """Compare the open assessment with its file as last saved (the unsaved edits)."""
        if self.job is not None:
            self._say_running()
            return False
        path = self._controller.path
        if path is None:
            QMessageBox.information(
                self._window,
                "Compare with saved version",
                "This assessment has not been saved yet: there is no saved version to "
                "compare it with.",
            )
            return False
        if not os.path.exists(path):  # (False, not an error, for a drive out of reach)
            # Removed, renamed or moved away since: nothing saved is left to compare with (it
            # is not a file someone else changed, which the question below is about).
            QMessageBox.information(
                self._window,
                "Compare with saved version",
                app_message(
                    f"{path.name} is no longer in {path.parent} (removed, renamed or moved "
                    "since it was opened or saved here): there is no saved version to compare "
                    "the assessment with."
                ),
            )
            return False
        if not self._changed_on_disk():
            started = self.compare_with(str(path), f"{path.name} as last saved")
            self._against_saved = started
            return started
        # The file is no longer what was opened or saved here: comparing with it would show
        # someone else's changes as the user's unsaved edits.
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Compare with saved version",
            app_message(
                f"{path.name} was changed on disk after you opened or last saved it (another "
                "program, or a colleague's copy of RRisk, saved it). The comparison would show "
                "those changes too, as if they were yours."
            ),
            parent=self._window,
        )
        box.setObjectName("changedOnDiskCompare")
        compare = box.addButton("Compare with the file on &disk", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(compare)
        box.exec()
        if box.clickedButton() is not compare:
            return False
        started = self.compare_with(str(path), f"{path.name} as on disk now (changed by others)")
        self._against_saved = started
        return started

    def compare_with(self, path: str, label: str | None = None) -> bool:
        """Compare the file ``path`` (the earlier version) with the open document."""
        if self.job is not None:
            self._say_running()
            return False
        commit_typing(self._window)
        self._shown_state = (
            self._request,
            self._against_saved,
            self._compared_state,
            self._stale_reason,
        )
        self._request = (path, label or path)
        self._against_saved = False
        own = self._controller.path
        self._compared_state = (Path(path), own, self._controller.is_modified)
        new_label = str(own) if own is not None else "the open assessment"
        if self._controller.is_modified:
            new_label += " (unsaved changes included)"
        from desktop.changes.job import CompareJob

        self._stale_reason = None
        self.job = CompareJob(
            path,
            self._controller.document,
            old_label=label or path,
            new_label=new_label,
            scenario=self._controller.scenario_id,
            attachments=self._controller.attachments,
        )
        self.job.signals.progress.connect(self._advanced)
        self.job.signals.finished.connect(self._finished)
        self.job.signals.failed.connect(self._failed)
        start(self.job)
        self._window.statusBar().showMessage(f"Comparing with {Path(path).name}…")
        self._show_progress(Path(path).name)
        return True

    def _say_running(self) -> None:
        """Another comparison asked for while one runs: its dialog comes forward."""
        say_done(self._window, "A comparison is under way; wait for it or cancel it first")
        if self.progress is not None:
            self.progress.show()
            self.progress.raise_()
            self.progress.activateWindow()

    def _show_progress(self, name: str) -> None:
        from desktop.changes.job import STAGES

        # Not modal: the assessment can be edited meanwhile (the view then says so).
        progress = progress_dialog(
            self._window,
            f"Comparing with {name}…",
            "Compare versions",
            maximum=STAGES,
            name="compareProgress",
            modality=Qt.WindowModality.NonModal,
        )
        progress.canceled.connect(self._cancel_pressed)
        self.progress = progress
        self._progress_title = f"Comparing with {name}…"
        self._stage_said = -1

    def _advanced(self, done: int, stage: str) -> None:
        """The job reached another of its stages (``done`` of them behind it)."""
        job = self.job
        if job is None or job.cancelled or self.progress is None:
            return  # sent just before a Cancel or the end
        if self.sender() is not job.signals:
            return  # a cancelled job's, sent before it saw the Cancel
        self.progress.setLabelText(f"{self._progress_title}\n{stage}")
        if self.progress.isVisible() and done != self._stage_said:
            # Said aloud: a screen reader reads the dialog as it appears, not its text changing.
            self._stage_said = done
            announce(self.progress, stage, polite=True)
        # On the bar itself: the dialog's setValue() would show it at once when the stages so
        # far took long against those left, as though they were of a length, where it shows
        # once the comparison has taken 0.4 s (a quick one flashed it, and it took the focus).
        bar = self.progress.findChild(QProgressBar)
        if bar is not None:
            bar.setValue(done)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self._cancel_pressed)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _cancel_pressed(self) -> None:
        during = self._stale_reason
        self.cancel()
        self._keep_shown(during)
        self._window.statusBar().showMessage("Comparison cancelled", 6000)

    def _keep_shown(self, during: str | None) -> None:
        """The comparison asked for gave no result (cancelled, failed): the one shown, if
        any, stays, and so does what is known of it; an edit or a save made meanwhile
        (``during``) puts it out of date as well."""
        if self._shown_state is None:
            return
        self._request, self._against_saved, self._compared_state, self._stale_reason = (
            self._shown_state
        )
        if during == SAVED:
            self._stale_reason = SAVED
        elif during is not None and self._stale_reason is None:
            self._stale_reason = EDITED
        self._show_staleness()

    def refresh(self) -> bool:
        """Compare again with the same file (after edits, or the other file changed); the
        saved version anew when that was compared (after a save it is the file just saved)."""
        if self._request is None:
            return False
        if self._against_saved and self._controller.path is not None:
            return self.compare_saved()
        return self.compare_with(*self._request)

    def cancel(self) -> None:
        self._close_progress()
        if self.job is not None:
            self.job.cancel()
            self.job = None
            bar = self._window.statusBar()
            if bar.currentMessage().startswith("Comparing with "):  # not a later message
                bar.clearMessage()

    # -- results ----------------------------------------------------------------------------
    def _finished(self, compared: Compared) -> None:
        if self.job is None or self.job.cancelled:
            return
        self.job = None
        self._close_progress()
        self._window.statusBar().clearMessage()
        self.compared = compared
        view = self._ensure_view()
        view.set_outline(compared.outline)
        # The scenario actually compared: the baseline when the earlier version lacks the
        # one asked for (the view says so), whatever the matrix showed or shows now.
        self._scenario_compared = compared.scenario_id
        self._show_staleness()
        self._controller.change_marks.set_marks(
            compared.outline.cell_notes, compared.outline.old_label
        )
        assert self.dock is not None
        self.dock.show()
        self.dock.raise_()
        self.shown.emit(view)

    def _failed(self, message: str) -> None:
        if self.job is None or self.job.cancelled:
            return  # sent just before the window closed or the comparison was closed
        self.job = None
        self._close_progress()
        self._window.statusBar().clearMessage()
        self._keep_shown(self._stale_reason)
        QMessageBox.critical(self._window, "Cannot compare", plain(message))

    def _ensure_view(self) -> ChangesView:
        if self.view is not None:
            return self.view
        dock = QDockWidget("Changes", self._window)
        dock.setObjectName("changesDock")
        dock.setStyleSheet(style.DOCK_SHEET)
        from desktop.changes.view import ChangesView

        view = ChangesView(dock)
        make_unique(view, self._reserved())  # Alt+M stays the Matrix tab, Alt+A the Analysis
        dock.setWidget(view)
        dock.setMinimumWidth(self._window.fontMetrics().horizontalAdvance("M") * 34)
        self._window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        view.cellSelected.connect(self._select)
        view.cellActivated.connect(self._activate)
        view.memoRequested.connect(self._memo)
        view.refreshRequested.connect(self.refresh)
        view.closeRequested.connect(self.close_comparison)
        dock.visibilityChanged.connect(self._dock_visibility)
        self.dock, self.view = dock, view
        return view

    def close_comparison(self) -> None:
        """Hide the view and drop the marks (another document, or the user closed it)."""
        self.cancel()
        self.compared = None
        self._controller.change_marks.clear()
        if self.dock is not None:
            self.dock.hide()

    def _dock_visibility(self, visible: bool) -> None:
        # The dock's own close button ends the comparison too; tabbing it away does not
        # (a tabified dock reports hidden but is still open).
        if not visible and self.dock is not None and self.dock.isHidden():
            self.compared = None
            self._controller.change_marks.clear()

    def _document_edited(self) -> None:
        # While comparing, the result to come is of the document as it was.
        self._stale_reason = EDITED_WHILE_COMPARING if self.job is not None else EDITED
        self._show_staleness()

    def _scenario_switched(self, _scenario: object) -> None:
        self._show_staleness()

    def document_saved(self, path: str) -> None:
        """The open document was just written to ``path``: a comparison that named its
        unsaved edits, its file as last saved (now the open document) or its former file
        no longer describes the versions it names."""
        if self._compared_state is None:
            return
        other, own, unsaved = self._compared_state
        saved = Path(path)
        if unsaved or own is None or not _same_file(own, saved) or _same_file(other, saved):
            self._stale_reason = SAVED
            self._show_staleness()

    def _show_staleness(self) -> None:
        """The out-of-date note, shown exactly while the view does not describe what the
        window shows: another scenario in the matrix than the one compared, or the document
        edited or saved since."""
        if self.compared is None or self.view is None:
            return
        shown = self._controller.scenario_id
        if self._scenario_compared != shown and not _earlier_has(self.compared.old, shown):
            # The earlier version lacks the scenario shown: comparing again cannot show it
            # (but brings an edit or a save in, which is said first).
            lacking = _lacking(self._controller, shown)
            if self._stale_reason is not None:
                lacking = f"{self._stale_reason}: Compare Again to update it. {lacking}"
            self.view.mark_stale(lacking, again=False)
        elif self._scenario_compared != shown:
            self.view.mark_stale(OTHER_SCENARIO)
        elif self._stale_reason is not None:
            self.view.mark_stale(self._stale_reason)
        else:
            self.view.clear_stale()

    # -- links ------------------------------------------------------------------------------
    def _target(self, project_id: object, criterion_id: object) -> tuple[str | None, str | None]:
        doc = self._controller.document
        project = project_id if isinstance(project_id, str) else None
        criterion = criterion_id if isinstance(criterion_id, str) else None
        if project is not None and all(p.id != project for p in doc.projects):
            project = None  # removed in the open version
        if criterion is not None and all(c.id != criterion for c in doc.criteria):
            criterion = None
        if project is None and criterion is not None:
            # A criterion's change: its column, on the selected (or first) project's row.
            current = self._controller.selection[0]
            project = current or (doc.projects[0].id if doc.projects else None)
        return project, criterion

    def _select(self, project_id: object, criterion_id: object) -> None:
        project, criterion = self._target(project_id, criterion_id)
        if project is not None:
            self._controller.select(project, criterion)

    def _activate(self, project_id: object, criterion_id: object) -> None:
        self._select(project_id, criterion_id)
        self.matrixRequested.emit()

    def _memo(self) -> None:
        if self.compared is not None:
            self.memoRequested.emit(self.compared)


def _earlier_has(old: Assessment, scenario_id: str | None) -> bool:
    """Whether a comparison with ``old`` can be under ``scenario_id`` (None: the baseline)."""
    from rrisk.errors import ScenarioError
    from rrisk.scoring import find_scenario

    if scenario_id is None:
        return True
    try:
        find_scenario(old, scenario_id)
    except ScenarioError:
        return False
    return True


def _lacking(controller: DocumentController, scenario_id: str | None) -> str:
    """The note for a matrix showing the scenario the earlier version lacks."""
    name = next((s.name for s in controller.document.scenarios if s.id == scenario_id), "")
    return (
        f"The matrix shows scenario “{name}”, which the earlier version does not have: the "
        "changes above are the baseline's (choose Baseline to see them in the matrix)"
    )


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:  # one of them is gone: compare the names
        return real_path(one) == real_path(other)
