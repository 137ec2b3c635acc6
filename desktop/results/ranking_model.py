"""The ranking table: every project with its index, band, coverage, status and red lines.

:class:`RankingModel` caches display values per row, so ``data()`` is a list lookup, and sorts
itself (``sort()``: a Python sort of 500 cached keys takes well under a millisecond, where a
sort proxy calling ``data()`` for every comparison took ~15 ms after each edit).
:class:`RankingView` shows it and keeps the controller's selection in step with the selected
row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QElapsedTimer,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QTableView,
    QWidget,
)

from desktop.results.ranking_rows import (
    COL_BAND,
    COL_COVERAGE,
    COL_INDEX,
    COL_PROJECT,
    COL_RANK,
    COL_REASONS,
    COL_STATUS,
    Row,
    build_rows,
    find_name,
)
from desktop.ui import style
from desktop.ui.fitting import fitted_rich_tip
from desktop.ui.style import band_colours
from desktop.ui.text import sentence
from rrisk import palette
from rrisk.scoring import INDEX_FORMULA, STATUS_EXCLUDED, STATUS_RANKED, index_band_ranges

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController
    from rrisk.model import Assessment
    from rrisk.scoring import ScoreResult

AnyIndex = QModelIndex | QPersistentModelIndex

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


class RankingModel(QAbstractTableModel):
    """Read-only table over ``controller.result.ranking()``, rows in ranking order unless
    sorted by another column (``sort()``, ties kept in ranking order).

    A cell edit does not reset the model: when the order holds, only ``dataChanged`` over the
    rows that read differently; when it moves, a layout change that carries the views'
    selection along with its project. Any other change (weights, scenario, projects, another
    document) resets it.
    """

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._rows: list[Row] = []
        self._built_from: tuple[ScoreResult, Assessment] | None = None
        self._position: dict[str, int] = {}
        self._sort_column = COL_RANK
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._rebuild()
        controller.resultChanged.connect(self.refresh)
        controller.documentReplaced.connect(self.refresh)

    # -- cache ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Follow the current scores (a cell edit: the edited projects' rows rebuilt, the rest
        moved; anything else: a reset). Rows built from this very result and document stand:
        a document opened is told twice (replaced, then its result), and a 2,000-project
        ranking took ~40 ms to build again."""
        built_from = self._built_from
        if (
            built_from is not None
            and built_from[0] is self._controller.result
            and built_from[1] is self._controller.document
        ):
            return
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

    def _rebuild(self) -> None:
        self._set_rows(self._built())

    def _set_rows(self, rows: list[Row]) -> None:
        self._rows = rows
        self._position = {row.project_id: position for position, row in enumerate(rows)}

    def _relayout(self, rows: list[Row]) -> None:
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

    def _sorted(self, rows: list[Row]) -> list[Row]:
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

    def _built(self, only: set[str] | None = None) -> list[Row]:
        """Rows in the shown order (see :func:`build_rows`)."""
        kept = (
            {row.project_id: row for row in self._rows if row.project_id not in only}
            if only is not None
            else {}
        )
        result, document = self._controller.result, self._controller.document
        self._built_from = (result, document)
        return self._sorted(build_rows(result, document, kept))

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
            return fitted_rich_tip(row.tip(column))
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

    def texts_of(self, column: int) -> set[str]:
        """The distinct texts a column shows (read from the rows, not cell by cell)."""
        return {row.text(column) for row in self._rows}

    def project_id(self, row: int) -> str:
        return self._rows[row].project_id

    def rank_text(self, row: int) -> str:
        """The rank a row shows ("—" for a project without one)."""
        return self._rows[row].text(COL_RANK)

    def row_of(self, project_id: str) -> int:
        """Shown row of a project, or -1."""
        return self._position.get(project_id, -1)


EMPTY_TEXT = "No projects yet. Add one (Edit → Add Project, Ctrl+Shift+P) to see it ranked here."
"""What the ranking says while the document has no project (a blank table told nothing)."""


