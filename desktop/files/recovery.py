"""Autosave to a recovery file, offered again on the start page after a crash.

Autosave: every few minutes, a document with unsaved changes is written (atomically, as a
normal ``.rrisk``) to the recovery folder with a small JSON note naming the original file.
Saving, closing or discarding removes it, so whatever is left at start-up was lost in a
crash and is offered on the start page. The lock file beside an open document is in
:mod:`rrisk.locks`.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import socket
import sys
import threading
import time
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from rrisk import fileformat
from rrisk.attachments import size_words
from rrisk.errors import NewerFormatError, RRiskError
from rrisk.locks import pid_alive
from rrisk.model import Assessment
from rrisk.stopping import ReadStopped, ShouldStop
from rrisk.tempfiles import real_path, remove_stale_temps

NOTE_SUFFIX = ".json"
OWNER_SUFFIX = ".owner"
"""A file the writing process holds an OS lock on for as long as it lives (the system lets
go of it when the process ends, crash included), so a process id that another program has
since taken (after a reboot, say) does not make a lost autosave look owned."""


def _lock(handle: int) -> bool:
    """Take the lock on the open file ``handle`` without waiting; whether it was free."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _held_by_a_live_process(owner: Path) -> bool | None:
    """Whether a live process holds ``owner``'s lock; None when there is no such file."""
    try:
        handle = os.open(owner, os.O_RDWR)
    except FileNotFoundError:
        return None
    except OSError:
        return True  # cannot be told: keep it out of the offer, as for a live process
    try:
        return not _lock(handle)
    finally:
        os.close(handle)  # closing lets go of a lock just taken


def disk_stamp(status: os.stat_result | None) -> tuple[int, int] | None:
    """What tells whether a file changed since it was read or written: time and size."""
    return None if status is None else (status.st_mtime_ns, status.st_size)


@dataclass(frozen=True)
class Recovery:
    """One autosaved document found at start-up."""

    file: Path
    original: Path | None
    saved_at: float
    title: str
    base: tuple[int, int] | None = None
    """The original file's time (ns) and size when the changes began (opened or last saved
    here); None for a copy of an unsaved document or from an older release."""
    newer: str = ""
    """Why this RRisk cannot recover the copy: a newer version of RRisk wrote it (the reading
    error, naming the copy); "" for a copy it can recover."""
    reading: bool = False
    """The copy is large and not read yet (see :func:`find_recoveries`): its title, whether
    it can be read, and :attr:`newer` are not known until :func:`settled` finds them."""

    def original_changed(self) -> bool:
        """Whether the original file was written after the changes began: saved again (here
        or on another machine) or replaced. Told by the file's own time and size against
        those it had then, so a shared drive whose clock runs ahead does not make fresh work
        look older than the file; an older release's copy compares with the autosave time."""
        if self.original is None:
            return False
        try:
            status = self.original.stat()
        except OSError:
            return False  # the file is gone: the autosave is all that is left of it
        if self.base is not None:
            return disk_stamp(status) != self.base
        return status.st_mtime >= self.saved_at

    def describe(self, copy: tuple[int, int] | None = None) -> str:
        """Title, file and autosave time; ``copy`` (number, of how many) for one of several
        copies of one file, which then also gives the time to the second."""
        name = self.original.name if self.original else "an unsaved assessment"
        if self.newer or self.reading:  # its title cannot be read here, or not yet
            text = f"{name}, autosaved {self.when(seconds=bool(copy))}"
        else:
            text = f"{self.title} ({name}), autosaved {self.when(seconds=bool(copy))}"
        if copy:
            text += f", copy {copy[0]} of {copy[1]}"
        if self.newer:
            text += " — written by a newer version of RRisk: recover it there (it is kept)"
        return text + (" — the file has changed since" if self.original_changed() else "")

    def when(self, seconds: bool = False) -> str:
        """When it was autosaved, to the minute (to the second, to tell copies apart)."""
        shown = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
        return time.strftime(shown, time.localtime(self.saved_at))

    def same_file(self, other: Recovery) -> bool:
        """Whether both are copies of one file (two windows or two processes had it open)."""
        if self.original is None or other.original is None:
            return False
        return real_path(self.original) == real_path(other.original)


def describe_all(recoveries: list[Recovery]) -> list[str]:
    """The start page's text for each copy: several copies of one file are told apart (the
    time to the second, and "copy 1 of 2"); a copy still being read says so."""
    texts = []
    for recovery in recoveries:
        same = [other for other in recoveries if other.same_file(recovery)]
        copy = (same.index(recovery) + 1, len(same)) if len(same) > 1 else None
        # (only here: a message about the copy has no "reading" to say)
        texts.append(recovery.describe(copy) + (" — reading the copy…" if recovery.reading else ""))
    return texts


