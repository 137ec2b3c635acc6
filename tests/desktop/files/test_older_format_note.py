"""A file of an older format version opens (migrated), and the window says that saving it
writes the current version, which the release that wrote it may not open."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool

from desktop.files import opening
from rrisk import fileformat


def _version_1_file(path: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), fileformat.MIMETYPE)
        body = {"title": "Shared by a colleague", "summary": "Written long ago."}
        archive.writestr(
            "document.json",
            json.dumps({"format_version": 1, "app_version": "0.0.9", "document": body}),
        )
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize("in_background", [False, True])
def test_opening_an_older_version_says_saving_writes_the_current_one(
    open_window, qtbot, tmp_path, monkeypatch, in_background
):
    if in_background:
        monkeypatch.setattr(opening, "BACKGROUND_FROM_BYTES", 0)
    path = _version_1_file(tmp_path / "colleague's.rrisk")
    window = open_window()
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    assert window.files.open_path(path, ask=False)
    qtbot.waitUntil(lambda: window.controller.path is not None, timeout=60_000)
    QThreadPool.globalInstance().waitForDone(60_000)
    assert window.controller.document.title == "Shared by a colleague"
    assert (
        "colleague's.rrisk is in format version 1, written by RRisk 0.0.9; saving it writes "
        f"version {fileformat.FORMAT_VERSION}, which older releases of RRisk cannot open"
    ) in said


def test_opening_a_file_of_the_current_version_says_nothing_of_versions(
    open_window, qtbot, tmp_path
):
    path = tmp_path / "current.rrisk"
    fileformat.save(fileformat.load(_version_1_file(tmp_path / "old.rrisk")), path)
    window = open_window()
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    assert window.files.open_path(path, ask=False)
    assert not any("format version" in message for message in said)
