"""The Screening tab's tree: projects, their territory rules, counterparties and hits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from desktop.screening.tree import PROJECT, Row
from desktop.ui import style
from desktop.ui.text import plain

COLUMNS = ("Project · counterparty · hit", "Score", "Entry", "Programmes", "Decision")
WIDTHS_EM = ((1, 5), (2, 10), (3, 13), (4, 18))
ROW_ROLE = Qt.ItemDataRole.UserRole
PROGRAMMES = 3
DECISION = 4
RED_LINE_STATES = ("Excluded", "Red line", "Confirmed — red line")


def row_of(item: QTreeWidgetItem | None) -> Row | None:
    row = item.data(0, ROW_ROLE) if item is not None else None
    return row if isinstance(row, Row) else None


class ScreeningTree(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        style.pad_headers(self)
        self.setObjectName("screeningTree")
        self.setAccessibleName("Screening hits and territory rules")
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(list(COLUMNS))
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.header()
        header.setStretchLastSection(False)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        em = self.fontMetrics().horizontalAdvance("M")
        for column, width in WIDTHS_EM:
            header.resizeSection(column, em * width)
        # The names and the programmes (the legal basis a reviewer checks) share the room a
        # wide window gives; score, entry and decision keep their widths.
        for column in (0, PROGRAMMES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def selected_row(self) -> Row | None:
        return row_of(self.currentItem())

    def show_rows(self, rows: list[Row], key: tuple[str, ...] | None) -> bool:
        """Show ``rows``, all expanded; select the line with ``key`` again (True if found)."""
        self.clear()
        current = None
        bold = QFont(self.font())
        bold.setBold(True)
        for project in rows:
            top = self._item(project, None)
            top.setFont(0, bold)
            current = top if project.key == key else current
            for child in project.children:
                item = self._item(child, top)
                current = item if child.key == key else current
                for hit in child.children:
                    leaf = self._item(hit, item)
                    if hit.decision is None:
                        leaf.setFont(DECISION, bold)  # pending: the analyst's next job
                    current = leaf if hit.key == key else current
        self.expandAll()
        if current is not None:
            self.setCurrentItem(current)
        return current is not None

    def _item(self, row: Row, parent: QTreeWidgetItem | None) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent) if parent is not None else QTreeWidgetItem(self)
        item.setData(0, ROW_ROLE, row)
        text = row.text if row.kind != PROJECT or not row.region else f"{row.text} · {row.region}"
        item.setText(0, text)
        item.setToolTip(0, plain(text))
        if row.hit is not None:
            item.setText(1, f"{row.hit.score:.2f}")
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setText(2, row.hit.entry_id)
            item.setText(3, "; ".join(row.hit.programmes))
            item.setToolTip(3, plain("\n".join(row.hit.sanctions)))
        if row.territory is not None:
            item.setText(3, row.territory.basis)
            item.setToolTip(3, plain(row.territory.basis))
        item.setText(DECISION, row.status)
        item.setToolTip(DECISION, plain(row.status))
        if row.status.startswith(RED_LINE_STATES):
            item.setForeground(DECISION, style.red_line_colour(self))
        return item
