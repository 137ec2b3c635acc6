"""Typed settings over QSettings: recent files, window state, last folders, default author.

Everything the app remembers goes through :class:`Settings`, so the keys and their types live
in one place. Tests redirect storage with :func:`use_settings_file` (an INI file in a
temporary folder) and never touch the user's real settings.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, QStandardPaths, Signal

ORGANISATION = "RRisk"
APPLICATION = "RRisk"
MAX_RECENT = 10
MAX_AUTOSAVE_MINUTES = (2**31 - 1) // 60_000
"""The longest autosave interval a timer holds (its milliseconds are a 32-bit int: 24 days)."""

_override_file: Path | None = None


def use_settings_file(path: str | Path | None) -> None:
    """Store settings in this INI file from now on (``None`` returns to the system store)."""
    global _override_file
    _override_file = Path(path) if path is not None else None


def data_folder() -> Path:
    """Where the app keeps its own files (autosave recovery); beside the test settings file."""
    if _override_file is not None:
        return _override_file.parent
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) if location else Path.home() / ".rrisk"


def documents_folder() -> str:
    """The user's documents folder (``~/Documents``; on Windows, Documents), where a first
    save, open or export starts; home when there is none."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if location and os.path.isdir(location):
        return location
    return str(Path.home())


def recent_file_state(path: str | Path) -> str:
    """How a recent file stands: "" when it is there; "not found" when its folder is there
    and it is not (moved or deleted: it leaves the list once opening it fails);
    "unavailable" when its folder cannot be reached now (a network drive disconnected, a
    removable disk out: it stays listed)."""
    # (os.path: False, not an error, for a drive out of reach or a name too long to exist)
    if os.path.isfile(path):
        return ""
    return "not found" if os.path.isdir(os.path.dirname(os.path.abspath(path))) else "unavailable"


class _RecentFiles(QObject):
    changed = Signal()
    """The recent files changed (a document opened, saved or the list cleared), in any
    window of this process: every start page and menu shows one list."""


_recent_files: _RecentFiles | None = None


def recent_files_signal() -> _RecentFiles:
    """The process's one notifier of changes to the recent files (made on first use)."""
    global _recent_files
    if _recent_files is None:
        _recent_files = _RecentFiles()
    return _recent_files


class Settings:
    """A small registry of the app's settings with defaults."""

    def __init__(self, store: QSettings | None = None) -> None:
        if store is None:
            if _override_file is not None:
                store = QSettings(str(_override_file), QSettings.Format.IniFormat)
            else:
                store = QSettings(ORGANISATION, APPLICATION)
        self._store = store

    # -- recent files ---------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        """The recent files, newest first: each once and at most :data:`MAX_RECENT`, also
        from a settings file edited by hand or damaged (a NUL names no file: opening it
        raised; an item of another type, ``@Size(1 2)``, names none either)."""
        value = self._store.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)):
            return []
        files = [item for item in value if isinstance(item, str) and item and "\0" not in item]
        return list(dict.fromkeys(files))[:MAX_RECENT]

    def add_recent_file(self, path: str | Path) -> None:
        from rrisk.tempfiles import real_path

        text = str(real_path(path))
        self._store.sync()  # what another running copy of RRisk added meanwhile stays
        files = [text] + [item for item in self.recent_files() if item != text]
        self._set_recent(files[:MAX_RECENT])

    def remove_recent_file(self, path: str | Path) -> None:
        text = str(path)
        self._store.sync()
        self._set_recent([item for item in self.recent_files() if item != text])

    def clear_recent_files(self) -> None:
        self._set_recent([])

    def _set_recent(self, files: list[str]) -> None:
        if files != self.recent_files():
            self._store.setValue("files/recent", files)
            recent_files_signal().changed.emit()

    # -- folders and author ---------------------------------------------------------------
    def last_folder(self, purpose: str = "documents") -> str:
        """The folder last used for ``purpose`` (documents, export). Before any export, the
        folder a document was last opened from or saved to, in any window (usually the open
        file's: an export lands beside it); before any document, the system's documents
        folder (home when it has none). A folder since deleted, or out of reach, counts as
        none (the dialog opened in the folder the app was started from)."""
        value = self._text(f"folders/{purpose}")
        if value and not os.path.isdir(value):
            value = ""
        if not value and purpose != "documents":
            return self.last_folder()
        return value or documents_folder()

    def set_last_folder(self, path: str | Path, purpose: str = "documents") -> None:
        folder = Path(path).absolute()
        if not os.path.isdir(folder):  # (a name too long to exist raises in Path.is_dir)
            folder = folder.parent
        self._store.setValue(f"folders/{purpose}", str(folder))

    def default_author(self) -> str:
        return self._text("document/default_author")

    def _text(self, key: str) -> str:
        """A text setting. Written by hand without quotes, a text with a comma is read as a
        list (``Smith, J.``): its parts are joined again by commas, not shown as a list. A
        value of another type (``@Size(1 2)``) is no text: it reads as none."""
        value = self._store.value(key, "")
        if isinstance(value, (list, tuple)):
            return ", ".join(str(part) for part in value)
        return value if isinstance(value, str) else ""

    def set_default_author(self, author: str) -> None:
        self._store.setValue("document/default_author", author)

    # -- window -------------------------------------------------------------------------
    def window_geometry(self) -> QByteArray | None:
        value = self._store.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_geometry(self, geometry: QByteArray) -> None:
        self._store.setValue("window/geometry", geometry)

    def window_state(self) -> QByteArray | None:
        value = self._store.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_state(self, state: QByteArray) -> None:
        self._store.setValue("window/state", state)

    # -- autosave -------------------------------------------------------------------------
    def autosave_minutes(self) -> int:
        """Minutes between autosaves (0 or less: none; not a number: 3). A number written
        with a fraction is rounded up to whole minutes ('2.0' is 2, '0.5' and '0.1' are 1: a
        timer counts whole minutes here), and one beyond what a timer holds is its longest
        (the window could not be made)."""
        try:
            minutes = float(str(self._store.value("document/autosave_minutes", 3)).strip())
        except (TypeError, ValueError):
            return 3
        if math.isnan(minutes):
            return 3
        return math.ceil(min(max(0.0, minutes), MAX_AUTOSAVE_MINUTES))

    def sync(self) -> None:
        self._store.sync()

    def not_kept(self) -> str:
        """Why what was set cannot be kept for the next run ("" once it is written): the
        settings file cannot be written (its folder or it another user's, a full disk); this
        run still uses what was set."""
        self._store.sync()
        if self._store.status() == QSettings.Status.AccessError:
            return f"{self._store.fileName()} cannot be written"
        return ""
