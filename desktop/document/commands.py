"""Undo commands: the only code that changes the open document.

Model objects (cells, criteria, projects, ...) are never changed in place: an edit builds a
new, validated object and a command swaps it in. A command therefore only needs the old and
the new object (or the old and the new container) to undo and redo exactly, and snapshots
can share the unchanged objects safely.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from rrisk.model import Assessment, Cell

CellKey = tuple[str, str]
"""(project_id, criterion_id)"""

_LISTS = ("criteria", "projects", "sources", "scenarios")

NAMING_MERGE = 1
"""``QUndoCommand.id`` of the steps that add an item and of those that only name one: the
naming of an item just added merges into its addition (:meth:`StateCommand.mergeWith`)."""


@dataclass(frozen=True)
class ItemNaming:
    """A step that adds an item (``added``) or changes its name alone, to be merged: the item's
    kind and id (as it was before the naming, which may give it a new id), and for a naming the
    step's text once merged into the addition ("Add project Tomtor South")."""

    kind: str
    item_id: str
    added: bool
    merged_text: str = ""


class EditTarget(Protocol):
    """What a command needs of the document's owner: the document, what the view shows, a
    call after each edit, and a way to bring the view to an edit's place.

    The controller implements it; the commands never import the controller, so the two can
    change independently and a command can be tested against a bare stand-in.
    """

    @property
    def document(self) -> Assessment: ...

    @property
    def scenario_id(self) -> str | None: ...

    @property
    def selection(self) -> tuple[str | None, str | None]: ...

    def document_edited(
        self, cells: list[CellKey] | None, fields: set[str], rescore: bool = True
    ) -> None: ...

    def set_attachments(self, attachments: dict[str, bytes]) -> None: ...

    def show_place(self, place: Place) -> None: ...


@dataclass(frozen=True)
class Place:
    """Where an edit shows: the scenario it belongs to (None: the baseline) and the cell it
    changed, if one.

    Undo and redo first bring the view there, as a spreadsheet scrolls to the undone cell:
    an override undone while another scenario is shown would otherwise change nothing the
    user can see.
    """

    scenario_id: str | None
    cell: CellKey | None = None
    item: tuple[str, frozenset[str]] | None = None
    """The criterion, project, source or scenario the edit changed: its kind and its ids
    before and after the edit (a new item renamed takes a new id); the editors select it."""


def place_now(target: EditTarget, cells: list[CellKey] | None = None) -> Place:
    """The place of an edit made now: the scenario shown, and of the cells it changes the
    selected one (else the first)."""
    cell = None
    if cells:
        selected = target.selection
        cell = next((key for key in cells if key == selected), cells[0])
    return Place(target.scenario_id, cell)


class ControllerPart:
    """What the controller provides to the parts it is made of (:mod:`.list_edits`,
    :mod:`.scenario_edits`, :mod:`.screening_edits`): refusing an edit with a message, and
    pushing one undo step that swaps document fields."""

    def _refuse(self, message: str) -> bool:
        raise NotImplementedError  # provided by the controller

    def _push_state(
        self,
        text: str,
        before: dict[str, Any],
        after: dict[str, Any],
        place: Place | None = None,
        attachments: tuple[dict[str, bytes], dict[str, bytes]] | None = None,
        cells: list[CellKey] | None = None,
        rescore: bool = True,
        naming: ItemNaming | None = None,
    ) -> None:
        """Push one ``StateCommand`` swapping these fields, and the attached files before
        and after when given (provided by the controller); ``cells``, ``rescore`` and
        ``naming``: see the command."""
        raise NotImplementedError


class PlacedCommand(QUndoCommand):
    """A command that brings the view to its :class:`Place` whenever it is undone or redone
    after being made (the first redo, on push, happens where the user already is)."""

    def __init__(self, target: EditTarget, text: str, place: Place) -> None:
        super().__init__(text)
        # Held weakly: the target (the controller) owns the undo stack that owns this
        # command, and a strong reference back made a cycle of Qt objects that only the
        # cyclic collector could free, which it could not do safely for a controller without
        # a parent (it deleted the stack and its commands in the middle of its pass).
        self._target_ref = weakref.ref(target)
        self.place = place
        self._made = False

    @property
    def _target(self) -> EditTarget:
        target = self._target_ref()
        assert target is not None, "a command outlived the document it edits"
        return target

    def _step(self, apply: Callable[[], None]) -> None:
        if not self._made:
            self._made = True
            apply()
            return
        # Before the change, so the views take it in under its scenario; again after it,
        # for a scenario or cell the change itself brings back (undoing a removal).
        self._target.show_place(self.place)
        apply()
        self._target.show_place(self.place)


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


class GroupCommand(QUndoCommand):
    """Several commands already applied, as one undo step (an edit made of parts).

    Unlike a macro of the undo stack, the group is pushed only once every part was accepted:
    an edit refused halfway, or one whose parts changed nothing, leaves the history as it was,
    Redo included (opening a macro drops the steps Redo would bring back)."""

    def __init__(self, text: str, commands: list[QUndoCommand]) -> None:
        super().__init__(text)
        self._commands = list(commands)
        self._made = False

    def redo(self) -> None:
        if not self._made:
            self._made = True  # the parts were applied as they were made
            return
        for command in self._commands:
            command.redo()

    def undo(self) -> None:
        for command in reversed(self._commands):
            command.undo()


