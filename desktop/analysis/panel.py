"""The analysis view: Monte Carlo uncertainty (table and two charts) and weight sensitivity.

Embed it with ``AnalysisPanel(controller)``. The Monte Carlo runs in a background thread
(:mod:`desktop.analysis.worker`) with a progress bar and a Cancel button; the run button is
disabled meanwhile. Any edit, undo or scenario change makes shown figures out of date: they
stay visible in italics under an "out of date — re-run" banner until the analysis runs again.

Small documents (at most 50 projects × 20 criteria and 20 million draws) are re-run
automatically, with the chosen runs and seed, when the panel is shown and 0.3 s after the
last edit: that takes well under a second, so their figures simply stay current. Larger
documents are never run behind the user's back: they wait for Run (Ctrl+R).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QSortFilterProxyModel,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.common import MAX_CHART_ROWS
from desktop.analysis.controls import RunControls, alike_banner, stale_banner
from desktop.analysis.copy_table import UncertaintyTable, table_text
from desktop.analysis.interval_chart import IntervalChart
from desktop.analysis.rank_chart import RankProbabilityChart
from desktop.analysis.sensitivity import SensitivitySection
from desktop.analysis.text import alike_notice, method_line, method_tooltip
from desktop.analysis.uncertainty_model import (
    COL_BAND,
    COL_EXCLUDED,
    COL_FIRST,
    COL_P10,
    COL_P50,
    COL_P90,
    COL_PROJECT,
    PROJECT_ID_ROLE,
    SORT_ROLE,
    UncertaintyModel,
)
from desktop.analysis.worker import MonteCarloJob
from desktop.files.jobs import start
from desktop.ui import style
from desktop.ui.style import heading, muted_label
from desktop.ui.typing import commit_typing
from rrisk import palette
from rrisk.analysis import MonteCarloResult
from rrisk.scoring import INDEX_BANDS, ScoreResult

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController

AUTO_RUN_MAX_PROJECTS = 50
AUTO_RUN_MAX_CRITERIA = 20
AUTO_RUN_MAX_DRAWS = 20_000_000
"""runs × projects × criteria above which the analysis only runs when asked."""
SIDE_BY_SIDE_EMS = 150
"""Panel width, in letters M of its font, from which the two charts sit side by side (1500 px
at the usual 9-point font; in pixels, a larger font put them side by side with room for half
the letters of their names)."""
AUTO_RUN_DELAY_MS = 300
"""Wait after the last edit before an automatic re-run, so typing does not queue runs."""


class _JobHandle:
    """The running job, reachable without the panel (for cancelling on destruction)."""

    job: MonteCarloJob | None = None

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()


class AnalysisPanel(QWidget):
    """Uncertainty and sensitivity of the controller's document and scenario."""

    analysisStarted = Signal()
    analysisFinished = Signal(object)  # MonteCarloResult
    analysisCancelled = Signal()
    analysisFailed = Signal(str)

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("analysisPanel")
        self.setAccessibleName("Analysis")
        self._controller = controller
        self._filling = False  # new results being shown: the table's row moves on its own
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)
        self._job: MonteCarloJob | None = None
        self._job_generation = 0
        self._generation = 0
        self._stale = False
        self._run_on: weakref.ref[ScoreResult] | None = None
        """The controller's results the figures were run on (not kept alive for it): an edit
        that keeps them (a text edited, which no figure reads) leaves the figures current."""
        self._auto_timer = QTimer(self)
        self._auto_timer.setSingleShot(True)
        self._auto_timer.setInterval(AUTO_RUN_DELAY_MS)
        self._auto_timer.timeout.connect(self._auto_run)
        self._rerun_after_cancel = False
        # A panel destroyed mid-run stops its job rather than leave it computing; the lambda
        # holds only the handle, never the dying panel.
        handle = self._handle = _JobHandle()
        self.destroyed.connect(lambda *_: handle.cancel())
        self._build()
        self.controls.bind(controller)
        controller.documentReplaced.connect(self._document_replaced)
        controller.documentChanged.connect(self._document_changed)
        controller.scenarioChanged.connect(self._inputs_changed)
        controller.selectionChanged.connect(self._follow_selection)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._set_busy(False)
        self._show_result(None)
        self._set_stale(False)

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        self.controls = RunControls(self)
        self.runs_spin = self.controls.runs_spin
        self.seed_spin = self.controls.seed_spin
        self.run_button = self.controls.run_button
        self.cancel_button = self.controls.cancel_button
        self.progress_bar = self.controls.progress_bar
        self.run_button.clicked.connect(self.run_analysis)
        self.cancel_button.clicked.connect(self.cancel_analysis)
        self.stale_banner = stale_banner(self)

        self.method_label = muted_label("", self)
        self.method_label.setObjectName("analysisMethodLine")
        self.method_label.setToolTip(method_tooltip())
        self.alike_notice = alike_banner(self)

        self.model = UncertaintyModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = UncertaintyTable(self)
        self.table.copy_source = self.table_text
        style.pad_headers(self.table)
        self.table.setObjectName("uncertaintyView")
        self.table.setAccessibleName("Uncertainty of each project's risk index")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the model's order
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the tornado's chooser
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_PROJECT, QHeaderView.ResizeMode.Stretch)
        self._size_columns()
        self.table.selectionModel().currentRowChanged.connect(self._table_row_chosen)

        self.rank_chart = RankProbabilityChart(self)
        self.interval_chart = IntervalChart(self)
        for chart in (self.rank_chart, self.interval_chart):
            chart.projectActivated.connect(self._select_project)
        self.sensitivity = SensitivitySection(self._controller, self)

        self._chart_boxes: list[QWidget] = []
        for title, chart in (
            ("Probability of each rank", self.rank_chart),
            ("Risk index, P10 to P90 (tick: P50)", self.interval_chart),
        ):
            box = QWidget(self)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(heading(title, 3, box))
            column.addWidget(chart)
            column.addStretch(1)
            self._chart_boxes.append(box)
        charts = self._charts_layout = QGridLayout()
        charts.setHorizontalSpacing(28)
        charts.setVerticalSpacing(14)
        self._side_by_side: bool | None = None
        self._arrange_charts()

        content = QWidget(self)
        content.setObjectName("analysisContent")
        body = QVBoxLayout(content)
        body.setContentsMargins(12, 8, 12, 12)
        body.setSpacing(8)
        body.addWidget(heading("Uncertainty (Monte Carlo)", 2, content))
        body.addWidget(self.method_label)
        body.addWidget(self.alike_notice)
        body.addWidget(self.table)
        body.addSpacing(6)
        body.addLayout(charts)
        body.addSpacing(12)
        body.addWidget(heading("Weight sensitivity", 2, content))
        body.addWidget(
            muted_label(
                "How the selected project's risk index moves as each criterion weight goes "
                "from 0 to twice its value, the others fixed (current scenario, recomputed "
                "after every change).",
                content,
            )
        )
        body.addWidget(self.sensitivity)
        body.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        # Not a Tab stop of its own (an unnamed, empty stop for a screen reader): it scrolls
        # to the field the focus moves to.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 0)
        layout.setSpacing(8)
        layout.addWidget(self.controls)
        layout.addWidget(self.stale_banner)
        layout.addWidget(scroll, 1)

    def _arrange_charts(self) -> None:
        """Charts side by side on wide screens, one above the other otherwise (room for names)."""
        side_by_side = self.width() >= self.fontMetrics().horizontalAdvance("M") * SIDE_BY_SIDE_EMS
        if side_by_side == self._side_by_side:
            return
        self._side_by_side = side_by_side
        rank_box, interval_box = self._chart_boxes
        self._charts_layout.removeWidget(rank_box)
        self._charts_layout.removeWidget(interval_box)
        self._charts_layout.addWidget(rank_box, 0, 0)
        self._charts_layout.addWidget(
            interval_box, 0 if side_by_side else 1, 1 if side_by_side else 0
        )
        for column in range(2):
            self._charts_layout.setColumnStretch(column, 1 if side_by_side or column == 0 else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange_charts()

    # -- public state --------------------------------------------------------------------
    @property
    def result(self) -> MonteCarloResult | None:
        """The figures shown (possibly out of date, see :attr:`is_stale`)."""
        return self.model.result

    def table_text(self) -> str | None:
        """The table as copied (:mod:`desktop.analysis.copy_table`): its rows in the order
        shown, sorted or not; None before any figures."""
        result = self.result
        if result is None:
            return None
        shown = self.model.rows
        rows = [
            shown[self.proxy.mapToSource(self.proxy.index(row, 0)).row()]
            for row in range(self.proxy.rowCount())
        ]
        return table_text(result, rows, self._controller.document, self._stale)

    @property
    def is_running(self) -> bool:
        return self._job is not None

    @property
    def is_stale(self) -> bool:
        return self._stale

    # -- running -------------------------------------------------------------------------
    def run_analysis(self) -> None:
        """Start the Monte Carlo for the current document and scenario with the chosen settings."""
        if self._job is not None:
            return
        commit_typing(self)
        self.controls.commit_settings()  # the settings run are the document's
        self._auto_timer.stop()
        controller = self._controller
        self._run_on = weakref.ref(controller.result)
        job = MonteCarloJob(
            controller.document,
            controller.scenario_id,
            self.runs_spin.value(),
            self.seed_spin.value(),
        )
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(self._finished)
        job.signals.cancelled.connect(self._cancelled)
        job.signals.failed.connect(self._failed)
        self._handle.job = job
        self._job, self._job_generation = job, self._generation
        self._set_busy(True)
        self.analysisStarted.emit()
        start(job, self._pool)

    def cancel_analysis(self) -> None:
        """Ask the running analysis to stop; the panel turns idle once it has."""
        if self._job is not None:
            self._job.cancel()
            self.controls.show_cancelling()

    def shutdown(self, timeout_ms: int = 5_000) -> None:
        """Stop any running analysis and wait for its thread (on quit or window close)."""
        self._auto_timer.stop()
        if self._job is not None:
            self._job.cancel()
        self.sensitivity.shutdown(timeout_ms)
        self._pool.waitForDone(timeout_ms)

    def _progress(self, percent: int, label: str) -> None:
        if self._job is not None and not self._job.cancel_requested:
            self.controls.show_progress(percent, label)

    def _finished(self, result: MonteCarloResult) -> None:
        if self._job is not None and self._job.cancel_requested:
            # Finished just as it was cancelled (or its document was closed): discard it.
            self._cancelled()
            return
        generation = self._job_generation
        self._job = self._handle.job = None
        self._set_busy(False)
        self._show_result(result)
        self._set_stale(generation != self._generation)
        self.analysisFinished.emit(result)
        if self._stale:
            self._schedule_auto_run()

    def _cancelled(self) -> None:
        self._job = self._handle.job = None
        self._set_busy(False)
        if self._rerun_after_cancel:
            # Stopped because another document was opened: analyse that one instead.
            self._rerun_after_cancel = False
            self._schedule_auto_run()
        else:
            self._update_method_line(suffix="The last run was cancelled.")
        self.analysisCancelled.emit()

    def _failed(self, message: str) -> None:
        if self._job is not None and self._job.cancel_requested:
            # Failed as it was cancelled (or its document was closed): its error is not the
            # document shown now, which is analysed instead.
            self._cancelled()
            return
        self._job = self._handle.job = None
        self._set_busy(False)
        self._update_method_line(suffix=f"The analysis failed: {message}")
        self.analysisFailed.emit(message)

    def _set_busy(self, busy: bool) -> None:
        self.controls.set_busy(busy)

    # -- automatic runs on small documents -----------------------------------------------
    def is_small(self) -> bool:
        """Whether the current document is re-run automatically (see the module docstring)."""
        doc = self._controller.document
        projects, criteria = len(doc.projects), len(doc.criteria)
        draws = self.runs_spin.value() * projects * criteria
        return (
            0 < projects <= AUTO_RUN_MAX_PROJECTS
            and criteria <= AUTO_RUN_MAX_CRITERIA
            and draws <= AUTO_RUN_MAX_DRAWS
        )

    def _schedule_auto_run(self) -> None:
        if self.isVisible() and self.is_small():
            self._auto_timer.start()

    def _auto_run(self) -> None:
        wanted = self.result is None or self._stale
        if wanted and self._job is None and self.isVisible() and self.is_small():
            self.run_analysis()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.result is None or self._stale:
            self._schedule_auto_run()

    # -- reacting to the controller ------------------------------------------------------
    def _document_replaced(self) -> None:
        # Figures of another file mean nothing here: drop them, and stop a run on it.
        self._generation += 1
        if self._job is not None:
            self._job.cancel()
            self._rerun_after_cancel = True
        self._run_on = None
        self._show_result(None)
        self._set_stale(False)
        self._schedule_auto_run()

    def _document_changed(self) -> None:
        if self._run_on is not None and self._run_on() is self._controller.result:
            return  # a narrative text edited: the results stand, and so do the figures
        self._inputs_changed()

    def _inputs_changed(self, *_args: object) -> None:
        self._generation += 1
        if self.result is not None or self._job is not None:
            self._set_stale(self.result is not None)
        self._schedule_auto_run()

    def _set_stale(self, stale: bool) -> None:
        self._stale = stale
        self.model.set_stale(stale)
        self.stale_banner.setVisible(stale)
        self._update_method_line()

    def _show_result(self, result: MonteCarloResult | None) -> None:
        # New rows are no choice of the user's: the table's current row (which the reset
        # puts on the first) must not select that project everywhere; it follows the
        # selection instead.
        self._filling = True
        try:
            self.model.set_result(result)
        finally:
            self._filling = False
        self._follow_selection(self._controller.selection[0])
        rows = self.model.rows[:MAX_CHART_ROWS]
        hidden = max(0, len(self.model.rows) - MAX_CHART_ROWS)
        self.rank_chart.set_result(result, rows, hidden)
        self.interval_chart.set_result(result, rows, hidden)
        self._fit_table()
        self._update_method_line()
        notice = alike_notice(result)
        self.alike_notice.setText(notice or "")
        self.alike_notice.setVisible(notice is not None)

    _WIDEST = {
        COL_P10: ("100.0",),
        COL_P50: ("100.0",),
        COL_P90: ("100.0",),
        COL_FIRST: (">99%", "100%"),
        COL_EXCLUDED: (f"{palette.RED_LINE_MARK} >99%", f"{palette.RED_LINE_MARK} 100%"),
        COL_BAND: (
            "not scored",
            *(f"{band} ({share})" for band in INDEX_BANDS for share in (">99%", "100%")),
        ),
    }
    """What each figure column can show at its widest (an index, a share, a band)."""

    def _size_columns(self) -> None:
        """Each figure column as wide as its header or the widest value it can show. Fitting
        the columns to their contents instead asked the model for every role of every row
        whenever a run ended or the table changed height: a second's freeze at 500 projects,
        over three at 2,000."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        pad = 2 * metrics.horizontalAdvance("M")  # the cell's margins, and italic when stale
        figures = 0
        for column, texts in self._WIDEST.items():
            widest = max(metrics.horizontalAdvance(text) for text in texts)
            width = max(header.sectionSizeHint(column), widest + pad)
            header.resizeSection(column, width)
            figures += width
        # The names keep room for ~18 letters however narrow the window: squeezed to "Gam…"
        # or "…", a row of figures no longer said whose it was (the tab scrolls instead).
        names = metrics.averageCharWidth() * 18
        bar = self.table.verticalScrollBar().sizeHint().width()
        self.table.setMinimumWidth(figures + names + bar + 2 * self.table.frameWidth() + 2)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._size_columns()

    def _fit_table(self) -> None:
        # Tall enough for up to 12 projects without an inner scroll bar; longer lists scroll.
        rows = min(max(self.model.rowCount(), 3), 12)
        row_height = self.table.verticalHeader().defaultSectionSize()
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + rows * row_height + 2 * self.table.frameWidth() + 2)

    def _update_method_line(self, suffix: str = "") -> None:
        if self.result is None and suffix:
            ended = suffix if suffix.endswith((".", "!", "?", ")")) else f"{suffix}."
            text = f"{ended} Press Run (Ctrl+R) to start again."
        else:
            text = f"{method_line(self.result, self._controller.document)} {suffix}".strip()
        self.method_label.setText(text)

    # -- selection -----------------------------------------------------------------------
    def _select_project(self, project_id: str) -> None:
        self._controller.select(project_id, self._controller.selection[1])

    def _table_row_chosen(self, current, _previous) -> None:
        if self._filling:
            return
        project_id = current.data(PROJECT_ID_ROLE) if current.isValid() else None
        if project_id and project_id != self._controller.selection[0]:
            self._select_project(project_id)

    def _follow_selection(self, project_id: object, _criterion_id: object = None) -> None:
        # Found through the model (one lookup), not by reading every row of the table.
        found = self.model.row_of(project_id)
        if found is None:
            return
        row = self.proxy.mapFromSource(self.model.index(found, COL_PROJECT)).row()
        if row >= 0 and self.table.currentIndex().row() != row:
            self.table.selectRow(row)