class Autosaver:
    """Writes and removes the recovery file of one window's document.

    A copy may be written in a worker thread (the timer's autosave, so that a large document
    does not stop the window while it is written) while the GUI thread discards the copy (the
    document was saved or closed). Writing and discarding take turns (a lock), and a copy
    asked for before a discard is not written after it (:attr:`generation`): no recovery file
    outlives the changes it holds."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._name = f"autosave-{uuid.uuid4().hex[:12]}"
        self._owner: int | None = None  # the open, locked owner file while a copy exists
        self._turns = threading.Lock()
        self._generation = 0

    @property
    def generation(self) -> int:
        """Counts the discards: a copy asked for under one generation is written only while
        it lasts (see :meth:`save`)."""
        return self._generation

    @property
    def file(self) -> Path:
        return self.folder / f"{self._name}{fileformat.EXTENSION}"

    def _hold_owner(self) -> None:
        """Hold the owner file's lock (see :data:`OWNER_SUFFIX`) from the first save on."""
        if self._owner is not None:
            return
        handle = os.open(self.file.with_suffix(OWNER_SUFFIX), os.O_RDWR | os.O_CREAT, 0o600)
        if _lock(handle):
            self._owner = handle
        else:
            os.close(handle)

    def save(
        self,
        document: Assessment,
        original: Path | None,
        attachments: dict,
        base: tuple[int, int] | None = None,
        generation: int | None = None,
    ) -> str | None:
        """Write the recovery copy; None when written, else why not (the folder cannot be
        written, the disk is full): the window says so, as recovery is off until it works.

        ``base``: the original file's time (ns) and size when the changes began (see
        :attr:`Recovery.base`). The note is written before the copy, so a crash between the
        two leaves an older copy under a fresh note, never a copy nobody can place.

        ``generation``: the :attr:`generation` when the copy was asked for; once the copy has
        been discarded since (the document saved), nothing is written and None is returned,
        as nothing is left unsaved of what it held."""
        with self._turns:
            if generation is not None and generation != self._generation:
                return None
            return self._save(document, original, attachments, base)

    def _save(
        self,
        document: Assessment,
        original: Path | None,
        attachments: dict,
        base: tuple[int, int] | None,
    ) -> str | None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._hold_owner()
            note = {
                "original": str(original) if original else None,
                "saved_at": time.time(),
                "base": list(base) if base is not None else None,
                # Whose it is: another running instance's autosave is not offered as lost.
                "pid": os.getpid(),
                "host": socket.gethostname(),
            }
            fileformat.atomic_write_bytes(
                self.file.with_suffix(NOTE_SUFFIX), json.dumps(note).encode("utf-8")
            )
            fileformat.save(document, self.file, attachments)
        except OSError as error:
            return f"{self.folder}: {error.strerror or error}"
        except RRiskError as error:
            return str(error)
        return None

    def adopt(self, copy: Path) -> None:
        """Make ``copy``, an autosaved copy just recovered into this window, this window's own
        (renamed, with its note): it keeps the recovered changes on disk until this window's
        copy is written over it, also when that cannot be written (a full disk). One that
        cannot be renamed is removed."""
        with self._turns:
            try:
                self._hold_owner()
                os.replace(copy, self.file)
            except OSError:
                discard_recovery(copy)
                return
            with contextlib.suppress(OSError):  # (without its note it is offered all the same)
                os.replace(copy.with_suffix(NOTE_SUFFIX), self.file.with_suffix(NOTE_SUFFIX))
            with contextlib.suppress(OSError):
                copy.with_suffix(OWNER_SUFFIX).unlink()

    def discard(self) -> None:
        """Remove this window's recovery copy (saved, closed, or the changes dropped); a copy
        being written meanwhile is waited for, then removed too."""
        with self._turns:
            self._generation += 1
            discard_recovery(self.file)  # the copy first: while it exists, it stays owned
            if self._owner is not None:
                os.close(self._owner)
                self._owner = None
                with contextlib.suppress(OSError):  # Windows removes no file held open
                    self.file.with_suffix(OWNER_SUFFIX).unlink()


LATEST_TIME = 32_503_680_000.0
"""1 January 3000: a note's time beyond it (or not a finite number) is not believed."""


def _note_time(value: object) -> float | None:
    """A note's ``saved_at`` when it is a time that can be shown; else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) and 0 <= value <= LATEST_TIME else None


def _note_path(value: object) -> Path | None:
    """A note's ``original`` when it can name a file; else None (the copy is still offered)."""
    if not isinstance(value, str) or not value or "\x00" in value or len(value) > MAX_PATH:
        return None
    return Path(value)


