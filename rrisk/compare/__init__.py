"""Compare two versions of an assessment: what changed, and what it did to the results.

``compare(old, new, scenario)`` matches projects, criteria, sources and scenarios by id (a
new name under the same id is a rename), lists every difference (:mod:`.changes`,
:mod:`.cells`), scores both versions with :mod:`rrisk.scoring` and reports, per project, the
index, band, rank and status before and after, the red lines that appeared or cleared, and
each change's exact share of the index movement (:mod:`.effects` says how weight changes are
split). The committee's question, "what changed since last time, and why?", in one object
that the CLI (``rrisk diff``), the memo (``--since``) and the app all read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rrisk.compare.changes import (
    KIND_SCENARIO,
    Change,
    document_changes,
    split_overrides_of_removed_items,
)
from rrisk.compare.effects import Contribution, ProjectEffect, project_effects
from rrisk.compare.reviews import implied_review_changes
from rrisk.errors import ScenarioError
from rrisk.model import Assessment, name_key, sets_nothing
from rrisk.scoring import ScoreResult, find_scenario, known_scenarios, score

__all__ = [
    "Change",
    "Comparison",
    "Contribution",
    "Earlier",
    "ProjectEffect",
    "attachment_changes",
    "compare",
    "unrelated_problem",
]


@dataclass
class Comparison:
    """The differences between ``old`` and ``new`` and their effect on the results."""

    old: Assessment
    new: Assessment
    scenario: str | None
    changes: list[Change]
    old_result: ScoreResult
    new_result: ScoreResult
    effects: list[ProjectEffect]
    scenario_id: str | None = None
    """The id of the scenario compared under (``scenario`` is its name)."""
    implied: list[Change] = field(default_factory=list)
    """Differences that only echo a listed change (the review stamps of edited narrative
    texts, :mod:`.reviews`): not shown or counted, kept so that ``changes`` and these together
    rebuild the newer version."""
    attachments: list[tuple[str, str]] = field(default_factory=list)
    """The files attached to sources (``attachments/`` in a ``.rrisk`` file) that differ,
    each name with "added", "removed" or "changed" (:func:`attachment_changes`); empty when
    the comparison was given documents without their files."""
    _by_project: dict[str, ProjectEffect] = field(default_factory=dict, repr=False)
    _fingerprints: dict[str, str] = field(default_factory=dict, repr=False)

    def _fingerprint(self, side: str) -> str:
        # Computed on demand: hashing a large document costs more than comparing it.
        if side not in self._fingerprints:
            from rrisk.fileformat import fingerprint

            self._fingerprints[side] = fingerprint(getattr(self, side))
        return self._fingerprints[side]

    @property
    def old_fingerprint(self) -> str:
        """SHA-256 fingerprint of the earlier version (as the memo's cover prints it)."""
        return self._fingerprint("old")

    @property
    def new_fingerprint(self) -> str:
        return self._fingerprint("new")

    @property
    def differs(self) -> bool:
        """Whether the two versions differ in anything a reader is told of (any listed
        change or attached file; two files that differ only in stamps of texts no longer
        there do not)."""
        return bool(self.changes) or bool(self.attachments)

    def moves_scores(self, change: Change) -> bool:
        """Whether ``change`` can move a result of this comparison: as
        :attr:`Change.affects_scores`, but a scenario's change only when the comparison is
        under that scenario (a scenario added, or edited, moves nothing of the baseline)."""
        if change.kind == KIND_SCENARIO:
            in_scenario = change.item is not None and change.item == self.scenario_id
            return in_scenario and change.affects_scores
        return change.affects_scores

    def effect(self, project_id: str) -> ProjectEffect:
        if not self._by_project:
            self._by_project = {e.id: e for e in self.effects}
        return self._by_project[project_id]

    def changed_cells(self) -> set[tuple[str, str]]:
        """(project id, criterion id) of every cell whose content or evidence changed, and,
        under a scenario, every cell whose override by that scenario changed."""
        return {
            (c.project, c.criterion)
            for c in self.changes
            if c.kind in ("cell", "evidence") and c.project and c.criterion
        } | {key for key, _change in self.override_changes()}

    def override_changes(self) -> list[tuple[tuple[str, str], Change]]:
        """The cells the compared scenario's overrides changed, each with its change (a
        changed list of overrides as a whole gives each cell it names). An override that sets
        nothing, on both sides, changes no cell (it is listed, not marked)."""
        scenario_id = self.scenario_id
        if scenario_id is None:
            return []

        def sets_something(override: Any) -> bool:
            return isinstance(override, dict) and not sets_nothing(override)

        found: list[tuple[tuple[str, str], Change]] = []
        for change in self.changes:
            if change.kind != "scenario" or change.item != scenario_id or not change.field:
                continue
            if change.field.startswith("cell:"):
                if not (sets_something(change.old) or sets_something(change.new)):
                    continue
                project_id, _, criterion_id = change.field[len("cell:") :].partition("/")
                found.append(((project_id, criterion_id), change))
            elif change.field == "cell_overrides":
                keys = {
                    (o["project"], o["criterion"])
                    for o in [*(change.old or []), *(change.new or [])]
                    if sets_something(o)
                }
                found += [(key, change) for key in sorted(keys)]
        return found

    def as_dict(self) -> dict[str, Any]:
        """The JSON object ``rrisk diff --format json`` prints."""
        return {
            "old": _side(self.old, self.old_fingerprint),
            "new": _side(self.new, self.new_fingerprint),
            "scenario": self.scenario,
            "differs": self.differs,
            "projects": [e.as_dict() for e in self.effects],
            "changes": [c.as_dict() for c in self.changes],
            "attachments": [{"name": name, "action": action} for name, action in self.attachments],
        }


@dataclass(frozen=True)
class Earlier:
    """An earlier version to compare with, as its file holds it: the document, and the files
    attached to sources that differ from the later version's (:func:`attachment_changes`;
    the document alone does not tell them). The memo's ``since`` takes one, or a document."""

    document: Assessment
    files: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, since: Assessment | Earlier) -> Earlier:
        return since if isinstance(since, Earlier) else cls(since)


