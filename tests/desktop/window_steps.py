"""Steps a test takes through the main window's menus (shared by the files tests)."""

from __future__ import annotations

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
