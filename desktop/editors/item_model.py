"""A thin editable table model over one list of the document (criteria, projects, ...).

Rows are cached as display values and rebuilt from the document after every change; an
insertion or removal of one item is reported as such (so the selection survives), anything
else as changed data. ``setData`` never touches the document: it asks the controller, which
validates and pushes an undo command, and returns whether the edit was accepted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QWidget

from desktop.editors.common import attempt, single_line
from desktop.ui.text import plain_tooltip

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController

AnyIndex = QModelIndex | QPersistentModelIndex
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""Role giving the id of a row's item."""


@dataclass(frozen=True)
class Column:
    """How one column shows and edits a field of an item."""

    header: str
    display: Callable[[Any], str]
    field: str | None = None
    """Field written by an edit; None makes the column read-only."""
    edit_value: Callable[[Any], Any] | None = None
    """Value handed to the editor widget (defaults to the field's value)."""
    parse: Callable[[Any], Any] | None = None
    """Turns the editor's value into the field's value; raises ValueError with a message."""
    tooltip: Callable[[Any], str] | None = None
    numeric: bool = False
    header_tip: str = ""
    reads_cells: bool = False
    """Its text depends on the cells too: refreshed after a cell edit as well."""


class ItemTableModel(QAbstractTableModel):
    """One row per item of ``document.<field>``; edits go through ``controller.edit_item``."""

    refused = Signal(str)
    """A refused edit, with the message to show."""

    def __init__(
        self,
        controller: DocumentController,
        kind: str,
        field: str,
        columns: Sequence[Column],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self.kind = kind
        self._field = field
        self.columns = list(columns)
        self._ids: list[str] = []
        self._display: list[list[str]] = []
        self._edit: list[list[Any]] = []
        self._tips: list[list[str]] = []
        self._read()
        controller.documentReplaced.connect(self.reset)
        controller.documentChanged.connect(self.sync)

    # -- cache ---------------------------------------------------------------------------
    def items(self) -> list[Any]:
        return list(getattr(self._controller.document, self._field))

    def _rows_of(
        self, items: list[Any]
    ) -> tuple[list[list[str]], list[list[Any]], list[list[str]]]:
        display, edit, tips = [], [], []
        for item in items:
            display.append([column.display(item) for column in self.columns])
            edit.append(
                [
                    column.edit_value(item)
                    if column.edit_value is not None
                    else (getattr(item, column.field) if column.field else None)
                    for column in self.columns
                ]
            )
            tips.append([column.tooltip(item) if column.tooltip else "" for column in self.columns])
        return display, edit, tips

    def _read(self) -> None:
        items = self.items()
        self._ids = [item.id for item in items]
        self._display, self._edit, self._tips = self._rows_of(items)

    def reset(self) -> None:
        self.beginResetModel()
        self._read()
        self.endResetModel()

    def sync(self) -> None:
        """Bring the cache up to date, reporting one insertion or removal precisely."""
        if self._controller.changed_cells is not None and not any(
            column.reads_cells for column in self.columns
        ):
            return  # criteria, projects, sources and scenarios hold no cell data
        items = self.items()
        new_ids = [item.id for item in items]
        old_ids = self._ids
        display, edit, tips = self._rows_of(items)
        # The same rows, or the same rows with an item renamed in place (an id follows its
        # item's name): report the rows that changed. A reset would lose the current row,
        # and an editor's form would jump to another item.
        if len(new_ids) == len(old_ids) and _renamed_in_place(old_ids, new_ids):
            changed = [
                row
                for row in range(len(new_ids))
                if new_ids[row] != old_ids[row]
                or display[row] != self._display[row]
                or edit[row] != self._edit[row]
                or tips[row] != self._tips[row]
            ]
            self._ids, self._display, self._edit, self._tips = new_ids, display, edit, tips
            if changed:
                last = self.columnCount() - 1
                self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), last))
            return
        if len(new_ids) == len(old_ids) + 1:
            row = next(
                (i for i, (a, b) in enumerate(zip(new_ids, old_ids, strict=False)) if a != b),
                len(old_ids),
            )
            if new_ids[:row] + new_ids[row + 1 :] == old_ids:
                self.beginInsertRows(QModelIndex(), row, row)
                self._ids, self._display, self._edit, self._tips = new_ids, display, edit, tips
                self.endInsertRows()
                self._emit_all_changed()
                return
        if len(new_ids) == len(old_ids) - 1:
            row = next(
                (i for i, (a, b) in enumerate(zip(new_ids, old_ids, strict=False)) if a != b),
                len(new_ids),
            )
            if old_ids[:row] + old_ids[row + 1 :] == new_ids:
                self.beginRemoveRows(QModelIndex(), row, row)
                self._ids, self._display, self._edit, self._tips = new_ids, display, edit, tips
                self.endRemoveRows()
                self._emit_all_changed()
                return
        self.beginResetModel()
        self._ids, self._display, self._edit, self._tips = new_ids, display, edit, tips
        self.endResetModel()

    def _emit_all_changed(self) -> None:
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, self.columnCount() - 1)
            )

    # -- Qt model API --------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.header_tip or None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].field is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display[row][column]
        if role == Qt.ItemDataRole.EditRole:
            return self._edit[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tips[row][column])
        if role == ITEM_ID_ROLE:
            return self._ids[row]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[column].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        column = self.columns[index.column()]
        field = column.field
        if field is None:
            return False
        if isinstance(value, str) and column.parse is None:
            value = single_line(value)  # a cell is one line: a pasted break or spaces go
        try:
            parsed = column.parse(value) if column.parse is not None else value
        except ValueError as error:
            self.refused.emit(str(error))
            return False
        item_id = self._ids[index.row()]
        accepted, message = attempt(
            self._controller,
            lambda: self._controller.edit_item(self.kind, item_id, {field: parsed}),
        )
        if not accepted:
            self.refused.emit(message)
        return accepted

    # -- helpers -------------------------------------------------------------------------
    def item_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, item_id: str) -> int:
        try:
            return self._ids.index(item_id)
        except ValueError:
            return -1


def _renamed_in_place(old_ids: list[str], new_ids: list[str]) -> bool:
    """Whether every row whose id changed (if any) holds an id new to the list, in place of
    one that left it (a rename), rather than an id moved from another row (a reorder)."""
    old_set, new_set = set(old_ids), set(new_ids)
    return all(
        new not in old_set and old not in new_set
        for old, new in zip(old_ids, new_ids, strict=True)
        if old != new
    )
