"""Weight sensitivity of the current scenario: tornado of one project and the rank reversal.

Both come from :mod:`rrisk.analysis` and are recomputed after every change (``resultChanged``
follows every edit, undo and scenario change); while the panel is hidden the work waits until
it is shown again. On a small matrix they take milliseconds and are computed at once; on a
large one (more than :data:`BACKGROUND_CELLS` cells: the rank reversal scores every criterion's
weight hundreds of times, ~1 s at 500 × 40) they run off the GUI thread, a short pause after
the last edit, and the window stays responsive: the figures shown are marked as being worked
out until the new ones arrive, and a result for a document edited since is dropped. The
tornado follows the project selected anywhere in the window and defaults to the top-ranked
project.
"""

from __future__ import annotations

import itertools
import math
import threading
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.analysis.tornado_chart import TornadoChart, TornadoRow
from desktop.document.commands import snapshot
from desktop.files.jobs import ended, start
from desktop.ui import style
from rrisk.analysis import (
    NO_RANKING_TO_REVERSE,
    AnalysisCancelled,
    RankReversal,
    Tornado,
    rank_reversals,
    reversal_range_text,
    tornado,
)
from rrisk.fmt import fmt_precise_weight, fmt_weight_change
from rrisk.model import MAX_WEIGHT
from rrisk.text import names_apart

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.document.controller import DocumentController
    from rrisk.model import Assessment
    from rrisk.scoring import ScoreResult

BACKGROUND_CELLS = 4_000
"""Projects × criteria above which the sensitivity is worked out off the GUI thread."""
WORKING_TEXT = "Working out the weight sensitivity…"
"""Said while a background sensitivity runs: on opening, after an edit, on a change of view."""
SETTLE_MS = 250
"""The pause after the last change before a background sensitivity starts (typing a run of
scores starts one job, not one per key)."""


@dataclass(frozen=True)
class Sensitivity:
    """The tornado and the rank reversals of one document and scenario."""

    tornado: Tornado | None
    top: str | None
    reversals: list[RankReversal]


def sensitivity_of(
    doc: Assessment, scenario: str | None, cancelled: Callable[[], bool] | None = None
) -> Sensitivity:
    if not doc.projects:
        return Sensitivity(None, None, [])
    top, reversals = rank_reversals(doc, scenario, cancelled=cancelled)
    return Sensitivity(tornado(doc, scenario), top, reversals)


class _JobSignals(QObject):
    finished = Signal(int, object)  # generation, Sensitivity
    failed = Signal(int, str)
    ended = Signal(int)  # the job's number, after its other signal (or none, when cancelled)


class SensitivityJob(QRunnable):
    """:func:`sensitivity_of` on a snapshot of the document, in a worker thread."""

    _numbers = itertools.count()

    def __init__(self, document: Assessment, scenario: str | None, generation: int) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the section keeps it until its last signal
        self.signals = _JobSignals()
        self.document: Assessment | None = snapshot(document)
        self.scenario, self.generation = scenario, generation
        self.number = next(self._numbers)
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        """The signals carry numbers and the result, never the job or its document; the
        snapshot is let go of as soon as the run has it (a large matrix's is large)."""
        document, self.document = self.document, None  # held by this call alone
        try:
            assert document is not None, "a job runs once"  # (its end is still said below)
            found = sensitivity_of(document, self.scenario, self._cancel.is_set)
        except AnalysisCancelled:
            pass
        except Exception as error:  # noqa: BLE001 - said in the section, never a crash
            self.signals.failed.emit(self.generation, f"{type(error).__name__}: {error}")
        else:
            if not self._cancel.is_set():
                self.signals.finished.emit(self.generation, found)
        finally:
            del document
            self.signals.ended.emit(self.number)
            ended(self)


def reversal_sentence(
    top_name: str | None,
    reversal: RankReversal | None,
    criterion: str,
    new_top: str,
    searched: str = "",
) -> str:
    """The rank-reversal threshold in one sentence (names already resolved; ``searched``, the
    weights tried, as :func:`rrisk.analysis.reversal_range_text` says them)."""
    if top_name is None:
        return NO_RANKING_TO_REVERSE
    if reversal is None:
        tried = f" {searched}" if searched else ""
        return f"No single weight change{tried} displaces {top_name}."
    # As the memo prints it: a change too small for two decimals (a tie) shows its digits.
    before, after = fmt_weight_change(reversal.weight, reversal.figure)
    return f"Moving the weight of {criterion} from {before} to {after} puts {new_top} first."


