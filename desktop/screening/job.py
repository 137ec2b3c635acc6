"""Screening and list imports off the GUI thread.

``ScreenJob`` screens a snapshot of the document's counterparties against one list (the
bundled list is built in memory in the worker; an imported list is read from the user's
store, which each thread opens on its own connection). ``ImportJob`` reads a list file of
hundreds of thousands of rows into the store, reporting progress and honouring Cancel; a
cancelled or failed import leaves the store as it was (one transaction). ``RemoveJob``
deletes an imported list (seconds for a large one, or a wait for a store another window
holds), also in one transaction.

A job that was cancelled reports nothing; the panel that started it drops late results.
Both are :class:`~desktop.files.jobs.BackgroundJob`: kept alive until their run ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.document.commands import snapshot
from desktop.files.jobs import BackgroundJob
from rrisk.errors import RRiskError
from rrisk.model import Assessment


@dataclass(frozen=True)
class ListChoice:
    """A list the user can screen against."""

    name: str
    as_of: str
    entries: int
    bundled: bool
    indexing: bool = False
    """An imported list whose store must be indexed again (after an update) before a search."""
    version: tuple[str, str, int, str] | None = None
    """Which import of the list this is, as :func:`rrisk.screening.screen.list_version` tells
    it (None: the bundled list, which a release changes)."""

    def label(self) -> str:
        noun = "entry" if self.entries == 1 else "entries"
        kind = "bundled" if self.bundled else f"{self.entries:,} {noun}"
        as_of = f"as of {self.as_of}" if self.as_of else "no as-of date"
        return f"{self.name} ({kind}, {as_of})"


def available_lists() -> tuple[list[ListChoice], str, bool]:
    """The bundled list then the imported ones, a problem reading the store ('' if none), and
    whether that problem is the store being busy with an import (it passes; a damaged store
    stays so until it is deleted, and its problem says what to do)."""
    from rrisk.screening.listfile import (
        ListImportError,
        StoreBusy,
        StoreDamaged,
        bundled_list,
        damaged_store_help,
    )
    from rrisk.screening.store import ListStore, store_exists

    bundled = bundled_list()
    choices = [ListChoice(bundled.name, bundled.as_of, len(bundled.notes), True)]
    if not store_exists():  # no list imported yet: nothing to read, and nothing to make
        return choices, "", False
    try:
        # On the GUI thread: the lists without indexing the store again after an update,
        # which the screening job does in the background when it searches.
        with ListStore(reindex=False) as store:
            stored = store.lists()
            indexing = store.needs_reindex()
    except StoreBusy as error:
        return choices, str(error), True
    except StoreDamaged as error:
        return choices, f"{error}. {damaged_store_help()}", False
    except ListImportError as error:  # (one that may not be opened: not to be deleted)
        return choices, str(error), False
    choices += [
        ListChoice(
            info.name,
            info.as_of,
            info.entries,
            False,
            indexing,
            (info.as_of, info.source, info.entries, info.digest),  # as list_version reads it
        )
        for info in stored
    ]
    return choices, "", False


class ScreenSignals(QObject):
    progress = Signal(int, int)
    """Counterparties screened, counterparties in all (at most a thousand steps)."""
    indexing = Signal(int)
    """Per mille of the imported lists indexed again after an update, before the search."""
    finished = Signal(object)
    """A :class:`rrisk.screening.screen.ScreeningReport`."""
    failed = Signal(str)


class ScreenJob(BackgroundJob):
    """Screens every project's counterparties and region against the list ``list_name``."""

    def __init__(self, document: Assessment, list_name: str) -> None:
        super().__init__()
        self.signals = ScreenSignals()
        self._document = snapshot(document)
        self.list_name = list_name

    def work(self) -> None:
        from rrisk.screening.listfile import ImportCancelled
        from rrisk.screening.screen import (
            ScreeningCancelled,
            list_version,
            open_list,
            screen_document,
        )

        last = [-1]

        def progress(done: int, total: int) -> None:
            step = done * 1000 // max(total, 1)
            if step != last[0]:  # a signal per per-mille step, not per counterparty
                last[0] = step
                self.signals.progress.emit(done, total)

        def indexing(fraction: float) -> None:
            self.signals.indexing.emit(int(fraction * 1000))

        try:
            store, name, as_of = open_list(self.list_name, self._cancel.is_set, indexing)
            try:
                report = screen_document(
                    self._document, store, name, as_of, self._cancel.is_set, progress
                )
                # Which import of the list it was: the check before a memo reads the hits
                # from this screening while the list is still that one (see current_report).
                report.version = list_version(store, name)
            finally:
                store.close()
        except (ImportCancelled, ScreeningCancelled):
            return  # cancelled (perhaps while the store was indexed again): nothing to report
        except RRiskError as error:
            if not self.cancelled:
                self.signals.failed.emit(str(error))
            return
        except Exception as error:  # noqa: BLE001 - reported in one line, never a crash
            if not self.cancelled:
                self.signals.failed.emit(f"screening failed ({type(error).__name__}: {error})")
            return
        if not self.cancelled:
            self.signals.finished.emit(report)