def attachment_changes(old: Mapping[str, bytes], new: Mapping[str, bytes]) -> list[tuple[str, str]]:
    """The attached files that differ: each name with "added", "removed" or "changed" (its
    bytes differ), in name order. The documents' comparison and fingerprints read the
    documents alone, so these are listed beside them."""
    changes = []
    for name in sorted(old.keys() | new.keys()):
        if name not in old:
            changes.append((name, "added"))
        elif name not in new:
            changes.append((name, "removed"))
        elif old[name] != new[name]:
            changes.append((name, "changed"))
    return changes


def _side(doc: Assessment, fingerprint: str) -> dict[str, Any]:
    return {"title": doc.title, "as_of": doc.as_of or None, "fingerprint": fingerprint}


def order_problem(old: Assessment, new: Assessment) -> str | None:
    """Why ``old`` looks like the later of the two versions (its as-of date is after
    ``new``'s: most likely the two were swapped), or None."""
    if old.as_of and new.as_of and old.as_of > new.as_of:
        return (
            f"the earlier version is dated {old.as_of}, after this one ({new.as_of}): the "
            "changes would be listed backwards; are the two swapped?"
        )
    return None


def same_date_problem(old: Assessment, new: Assessment) -> str | None:
    """Why the memo's Changes since cannot tell ``old`` from ``new`` by date: both are dated
    the same day (most likely this version's as-of date was not moved forward), or None."""
    if old.as_of and old.as_of == new.as_of:
        return (
            f"the earlier version is dated {old.as_of}, and so is this one ({new.as_of}): "
            f"the memo's Changes since would read 'as of {new.as_of}' on both sides, and its "
            "reader could not tell them apart; set this version's as-of date (Editors → "
            "Assessment) first?"
        )
    return None


def unrelated_problem(
    old: Assessment, new: Assessment, old_label: str, new_label: str = "this assessment"
) -> str | None:
    """Why ``old`` looks like another assessment altogether, not an earlier version of
    ``new``: both hold projects or criteria, and not one id of either is the other's (most
    likely the wrong file was picked: every project and criterion would be listed as removed
    and added), or None. ``old_label`` and ``new_label`` name the two in the sentence."""
    old_ids = {p.id for p in old.projects}, {c.id for c in old.criteria}
    new_ids = {p.id for p in new.projects}, {c.id for c in new.criteria}
    if not any(old_ids) or not any(new_ids):
        return None  # an empty side: built from nothing, or emptied; nothing to tell
    if old_ids[0] & new_ids[0] or old_ids[1] & new_ids[1]:
        return None
    return (
        f"{old_label} shares no project or criterion with {new_label}: it looks like a "
        "different assessment, and every project and criterion is listed as removed and "
        "added"
    )


