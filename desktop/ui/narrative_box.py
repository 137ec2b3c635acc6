"""A narrative editor with its notes: live figures, field errors, staleness, insert a field.

Wraps an editor with :class:`~desktop.ui.narrative_text.ResolvedText` (the form's
``PlainTextField`` or the inspector's rationale) and adds one line under it:

* the fields that do not resolve, each with its reason (the memo's check reports them too);
* "Written before N results changed" with **Mark reviewed** (one undo step), when the text
  was stamped against results that have moved since, or for a rationale "Written against
  likelihood 3 × impact 4; scored likelihood 4 × impact 3 since." (:mod:`rrisk.narrative`);
* **Insert field** with the figures of the project the text is about.

Everything follows the controller's results (an edit, an undo, another scenario).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from desktop.ui import style
from desktop.ui.narrative_text import FieldMenu, ResolvedText, display_resolver, field_problems
from desktop.ui.plain_edit import edit_text

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController
    from rrisk.fields import FieldResolver


class NarrativeBox(QWidget):
    """``editor`` with its notes line; ``key_of`` names the text for staleness (None: none)."""

    def __init__(
        self,
        controller: DocumentController,
        editor: QPlainTextEdit,
        *,
        project_of: Callable[[], str | None],
        key_of: Callable[[], str | None] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._key_of = key_of
        self.editor = editor
        editor.setParent(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        self.problems = QLabel(self)
        self.problems.setObjectName("fieldProblems")
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setWordWrap(True)
        pal = self.problems.palette()
        pal.setColor(self.problems.foregroundRole(), style.red_line_colour(self))
        self.problems.setPalette(pal)
        self.problems.hide()
        layout.addWidget(self.problems)
        row = QHBoxLayout()
        row.setSpacing(style.SPACING)
        self.stale = style.muted_label("", self)
        self.stale.setObjectName("staleText")
        self.review_button = QPushButton("Mar&k reviewed", self)
        self.review_button.setObjectName("markTextReviewed")
        self.review_button.setToolTip(
            "Record that this text was read against today's results (one undo step)"
        )
        self.review_button.clicked.connect(self.mark_reviewed)
        self.fields_button = FieldMenu(editor, controller, project_of, self)
        # The staleness line has the box's width to itself, above the buttons: beside them it
        # had a third of the inspector's width ("Written against likelihood 3 × impact 4;
        # scored …" wrapped to seven short lines).
        self.stale.hide()
        layout.addWidget(self.stale)
        row.addStretch(1)
        row.addWidget(self.review_button)
        row.addWidget(self.fields_button)
        layout.addLayout(row)
        # Tab goes from the text to its own buttons: an editor made before its box (the
        # assessment's three, made together) kept its place in the form, and Tab went
        # through the three texts and then back up to the first one's Insert field.
        QWidget.setTabOrder(editor, self.review_button)
        QWidget.setTabOrder(self.review_button, self.fields_button)
        if isinstance(editor, ResolvedText):
            editor.set_resolver(self._resolver)
        editor.textChanged.connect(self._text_edited)
        self._behind = False
        """Results changed while hidden: refresh when shown (values may cost a Monte Carlo)."""
        controller.resultChanged.connect(self._results_changed)
        controller.scenarioChanged.connect(self._results_changed)
        self.refresh()

    def _resolver(self) -> FieldResolver:
        return display_resolver(self._controller)

    def _raw(self) -> str:
        editor = self.editor
        return editor.raw_text() if isinstance(editor, ResolvedText) else edit_text(editor)

    def _results_changed(self, *_args: object) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._behind = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._behind:
            self.refresh()

    def _text_edited(self) -> None:
        # While typing: only the field check (cheap); the values show when editing ends.
        self._show_problems(self._raw())

    def refresh(self) -> None:
        """Show values, field problems and staleness for the current results."""
        self._behind = False
        editor = self.editor
        if isinstance(editor, ResolvedText):
            editor.refresh_display()
        raw = self._raw()
        self._show_problems(raw)
        self._show_stale()

    def _show_problems(self, raw: str) -> None:
        problems = field_problems(self._resolver, raw)
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))

    def _show_stale(self) -> None:
        key = self._key_of()
        document = self._controller.document
        stale = None
        if key is not None and key in document.narrative_stamps:
            from rrisk.narrative import stale_text

            # Stamps hold baseline results: reuse the shown ones when they are the baseline.
            shown = self._controller.result if self._controller.scenario_id is None else None
            stale = stale_text(document, key, shown)
        if stale is None:
            self.stale.setText("")
            self.stale.hide()
            self.review_button.hide()
            return
        self.stale.setText(stale.label)
        self.stale.show()
        # A rationale vouches for its cell's scores, other texts for their projects' results.
        self.review_button.setToolTip(
            "Record that this rationale was read against its cell's scores as they are now "
            "(one undo step)"
            if key is not None and key.startswith("cell:")
            else "Record that this text was read against today's results (one undo step)"
        )
        self.review_button.show()

    def mark_reviewed(self) -> bool:
        key = self._key_of()
        return key is not None and self._controller.mark_reviewed([key])
