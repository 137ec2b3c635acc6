"""What gives way when the window is narrow: the document line and the toolbar's texts.

At the usual width both look exactly as designed; on a small screen (or at 200% scaling)
the document line is shortened and the toolbar shows icons only, so the tabs and the
scenario selector stay in view instead of slipping behind scroll or overflow arrows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QToolBar

from desktop.ui.text import plain

# Room left between the last tab and the label, so they never touch.
GAP = 12


class TabCornerLabel(QLabel):
    """Plain text in a tab widget's top-right corner that elides before the tabs would scroll.

    A tab widget gives its corner widget the width the widget asks for and the tab bar the
    rest, so a long title on a narrow window would push the tabs behind scroll arrows. The
    label asks only for the room the tabs leave; the whole text is then in its tooltip.
    """

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self._tabs = tabs
        self._full_text = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        tabs.setCornerWidget(self, Qt.Corner.TopRightCorner)
        tabs.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        """No width of its own: a plain label's minimum is its text, so a long title held
        the window at 1,150 px or more and widened it when a dock opened beside the tabs.
        The label is shortened to the room it gets instead (:meth:`_fit`)."""
        return QSize(0, super().minimumSizeHint().height())

    def full_text(self) -> str:
        """The text before any shortening."""
        return self._full_text

    def set_full_text(self, text: str) -> None:
        """Show ``text``, shortened with an ellipsis if the tabs leave too little room."""
        self._full_text = text
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self._tabs and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        margins = self.contentsMargins()
        room = (
            self._tabs.width()
            - self._tabs.tabBar().sizeHint().width()
            - margins.left()
            - margins.right()
            - GAP
        )
        metrics = self.fontMetrics()
        text = self._full_text
        if metrics.horizontalAdvance(text) > room:
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0, room))
        if text != self.text():
            self.setText(text)
        self.setToolTip(plain(self._full_text) if text != self._full_text else "")


class ToolbarFit(QObject):
    """Shows a toolbar's texts when they fit its width, and only its icons when they do not."""

    def __init__(self, toolbar: QToolBar) -> None:
        super().__init__(toolbar)
        self._toolbar = toolbar
        self._full_style = toolbar.toolButtonStyle()
        # Width the toolbar needs with its texts; measured whenever they are shown.
        self._full_width = toolbar.sizeHint().width()
        toolbar.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self._toolbar and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        toolbar = self._toolbar
        if toolbar.toolButtonStyle() == self._full_style:
            self._full_width = toolbar.sizeHint().width()
        fits = toolbar.width() >= self._full_width
        wanted = self._full_style if fits else Qt.ToolButtonStyle.ToolButtonIconOnly
        if toolbar.toolButtonStyle() != wanted:
            toolbar.setToolButtonStyle(wanted)
            # Lay the buttons out now, not on the next pass of the event loop, so the
            # widgets that the texts pushed into the overflow menu are back at once.
            layout = toolbar.layout()
            if layout is not None:
                layout.activate()
