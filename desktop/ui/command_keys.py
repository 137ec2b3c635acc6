"""The window's commands keep their keys while a text field has the keyboard.

On Linux a text field binds some Ctrl letters to cursor moves of the Emacs tradition: Ctrl+E
goes to the end of the line, Ctrl+K deletes to it. Qt gives such a field the key before the
window's shortcut, so Ctrl+E (Export IC Memo, as the menu says) did nothing while the cursor
was in a score field or a rationale. With this filter the window's own command keeps its key
everywhere in its window; keys that no command of the window uses stay the field's, and so
do the keys of editing text itself (undo, redo, copy, cut, paste, select all, delete), which
:mod:`desktop.ui.undo_keys` hands on to the window only when the field has nothing to undo.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit

Std = QKeySequence.StandardKey
_FIELD_KEYS = (Std.Undo, Std.Redo, Std.Copy, Std.Cut, Std.Paste, Std.SelectAll, Std.Delete)
"""Keys a text field keeps for its text even where a command of the window shares them."""
_FIELDS = (QLineEdit, QAbstractSpinBox, QPlainTextEdit, QTextEdit)


class CommandKeys(QObject):
    """Event filter (a child of the window, gone with it) put on each text field of the window
    as it takes the keyboard: the key goes to the field that has the focus, and a filter on
    the whole application would run for every event of every window."""

    def __init__(self, window: QObject, actions: Iterable[QAction]) -> None:
        super().__init__(window)
        self._actions = list(actions)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QObject | None, new: QObject | None) -> None:
        if isinstance(new, _FIELDS) and self._holds(new):
            new.installEventFilter(self)  # (again is harmless: a filter is kept once)

    def _holds(self, field: QObject) -> bool:
        """Whether ``field`` is the window's, also in a panel floated out of it (a floating
        dock is a window of its own to Qt, with the main window still its parent)."""
        owner: QObject | None = field
        while owner is not None:
            if owner is self.parent():
                return True
            owner = owner.parent()
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(watched, _FIELDS):
            return False
        if not isinstance(event, QKeyEvent) or not self._holds(watched):
            return False
        if any(event.matches(own) for own in _FIELD_KEYS):
            return False
        pressed = QKeySequence(event.keyCombination())
        if any(pressed in action.shortcuts() and action.isEnabled() for action in self._actions):
            event.ignore()  # the window's command takes it
            return True
        return False
