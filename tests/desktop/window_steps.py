"""Steps a test takes through the main window's menus, and a crash it stages (shared by the
files tests)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QFileDialog


def import_through_menu(window, monkeypatch: pytest.MonkeyPatch, path: str | Path) -> None:  # noqa: ANN001 - a MainWindow
    """Import ``path`` through File → Import Matrix and wait: the table is read off the GUI
    thread."""
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    loop = QEventLoop()
    window.exchange.importEnded.connect(loop.quit)
    window.findChild(type(window.menu_actions.save), "actionImportMatrix").trigger()
    if window.exchange.job is not None:
        QTimer.singleShot(30_000, loop.quit)
        loop.exec()
    window.exchange.importEnded.disconnect(loop.quit)
    assert window.exchange.job is None


def crashed_copy(open_window, path: Path, qtbot) -> Path:  # noqa: ANN001
    """An autosaved copy of ``path`` with unsaved changes (title "Never saved"), left as a
    crash leaves it: no window of this process holds the file."""
    crashed = open_window(path)
    qtbot.waitUntil(lambda: crashed.files.is_open, timeout=60_000)
    crashed.controller.edit_assessment({"title": "Never saved"})
    assert crashed.files.autosave()
    crashed.hide()
    autosaver = crashed.files.autosaver
    os.close(autosaver._owner)  # as the system does when a process dies: its lock goes
    autosaver._owner = None
    crashed.files.lock.release()
    return autosaver.file
