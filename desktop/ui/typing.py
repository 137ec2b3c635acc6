"""Applying what is being typed before the document is used as a whole.

Text fields apply their value when the user leaves them (focus-out, Return, Ctrl+Enter), as a
spreadsheet does. An action that uses the whole document (save, close, the memo, a
comparison, undo from the toolbar) must first apply the field the user is still typing in:
shortcuts and toolbar buttons do not move the focus, so nothing else would.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid


def commit_typing(root: QWidget) -> None:
    """Apply the value being typed in the focused field of ``root``'s window, as leaving would.

    The field loses the focus (its own focus-out applies the value, with its usual checks and
    one undo step) and gets it back, so the user goes on where they were.
    """
    widget = QApplication.focusWidget()
    if widget is None or widget.window() is not root.window():
        return
    widget.clearFocus()
    if isValid(widget) and widget.isVisible() and widget.isEnabled():
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
