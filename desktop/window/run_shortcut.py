"""Ctrl+R runs the uncertainty analysis from any tab of the window.

The Analysis tab's Run button holds Ctrl+R, but Qt ignores the shortcut of a widget that is
not on screen: from the matrix, Ctrl+R did nothing. This window shortcut is on while another
tab is showing (on together with the button's, Qt would find the key ambiguous and fire
neither): it brings the Analysis tab forward and runs, as the button would.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QWidget

if TYPE_CHECKING:
    from desktop.analysis.panel import AnalysisPanel


class RunFromAnyTab(QObject):
    """The window-wide Ctrl+R, on whenever the Analysis tab is not the one showing."""

    def __init__(
        self,
        window: QWidget,
        tabs: QTabWidget,
        panel: AnalysisPanel,
        stack: QStackedWidget,
        workspace: QWidget,
    ) -> None:
        super().__init__(window)
        self._tabs = tabs
        self._panel = panel
        self._stack = stack
        self._workspace = workspace
        self.shortcut = QShortcut(QKeySequence("Ctrl+R"), window)
        self.shortcut.setObjectName("runAnalysisAnywhereShortcut")
        self.shortcut.activated.connect(self._activated)
        tabs.currentChanged.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        self.shortcut.setEnabled(self._tabs.currentWidget() is not self._panel)

    def _activated(self) -> None:
        if self._stack.currentWidget() is not self._workspace:
            return  # the start page: no assessment to run
        self._tabs.setCurrentWidget(self._panel)
        self._panel.run_analysis()
