"""The assessment's details: title, author, as-of date, classification, summary, notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.editors.common import MessageLabel, PlainTextField, attempt
from desktop.editors.forms import FormBinder
from desktop.editors.list_editor import compact_fields

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController

CLASSIFICATIONS = ("Confidential", "Strictly confidential", "Internal", "Public")


class AssessmentEditor(QScrollArea):
    """One form over the document's metadata; each finished field is one undo step."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentEditor")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.controller = controller
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        intro = QLabel(
            "These details head the investment-committee memo. The as-of date fixes what the "
            "assessment knew and when.",
            page,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.message = MessageLabel(page)
        self.binder = FormBinder(self.message, self._commit)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        self.fields: dict[str, QWidget] = {}
        for field, label, widget in (
            ("title", "&Title", QLineEdit(page)),
            ("subtitle", "S&ubtitle", QLineEdit(page)),
            ("author", "&Author", QLineEdit(page)),
            ("organisation", "&Organisation", QLineEdit(page)),
            ("as_of", "As-of &date", QLineEdit(page)),
            ("classification", "&Classification", QComboBox(page)),
            ("currency", "Curre&ncy", QLineEdit(page)),
            ("summary", "&Summary", PlainTextField(page, lines=8)),
            ("recommendation", "&Recommendation", PlainTextField(page, lines=5)),
            ("notes", "N&otes", PlainTextField(page, lines=5)),
        ):
            if isinstance(widget, QComboBox):
                widget.setEditable(True)
                widget.addItems(list(CLASSIFICATIONS))
            self.binder.bind_field(widget, field, label.replace("&", "").lower())
            form.addRow(label, widget)
            self.fields[field] = widget
        as_of = self.fields["as_of"]
        assert isinstance(as_of, QLineEdit)
        as_of.setPlaceholderText("YYYY-MM-DD")
        currency = self.fields["currency"]
        assert isinstance(currency, QLineEdit)
        currency.setMaxLength(8)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        compact_fields(page)
        self.setWidget(page)
        controller.documentChanged.connect(self.refresh)
        controller.documentReplaced.connect(self._document_replaced)
        controller.documentReplaced.connect(self.refresh)
        self.refresh()

    def _document_replaced(self) -> None:
        self.binder.load(None)

    def refresh(self) -> None:
        self.binder.load(_Metadata(self.controller))

    def _commit(self, changes: dict[str, Any], label: str) -> tuple[bool, str]:
        return attempt(
            self.controller, lambda: self.controller.edit_assessment(changes, f"Edit {label}")
        )


class _Metadata:
    """The document seen as one item with a fixed id, so the binder treats it like the others."""

    id = "assessment"

    def __init__(self, controller: DocumentController) -> None:
        self._document = controller.document

    def __getattr__(self, name: str) -> Any:
        return getattr(self._document, name)
