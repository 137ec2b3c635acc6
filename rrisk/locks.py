"""The lock file that warns about a colleague's copy of the same document.

Opening ``case.rrisk`` writes ``.~lock.case.rrisk#`` beside it with the user, host and time.
Another copy of RRisk (on this machine or over a shared drive) that finds a lock it did not
write shows who has the file open, and leaves that lock alone. Our own lock is removed when
the file is closed; a lock left by a crash only ever causes a warning, never a refusal (one
from this machine whose process is gone is taken over quietly). The lock also records when
its process started (on Linux), so a crashed window's lock whose process id another program
has since taken is seen as left over too. A lock that cannot be read gives a generic warning
instead of an error, naming the lock file to delete when no one has the file open.

The app writes and reads these locks; the command line reads them before it writes into a
``.rrisk`` file (``rrisk review``, ``rrisk import``), which it refuses while the app has it
open, unless told to (:func:`rrisk.outputs.refuse_if_open`).
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import stat
import time
import weakref
from pathlib import Path

from rrisk.tempfiles import name_part, process_alive, real_path

MAX_LOCK_BYTES = 4096
"""A real lock is about a hundred bytes; anything bigger is not ours to parse."""
_BOTH_SAVE = "If you both save, one of you will overwrite the other's changes."


def lock_path(path: Path) -> Path:
    """``.~lock.NAME#`` beside the file, as office programs name theirs; for a name too long
    for that to fit a file name (255 bytes: a 248-byte name, or ~124 Cyrillic letters), the
    name cut and followed by its hash, as a save's temporary file names it."""
    name = f".~lock.{path.name}#"
    if len(os.fsencode(name)) <= _NAME_MAX:
        return path.with_name(name)
    return path.with_name(f".~lock.{name_part(path.name)}#")


_NAME_MAX = 255
"""Bytes in a file name on the file systems in use (ext4, APFS, NTFS's 255 characters)."""


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "someone"


def _owner() -> dict:
    owner: dict = {"user": _user(), "host": socket.gethostname(), "pid": os.getpid()}
    started = process_start(os.getpid())
    if started is not None:
        owner["started"] = started
    return owner


def process_start(pid: int) -> str | None:
    """What tells process ``pid`` from a later one given the same id: the system's boot and
    the process's start time since that boot (Linux's ``/proc``); None where it cannot be
    told (another system, or no such process)."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
        stat_line = Path(f"/proc/{int(pid)}/stat").read_text(encoding="utf-8", errors="replace")
    except (OSError, ValueError, OverflowError):
        return None
    # The command name (field 2) is in parentheses and may hold spaces or ")": the fields
    # after its last ")" start at field 3, so the start time (field 22) is the 20th of them.
    fields = stat_line.rpartition(")")[2].split()
    if not boot or len(fields) < 20 or not fields[19].isdigit():
        return None
    return f"{boot}:{fields[19]}"


def pid_alive(pid: object) -> bool:
    """Whether process ``pid`` of this machine still runs, for a lock and for a recovery
    copy's note (:mod:`desktop.files.recovery`, whose writer may still be writing it); an
    id that cannot be judged (not a process id, or one the system will not say of) is taken
    for a process gone (:func:`rrisk.tempfiles.process_alive`)."""
    return process_alive(pid, unjudged=False)


def _is_own_or_stale(other: dict, me: dict) -> bool:
    """A lock this process wrote, or one left on this machine by a process that is gone: no
    process has its id, or the one that has it started later than the lock's (the id was
    given again, after a crash and a reboot, say). A lock that does not say when its process
    started (an older release's, another system's) is judged by its process id alone."""
    if other.get("host") != me["host"]:
        return False
    pid = other.get("pid")
    if pid == me["pid"] or not pid_alive(pid):
        return True
    started = other.get("started")
    if not isinstance(started, str) or not isinstance(pid, int):
        return False
    now = process_start(pid)
    return now is not None and now != started


_ABSENT = object()
"""No lock file at all (as opposed to one that cannot be read, which reads as None)."""


def _read_lock(target: Path) -> dict | None | object:
    """The lock's JSON object; ``_ABSENT`` when there is none; None when it cannot be read."""
    try:
        # Not blocking, and a regular file only: a pipe or a device planted at the lock's
        # path (a shared folder, an archive) would otherwise hang the window on opening.
        descriptor = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            raw = handle.read(MAX_LOCK_BYTES + 1)
    except FileNotFoundError:
        return _ABSENT
    except OSError:
        return None
    if len(raw) > MAX_LOCK_BYTES:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError, TypeError):
        return None
    return data if isinstance(data, dict) else None


def _text_field(other: dict, key: str, default: str) -> str:
    value = other.get(key)
    if not isinstance(value, str) or not value.strip():
        return default
    return " ".join(value.split())[:80]


