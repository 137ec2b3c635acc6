"""The document lifecycle of a window: new, open, save, save as, recent files, close.

Dialogs are the static ``QFileDialog``/``QMessageBox`` helpers so tests can replace them.
Errors are shown with ``QMessageBox.critical`` naming the file and the problem (the
``RRiskError`` message), never a traceback.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from shiboken6 import isValid

from desktop.document.commands import snapshot
from desktop.document.controller import DocumentController
from desktop.files.jobs import AutosaveJob, SaveJob, wait_for
from desktop.files.jobs import start as start_job
from desktop.files.opening import BackgroundOpening, read_in_background
from desktop.files.recovery import (
    Autosaver,
    Recovery,
    discard_recovery,
    disk_stamp,
    find_recoveries,
    settled,
)
from desktop.files.save_name import chosen_target, confirm, document_stem, named_target
from desktop.settings import Settings, data_folder, recent_file_state
from desktop.ui.busy import busy, progress_dialog, say_when_shown
from desktop.ui.refusals import announce, say_done
from desktop.ui.text import plain
from desktop.ui.typing import commit_typing
from rrisk import collector, fileformat
from rrisk.errors import RRiskError
from rrisk.locks import FileLock, someone_else_has_open
from rrisk.model import Assessment
from rrisk.plainmodel import new_assessment
from rrisk.scoring import ScoreResult
from rrisk.tempfiles import read_only, real_path
from rrisk.templates import new_from_template

FILE_FILTER = "RRisk assessments (*.rrisk);;All files (*)"


_ALL: weakref.WeakSet[DocumentFiles] = weakref.WeakSet()
"""Every window's file handling in this process, to find the window that has a file open: a
file handed over again comes to the front in its window instead of opening in a second one
(two windows saving one file would overwrite each other's edits, and the lock, being this
process's own, would not warn)."""


def window_holding(path: str | Path) -> QWidget | None:
    """The visible window of this process that has ``path`` open, or is opening it, if any."""
    for files in list(_ALL):
        if not (isValid(files) and isValid(files._window) and isValid(files._controller)):
            continue  # a window already deleted, its Python side not yet collected
        if not files._window.isVisible():
            continue
        own = files._controller.path if files.is_open else None
        # A file being read there shows there in a moment: a second window would open it too.
        opening = files._opening.path if files._opening is not None else None
        for held in (own, opening):
            try:
                if held is not None and os.path.samefile(held, path):
                    return files._window
            except OSError:
                continue
    return None


def _status(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


class DocumentFiles(QObject, BackgroundOpening):
    """Opens and saves the controller's document on behalf of a window."""

    documentOpened = Signal()
    """A document is now open (new, template or file): the window shows the workspace."""
    documentClosed = Signal()
    """The document was closed: the window shows the start screen."""
    saved = Signal(str)
    savedAs = Signal()
    """The document now lives in another file (Save As): the window's title names it; the tab
    and the field in use stay as they were."""
    lockWarning = Signal(str)
    """Someone else seems to have the opened file open ("" clears the warning)."""
    compareRequested = Signal(str)
    """Show what the restored autosave changes against this saved file (its path)."""
    autosaveProblem = Signal(str)
    """Why the recovery copy could not be written ("" once it could, or is not needed)."""
    openStarted = Signal(str)
    """A file started being opened in the background: what is being opened ("Opening
    case.rrisk…"), until :attr:`documentOpened` or :attr:`openStopped`."""
    openStopped = Signal(str)
    """A file being opened in the background was not opened: why (said already when asked
    to), or "" when it was cancelled. The window as it was stays."""

    def __init__(self, window: QWidget, controller: DocumentController, settings: Settings) -> None:
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._settings = settings
        self.is_open = False
        self._shut = False
        self._stamp: tuple[int, int] | None = None
        """The open file's time and size when it was opened or last saved here."""
        self._autosave_failure = ""
        self.lock = FileLock()
        self._opening = None
        _ALL.add(self)
        self.autosaver = Autosaver(data_folder() / "recovery")
        self._autosave_timer = QTimer(self)
        self._autosave_timer.timeout.connect(self.autosave_in_background)
        self._autosave_job: AutosaveJob | None = None
        # A pool of its own: in the shared one, a memo export or a screening (two threads on
        # a two-core machine) held the copy back, and with it the ticks after it.
        self._autosave_pool = QThreadPool(self)
        self._autosave_pool.setMaxThreadCount(1)
        self._saving: SaveJob | None = None
        self._after_save: list[Callable[[], object]] = []
        # Its own pool too: a save waits for no memo, screening or autosave to end first.
        self._save_pool = QThreadPool(self)
        self._save_pool.setMaxThreadCount(1)
        minutes = settings.autosave_minutes()
        if minutes:
            self._autosave_timer.start(minutes * 60_000)
        controller.undo_stack.cleanChanged.connect(self._clean_changed)

    # -- autosave and recovery ------------------------------------------------------------
    def autosave(self) -> bool:
        """Write the recovery copy when there are unsaved changes; whether one was written.

        A copy that cannot be written (folder not writable, disk full) is said at once
        (:attr:`autosaveProblem`), and again cleared when one is written or nothing is left
        unsaved: recovery after a crash is off meanwhile, and the user should know."""
        copy = self._unsaved_copy()
        if copy is None:
            return False
        problem = self.autosaver.save(*copy)
        self._autosave_problem(problem or "")
        return problem is None

    def _unsaved_copy(self) -> tuple[Assessment, Path | None, dict, tuple[int, int] | None] | None:
        """What a recovery copy holds (the document, its file, its attachments, the file's
        stamp when the changes began), or None when nothing is unsaved."""
        if not self.is_open or not self._controller.is_modified:
            return None
        path = self._controller.path
        base = self._stamp if path is not None else None
        return self._controller.document, path, self._controller.attachments, base

    def autosave_in_background(self) -> bool:
        """The timer's autosave: as :meth:`autosave`, but the copy (of a snapshot) is
        written in a worker thread, so the window does not stop while a large document is
        written (a second or more at 2,000 × 40). One at a time: a tick that finds the last
        copy still being written leaves this one to the next tick. Whether one started."""
        busy_now = self._autosave_job is not None or self._saving is not None
        copy = None if busy_now or self._shut else self._unsaved_copy()
        if copy is None:
            return False
        job = AutosaveJob(self.autosaver, *copy)
        job.signals.finished.connect(self._autosave_written)
        self._autosave_job = job
        start_job(job, self._autosave_pool)
        return True

    def _autosave_written(self, problem: str) -> None:
        self._autosave_job = None
        # Saved or closed meanwhile: nothing is left unsaved of what the copy held.
        unsaved = self.is_open and not self._shut and self._controller.is_modified
        self._autosave_problem(problem if unsaved else "")

    def _autosave_problem(self, problem: str) -> None:
        if problem != self._autosave_failure:
            self._autosave_failure = problem
            self.autosaveProblem.emit(problem)

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self.autosaver.discard()
            self._autosave_problem("")

    def recoveries(self, read_below: int | None = None) -> list[Recovery]:
        """The autosaves left by windows that did not close (a crash): every one, also when
        its file changed since (saved again elsewhere, or a shared drive's clock running
        ahead): unsaved work is never dropped without a word. Such a copy says so, and
        restoring it asks first (:meth:`_ask_restore`). ``read_below``: a copy this large or
        larger not read before is listed unread (see
        :func:`~desktop.files.recovery.find_recoveries`)."""
        return find_recoveries(self.autosaver.folder, read_below)

    def offered_recoveries(self, read_below: int | None = None) -> list[Recovery]:
        """What the start page offers now: the autosaves on disk (one recovered or discarded
        meanwhile, here or in another window, is gone), not this window's own copy nor that of
        another window still open here: its changes are not lost (``read_below``: see
        :meth:`recoveries`)."""
        live = self.live_copies()
        return [item for item in self.recoveries(read_below) if item.file not in live]

    def live_copies(self) -> set[Path]:
        """The autosaved copies of this window and of the other windows open here: their
        changes are not lost, so none is offered as lost work, recoverable or damaged."""
        return {self.autosaver.file} | {
            files.autosaver.file
            for files in list(_ALL)
            if isValid(files) and isValid(files._window) and files._window.isVisible()
        }

    def _copy_gone(self, recovery: Recovery) -> bool:
        """Whether the autosaved copy is no longer there (recovered or discarded meanwhile, in
        another window or another copy of RRisk); if so, says so."""
        if recovery.file.exists():
            return False
        name = recovery.original.name if recovery.original else "the unsaved assessment"
        QMessageBox.information(
            self._window,
            "The autosaved copy is no longer there",
            plain(
                f"This autosaved copy of {name} ({recovery.describe()}) is no longer there: "
                "it was already recovered or discarded, here or in another RRisk window."
            ),
        )
        return True

    def recover(
        self,
        recovery: Recovery,
        ask: bool = True,
        then: Callable[[], None] | None = None,
        gone: Callable[[], None] | None = None,
    ) -> bool:
        """Open an autosaved copy as unsaved changes to its original file; ``then`` runs once
        it is shown.

        The changes began on the original as it was then (:attr:`Recovery.base`), so Save asks
        before replacing a version saved since (here or by a colleague), as it would have
        before the crash; the next autosave keeps that stamp too. ``ask`` first offers to
        save the unsaved changes of the open document (False: the user was asked already,
        as opening a file does before it offers the file's autosave).

        A large copy is read in the background, as a large file is opened: True once started
        (Cancel keeps the window as it was, and the copy); ``gone`` runs if the copy is found
        gone meanwhile (said so), in place of an error."""
        if ask and not self.maybe_save("opening the recovered copy"):
            return False
        if read_in_background(recovery.file):
            self._recover_in_background(recovery, then, gone)
            return True
        try:
            opened = fileformat.read_file(recovery.file)
        except RRiskError as error:
            if not self._copy_gone(recovery):
                QMessageBox.critical(
                    self._window, "Cannot recover the assessment", plain(str(error))
                )
            return False
        self._recovered(recovery, opened.document, opened.attachments)
        if then is not None:
            then()
        return True

    def _recovered(
        self,
        recovery: Recovery,
        document: Assessment,
        attachments: dict,
        result: ScoreResult | None = None,
    ) -> None:
        """Show an autosaved copy read from disk, as unsaved changes (see :meth:`recover`).
        ``result``: read and scored in the background, whence this window's own copy is
        written in the background too (a large copy takes a second or more to write)."""
        self._replace(document, recovery.original, attachments, result)
        if recovery.original is not None:
            if recovery.base is not None:
                self._stamp = recovery.base
            elif recovery.original_changed():  # an older note: only "changed since" is known
                self._stamp = (0, -1)
        # Recovered work is not saved anywhere yet: show it as modified.
        self._controller.undo_stack.resetClean()
        # The copy is this window's own until its next copy is written over it.
        self.autosaver.adopt(recovery.file)
        if result is None:
            self.autosave()
        else:
            self.autosave_in_background()

    def recover_offered(self, recovery: Recovery) -> bool:
        """The start page's Recover: as opening the file itself does, a copy whose file was
        saved again since it began is restored only when asked (restore, compare, discard);
        whether the copy was dealt with (restored or discarded, or found gone: said so)."""
        if self.say_opening():
            return False
        if self._copy_gone(recovery):
            return True
        if recovery.newer:
            QMessageBox.information(
                self._window,
                "Cannot recover the assessment",
                plain(
                    f"{recovery.newer}\n\nThe autosaved copy is kept, for the newer version of "
                    "RRisk to recover."
                ),
            )
            return False
        if recovery.original is None or not recovery.original_changed():
            return self.recover(recovery)
        choice = self._ask_restore(recovery)
        if choice == "cancel":
            return False
        if choice == "discard":
            discard_recovery(recovery.file)
            return True
        original = str(recovery.original)
        compare = (lambda: self.compareRequested.emit(original)) if choice == "compare" else None
        return self.recover(recovery, then=compare)

    # -- creating and opening -------------------------------------------------------------
    def new_document(self, template_id: str = "blank") -> bool:
        """A fresh document (blank or from a template), after asking about unsaved changes."""
        if self.say_opening() or not self.maybe_save("starting a new assessment"):
            return False
        try:
            document = new_from_template(template_id)
        except RRiskError as error:
            QMessageBox.critical(self._window, "Cannot create the assessment", plain(str(error)))
            return False
        self._replace(self._with_default_author(document), None)
        return True

    def open_dialog(self) -> bool:
        """Ask for a file and open it (a large one in the background: True once started)."""
        if self.say_opening() or not self.maybe_save("opening another file"):
            return False
        path, _filter = QFileDialog.getOpenFileName(
            self._window, "Open assessment", self._settings.last_folder(), FILE_FILTER
        )
        if not path:
            return False
        return self.open_path(path, ask=False)

    def open_path(self, path: str | Path, ask: bool = True, show_errors: bool = True) -> bool:
        """Open ``path`` in this window; ``ask`` first offers to save unsaved changes. True
        when it is open, or being opened in the background (see :meth:`open_checked`)."""
        if self.say_opening():
            return False
        if ask and not self._elsewhere(path):
            # A file that is not there is said so at once: asking to save or discard the
            # changes first (Save As for a new document) was for nothing.
            missing = self._no_file(Path(path).absolute())
            if missing is not None:
                if show_errors:
                    QMessageBox.critical(self._window, "Cannot open the file", plain(missing))
                return False
            if not self.maybe_save(self._before_opening(path)):
                return False
        error = self.open_checked(path, show_errors)
        if error is None:
            return True
        if error and show_errors:
            QMessageBox.critical(self._window, "Cannot open the file", plain(error))
        return False

    def _no_file(self, path: Path) -> str | None:
        """Why ``path`` cannot be opened when there is no file there (gone, its folder out of
        reach, a folder): the error opening it gives; None when there is one."""
        if os.path.isfile(path):
            return None
        try:
            fileformat.read_file(path)
        except RRiskError as error:
            return self._cannot_open(path, str(error))
        return None  # there after all

    def _before_opening(self, path: str | Path) -> str:
        """What the question about unsaved changes says is about to happen: the open file
        chosen again (Open Recent, a drop) is opened as last saved, which drops them."""
        own = self._controller.path if self.is_open else None
        try:
            again = own is not None and os.path.samefile(own, path)
        except OSError:
            again = False
        return "opening it again as last saved" if again else "opening another file"

    def _elsewhere(self, path: str | Path) -> bool:
        """Whether another window here has ``path`` open: opening it brings that window to
        the front, and this one's document stays, so there is nothing to ask about."""
        holder = window_holding(Path(path).absolute())
        return holder is not None and holder is not self._window

    def open_checked(self, path: str | Path, show_errors: bool = False) -> str | None:
        """Open ``path`` as a user's open does: None when it is open here, or being opened in
        the background (a large file, :data:`~desktop.files.opening.BACKGROUND_FROM_BYTES`:
        its error comes with :attr:`openStopped`, and in a message box too when
        ``show_errors``); else the error, or "" when nothing was opened on purpose.

        A window of this process that already has the file comes to the front instead (two
        windows saving one file would overwrite each other, and closing one would drop the
        other's lock); an autosave newer than the file is offered first (restore, compare,
        discard or cancel), also when the app is started with the file after a crash. The
        open document's unsaved changes are the caller's to ask about (:meth:`open_path`)."""
        path = Path(path).absolute()  # a relative path would be stored as the last folder
        holder = window_holding(path)
        if holder is not None and holder is not self._window:
            bring = getattr(holder, "bring_to_front", None)
            if callable(bring):
                bring()
            return ""
        copies = self._recoveries_of(Path(path))
        recovery = copies[0] if copies else None
        if recovery is not None:
            choice = self._ask_restore(recovery, copies[1:])
            if choice == "cancel":
                return ""
            if choice in ("restore", "compare"):
                # Compare: the restored edits against the file as last saved (Changes view).
                compare = (
                    (lambda: self.compareRequested.emit(str(path))) if choice == "compare" else None
                )
                # Unsaved changes: the caller asked. The copy gone meanwhile (recover said
                # so): the file is opened as saved.
                if self.recover(
                    recovery, False, compare, lambda: self._open_later(path, show_errors)
                ):
                    return None
                if recovery.file.exists():
                    return ""
                return self._open_file(path, show_errors)
            # Kept when the file cannot be opened: it may be all there is.
            return self._open_file(path, show_errors, lambda: discard_recovery(recovery.file))
        return self._open_file(path, show_errors, lambda: self._say_newer_copy(path))

    def _say_newer_copy(self, path: Path) -> None:
        if self._newer_copy_of(path):
            say_done(
                self._window,
                f"An autosaved copy of {path.name} written by a newer version of RRisk is kept "
                "for that version to recover; this one opened the file as saved.",
            )

    def _newer_copy_of(self, path: Path) -> bool:
        """Whether a newer version of RRisk left an autosave of ``path`` (kept for it)."""
        return any(recovery.newer for recovery in self._copies_of(real_path(path)))

    def _recoveries_of(self, path: Path) -> list[Recovery]:
        """The autosaves of ``path`` (changes never saved), newest first: more than one when
        two windows or two copies of RRisk had the file open when they crashed.

        This window's own autosave is not one: it belongs to the document just saved or
        discarded; nor is a copy a newer version of RRisk wrote (this one cannot restore it:
        the start page lists it)."""
        try:
            target = real_path(path)
            path.stat()
        except OSError:
            return []
        return [recovery for recovery in self._copies_of(target) if not recovery.newer]

    def _copies_of(self, target: Path) -> list[Recovery]:
        """The autosaves of the file whose real path is ``target``, newest first, each read
        (only these: a large copy of another file, which the start page reads in the
        background, kept the window from showing the file while it was read here)."""
        found = []
        for recovery in self.offered_recoveries(read_below=0):
            if recovery.original is not None and real_path(recovery.original) == target:
                read = settled(recovery, read=True)
                if read is not None:
                    found.append(read)
        return found

    def _ask_restore(self, recovery: Recovery, others: list[Recovery] | None = None) -> str:
        """Restore the autosaved changes, discard them, or cancel: never lose either silently.
        ``others``: more autosaved copies of the file, which the prompt names (they stay, and
        the start page offers them once the file is closed)."""
        name = recovery.original.name if recovery.original else "this file"
        others = others or []
        copy = (1, len(others) + 1) if others else None
        more = ""
        if others:
            times = ", ".join(item.when(seconds=True) for item in others)
            kept = (
                "the others, autosaved {}, are"
                if len(others) > 1
                else "the other, autosaved {}, is"
            )
            more = (
                f"\n\nThere are {len(others) + 1} autosaved copies of {name} (two windows or "
                f"two copies of RRisk had it open). This one is the newest; "
                f"{kept.format(times)} kept, and the start page offers "
                f"{'them' if len(others) > 1 else 'it'} once you close the file (File → Close)."
            )
        accept, destroy = QMessageBox.ButtonRole.AcceptRole, QMessageBox.ButtonRole.DestructiveRole
        changed = (
            f"\n\n{name} has changed since these changes began (saved again, here or on "
            "another computer): restoring them and saving would replace that newer version. "
            "Restore and compare lists what differs."
            if recovery.original_changed()
            else ""
        )
        choice = self._choose(
            "restorePrompt",
            QMessageBox.Icon.Question,
            "Unsaved changes were recovered",
            f"An autosaved copy of {name} holds changes that were never saved "
            f"({recovery.describe(copy)}).{changed}{more}\n\nRestore them (Compare also "
            "lists what they change against the saved file), or discard them and open the file "
            "as it was last saved?",
            [
                ("&Restore changes", accept),
                # Not "&compare": GNOME's and KDE's themes label Cancel "&Cancel".
                ("Restore and co&mpare", accept),
                ("&Discard changes", destroy),
            ],  # fmt: skip
            default=0,
        )
        return ("restore", "compare", "discard", "cancel")[3 if choice is None else choice]

    def _choose(
        self,
        name: str,
        icon: QMessageBox.Icon,
        title: str,
        text: str,
        buttons: list[tuple[str, QMessageBox.ButtonRole]],
        default: int,
    ) -> int | None:
        """Ask with the named buttons and Cancel: the index of the one clicked, None for Cancel
        (or the box closed)."""
        box = QMessageBox(
            icon, title, plain(text), QMessageBox.StandardButton.NoButton, self._window
        )
        box.setObjectName(name)
        added = [box.addButton(label, role) for label, role in buttons]
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(added[default])
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        return next((number for number, button in enumerate(added) if button is clicked), None)

    def try_open(self, path: str | Path) -> str | None:
        """Open ``path`` without any dialog; returns the user-facing error, or None."""
        path = Path(path).absolute()
        # Read, scored and shown in one hold of the cyclic collector (see _replace).
        with busy(self._window, f"Opening {path.name}…"), collector.paused():
            try:
                opened = fileformat.read_file(path)
            except RRiskError as error:
                return self._cannot_open(path, str(error))
            self._replace(opened.document, path, opened.attachments)
        self._opened(path, opened)
        return None

    def _cannot_open(self, path: Path, error: str) -> str:
        """What is said of a file that could not be read (``error``, the reading error).

        Gone from a folder that is there: off the list. A folder out of reach now (a network
        drive disconnected) keeps it listed, marked unavailable, and is said to be so: "does
        not exist" read as the file deleted."""
        state = recent_file_state(path)
        if state == "not found":
            self._settings.remove_recent_file(path)
        elif state == "unavailable":
            return (
                f"{path}: its folder cannot be reached ({path.parent} is not there: a "
                "network drive disconnected, a disk removed, or the folder moved or deleted)"
            )
        return error

    def _opened(self, path: Path, opened: fileformat.RRiskFile) -> None:
        self._settings.add_recent_file(path)
        self._settings.set_last_folder(path)
        older = opened.older_version()
        if older is not None:
            say_done(
                self._window,
                f"{path.name} is in {older}; saving it writes version "
                f"{fileformat.FORMAT_VERSION}, which older releases of RRisk cannot open",
            )

    def _replace(
        self,
        document: Assessment,
        path: Path | None,
        attachments: dict | None = None,
        result: ScoreResult | None = None,
    ) -> None:
        self.autosaver.discard()
        # The views build their rows and the document is scored with the cyclic collector
        # held, as the file was read, and then one full collection walks what they made
        # once: left to itself, the collector walked the objects of 2,000 × 40 three times,
        # ~0.5 s of opening it or of the first edits after (rrisk.collector.collect_built).
        with collector.paused():
            self._controller.set_document(document, path, attachments, result)
            collector.collect_built()
        self._stamp = disk_stamp(_status(path)) if path is not None else None
        self.is_open = True
        self._lock(path)
        self.documentOpened.emit()

    def recheck_lock(self) -> None:
        """Look again at who has the open file, when this window holds no lock on it (a
        colleague had it open): the colleague gone, the lock is taken over and the warning
        goes, so the next colleague to open it is warned in turn; still there, the warning
        names who has it now. Called when the window comes to the front."""
        path = self._controller.path if self.is_open and not self._shut else None
        if path is not None and self.lock.held is None and path.exists():
            self._lock(path)

    def _lock(self, path: Path | None) -> None:
        if path is None:
            self.lock.release()
            self.lockWarning.emit("")
            return
        self.lockWarning.emit(self.lock.acquire(path) or "")

    def _with_default_author(self, document: Assessment) -> Assessment:
        """The user's default author on a new document, also in place of a template's
        placeholder ("RRisk template"), which the memo's check would flag."""
        from rrisk.templates import PLACEHOLDER_AUTHORS

        author = self._settings.default_author()
        if author_problem(author):
            return document  # (a settings file edited by hand) the document could not be saved
        if author and document.author.strip().casefold() in PLACEHOLDER_AUTHORS:
            document.author = author
        return document

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the document to its file (Save As when it has none); whether it was saved.
        Returns once the file is written, the window painting meanwhile (see :meth:`_write`)."""
        if self.say_saving() or not self.is_open or not self._typing_applied():
            return False
        path = self._controller.path
        if path is None:
            return self.save_as()
        status = _status(path)  # None: the file is gone, and saving writes it again
        decided = None if status is None else self._instead_of_replacing(path, status)
        return self._write(path, in_place=True) if decided is None else decided

    def changed_on_disk(self) -> bool:
        """Whether the open file was changed on disk (or removed) since it was opened or
        saved here: another program or a colleague's copy of RRisk wrote it."""
        path = self._controller.path
        if path is None or self._stamp is None:
            return False
        return disk_stamp(_status(path)) != self._stamp

    def _instead_of_replacing(self, path: Path, status: os.stat_result) -> bool | None:
        """Before saving over the open file: None to go on; else what Save ends with.

        A read-only file, or one this user may only read (a colleague's), is not replaced (a
        copy is offered: Save As); a file changed on disk
        since it was opened or saved here (another program, a colleague's copy) is replaced
        only when the user says so."""
        if read_only(path):
            answer = QMessageBox.question(
                self._window,
                "The file is read-only",
                plain(
                    f"{path} is read-only, so it is not replaced. Save a copy under another "
                    "name instead?"
                ),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            return answer == QMessageBox.StandardButton.Save and self.save_as()
        if self._stamp is None or disk_stamp(status) == self._stamp:
            return None
        choice = self._choose(
            "changedOnDisk",
            QMessageBox.Icon.Warning,
            "The file changed on disk",
            f"{path.name} was changed on disk after you opened or last saved it (another "
            "program, or a colleague's copy of RRisk, saved it). Saving replaces those changes "
            "with yours.",
            [
                ("&Replace with mine", QMessageBox.ButtonRole.DestructiveRole),
                ("Save &As…", QMessageBox.ButtonRole.AcceptRole),
            ],  # fmt: skip
            default=1,
        )
        if choice == 1:
            return self.save_as()
        return None if choice == 0 else False

    def save_as(self) -> bool:
        """Save the document under a name asked for; whether it was saved (see :meth:`save`)."""
        if self.say_saving() or not self.is_open or not self._typing_applied():
            return False
        current = self._controller.path
        if current is None:
            suggestion = str(Path(self._settings.last_folder()) / self._suggested_name())
        elif not _folder_exists(current):
            # Its folder gone (a drive disconnected): the dialog would open wherever the app
            # was started from, so it opens where documents were last kept.
            suggestion = str(Path(self._settings.last_folder()) / current.name)
        elif current.exists() and (self.changed_on_disk() or read_only(current)):
            # Another copy was saved there since, or the file may only be read (Save offers
            # a copy of it): offer a name of its own, not that file.
            suggestion = str(_free_sibling(current))
        else:
            suggestion = str(current)
        path, _filter = QFileDialog.getSaveFileName(
            self._window, "Save assessment as", suggestion, FILE_FILTER
        )
        if not path:
            return False
        suffixes = (fileformat.EXTENSION,)
        if self._held_elsewhere(named_target(path, suffixes, fileformat.EXTENSION)):
            return False  # refused before asking whether to replace it
        chosen = chosen_target(self._window, path, suffixes, fileformat.EXTENSION)
        if chosen is None:
            return False
        target = chosen
        if not self._may_save_as(target):
            return False
        if not self._write(target):
            return False
        self._controller.set_path(target)
        self._lock(target)
        self._settings.set_last_folder(target)
        self._settings.add_recent_file(target)
        self.savedAs.emit()
        return True

    def _may_save_as(self, target: Path) -> bool:
        """Whether ``target`` may be written over: not while another window here has it open,
        and only when asked if another copy of RRisk has it open."""
        current = self._controller.path
        try:
            same = current is not None and os.path.samefile(current, target)
        except OSError:
            same = False
        if same:
            # The open file under its own name: Save As is then a Save, and asks as Save
            # does before replacing what a colleague's copy or another program wrote there.
            status = _status(target)
            if status is None or self._stamp is None or disk_stamp(status) == self._stamp:
                return True
            return self._confirm(
                "The file changed on disk",
                f"{target.name} was changed on disk after you opened or last saved it (another "
                "program, or a colleague's copy of RRisk, saved it). Saving replaces those "
                "changes with yours.\n\nReplace it with yours?",
            )
        if self._held_elsewhere(target):
            return False
        warning = someone_else_has_open(target)
        return warning is None or self._confirm(
            "Replace a file in use?", f"{target}: {warning}\n\nSave over it anyway?"
        )

    def _held_elsewhere(self, target: Path) -> bool:
        """Whether another window here has ``target`` open (said, as a refusal)."""
        holder = window_holding(target)
        if holder is None or holder is self._window:
            return False
        QMessageBox.critical(
            self._window,
            "Cannot save the file",
            plain(
                f"{target} is open in another RRisk window. Close it there first, or "
                "choose another name."
            ),
        )
        return True

    def _confirm(self, title: str, text: str) -> bool:
        return confirm(self._window, title, text)

    def _suggested_name(self) -> str:
        return document_stem(None, self._controller.document.title) + fileformat.EXTENSION

    @property
    def saving(self) -> bool:
        """Whether the document is being written to its file now."""
        return self._saving is not None

    def say_saving(self) -> bool:
        """Whether the document is being written now: a save, a Save As or a close asked for
        meanwhile (by no key or click: those wait) is refused with a word, said aloud too (a
        screen reader does not read the status bar by itself)."""
        job = self._saving
        if job is None:
            return False
        message = f"{job.path.name} is being saved; wait for it to end first"
        say_done(self._window, message)
        announce(self._window, message)
        return True

    def when_saved(self, then: Callable[[], object]) -> None:
        """Run ``then`` once the save under way has ended (at once when none is)."""
        if self._saving is None:
            then()
        else:
            self._after_save.append(then)

    def _write(self, path: Path, in_place: bool = False) -> bool:
        """Write the document to ``path``; whether it was written. ``in_place``: Save of the
        open file, which offers Save As when the file's folder cannot be written (as for a
        read-only file: the file can then only be read).

        The file is written in a worker thread (:class:`~desktop.files.jobs.SaveJob`, from a
        snapshot of the document) while the window goes on painting, and "Saving NAME…" shows
        in a progress window once it has taken a moment; this returns once the file is
        written, so whatever follows a save (closing, quitting, Save As's new name) comes
        after it, and a failure is said as before. Keys and clicks wait meanwhile: they are
        handled once the file is written, so an edit typed during the save is made after it
        and leaves the document modified. A change made meanwhile without them (a background
        job's result) is not in the file either: the document then stays modified. The saved
        mark, the recovery copy's removal and what the callers do next (the lock, the recent
        files, :attr:`savedAs`) all wait for the file to be written, and what waited for the
        save (a close asked for meanwhile) for its failure to be said, and the Save As offered
        then: not in a second box over them."""
        try:
            return self._write_said(path, in_place)
        finally:
            after, self._after_save = self._after_save, []
            for then in after:
                QTimer.singleShot(0, then)

    def _write_said(self, path: Path, in_place: bool) -> bool:
        """:meth:`_write` but for what waited for the save."""
        # A step of the history (an edit, an undo, a redo) made while the file is written is
        # not in it: the controller counts them, as it does for whatever else asks whether
        # an action changed the document.
        moves = self._controller.history_moves
        try:
            with busy(self._window, f"Saving {path.name}…"):
                written = self._write_in_background(path)
        except (RRiskError, OSError) as error:
            problem = (
                f"{path}: {error.strerror or error}" if isinstance(error, OSError) else str(error)
            )
            if in_place and not _folder_writable(path):
                folder = (
                    "The folder cannot be written"
                    if _folder_exists(path)
                    else f"The folder is no longer there: a file named {_folder_name(path)} "
                    "now stands in its place (the folder moved, renamed or deleted, and a file "
                    "saved under its name)"
                    if _file_in_folder_place(path)
                    else "The folder is no longer there (moved, renamed or deleted, or its drive "
                    "is not connected)"
                )
                choice = self._choose(
                    "folderNotWritable",
                    QMessageBox.Icon.Warning,
                    "Cannot save the file",
                    f"{problem}\n\n{folder}, so {path.name} cannot be saved in it. Save a copy "
                    "under another name instead?",
                    [("Save &As…", QMessageBox.ButtonRole.AcceptRole)],
                    default=0,
                )
                return choice == 0 and self.save_as()
            QMessageBox.critical(self._window, "Cannot save the file", plain(problem))
            return False
        except Exception as error:  # noqa: BLE001 - a failure said, never a crash nor a close
            problem = f"{path}: could not be saved ({type(error).__name__}: {error})"
            QMessageBox.critical(
                self._window,
                "Cannot save the file",
                plain(f"{problem}\n\nYour changes are kept here, not saved yet."),
            )
            return False
        if self._controller.history_moves == moves:
            self._controller.mark_saved()
        else:  # changed while it was written: what the file lacks is still unsaved
            self._controller.undo_stack.resetClean()
            self._controller.settle_ids(written)  # what the file holds keeps its ids
        self._stamp = disk_stamp(_status(path))
        self.saved.emit(str(path))
        return True

    def _write_in_background(self, path: Path) -> Assessment:
        """Write the document to ``path`` in a worker thread, running the window's events but
        its keys and clicks until it is written (see :meth:`_write`); raises what stopped it.
        The document as written (a snapshot of it)."""
        written = snapshot(self._controller.document)
        job = SaveJob(written, path, self._controller.attachments)
        progress = progress_dialog(
            self._window,
            f"Saving {path.name}…",
            "Save assessment",
            name="saveProgress",
            modality=Qt.WindowModality.NonModal,  # keys and clicks wait anyway (below)
        )
        progress.setCancelButton(None)  # written whole or not at all: there is no stopping it
        # Shown without the focus: keys typed meanwhile go to the field in use once the file
        # is written, not to the progress window, which took them and dropped them as it closed.
        progress.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        progress.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus)
        said = say_when_shown(progress)  # not read as it appears, without the focus
        self._saving = job
        try:
            wait_for(job, self._save_pool, keys=False)
            if not job.done.is_set():
                # The loop was ended from outside (the application quitting): the file is
                # still written whole, and said so, before anything goes on.
                self._save_pool.waitForDone()
        finally:
            self._saving = None
            took_focus = progress.isActiveWindow()
            progress.close()
            progress.deleteLater()
            if took_focus:
                # The progress took the focus (where a window shown without it still gets
                # it): the field in use gets it back, keys go on there. Not a window the
                # user went to meanwhile: it keeps the front.
                self._window.activateWindow()
        if job.error is not None:
            raise job.error  # said by a message box, which a screen reader reads
        if said.shown:  # its end too: the progress window goes without a word
            announce(self._window, f"Saved {path.name}", polite=True)
        return written

    def _typing_applied(self) -> bool:
        """Apply the value being typed (see :func:`commit_typing`); False when it is refused.

        A refused value (a date that is not one) puts the field back to its stored value; the
        save or the close stops there with the reason, so the user learns that what they typed
        is not in the file before anything is written or dropped. Repeating the command goes
        on without it."""
        refused: list[str] = []
        self._controller.errorOccurred.connect(refused.append)
        try:
            with self._controller.refusals_shown_in_place():  # in the box below
                commit_typing(self._window)
        finally:
            self._controller.errorOccurred.disconnect(refused.append)
        if refused:
            QMessageBox.warning(
                self._window,
                "The value you typed was not applied",
                plain(
                    f"{refused[-1]}\n\nThe field shows its previous value again and nothing "
                    "else was done: type the value again, or repeat the command to go on "
                    "without it."
                ),
            )
            return False
        return True

    # -- closing --------------------------------------------------------------------------
    def maybe_save(self, before: str = "closing it") -> bool:
        """True when it is fine to drop the document (saved, discarded, or nothing open).

        ``before`` finishes the question with what is about to happen ("opening another
        file", "starting a new assessment"), so the prompt says why it appears. What is being
        typed counts: it is applied first, and a value that is refused (a date that is not
        one) keeps the document open with the reason, so what was typed can be corrected."""
        if self.say_saving() or (self.is_open and not self._typing_applied()):
            return False
        if not self.is_open or not self._controller.is_modified:
            return True
        name = self._controller.path.name if self._controller.path else "the new assessment"
        answer = QMessageBox.warning(
            self._window,
            "Unsaved changes",
            plain(
                f"Save the changes to {name} before {before}?\n\n"
                "Your changes are lost if you don't save them."
            ),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def shutdown(self) -> None:
        """The window is closing and the user chose: no recovery copy, no lock left behind,
        no file left being opened (its job stops, reporting nothing)."""
        self._end_opening()
        self._autosave_timer.stop()
        self.autosaver.discard()
        self.lock.release()
        self._shut = True  # a window closing may still be activated: it takes no lock again

    def close_document(self) -> bool:
        """Close the document (asking about unsaved changes) and return to the start screen."""
        if self.say_opening() or not self.maybe_save():
            return False
        self._controller.set_document(new_assessment(), None)
        self.autosaver.discard()
        self._lock(None)
        self.is_open = False
        self.documentClosed.emit()
        return True


def author_problem(author: str) -> str | None:
    """Why an assessment cannot have ``author`` as its author (over 500 characters, a control
    character), as its form would say it; None when it can."""
    from pydantic import ValidationError

    from rrisk.messages import describe_field_problem, describe_validation_error

    try:
        Assessment.model_validate({"title": "Untitled", "author": author})
    except ValidationError as error:
        described = describe_field_problem(error)
        return describe_validation_error(error, author) if described is None else described[1]
    return None


def _folder_writable(path: Path) -> bool:
    """Whether this user may write in the folder of ``path`` (of the file it links to): a
    save writes a new file there and renames it over the old one."""
    try:
        if _file_in_folder_place(path):
            return False  # (the file there may be writable: no folder is)
        return os.access(real_path(path).parent, os.W_OK)
    except (OSError, ValueError):
        return True  # cannot be told: the save's own message says what happened


def _folder_exists(path: Path) -> bool:
    """Whether the folder of ``path`` (of the file it links to) is there."""
    return os.path.isdir(real_path(path).parent)


def _file_in_folder_place(path: Path) -> bool:
    """Whether something other than a folder (a file) is where the folder of ``path`` was."""
    parent = real_path(path).parent
    return os.path.lexists(parent) and not os.path.isdir(parent)


def _folder_name(path: Path) -> str:
    return real_path(path).parent.name or str(real_path(path).parent)


def _free_sibling(path: Path) -> Path:
    """A name beside ``path`` that no file has: "case (2).rrisk", "case (3).rrisk"… (the
    stem cut where the name would pass 255 bytes)."""
    number = 2
    while True:
        stem, tail = path.stem, f" ({number}){path.suffix}"
        while stem and len(os.fsencode(stem + tail)) > 255:
            stem = stem[:-1]
        candidate = path.with_name(stem + tail)
        try:
            if not candidate.exists():
                return candidate
        except OSError:
            return candidate  # cannot be looked at: the save dialog says what it finds
        number += 1
