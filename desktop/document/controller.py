"""The one document object of a window, edited only through undo commands.

Views never change the :class:`~rrisk.model.Assessment` themselves: they call the edit
methods here, which validate the change with the document model first and push a
``QUndoCommand`` only when it is valid. A refused edit changes nothing, emits
``errorOccurred`` with a message for the user and returns ``False``.

Scores are computed lazily with :func:`rrisk.scoring.score` for the current scenario and
cached until the next change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.document.attachment_edits import AttachmentEdits
from desktop.document.change_marks import ChangeMarks
from desktop.document.commands import (
    CellKey,
    CellsCommand,
    GroupCommand,
    ItemNaming,
    Place,
    StateCommand,
)
from desktop.document.edit_rules import cell_edit, score_edit, widened_ranges
from desktop.document.list_edits import ItemEdits
from desktop.document.review_tally import ReviewTally
from desktop.document.scenario_edits import (
    RANGE_FIELDS,
    SCENARIO_RED_LINE_FIELDS,
    SCENARIO_SCORE_FIELDS,
    ScenarioEdits,
    overrides_of,
)
from desktop.document.screening_edits import ScreeningEdits
from rrisk.messages import describe_field_problem, field_words
from rrisk.model import Assessment, Cell, describe_validation_error
from rrisk.plainmodel import new_assessment
from rrisk.scoring import ScoreResult, review_kind, score

NARRATIVE_FIELDS = ("summary", "recommendation", "notes")
"""Metadata that is narrative: stamped with the results it was written against."""
METADATA_FIELDS = (
    "title",
    "subtitle",
    "author",
    "organisation",
    "as_of",
    "classification",
    "currency",
    "summary",
    "recommendation",
    "notes",
)
CELL_FIELDS = tuple(Cell().model_dump())
_UNSCORED_FIELDS = frozenset({*NARRATIVE_FIELDS, "narrative_stamps"})
"""Document fields no score reads: an edit of these alone keeps the results."""
UNDO_LIMIT = 100
"""Steps the undo history keeps, as many as Excel and LibreOffice keep: past it the oldest
goes. Each step holds the document's parts as they were and as they are; at 2,000 × 40 a
removed project or criterion holds about 3 MB, a typed score 10 kB, so a history without a
limit grew for as long as the window stayed open. Once the step the document was saved at
has gone, undoing all that is left still reads as unsaved (the saved state is out of reach)."""


class _ListIds(NamedTuple):
    projects: tuple[str, ...]
    criteria: tuple[str, ...]
    scenarios: tuple[str, ...]

    @classmethod
    def of(cls, document: Assessment) -> _ListIds:
        return cls(
            tuple(p.id for p in document.projects),
            tuple(c.id for c in document.criteria),
            tuple(s.id for s in document.scenarios),
        )


def _renamed(old: str, before: tuple[str, ...], now: tuple[str, ...]) -> str | None:
    """The id now at ``old``'s place when ``old`` was renamed (the list kept its length and a
    new id took that place); None when it was removed."""
    if old not in before or len(now) != len(before):
        return None
    candidate = now[before.index(old)]
    return candidate if candidate not in before else None


class DocumentController(QObject, ItemEdits, ScreeningEdits, ScenarioEdits, AttachmentEdits):
    """The one document object, edited only through undo commands."""

    documentReplaced = Signal()
    documentChanged = Signal()
    resultChanged = Signal()
    scenarioChanged = Signal(object)
    errorOccurred = Signal(str)
    """A refused edit, in words. The window shows every one in its status bar and has a screen
    reader say it, unless it came inside :meth:`refusals_shown_in_place`: then the place the
    edit was made in (a form's message line, a dialog) shows it and says it, and the window
    does not say it again. Each refusal is heard once, wherever it was made."""
    selectionChanged = Signal(object, object)
    cellsChanged = Signal(list)
    """Emitted just before ``documentChanged`` when only cells changed: [(project, criterion)]."""
    rangeWidened = Signal(object, str)
    """(project, criterion) of the selected cell, and the sentence saying a score widened its
    range (the inspector shows it; an edit of many cells says it of the selected one only)."""
    historyStepped = Signal(str)
    """What :meth:`undo` or :meth:`redo` just did, and where the view went, in words."""
    placeShown = Signal(str, str)
    """Undo or redo went to this cell (project, criterion): the views bring it into sight,
    also when it was already the selected one (scrolled out of sight meanwhile)."""
    noticed = Signal(str)
    """A line for the status bar: an action that did nothing, and why."""
    itemShown = Signal(str, str)
    """Undo or redo changed this item (kind, id): its editor selects it, so the form shows what
    was undone rather than the item that happened to be selected."""

    def __init__(
        self,
        document: Assessment | None = None,
        path: str | Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document if document is not None else new_assessment()
        self._path = Path(path) if path is not None else None
        self._attachments: dict[str, bytes] = {}
        self.settle_ids()
        self._scenario_id: str | None = None
        # The ids as of the last change, to follow a rename of the shown scenario or of the
        # selected project or criterion (an id follows its item's name while it is new).
        self._ids = _ListIds.of(self._document)
        self._result: ScoreResult | None = None
        self._selection: tuple[str | None, str | None] = (None, None)
        self._changed_cells: list[CellKey] | None = None
        self._keep_selection = False
        self._undo_stack = QUndoStack(self)
        self._undo_stack.setUndoLimit(UNDO_LIMIT)
        self._history_moves = 0
        self._undo_stack.indexChanged.connect(self._history_moved)
        self._open_groups: list[list[QUndoCommand]] = []
        """The parts made so far of each edit being grouped (:meth:`_grouped`)."""
        self.change_marks = ChangeMarks(self)
        """Cells changed against another version while a comparison is open."""
        self._review_tally = ReviewTally()
        self._shown_in_place = 0

    # -- refusals -----------------------------------------------------------------------
    @contextmanager
    def refusals_shown_in_place(self) -> Iterator[None]:
        """Edits made inside have their refusals shown, and said aloud, where they were made
        (see ``errorOccurred``)."""
        self._shown_in_place += 1
        try:
            yield
        finally:
            self._shown_in_place -= 1

    @property
    def refusal_shown_in_place(self) -> bool:
        """Whether a refusal reported now is shown and said where its edit was made."""
        return self._shown_in_place > 0

    # -- read-only state ----------------------------------------------------------------
    @property
    def document(self) -> Assessment:
        return self._document

    @property
    def result(self) -> ScoreResult:
        if self._result is None:
            self._result = score(self._document, self._scenario_id)
        return self._result

    @property
    def review_counts(self) -> tuple[int, int]:
        """(reviewed, draft): the assessed cells of the baseline marked reviewed and those
        still draft (a scenario holds no review status), kept up to date edit by edit."""
        return self._review_tally.counts(self._document)

    @property
    def changed_cells(self) -> list[CellKey] | None:
        """The cells the latest change touched when it touched nothing else (an edit, undo or
        redo of cells, or of the shown scenario's overrides of cells); None after any other
        change. Views that hold no cell data skip their refresh on it; the ranking updates
        rows in place instead of resetting."""
        return self._changed_cells

    @property
    def scenario_id(self) -> str | None:
        return self._scenario_id

    @property
    def undo_stack(self) -> QUndoStack:
        return self._undo_stack

    @property
    def history_moves(self) -> int:
        """How many times a step was pushed, merged, undone or redone: what tells whether an
        action changed the document, where the stack's index does not (once the history
        holds :data:`UNDO_LIMIT` steps, a new one drops the oldest and the index stays).
        A save reads it too: a move while the file is written leaves the document modified.
        An edit refused part-way (:meth:`_grouped`) is no move: the document is as it was."""
        return self._history_moves

    def _history_moved(self, _index: int) -> None:
        self._history_moves += 1

    def end_naming(self, kind: str, item_id: str) -> None:
        """The field opened to name the item just added has closed (named, or left as "New
        project" with Escape): a name given it later, in any editor, is a step of its own,
        not part of the addition (see :class:`StateCommand`)."""
        stack = self._undo_stack
        top = stack.command(stack.index() - 1) if stack.index() else None
        if isinstance(top, StateCommand):
            top.end_naming(kind, item_id)

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def attachments(self) -> dict[str, bytes]:
        """The files attached to sources (by stored name), and any other the opened file
        holds, saved back unchanged: changed only through undo commands
        (:mod:`.attachment_edits`)."""
        return self._attachments

    @property
    def selection(self) -> tuple[str | None, str | None]:
        """(project_id, criterion_id) of the selected cell, either may be None."""
        return self._selection

    @property
    def is_modified(self) -> bool:
        return not self._undo_stack.isClean()

    # -- document lifecycle -------------------------------------------------------------
    def set_document(
        self,
        document: Assessment,
        path: str | Path | None = None,
        attachments: dict[str, bytes] | None = None,
        result: ScoreResult | None = None,
    ) -> None:
        """Replace the whole document (new, open, template): clears undo history.
        ``result``: the document's baseline scores, when they were worked out already (a
        large file is read and scored off the GUI thread)."""
        self._document = document
        self._path = Path(path) if path is not None else None
        self._attachments = dict(attachments or {})
        self._undo_stack.clear()
        self._undo_stack.setClean()
        self.settle_ids()
        self._result = result
        scenario_was = self._scenario_id
        self._scenario_id = None
        self._ids = _ListIds.of(document)
        self._selection = (None, None)
        self.change_marks.clear()
        self._changed_cells = None
        self._review_tally.reset()
        self.documentReplaced.emit()
        if scenario_was is not None:
            self.scenarioChanged.emit(None)
        self.selectionChanged.emit(None, None)
        self.documentChanged.emit()
        self.resultChanged.emit()

    def set_path(self, path: str | Path | None) -> None:
        """The file the document now lives in (after Save As)."""
        self._path = Path(path) if path is not None else None

    def mark_saved(self) -> None:
        self._undo_stack.setClean()
        self.settle_ids()

    # -- scenario and selection ---------------------------------------------------------
    def set_scenario(self, scenario_id: str | None) -> None:
        if scenario_id is not None:
            ids = [s.id for s in self._document.scenarios]
            if scenario_id not in ids:
                self.errorOccurred.emit(f"scenario '{scenario_id}' does not exist")
                return
        if scenario_id == self._scenario_id:
            return
        self._scenario_id = scenario_id
        self._result = None
        self._changed_cells = None
        self.scenarioChanged.emit(scenario_id)
        self.resultChanged.emit()

    def select(self, project_id: str | None, criterion_id: str | None) -> None:
        selection = (project_id, criterion_id)
        if selection == self._selection:
            return
        self._selection = selection
        self.selectionChanged.emit(project_id, criterion_id)

    def show_place(self, place: Place) -> None:
        """Bring the view to where an edit shows (its scenario, its cell) as far as they exist:
        called by the commands when they are undone or redone."""
        if place.scenario_id != self._scenario_id and (
            place.scenario_id is None
            or any(s.id == place.scenario_id for s in self._document.scenarios)
        ):
            self.set_scenario(place.scenario_id)
        if place.cell is not None and place.cell != self._selection and not self._keep_selection:
            project_id, criterion_id = place.cell
            doc = self._document
            if any(p.id == project_id for p in doc.projects) and any(
                c.id == criterion_id for c in doc.criteria
            ):
                self.select(project_id, criterion_id)
        if place.cell is not None and place.cell == self._selection and not self._keep_selection:
            self.placeShown.emit(*place.cell)
        if place.item is not None and not self._keep_selection:
            kind, ids = place.item
            field = {"criterion": "criteria", "project": "projects", "source": "sources"}.get(
                kind, "scenarios"
            )
            present = [item.id for item in getattr(self._document, field) if item.id in ids]
            if present:
                self.itemShown.emit(kind, present[0])

    # -- undo and redo ------------------------------------------------------------------
    def undo(self, keep_selection: bool = False) -> bool:
        """Undo the latest step; the view goes to the step's place (:class:`Place`) and
        ``historyStepped`` says what was undone. False when there is nothing to undo.

        ``keep_selection`` leaves the selected cell as it is (a field of it holds typing that
        moving away would discard); the scenario still follows the step."""
        stack = self._undo_stack
        return stack.canUndo() and self._step(
            "Undone", stack.undoText(), stack.undo, keep_selection
        )

    def redo(self, keep_selection: bool = False) -> bool:
        """Redo the latest undone step, as :meth:`undo` does."""
        stack = self._undo_stack
        return stack.canRedo() and self._step(
            "Redone", stack.redoText(), stack.redo, keep_selection
        )

    def _step(self, done: str, text: str, step: Any, keep_selection: bool) -> bool:
        scenario_was = self._scenario_id
        ids_were = self._ids.scenarios
        self._keep_selection = keep_selection
        try:
            step()
        finally:
            self._keep_selection = False
        message = f"{done}: {text}"
        # The scenario shown, renamed by the step (a new one's id follows its name), is still
        # the one the user was looking at: the view did not move. One not renamed has no new
        # id (None): a step that went to the baseline from it did move the view.
        new_id = _renamed(scenario_was, ids_were, self._ids.scenarios) if scenario_was else None
        renamed = new_id is not None and new_id == self._scenario_id
        if self._scenario_id != scenario_was and not renamed:
            message += f" — now showing {self.scenario_name(self._scenario_id)}"
        self.historyStepped.emit(message)
        return True

    def scenario_name(self, scenario_id: str | None) -> str:
        """“Sanctions eased” for a scenario's id, Baseline for None (how messages name a view)."""
        if scenario_id is None:
            return "Baseline"
        name = next((s.name for s in self._document.scenarios if s.id == scenario_id), scenario_id)
        return f"scenario “{name}”"

    # -- edits --------------------------------------------------------------------------
    def edit_item(
        self,
        kind: str,
        item_id: str,
        changes: dict[str, Any],
        text: str | None = None,
    ) -> bool:
        """Change fields of a criterion, project, source or scenario; one undo step.

        Under a scenario, a criterion's weight is that scenario's weight override, as a typed
        score is its cell override (:mod:`desktop.document.scenario_edits`); the criterion's
        other fields are the baseline's in every scenario."""
        if kind != "criterion" or "weight" not in changes or self._scenario_id is None:
            return super().edit_item(kind, item_id, changes, text)
        rest = {name: value for name, value in changes.items() if name != "weight"}
        if not rest:
            return self.edit_scenario_weight(item_id, changes["weight"])
        return self._grouped(
            text or "Edit criterion",
            lambda: (
                self.edit_scenario_weight(item_id, changes["weight"])
                and super(DocumentController, self).edit_item(kind, item_id, rest, text)
            ),
        )

    def _grouped(self, text: str, edit: Callable[[], bool]) -> bool:
        """Make an edit of several parts as one undo step named ``text``.

        The parts are applied as they are made and pushed together once ``edit`` accepts: when
        it refuses, the parts made so far are undone, and when they changed nothing, no step
        is added. Either way the undo history is left as it was, Redo included."""
        self._open_groups.append([])
        done = False
        try:
            done = edit()
        finally:
            commands = self._open_groups.pop()
            if not done:
                for command in reversed(commands):
                    command.undo()
        if done and commands:
            self._push(GroupCommand(text, commands))
        return done

    def _push(self, command: QUndoCommand) -> None:
        """Apply ``command`` as a new undo step, or as a part of the edit being grouped."""
        if self._open_groups:
            command.redo()
            self._open_groups[-1].append(command)
        else:
            self._undo_stack.push(command)

    def edit_cell(
        self,
        project_id: str,
        criterion_id: str,
        changes: dict[str, Any],
        text: str | None = None,
    ) -> bool:
        """Change fields of one cell (creating it when unassessed); one undo step."""
        return self.edit_cells([(project_id, criterion_id)], changes, text)

    def edit_cells(
        self,
        keys: list[CellKey],
        changes: dict[str, Any],
        text: str | None = None,
    ) -> bool:
        """Apply the same field changes to several cells as one undo step.

        Under a scenario, likelihood and impact go to the scenario's overrides
        (:mod:`desktop.document.scenario_edits`); the other fields to the cells. Marked
        reviewed, a cell without both scores is left as it is (see :meth:`_review_scored`)."""
        if changes == {"status": "reviewed"}:
            scored = [key for key in keys if review_kind(self._document.cell(*key)) is not None]
            if len(scored) < len(keys):
                return self._review_scored(keys, scored, text)
        red_line_fields = [name for name in SCENARIO_RED_LINE_FIELDS if name in changes]
        if self._scenario_id is not None and red_line_fields:
            overrides = overrides_of(self._document, self._scenario_id)
            in_scenario = [
                key for key in keys if key in overrides and overrides[key].red_line is not None
            ]
            if in_scenario:
                # The scenario sets these cells' red line: the edit goes where the view's
                # red line comes from; the other cells' red line is the baseline's.
                rest = {k: v for k, v in changes.items() if k not in red_line_fields}
                others = [key for key in keys if key not in in_scenario]

                def edit() -> bool:
                    done = self.edit_scenario_scores(
                        in_scenario, {k: changes[k] for k in red_line_fields}
                    )
                    if done and rest:
                        done = self.edit_cells(in_scenario, rest, text)
                    if done and others:
                        done = self.edit_cells(others, changes, text)
                    return done

                # All of it the scenario's: named as its other edits are.
                scenario = self.open_scenario
                where = (
                    "" if rest or others or scenario is None else f" in scenario {scenario.name}"
                )
                return self._grouped(text or self._cells_text(keys, changes) + where, edit)
        scenario_fields = SCENARIO_SCORE_FIELDS + RANGE_FIELDS
        if self._scenario_id is not None and any(name in changes for name in scenario_fields):
            scores = {k: v for k, v in changes.items() if k in scenario_fields}
            rest = {k: v for k, v in changes.items() if k not in scenario_fields}
            if not rest:
                return self.edit_scenario_scores(keys, scores)
            return self._grouped(
                text or self._cells_text(keys, changes),
                lambda: (
                    self.edit_scenario_scores(keys, scores)
                    and self._edit_baseline_cells(keys, rest, text)
                ),
            )
        return self._edit_baseline_cells(keys, changes, text)

    def _review_scored(self, keys: list[CellKey], scored: list[CellKey], text: str | None) -> bool:
        """Mark reviewed the cells of ``keys`` that are ``scored``: a review vouches for a
        cell's scores, so one without both (unassessed, as :func:`rrisk.scoring.review_kind`
        and the status bar count it) has nothing to review; it is left as it is, and said so,
        or the edit refused when no cell has scores."""
        if not scored:
            if len(keys) == 1:
                cell = self._document.cell(*keys[0])
                lacks = " or ".join(
                    name for name in ("likelihood", "impact") if getattr(cell, name, None) is None
                )
                # Review status is the baseline's: a scenario's scores shown do not count.
                where, there = (" in the baseline", " there") if self._scenario_id else ("", "")
                return self._refuse(
                    f"{self._cell_label(*keys[0])} has no {lacks}{where} yet: score it{there} "
                    "before marking it reviewed"
                )
            return self._refuse(
                f"None of the {len(keys):,} cells has both likelihood and impact set: "
                "nothing to mark reviewed"
            )
        # Cells reviewed already are not marked again (the step does not hold them): said
        # apart, so a step that changed nothing is not taken for one Undo would take back.
        already = sum(
            1 for key in scored if getattr(self._document.cell(*key), "status", "") == "reviewed"
        )
        if not self.edit_cells(scored, {"status": "reviewed"}, text):
            return False
        skipped = len(keys) - len(scored)
        marked = len(scored) - already
        self.noticed.emit(
            f"{marked:,} {'cell' if marked == 1 else 'cells'} marked reviewed"
            + (f" ({already:,} already {'was' if already == 1 else 'were'})" if already else "")
            + "; "
            f"{skipped:,} without both likelihood and impact left as "
            f"{'it was' if skipped == 1 else 'they were'} (nothing to review)"
        )
        return True

    def edit_each_cell(self, changes: dict[CellKey, dict[str, Any]], text: str) -> bool:
        """Change each cell in its own way (a link added to each cell's own evidence) as one
        undo step of the baseline's cells. When any cell refuses, nothing changes, and the
        undo history is left as it was (Redo included)."""
        return self._edit_baseline_cells(list(changes), {}, text, each=changes)

    def _edit_baseline_cells(
        self,
        keys: list[CellKey],
        changes: dict[str, Any],
        text: str | None,
        each: dict[CellKey, dict[str, Any]] | None = None,
    ) -> bool:
        doc = self._document
        unknown = [
            name
            for cell_changes in (each.values() if each is not None else [changes])
            for name in cell_changes
            if name not in CELL_FIELDS
        ]
        if unknown:
            return self._refuse(f"a cell has no field '{unknown[0]}'")
        project_ids = {p.id for p in doc.projects}
        criterion_ids = {c.id for c in doc.criteria}
        source_ids = {s.id for s in doc.sources}
        planned: dict[CellKey, tuple[Cell | None, Cell | None]] = {}
        rationale = self._checked_rationale(changes) if each is None else None
        for project_id, criterion_id in keys:
            if project_id not in project_ids:
                return self._refuse(f"project '{project_id}' does not exist")
            if criterion_id not in criterion_ids:
                return self._refuse(f"criterion '{criterion_id}' does not exist")
            old = doc.cell(project_id, criterion_id)
            cell_changes = each[(project_id, criterion_id)] if each is not None else changes
            new: Cell | None
            if rationale is not None and old is not None:
                # A new evidence list, as validation makes: the cells never share one.
                new = replace(old, rationale=rationale, evidence=list(old.evidence))
            else:
                new = score_edit(old, cell_changes)
            if new is None:
                data = cell_edit(old.model_dump() if old is not None else {}, cell_changes)
                try:
                    new = Cell.model_validate(data)
                except ValidationError as error:
                    where = self._cell_label(project_id, criterion_id)
                    return self._refuse(f"{where}: {describe_validation_error(error, data)}")
            for link in new.evidence:
                if link.source not in source_ids:
                    where = self._cell_label(project_id, criterion_id)
                    return self._refuse(f"{where}: source '{link.source}' does not exist")
            if old is None or new != old:
                planned[(project_id, criterion_id)] = (old, new)
        if not planned:
            return True
        if text is None:
            text = self._cells_text(list(planned), changes)
        written = [
            f"cell:{project_id}:{criterion_id}"
            for (project_id, criterion_id), (old, new) in planned.items()
            if new is not None
            and new.rationale.strip()
            and (old is None or old.rationale != new.rationale)
        ]
        # A rationale edit changes no score (a cell it makes has none): the results stand, no
        # rescore and no new ranking.
        rescore = not (each is None and changes.keys() == {"rationale"})
        if not written:
            self._push(CellsCommand(self, text, planned, rescore))
            self._say_widened(planned)
            return True

        def edit() -> bool:
            # A rationale just written is written against today's results: stamp it in the
            # same undo step, so it reads as stale once they move (rrisk.narrative).
            self._push(CellsCommand(self, text, planned, rescore))
            stamps = self._stamped(written)
            if stamps != self._document.narrative_stamps:
                before = {"narrative_stamps": self._document.narrative_stamps}
                self._push(StateCommand(self, text, before, {"narrative_stamps": stamps}))
            return True

        self._grouped(text, edit)
        self._say_widened(planned)
        return True

    @staticmethod
    def _checked_rationale(changes: dict[str, Any]) -> str | None:
        """The rationale ``changes`` set when they set only that and it is valid, checked once
        for every cell it goes to (each cell is the same with it: a rationale set on 80,000
        cells took each apart and checked it again); None otherwise."""
        if changes.keys() != {"rationale"}:
            return None
        try:
            return Cell.model_validate({"rationale": changes["rationale"]}).rationale
        except ValidationError:
            return None  # each cell refuses it, saying why

    def _say_widened(self, planned: dict[CellKey, tuple[Cell | None, Cell | None]]) -> None:
        # Of the selected cell alone: a score set on a whole matrix widened tens of thousands
        # of ranges, each worded and signalled for the inspector to drop all but one.
        key = self._selection
        if key in planned:
            sentence = widened_ranges(*planned[key])
            if sentence:
                self.rangeWidened.emit(key, sentence)

    def replace_contents(self, document: Assessment, text: str) -> bool:
        """Swap in another version of the whole document (e.g. an imported matrix) as one step.

        Only the top-level fields that differ are swapped, so undo restores the document
        exactly; the file, attachments and undo history stay.
        """
        try:
            checked = Assessment.model_validate(document.model_dump())
        except ValidationError as error:
            return self._refuse(describe_validation_error(error, document.model_dump()))
        fields = [
            name
            for name in Assessment.model_fields
            if getattr(checked, name) != getattr(self._document, name)
        ]
        if not fields:
            return True
        before = {name: getattr(self._document, name) for name in fields}
        after = {name: getattr(checked, name) for name in fields}
        self._push(StateCommand(self, text, before, after))
        return True

    def clear_cells(self, keys: list[CellKey], text: str | None = None) -> bool:
        """Make cells unassessed again (removes them from the document); one undo step.

        Under a scenario, removes the scenario's overrides of the cells instead."""
        if self._scenario_id is not None:
            return self.clear_scenario_overrides(keys)
        planned: dict[CellKey, tuple[Cell | None, Cell | None]] = {}
        for project_id, criterion_id in keys:
            old = self._document.cell(project_id, criterion_id)
            if old is not None:
                planned[(project_id, criterion_id)] = (old, None)
        if planned:
            count = len(planned)
            label = (
                f"Clear cell {self._cell_label(*next(iter(planned)))}"
                if count == 1
                else f"Clear {count:,} cells"
            )
            self._push(CellsCommand(self, text or label, planned))
        return True

    def paste_scores(
        self, scores: dict[CellKey, tuple[int | None, int | None]], verb: str = "Paste"
    ) -> bool:
        """Set each cell's likelihood and impact (None: left as it is) as one undo step,
        named "``verb`` N cells" ("Paste 4 cells", "Fill down 4 cells").

        Cells already showing those scores are left out; under a scenario the scores go to
        its overrides, as a typed score does. When any cell refuses, nothing changes."""
        matrix = self.result.matrix
        rows = {project_id: row for row, project_id in enumerate(matrix.project_ids)}
        columns = {criterion_id: col for col, criterion_id in enumerate(matrix.criterion_ids)}
        each: dict[CellKey, dict[str, Any]] = {}
        for key, (likelihood, impact) in scores.items():
            row, column = rows.get(key[0]), columns.get(key[1])
            if row is None or column is None:
                return self._refuse(f"{self._cell_label(*key)}: no such cell to paste into")
            changes = tuple(
                (name, value)
                for name, value, shown in (
                    ("likelihood", likelihood, matrix.likelihood[row, column]),
                    ("impact", impact, matrix.impact[row, column]),
                )
                if value is not None and value != shown
            )
            if changes:
                each[key] = dict(changes)
        if not each:
            return True
        text = f"{verb} 1 cell" if len(each) == 1 else f"{verb} {len(each):,} cells"
        # One command for the whole block: the views rescore and refresh once, not once per
        # distinct pair of scores pasted (up to 25 times a block, undo and redo too).
        if self._scenario_id is None:
            return self._edit_baseline_cells(list(each), {}, text, each=each)
        # The scenario's overrides: named as its other edits are, so Undo from the baseline
        # does not read as taking back a paste into the baseline's cells.
        scenario = self.open_scenario
        where = f" in scenario {scenario.name}" if scenario is not None else ""
        return self.edit_scenario_scores(list(each), {}, text + where, each=each)

    def edit_assessment(self, changes: dict[str, Any], text: str | None = None) -> bool:
        """Change the document's metadata (title, author, as-of date, summary...)."""
        unknown = [name for name in changes if name not in METADATA_FIELDS]
        if unknown:
            return self._refuse(f"'{unknown[0]}' is not an assessment detail that can be edited")
        before = {name: getattr(self._document, name) for name in changes}
        data = {name: getattr(self._document, name) for name in METADATA_FIELDS}
        data.update(changes)
        try:
            checked = Assessment.model_validate(data)
        except ValidationError as error:
            described = describe_field_problem(error)
            if described is None:
                return self._refuse(describe_validation_error(error, data))
            return self._refuse(f"{field_words(described[0])}: {described[1]}")
        after = {name: getattr(checked, name) for name in changes}
        if after == before:
            return True
        narrative = [name for name in NARRATIVE_FIELDS if name in changes and after[name].strip()]
        if narrative:
            # A text just written is written against today's results: stamp it in the same
            # step, so it reads as stale once they move (rrisk.narrative).
            before["narrative_stamps"] = self._document.narrative_stamps
            same_scores = changes.keys() <= _UNSCORED_FIELDS
            after["narrative_stamps"] = self._stamped(narrative, after, same_scores)
        label = ", ".join(name.replace("_", " ") for name in changes)
        self._push(StateCommand(self, text or f"Edit {label}", before, after))
        return True

    def edit_analysis(self, runs: int, seed: int) -> bool:
        """Set the Monte Carlo runs and seed kept in the document; one undo step."""
        from rrisk.docparts import AnalysisSettings

        try:
            settings = AnalysisSettings(runs=runs, seed=seed)
        except ValidationError as error:
            return self._refuse(describe_validation_error(error, {"runs": runs, "seed": seed}))
        if settings == self._document.analysis:
            return True
        text = f"Set the analysis to {runs:,} runs, seed {seed}"
        before = {"analysis": self._document.analysis}
        self._push(StateCommand(self, text, before, {"analysis": settings}))
        return True

    def mark_reviewed(self, keys: list[str]) -> bool:
        """Record that narrative texts (``summary``, ``project:ID``...) were reviewed against
        today's results, as ``rrisk review`` does; one undo step."""
        stamps = self._stamped(keys)
        if stamps == self._document.narrative_stamps:
            return True
        before = {"narrative_stamps": self._document.narrative_stamps}
        self._push(StateCommand(self, "Mark reviewed", before, {"narrative_stamps": stamps}))
        return True

    def _stamped(
        self, keys: list[str], changes: dict[str, Any] | None = None, same_scores: bool = True
    ) -> dict[str, Any]:
        """The document's stamps with ``keys`` stamped against today's baseline results, with
        ``changes`` applied first; the document is left as it is.

        ``same_scores``: the changes move no score (a text), so the baseline's results are
        those the window holds when it shows the baseline (scored afresh only under a
        scenario). Texts about the same projects share one stamp
        (:func:`rrisk.narrative.stamp_texts`; a rationale set on 80,000 cells was 80,000
        stamps, each remaking a map of every project's row)."""
        from rrisk.narrative import snapshot, stamp_texts

        update = {**(changes or {}), "narrative_stamps": dict(self._document.narrative_stamps)}
        document = self._document.model_copy(update=update)
        # Stamps record baseline results, whatever scenario is shown.
        held = same_scores and self._scenario_id is None
        result = self.result if held else score(document)
        stamps = stamp_texts(document, keys, result)
        # An empty text marked reviewed is stamped all the same, as it always was (stamping
        # drops an emptied text's stamp).
        for key in keys:
            if key not in stamps:
                stamps[key] = snapshot(document, key, result)
        return stamps

    # -- called by the undo commands (the EditTarget protocol) --------------------------
    def document_edited(
        self, cells: list[CellKey] | None, fields: set[str], rescore: bool = True
    ) -> None:
        """Rescore (only the edited cells when only cells changed, or only the shown
        scenario's overrides of ``cells``; not at all when ``rescore`` is False or only
        narrative texts and their stamps changed), drop a selection or scenario that is gone,
        tell the views."""
        previous, self._result = self._result, None
        cell_fields = ({"cells"}, {"scenarios"})
        self._changed_cells = list(cells) if cells is not None and fields in cell_fields else None
        if self._changed_cells is not None and fields == {"cells"}:
            if rescore:  # a rationale alone leaves every cell's review status as it was
                self._review_tally.cells_changed(self._document, self._changed_cells)
        elif fields & {"cells", "projects", "criteria"}:  # a scenario holds no review status
            self._review_tally.reset()
        if previous is not None and (not rescore or fields <= _UNSCORED_FIELDS):
            # No score reads what changed: the same results, and the views that follow them
            # (the ranking) stay as they are.
            self._result = previous
        elif (
            self._changed_cells is not None
            and previous is not None
            # A quarter of the cells or more are read faster all at once (scored lazily):
            # patching a whole 2,000 × 40 matrix took 0.2–0.4 s, a full read 0.05–0.2 s.
            and 4 * len(self._changed_cells) < previous.matrix.likelihood.size
        ):
            from rrisk.incremental import patch_matrix
            from rrisk.scoring import score_matrix

            # The scenario's overrides as the views find them (once for each version of it).
            shown = self._scenario() is not None
            overrides = overrides_of(self._document, self._scenario_id) if shown else None
            patched = patch_matrix(
                previous.matrix, self._document, self._changed_cells, self._scenario_id, overrides
            )
            if patched is not None:
                self._result = score_matrix(patched)
        elif fields == {"criteria"} and previous is not None:
            from rrisk.incremental import reweigh_matrix
            from rrisk.scoring import score_matrix

            reweighed = reweigh_matrix(previous.matrix, self._document, self._scenario_id)
            if reweighed is not None:
                self._result = score_matrix(reweighed)
        before, now = self._ids, _ListIds.of(self._document)
        self._ids = now
        # A renamed item (a new item's id follows its name, and undo takes it back) keeps
        # its view: the scenario shown, the cell selected. A removed one returns the view
        # to the baseline, or clears that part of the selection.
        if self._scenario_id is not None and self._scenario_id not in now.scenarios:
            renamed = _renamed(self._scenario_id, before.scenarios, now.scenarios)
            self._scenario_id = renamed
            self.scenarioChanged.emit(renamed)
        project_id, criterion_id = self._selection
        if project_id is not None and project_id not in now.projects:
            project_id = _renamed(project_id, before.projects, now.projects)
        if criterion_id is not None and criterion_id not in now.criteria:
            criterion_id = _renamed(criterion_id, before.criteria, now.criteria)
        if (project_id, criterion_id) != self._selection:
            self.select(project_id, criterion_id)
        if cells is not None:
            self.cellsChanged.emit(cells)
        self.documentChanged.emit()
        self.resultChanged.emit()

    def set_attachments(self, attachments: dict[str, bytes]) -> None:
        """Swap in the attached files (called by the undo commands only)."""
        self._attachments = attachments

    # -- helpers ------------------------------------------------------------------------
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
        self._push(
            StateCommand(self, text, before, after, place, attachments, cells, rescore, naming)
        )

    def _refuse(self, message: str) -> bool:
        self.errorOccurred.emit(message)
        return False

    def _cells_text(self, keys: list[CellKey], changes: dict[str, Any]) -> str:
        """How the Edit menu names an edit of these fields of these cells, e.g. "Edit impact,
        rationale of Tomtor / Sanctions" or "Edit red line of 3 cells"."""
        fields = ", ".join(name.replace("_", " ") for name in changes)
        where = self._cell_label(*keys[0]) if len(keys) == 1 else f"{len(keys):,} cells"
        if changes.keys() == {"evidence"} and len(keys) == 1:
            # A link added or removed, said so ("Edit evidence" read as if a link was changed).
            cell = self._document.cell(*keys[0])
            had = len(cell.evidence) if cell is not None else 0
            has = len(changes["evidence"] or [])
            if has > had:
                return f"Add evidence to {where}"
            if has < had:
                return f"Remove evidence from {where}"
        return f"Edit {fields} of {where}"

    def _cell_label(self, project_id: str, criterion_id: str) -> str:
        try:
            project = self._document.project(project_id).name
            criterion = self._document.criterion(criterion_id).name
        except KeyError:
            return f"{project_id} / {criterion_id}"
        return f"{project} / {criterion}"
