"""The Screening tab: per project, its territory rules, counterparties and their hits.

The analyst picks the list (the bundled one or an imported one), reads each hit's matched
name, score, entry and programmes, and confirms or dismisses it with a note; a territory rule
can be set aside with a written justification. Every decision is an undoable edit of the
document (:mod:`desktop.document.screening_edits`), and the ranking follows at once.

Screening runs off the GUI thread, and only while the tab is on screen: when it is first
shown, when the list changes, and (after a short pause) when a project's counterparties,
region or country change. A decision alone only redraws the rows from the last screening.
Importing a list runs off the GUI thread behind a progress dialog with Cancel; removing
one (after a confirmation) runs off it too. Decisions on a list that is not in the store (a
colleague's, or one removed) stay listed as recorded, and the tab says the list is not here.

What "recorded" means: the document records the list's name and as-of date only (the file
holds no more). A list imported again under that name and date with other entries is another
import of it (the store keeps a digest of each import's entries), which the recording does not
cover: the tab says so and offers "Record as screened" again. Which import a recording stands
for is known in this window only (:meth:`ScreeningPanel.recorded_import`): the one recorded or
decided on here, else the one the store held when the tab first read the lists or screened the
recorded list for the document opened. A file opened after the list was imported again is
taken as recorded against the import held then (nothing in it tells the imports apart), and
recording again an import of the same name and date changes nothing in the file (no undo
step, no unsaved change): the tab notes it, for this window.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from desktop.document.controller import DocumentController
from desktop.document.screening_edits import HitChoice
from desktop.files.jobs import start
from desktop.screening import dialogs
from desktop.screening.importing import ListImporter
from desktop.screening.job import ListChoice, ScreenJob, available_lists
from desktop.screening.removing import ListRemover
from desktop.screening.tree import (
    HIT,
    NOT_IN_STORE,
    PROJECT,
    TERRITORY,
    Row,
    build_rows,
    counts,
    describe,
)
from desktop.screening.tree_view import ScreeningTree, row_of
from desktop.ui import style
from rrisk.screening.decisions import CONFIRMED, DISMISSED, same_list
from rrisk.screening.redlines import placing_field
from rrisk.text import plural

if TYPE_CHECKING:
    from rrisk.screening.screen import ScreeningReport

RESCREEN_DELAY_MS = 400
INDEXING_WHY = (
    "First the imported lists are indexed again after an update of RRisk, which matches names "
    "differently from the version that imported them: once only, up to a minute for a large "
    "list."
)
"""Why a screening of an imported list waits after an update (the store indexed again)."""
RECORD_TIP = (
    "Record in the assessment that it was screened against this list and date, even with no "
    "hit (the memo names them); one undo step"
)
RECORD_AGAIN_TIP = (
    "The assessment records this list and date already, from an earlier import of the list: "
    "record that this import was screened (the file holds the list's name and date only, so "
    "nothing in it changes; this window knows it)"
)

Version = tuple[str, str, int, str]
"""Which import of a list (see :func:`rrisk.screening.screen.list_version`)."""


def _recording_key(list_name: str, as_of: str) -> tuple[str, str]:
    """A recording's list and date, the name read as :func:`same_list` reads it."""
    return " ".join(list_name.split()).casefold(), as_of or ""


def _signature(controller: DocumentController) -> tuple:
    """What screening reads from the document: projects, their regions, countries (a country
    alone can place a project in a territory) and counterparties."""
    return tuple(
        (p.id, p.name, p.region, p.country, tuple(p.counterparties))
        for p in controller.document.projects
    )


class _ListChooser(QComboBox):
    """The list chooser; says when its list of lists is about to open."""

    opening = Signal()

    def showPopup(self) -> None:
        self.opening.emit()
        super().showPopup()


