"""Autosave to a recovery file, and the lock file that warns about a colleague's copy.

Autosave: every few minutes, a document with unsaved changes is written (atomically, as a
normal ``.rrisk``) to the recovery folder with a small JSON note naming the original file.
Saving, closing or discarding removes it, so whatever is left at start-up was lost in a
crash and is offered on the start page.

Lock file: opening ``case.rrisk`` writes ``.~lock.case.rrisk#`` beside it with the user,
host and time. Another copy of RRisk (on this machine or over a shared drive) that finds a
lock it did not write shows who has the file open. The lock is removed when the file is
closed; a lock left by a crash only ever causes a warning, never a refusal.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from rrisk import fileformat
from rrisk.errors import RRiskError
from rrisk.model import Assessment

NOTE_SUFFIX = ".json"


@dataclass(frozen=True)
class Recovery:
    """One autosaved document found at start-up."""

    file: Path
    original: Path | None
    saved_at: float
    title: str

    def describe(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.saved_at))
        name = self.original.name if self.original else "an unsaved assessment"
        return f"{self.title} ({name}), autosaved {when}"


class Autosaver:
    """Writes and removes the recovery file of one window's document."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._name = f"autosave-{uuid.uuid4().hex[:12]}"

    @property
    def file(self) -> Path:
        return self.folder / f"{self._name}{fileformat.EXTENSION}"

    def save(self, document: Assessment, original: Path | None, attachments: dict) -> bool:
        """Write the recovery copy; False (silently) if the folder cannot be written."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fileformat.save(document, self.file, attachments)
            note = {"original": str(original) if original else None, "saved_at": time.time()}
            fileformat.atomic_write_bytes(
                self.file.with_suffix(NOTE_SUFFIX), json.dumps(note).encode("utf-8")
            )
        except (OSError, RRiskError):
            return False
        return True

    def discard(self) -> None:
        for path in (self.file, self.file.with_suffix(NOTE_SUFFIX)):
            with contextlib.suppress(OSError):
                path.unlink()


def find_recoveries(folder: Path) -> list[Recovery]:
    """Recovery files left behind (newest first); unreadable ones are skipped."""
    found: list[Recovery] = []
    if not folder.is_dir():
        return found
    for file in folder.glob(f"autosave-*{fileformat.EXTENSION}"):
        try:
            note = json.loads(file.with_suffix(NOTE_SUFFIX).read_text(encoding="utf-8"))
            document = fileformat.load(file)
        except (OSError, ValueError, RRiskError):
            continue
        original = note.get("original") if isinstance(note, dict) else None
        saved_at = note.get("saved_at", 0) if isinstance(note, dict) else 0
        found.append(
            Recovery(
                file,
                Path(original) if isinstance(original, str) else None,
                float(saved_at) if isinstance(saved_at, (int, float)) else 0.0,
                document.title,
            )
        )
    return sorted(found, key=lambda item: item.saved_at, reverse=True)


def discard_recovery(recovery: Recovery) -> None:
    for path in (recovery.file, recovery.file.with_suffix(NOTE_SUFFIX)):
        with contextlib.suppress(OSError):
            path.unlink()


# -- lock files ------------------------------------------------------------------------------


def lock_path(path: Path) -> Path:
    return path.with_name(f".~lock.{path.name}#")


def _owner() -> dict:
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "someone"
    return {"user": user, "host": socket.gethostname(), "pid": os.getpid()}


def _pid_alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but belongs to someone else
    return True


def _is_own_or_stale(other: dict, me: dict) -> bool:
    """A lock this process wrote, or one left on this machine by a process that is gone."""
    if other.get("host") != me["host"]:
        return False
    return other.get("pid") == me["pid"] or not _pid_alive(other.get("pid"))


class FileLock:
    """The lock this window holds on its open file, if any."""

    def __init__(self) -> None:
        self._held: Path | None = None

    def acquire(self, path: Path) -> str | None:
        """Lock ``path``; returns a warning when someone else already has it open."""
        self.release()
        target = lock_path(path)
        warning = None
        try:
            other = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            other = None
        me = _owner()
        if isinstance(other, dict) and not _is_own_or_stale(other, me):
            since = time.strftime(
                "%Y-%m-%d %H:%M", time.localtime(float(other.get("time", 0) or 0))
            )
            warning = (
                f"{other.get('user', 'Someone')} on {other.get('host', 'another computer')} "
                f"has had {path.name} open since {since}. If you both save, one of you will "
                "overwrite the other's changes."
            )
        try:
            target.write_text(json.dumps({**me, "time": time.time()}), encoding="utf-8")
            self._held = target
        except OSError:
            self._held = None  # read-only folder: nothing to lock, nothing to warn about later
        return warning

    def release(self) -> None:
        if self._held is not None:
            with contextlib.suppress(OSError):
                self._held.unlink()
        self._held = None
