"""File → Export / Import matrix: the Excel (or CSV) round trip of the risk matrix.

Export writes one row per project–criterion pair with :func:`rrisk.exchange.export_matrix`.
Import reads such a table into a copy of the open document with
:func:`rrisk.exchange.import_matrix` and swaps it in as one undo step, so Undo restores the
document exactly. A table that cannot be read changes nothing; the message names the row.
pandas is only imported when one of these actions runs (inside :mod:`rrisk.exchange`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from desktop.document.controller import DocumentController
from desktop.settings import Settings
from desktop.ui.text import plain
from rrisk.errors import RRiskError

XLSX_FILTER = "Excel workbook (*.xlsx)"
CSV_FILTER = "CSV table (*.csv)"
TABLE_FILTERS = f"{XLSX_FILTER};;{CSV_FILTER}"
FOLDER_PURPOSE = "matrix"


class MatrixExchange(QObject):
    """Exports and imports the controller's matrix on behalf of a window."""

    exported = Signal(str)
    imported = Signal(str)

    def __init__(self, window: QWidget, controller: DocumentController, settings: Settings) -> None:
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._settings = settings

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
        target = Path(path)
        if target.suffix.lower() not in (".xlsx", ".csv"):
            suffix = ".csv" if chosen == CSV_FILTER else ".xlsx"
            target = target.with_name(target.name + suffix)
        return self.export_to(target)

    def export_to(self, path: str | Path) -> bool:
        """Write the matrix to ``path``; errors are shown, never raised."""
        from rrisk.exchange import export_matrix

        target = Path(path)
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
        """Read ``path`` into a copy of the document and apply it as one undo step."""
        from rrisk.exchange import import_matrix

        source = Path(path)
        try:
            updated = import_matrix(source, base=self._controller.document)
        except RRiskError as error:
            return self._fail("Cannot import the matrix", str(error))
        except OSError as error:
            return self._fail("Cannot import the matrix", f"{source}: {error.strerror or error}")
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
        self._status(f"Matrix imported from {source.name} (Undo reverts it)")
        return True

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