class RankingView(QTableView):
    """Sortable ranking table; selecting a row selects the project everywhere."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        style.pad_headers(self)
        self.setObjectName("rankingView")
        self._controller = controller
        self._syncing = False
        self._typed = ""
        self._typed_at = QElapsedTimer()
        self._widest_for: tuple[str, frozenset[str]] | None = None
        self._widest = 0
        self.ranking_model = RankingModel(controller, self)
        self.setModel(self.ranking_model)
        self.setSortingEnabled(True)
        self.sortByColumn(COL_RANK, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # arrows move between rows; Tab goes on to the charts
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._padding = 0
        self._size_fixed_columns()
        self._coverage_for: tuple[str, tuple[str, ...]] | None = None
        header.setSectionResizeMode(COL_PROJECT, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_REASONS, QHeaderView.ResizeMode.Stretch)
        self.setAccessibleName("Ranking of projects")
        self.selectionModel().currentRowChanged.connect(self._row_changed)
        self.ranking_model.modelReset.connect(self._after_reset)
        self.ranking_model.layoutChanged.connect(self._keep_current_in_sight)
        # After the model's own refresh (connected first): the columns fit the rows once per
        # change, whether it rebuilt rows in place, moved them or reset them.
        controller.resultChanged.connect(self._fit_columns)
        controller.documentReplaced.connect(self._fit_columns)
        controller.selectionChanged.connect(self._follow_selection)
        self._after_reset()

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Home and End go to the first and last project, as in any list (a table's Home
        and End go along the row, which a whole-row selection left where it was)."""
        action = QAbstractItemView.CursorAction
        if cursorAction in (action.MoveHome, action.MoveEnd):
            modifiers |= Qt.KeyboardModifier.ControlModifier
        return super().moveCursor(cursorAction, modifiers)

    def selectionCommand(  # noqa: N802 - Qt's name
        self, index: QModelIndex | QPersistentModelIndex, event: QEvent | None = None
    ) -> QItemSelectionModel.SelectionFlag:
        """Ctrl+Space (or Ctrl+click) on the selected row keeps it selected: Qt toggled it off,
        and the table showed no project selected while the matrix, the heat map and the 5×5
        matrix went on showing it (nothing else follows "no project"). On another row it
        selects that row, as Space does."""
        command = super().selectionCommand(index, event)
        flag = QItemSelectionModel.SelectionFlag
        if index.isValid() and command & (flag.Toggle | flag.Deselect):
            return flag.ClearAndSelect | flag.Rows
        return command

    def keyboardSearch(self, search: str) -> None:
        """Typing a project's name goes to its row, whatever column is current, without
        regard to case, accents or spaces around the name (:func:`find_name`); the same
        letter typed again goes on to the next name with it, and a number no name begins
        with goes to that rank. (Qt's own search read only the current column, the Rank:
        a name typed found nothing.)"""
        timer = self._typed_at
        if not timer.isValid() or timer.elapsed() > QApplication.keyboardInputInterval():
            self._typed = ""
        timer.start()
        typed = self._typed + search
        self._typed = typed
        current = self.currentIndex()
        row = current.row() if current.isValid() else -1
        if len(typed) > 1 and typed == typed[0] * len(typed) and not typed.isdigit():
            typed, start = typed[0], row + 1  # "eee": the next name with an e ("11": rank 11)
        else:
            start = max(row, 0) if len(typed) > 1 else row + 1
        model = self.ranking_model
        found = find_name(model.project_names(), typed, start)
        if found < 0 and typed.isdigit():
            # No name begins with it: a rank ("17"), as the Rank column's own search found.
            found = next((r for r in range(model.rowCount()) if model.rank_text(r) == typed), -1)
        if found >= 0:
            self.setCurrentIndex(model.index(found, max(current.column(), 0)))

    def _size_fixed_columns(self) -> None:
        """Rank, Index, Band and Status as wide as their widest text in the font."""
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
            (COL_STATUS, f"{palette.RED_LINE_MARK} Excluded"),
        ):
            width = max(wide.horizontalAdvance(sample), wide.horizontalAdvance(HEADERS[column]))
            self.setColumnWidth(column, width + padding + (12 if column == COL_RANK else 0))
        self._padding = padding

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            # Measured in the old font, a larger one cut the band and the headers ("Criti…").
            self._size_fixed_columns()
            # Measured again even in the same font: one registered since (the CJK font) gives
            # glyphs of other widths to names that were measured as boxes.
            self._widest_for = self._coverage_for = None
            self._fit_columns()

    def _after_reset(self) -> None:
        self._fit_coverage_column()
        self._fit_project_column()
        self._follow_selection(*self._current_selection())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_project_column()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.ranking_model.rowCount():
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            self.viewport().rect().adjusted(16, 16, -16, -16),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            EMPTY_TEXT,
        )
        painter.end()

    def _keep_current_in_sight(self) -> None:
        """After an edit or a sort moved the rows, the selected project stays on screen (the
        one being edited moves with its new rank)."""
        current = self.currentIndex()
        if current.isValid():
            self.scrollTo(current)

    def _fit_columns(self) -> None:
        self._fit_coverage_column()
        self._fit_project_column()

    def _fit_coverage_column(self) -> None:
        """Coverage as wide as its texts: "100%" on a fully assessed document, room for
        "75% · incomplete" only when a row says so (the names get what is left)."""
        texts = tuple(sorted(self.ranking_model.texts_of(COL_COVERAGE)))
        key = (self.font().key(), texts)
        if key == self._coverage_for:
            return
        self._coverage_for = key
        bold = QFont(self.font())
        bold.setBold(True)
        wide = QFontMetrics(bold)
        width = max((wide.horizontalAdvance(text) for text in texts), default=0)
        # (the header's sort arrow comes beside its name)
        width = max(width, wide.horizontalAdvance(HEADERS[COL_COVERAGE]) + 12)
        self.setColumnWidth(COL_COVERAGE, width + self._padding)

    def _fit_project_column(self) -> None:
        """Project names as wide as they need, but never pushing Status and Red lines out of
        sight: on a narrow window names elide (full in the tooltip) before those columns go."""
        metrics = self.fontMetrics()
        names = self.ranking_model.project_names()
        # Measured once per set of names: every resize, and every edit that only moves rows
        # (at 500 projects, measuring again took ~1.5 ms of each edit).
        key = (self.font().key(), frozenset(names))
        if key != self._widest_for:
            self._widest_for = key
            self._widest = max((metrics.horizontalAdvance(n) for n in names), default=0) + 24
        widest = self._widest
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
