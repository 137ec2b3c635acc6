"""The Analysis, Editors and Screening tabs are made when first needed, in place of a placeholder."""

from __future__ import annotations


def test_hidden_tabs_are_built_on_first_use(open_window, template_path, qtbot) -> None:
    window = open_window(template_path)
    lazy = window.lazy_tabs
    assert not any(lazy.built(name) for name in ("analysis", "editors", "screening"))
    labels = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert labels == ["&Matrix && results", "&Analysis", "E&ditors", "&Screening"]
    # Showing the tab makes the panel, at the same place and with the same label.
    window.tabs.setCurrentIndex(2)
    assert lazy.built("editors")
    assert window.tabs.widget(2) is window.editors_panel
    assert window.tabs.currentWidget() is window.editors_panel
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == labels
    # Asking for a panel makes it too, and it shows the open document at once.
    panel = window.screening_panel
    assert lazy.built("screening") and window.tabs.widget(3) is panel
    assert window.tabs.currentIndex() == 2  # asking does not switch tabs
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == len(window.controller.document.projects), timeout=15000)  # fmt: skip
    editors = window.editors_panel
    assert editors.projects.model.rowCount() == len(window.controller.document.projects)
