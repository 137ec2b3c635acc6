"""Number fields that say what they refuse, where the user looks.

A spin box drops a key its validator refuses (a ``6`` in a score field, letters in a weight)
and, when it is left holding text it cannot read (a lone ``-``), puts its old value back: in
both cases without a word, so the user may believe the value was taken. :class:`SaysRefusals`
keeps that behaviour (the field never holds a value it cannot take) and says so: a tip at the
field and the same line in the window's status bar, naming what the field takes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QFocusEvent,
    QKeyEvent,
    QValidator,
)
from PySide6.QtWidgets import QLabel, QMainWindow, QSpinBox, QToolTip, QWidget

SHOWN_MS = 6_000
"""How long the status bar keeps the line."""

REFUSAL = "shownRefusal"
"""The status bar's property holding the refusal it shows (:func:`mark_refusal`), or another
line about the document as it stood (:func:`say_until_changed`): the window clears that line
once an edit, Undo, a scenario or another document has made it untrue."""

_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def say_refused(field: QWidget, message: str, aloud: bool = True) -> None:
    """Show ``message`` at ``field`` and in its window's status bar (a floating panel's too),
    and, with ``aloud``, have a screen reader say it (:func:`announce`)."""
    QToolTip.showText(field.mapToGlobal(field.rect().bottomLeft()), message, field)
    say_done(field, message)
    window = main_window_of(field)
    if window is not None:
        mark_refusal(window, message)
    if aloud:
        announce(field, message)


def announce(widget: QWidget, message: str, polite: bool = False) -> None:
    """Have a screen reader say ``message`` at once: a screen reader reads neither a tip nor
    the status bar nor a line that appears under a form by itself, so a refused value went
    unheard while the field quietly showed its old value again. ``polite``: once it has
    finished what it is saying (a job's progress, which should not cut the user short)."""
    event = QAccessibleAnnouncementEvent(widget, message)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Polite
        if polite
        else QAccessible.AnnouncementPoliteness.Assertive
    )
    QAccessible.updateAccessibility(event)


def show_line(label: QLabel, text: str) -> None:
    """Show ``text`` in the warning or error line ``label`` ("" hides it), said aloud when it
    appears or changes: a screen reader does not read a line that appears by itself. The same
    text again (a warning looked at again as the window comes to the front) is not said
    again."""
    said = bool(text) and (text != label.text() or label.isHidden())
    label.setText(text)
    label.setVisible(bool(text))
    if said:
        announce(label, text)


def main_window_of(field: QWidget | None) -> QMainWindow | None:
    """The main window ``field`` is in, a floating panel's too (its own window has no status
    bar)."""
    widget = field
    while widget is not None and not isinstance(widget, QMainWindow):
        widget = widget.parentWidget()
    return widget


def say_done(field: QWidget, message: str) -> None:
    """Show ``message`` in the status bar of ``field``'s main window (a floating panel's too):
    what an action did that the field alone does not show."""
    window = main_window_of(field)
    if window is not None:
        window.statusBar().showMessage(message, SHOWN_MS)


def say_until_changed(window: QMainWindow, message: str, timeout: int = SHOWN_MS) -> None:
    """Show ``message`` in ``window``'s status bar for ``timeout`` ms at most, and only until
    the document, its scenario or the document itself next changes, as a refusal
    (:func:`mark_refusal`): a line about the document as it stood ('No draft cell: every
    assessed cell is marked reviewed', 'Saved case.rrisk', 'Undone: …') read as still so after
    an edit had made it untrue. Lines about files and jobs (an export under way) only time
    out."""
    window.statusBar().showMessage(message, timeout)
    mark_refusal(window, message)


def mark_refusal(window: QMainWindow, message: str) -> None:
    """Mark ``message``, just shown in ``window``'s status bar, as a refusal: a later change of
    the document, its scenario or the document itself clears it (:func:`clear_refusal`)."""
    window.statusBar().setProperty(REFUSAL, message)


def clear_refusal(window: QMainWindow) -> None:
    """Clear the status bar's line when it still shows the refusal last marked: what it said
    was refused ('Weight: -1.5 is below 0') read as still so after a later edit went through,
    after Undo, another scenario or another document."""
    bar = window.statusBar()
    shown = bar.property(REFUSAL)
    bar.setProperty(REFUSAL, None)
    if shown and bar.currentMessage() == shown:
        bar.clearMessage()


