"""The Screening tab's tree: projects, their territory rules, counterparties and hits."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from desktop.screening.tree import PROJECT, RECORDED, Row
from desktop.ui import style
from desktop.ui.fitting import fitted_tip
from desktop.ui.text import plain

COLUMNS = ("Project · counterparty · hit", "Score", "Entry", "Programmes", "Decision")
WIDTHS_EM = ((1, 5), (2, 10), (3, 13), (4, 18))
FITTED_EM = {2: (8, 18), 4: (12, 24), 0: (16, 40)}
"""Columns as wide as their longest text, within (least, most) em: the entries and the
decisions, then the names, as far as the view leaves room (:data:`PROGRAMMES_EM` kept for the
programmes). The most is a bound for a view of ordinary width only: the room a wide view has
beyond these widths and the programmes' least goes to the decisions until they are whole,
then is shared evenly among the texts still cut, the programmes' too (one lacking less than
its share gets all it lacks); a text still longer is elided, whole in its tooltip. The programmes take the rest (a decision "No
counterparty named: nothing scre…" was cut at 24 em beside a wide, empty Programmes column)."""
PROGRAMMES_EM = 12
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
        self._fitting = False
        self._set_widths()
        # The programmes (the legal basis a reviewer checks) take the room a wide window
        # gives; the other columns fit their texts (:data:`FITTED_EM`) until one is dragged.
        header.setSectionResizeMode(PROGRAMMES, QHeaderView.ResizeMode.Stretch)
        self._dragged = False
        header.sectionResized.connect(self._section_resized)
        self._measured: dict[int, int] = {}
        """Each column's widest text, for the lines shown and the font (:meth:`_text_width`);
        emptied when either changes."""
        self.itemExpanded.connect(self._content_changed)
        self.itemCollapsed.connect(self._content_changed)

    def selected_row(self) -> Row | None:
        return row_of(self.currentItem())

    def show_rows(self, rows: list[Row], key: tuple[str, ...] | None) -> bool:
        """Show ``rows``, expanded but for each counterparty's decisions recorded on other
        lists (collapsed and dimmed below its hits on the list screened, which they hid among
        them); select the line with ``key`` again (True if found), its lines opened to it."""
        self.clear()
        bold = QFont()  # only the weight: the size is the view's, as it changes
        bold.setBold(True)
        found: list[QTreeWidgetItem] = []
        recorded: list[QTreeWidgetItem] = []

        def add(row: Row, parent: QTreeWidgetItem | None, dim: bool) -> None:
            item = self._item(row, parent, dim)
            if row.kind == PROJECT:
                item.setFont(0, bold)
            elif row.hit is not None and row.decision is None:
                item.setFont(DECISION, bold)  # pending: the analyst's next job
            if row.key == key:
                found.append(item)
            if row.kind == RECORDED:
                recorded.append(item)
            for child in row.children:
                add(child, item, dim or row.kind == RECORDED)

        for project in rows:
            add(project, None, False)
        self.expandAll()
        for item in recorded:
            item.setExpanded(False)
        self._content_changed()
        self._fit_columns()
        if found:
            self.reveal(found[0])
            self.setCurrentItem(found[0])
        return bool(found)

    def reveal(self, item: QTreeWidgetItem) -> None:
        """Open the lines above ``item`` (a decision recorded on another list is collapsed)."""
        parent = item.parent()
        while parent is not None:
            parent.setExpanded(True)
            parent = parent.parent()

    def _set_widths(self) -> None:
        """The columns that do not fit their texts, in em of the font (the stretched one
        takes the rest)."""
        em = self.fontMetrics().horizontalAdvance("M")
        header = self.header()
        self._fitting = True
        try:
            for column, width in WIDTHS_EM:
                if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
                    header.resizeSection(column, em * width)
        finally:
            self._fitting = False

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            # (The headers have the new font already: see style.pad_headers.)
            self._measured.clear()
        if event.type() == QEvent.Type.FontChange and not self._dragged:
            # A larger font (the desktop's text scaled while the window is open): the widths
            # follow it (they stayed in the pixels of the font before, names and scores cut).
            self._set_widths()
            self._fit_columns()

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if not self._fitting and column != PROGRAMMES:  # the stretched one follows the window
            self._dragged = True

    def _fit_columns(self) -> None:
        """Size the names, entries and decisions to their longest text, within
        :data:`FITTED_EM` and the room a wide view has beyond (a long project name was cut at a
        sixth of the window while the programmes took as much); a width the analyst dragged
        is kept. The texts are measured once for the lines shown and the font, not at each
        resize (:meth:`_text_width`). An empty view fits its headers (the first, at Qt's
        default width, read "Project · count")."""
        if self._dragged:
            return
        em = self.fontMetrics().horizontalAdvance("M")
        header = self.header()
        fitted = (*FITTED_EM, PROGRAMMES)
        fixed = sum(header.sectionSize(c) for c in range(header.count()) if c not in fitted)
        wanted = {column: self._text_width(column) for column in FITTED_EM}
        widths: dict[int, int] = {}
        for column, (least, most) in FITTED_EM.items():
            if column == 0:  # the names: as far as the others leave room
                room = self.viewport().width() - fixed - sum(widths.values())
                most = min(most, (room - PROGRAMMES_EM * em) // em)
            widths[column] = max(least * em, min(most * em, wanted[column]))
        # A wide view's room beyond these and the programmes' least: the decisions whole
        # first (what the analyst acts on), then shared evenly among the texts still cut, the
        # programmes' too (their share stays theirs): one lacking less than its share is given
        # all it lacks, and what is left goes to the others.
        spare = self.viewport().width() - fixed - sum(widths.values()) - PROGRAMMES_EM * em
        lacking = {c: wanted[c] - widths[c] for c in FITTED_EM}
        given = max(0, min(lacking.pop(DECISION), spare))
        widths[DECISION] += given
        spare -= given
        lacking[PROGRAMMES] = self._text_width(PROGRAMMES) - PROGRAMMES_EM * em
        waiting = sorted((short, column) for column, short in lacking.items() if short > 0)
        for at, (short, column) in enumerate(waiting):
            if spare <= 0:
                break
            given = min(short, spare // (len(waiting) - at))
            spare -= given
            if column != PROGRAMMES:
                widths[column] += given
        self._fitting = True
        try:
            for column, width in widths.items():
                header.resizeSection(column, width)
        finally:
            self._fitting = False

    def _content_changed(self, _item: QTreeWidgetItem | None = None) -> None:
        """Rows shown again, a line expanded or collapsed: the texts are measured again."""
        self._measured.clear()

    def _text_width(self, column: int) -> int:
        """The width of ``column``'s longest text and its header, measured once for the lines
        shown and the font (measuring thousands of lines at each resize of the window cost
        ~40 ms a step of a drag of its edge)."""
        if column not in self._measured:
            self._measured[column] = max(
                self.sizeHintForColumn(column), self.header().sectionSizeHint(column)
            )
        return self._measured[column]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_columns()  # a wider view has room for longer names

    def _item(self, row: Row, parent: QTreeWidgetItem | None, dim: bool = False) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent) if parent is not None else QTreeWidgetItem(self)
        item.setData(0, ROW_ROLE, row)
        text = row.text if row.kind != PROJECT or not row.region else f"{row.text} · {row.region}"
        item.setText(0, text)
        item.setToolTip(0, fitted_tip(text))  # a long name keeps the tooltip on the screen
        if row.hit is not None:
            item.setText(1, f"{row.hit.score:.2f}")
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setText(2, row.hit.entry_id)
            item.setToolTip(2, plain(row.hit.entry_id))
            item.setText(3, "; ".join(row.hit.programmes))
            item.setToolTip(3, plain("\n".join(row.hit.sanctions)))
        if row.territory is not None:
            item.setText(3, row.territory.basis)
            item.setToolTip(3, plain(row.territory.basis))
        # Short in the column, whole in the tooltip (see tree.short_label).
        item.setText(DECISION, row.label or row.status)
        item.setToolTip(DECISION, plain(row.status))
        if dim or row.kind == RECORDED:
            muted = style.muted_text_color(self.palette())
            for column in range(len(COLUMNS)):
                item.setForeground(column, muted)
        if row.excluded or row.status.startswith(RED_LINE_STATES):
            item.setForeground(DECISION, style.red_line_colour(self))
        return item
