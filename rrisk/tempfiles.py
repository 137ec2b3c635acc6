"""Temporary files of atomic saves: whose they are, and removing those nobody will finish.

An atomic save writes ``.NAME.HOST-PID.RANDOM.tmp`` beside ``NAME`` and renames it over the
target. A save killed mid-write (power cut, ``kill -9``) leaves that file behind, often as
large as the document. The next save or open of ``NAME`` removes such leftovers, but only
those that provably belong to no live writer:

- written on this machine (same host tag) by a process that no longer exists; the current
  process's own temporaries are never touched (an autosave may be writing in a worker);
- written elsewhere (another machine on a shared drive, whose processes we cannot see), or
  in the older name form without a writer, only when untouched for :data:`FOREIGN_AGE` seconds.

A process id reused by an unrelated live process keeps a leftover until that process ends:
the check errs towards keeping a file, never towards removing a live writer's.
"""

from __future__ import annotations

import os
import re
import socket
import time
from pathlib import Path

FOREIGN_AGE = 24 * 3600
"""A leftover whose writer cannot be checked is removed after a day without change."""


def _host_tag() -> str:
    try:
        name = socket.gethostname()
    except OSError:
        name = ""
    return (re.sub(r"[^A-Za-z0-9]", "", name)[:24] or "host").lower()


HOST = _host_tag()


def temp_prefix(target: Path, pid: int | None = None) -> str:
    """The prefix ``tempfile.mkstemp`` gets for a save of ``target`` by process ``pid``."""
    return f".{target.name}.{HOST}-{os.getpid() if pid is None else pid}."


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine (True when unsure)."""
    if pid <= 0:
        return True
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(kernel32.GetLastError() == 5)  # access denied: it exists
        code = ctypes.c_ulong()
        try:
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # e.g. another user's process: it exists
    return True


def remove_stale_temps(target: str | os.PathLike[str]) -> int:
    """Remove leftover temporaries of ``target`` that no live writer owns; how many went."""
    path = Path(os.path.realpath(target))
    name = re.escape(path.name)
    ours = re.compile(rf"\.{name}\.([a-z0-9]{{1,24}})-(\d{{1,10}})\.[A-Za-z0-9_]{{1,16}}\.tmp")
    older = re.compile(rf"\.{name}\.[A-Za-z0-9_]{{6,16}}\.tmp")
    removed = 0
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        if not entry.name.startswith(f".{path.name}.") or not entry.name.endswith(".tmp"):
            continue
        match = ours.fullmatch(entry.name)
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if match and match.group(1) == HOST:
                stale = not process_alive(int(match.group(2)))
            elif match or older.fullmatch(entry.name):
                stale = now - entry.stat(follow_symlinks=False).st_mtime > FOREIGN_AGE
            else:
                continue
            if stale:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue  # a read-only folder or a file gone meanwhile: leave it
    return removed
