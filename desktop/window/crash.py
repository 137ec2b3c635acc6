"""A crash dialog instead of a silent death: unexpected errors show a copyable report."""

from __future__ import annotations

import platform
import sys
import traceback
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import style
from rrisk import __version__

_showing = False


def crash_report(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> str:
    """Plain-text report: versions, platform and the traceback."""
    lines = [
        f"RRisk {__version__}",
        f"Python {platform.python_version()} · PySide6 {pyside_version} · Qt {qVersion()}",
        f"{platform.system()} {platform.release()} ({platform.machine()})",
        "",
        "".join(traceback.format_exception(kind, error, trace)).rstrip(),
    ]
    return "\n".join(lines)


class CrashDialog(QDialog):
    """Explains that something went wrong and offers the report for copying."""

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle("RRisk — unexpected error")
        intro = QLabel(
            "Something went wrong inside RRisk. Your document has not been changed by this "
            "error; save your work under a new name to be safe.\n\n"
            "If you report the problem, please include the text below.",
            self,
        )
        intro.setWordWrap(True)
        self.report = QPlainTextEdit(report, self)
        self.report.setObjectName("crashReport")
        self.report.setAccessibleName("Error report")
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report.setMinimumSize(
            self.fontMetrics().horizontalAdvance("M") * 60, self.fontMetrics().height() * 14
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = QPushButton("Copy report", self)
        copy.setObjectName("copyReportButton")
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING)
        layout.addWidget(intro)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        QApplication.clipboard().setText(self.report.toPlainText())


def handle_exception(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """``sys.excepthook``: print the report and show it in a dialog (once at a time)."""
    global _showing
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    report = crash_report(kind, error, trace)
    print(report, file=sys.stderr)
    if _showing or QApplication.instance() is None:
        return
    _showing = True
    try:
        CrashDialog(report, QApplication.activeWindow()).exec()
    finally:
        _showing = False


def install_excepthook() -> None:
    sys.excepthook = handle_exception
