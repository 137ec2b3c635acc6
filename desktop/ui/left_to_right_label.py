"""A selectable line of plain text that stays left to right whatever name it holds, and copies
what it shows without the mark that keeps it so.

A label whose text can be selected sets it as a document, which takes the direction of a
line from its first letter: a line starting with an Arabic or Hebrew name ("סנקציות משניות
·  id market") turned right to left, set against the right edge over a form read from the
left, the id printed in front of the name. Isolating the name (FSI … PDI) does not help there,
as the document does not skip an isolate choosing the direction (a label that cannot be
selected is drawn left to right as the window is). A left-to-right mark in front of the line
does; it is left out of what a copy of the selection gives, as are the isolates set around a
name (:func:`rrisk.text.isolated`), with the context menu's Copy, the keyboard's and the
selection of X11 (pasted with the middle button) alike.
"""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QClipboard,
    QContextMenuEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
)
from PySide6.QtWidgets import QLabel, QMenu

from desktop.ui.text import LEFT_TO_RIGHT_MARK, left_to_right

_ISOLATES = re.compile("[\u2066-\u2069]")


def without_marks(shown: str) -> str:
    """What a copy of ``shown`` (a part of a line set by :func:`left_to_right`) gives: without
    the left-to-right mark in front and the marks that isolate a name."""
    return _ISOLATES.sub("", shown.removeprefix(LEFT_TO_RIGHT_MARK))


class LeftToRightLabel(QLabel):
    """A plain-text label to select from; :meth:`setText` keeps its line left to right."""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(left_to_right(text))

    def copied_text(self) -> str:
        """What a copy of the selection gives: the selection as shown, without its marks."""
        return without_marks(self.selectedText())

    def copy_selection(self) -> None:
        QGuiApplication.clipboard().setText(self.copied_text())

    def add_actions(self, menu: QMenu) -> None:
        """Actions of the context menu between Copy and Select All (none here)."""

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        copy = menu.addAction("Copy", self.copy_selection)
        copy.setEnabled(self.hasSelectedText())
        self.add_actions(menu)
        menu.addAction("Select All", lambda: self.setSelection(0, len(self.text())))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        menu = self.context_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.matches(QKeySequence.StandardKey.Copy) and self.hasSelectedText():
            self.copy_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        super().mouseReleaseEvent(event)  # (puts the selection as shown in X11's)
        clipboard = QGuiApplication.clipboard()
        if clipboard.supportsSelection() and self.hasSelectedText():
            clipboard.setText(self.copied_text(), QClipboard.Mode.Selection)
