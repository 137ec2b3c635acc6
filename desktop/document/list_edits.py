"""Edits of the document's item lists: criteria, projects, sources and scenarios.

Part of :class:`~desktop.document.controller.DocumentController` (mixed in): each edit validates the
new item with the document model, then pushes one ``StateCommand`` that swaps the list (and,
for a removal, the cells, scenario overrides and screening decisions that referred to the item).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from desktop.document.attachment_edits import without_attachment_of
from desktop.document.commands import ControllerPart, ItemNaming, Place
from desktop.document.edit_rules import (
    RESERVED_IDS,
    drop_moved_overrides,
    drop_scenario_refs,
    drop_screening_refs,
    drop_stamps,
    lifted_hits,
    position_of,
    referenced,
    unique_slug,
    without_source,
)
from rrisk.limits import count_problem, matrix_problem
from rrisk.messages import blank_name, describe_field_problem, field_words, worded_for
from rrisk.model import (
    Assessment,
    Criterion,
    Project,
    Scenario,
    Source,
    describe_validation_error,
    scenario_name_problem,
    scenario_problems,
)
from rrisk.text import folded_name, prints_nothing

SAME_SOURCE = ("title", "publisher", "date", "url")
"""A source's fields that tell it entered twice (:func:`rrisk.evidence_quality.sources_twice`)."""

KINDS: dict[str, tuple[str, type[BaseModel], str]] = {
    "criterion": ("criteria", Criterion, "criterion"),
    "project": ("projects", Project, "project"),
    "source": ("sources", Source, "source"),
    "scenario": ("scenarios", Scenario, "scenario"),
}
"""kind -> (document field, model class, word used in messages)."""


def _limit_problem(document: Assessment, kind: str) -> str | None:
    """How one more item of ``kind`` would pass a limit on what a file holds (the document
    could then not be saved, see :mod:`rrisk.limits`), or None."""
    projects, criteria = len(document.projects), len(document.criteria)
    if kind == "project":
        return matrix_problem(projects + 1, criteria)
    if kind == "criterion":
        return matrix_problem(projects, criteria + 1)
    field = KINDS[kind][0]
    return count_problem(field, len(getattr(document, field)) + 1)


def item_refusal(word: str, item: Any, error: ValidationError, data: Any) -> str:
    """Why an edit of ``item`` was refused, naming it and the field in words
    ("Source “Kommersant article”: Date: '31 March' is not …")."""
    described = describe_field_problem(error)
    if described is None:
        return f"{word} '{item.id}': {describe_validation_error(error, data)}"
    field, problem = described
    return f"{_called(word, item)}: {field_words(field)}: {worded_for(field, problem)}"


def _called(word: str, item: Any) -> str:
    """``Source “Kommersant article”``: an item as a refusal names it."""
    name = getattr(item, "name", None) or getattr(item, "title", None) or item.id
    return f"{word.capitalize()} “{name}”"


def _new_refusal(word: str, error: ValidationError, data: Any) -> str:
    """Why a new item was refused, the field named as the form names it ("new source:
    Title: is empty: give it a title")."""
    described = describe_field_problem(error)
    if described is None:
        return f"new {word}: {describe_validation_error(error, data)}"
    field, problem = described
    return f"new {word}: {field_words(field)}: {worded_for(field, problem)}"


def _scenario_problem(
    document: Assessment, scenario: Scenario, old: Scenario | None = None
) -> str | None:
    """The first reference of ``scenario`` to a criterion or project that does not exist, or
    a name that would be ambiguous: checked for a new scenario and for a changed name only,
    so a scenario that came with a shared name (an older file) can still be edited."""
    criterion_ids = {c.id for c in document.criteria}
    project_ids = {p.id for p in document.projects}
    found = next(iter(scenario_problems(scenario, criterion_ids, project_ids)), None)
    if found or (old is not None and old.name == scenario.name):
        return found
    return scenario_name_problem(document, scenario)


def _naming_field(item: Any) -> str:
    """The field that names ``item``: a source's title, the others' name."""
    return "name" if hasattr(item, "name") else "title"


def _invisible(item: Any) -> str | None:
    """The naming field (:func:`_naming_field`) and why, when it holds only invisible
    characters (a zero-width space…): the model lets a file that holds one open (it was valid
    when saved), but a new or renamed item does not get one. None when it shows."""
    field = _naming_field(item)
    name = getattr(item, field, None)
    if not (isinstance(name, str) and prints_nothing(name)):
        return None
    return f"{field_words(field)}: " + blank_name(field, "invisible characters")


