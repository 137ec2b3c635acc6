"""rrisk review and rrisk import --into write into a .rrisk file: not while RRisk has it open
(the app's next save would replace what they wrote, without a word), unless --force."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rrisk.fileformat import save
from rrisk.locks import FileLock, lock_path
from rrisk.templates import new_from_template


def rrisk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rrisk", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.fixture
def case(tmp_path: Path) -> Path:
    document = new_from_template("russia-rare-earths")
    document.criterion("sanctions").weight = 0.2  # the summary is stale now
    path = tmp_path / "case.rrisk"
    save(document, path)
    return path


@pytest.fixture
def open_in_app(case: Path):
    """``case`` open in RRisk: its lock written as a window writes it (by this process, not
    the command's)."""
    lock = FileLock()
    assert lock.acquire(case) is None
    yield lock
    lock.release()


def test_review_refuses_a_file_open_in_rrisk_and_force_writes_it(case, open_in_app):
    before, held = case.read_bytes(), lock_path(case).read_bytes()
    refused = rrisk("review", str(case), "--all")
    assert refused.returncode == 1, refused.stderr
    (line,) = refused.stderr.strip().splitlines()
    assert line.startswith(f"rrisk: {case}: is open in RRisk, so nothing was written: ")
    # The command is no copy of RRisk itself: not "in another copy of RRisk ... too".
    assert ": you have case.rrisk open in RRisk on this computer (since " in line
    assert line.endswith(
        ". This command would overwrite changes not yet saved there, or be overwritten by the "
        "next save there. Close it there first, or give --force to write anyway"
    )
    assert "If you save in both" not in line  # (the app's words, for two windows)
    assert case.read_bytes() == before

    forced = rrisk("review", str(case), "--all", "--force")
    assert forced.returncode == 0, forced.stderr
    assert f"rrisk: note: {case}: written while open in RRisk (--force)" in forced.stderr
    assert case.read_bytes() != before
    assert lock_path(case).read_bytes() == held  # the window's lock is left as it was


def test_import_into_a_file_open_in_rrisk_is_refused_unless_forced(case, open_in_app, tmp_path):
    table = tmp_path / "matrix.csv"
    assert rrisk("export", str(case), "-o", str(table)).returncode == 0
    before = case.read_bytes()
    refused = rrisk("import", str(table), "--into", str(case), "-o", str(case))
    assert refused.returncode == 1, refused.stderr
    assert f"{case}: is open in RRisk, so nothing was written" in refused.stderr
    assert case.read_bytes() == before
    forced = rrisk("import", str(table), "--into", str(case), "-o", str(case), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "written while open in RRisk (--force)" in forced.stderr


def test_a_lock_left_by_a_window_that_is_gone_does_not_stop_review(case):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    lock = {"user": "me", "host": socket.gethostname(), "pid": gone.pid, "time": time.time()}
    lock_path(case).write_text(json.dumps(lock), encoding="utf-8")
    reviewed = rrisk("review", str(case), "--all")
    assert reviewed.returncode == 0, reviewed.stderr
    assert "open in RRisk" not in reviewed.stderr


def test_a_colleagues_lock_is_said_in_a_commands_words(case):
    """Who has it open and where, what writing would do, and --force: the line reused the
    app's "If you both save, one of you will overwrite the other's changes", which speaks to
    two people saving, not to a command about to write."""
    lock = {"user": "amira", "host": "LAPTOP-7", "pid": 4242, "time": time.time() - 3600}
    lock_path(case).write_text(json.dumps(lock), encoding="utf-8")
    refused = rrisk("review", str(case), "--all")
    assert refused.returncode == 1, refused.stderr
    (line,) = refused.stderr.strip().splitlines()
    since = time.strftime("%Y-%m-%d %H:%M", time.localtime(lock["time"]))
    assert line == (
        f"rrisk: {case}: is open in RRisk, so nothing was written: amira on LAPTOP-7 has had "
        f"case.rrisk open since {since}. This command would overwrite changes not yet saved "
        "there, or be overwritten by the next save there. Close it there first, or give "
        "--force to write anyway"
    )
    forced = rrisk("review", str(case), "--all", "--force")
    assert forced.returncode == 0, forced.stderr
    assert forced.stderr == (
        f"rrisk: note: {case}: written while open in RRisk (--force): amira on LAPTOP-7 has "
        f"had case.rrisk open since {since}\n"
    )


def test_a_lock_that_cannot_be_read_says_how_to_end_it_after_force(case):
    lock_path(case).write_text("{", encoding="utf-8")
    refused = rrisk("review", str(case), "--all")
    assert refused.returncode == 1, refused.stderr
    assert refused.stderr == (
        f"rrisk: {case}: is open in RRisk, so nothing was written: someone may have case.rrisk "
        "open (its lock file .~lock.case.rrisk# cannot be read). This command would overwrite "
        "changes not yet saved there, or be overwritten by the next save there. Close it there "
        "first, or give --force to write anyway. If no one has it open, deleting the lock file "
        ".~lock.case.rrisk# beside it ends this warning.\n"
    )
