"""The Changes view: what changed between another version and the open assessment, and why.

A tree grouped by project, in the newer ranking's order: each project's row shows its rank
movement first, then index and band before → after; under it the red lines that appeared or
cleared, why its index moved (shares in index points that add up to the movement) and every
change of its own. Criteria, sources, scenarios and the assessment's own fields follow.
Selecting a line that concerns a cell selects that cell in the matrix and heat map;
activating it (double-click, Enter) also brings the matrix forward. The Report tab holds the
same text as ``rrisk diff OLD NEW``, to read whole or copy; it is filled when first shown, a
long report a piece at a time (Copy Report copies it whole at any time).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.changes.outline import Group, Outline
from desktop.ui import style
from desktop.ui.text import plain

LinkRole = Qt.ItemDataRole.UserRole + 1
"""(project id or None, criterion id or None) of a line, or None."""
PendingRole = Qt.ItemDataRole.UserRole + 2
"""The :class:`Group` of a collapsed group whose lines are not built yet, or None."""

COLUMNS = ("Project / change", "Rank", "Index", "Band", "Coverage")
NAME_EMS = 12
"""The width of the first column at least, in M widths (a project's name, a group's title)."""
EXPANDED_GROUPS = 12
"""The first groups open expanded; the rest start collapsed (a long list stays scannable)."""
REPORT_PIECE = 1 << 18
"""The characters of the report put into the Report tab at a time, to the end of a line:
with everything changed at 2,000 × 40 the report is 14–26 MB, and put in whole it held the
window 2–4 s as each comparison was shown, the tab opened or not. A piece takes some 60 ms."""


class ChangesView(QWidget):
    """One comparison, shown; ``set_outline`` replaces it (Compare again)."""

    cellSelected = Signal(object, object)
    """A line about a cell (or a criterion, or a project) became current."""
    cellActivated = Signal(object, object)
    """A line was activated: show its cell in the matrix."""
    memoRequested = Signal()
    refreshRequested = Signal()
    closeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changesView")
        self.versions = QLabel(self)
        self.versions.setObjectName("changesVersions")
        self.versions.setTextFormat(Qt.TextFormat.PlainText)
        self.versions.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("changesSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.stale = style.muted_label(
            "The assessment was edited after this comparison: Compare Again to update it.", self
        )
        self.stale.setObjectName("changesStale")
        self.stale.hide()

        self.tree = QTreeWidget(self)
        style.pad_headers(self.tree)
        self.tree.setObjectName("changesTree")
        self.tree.setAccessibleName("Changes between the versions")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # The figures' columns took the whole of a narrow dock: the projects' names (and the
        # groups', "Criteria (3)") were cut to their first letters. The first column takes
        # the width the figures leave, but keeps room for a name's first words; the figures
        # then scroll into view. (Qt's minimum section size would widen every column.)
        self._name_width = self.fontMetrics().horizontalAdvance("M") * NAME_EMS
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, self._name_width)
        header.sectionResized.connect(self._fit_names)
        self.tree.viewport().installEventFilter(self)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemExpanded.connect(self._fill)

        self.report = QPlainTextEdit(self)
        self.report.setObjectName("changesReport")
        self.report.setAccessibleName("Report of the changes between the versions")
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.report.setFont(fixed)
        self._fixed_ratio = fixed.pointSizeF() / max(self.font().pointSizeF(), 1.0)
        """The report's fixed font to the view's, kept as the application's font changes."""
        self.report.setUndoRedoEnabled(False)  # read-only: the pieces added keep no undo steps
        self._report = ""
        """The whole report of the comparison shown."""
        self._report_held = 0
        """How much of :attr:`_report` the Report tab holds: all of it once shown whole."""
        self._report_timer = QTimer(self)
        self._report_timer.setInterval(0)
        self._report_timer.timeout.connect(self._fill_report)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        style.pad_tabs(self.tabs)
        self.tabs.addTab(self.tree, "&Changes")
        self.tabs.addTab(self.report, "&Report")
        self.tabs.currentChanged.connect(self._tab_shown)

        self.memo_button = self._button("&Memo with These Changes…", "changesMemoButton")
        self.memo_button.setToolTip(
            "Export the IC memo with a 'Changes since' section against the earlier version"
        )
        self.memo_button.clicked.connect(self.memoRequested)
        copy_button = self._button("Cop&y Report", "changesCopyButton")
        copy_button.clicked.connect(self.copy_report)
        refresh = self._button("Compare &Again", "changesRefreshButton")
        refresh.clicked.connect(self.refreshRequested)
        close = self._button("Close Comparison", "changesCloseButton")
        close.setToolTip("Close this view and remove the change marks from the matrix")
        close.clicked.connect(self.closeRequested)
        # Two rows: four buttons on one line made the dock 536 px at least, and a window
        # with it and the inspector wider than a 1366-px laptop screen.
        buttons = QGridLayout()
        buttons.addWidget(self.memo_button, 0, 0)
        buttons.addWidget(copy_button, 0, 1)
        buttons.addWidget(refresh, 1, 0)
        buttons.addWidget(close, 1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN // 2, style.MARGIN // 2, style.MARGIN // 2, 0)
        layout.addWidget(self.versions)
        layout.addWidget(self.summary)
        layout.addWidget(self.stale)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        # Tab from the tabs goes down into the page shown, then to the buttons, as read (the
        # pages, made before the tabs, came before them: Tab went past the page shown).
        QWidget.setTabOrder(self.tabs, self.tree)
        QWidget.setTabOrder(self.tree, self.report)
        QWidget.setTabOrder(self.report, self.memo_button)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        return button

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            # Measured in the old font: a larger one cut the names to their first letters,
            # and the report kept its old size.
            self._name_width = self.fontMetrics().horizontalAdvance("M") * NAME_EMS
            self._fit_names()
            fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
            if self.font().pointSizeF() > 0 and fixed.pointSizeF() > 0:
                fixed.setPointSizeF(self.font().pointSizeF() * self._fixed_ratio)
            self.report.setFont(fixed)

    # -- contents --------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_names()
        return super().eventFilter(watched, event)

    def _fit_names(self, column: int = -1, *_sizes: int) -> None:
        """The first column as wide as the figures' columns leave, at least NAME_EMS wide."""
        if column == 0:
            return
        header = self.tree.header()
        figures = sum(header.sectionSize(other) for other in range(1, len(COLUMNS)))
        width = max(self._name_width, self.tree.viewport().width() - figures)
        if header.sectionSize(0) != width:
            header.resizeSection(0, width)

    def set_outline(self, outline: Outline) -> None:
        self.versions.setText(
            f"{outline.old_role}: {outline.old_label}\nThis one: {outline.new_label}\n"
            f"Scenario: {outline.scenario}"
        )
        self.summary.setText(outline.summary)
        self._report_timer.stop()
        self._report, self._report_held = outline.report, 0
        self.report.clear()
        self._tab_shown()
        self.stale.hide()
        self.tree.setUpdatesEnabled(False)
        _drop_spans(self.tree)
        self.tree.clear()
        items = [self._group_item(group) for group in outline.groups]
        # The coverage column only where a project's coverage moved (a cell cleared or a
        # criterion added without a cell): elsewhere it would repeat "100%" down the tree.
        self.tree.setColumnHidden(
            COLUMNS.index("Coverage"), not any(g.coverage for g in outline.groups)
        )
        opened = items[:EXPANDED_GROUPS]
        for item in opened:
            self._build(item)
        self.tree.addTopLevelItems(items)
        # Built before the tree holds them, expanded while its layout is still to be done,
        # then spanned (which lays the tree out, once): spanned as each group was built and
        # expanded after, the tree was laid out again for each (0.55 s at 2,000 × 40).
        for item in opened:
            for child in _children(item):
                child.setExpanded(True)
            item.setExpanded(True)
        for item in opened:
            _span(item)
        self.tree.setUpdatesEnabled(True)
        self.memo_button.setEnabled(outline.differs)

    def _group_item(self, group: Group) -> QTreeWidgetItem:
        title = group.title
        if group.project is None:
            title = f"{title} ({group.count:,})"
        item = QTreeWidgetItem([title, group.rank, group.index, group.band, group.coverage])
        item.setToolTip(0, plain(group.title))
        item.setData(0, LinkRole, (group.project, None) if group.project else None)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        if group.moved:
            item.setFont(1, font)
        for column in range(1, len(COLUMNS)):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignCenter)
        # Its lines are built when it is first expanded (see _fill): with everything changed
        # at 2,000 × 40 a tree of every line was 390,000 items, the window frozen 12 s or more.
        if group.sections:
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            item.setData(0, PendingRole, group)
        return item

    def _fill(self, item: QTreeWidgetItem) -> None:
        """Build the lines of a group not built yet (expanded for the first time)."""
        if self._build(item):
            _span(item)

    def _build(self, item: QTreeWidgetItem) -> bool:
        """Add the lines of a group not built yet, unspanned (a line spans only in a tree):
        False if they were built already."""
        group = item.data(0, PendingRole)
        if not isinstance(group, Group):
            return False
        item.setData(0, PendingRole, None)
        item.setChildIndicatorPolicy(
            QTreeWidgetItem.ChildIndicatorPolicy.DontShowIndicatorWhenChildless
        )
        for section in group.sections:
            parent = item
            if group.project is not None:
                parent = QTreeWidgetItem(item, [section.title])
                parent.setData(0, LinkRole, (group.project, None))
            for line in section.lines:
                # A share of the movement leads its line, signed, so the column of them lines
                # up; a line spans the whole width (the rank, index and band are the group's).
                text = f"{line.points}  {line.text}" if line.points else line.text
                child = QTreeWidgetItem(parent, [text])
                child.setToolTip(0, plain(line.text))
                if line.project or line.criterion:
                    child.setData(0, LinkRole, (line.project, line.criterion))
        return True

    def mark_stale(
        self, why: str = "The assessment was edited after this comparison", again: bool = True
    ) -> None:
        """The comparison no longer shows the open document as it is (edited, another
        scenario chosen): say so, and how to update it (Compare Again, unless ``again`` is
        False: ``why`` then says what to do)."""
        self.stale.setText(f"{why}: Compare Again to update it." if again else f"{why}.")
        self.stale.show()

    def clear_stale(self) -> None:
        """The comparison shows the open document again (the compared scenario chosen back)."""
        self.stale.hide()

    def _tab_shown(self, *_index: int) -> None:
        """The Report tab, shown, gets the report's first piece at once (a short report
        whole), then the rest a piece at a time."""
        if self.tabs.currentWidget() is self.report and self._report_held == 0:
            self._fill_report()

    def _fill_report(self) -> None:
        """Put the report's next piece into the Report tab (its first replaces what was there)."""
        text, start = self._report, self._report_held
        end = text.find("\n", start + REPORT_PIECE)
        if end < 0:
            end = len(text)
        if start == 0:
            self.report.setPlainText(text[:end])
        else:  # at the end, by a cursor of its own: the view and the selection stay
            cursor = QTextCursor(self.report.document())
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(text[start:end])
        self._report_held = end
        if end < len(text):
            self._report_timer.start()
        else:
            self._report_timer.stop()

    def report_text(self) -> str:
        """The whole report (the ``rrisk diff`` text), whether the Report tab was shown or not."""
        return self._report

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())

    # -- links -----------------------------------------------------------------------------
    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        link = current.data(0, LinkRole) if current is not None else None
        if link:
            self.cellSelected.emit(*link)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        link = item.data(0, LinkRole)
        if link:
            self.cellActivated.emit(*link)

    def lines(self) -> list[str]:
        """Every row's text, depth-first, indented two spaces per level (tests, accessibility)."""
        for group in _children(self.tree.invisibleRootItem()):
            self._fill(group)
        found: list[str] = []

        def walk(item: QTreeWidgetItem, depth: int) -> None:
            texts = [item.text(c) for c in range(len(COLUMNS)) if item.text(c)]
            found.append("  " * depth + "  |  ".join(texts))
            for child in _children(item):
                walk(child, depth + 1)

        walk(self.tree.invisibleRootItem(), -1)
        return found[1:]


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [child for row in range(item.childCount()) if (child := item.child(row)) is not None]


def _span(group: QTreeWidgetItem) -> None:
    """A group's lines span the whole width (the rank, index and band are the group's)."""
    for child in _children(group):
        child.setFirstColumnSpanned(True)
        for line in _children(child):
            line.setFirstColumnSpanned(True)


def _drop_spans(tree: QTreeWidget) -> None:
    """Unset the lines' first-column spans before the tree is cleared (Compare Again): Qt's
    clear() with every line still spanned took time growing with the square of the lines
    (25–45 s with the window frozen at 78,000 lines), one by one beforehand well under a
    second."""
    for group in _children(tree.invisibleRootItem()):
        for child in _children(group):
            child.setFirstColumnSpanned(False)
            for line in _children(child):
                line.setFirstColumnSpanned(False)
