"""The assessment's details: title, author, as-of date, classification, summary, notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.editors.common import MessageLabel, NarrativeField, attempt
from desktop.editors.forms import FormBinder
from desktop.editors.list_editor import compact_fields
from desktop.ui.narrative_box import NarrativeBox

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
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not an empty, unnamed Tab stop
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
        # Above the fields, not under the three long texts: a refused as-of date was said
        # out of sight, below Summary, Recommendation and Notes.
        self.message = MessageLabel(page)
        layout.addWidget(self.message)
        # Also above the fields: below Notes, the stale texts were out of sight at first.
        layout.addWidget(self._build_stale_banner(page))
        self.binder = FormBinder(self.message, self._commit)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        self.fields: dict[str, QWidget] = {}
        self.boxes: dict[str, NarrativeBox] = {}
        for field, label, widget in (
            ("title", "&Title", QLineEdit(page)),
            ("subtitle", "S&ubtitle", QLineEdit(page)),
            ("author", "&Author", QLineEdit(page)),
            ("organisation", "&Organisation", QLineEdit(page)),
            ("as_of", "As-of &date", QLineEdit(page)),
            ("classification", "&Classification", QComboBox(page)),
            ("currency", "Curre&ncy", QLineEdit(page)),
            ("summary", "&Summary", NarrativeField(page, lines=8)),
            ("recommendation", "&Recommendation", NarrativeField(page, lines=5)),
            ("notes", "N&otes", NarrativeField(page, lines=5)),
        ):
            if isinstance(widget, QComboBox):
                widget.setEditable(True)
                widget.addItems(list(CLASSIFICATIONS))
            self.binder.bind_field(widget, field, label.replace("&", "").lower())
            self.fields[field] = widget
            if isinstance(widget, NarrativeField):
                # Staleness of these three shows in the banner above, with one Mark reviewed.
                box = NarrativeBox(
                    controller, widget, project_of=self._selected_project, parent=page
                )
                self.boxes[field] = box
                form.addRow(label, box)
                buddy = form.labelForField(box)
                if isinstance(buddy, QLabel):
                    buddy.setBuddy(widget)
                # The label is the box's, not the field's sibling: a screen reader does not
                # find it, so the field carries the name itself.
                widget.setAccessibleName(label.replace("&", ""))
            else:
                form.addRow(label, widget)
        as_of = self.fields["as_of"]
        assert isinstance(as_of, QLineEdit)
        as_of.setPlaceholderText("YYYY-MM-DD")
        currency = self.fields["currency"]
        assert isinstance(currency, QLineEdit)
        currency.setMaxLength(8)
        layout.addLayout(form)
        layout.addStretch(1)
        compact_fields(page)
        self.setWidget(page)
        controller.documentChanged.connect(self.refresh)
        controller.documentReplaced.connect(self._document_replaced)
        controller.documentReplaced.connect(self.refresh)
        self.refresh()

    def _build_stale_banner(self, page: QWidget) -> QFrame:
        """ "Summary: written before 3 results changed" with one-click "Mark reviewed"."""
        self.stale_banner = QFrame(page)
        self.stale_banner.setObjectName("staleNarrativeBanner")
        self.stale_banner.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self.stale_banner)
        self.stale_label = QLabel(self.stale_banner)
        self.stale_label.setObjectName("staleNarrativeLabel")
        self.stale_label.setWordWrap(True)
        self.stale_label.setTextFormat(Qt.TextFormat.PlainText)
        self.review_button = QPushButton("Mark &reviewed", self.stale_banner)
        self.review_button.setObjectName("markReviewedButton")
        self.review_button.setToolTip(
            "Record that these texts were read against today's results (one undo step)"
        )
        self.review_button.clicked.connect(self._mark_reviewed)
        row.addWidget(self.stale_label, 1)
        row.addWidget(self.review_button)
        self.stale_banner.hide()
        self._stale_keys: list[str] = []
        return self.stale_banner

    def _selected_project(self) -> str | None:
        return self.controller.selection[0]

    def _document_replaced(self) -> None:
        self.binder.load(None)

    def refresh(self) -> None:
        self.binder.load(_Metadata(self.controller))
        for box in self.boxes.values():
            box.refresh()
        self._refresh_stale()

    def _refresh_stale(self) -> None:
        from desktop.document.controller import NARRATIVE_FIELDS

        document = self.controller.document
        stale = []
        if document.narrative_stamps:
            from rrisk.narrative import stale_texts

            # Stamps hold baseline results: reuse the shown ones when they are the baseline.
            shown = self.controller.result if self.controller.scenario_id is None else None
            stale = [s for s in stale_texts(document, shown) if s.key in NARRATIVE_FIELDS]
        self._stale_keys = [s.key for s in stale]
        self.stale_label.setText(
            "\n".join(
                f"{s.key.capitalize()}: written before {s.changed} "
                f"result{'s' * (s.changed != 1)} changed."
                for s in stale
            )
        )
        self.stale_banner.setVisible(bool(stale))

    def _mark_reviewed(self) -> None:
        if self._stale_keys:
            self.controller.mark_reviewed(list(self._stale_keys))

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
