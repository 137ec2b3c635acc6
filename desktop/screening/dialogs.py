"""The dialogs of the Screening view: a decision on a hit, a territory override, a list import.

Each returns what the user entered (or None when cancelled) and edits nothing itself; the
panel passes the answer to the controller, which validates it and makes it one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.screening.tree import Row
from desktop.ui import style
from desktop.ui.plain_edit import edit_text
from desktop.ui.text import escape, sentence
from rrisk.model import date_problem
from rrisk.screening.decisions import CONFIRMED, same_list
from rrisk.screening.listfile import list_as_of_problem, list_name_problem
from rrisk.text import prints_nothing

NOTE_ROWS = 4


def run(dialog: QDialog) -> bool:
    """Show ``dialog`` modally; True when the user accepted it. The dialog is deleted later."""
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted


@dataclass(frozen=True)
class DecisionAnswer:
    note: str
    no_red_line_reason: str


def _buttons(dialog: QDialog, label: str) -> tuple[QDialogButtonBox, QPushButton]:
    """Cancel and the dialog's own default button (named for what it does), wired up."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, dialog)
    accept = QPushButton(label, dialog)
    accept.setDefault(True)
    box.addButton(accept, QDialogButtonBox.ButtonRole.AcceptRole)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    # Return adds a line to a note, so Ctrl+Return (as in the inspector's text fields)
    # presses the dialog's own button, when it is enabled.
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        shortcut = QShortcut(QKeySequence(keys), dialog)
        shortcut.activated.connect(lambda: accept.click() if accept.isEnabled() else None)
    return box, accept


def _text_box(parent: QWidget, placeholder: str, text: str = "", name: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setPlaceholderText(placeholder)
    box.setAccessibleName(name)
    box.setPlainText(text)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * NOTE_ROWS + 12)
    return box


