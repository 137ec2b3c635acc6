"""Attached files no source names, in the Sources editor: a line saying how many and how
large, and a list to save one out, attach one to the selected source or remove them.

A file made by another tool may hold such files; they are kept as they are, so opening and
saving loses nothing, and they go wherever the file is shared. Every change is one undo
step of the controller (:mod:`desktop.document.attachment_edits`) that brings the bytes back
exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.editors.common import MessageLabel, attempt
from desktop.editors.source_attachment import save_copy
from desktop.matrix.model import shorten
from rrisk.attachments import size_words, unnamed_attachments, unnamed_summary

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController

WHY = (
    "Kept in the .rrisk file, though no source names them (a file made by another tool may "
    "hold some): they go wherever the file is shared, and no memo shows them."
)


class UnnamedFilesRow(QWidget):
    """'2 attached files no source names (3.4 MiB)' with Show…; hidden when there are none."""

    def __init__(
        self,
        controller: DocumentController,
        current: Callable[[], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self._current = current
        self.setObjectName("unnamedFiles")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.label = QLabel(self)
        self.label.setObjectName("unnamedFilesLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setToolTip(WHY)
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.show_button = QPushButton("Show…", self)
        self.show_button.setObjectName("unnamedFilesButton")
        self.show_button.setToolTip("List them: save one, attach one to a source, remove them")
        self.show_button.setAccessibleName("Show attached files no source names")
        self.show_button.clicked.connect(self.show_files)
        layout.addWidget(self.show_button)
        controller.documentChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        names = unnamed_attachments(self.controller.document, self.controller.attachments)
        self.setVisible(bool(names))
        if names:
            self.label.setText(unnamed_summary(names, self.controller.attachments))

    def dialog(self) -> UnnamedFilesDialog:
        return UnnamedFilesDialog(self.controller, self._current, self)

    def show_files(self) -> None:
        dialog = self.dialog()
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()


class UnnamedFilesDialog(QDialog):
    """The attached files no source names, each with its size, and what can be done."""

    def __init__(
        self,
        controller: DocumentController,
        current: Callable[[], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self._current = current
        self.setObjectName("unnamedFilesDialog")
        self.setWindowTitle("Attached files no source names")
        layout = QVBoxLayout(self)
        why = QLabel(WHY + " Each change here is one step Undo takes back.", self)
        why.setWordWrap(True)
        layout.addWidget(why)
        self.list = QListWidget(self)
        self.list.setObjectName("unnamedFilesList")
        self.list.setAccessibleName("Attached files no source names")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemSelectionChanged.connect(self._enable)
        layout.addWidget(self.list, 1)
        self.message = MessageLabel(self)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.save_button = self._button("Save as…", "saveUnnamedButton", self.save_as, buttons)
        self.attach_button = self._button(
            "Attach to the source", "attachUnnamedButton", self.attach, buttons
        )
        self.remove_button = self._button("Remove", "removeUnnamedButton", self.remove, buttons)
        self.remove_all_button = self._button(
            "Remove all", "removeAllUnnamedButton", self.remove_all, buttons
        )
        buttons.addStretch(1)
        layout.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(560, 360)
        controller.documentChanged.connect(self.refresh)
        self.refresh()

    def _button(
        self, text: str, name: str, slot: Callable[[], Any], row: QHBoxLayout
    ) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda *_: slot())
        row.addWidget(button)
        return button

    def names(self) -> list[str]:
        return unnamed_attachments(self.controller.document, self.controller.attachments)

    def selected(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()]

    def select(self, *names: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setSelected(item.data(Qt.ItemDataRole.UserRole) in names)

    def refresh(self) -> None:
        chosen = set(self.selected())
        self.list.clear()
        attachments = self.controller.attachments
        for name in self.names():
            item = QListWidgetItem(f"{name}  ·  {size_words(len(attachments[name]))}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.list.addItem(item)
            item.setSelected(name in chosen)
        if self.list.count() and not self.list.selectedItems():
            self.list.setCurrentRow(0)
        if not self.list.count():
            placeholder = QListWidgetItem("No attached file is left that no source names.")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(placeholder)
        self._enable()

    def _enable(self) -> None:
        chosen = self.selected()
        source = self._current()
        self.save_button.setEnabled(len(chosen) == 1)
        self.attach_button.setEnabled(len(chosen) == 1 and source is not None)
        if source is None:
            self.attach_button.setText("Attach to the source")
            self.attach_button.setToolTip("Select a source in the Sources editor first")
        else:
            title = shorten(source.title, 40)
            self.attach_button.setText(f"Attach to “{title}”".replace("&", "&&"))
            self.attach_button.setToolTip(
                f"The source “{source.title}” names the file (in place of the one it has)"
                if source.attachment
                else f"The source “{source.title}” names the file"
            )
        self.remove_button.setEnabled(bool(chosen))
        self.remove_all_button.setEnabled(bool(self.names()))

    # -- actions -------------------------------------------------------------------------
    def _done(self, accepted: bool, message: str) -> bool:
        if accepted:
            self.message.clear_error()
        elif message:
            self.message.show_error(message)
        return accepted

    def save_as(self) -> bool:
        """Write a copy of the selected file where the user says."""
        chosen = self.selected()
        if len(chosen) != 1:
            return False
        name = chosen[0]
        title = "Save the attached file no source names"
        content = self.controller.attachments[name]
        saved, refusal = save_copy(self, name, content, title, self.controller.path)
        return self._done(saved, refusal)

    def attach(self) -> bool:
        """Have the source selected in the editor name the selected file; one undo step."""
        chosen, source = self.selected(), self._current()
        if len(chosen) != 1 or source is None:
            return False
        return self._done(
            *attempt(self.controller, lambda: self.controller.attach_unnamed(source.id, chosen[0]))
        )

    def remove(self) -> bool:
        """Take the selected files out of the .rrisk file; one undo step."""
        chosen = self.selected()
        if not chosen:
            return False
        return self._done(*attempt(self.controller, lambda: self.controller.remove_unnamed(chosen)))

    def remove_all(self) -> bool:
        """Take every file no source names out of the .rrisk file; one undo step."""
        names = self.names()
        if not names:
            return False
        return self._done(*attempt(self.controller, lambda: self.controller.remove_unnamed(names)))
