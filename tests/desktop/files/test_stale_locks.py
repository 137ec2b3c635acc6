"""A lock left by a crash: one whose process id another program has since taken is left over
too (the lock says when its process started); an old lock from another machine says it may
be a crash's leftover."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rrisk.locks import FileLock, lock_path, process_start, someone_else_has_open


@pytest.fixture
def other_program():
    """A live process of this machine that is not RRisk (its id is what a crashed window's
    lock may name after a reboot)."""
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield other
    other.kill()
    other.wait()


def _plant(path: Path, **fields: object) -> dict:
    lock = {"user": "me", "host": socket.gethostname(), "time": time.time() - 60, **fields}
    lock_path(path).write_text(json.dumps(lock), encoding="utf-8")
    return lock


def test_a_crashed_windows_lock_whose_process_id_another_program_took_is_taken_over(
    open_window, template_path, other_program
):
    _plant(template_path, pid=other_program.pid, started="an earlier process's start")
    assert someone_else_has_open(template_path) is None  # Save As onto it asks nothing
    window = open_window(template_path)
    assert not window.lock_banner.isVisibleTo(window)
    assert window.files.lock.held == lock_path(template_path)
    taken = json.loads(lock_path(template_path).read_text(encoding="utf-8"))
    assert taken["pid"] == os.getpid() and taken["started"] == process_start(os.getpid())


def test_a_lock_of_a_process_still_running_here_still_warns(
    open_window, template_path, other_program
):
    lock = _plant(template_path, pid=other_program.pid, started=process_start(other_program.pid))
    window = open_window(template_path)
    assert window.lock_banner.isVisibleTo(window)
    assert f"me on {socket.gethostname()}" in window.lock_banner.text()
    assert json.loads(lock_path(template_path).read_text(encoding="utf-8")) == lock


def test_an_older_lock_without_its_process_start_is_judged_by_its_process_id(
    template_path, other_program
):
    _plant(template_path, pid=other_program.pid)
    lock = FileLock()
    warning = lock.acquire(template_path)
    assert warning is not None and "me on" in warning
    assert lock.held is None
    other_program.kill()
    other_program.wait()
    assert lock.acquire(template_path) is None  # its process gone: taken over
    assert lock.held == lock_path(template_path)
    lock.release()
    assert not lock_path(template_path).exists()


def test_a_lock_records_when_its_process_started(tmp_path):
    target = tmp_path / "case.rrisk"
    target.write_bytes(b"")
    lock = FileLock()
    assert lock.acquire(target) is None
    written = json.loads(lock_path(target).read_text(encoding="utf-8"))
    assert written["started"] == process_start(os.getpid())
    lock.release()


@pytest.mark.parametrize("days", [0, 2])
def test_an_old_lock_from_another_machine_says_it_may_be_left_by_a_crash(tmp_path, days):
    target = tmp_path / "case.rrisk"
    target.write_bytes(b"")
    theirs = {"user": "ivanova", "host": "pc-ivanova", "pid": 7, "time": time.time()}
    theirs["time"] -= days * 86_400 + 60
    text = json.dumps(theirs)
    lock_path(target).write_text(text, encoding="utf-8")
    warning = someone_else_has_open(target)
    assert warning is not None and "ivanova on pc-ivanova has had case.rrisk open" in warning
    assert ("may be left over from a crash" in warning) == (days > 0)
    # Never removed here, it would warn at every open: the way to end it is named.
    ending = "if it is no longer open on pc-ivanova, deleting the lock file .~lock.case.rrisk#"
    assert (ending in warning) == (days > 0)
    assert FileLock().acquire(target) is not None
    assert lock_path(target).read_text(encoding="utf-8") == text  # never removed


def test_a_live_window_here_open_for_days_is_not_called_a_crash(tmp_path) -> None:
    """Only another machine's old lock may be a crash's: one of this machine's whose
    process runs is a window still open, however long ago it was opened."""
    import socket

    target = tmp_path / "case.rrisk"
    target.write_bytes(b"")
    ours = {"user": "analyst", "host": socket.gethostname(), "pid": os.getppid()}
    ours["time"] = time.time() - 3 * 86_400
    lock_path(target).write_text(json.dumps(ours), encoding="utf-8")
    warning = someone_else_has_open(target)
    assert warning is not None and "analyst on" in warning
    assert "left over from a crash" not in warning


def test_a_lock_of_this_users_other_copy_of_rrisk_here_says_it_is_theirs(tmp_path) -> None:
    """A copy started apart, or a hung one the file was opened beside: the user's own name
    and computer read as a colleague's ("me on this-pc has had case.rrisk open")."""
    import getpass

    target = tmp_path / "case.rrisk"
    target.write_bytes(b"")
    mine = {"user": getpass.getuser(), "host": socket.gethostname(), "pid": os.getppid()}
    mine["time"] = time.time() - 60
    lock_path(target).write_text(json.dumps(mine), encoding="utf-8")
    warning = someone_else_has_open(target)
    assert warning is not None
    assert warning.startswith("you have case.rrisk open in another copy of RRisk on this computer")
    assert f"{getpass.getuser()} on" not in warning


@pytest.mark.parametrize("content", [b"\x00\xff garbage", b"[1, 2]", b"x" * 5000])
def test_a_lock_that_cannot_be_read_names_the_lock_file_to_delete(tmp_path, content):
    """Such a lock warned at every open with no way out named."""
    target = tmp_path / "case.rrisk"
    target.write_bytes(b"")
    lock_path(target).write_bytes(content)
    warning = someone_else_has_open(target)
    assert warning is not None and "someone may have case.rrisk open" in warning
    assert "If no one has it open, deleting the lock file .~lock.case.rrisk# beside it" in warning
    assert FileLock().acquire(target) == warning
    assert lock_path(target).read_bytes() == content  # never removed