class SaysRefusals:
    """Mixin for a spin box (put it first): a typed character it does not take, or text left
    in it that it cannot read, is said (:func:`say_refused`) with :meth:`accepts`."""

    def accepts(self) -> str:
        """What the field takes, as the end of a sentence ("a number from 0 to 1000")."""
        spin: Any = self
        return f"a number from {spin.textFromValue(spin.minimum())} to " + spin.textFromValue(
            spin.maximum()
        )

    also_said: Callable[[str], None] | None = None
    """Where else a refusal is said (a form's message line, which a refusal replaces)."""

    def _say(self, message: str) -> None:
        # Said aloud once: by the other place when there is one (it names the field).
        say_refused(self, message, aloud=self.also_said is None)  # type: ignore[arg-type]
        if self.also_said is not None:
            self.also_said(message)

    _refused_in_typing = False
    """A key was refused since the text was last cut or replaced: what is left is not what was
    typed ("26" with the 6 refused leaves "2", "1e3" leaves "13"), and is not applied
    (:meth:`_keep_value`)."""
    _value_at_focus: Any = None
    _refused_at: tuple[str, str, int] | None = None
    """The field's text, selection and cursor when the last key was refused; None once another
    key is pressed or the selection or cursor is moved (a mouse selecting the text again)."""
    _in_key = False
    _watching = False

    def _forget_refusal(self) -> None:
        if not self._in_key:
            self._refused_at = None

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        spin: Any = self
        self._value_at_focus = spin.value()
        self._refused_in_typing = False
        super().focusInEvent(event)  # type: ignore[misc]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        spin: Any = self
        edit = spin.lineEdit()
        unread = ""
        is_return = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if is_return:
            self._keep_value()
            if not self._readable(edit.text()) and not spin.isReadOnly():
                # Return puts the value back (and closes a table's editor): say so.
                unread = edit.text()
        before = (edit.text(), edit.selectedText(), edit.cursorPosition())
        refused_at, self._refused_at = self._refused_at, None
        self._in_key = True
        try:
            super().keyPressEvent(event)  # type: ignore[misc]
        finally:
            self._in_key = False
        if is_return:
            # Return applied the value: a refusal after it, the field still in focus, puts
            # this one back, not the one the field had when it took the focus.
            self._value_at_focus = spin.value()
        if unread:
            self._say_unread(unread)
            return
        typed = event.text()
        if edit.text() != before[0]:
            # The key right after the refused one, nothing moved between, goes on with what
            # was being typed: "-1" over a selected 5, the minus refused, put 1 in its place,
            # which Return applied.
            goes_on = before == refused_at and typed.isprintable()
            if not goes_on and (len(edit.text()) < len(before[0]) or before[1]):
                # Typed again: what was left was deleted or replaced, so the field holds
                # what is meant. A key added after the refused one is not that: "1e3" with
                # the e refused left "13", which leaving the field applied.
                self._refused_in_typing = False
        elif (
            typed
            and typed.isprintable()
            and not event.modifiers() & _MODIFIERS
            and not spin.isReadOnly()
            and (edit.text(), edit.selectedText(), edit.cursorPosition()) == before
        ):
            self._refused_in_typing = True
            self._refused_at = before
            if not self._watching:
                self._watching = True
                edit.selectionChanged.connect(self._forget_refusal)
                edit.cursorPositionChanged.connect(self._forget_refusal)
            self._say(
                f"“{typed}” cannot be typed here: the field takes {self.accepts()}. "
                "What is left is not applied unless you delete it and type the number again.",
            )

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt's name
        # A step (arrow key, Page key, the wheel, the arrows beside the field) sets a value
        # deliberately: what a refused key left is no longer what the field holds.
        self._refused_in_typing = False
        super().stepBy(steps)  # type: ignore[misc]

    def _keep_value(self) -> None:
        """After a refused key, the field's value as it was when the typing began: "26" with
        the 6 refused left 2, which leaving the field applied (a red-line threshold of 2)."""
        spin: Any = self
        if not self._refused_in_typing or self._value_at_focus is None:
            return
        self._refused_in_typing = False
        left = spin.cleanText().strip()
        special = spin.specialValueText()
        unchanged = (
            special and spin.lineEdit().text().strip() == special
        ) or left == spin.textFromValue(self._value_at_focus)
        if not unchanged:
            spin.setValue(self._value_at_focus)
            self._say(
                f"“{left}” was left after a refused key, so it was not applied; the field "
                f"shows {spin.lineEdit().text().strip()} again.",
            )

    def _readable(self, text: str) -> bool:
        spin: Any = self
        special = spin.specialValueText()  # "—" for no score: shown, never typed
        if special and text.strip() == special:
            return True
        return bool(spin.validate(text, len(text))[0] == QValidator.State.Acceptable)

    def _say_unread(self, text: str) -> None:
        spin: Any = self
        shown = spin.lineEdit().text()
        # What was typed, without the field's own prefix ("r = L × I ≥ "), never typed.
        typed = text.strip().removeprefix(spin.prefix().strip()).removesuffix(spin.suffix().strip())
        if typed.strip():
            said = f"“{typed.strip()}” is not {self.accepts()}, so it was not applied"
        else:
            said = f"The field was left empty, so nothing was applied: it takes {self.accepts()}"
        self._say(f"{said}; the field shows {shown or 'its value'} again.")

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        spin: Any = self
        self._keep_value()
        text = spin.lineEdit().text()
        readable = self._readable(text)
        super().focusOutEvent(event)  # type: ignore[misc]
        if not readable and not spin.isReadOnly():
            self._say_unread(text)


class SpinBox(SaysRefusals, QSpinBox):
    """A whole-number field that says what it refuses."""