class StateCommand(PlacedCommand):
    """Swap whole top-level fields of the document (lists, the cells mapping, metadata), and
    the attached files with them when ``attachments`` (before, after) is given.

    ``place`` defaults to the scenario shown when the edit is made; an edit of a scenario's
    overrides passes that scenario (and the cell it changed), and ``cells``, the cells whose
    overrides it changes and nothing else: shown under that scenario, it is an edit of those
    cells, rescored and repainted as one of the baseline's cells is. ``rescore``: False when
    the fields change only in what no score reads (a project's description).

    ``naming``: the step adds an item, or changes an item's name alone. Added, then named
    at once (Add project, then its name typed in the header or the list that opened for it),
    the two are one step, as a spreadsheet takes a new row and its first entry: one Undo
    removes the item the user added and named, not only its name, leaving "New project".
    Only the first naming that follows the addition with nothing between merges, and only
    while the field opened for it is open (:meth:`end_naming`); the undo stack merges none
    into a step the document was saved at, and none after the addition was undone and
    redone."""

    def __init__(
        self,
        target: EditTarget,
        text: str,
        before: dict[str, Any],
        after: dict[str, Any],
        place: Place | None = None,
        attachments: tuple[dict[str, bytes], dict[str, bytes]] | None = None,
        cells: list[CellKey] | None = None,
        rescore: bool = True,
        naming: ItemNaming | None = None,
    ) -> None:
        super().__init__(target, text, place or place_now(target))
        self._naming = naming
        self._rescore = rescore
        self._cells = list(cells) if cells is not None else None
        self._before = {name: copy_container(value) for name, value in before.items()}
        self._after = {name: copy_container(value) for name, value in after.items()}
        # The mappings are copied, the bytes shared: bytes never change in place.
        self._attachments = (
            None if attachments is None else (dict(attachments[0]), dict(attachments[1]))
        )

    def _apply(self, state: dict[str, Any], attachments: dict[str, bytes] | None) -> None:
        document = self._target.document
        for name, value in state.items():
            setattr(document, name, copy_container(value))
        fields = set(state)
        if attachments is not None:
            self._target.set_attachments(dict(attachments))
            fields.add("attachments")
        # Another scenario's overrides change nothing shown; the controller then scores afresh.
        cells = self._cells if self._target.scenario_id == self.place.scenario_id else None
        self._target.document_edited(cells=cells, fields=fields, rescore=self._rescore)

    def redo(self) -> None:
        attachments = self._attachments[1] if self._attachments else None
        self._step(lambda: self._apply(self._after, attachments))

    def undo(self) -> None:
        # Undone, the addition takes no naming any more: a name typed after its redo is a
        # step of its own.
        self._naming = None
        attachments = self._attachments[0] if self._attachments else None
        self._step(lambda: self._apply(self._before, attachments))

    def id(self) -> int:
        return NAMING_MERGE if self._naming is not None else -1

    def end_naming(self, kind: str, item_id: str) -> None:
        """The field opened to name the item this step added (``kind``, ``item_id``) has
        closed, named or left with Escape: a name given later is a step of its own."""
        naming = self._naming
        if naming is not None and naming.added and (naming.kind, naming.item_id) == (kind, item_id):
            self._naming = None

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        """Take in the naming ``other`` of the item this step added (see the class)."""
        added, naming = self._naming, getattr(other, "_naming", None)
        if not (
            isinstance(other, StateCommand)
            and added is not None
            and added.added
            and naming is not None
            and not naming.added
            and (naming.kind, naming.item_id) == (added.kind, added.item_id)
            and self._attachments is None
            and other._attachments is None
            and other._cells is None
            and other._before.keys() <= self._after.keys()
        ):
            return False
        # The naming was made on the state this step left: its result is this step's now.
        self._after.update(other._after)
        self._rescore = self._rescore or other._rescore
        self._naming = None  # a later naming is a step of its own
        self.setText(naming.merged_text)
        return True


class CellsCommand(PlacedCommand):
    """Replace a set of cells (one or many, one undo step); ``None`` means unassessed/removed.

    Its place is the scenario shown when the edit was made (the baseline's cells show under
    a scenario too, where it does not override them) and the selected changed cell.

    ``rescore``: False when the cells change only in what no score reads (their rationale):
    the results stand, as the edit is made, undone and redone."""

    def __init__(
        self,
        target: EditTarget,
        text: str,
        changes: dict[CellKey, tuple[Cell | None, Cell | None]],
        rescore: bool = True,
    ) -> None:
        super().__init__(target, text, place_now(target, list(changes)))
        self._rescore = rescore
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
        self._step(self._redo)

    def undo(self) -> None:
        self._step(self._undo)

    def _redo(self) -> None:
        cells = self._target.document.cells
        by_project: dict[str, list[tuple[str, Cell | None]]] = {}
        for (project_id, criterion_id), (_old, new) in self._changes.items():
            by_project.setdefault(project_id, []).append((criterion_id, new))
        for project_id, row_before in self._rows_before.items():
            row = dict(row_before) if row_before is not None else {}
            for c, new in by_project[project_id]:
                if new is None:
                    row.pop(c, None)
                else:
                    row[c] = new
            if row or row_before is not None:
                cells[project_id] = row
            else:
                cells.pop(project_id, None)
        self._target.document_edited(cells=self.keys, fields={"cells"}, rescore=self._rescore)

    def _undo(self) -> None:
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
        self._target.document_edited(cells=self.keys, fields={"cells"}, rescore=self._rescore)
