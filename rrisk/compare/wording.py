"""A comparison in words: one line per change, grouped as a reader wants them.

The CLI table, the memo section and the app's Changes view all describe changes with these
functions, so the three say the same thing. Names come from the newer version (the older one
for removed items); ids are shown only where an item has no name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rrisk.compare import Comparison
from rrisk.compare.changes import (
    ADDED,
    KIND_ASSESSMENT,
    KIND_CELL,
    KIND_CRITERION,
    KIND_EVIDENCE,
    KIND_PROJECT,
    KIND_SCENARIO,
    KIND_SOURCE,
    REGRADED,
    REMOVED,
    RENAMED,
    Change,
)
from rrisk.compare.effects import SOURCE_CELL, SOURCE_CRITERION, Contribution, ProjectEffect
from rrisk.fmt import fmt_index
from rrisk.messages import one_line
from rrisk.text import page_label

TEXT_LIMIT = 160
"""Characters of a changed text shown in one line (the JSON output carries it whole)."""

GROUP_CRITERIA, GROUP_SOURCES, GROUP_SCENARIOS, GROUP_ASSESSMENT = (
    "Criteria",
    "Sources",
    "Scenarios",
    "Assessment",
)

_FIELD_LABELS = {
    "likelihood_low": "likelihood low",
    "likelihood_high": "likelihood high",
    "impact_low": "impact low",
    "impact_high": "impact high",
    "red_line": "red line",
    "red_line_reason": "red-line reason",
    "red_line_basis": "red-line basis",
    "red_line_rule": "red-line rule",
    "as_of": "as-of date",
    "alt_names": "other names",
    "capex_estimate": "capex estimate",
    "capex_note": "capex note",
    "strategic_value": "strategic value",
    "strategic_rationale": "strategic rationale",
    "bias_note": "bias note",
    "cell_overrides": "cell overrides",
}

_LONG_TEXT = frozenset(
    ("rationale", "summary", "recommendation", "notes", "description", "strategic_rationale")
)


def clip(text: str, limit: int = TEXT_LIMIT) -> str:
    """A document's text on one line, escaped and clipped (its joiners and marks kept)."""
    return one_line(" ".join(str(text).split()), limit, words=True)


