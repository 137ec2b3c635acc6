"""Evidence links of a cell: the list with source grades, and add/remove.

The source picker filters as one types (any part of the title, the publisher or the id, without
regard to case or accents; the popup says what matched where it is not the title): dozens of
sources do not fit a plain drop-down. A title that is not a source yet can become one on the spot:
"New source…" (or Add evidence with that title typed) adds a source with that title, graded
F6 (cannot be judged) until it is graded in Editors → Sources, and links it; with no new
title typed, "New source…" asks for one. A title a source already has picks that source.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import (
    QEvent,
    QIdentityProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from desktop.ui import style
from desktop.ui.fitting import fitted_tip
from desktop.ui.refusals import say_done, say_refused
from desktop.ui.text import plain, single_line
from rrisk.evidence_quality import LOW_GRADE_RULE, weak_grade
from rrisk.messages import empty_name, field_words
from rrisk.model import CREDIBILITY_LABELS, RELIABILITY_LABELS, Assessment, Cell
from rrisk.text import folded_name, isolated, name_letters, page_label

_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
"""A picker entry's title, publisher and id as typing compares them (:func:`name_letters`)."""
_PUBLISHER_ROLE = Qt.ItemDataRole.UserRole + 2
_ENTRY_ROLE = Qt.ItemDataRole.UserRole + 3
_APART = "\x1f"  # between the parts of a key: typed text never holds it
EMPTY_TITLE = f"{field_words('title')}: {empty_name('title')}"
"""Said when "New source…" is given a blank title (as the Sources editor refuses one, in
the model's words: see :func:`rrisk.messages.worded_for`)."""


@lru_cache(maxsize=4096)
def _entry_key(title: str, publisher: str, source_id: str) -> str:
    """A picker entry's :data:`_KEY_ROLE`: read once for a source (the chooser is filled
    again at every cell chosen, and reading letters is the slow part of filling it)."""
    return _APART.join(name_letters(part) for part in (title, publisher, source_id))


class _Matches(QIdentityProxyModel):
    """The picker's entries as its popup lists them: an entry found by its publisher or id
    says so ("Report (B2) — publisher: Amnesty International"), the title alone otherwise."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.typed = ""
        """What was typed, as :func:`name_letters` reads it."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if role == _ENTRY_ROLE:
            role = Qt.ItemDataRole.DisplayRole
        elif role == Qt.ItemDataRole.DisplayRole and self.typed:
            entry = super().data(index, role)
            title, publisher, source_id = str(super().data(index, _KEY_ROLE)).split(_APART)
            if self.typed not in title:
                if self.typed in publisher:
                    return f"{entry} — publisher: {super().data(index, _PUBLISHER_ROLE)}"
                if self.typed in source_id:
                    return f"{entry} — id: {super().data(index, Qt.ItemDataRole.UserRole)}"
            return entry
        return super().data(index, role)


class _SourceCompleter(QCompleter):
    """Finds a source by any part of its title, publisher or id, without regard to case or
    accents, as a name typed in the ranking finds its project ("amnesty", "amnésty" and
    "AMNESTY-2016" find Amnesty International's report); a chosen entry reads as the picker
    lists it."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo)
        self.matches = _Matches(self)
        # A proxy of the combo's own model: a chosen entry is the combo's row, as QComboBox
        # maps it back, even where two sources read the same.
        self.matches.setSourceModel(combo.model())
        self.setModel(self.matches)
        self.setCompletionRole(_KEY_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt's name
        self.matches.typed = name_letters(path)
        return [self.matches.typed]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802
        return str(index.data(_ENTRY_ROLE))


def link_dicts(cell: Cell | None) -> list[dict[str, str]]:
    """A cell's evidence links as this editor hands them on (``evidenceEdited``)."""
    if cell is None:
        return []
    return [{"source": e.source, "quote": e.quote, "page": e.page} for e in cell.evidence]