class ScreeningPanel(QWidget):
    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screeningPanel")
        self._controller = controller
        self._choices: list[ListChoice] = []
        self._report: ScreeningReport | None = None
        self._screened: tuple | None = None
        self._pending_signature: tuple | None = None
        """What the screening under way reads (the list and :func:`_signature`)."""
        self.job: ScreenJob | None = None
        self._rows: list[Row] = []
        self._notice = ""
        """A one-off line shown before the summary (the list just imported)."""
        self._rows_key: tuple | None = None
        """What the rows shown were built from (see :meth:`_rows_source`)."""
        self._wanted: tuple[str, ...] | None = None
        """The line to select once the screening shows it (:meth:`select_project`)."""
        self._lists_problem = ""
        """Why the store could not be read when the lists were last read ('' if it was)."""
        self._recorded_imports: dict[tuple[str, str], Version] = {}
        """For the document open, the import of a list each recording (its list and date, see
        :func:`_recording_key`) stands for, as far as this window knows it (see the module's
        docstring)."""
        self.importer = ListImporter(self)
        self.importer.imported.connect(self._imported)
        self.importer.failed.connect(self._import_failed)
        self.importer.cancelled.connect(self._import_cancelled)
        self.remover = ListRemover(self)
        self.remover.removed.connect(self._removed)
        self.remover.failed.connect(self._remove_failed)
        self._build()
        self._rescreen_timer = QTimer(self)
        self._rescreen_timer.setSingleShot(True)
        self._rescreen_timer.setInterval(RESCREEN_DELAY_MS)
        self._rescreen_timer.timeout.connect(self._screen_if_needed)
        controller.documentReplaced.connect(self._document_replaced)
        controller.documentChanged.connect(self._document_changed)
        self._lists_loaded = False
        """The list chooser is filled when the tab is first shown (it reads the list store)."""

    # -- construction -----------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        bar = QHBoxLayout()
        label = QLabel("List", self)
        self.list_box = _ListChooser(self)
        self.list_box.opening.connect(self._chooser_opening)
        self.list_box.setObjectName("screeningList")
        self.list_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        label.setBuddy(self.list_box)
        self.list_box.activated.connect(self._list_chosen)
        # Any change of the chosen list screens it (a pick by keyboard, mouse, wheel, or by a
        # program or assistive technology that sets the chooser): only a pick with the mouse
        # or keys did, and a list set otherwise stood chosen beside another list's hits.
        self.list_box.currentIndexChanged.connect(self._list_changed)
        self._refilling = False
        """The chooser is being filled again (:meth:`refresh_lists`): its changes are no pick."""
        self.screen_button = QPushButton("Screen a&gain", self)
        self.screen_button.setToolTip("Screen every counterparty and region again")
        self.screen_button.clicked.connect(self.screen_again)
        self.import_button = QPushButton("&Import list…", self)
        self.import_button.setToolTip(
            "Import a sanctions list in the OpenSanctions targets.simple.csv layout"
        )
        self.import_button.clicked.connect(self.import_dialog)
        self.remove_button = QPushButton("&Remove list…", self)
        self.remove_button.setObjectName("screeningRemoveList")
        self.remove_button.setAccessibleName("Remove the chosen list")
        self.remove_button.setToolTip(
            "Remove the chosen imported list from this computer's list store (the bundled "
            "list stays); assessments keep the decisions recorded on it"
        )
        self.remove_button.clicked.connect(self.remove_dialog)
        self.list_box.currentIndexChanged.connect(self._update_list_buttons)
        self.record_button = QPushButton("Record as scree&ned", self)
        self.record_button.setObjectName("screeningRecordButton")
        self.record_button.setToolTip(RECORD_TIP)
        self.record_button.setEnabled(False)
        self.record_button.clicked.connect(self.record_screening)
        bar.addWidget(label)
        bar.addWidget(self.list_box)
        bar.addWidget(self.screen_button)
        # Stop, shown while a screening runs: a large imported list takes a tenth of a second or
        # more for each counterparty, minutes for some hundreds, and a list picked by mistake
        # could only be waited out.
        self.stop_button = QPushButton("Sto&p", self)  # (Alt+S is the Screening tab)
        self.stop_button.setObjectName("screeningStop")
        self.stop_button.setAccessibleName("Stop screening")
        self.stop_button.setToolTip(
            "Stop this screening: the lines shown stay those of the last screening finished"
        )
        self.stop_button.clicked.connect(self.stop_screening)
        self.stop_button.hide()
        bar.addWidget(self.record_button)
        bar.addWidget(self.import_button)
        bar.addWidget(self.remove_button)
        bar.addWidget(self.stop_button)  # last: shown, it moves no other button
        bar.addStretch(1)
        layout.addLayout(bar)
        # Busy while a screening runs, so a pick is seen to be under way at once: the share
        # of counterparties screened once the list is searched (before, while an imported
        # list is opened or indexed again after an update, none is known).
        self.busy = QProgressBar(self)
        self.busy.setObjectName("screeningBusy")
        self.busy.setAccessibleName("Screening under way")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(self.fontMetrics().height() // 2 + 2)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.summary = QLabel(self)
        self.summary.setObjectName("screeningSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.tree = ScreeningTree(splitter)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.currentItemChanged.connect(self._current_changed)
        em = self.fontMetrics().horizontalAdvance("M")

        side = QWidget(splitter)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(style.SPACING, 0, 0, 0)
        self.detail = QLabel(side)
        self.detail.setObjectName("screeningDetail")
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Reached with Tab from the list, before the buttons that act on the line it
        # describes: the entry's programmes, sources and note are said nowhere else.
        style.make_keyboard_readable(self.detail)
        self.detail.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # until a line is selected
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton("&Confirm…", side)
        self.dismiss_button = QPushButton("Dismiss…", side)
        self.clear_button = QPushButton("Clea&r decision", side)
        self.override_button = QPushButton("&Override rule…", side)
        self.restore_button = QPushButton("Res&tore rule", side)
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.clear_button.clicked.connect(self.clear_selected)
        self.override_button.clicked.connect(self.override_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self._actions = (
            self.confirm_button,
            self.dismiss_button,
            self.clear_button,
            self.override_button,
            self.restore_button,
        )
        """The buttons acting on the selected line (also offered in its context menu)."""
        for button in self._actions:
            buttons.addWidget(button)
        buttons.addStretch(1)
        side_layout.addLayout(buttons)
        # Until a line is chosen the pane says what it is for (it stood blank, a third of
        # the tab, beside a list whose names were cut short).
        self.detail_hint = style.muted_label(
            "Select a line of the list to see its details here: a hit's entry, programmes "
            "and sources, or a territory rule's legal basis. A hit can then be confirmed or "
            "dismissed, a territory rule overridden.",
            side,
        )
        self.detail_hint.setObjectName("screeningDetailHint")
        self.detail_hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        side_layout.addWidget(self.detail_hint)
        side_layout.addWidget(self.detail, 1)
        side.setMinimumWidth(em * 30)
        self.splitter = splitter
        self._side = side
        self._sized = False
        splitter.addWidget(self.tree)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        self._update_buttons(None)
        self._update_list_buttons()

    # -- lists ------------------------------------------------------------------------------
    def refresh_lists(self, select: str | None = None) -> None:
        """Fill the list chooser: the bundled list, then the imported ones."""
        choices, problem, busy = available_lists()
        kept = busy and self._lists_loaded
        if kept:
            # Read again while the store is busy (an import in another window): the lists
            # read before stand, and so do the one chosen and what was said of them. A
            # damaged store is said at every showing until it is mended.
            choices, problem = self._choices, self._lists_problem
        self._lists_loaded = True
        self._choices = choices
        self._lists_problem = problem
        current = select or self.list_name()
        self._refilling = True
        try:
            self.list_box.clear()
            for choice in self._choices:
                self.list_box.addItem(choice.label(), choice.name)
            self._note_recorded_import()
            recorded = self._controller.document.screening.list_name
            for wanted in (current, recorded):
                position = self._position_of(wanted) if wanted else -1
                if position >= 0:
                    self.list_box.setCurrentIndex(position)
                    break
        finally:
            self._refilling = False
        self._update_list_buttons()
        if problem and not kept:  # (kept: the summary says it already)
            self.summary.setText(f"Imported lists are not available: {problem}")

    def _note_recorded_import(self, report: ScreeningReport | None = None) -> None:
        """Take the document's recording as made against the import of its list the store
        holds now (from the lists read, or ``report``, a screening of it), unless this window
        knows already which import it stands for."""
        recorded = self._controller.document.screening
        if not recorded.list_name:
            return
        key = _recording_key(recorded.list_name, recorded.list_as_of)
        if key in self._recorded_imports:
            return
        if report is not None:
            held = (
                [report.version]
                if _recording_key(report.list_name, report.list_as_of) == key
                else []
            )
        else:
            held = [
                choice.version
                for choice in self._choices
                if _recording_key(choice.name, choice.as_of) == key
            ]
        if held and held[0] is not None:
            self._recorded_imports[key] = held[0]

    def recorded_import(self) -> Version | None:
        """Which import of its list the document's recording stands for, as known in this
        window (None: not known, or no recording)."""
        recorded = self._controller.document.screening
        return self._recorded_imports.get(_recording_key(recorded.list_name, recorded.list_as_of))

    def recorded(self, report: ScreeningReport | None = None) -> bool:
        """Whether the document records the screening ``report`` (default: the one shown):
        its list (case and spacing aside) and as-of date, and, when this window knows which
        import of that list the recording stands for, that import (a list imported again
        under the same name and date with other entries is not recorded)."""
        report = report if report is not None else self._report
        if report is None:
            return False
        recorded = self._controller.document.screening
        if (recorded.list_name, recorded.list_as_of) != (report.list_name, report.list_as_of):
            return False
        known = self.recorded_import()
        return known is None or report.version is None or known == report.version

    def _earlier_import_recorded(self, report: ScreeningReport) -> bool:
        """Whether the document records the list and date of ``report`` but an earlier
        import of the list, with other entries."""
        recorded = self._controller.document.screening
        same = (recorded.list_name, recorded.list_as_of) == (report.list_name, report.list_as_of)
        return same and not self.recorded(report)

    def _position_of(self, name: str) -> int:
        """The chooser's line of the list ``name``: that name, else the one equal to it but
        for case and spacing, as the store reads a list's name (a document records "OFAC"
        for the list imported again as "ofac")."""
        position = self.list_box.findData(name)
        if position < 0:
            position = next(
                (at for at, choice in enumerate(self._choices) if same_list(choice.name, name)),
                -1,
            )
        return position

    def list_name(self) -> str:
        data = self.list_box.currentData()
        return str(data) if data else ""

    def _chosen(self) -> ListChoice | None:
        name = self.list_name()
        return next((choice for choice in self._choices if choice.name == name), None)

    def _in_store(self, name: str) -> bool:
        """Whether the list ``name`` is here to screen against (the bundled one, or one in
        this computer's store); True when the store could not be read, as nothing is known."""
        return bool(self._lists_problem) or any(
            same_list(choice.name, name) for choice in self._choices
        )

    def _update_list_buttons(self, _index: int = -1) -> None:
        """Import and Remove list… while no import or removal runs; Remove only for an
        imported list (the bundled one stays)."""
        idle = not self.importer.busy and not self.remover.busy
        chosen = self._chosen()
        self.import_button.setEnabled(idle)
        self.remove_button.setEnabled(idle and chosen is not None and not chosen.bundled)

    def _list_changed(self, _index: int) -> None:
        """Another list chosen, however: screened at once while the tab is on screen (its
        showing screens it otherwise), with the busy bar and the summary saying so."""
        if self._refilling or not self.isVisible() or not self.list_name():
            return
        if self._screening(self.list_name()):
            return
        self.screen_again()

    def _list_chosen(self, _index: int) -> None:
        """A pick in the chooser: the list changed is screening already (see
        :meth:`_list_changed`); the list shown picked again is screened again."""
        self._wanted = None  # a hit sought on the list before is not this one's
        if not self._screening(self.list_name()):
            self.screen_again()

    def _screening(self, name: str) -> bool:
        """Whether the screening under way is of the list ``name`` and the document now."""
        return self.job is not None and self._pending_signature == (
            name,
            _signature(self._controller),
        )

    def _chooser_opening(self) -> None:
        """The lists read again as the chooser opens (see :meth:`showEvent`)."""
        self.refresh_lists()
        self._screen_if_needed()  # the list chosen is gone (replaced under another case)

    # -- screening --------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Read each time: a list may have been imported since by `rrisk lists import` or
        # another window, and the chooser offered only the lists of the tab's first showing.
        self.refresh_lists()
        if not self._sized:
            # The list gets most of the width; the details of one line need less.
            self._sized = True
            total = sum(self.splitter.sizes()) or self.width()
            side = max(self._side.minimumWidth(), int(total * 0.3))
            self.splitter.setSizes([total - side, side])
        self._rebuild_if_changed()  # edits made while the tab was hidden
        self._screen_if_needed()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The details go under the list when the tab is narrow (a small window, the
        inspector docked beside it): beside it, they left the list a third of a 640 px tab,
        every name cut to a few letters."""
        super().resizeEvent(event)
        em = self.fontMetrics().horizontalAdvance("M")
        wanted = Qt.Orientation.Vertical if self.width() < em * 80 else Qt.Orientation.Horizontal
        if self.splitter.orientation() == wanted:
            return
        self.splitter.setOrientation(wanted)
        if wanted == Qt.Orientation.Vertical:
            self._side.setMinimumWidth(0)
            total = max(1, self.splitter.height())
            self.splitter.setSizes([total * 2 // 3, total - total * 2 // 3])
        else:
            self._side.setMinimumWidth(em * 30)
            total = max(1, self.splitter.width())
            side = max(self._side.minimumWidth(), int(total * 0.3))
            self.splitter.setSizes([total - side, side])

    def _screen_if_needed(self) -> None:
        if not self.isVisible():
            return
        if self._report is None or self._screened != (
            self.list_name(),
            _signature(self._controller),
        ):
            self.screen_again()

    def screen_again(self) -> None:
        """Screen the document against the chosen list in the background."""
        self.cancel_screening()
        name = self.list_name()
        job = ScreenJob(self._controller.document, name)
        job.signals.finished.connect(self._screened_report)
        job.signals.failed.connect(self._screen_failed)
        job.signals.progress.connect(self._screen_progress)
        job.signals.indexing.connect(self._screen_indexing)
        self.job = job
        self._pending_signature = (name, _signature(self._controller))
        self._set_busy(True)
        choice = next((c for c in self._choices if c.name == name), None)
        indexing = f" {INDEXING_WHY}" if choice is not None and choice.indexing else ""
        self.summary.setText(f"Screening against {name}…{indexing}{self._lines_meanwhile(name)}")
        start(job)

    def _lines_meanwhile(self, name: str) -> str:
        """What the lines below are while the list ``name`` is screened, if another's."""
        shown = self._report.list_name if self._report is not None else ""
        if shown and not same_list(shown, name):
            return f" The lines below are those of {shown} until it is done."
        return ""

    def _screen_indexing(self, per_mille: int) -> None:
        """The imported lists indexed again before the search (once after an update): the
        bar and the summary give the share done (the bar was busy with no share, up to a
        minute, and the summary said it only if the chooser had read the store so)."""
        if self.sender() is not getattr(self.job, "signals", None) or self.job is None:
            return  # a job replaced or cancelled since
        self.busy.setRange(0, 1000)
        self.busy.setValue(per_mille)
        said = f"Imported lists indexed again: {per_mille // 10}%"
        self.busy.setToolTip(said)
        self.busy.setAccessibleDescription(said)
        name = self.job.list_name
        self.summary.setText(
            f"Screening against {name}… {INDEXING_WHY} {per_mille // 10}% done; the "
            f"counterparties are screened next.{self._lines_meanwhile(name)}"
        )

    def _set_busy(self, busy: bool) -> None:
        """A screening runs (the busy bar shown, Screen again and Record as screened
        unavailable: it recorded the list of the lines still shown, not the one chosen) or
        none does."""
        self.busy.setRange(0, 0)  # no share known until the first counterparty is screened
        self.busy.setToolTip("")
        self.busy.setVisible(busy)
        self.stop_button.setVisible(busy)
        self.screen_button.setEnabled(not busy)
        self.record_button.setEnabled(
            not busy and self._report is not None and not self.recorded(self._report)
        )

    def _screen_progress(self, done: int, total: int) -> None:
        if self.sender() is not getattr(self.job, "signals", None):
            return  # a job replaced or cancelled since
        self.busy.setRange(0, max(total, 1))
        self.busy.setValue(done)
        said = f"{done:,} of {plural(total, 'counterparty', 'counterparties')} screened"
        self.busy.setToolTip(said)
        self.busy.setAccessibleDescription(said)

    def stop_screening(self) -> None:
        """Stop the screening under way (Stop): the lines shown stay those of the last
        screening finished, and the chooser goes back to its list, so it never names a list
        the lines are not of."""
        job = self.job
        if job is None:
            return
        self.cancel_screening()
        self._wanted = None  # a hit sought on the list stopped is not shown
        report = self._report
        if report is None:
            self.summary.setText(
                f"Screening against {job.list_name} stopped: nothing screened is shown. "
                "Screen again to screen every counterparty."
            )
            return
        position = self._position_of(report.list_name)
        if position >= 0 and position != self.list_box.currentIndex():
            self._refilling = True  # back to the list the lines are of: no pick
            try:
                self.list_box.setCurrentIndex(position)
            finally:
                self._refilling = False
            self._update_list_buttons()
        self._notice = (
            f"Screening against {job.list_name} stopped: the lines are those of the last "
            f"screening, against {report.list_name}."
        )
        self._update_summary()

    def cancel_screening(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job = None
        self._set_busy(False)

    def cancel(self) -> None:
        """Stop background work (the window is closing)."""
        self._rescreen_timer.stop()
        self.cancel_screening()
        self.importer.shutdown()  # (a list import asked about first: see desktop.ui.closing)

    def _screened_report(self, report: ScreeningReport) -> None:
        if self.sender() is not getattr(self.job, "signals", None):
            return  # a job replaced or cancelled since
        self.job = None
        self._set_busy(False)
        if any(c.name == report.list_name and c.indexing for c in self._choices):
            # The search indexed the whole store: every imported list is ready now.
            self._choices = [replace(c, indexing=False) for c in self._choices]
        self._report = report
        self._screened = self._pending_signature
        self._note_recorded_import(report)
        self._rebuild()

    def _screen_failed(self, message: str) -> None:
        if self.sender() is not getattr(self.job, "signals", None):
            return
        name = self.job.list_name if self.job is not None else ""
        self.job = None
        self._set_busy(False)
        # The line sought is not shown: a later screening, of another list maybe (the
        # chooser's fallback, a pick), would select that list's entry of the same id.
        self._wanted = None
        if name:
            self.refresh_lists()
            if not self._in_store(name):
                # Removed since by another window or `rrisk lists remove`: the chooser fell
                # back (to the recorded list, else the bundled one), which is screened now.
                self._notice = self._gone(name)
                self.screen_again()
                return
        self.summary.setText(f"Screening failed: {message}")

    @staticmethod
    def _gone(name: str) -> str:
        return (
            f"The list {name} is no longer in this computer's list store (removed in another "
            "window or by rrisk lists remove)."
        )

    def _document_replaced(self) -> None:
        self.cancel_screening()
        self._recorded_imports = {}  # another document's recordings
        self._report = None
        self._screened = None
        self._rows = []
        self._rows_key = None
        self._wanted = None
        self.tree.clear()
        if self._lists_loaded:
            self.refresh_lists(self._controller.document.screening.list_name or None)
        self._screen_if_needed()

    def _document_changed(self) -> None:
        if self._report is None:
            return
        if self._screened != (self.list_name(), _signature(self._controller)):
            self._rescreen_timer.start()
        if self.isVisible():  # else when the tab is shown again
            self._rebuild_if_changed()

    # -- the tree ---------------------------------------------------------------------------
    def _rows_source(self) -> tuple:
        """What the rows and the summary read: the report, the projects' names and
        counterparties, the screening record (decisions, territory overrides) and the
        ranking's red lines outside screening. A score (unless it crosses a criterion's
        red-line rule), a weight or a rationale changes none of it, and rebuilding thousands
        of rows on each such edit froze the window."""
        screening = self._controller.document.screening
        return (
            id(self._report),
            _signature(self._controller),
            screening.model_dump_json(),
            self._ranking_red_lines(),
        )

    def _ranking_red_lines(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Per project, the criteria a red line outside screening (a cell's flag, a rule on
        its score) excludes it on in the ranking (see :func:`build_rows`)."""
        result = self._controller.result
        names = {criterion.id: criterion.name for criterion in self._controller.document.criteria}
        found = []
        for project_id, lines in zip(result.matrix.project_ids, result.red_lines, strict=False):
            on = tuple(
                dict.fromkeys(
                    names.get(line.criterion, line.criterion)
                    for line in lines
                    if line.kind in ("manual", "rule")
                )
            )
            if on:
                found.append((project_id, on))
        return tuple(found)

    def _rebuild_if_changed(self) -> None:
        if self._report is None:
            return
        source = self._rows_source()  # (the red lines walked, the record written: once)
        if source != self._rows_key:
            self._rebuild(source)

    def _rebuild(self, source: tuple | None = None) -> None:
        """Show the report's rows again; ``source`` is :meth:`_rows_source` when the caller
        has it."""
        if self._report is None:
            return
        self._rows_key = source if source is not None else self._rows_source()
        selected = self._selected_row()
        key = self._wanted or (selected.key if selected is not None else None)
        self._rows = build_rows(self._report, self._controller.document, dict(self._rows_key[-1]))
        found = self.tree.show_rows(self._rows, key)
        if found or self._screened == (self.list_name(), _signature(self._controller)):
            # Else kept for the screening to come: the rows of another list, or of the
            # counterparties before an edit, shown again as the tab is, lack the line.
            self._wanted = None
        if not found:
            self._current_changed(self.tree.currentItem(), None)
        elif (current := self.tree.currentItem()) is not None:
            self.tree.scrollToItem(current)
        self._update_summary()

    def select_project(self, project_id: str) -> None:
        """Select a project's line, its rules and hits below it (where the check's list
        sends a screening problem): at once if the tab shows it, else when the screening
        running for the tab does."""
        self._select((PROJECT, project_id, ""))

    def select_hit(self, list_name: str, project_id: str, counterparty: str, entry: str) -> None:
        """Select a hit of the list ``list_name`` (where the check's list sends a hit nobody
        has decided): the list is chosen, and screened if it is not the one shown, and the
        hit's line selected and scrolled to, at once or once that screening shows it (the
        link showed the list chosen before, another list's hits maybe, the hit not among
        them). Screened once: by the tab's showing when it is hidden (call this first), by
        the screening under way when that is of this list."""
        if not self._lists_loaded:
            self.refresh_lists()
        position = self._position_of(list_name)
        if position >= 0 and position != self.list_box.currentIndex():
            self.list_box.setCurrentIndex(position)
        key = (HIT, project_id, counterparty, entry)
        report = self._report
        if report is not None and same_list(report.list_name, self.list_name()):
            self._select(key)
            return
        self._wanted = key
        if not self.isVisible():
            return  # the tab's showing screens the list chosen (it screened it twice)
        if self._screening(self.list_name()):
            return  # the screening the tab's showing started is of this list: it shows the hit
        self.screen_again()

    def _select(self, key: tuple[str, ...]) -> None:
        """Select the line with ``key`` and scroll to it, else when the screening shows it."""
        item = self._item_of(key)
        if item is None:
            self._wanted = key
            return
        self.tree.reveal(item)
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)

    def _item_of(self, key: tuple[str, ...]) -> QTreeWidgetItem | None:
        iterator = QTreeWidgetItemIterator(self.tree)
        while (item := iterator.value()) is not None:
            row = row_of(item)
            if row is not None and row.key == key:
                return item
            iterator += 1
        return None

    def _update_summary(self) -> None:
        report = self._report
        if report is None:
            return
        doc = self._controller.document
        totals = counts(self._rows)
        if not any(project.counterparties for project in doc.projects):
            # The list chosen is named still: it said nothing of it, as if the pick was lost.
            head = (
                f"No project names a counterparty yet, so nothing was screened against "
                f"{report.list_name} (as of {report.list_as_of or 'not given'}); the territory "
                "rules were checked. Add counterparties in Editors → Projects."
            )
        else:
            head = (
                f"{plural(totals['counterparties'], 'counterparty', 'counterparties')} of "
                f"{plural(len(self._rows), 'project')} screened against {report.list_name} "
                f"(as of {report.list_as_of or 'not given'}): {plural(totals['hits'], 'hit')} — "
                f"{totals['confirmed']} confirmed, {totals['dismissed']} dismissed, "
                f"{totals['pending']} pending."
            )
            if totals["recorded"]:
                head += (
                    f" {plural(totals['recorded'], 'decision')} recorded on entries not on "
                    "this list."
                )
            if totals["left_over"]:
                head += (
                    f" {plural(totals['left_over'], 'decision')} left over on counterparties "
                    "no longer named (they count for nothing: Clear decision removes them)."
                )
        recorded = doc.screening
        if recorded.list_name:
            head += f" Screening recorded against {recorded.list_name}"
            head += f" (as of {recorded.list_as_of})" if recorded.list_as_of else ""
            if self._earlier_import_recorded(report):
                head += (
                    ", an earlier import of it: the list was imported again under the same "
                    "name and date with other entries, which no recording covers yet (Record "
                    "as screened records this one)."
                )
            else:
                head += "."
            if not self._in_store(recorded.list_name):
                head += f" {NOT_IN_STORE}"
        self.record_button.setEnabled(not self.recorded(report))
        earlier = bool(recorded.list_name) and self._earlier_import_recorded(report)
        self.record_button.setToolTip(RECORD_AGAIN_TIP if earlier else RECORD_TIP)
        if self._lists_problem:  # said first, as before the screening (it was lost once done)
            head = f"Imported lists are not available: {self._lists_problem} {head}"
        self.summary.setText(f"{self._notice} {head}" if self._notice else head)
        self._notice = ""

    def current_report(self) -> ScreeningReport | None:
        """The last screening when it is current for the document as it is now (see
        :func:`rrisk.screening.screen.current_for`), else None: the check before a memo
        reads its hits from it, screening nothing again."""
        from rrisk.screening.screen import current_for

        report = self._report
        if report is None or not current_for(self._controller.document, report):
            return None
        return report

    def record_screening(self) -> bool:
        """Record the list and as-of date of the screening shown (hits or none), and, in this
        window, which import of the list it was (see the module's docstring): recording again
        an import of the list and date recorded already changes nothing in the file."""
        report = self._report
        if report is None or self.job is not None:
            return False  # (while another list is screened, the lines shown are not its)
        if not self._controller.record_screening(report.list_name, report.list_as_of or ""):
            return False
        self._noted_as_recorded(report)
        return True

    def _noted_as_recorded(self, report: ScreeningReport) -> None:
        """The document's recording now stands for ``report``'s import of its list."""
        if report.version is not None:
            key = _recording_key(report.list_name, report.list_as_of)
            self._recorded_imports[key] = report.version
        self._update_summary()  # (no edit was made when only the import differed)

    def _selected_row(self) -> Row | None:
        return self.tree.selected_row()

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        row = row_of(current)
        self.detail.setText(
            describe(row, self._controller.document, self._in_store) if row is not None else ""
        )
        self.detail_hint.setVisible(row is None)
        # No stop on the pane while it is empty: Tab goes from the list to the buttons.
        self.detail.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus if row is not None else Qt.FocusPolicy.NoFocus
        )
        self._update_buttons(row)

    def _update_buttons(self, row: Row | None) -> None:
        hit = row is not None and row.kind == HIT
        rule = row is not None and row.kind == TERRITORY and row.territory is not None
        # A decision left over on a name the project no longer gives can only be cleared.
        decidable = hit and row is not None and not row.left_over
        self.confirm_button.setEnabled(decidable)
        self.dismiss_button.setEnabled(decidable)
        self.clear_button.setEnabled(hit and row is not None and row.decision is not None)
        applies = rule and row is not None and row.territory is not None and row.territory.applies
        self.override_button.setEnabled(bool(applies))
        self.restore_button.setEnabled(
            bool(applies and row is not None and (row.override or row.blank_override))
        )
        # Only the buttons that act on this kind of line are shown (a narrow pane has room).
        for button in (self.confirm_button, self.dismiss_button, self.clear_button):
            button.setVisible(hit)
        for button in (self.override_button, self.restore_button):
            button.setVisible(rule)

    # -- decisions --------------------------------------------------------------------------
    def confirm_selected(self) -> bool:
        return self._decide(CONFIRMED)

    def dismiss_selected(self) -> bool:
        return self._decide(DISMISSED)

    def _decide(self, decision: str) -> bool:
        row = self._selected_row()
        if row is None or row.kind != HIT or row.hit is None or row.left_over:
            return False
        hit, previous = row.hit, row.decision
        answer = dialogs.ask_decision(self, row, confirm=decision == CONFIRMED)
        if answer is None:
            return False
        report = self._report
        list_name = report.list_name if report is not None and not hit.recorded_only else ""
        as_of = report.list_as_of if report is not None and not hit.recorded_only else ""
        if hit.recorded_only and previous is not None:
            list_name, as_of = previous.list_name, self._controller.document.screening.list_as_of
        choice = HitChoice(
            project=row.project,
            counterparty=row.counterparty,
            entry_id=hit.entry_id,
            entry_name=hit.entry_name,
            matched_name=hit.matched_name,
            score=hit.score,
            sanctions=hit.sanctions,
            decision=decision,
            note=answer.note,
            no_red_line_reason=answer.no_red_line_reason,
        )
        decided = self._controller.decide_hit(choice, list_name, as_of)
        if decided and report is not None and not hit.recorded_only:
            # A decision records the list screened, as of this import (see the docstring).
            self._noted_as_recorded(report)
        return decided

    def clear_selected(self) -> bool:
        row = self._selected_row()
        if row is None or row.kind != HIT or row.hit is None:
            return False
        # The decision shown on this row, on its own list (an older file's names none).
        report = self._report
        list_name = report.list_name if report is not None else None
        if row.decision is not None:
            list_name = row.decision.list_name
        in_panel = self._has_focus()
        cleared = self._controller.clear_hit_decision(
            row.project, row.counterparty, row.hit.entry_id, list_name
        )
        if self.tree.currentItem() is None:
            # A decision left over goes with its line: its project's line is chosen instead.
            self.select_project(row.project)
        self._keep_focus(in_panel)
        return cleared

    def _has_focus(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and self.isAncestorOf(focus)

    def _keep_focus(self, had_it: bool) -> None:
        """After an action on the selected line: the focus, when it was here and the action's
        button went (hidden or disabled with nothing left to do), goes to the list, where the
        line is (it went on to the next field of the window, a score of the cell inspector,
        which the next keys changed)."""
        if had_it and not self._has_focus():
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def override_selected(self) -> bool:
        row = self._selected_row()
        if row is None or row.territory is None or not row.territory.applies:
            return False
        project = self._controller.document.project(row.project)
        field = placing_field(project, row.territory.territory)
        justification = dialogs.ask_override(
            self, project.name, row.territory.name, row.override, field
        )
        if justification is None:
            return False
        return self._controller.override_territory(
            row.project, row.territory.territory, justification
        )

    def restore_selected(self) -> bool:
        row = self._selected_row()
        if row is None or row.territory is None:
            return False
        in_panel = self._has_focus()
        restored = self._controller.clear_territory_override(row.project, row.territory.territory)
        self._keep_focus(in_panel)
        return restored

    def _context_menu(self, point: QPoint) -> None:
        item = self.tree.itemAt(point)
        if item is None:
            return
        self.tree.setCurrentItem(item)
        menu = QMenu(self)
        for button in self._actions:
            if button.isEnabled():
                menu.addAction(button.text().replace("&", ""), button.click)
        if not menu.isEmpty():
            menu.exec(self.tree.viewport().mapToGlobal(point))
        menu.deleteLater()

    # -- importing a list -------------------------------------------------------------------
    def import_dialog(self) -> bool:
        """Ask for a list file, its name and as-of date, then import it in the background."""
        # The lists as stored now, so the dialog says which name replaces a list: one may
        # have been imported since by `rrisk lists import` or another window.
        self.refresh_lists()
        return self.importer.ask(self._choices)

    def import_list(self, path: str, name: str, as_of: str) -> bool:
        """Import ``path`` as list ``name`` off the GUI thread, with progress and Cancel."""
        if self.remover.busy:
            return False
        started = self.importer.start(path, name, as_of)
        self._update_list_buttons()
        return started

    def _imported(self, name: str, entries: int) -> None:
        self._update_list_buttons()
        self.refresh_lists(select=name)
        noun = "entry" if entries == 1 else "entries"
        self._notice = f"Imported list {name}: {entries:,} {noun}."
        self.screen_again()

    def _import_failed(self, message: str) -> None:
        self._update_list_buttons()
        self.summary.setText(f"The list was not imported: {message}")

    def _import_cancelled(self) -> None:
        self._update_list_buttons()
        self.summary.setText("Import cancelled: the stored lists are as they were.")

    # -- removing a list --------------------------------------------------------------------
    def remove_dialog(self) -> bool:
        """Ask to remove the chosen imported list, then remove it in the background."""
        if self.importer.busy or self.remover.busy:
            return False
        # The lists as stored now: another window or `rrisk lists import` may have replaced
        # the chosen one (its entry count) or removed it since.
        wanted = self.list_name()
        self.refresh_lists()
        chosen = self._chosen()
        if chosen is None or chosen.bundled or not same_list(chosen.name, wanted):
            if chosen is not None and not same_list(chosen.name, wanted):
                # Gone meanwhile: the chooser fell back, and the list it fell back to is not
                # the one the user asked to remove.
                self._notice = self._gone(wanted)
            self._screen_if_needed()
            return False
        recorded = self._controller.document.screening.list_name
        asked = dialogs.ask_remove_list(
            self,
            chosen.name,
            chosen.entries,
            chosen.as_of,
            bool(recorded) and same_list(recorded, chosen.name),
        )
        return asked and self.remove_list(chosen.name)

    def remove_list(self, name: str) -> bool:
        """Remove the imported list ``name`` off the GUI thread (see :mod:`.removing`)."""
        if self.importer.busy or self.remover.busy:
            return False
        if same_list(self.list_name(), name):
            # Nothing to screen against any more; a search under way would hold the store.
            self.cancel_screening()
            self._wanted = None
        self.remover.start(name)
        self._update_list_buttons()
        self.summary.setText(f"Removing list {name}…")
        return True

    def _removed(self, name: str, entries: int) -> None:
        # Not offered again from the lists read before, should the store be busy now.
        self._choices = [choice for choice in self._choices if not same_list(choice.name, name)]
        # The chooser falls back to the list the assessment records, else the bundled one.
        self.refresh_lists()
        noun = "entry" if entries == 1 else "entries"
        self._notice = f"Removed list {name} ({entries:,} {noun})."
        # Against the list fallen back to; not for a tab hidden or a window closed meanwhile.
        self._screen_if_needed()

    def _remove_failed(self, message: str) -> None:
        self.refresh_lists()
        self._notice = f"The list was not removed: {message}"
        self._screen_if_needed()  # a screening stopped for the removal is made again
        if self.job is None:  # nothing to screen again: said at once
            if self._report is None:
                self.summary.setText(self._notice)
                self._notice = ""
            else:
                self._update_summary()
