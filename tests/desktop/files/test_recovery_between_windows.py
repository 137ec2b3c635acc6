"""Every window's start page lists the autosaved copies on disk now: a copy recovered or
discarded in one window leaves the other windows' lists, and a Discard or Recover of a copy
gone meanwhile (another RRisk) says so, deleting nothing and raising nothing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from window_steps import crashed_copy


def listed(window) -> list[str]:  # noqa: ANN001
    shown = window.start_screen.recovery_list
    return [shown.item(row).text() for row in range(shown.count())]


@pytest.fixture
def said(monkeypatch) -> list[str]:
    """The texts of the information boxes shown from now on (none is left open)."""
    texts: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _parent, _title, text, *a, **k: texts.append(text)
    )
    return texts


def test_a_copy_discarded_in_one_window_leaves_the_others_list(
    open_window, template_path, qtbot, said
):
    copy = crashed_copy(open_window, template_path, qtbot)
    first, second = open_window(), open_window()
    assert len(listed(first)) == 1 and len(listed(second)) == 1
    first.start_screen.discard_recovery_button.click()
    assert not copy.exists()
    assert listed(first) == [] and listed(second) == []
    assert not second.start_screen.recovery_card.isVisibleTo(second)
    assert said == []


def test_a_copy_recovered_in_one_window_leaves_the_others_list(
    open_window, template_path, qtbot, said
):
    crashed_copy(open_window, template_path, qtbot)
    first, second = open_window(), open_window()
    first.show()
    second.show()
    first.start_screen.recover_button.click()
    qtbot.waitUntil(lambda: first.files.is_open, timeout=60_000)
    assert first.controller.document.title == "Never saved"
    assert listed(second) == []


def test_a_damaged_copy_discarded_in_one_window_leaves_the_others_list(
    open_window, template_path, qtbot, said
):
    copy = crashed_copy(open_window, template_path, qtbot)
    copy.write_bytes(copy.read_bytes()[:200])  # cut short
    first, second = open_window(), open_window()
    assert "damaged" in " ".join(listed(second))
    first.start_screen.discard_recovery_button.click()
    assert not copy.exists()
    assert listed(second) == []


@pytest.mark.parametrize("damaged", [False, True])
def test_discarding_a_copy_gone_meanwhile_says_so(open_window, template_path, qtbot, said, damaged):
    """Gone without a word to this window (another RRisk discarded it): Discard said nothing
    and seemed to have done it."""
    copy = crashed_copy(open_window, template_path, qtbot)
    if damaged:
        copy.write_bytes(copy.read_bytes()[:200])
    window = open_window()
    assert len(listed(window)) == 1
    copy.unlink()
    window.start_screen.discard_recovery_button.click()
    assert len(said) == 1
    assert "is no longer there" in said[0] and template_path.name in said[0]
    assert "Nothing was discarded" in said[0]
    assert listed(window) == []


def test_the_start_page_lists_again_when_its_window_is_activated(
    open_window, template_path, qtbot, said
):
    """A copy discarded by another RRisk leaves the list once the window is come back to."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    copy = crashed_copy(open_window, template_path, qtbot)
    window = open_window()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=10_000)
    assert len(listed(window)) == 1
    copy.unlink()
    QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))
    assert listed(window) == []
    assert said == []


def test_a_copy_that_cannot_be_deleted_is_said_not_discarded(
    open_window, template_path, qtbot, monkeypatch
):
    """Discard of a copy the system will not delete (a folder made read-only, a file another
    program holds open on Windows) left it listed without a word, as if the click were lost."""
    from pathlib import Path

    copy = crashed_copy(open_window, template_path, qtbot)
    window = open_window()
    assert len(listed(window)) == 1
    unlink = Path.unlink

    def refused(path: Path, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        if path == copy:
            raise PermissionError(13, "Permission denied", str(path))
        unlink(path, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", refused)
    warned: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *a, **k: warned.append(text)
    )
    window.start_screen.discard_recovery_button.click()
    assert copy.exists() and len(listed(window)) == 1  # still there, still offered
    assert len(warned) == 1
    assert "could not be discarded" in warned[0] and "Permission denied" in warned[0]
    assert str(copy.parent) in warned[0] and template_path.name in warned[0]
