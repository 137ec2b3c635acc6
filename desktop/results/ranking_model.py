"""The ranking table: every project with its index, band, coverage, status and red lines.

:class:`RankingModel` caches display values per row, so ``data()`` is a list lookup, and sorts
itself (``sort()``: a Python sort of 500 cached keys takes well under a millisecond, where a
sort proxy calling ``data()`` for every comparison took ~15 ms after each edit).
:class:`RankingView` shows it and keeps the controller's selection in step with the selected
row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.results.common import percent
from desktop.ui.style import band_colours
from desktop.ui.text import as_rich, escape, sentence
from rrisk import palette
from rrisk.scoring import (
    INDEX_FORMULA,
    STATUS_EXCLUDED,
    STATUS_RANKED,
    STATUS_UNSCORED,
    ScoreResult,
    index_band_ranges,
)

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController

AnyIndex = QModelIndex | QPersistentModelIndex

COL_RANK, COL_PROJECT, COL_INDEX, COL_BAND, COL_COVERAGE, COL_STATUS, COL_REASONS = range(7)
HEADERS = ("Rank", "Project", "Index", "Band", "Coverage", "Status", "Red lines")
HEADER_TIPS = (
    "Position in the ranking, lowest risk first. Excluded and unscored projects have no rank.",
    "Candidate project",
    sentence(INDEX_FORMULA) + "; lower is better",
    "Index band: " + ", ".join(f"{name} {span}" for name, span in index_band_ranges()),
    "Assessed weight ÷ total weight; under 100% the index rests on part of the criteria",
    "Ranked, unscored (nothing weighted assessed yet) or excluded by a red line",
    "Why a project is excluded: the red line, its reason and legal basis",
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""Role giving a value that sorts correctly (numbers as numbers, blanks last)."""
PROJECT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
"""Role giving the project id of a row."""

STATUS_TEXT = {STATUS_RANKED: "Ranked", STATUS_UNSCORED: "Unscored", STATUS_EXCLUDED: "Excluded"}
_GROUP = {STATUS_RANKED: 0, STATUS_UNSCORED: 1, STATUS_EXCLUDED: 2}


class _Row:
    """The cached display of one project (built once per score change of that project).

    The rank and place are kept apart from the texts, so a row that only moves in the ranking
    is a new small object sharing its texts (``moved``), not a copy of them."""

    __slots__ = ("project_id", "display", "tooltip", "sort", "band", "status", "rank", "position")

    def __init__(self) -> None:
        self.project_id = ""
        self.display: list[str] = []
        self.tooltip: list[str] = []
        self.sort: list[Any] = []
        self.band = -1
        self.status = STATUS_RANKED
        self.rank: int | None = None
        self.position = 0.0

    def moved(self, rank: int | None, status: str, position: float) -> _Row:
        """This row at a new place in the ranking."""
        row = _Row()
        row.project_id, row.band = self.project_id, self.band
        row.display, row.tooltip, row.sort = self.display, self.tooltip, self.sort
        row.status, row.rank, row.position = status, rank, position
        return row

    def text(self, column: int) -> str:
        if column == COL_RANK:
            return str(self.rank) if self.rank else "—"
        return self.display[column]

    def tip(self, column: int) -> str:
        if column == COL_RANK:
            return _rank_tip(self.rank, self.status)
        return self.tooltip[column]

    def key(self, column: int) -> Any:
        """The sort value of ``column``: plain numbers and strings, compared natively."""
        if column == COL_RANK:
            return self.position
        if column == COL_STATUS:
            return float(_GROUP[self.status] * 100_000) + self.position
        return self.sort[column]


def _rank_tip(rank: int | None, status: str) -> str:
    if status == STATUS_RANKED:
        return f"Rank {rank} of the ranked projects"
    return f"Not ranked: {STATUS_TEXT[status].lower()}"


def _index_inputs(result: ScoreResult) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per project: the core's index numerator and denominator, and the criteria assessed."""
    numerator, denominator = result.index_terms()
    return numerator, denominator, (~np.isnan(result.risk)).sum(axis=1)


