"""Save on a file that may only be read offers to save a copy under another name: the Save As
dialog then suggests a name of its own beside it ("case (2).rrisk"), not the file that cannot
be replaced (accepting that suggestion only said again that it was read-only)."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from rrisk.fileformat import load


@pytest.mark.parametrize("why", ["marked read-only", "a colleague's"])
def test_the_copy_offered_for_a_read_only_file_gets_a_name_of_its_own(
    open_window, template_path, monkeypatch, shown, why
):
    window = open_window(template_path)
    window.controller.edit_assessment({"title": "Mine"})
    mode = template_path.stat().st_mode
    if why == "marked read-only":
        template_path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    else:  # owner-writable, but not by this user
        real = os.access
        monkeypatch.setattr(
            os,
            "access",
            lambda p, m, **k: False if str(p) == str(template_path) else real(p, m, **k),
        )
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Save),
    )
    suggested: list[str] = []

    def accept_suggestion(_parent, _title, suggestion, *_args):  # noqa: ANN001, ANN002, ANN202
        suggested.append(suggestion)
        return suggestion, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(accept_suggestion))
    try:
        assert window.files.save()
    finally:
        template_path.chmod(mode)
    copy = template_path.with_name("rare-earths (2).rrisk")
    assert asked and "read-only" in asked[0]
    assert suggested == [str(copy)]
    assert not shown
    assert load(copy).title == "Mine" and load(template_path).title != "Mine"
    assert window.controller.path == copy and not window.isWindowModified()
