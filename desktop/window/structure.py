"""Adding and removing projects and criteria from the window, and the default author.

Mixed into :class:`~desktop.window.main_window.MainWindow`: these are the window's own
methods (they use its controller, matrix view and status bar), kept in their own file so the
window's module stays short. The mixin names what it uses instead of importing the window.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QWidget,
)

from desktop.document.controller import DocumentController
from desktop.files.document_files import author_problem
from desktop.matrix.view import MatrixView
from desktop.settings import Settings
from desktop.ui.refusals import say_until_changed
from desktop.ui.text import first_free_name, plain
from desktop.ui.typing import commit_typing


class AuthorDialog(QInputDialog):
    """Default Author…: an author no assessment can hold (over 500 characters, a control
    character) is refused when OK is pressed, saying why over the dialog, which stays open
    with the text as typed and the field focused to correct it; nothing is stored."""

    def __init__(self, parent: QWidget, author: str) -> None:
        super().__init__(parent)
        self.setObjectName("defaultAuthorDialog")
        self.setWindowTitle("Default author")
        self.setInputMode(QInputDialog.InputMode.TextInput)
        self.setLabelText("Author filled in on new assessments:")
        self.setTextValue(author)

    def done(self, result: int) -> None:
        problem = None
        if result == QDialog.DialogCode.Accepted:
            problem = author_problem(self.textValue().strip())
        if problem is None:
            super().done(result)
            return
        QMessageBox.warning(
            self,
            "Default author",
            plain(
                f"Author: {problem}.\n\nThe default author was not changed: new assessments "
                "could not be saved with it. Correct it, or Cancel to keep the one set."
            ),
        )
        field = self.findChild(QLineEdit)
        if field is not None:
            field.setFocus()


def _page(kind: str) -> str:
    """Where a project or criterion is edited without the matrix."""
    return "Editors → Projects" if kind == "project" else "Editors → Criteria"


class StructureEdits:
    """Add/remove project or criterion and the default author, as methods of the window."""

    controller: DocumentController
    matrix_view: MatrixView
    settings: Settings
    tabs: QTabWidget
    splitter: QSplitter

    def _window(self) -> QMainWindow:
        """This object as the window it is mixed into (parent of the dialogs)."""
        assert isinstance(self, QMainWindow)
        return self

    def add_item(self, kind: str, name: str = "") -> bool:
        """Add a project or criterion and select its first cell.

        With a ``name`` (typed in the empty-matrix panel) it is added as named; without one
        (Edit menu, its shortcuts, the matrix's context menu) it gets "New project" (or "New
        criterion 2"…) and its header opens for the name at once: no dialog per item. While
        the matrix has no criterion (for a project; no project for a criterion), nothing is
        added: the empty-matrix panel's name field takes the keyboard instead."""
        label = "project" if kind == "project" else "criterion"
        named = bool(name.strip())
        if not named:
            commit_typing(self.matrix_view)  # a name still being typed is applied first
        # From another tab (the shortcut works everywhere) the matrix comes into view first:
        # the new header's name field, and the focus after it, must be where the user looks.
        # A name typed in the empty-matrix panel and left for another tab stays behind.
        if not named:
            self.tabs.setCurrentWidget(self.splitter)
        doc = self.controller.document
        others = doc.criteria if kind == "project" else doc.projects
        quick_add = self.matrix_view.quick_add
        if not named and not others and quick_add.showing_panel:
            # No column (or row) yet: the new item would have no header to be named in, and
            # the name typed next would go to the panel's field, adding a second item. The
            # panel's field for this kind is where the name is typed.
            quick_add.panel.fields[kind].setFocus()
            say_until_changed(self._window(), f"Type the {label}'s name and press Enter", 8000)
            return False
        if named:
            text = name.strip()
        else:
            items = doc.projects if kind == "project" else doc.criteria
            text = first_free_name(f"New {label}", (item.name for item in items))
        item_id = self.controller.new_id(kind, text)
        if not self.controller.add_item(kind, {"id": item_id, "name": text}, named_next=not named):
            return False
        doc = self.controller.document
        if kind == "project" and doc.criteria:
            self.matrix_view.select_cell(item_id, doc.criteria[0].id)
        elif kind == "criterion" and doc.projects:
            self.matrix_view.select_cell(doc.projects[0].id, item_id)
        if named:
            self.matrix_view.quick_add.panel.added(kind)
        else:
            self.matrix_view.quick_add.start_rename(kind, item_id)
        return True

    def rename_item(self, kind: str, item_id: str, name: str) -> bool:
        """Name a project or criterion from its header (a new item's id follows its name)."""
        return self.controller.edit_item(kind, item_id, {"name": name})

    def _chosen(self, kind: str, verb: str) -> str | None:
        """The id of the selected cell's project or criterion, or of the only one when no
        cell can be selected; else None, with a word on the status bar."""
        project_id, criterion_id = self.controller.selection
        item_id = project_id if kind == "project" else criterion_id
        doc = self.controller.document
        items = doc.projects if kind == "project" else doc.criteria
        if item_id is None and len(items) == 1 and not (doc.projects and doc.criteria):
            item_id = items[0].id  # no cell can be selected: the only one is the one meant
        if item_id is None:
            where = (
                f"Select a cell of the {kind} to {verb} first"
                if doc.projects and doc.criteria
                else f"The matrix has no cells to select: {verb} the {kind} in {_page(kind)}"
            )
            say_until_changed(self._window(), where if items else f"There is no {kind}", 8000)
        return item_id

    def rename_selected(self, kind: str) -> bool:
        """Open the name editor over the header of the selected cell's project or criterion
        (the keyboard's way to what a double-click on the header does)."""
        commit_typing(self.matrix_view)
        item_id = self._chosen(kind, "rename")
        if item_id is None:
            return False
        self.tabs.setCurrentWidget(self.splitter)
        if self.matrix_view.quick_add.start_rename(kind, item_id):
            return True
        say_until_changed(
            self._window(),
            f"The matrix shows no headers yet: rename the {kind} in {_page(kind)}",
            8000,
        )
        return False

    def remove_selected(self, kind: str) -> bool:
        """Remove the selected project or criterion after a confirmation.

        What is being typed (a rationale of one of its cells) is applied first, so Undo
        brings it back with the item. With no cell to select (a matrix without criteria, or
        without projects), the only item of its kind is the one meant."""
        commit_typing(self.matrix_view)
        item_id = self._chosen(kind, "remove")
        if item_id is None:
            return False
        # The editors' question, naming what goes with the item (its scenario overrides,
        # screening decisions, red-line rule): asked here, it said "all its scores" alone.
        from desktop.editors.removal import criterion_removal_question, project_removal_question

        doc = self.controller.document
        question = (
            project_removal_question(doc, doc.project(item_id))
            if kind == "project"
            else criterion_removal_question(self.controller, doc.criterion(item_id))
        )
        answer = QMessageBox.question(
            self._window(),
            f"Remove {kind}",
            plain(question),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self.controller.remove_item(kind, item_id)

    def ask_default_author(self) -> None:
        """Ask for the author filled in on new assessments and store it in the settings."""
        dialog = AuthorDialog(self._window(), self.settings.default_author())
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            author = dialog.textValue()
        finally:
            dialog.deleteLater()
        self.settings.set_default_author(author.strip())
        problem = self.settings.not_kept()
        if problem:
            QMessageBox.warning(
                self._window(),
                "Default author",
                plain(
                    "The default author is filled in on new assessments until RRisk closes, "
                    f"but it is not kept for the next time: the settings file {problem}."
                ),
            )
