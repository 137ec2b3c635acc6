"""Adding and removing projects and criteria from the window, and the default author."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from desktop.ui.text import plain

if TYPE_CHECKING:
    from desktop.window.main_window import MainWindow


def add_item(window: MainWindow, kind: str) -> bool:
    """Ask for a name and add a project or criterion; its first cell is selected."""
    label = "project" if kind == "project" else "criterion"
    name, ok = QInputDialog.getText(
        window, f"Add {label}", f"Name of the new {label}:", QLineEdit.EchoMode.Normal
    )
    if not ok or not name.strip():
        return False
    item_id = window.controller.new_id(kind, name.strip())
    if not window.controller.add_item(kind, {"id": item_id, "name": name.strip()}):
        return False
    doc = window.controller.document
    if kind == "project" and doc.criteria:
        window.matrix_view.select_cell(item_id, doc.criteria[0].id)
    elif kind == "criterion" and doc.projects:
        window.matrix_view.select_cell(doc.projects[0].id, item_id)
    return True


def remove_selected(window: MainWindow, kind: str) -> bool:
    """Remove the selected project or criterion after a confirmation."""
    project_id, criterion_id = window.controller.selection
    item_id = project_id if kind == "project" else criterion_id
    if item_id is None:
        window.statusBar().showMessage(f"Select a cell of the {kind} to remove first", 5000)
        return False
    doc = window.controller.document
    item = doc.project(item_id) if kind == "project" else doc.criterion(item_id)
    answer = QMessageBox.question(
        window,
        f"Remove {kind}",
        plain(f"Remove the {kind} “{item.name}” and all its scores?\n\nYou can undo this."),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    return window.controller.remove_item(kind, item_id)


def ask_default_author(window: MainWindow) -> None:
    author, ok = QInputDialog.getText(
        window,
        "Default author",
        "Author filled in on new assessments:",
        QLineEdit.EchoMode.Normal,
        window.settings.default_author(),
    )
    if ok:
        window.settings.set_default_author(author.strip())