class ItemEdits(ControllerPart):
    """Add, edit, remove and move criteria, projects, sources and scenarios (one undo step each)."""

    _document: Assessment
    _scenario_id: str | None
    _attachments: dict[str, bytes]
    _selection: tuple[str | None, str | None]
    noticed: Any
    """The controller's signal for a word on the status bar (not a refusal)."""
    _settled_ids: set[tuple[str, str]]
    """(kind, id) of every item the document had when opened or last saved (see
    :meth:`settle_ids`): such an item keeps its id when renamed."""

    def settle_ids(self, saved: Assessment | None = None) -> None:
        """Record the items of the document as it is opened or saved (``saved``: the version
        written, when the document changed while it was): from now on their ids are what the
        file, other versions (``rrisk diff``) and colleagues refer to."""
        document = self._document if saved is None else saved
        self._settled_ids = {
            (kind, item.id)
            for kind, (field, _model, _word) in KINDS.items()
            for item in getattr(document, field)
        }

    def select(self, project_id: str | None, criterion_id: str | None) -> None:
        raise NotImplementedError  # provided by the controller

    def _stamped(
        self, keys: list[str], changes: dict[str, Any] | None = None, same_scores: bool = True
    ) -> dict[str, Any]:
        """The narrative stamps with ``keys`` stamped now (provided by the controller)."""
        raise NotImplementedError

    def edit_item(
        self,
        kind: str,
        item_id: str,
        changes: dict[str, Any],
        text: str | None = None,
    ) -> bool:
        """Change fields of a criterion, project, source or scenario; one undo step."""
        if kind not in KINDS:
            return self._refuse(f"unknown kind of item '{kind}'")
        field, model, word = KINDS[kind]
        if "id" in changes and changes["id"] != item_id:
            return self._refuse(f"the id of {word} '{item_id}' cannot be changed")
        items: list[Any] = getattr(self._document, field)
        position = position_of(items, item_id)
        if position is None:
            return self._refuse(f"{word} '{item_id}' does not exist")
        old = items[position]
        data = old.model_dump()
        data.update(changes)
        data["id"] = item_id
        try:
            new: Any = model.model_validate(data)
        except ValidationError as error:
            return self._refuse(item_refusal(word, old, error, data))
        if kind == "scenario":
            problem = _scenario_problem(self._document, new, old)
            if problem:
                return self._refuse(problem)
        naming = _naming_field(new)
        invisible = _invisible(new)
        if getattr(new, naming, None) != getattr(old, naming, None) and invisible:
            return self._refuse(f"{_called(word, old)}: {invisible}")
        if new == old:
            return True
        new_id = self._id_following_name(kind, old, new)
        if new_id != item_id:
            new = new.model_copy(update={"id": new_id})
        updated = list(items)
        updated[position] = new
        if text is None:
            fields = ", ".join(name.replace("_", " ") for name in changes)
            text = f"Edit {fields} of {word} {getattr(old, 'name', getattr(old, 'title', item_id))}"
        before: dict[str, Any] = {field: items}
        after: dict[str, Any] = {field: updated}
        # A description changes no score: the results stand (no rescore, no new ranking).
        same_scores = kind == "project" and changes.keys() <= {"description"}
        if kind == "project" and new.description.strip() and new.description != old.description:
            # A description just written is stamped with today's results in the same step.
            before["narrative_stamps"] = self._document.narrative_stamps
            after["narrative_stamps"] = self._stamped(
                [f"project:{new_id}"], {field: updated}, same_scores
            )
        lifted = lifted_hits(self._document, old, new) if kind == "project" else []
        dropped = kind == "project" and drop_moved_overrides(
            self._document, old, new, before, after
        )
        selection = self._selection
        # An edit of a scenario's overrides belongs to that scenario: undo and redo show it.
        overrides = kind == "scenario" and bool(
            {"weight_overrides", "cell_overrides"} & set(changes)
        )
        # The item too: undone or redone, its editor selects it, whichever item is selected.
        place = Place(
            new_id if overrides else self._scenario_id, item=(kind, frozenset({item_id, new_id}))
        )
        named = None
        if changes.keys() == {naming} and before.keys() == {field}:
            # The name alone: typed right after the item was added, it joins that step.
            name = getattr(new, naming)
            named = ItemNaming(kind, item_id, added=False, merged_text=f"Add {word} {name}")
        self._push_state(text, before, after, place, rescore=not same_scores, naming=named)
        if getattr(old, "name", None) != getattr(new, "name", None):
            self._notice_name_clash(kind, new)
        if kind == "source" and any(getattr(old, f) != getattr(new, f) for f in SAME_SOURCE):
            self._notice_source_twice(new)
        if dropped:
            self.noticed.emit(
                f"The territory override on “{new.name}” was written for the region as it "
                "read, so it no longer sets the rule aside and was removed (Undo brings it "
                "back): override the rule again if it still holds"
            )
        if lifted:
            names = ", ".join(f"“{name}”" for name in lifted)
            self.noticed.emit(
                f"The confirmed sanctions hit on {names} no longer excludes “{new.name}”: the "
                "project no longer names that counterparty, so the decision is left over "
                "(Undo brings the name back). Screen the new name and decide its hit"
            )
        if new_id != item_id:
            # The renamed item stays selected under its new id.
            project_id, criterion_id = selection
            if kind == "project" and project_id == item_id:
                self.select(new_id, criterion_id)
            elif kind == "criterion" and criterion_id == item_id:
                self.select(project_id, new_id)
        return True

    def _id_following_name(self, kind: str, old: Any, new: Any) -> str:
        """The id a renamed item gets: derived from the new name while the item is new, that
        is while it was added since the document was opened or saved, its id is still the one
        derived from its old name and nothing refers to it (no cells, evidence, scenario,
        screening or narrative use). Otherwise its id stays: ids are what files, fields,
        other versions of the document and colleagues' documents refer to, so a rename of a
        saved item reads as a rename, not a removal and an addition, in ``rrisk diff``."""
        name_field = "title" if kind == "source" else "name"
        old_name, new_name = getattr(old, name_field), getattr(new, name_field)
        if old_name == new_name or (kind, old.id) in self._settled_ids:
            return str(old.id)
        field = KINDS[kind][0]
        used = {item.id for item in getattr(self._document, field)} - {old.id}
        used |= RESERVED_IDS.get(kind, frozenset())
        if old.id != unique_slug(old_name, used, fallback=kind):
            return str(old.id)
        if referenced(self._document, kind, old.id):
            return str(old.id)
        return unique_slug(new_name, used, fallback=kind)

    def new_item(self, kind: str, item: BaseModel | dict) -> tuple[Any, str]:
        """The item :meth:`add_item` would insert, and '' — or None and why it would refuse
        it (for a caller that must know before it opens an undo macro)."""
        if kind not in KINDS:
            return None, f"unknown kind of item '{kind}'"
        field, model, word = KINDS[kind]
        too_many = _limit_problem(self._document, kind)
        if too_many:
            return None, f"New {word} not added: with it the assessment {too_many} in a file"
        data = item.model_dump() if isinstance(item, BaseModel) else dict(item)
        if not data.get("id"):
            data["id"] = self.new_id(kind, str(data.get("name") or data.get("title") or word))
        try:
            new: Any = model.model_validate(data)
        except ValidationError as error:
            return None, _new_refusal(word, error, data)
        if position_of(getattr(self._document, field), new.id) is not None:
            return None, f"{word} id '{new.id}' is already used"
        invisible = _invisible(new)
        if invisible:
            return None, f"new {word}: {invisible}"
        if kind == "scenario":
            problem = _scenario_problem(self._document, new)
            if problem:
                return None, problem
        return new, ""

    def add_item(
        self,
        kind: str,
        item: BaseModel | dict,
        index: int | None = None,
        named_next: bool = False,
    ) -> bool:
        """Insert a new criterion, project, source or scenario (at ``index``, default last).
        ``named_next``: added under a stand-in name ("New project"), its name typed next in
        the header or the list that opens for it joins this step; a name it was added with
        is the user's, and a rename of it is a step of its own."""
        new, problem = self.new_item(kind, item)
        if new is None:
            return self._refuse(problem)
        field, _model, word = KINDS[kind]
        items: list[Any] = getattr(self._document, field)
        updated = list(items)
        position = len(updated) if index is None else max(0, min(index, len(updated)))
        updated.insert(position, new)
        name = getattr(new, "name", None) or getattr(new, "title", new.id)
        self._push_state(
            f"Add {word} {name}",
            {field: items},
            {field: updated},
            naming=ItemNaming(kind, new.id, added=True) if named_next else None,
        )
        self._notice_name_clash(kind, new)
        if kind == "source":
            self._notice_source_twice(new)
        return True

    def _notice_source_twice(self, source: Any) -> None:
        """Say (not refuse) when another source has this one's URL, or its title, publisher
        and date: one source entered twice is graded and listed twice, and ``rrisk check``
        names the pair. Two may differ in what the check does not compare (two editions)."""
        from rrisk.evidence_quality import sources_twice

        for later, earlier, what in sources_twice(self._document.sources):
            if source.id in (later.id, earlier.id):
                other = earlier if later.id == source.id else later
                self.noticed.emit(
                    # What it shares first: a long title cut on the status bar hid it.
                    f"Same {what.removeprefix('the ')} as source '{other.id}' “{other.title}”: "
                    "one source entered twice is graded and listed twice; keep one, and cite it"
                )
                return

    def _notice_name_clash(self, kind: str, item: Any) -> None:
        """Say (not refuse) when another project, criterion or scenario has the same name, in
        any case or spacing: the ranking, the heat map and the memo would show two rows no
        reader can tell apart. Two sites may share a name on purpose, so it is the user's
        call; ``rrisk check`` names the pair too."""
        if kind not in ("project", "criterion", "scenario"):
            return
        key = folded_name(item.name)  # as `rrisk check` compares names
        field, _model, word = KINDS[kind]
        for other in getattr(self._document, field):
            if other.id != item.id and folded_name(other.name) == key:
                self.noticed.emit(
                    f"Another {word} is also named “{other.name}”: the ranking and the memo "
                    "will show two that cannot be told apart"
                )
                return

    def remove_item(self, kind: str, item_id: str) -> bool:
        """Remove an item and everything that refers to it, as one undo step."""
        if kind not in KINDS:
            return self._refuse(f"unknown kind of item '{kind}'")
        field, _model, word = KINDS[kind]
        doc = self._document
        items: list[Any] = getattr(doc, field)
        position = position_of(items, item_id)
        if position is None:
            return self._refuse(f"{word} '{item_id}' does not exist")
        removed = items[position]
        before: dict[str, Any] = {field: items}
        after: dict[str, Any] = {field: items[:position] + items[position + 1 :]}
        if kind == "project":
            before["cells"] = doc.cells
            after["cells"] = {p: row for p, row in doc.cells.items() if p != item_id}
            drop_scenario_refs(doc, before, after, project=item_id)
            drop_screening_refs(doc, before, after, item_id)
            drop_stamps(doc, before, after, project=item_id)
        elif kind == "criterion":
            before["cells"] = doc.cells
            after["cells"] = {
                p: {c: cell for c, cell in row.items() if c != item_id}
                for p, row in doc.cells.items()
            }
            drop_scenario_refs(doc, before, after, criterion=item_id)
            drop_stamps(doc, before, after, criterion=item_id)
        attachments = None
        if kind == "source":
            before["cells"] = doc.cells
            after["cells"] = {
                p: {c: without_source(cell, item_id) for c, cell in row.items()}
                for p, row in doc.cells.items()
            }
            # Its attached file leaves the file with it: kept, a shared copy would still
            # carry a file its reader can no longer see in the app.
            kept = without_attachment_of(doc, self._attachments, removed)
            if kept is not self._attachments:
                attachments = (self._attachments, kept)
        name = getattr(removed, "name", None) or getattr(removed, "title", item_id)
        # The selected cell in the removed row or column: undoing the removal selects it
        # again (the removal itself leaves the selection half empty).
        project_id, criterion_id = self._selection
        in_selection = {"project": project_id, "criterion": criterion_id}.get(kind) == item_id
        place = None
        if in_selection and project_id is not None and criterion_id is not None:
            place = Place(self._scenario_id, (project_id, criterion_id))
        self._push_state(f"Remove {word} {name}", before, after, place, attachments)
        return True

    def move_item(self, kind: str, item_id: str, index: int) -> bool:
        """Move an item to another position in its list (order of rows or columns)."""
        if kind not in KINDS:
            return self._refuse(f"unknown kind of item '{kind}'")
        field, _model, word = KINDS[kind]
        items: list[Any] = getattr(self._document, field)
        position = position_of(items, item_id)
        if position is None:
            return self._refuse(f"{word} '{item_id}' does not exist")
        index = max(0, min(index, len(items) - 1))
        if index == position:
            return True
        updated = list(items)
        updated.insert(index, updated.pop(position))
        name = getattr(items[position], "name", None) or getattr(items[position], "title", item_id)
        place = Place(self._scenario_id, item=(kind, frozenset({item_id})))
        self._push_state(f"Move {word} {name}", {field: items}, {field: updated}, place)
        return True

    def new_id(self, kind: str, name: str) -> str:
        """A unique, valid id derived from ``name`` (e.g. "Tomtor JV" -> ``tomtor-jv``)."""
        field = KINDS[kind][0] if kind in KINDS else "projects"
        used = {item.id for item in getattr(self._document, field)}
        return unique_slug(name, used | RESERVED_IDS.get(kind, frozenset()), fallback=kind)
