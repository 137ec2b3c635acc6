"""The window's file flow: recovery offers, recent files, files handed over or dropped.

Mixed into :class:`~desktop.window.main_window.MainWindow` (its own methods, kept apart so
the window's module stays short). The mixin names what it uses instead of importing the
window.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop.files import opening
from desktop.files.recovery import DamagedCopy, describe_all, discard_recovery, find_damaged
from desktop.files.recovery_list import RecoveryList, recovery_offers_signal
from desktop.settings import recent_file_state
from desktop.ui.refusals import show_line
from desktop.ui.text import as_shown, folders_told_apart, plain


class FileDrops(QObject):
    """Event filter on the window's QWindow, which the system hands a drag to first: a
    ``.rrisk`` dragged anywhere on the window is the window's to open. Left to the widget
    under the pointer, a text field (the rationale, a reason, an editor's field) took the
    drop as text and inserted the file's address into itself instead."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window

    def watch(self, widget: QWidget) -> None:
        """Take the drags over ``widget``'s own window (the main window once shown, a dock
        floated out of it); again is harmless: a filter is kept once."""
        handle = widget.windowHandle()
        if handle is not None:
            handle.installEventFilter(self)

    def dock_floated(self, floating: bool) -> None:
        """A dock's ``topLevelChanged``: floating, it is a window of its own to the system."""
        dock = self.sender()
        if floating and isinstance(dock, QWidget):
            self.watch(dock)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        window: Any = self._window
        if not isinstance(event, QDropEvent) or not window._dropped_file(event):
            return False
        if kind == QEvent.Type.Drop:
            window.dropEvent(event)
        else:
            event.acceptProposedAction()
        return True


class FileFlow:
    """Recovery, recent files, hand-over and drag-and-drop, as methods of the window."""

    files: Any
    settings: Any
    start_screen: Any
    _start_screen: Any
    menu_actions: Any
    lock_banner: QLabel
    autosave_banner: QLabel
    recovery_offers: RecoveryList
    _damaged_copies: tuple[DamagedCopy, ...] = ()
    """The autosaved copies found damaged, listed after :attr:`_recoveries` to be discarded."""

    def bring_to_front(self) -> None:
        raise NotImplementedError  # provided by the window

    @property
    def _recoveries(self) -> list:
        return self.recovery_offers.recoveries

    def _recover(self, row: int) -> None:
        if not 0 <= row < len(self._recoveries):
            return
        if self.files.recover_offered(self._recoveries[row]):
            self._recoveries_changed()

    def _discard_recovery(self, row: int) -> None:
        damaged = row - len(self._recoveries)
        if 0 <= row < len(self._recoveries):
            copy: Any = self._recoveries[row]
        elif 0 <= damaged < len(self._damaged_copies):
            copy = self._damaged_copies[damaged]
        else:
            return
        if copy.file.exists():
            kept = discard_recovery(copy.file)
            if kept is not None:  # still listed: said, not left as if the click were lost
                self._say_copy_kept(copy.describe(), copy.file, kept)
        else:
            # Discarded or recovered meanwhile (another RRisk, or a window whose word did not
            # reach this one): said, not passed over as if this Discard had done it.
            self._say_copy_gone(copy.describe())
        self._recoveries_changed()

    def _say_copy_gone(self, description: str) -> None:
        window: Any = self  # the window this is mixed into
        QMessageBox.information(
            window,
            "The autosaved copy is no longer there",
            plain(
                f"The autosaved copy “{description}” is no longer there: it was already "
                "recovered or discarded, here or in another RRisk window. Nothing was discarded."
            ),
        )

    def _say_copy_kept(self, description: str, file: Path, error: OSError) -> None:
        window: Any = self  # the window this is mixed into
        QMessageBox.warning(
            window,
            "The autosaved copy could not be discarded",
            plain(
                f"The autosaved copy “{description}” could not be discarded: "
                f"{error.strerror or error} ({file}). It is still offered; delete the file "
                "yourself, or recover it."
            ),
        )

    def _recoveries_changed(self) -> None:
        """A copy was recovered, discarded or found gone: this start page and every other
        window's list the copies on disk now (each is told, see :func:`recovery_offers_signal`)."""
        self._refresh_recoveries()
        recovery_offers_signal().changed.emit()

    def _recoveries_changed_elsewhere(self) -> None:
        """Another window recovered or discarded a copy: listed again, if the start page is
        made (it lists them anew when made)."""
        if self._start_screen is not None:
            self._refresh_recoveries()

    def _refresh_recoveries(self) -> None:
        """Offer the autosaves on disk now: one recovered or discarded meanwhile (from the
        prompt on opening its file, or in another window) is no longer listed. A large copy
        not read before is listed at once and read in the background (see
        :mod:`desktop.files.recovery_list`): read here, it kept the window from showing."""
        self.recovery_offers.set(self.files.offered_recoveries(opening.BACKGROUND_FROM_BYTES))
        self._show_recoveries()

    def _show_recoveries(self) -> None:
        """The start page lists the recoveries (when it has been made: it lists them then,
        and only then are the large copies read, for it)."""
        if self._start_screen is not None:
            # A copy found damaged is listed too, to be discarded: left out, the work that was
            # in it went unsaid and the copy stayed in the folder for good. Not a window's own.
            self._damaged_copies = tuple(
                find_damaged(self.files.autosaver.folder, self.files.live_copies())
            )
            damaged = [str(copy.file) for copy in self._damaged_copies]
            self._start_screen.set_recoveries(
                describe_all(self._recoveries) + [copy.describe() for copy in self._damaged_copies],
                [str(item.file) for item in self._recoveries] + damaged,
                damaged,
            )
            self.recovery_offers.read()

    def _show_lock_warning(self, message: str) -> None:
        show_line(self.lock_banner, f"Shared file: {message}" if message else "")

    def _show_autosave_problem(self, problem: str) -> None:
        show_line(
            self.autosave_banner,
            f"Autosave failed, so unsaved changes cannot be recovered after a crash: {problem}. "
            "Save the file to keep them."
            if problem
            else "",
        )

    def _new_from_template_page(self) -> None:
        if self.files.close_document():
            self.start_screen.templates.setFocus()

    def open_handed_file(self, path: str) -> None:
        """A later launch asked for ``path``: open it here (asking about unsaved changes)."""
        self.bring_to_front()
        self.files.open_path(path)

    def _refresh_recent(self) -> None:
        """The start page lists the recent files (when it has been made: it lists them then)."""
        if self._start_screen is not None:
            self._start_screen.set_recent_files(self.settings.recent_files())

    def _fill_recent_menu(self) -> None:
        menu = self.menu_actions.recent_menu
        menu.clear()
        files = self.settings.recent_files()
        names = Counter(Path(text).name for text in files)
        folders = folders_told_apart(files)
        for number, text in enumerate(files, start=1):
            state = recent_file_state(text)
            # Two files of one name (case.rrisk of two folders) are told apart by their
            # folders, as the start page shows them (a menu shows no tooltip).
            name = as_shown(_elided(Path(text).name))
            if names[Path(text).name] > 1:
                name += f" — {as_shown(_shortened(folders[text]))}"
            # Marked, as on the start page, before it is clicked (opening it says so and
            # takes it off the list when its folder is there).
            name += f" — {state}" if state else ""
            label = f"&{number} {name}" if number < 10 else name
            action = menu.addAction(label)
            action.setToolTip(plain(f"{text} ({state})" if state else text))
            action.triggered.connect(lambda _=False, t=text: self._open_recent(t))
        if not files:
            menu.addAction("No recent files").setEnabled(False)
        menu.addSeparator()
        menu.addAction("Clear Recent Files", self._clear_recent).setEnabled(bool(files))

    def _clear_recent(self) -> None:
        self.settings.clear_recent_files()  # every start page hears of it

    def _open_recent(self, path: str) -> None:
        self.files.open_path(path)


def _elided(name: str, limit: int = 80) -> str:
    """A file's name as a menu item shows it: past ``limit`` characters, its middle cut, so
    that its start and extension show (a name of 200 characters made the menu wider than the
    screen, and its end, where a file gone is marked, fell off it)."""
    if len(name) <= limit:
        return name
    tail = (limit - 1) // 3
    return name[: limit - 1 - tail] + "…" + name[-tail:]


def _shortened(folder: str, limit: int = 60) -> str:
    """A folder as a menu item shows it: past ``limit`` characters, its end cut (it is shown
    from where it parts from the other's, so its start tells the two apart)."""
    return folder if len(folder) <= limit else folder[: limit - 1] + "…"
