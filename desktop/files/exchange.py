"""File → Export / Import matrix: the Excel (or CSV) round trip of the risk matrix.

Export writes one row per project–criterion pair with :func:`rrisk.exchange.export_matrix`.
Import reads such a table into a copy of the open document with
:func:`rrisk.exchange.import_matrix` off the GUI thread (a large workbook takes seconds),
behind a window-modal progress dialog with Cancel, then swaps it in as one undo step, so Undo
restores the document exactly. A table that cannot be read changes nothing; the message names
the row. Cancel drops the result; the document is as it was.
pandas is only imported when one of these actions runs (inside :mod:`rrisk.exchange`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QProgressDialog, QWidget

from desktop.document.commands import snapshot
from desktop.document.controller import DocumentController
from desktop.files.jobs import BackgroundJob, start
from desktop.files.save_name import chosen_target
from desktop.settings import Settings
from desktop.ui.text import plain, plural
from desktop.ui.typing import commit_typing
from rrisk.errors import RRiskError
from rrisk.model import Assessment

XLSX_FILTER = "Excel workbook (*.xlsx)"
CSV_FILTER = "CSV table (*.csv)"
TABLE_FILTERS = f"{XLSX_FILTER};;{CSV_FILTER}"
FOLDER_PURPOSE = "matrix"


class _ImportSignals(QObject):
    finished = Signal(object)
    failed = Signal(str)


class ImportJob(BackgroundJob):
    """Reads a matrix table into a copy (snapshot) of the document, in a worker thread.

    Projects, criteria and sources the table names that the document lacks are added (a blank
    assessment can be built from a table); the window asks before applying them to a document
    that already has items, where a new id is as likely a typing mistake as a new project."""

    def __init__(self, path: Path, base: Assessment) -> None:
        super().__init__()
        self.signals = _ImportSignals()
        self.path, self._base = path, snapshot(base)

    def work(self) -> None:
        from rrisk.exchange import import_matrix

        try:
            updated = import_matrix(self.path, base=self._base, add_new=True)
        except RRiskError as error:
            self.signals.failed.emit(str(error))
        except OSError as error:
            self.signals.failed.emit(f"{self.path}: {error.strerror or error}")
        except Exception as error:  # noqa: BLE001 - reported in one line, never a crash
            self.signals.failed.emit(f"{self.path}: cannot be read ({type(error).__name__})")
        else:
            self.signals.finished.emit(updated)


class MatrixExchange(QObject):
    """Exports and imports the controller's matrix on behalf of a window."""

    exported = Signal(str)
    imported = Signal(str)
    importEnded = Signal()
    """An import finished, failed or was cancelled (the window is usable again)."""

    def __init__(self, window: QWidget, controller: DocumentController, settings: Settings) -> None:
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._settings = settings
        self.job: ImportJob | None = None
        self._progress: QProgressDialog | None = None

    # -- export ---------------------------------------------------------------------------
    def export_dialog(self) -> bool:
        """Ask where to write the matrix (.xlsx or .csv) and write it."""
        folder = Path(self._settings.last_folder(FOLDER_PURPOSE))
        suggestion = str(folder / f"{self._stem()}-matrix.xlsx")
        path, chosen = QFileDialog.getSaveFileName(
            self._window, "Export matrix", suggestion, TABLE_FILTERS
        )
        if not path:
            return False
        suffix = ".csv" if chosen == CSV_FILTER else ".xlsx"
        target = chosen_target(self._window, path, (".xlsx", ".csv"), suffix)
        if target is None:
            return False  # "matrix" became matrix.xlsx, which exists: not replaced
        return self.export_to(target)

    def export_to(self, path: str | Path) -> bool:
        """Write the matrix to ``path``; errors are shown, never raised."""
        from rrisk.exchange import export_matrix

        target = Path(path)
        commit_typing(self._window)
        try:
            export_matrix(self._controller.document, target)
        except RRiskError as error:
            return self._fail("Cannot export the matrix", str(error))
        except OSError as error:
            return self._fail("Cannot export the matrix", f"{target}: {error.strerror or error}")
        self._settings.set_last_folder(target, FOLDER_PURPOSE)
        self.exported.emit(str(target))
        self._status(f"Matrix exported to {target}")
        return True

    # -- import ---------------------------------------------------------------------------
    def import_dialog(self) -> bool:
        """Ask for a .xlsx or .csv matrix and apply it to the open document."""
        path, _chosen = QFileDialog.getOpenFileName(
            self._window,
            "Import matrix",
            self._settings.last_folder(FOLDER_PURPOSE),
            f"Matrix tables (*.xlsx *.csv);;{TABLE_FILTERS}",
        )
        if not path:
            return False
        return self.import_from(path)

    def import_from(self, path: str | Path) -> bool:
        """Start reading ``path`` into a copy of the document; applied as one undo step when
        done (``imported``), unless cancelled. False if an import is already running."""
        if self.job is not None:
            return False
        source = Path(path)
        self.job = job = ImportJob(source, self._controller.document)
        progress = QProgressDialog(f"Reading {source.name}…", "Cancel", 0, 0, self._window)
        progress.setObjectName("importProgress")
        progress.setWindowTitle("Importing matrix")
        progress.setWindowModality(Qt.WindowModality.WindowModal)  # no edits meanwhile
        progress.setMinimumDuration(400)
        progress.canceled.connect(self.cancel_import)
        self._progress = progress
        job.signals.finished.connect(self._import_read)
        job.signals.failed.connect(self._import_failed)
        start(job)
        return True

    def cancel_import(self) -> None:
        """Drop the running import's result; the document stays as it was."""
        if self.job is not None:
            self.job.cancel()
            self._import_done()
            self._status("Import cancelled; nothing changed")

    def _import_done(self) -> None:
        self.job = None
        if self._progress is not None:
            self._progress.canceled.disconnect(self.cancel_import)
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        self.importEnded.emit()

    def _import_failed(self, message: str) -> None:
        job = self.job
        if job is None or self.sender() is not job.signals or job.cancelled:
            return  # a cancelled import's late answer
        self._import_done()
        self._fail("Cannot import the matrix", message)

    def _import_read(self, updated: Assessment) -> None:
        job = self.job
        if job is None or self.sender() is not job.signals or job.cancelled:
            return  # a cancelled import's late answer
        source = job.path
        self._import_done()
        self._apply(source, updated)

    def _apply(self, source: Path, updated: Assessment) -> bool:
        current = self._controller.document
        if updated == current:
            self._status(f"Matrix imported from {source.name}: nothing changed")
            return True
        added = _added_items(current, updated)
        if (
            added
            and (current.projects or current.criteria)
            and not self._confirm_added(source, added)
        ):
            self._status("Import cancelled; nothing changed")
            return False
        refused: list[str] = []
        self._controller.errorOccurred.connect(refused.append)
        try:
            applied = self._controller.replace_contents(updated, f"Import matrix {source.name}")
        finally:
            self._controller.errorOccurred.disconnect(refused.append)
        if not applied:
            return self._fail("Cannot import the matrix", f"{source}: {refused[-1]}")
        self._settings.set_last_folder(source, FOLDER_PURPOSE)
        self.imported.emit(str(source))
        also = f"; added {_counted(added)}" if added else ""
        self._status(f"Matrix imported from {source.name}{also} (Undo reverts it)")
        return True

    def _confirm_added(self, source: Path, added: dict[str, list[str]]) -> bool:
        lines = [
            f"{_kind_count(kind, len(names))}: {', '.join(names[:8])}"
            + (f" and {len(names) - 8} more" if len(names) > 8 else "")
            for kind, names in added.items()
        ]
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Import adds new items",
            f"{source.name} names items that are not in this assessment:\n\n"
            + "\n".join(lines)
            + "\n\nAdd them with the table's scores? (A mistyped id in the table would "
            "also show here.)",
            QMessageBox.StandardButton.Cancel,
            self._window,
        )
        add = box.addButton("Add and Import", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(add)
        box.exec()
        return box.clickedButton() is add

    # -- helpers --------------------------------------------------------------------------
    def _stem(self) -> str:
        path = self._controller.path
        if path is not None:
            return path.stem
        title = self._controller.document.title.strip() or "assessment"
        safe = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in title)
        return "-".join(safe.lower().split())[:60] or "assessment"

    def _status(self, message: str) -> None:
        if isinstance(self._window, QMainWindow):
            self._window.statusBar().showMessage(message, 8000)

    def _fail(self, title: str, message: str) -> bool:
        QMessageBox.critical(self._window, title, plain(message))
        return False


def _added_items(before: Assessment, after: Assessment) -> dict[str, list[str]]:
    """The names of the projects, criteria and sources ``after`` has that ``before`` lacks,
    under "project", "criterion" and "source"."""
    added: dict[str, list[str]] = {}
    kinds: tuple[tuple[str, Sequence[Any], Sequence[Any]], ...] = (
        ("project", before.projects, after.projects),
        ("criterion", before.criteria, after.criteria),
        ("source", before.sources, after.sources),
    )
    for kind, old, new in kinds:
        known = {item.id for item in old}
        names = [getattr(item, "name", None) or item.title for item in new if item.id not in known]
        if names:
            added[kind] = names
    return added


def _kind_count(kind: str, count: int) -> str:
    return plural(count, kind, "criteria" if kind == "criterion" else None)


def _counted(added: dict[str, list[str]]) -> str:
    return ", ".join(_kind_count(kind, len(names)) for kind, names in added.items())
