"""Checks of what the memo would print: warnings the check before a memo adds to its list.

* an assessment with no projects or no criteria, whose memo ranks nothing;
* projects (or criteria) whose names are equal once case and spacing are folded, which the
  ranking and the memo print as rows nobody can tell apart;
* a source whose title prints nothing (invisible characters alone);
* narrative fields that print no figure (``{{leader}}`` when no project is ranked, the index
  of an excluded project);
* characters the memo's fonts cannot draw (emoji, …; Chinese, Japanese and Korean print in
  the fallback font, but for what it lacks), which print as empty boxes (:mod:`rrisk.glyphs`
  reads the coverage from the font files; Arabic and Hebrew print joined and right to left).
  This is true of the PDF memo; the Word memo's text is Word's to set (its own fonts), so of a
  Word memo only the names in its charts, which are pictures, are warned of.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from rrisk.check import WARNING, Problem
from rrisk.fields import FieldResolver, narrative_texts
from rrisk.glyphs import describe, undrawable
from rrisk.text import Places, folded_name, item_places, listed, prints_nothing

if TYPE_CHECKING:
    from rrisk.model import Assessment

_DOCUMENT_TEXTS = ("summary", "recommendation", "notes")
_NAMES_SHOWN = 6
_CELL_TEXTS = ("rationale", "red_line_reason", "red_line_basis")
_SKIPPED = frozenset({"id", "narrative_stamps", "cells", "analysis"})
"""Fields of the document that hold no printed text, or are walked on their own (cells)."""
_UNPRINTED = {"source": frozenset({"notes"})}
"""Fields of an item the memo does not print (a source's notes are the analyst's own)."""
_CHARTED = {"project": frozenset({"name"}), "criterion": frozenset({"name"})}
"""Fields of an item the charts draw (projects' ranges, criteria in the tornado): in the Word
memo they are pictures, drawn in the PDF's fonts and left to right."""
PDF, WORD = "pdf", "docx"
"""The memo formats the check can be told of (None: not chosen yet, or either)."""


def print_problems(
    document: Assessment, scenario: str | None, memo_format: str | None = None
) -> Iterator[Problem]:
    """The warnings about what the memo of ``document`` would print under ``scenario``, as
    ``memo_format`` (:data:`PDF`, :data:`WORD`, or None: the warnings of a PDF memo, saying
    which hold for a Word memo too)."""
    yield from _empty_ranking(document)
    yield from _same_names(document, "project", document.projects)
    yield from _same_names(document, "criterion", document.criteria)
    yield from _blank_titles(document)
    yield from _blank_fields(document, scenario)
    yield from _undrawable(document, memo_format)


def earlier_names(
    since: Assessment, document: Assessment, memo_format: str | None = None
) -> Iterator[Problem]:
    """The warnings about names that the memo's "Changes since" prints from the earlier
    version ``since`` alone (a project, criterion, source or scenario since removed, or the
    old name of one renamed, and the assessment's own short texts changed since, its title
    among them: "title Old → New"), whose characters the PDF memo cannot print as written;
    the Word memo's text is Word's to set."""
    if memo_format == WORD:
        return
    from rrisk.compare.words import LONG_TEXT  # (a long text's change reads "… changed")

    for field in type(since).model_fields:
        old_text = getattr(since, field)
        if not isinstance(old_text, str) or field in LONG_TEXT:
            continue
        missing = "" if getattr(document, field) == old_text else undrawable(old_text)
        if missing:
            label = field.replace("_", " ")
            yield Problem(
                WARNING,
                f"earlier version, {label} (changed since)",
                f"“{old_text}”, printed in Changes since: "
                + _characters_message([(label, missing)], memo_format),
            )
    kinds: tuple[tuple[str, list[Any], list[Any]], ...] = (
        ("project", since.projects, document.projects),
        ("criterion", since.criteria, document.criteria),
        ("source", since.sources, document.sources),
        ("scenario", since.scenarios, document.scenarios),
    )
    for kind, old, new in kinds:
        field = "title" if kind == "source" else "name"
        now = {item.id: getattr(item, field) for item in new}
        places = item_places(kind, old, field)
        for item in old:
            name = getattr(item, field)
            missing = "" if now.get(item.id) == name else undrawable(name)
            if missing:
                state = "renamed since" if item.id in now else "removed since"
                yield Problem(
                    WARNING,
                    f"earlier version, {places[item.id]} ({state})",
                    "printed in Changes since: "
                    + _characters_message([(field, missing)], memo_format),
                )


def _empty_ranking(document: Assessment) -> Iterator[Problem]:
    if not document.projects:
        yield Problem(
            WARNING,
            "projects",
            "the assessment has no projects: the memo's ranking, heat map and project pages "
            "would be empty; add the projects to compare",
            {"kind": "project", "id": ""},
        )
    if not document.criteria:
        yield Problem(
            WARNING,
            "criteria",
            "the assessment has no criteria: no project can be scored, so the memo's ranking "
            "would be empty; add the criteria to score against",
            {"kind": "criterion", "id": ""},
        )


def _same_names(document: Assessment, kind: str, items: list[Any]) -> Iterator[Problem]:
    groups: dict[str, list[Any]] = {}
    places = item_places(kind, items)  # its id, then its name where it prints
    for item in items:
        groups.setdefault(folded_name(item.name), []).append(item)
        if prints_nothing(item.name):  # opens (it was valid when saved), but shows nothing
            yield Problem(
                WARNING,
                places[item.id],
                "its name prints nothing (only invisible characters); rename it",
                {"kind": kind, "id": item.id},
            )
    plural = "projects" if kind == "project" else "criteria"
    where = (
        "the ranking and the memo would show rows that cannot be told apart"
        if kind == "project"
        else "the heat map, project pages and methodology would show columns and rows that "
        "cannot be told apart"
    )
    for same in groups.values():
        if len(same) > 1:
            # The place names the first by its id and name; the message the others.
            others = _listed([f"'{item.id}'" for item in same[1:]])
            said = f"the {kind} {others} has" if len(same) == 2 else f"the {plural} {others} have"
            yield Problem(
                WARNING,
                places[same[0].id],
                f"{said} the same name: {where}; rename one",
                {"kind": kind, "id": same[1].id},
            )


def _blank_titles(document: Assessment) -> Iterator[Problem]:
    """Sources whose title prints nothing: the memo, the evidence list and the picker would
    show an empty name beside its grade."""
    for source in document.sources:
        if prints_nothing(source.title):  # opens (it was valid when saved), but shows nothing
            yield Problem(
                WARNING,
                f"source '{source.id}'",  # (no title to name it by)
                "its title prints nothing (only invisible characters); retitle it",
                {"kind": "source", "id": source.id},
            )


def _blank_fields(document: Assessment, scenario: str | None) -> Iterator[Problem]:
    resolver = FieldResolver(document, scenario)
    for key, place, text in narrative_texts(document, "{{"):
        for message in resolver.blank_fields(text):
            yield Problem(WARNING, place, message, {"kind": "text", "key": key})


_Found = tuple[str, dict[str, Any], list[tuple[str, str]], list[str], str]
"""One item holding characters the memo cannot draw: its place, target, (field, characters)
found, the fields of those the charts draw, and a lead for the message (a row's cells)."""


def _undrawable(document: Assessment, memo_format: str | None) -> Iterator[Problem]:
    """One warning per item (document field, project, criterion, source, scenario, the
    screening record) naming its fields and their characters; a project's cells are one
    warning naming the criteria. Of a Word memo, the names its charts draw alone."""
    for place, target, found, drawn, lead in _undrawable_found(document, memo_format):
        message = lead + _characters_message(found, memo_format, drawn or None)
        yield Problem(WARNING, place, message, target)


def unprintable(document: Assessment, memo_format: str = PDF) -> list[tuple[dict[str, Any], str]]:
    """What the memo prints as empty boxes: each item's target (as a check's
    :class:`~rrisk.check.Problem` has it; a project's cells are one ``cell`` target) and the
    characters of it the memo's fonts cannot draw, in the order of the check's warnings. Of
    the Word memo (``WORD``), the names its charts draw, which are pictures in the PDF's fonts."""
    return [
        (target, "".join(dict.fromkeys("".join(chars for _, chars in found))))
        for _, target, found, _, _ in _undrawable_found(document, memo_format)
    ]


def _undrawable_found(document: Assessment, memo_format: str | None) -> Iterator[_Found]:
    """The items :func:`_undrawable` warns of, found once for the check and the memo."""
    places = Places(document)
    for name in type(document).model_fields:
        if name in _SKIPPED:
            continue
        value = getattr(document, name)
        if isinstance(value, list) and value and isinstance(value[0], BaseModel):
            kind = {"projects": "project", "criteria": "criterion", "sources": "source"}.get(
                name, "scenario"
            )
            charted = _CHARTED.get(kind, frozenset())
            if memo_format == WORD and not charted:
                continue
            for item in value:
                found = list(_texts_of(item, skip=_UNPRINTED.get(kind, frozenset())))
                if memo_format == WORD:
                    found = [(field, characters) for field, characters in found if field in charted]
                if found:
                    drawn = [field for field, _ in found if field in charted]
                    target = {"kind": kind, "id": item.id}
                    yield places(kind, item.id), target, found, drawn, ""
        elif memo_format == WORD:
            continue  # the Word memo's text: Word sets it
        else:
            found = list(_texts_of(value, name.replace("_", " ")))
            if found:
                target = (
                    {"kind": "text", "key": name}
                    if name in _DOCUMENT_TEXTS
                    else {"kind": "screening"}
                    if name == "screening"
                    else {"kind": "document", "field": name}
                )
                yield name.replace("_", " "), target, found, [], ""
    if memo_format != WORD:
        yield from _undrawable_cells(document)


def _undrawable_cells(document: Assessment) -> Iterator[_Found]:
    names = {c.id: c.name for c in document.criteria}
    places = Places(document)
    for project_id, row in document.cells.items():
        texts = [
            text
            for cell in row.values()
            for text in (cell.rationale, cell.red_line_reason, cell.red_line_basis)
        ]
        texts += [
            text
            for cell in row.values()
            for link in cell.evidence
            for text in (link.quote, link.page)
        ]
        if "".join(texts).isascii():  # most rows: nothing to look at, character by character
            continue
        criteria: list[str] = []
        found: list[tuple[str, str]] = []
        for criterion_id, cell in row.items():
            # The cell's texts named here, not walked: a matrix has up to 200,000 cells.
            here = [
                (text.replace("_", " "), missing)
                for text in _CELL_TEXTS
                for missing in (undrawable(getattr(cell, text)),)
                if missing
            ]
            for link in cell.evidence:
                here += list(_texts_of(link.quote, "evidence quote"))
                here += list(_texts_of(link.page, "evidence page"))
            if here:
                criteria.append(criterion_id)
                found += here
        if found:
            noun = "cell" if len(criteria) == 1 else "cells"
            lead = f"{len(criteria):,} {noun} (" + _listed([names.get(c, c) for c in criteria])
            target = {"kind": "cell", "project": project_id, "criterion": criteria[0]}
            yield places("project", project_id), target, found, [], lead + "): "


def _texts_of(
    value: Any, label: str = "", skip: frozenset[str] = frozenset()
) -> Iterator[tuple[str, str]]:
    """(field, characters the font lacks) of every text in ``value``, nested parts included
    (``rubric impact``, ``cell overrides note``), but the fields of ``value`` named in
    ``skip``."""
    if isinstance(value, str):
        missing = undrawable(value)
        if missing:
            yield label, missing
    elif isinstance(value, (list, tuple)):
        for part in value:
            yield from _texts_of(part, label)
    elif isinstance(value, dict):
        for part in value.values():
            yield from _texts_of(part, label)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            part = getattr(value, name)
            # Most fields are ASCII text or numbers: passed over before a label is made.
            passed_over = name == "id" or name in skip or (isinstance(part, str) and part.isascii())
            if not passed_over and isinstance(part, (str, list, tuple, dict, BaseModel)):
                yield from _texts_of(part, _join(label, name))


def _listed(names: list[str]) -> str:
    return listed(names, _NAMES_SHOWN)


def _join(label: str, name: str) -> str:
    return f"{label} {name.replace('_', ' ')}".strip()


def _characters_message(
    found: list[tuple[str, str]], memo_format: str | None, drawn: list[str] | None = None
) -> str:
    """What ``found`` (field, characters) would print as in a memo of ``memo_format``;
    ``drawn``: those of the fields that the Word memo's charts draw."""
    by_field: dict[str, str] = {}
    for label, characters in found:
        by_field[label] = by_field.get(label, "") + characters
    fields = _listed(list(by_field))
    boxes = "".join(dict.fromkeys("".join(by_field.values())))
    if memo_format == WORD:
        return (
            "the Word memo's charts are pictures drawn as in the PDF memo: "
            f"{describe(boxes)} in {fields} would show as empty boxes in them (the PDF "
            "memo's fonts, which they are drawn in, lack them)"
        )
    # A PDF memo; when the format is not chosen yet, saying which the Word memo shares.
    memo = "the memo" if memo_format == PDF else "the PDF memo"
    held = [field for field in drawn or () if by_field.get(field)]
    charts = (
        f" in the PDF, and for the {_listed(held)} in the Word memo's charts too" if held else ""
    )
    return (
        f"{memo}'s fonts cannot draw {describe(boxes)} in {fields}; they would print as "
        "empty boxes"
        + ("" if memo_format == PDF else charts or " (the Word memo's text is in Word's fonts)")
    )
