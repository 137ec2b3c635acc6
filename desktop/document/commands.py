"""Undo commands: the only code that changes the open document.

Model objects (cells, criteria, projects, ...) are never changed in place: an edit builds a
new, validated object and a command swaps it in. A command therefore only needs the old and
the new object (or the old and the new container) to undo and redo exactly, and snapshots
can share the unchanged objects safely.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from rrisk.model import Assessment, Cell

CellKey = tuple[str, str]
"""(project_id, criterion_id)"""

_LISTS = ("criteria", "projects", "sources", "scenarios")


class EditTarget(Protocol):
    """What a command needs of the document's owner: the document, and a call after each edit.

    The controller implements it; the commands never import the controller, so the two can
    change independently and a command can be tested against a bare stand-in.
    """

    @property
    def document(self) -> Assessment: ...

    def document_edited(self, cells: list[CellKey] | None, fields: set[str]) -> None: ...


def snapshot(document: Assessment) -> Assessment:
    """A copy of ``document`` that later edits cannot reach, for a job in another thread.

    The commands below never change model objects in place: they swap in new lists and new
    cell rows. Copying the containers is therefore enough; a deep copy would cost ~0.2 s on a
    300 × 30 matrix for no gain.
    """
    update: dict[str, object] = {name: list(getattr(document, name)) for name in _LISTS}
    update["cells"] = {project: dict(row) for project, row in document.cells.items()}
    return document.model_copy(update=update)


def copy_container(value: Any) -> Any:
    """A fresh copy of a document container, one level deeper for the cells mapping.

    Snapshots kept by commands must never be the object the document holds, or a later
    targeted edit would change the snapshot too.
    """
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return {key: dict(row) if isinstance(row, dict) else row for key, row in value.items()}
    return value


class StateCommand(QUndoCommand):
    """Swap whole top-level fields of the document (lists, the cells mapping, metadata)."""

    def __init__(
        self,
        target: EditTarget,
        text: str,
        before: dict[str, Any],
        after: dict[str, Any],
    ) -> None:
        super().__init__(text)
        self._target = target
        self._before = {name: copy_container(value) for name, value in before.items()}
        self._after = {name: copy_container(value) for name, value in after.items()}

    def _apply(self, state: dict[str, Any]) -> None:
        document = self._target.document
        for name, value in state.items():
            setattr(document, name, copy_container(value))
        self._target.document_edited(cells=None, fields=set(state))

    def redo(self) -> None:
        self._apply(self._after)

    def undo(self) -> None:
        self._apply(self._before)


class CellsCommand(QUndoCommand):
    """Replace a set of cells (one or many, one undo step); ``None`` means unassessed/removed."""

    def __init__(
        self,
        target: EditTarget,
        text: str,
        changes: dict[CellKey, tuple[Cell | None, Cell | None]],
    ) -> None:
        super().__init__(text)
        self._target = target
        cells = target.document.cells
        self._changes = dict(changes)
        # The rows as they were, so undo restores key order and absent rows exactly.
        self._rows_before: dict[str, dict[str, Cell] | None] = {}
        for project_id, _criterion_id in changes:
            if project_id not in self._rows_before:
                row = cells.get(project_id)
                self._rows_before[project_id] = dict(row) if row is not None else None
        self._project_order = list(cells)

    @property
    def keys(self) -> list[CellKey]:
        return list(self._changes)

    def redo(self) -> None:
        cells = self._target.document.cells
        for project_id, row_before in self._rows_before.items():
            row = dict(row_before) if row_before is not None else {}
            for (p, c), (_old, new) in self._changes.items():
                if p != project_id:
                    continue
                if new is None:
                    row.pop(c, None)
                else:
                    row[c] = new
            if row or row_before is not None:
                cells[project_id] = row
            else:
                cells.pop(project_id, None)
        self._target.document_edited(cells=self.keys, fields={"cells"})

    def undo(self) -> None:
        document = self._target.document
        cells = document.cells
        for project_id, row_before in self._rows_before.items():
            if row_before is None:
                cells.pop(project_id, None)
            else:
                cells[project_id] = dict(row_before)
        if list(cells) != self._project_order:
            # A row created by redo and dropped again can only change order at the end,
            # but rebuild anyway so the mapping is exactly as before.
            document.cells = {key: cells[key] for key in self._project_order if key in cells}
        self._target.document_edited(cells=self.keys, fields={"cells"})