MAX_PATH = 4096
"""The longest original path a note may give."""


def find_recoveries(folder: Path, read_below: int | None = None) -> list[Recovery]:
    """Recovery files left behind (newest first); unreadable ones are skipped, but not those
    a newer version of RRisk wrote: they are listed with :attr:`Recovery.newer` (kept for that
    version, and said, rather than left in the folder without a word).

    ``read_below``: only copies smaller than this many bytes are read here; a larger one not
    read before is listed :attr:`~Recovery.reading`, for :func:`settled` to read (a copy of
    2,000 × 40 takes some 2 s to read, which the start page does off the GUI thread).

    A note is a file anyone could edit: a time that is not one, or a path that cannot name a
    file, is set aside (the copy's own time, no original) instead of stopping the start-up. A
    copy without a note (an older release's crash between the two) is offered as unsaved
    work. Leftovers of an interrupted autosave (temporary files, a note or owner file without
    its copy) that belong to no live process are removed (:func:`_tidy`)."""
    found: list[Recovery] = []
    if not folder.is_dir():
        return found
    _tidy(folder)
    for file in folder.glob(f"autosave-*{fileformat.EXTENSION}"):
        note = _note_of(file)
        if note is None or _owned_by_a_running_instance(file, note):
            continue
        try:
            reading = read_below is not None and _unread(file, read_below)
            read = ("", "") if reading else _read_title(file)
            if read is None:
                continue
            title, newer = read
            saved_at = _note_time(note.get("saved_at"))
            if saved_at is None:
                saved_at = _note_time(file.stat().st_mtime) or 0.0
        except OSError:
            continue
        base = note.get("base")
        well_formed = (
            isinstance(base, list)
            and len(base) == 2
            and all(isinstance(part, int) and not isinstance(part, bool) for part in base)
        )
        found.append(
            Recovery(
                file,
                _note_path(note.get("original")),
                saved_at,
                title,
                (base[0], base[1]) if well_formed and isinstance(base, list) else None,
                newer,
                reading,
            )
        )
    return sorted(found, key=lambda item: item.saved_at, reverse=True)


@dataclass(frozen=True)
class DamagedCopy:
    """An autosaved copy found damaged when read (cut short, a disk's error): listed so that
    the user whose work was in it is told, with what is known of it, and can discard it; it
    is never opened (left out of the list, it stayed in the folder without a word)."""

    file: Path
    original: Path | None
    saved_at: float
    size: int

    def when(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(self.saved_at))

    def describe(self) -> str:
        name = self.original.name if self.original else "an unsaved assessment"
        return (
            f"{name}, autosaved {self.when()} — damaged ({size_words(self.size)}), cannot be "
            "recovered"
        )


