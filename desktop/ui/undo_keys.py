"""Ctrl+Z and Ctrl+Y in a field with nothing of its own to undo go to the document.

A spin box or a text field takes the undo keys for its own typing even when it has none: a
keyboard user who pressed 4 in the matrix and Enter to reach the inspector, then Ctrl+Z, saw
nothing happen. With this filter the field keeps the keys while it has typing to take back;
otherwise the window's Undo and Redo act, as the menu says.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def _own_history(widget: QObject | None, redo: bool) -> bool:
    """Whether the field has typing of its own to undo (or redo)."""
    if isinstance(widget, QAbstractSpinBox | QComboBox):
        widget = widget.lineEdit()  # an editable box's (None: a list, with no typing)
    if isinstance(widget, QLineEdit):
        return widget.isRedoAvailable() if redo else widget.isUndoAvailable()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        document = widget.document()
        return document.isRedoAvailable() if redo else document.isUndoAvailable()
    return True  # unknown: leave the keys to the widget


REDO_ALSO = QKeySequence("Ctrl+Y")
"""The window's Redo on every platform, beside the platform's own Redo keys (Linux desktops
bind only Ctrl+Shift+Z; users of office software press Ctrl+Y)."""


def _is_ctrl_y(event: QKeyEvent) -> bool:
    return QKeySequence(event.keyCombination()) == REDO_ALSO


class DocumentUndoKeys(QObject):
    """Event filter: passes the undo keys on to the window when the field has no history."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        redo = event.matches(QKeySequence.StandardKey.Redo) or _is_ctrl_y(event)
        if not (redo or event.matches(QKeySequence.StandardKey.Undo)):
            return False
        if _own_history(watched, redo):
            return False
        event.ignore()  # not the field's: the window's shortcut takes it
        return True


def forget_typing(widget: QWidget | None) -> None:
    """Drop the field's own undo history once what it holds is in the document: Ctrl+Z then
    undoes that step of the document (the field took back typing the document kept, showing a
    value the document does not hold, and leaving it made the old value a new step)."""
    if isinstance(widget, QAbstractSpinBox | QComboBox):
        widget = widget.lineEdit()
    if isinstance(widget, QLineEdit):
        if widget.isUndoAvailable() or widget.isRedoAvailable():
            # Setting the text is the one way to clear a line edit's history.
            cursor = widget.cursorPosition()
            widget.setText(widget.text())
            widget.setCursorPosition(cursor)
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        widget.document().clearUndoRedoStacks()


def pass_undo_keys(owner: QObject, widgets: list[QWidget]) -> DocumentUndoKeys:
    """Install one filter (a child of ``owner``, gone with it) on each field."""
    keys = DocumentUndoKeys(owner)
    for widget in widgets:
        widget.installEventFilter(keys)
    return keys
