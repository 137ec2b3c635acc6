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