class SensitivitySection(QWidget):
    """Project chooser, tornado chart and rank-reversal sentence."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sensitivitySection")
        self._controller = controller
        self._tornado: Tornado | None = None
        self._dirty = True
        self.project_id: str | None = None
        self._generation = 0
        self._worked_on: weakref.ref[ScoreResult] | None = None
        """The controller's results the figures were worked out for (not kept alive for it):
        an edit that keeps them (a text edited, which no weight or score reads) leaves the
        figures as they are."""
        self._jobs: list[SensitivityJob] = []
        """Jobs started and not yet ended (kept so their signals outlive the thread)."""
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._start_job)
        self.working = False
        """A background sensitivity is being worked out: the figures shown are earlier ones."""

        self.project_combo = QComboBox(self)
        self.project_combo.setObjectName("tornadoProjectCombo")
        self.project_combo.setAccessibleName("Project shown in the tornado chart")
        self.project_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # In letters, not pixels: 520 px held a project's name and status at the usual font
        # size, and cut it at its middle with the font twice as large.
        self.project_combo.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 52)
        self.chart = TornadoChart(self)
        self.reversal_label = QLabel(self)
        self.reversal_label.setObjectName("rankReversalLabel")
        self.reversal_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reversal_label.setWordWrap(True)
        # Reached with Tab after the project box: the threshold is said nowhere else.
        style.make_keyboard_readable(self.reversal_label)
        self.reversal_label.setToolTip(
            "The rank-reversal threshold: the smallest change of a single criterion weight "
            "that changes the top-ranked project (weights searched from 0 to 4× the largest "
            f"weight, never past {fmt_precise_weight(MAX_WEIGHT)}, the largest a weight can be; "
            "refined by bisection)."
        )
        chooser = QHBoxLayout()
        # The label names the box to a screen reader (Qt reads a combo box's label from its
        # buddy on Linux, its own name only elsewhere) and gives it an Alt letter.
        chooser_label = QLabel("Tornado for:", self)
        chooser_label.setBuddy(self.project_combo)
        chooser.addWidget(chooser_label)
        chooser.addWidget(self.project_combo, 1)
        chooser.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(chooser)
        layout.addWidget(self.chart)
        caption = QLabel("Rank-reversal threshold", self)
        caption.setStyleSheet("font-weight: bold;")
        layout.addSpacing(6)
        layout.addWidget(caption)
        layout.addWidget(self.reversal_label)

        self.project_combo.activated.connect(self._combo_chosen)
        controller.resultChanged.connect(self.invalidate)
        controller.documentReplaced.connect(self._forget_project)
        controller.selectionChanged.connect(self._follow_selection)
        self._follow_selection(*controller.selection)

    # -- reacting to the controller ------------------------------------------------------
    def invalidate(self) -> None:
        """Recompute now when visible, else when next shown (a background job for the
        document as it was is stopped either way: its figures would not fit)."""
        worked_on = self._worked_on() if self._worked_on is not None else None
        if not self._dirty and worked_on is not None and worked_on is self._controller.result:
            return  # a narrative text edited: the results stand, and so do the figures
        self._dirty = True
        self._stop_work()
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def _forget_project(self) -> None:
        self.project_id = None

    def _follow_selection(self, project_id: object, _criterion_id: object = None) -> None:
        if isinstance(project_id, str) and project_id != self.project_id:
            self.project_id = project_id
            if self._dirty:
                self.invalidate()
            else:
                self._show_project()

    def _combo_chosen(self, position: int) -> None:
        project_id = self.project_combo.itemData(position)
        if project_id and project_id != self.project_id:
            # Through the controller, so the matrix and results views select it too.
            self._controller.select(project_id, self._controller.selection[1])

    # -- computing -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute the tornado and the rank reversal for the current document and scenario:
        at once on a small matrix, else in the background after a short pause."""
        self._dirty = False
        self._stop_work()
        self._worked_on = weakref.ref(self._controller.result)
        doc = self._controller.document
        if len(doc.projects) * len(doc.criteria) <= BACKGROUND_CELLS:
            self._set_working(False)
            self._show(sensitivity_of(doc, self._controller.scenario_id))
            return
        self._set_working(True)
        self._settle.start()

    def shutdown(self, timeout_ms: int = 5_000) -> None:
        """Stop a background sensitivity and wait for its thread (the window is closing)."""
        self._stop_work()
        self._pool.waitForDone(timeout_ms)

    def _stop_work(self) -> None:
        """Drop the work under way: it is of the document as it was (a later result of it is
        told by its older generation)."""
        self._generation += 1
        self._settle.stop()
        for job in self._jobs:
            job.cancel()

    def _start_job(self) -> None:
        controller = self._controller
        job = SensitivityJob(controller.document, controller.scenario_id, self._generation)
        job.signals.finished.connect(self._job_finished)
        job.signals.failed.connect(self._job_failed)
        job.signals.ended.connect(self._job_ended)
        self._jobs.append(job)
        start(job, self._pool)

    def _job_finished(self, generation: int, found: Sensitivity) -> None:
        # Dropped when the document changed since the job began.
        if generation == self._generation and not self._dirty:
            self._set_working(False)
            self._show(found)

    def _job_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._set_working(False)
            self.reversal_label.setText(f"The sensitivity could not be worked out ({message}).")

    def _job_ended(self, number: int) -> None:
        self._jobs = [job for job in self._jobs if job.number != number]

    def _set_working(self, working: bool) -> None:
        if working == self.working:
            return
        self.working = working
        self.chart.setEnabled(not working)
        if working:
            self.reversal_label.setText(WORKING_TEXT)

    def _show(self, found: Sensitivity) -> None:
        """Show ``found``, the sensitivity of the document and scenario as they are now."""
        controller = self._controller
        doc = controller.document
        self._tornado = found.tornado
        names = {p.id: p.name for p in doc.projects}
        ranking = controller.result.ranking()
        if self.project_id not in names:
            self.project_id = ranking[0].id if ranking else None
        self.project_combo.blockSignals(True)
        self.project_combo.clear()
        for entry in ranking:
            label = (
                f"{entry.rank}. {entry.name}" if entry.rank else f"{entry.name} ({entry.status})"
            )
            self.project_combo.addItem(label, entry.id)
        self.project_combo.blockSignals(False)
        self._show_project()
        top, reversals = found.top, found.reversals
        first = reversals[0] if reversals else None
        criteria = names_apart(doc.criteria)  # two criteria or projects alike: with their ids
        apart = names_apart(doc.projects)
        self.reversal_label.setText(
            reversal_sentence(
                apart.get(top) if top else None,
                first,
                criteria.get(first.criterion, first.criterion) if first else "",
                apart.get(first.new_top, first.new_top) if first else "",
                reversal_range_text(controller.result.matrix.weights),
            )
        )

    def _show_project(self) -> None:
        if self.working:
            return  # the chart shows earlier figures, greyed, until the new ones arrive
        project_id, data = self.project_id, self._tornado
        position = self.project_combo.findData(project_id)
        if position >= 0:
            self.project_combo.setCurrentIndex(position)
        if data is None or project_id is None or project_id not in data.project_ids:
            self.chart.set_data("", math.nan, [], "No project to analyse yet.")
            return
        result = self._controller.result
        row = data.project_ids.index(project_id)
        name = result.matrix.project_names[row]
        base = float(data.base[row])
        if math.isnan(base):
            # Unscored: nothing assessed, or only criteria that weigh 0 (as a scenario may set).
            assessed_any = bool((~np.isnan(result.risk[row])).any())
            advice = (
                "its assessed criteria all weigh 0; give one of them a weight"
                if assessed_any
                else "assess a weighted criterion"
            )
            self.chart.set_data(name, base, [], f"{name} has no risk index yet: {advice}.")
            return
        weights = result.matrix.weights
        criterion_names = result.matrix.criterion_names
        assessed = ~np.isnan(result.risk[row])
        rows = []
        for criterion_id, _low, _high in data.bars(project_id):
            column = data.criterion_ids.index(criterion_id)
            rows.append(
                TornadoRow(
                    name=criterion_names[column],
                    weight=float(weights[column]),
                    at_zero=float(data.at_zero[row, column]),
                    at_double=float(data.at_double[row, column]),
                    assessed=bool(assessed[column]),
                    criterion_id=criterion_id,
                )
            )
        if not rows:
            self.chart.set_data(name, base, [], f"{name}: the document has no criteria yet.")
            return
        self.chart.set_data(name, base, rows)
