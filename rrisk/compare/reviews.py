"""Narrative texts marked reviewed: the part of the review stamps a reader needs to know.

A narrative text (the summary, recommendation and notes, a project's description, a cell's
rationale) carries a stamp of the figures it was written or last marked reviewed against
(:mod:`rrisk.narrative`); a reader does not know stamps, and most stamp changes only echo an
edit of the text. So, for an investment committee:

- a text whose wording changed (or that came or went with its project or cell) is reported
  by that change alone; its new stamp is implied by the edit and not listed
  (:func:`implied_review_changes` keeps it, so the changes still rebuild the newer version);
- a text whose wording is the same on both sides but whose stamp differs was *marked
  reviewed against the figures*: the analyst confirmed that the unchanged text still holds
  for the results as they then stood. That is worth a line (a committee reading an unchanged
  summary wants to know whether anyone re-checked it after the figures moved), one per
  project (its description and rationales) and one for the assessment's own texts;
- a stamp taken away from an unchanged text reads "no longer marked reviewed".
"""

from __future__ import annotations

from typing import Any

from rrisk.compare.changes import CHANGED, KIND_NARRATIVE, Change
from rrisk.model import Assessment
from rrisk.narrative import DOCUMENT_TEXTS, text_of

FIELD_REVIEWED = "reviewed"
"""``field`` of a listed change: texts marked reviewed (or no longer) with their wording kept."""
FIELD_STAMPS = "stamps"
"""``field`` of the implied change: the stamps of edited (or added, removed) texts."""


def _differing(old: Assessment, new: Assessment) -> tuple[list[str], list[str]]:
    """Keys whose stamp differs: (wording unchanged and not empty, the rest)."""
    before, after = old.narrative_stamps, new.narrative_stamps
    if before == after:
        return [], []
    same, edited = [], []
    for key in dict.fromkeys([*before, *after]):
        if before.get(key) == after.get(key):
            continue
        wording = text_of(old, key)
        if wording.strip() and wording == text_of(new, key):
            same.append(key)
        else:
            edited.append(key)
    return same, edited


def _stamps(doc: Assessment, keys: list[str]) -> dict[str, Any]:
    return {
        key: stamp.model_dump(mode="json") if (stamp := doc.narrative_stamps.get(key)) else None
        for key in keys
    }


def review_changes(old: Assessment, new: Assessment) -> list[Change]:
    """One change per project whose unchanged texts were marked reviewed (or unmarked), and
    one for the assessment's own texts (``project`` None), in the newer version's order."""
    same, _edited = _differing(old, new)
    if not same:
        return []
    projects = {project.id: k for k, project in enumerate(new.projects)}
    criteria = {criterion.id: k for k, criterion in enumerate(new.criteria)}
    texts = {key: k for k, key in enumerate(DOCUMENT_TEXTS)}

    def place(key: str) -> tuple[int, int, int]:
        """(project, 0 for its description or 1 for a rationale, criterion)."""
        kind, _, rest = key.partition(":")
        if not rest:
            return (-1, 0, texts.get(key, 0))
        project_id, _, criterion_id = rest.partition(":")
        return (projects.get(project_id, -1), int(kind == "cell"), criteria.get(criterion_id, -1))

    by_project: dict[str | None, list[str]] = {}
    for key in sorted(same, key=place):
        project_id = key.split(":")[1] if ":" in key else None
        by_project.setdefault(project_id, []).append(key)
    changes = []
    for project_id, keys in by_project.items():
        cells = [key.split(":")[2] for key in keys if key.startswith("cell:")]
        criterion_id = cells[0] if len(keys) == len(cells) == 1 else None
        changes.append(
            Change(
                KIND_NARRATIVE,
                CHANGED,
                FIELD_REVIEWED,
                _stamps(old, keys),
                _stamps(new, keys),
                project=project_id,
                criterion=criterion_id,
            )
        )
    return changes


def implied_review_changes(old: Assessment, new: Assessment) -> list[Change]:
    """The stamp changes that go with an edited text (at most one change, for all of them)."""
    _same, edited = _differing(old, new)
    if not edited:
        return []
    return [
        Change(KIND_NARRATIVE, CHANGED, FIELD_STAMPS, _stamps(old, edited), _stamps(new, edited))
    ]
