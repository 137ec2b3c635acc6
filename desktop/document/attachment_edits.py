"""Attaching a file to a source, replacing it and removing it, one undo step each.

The bytes live beside the document (the controller's ``attachments``, by stored name) and the
source names them in its ``attachment`` field: each step swaps both, so undo and redo give
back the source and the bytes exactly. A file is stored under its own name made plain
(:func:`rrisk.attachments.stored_name`), never over another attachment.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from pydantic import ValidationError

from desktop.document.commands import ControllerPart, Place
from desktop.document.edit_rules import position_of
from rrisk import collector
from rrisk.attachments import limit_problem, room_problem, stored_name, unnamed_attachments
from rrisk.errors import FileFormatError
from rrisk.fileformat import document_json_bytes
from rrisk.model import Assessment, Source, describe_validation_error


def shared_elsewhere(document: Assessment, source_id: str, name: str) -> bool:
    """Whether a source other than ``source_id`` names the attachment ``name`` (a file made
    elsewhere may have two sources name one file)."""
    return any(s.attachment == name for s in document.sources if s.id != source_id)


def without_attachment_of(
    document: Assessment, attachments: dict[str, bytes], source: Source
) -> dict[str, bytes]:
    """``attachments`` less the file ``source`` names, unless another source names it too."""
    name = source.attachment
    if name is None or name not in attachments or shared_elsewhere(document, source.id, name):
        return attachments
    return {key: data for key, data in attachments.items() if key != name}


class AttachmentEdits(ControllerPart):
    """Attach, replace and remove a source's file (one undo step each)."""

    _document: Assessment
    _attachments: dict[str, bytes]
    _scenario_id: str | None

    def attach_file(self, source_id: str, file_name: str, content: bytes) -> bool:
        """Attach ``content`` (a file called ``file_name``) to a source, in place of the file
        it had; one undo step. Refused past the limits a ``.rrisk`` file sets."""
        sources = self._document.sources
        position = position_of(sources, source_id)
        if position is None:
            return self._refuse(f"source '{source_id}' does not exist")
        source = sources[position]
        old = source.attachment
        kept = without_attachment_of(self._document, self._attachments, source)
        leaving = old if old is not None and old not in kept else None
        problem = limit_problem(len(content), self._attachments, leaving)
        if problem:
            return self._refuse(f"“{file_name}” not attached to “{source.title}”: {problem}")
        name = stored_name(file_name, kept)
        problem = room_problem(name, len(content), kept, None, self._document_bytes())
        if problem:
            return self._refuse(f"“{file_name}” not attached to “{source.title}”: {problem}")
        try:
            new = Source.model_validate({**source.model_dump(), "attachment": name})
        except ValidationError as error:  # never: the name is made valid
            return self._refuse(describe_validation_error(error, {"attachment": name}))
        updated = list(sources)
        updated[position] = new
        after = {**kept, name: content}
        verb = f"Replace the file attached to “{source.title}” with" if old else "Attach"
        text = f"{verb} {name}" + ("" if old else f" to source “{source.title}”")
        self._push_attachment_step(text, updated, after, source_id)
        return True

    def remove_attachment(self, source_id: str) -> bool:
        """Take a source's attached file away (from the file too, unless another source
        names it); one undo step."""
        sources = self._document.sources
        position = position_of(sources, source_id)
        if position is None:
            return self._refuse(f"source '{source_id}' does not exist")
        source = sources[position]
        if source.attachment is None:
            return True
        updated = list(sources)
        updated[position] = source.model_copy(update={"attachment": None})
        after = without_attachment_of(self._document, self._attachments, source)
        text = f"Remove the file {source.attachment} attached to “{source.title}”"
        self._push_attachment_step(text, updated, after, source_id)
        return True

    def attach_unnamed(self, source_id: str, name: str) -> bool:
        """Have a source name an attached file no source names (its bytes and name as they
        are), in place of the file it had; one undo step."""
        sources = self._document.sources
        position = position_of(sources, source_id)
        if position is None:
            return self._refuse(f"source '{source_id}' does not exist")
        if name not in unnamed_attachments(self._document, self._attachments):
            return self._refuse(f"no attached file “{name}” is left that no source names")
        source = sources[position]
        updated = list(sources)
        updated[position] = source.model_copy(update={"attachment": name})
        after = without_attachment_of(self._document, self._attachments, source)
        old = source.attachment
        verb = f"Replace the file attached to “{source.title}” with" if old else "Attach"
        text = f"{verb} {name}" + ("" if old else f" to source “{source.title}”")
        self._push_attachment_step(text, updated, after, source_id)
        return True

    def remove_unnamed(self, names: Collection[str]) -> bool:
        """Take attached files no source names out of the file; one undo step (Undo brings
        their bytes back as they were)."""
        unnamed = set(unnamed_attachments(self._document, self._attachments))
        leaving = sorted(set(names) & unnamed)
        if not leaving:
            return self._refuse("none of these is an attached file no source names")
        after = {key: data for key, data in self._attachments.items() if key not in leaving}
        text = (
            f"Remove the attached file {leaving[0]} that no source names"
            if len(leaving) == 1
            else f"Remove {len(leaving):,} attached files no source names"
        )
        self._push_state(text, {}, {}, attachments=(self._attachments, after))
        return True

    def _document_bytes(self) -> int:
        """The size of ``document.json`` as the document would now be written."""
        try:
            with collector.paused():  # a dict made per cell, none of them cyclic garbage
                return len(document_json_bytes(self._document, check=False))
        except FileFormatError:  # a value JSON cannot write: saving says so, in its words
            return 0

    def _push_attachment_step(
        self, text: str, sources: list[Any], attachments: dict[str, bytes], source_id: str
    ) -> None:
        self._push_state(
            text,
            {"sources": self._document.sources},
            {"sources": sources},
            # Undone or redone, the source is selected in its editor, its file row shown.
            Place(self._scenario_id, item=("source", frozenset({source_id}))),
            attachments=(self._attachments, attachments),
        )
