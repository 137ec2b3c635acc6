"""Bundled templates: readable JSON documents under ``resources/templates/``.

A template file is the body of a ``document.json`` (no envelope) plus keys of its own,
``template_id``, ``template_description`` and optionally ``template_title`` (the name listed,
when it should differ from the document's title, e.g. for an earlier version of the same
case), which are removed before validation. Templates are listed by file stem, so an earlier
version (``case-2025-06``) follows the current one (``case``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from rrisk.errors import DocumentError, TemplateError
from rrisk.model import Assessment, parse_assessment
from rrisk.narrative import stamp_all
from rrisk.plainmodel import new_assessment
from rrisk.resources import resource_path

PLACEHOLDER_AUTHORS = frozenset({"", "rrisk template"})
"""Author or organisation values (casefolded) that mean nobody has put their name to a
document yet: empty, or the bundled templates' own."""

BLANK_ID = "blank"


@dataclass(frozen=True)
class TemplateInfo:
    id: str
    title: str
    description: str


def _read(path_name: str) -> dict:
    path = resource_path("templates", path_name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise TemplateError(f"template {path.name} cannot be read: {error}") from None
    if not isinstance(data, dict):
        raise TemplateError(f"template {path.name} is not a JSON object")
    return data


def list_templates() -> list[TemplateInfo]:
    """The bundled templates, blank assessment first."""
    found = [
        TemplateInfo(
            BLANK_ID, "Blank assessment", "An empty assessment with no criteria or projects."
        )
    ]
    folder = resource_path("templates")
    for path in sorted(folder.glob("*.json"), key=lambda p: p.stem):
        data = _read(path.name)
        found.append(
            TemplateInfo(
                str(data.get("template_id", path.stem)),
                str(data.get("template_title", data.get("title", path.stem))),
                str(data.get("template_description", "")),
            )
        )
    return found


def new_from_template(template_id: str = BLANK_ID) -> Assessment:
    """A fresh document from a bundled template (``blank`` for an empty one)."""
    if template_id == BLANK_ID:
        return new_assessment()
    for path in sorted(resource_path("templates").glob("*.json")):
        data = _read(path.name)
        if data.get("template_id", path.stem) == template_id:
            data.pop("template_id", None)
            data.pop("template_description", None)
            data.pop("template_title", None)
            try:
                document = parse_assessment(data)
            except DocumentError as error:
                raise TemplateError(f"template '{template_id}' is invalid: {error}") from None
            # Its narrative was written against its own figures: stamp it, so that the first
            # edit that moves a result marks the summary stale.
            stamp_all(document)
            return document
    known = ", ".join(t.id for t in list_templates())
    raise TemplateError(f"template '{template_id}' does not exist (known: {known})")
