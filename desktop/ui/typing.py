"""Applying what is being typed before the document is used as a whole.

Text fields apply their value when the user leaves them (focus-out, Return, Ctrl+Enter), as a
spreadsheet does. An action that uses the whole document (save, close, the memo, a
comparison, undo from the toolbar) must first apply the field the user is still typing in:
shortcuts and toolbar buttons do not move the focus, so nothing else would.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid


def commit_typing(root: QWidget) -> None:
    """Apply the value being typed in the focused field of ``root``'s window, as leaving would,
    then what a widget of the window holds typed without the focus (:func:`apply_held`).

    The field loses the focus (its own focus-out applies the value, with its usual checks and
    one undo step) and gets it back, so the user goes on where they were. A field in a
    floating panel of the window (the inspector undocked) counts as the window's. A field
    that closes when it is applied (a header's name editor) hands the focus to the nearest
    visible widget around it that takes focus.
    """
    _commit_focused(root)
    apply_held(root.window())


def apply_held(window: QWidget) -> None:
    """Call ``apply_typing()`` on every widget of ``window`` that has one: a widget holding
    text that applies when it is left (the empty matrix's name fields) applies it even when
    it does not have the focus, as when the window is not the active one (closed from the
    task bar)."""
    for widget in window.findChildren(QWidget):
        apply = getattr(widget, "apply_typing", None)
        if callable(apply):
            apply()


def _commit_focused(root: QWidget) -> None:
    widget = QApplication.focusWidget()
    if widget is None or not _belongs_to(widget, root.window()):
        return
    widget.clearFocus()
    target: QWidget | None = widget
    while target is not None and isValid(target):
        if (
            target.isVisible()
            and target.isEnabled()
            and target.focusPolicy() != Qt.FocusPolicy.NoFocus
        ):
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        target = target.parentWidget()


def typing_in(root: QWidget) -> bool:
    """Whether the focused widget of ``root``'s window is a field that takes typing (text or a
    number), whose value a change of the selected cell would replace."""
    widget = QApplication.focusWidget()
    if widget is None or not _belongs_to(widget, root.window()):
        return False
    return isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox))


def _belongs_to(widget: QWidget, window: QWidget) -> bool:
    """Whether ``widget`` is inside ``window``, floating panels (separate windows) included."""
    node: QWidget | None = widget
    while node is not None:
        if node is window:
            return True
        node = node.parentWidget()
    return False