class EvidenceEditor(QWidget):
    """Shows a cell's evidence and asks for changes with ``evidenceEdited(list_of_dicts)``."""

    evidenceEdited = Signal(list)
    newSourceRequested = Signal(str, bool)
    """(title, then add the link): create a source with this title (the inspector does)."""
    sourceRequested = Signal(str)
    """A link was activated (double-click, Enter): show its source (id) in Editors → Sources."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._links: list[dict] = []
        self._titles: list[tuple[str, str, str]] = []
        """Each source's id, title and entry in the picker (folded as names are compared only
        when asked)."""
        self.refused = False
        """Set by the receiver of ``evidenceEdited`` when it refused the links: the quote and
        page typed for a refused link stay in their fields, to be corrected."""
        self.list = QTreeWidget(self)
        style.pad_headers(self.list)
        self.list.setObjectName("evidenceList")
        self.list.setAccessibleName("Evidence")
        self.list.setHeaderLabels(["Source", "Grade", "Quote / page"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.list.setMinimumHeight(self.fontMetrics().height() * 5)

        self.source = QComboBox(self)
        self.source.setObjectName("evidenceSource")
        self.source.setAccessibleName("Evidence source")
        # Long source titles must not widen the inspector: the full title is in the list.
        self.source.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source.setMinimumContentsLength(12)
        self.source.setEditable(True)
        self.source.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.source.setCompleter(_SourceCompleter(self.source))
        line = self.source.lineEdit()
        assert line is not None  # an editable combo has one
        line.setPlaceholderText("Type to find a source, or a new title")
        self.new_source_button = QPushButton("New source…", self)
        self.new_source_button.setObjectName("newSourceButton")
        self.new_source_button.setToolTip(
            "Add a source with the title typed beside it, or asked for (graded F6 until you "
            "grade it in Editors → Sources)"
        )
        self.new_source_button.clicked.connect(self._new_source)
        self.source.currentTextChanged.connect(self._update_buttons)
        self.quote = QLineEdit(self)
        self.quote.setObjectName("evidenceQuote")
        self.quote.setPlaceholderText("Quote or finding")
        self.quote.setAccessibleName("Evidence quote or finding")
        self.page = QLineEdit(self)
        self.page.setObjectName("evidencePage")
        self.page.setPlaceholderText("Page")
        self.page.setAccessibleName("Evidence page")
        self.page.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 6)
        self.add_button = QPushButton("Add evidence", self)
        self.add_button.setObjectName("addEvidenceButton")
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setObjectName("removeEvidenceButton")
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.quote.returnPressed.connect(self._add)
        self.page.returnPressed.connect(self._add)  # typed last, beside the quote
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(self._show_source)
        self.list.installEventFilter(self)  # Delete in the list removes the selected link

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(style.SPACING // 2 + 2)
        layout.addWidget(self.list, 0, 0, 1, 3)
        # Source alone on its line and the page beside the quote keep the inspector narrow.
        layout.addWidget(self.source, 1, 0, 1, 2)
        layout.addWidget(self.new_source_button, 1, 2)
        layout.addWidget(self.quote, 2, 0, 1, 2)
        layout.addWidget(self.page, 2, 2)
        layout.addWidget(self.add_button, 3, 0)
        layout.addWidget(self.remove_button, 3, 2)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Delete or Backspace in the evidence list removes the selected link, as Remove does."""
        if (
            watched is self.list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self.list.selectedItems()
        ):
            self._remove()
            return True
        return super().eventFilter(watched, event)

    def load(self, document: Assessment, cell: Cell | None) -> None:
        """Show ``cell``'s links; fill the source chooser from the document."""
        sources = {item.id: item for item in document.sources}
        current_source = self.source.currentData()
        self.source.blockSignals(True)
        self.source.clear()
        self._titles = [
            (choice.id, choice.title, f"{choice.title} ({choice.grade})")
            for choice in document.sources
        ]
        rows = []
        for row, choice in enumerate(document.sources):
            entry = QStandardItem(self._titles[row][2])
            entry.setData(choice.id, Qt.ItemDataRole.UserRole)
            entry.setData(_entry_key(choice.title, choice.publisher, choice.id), _KEY_ROLE)
            entry.setData(choice.publisher, _PUBLISHER_ROLE)
            rows.append(entry)
        # Made whole, then put in at once: each role set on a listed entry had the picker's
        # completer filter its whole list again (~10 ms of every cell chosen in the template).
        model = self.source.model()
        assert isinstance(model, QStandardItemModel)  # the chooser's own
        model.invisibleRootItem().appendRows(rows)
        # The source the analyst chose last stays chosen from cell to cell; until they
        # choose one, none is (the first of the list, shown ready to add, would be linked by
        # one click on Add evidence without anyone choosing it).
        position = self.source.findData(current_source) if current_source in sources else -1
        self.source.setCurrentIndex(position)
        if position < 0:
            self.source.setEditText("")
        line = self.source.lineEdit()
        if line is not None:
            line.setCursorPosition(0)  # a long title shows its beginning, not its end
        self.source.blockSignals(False)
        self.list.clear()
        self._links = link_dicts(cell)
        for link in self._links:
            source = sources.get(link["source"])
            title = source.title if source else link["source"]
            grade = source.grade if source else "?"
            low = source is not None and weak_grade(source)
            if low:
                grade += " (low)"  # as the memo marks it beside the score it backs
            page = f"({page_label(link['page'])})" if link["page"] else ""
            detail = " ".join(part for part in (link["quote"], page) if part)
            item = QTreeWidgetItem([title, grade, detail])
            if source is not None:
                item.setToolTip(
                    1,
                    plain(
                        f"Reliability {source.reliability}: "
                        f"{RELIABILITY_LABELS[source.reliability]}\n"
                        f"Credibility {source.credibility}: "
                        f"{CREDIBILITY_LABELS[source.credibility]}"
                        + (f"\n{LOW_GRADE_RULE}" if low else "")
                    ),
                )
            # The title whole (the column shows its beginning), with the bias note if any,
            # and the file the source has attached (a paper-clip icon before the title).
            bias = source.bias_note if source is not None else ""
            attached = source.attachment if source is not None else None
            tip = title + (f"\nBias: {bias}" if bias else "")
            if source is not None:
                tip += "\nDouble-click or Enter: the source in Editors → Sources"
            if attached:
                # Set apart, an Arabic or Hebrew name took "(Editors → Sources…" into its
                # own direction.
                tip += f"\nAttached file: {isolated(attached)} (Editors → Sources opens it)"
                item.setIcon(0, self._attached_icon())
                item.setData(
                    0, Qt.ItemDataRole.AccessibleTextRole, f"{title}, with an attached file"
                )
            item.setToolTip(0, fitted_tip(tip))
            item.setToolTip(2, fitted_tip(detail))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)
            self.list.addTopLevelItem(item)
        self._update_buttons()

    def _show_source(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        row = self.list.indexOfTopLevelItem(item)
        if 0 <= row < len(self._links):
            self.sourceRequested.emit(self._links[row]["source"])

    def _attached_icon(self) -> QIcon:
        return self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)

    def matched_source(self) -> str | None:
        """The id of the source whose entry is shown in the picker, None when the typed text
        is not one of them."""
        text = self.source.currentText()
        position = self.source.currentIndex()
        if position < 0 or self.source.itemText(position) != text:
            # Typed, not picked: the first entry that reads so (two sources may read the
            # same, one title and one grade; the one picked is the one meant).
            position = self.source.findText(text, Qt.MatchFlag.MatchExactly)
        return self.source.itemData(position) if position >= 0 else None

    def titled_source(self, text: str | None = None) -> str | None:
        """The id of the first source whose title is the typed text (or ``text``; without its
        grade, in any case or spacing), else of the first whose entry is ("kommersant article
        (c3)"), else of the source whose id it is (the picker finds a source by its id: typed
        whole, it is that source, not the title of a new one), None when no source reads so."""
        typed = folded_name(self.source.currentText() if text is None else text)
        for place in (1, 2, 0):  # the title, then the title with its grade, then the id
            for entry in self._titles:
                if folded_name(entry[place]) == typed:
                    return entry[0]
        return None

    def select_source(self, source_id: str) -> bool:
        position = self.source.findData(source_id)
        if position >= 0:
            self.source.setCurrentIndex(position)
        return position >= 0

    def _update_buttons(self, *_args: object) -> None:
        typed = self.source.currentText().strip()
        self.add_button.setEnabled(self.isEnabled() and bool(typed))
        self.remove_button.setEnabled(bool(self.list.selectedItems()))
        self.new_source_button.setEnabled(self.isEnabled())

    def _new_source(self) -> None:
        title = single_line(self.source.currentText()) if self.matched_source() is None else ""
        if not title:
            title = self._ask_title()
        if not title:
            return
        existing = self.titled_source(title)
        if existing is not None:
            # A source of that title already: picked, as Add evidence would link it, not
            # made again (graded F6) beside it.
            self.select_source(existing)
            say_done(
                self,
                f"“{title}” is already a source: it is picked (Add evidence links it), "
                "not added again.",
            )
            return
        self.newSourceRequested.emit(title, False)

    def _ask_title(self) -> str:
        """The title typed in the "New source" dialog, "" when it is cancelled. A blank one
        given is refused in words and asked for again, the dialog keeping what was typed: it
        did nothing, without a word, as if OK had been Cancel."""
        label, typed = "Title of the new source:", ""
        while True:
            typed, accepted = QInputDialog.getText(
                self, "New source", label, QLineEdit.EchoMode.Normal, typed
            )
            if not accepted:
                return ""
            title = single_line(typed)
            if title:
                return title
            say_refused(self.new_source_button, EMPTY_TITLE)
            label = f"{EMPTY_TITLE}.\nTitle of the new source:"

    def _add(self) -> None:
        self.add_current()

    def add_current(self) -> None:
        """Link the source in the picker (creating it first when its title is new)."""
        # A source's title typed as it reads, without the grade the picker adds, is that
        # source: it is not made again, graded F6, beside the graded one.
        source_id = self.matched_source()
        if source_id is None:
            source_id = self.titled_source()
            if source_id is not None:
                self.select_source(source_id)  # chosen, as if picked: it stays chosen
        if source_id is None:
            title = single_line(self.source.currentText())  # a title is one line
            if title:
                self.newSourceRequested.emit(title, True)
            return
        links = self._links + [
            {
                "source": source_id,
                "quote": self.quote.text().strip(),
                "page": single_line(self.page.text()),
            }
        ]
        self.refused = False
        self.evidenceEdited.emit(links)
        if not self.refused:
            # Emptied with their history (clear() keeps it): the typing is in the link now,
            # so Ctrl+Z in the field takes the link back instead of bringing the text back.
            self.quote.setText("")
            self.page.setText("")

    def _remove(self) -> None:
        current = self.list.currentItem()
        row = self.list.indexOfTopLevelItem(current) if current is not None else -1
        if row < 0:
            return
        from_button = self.window().focusWidget() is self.remove_button
        links = [link for i, link in enumerate(self._links) if i != row]
        self.evidenceEdited.emit(links)
        # The cell was reloaded, and Remove, disabled for a moment, passed the focus on to the
        # next widget in line (the red-line box, one Space away from excluding the project).
        # The link now in the removed one's place (or the last) is selected and the focus
        # goes back to Remove; with no link left, to the list.
        following = self.list.topLevelItem(min(row, self.list.topLevelItemCount() - 1))
        if following is not None:
            self.list.setCurrentItem(following)
        if from_button and self.remove_button.isEnabled():
            self.remove_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
