"""Atomic writes, and the temporary files they leave: whose they are, removing stale ones.

An atomic save writes ``.NAME.HOST-PID.RANDOM.tmp`` beside ``NAME`` and renames it over the
target (a name too long to repeat whole is cut and followed by its hash, :func:`name_part`). A save killed mid-write (power cut, ``kill -9``) leaves that file behind, often as
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

import contextlib
import os
import re
import socket
import stat
import tempfile
import time
from pathlib import Path

from rrisk.errors import FileFormatError

FOREIGN_AGE = 24 * 3600
"""A leftover whose writer cannot be checked is removed after a day without change."""


def _host_tag(name: str | None = None) -> str:
    """This machine (or host ``name``) in a temporary's name: up to 15 of its letters and
    digits, then a hash of the whole name, so that two machines whose names share a long
    beginning ("accounts-laptop-london-0001" and "-0002") never read as one machine, whose
    dead processes' files may be removed at once."""
    if name is None:
        try:
            name = socket.gethostname()
        except OSError:
            name = ""
    import hashlib

    letters = re.sub(r"[^A-Za-z0-9]", "", name)[:15].lower()
    return letters + hashlib.sha256(name.casefold().encode("utf-8", "replace")).hexdigest()[:8]


HOST = _host_tag()


NAME_BYTES = 200
"""Bytes of the target's name a temporary repeats: with the host, process id, random part and
suffix it stays within the 255 bytes most file systems allow a name."""


def name_part(name: str) -> str:
    """``name`` as temporaries repeat it: whole when short; else cut on a character and
    followed by a hash of the whole name, so two long names sharing a beginning differ."""
    raw = os.fsencode(name)  # the bytes on disk (a name that is not UTF-8 included)
    if len(raw) <= NAME_BYTES:
        return name
    import hashlib

    cut = raw[: NAME_BYTES - 10]
    while cut and (cut[-1] & 0xC0) == 0x80:  # not in the middle of a UTF-8 character
        cut = cut[:-1]
    if cut and cut[-1] >= 0xC0:
        cut = cut[:-1]
    return f"{os.fsdecode(cut)}~{hashlib.sha256(raw).hexdigest()[:8]}"


def temp_prefix(target: Path, pid: int | None = None) -> str:
    """The prefix ``tempfile.mkstemp`` gets for a save of ``target`` by process ``pid``."""
    return f".{name_part(target.name)}.{HOST}-{os.getpid() if pid is None else pid}."


def process_alive(pid: object, unjudged: bool) -> bool:
    """Whether process ``pid`` of this machine still runs; ``unjudged`` for an id that cannot
    be judged: one no process can have (not a whole number above 0, or past what the system
    takes: "9999999999" in a leftover's name), or one the system will not say of.

    The two callers answer that differently: a lock takes such an id for a process gone (the
    lock is taken over, :mod:`rrisk.locks`), a temporary file for a live one (the file is kept:
    the check errs towards keeping a file, :func:`remove_stale_temps`)."""
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
        return unjudged
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        return _windows_process_alive(pid, unjudged)
    try:
        os.kill(pid, 0)  # signal 0: a test, sends nothing
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: it exists
    except (OSError, OverflowError, ValueError):
        return unjudged
    return True


def _windows_process_alive(pid: int, unjudged: bool) -> bool:
    """:func:`process_alive` on Windows, from the process table."""
    import ctypes

    if pid > 0xFFFFFFFF:  # (no process id is wider than a DWORD)
        return unjudged
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


def real_path(path: str | os.PathLike[str]) -> Path:
    """The file a path names, through its links (or another spelling of it). Never raises:
    a link that leads to itself (``Path.resolve`` raises RuntimeError on it) or a path that
    cannot be read gives the path as written, absolute."""
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError, RuntimeError):
        return Path(os.path.abspath(path))


def remove_stale_temps(target: str | os.PathLike[str]) -> int:
    """Remove leftover temporaries of ``target`` that no live writer owns; how many went."""
    path = Path(os.path.realpath(target))
    part = name_part(path.name)
    name = re.escape(part)
    ours = re.compile(rf"\.{name}\.([a-z0-9]{{1,24}})-(\d{{1,10}})\.[A-Za-z0-9_]{{1,16}}\.tmp")
    older = re.compile(rf"\.{name}\.[A-Za-z0-9_]{{6,16}}\.tmp")
    removed = 0
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        if not entry.name.startswith(f".{part}.") or not entry.name.endswith(".tmp"):
            continue
        match = ours.fullmatch(entry.name)
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if match and match.group(1) == HOST:
                stale = not process_alive(int(match.group(2)), unjudged=True)
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


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Read once at import (the main thread, before any worker writes): os.umask only sets.
_UMASK = _current_umask()


def read_only(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a file its owner marked read-only or this user may not write.

    An atomic save replaces the file by a rename, which needs only the folder to be writable:
    without this check a user could replace, and take over, a colleague's file they may only
    read, or a file whose owner marked it read-only."""
    try:
        status = os.stat(path)
    except OSError:
        return False  # no such file: writing it makes a new one
    return not status.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    A file that is read-only (:func:`read_only`) is not replaced, nor is anything but a
    regular file: a rename over a device or a named pipe (``-o /dev/stdout``, a FIFO) would
    put a file in its place, in a folder such as ``/dev``."""
    # Through a symbolic link, replace the file it points to, not the link itself.
    target = Path(os.path.realpath(path))
    folder = target.parent
    try:
        mode = os.stat(path).st_mode  # (links followed, as far as a pipe behind /dev/stdout)
    except OSError:
        mode = None  # no such file: writing it makes a new one
    if mode is not None and not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a device or a pipe, not a regular file"
        raise FileFormatError(f"{Path(path)}: is {kind}, so it was not replaced; write to a file")
    if read_only(target):
        raise FileFormatError(
            f"{target}: is read-only for you, so it was not replaced; write under another name"
        )
    remove_stale_temps(target)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=temp_prefix(target), suffix=".tmp", dir=folder)
    except OSError as error:
        raise FileFormatError(
            f"{target}: cannot write in {folder} ({error.strerror or error})"
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            # Keep the permissions the user gave the file.
            os.chmod(temp_name, target.stat().st_mode & 0o7777)
        else:
            # mkstemp makes the file private (0600); a new file gets the usual permissions,
            # so colleagues on a shared drive can open it.
            os.chmod(temp_name, 0o666 & ~_UMASK)
        os.replace(temp_name, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if not isinstance(error, OSError):
            raise  # (Ctrl+C, or a failure not the disk's: its caller says it) with nothing left
        reason = error.strerror or error
        if isinstance(error, PermissionError) and target.exists():
            # Windows refuses to replace a file another program holds open (a memo open in
            # Word or a PDF reader): "Access is denied" alone reads as a matter of rights.
            raise FileFormatError(
                f"{target}: could not be replaced ({reason}) and is kept as it was; if "
                "another program has it open, close it there and try again"
            ) from None
        raise FileFormatError(f"{target}: could not be saved ({reason})") from None
    if hasattr(os, "O_DIRECTORY"):
        # Persist the rename itself; harmless where directories cannot be opened.
        try:
            dir_fd = os.open(folder, os.O_DIRECTORY)
        except OSError:
            return
        try:
            os.fsync(dir_fd)
        except OSError:
            pass
        finally:
            os.close(dir_fd)