def _since(value: object) -> str | None:
    """The lock's time as local date and time; None when it is not a plausible timestamp."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(float(value)))
    except (OverflowError, ValueError, OSError, TypeError):
        return None


def _warning(other: dict | None, path: Path) -> str:
    """The app's warning: who has ``path`` open and where, what saving in both does, and what
    ends a warning that may be a leftover."""
    holder, both, ending = _open_by(other, path)
    return " ".join(part for part in (f"{holder}.", both, ending) if part)


def _open_by(other: dict | None, path: Path, command: bool = False) -> tuple[str, str, str]:
    """Who has ``path`` open and where (a clause), the sentence on saving in both, and what
    ends a warning that may be a leftover ('' when nothing does). ``command``: said to a
    command, which is no copy of RRisk itself."""
    if other is None:
        lock = lock_path(path).name
        return (
            f"someone may have {path.name} open (its lock file {lock} cannot be read)",
            _BOTH_SAVE,
            f"If no one has it open, deleting the lock file {lock} beside it ends this warning.",
        )
    who = _text_field(other, "user", "Someone")
    where = _text_field(other, "host", "another computer")
    since = _since(other.get("time"))
    opened = f"has had {path.name} open since {since}" if since else f"has {path.name} open"
    # Another machine's only: one of this machine's whose process still runs is a live
    # window, however long it has been open.
    elsewhere = other.get("host") != socket.gethostname()
    if not elsewhere and other.get("user") == _user():
        # The user's own other copy of RRisk (started apart, or a hung one the file was then
        # opened beside): their own name and computer read as a colleague's.
        where_open = "in RRisk" if command else "in another copy of RRisk"
        return (
            f"you have {path.name} open {where_open} on this computer"
            f"{'' if command else ' too'}{f' (since {since})' if since else ''}",
            "If you save in both, one will overwrite the other's changes.",
            "",
        )
    if since and elsewhere and time.time() - float(other["time"]) > OLD_LOCK_SECONDS:
        # Never removed here (whether its process runs cannot be told from this machine):
        # the user is told how to end a warning that would otherwise come back every time.
        opened += (
            " (over a day ago: the lock may be left over from a crash; if it is no longer open "
            f"on {where}, deleting the lock file {lock_path(path).name} beside it ends this "
            "warning)"
        )
    return f"{who} on {where} {opened}", _BOTH_SAVE, ""


OLD_LOCK_SECONDS = 24 * 60 * 60
"""A lock older than this says it may be a crash's leftover (another machine's is never
removed: whether its process still runs cannot be told from here)."""


def someone_else_has_open(path: Path) -> str | None:
    """The warning when another copy of RRisk (here or elsewhere) has ``path`` open, else
    None: no such file, no lock, this process's own, or one left by a process of this machine
    that is gone."""
    found = _foreign_lock(path)
    return None if found is None else _warning(*found)


def who_has_open(path: Path) -> tuple[str, str] | None:
    """For a command about to write ``path``: who has it open in another copy of RRisk and
    where (a clause), and what ends a warning that may be a leftover ('' when nothing does);
    None where :func:`someone_else_has_open` says nothing."""
    found = _foreign_lock(path)
    if found is None:
        return None
    holder, _both, ending = _open_by(*found, command=True)
    return holder, ending


def _foreign_lock(path: Path) -> tuple[dict | None, Path] | None:
    """Another copy's lock on ``path`` (None when it cannot be read) and the file itself, or
    None where no other copy has it open (see :func:`someone_else_has_open`)."""
    if not os.path.isfile(path):  # (a name too long to exist raises in Path.is_file)
        return None
    real = real_path(path)  # the file itself: through a link it is still one file, one lock
    other = _read_lock(lock_path(real))
    if other is _ABSENT or (isinstance(other, dict) and _is_own_or_stale(other, _owner())):
        return None
    return (other if isinstance(other, dict) else None), real


def _foreign_warning(other: dict | None | object, path: Path, me: dict) -> str | None:
    """For a lock found on disk: the warning when it is someone else's; None when it is this
    process's own or left by a process of this machine that is gone (it may be taken over)."""
    if isinstance(other, dict) and _is_own_or_stale(other, me):
        return None
    return _warning(other if isinstance(other, dict) else None, path)


_LOCKS: weakref.WeakSet[FileLock] = weakref.WeakSet()
"""Every window's lock in this process: one window closing a file that another window here
also has open leaves the lock to that window."""


class FileLock:
    """The lock this window holds on its open file, if any.

    Only a lock this window wrote is ever deleted; a colleague's live lock is left exactly as
    it is (rewriting it would leave them unprotected once we close). A lock from this machine
    whose process is gone is taken over.
    """

    def __init__(self) -> None:
        self._held: Path | None = None
        _LOCKS.add(self)

    @property
    def held(self) -> Path | None:
        return self._held

    def acquire(self, path: Path) -> str | None:
        """Lock ``path``; returns a warning when someone else already has it open."""
        self.release()
        real = real_path(path)  # the lock beside the file itself, and named so in a warning
        target = lock_path(real)
        me = _owner()
        other = _read_lock(target)
        if other is _ABSENT:
            return self._create(target, me, path)
        warning = _foreign_warning(other, real, me)
        if warning is None:
            self._write(target, me, exclusive=False)
        return warning

    def _create(self, target: Path, me: dict, path: Path) -> str | None:
        try:
            self._write(target, me, exclusive=True)
        except FileExistsError:
            # Someone created it between our read and our write: theirs, so leave it.
            other = _read_lock(target)
            return _warning(other if isinstance(other, dict) else None, path)
        return None

    def _write(self, target: Path, me: dict, exclusive: bool) -> None:
        payload = json.dumps({**me, "time": time.time()}).encode("utf-8")
        flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
        try:
            descriptor = os.open(target, flags, 0o644)
        except FileExistsError:
            raise
        except OSError:
            self._held = None  # read-only folder: nothing to lock, nothing to warn about later
            return
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(payload)
        except OSError:
            with contextlib.suppress(OSError):
                target.unlink()
            self._held = None
            return
        self._held = target

    def release(self) -> None:
        """Delete our lock, and only if it is still ours (never a colleague's)."""
        held, self._held = self._held, None
        if held is None:
            return
        if any(other._held == held for other in list(_LOCKS) if other is not self):
            return  # another window of this process has the file open (a recovered copy)
        current = _read_lock(held)
        if (
            isinstance(current, dict)
            and current.get("pid") == os.getpid()
            and (current.get("host") == socket.gethostname())
        ):
            with contextlib.suppress(OSError):
                held.unlink()
