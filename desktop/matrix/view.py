"""The matrix view: selection drives the inspector, keys edit the selected cells.

Keyboard (also listed in Help ▸ Keyboard shortcuts):

- arrows / Home / End / Page keys move; Shift extends the selection;
- Enter or F2 moves the focus to the inspector's likelihood;
- 1–5 set the likelihood, Ctrl+1–5 the impact of every selected cell (one undo step);
- Delete clears the selected cells (back to unassessed, one undo step);
- Ctrl+C copies the selected cells as tab-separated ``L×I`` text; Ctrl+V pastes such a
  block (from here or a spreadsheet) from the selected cell on, or one score into every
  selected cell, as one undo step (:mod:`desktop.matrix.clipboard`);
- Ctrl+D fills down, as in a spreadsheet: the selected block's first row's scores go to the
  rows below it (one row selected: the row above's), one undo step. Ctrl+R stays Run
  Analysis, as it is from every tab: no fill right.
"""

from __future__ import annotations

import math
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from desktop.document.commands import CellKey
from desktop.document.controller import DocumentController
from desktop.matrix.model import (
    HEADER_LINES,
    PROJECT_NAME_CHARS,
    ChangedRole,
    MatrixModel,
    OverrideRole,
    RedLineRole,
)
from desktop.matrix.quick_add import MatrixQuickAdd
from desktop.matrix.red_line_mark import paint_red_line_mark
from desktop.ui import style
from desktop.ui.busy import busy_editing
from desktop.ui.change_mark import paint_change_mark
from desktop.ui.override_mark import paint_override_mark
from rrisk.model import CELL_STATUSES

if TYPE_CHECKING:
    from desktop.matrix.clipboard import ClipboardError, Scores

WIDE_LETTERS = 1.3
"""How much wider than the font's average letter a name's letters may run (Cyrillic, capitals)
before the row header stops growing for it."""
HEADER_PAD = 12
"""A column's width less the room its criterion's name is wrapped to (the header's margins)."""