class RankingModel(QAbstractTableModel):
    """Read-only table over ``controller.result.ranking()``, rows in ranking order unless
    sorted by another column (``sort()``, ties kept in ranking order).

    A cell edit does not reset the model: when the order holds, only ``dataChanged`` over the
    rows that read differently; when it moves, a layout change that carries the views'
    selection along with its project. Any other change (weights, scenario, projects, another
    document) resets it.
    """

    namesChanged = Signal()
    """The project names shown changed (the view fits the Project column again)."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._rows: list[_Row] = []
        self._position: dict[str, int] = {}
        self._sort_column = COL_RANK
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._rebuild()
        controller.resultChanged.connect(self.refresh)
        controller.documentReplaced.connect(self.refresh)

    # -- cache ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Follow the current scores (a cell edit: the edited projects' rows rebuilt, the rest
        moved; anything else: a reset)."""
        changed = self._controller.changed_cells
        before = [row.project_id for row in self._rows]
        ids = self._controller.result.matrix.project_ids
        if changed is None or not before or len(ids) != len(before) or set(ids) != set(before):
            self.beginResetModel()
            self._rebuild()
            self.endResetModel()
            return
        edited = {project_id for project_id, _criterion in changed}
        old_rows = self._rows
        names = {
            row.project_id: row.display[COL_PROJECT] for row in old_rows if row.project_id in edited
        }
        # Only the edited projects' rows can read differently; the others move at most.
        rows = self._built(only=edited)
        if [row.project_id for row in rows] == before:
            self._set_rows(rows)
            # Only the rows rebuilt or given another rank.
            for position, (old, new) in enumerate(zip(old_rows, rows, strict=True)):
                if old is not new:
                    self.dataChanged.emit(
                        self.index(position, 0), self.index(position, len(HEADERS) - 1)
                    )
        else:
            self._relayout(rows)
        if any(
            self._rows[self._position[pid]].display[COL_PROJECT] != n for pid, n in names.items()
        ):
            self.namesChanged.emit()  # (a new order alone fits already)

    def _rebuild(self) -> None:
        self._set_rows(self._built())

    def _set_rows(self, rows: list[_Row]) -> None:
        self._rows = rows
        self._position = {row.project_id: position for position, row in enumerate(rows)}

    def _relayout(self, rows: list[_Row]) -> None:
        """Show ``rows`` in their new order, views' selection and current row following their
        project (one layout change, no reset)."""
        before = [row.project_id for row in self._rows]
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        self._set_rows(rows)
        self.changePersistentIndexList(
            persistent,
            [self.index(self._position[before[i.row()]], i.column()) for i in persistent],
        )
        self.layoutChanged.emit()

    def _sorted(self, rows: list[_Row]) -> list[_Row]:
        """``rows`` (in ranking order) in the order of the sorted column; a stable sort, so ties
        stay in ranking order either way round."""
        column, descending = self._sort_column, self._sort_order == Qt.SortOrder.DescendingOrder
        if column == COL_RANK and not descending:
            return rows
        return sorted(rows, key=lambda row: row.key(column), reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (its sort key: numbers as numbers, blanks last); a column below
        0 returns to the ranking order, as for a sort proxy."""
        if column >= len(HEADERS):
            return
        if column < 0:
            column, order = COL_RANK, Qt.SortOrder.AscendingOrder
        self._sort_column, self._sort_order = column, order
        by_rank = sorted(self._rows, key=lambda row: row.position)
        rows = self._sorted(by_rank)
        if [row.project_id for row in rows] != [row.project_id for row in self._rows]:
            self._relayout(rows)

    def _built(self, only: set[str] | None = None) -> list[_Row]:
        """Rows in the shown order; with ``only`` (the projects a cell edit touched), the
        others keep their rows with only their rank and place updated: nothing else of theirs
        moved."""
        result = self._controller.result
        kept = {row.project_id: row for row in self._rows} if only is not None else {}
        document = self._controller.document
        names = dict(zip(result.matrix.criterion_ids, result.matrix.criterion_names, strict=True))
        numerator, denominator, assessed_count = _index_inputs(result)
        total_weight = float(result.matrix.weights.sum())
        criteria_count = len(result.matrix.criterion_ids)
        alternatives = {project.id: project.alt_names for project in document.projects}
        project_ids = result.matrix.project_ids
        ranks = result.rank.tolist()
        rows: list[_Row] = []
        for position in result.order.tolist():
            project_id = project_ids[position]
            if project_id in kept and project_id not in (only or ()):
                # Plain lists and the arrays' status: no score object for a row that only moved.
                old = kept[project_id]
                status = result.status(position)
                rank, place = ranks[position] or None, float(len(rows))
                if (old.rank, old.status, old.position) != (rank, status, place):
                    old = old.moved(rank, status, place)
                rows.append(old)
                continue
            score = result.project_score(position)
            row = _Row()
            row.project_id = score.id
            row.status = score.status
            row.band = int(result.index_band[position])
            reasons = [
                f"{names.get(line.criterion, line.criterion)}: {line.reason}"
                + (f" (basis: {line.basis})" if line.basis else "")
                for line in score.red_lines
            ]
            if score.index is None:
                index_text = "—"
                index_tip = (
                    "No index: no criterion with a weight above zero is assessed yet.<br>"
                    + escape(INDEX_FORMULA)
                )
            else:
                index_text = f"{score.index:.1f}"
                index_tip = (
                    f"<b>{score.index:.1f}</b> = 100 × {numerator[position]:.3f} ÷ "
                    f"{denominator[position]:.2f}<br>"
                    f"{escape(INDEX_FORMULA)}<br>"
                    f"{int(assessed_count[position])} of {criteria_count} criteria assessed"
                )
            coverage_text = percent(score.coverage)
            if score.coverage < 0.9995:
                coverage_text += " · incomplete"
            coverage_tip = (
                f"Assessed weight {denominator[position]:.2f} of {total_weight:.2f} "
                f"({percent(score.coverage)})"
            )
            if score.status == STATUS_EXCLUDED:
                status_text = f"{palette.RED_LINE_MARK} Excluded"
                reasons_text = "; ".join(reasons)
            elif score.status == STATUS_UNSCORED:
                status_text = STATUS_TEXT[STATUS_UNSCORED]
                reasons_text = ""
            else:
                status_text = STATUS_TEXT[STATUS_RANKED]
                reasons_text = ""
            reasons_tip = (
                "<br>".join(f"{palette.RED_LINE_MARK} {escape(r)}" for r in reasons)
                if reasons
                else ""
            )
            project_tip = escape(score.name)
            alt_names = alternatives.get(score.id, [])
            if alt_names:
                project_tip += "<br>" + escape(", ".join(alt_names))
            row.rank, row.position = score.rank, float(len(rows))
            # The rank column's text, tip and sort keys come from rank and position (``_Row``).
            row.display = [
                "",
                score.name,
                index_text,
                score.band if score.index is not None else "—",
                coverage_text,
                status_text,
                reasons_text,
            ]
            row.tooltip = [
                "",
                project_tip,
                index_tip,
                f"Index band {score.band}" if score.index is not None else "No index",
                coverage_tip,
                "<br>".join(
                    [f"<b>{escape(status_text)}</b>"] + ([reasons_tip] if reasons_tip else [])
                ),
                reasons_tip,
            ]
            row.sort = [
                0.0,
                score.name.casefold(),
                score.index if score.index is not None else float("inf"),
                float(row.band) if row.band >= 0 else 99.0,
                float(score.coverage),
                0.0,
                reasons_text.casefold(),
            ]
            rows.append(row)
        return self._sorted(rows)

    # -- Qt model API --------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return as_rich(row.tip(column))
        if role == SORT_ROLE:
            return row.key(column)
        if role == PROJECT_ID_ROLE:
            return row.project_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (COL_RANK, COL_INDEX, COL_COVERAGE):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == COL_BAND:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == COL_BAND and row.band >= 0:
                return QBrush(band_colours(row.band)[0])
            if row.status == STATUS_EXCLUDED:
                # A translucent tint reads on light and dark backgrounds alike.
                tint = QColor(palette.RED_LINE)
                tint.setAlpha(38)
                return QBrush(tint)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_BAND and row.band >= 0:
                return QBrush(band_colours(row.band)[1])
            if row.status != STATUS_RANKED and column != COL_REASONS:
                return QGuiApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if (column == COL_STATUS and row.status == STATUS_EXCLUDED) or column == COL_BAND:
                font = QFont()
                font.setBold(True)
                return font
            return None
        return None

    # -- helpers for views and tests -----------------------------------------------------
    def project_names(self) -> list[str]:
        return [row.display[COL_PROJECT] for row in self._rows]

    def project_id(self, row: int) -> str:
        return self._rows[row].project_id

    def row_of(self, project_id: str) -> int:
        """Shown row of a project, or -1."""
        return self._position.get(project_id, -1)


class RankingView(QTableView):
    """Sortable ranking table; selecting a row selects the project everywhere."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rankingView")
        self._controller = controller
        self._syncing = False
        self.ranking_model = RankingModel(controller, self)
        self.setModel(self.ranking_model)
        self.setSortingEnabled(True)
        self.sortByColumn(COL_RANK, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Widths come from the font, not from measuring every row (ResizeToContents would
        # query each cell of a 500-row table after every recalculation).
        bold = QFont(self.font())
        bold.setBold(True)
        wide = QFontMetrics(bold)
        padding = 2 * self.style().pixelMetric(self.style().PixelMetric.PM_FocusFrameHMargin) + 20
        for column, sample in (
            (COL_RANK, "Rank"),
            (COL_INDEX, "Index"),
            (COL_BAND, "Critical"),
            (COL_COVERAGE, "100% · incomplete"),
            (COL_STATUS, f"{palette.RED_LINE_MARK} Excluded"),
        ):
            width = max(wide.horizontalAdvance(sample), wide.horizontalAdvance(HEADERS[column]))
            self.setColumnWidth(column, width + padding + (12 if column == COL_RANK else 0))
        header.setSectionResizeMode(COL_PROJECT, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_REASONS, QHeaderView.ResizeMode.Stretch)
        self.setAccessibleName("Ranking of projects")
        self.selectionModel().currentRowChanged.connect(self._row_changed)
        self.ranking_model.modelReset.connect(self._after_reset)
        self.ranking_model.layoutChanged.connect(self._keep_current_in_sight)
        self.ranking_model.namesChanged.connect(self._fit_project_column)
        controller.selectionChanged.connect(self._follow_selection)
        self._after_reset()

    def _after_reset(self) -> None:
        self._fit_project_column()
        self._follow_selection(*self._current_selection())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_project_column()

    def _keep_current_in_sight(self) -> None:
        """After an edit or a sort moved the rows, the selected project stays on screen (the
        one being edited moves with its new rank)."""
        current = self.currentIndex()
        if current.isValid():
            self.scrollTo(current)

    def _fit_project_column(self) -> None:
        """Project names as wide as they need, but never pushing Status and Red lines out of
        sight: on a narrow window names elide (full in the tooltip) before those columns go."""
        metrics = self.fontMetrics()
        names = self.ranking_model.project_names()
        widest = max((metrics.horizontalAdvance(name) for name in names), default=0) + 24
        unit = metrics.averageCharWidth()
        others = sum(
            self.columnWidth(column)
            for column in (COL_RANK, COL_INDEX, COL_BAND, COL_COVERAGE, COL_STATUS)
        )
        room = self.viewport().width() - others - unit * 14  # the red-line reasons keep 14 chars
        self.setColumnWidth(COL_PROJECT, max(unit * 20, min(widest, unit * 46, room)))

    def _current_selection(self) -> tuple[str | None, str | None]:
        selection = getattr(self._controller, "selection", None)
        if isinstance(selection, tuple) and len(selection) == 2:
            return selection
        return None, None

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        project_id = current.data(PROJECT_ID_ROLE)
        self._syncing = True
        try:
            self._controller.select(project_id, None)
        finally:
            self._syncing = False

    def _follow_selection(self, project_id: object, _criterion_id: object = None) -> None:
        if self._syncing:
            return
        row = self.ranking_model.row_of(project_id) if isinstance(project_id, str) else -1
        self._syncing = True
        try:
            if row < 0:
                self.selectionModel().clearSelection()
                return
            index = self.ranking_model.index(row, 0)
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            self.selectionModel().setCurrentIndex(index, flags)
            self.scrollTo(index)
        finally:
            self._syncing = False