def _note_of(file: Path) -> dict | None:
    """The note beside the autosaved copy ``file``: ``{}`` when there is none, or a damaged
    one (cut short, not text: the copy is taken for unsaved work); None when it cannot be
    read (the copy is passed over)."""
    try:
        note: object = json.loads(file.with_suffix(NOTE_SUFFIX).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    except OSError:
        return None
    return note if isinstance(note, dict) else {}


def find_damaged(
    folder: Path, live: set[Path] | frozenset[Path] = frozenset()
) -> list[DamagedCopy]:
    """The autosaved copies in ``folder`` read and found damaged (:func:`_read_title`,
    :func:`read_title`), newest first; not those of ``live`` (a window's own, still open), nor
    one another running RRisk writes. A copy not read yet is not known to be damaged: the
    start page lists it as being read until it is."""
    found: list[DamagedCopy] = []
    if not folder.is_dir():
        return found
    for file in folder.glob(f"autosave-*{fileformat.EXTENSION}"):
        if file in live:
            continue
        try:
            status = file.stat()
        except OSError:
            continue  # gone meanwhile
        key = (file, status.st_mtime_ns, status.st_size)
        if key not in _TITLES or _TITLES[key] is not None:
            continue  # not read yet, or read whole
        note = _note_of(file)
        if note is None or _owned_by_a_running_instance(file, note):
            continue
        saved_at = _note_time(note.get("saved_at"))
        if saved_at is None:
            saved_at = _note_time(status.st_mtime) or 0.0
        found.append(DamagedCopy(file, _note_path(note.get("original")), saved_at, status.st_size))
    return sorted(found, key=lambda item: item.saved_at, reverse=True)


_TITLES: dict[tuple[Path, int, int], tuple[str, str] | None] = {}
"""What reading a copy found, by its file, time and size (see :func:`_read_title`). Filled
from a worker thread too (:class:`~desktop.files.recovery_list.TitleJob`): one key's value is set
once, whole, and a copy read twice at once gives the same value twice."""


def _read_title(file: Path, should_stop: ShouldStop | None = None) -> tuple[str, str] | None:
    """A copy's title and, when a newer RRisk wrote it, what it says of that (or None: the
    copy cannot be read). Read once: the copies are listed on the start page and again on
    every open, and a large copy took a second or so to read each time, in the GUI thread.
    A read stopped by ``should_stop`` (:class:`~rrisk.stopping.ReadStopped`) is not kept."""
    status = file.stat()
    key = (file, status.st_mtime_ns, status.st_size)
    if key not in _TITLES:
        found: tuple[str, str] | None
        try:
            found = (fileformat.load(file, should_stop).title, "")
        except NewerFormatError as error:
            found = ("", str(error))
        except RRiskError:
            found = None
        _TITLES[key] = found
    return _TITLES[key]


def _unread(file: Path, read_below: int) -> bool:
    """Whether ``file`` has ``read_below`` bytes or more and was not read as it is now."""
    status = file.stat()
    return (
        status.st_size >= read_below and (file, status.st_mtime_ns, status.st_size) not in _TITLES
    )


def read_title(file: Path, should_stop: ShouldStop | None = None) -> None:
    """Read an autosaved copy for :func:`settled` to find what it holds (in a worker thread:
    a large copy takes seconds); a copy gone meanwhile is left to :func:`settled` to drop, and
    one that fails to read in any other way (a disk's read error too) is left out as damaged
    (never "being read", which read it again and again), as :func:`find_recoveries` skips it.
    One whose read ``should_stop`` stopped (the window closes) is left unread."""
    try:
        status = file.stat()
    except OSError:
        return
    try:
        _read_title(file, should_stop)
    except ReadStopped:
        return
    except Exception:  # noqa: BLE001 - a worker thread's failure must not end the app
        _TITLES[(file, status.st_mtime_ns, status.st_size)] = None


def settled(recovery: Recovery, read: bool = False) -> Recovery | None:
    """``recovery`` with its title, once its copy has been read (:func:`read_title`), or
    ``read`` here and now; itself while it is still to be read; None when the copy is gone or
    cannot be read, as :func:`find_recoveries` leaves such a copy out."""
    if not recovery.reading:
        return recovery
    try:
        if not read and _unread(recovery.file, 0):
            return recovery
        found = _read_title(recovery.file)
    except OSError:
        return None
    if found is None:
        return None
    return replace(recovery, title=found[0], newer=found[1], reading=False)


_TEMP = re.compile(r"\.(autosave-[0-9a-f]{1,32}\.(?:rrisk|json))\..+\.tmp")


def _tidy(folder: Path) -> None:
    """Remove what an interrupted autosave left and no live process owns: its temporary files
    (each autosave has a name of its own, so no later save of that name would), and a note or
    owner file whose copy is gone."""
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return
    for target in {match.group(1) for match in map(_TEMP.fullmatch, names) if match}:
        remove_stale_temps(folder / target)
    copies = {name for name in names if name.endswith(fileformat.EXTENSION)}
    for name in names:
        stem, dot, suffix = name.rpartition(".")
        if not name.startswith("autosave-") or f".{suffix}" not in (NOTE_SUFFIX, OWNER_SUFFIX):
            continue
        if f"{stem}{fileformat.EXTENSION}" in copies:
            continue
        owner = folder / f"{stem}{OWNER_SUFFIX}"
        if _held_by_a_live_process(owner):  # a first autosave being written right now
            continue
        with contextlib.suppress(OSError):
            (folder / name).unlink()


def _owned_by_a_running_instance(file: Path, note: dict) -> bool:
    """Written by another process of this machine that still runs: its work, not lost.

    This process's own autosaves stay visible (a window that crashed while the app lived on),
    and so do those from other machines (a shared home folder): they cannot be checked."""
    pid = note.get("pid")
    held = _held_by_a_live_process(file.with_suffix(OWNER_SUFFIX))
    if not note:  # no note: whoever holds the owner file is writing it now
        return bool(held)
    if note.get("host") != socket.gethostname() or pid == os.getpid():
        return False
    return pid_alive(pid) if held is None else held  # no owner file: an older release's


def discard_recovery(file: Path) -> OSError | None:
    """Delete a recovery copy and its note; one already gone is not an error. Returns why
    the copy itself could not be deleted (a read-only folder, a file held open), else None:
    for a caller that says so, as the start page's Discard does."""
    kept: OSError | None = None
    for path in (file, file.with_suffix(NOTE_SUFFIX), file.with_suffix(OWNER_SUFFIX)):
        # (a window's own owner file, held open, is removed again after it lets go of it)
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            if path == file:
                kept = error
    return kept
