"""Small pieces every editor uses: refused-edit capture, the in-place message, list fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from desktop.ui import style
from desktop.ui.narrative_text import ResolvedText
from desktop.ui.plain_edit import KeptText, edit_text
from desktop.ui.refusals import announce
from desktop.ui.text import sentence, single_line

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController


def attempt(controller: DocumentController, edit: Callable[[], bool]) -> tuple[bool, str]:
    """Run one controller edit and return (accepted, the refusal message if any), which the
    caller shows, and has said aloud, in its own message line."""
    messages: list[str] = []
    controller.errorOccurred.connect(messages.append)
    try:
        with controller.refusals_shown_in_place():
            accepted = bool(edit())
    finally:
        controller.errorOccurred.disconnect(messages.append)
    if accepted:
        return True, ""
    return False, messages[-1] if messages else "The change was refused."


class MessageLabel(QLabel):
    """A visible, in-place message for a refused edit; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        style.make_error_label(self)  # high-contrast red
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName("Edit refused")
        self.hide()

    def show_error(self, message: str) -> None:
        self.setText(f"Not changed: {sentence(message)}")
        # Its name ("Edit refused") stands for its text to a screen reader: the message goes
        # in the description, or reading the line again gave the name alone.
        self.setAccessibleDescription(self.text())
        self.show()
        announce(self, self.text())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # A long word (a pasted value quoted back) cannot wrap: as the label's minimum width
        # it widened the window far past the screen. The label takes the width it is given.
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().averageCharWidth() * 40), hint.height())

    def clear_error(self) -> None:
        self.clear()
        self.setAccessibleDescription("")
        self.hide()


class PlainTextField(KeptText, QPlainTextEdit):
    """Multi-line text that reports ``editingFinished`` when it loses focus, like a line edit.

    Tab moves focus on (instead of inserting a tab) so forms stay keyboard-friendly.
    :meth:`plain_text` is the text given to ``setPlainText`` while nobody changed it
    (:mod:`desktop.ui.plain_edit`).
    """

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None, lines: int = 3) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._lines = lines
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setMinimumHeight(height)
        self.setMaximumHeight(height * 2)

    def setPlainText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self.keep_given(text)
        super().setPlainText(text)

    def plain_text(self) -> str:
        """The text to store (see the class)."""
        return self.kept(edit_text(self))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Ctrl+Return commits without leaving the field.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.editingFinished.emit()
            return
        super().keyPressEvent(event)


class NarrativeField(ResolvedText, PlainTextField):
    """A narrative text field: live figures shown as values, edited as fields."""


def _distinct(entries: list[str]) -> list[str]:
    """Entries without repeats, compared regardless of case; the first spelling is kept."""
    seen: set[str] = set()
    kept = []
    for entry in entries:
        key = entry.casefold()
        if key not in seen:
            seen.add(key)
            kept.append(entry)
    return kept


def split_lines(text: str) -> list[str]:
    """One entry per non-empty line, trimmed, each once (regardless of case)."""
    return _distinct([single_line(part) for part in text.splitlines() if part.strip()])


def split_commas(text: str) -> list[str]:
    """Entries separated by commas, semicolons or new lines, trimmed, each once (regardless
    of case)."""
    for separator in (";", "\n"):
        text = text.replace(separator, ",")
    return _distinct([single_line(part) for part in text.split(",") if part.strip()])
