"""Long jobs off the GUI thread: the memo export (and the earlier version its "Changes since"
reads), opening a large file, with progress and cancel, and writing a file saved.

:class:`BackgroundJob` is what every job of the app shares (the memo, a comparison,
screening, a list import): a cancel flag the work checks, and a reference to itself while it
runs, so a job whose owner let go of it (a cancelled job, a closed window) is not freed
mid-run. :func:`start` runs one in the thread pool.

The job works on a snapshot of the document (:func:`desktop.document.commands.snapshot`),
so edits made while it runs cannot race with it; the core function it calls reports progress
through a callback and checks a cancel flag, and knows nothing of Qt.

A job the window waits for as for a call that returns (the save, the check before a memo) is
waited for by :func:`wait_for`: in an event loop of its own, with Cancel, ending when the
window closes.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.document.commands import snapshot
from rrisk import collector, fileformat
from rrisk.errors import RRiskError
from rrisk.fileformat import atomic_write_bytes
from rrisk.model import Assessment
from rrisk.stopping import ReadStopped

if TYPE_CHECKING:
    from desktop.files.recovery import Autosaver
    from rrisk.compare import Earlier
    from rrisk.scoring import ScoreResult


class JobSignals(QObject):
    """Signals of a background job (delivered in the GUI thread)."""

    progress = Signal(int, str)
    finished = Signal(str)
    failed = Signal(str)
    cancelled = Signal()


_RUNNING: dict[int, QRunnable] = {}
"""Jobs started whose signals have not all arrived yet, by ``id`` (see :func:`start`)."""

HEAVY = ("_document", "document", "_since", "_base", "_attachments")
"""What a job holds of the documents: let go of with its signals once it has ended."""


COLLECT_EVERY_MS = 100
"""How often the GUI thread runs the collections that fall due while jobs hold the collector."""


class _Keeper(QObject):
    """Empties a job in the GUI thread, once the signals it sent have arrived there; and
    keeps Python's cyclic collector out of the worker threads while jobs run (see
    :mod:`rrisk.collector`): it holds automatic collection from the first job's start to the
    last one's end, and runs the collections that fall due meanwhile here, in the GUI thread.
    """

    release = Signal(object)  # the id of the job (a 64-bit number)

    def __init__(self) -> None:
        super().__init__()
        self.release.connect(self._release, Qt.ConnectionType.QueuedConnection)
        self._collect = QTimer(self)
        self._collect.setInterval(COLLECT_EVERY_MS)
        self._collect.timeout.connect(collector.collect_due)

    def started(self) -> None:
        collector.hold()
        self._collect.start()

    def _release(self, key: int) -> None:
        job = _RUNNING.pop(key, None)
        if job is None:
            return
        for name in HEAVY:
            if hasattr(job, name):
                setattr(job, name, None)
        if hasattr(job, "signals"):
            # Its connections go with it: they held the window that started the job.
            del job.signals
        if not _RUNNING:
            self._collect.stop()
        collector.release()


_KEEPER: _Keeper | None = None


_POOLS: list[weakref.ref[QThreadPool]] = []
"""The pools of their own jobs were started in (held weakly: a window's pool goes with it),
waited for at the process's exit with Qt's shared pool (see :func:`_at_exit`). The shared
pool is asked for then: its Python wrapper is let go of as soon as it is used, so held
weakly it was gone by the exit, and the jobs started without a pool were not waited for."""
_EXITING = threading.Event()
EXIT_WAIT_MS = 5_000
"""How long the process's exit waits for its jobs, cancelled, to end."""


def _at_exit() -> None:
    """At the process's exit with jobs still running (a script, or the app ended without its
    window closed): cancel them and wait for them to end, before Qt deletes the objects
    their signals are sent from. A job that sent one after that printed a traceback ending
    "RuntimeError: Signal source has been deleted"; one that outlasts the wait ends quietly
    (:meth:`BackgroundJob.run`)."""
    _EXITING.set()
    for job in list(_RUNNING.values()):
        cancel = getattr(job, "cancel", None)
        if callable(cancel):
            cancel()
    pools = [held() for held in _POOLS]
    for pool in (QThreadPool.globalInstance(), *pools):
        with contextlib.suppress(RuntimeError):  # (a pool Qt has deleted has no job left)
            if pool is not None:
                pool.waitForDone(EXIT_WAIT_MS)


def ended(job: QRunnable) -> None:
    """Called by a job, in its worker thread, as the last thing its ``run`` does: the GUI
    thread empties it once the signals it sent before have arrived (queued signals from one
    thread to another arrive in the order they were sent)."""
    if _KEEPER is not None:
        _KEEPER.release.emit(id(job))


class BackgroundJob(QRunnable):
    """A cancellable job for the thread pool; subclasses do their work in :meth:`work`."""

    def __init__(self) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            self.work()
        except RuntimeError:
            if not _EXITING.is_set():
                raise
            # The process is ending and Qt has deleted the job's signals: nobody is left to
            # tell (see _at_exit).
        finally:
            try:
                ended(self)
            except RuntimeError:
                if not _EXITING.is_set():
                    raise

    def work(self) -> None:
        raise NotImplementedError


class MemoJob(BackgroundJob):
    """Writes the IC memo for a document (snapshot) and scenario to ``path``: a Word document
    when the path ends in ``.docx``, else a PDF."""

    def __init__(
        self,
        document: Assessment,
        path: str | Path,
        scenario: str | None,
        since: Assessment | Earlier | None = None,
    ) -> None:
        super().__init__()
        self.signals = JobSignals()
        self._document = snapshot(document)
        self._since = since
        """An earlier version: the memo gains a "Changes since" section (read-only here)."""
        self._path = str(path)
        self._scenario = scenario

    @property
    def path(self) -> str:
        """The file the memo is written to."""
        return self._path

    def work(self) -> None:
        # Imported here: reportlab is not needed to start the app or open a file.
        from reports.memo import MemoCancelled, build_memo

        build = build_memo
        if self._path.lower().endswith(".docx"):
            from reports.word import build_docx as build

        try:
            data = build(
                self._document,
                self._scenario,
                progress=self.signals.progress.emit,
                cancelled=self._cancel.is_set,
                since=self._since,
            )
            # A Cancel pressed while the last page was set still leaves no file behind.
            if self._cancel.is_set():
                raise MemoCancelled("the memo export was cancelled")
            atomic_write_bytes(self._path, data)
        except MemoCancelled:
            self.signals.cancelled.emit()
        except RRiskError as error:
            self.signals.failed.emit(str(error))
        except OSError as error:
            reason = str(error.strerror or error)
            other = error.filename and Path(error.filename).parent != Path(self._path).parent
            if other:  # not the memo's folder: a file the build needed (a font, a template)
                self.signals.failed.emit(f"the memo could not be built: {error.filename}: {reason}")
            else:
                self.signals.failed.emit(f"{self._path}: {reason}")
        except Exception as error:  # noqa: BLE001 - report any failure instead of dying silently
            self.signals.failed.emit(
                f"the memo could not be built ({type(error).__name__}: {error})"
            )
        else:
            self.signals.finished.emit(self._path)


class EarlierSignals(QObject):
    finished = Signal(object)
    """The earlier version's :class:`rrisk.fileformat.RRiskFile`."""
    failed = Signal(str)
    """Why it cannot be read (the reading error's message, which names the file)."""


class EarlierJob(BackgroundJob):
    """Reads the earlier version a memo's "Changes since" is against (File → Export IC Memo
    with Changes Since…): a large file or one on a slow share takes a second or more, which
    the window no longer stops for. A cancelled job reports nothing, and stops reading at the
    reader's next stop point (:mod:`rrisk.stopping`)."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.signals = EarlierSignals()
        self.path = path

    def work(self) -> None:
        try:
            earlier = fileformat.read_file(self.path, should_stop=self._cancel.is_set)
        except ReadStopped:
            return  # cancelled: nothing to say
        except RRiskError as error:
            message = str(error)
        except OSError as error:
            message = f"{self.path}: {error.strerror or error}"
        except Exception as error:  # noqa: BLE001 - said as the file's error, never a crash
            message = f"{self.path}: the file could not be read ({type(error).__name__}: {error})"
        else:
            if not self._cancel.is_set():
                self.signals.finished.emit(earlier)
            return
        if not self._cancel.is_set():
            self.signals.failed.emit(message)


class AutosaveSignals(QObject):
    finished = Signal(str)
    """Why the copy could not be written ('' when it was, or was no longer needed)."""


class AutosaveJob(BackgroundJob):
    """Writes a window's recovery copy of a snapshot of its document (see
    :class:`desktop.files.recovery.Autosaver`): a large document's copy takes a second or
    more to write, which the window no longer waits for every few minutes."""

    def __init__(
        self,
        autosaver: Autosaver,
        document: Assessment,
        original: Path | None,
        attachments: dict[str, bytes],
        base: tuple[int, int] | None,
    ) -> None:
        super().__init__()
        self.signals = AutosaveSignals()
        self._autosaver = autosaver
        self._document = snapshot(document)
        self._attachments = dict(attachments)
        self._original = original
        self._base = base
        self._generation = autosaver.generation  # a discard from now on: nothing to write

    def work(self) -> None:
        try:
            problem = self._autosaver.save(
                self._document, self._original, self._attachments, self._base, self._generation
            )
        except Exception as error:  # noqa: BLE001 - said in the window's banner, never a crash
            problem = f"the copy could not be written ({type(error).__name__}: {error})"
        self.signals.finished.emit(problem or "")


class SaveSignals(QObject):
    finished = Signal()
    """The file is written, or :attr:`SaveJob.error` says why not."""


class SaveJob(BackgroundJob):
    """Writes a window's document (a snapshot) and its attachments to its file, as File → Save
    does (:func:`rrisk.fileformat.save`: checked, then written atomically): a large document
    takes a second or more to write, during which the window goes on painting. It cannot be
    cancelled: the file is written whole or not at all. What stopped it is kept in
    :attr:`error`, for the window to say in its own thread as if it had saved there."""

    def __init__(self, document: Assessment, path: Path, attachments: dict[str, bytes]) -> None:
        super().__init__()
        self.signals = SaveSignals()
        self._document = document
        self._attachments = dict(attachments)
        self.path = path
        self.error: Exception | None = None
        self.done = threading.Event()
        """Set once the file is written or :attr:`error` is set (before the signal is sent)."""

    def work(self) -> None:
        try:
            fileformat.save(self._document, self.path, self._attachments)
        except Exception as error:  # noqa: BLE001 - raised again in the window's thread
            self.error = error
        finally:
            self.done.set()
            self.signals.finished.emit()


@dataclass(frozen=True)
class Read:
    """A file an :class:`OpenJob` read: its contents as checked, and its document's scores
    (the baseline's, as a document is shown when it opens)."""

    key: int
    """The job that read it (its ``id``): a cancelled job's report is told apart by it."""
    file: fileformat.RRiskFile
    result: ScoreResult
    status: os.stat_result | None
    """The file's time and size when it was read: a save in the seconds before the window shows
    it is then seen as a change on disk, not taken for the version shown."""


class OpenSignals(QObject):
    finished = Signal(object)
    """A :class:`Read`."""
    failed = Signal(object, str)
    """The job's key and why the file cannot be opened (the reading error's message)."""


class OpenJob(BackgroundJob):
    """Reads, checks and scores a ``.rrisk`` file for a window to show: a large one takes a
    second or more (2,000 × 40: ~1.4 s), which the window no longer stops for. Nothing of the
    window is touched here; the window shows the document once this has ended. A cancelled
    job reports nothing, and stops reading at the reader's next stop point
    (:mod:`rrisk.stopping`): a Cancel or a Quit meanwhile waits for no more of the read."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.signals = OpenSignals()
        self.path = path

    def work(self) -> None:
        from rrisk.scoring import score

        key = id(self)
        try:
            try:
                status: os.stat_result | None = self.path.stat()
            except OSError:
                status = None  # (reading it says why)
            opened = fileformat.read_file(self.path, should_stop=self._cancel.is_set)
            if self._cancel.is_set():
                return
            result = score(opened.document)
        except ReadStopped:
            return  # cancelled: nothing to say
        except RRiskError as error:
            message = str(error)
        except Exception as error:  # noqa: BLE001 - said as the file's error, never a crash
            message = f"{self.path}: the file could not be read ({type(error).__name__}: {error})"
        else:
            if not self._cancel.is_set():
                self.signals.finished.emit(Read(key, opened, result, status))
            return
        if not self._cancel.is_set():
            self.signals.failed.emit(key, message)


def in_flight() -> bool:
    """Whether a job started here has signals still to arrive in the GUI thread (one stopping
    after Cancel included)."""
    return bool(_RUNNING)


def _keeper() -> _Keeper:
    """The keeper, made on first use (in the GUI thread, where jobs are started)."""
    global _KEEPER
    if _KEEPER is None:
        _KEEPER = _Keeper()
        # Registered after Qt's own clean-up (PySide6 is imported and the application made
        # by now), so it runs first: atexit calls the last registered first.
        atexit.register(_at_exit)
    return _KEEPER


def start(job: QRunnable, pool: QThreadPool | None = None) -> None:
    """Run ``job`` in ``pool`` (the global one by default).

    The pool holds the job (it does not delete itself: its signals must outlive the thread),
    and so the job is never freed; nothing of it is freed in its worker thread either, where
    a Qt object of the GUI thread must not be deleted. What it holds is let go of instead,
    in the GUI thread once its signals have arrived (:func:`ended`): its document snapshot
    and its signals object, whose connections held the window that started it. Before, each
    job kept both for good: about 16 MiB per closed window at 500 × 40."""
    keeper = _keeper()
    if id(job) not in _RUNNING:  # (one hold per job: one release comes when it ends)
        _RUNNING[id(job)] = job
        keeper.started()  # no automatic collection until it has ended (see _Keeper)
    if pool is None:
        QThreadPool.globalInstance().start(job)  # (waited for at the exit, see _at_exit)
        return
    _POOLS[:] = [held for held in _POOLS if held() is not None]
    if not any(held() is pool for held in _POOLS):
        _POOLS.append(weakref.ref(pool))
    pool.start(job)


Waited = Literal["ended", "cancelled", "closed", "stopped"]
"""How :func:`wait_for` ended: the job's run ended; Cancel was pressed; the window closed;
the loop was ended from outside (the application quitting) before any of them."""


class _Closing(QObject):
    """Calls ``closed`` when the window it watches is closed (hidden by the program, not
    minimised)."""

    def __init__(self, window: QWidget, closed: Callable[[], None]) -> None:
        super().__init__(window)
        self._closed = closed
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Hide and not event.spontaneous():
            self._closed()
        return False


def wait_for(
    job: BackgroundJob,
    pool: QThreadPool | None = None,
    *,
    progress: QProgressDialog | None = None,
    window: QWidget | None = None,
    keys: bool = True,
) -> Waited:
    """Run ``job`` (:func:`start`) and wait for it in an event loop of its own, the windows
    painting meanwhile, as a call that returns a result does: the save, the check before a
    memo. The wait ends once the job's run has ended, the signals it sent before delivered
    ("ended"; also when its work raised, which sent nothing); when ``progress``'s Cancel is
    pressed, which cancels the job ("cancelled"); when ``window`` is closed meanwhile,
    which cancels it too ("closed", also when something else ended the wait first); or when
    the loop is ended from outside, by the application quitting, which cancels it too
    ("stopped": the job may still be stopping; a save, which cannot be cancelled, goes on to
    its end).

    ``keys`` False: keys and clicks are held until the wait ends, then handled (the save: an
    edit typed meanwhile is made after the file is written). ``progress`` is left open for the
    caller to close (closing it no longer cancels)."""
    loop = QEventLoop()
    how: list[Waited] = []

    def end(reason: Waited) -> None:
        if not how:
            how.append(reason)
        loop.quit()

    def released(key: int) -> None:
        if key == id(job):
            end("ended")

    def cancel() -> None:
        job.cancel()
        end("cancelled")

    def closed() -> None:
        job.cancel()
        # Said whatever ended the wait before: the window may close in a loop nested in this
        # one (its "Save changes?" asked) after the job ended, and what waited then goes on
        # with no window (the check before a memo showed its dialog over a closed window).
        how[:] = ["closed"]
        loop.quit()

    keeper = _keeper()
    # Before the job starts: a signal reaches only the connections it has when it is sent (a
    # queued one arrives later, in the loop below), so a job that ended before this was made
    # left the wait without an end. After the keeper's own, so the job is let go of first.
    keeper.release.connect(released, Qt.ConnectionType.QueuedConnection)
    start(job, pool)
    if progress is not None:
        progress.canceled.connect(cancel)
    watch = _Closing(window, closed) if window is not None else None
    flags = (
        QEventLoop.ProcessEventsFlag.AllEvents
        if keys
        else QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
    )
    try:
        loop.exec(flags)
        if not how:
            # Ended from outside (the application quitting): nothing waits for the result
            # now, and the application's end waits for the job's (a check screening a large
            # list went on to the end of its minutes).
            job.cancel()
    finally:
        keeper.release.disconnect(released)
        if progress is not None:
            progress.canceled.disconnect(cancel)
        if watch is not None and window is not None:
            window.removeEventFilter(watch)
            watch.deleteLater()
    return how[0] if how else "stopped"


def settle() -> None:
    """Let go of the jobs that have ended now, without waiting for the event loop (a test's
    teardown after ``waitForDone``): their snapshots, and their hold on the collector."""
    if _KEEPER is not None:
        QCoreApplication.sendPostedEvents(_KEEPER, QEvent.Type.MetaCall)
