"""Whether a process of this machine still runs, asked by a lock and by a leftover temporary
file: one helper, each caller saying what an id that cannot be judged means to it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rrisk.fileformat import load, save
from rrisk.locks import lock_path, pid_alive, someone_else_has_open
from rrisk.tempfiles import HOST, process_alive, remove_stale_temps
from rrisk.templates import new_from_template

UNJUDGED = [0, -4, None, "123", 1.5, True, 2**31, 9_999_999_999, 2**70]
"""Ids no process can have: not whole numbers above 0, or past what the system takes."""


@pytest.fixture
def gone_pid() -> int:
    """The id of a process of this machine that has ended."""
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    return ended.pid


@pytest.mark.parametrize("pid", UNJUDGED)
def test_an_id_that_cannot_be_judged_is_the_callers_answer(pid: object) -> None:
    assert process_alive(pid, unjudged=True) is True
    assert process_alive(pid, unjudged=False) is False
    assert pid_alive(pid) is False  # a lock's: a process gone


def test_a_live_process_is_alive_and_an_ended_one_is_not(gone_pid: int) -> None:
    for unjudged in (True, False):
        assert process_alive(os.getpid(), unjudged) is True
        assert process_alive(os.getppid(), unjudged) is True
        assert process_alive(gone_pid, unjudged) is False
    assert pid_alive(os.getpid()) and not pid_alive(gone_pid)


def test_a_process_the_system_will_not_signal_exists(monkeypatch: pytest.MonkeyPatch) -> None:
    # Another user's process: signal 0 is refused (EPERM), yet the process exists.
    def refused(pid: int, signal: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "kill", refused)
    assert process_alive(4321, unjudged=False) is True
    assert pid_alive(4321) is True


def _leftover(folder: Path, pid: object) -> Path:
    path = folder / f".case.rrisk.{HOST}-{pid}.abcdef.tmp"
    path.write_bytes(b"half a save")
    return path


def test_a_leftover_of_an_id_past_the_systems_is_kept_and_the_file_opens(
    tmp_path: Path, gone_pid: int
) -> None:
    """A leftover naming an id too large for the system (its name was edited, or came from
    elsewhere) stopped the open and the save of its document with an OverflowError; it is
    kept, as any leftover whose writer cannot be judged is, and one of a process gone goes."""
    document = tmp_path / "case.rrisk"
    save(new_from_template("russia-rare-earths"), document)
    kept = _leftover(tmp_path, 9_999_999_999)
    live = _leftover(tmp_path, os.getppid())
    gone = _leftover(tmp_path, gone_pid)
    assert load(document).title
    assert kept.exists() and live.exists() and not gone.exists()
    save(new_from_template("russia-rare-earths"), document)
    assert remove_stale_temps(document) == 0
    assert kept.exists() and live.exists()


def test_a_lock_of_an_id_that_cannot_be_judged_is_taken_over(tmp_path: Path) -> None:
    document = tmp_path / "case.rrisk"
    save(new_from_template("russia-rare-earths"), document)
    for pid in (9_999_999_999, -1, "12"):
        lock = {"user": "me", "host": socket.gethostname(), "time": time.time(), "pid": pid}
        lock_path(document).write_text(json.dumps(lock), encoding="utf-8")
        assert someone_else_has_open(document) is None, pid
    # A live process's lock still warns.
    lock["pid"] = os.getppid()
    lock_path(document).write_text(json.dumps(lock), encoding="utf-8")
    assert someone_else_has_open(document)
