"""The editors' tables keep room for a few rows in a small window."""

from __future__ import annotations

import pytest
from desktop_documents import make_document


@pytest.mark.parametrize("editor_name", ["sources", "projects", "criteria"])
def test_a_small_window_shows_four_rows_of_each_editor_table(
    open_window, tmp_path, qtbot, editor_name
):
    from PySide6.QtWidgets import QApplication

    from rrisk.fileformat import save

    path = tmp_path / "case.rrisk"
    save(make_document(4, 5), path)
    window = open_window(path)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    editors = window.lazy_tabs.panel("editors")
    window.tabs.setCurrentWidget(editors)
    editor = getattr(editors, editor_name)
    editors.setCurrentWidget(editor)
    qtbot.waitUntil(lambda: editor._fitted)
    for _ in range(3):
        QApplication.processEvents()  # the list is fitted to its rows once laid out
    window.resize(960, 640)  # made smaller after the first showing
    qtbot.waitUntil(lambda: window.height() == 640)
    table = editor.table
    rows = min(4, editor.model.rowCount())  # the list's rows, up to four
    assert rows >= 2
    row_height = table.verticalHeader().defaultSectionSize()
    QApplication.processEvents()
    assert table.viewport().height() >= rows * row_height, editor._splitter.sizes()