def value_text(value: Any) -> str:
    """A field value as a reader writes it: ``—`` for nothing, ``yes``/``no``, ``2`` for 2.0."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        # Whole numbers without ".0" and in full ("1,250,000,000", not "1.25e+09"); others
        # as written, every digit ("2.000001", which "%g" showed as "2", as if unchanged).
        if value.is_integer() and abs(value) < 1e18:
            return f"{int(value):,}"
        return repr(value)
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value)
    if isinstance(value, dict):
        if "threshold" in value:
            return f"risk ≥ {value['threshold']}" + (
                f" ({clip(value['reason'], 60)})" if value.get("reason") else ""
            )
        # A scenario's cell override: its cell is named by the change already.
        shown = {k: v for k, v in value.items() if k not in ("project", "criterion")}
        return "; ".join(
            f"{field_label(k)} {value_text(v)}" for k, v in shown.items() if v not in (None, "")
        )
    return clip(str(value))


def text_difference(old: str, new: str, limit: int = 60) -> tuple[str, str]:
    """The part of two texts that differs, with ``…`` for what they share, when they are long.

    A long source title that gained one clause reads ``…; Rosneft (22 Oct 2025)`` rather than
    two near-identical titles clipped before the difference.
    """
    if len(old) <= limit and len(new) <= limit:
        return clip(old) if old else "—", clip(new) if new else "—"
    shortest = min(len(old), len(new))
    prefix = 0
    while prefix < shortest and old[prefix] == new[prefix]:
        prefix += 1
    prefix = old.rfind(" ", 0, prefix) + 1  # whole words
    suffix = 0
    while suffix < shortest - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    cut = old.find(" ", len(old) - suffix) if suffix else -1
    suffix = len(old) - cut if cut >= 0 else 0
    parts = []
    for text in (old, new):
        middle = text[prefix : len(text) - suffix].strip()
        shown = ("…" if prefix else "") + middle + ("…" if suffix else "")
        parts.append(clip(shown, limit + 2) if middle else "—")
    return parts[0], parts[1]


def field_label(name: str | None) -> str:
    return _FIELD_LABELS.get(name or "", (name or "").replace("_", " "))


@dataclass
class Namer:
    """Display names of projects, criteria, sources and scenarios across both versions."""

    comparison: Comparison
    _names: dict[tuple[str, str], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for doc in (self.comparison.old, self.comparison.new):  # the newer name wins
            for kind, items in (
                ("project", doc.projects),
                ("criterion", doc.criteria),
                ("scenario", doc.scenarios),
            ):
                for item in items:
                    self._names[(kind, item.id)] = item.name
            for source in doc.sources:
                self._names[("source", source.id)] = source.title

    def __call__(self, kind: str, item_id: str | None) -> str:
        limit = 60 if kind == "source" else 80  # source titles are sentences
        return clip(self._names.get((kind, item_id or ""), item_id or "?"), limit)

    def grade(self, source_id: str, earlier: bool = False) -> str:
        """The source's grade in the newer version (the older one if it was removed), or in
        the older version first when ``earlier`` (a link that was removed had that grade)."""
        versions = (self.comparison.new, self.comparison.old)
        for doc in reversed(versions) if earlier else versions:
            for source in doc.sources:
                if source.id == source_id:
                    return source.grade
        return "?"


def _list_delta(old: list[Any], new: list[Any]) -> str:
    """What a list of names gained and lost: "+ PJSC Rosneft; − Rosneft"."""
    added = [clip(str(v), 60) for v in new if v not in old]
    removed = [clip(str(v), 60) for v in old if v not in new]
    parts = [f"+ {v}" for v in added] + [f"− {v}" for v in removed]
    return "; ".join(parts) if parts else "order changed"


def _screening_delta(old: dict[str, Any], new: dict[str, Any]) -> str:
    """What the screening record gained, lost or changed: list, decisions, overrides."""
    parts = []
    for name, label in (("list_name", "list"), ("list_as_of", "list as of")):
        if old.get(name) != new.get(name):
            parts.append(f"{label} {value_text(old.get(name))} → {value_text(new.get(name))}")

    def by_key(items: list[dict[str, Any]], fields: tuple[str, ...]) -> dict[tuple, dict]:
        return {tuple(item.get(f) for f in fields): item for item in items or []}

    decisions_old = by_key(old.get("decisions", []), ("project", "counterparty", "entry_id"))
    decisions_new = by_key(new.get("decisions", []), ("project", "counterparty", "entry_id"))
    for hit in {**decisions_old, **decisions_new}:
        before, after = decisions_old.get(hit), decisions_new.get(hit)
        if before == after:
            continue
        entry = (after or before or {}).get("entry_name") or hit[2]
        who = f"{clip(str(hit[1]), 40)} = {clip(str(entry), 40)}"
        if before is None:
            parts.append(f"hit {who} {after.get('decision', '') if after else ''}")
        elif after is None:
            parts.append(f"decision on {who} removed")
        elif before.get("decision") != after.get("decision"):
            parts.append(f"hit {who} {before.get('decision')} → {after.get('decision')}")
        else:
            parts.append(f"decision on {who} reworded")
    overrides_old = by_key(old.get("territory_overrides", []), ("project", "territory"))
    overrides_new = by_key(new.get("territory_overrides", []), ("project", "territory"))
    for place in {**overrides_old, **overrides_new}:
        before, after = overrides_old.get(place), overrides_new.get(place)
        if before != after:
            verb = "set aside" if before is None else "restored" if after is None else "reworded"
            parts.append(f"territory rule {place[1]} {verb} for {place[0]}")
    return "; ".join(parts[:6]) + (f"; and {len(parts) - 6} more" if len(parts) > 6 else "")


def _arrow(change: Change) -> str:
    if (
        change.field == "screening"
        and isinstance(change.old, dict)
        and isinstance(change.new, dict)
    ):
        return f"screening: {_screening_delta(change.old, change.new) or 'changed'}"
    if (
        isinstance(change.old, list)
        and isinstance(change.new, list)
        and all(isinstance(v, str) for v in [*change.old, *change.new])
    ):
        return f"{field_label(change.field)}: {_list_delta(change.old, change.new)}"
    # Long texts and structured values (tables of stamps, settings) read as "changed": their
    # before/after would fill lines without telling a reader what moved.
    structured = any(
        isinstance(value, dict | list) and not _readable(value)
        for value in (change.old, change.new)
    )
    if change.field in _LONG_TEXT or structured:
        return f"{field_label(change.field)} changed"
    return f"{field_label(change.field)} {value_text(change.old)} → {value_text(change.new)}"


def _readable(value: dict[str, Any] | list[Any]) -> bool:
    """Structured values a line can state: a red-line rule (its threshold and reason)."""
    return isinstance(value, dict) and "threshold" in value


def _link_text(link: dict[str, str], names: Namer, earlier: bool = False) -> str:
    """A link as "Source [grade] “quote” p. 4"; ``earlier``: as it was in the older version."""
    quote = f" “{clip(link['quote'], 100)}”" if link.get("quote") else ""
    page = f" {page_label(clip(link['page'], 20))}" if link.get("page") else ""
    source = link["source"]
    return f"{names('source', source)} [{names.grade(source, earlier)}]{quote}{page}"


def describe(change: Change, names: Namer, within_project: bool = False) -> str:
    """One line for one change, e.g. ``Sanctions: likelihood 3 → 5``.

    ``within_project``: the line is listed under its project, so a change of the project's
    own fields does not name the project again.
    """
    kind, action = change.kind, change.action
    if kind == KIND_CELL:
        return f"{names('criterion', change.criterion)}: {_arrow(change)}"
    if kind == KIND_EVIDENCE:
        where = names("criterion", change.criterion)
        if action == ADDED:
            return f"{where}: evidence added: {_link_text(change.new, names)}"
        if action == REMOVED:
            return f"{where}: evidence removed: {_link_text(change.old, names, earlier=True)}"
        after = change.new
        moved = []
        if change.old.get("quote") != after.get("quote"):
            moved.append(f"“{clip(after.get('quote') or '—', 100)}”")
        if change.old.get("page") != after.get("page"):
            moved.append(page_label(clip(after["page"], 20)) if after.get("page") else "no page")
        return f"{where}: evidence re-quoted: {_link_text(change.old, names)} → " + (
            ", ".join(moved) or "same"
        )
    if change.field == "order":
        plural = {"criterion": "criteria", "project": "projects"}.get(kind, kind + "s")
        old_order, new_order = list(change.old), list(change.new)
        kept_before = [item for item in old_order if item in set(new_order)]
        kept_after = [item for item in new_order if item in set(old_order)]
        if kept_before == kept_after:  # only where the additions went
            return f"the added {plural} are placed among the others, which keep their order"
        return f"order of the {plural} changed"
    item_id = change.item or change.project or change.criterion
    label = names(kind, item_id)
    if action == ADDED:
        return f"{kind} added: {label}"
    if action == REMOVED:
        return f"{kind} removed: {clip(_old_name(change) or label, 80)}"
    if action == RENAMED:
        before, after = text_difference(str(change.old), str(change.new))
        if before.startswith("…") or after.startswith("…"):
            return f"{kind} renamed ({clip(label, 40)}): {before} → {after}"
        return f"{kind} renamed: {before} → {after}"
    if action == REGRADED:
        return f"source regraded: {label} {change.old} → {change.new}"
    if kind == KIND_ASSESSMENT or (kind == KIND_PROJECT and within_project):
        return _arrow(change)
    if kind == KIND_SCENARIO and change.field and ":" in change.field:
        target_kind, _, target = change.field.partition(":")
        if target_kind == "weight":
            what = f"weight of {names('criterion', target)}"
        else:
            project_id, _, criterion_id = target.partition("/")
            what = f"cell {names('project', project_id)} × {names('criterion', criterion_id)}"
        return f"{label}: {what}: {value_text(change.old)} → {value_text(change.new)}"
    return f"{label}: {_arrow(change)}"


def _old_name(change: Change) -> str:
    data = change.old if isinstance(change.old, dict) else {}
    return str(data.get("name") or data.get("title") or "")


def group_of(change: Change) -> tuple[str, str | None]:
    """``("project", id)`` for what belongs to one project, else ``(group title, None)``."""
    if change.kind in (KIND_CELL, KIND_EVIDENCE) or (
        change.kind == KIND_PROJECT and change.field != "order"
    ):
        return ("project", change.project)
    return {
        KIND_CRITERION: (GROUP_CRITERIA, None),
        KIND_SOURCE: (GROUP_SOURCES, None),
        KIND_SCENARIO: (GROUP_SCENARIOS, None),
    }.get(change.kind, (GROUP_ASSESSMENT, None))


def grouped(comparison: Comparison) -> list[tuple[str, str | None, list[Change]]]:
    """(title, project id or None, changes): projects in the new ranking's order first."""
    names = Namer(comparison)
    by_project: dict[str, list[Change]] = {}
    others: dict[str, list[Change]] = {}
    for change in comparison.changes:
        group, project_id = group_of(change)
        if project_id is not None:
            by_project.setdefault(project_id, []).append(change)
        else:
            others.setdefault(group, []).append(change)
    groups: list[tuple[str, str | None, list[Change]]] = [
        (names("project", e.id), e.id, by_project[e.id])
        for e in comparison.effects
        if e.id in by_project
    ]
    for title in (GROUP_CRITERIA, GROUP_SOURCES, GROUP_SCENARIOS, GROUP_ASSESSMENT):
        if title in others:
            groups.append((title, None, others[title]))
    return groups