class ImportSignals(QObject):
    progress = Signal(int)
    """Per mille of the file read."""
    finished = Signal(object)
    """The :class:`rrisk.screening.store.ListInfo` of the stored list."""
    failed = Signal(str)
    cancelled = Signal()


class ImportJob(BackgroundJob):
    """Imports a list file in the OpenSanctions ``targets.simple.csv`` layout into the store."""

    def __init__(self, path: str | Path, name: str, as_of: str) -> None:
        super().__init__()
        self.signals = ImportSignals()
        self.path = str(path)
        self.name = name
        self.as_of = as_of

    def work(self) -> None:
        from rrisk.screening.listfile import ImportCancelled
        from rrisk.screening.store import ListStore

        last = [-1]

        def progress(fraction: float) -> None:
            step = int(fraction * 1000)
            if step != last[0]:  # a signal per per-mille step, not per row
                last[0] = step
                self.signals.progress.emit(step)

        try:
            with ListStore() as store:
                info = store.import_file(
                    self.path, self.name, self.as_of, self.path, progress, self._cancel.is_set
                )
        except ImportCancelled:
            self.signals.cancelled.emit()
            return
        except RRiskError as error:
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.failed.emit(str(error))
            return
        except Exception as error:  # noqa: BLE001 - reported in one line, never a crash
            self.signals.failed.emit(
                f"{self.path}: the list was not imported ({type(error).__name__}: {error})"
            )
            return
        # Committed: a Cancel pressed after the last row came too late to undo the import.
        self.signals.finished.emit(info)


class RemoveSignals(QObject):
    finished = Signal(object)
    """The :class:`rrisk.screening.store.ListInfo` of the list removed."""
    failed = Signal(str)


class RemoveJob(BackgroundJob):
    """Removes the imported list ``name`` from the store (:func:`~rrisk.screening.store.remove_list`)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.signals = RemoveSignals()
        self.name = name

    def work(self) -> None:
        from rrisk.screening.store import remove_list

        try:
            info = remove_list(self.name)
        except RRiskError as error:
            self.signals.failed.emit(str(error))
            return
        except Exception as error:  # noqa: BLE001 - reported in one line, never a crash
            self.signals.failed.emit(
                f"the list {self.name} was not removed ({type(error).__name__}: {error})"
            )
            return
        self.signals.finished.emit(info)


class CheckSignals(QObject):
    progress = Signal(int, int)
    """Counterparties screened, counterparties in all."""
    finished = Signal(object)
    """A :class:`rrisk.screening.screen.UndecidedHits`."""


class CheckJob(BackgroundJob):
    """The check before a memo's screening against the imported list the document records:
    the hits no decision covers (see :func:`rrisk.screening.screen.undecided_hits`), Cancel
    asked between counterparties. It always reports, a failure as the list passed over."""

    def __init__(self, document: Assessment) -> None:
        super().__init__()
        self.signals = CheckSignals()
        self._document = snapshot(document)

    def work(self) -> None:
        from rrisk.screening.screen import UndecidedHits, undecided_hits

        document = self._document
        try:
            found = undecided_hits(document, self._cancel.is_set, self.signals.progress.emit)
        except Exception as error:  # noqa: BLE001 - said in the check's note, never a crash
            found = UndecidedHits(
                document.screening.list_name.strip(),
                passed_over=f"the check failed ({type(error).__name__}: {error})",
            )
        if not self.cancelled:  # (the check went on without it)
            self.signals.finished.emit(found)
