"""Fixtures for the desktop tests: small documents built in code, isolated settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from desktop_documents import make_document

from rrisk.model import Assessment


@pytest.fixture
def small_document() -> Assessment:
    return make_document()


@pytest.fixture
def document_path(tmp_path: Path, small_document: Assessment) -> Path:
    from rrisk.fileformat import save

    path = tmp_path / "case.rrisk"
    save(small_document, path)
    return path


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path):
    """Every desktop test stores its settings in its own INI file, never the user's."""
    from desktop.settings import use_settings_file

    use_settings_file(tmp_path / "settings" / "rrisk.ini")
    yield tmp_path / "settings" / "rrisk.ini"
    use_settings_file(None)


TEMPLATE_ID = "russia-rare-earths"


@pytest.fixture
def template_path(tmp_path: Path) -> Path:
    """The bundled Russian rare-earth case saved as a .rrisk file."""
    from rrisk.fileformat import save
    from rrisk.templates import new_from_template

    path = tmp_path / "rare-earths.rrisk"
    save(new_from_template(TEMPLATE_ID), path)
    return path


@pytest.fixture
def open_window(qtbot):
    """Factory: ``open_window(path=None)`` builds the real main window; closed after the test."""
    from desktop.app import build_main_window

    def build(path: str | Path | None = None):
        window = build_main_window(str(path) if path is not None else None)
        # Closing must not prompt at teardown: the test has already checked what it wanted.
        qtbot.addWidget(window, before_close_func=lambda w: w.controller.undo_stack.setClean())
        return window

    return build
