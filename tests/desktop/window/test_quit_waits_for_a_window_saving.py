"""Quit reaching a window whose file is being written (a quit from a menu the platform draws,
which the save's wait for keys and clicks does not hold): that window closes once its file
is written, and the quit then goes on with the other windows. It ended at that window, and
the others stayed open unasked."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from desktop.files import jobs
from rrisk.fileformat import load


def _held_save(monkeypatch, path) -> tuple[threading.Event, threading.Event]:  # noqa: ANN001
    """The save of ``path`` held once its writing has begun: (writing, go on)."""
    writing, go_on = threading.Event(), threading.Event()
    write = jobs.fileformat.save

    def held_save(document, target, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if target == path:
            writing.set()
            go_on.wait(10)
        return write(document, target, *args, **kwargs)

    monkeypatch.setattr(jobs.fileformat, "save", held_save)
    return writing, go_on


def _quit_while_saving(window, writing, go_on) -> list[bool]:  # noqa: ANN001
    """Quit from ``window`` once its file's writing has begun, then let the writing go on;
    whether the window was still open right after the quit was asked."""
    seen: list[bool] = []

    def check() -> None:
        if not writing.is_set():
            QTimer.singleShot(10, check)
            return
        try:
            window.quit_all()
            seen.append(window.isVisible())
        finally:
            go_on.set()

    QTimer.singleShot(0, check)
    return seen


def test_quit_during_a_save_closes_that_window_once_saved_then_the_others(
    open_window, template_path, document_path, qtbot, monkeypatch
):
    saving = open_window(template_path)
    other = open_window(document_path)
    for window in (saving, other):
        window.show()
        window.controller.edit_assessment({"title": "Draft for IC"})
    asked: list[str] = []

    def discard(_parent, _title, text, *_args):  # noqa: ANN001, ANN002, ANN202
        asked.append(text)
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "warning", discard)
    writing, go_on = _held_save(monkeypatch, template_path)
    seen = _quit_while_saving(saving, writing, go_on)
    assert saving.files.save()
    assert seen == [True]  # not closed while its file was written
    qtbot.waitUntil(lambda: not saving.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: not other.isVisible(), timeout=10_000)
    assert load(template_path).title == "Draft for IC"
    assert len(asked) == 1 and document_path.name in asked[0]  # the other's changes asked


def test_a_window_kept_open_after_its_save_ends_the_quit_there(
    open_window, template_path, document_path, qtbot, monkeypatch
):
    """An edit made during the save is asked about once the file is written: Cancel keeps that
    window open, and the quit goes no further."""
    saving = open_window(template_path)
    other = open_window(document_path)
    for window in (saving, other):
        window.show()
        window.controller.edit_assessment({"title": "Draft for IC"})
    asked: list[str] = []

    def cancel(_parent, _title, text, *_args):  # noqa: ANN001, ANN002, ANN202
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", cancel)
    writing, go_on = _held_save(monkeypatch, template_path)
    seen: list[bool] = []

    def check() -> None:
        if not writing.is_set():
            QTimer.singleShot(10, check)
            return
        try:
            saving.quit_all()
            saving.controller.edit_assessment({"title": "Edited during the save"})
            seen.append(saving.isVisible())
        finally:
            go_on.set()

    QTimer.singleShot(0, check)
    assert saving.files.save()
    assert seen == [True]
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=10_000)
    assert template_path.name in asked[0]
    assert saving.isVisible() and other.isVisible()
    assert saving.after_close_once_saved(lambda _closes: None) is False  # nothing left waiting
