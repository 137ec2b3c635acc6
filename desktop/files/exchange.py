"""File → Export / Import matrix: the Excel (or CSV) round trip of the risk matrix.

Export writes one row per project–criterion pair with :func:`rrisk.exchange.export_matrix`:
at once for a matrix of up to :data:`EXPORT_AT_ONCE_CELLS` cells (well under a second), and
for a larger one off the GUI thread, from a snapshot, behind a progress dialog with the share
of cells written and Cancel (200,000 cells take most of a minute as a workbook); a cancelled
export writes nothing.
Import reads such a table into a copy of the open document with
:func:`rrisk.exchange.import_matrix` off the GUI thread (a large workbook takes seconds),
behind a window-modal progress dialog with Cancel, then swaps it in as one undo step, so Undo
restores the document exactly. A table that cannot be read changes nothing; the message names
the row. Cancel drops the result; the document is as it was.
pandas is only imported when one of these actions runs (inside :mod:`rrisk.exchange`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QProgressDialog, QWidget

from desktop.document.commands import snapshot
from desktop.document.controller import DocumentController
from desktop.files.jobs import BackgroundJob, JobSignals, start
from desktop.files.save_name import chosen_target, document_stem, filtered_name
from desktop.settings import Settings
from desktop.ui.busy import progress_dialog
from desktop.ui.closing import CloseAfter, Unfinished
from desktop.ui.text import plain
from desktop.ui.typing import commit_typing
from rrisk.errors import RRiskError
from rrisk.model import Assessment
from rrisk.outputs import same_file
from rrisk.text import plural

XLSX_FILTER = "Excel workbook (*.xlsx)"
CSV_FILTER = "CSV table (*.csv)"
TABLE_FILTERS = f"{XLSX_FILTER};;{CSV_FILTER}"
FOLDER_PURPOSE = "matrix"


EXPORT_AT_ONCE_CELLS = 4_000
"""Matrices of up to this many cells are exported at once; larger ones in the background."""


class _ImportSignals(QObject):
    finished = Signal(object)
    failed = Signal(str)


class ExportJob(BackgroundJob):
    """Writes the matrix of a snapshot of the document to a table, in a worker thread; the
    file is written (atomically) only if the job was not cancelled meanwhile."""

    def __init__(self, path: Path, document: Assessment) -> None:
        super().__init__()
        self.signals = JobSignals()
        self.path, self._document = path, snapshot(document)
        self._writing = threading.Lock()
        self.written = False
        self._percent = -1

    def cancel_unwritten(self) -> bool:
        """Cancel; True when the file was not (and will not be) written. Waits for a write
        under way (an atomic rename of bytes already made) rather than say it did not happen."""
        with self._writing:
            self.cancel()
            return not self.written

    def _report(self, done: int, total: int) -> None:
        """Tell the window the share of cells written, when it has grown by a whole percent."""
        percent = done * 100 // total if total else 100
        if percent != self._percent:
            self._percent = percent
            self.signals.progress.emit(percent, "")

    def work(self) -> None:
        from rrisk.exchange import ExportCancelled, matrix_table
        from rrisk.fileformat import atomic_write_bytes

        try:
            try:
                data = matrix_table(self._document, self.path, lambda: self.cancelled, self._report)
            except ExportCancelled:  # stopped within a few thousand rows of the Cancel
                self.signals.cancelled.emit()
                return
            with self._writing:
                if self.cancelled:
                    self.signals.cancelled.emit()
                    return
                atomic_write_bytes(self.path, data)
                self.written = True
        except RRiskError as error:
            self.signals.failed.emit(str(error))
        except OSError as error:
            self.signals.failed.emit(f"{self.path}: {error.strerror or error}")
        except Exception as error:  # noqa: BLE001 - reported in one line, never a crash
            self.signals.failed.emit(f"{self.path}: cannot be written ({type(error).__name__})")
        else:
            self.signals.finished.emit(str(self.path))


class ImportJob(BackgroundJob):
    """Reads a matrix table into a copy (snapshot) of the document, in a worker thread.

    Projects, criteria and sources the table names that the document lacks are added (a blank
    assessment can be built from a table); the window asks before applying them to a document
    that already has items, where a new id is as likely a typing mistake as a new project."""

    def __init__(self, path: Path, base: Assessment) -> None:
        super().__init__()
        self.signals = _ImportSignals()
        self.path, self._base = path, snapshot(base)
        self.notices: list[str] = []
        """Columns of the table that were not read (see ``import_matrix``)."""

    def work(self) -> None:
        from rrisk.exchange import import_matrix

        try:
            updated = import_matrix(self.path, base=self._base, add_new=True, notices=self.notices)
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
    unreadShown = Signal(object)
    """The box naming the table's columns an import did not read (a QMessageBox)."""
    importEnded = Signal()
    """An import finished, failed or was cancelled (the window is usable again)."""

    def __init__(self, window: QWidget, controller: DocumentController, settings: Settings) -> None:
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._settings = settings
        self.job: ImportJob | None = None
        self._progress: QProgressDialog | None = None
        self.export_job: ExportJob | None = None
        self._export_progress: QProgressDialog | None = None
        self._then_close = CloseAfter()
        """The window's close, asked for while the matrix was written and to follow it."""

    # -- export ---------------------------------------------------------------------------
    def export_dialog(self) -> bool:
        """Ask where to write the matrix (.xlsx or .csv) and write it."""
        folder = Path(self._settings.last_folder(FOLDER_PURPOSE))
        name = f"{self._stem()}-matrix.xlsx"
        path, chosen = QFileDialog.getSaveFileName(
            self._window, "Export matrix", str(folder / name), TABLE_FILTERS
        )
        if not path:
            return False
        suffix = ".csv" if chosen == CSV_FILTER else ".xlsx"
        path = filtered_name(path, name, suffix)
        target = chosen_target(self._window, path, (".xlsx", ".csv"), suffix)
        if target is None:
            return False  # "matrix" became matrix.xlsx, which exists: not replaced
        return self.export_to(target)

    def export_to(self, path: str | Path) -> bool:
        """Write the matrix to ``path``; errors are shown, never raised.

        A large matrix is written in the background (True: started; ``exported`` when done);
        False when an export is already running."""
        from rrisk.exchange import export_matrix

        if self.export_job is not None:
            self._status(f"The matrix is still being written to {self.export_job.path.name}")
            return False
        target = Path(path)
        own = self._controller.path
        if own is not None and same_file(target, own):  # a link to the open file, named .csv
            return self._fail(
                "Cannot export the matrix",
                f"{target}: this is the assessment itself; choose another file",
            )
        commit_typing(self._window)
        document = self._controller.document
        if len(document.projects) * len(document.criteria) > EXPORT_AT_ONCE_CELLS:
            return self._export_in_background(target, document)
        try:
            export_matrix(self._controller.document, target)
        except RRiskError as error:
            return self._fail("Cannot export the matrix", str(error))
        except OSError as error:
            return self._fail("Cannot export the matrix", f"{target}: {error.strerror or error}")
        self._exported(target)
        return True

    def _export_in_background(self, target: Path, document: Assessment) -> bool:
        self.export_job = job = ExportJob(target, document)
        self._export_progress = progress = self._busy(
            f"Writing {target.name}…", "Exporting matrix", "exportProgress", self.cancel_export
        )
        progress.setRange(0, 100)  # the share of cells written (see ExportJob._report)
        job.signals.progress.connect(self._export_advanced)
        job.signals.finished.connect(self._export_written)
        job.signals.failed.connect(self._export_failed)
        start(job)
        return True

    def cancel_export(self) -> None:
        """Stop the running export; nothing is written (the file, if any, is as it was)."""
        job = self.export_job
        if job is None:
            return
        unwritten = job.cancel_unwritten()
        self._export_done()
        if unwritten:
            self._status("Export cancelled; nothing was written")
        else:  # written before the Cancel reached it: an export like any other
            self._exported(job.path)
        self._then_close.job_ended()

    # -- the window closing (see desktop.ui.closing) ----------------------------------------
    def unfinished(self) -> Unfinished | None:
        """The matrix being written in the background, for the closing window's question.
        An import is only reading the table into a copy of the document being closed: it is
        stopped without a question (see :mod:`desktop.ui.closing`)."""
        job = self.export_job
        if job is None or job.cancelled:
            return None
        return Unfinished(
            "The matrix is being exported",
            f"The matrix is still being written to\n{job.path}",
            "the matrix",
            "the export",
            "no table is written",
        )

    def stop(self) -> None:
        """Stop and Close while another job is waited for: the export stops as its Cancel does."""
        self.cancel_export()

    @property
    def closing_after(self) -> bool:
        return self._then_close.waiting

    def close_after(self, close: Callable[[], object]) -> None:
        """The window closes once the export has ended, however it ended; its progress says so."""
        self._then_close.wait(close, self._export_progress, self.unfinished())

    def shutdown(self) -> None:
        """The window closes: stop the import and the export, nothing said over it."""
        self._then_close.window_closed = True
        self.cancel_import()
        self.cancel_export()

    def _exported(self, target: Path) -> None:
        self._settings.set_last_folder(target, FOLDER_PURPOSE)
        self.exported.emit(str(target))
        self._status(f"Matrix exported to {target}{self._baseline_note()}")

    def _export_done(self) -> None:
        self.export_job = None
        if self._export_progress is not None:
            self._export_progress.canceled.disconnect(self.cancel_export)
            self._export_progress.close()
            self._export_progress.deleteLater()
            self._export_progress = None

    def _export_advanced(self, percent: int, _stage: str) -> None:
        job, progress = self.export_job, self._export_progress
        if job is None or self.sender() is not job.signals or progress is None:
            return  # a cancelled export's late report: setValue would show its dialog again
        progress.setValue(percent)

    def _export_failed(self, message: str) -> None:
        job = self.export_job
        if job is None or self.sender() is not job.signals or job.cancelled:
            return  # a cancelled export's late answer
        self._export_done()
        self._fail("Cannot export the matrix", message)
        self._then_close.job_ended()  # said first: a table not written is never passed over

    def _export_written(self, path: str) -> None:
        job = self.export_job
        if job is None or self.sender() is not job.signals:
            return
        self._export_done()
        self._exported(Path(path))
        self._then_close.job_ended()

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
        self._progress = self._busy(
            f"Reading {source.name}…", "Importing matrix", "importProgress", self.cancel_import
        )
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
        if self._apply(source, updated) and job.notices:
            self._say_unread(source, job.notices)

    def _say_unread(self, source: Path, notices: list[str]) -> None:
        """Give the import's notes (the table's columns that were not read, a number where a
        text was expected, …) in a box that does not hold up the window (the import is done and
        can be undone), each without the table's path, which the box names once."""
        unread = "\n\n".join(
            notice.removeprefix(f"{source}: ").removeprefix(f"{source}, ") for notice in notices
        )
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Matrix imported",
            f"The matrix was imported from {source.name}.\n\n{unread}",
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.setObjectName("importUnreadColumns")
        box.setTextFormat(Qt.TextFormat.PlainText)  # names from the table, shown as typed
        box.setModal(False)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        self.unreadShown.emit(box)

    def _apply(self, source: Path, updated: Assessment) -> bool:
        current = self._controller.document
        if updated == current:
            self._status(f"Matrix imported from {source.name}: nothing changed")
            return True
        added = _added_items(current, updated)
        # (Imported here, as the actions' own: the table's reading is not needed at start-up.)
        from rrisk.exchange import ids_read_as_dates, ids_read_as_numbers

        if (
            added
            and (current.projects or current.criteria)
            and not self._confirm_added(
                source,
                added,
                ids_read_as_numbers(current, updated),
                ids_read_as_dates(current, updated),
            )
        ):
            self._status("Import cancelled; nothing changed")
            return False
        refused: list[str] = []
        self._controller.errorOccurred.connect(refused.append)
        try:
            with self._controller.refusals_shown_in_place():  # in the box below
                applied = self._controller.replace_contents(updated, f"Import matrix {source.name}")
        finally:
            self._controller.errorOccurred.disconnect(refused.append)
        if not applied:
            return self._fail("Cannot import the matrix", f"{source}: {refused[-1]}")
        self._settings.set_last_folder(source, FOLDER_PURPOSE)
        self.imported.emit(str(source))
        also = f"; added {_counted(added)}" if added else ""
        self._status(
            f"Matrix imported from {source.name}{also}{self._baseline_note()} (Undo reverts it)"
        )
        return True

    def _confirm_added(
        self, source: Path, added: dict[str, list[str]], misread: list[str], dated: list[str]
    ) -> bool:
        lines = [
            f"{_kind_count(kind, len(names))}: {', '.join(names[:8])}"
            + (f" and {len(names) - 8} more" if len(names) > 8 else "")
            for kind, names in added.items()
        ]
        if misread:
            # The names are the document's own: without this, "2 criteria: Cost, Legality"
            # read as a mistake of the import, and adding them made each criterion twice.
            ids = (
                "is this assessment's id as a spreadsheet reads it when it opens a CSV: as a number"
                if len(misread) == 1
                else "are this assessment's ids as a spreadsheet reads them when it opens a CSV: "
                "as numbers"
            )
            lines.append(
                f"\nThe table's {', '.join(misread[:8])}"
                + (f" and {len(misread) - 8} more" if len(misread) > 8 else "")
                + f" {ids}. Cancel, format the id columns as text (or import the .xlsx "
                "export), and import again."
            )
        if dated:
            # '2024-11' typed or opened in a spreadsheet comes back as the date 2024-11-01.
            ids = (
                "is this assessment's id that a spreadsheet turned into a date"
                if len(dated) == 1
                else "are this assessment's ids that a spreadsheet turned into dates"
            )
            lines.append(
                f"\nThe table's {', '.join(dated[:8])}"
                + (f" and {len(dated) - 8} more" if len(dated) > 8 else "")
                + f" {ids}. Cancel, format the id columns as text and enter the ids again (or "
                "import the .xlsx export), and import again."
            )
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
        box.setTextFormat(Qt.TextFormat.PlainText)  # names from the table, shown as typed
        add = box.addButton("Add and Import", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(add)
        box.exec()
        return box.clickedButton() is add

    # -- helpers --------------------------------------------------------------------------
    def _busy(
        self, label: str, title: str, name: str, cancel: Callable[[], None]
    ) -> QProgressDialog:
        """A window-modal "working" dialog with Cancel (no edits meanwhile), shown only when
        the work takes longer than 0.4 s."""
        progress = progress_dialog(self._window, label, title, name=name)
        progress.canceled.connect(cancel)
        return progress

    def _stem(self) -> str:
        return document_stem(self._controller.path, self._controller.document.title)

    def _baseline_note(self) -> str:
        """Under a scenario: that the table holds (or went into) the baseline's values, which
        the scenario's overrides hide where it sets a cell."""
        scenario = self._controller.open_scenario
        if scenario is None:
            return ""
        hidden = len(scenario.cell_overrides)
        what = (
            f"; scenario “{scenario.name}” sets {plural(hidden, 'cell')} over it" if hidden else ""
        )
        return f" — the baseline's values, not the scenario's shown{what}"

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
