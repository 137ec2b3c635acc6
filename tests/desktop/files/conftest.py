"""Fixtures of the files tests."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMessageBox

from rrisk import fileformat

WAIT_MS = 60_000
"""How long a fixture waits for a read to end (a loaded machine is slow; no time is asserted)."""


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the error boxes shown (``QMessageBox.critical``), answered at once."""
    messages: list[str] = []

    def critical(_parent, _title, text, *_args, **_kwargs):  # noqa: ANN001, ANN002, ANN003
        messages.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(critical))
    return messages


@pytest.fixture
def held_decoding(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """A read in a worker thread (a large file opened, a large copy's title) waits once its
    file is unzipped, in its decoding, until the test lets it go (``.set()``; ``.started`` is
    set once it waits). ``.answers`` are what the reader's stop points were told, in order
    (True: stop); ``.checked`` holds the documents validated after decoding. Reads in the GUI
    thread (a small file, opened at once) are neither held nor counted. Let go at the end in
    any case."""
    started, release = threading.Event(), threading.Event()
    answers: list[bool] = []
    checked: list[object] = []
    decode, stop_point, parse = (
        fileformat.decode_document_json,
        fileformat.stop_point,
        fileformat.parse_assessment,
    )

    def decoding(raw, path=None, fast=True):  # noqa: ANN001, ANN202
        if threading.current_thread() is not threading.main_thread():
            started.set()
            release.wait(WAIT_MS / 1000)
        return decode(raw, path, fast)

    def consulted(should_stop):  # noqa: ANN001, ANN202
        if threading.current_thread() is not threading.main_thread():
            answers.append(should_stop is not None and should_stop())
        stop_point(should_stop)

    def checking(body):  # noqa: ANN001, ANN202
        if threading.current_thread() is not threading.main_thread():
            checked.append(body)
        return parse(body)

    monkeypatch.setattr(fileformat, "decode_document_json", decoding)
    monkeypatch.setattr(fileformat, "stop_point", consulted)
    monkeypatch.setattr(fileformat, "parse_assessment", checking)
    release.started = started  # type: ignore[attr-defined]
    release.answers = answers  # type: ignore[attr-defined]
    release.checked = checked  # type: ignore[attr-defined]
    yield release
    release.set()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
