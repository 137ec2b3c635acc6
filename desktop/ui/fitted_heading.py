"""A wrapped heading that breaks its lines only where the script allows and never runs wider
than its room: a word too long for a line is shortened ("…"), whole in the tooltip.

A wrapped label cannot break a word: a long name made the label, and the panel holding it,
wider than the screen. Zero-width spaces every 16 letters
kept it narrow but broke words where no reader would ("rare-ear / th" in a narrow dock),
whatever the room. Here the breaks are the text's own (spaces, after a hyphen, between CJK
characters), measured in the label's font at its width each time either changes
(:func:`desktop.ui.fitting.fitted_text`, which fits the tooltips too).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from desktop.ui.fitting import fitted_text


class FittedHeading(QLabel):
    """A word-wrapped plain-text label for a heading; give it its text with :meth:`show_text`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self._full = ""
        self._tooltip = ""
        self._fitted_for: tuple[str, str, int] | None = None

    def show_text(self, text: str, tooltip: str = "") -> None:
        """Show ``text``; ``tooltip`` is shown unless a word had to be shortened (then the whole
        text is)."""
        self._full, self._tooltip = text, tooltip
        self._fitted_for = None
        self._fit()

    def full_text(self) -> str:
        return self._full

    def minimumSizeHint(self):  # noqa: ANN201, N802 - Qt's name
        # A wrapped label asks for its longest word's width: the heading fits its words to
        # whatever width it is given instead (the panel could not be narrowed past them).
        hint = super().minimumSizeHint()
        hint.setWidth(min(hint.width(), self.fontMetrics().averageCharWidth() * 8))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def _fit(self) -> None:
        width = self.contentsRect().width() - 2 * self.margin()
        key = (self._full, self.font().key(), width)
        if key == self._fitted_for:
            return
        self._fitted_for = key
        shown, shortened = fitted_text(self._full, self.fontMetrics(), width)
        self.setText(shown)
        self.setToolTip(self._full if shortened else self._tooltip)