def contribution_text(contribution: Contribution, names: Namer) -> str:
    """What a contribution is, e.g. ``Sanctions: cell 3×4 → 5×5``."""
    criterion = names("criterion", contribution.criterion)
    if contribution.source == SOURCE_CRITERION:
        return f"{criterion}: criterion {'added' if contribution.new == 'present' else 'removed'}"
    if contribution.source == SOURCE_CELL:
        return f"{criterion}: cell {_scores(contribution.old)} → {_scores(contribution.new)}"
    return f"{criterion}: weight {contribution.old:g} → {contribution.new:g}"


def _scores(value: Any) -> str:
    if not value or None in value:
        return "unassessed"
    return f"{value[0]}×{value[1]} = {value[0] * value[1]}"


def rank_text(effect: ProjectEffect) -> str:
    """``3 → 1 (↑2)``, ``2``, ``new``, ``removed``, ``2 → excluded``."""
    old, new = effect.old, effect.new
    if old is None:
        return f"new ({new.rank or new.status})" if new is not None else "—"
    if new is None:
        return "removed"
    before = str(old.rank) if old.rank else old.status
    after = str(new.rank) if new.rank else new.status
    if before == after:
        return after
    moved = effect.rank_change
    arrow = "" if not moved else (f" (↑{moved})" if moved > 0 else f" (↓{-moved})")
    return f"{before} → {after}{arrow}"


def index_text(effect: ProjectEffect) -> str:
    """``52.1 → 74.5 (+22.4)`` or one number when it did not move."""

    def fmt(score: Any) -> str:
        return "—" if score is None or score.index is None else fmt_index(score.index)

    before, after = fmt(effect.old), fmt(effect.new)
    change = effect.index_change
    if before == after and (change is None or abs(change) < 0.05):
        return after
    return f"{before} → {after}" + ("" if change is None else f" ({change:+.1f})")


def band_text(effect: ProjectEffect) -> str:
    def fmt(score: Any) -> str:
        return "—" if score is None or score.index is None else score.band

    before, after = fmt(effect.old), fmt(effect.new)
    return after if before == after else f"{before} → {after}"


def movers(comparison: Comparison, count: int = 5) -> list[ProjectEffect]:
    """The projects whose index moved most (at least 0.05 points), biggest first."""
    moved = [
        e for e in comparison.effects if e.index_change is not None and abs(e.index_change) >= 0.05
    ]
    return sorted(moved, key=lambda e: -abs(e.index_change or 0.0))[:count]
