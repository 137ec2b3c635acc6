"""The Changes view: what changed between another version of the assessment and the open one.

The other version is read and compared off the GUI thread (a large pair takes a second or
two); the report is the one `rrisk diff OLD NEW` prints — results and their movements, red
lines that appeared or cleared, why each index moved (shares that add up to the movement),
then every change — shown in a read-only, fixed-width view that can be copied.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.document.commands import snapshot
from desktop.ui.text import plain
from rrisk.errors import RRiskError
from rrisk.model import Assessment


class CompareSignals(QObject):
    finished = Signal(str, bool)
    """The report, and whether the versions differ."""
    failed = Signal(str)


class CompareJob(QRunnable):
    """Reads ``other`` and compares it (the older version) with the open document (newer)."""

    def __init__(self, other: str | Path, document: Assessment, label: str) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = CompareSignals()
        self._other = str(other)
        self._document = snapshot(document)
        self._label = label
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        from rrisk.compare import compare
        from rrisk.compare.cli import table
        from rrisk.fileformat import load

        try:
            old = load(self._other)
            comparison = compare(old, self._document, old_label=self._other, new_label=self._label)
            report = table(comparison, self._other, self._label)
        except RRiskError as error:
            if not self._cancel.is_set():
                self.signals.failed.emit(str(error))
            return
        except Exception as error:  # noqa: BLE001 - reported in one line, never a crash
            if not self._cancel.is_set():
                self.signals.failed.emit(f"the comparison failed ({type(error).__name__}: {error})")
            return
        if not self._cancel.is_set():
            self.signals.finished.emit(report, comparison.differs)


class ChangesDialog(QDialog):
    """The comparison report, read-only and fixed-width (columns line up), with Close."""

    def __init__(self, report: str, differs: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changesDialog")
        self.setWindowTitle("Changes between versions")
        summary = QLabel(
            plain(
                "What changed, and what it did to the ranking (the same report as "
                "rrisk diff OLD NEW)."
                if differs
                else "The two versions hold the same assessment: nothing changed."
            ),
            self,
        )
        summary.setWordWrap(True)
        self.report = QPlainTextEdit(self)
        self.report.setObjectName("changesReport")
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report.setPlainText(report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 90, 560)