class MatrixDelegate(QStyledItemDelegate):
    """Band fill always visible: selection is a frame, red lines the framed corner-flag mark."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        plain = QStyleOptionViewItem(option)
        # A selection fill would hide the band colour, which carries meaning: draw a frame.
        plain.state &= ~QStyle.StateFlag.State_Selected
        plain.state &= ~QStyle.StateFlag.State_HasFocus
        if selected:
            # The table fills a selected cell's row panel with the highlight before the
            # delegate paints: an unassessed cell (no band fill) showed it, solid, and the
            # frame drawn in the same colour on it was lost.
            painter.fillRect(option.rect, option.palette.brush(QPalette.ColorRole.Base))
        super().paint(painter, plain, index)
        painter.save()
        if index.data(RedLineRole):
            paint_red_line_mark(painter, option.rect)
        if index.data(ChangedRole):
            paint_change_mark(painter, option.rect)
        if index.data(OverrideRole):
            paint_override_mark(painter, option.rect)
        if selected:
            pen = QPen(option.palette.color(QPalette.ColorRole.Highlight))
            pen.setWidth(3)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
        painter.restore()


_MOVING_KEYS = (
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
)


class MatrixView(QTableView):
    """Projects × criteria; read-only cells edited through the inspector and shortcuts."""

    editRequested = Signal()
    """Enter/F2 on a cell: the window moves the focus to the inspector."""
    targetsChanged = Signal(list)
    """The selected cells changed: [(project_id, criterion_id), ...]."""

    def __init__(self, controller: DocumentController, parent=None) -> None:
        super().__init__(parent)
        style.pad_headers(self)
        self.setObjectName("matrixView")
        self.setAccessibleName("Risk matrix")
        self._controller = controller
        self._model = MatrixModel(controller, self)
        self.setModel(self._model)
        self.setItemDelegate(MatrixDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self._auto_sizing = False
        self._user_sized_columns = False
        self._user_widths: dict[str, int] = {}
        self._row_header_widest = 0
        self._size_sections()
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.selectionModel().selectionChanged.connect(self._selection_changed)
        self.selectionModel().currentChanged.connect(self._current_changed)
        self._model.modelAboutToBeReset.connect(self._remember_widths)
        self._model.modelReset.connect(self._after_reset)
        self._model.headerDataChanged.connect(self._header_data_changed)
        self._model.rowHeadersChanged.connect(self._row_headers_changed)
        self._fit_row_header()
        controller.selectionChanged.connect(self._follow_controller)
        controller.placeShown.connect(self._show_cell)
        self.quick_add = MatrixQuickAdd(self, controller)
        """The empty-matrix panel and inline naming of projects and criteria."""

    @property
    def matrix_model(self) -> MatrixModel:
        return self._model

    def _header_data_changed(self, orientation: Qt.Orientation, first: int, last: int) -> None:
        if orientation == Qt.Orientation.Vertical:
            self._fit_row_header()
            self.fit_columns()

    def _row_headers_changed(self, first: int, last: int) -> None:
        """A cell edit changed these rows' labels: repaint their sections while they fit (the
        header only ever needs to grow for them, and an unchanged width must not re-lay out and
        repaint the whole matrix); a label that outgrows the header re-lays it out."""
        header = self.verticalHeader()
        if self._row_header_widest:
            metrics = self._row_header_metrics()
            widest = max(
                metrics.horizontalAdvance(
                    str(self._model.headerData(row, Qt.Orientation.Vertical) or "")
                )
                for row in range(first, last + 1)
            )
            if widest <= self._row_header_widest:
                top = header.sectionViewportPosition(first)
                bottom = header.sectionViewportPosition(last) + header.sectionSize(last)
                header.viewport().update(0, top, header.viewport().width(), bottom - top)
                return
        header.headerDataChanged(Qt.Orientation.Vertical, first, last)
        self._header_data_changed(Qt.Orientation.Vertical, first, last)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            # The sizes were measured in the old font: in a larger one the cells' scores and
            # the criteria's names were cut ("4×4 1…") until the matrix was built again.
            fitted, header = self._column_width, self.horizontalHeader()
            widths = [header.sectionSize(c) for c in range(self._model.columnCount())]
            self._auto_sizing = True  # (not a width the user gave)
            try:
                self._size_sections()
                if self._user_sized_columns:
                    self._scale_user_widths(widths, self._column_width / fitted)
            finally:
                self._auto_sizing = False
            self._fit_row_header()
            self.fit_columns()

    def _scale_user_widths(self, widths: list[int], factor: float) -> None:
        """The ``widths`` the user gave the columns, grown or shrunk with the text: kept as
        they were, a column sized to show its name and scores cut both in a larger font."""
        header = self.horizontalHeader()
        for column, width in enumerate(widths):
            header.resizeSection(column, round(width * factor))

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        if not self._auto_sizing and not self._user_sized_columns:
            # The user dragged a column edge: from now on their widths stand, and each name
            # is wrapped to its own column's width.
            self._user_sized_columns = True
            for other in range(self._model.columnCount()):
                self._give_room(other, self.horizontalHeader().sectionSize(other))
        elif self._user_sized_columns:
            self._give_room(column, new)

    def _give_room(self, column: int, width: int) -> None:
        if column < self._model.columnCount():
            self._model.set_column_room(column, width - HEADER_PAD)

    def fit_columns(self) -> None:
        """Share the width among the criteria: never narrower than a cell's text, never
        wider than 1.8 times that, and wrap the criterion names to the width chosen."""
        columns = self._model.columnCount()
        if columns == 0 or columns > 400:
            return
        header = self.horizontalHeader()
        if self._user_sized_columns:
            # Their widths stand; the names are wrapped to each (a new font measures them).
            width = header.defaultSectionSize()
        else:
            available = self.viewport().width()
            width = max(
                self._column_width, min(available // columns, int(self._column_width * 1.8))
            )
            self._auto_sizing = True
            try:
                if header.defaultSectionSize() != width:
                    header.setDefaultSectionSize(width)
                for column in range(columns):
                    if header.sectionSize(column) != width:
                        header.resizeSection(column, width)
            finally:
                self._auto_sizing = False
        # Names are wider than the font's average character: wrap a little early, not clip.
        metrics = QFontMetrics(header.font())
        average = metrics.averageCharWidth() * 1.15
        chars = int((width - HEADER_PAD) // max(average, 1.0))
        # Wide letters (Cyrillic) wrap shorter still: no line runs past the column's edges.
        self._model.set_header_chars(
            chars, width - HEADER_PAD, metrics.horizontalAdvance, header.font().key()
        )

    def _row_header_metrics(self) -> QFontMetrics:
        font = QFont(self.verticalHeader().font())
        font.setBold(True)
        return QFontMetrics(font)

    def _fit_row_header(self) -> None:
        """Width for the longest project label, in bold (the current row's header is bold)."""
        header = self.verticalHeader()
        metrics = self._row_header_metrics()
        rows = min(self._model.rowCount(), 2000)
        labels = (
            str(self._model.headerData(row, Qt.Orientation.Vertical) or "") for row in range(rows)
        )
        widest = max((metrics.horizontalAdvance(text) for text in labels), default=0)
        self._row_header_widest = widest
        header.setFixedWidth(
            max(metrics.averageCharWidth() * 12, min(widest + 24, self._row_header_cap))
        )

    def natural_height(self) -> int:
        """Height that shows every row without scrolling (used to size the splitter), or the
        empty-matrix panel while there is no row or column."""
        rows = self.height_for_rows(self._model.rowCount())
        panel = self.quick_add.panel_height()
        framed = panel + self._header_height() + 2 * self.frameWidth()
        return max(rows, framed) if panel else rows

    def _header_height(self) -> int:
        """The criteria header's height as shown: it keeps its two-line height with no
        column, when its hint says 0 (the panel, sized by the hint, rose over the header and
        crept down a row with each project added, its fields with it)."""
        top = self.horizontalHeader()
        return max(top.sizeHint().height(), top.height() if top.isVisible() else 0)

    MIN_ROWS_SHOWN = 3
    """However small the window, the matrix shows this many projects (or all, if fewer)."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """At least the header and :attr:`MIN_ROWS_SHOWN` rows: at the window's smallest
        height the matrix showed its header alone, the results below keeping theirs."""
        hint = super().minimumSizeHint()
        rows = min(self.MIN_ROWS_SHOWN, self._model.rowCount())
        return QSize(hint.width(), max(hint.height(), self.height_for_rows(rows)))

    def height_for_rows(self, rows: int) -> int:
        """Height that shows exactly ``rows`` whole rows under the criteria header."""
        # The header grows to two lines ("name / weight") once its columns are laid out:
        # its hint may still be the one-line height, so take the larger.
        header = self._header_height()
        # The horizontal scroll bar only needs room when the columns are wider than the view.
        overflow = self.horizontalHeader().length() > self.viewport().width()
        bar = self.horizontalScrollBar().sizeHint().height() if overflow else 0
        return (
            header
            + rows * self.verticalHeader().defaultSectionSize()
            + bar
            + 2 * self.frameWidth()
            + 2
        )

    def whole_rows_height(self, most: int) -> int:
        """The largest height up to ``most`` that cuts no row in half (at least one row)."""
        row = max(self.verticalHeader().defaultSectionSize(), 1)
        rows = max(1, (most - self.height_for_rows(0)) // row)
        return self.height_for_rows(min(rows, self._model.rowCount()))

    def _size_sections(self) -> None:
        # Fixed sizes from the font: measuring 20,000 cells would make opening slow.
        metrics = QFontMetrics(self.font())
        horizontal = self.horizontalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The widest cell text ("5×5  25 Crit ⊘") sets the narrowest column that shows it all.
        self._column_width = max(
            metrics.horizontalAdvance("5×5  25 Crit ⊘") + 12, metrics.averageCharWidth() * 12
        )
        horizontal.setDefaultSectionSize(self._column_width)
        horizontal.setMinimumSectionSize(metrics.horizontalAdvance("5×5") + 12)
        horizontal.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        # The current column's name is not set in bold: names are wrapped to the column in the
        # regular font, and in bold a long one lost letters at both edges once its column was
        # current (wrapping for bold broke every column's words instead). The current column
        # shows in its cells and the inspector's heading.
        horizontal.setHighlightSections(False)
        horizontal.setMinimumHeight(metrics.height() * (HEADER_LINES + 1) + 12)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(metrics.height() + 14)
        vertical.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # A label wider than the header (wide glyphs: a Cyrillic name of full length) loses
        # letters from its middle, never its end: the score or "Excluded" stays in sight.
        vertical.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        bold = QFont(self.font())
        bold.setBold(True)
        # Room for a full-length name (longer ones are shortened) and its "  72 High" score,
        # in wide letters too: measured on the average letter, a Cyrillic name of full length
        # was elided once more in its middle ("Месторождение Томтор …и редкоз…").
        average = QFontMetrics(bold).averageCharWidth()
        self._row_header_cap = round(average * (PROJECT_NAME_CHARS + 14) * WIDE_LETTERS)

    # -- selection ------------------------------------------------------------------------
    def selected_keys(self) -> list[CellKey]:
        """The selected cells in row/column order."""
        return self._keys(self._selected_cells())

    def _selected_cells(self) -> list[tuple[int, int]]:
        """(row, column) of the selected cells in row/column order, read from the selection's
        rectangles: an index object per cell, sorted by calls back into Python, took seconds
        for a whole large matrix selected (Ctrl+A), each time the selection changed."""
        selection = self.selectionModel().selection()
        return sorted(
            {
                (row, column)
                for block in (selection.at(k) for k in range(selection.size()))
                for row in range(block.top(), block.bottom() + 1)
                for column in range(block.left(), block.right() + 1)
            }
        )

    def _keys(self, cells: list[tuple[int, int]]) -> list[CellKey]:
        model = self._model
        return [(model.project_id(row), model.criterion_id(column)) for row, column in cells]

    def select_cell(self, project_id: str, criterion_id: str) -> bool:
        index = self._model.cell_index(project_id, criterion_id)
        if not index.isValid():
            return False
        self._go_to(index)
        self.scrollTo(index)
        return True

    def _go_to(self, index: QModelIndex) -> None:
        """Make ``index`` the current cell and the only one selected, whatever keys are held.

        ``setCurrentIndex`` takes the selection from the keyboard's modifiers: a cell chosen
        while Ctrl is down (Ctrl+Z going back to the undone edit's cell) was *added* to the
        selection, and the next edit in the inspector changed both cells."""
        flags = self.selectionModel().SelectionFlag
        self.selectionModel().setCurrentIndex(index, flags.ClearAndSelect)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._controller.select(
                self._model.project_id(current.row()), self._model.criterion_id(current.column())
            )

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.targetsChanged.emit(self.selected_keys())

    def _follow_controller(self, project_id: str | None, criterion_id: str | None) -> None:
        if project_id is None and criterion_id is None:
            return
        if project_id is None or criterion_id is None:
            # Another view chose a whole project (or criterion): the inspector needs a cell,
            # so keep the matrix's current column (row). Deferred, so every listener of
            # this selection change sees it before the narrower one follows.
            QTimer.singleShot(0, self, self._complete_selection)  # cancelled with self
            return
        index = self._model.cell_index(project_id, criterion_id)
        current = self.currentIndex()
        if index.isValid() and index != current:
            self._go_to(index)
            self.scrollTo(index)

    def _show_cell(self, project_id: str, criterion_id: str) -> None:
        """Undo or redo went to this cell: scrolled into sight, selected or not already."""
        index = self._model.cell_index(project_id, criterion_id)
        if index.isValid():
            self.scrollTo(index)

    def _complete_selection(self) -> None:
        project_id, criterion_id = self._controller.selection
        if (project_id is None) == (criterion_id is None):
            return
        current = self.currentIndex()
        doc = self._controller.document
        if project_id is None and doc.projects:
            row = current.row() if current.isValid() else 0
            project_id = self._model.project_id(row)
        if criterion_id is None and doc.criteria:
            column = current.column() if current.isValid() else 0
            criterion_id = self._model.criterion_id(column)
        if project_id is not None and criterion_id is not None:
            index = self._model.cell_index(project_id, criterion_id)
            if index.isValid():
                self._go_to(index)
                self.scrollTo(index)
                self._controller.select(project_id, criterion_id)

    def _remember_widths(self) -> None:
        """The widths the user gave the criteria, by criterion, before rows or columns come
        or go."""
        header, model = self.horizontalHeader(), self._model
        self._user_widths = (
            {model.criterion_id(c): header.sectionSize(c) for c in range(model.columnCount())}
            if self._user_sized_columns
            else {}
        )

    def _after_reset(self) -> None:
        widths, self._user_widths = self._user_widths, {}
        # Dicts keep their order: the old columns' widths by position.
        by_position = list(widths.values())
        if self._model.document_replaced or not widths:
            self._user_sized_columns = False
            self._model.clear_column_rooms()
        else:
            # A project or criterion added or removed: the criteria keep the user's widths
            # (they went back to the fitted width), a new one takes the default. With as
            # many columns as before, a criterion whose id changed (one not yet saved takes
            # its id from its name) keeps the width of its place.
            header = self.horizontalHeader()
            columns = self._model.columnCount()
            same_columns = columns == len(by_position)
            self._auto_sizing = True
            try:
                for column in range(columns):
                    width = widths.get(self._model.criterion_id(column))
                    if width is None and same_columns:
                        width = by_position[column]
                    header.resizeSection(column, width or header.defaultSectionSize())
            finally:
                self._auto_sizing = False
        self._fit_row_header()
        self.fit_columns()
        project_id, criterion_id = self._controller.selection
        if project_id is not None and criterion_id is not None:
            index = self._model.cell_index(project_id, criterion_id)
            if index.isValid():
                self._go_to(index)
        self.targetsChanged.emit(self.selected_keys())

    def _target_cells(self) -> list[tuple[int, int]]:
        """(row, column) of the selected cells, or of the current one when none is selected."""
        selected = self._selected_cells()
        if selected:
            return selected
        current = self.currentIndex()
        return [(current.row(), current.column())] if current.isValid() else []

    def _targets(self) -> list[CellKey]:
        return self._keys(self._target_cells())

    # -- keyboard -------------------------------------------------------------------------
    def keyboardSearch(self, search: str) -> None:
        """No type-to-search: a cell shows a score, not a name, and a key the matrix does not
        use (a letter, a digit outside 1–5) must not move the selection to another cell."""

    def selectionCommand(  # noqa: N802 - Qt's name
        self, index: QModelIndex | QPersistentModelIndex, event: QEvent | None = None
    ) -> QItemSelectionModel.SelectionFlag:
        """Ctrl with a key that moves (Ctrl+Home, Ctrl+End, Ctrl+arrows, Ctrl+Page Up/Down)
        selects the cell it moves to, and with Shift extends the selection to it, as in a
        spreadsheet. Qt moved the current cell alone: the inspector showed the cell moved to
        while the digits, Delete and Ctrl+V went on acting on the cells still selected."""
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in _MOVING_KEYS
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            event = QKeyEvent(
                event.type(),
                event.key(),
                event.modifiers() & ~Qt.KeyboardModifier.ControlModifier,
                event.text(),
            )
        return super().selectionCommand(index, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and focus not in (self, self.viewport()) and self.isAncestorOf(focus):
            # A key a field inside the view (the quick-add names, a header's name editor)
            # did not take: not the matrix's to act on (Ctrl+3 there would score a hidden
            # cell, an arrow move the current cell). Passed on to the window.
            event.ignore()
            return
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        edit_keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2)
        if key in edit_keys and not modifiers and self.currentIndex().isValid():
            self.editRequested.emit()
            return
        value = _typed_score(event)
        # Shift does not count: AZERTY keyboards type the top row's digits with it held.
        chord = modifiers & ~Qt.KeyboardModifier.ShiftModifier
        if value is not None and chord in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.ControlModifier,
        ):
            field = "impact" if chord == Qt.KeyboardModifier.ControlModifier else "likelihood"
            self.set_value(field, value)
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not modifiers:
            self.clear_selected()
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selected()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        if key == Qt.Key.Key_D and modifiers == Qt.KeyboardModifier.ControlModifier:
            self.fill_down()
            return
        super().keyPressEvent(event)

    # -- clipboard ------------------------------------------------------------------------
    def copy_selected(self) -> bool:
        """Put the selected cells on the clipboard as a tab-separated block of ``L×I``
        (the block spans the selection; cells in it that are not selected are left empty)."""
        cells = self._target_cells()
        if not cells:
            return False
        from desktop.matrix.clipboard import format_block  # (its parsing: not at start-up)

        top, left = cells[0][0], min(column for _row, column in cells)
        bottom, right = cells[-1][0], max(column for _row, column in cells)
        block: list[list[Scores | None]] = [
            [None] * (right - left + 1) for _ in range(bottom - top + 1)
        ]
        matrix = self._controller.result.matrix
        for row, column in cells:
            likelihood = matrix.likelihood[row, column]
            impact = matrix.impact[row, column]
            block[row - top][column - left] = (
                None if math.isnan(likelihood) else int(likelihood),
                None if math.isnan(impact) else int(impact),
            )
        QGuiApplication.clipboard().setText(format_block(block))
        return True

    def paste(self, text: str | None = None) -> bool:
        """Paste a block of scores (the clipboard's, or ``text``) as one undo step: from the
        top-left selected cell on, or a single score into every selected cell."""
        from desktop.matrix.clipboard import ClipboardError, parse_block

        if text is None:
            text = QGuiApplication.clipboard().text()
        try:
            block = parse_block(text)
        except ClipboardError as error:
            self._controller.errorOccurred.emit(f"Cannot paste: {self._refused_field(error)}")
            return False
        cells = self._target_cells()
        if not cells:
            self._controller.errorOccurred.emit("Cannot paste: select the cell to paste into")
            return False
        model = self._model
        targets: dict[CellKey, tuple[int | None, int | None]] = {}
        if len(block) == 1 and len(block[0]) == 1:
            if block[0][0] is not None:
                for key in self._keys(cells):
                    targets[key] = block[0][0]
        else:
            top, left = cells[0][0], min(column for _row, column in cells)
            bottom, right = cells[-1][0], max(column for _row, column in cells)
            if len(cells) != (bottom - top + 1) * (right - left + 1):
                # Cells picked apart (Ctrl+click): the block's corner would be a cell
                # nobody chose, and cells between them not selected would be written.
                self._controller.errorOccurred.emit(
                    "Cannot paste: the selected cells are not one block; select the cell to "
                    "paste from, or one rectangle of cells"
                )
                return False
            # Blank fields leave their cells as they are: blank rows and columns at the
            # block's end may run past the matrix's edge (a spreadsheet range copied with an
            # empty column), as long as every score has a cell.
            height = max(
                (i + 1 for i, line in enumerate(block) if any(s is not None for s in line)),
                default=0,
            )
            width = max(
                (j + 1 for line in block for j, s in enumerate(line) if s is not None), default=0
            )
            if not height:
                self._controller.noticed.emit(
                    "Nothing pasted: the clipboard's fields are all blank, and a blank field "
                    "leaves its cell as it is"
                )
                return True
            room = (model.rowCount() - top, model.columnCount() - left)
            if height > room[0] or width > room[1]:
                self._controller.errorOccurred.emit(
                    f"Cannot paste: the block is {height} × {width} cells, and from the selected "
                    f"cell the matrix has room for {room[0]} × {room[1]}"
                )
                return False
            for i, line in enumerate(block):
                for j, scores in enumerate(line):
                    if scores is not None:
                        key = (model.project_id(top + i), model.criterion_id(left + j))
                        targets[key] = scores
            self._select_block(top, left, height, width)
        before = self._controller.history_moves
        with self._busy(len(targets), f"Pasting {len(targets):,} cells…"):
            pasted = self._controller.paste_scores(targets)
        if pasted and targets and self._controller.history_moves == before:
            self._controller.noticed.emit(
                "Nothing pasted: the cells already show these scores"
                + (
                    " (where the scenario sets nothing, it shows the baseline's)"
                    if self._controller.scenario_id is not None
                    else ""
                )
            )
        return pasted

    def fill_down(self) -> bool:
        """Ctrl+D, as in a spreadsheet: the scores of the selected block's first row go to the
        rows below it in the block (one selected row takes those of the row above), as one
        undo step; a cell with no score copied leaves the cells below it as they are, as an
        empty field of a paste does. Under a scenario they go to its overrides."""
        cells = self._target_cells()
        if not cells:
            self._controller.errorOccurred.emit("Cannot fill down: select the cells to fill")
            return False
        top, bottom = cells[0][0], cells[-1][0]
        left, right = min(c for _r, c in cells), max(c for _r, c in cells)
        if len(cells) != (bottom - top + 1) * (right - left + 1):
            self._controller.errorOccurred.emit(
                "Cannot fill down: the selected cells are not one block; select one rectangle "
                "of cells, its first row holding the scores to copy down"
            )
            return False
        source, first = (top, top + 1) if bottom > top else (top - 1, top)
        if source < 0:
            self._controller.errorOccurred.emit(
                "Cannot fill down: the first row has no row above it to copy; select the row "
                "to copy and the rows below it"
            )
            return False
        matrix = self._controller.result.matrix
        model = self._model
        targets: dict[CellKey, tuple[int | None, int | None]] = {}
        for column in range(left, right + 1):
            likelihood = matrix.likelihood[source, column]
            impact = matrix.impact[source, column]
            scores = (
                None if math.isnan(likelihood) else int(likelihood),
                None if math.isnan(impact) else int(impact),
            )
            if scores == (None, None):
                continue
            criterion_id = model.criterion_id(column)
            for row in range(first, bottom + 1):
                targets[(model.project_id(row), criterion_id)] = scores
        if not targets:
            self._controller.noticed.emit("Nothing filled: the row copied down holds no scores")
            return True
        before = self._controller.history_moves
        with self._busy(len(targets), f"Filling down {len(targets):,} cells…"):
            filled = self._controller.paste_scores(targets, verb="Fill down")
        if filled and self._controller.history_moves == before:
            self._controller.noticed.emit("Nothing filled: the cells already show these scores")
        return filled

    def _refused_field(self, error: ClipboardError) -> str:
        """The refusal, naming the cell the refused field was meant for when the block would
        go there ("line 2, column 3, for Tomtor / Sanctions exposure: …"): a line and column
        of the clipboard alone left the user counting cells in the matrix."""
        cells = self._target_cells()
        if error.line is None or error.column is None or not cells:
            return str(error)
        row = cells[0][0] + error.line - 1
        column = min(column for _row, column in cells) + error.column - 1
        model = self._model
        if not (row < model.rowCount() and column < model.columnCount()):
            return str(error)
        document = self._controller.document
        try:
            project = document.project(model.project_id(row)).name
            criterion = document.criterion(model.criterion_id(column)).name
        except KeyError:
            return str(error)
        return f"{error.where}, for {project} / {criterion}: {error.problem}"

    def _select_block(self, top: int, left: int, height: int, width: int) -> None:
        model = self._model
        selection = QItemSelection(
            model.index(top, left), model.index(top + height - 1, left + width - 1)
        )
        self.setCurrentIndex(model.index(top, left))
        self.selectionModel().select(selection, self.selectionModel().SelectionFlag.ClearAndSelect)

    # -- edits on the selection -----------------------------------------------------------
    def set_value(self, field: str, value: object) -> bool:
        """Set one cell field on every selected cell, as one undo step."""
        keys = self._targets()
        if not keys:
            return False
        with self._busy(len(keys), f"Setting the {field} of {len(keys):,} cells…"):
            return self._controller.edit_cells(keys, {field: value})

    def clear_selected(self) -> bool:
        keys = self._targets()
        if not keys:
            return False
        with self._busy(len(keys), f"Clearing {len(keys):,} cells…"):
            return self._controller.clear_cells(keys)

    def _busy(self, cells: int, message: str) -> AbstractContextManager[None]:
        """The wait cursor and ``message`` on the status bar while an edit of many cells runs
        (a second or two on the window's thread, too short for a progress dialog)."""
        return busy_editing(self.window(), cells, message)

    def _context_menu(self, position) -> None:
        menu = QMenu(self)
        add = self.quick_add.addRequested
        menu.addAction("Add project", lambda: add.emit("project", ""))
        menu.addAction("Add criterion", lambda: add.emit("criterion", ""))
        if not self._targets():
            menu.exec(self.viewport().mapToGlobal(position))
            return
        menu.addSeparator()
        for field, label in (("likelihood", "Likelihood"), ("impact", "Impact")):
            sub = menu.addMenu(label)
            for value in range(1, 6):
                action = QAction(str(value), sub)
                action.triggered.connect(lambda _=False, f=field, v=value: self.set_value(f, v))
                sub.addAction(action)
        status = menu.addMenu("Status")
        for status_name in CELL_STATUSES[1:]:
            action = QAction(status_name.capitalize(), status)
            action.triggered.connect(lambda _=False, v=status_name: self.set_value("status", v))
            status.addAction(action)
        menu.addSeparator()
        menu.addAction("Copy", self.copy_selected)
        menu.addAction("Paste", self.paste)
        menu.addAction("Fill down\tCtrl+D", self.fill_down)
        under_scenario = self._controller.scenario_id is not None
        clear = "Clear scenario overrides" if under_scenario else "Clear (unassessed)"
        menu.addAction(clear, self.clear_selected)
        menu.exec(self.viewport().mapToGlobal(position))


def _typed_score(event: QKeyEvent) -> int | None:
    """The score 1–5 a key types, from its text where it has one (an AZERTY top-row digit
    comes as the key of its unshifted symbol, with Shift), else from its key when it types no
    text (Ctrl+digit carries none or a control character); None for any other key."""
    text = event.text()
    if len(text) == 1 and "1" <= text <= "5":
        return int(text)
    if text.isprintable() and text:
        return None  # Shift+1 on a QWERTY keyboard types "!", not a score
    key = event.key()
    if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
        return int(key - Qt.Key.Key_0)
    return None
