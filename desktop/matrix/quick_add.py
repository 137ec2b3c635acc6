"""Building a case from blank in the matrix itself: add and name projects and criteria inline.

* :class:`EmptyMatrixPanel` sits over an empty matrix (no projects or no criteria yet) with a
  name field and an Add button for each: type a name, press Enter, type the next. Each item is
  one undo step; the panel goes away once the matrix has a row and a column.
* :class:`HeaderNameEditor` names an item where it is shown: a line edit over its row or
  column header, opened when a project or criterion is added from a menu, the toolbar or the
  matrix's context menu (or by double-clicking a header). Enter renames it (a new, unreferenced
  item's id follows its name), Escape keeps the name it has.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import style
from desktop.ui.undo_keys import pass_undo_keys

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController


class EmptyMatrixPanel(QFrame):
    """Name fields for the first projects and criteria of a blank assessment."""

    addRequested = Signal(str, str)
    """(kind, name): add a "project" or "criterion" with this name."""
    doneRequested = Signal()
    """Esc in a name field: done adding names."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyMatrixPanel")
        self._refocus = True
        """Whether the field an item was added from takes the focus back (after Enter)."""
        self._away = False
        """Whether a name field lost the focus to another window or a menu (not left)."""
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN * 2, style.MARGIN, style.MARGIN * 2, style.MARGIN)
        self.title = style.heading("Build the matrix", 2, self)
        layout.addWidget(self.title)
        self.hint = style.muted_label(
            "Projects are the rows, criteria the columns. Type a name and press Enter; the "
            "field stays open for the next one (a name left without Enter is added too). "
            "Every addition can be undone. Esc (or a click on the matrix) once both have a "
            "name returns to the matrix.",
            self,
        )
        layout.addWidget(self.hint)
        grid = QGridLayout()
        grid.setHorizontalSpacing(style.SPACING)
        self.fields: dict[str, QLineEdit] = {}
        self.buttons: dict[str, QPushButton] = {}
        self.counts: dict[str, QLabel] = {}
        for row, (kind, label, example) in enumerate(
            (
                ("project", "Add project", "Name of a candidate project"),
                ("criterion", "Add criterion", "Name of a criterion, e.g. market access"),
            )
        ):
            field = QLineEdit(self)
            field.setObjectName(f"quickAdd_{kind}")
            field.setPlaceholderText(example)
            # The example is a screen reader's description only: the field needs a name.
            field.setAccessibleName(f"Name of a new {kind}")
            field.setClearButtonEnabled(True)
            button = QPushButton(label, self)
            button.setObjectName(f"quickAddButton_{kind}")
            count = style.muted_label("", self)
            field.returnPressed.connect(lambda k=kind: self._add(k))
            field.editingFinished.connect(lambda k=kind: self._left(k))
            field.installEventFilter(self)
            button.clicked.connect(lambda _=False, k=kind: self._add(k))
            grid.addWidget(field, row, 0)
            grid.addWidget(button, row, 1)
            grid.addWidget(count, row, 2)
            self.fields[kind], self.buttons[kind], self.counts[kind] = field, button, count
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        # The panel grows with the matrix under it (a row per project added): the room left
        # goes below the fields, which stay where the user's eyes and pointer are.
        layout.addStretch(1)
        pass_undo_keys(self, list(self.fields.values()))

    def set_counts(self, projects: int, criteria: int) -> None:
        self.counts["project"].setText(f"{projects} so far")
        self.counts["criterion"].setText(f"{criteria} so far")

    def apply_typing(self) -> None:
        """Add the names typed and not entered (see :func:`desktop.ui.typing.apply_held`),
        while the panel shows."""
        if self.isHidden():
            return
        for kind, field in self.fields.items():
            name = field.text().strip()
            if name:
                self._refocus = False
                self.addRequested.emit(kind, name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FocusOut and isinstance(event, QFocusEvent):
            self._away = event.reason() in (
                Qt.FocusReason.ActiveWindowFocusReason,
                Qt.FocusReason.PopupFocusReason,
            )
        return super().eventFilter(watched, event)

    def _left(self, kind: str) -> None:
        """A name typed and left without Enter (Tab, a click elsewhere, Save, closing the
        window) is added as Enter would add it: typing is never lost. The focus stays where
        the user took it. Another window coming to the front (or a menu opening) is no
        leaving: the name stays as typed, to be finished."""
        field = self.fields[kind]
        name = field.text().strip()
        if field.hasFocus() or not name or self._away:  # Enter (see _add), nothing, away
            return
        self._refocus = False
        self.addRequested.emit(kind, name)

    def _add(self, kind: str) -> None:
        self._refocus = True
        field = self.fields[kind]
        name = field.text().strip()
        if not name:
            # Spaces alone make no name: said where the user looks, and the spaces go.
            said = "Spaces alone make no name: type one" if field.text() else "Type a name first"
            field.clear()
            field.setFocus()
            QToolTip.showText(field.mapToGlobal(field.rect().bottomLeft()), said, field)
            return
        self.addRequested.emit(kind, name)

    def added(self, kind: str) -> None:
        """The item was added: empty its field for the next name, without a history of its
        own (``setText`` forgets it), so that Ctrl+Z there undoes the addition (see
        :mod:`desktop.ui.undo_keys`) instead of bringing the name back into the field, where
        leaving it would add the item a second time."""
        field = self.fields[kind]
        field.setText("")
        if self.isVisible() and self._refocus:
            field.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # The panel lies over the matrix, which is its parent: keys its fields leave (Return
        # after a name, Esc) stop here, or the matrix would take Return as "edit this cell"
        # and send the keyboard to the inspector.
        if event.key() == Qt.Key.Key_Escape:
            for field in self.fields.values():  # Esc drops a name not entered: done adding
                field.clear()
            self.doneRequested.emit()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)


