"""Opening a file that has an autosave, with unsaved changes in the window: the unsaved
changes are asked about once, not again when the autosave is restored."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from test_recovery import _crash_with_an_edit


@pytest.mark.parametrize("restore", ["Restore changes", "Restore and compare"])
def test_the_unsaved_changes_are_asked_about_once(
    open_window, template_path, document_path, answer_boxes, monkeypatch, restore
):
    recovery_file = _crash_with_an_edit(open_window, template_path)
    window = open_window(document_path)
    assert window.controller.edit_cell("p0", "c1", {"likelihood": 5})
    asked: list[str] = []

    def discard(_parent, _title, text, *_args):  # noqa: ANN001, ANN002, ANN202
        asked.append(text)
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(discard))
    offers = answer_boxes(restore)
    assert window.files.open_path(template_path)
    assert len(offers) == 1 and "never saved" in offers[0]
    assert len(asked) == 1 and "case.rrisk before opening another file" in asked[0]
    assert window.controller.path == template_path
    assert window.controller.document.cell("tomtor", "sanctions").likelihood == 1
    assert window.isWindowModified()
    assert not recovery_file.exists()
