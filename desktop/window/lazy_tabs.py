"""Workspace tabs built when first needed, so the window shows the matrix sooner.

Each lazy tab starts as an empty placeholder page; the real panel is made by its factory the
first time the tab is shown or the panel is asked for (:meth:`LazyTabs.panel`), and takes
the placeholder's place at the same index with the same label. Panels read everything from
the controller when they are made, so one built late shows the same as one built at start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QTabWidget, QWidget

from desktop.ui.mnemonics import make_unique
from desktop.ui.wheel import guard_wheel


class LazyTabs(QObject):
    """Placeholders in a tab widget, replaced by their panels on first use."""

    def __init__(
        self, tabs: QTabWidget, reserved: Callable[[], Iterable[str]] | None = None
    ) -> None:
        """``reserved``: the Alt letters the window shows beside every tab (menus, tabs, the
        inspector); a panel's own letters are made to avoid them when it is built."""
        super().__init__(tabs)
        self._tabs = tabs
        self._reserved = reserved
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._pages: dict[str, QWidget] = {}
        self._built: dict[str, QWidget] = {}
        tabs.currentChanged.connect(self._current_changed)

    @property
    def tabs(self) -> QTabWidget:
        return self._tabs

    def add(self, name: str, label: str, factory: Callable[[], QWidget]) -> None:
        placeholder = QWidget(self._tabs)
        placeholder.setObjectName(f"{name}Placeholder")
        self._factories[name] = factory
        self._pages[name] = placeholder
        self._tabs.addTab(placeholder, label)

    def built(self, name: str) -> bool:
        return name in self._built

    def page(self, name: str) -> QWidget:
        """What tab ``name`` holds now: its panel, or the placeholder until it is made."""
        return self._built.get(name) or self._pages[name]

    def panel(self, name: str) -> QWidget:
        """The panel of tab ``name``, made now if it was not yet."""
        if name in self._built:
            return self._built[name]
        tabs = self._tabs
        placeholder = self._pages[name]
        index = tabs.indexOf(placeholder)
        panel = self._factories[name]()
        guard_wheel(panel)  # its forms scroll under the wheel; their values stay
        if self._reserved is not None:
            make_unique(panel, self._reserved())  # each Alt letter leads to one place
        self._built[name] = panel
        current = tabs.currentIndex()
        label, tip = tabs.tabText(index), tabs.tabToolTip(index)
        blocked = tabs.blockSignals(True)  # the swap is not a change of tab
        try:
            tabs.removeTab(index)
            tabs.insertTab(index, panel, label)
            tabs.setTabToolTip(index, tip)
            tabs.setCurrentIndex(current)
        finally:
            tabs.blockSignals(blocked)
        placeholder.deleteLater()
        return panel

    def _current_changed(self, index: int) -> None:
        page = self._tabs.widget(index)
        for name, placeholder in self._pages.items():
            if page is placeholder and name not in self._built:
                self.panel(name)
                return
