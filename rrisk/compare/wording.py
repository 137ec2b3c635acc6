"""A comparison in words: one line per change, grouped as a reader wants them.

The CLI table, the memo section and the app's Changes view all describe changes with these
functions, so the three say the same thing. Names come from the newer version (the older one
for removed items); ids are shown where an item has no name, and beside the names two items
of a kind share (a criterion removed and another added under its name).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from rrisk.compare import Comparison
from rrisk.compare.cell_wording import evidence_text, review_text, whole_cell_text
from rrisk.compare.changes import (
    ADDED,
    KIND_ASSESSMENT,
    KIND_CELL,
    KIND_CRITERION,
    KIND_EVIDENCE,
    KIND_NARRATIVE,
    KIND_PROJECT,
    KIND_SCENARIO,
    KIND_SOURCE,
    REGRADED,
    REMOVED,
    RENAMED,
    Change,
)
from rrisk.compare.effects import SOURCE_CELL, SOURCE_CRITERION, Contribution, ProjectEffect
from rrisk.compare.words import (
    LONG_TEXT,
    TEXT_LIMIT,
    Namer,
    clip,
    field_label,
    text_difference,
    value_text,
)
from rrisk.fmt import (
    apportion,
    fmt_index,
    fmt_index_change,
    fmt_percent,
    plain_number,
    rounded_away,
)
from rrisk.screening.decisions import counterparty_key
from rrisk.screening.territory import territory_table
from rrisk.text import prints_nothing

__all__ = [
    "GROUP_ASSESSMENT",
    "GROUP_CRITERIA",
    "GROUP_SCENARIOS",
    "GROUP_SOURCES",
    "TEXT_LIMIT",
    "Namer",
    "band_text",
    "clip",
    "contribution_text",
    "describe",
    "field_label",
    "group_of",
    "grouped",
    "index_text",
    "movers",
    "rank_text",
    "text_difference",
    "value_text",
]

GROUP_CRITERIA, GROUP_SOURCES, GROUP_SCENARIOS, GROUP_ASSESSMENT = (
    "Criteria",
    "Sources",
    "Scenarios",
    "Assessment",
)


def attachment_text(name: str, action: str) -> str:
    """One line for an attached file that differs: ``filing.pdf: replaced (its contents
    differ)``, ``annex.csv: added``."""
    verb = "replaced (its contents differ)" if action == "changed" else action
    return f"{clip(name, 120)}: {verb}"


def _list_delta(old: list[Any], new: list[Any]) -> str:
    """What a list of names gained and lost: "+ PJSC Rosneft; − Rosneft"."""
    added = [clip(str(v), 60) for v in new if v not in old]
    removed = [clip(str(v), 60) for v in old if v not in new]
    parts = [f"+ {v}" for v in added] + [f"− {v}" for v in removed]
    return "; ".join(parts) if parts else "order changed"


def _screening_delta(old: dict[str, Any], new: dict[str, Any]) -> str:
    """What the screening record gained, lost or changed: the list and its date (the
    assessment's change), or one project's decisions and territory overrides (its own)."""
    parts = []
    for name, label in (("list_name", "list"), ("list_as_of", "list as of")):
        if old.get(name) != new.get(name):
            parts.append(f"{label} {value_text(old.get(name))} → {value_text(new.get(name))}")

    def by_key(items: list[dict[str, Any]], fields: tuple[str, ...]) -> dict[tuple, dict]:
        # The first of entries sharing a key is the one screening reads.
        found: dict[tuple, dict] = {}
        for item in items or []:
            found.setdefault(tuple(item.get(f) for f in fields), item)
        return found

    def decisions(record: dict[str, Any]) -> dict[tuple, dict]:
        # A decision belongs to its hit and to the list it was made on (names read as
        # screening reads them): in-house lists number their entries alike.
        found: dict[tuple, dict] = {}
        for item in record.get("decisions") or []:
            key = (
                item.get("project"),
                counterparty_key(str(item.get("counterparty", ""))),
                item.get("entry_id"),
                counterparty_key(str(item.get("list_name") or "")),
            )
            found.setdefault(key, item)
        return found

    decisions_old, decisions_new = decisions(old), decisions(new)
    lists_of_hit: dict[tuple, set[str]] = {}
    for key in [*decisions_old, *decisions_new]:
        lists_of_hit.setdefault(key[:3], set()).add(key[3])
    for hit in {**decisions_old, **decisions_new}:
        before, after = decisions_old.get(hit), decisions_new.get(hit)
        if before == after:
            continue
        item = after or before or {}
        entry = item.get("entry_name") or hit[2]
        who = f"{clip(str(item.get('counterparty', '')), 40)} = {clip(str(entry), 40)}"
        if len(lists_of_hit[hit[:3]]) > 1:  # decided on more than one list: say which
            named = str(item.get("list_name") or "")
            who += f" on {clip(named, 40)}" if named.strip() else " (on any list)"
        if before is None:
            parts.append(f"hit {who} {after.get('decision', '') if after else ''}")
        elif after is None:
            parts.append(f"decision on {who} removed")
        elif before.get("decision") != after.get("decision"):
            parts.append(f"hit {who} {before.get('decision')} → {after.get('decision')}")
        elif before.get("sanctions") != after.get("sanctions"):
            # Decided again on a list whose programmes changed: the red line's basis moved.
            parts.append(
                f"decision on {who}: programmes {value_text(before.get('sanctions'))} → "
                f"{value_text(after.get('sanctions'))}"
            )
        elif bool(_waived(before)) != bool(_waived(after)):
            # A reason why the hit is not a red line given or taken away: the red line went
            # or came (a reason reworded moves nothing).
            cut_old, cut_new = text_difference(_waived(before), _waived(after), 40)
            parts.append(f"decision on {who}: why not a red line {cut_old} → {cut_new}")
        else:
            parts.append(f"decision on {who} reworded")
    overrides_old = by_key(old.get("territory_overrides", []), ("project", "territory"))
    overrides_new = by_key(new.get("territory_overrides", []), ("project", "territory"))
    # The territory's full name, as the memo and rrisk check give it ("Donetsk oblast" alone
    # would say the whole oblast, where the rule is on its occupied part).
    names = {item.id: item.name for item in territory_table().territories}
    for place in {**overrides_old, **overrides_new}:
        before, after = overrides_old.get(place), overrides_new.get(place)
        if before != after:
            # Not "restored": an override goes too when the project moves out of the
            # territory, whose rule then does not apply at all.
            verb = "set aside" if before is None else "reworded" if after else "no longer set aside"
            # A project's change is listed under the project: its id would say it again.
            parts.append(f"territory rule {names.get(str(place[1]), place[1])} {verb}")
    return "; ".join(parts[:6]) + (f"; and {len(parts) - 6} more" if len(parts) > 6 else "")


def _waived(decision: dict[str, Any]) -> str:
    """Why a confirmed hit is not a red line, as it reads; "" when it is one (no reason, or
    a blank one, as the red lines read it)."""
    reason = str(decision.get("no_red_line_reason") or "")
    return "" if prints_nothing(reason) else reason


def _arrow(change: Change) -> str:
    if not isinstance(change.old, dict | list) and not isinstance(change.new, dict | list):
        # A score, a status or a text (most changes of a large comparison): none of the
        # structured forms below applies.
        if change.field in LONG_TEXT:
            return f"{field_label(change.field)} changed"
        return f"{field_label(change.field)} {value_text(change.old)} → {value_text(change.new)}"
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
    if _settings(change.old) and _settings(change.new):
        moved = [
            f"{field_label(name)} {value_text(change.old.get(name))} → "
            f"{value_text(change.new.get(name))}"
            for name in dict.fromkeys([*change.old, *change.new])
            if change.old.get(name) != change.new.get(name)
        ]
        return f"{field_label(change.field)}: {'; '.join(moved)}"
    if change.field == "rubric" and isinstance(change.old, dict) and isinstance(change.new, dict):
        return f"rubric: {_rubric_delta(change.old, change.new)}"
    # Long texts and other structured values read as "changed": their before/after would
    # fill lines without telling a reader what moved.
    structured = any(
        isinstance(value, dict | list) and not _readable(value)
        for value in (change.old, change.new)
    )
    if change.field in LONG_TEXT or structured:
        return f"{field_label(change.field)} changed"
    # A rule that came or went says so, rather than "— → …" against nothing, with its legal
    # basis, which its words leave out (a changed rule names it).
    if change.old is None and isinstance(change.new, dict):
        return f"{field_label(change.field)} added: {value_text(change.new)}{_basis(change.new)}"
    if change.new is None and isinstance(change.old, dict):
        return (
            f"{field_label(change.field)} removed; it was {value_text(change.old)}"
            f"{_basis(change.old)}"
        )
    if _readable(change.old) and _readable(change.new):
        return f"{field_label(change.field)} {_rule_change(change.old, change.new)}"
    return f"{field_label(change.field)} {value_text(change.old)} → {value_text(change.new)}"


def _rubric_delta(old: dict[str, Any], new: dict[str, Any]) -> str:
    """The rubric's steps reworded, each as ``likelihood 5 — → Near certain``, four at most
    and the others counted."""
    steps = []
    for scale in ("likelihood", "impact"):
        before, after = list(old.get(scale) or []), list(new.get(scale) or [])
        for step in range(max(len(before), len(after))):
            was = before[step] if step < len(before) else ""
            now = after[step] if step < len(after) else ""
            if was != now:
                cut_old, cut_new = text_difference(str(was), str(now), 40)
                steps.append(f"{scale} {step + 1} {cut_old} → {cut_new}")
    more = f"; and {len(steps) - 4} more" if len(steps) > 4 else ""
    return "; ".join(steps[:4]) + more if steps else "changed"


def _basis(rule: dict[str, Any]) -> str:
    """A red-line rule's legal basis, as ``; legal basis …`` after the rule, or nothing."""
    basis = str(rule.get("basis") or "")
    return f"; legal basis {clip(basis)}" if basis.strip() else ""


def _rule_change(old: dict[str, Any], new: dict[str, Any]) -> str:
    """A red-line rule's change as the rule reads (``risk ≥ 20 (reason) → risk ≥ 16 (…)``),
    with the part that moved where the rule's words hide it: the end of a long reason, and
    the legal basis, which they leave out (either changed alone read as no change at all)."""
    before, after = value_text(old), value_text(new)
    parts = [f"{before} → {after}"] if before != after else []
    if not parts and old.get("reason") != new.get("reason"):
        cut_old, cut_new = text_difference(str(old.get("reason", "")), str(new.get("reason", "")))
        parts.append(f"risk ≥ {new['threshold']}: reason {cut_old} → {cut_new}")
    old_basis, new_basis = str(old.get("basis") or ""), str(new.get("basis") or "")
    if old_basis != new_basis:
        cut_old, cut_new = text_difference(old_basis, new_basis)
        parts.append(f"legal basis {cut_old} → {cut_new}")
    if len(parts) == 1 and parts[0].startswith("legal basis"):
        parts.insert(0, before)  # which rule: its threshold and reason, unchanged
        return ": ".join(parts)
    return "; ".join(parts)


def _settings(value: Any) -> bool:
    """A record of plain settings (the analysis's runs and seed), told setting by setting."""
    return (
        isinstance(value, dict)
        and not _readable(value)
        and all(not isinstance(v, dict | list) for v in value.values())
    )


def _readable(value: dict[str, Any] | list[Any]) -> bool:
    """Structured values a line can state: a red-line rule (its threshold and reason)."""
    return isinstance(value, dict) and "threshold" in value


def describe(change: Change, names: Namer, within_project: bool = False) -> str:
    """One line for one change, e.g. ``Sanctions: likelihood 3 → 5``.

    ``within_project``: the line is listed under its project, so a change of the project's
    own fields does not name the project again.
    """
    kind, action = change.kind, change.action
    if kind == KIND_CELL and action in (ADDED, REMOVED):
        return whole_cell_text(change, names)
    if kind == KIND_CELL:
        return f"{names('criterion', change.criterion)}: {_arrow(change)}"
    if kind == KIND_EVIDENCE:
        return evidence_text(change, names)
    if kind == KIND_NARRATIVE:
        return review_text(change, names, within_project)
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
    if kind == KIND_SCENARIO and change.field and ":" in change.field:
        target_kind, _, target = change.field.partition(":")
        if target_kind == "weight":
            what = f"weight of {names('criterion', target)}"
        else:
            project_id, _, criterion_id = target.partition("/")
            what = f"cell {names('project', project_id)} × {names('criterion', criterion_id)}"
        # An override that came or went says so, rather than "— → …" against nothing.
        if change.old is None:
            return f"{label}: override added: {what}: {value_text(change.new)}"
        if change.new is None:
            return f"{label}: override removed: {what} (it set {value_text(change.old)})"
        return f"{label}: {what}: {value_text(change.old)} → {value_text(change.new)}"
    if action == ADDED:
        return f"{kind} added: {label}"
    if action == REMOVED:
        if names.told_apart(kind, item_id):
            return f"{kind} removed: {label}"
        return f"{kind} removed: {clip(_old_name(change) or label, 80)}"
    if action == RENAMED:
        before, after = text_difference(str(change.old), str(change.new))
        if unicodedata.normalize("NFC", before) == unicodedata.normalize("NFC", after):
            # Alike on screen, unlike in the file: an é typed whole against e and an accent.
            return (
                f"{kind} renamed: {before} → {after} (the same on screen, written with other "
                "Unicode characters)"
            )
        if before.startswith("…") or after.startswith("…"):
            return f"{kind} renamed ({clip(label, 40)}): {before} → {after}"
        return f"{kind} renamed: {before} → {after}"
    if action == REGRADED:
        return f"source regraded: {label} {change.old} → {change.new}"
    if kind == KIND_ASSESSMENT or (kind == KIND_PROJECT and within_project):
        return _arrow(change)
    return f"{label}: {_arrow(change)}"


def _old_name(change: Change) -> str:
    data = change.old if isinstance(change.old, dict) else {}
    return str(data.get("name") or data.get("title") or "")


def group_of(change: Change) -> tuple[str, str | None]:
    """``("project", id)`` for what belongs to one project, else ``(group title, None)``."""
    if (
        change.kind in (KIND_CELL, KIND_EVIDENCE)
        or (change.kind == KIND_PROJECT and change.field != "order")
        or (change.kind == KIND_NARRATIVE and change.project)
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
        (names("project", e.id), e.id, by_project.pop(e.id))
        for e in comparison.effects
        if e.id in by_project
    ]
    # A change of a project in neither version (a screening decision left on an id no
    # project has: ``rrisk check`` names it) is still listed, after the projects.
    groups += [(names("project", pid), pid, changes) for pid, changes in by_project.items()]
    for title in (GROUP_CRITERIA, GROUP_SOURCES, GROUP_SCENARIOS, GROUP_ASSESSMENT):
        if title in others:
            groups.append((title, None, others[title]))
    return groups


def contribution_text(contribution: Contribution, names: Namer, project: str | None = None) -> str:
    """What a contribution to ``project``'s movement is, e.g. ``Sanctions: cell 3×4 → 5×5``."""
    criterion = names("criterion", contribution.criterion)
    if contribution.source == SOURCE_CRITERION:
        return f"{criterion}: criterion {'added' if contribution.new == 'present' else 'removed'}"
    if contribution.source == SOURCE_CELL:
        what = "cell"
        old, new = _scores(contribution.old), _scores(contribution.new)
    else:
        what = "weight"
        old, new = plain_number(contribution.old), plain_number(contribution.new)
    before, now = (
        _scenario_sets(doc, names.comparison.scenario_id, (project, contribution.criterion), what)
        for doc in (names.comparison.old, names.comparison.new)
    )
    if before and now:
        return f"{criterion}: scenario {what} {old} → {new}"
    if now:
        return f"{criterion}: {what} {old} → {new} (set by the scenario)"
    if before:
        return f"{criterion}: {what} {old} → {new} (the scenario no longer sets it)"
    return f"{criterion}: {what} {old} → {new}"


def _scenario_sets(
    doc: Any, scenario_id: str | None, cell: tuple[str | None, str], what: str
) -> bool:
    """Whether the compared scenario, as ``doc`` holds it, overrides the criterion's weight
    (``what`` "weight") or a score of the project's cell on it ("cell"): the share is then
    the scenario's, not the criterion's or the cell's own."""
    if scenario_id is None:
        return False
    scenario = next((item for item in doc.scenarios if item.id == scenario_id), None)
    if scenario is None:
        return False
    if what == "weight":
        return cell[1] in scenario.weight_overrides
    override = scenario.overrides_by_cell().get(cell)
    return override is not None and (override.likelihood, override.impact) != (None, None)


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
    if before == after:
        return after
    change = None
    if effect.old is not None and effect.new is not None:
        change = fmt_index_change(effect.new.index, effect.old.index)
    return f"{before} → {after}" + ("" if change is None else f" ({change})")


def coverage_text(effect: ProjectEffect) -> str:
    """``100% → 75%`` or one share when it did not move: the part of the project's weight
    that is assessed. A cell cleared, or a criterion added that the project has no cell on,
    moves an index as much as a score does, and the reader must see it was data that went
    missing, not risk that rose."""

    def fmt(score: Any) -> str:
        return "—" if score is None else fmt_percent(score.coverage)

    before, after = fmt(effect.old), fmt(effect.new)
    return after if before == after else f"{before} → {after}"


def band_text(effect: ProjectEffect) -> str:
    def fmt(score: Any) -> str:
        return "—" if score is None or score.index is None else score.band

    before, after = fmt(effect.old), fmt(effect.new)
    return after if before == after else f"{before} → {after}"


SHARES_SHOWN = 6
"""Shares listed per project under "Why the indices moved" (the rest summed on one line), the
same in the memo, ``rrisk diff`` and the Changes view, so that all three print one figure."""


def moved_enough(change: float | None) -> bool:
    """An index movement of at least 0.05 points, the difference taken as the scoring rounds
    (to 9 decimals): 4.25 → 4.20 moved 0.05, though the floats differ by 0.0499999999999998."""
    return change is not None and round(abs(change), 9) >= 0.05


def explained(effect: ProjectEffect) -> bool:
    """Whether a project's movement is explained, share by share: it moved at least 0.05
    points, or its printed index changed (29.1249 → 29.1531 prints 29.1 → 29.2, "+0.1", and a
    results line that moves is never left without its why), or a share of it is that large
    (changes that cancel out leave the index where it was, and say why)."""
    change = effect.index_change
    if change is None:
        return False
    assert effect.old is not None and effect.new is not None  # (a change needs both)
    return (
        moved_enough(change)
        or fmt_index(effect.old.index) != fmt_index(effect.new.index)
        # Changes that cancel out (+3.33 and −3.33): the index stands still for a reason.
        or any(moved_enough(part.points) for part in effect.contributions)
    )


def movers(comparison: Comparison) -> list[ProjectEffect]:
    """The projects whose index moved (at least 0.05 points, or its printed figure), biggest
    first: a report that shows the first few counts the rest, so no movement goes
    unmentioned."""
    moved = [e for e in comparison.effects if explained(e)]
    return sorted(moved, key=lambda e: -abs(e.index_change or 0.0))


def at_most(value: float) -> str:
    """A bound to two decimals that is never below ``value`` (1.2449 reads 1.25, not 1.24)."""
    return rounded_away(abs(value), 2, up=True)


def movement_parts(
    effect: ProjectEffect, shown: int = SHARES_SHOWN, places: int = 2
) -> tuple[str, list[tuple[Contribution, float]], tuple[str, float] | None]:
    """One project's movement and its first ``shown`` shares as a report prints them, the rest
    summed, as its line's text and points ("3 smaller changes", None when nothing is left): the exact movement to ``places`` decimals, every share
    rounded so that the printed shares add up to the printed movement (all of them are
    rounded together, so a share prints alike however many a report lists).

    Two decimals by default, one more than the indices carry: the results line beside it
    prints the difference of the one-decimal indices (65.5 → 72.2, +6.7), and this is the
    exact movement that difference rounds (+6.63: +3.79 and +2.84). Shares forced to add up to
    +6.7 would misstate each share by the indices' rounding."""
    movement = f"{round(effect.index_change or 0.0, places):+.{places}f}"
    parts = list(effect.contributions)
    if len(parts) == shown + 1:
        shown += 1  # one line for the last share, never "1 smaller changes"
    rounded = apportion([p.points for p in parts], float(movement), places)
    rest = None
    if len(parts) > shown:
        rest = (
            f"{len(parts) - shown:,} smaller changes",
            round(sum(rounded[shown:]), places) + 0.0,
        )
    return movement, list(zip(parts[:shown], rounded[:shown], strict=True)), rest
