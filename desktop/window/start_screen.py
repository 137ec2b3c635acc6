"""The start page: new blank, new from a template (with descriptions), open, recent files."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QShortcut,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.settings import recent_file_state
from desktop.ui import style
from desktop.ui.fitting import elided
from desktop.ui.refusals import show_line
from desktop.ui.text import folders_told_apart, plain
from rrisk.palette import RED_LINE_MARK
from rrisk.scoring import cell_band_ranges
from rrisk.templates import BLANK_ID, list_templates

DetailRole = Qt.ItemDataRole.UserRole + 1
KeyRole = Qt.ItemDataRole.UserRole + 2
CutRole = Qt.ItemDataRole.UserRole + 3
"""Where a one-line detail too long for its line is cut (a Qt.TextElideMode)."""


def fitted_lines(
    text: str,
    font: QFont,
    width: int,
    lines: int,
    cut: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle,
) -> list[str]:
    """``text`` wrapped into at most ``lines`` lines of ``width`` pixels, every word whole.

    What does not fit is never cut off unseen: the last line ends in an ellipsis where text
    is left out. A single line (a file's folder) keeps both ends of the text and leaves out
    its middle, where one folder's name differs least from another's; or, ``cut`` at the
    right, its start (a folder shown from where it parts from another's).
    """
    metrics = QFontMetrics(font)
    if lines <= 1:
        return [metrics.elidedText(text, cut, width)]
    text = " ".join(text.split())
    layout = QTextLayout(text, font)
    layout.beginLayout()
    starts: list[int] = []
    while len(starts) <= lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    starts.append(len(text))
    shown = [text[a:b].rstrip() for a, b in zip(starts, starts[1:], strict=False)][:lines]
    if len(starts) - 1 > lines:  # more lines than room: the last one shown takes the rest
        rest = " ".join(text[starts[lines - 1] :].split())
        shown[-1] = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return shown


class TwoLineDelegate(QStyledItemDelegate):
    """A bold title over a muted, wrapped detail line (template description, file folder)."""

    def __init__(self, detail_lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._detail_lines = detail_lines

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        height = option.fontMetrics.height()
        return QSize(200, height * (1 + self._detail_lines) + 20)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        widget = option.widget
        style_ = widget.style() if widget else None
        option.text = ""
        if style_ is not None:
            style_.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = option.palette
        title_color = pal.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        detail_color = title_color if selected else style.muted_text_color(pal)
        rect = option.rect.adjusted(12, 8, -12, -8)
        line = option.fontMetrics.height()
        painter.save()
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(title_color)
        title = elided(
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            painter.fontMetrics(),
            rect.width(),
        )
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line), 0, title)
        painter.setFont(option.font)
        painter.setPen(detail_color)
        detail_rect = QRect(
            rect.left(), rect.top() + line + 2, rect.width(), line * self._detail_lines
        )
        cut = index.data(CutRole)
        detail = fitted_lines(
            str(index.data(DetailRole) or ""),
            option.font,
            rect.width(),
            self._detail_lines,
            cut if isinstance(cut, Qt.TextElideMode) else Qt.TextElideMode.ElideMiddle,
        )
        painter.drawText(detail_rect, int(Qt.AlignmentFlag.AlignTop), "\n".join(detail))
        painter.restore()


def _card(parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName("card")
    frame.setStyleSheet(style.CARD_SHEET)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(
        style.SECTION_GAP, style.SECTION_GAP, style.SECTION_GAP, style.SECTION_GAP
    )
    layout.setSpacing(style.SPACING)
    return frame, layout


RECOVERABLE_NOTE = "RRisk closed before these changes were saved. Recover them, then save."
DAMAGED_NOTE = (
    "RRisk closed before these changes were saved, and the autosaved {copy} cannot be read: "
    "{it} can only be discarded."
)
"""The recovery card's line when every copy it lists is damaged (it said "Recover them")."""


class StartScreen(QWidget):
    """The page shown when no assessment is open."""

    newBlankRequested = Signal()
    templateRequested = Signal(str)
    openRequested = Signal()
    recentRequested = Signal(str)
    recentRemoved = Signal(str)
    """A recent file taken off the list (Delete, or the list's context menu)."""
    recoverRequested = Signal(int)
    discardRecoveryRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startScreen")
        self.setAccessibleName("Start")
        self.setAutoFillBackground(True)

        title_text = style.heading("RRisk", 1, self)
        style.set_relative_font(title_text, 2.4, bold=True)
        mark = QLabel(self)
        mark.setAccessibleName("RRisk")
        self._mark, self._title_text, self._mark_side = mark, title_text, 0
        self._size_mark()
        title_text.installEventFilter(self)  # the mark grows with the title's font
        title = QWidget(self)
        title_layout = QHBoxLayout(title)
        title_layout.setContentsMargins(0, 0, 0, 0)
        title_layout.setSpacing(style.SPACING + 4)
        title_layout.addWidget(mark)
        title_layout.addWidget(title_text)
        title_layout.addStretch(1)
        tagline = style.muted_label(
            "Risk matrices for investments in geopolitically exposed places — graded "
            "evidence, red lines, scenarios and an investment\u2011committee memo.",
            self,
        )
        self.error = QLabel(self)
        style.make_error_label(self.error)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()

        # Work autosaved before a crash, offered first.
        self.recovery_card, recovery_layout = _card(self)
        self.recovery_card.setObjectName("recoveryCard")
        recovery_layout.addWidget(style.heading("Recover unsaved work", 2, self.recovery_card))
        self.recovery_note = style.muted_label(RECOVERABLE_NOTE, self.recovery_card)
        recovery_layout.addWidget(self.recovery_note)
        self.recovery_list = QListWidget(self.recovery_card)
        self.recovery_list.setObjectName("recoveryList")
        self.recovery_list.setAccessibleName("Recoverable assessments")
        recovery_layout.addWidget(self.recovery_list)
        recovery_buttons = QHBoxLayout()
        self.recover_button = QPushButton("Recover", self.recovery_card)
        self.recover_button.setObjectName("recoverButton")
        style.make_primary(self.recover_button)
        self.discard_recovery_button = QPushButton("Discard", self.recovery_card)
        self.discard_recovery_button.setObjectName("discardRecoveryButton")
        recovery_buttons.addStretch(1)
        recovery_buttons.addWidget(self.discard_recovery_button)
        recovery_buttons.addWidget(self.recover_button)
        recovery_layout.addLayout(recovery_buttons)
        self._damaged: set[str] = set()
        """The keys of the copies listed as damaged: never offered to open (Recover)."""
        self.recovery_list.currentRowChanged.connect(self._recovery_chosen)
        self.recover_button.clicked.connect(
            lambda: self.recoverRequested.emit(self.recovery_list.currentRow())
        )
        self.recovery_list.itemActivated.connect(self._recovery_activated)
        self.discard_recovery_button.clicked.connect(
            lambda: self.discardRecoveryRequested.emit(self.recovery_list.currentRow())
        )
        self.recovery_card.hide()

        # Start: new blank, open, templates.
        start, start_layout = _card(self)
        start_layout.addWidget(style.heading("Start", 2, start))
        self.new_button = QPushButton("New blank assessment", start)
        self.new_button.setObjectName("startNewBlank")
        style.make_primary(self.new_button)
        self.new_button.setToolTip("An empty assessment (Ctrl+N)")
        self.open_button = QPushButton("Open…", start)
        self.open_button.setObjectName("startOpen")
        self.open_button.setToolTip("Open a .rrisk file (Ctrl+O)")
        for button in (self.new_button, self.open_button):
            button.setMinimumHeight(button.fontMetrics().height() * 2 + 8)
        self.new_button.clicked.connect(self.newBlankRequested)
        self.open_button.clicked.connect(self.openRequested)
        buttons = QHBoxLayout()
        buttons.setSpacing(style.SPACING)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        start_layout.addLayout(buttons)
        start_layout.addSpacing(style.SPACING)
        start_layout.addWidget(style.heading("New from template", 2, start))
        self.templates = QListWidget(start)
        self.templates.setObjectName("templateList")
        self.templates.setAccessibleName("Templates")
        self.templates.setItemDelegate(TwoLineDelegate(3, self.templates))
        self.templates.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # By pixel: scrolling by item showed a scroll bar beside rows that all fit.
        self.templates.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.templates.itemActivated.connect(self._template_activated)
        start_layout.addWidget(self.templates)
        self.template_button = QPushButton("Create from template", start)
        self.template_button.setObjectName("startFromTemplate")
        self.template_button.clicked.connect(self._create_from_template)
        start_layout.addWidget(self.template_button, 0, Qt.AlignmentFlag.AlignRight)

        # Recent files.
        recent, recent_layout = _card(self)
        recent_layout.addWidget(style.heading("Recent files", 2, recent))
        self.recent = QListWidget(recent)
        self.recent.setObjectName("recentList")
        self.recent.setAccessibleName("Recent files")
        self.recent.setItemDelegate(TwoLineDelegate(1, self.recent))
        self.recent.itemActivated.connect(
            lambda item: self.recentRequested.emit(str(item.data(KeyRole)))
        )
        # Delete (or Backspace, macOS's Delete) and the context menu take one off the list.
        self.recent.installEventFilter(self)
        self.recent.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        forget = QAction("Remove from Recent Files", self.recent)
        forget.triggered.connect(self._remove_current_recent)
        self.recent.addAction(forget)
        self.recent_empty = style.muted_label(
            "Files you open or save appear here; you can also drop a .rrisk file on this "
            "window.\n\n"
            "Getting started\n"
            "1.  Start from the template or a blank assessment.\n"
            "2.  Score each project on each criterion: likelihood × impact, backed by "
            "graded sources.\n"
            "3.  Mark red lines, compare scenarios, watch the ranking.\n"
            "4.  Export the investment-committee memo (Ctrl+E).",
            recent,
        )
        self.recent_empty.setObjectName("recentEmpty")
        recent_layout.addWidget(self.recent)
        recent_layout.addWidget(self.recent_empty)
        recent_layout.addStretch(1)

        columns = QHBoxLayout()
        columns.setSpacing(style.SECTION_GAP)
        columns.addWidget(start, 3, Qt.AlignmentFlag.AlignTop)
        columns.addWidget(recent, 2)

        page = QWidget(self)
        page.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 80)
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(style.SPACING)
        page_layout.addWidget(title)
        page_layout.addWidget(tagline)
        page_layout.addSpacing(style.SECTION_GAP)
        page_layout.addWidget(self.error)
        page_layout.addWidget(self.recovery_card)
        page_layout.addLayout(columns)
        page_layout.addSpacing(style.SECTION_GAP)
        page_layout.addLayout(self._legend())

        centred = QVBoxLayout()
        centred.addStretch(1)
        centred.addWidget(page)
        centred.addStretch(2)
        # The page scrolls rather than holding the window wider or taller than a small screen.
        body = QWidget()
        scroll = QScrollArea(self)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not an empty, unnamed Tab stop
        scroll.setWidget(body)
        frame_layout = QVBoxLayout(self)
        frame_layout.setContentsMargins(0, 0, 0, 0)
        frame_layout.addWidget(scroll)
        outer = QHBoxLayout(body)
        margin = style.SECTION_GAP * 2
        outer.setContentsMargins(margin, margin, margin, margin)
        outer.addStretch(1)
        outer.addLayout(centred, 8)
        outer.addStretch(1)
        self._fill_templates()
        for button in self.findChildren(QPushButton):
            # Return presses the button in focus, as Space does (outside a dialog a button
            # takes Space alone, and the page opens with its focus on New blank assessment).
            button.setAutoDefault(True)
        escape_key = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape_key.activated.connect(self.error.hide)

    def _legend(self) -> QHBoxLayout:
        """The scale every assessment uses, as a reminder of the method."""
        row = QHBoxLayout()
        row.setSpacing(style.SPACING)
        row.addWidget(style.muted_label("Cell risk = likelihood × impact:", self), 0)
        for band, (_name, span) in enumerate(cell_band_ranges()):
            chip = QLabel(f"{style.band_label(band)} {span}", self)
            chip.setStyleSheet(
                f"QLabel {{ background: {style.band_fill(band).name()}; "
                f"color: {style.band_text(band).name()}; border-radius: 3px; padding: 2px 8px; }}"
            )
            row.addWidget(chip)
        mark = style.muted_label(f"{RED_LINE_MARK} a red line excludes the project", self)
        row.addWidget(mark, 0)
        row.addStretch(1)
        for position in range(row.count()):
            item = row.itemAt(position)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                widget.setWordWrap(False)
        return row

    def _fill_templates(self) -> None:
        self.templates.clear()
        for template in list_templates():
            if template.id == BLANK_ID:
                continue
            item = QListWidgetItem(template.title)
            item.setData(DetailRole, template.description)
            # What the delegate paints under the title, said to screen readers too.
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, template.description)
            item.setData(KeyRole, template.id)
            item.setToolTip(plain(template.description))
            self.templates.addItem(item)
        if self.templates.count():
            self.templates.setCurrentRow(0)
        self._fit_height(self.templates, max(1, self.templates.count()), 4)
        self.template_button.setEnabled(self.templates.count() > 0)

    def set_recent_files(self, paths: list[str]) -> None:
        self.recent.clear()
        folders = folders_told_apart(paths)
        for text in paths:
            path = Path(text)
            item = QListWidgetItem(path.name)
            state = recent_file_state(path)
            # A file moved or deleted since is marked before it is clicked (opening it says
            # so and takes it off the list), and one whose folder is out of reach now too.
            detail = f"{state} · {folders[text]}" if state else folders[text]
            item.setData(DetailRole, detail)
            if folders[text] != str(path.parent):  # shown from where it parts: keep that
                item.setData(CutRole, Qt.TextElideMode.ElideRight)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, detail)
            item.setData(KeyRole, text)
            item.setToolTip(plain(f"{text} ({state})" if state else text))
            self.recent.addItem(item)
        self._fit_height(self.recent, max(1, len(paths)), 8)
        self.recent.setVisible(bool(paths))
        self.recent_empty.setVisible(not paths)

    def _size_mark(self) -> None:
        """The app's mark as tall as the title beside it (sized once, it stayed small beside a
        title grown with the desktop's text)."""
        side = self._title_text.sizeHint().height()
        if side != self._mark_side:
            self._mark_side = side
            self._mark.setPixmap(style.app_icon().pixmap(side, side))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._title_text:
            if event.type() == QEvent.Type.FontChange:
                # (once the title has taken it: its size hint is still the old one here)
                QTimer.singleShot(0, self, self._size_mark)
            return False
        if (
            watched is self.recent
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and not event.modifiers()
        ):
            self._remove_current_recent()
            return True
        return super().eventFilter(watched, event)

    def _remove_current_recent(self) -> None:
        item = self.recent.currentItem()
        if item is None:
            return
        row = self.recent.row(item)
        self.recentRemoved.emit(str(item.data(KeyRole)))
        # The list is filled again from the settings; the focus stays on it, on the next file.
        if self.recent.count():
            self.recent.setCurrentRow(min(row, self.recent.count() - 1))

    @staticmethod
    def _fit_height(view: QListWidget, rows: int, most: int) -> None:
        """Size a list to its rows (up to ``most``) instead of leaving a tall empty box."""
        row = view.sizeHintForRow(0) if view.count() else view.fontMetrics().height() * 3
        frame = view.frameWidth() * 2 + 2
        view.setFixedHeight(row * min(rows, most) + frame)

    def set_recoveries(
        self,
        descriptions: list[str],
        keys: list[str] | None = None,
        damaged: Collection[str] = (),
    ) -> None:
        """Offer autosaved work (descriptions in the order of the recoveries). ``keys`` name
        the copies: the one chosen stays chosen when the list is set again (a copy's title
        read meanwhile), else the first is. ``damaged``: the keys of copies that cannot be
        read, listed to be discarded, never recovered (Recover is hidden on them)."""
        keys = keys if keys is not None else [""] * len(descriptions)
        self._damaged = set(damaged)
        current = self.recovery_list.currentItem()
        chosen = current.data(KeyRole) if current is not None else None
        self.recovery_list.clear()
        for text, key in zip(descriptions, keys, strict=True):
            item = QListWidgetItem(text, self.recovery_list)
            item.setData(KeyRole, key)
            if key in self._damaged:
                item.setToolTip(
                    f"{key}\nThis copy cannot be read (cut short, or a disk's error): its "
                    "changes cannot be recovered. Discard deletes it."
                )
        unreadable = sum(key in self._damaged for key in keys)
        self.recovery_note.setText(
            RECOVERABLE_NOTE
            if unreadable < len(keys) or not keys
            else DAMAGED_NOTE.format(
                copy="copy" if unreadable == 1 else "copies",
                it="it" if unreadable == 1 else "they",
            )
        )
        if descriptions:
            self.recovery_list.setCurrentRow(keys.index(chosen) if chosen in keys else 0)
            self._fit_height(self.recovery_list, len(descriptions), 4)
        self.recovery_card.setVisible(bool(descriptions))

    def _recovery_activated(self, item: QListWidgetItem) -> None:
        if item.data(KeyRole) not in self._damaged:  # a damaged copy is never opened
            self.recoverRequested.emit(self.recovery_list.row(item))

    def _recovery_chosen(self, row: int) -> None:
        item = self.recovery_list.item(row)
        # Hidden, not disabled: the primary button's colours do not change when disabled.
        self.recover_button.setVisible(item is None or item.data(KeyRole) not in self._damaged)

    def show_error(self, message: str) -> None:
        """Show a problem (e.g. a file given on the command line that cannot be opened), said
        aloud as it appears: a screen reader does not read a line that appears by itself."""
        show_line(self.error, message)

    def _template_activated(self, item: QListWidgetItem) -> None:
        self.templateRequested.emit(str(item.data(KeyRole)))

    def _create_from_template(self) -> None:
        item = self.templates.currentItem()
        if item is not None:
            self._template_activated(item)

    def focus_first(self) -> None:
        self.new_button.setFocus(Qt.FocusReason.OtherFocusReason)
