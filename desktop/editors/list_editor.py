"""The shared shape of the list editors: a table of items, Add/Remove, and a detail form.

Subclasses give the item kind, the table's columns, a new blank item, the detail form's
widgets and, where removal loses data, the warning that asks for confirmation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.editors.common import MessageLabel, attempt
from desktop.editors.delegates import NamedEditorDelegate
from desktop.editors.forms import FormBinder
from desktop.editors.item_model import Column, ItemTableModel
from desktop.ui import style
from desktop.ui.left_to_right_label import LeftToRightLabel
from desktop.ui.text import first_free_name, plain

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController


FIT_ROWS = 100
"""Rows besides those in view that the columns are fitted to (see the table's set-up)."""
MIN_ROWS = 4
"""Rows a list has room for however small the window."""


class ListEditor(QWidget):
    """Table + buttons + detail form for one list of the document."""

    kind = ""
    field = ""
    word = ""
    name_column = 1
    """Column opened for editing right after Add."""
    stretch_column = 1
    """Column that takes the spare width."""
    split = (2, 3)
    """Initial share of the height: (table, detail form)."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._current_before_reset: str | None = None
        self.setObjectName(f"{self.field}Editor")
        self.model = ItemTableModel(controller, self.kind, self.field, self.columns(), self)
        self.table = QTableView(self)
        style.pad_headers(self.table)
        self.table.setObjectName(f"{self.field}Table")
        self.table.setAccessibleName(f"{self.field.capitalize()} table")
        self.table.setModel(self.model)
        self.table.setItemDelegate(NamedEditorDelegate(self.table))
        self._naming: str | None = None
        """The id of the item just added while its name field is open (:meth:`add_item`)."""
        self.table.itemDelegate().closeEditor.connect(self._naming_closed)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        # Tab leaves the table for the buttons and the form (arrows move between rows, F2 or
        # typing edits); with it on, Tab went round the cells and never left.
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Columns fitted to the rows in view and FIT_ROWS more, not to every row: the widths
        # are capped at a few dozen letters anyway, and fitting them to all rows read every
        # cell of a 2,000-project list on each reset (every add, remove or undo of one).
        self.table.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        style.rows_follow_font(self.table, 10)
        self._fit_height()
        header = self.table.horizontalHeader()
        # The name takes the spare width; the other columns keep their fitted widths.
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        self.table.installEventFilter(self)
        self.install_delegates()

        self.add_button = QPushButton(f"&Add {self.word}", self)
        self.add_button.setObjectName(f"add{self.word.capitalize()}Button")
        self.add_button.setToolTip(f"Add a {self.word} after the selected one (Insert)")
        self.remove_button = QPushButton("&Remove", self)
        self.remove_button.setObjectName(f"remove{self.word.capitalize()}Button")
        self.remove_button.setToolTip(f"Remove the selected {self.word} (Delete)")
        self.add_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_current)
        # The order is the matrix's (rows, columns), the memo's and the exported table's.
        self.up_button = QPushButton("Move up", self)
        self.up_button.setObjectName(f"moveUp{self.word.capitalize()}Button")
        self.up_button.setToolTip(f"Move the selected {self.word} one place up (Alt+Up)")
        self.down_button = QPushButton("Move down", self)
        self.down_button.setObjectName(f"moveDown{self.word.capitalize()}Button")
        self.down_button.setToolTip(f"Move the selected {self.word} one place down (Alt+Down)")
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        self.count_label = QLabel(self)
        buttons.addWidget(self.count_label)

        self.message = MessageLabel(self)
        self.model.refused.connect(self.message.show_error)
        # A refusal is said until the next change goes through (a rename refused, then one
        # accepted, left "Not changed…" standing over the accepted name).
        controller.documentChanged.connect(self.message.clear_error)
        self.binder = FormBinder(self.message, self._commit_form)
        # A right-to-left name stays in a line read from the left, its id after it.
        self.form_title = LeftToRightLabel(self)
        self.form_title.setTextFormat(Qt.TextFormat.PlainText)
        self.form_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A long name wraps: on one line it pushed the form's fields past the right edge.
        self.form_title.setWordWrap(True)
        style.set_relative_font(self.form_title, bold=True)
        form_page = QWidget(self)
        self.form_page = form_page
        page_layout = QVBoxLayout(form_page)
        page_layout.setContentsMargins(12, 10, 12, 12)
        page_layout.setSpacing(8)
        page_layout.addWidget(self.form_title)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        page_layout.addLayout(form)
        self.build_form(form, page_layout)
        page_layout.addStretch(1)
        compact_fields(form_page)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_page)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not an empty, unnamed Tab stop

        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.setSpacing(6)
        upper_layout.addLayout(buttons)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(upper)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, self.split[0])
        splitter.setStretchFactor(1, self.split[1])
        splitter.setChildrenCollapsible(False)
        self._splitter = splitter
        self._fitted = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)

        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.refresh_form())
        self.model.modelAboutToBeReset.connect(self._before_reset)
        self.model.modelReset.connect(self._after_reset)
        self.model.dataChanged.connect(self._widen)
        self.model.rowsInserted.connect(self._inserted)
        self.model.rowsRemoved.connect(lambda *_: self._update_count())
        controller.documentChanged.connect(self.refresh_form)
        controller.itemShown.connect(self._show_item)  # a bound method: gone with the editor
        self._after_reset()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            # After the layout has given the splitter its real height.
            QTimer.singleShot(0, self, self._fit_table)  # cancelled with self

    def _fit_table(self) -> None:
        """First shown: the list gets the height of all its rows (at most half the editor),
        the form the rest, so neither a typical list nor the form needs a scroll bar."""
        total = sum(self._splitter.sizes())
        if total <= 0:
            return
        upper = self._splitter.widget(0)
        assert upper is not None  # built in __init__
        table_height = (
            self.table.horizontalHeader().height()
            + self.table.verticalHeader().length()
            + 2 * self.table.frameWidth()
            + 8
        )
        wanted = upper.height() - self.table.height() + table_height
        share = total * self.split[0] // (self.split[0] + self.split[1])
        upper_height = max(min(wanted, max(share, total // 2)), upper.minimumSizeHint().height())
        self._splitter.setSizes([upper_height, total - upper_height])

    # -- to be provided by each editor ---------------------------------------------------
    def columns(self) -> list[Column]:
        raise NotImplementedError

    def install_delegates(self) -> None:
        """Set cell editors on the table (combo boxes, spin boxes)."""

    def new_item(self, item_id: str, name: str) -> dict[str, Any]:
        raise NotImplementedError

    def build_form(self, form: QFormLayout, page: QVBoxLayout) -> None:
        raise NotImplementedError

    def removal_warning(self, item: Any) -> str | None:
        """Text asking to confirm a removal that loses data; None removes without asking."""
        return None

    def item_label(self, item: Any) -> str:
        return str(getattr(item, "name", None) or getattr(item, "title", item.id))

    # -- selection and form --------------------------------------------------------------
    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.item_id(index.row()) if index.isValid() else None

    def current_item(self) -> Any:
        item_id = self.current_id()
        if item_id is None:
            return None
        for item in getattr(self.controller.document, self.field):
            if item.id == item_id:
                return item
        return None

    def select_id(self, item_id: str) -> None:
        row = self.model.row_of(item_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, self.name_column),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def refresh_form(self) -> None:
        item = self.current_item()
        self.remove_button.setEnabled(item is not None)
        row = self.table.currentIndex().row() if item is not None else -1
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.model.rowCount() - 1)
        if item is None:
            self.form_title.setText(f"Select a {self.word} above, or add one.")
        else:
            self.form_title.setText(f"{self.item_label(item)}  ·  id {item.id}")
        self.form_page.setEnabled(item is not None)
        self.binder.load(item)
        self.load_extra(item)

    def _widen(self, top_left: Any, bottom_right: Any, *_: Any) -> None:
        """An edit that made a value wider than its column (a weight of 1 set to 0.000001)
        widens the column to show it whole, up to the width a reset would give; never
        narrows one, so the table does not jump as the user types."""
        for column in range(top_left.column(), bottom_right.column() + 1):
            if column == self.stretch_column:
                continue
            needed = min(self.table.sizeHintForColumn(column), self._widest(column))
            if needed > self.table.columnWidth(column):
                self.table.setColumnWidth(column, needed)

    def load_extra(self, item: Any) -> None:
        """Refresh parts of the form that are not simple bindings (sub-tables)."""

    def _before_reset(self) -> None:
        self._current_before_reset = self.current_id()

    def _widest(self, column: int) -> int:
        return self.fontMetrics().averageCharWidth() * (40 if column == self.name_column else 26)

    def _fit_height(self) -> None:
        """Room for MIN_ROWS rows however small the window: made smaller after the list was
        fitted to its rows, the splitter left one row in view, the next cut."""
        self.table.setMinimumHeight(
            self.table.horizontalHeader().sizeHint().height()
            + MIN_ROWS * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
            + self.table.horizontalScrollBar().sizeHint().height()
        )

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            widest = self._widest(column)
            self.table.setColumnWidth(column, min(max(self.table.columnWidth(column), 60), widest))
        self.table.horizontalHeader().setSectionResizeMode(
            self.stretch_column, QHeaderView.ResizeMode.Stretch
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            # Fitted in the old font, a larger one cut the headers ("Weigh", "Red lin").
            self._fit_columns()
            self._fit_height()

    def _after_reset(self) -> None:
        self._fit_columns()
        # The item that was current stays current when it is still there (a reorder, an
        # undo); otherwise the first.
        kept, self._current_before_reset = self._current_before_reset, None
        if kept is not None and self.model.row_of(kept) >= 0:
            self.select_id(kept)
        elif not self.table.currentIndex().isValid() and self.model.rowCount() > 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, self.name_column),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._update_count()
        self.refresh_form()

    def _inserted(self, _parent: Any, first: int, last: int) -> None:
        """An item that comes into the list (the undo of its removal, the redo of its
        addition) becomes the current one, as the matrix selects the cell of a row whose
        removal is undone; the form stayed on the neighbour the removal had left current."""
        self._update_count()
        if first == last:
            self.select_id(self.model.item_id(first))

    def _show_item(self, kind: str, item_id: str) -> None:
        """Undo or redo changed this item: it becomes the current one, so the form shows what
        was undone (the form stayed on whichever item was selected, showing no change)."""
        if kind == self.kind and item_id != self.current_id():
            self.select_id(item_id)

    def _update_count(self) -> None:
        count = self.model.rowCount()
        plural = self.field if count != 1 else self.word
        self.count_label.setText(f"{count} {plural}")

    def _commit_form(self, changes: dict[str, Any], label: str) -> tuple[bool, str]:
        item = self.binder.item
        text = f"Edit {label} of {self.word} {self.item_label(item)}"
        return attempt(
            self.controller, lambda: self.controller.edit_item(self.kind, item.id, changes, text)
        )

    # -- add and remove ------------------------------------------------------------------
    def add_item(self) -> str | None:
        """Add a blank item after the current one; returns its id when added."""
        # "New scenario", "New scenario 2"…: scenarios are chosen by name, so names differ.
        name = first_free_name(
            f"New {self.word}",
            (str(getattr(item, "name", getattr(item, "title", ""))) for item in self.model.items()),
        )
        item_id = self.controller.new_id(self.kind, name)
        current = self.table.currentIndex()
        position = current.row() + 1 if current.isValid() else None
        accepted, message = attempt(
            self.controller,
            lambda: self.controller.add_item(
                self.kind, self.new_item(item_id, name), position, named_next=True
            ),
        )
        if not accepted:
            self.message.show_error(message)
            return None
        self.message.clear_error()
        self.select_id(item_id)
        self.table.setFocus()
        self._naming = item_id
        self.table.edit(self.model.index(self.model.row_of(item_id), self.name_column))
        return item_id

    def _naming_closed(self, *_args: object) -> None:
        """The name field opened for the item just added closed, named or not (after the name
        was applied): a later rename is a step of its own."""
        item_id, self._naming = self._naming, None
        if item_id is not None:
            self.controller.end_naming(self.kind, item_id)

    def remove_current(self) -> bool:
        """Remove the selected item, asking first when data would be lost."""
        item = self.current_item()
        if item is None:
            return False
        warning = self.removal_warning(item)
        if warning is not None:
            answer = QMessageBox.question(
                self,
                f"Remove {self.word}",
                plain(warning),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        focus = QApplication.focusWidget()
        focus_here = focus is not None and self.isAncestorOf(focus)
        row = self.table.currentIndex().row()
        accepted, message = attempt(
            self.controller, lambda: self.controller.remove_item(self.kind, item.id)
        )
        if not accepted:
            self.message.show_error(message)
            return False
        self.message.clear_error()
        if self.model.rowCount():
            self.select_id(self.model.item_id(min(row, self.model.rowCount() - 1)))
        self.refresh_form()
        if focus_here and not self.model.rowCount():
            # Remove turned disabled with the form, and the focus went nowhere: Add is left.
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def move_current(self, step: int) -> bool:
        """Move the selected item ``step`` places (-1 up, 1 down), one undo step; it stays
        selected."""
        item = self.current_item()
        row = self.table.currentIndex().row()
        if item is None or not 0 <= row + step < self.model.rowCount():
            return False
        accepted, message = attempt(
            self.controller, lambda: self.controller.move_item(self.kind, item.id, row + step)
        )
        if not accepted:
            self.message.show_error(message)
            return False
        self.message.clear_error()
        self.select_id(item.id)
        self.refresh_form()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt = event.modifiers() == Qt.KeyboardModifier.AltModifier
            if alt and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
            if self.table.state() != QAbstractItemView.State.EditingState:
                if event.key() == Qt.Key.Key_Insert:
                    self.add_item()
                    return True
                if event.key() == Qt.Key.Key_Delete or event.matches(
                    QKeySequence.StandardKey.Delete
                ):
                    self.remove_current()
                    return True
        return super().eventFilter(watched, event)


SHARES_WIDTH = "rriskSharesWidth"
"""A combo box with this property set keeps the width its row gives it: one listing names
(projects, criteria) would otherwise grow to its longest and push the form off the window."""


def compact_fields(page: QWidget) -> None:
    """Numbers and fixed choices keep their natural width instead of spanning the form."""
    for spin in page.findChildren(QAbstractSpinBox):
        spin.setSizePolicy(QSizePolicy.Policy.Fixed, spin.sizePolicy().verticalPolicy())
        spin.setMinimumWidth(spin.fontMetrics().averageCharWidth() * 14)
    for combo in page.findChildren(QComboBox):
        if combo.parent() is not None and isinstance(combo.parent(), QAbstractItemView):
            continue
        if combo.property(SHARES_WIDTH):
            continue
        combo.setSizePolicy(QSizePolicy.Policy.Fixed, combo.sizePolicy().verticalPolicy())
        combo.setMinimumContentsLength(18 if combo.isEditable() else 0)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