def _same_scenario(doc: Assessment, found: Any, label: str) -> Any:
    """``doc``'s scenario with ``found``'s id, or a :class:`ScenarioError` saying it has none
    (and that one of the same name is another scenario, where it has one)."""
    for scenario in doc.scenarios:
        if scenario.id == found.id:
            return scenario
    namesake = next((s for s in doc.scenarios if name_key(s.name) == name_key(found.name)), None)
    if namesake is not None:
        raise ScenarioError(
            f"{label}: its scenario '{namesake.name}' is another one (id '{namesake.id}', not "
            f"'{found.id}'): it was removed and the other added, so the versions cannot be "
            "compared under it"
        )
    known = known_scenarios(doc, found.name)
    raise ScenarioError(f"{label}: scenario '{found.name}' does not exist ({known})")


def _scenario_in(doc: Assessment, ident: str, key: str, label: str) -> Any:
    """``doc``'s scenario with the id ``ident``, else the one ``key`` names."""
    if any(scenario.id == ident for scenario in doc.scenarios):
        return find_scenario(doc, ident)
    try:
        return find_scenario(doc, key)
    except ScenarioError as error:
        raise ScenarioError(f"{label}: {error}") from None


def compare(
    old: Assessment,
    new: Assessment,
    scenario: str | None = None,
    *,
    old_label: str = "the earlier version",
    new_label: str = "the later version",
    attachments: tuple[Mapping[str, bytes], Mapping[str, bytes]] | None = None,
) -> Comparison:
    """Compare two documents, under a scenario (id or name) both must hold, or the baseline.

    The labels name the two versions in a :class:`ScenarioError` (the CLI passes the paths).
    ``attachments``: the two versions' attached files (old, new), compared by their bytes.
    """
    old_scenario = new_scenario = None
    if scenario:
        # A scenario is the same one across versions by its id, as every item is: the name
        # (or id) is looked up in the later version, else the earlier, and both versions' are
        # taken by that id (so a renamed scenario is compared with itself). One of the same
        # name under another id is another scenario (removed, and another added): comparing
        # the two would credit the index moves to changes no line lists.
        try:
            found = find_scenario(new, scenario)
        except ScenarioError:  # when neither holds it, the earlier version is named
            found = _scenario_in(old, scenario, scenario, old_label)
        old_scenario = _same_scenario(old, found, old_label)
        new_scenario = _same_scenario(new, found, new_label)
    old_result = score(old, old_scenario)
    new_result = score(new, new_scenario)
    changes, with_items = split_overrides_of_removed_items(document_changes(old, new))
    return Comparison(
        old=old,
        new=new,
        scenario=new_result.scenario,
        changes=changes,
        old_result=old_result,
        new_result=new_result,
        effects=project_effects(old_result, new_result),
        scenario_id=new_scenario.id if new_scenario is not None else None,
        implied=implied_review_changes(old, new) + with_items,
        attachments=attachment_changes(*attachments) if attachments is not None else [],
    )


def compare_or_baseline(
    old: Assessment,
    new: Assessment,
    scenario: str | None,
    *,
    old_label: str = "the earlier version",
    new_label: str = "the later version",
    attachments: tuple[Mapping[str, bytes], Mapping[str, bytes]] | None = None,
) -> Comparison:
    """:func:`compare` under ``scenario`` when both versions hold it, else under the
    baseline (``Comparison.scenario`` then says None): the app's comparison and the memo's
    "Changes since" both show what changed rather than nothing when an earlier version did
    not have the scenario yet."""
    try:
        return compare(
            old, new, scenario, old_label=old_label, new_label=new_label, attachments=attachments
        )
    except ScenarioError:
        if scenario is None:
            raise
        return compare(
            old, new, None, old_label=old_label, new_label=new_label, attachments=attachments
        )
