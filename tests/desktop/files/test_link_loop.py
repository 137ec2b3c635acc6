"""A file that is a link leading to itself is refused with a message, as the command line
refuses it; opening it raised Path.resolve's RuntimeError, a crash of the window."""

from __future__ import annotations

import pytest

from desktop.settings import Settings


@pytest.fixture
def loop(tmp_path):
    link = tmp_path / "loop.rrisk"
    link.symlink_to(link)
    return link


def test_opening_a_link_that_leads_to_itself_says_why(open_window, document_path, loop, shown):
    window = open_window(document_path)
    assert window.files.open_path(str(loop)) is False
    assert shown and "loop.rrisk: cannot be read" in shown[-1]
    # The window goes on with its own document.
    assert window.controller.path == document_path


def test_a_link_that_leads_to_itself_can_be_a_recent_file(loop, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    settings = Settings()
    settings.add_recent_file(loop)
    assert str(loop) in settings.recent_files()
