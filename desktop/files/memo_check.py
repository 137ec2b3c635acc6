"""The check before a memo leaves: what `rrisk check` reports, shown before the export.

Errors and warnings are listed with their place; the user fixes them first (Cancel) or goes
on with "Export anyway". Nothing is shown when the check finds nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.style import muted_label
from desktop.ui.text import plain
from rrisk.model import Assessment


class MemoCheckDialog(QDialog):
    """The check's findings, errors first, with "Export anyway" and Cancel."""

    def __init__(self, problems: list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from rrisk.check import ERROR, count

        self.setObjectName("memoCheckDialog")
        self.setWindowTitle("Before the memo leaves")
        errors, warnings = count(problems, ERROR), len(problems) - count(problems, ERROR)
        parts = [f"{errors} error{'s' * (errors != 1)}"] if errors else []
        if warnings:
            parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
        summary = QLabel(
            plain(f"The check found {' and '.join(parts)}. Fix them first, or export anyway."),
            self,
        )
        summary.setWordWrap(True)
        self.problem_list = QListWidget(self)
        self.problem_list.setObjectName("memoCheckList")
        for problem in problems:
            mark = "✖" if problem.severity == ERROR else "⚠"
            item = QListWidgetItem(f"{mark}  {problem.place}: {problem.message}")
            item.setToolTip(plain(problem.line()))
            self.problem_list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = buttons.addButton(
            "Export anyway", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("exportAnywayButton")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(bool(errors))
        self.export_button.setDefault(not errors)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.problem_list, 1)
        layout.addWidget(muted_label("The same list: rrisk check FILE", self))
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 60, 360)


def confirm_export(parent: QWidget, document: Assessment, scenario: str | None) -> bool:
    """True when the memo may go: the check found nothing, or the user chose to go on."""
    from rrisk.check import check_document

    problems = check_document(document, scenario)
    if not problems:
        return True
    dialog = MemoCheckDialog(problems, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
