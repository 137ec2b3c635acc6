"""Ctrl+R runs the uncertainty analysis from any tab of the window.

The Analysis tab's Run button holds Ctrl+R, but Qt ignores the shortcut of a widget that is
not on screen: from the matrix, Ctrl+R did nothing. This window shortcut is on while another
tab is showing (on together with the button's, Qt would find the key ambiguous and fire
neither): it brings the Analysis tab forward (making its panel if it was not yet) and runs, as
the button would.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QStackedWidget, QWidget

from desktop.window.lazy_tabs import LazyTabs

if TYPE_CHECKING:
    from desktop.analysis.panel import AnalysisPanel

TAB = "analysis"


class RunFromAnyTab(QObject):
    """The window-wide Ctrl+R, on whenever the Analysis tab is not the one showing."""

    def __init__(
        self,
        window: QWidget,
        lazy_tabs: LazyTabs,
        stack: QStackedWidget,
        workspace: QWidget,
        focus_into: Callable[[QWidget], None] | None = None,
    ) -> None:
        super().__init__(window)
        self._focus_into = focus_into
        self._lazy = lazy_tabs
        self._tabs = tabs = lazy_tabs.tabs
        self._stack = stack
        self._workspace = workspace
        self.shortcut = QShortcut(QKeySequence("Ctrl+R"), window)
        self.shortcut.setObjectName("runAnalysisAnywhereShortcut")
        self.shortcut.activated.connect(self._activated)
        tabs.currentChanged.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        self.shortcut.setEnabled(self._tabs.currentWidget() is not self._lazy.page(TAB))

    def _activated(self) -> None:
        if self._stack.currentWidget() is not self._workspace:
            return  # the start page: no assessment to run
        panel = cast("AnalysisPanel", self._lazy.panel(TAB))
        self._tabs.setCurrentWidget(panel)
        panel.run_analysis()
        if self._focus_into is not None:
            # Into the tab with the keyboard, so that Esc there cancels the run: left in the
            # inspector beside every tab, Esc went back to the matrix and the run went on.
            self._focus_into(panel)
