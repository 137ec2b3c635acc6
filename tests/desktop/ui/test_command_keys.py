"""A window command keeps its key while a text field has the keyboard: Ctrl+E exports the
memo from a score field, where a Linux text field takes it as "end of line"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QLineEdit


class _EmacsField(QLineEdit):
    """A field that claims every Ctrl key before the window's shortcuts, as a Linux desktop's
    key bindings make a text field claim Ctrl+E (end of line) and Ctrl+K (delete to it)."""

    def event(self, event: QEvent) -> bool:
        claims = event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
        if claims and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.accept()
            return True
        return super().event(event)


def _override_taken(widget, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> bool:
    """Whether ``widget`` claims the key before the window's shortcuts (ShortcutOverride)."""
    event = QKeyEvent(QEvent.Type.ShortcutOverride, key, modifiers)
    event.ignore()
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_a_window_command_keeps_its_key_in_a_text_field(window, qtbot) -> None:
    assert QKeySequence("Ctrl+E") in window.menu_actions.export_memo.shortcuts()
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    field = _EmacsField(window.inspector)
    field.show()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    ctrl = Qt.KeyboardModifier.ControlModifier
    assert not _override_taken(field, Qt.Key.Key_E, ctrl)  # Export IC Memo
    # The keys of editing text stay the field's, and so do keys no command uses.
    assert _override_taken(field, Qt.Key.Key_C, ctrl)
    assert _override_taken(field, Qt.Key.Key_A, ctrl)
    assert _override_taken(field, Qt.Key.Key_J, ctrl)


def test_a_field_of_the_floating_inspector_leaves_the_key_to_the_window(window, qtbot) -> None:
    """The inspector floated out of the window is a window of its own to Qt: its fields still
    leave the window's command keys to the window."""
    window.show()
    qtbot.waitExposed(window)
    dock = window.findChild(QDockWidget, "inspectorDock")
    dock.setFloating(True)
    qtbot.waitUntil(dock.isFloating)
    field = _EmacsField(window.inspector)
    field.show()
    dock.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    assert field.window() is dock
    assert not _override_taken(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
