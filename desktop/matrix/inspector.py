"""The cell inspector: everything about the selected cell, edited through the controller.

When several cells are selected in the matrix, a change made here applies to all of them as
one undo step; the fields show the current cell. A refused change (e.g. a low bound above
the likelihood) shows the controller's message in place and the fields return to the
document's values.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.document.commands import CellKey
from desktop.document.controller import DocumentController
from desktop.matrix.evidence_editor import EvidenceEditor, link_dicts
from desktop.matrix.inspector_summary import NO_VALUE, CellSummary
from desktop.matrix.model import shorten
from desktop.ui import style
from desktop.ui.busy import busy_editing
from desktop.ui.fitted_heading import FittedHeading
from desktop.ui.narrative_box import NarrativeBox
from desktop.ui.narrative_text import ResolvedText
from desktop.ui.refusals import SaysRefusals, announce, say_done
from desktop.ui.text import plain, plain_tooltip, single_line
from desktop.ui.undo_keys import forget_typing, pass_undo_keys
from desktop.ui.wheel import guard_wheel
from rrisk.model import CELL_STATUSES, Cell
from rrisk.palette import RED_LINE_MARK
from rrisk.text import isolated

TITLE_NAME_CHARS = 80
"""The longest project or criterion name the inspector's heading shows whole."""


class RationaleEdit(ResolvedText, QPlainTextEdit):
    """A text editor that reports its text once: on focus-out or Ctrl+Enter; live figures
    show as values until it is focused (:mod:`desktop.ui.narrative_text`)."""

    committed = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.committed.emit(self.raw_text())
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.committed.emit(self.raw_text())
        super().focusOutEvent(event)


class ScoreSpin(SaysRefusals, QSpinBox):
    """A score field 0–5 whose 0 reads "—" (not assessed) and whose text can be emptied:
    clearing it with Backspace or Delete and leaving the field means "not assessed", as
    typing 0 does (a plain spin box would refuse the empty text and put the old score back).
    A key it cannot take (a 6, a letter) is said, not dropped without a word.
    """

    def accepts(self) -> str:
        return "a score from 1 to 5 (0, or nothing, for none)"

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if not text.strip():
            return QValidator.State.Acceptable, text, pos
        return super().validate(text, pos)

    def valueFromText(self, text: str) -> int:
        if not text.strip():
            return self.minimum()
        return super().valueFromText(text)


def _holds_typing(spin: QSpinBox) -> bool:
    """Whether ``spin`` has the focus and text typed that it has not taken as its value yet
    (keyboard tracking is off: the value follows when the field is left)."""
    if not spin.hasFocus():
        return False
    value = spin.value()
    special = spin.specialValueText()
    shown = special if special and value == spin.minimum() else spin.textFromValue(value)
    return spin.lineEdit().text().strip() != shown


def _score_spin(name: str, accessible: str, parent: QWidget) -> QSpinBox:
    spin = ScoreSpin(parent)
    spin.setObjectName(name)
    spin.setAccessibleName(accessible)
    spin.setRange(NO_VALUE, 5)
    spin.setSpecialValueText("—")
    spin.setKeyboardTracking(False)
    spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
    spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("M") * 4)
    return spin


