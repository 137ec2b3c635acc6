"""Enter or a double-click on a link of the inspector's evidence list shows its source in
Editors → Sources, graded, with its bias note and the cells that cite it."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_enter_on_a_link_shows_its_source(qtbot, window):
    window.matrix_view.select_cell("seligdar", "sanctions")
    evidence = window.inspector.evidence
    links = window.controller.document.cell("seligdar", "sanctions").evidence
    assert len(links) > 2
    item = evidence.list.topLevelItem(2)
    assert "Editors → Sources" in item.toolTip(0)
    evidence.list.setCurrentItem(item)
    evidence.list.setFocus()
    qtbot.keyClick(evidence.list, Qt.Key.Key_Return)
    editors = window.editors_panel
    assert window.tabs.currentWidget() is editors
    assert editors.currentWidget() is editors.sources
    assert editors.sources.current_id() == links[2].source
    # The link is still there: Enter showed the source, it removed nothing.
    assert window.controller.document.cell("seligdar", "sanctions").evidence == links


def test_a_double_click_shows_the_source_of_the_link_clicked(qtbot, window):
    window.matrix_view.select_cell("seligdar", "sanctions")
    evidence = window.inspector.evidence
    links = window.controller.document.cell("seligdar", "sanctions").evidence
    item = evidence.list.topLevelItem(len(links) - 1)
    rect = evidence.list.visualItemRect(item)
    # As a mouse gives it: a press and release, then the double-click.
    qtbot.mouseClick(evidence.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(evidence.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editors = window.editors_panel
    assert window.tabs.currentWidget() is editors
    assert editors.sources.current_id() == links[-1].source
