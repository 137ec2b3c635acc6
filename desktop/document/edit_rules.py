"""Pure helpers behind the controller's edits: ids, reference checks, cascades.

Nothing here changes the document: functions compute new objects or messages, and the
controller wraps the result in an undo command.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from rrisk.cells import CELL_STATUSES, ranges_in_order
from rrisk.cells import SCORE_FIELDS as CELL_SCORE_FIELDS
from rrisk.fields import narrative_texts
from rrisk.model import Assessment, Cell, Project, Scenario
from rrisk.narrative import CELL_SCORES
from rrisk.screening.decisions import counterparty_key
from rrisk.text import ascii_text

RESERVED_IDS = {
    "project": frozenset({"leader", CELL_SCORES}),
    "scenario": frozenset({"baseline"}),
}
"""Ids a new item never gets: words of the narrative fields (``{{index:leader}}`` is the
first-ranked project, ``@baseline`` the baseline), so an item with that id could not be cited
by it (a project named "Leader" offered ``{{index:leader}}`` in Insert field, showing the
leader's figure as its own); and the key under which a rationale's stamp keeps its cell's
scores beside its projects' results (:data:`rrisk.narrative.CELL_SCORES`): a project named
"0.cell" got that id, and its rationales' stamps lost its result under their scores, so an
older RRisk read every one of them as stale at once."""


SLUG_LENGTH = 56
"""The most characters of an id made from a name, leaving room for a ``-2`` within the 64
an id may have."""
_WORD_BACK = 16
"""How far back from :data:`SLUG_LENGTH` an id made from a long name ends at a word's end
rather than in a word (``…-cobalt-brut-pou`` is ``…-cobalt-brut``)."""


def unique_slug(name: str, used: set[str], fallback: str = "item") -> str:
    """A valid id from ``name`` (lower-case ASCII, ``-`` between words), unique among ``used``.

    Other scripts are transliterated ("Томтор" → ``tomtor``, "Норильск" → ``norilsk``), so ids
    stay readable; a long name's id ends at a word's end (a hyphen) when one is among its last
    :data:`_WORD_BACK` characters, else at :data:`SLUG_LENGTH`."""
    ascii_name = ascii_text(name).encode("ascii", "ignore").decode()
    # An apostrophe is no break between words: "O'Brien" is obrien, and the soft sign that
    # transliterates as one ("Норильск" → "Noril'sk") is norilsk, not noril-sk.
    ascii_name = ascii_name.replace("'", "")
    # A dash between words ("Sanctions eased — phase 2", read as "--") is one hyphen, as a space is.
    whole = re.sub(r"[^a-z0-9_.]+", "-", ascii_name.lower()).strip("-._")
    slug = whole[:SLUG_LENGTH]
    if len(whole) > SLUG_LENGTH and whole[SLUG_LENGTH] != "-":  # cut in a word
        end = slug.rfind("-")
        if end >= SLUG_LENGTH - _WORD_BACK:
            slug = slug[:end]
    slug = slug.rstrip("-._")
    slug = slug or fallback
    candidate, number = slug, 2
    while candidate in used:
        candidate = f"{slug}-{number}"
        number += 1
    return candidate


def referenced(document: Assessment, kind: str, item_id: str) -> bool:
    """Whether anything in the document refers to this item by its id."""
    texts = [text for _key, _place, text in narrative_texts(document)]
    if any(item_id in text for text in texts if "{{" in text):
        return True  # a live field may name it ({{index:ID}}, {{band:ID@SCENARIO}})
    if kind == "project":
        screening = document.screening
        return (
            bool(document.cells.get(item_id))
            or any(o.project == item_id for s in document.scenarios for o in s.cell_overrides)
            or any(d.project == item_id for d in screening.decisions)
            or any(o.project == item_id for o in screening.territory_overrides)
            or any(key.split(":")[1:2] == [item_id] for key in document.narrative_stamps)
        )
    if kind == "criterion":
        return (
            any(item_id in row for row in document.cells.values())
            or any(item_id in s.weight_overrides for s in document.scenarios)
            or any(o.criterion == item_id for s in document.scenarios for o in s.cell_overrides)
        )
    if kind == "source":
        return any(
            link.source == item_id
            for row in document.cells.values()
            for cell in row.values()
            for link in cell.evidence
        )
    return False


def position_of(items: list[Any], item_id: str) -> int | None:
    """Index of the item with ``item_id`` in a list of criteria/projects/sources/scenarios."""
    for position, item in enumerate(items):
        if item.id == item_id:
            return position
    return None


def drop_scenario_refs(
    document: Assessment,
    before: dict[str, Any],
    after: dict[str, Any],
    project: str | None = None,
    criterion: str | None = None,
) -> None:
    """Add to ``before``/``after`` the scenarios without overrides of a removed item."""
    scenarios = document.scenarios
    updated: list[Scenario] = []
    changed = False
    for scenario in scenarios:
        overrides = [
            o for o in scenario.cell_overrides if o.project != project and o.criterion != criterion
        ]
        weights = {k: v for k, v in scenario.weight_overrides.items() if k != criterion}
        if overrides != scenario.cell_overrides or weights != scenario.weight_overrides:
            scenario = scenario.model_copy(
                update={"cell_overrides": overrides, "weight_overrides": weights}
            )
            changed = True
        updated.append(scenario)
    if changed:
        before["scenarios"] = scenarios
        after["scenarios"] = updated


def drop_stamps(
    document: Assessment,
    before: dict[str, Any],
    after: dict[str, Any],
    project: str | None = None,
    criterion: str | None = None,
) -> None:
    """Add to ``before``/``after`` the narrative stamps without those of a removed project's
    description and rationales, or a removed criterion's rationales: kept, they stayed in the
    saved file, and an item given the same id later took them for its own texts."""
    stamps = document.narrative_stamps
    kept = {
        key: stamp
        for key, stamp in stamps.items()
        if not (
            (project is not None and key.split(":")[1:2] == [project])
            or (
                criterion is not None
                and key.startswith("cell:")
                and key.split(":")[2:] == [criterion]
            )
        )
    }
    if len(kept) != len(stamps):
        before["narrative_stamps"] = stamps
        after["narrative_stamps"] = kept


def drop_screening_refs(
    document: Assessment, before: dict[str, Any], after: dict[str, Any], project: str
) -> None:
    """Add to ``before``/``after`` the screening record without a removed project's decisions
    and territory overrides: they would name a project the file no longer holds, which the
    model refuses, so the document could not be saved."""
    screening = document.screening
    decisions = [d for d in screening.decisions if d.project != project]
    overrides = [o for o in screening.territory_overrides if o.project != project]
    if decisions != screening.decisions or overrides != screening.territory_overrides:
        before["screening"] = screening
        after["screening"] = screening.model_copy(
            update={"decisions": decisions, "territory_overrides": overrides}
        )


def drop_moved_overrides(
    document: Assessment, old: Project, new: Project, before: dict[str, Any], after: dict[str, Any]
) -> bool:
    """Add to ``before``/``after`` the screening record without ``old``'s territory overrides
    when the edit to ``new`` changes where the project is (its region or country, beyond case
    and spacing), and say whether it did.

    An override justifies setting a rule aside for the place as written ("Zaporizhzhia
    city, on the government-controlled side"): the same words cannot be taken to justify
    another place of the same territory ("Enerhodar", occupied), so they stop applying,
    as a hit decision does when its counterparty is renamed."""
    if counterparty_key(f"{old.region} {old.country}") == counterparty_key(
        f"{new.region} {new.country}"
    ):
        return False
    screening = after.get("screening", document.screening)
    overrides = [o for o in screening.territory_overrides if o.project != old.id]
    if overrides == screening.territory_overrides:
        return False
    before.setdefault("screening", document.screening)
    after["screening"] = screening.model_copy(update={"territory_overrides": overrides})
    return True


def lifted_hits(document: Assessment, old: Project, new: Project) -> list[str]:
    """The counterparties whose confirmed hit excludes ``old`` and that the edit to ``new``
    no longer names (beyond case and spacing): their decisions are left over, so the red
    line goes with the name, and the analyst is told (it lifted an exclusion unsaid)."""
    from rrisk.screening.redlines import hit_red_lines

    if {counterparty_key(name) for name in old.counterparties} == {
        counterparty_key(name) for name in new.counterparties
    }:
        return []
    named = {counterparty_key(name) for name in new.counterparties}
    lifted: list[str] = []
    for line in hit_red_lines(document):
        counterparty = line.identity.split("\x1f", 1)[0]
        if (
            line.project == old.id
            and counterparty_key(counterparty) not in named
            and counterparty not in lifted
        ):
            lifted.append(counterparty)
    return lifted


def without_source(cell: Cell, source_id: str) -> Cell:
    """The cell without its evidence links to ``source_id`` (the same object if it has none)."""
    if not any(link.source == source_id for link in cell.evidence):
        return cell
    kept = [link for link in cell.evidence if link.source != source_id]
    return cell.model_copy(update={"evidence": kept})


SCORE_FIELDS = ("likelihood", "impact")
_RANGE_FIELDS = {
    "likelihood": ("likelihood_low", "likelihood_high"),
    "impact": ("impact_low", "impact_high"),
}


def cell_edit(old: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """The cell data after ``changes``, with the two rules every score edit follows.

    1. A score set outside its cell's range widens the range to include it (low = min, high =
       max): the user said what the score is, so the range follows rather than refusing the
       key they pressed. A range the user sets explicitly is never widened; if it excludes the
       score, validation refuses it with the reason.
    2. A reviewed cell whose score or range changes becomes draft in the same step: a review
       vouches for the values it saw. A cell held as unassessed (a file or a table may hold
       one with a rationale) that is given a score becomes draft too, as a matrix import
       makes it. An explicit ``status`` in ``changes`` wins.

    One place for keys 1–5, the inspector's spin boxes and multi-cell edits alike.
    """
    data = dict(old)
    data.update(changes)
    for score_field, (low_field, high_field) in _RANGE_FIELDS.items():
        value = changes.get(score_field)
        if value is None or low_field in changes or high_field in changes:
            continue
        # Each bound that is set widens on its own: a range with only a low (or only a high)
        # bound is as much the user's as a full one, and refusing the key would be worse.
        low, high = data.get(low_field), data.get(high_field)
        if low is not None and value < low:
            data[low_field] = value
        if high is not None and value > high:
            data[high_field] = value
    watched = (*SCORE_FIELDS, *(f for pair in _RANGE_FIELDS.values() for f in pair))
    moved = any(data.get(name) != old.get(name) for name in watched)
    if old.get("status") == "reviewed" and moved and "status" not in changes:
        data["status"] = "draft"
    scored = any(
        changes.get(name) is not None and changes[name] != old.get(name) for name in SCORE_FIELDS
    )
    if old.get("status") == "unassessed" and scored and "status" not in changes:
        data["status"] = "draft"
    return data


_SCORE_EDIT = frozenset((*CELL_SCORE_FIELDS, "status"))


def score_edit(old: Cell | None, changes: dict[str, Any]) -> Cell | None:
    """The cell after ``changes`` (by :func:`cell_edit`'s rules) when they set only its scores,
    ranges or status and the result is valid; None otherwise, for the full check
    (``Cell.model_validate``) to build it or say what is wrong.

    Built from ``old`` without reading its rationale and evidence again: they do not change and
    were checked when the cell was made. A paste or a score set on a whole 2,000 × 40 matrix
    spent most of its time checking 80,000 unchanged texts."""
    if not changes.keys() <= _SCORE_EDIT:
        return None
    state = {name: getattr(old, name) for name in _SCORE_EDIT} if old is not None else {}
    data = cell_edit(state, changes)
    scores = tuple(data.get(name) for name in CELL_SCORE_FIELDS)
    for value in scores:
        if value is not None and (value.__class__ is not int or not 1 <= value <= 5):
            return None
    if not ranges_in_order(scores):
        return None
    if data.get("status", "draft") not in CELL_STATUSES:
        return None
    if old is None:
        return Cell(**data)
    # A new evidence list, as validation makes: the cells never share one.
    return replace(old, **data, evidence=list(old.evidence))


def widened_ranges(old: Cell | None, new: Cell | None) -> str:
    """ "Likelihood range widened to 2–5 to include the new score." when a score edit widened
    a range (rule 1 of :func:`cell_edit`), else ""."""
    if old is None or new is None:
        return ""
    parts = []
    for score_field, (low_field, high_field) in _RANGE_FIELDS.items():
        before = (getattr(old, low_field), getattr(old, high_field))
        after = (getattr(new, low_field), getattr(new, high_field))
        score = getattr(new, score_field)
        if before == after or score is None or getattr(old, score_field) == score:
            continue
        if None in before or None in after:
            # A half range: say which bound moved.
            if before[0] is not None and after[0] == score < before[0]:
                parts.append(f"{score_field.capitalize()} low bound lowered to {score}")
            if before[1] is not None and after[1] == score > before[1]:
                parts.append(f"{score_field.capitalize()} high bound raised to {score}")
            continue
        outside = score < before[0] or score > before[1]
        if outside and after[0] <= score <= after[1]:
            parts.append(f"{score_field.capitalize()} range widened to {after[0]}–{after[1]}")
    return "; ".join(parts) + " to include the new score." if parts else ""