class HeaderNameEditor(QLineEdit):
    """A line edit over one header section, naming the item of that row or column."""

    committed = Signal(str, str, str)
    """(kind, item id, new name)."""
    closed = Signal(str, str)
    """(kind, item id): the editor closed, named or not (after :attr:`committed`)."""

    def __init__(self, header: QHeaderView, section: int, kind: str, item_id: str, name: str):
        super().__init__(name, header.viewport())
        self.setObjectName("headerNameEditor")
        self.setAccessibleName(f"Name of the {kind}")
        self.kind = kind
        self.item_id = item_id
        self._original = name
        self._done = False
        self._away = False
        header.viewport().installEventFilter(self)
        self._header = header
        self._section = section
        self.setFrame(True)
        self._place()
        self.selectAll()
        self.returnPressed.connect(self._commit)
        self.editingFinished.connect(self._left)
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _place(self) -> None:
        header = self._header
        position = header.sectionViewportPosition(self._section)
        size = header.sectionSize(self._section)
        area = header.viewport().rect()
        if header.orientation() == Qt.Orientation.Vertical:
            self.setGeometry(0, position, area.width(), max(size, self.sizeHint().height()))
        else:
            self.setGeometry(position, 0, max(size, 80), area.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            had_focus = self.hasFocus()
            self._finish()  # the item keeps the name it has
            self._back_to_matrix(had_focus)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Handled here: a line edit passes Return on, and the matrix would take it as
            # "edit this cell" (moving on and into the inspector).
            self._commit()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        self._away = event.reason() == Qt.FocusReason.ActiveWindowFocusReason
        super().focusOutEvent(event)

    def _left(self) -> None:
        """The name typed is applied when the editor is left (Tab, a click elsewhere). Another
        window coming to the front is no leaving: the name stays as typed, to be finished
        when the user comes back, as in the empty matrix's name fields (it named the item
        with the half of the name typed so far, and closed)."""
        if not self._away:
            self._commit()

    def apply_typing(self) -> None:
        """Apply the name typed (see :func:`desktop.ui.typing.apply_held`): the window saved
        or closed while another had the front."""
        self._commit()

    def cancel(self) -> None:
        """Close without naming anything (the item is gone); the keyboard goes to the matrix."""
        if self._done:
            return
        had_focus = self.hasFocus()
        self._finish()
        self._back_to_matrix(had_focus)

    def _commit(self) -> None:
        if self._done:
            return
        name = self.text().strip()
        had_focus = self.hasFocus()
        self._finish()
        if name and name != self._original:
            self.committed.emit(self.kind, self.item_id, name)
        self._back_to_matrix(had_focus)

    def _finish(self) -> None:
        self._done = True
        self._header.viewport().removeEventFilter(self)
        if self.hasFocus():
            self.clearFocus()  # before hiding: a focused widget that hides hands on its keys
        self.hide()
        self.deleteLater()

    def _back_to_matrix(self, had_focus: bool) -> None:
        """Say the field has closed, and the keyboard goes back to the matrix (after the
        rename, which keeps the cell)."""
        self.closed.emit(self.kind, self.item_id)
        view = self._header.parentWidget()
        if had_focus and view is not None:
            view.setFocus(Qt.FocusReason.OtherFocusReason)


class MatrixQuickAdd(QObject):
    """Attaches the empty-matrix panel and inline header naming to a matrix view."""

    addRequested = Signal(str, str)
    """(kind, name): the window adds the item (name "" means: a default name, then rename)."""
    renameRequested = Signal(str, str, str)
    """(kind, item id, name) from the inline header editor."""

    def __init__(self, view: QTableView, controller: DocumentController) -> None:
        super().__init__(view)
        self._controller = controller
        self.panel = EmptyMatrixPanel(view)
        self.panel.hide()
        self.panel.addRequested.connect(self.addRequested)
        self.editor: HeaderNameEditor | None = None
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                       model.columnsInserted, model.columnsRemoved):  # fmt: skip
            signal.connect(self.update_panel)
        vertical, horizontal = view.verticalHeader(), view.horizontalHeader()
        vertical.sectionDoubleClicked.connect(self._rename_row)
        horizontal.sectionDoubleClicked.connect(self._rename_column)
        self.panel.doneRequested.connect(self.close_panel)
        # A name editor left open over an item that goes (undone, removed, another document)
        # closes: Enter there would name nothing ("project 'new-project' does not exist").
        controller.documentReplaced.connect(self._close_editor)
        controller.documentChanged.connect(self._close_stale_editor)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # A bound method of this object: Qt drops the connection when it is destroyed.
            app.focusChanged.connect(self._focus_changed)
        self.update_panel()

    @property
    def _view(self) -> QTableView:
        # The view is this object's parent; no Python reference back to it, so a view without
        # a parent is freed as soon as its last reference goes (no cycle left for a later
        # collection, which could run in the middle of a paint).
        return cast(QTableView, self.parent())

    @property
    def showing_panel(self) -> bool:
        return not self.panel.isHidden()

    def update_panel(self, *_args: object) -> None:
        """Show the panel while the matrix lacks a row or a column, and while the user is
        still typing names in it (its hint promises the field stays open for the next one).

        When it appears on a blank matrix, the keyboard goes to the name the matrix lacks
        first, so typing after New starts a project's name; when it closes, the keyboard goes
        back to the matrix rather than to whatever widget comes next."""
        document = self._controller.document
        self.panel.set_counts(len(document.projects), len(document.criteria))
        was_shown = self.showing_panel
        self.panel.setVisible(not self._has_rows_and_columns() or self._typing_in_panel())
        if self.showing_panel:
            if self._view.isVisible():
                self._place_panel()  # (a hidden view places it when shown: eventFilter)
            if not was_shown:
                QTimer.singleShot(0, self, self._focus_panel)  # after the window settles
        elif was_shown:
            self._leave_panel()

    def _typing_in_panel(self) -> bool:
        focus = QApplication.focusWidget()
        return self.showing_panel and focus is not None and self.panel.isAncestorOf(focus)

    def _focus_panel(self) -> None:
        """The panel just appeared: it takes the keyboard, unless the user is elsewhere."""
        focus = QApplication.focusWidget()
        view = self._view
        if (
            focus is not None
            and focus is not view
            and not self.panel.isAncestorOf(focus)
            and view.window().isAncestorOf(focus)
        ):
            return  # typing somewhere else in the window: leave it be
        self.take_focus()

    def take_focus(self) -> bool:
        """While the matrix lacks a row or a column, the name field of the missing kind
        takes the keyboard (the window's "focus the matrix" lands here); False otherwise."""
        if not self.showing_panel or self._has_rows_and_columns():
            return False
        kind = "project" if not self._controller.document.projects else "criterion"
        self.panel.fields[kind].setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _has_rows_and_columns(self) -> bool:
        document = self._controller.document
        return bool(document.projects and document.criteria)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """The panel kept open for typing closes once the keyboard leaves it."""
        if not self.showing_panel or not self._has_rows_and_columns():
            return
        if new is None or new.window() is not self._view.window():
            return  # another window or a dialog: the user comes back to the panel
        if not self.panel.isAncestorOf(new):
            self.panel.hide()

    def close_panel(self) -> None:
        """Esc in the panel: done adding names (when the matrix has a row and a column)."""
        if self.showing_panel and self._has_rows_and_columns():
            # The keyboard leaves first: a focused field that hides hands its focus on with a
            # Tab, which the matrix would take as a move to the next cell.
            self._leave_panel()
            self.panel.hide()

    def _leave_panel(self) -> None:
        focus = QApplication.focusWidget()
        if focus is None or focus is self.panel or self.panel.isAncestorOf(focus):
            self._view.setFocus(Qt.FocusReason.OtherFocusReason)

    def panel_height(self) -> int:
        """Height the panel needs at the width of the matrix's cells (a narrow window wraps
        its hint over more lines), or 0 while it is hidden."""
        if not self.showing_panel:
            return 0
        return self._needed_height(self._view.viewport().width())

    def _needed_height(self, width: int) -> int:
        panel = self.panel
        wrapped = panel.heightForWidth(width) if panel.hasHeightForWidth() else -1
        return wrapped if wrapped > 0 else panel.sizeHint().height()

    def _place_panel(self) -> None:
        """Lay the panel over the matrix's cells, under the criteria header; where they are
        lower than the panel needs, it rises over the header, so its fields stay in view."""
        view = self._view
        area = view.viewport().geometry()
        height = min(max(area.height(), self._needed_height(area.width())), view.height())
        top = max(0, view.height() - height) if area.height() < height else area.top()
        self.panel.setGeometry(area.left(), top, area.width(), height)
        self.panel.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The view resizes with the splitter; the cells' area under it also moves and resizes
        # on its own when the header changes height (the template's two-line criteria, then a
        # blank document's none) or the row header its width: the panel follows both.
        kinds = (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Move)
        if self.showing_panel and event.type() in kinds:
            view = self._view
            if watched is view or watched is view.viewport():
                self._place_panel()
        return False

    # -- inline names -------------------------------------------------------------------------
    def start_rename(self, kind: str, item_id: str) -> bool:
        """Open a name editor over the header of this project (row) or criterion (column)."""
        model = self._view.model()
        document = self._controller.document
        if kind == "project":
            ids = [p.id for p in document.projects]
            header = self._view.verticalHeader()
        else:
            ids = [c.id for c in document.criteria]
            header = self._view.horizontalHeader()
        if item_id not in ids or model.rowCount() == 0 or model.columnCount() == 0:
            return False
        section = ids.index(item_id)
        if self.editor is not None:
            self.editor.close()
        item = document.project(item_id) if kind == "project" else document.criterion(item_id)
        editor = HeaderNameEditor(header, section, kind, item_id, item.name)
        editor.committed.connect(self.renameRequested)
        # Closed, named or not, it names the item no more: a later rename is its own step.
        editor.closed.connect(self._controller.end_naming)
        editor.destroyed.connect(partial(self._editor_gone, editor))
        self.editor = editor
        return True

    def _close_editor(self) -> None:
        if self.editor is not None:
            self.editor.cancel()
            self.editor = None

    def _close_stale_editor(self) -> None:
        editor = self.editor
        if editor is None:
            return
        document = self._controller.document
        items = document.projects if editor.kind == "project" else document.criteria
        if editor.item_id not in {item.id for item in items}:
            editor.cancel()
            self.editor = None

    def _editor_gone(self, editor: HeaderNameEditor, *_args: object) -> None:
        # An earlier editor is deleted later than the next one opens: only the current counts.
        if self.editor is editor:
            self.editor = None

    def _rename_row(self, section: int) -> None:
        projects = self._controller.document.projects
        if 0 <= section < len(projects):
            self.start_rename("project", projects[section].id)

    def _rename_column(self, section: int) -> None:
        criteria = self._controller.document.criteria
        if 0 <= section < len(criteria):
            self.start_rename("criterion", criteria[section].id)