class DecisionDialog(QDialog):
    """Confirm or dismiss one hit, with a note (and, for a confirmed blocking hit, an optional
    reason why it is not a red line)."""

    def __init__(
        self,
        parent: QWidget,
        *,
        confirm: bool,
        summary: str,
        blocking: bool,
        note: str = "",
        no_red_line_reason: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Confirm hit" if confirm else "Dismiss hit")
        self._confirm = confirm
        layout = QVBoxLayout(self)
        facts = QLabel(summary, self)
        facts.setTextFormat(Qt.TextFormat.RichText)
        facts.setWordWrap(True)
        layout.addWidget(facts)
        question = (
            "The counterparty is this listed party. Note what you checked (optional):"
            if confirm
            else "The counterparty is not this listed party. Note why (required):"
        )
        note_label = QLabel(question, self)
        note_label.setWordWrap(True)
        layout.addWidget(note_label)
        self.note = _text_box(
            self,
            "e.g. same registration number in the company register"
            if confirm
            else "e.g. another company: other registration number, country and owners",
            note,
            "Note",
        )
        note_label.setBuddy(self.note)
        layout.addWidget(self.note)
        self.not_red_line = QCheckBox("&Not a red line for this project, because:", self)
        self.reason = _text_box(
            self, "e.g. named only as a possible partner", no_red_line_reason, "Why not a red line"
        )
        self.not_red_line.setChecked(bool(no_red_line_reason))
        if confirm and blocking:
            layout.addWidget(self.not_red_line)
            layout.addWidget(self.reason)
            hint = "A confirmed hit on a blocking programme excludes the project unless you say why not."
        elif confirm:
            hint = "None of this entry's programmes blocks: confirming it records the fact only."
        else:
            hint = "Dismissed hits stay listed with your note, and the memo prints them."
        self.not_red_line.setVisible(confirm and blocking)
        self.reason.setVisible(confirm and blocking)
        layout.addWidget(style.muted_label(hint, self))
        # Not "&Confirm": GNOME's and KDE's themes label Cancel "&Cancel".
        self.buttons, self.accept_button = _buttons(self, "C&onfirm" if confirm else "&Dismiss")
        layout.addWidget(self.buttons)
        self.note.textChanged.connect(self._update)
        self.reason.textChanged.connect(self._update)
        self.not_red_line.toggled.connect(self._update)
        self._update()
        self.resize(self.fontMetrics().horizontalAdvance("M") * 42, self.sizeHint().height())

    def _update(self) -> None:
        self.reason.setEnabled(self.not_red_line.isChecked())
        if self._confirm:
            valid = not self.not_red_line.isChecked() or not prints_nothing(
                self.reason.toPlainText()
            )
        else:
            valid = not prints_nothing(self.note.toPlainText())
        self.accept_button.setEnabled(valid)

    def answer(self) -> DecisionAnswer:
        reason = edit_text(self.reason) if self.not_red_line.isChecked() else ""
        return DecisionAnswer(edit_text(self.note), reason)


def ask_decision(parent: QWidget, row: Row, *, confirm: bool) -> DecisionAnswer | None:
    """Ask for the note (and any reason it is not a red line) on the hit of ``row``."""
    hit, previous = row.hit, row.decision
    if hit is None:
        return None
    same = previous is not None and (previous.decision == CONFIRMED) == confirm
    dialog = DecisionDialog(
        parent,
        confirm=confirm,
        summary=hit_summary(
            row.counterparty,
            hit.entry_name,
            hit.entry_id,
            hit.matched_name,
            hit.score,
            hit.programmes,
        ),
        blocking=hit.blocking,
        # A note carries over only to the same decision: a confirmation's note (why the match
        # is real) offered as the reason to dismiss it took one Ctrl+Enter to lift a red line.
        note=previous.note if same and previous is not None else "",
        no_red_line_reason=previous.no_red_line_reason if same and previous is not None else "",
    )
    return dialog.answer() if run(dialog) else None


def ask_override(
    parent: QWidget, project: str, territory: str, text: str, field: str = "region"
) -> str | None:
    """Ask for the written justification of a territory override (None: cancelled);
    ``field`` is what places the project there
    (:func:`rrisk.screening.redlines.placing_field`)."""
    dialog = OverrideDialog(parent, project, territory, text, field)
    return edit_text(dialog.text) if run(dialog) else None


def hit_summary(
    counterparty: str, entry: str, entry_id: str, matched: str, score: float, programmes: list[str]
) -> str:
    """The facts of a hit for a dialog, as rich text with the user's and the list's text escaped."""
    lines = [
        f"<b>{escape(counterparty)}</b> → <b>{escape(entry)}</b> ({escape(entry_id)})",
        f"Matched name: {escape(matched)} · score {score:.2f}",
    ]
    if programmes:
        lines.append("Programmes: " + escape("; ".join(programmes)))
    return "<br>".join(lines)


class OverrideDialog(QDialog):
    """The written justification for setting a territory rule aside for one project."""

    def __init__(
        self, parent: QWidget, project: str, territory: str, text: str = "", field: str = "region"
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Override territory rule")
        layout = QVBoxLayout(self)
        names = "name" if " and " in field else "names"
        label = QLabel(
            f"The {field} of <b>{escape(project)}</b> {names} <b>{escape(territory)}</b>, an "
            "occupied territory, so the project is excluded. Say why the rule does not apply "
            "(for example, the site is on the government-controlled side); the memo prints "
            "this justification among the exclusions.",
            self,
        )
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.text = _text_box(self, "Justification (required)", text, "Justification")
        layout.addWidget(self.text)
        self.buttons, self.accept_button = _buttons(self, "&Override")
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(self._update)
        self._update()
        self.resize(self.fontMetrics().horizontalAdvance("M") * 42, self.sizeHint().height())

    def _update(self) -> None:
        self.accept_button.setEnabled(not prints_nothing(self.text.toPlainText()))


def check_as_of(text: str) -> str:
    """'' when ``text`` is empty or a date YYYY-MM-DD, else the reason it is not."""
    if not text.strip():
        return ""
    # The document's own rule (a day written YYYY-MM-DD), not any ISO form such as 20240101.
    if date_problem(text.strip(), "as-of date", days_only=True):
        return f"'{text.strip()}' is not a date YYYY-MM-DD"
    problem = list_as_of_problem(text)
    return sentence(problem) + "." if problem else ""


class ImportListDialog(QDialog):
    """Name and as-of date of a list file about to be imported."""

    def __init__(
        self,
        parent: QWidget,
        path: str,
        taken: set[str],
        reserved: str,
        dates: dict[str, str] | None = None,
    ) -> None:
        """``taken``: the imported lists' names; ``dates``: their as-of dates, by name."""
        super().__init__(parent)
        self.setWindowTitle("Import sanctions list")
        self._taken = taken
        self._dates = dates or {}
        self._reserved = reserved
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"File: {escape(Path(path).name)}<br>In the layout of the OpenSanctions "
            "<i>targets.simple.csv</i> export.",
            self,
        )
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit(Path(path).stem, self)
        self.as_of = QLineEdit(self)
        self.as_of.setPlaceholderText("YYYY-MM-DD, the list's publication date")
        form.addRow("List &name", self.name)
        form.addRow("&As of", self.as_of)
        layout.addLayout(form)
        self.problem = QLabel(self)
        self.problem.setObjectName("importProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.buttons, self.accept_button = _buttons(self, "&Import")
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._update)
        self.as_of.textChanged.connect(self._update)
        self._update()
        # Wide enough for the date's hint and a list file's name on one line.
        self.resize(self.fontMetrics().horizontalAdvance("M") * 36, self.sizeHint().height())

    def _update(self) -> None:
        name = self.name.text().strip()
        problem = check_as_of(self.as_of.text())
        named = list_name_problem(name, self._reserved)
        if named:
            problem = sentence(named) + "."
        self.accept_button.setEnabled(not problem)
        # The store's rule: a name equal but for case and spacing is the same list.
        replaced = next((taken for taken in self._taken if same_list(taken, name)), None)
        if not problem and replaced is not None:
            problem = self._replacing(replaced)
            self.accept_button.setText("&Replace")
        else:
            self.accept_button.setText("&Import")
        self.problem.setText(problem)

    def values(self) -> tuple[str, str]:
        return self.name.text().strip(), self.as_of.text().strip()

    def _replacing(self, replaced: str) -> str:
        """What importing over the list ``replaced`` does; said too when the date given is
        the one it has: an assessment records a list by its name and date, and one recorded
        against the old entries would read, once reopened, as recorded against the new."""
        held = self._dates.get(replaced)  # ("": the list held has no as-of date)
        said = f"A list named '{replaced}'{f' (as of {held})' if held else ''} exists"
        said += ": importing replaces it."
        if held is not None and held == self.as_of.text().strip():
            # (undated, as the import: an assessment records it by its name alone)
            said += " It has this as-of date already" if held else " It has no as-of date either"
            said += (
                ": assessments record a list by its name and date, so one screened against "
                "the old entries will read as screened against the new. Give the date of the "
                "new publication, if it has one."
            )
        return said


class RemoveListDialog(QDialog):
    """Whether to remove an imported list from this computer's store: names the list, its
    entries and date, and what becomes of the decisions documents record on it."""

    def __init__(self, parent: QWidget, name: str, entries: int, as_of: str, recorded: bool):
        super().__init__(parent)
        self.setWindowTitle("Remove sanctions list")
        layout = QVBoxLayout(self)
        noun = "entry" if entries == 1 else "entries"
        dated = f"as of {escape(as_of)}" if as_of else "no as-of date"
        text = (
            f"Remove the list <b>{escape(name)}</b> ({entries:,} {noun}, {dated}) from this "
            "computer's list store? It can no longer be screened against until it is "
            "imported again."
        )
        self.message = QLabel(text, self)
        self.message.setObjectName("removeListMessage")
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        kept = (
            "Assessments keep every decision recorded on it: a confirmed hit stays confirmed "
            "with the programmes recorded, and the ranking and the memo go by them as before. "
            "The Screening tab lists them as recorded."
        )
        if recorded:
            kept = "This assessment records screening against this list. " + kept
        self.kept = style.muted_label(kept, self)
        layout.addWidget(self.kept)
        self.buttons, self.accept_button = _buttons(self, "&Remove")
        # Removing cannot be undone: Return alone keeps the list.
        self.accept_button.setDefault(False)
        self.accept_button.setAutoDefault(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        cancel.setFocus()
        layout.addWidget(self.buttons)
        # Tall enough for its wrapped lines at that width (the size hint is one line's).
        width = self.fontMetrics().horizontalAdvance("M") * 40
        self.resize(width, max(self.sizeHint().height(), layout.totalHeightForWidth(width)))


def ask_remove_list(parent: QWidget, name: str, entries: int, as_of: str, recorded: bool) -> bool:
    """Whether the user confirms removing the imported list ``name``."""
    return run(RemoveListDialog(parent, name, entries, as_of, recorded))
