"""The Screening tab's side pane says what it is for until a line is chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from desktop_documents import make_document
from PySide6.QtWidgets import QTreeWidgetItemIterator

from desktop.document.controller import DocumentController
from desktop.screening.panel import ScreeningPanel


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("RRISK_DATA_DIR", str(folder))
    return folder


def test_the_side_pane_shows_a_hint_until_a_line_is_selected(qtbot) -> None:
    document = make_document()
    document.projects[0] = document.projects[0].model_copy(
        update={"counterparties": ["Nickel Mining Ltd"]}
    )
    panel = ScreeningPanel(DocumentController(document))
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.show()
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() > 0, timeout=15000)
    assert panel.tree.currentItem() is None
    assert panel.detail_hint.isVisible()
    assert "Select a line" in panel.detail_hint.text()
    item = QTreeWidgetItemIterator(panel.tree).value()
    panel.tree.setCurrentItem(item)
    assert panel.detail.text()
    assert not panel.detail_hint.isVisible()
    panel.tree.setCurrentItem(None)
    assert panel.detail_hint.isVisible()
    panel.close()  # hidden before the test lets go of it: nothing of it is painted after


def test_tab_goes_from_the_list_to_the_details_of_its_line_then_the_buttons(qtbot) -> None:
    """The details (a hit's entry, programmes, sources, note) were out of reach of the
    keyboard, and so of a screen reader: Tab went from the list to the buttons."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QApplication

    document = make_document()
    document.projects[0] = document.projects[0].model_copy(update={"counterparties": ["Rosneft"]})
    panel = ScreeningPanel(DocumentController(document))
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.show()
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() > 0, timeout=15000)
    assert panel.detail.focusPolicy() == Qt.FocusPolicy.NoFocus  # nothing to read yet
    iterator = QTreeWidgetItemIterator(panel.tree)
    while iterator.value() is not None and iterator.value().text(1) == "":
        iterator += 1  # to the first line with a score: a hit
    hit = iterator.value()
    assert hit is not None
    panel.tree.setCurrentItem(hit)
    panel.activateWindow()
    panel.tree.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.tree)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.detail
    said = QAccessible.queryAccessibleInterface(panel.detail).text(QAccessible.Text.Name)
    assert "Rosneft" in said and "Entry" in said
    qtbot.keyClick(panel.detail, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.confirm_button
    panel.close()
