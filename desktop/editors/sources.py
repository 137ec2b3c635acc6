"""The sources editor: bibliographic details, Admiralty grade and bias note."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.document.attachment_edits import shared_elsewhere
from desktop.editors.common import PlainTextField
from desktop.editors.delegates import ChoiceDelegate
from desktop.editors.item_model import Column
from desktop.editors.list_editor import ListEditor
from desktop.editors.source_attachment import AttachmentRow
from desktop.editors.source_citations import CitationsLabel, cell_names
from desktop.editors.source_link import OpenLinkButton
from desktop.editors.unnamed_files import UnnamedFilesRow
from rrisk.attachments import size_words
from rrisk.evidence_quality import LOW_GRADE_RULE, weak_grade
from rrisk.model import CREDIBILITY_LABELS, RELIABILITY_GRADES, RELIABILITY_LABELS

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController

COL_ID, COL_TITLE, COL_PUBLISHER, COL_DATE, COL_GRADE, COL_RELIABILITY, COL_CREDIBILITY = range(7)
RELIABILITY_CHOICES = [(f"{g} — {RELIABILITY_LABELS[g]}", g) for g in RELIABILITY_GRADES]
CREDIBILITY_CHOICES = [(f"{n} — {label}", n) for n, label in CREDIBILITY_LABELS.items()]


def grade_tip(source: Any) -> str:
    return (
        f"Admiralty grade {source.reliability}{source.credibility}: source "
        f"{RELIABILITY_LABELS.get(source.reliability, '?')}, information "
        f"{CREDIBILITY_LABELS.get(source.credibility, '?')}"
    ) + (f"\n{LOW_GRADE_RULE}" if weak_grade(source) else "")


def grade_text(source: Any) -> str:
    """The grade shown, "C4 (low)" for a low grade, as the inspector and the memo mark it; "B2" otherwise."""
    return source.grade + (" (low)" if weak_grade(source) else "")


class SourcesEditor(ListEditor):
    kind = "source"
    field = "sources"
    word = "source"

    placeRequested = Signal(dict)
    """A cell citing the source was clicked (a target of :func:`desktop.window.navigate.go_to`)."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        # Under the list, above its refusals: files the list's sources do not show.
        self.unnamed_files = UnnamedFilesRow(controller, self.current_item, self)
        holder = self.table.parentWidget()
        upper = holder.layout() if holder is not None else None
        assert isinstance(upper, QBoxLayout)  # built by ListEditor
        upper.insertWidget(upper.indexOf(self.message), self.unnamed_files)
        # Tab reaches Show… where it is seen, after the list's buttons: made last, it was the
        # editor's last stop, after the whole form.
        QWidget.setTabOrder(self.down_button, self.unnamed_files.show_button)

    def columns(self) -> list[Column]:
        return [
            Column("Id", lambda s: s.id, header_tip="Stable id used in evidence links"),
            Column("Title", lambda s: s.title, field="title", tooltip=lambda s: s.url),
            Column("Publisher", lambda s: s.publisher, field="publisher"),
            Column(
                "Date", lambda s: s.date, field="date", header_tip="YYYY, YYYY-MM or YYYY-MM-DD"
            ),
            Column(
                "Grade",
                grade_text,
                tooltip=grade_tip,
                header_tip="Admiralty code: reliability A–F, credibility 1–6",
            ),
            Column(
                "Reliability",
                lambda s: f"{s.reliability} — {RELIABILITY_LABELS[s.reliability]}",
                field="reliability",
                tooltip=lambda s: s.bias_note,
            ),
            Column(
                "Credibility",
                lambda s: f"{s.credibility} — {CREDIBILITY_LABELS.get(s.credibility, '?')}",
                field="credibility",
            ),
        ]

    def install_delegates(self) -> None:
        self.table.setItemDelegateForColumn(
            COL_RELIABILITY, ChoiceDelegate(RELIABILITY_CHOICES, parent=self.table)
        )
        self.table.setItemDelegateForColumn(
            COL_CREDIBILITY, ChoiceDelegate(CREDIBILITY_CHOICES, parent=self.table)
        )

    def new_item(self, item_id: str, name: str) -> dict[str, Any]:
        return {"id": item_id, "title": name}

    def item_label(self, item: Any) -> str:
        return str(item.title)

    def removal_warning(self, item: Any) -> str | None:
        links = 0
        cells = 0
        for _project, _criterion, cell in self.controller.document.iter_cells():
            count = sum(1 for link in cell.evidence if link.source == item.id)
            links += count
            cells += 1 if count else 0
        lost = []
        if links:
            lost.append(
                f"{links} evidence link{'s' if links != 1 else ''} in {cells} "
                f"cell{'s' if cells != 1 else ''} {'cite' if links != 1 else 'cites'} it and "
                "will be removed:\n"
                + "\n".join(f"• {name}" for name in cell_names(self.controller.document, item.id))
            )
        document = self.controller.document
        if item.attachment is not None and not shared_elsewhere(document, item.id, item.attachment):
            data = self.controller.attachments.get(item.attachment, b"")
            lost.append(
                f"Its attached file “{item.attachment}” ({size_words(len(data))}) leaves "
                "the .rrisk file with it."
            )
        if not lost:
            return None
        return (
            f"Remove the source “{item.title}”?\n\n"
            + "\n".join(lost)
            + "\nUndo (Ctrl+Z) brings everything back."
        )

    def build_form(self, form: QFormLayout, page: QVBoxLayout) -> None:
        bind = self.binder.bind_field
        self.title_edit = QLineEdit(self)
        bind(self.title_edit, "title", "title")
        form.addRow("&Title", self.title_edit)
        self.publisher_edit = QLineEdit(self)
        bind(self.publisher_edit, "publisher", "publisher")
        form.addRow("&Publisher", self.publisher_edit)
        self.author_edit = QLineEdit(self)
        bind(self.author_edit, "author", "author")
        form.addRow("&Author", self.author_edit)
        self.date_edit = QLineEdit(self)
        self.date_edit.setPlaceholderText("YYYY-MM-DD, YYYY-MM or YYYY")
        bind(self.date_edit, "date", "date")
        form.addRow("&Date", self.date_edit)
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText("https://…")
        bind(self.url_edit, "url", "URL")
        # Opened only when it is a web or e-mail address (the file may come from anyone).
        self.open_link_button = OpenLinkButton(self.url_edit, self.message.show_error, self)
        url_row = QHBoxLayout()
        url_row.addWidget(self.url_edit, 1)
        url_row.addWidget(self.open_link_button)
        url_label = QLabel("&URL", self)
        url_label.setBuddy(self.url_edit)
        form.addRow(url_label, url_row)
        self.reliability_combo = QComboBox(self)
        for label, grade in RELIABILITY_CHOICES:
            self.reliability_combo.addItem(label, grade)
        self.reliability_combo.setToolTip("How far the source itself can be trusted (A best)")
        bind(self.reliability_combo, "reliability", "reliability")
        form.addRow("&Reliability", self.reliability_combo)
        self.credibility_combo = QComboBox(self)
        for label, level in CREDIBILITY_CHOICES:
            self.credibility_combo.addItem(label, level)
        self.credibility_combo.setToolTip("How credible this information is (1 best)")
        bind(self.credibility_combo, "credibility", "credibility")
        form.addRow("&Credibility", self.credibility_combo)
        self.bias_edit = PlainTextField(self, lines=2)
        self.bias_edit.setPlaceholderText("Known leanings of the publisher or author")
        bind(self.bias_edit, "bias_note", "bias note")
        form.addRow("&Bias note", self.bias_edit)
        self.notes_edit = PlainTextField(self, lines=2)
        bind(self.notes_edit, "notes", "notes")
        form.addRow("&Notes", self.notes_edit)
        self.attachment_row = AttachmentRow(self.controller, self.current_item, self.message, self)
        form.addRow("Attached file", self.attachment_row)
        # First in the form, where it is seen; made last, so Tab reaches its links after the
        # fields, not before the title.
        self.citations = CitationsLabel(lambda: self.controller.document, self)
        self.citations.placeRequested.connect(self.placeRequested)
        form.insertRow(0, "Cited in", self.citations)

    def load_extra(self, item: Any) -> None:
        self.attachment_row.load(item)
        self.citations.load(item.id if item is not None else None)
        self.open_link_button.update_state()  # the field was filled without its signals