class CellInspector(CellSummary, QWidget):
    """Likelihood, impact, ranges, rationale, evidence, red line and status of a cell.

    Esc in a field throws away what is being typed there (the fields show the cell again)
    and asks to go back to the matrix (``leaveRequested``), as Esc does in a header's name.
    """

    leaveRequested = Signal()

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cellInspector")
        self.setAccessibleName("Cell inspector")
        self._controller = controller
        self._keys: list[CellKey] = []
        self._loading = False
        self._editing = False
        # The cell the text fields were last filled from, and what they were filled with:
        # a reload of that same cell (an undo or redo from the toolbar) keeps what the user
        # is typing in a focused field instead of wiping it.
        self._filled_key: tuple[str | None, str | None] = (None, None)
        self._filled_texts: dict[str, str] = {}

        # Its lines break between words only; a word too long for the dock is shortened.
        self.title = FittedHeading(self)
        style.set_relative_font(self.title, 1.2, bold=True)
        self._set_title("No cell selected")
        self.summary = QLabel(self)
        self.summary.setObjectName("cellSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary.setMargin(6)
        self.scenario_note = style.muted_label("", self)
        self.scenario_note.setObjectName("scenarioNote")
        self.scenario_reason = style.muted_label("", self)
        self.scenario_reason.setObjectName("scenarioReason")
        self.scenario_shared = style.muted_label("", self)
        self.scenario_shared.setObjectName("scenarioShared")
        self.clear_override_button = QPushButton("Clear override", self)
        self.clear_override_button.setObjectName("clearOverrideButton")
        self.clear_override_button.setToolTip(
            "Remove this scenario's value for the cell: it shows the baseline again"
        )
        self.clear_override_button.clicked.connect(self.clear_override)
        self.scenario_row = QWidget(self)
        scenario_layout = QVBoxLayout(self.scenario_row)
        scenario_layout.setContentsMargins(0, 0, 0, 0)
        scenario_layout.setSpacing(2)
        scenario_layout.addWidget(self.scenario_note)
        scenario_layout.addWidget(self.scenario_reason)
        scenario_layout.addWidget(self.scenario_shared)
        scenario_layout.addWidget(self.clear_override_button, 0, Qt.AlignmentFlag.AlignRight)
        self.scenario_row.hide()
        self.rubric_note = style.muted_label("", self)
        self.range_note = style.muted_label("", self)
        self.range_note.setObjectName("rangeNote")
        self.range_note.hide()
        self.error = QLabel(self)
        style.make_error_label(self.error)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        self._error_timer = QTimer(self, singleShot=True, interval=8000)
        self._error_timer.timeout.connect(self.error.hide)

        self.likelihood = _score_spin("likelihoodSpin", "Likelihood", self)
        self.likelihood_low = _score_spin("likelihoodLowSpin", "Likelihood low", self)
        self.likelihood_high = _score_spin("likelihoodHighSpin", "Likelihood high", self)
        self.impact = _score_spin("impactSpin", "Impact", self)
        self.impact_low = _score_spin("impactLowSpin", "Impact low", self)
        self.impact_high = _score_spin("impactHighSpin", "Impact high", self)
        self._spins = {
            "likelihood": self.likelihood,
            "likelihood_low": self.likelihood_low,
            "likelihood_high": self.likelihood_high,
            "impact": self.impact,
            "impact_low": self.impact_low,
            "impact_high": self.impact_high,
        }
        for field, spin in self._spins.items():
            spin.valueChanged.connect(lambda value, f=field: self._spin_changed(f, value))

        self.status = QComboBox(self)
        self.status.setObjectName("statusCombo")
        self.status.setAccessibleName("Status")
        for value in CELL_STATUSES:
            self.status.addItem(value.capitalize(), value)
        self.status.activated.connect(self._status_changed)

        self.rationale = RationaleEdit(self)
        self.rationale.setObjectName("rationaleEdit")
        self.rationale.setAccessibleName("Rationale")
        self.rationale.setPlaceholderText("Why these scores? (Ctrl+Enter to apply)")
        self.rationale.setTabChangesFocus(True)
        self.rationale.setMinimumHeight(self.fontMetrics().height() * 5)
        # Enough for a paragraph; longer text scrolls, so evidence and red line stay in view.
        self.rationale.setMaximumHeight(self.fontMetrics().height() * 9)
        self.rationale.committed.connect(lambda text: self._commit({"rationale": text}))
        self.rationale_box = NarrativeBox(
            controller,
            self.rationale,
            project_of=self._selected_project,
            key_of=self._rationale_key,
            parent=self,
        )

        self.evidence = EvidenceEditor(self)
        self.evidence.evidenceEdited.connect(self._evidence_edited)
        self.evidence.newSourceRequested.connect(self._new_source)

        self.red_line = QCheckBox(f"{RED_LINE_MARK} Red line: exclude the project", self)
        self.red_line.setObjectName("redLineCheck")
        self.red_line.toggled.connect(self._red_line_toggled)
        self.red_line_reason = QLineEdit(self)
        self.red_line_reason.setObjectName("redLineReason")
        self.red_line_reason.setAccessibleName("Red-line reason")
        self.red_line_reason.setPlaceholderText("Reason (shown in the ranking and the memo)")
        self.red_line_basis = QLineEdit(self)
        self.red_line_basis.setObjectName("redLineBasis")
        self.red_line_basis.setAccessibleName("Red-line legal or policy basis")
        self.red_line_basis.setPlaceholderText("Legal or policy basis")
        self.red_line_reason.editingFinished.connect(
            lambda: self._commit({"red_line_reason": single_line(self.red_line_reason.text())})
        )
        self.red_line_basis.editingFinished.connect(
            lambda: self._commit({"red_line_basis": single_line(self.red_line_basis.text())})
        )
        self._build_layout()
        guard_wheel(self)  # scrolling the form over a score must not change it
        # Ctrl+Z in a field with no typing of its own undoes the document's last step.
        pass_undo_keys(
            self,
            [
                *self._spins.values(),
                self.rationale,
                self.red_line_reason,
                self.red_line_basis,
                self.evidence.quote,
                self.evidence.page,
            ],
        )
        # Bound methods, never lambdas: the controller may outlive this widget.
        controller.selectionChanged.connect(self.reload)
        controller.documentChanged.connect(self.reload)
        controller.scenarioChanged.connect(self.reload)
        controller.errorOccurred.connect(self._controller_error)
        controller.rangeWidened.connect(self._range_widened)
        self.reload()

    def _build_layout(self) -> None:
        def score_row(mode: QSpinBox, low: QSpinBox, high: QSpinBox) -> QWidget:
            row = QWidget(self)
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(style.SPACING // 2)
            layout.addWidget(mode)
            layout.addSpacing(style.SPACING)
            layout.addWidget(style.muted_label("range", row))
            layout.addWidget(low)
            layout.addWidget(QLabel("–", row))
            layout.addWidget(high)
            layout.addStretch(1)
            return row

        form = QFormLayout()
        form.setSpacing(style.SPACING)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(
            "&Likelihood", score_row(self.likelihood, self.likelihood_low, self.likelihood_high)
        )
        form.addRow("Im&pact", score_row(self.impact, self.impact_low, self.impact_high))
        form.addRow("Stat&us", self.status)
        for label_text, widget in (("&Likelihood", self.likelihood), ("Im&pact", self.impact)):
            holder = widget.parentWidget()
            label = form.labelForField(holder) if holder is not None else None
            if isinstance(label, QLabel):
                label.setBuddy(widget)
            del label_text

        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.scenario_row)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(self.range_note)
        layout.addWidget(self.rubric_note)
        layout.addSpacing(style.SPACING)
        layout.addWidget(style.heading("Rationale", 2, content))
        layout.addWidget(self.rationale_box)
        layout.addSpacing(style.SPACING)
        layout.addWidget(style.heading("Evidence", 2, content))
        layout.addWidget(self.evidence, 1)
        layout.addSpacing(style.SPACING)
        layout.addWidget(style.heading("Red line", 2, content))
        layout.addWidget(self.red_line)
        layout.addWidget(self.red_line_reason)
        layout.addWidget(self.red_line_basis)
        self._content = content

        scroll = QScrollArea(self)
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Not a Tab stop of its own (an unnamed, empty stop for a screen reader): it scrolls
        # to the field the focus moves to.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # -- targets and loading -----------------------------------------------------------
    def set_targets(self, keys: list[CellKey]) -> None:
        """The cells an edit applies to (the matrix selection)."""
        self._keys = list(keys)
        self.reload()

    def targets(self) -> list[CellKey]:
        project_id, criterion_id = self._controller.selection
        if project_id is None or criterion_id is None:
            return []
        current = (project_id, criterion_id)
        if len(self._keys) > 1 and current in self._keys:
            return list(self._keys)
        return [current]

    def minimumSizeHint(self) -> QSize:
        # Never narrower than the form (there is no horizontal scroll bar) plus the vertical one.
        hint = super().minimumSizeHint()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return QSize(
            max(hint.width(), self._content.minimumSizeHint().width() + bar), hint.height()
        )

    def focus_likelihood(self) -> None:
        self.likelihood.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.likelihood.selectAll()

    def _selected_project(self) -> str | None:
        return self._controller.selection[0]

    def _rationale_key(self) -> str | None:
        project_id, criterion_id = self._controller.selection
        if project_id is None or criterion_id is None:
            return None
        return f"cell:{project_id}:{criterion_id}"

    def _range_widened(self, key: object, sentence: str) -> None:
        """One quiet line: a score outside the range widened it (shown for the current cell)."""
        if key == self._controller.selection:
            self.range_note.setText(sentence)
            self.range_note.show()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.discard_typing()
            self.leaveRequested.emit()
            return
        super().keyPressEvent(event)

    def discard_typing(self) -> None:
        """Show the cell again in every field, typing not yet applied included."""
        self._filled_key = (None, None)  # no field counts as being typed in
        self.reload()

    def reload(self) -> None:
        """Show the document's values for the current cell."""
        # The line is about the edit just made: any later change or selection hides it (the
        # controller says so after the edit's own refresh).
        self.range_note.hide()
        doc = self._controller.document
        project_id, criterion_id = self._controller.selection
        has_cell = project_id is not None and criterion_id is not None
        self._content.setEnabled(has_cell)
        self._loading = True
        try:
            if project_id is None or criterion_id is None:
                self._set_title("No cell selected")
                # An empty matrix has no cell to select: what comes first is said instead.
                empty = not doc.projects or not doc.criteria
                self.summary.setText(
                    "Add projects and criteria first" if empty else "Select a cell in the matrix"
                )
                self._paint_summary(-1)
                self.scenario_row.hide()
                self.rubric_note.setText("")
                self._fill(Cell(status="unassessed"))
                self.evidence.load(doc, None)
                return
            try:
                project = doc.project(project_id)
                criterion = doc.criterion(criterion_id)
            except KeyError:
                return
            count = len(self.targets())
            suffix = f"  (editing {count:,} cells)" if count > 1 else ""
            # Each name at most 80 characters (whole in the tooltip): a 200-character pair
            # took 14 lines and pushed the fields below the fold. Each name is set apart as it
            # reads, so an Arabic or Hebrew one does not turn the line: "مناجم مروي — Armed-group
            # involvement" showed as "Armed-group — مناجم مروي involvement".
            names = (
                shorten(project.name, TITLE_NAME_CHARS),
                shorten(criterion.name, TITLE_NAME_CHARS),
            )
            long_names = max(len(project.name), len(criterion.name)) > TITLE_NAME_CHARS
            self._set_title(
                f"{names[0]} — {names[1]}{suffix}",
                f"{isolated(names[0])} — {isolated(names[1])}{suffix}",
                plain(f"{project.name} — {criterion.name}") if long_names else "",
            )
            cell = doc.cell(project_id, criterion_id)
            self._fill(cell or Cell(status="unassessed"))
            self.evidence.load(doc, cell)
            self._show_summary(cell, criterion.rubric, project_id, criterion_id)
        finally:
            self._loading = False

    def _fill(self, cell: Cell) -> None:
        cell = self._with_scenario_red_line(cell)
        same_cell = self._controller.selection == self._filled_key
        self._filled_key = self._controller.selection
        for field, spin in self._spins.items():
            if same_cell and _holds_typing(spin):
                continue  # a score being typed (a Redo meanwhile): applied when left
            spin.blockSignals(True)
            value = getattr(cell, field)
            spin.setValue(NO_VALUE if value is None else value)
            spin.blockSignals(False)
        self.status.setCurrentIndex(max(0, self.status.findData(cell.status)))

        def typing(name: str, widget: QWidget, text: str) -> bool:
            """Whether the field holds typing not yet applied (and so is left as it is)."""
            if text == getattr(cell, name):
                if same_cell and text != self._filled_texts.get(name):
                    forget_typing(widget)  # just applied: Ctrl+Z now undoes that step
                self._filled_texts[name] = text  # applied (Ctrl+Enter keeps the focus)
            return same_cell and widget.hasFocus() and text != self._filled_texts.get(name)

        rationale = self.rationale.raw_text()
        if not typing("rationale", self.rationale, rationale):
            if rationale != cell.rationale:
                self.rationale.setPlainText(cell.rationale)
            self._filled_texts["rationale"] = cell.rationale
        self.rationale_box.refresh()
        self.red_line.blockSignals(True)
        self.red_line.setChecked(cell.red_line)
        self.red_line.blockSignals(False)
        for name, line in (
            ("red_line_reason", self.red_line_reason),
            ("red_line_basis", self.red_line_basis),
        ):
            if not typing(name, line, line.text()):
                text = getattr(cell, name)
                if line.text() != text:
                    line.setText(text)
                    line.setCursorPosition(0)  # the start of a long reason, not its end
                line.setToolTip(plain_tooltip(text) or "")  # the whole of it, however narrow
                self._filled_texts[name] = text
        self.red_line_reason.setEnabled(cell.red_line)
        self.red_line_basis.setEnabled(cell.red_line)

    # -- edits --------------------------------------------------------------------------
    def _commit(self, changes: dict[str, Any], chosen: bool = False) -> bool:
        """Apply ``changes`` to the target cells. ``chosen``: the user picked the value
        (a status from the list), so it goes to every selected cell even when the current
        one has it already."""
        if self._loading:
            return False
        keys = self.targets()
        if not keys:
            return False
        # The form shows the current cell. A field left as it shows changes nothing, for one
        # cell or several: leaving the rationale untouched must not copy the current cell's
        # text over the other selected cells' own (nor make an undo step).
        shown = self._shown_cell()
        unchanged = all(getattr(shown, name) == value for name, value in changes.items())
        if unchanged and (len(keys) == 1 or not chosen):
            return True
        self._editing = True
        fields = " and ".join(name.replace("_", " ") for name in changes)
        try:
            # A refusal is shown, and said, in the error line (the window does not say it).
            with (
                self._controller.refusals_shown_in_place(),
                busy_editing(
                    self.window(), len(keys), f"Setting the {fields} of {len(keys):,} cells…"
                ),
            ):
                accepted = self._controller.edit_cells(keys, changes)
        finally:
            self._editing = False
        if accepted:
            self.error.hide()
        else:
            self.reload()
        return accepted

    def _with_scenario_red_line(self, cell: Cell) -> Cell:
        """``cell`` with the open scenario's red line where the scenario sets one: the box
        shows the red line in force in the view (and edits it there, see the controller)."""
        project_id, criterion_id = self._controller.selection
        if project_id is None or criterion_id is None:
            return cell
        override = self._controller.scenario_override(project_id, criterion_id)
        if override is None or override.red_line is None:
            return cell
        update: dict[str, Any] = {"red_line": override.red_line}
        if override.red_line_reason is not None:
            update["red_line_reason"] = override.red_line_reason
        return dataclasses.replace(cell, **update)

    def _shown_cell(self) -> Cell:
        """The current cell as the form shows it (under a scenario, with its scores)."""
        project_id, criterion_id = self._controller.selection
        if project_id is None or criterion_id is None:
            return Cell(status="unassessed")
        shown = self._controller.document.cell(project_id, criterion_id)
        shown = shown or Cell(status="unassessed")
        override = self._controller.scenario_override(project_id, criterion_id)
        if override is not None:
            scores = {
                name: getattr(override, name)
                for name in ("likelihood", "impact")
                if getattr(override, name) is not None
            }
            # Not model_copy: the scenario's scores need not lie in the base cell's ranges
            # (the ranges are the baseline's uncertainty), and this copy is only compared.
            shown = dataclasses.replace(shown, **scores)
        return self._with_scenario_red_line(shown)

    def _evidence_edited(self, links: list[dict[str, Any]]) -> bool:
        """The evidence list shown was edited: for several cells, the same link is added to
        (or removed from) each cell's own list, never the current cell's list copied over."""
        keys = self.targets()
        if len(keys) <= 1:
            accepted = self._commit({"evidence": links})
            self.evidence.refused = not accepted
            return accepted
        shown = link_dicts(self._shown_cell())
        added = [link for link in links if link not in shown]
        removed = [link for link in shown if link not in links]
        if not added and not removed and len(links) > len(shown):
            added = links[len(shown) :]  # a link the current cell has: the others may lack it
        if not added and not removed and len(links) < len(shown):
            # One of a link the current cell holds twice: the cells no longer cite it.
            removed = [link for link in shown if links.count(link) < shown.count(link)]
        if not added and not removed:
            return True
        doc = self._controller.document
        planned: list[tuple[CellKey, list[dict[str, Any]]]] = []
        for key in keys:
            cell = doc.cell(*key)
            own = link_dicts(cell)
            new = [link for link in own if link not in removed]
            new += [link for link in added if link not in new]
            if new != own:
                planned.append((key, new))
        if not planned:
            return True
        verb = "Add evidence to" if added and not removed else "Edit evidence of"
        self._editing = True
        try:
            # One step for every cell, or none: no half of the cells, and a refusal leaves
            # the undo history (and its Redo) as it was.
            doing = "Adding evidence to" if added and not removed else "Editing the evidence of"
            with (
                self._controller.refusals_shown_in_place(),
                busy_editing(self.window(), len(planned), f"{doing} {len(planned):,} cells…"),
            ):
                accepted = self._controller.edit_each_cell(
                    {key: {"evidence": new} for key, new in planned},
                    f"{verb} {len(planned):,} cell{'s' * (len(planned) != 1)}",
                )
        finally:
            self._editing = False
        if accepted:
            self.error.hide()
        else:
            self.reload()
        self.evidence.refused = not accepted
        return accepted

    def _spin_changed(self, field: str, value: int) -> None:
        self._commit({field: None if value == NO_VALUE else value})

    def _new_source(self, title: str, add_link: bool) -> bool:
        """Add a source titled ``title`` (graded F6 until graded in the Sources editor), pick
        it, and link it to the cell when asked; one undo step."""
        controller = self._controller
        source_id = controller.new_id("source", title)
        item = {"id": source_id, "title": title}
        _, problem = controller.new_item("source", item)
        if problem:  # refused before the macro opens: an empty one would still be a step
            self.show_error(problem)
            return False
        stack = controller.undo_stack
        stack.beginMacro(f"Add source {title}" + (" and link it" if add_link else ""))
        try:
            if not controller.add_item("source", item):
                return False
            self.evidence.select_source(source_id)
            if add_link:
                self.evidence.add_current()
            document = controller.document
            linked = [
                key
                for key in self._keys
                if any(
                    link.source == source_id
                    for link in getattr(document.cell(*key), "evidence", [])
                )
            ]
            if add_link and not linked:
                # The link was refused: the step added the source alone, and says so.
                stack.command(stack.count() - 1).setText(f"Add source {title}")
        finally:
            stack.endMacro()
        if add_link and not linked:
            return True  # the link was refused, and said so: that message stays
        where = ""
        if linked:
            where = " and linked to the selected cell" + ("s" if len(linked) > 1 else "")
        say_done(
            self,
            f"Source “{title}” added{where}, graded F6 (unknown) until you grade it in "
            "Editors → Sources.",
        )
        return True

    def _status_changed(self, _index: int) -> None:
        self._commit({"status": self.status.currentData()}, chosen=True)

    def _red_line_toggled(self, checked: bool) -> None:
        self._commit({"red_line": checked})

    def _set_title(self, text: str, shown: str | None = None, tooltip: str = "") -> None:
        """Show ``text`` (as ``shown``, where given: with its names set apart for display) as
        the title, and have a screen reader read it (a heading is read by the name it was made
        with: "No cell selected", whichever cell was shown)."""
        self.title.show_text(text if shown is None else shown, tooltip)
        self.title.setAccessibleName(text)

    def _controller_error(self, message: str) -> None:
        if self._editing:
            self.show_error(message)

    def show_error(self, message: str) -> None:
        """Show a refused edit's message until the next good edit (or for a few seconds)."""
        self.error.setText(message)
        self.error.show()
        self._error_timer.start()
        announce(self.error, message)
