"""What the Changes view shows, worked out from a comparison away from the GUI thread.

Plain data (no Qt): the view only turns it into tree items, so a large comparison costs the
GUI thread nothing but building the items. Projects come first, in the newer ranking's order,
each headed by its rank movement, index and band before → after; under each: the red lines
that appeared or cleared, why its index moved (each change's share, adding up to the
movement), then every change of its own. Criteria, sources, scenarios and the assessment's
own fields follow. Every line that concerns a cell (or a criterion) carries its ids, so the
view can take the user to it in the matrix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rrisk.compare import Comparison
from rrisk.compare.changes import KIND_CELL, KIND_EVIDENCE, KIND_SCENARIO, Change
from rrisk.compare.effects import ProjectEffect
from rrisk.compare.wording import (
    Namer,
    attachment_text,
    band_text,
    clip,
    contribution_text,
    coverage_text,
    describe,
    explained,
    grouped,
    index_text,
    movement_parts,
    rank_text,
)

if TYPE_CHECKING:
    from desktop.document.commands import CellKey

NOTES_PER_CELL = 12
"""Changes of one cell kept for its tooltip in the matrix and heat map."""


@dataclass(frozen=True)
class Line:
    """One row under a group. ``project``/``criterion`` locate it in the matrix (either may be
    None); ``points`` is a share of an index movement, as shown (``+3.79``), or empty."""

    text: str
    project: str | None = None
    criterion: str | None = None
    points: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    lines: list[Line]


@dataclass(frozen=True)
class Group:
    """A project (``project`` set) or a kind of item (criteria, sources, …)."""

    title: str
    project: str | None
    rank: str = ""
    index: str = ""
    band: str = ""
    coverage: str = ""
    moved: bool = False
    """Whether anything a reader of the ranking sees moved (rank, index, band, coverage, red
    lines)."""
    sections: list[Section] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(section.lines) for section in self.sections)


@dataclass
class Outline:
    old_label: str
    new_label: str
    scenario: str
    differs: bool
    change_count: int
    groups: list[Group]
    cell_notes: dict[CellKey, list[str]]
    report: str
    """The same report as ``rrisk diff OLD NEW`` prints (for Copy and for reading whole)."""
    file_count: int = 0
    """Files attached to sources that were added, removed or replaced."""
    old_role: str = "Earlier"
    """What the other file is to the open one, by their as-of dates: "Earlier", "Later", or
    "Other" when the dates cannot order them (the same day, or one undated)."""
    order_problem: str = ""
    """Why the changes read backwards (the other file is dated after the open one), or empty."""
    unrelated_problem: str = ""
    """Why the other file looks like another assessment (no project or criterion in common),
    or empty."""

    @property
    def summary(self) -> str:
        if not self.differs:
            return "The two versions hold the same assessment: nothing changed."
        # The list below reads from the other file to this one: backwards from a later one.
        swapped = f"Note: {self.order_problem}\n" if self.order_problem else ""
        # A file picked by mistake reads as the whole assessment rebuilt: said first.
        if self.unrelated_problem:
            swapped = f"Note: {self.unrelated_problem}.\n{swapped}"
        projects = [g for g in self.groups if g.project is not None]
        moved = sum(1 for g in projects if g.moved)
        cells = len(self.cell_notes)
        files = (
            f"{self.file_count:,} attached file{'s' * (self.file_count != 1)} differ"
            f"{'s' * (self.file_count == 1)}; "
            if self.file_count
            else ""
        )
        if not self.change_count:  # the same assessment: only files attached to it differ
            return f"{swapped}The assessment itself is the same; {files[:-2]}."
        return (
            f"{swapped}{self.change_count:,} change{'s' * (self.change_count != 1)}; {files}"
            f"{moved:,} project{'s' * (moved != 1)} moved in the results; "
            f"{cells:,} cell{'s' * (cells != 1)} changed (◥ dark corner flag in the matrix and heat map)."
        )


def scenario_text(
    comparison: Comparison, missing_scenario: str | None = None, role: str = "Earlier"
) -> str:
    """The scenario compared under, and why it is the baseline when another was asked for
    (``role``: what the other file is, :func:`version_role`)."""
    if comparison.scenario is not None:
        return comparison.scenario
    if missing_scenario is None:
        return "baseline"
    return f"baseline: the {role.lower()} version has no scenario “{clip(missing_scenario, 80)}”"


def version_role(other: str, this: str) -> str:
    """What a file of as-of date ``other`` is to the open one of ``this``: "Earlier",
    "Later", or "Other" when the dates cannot order them (the same day, or one undated)."""
    if not other or not this or other == this:
        return "Other"
    return "Earlier" if other < this else "Later"


def later_note(comparison: Comparison) -> str:
    """For a file dated after the open one: the changes read from it to this one, so what it
    added reads as removed; empty otherwise."""
    old, new = comparison.old.as_of, comparison.new.as_of
    if version_role(old, new) != "Later":
        return ""
    return (
        f"the other version is dated {old}, after this one ({new}): the changes read from it "
        "to this one, so what it added reads as removed (and what it removed as added)"
    )


def side_label(label: str, as_of: str) -> str:
    return f"{label} (as of {as_of})" if as_of else label


def _link(change: Change) -> tuple[str | None, str | None]:
    if change.kind == KIND_SCENARIO and change.field and change.field.startswith("cell:"):
        project_id, _, criterion_id = change.field[5:].partition("/")
        return project_id, criterion_id
    if change.kind == KIND_SCENARIO and change.field and change.field.startswith("weight:"):
        return None, change.field[7:]
    return change.project, change.criterion


def _project_sections(
    effect: ProjectEffect | None,
    changes: list[Change],
    names: Namer,
    say: Callable[[Change, bool], str],
) -> list[Section]:
    sections: list[Section] = []
    if effect is not None:
        red = [
            Line(
                f"{sign} {names('criterion', r.criterion)}: {r.reason}"
                + (f" [{r.basis}]" if r.basis else ""),
                effect.id,
                r.criterion,
            )
            for sign, found in (
                ("appeared:", effect.red_lines_appeared),
                ("cleared:", effect.red_lines_cleared),
            )
            for r in found
        ]
        if red:
            sections.append(Section("Red lines", red))
        if explained(effect) and effect.contributions:
            movement, parts, rest = movement_parts(effect)
            why = [
                Line(
                    contribution_text(p, names, effect.id), effect.id, p.criterion, f"{points:+.2f}"
                )
                for p, points in parts
            ]
            if rest is not None:
                label, points = rest
                why.append(Line(label, effect.id, None, f"{points:+.2f}"))
            sections.append(Section(f"Why the index moved ({movement})", why))
    if changes:
        lines = []
        for change in changes:
            project_id, criterion_id = _link(change)
            lines.append(Line(say(change, True), project_id, criterion_id))
        sections.append(Section("Changes", lines))
    return sections


def _moved(text: str) -> str:
    """A figure's ``before → after``, or "" when it did not move (the view's coverage column
    shows only movements, and goes when nothing moved)."""
    return text if "→" in text else ""


def _importance(effect: ProjectEffect) -> tuple[int, int, float]:
    """Sort key of a project's group: smaller comes first."""
    if not effect.changed:
        return (3, 0, 0.0)
    old, new = effect.old, effect.new
    status_moved = old is None or new is None or old.status != new.status
    if status_moved or effect.red_lines_appeared or effect.red_lines_cleared:
        return (0, 0, 0.0)
    return (1, -abs(effect.rank_change or 0), -abs(effect.index_change or 0.0))


WORDED_STEP = 500
"""The fewest changes worded between two reports of how far the wording is."""


def build_outline(
    comparison: Comparison,
    old_label: str,
    new_label: str,
    missing_scenario: str | None = None,
    worded: Callable[[int, int], None] | None = None,
) -> Outline:
    """Everything the view shows, from a comparison (old = the other file, new = open).

    ``missing_scenario``: the name of the scenario asked for when the earlier version lacks
    it and the comparison fell back to the baseline (the view says why, as the memo does).
    ``worded``: told the changes worded so far and of how many, every :data:`WORDED_STEP`
    of them or every hundredth, whichever is more (wording is most of a large comparison's
    time); it may raise to stop."""
    from rrisk.compare import unrelated_problem
    from rrisk.compare_cli import table

    names = Namer(comparison)
    said: dict[tuple[int, bool], str] = {}

    def say(change: Change, within_project: bool) -> str:
        # Each change is worded once, for its line, its cell's tooltip and the report alike
        # (worded three times, it was most of a large comparison's time).
        key = (id(change), within_project)  # every change worded lives until the end
        text = said.get(key)
        if text is None:
            text = said[key] = describe(change, names, within_project)
            if worded is not None and (id(change), not within_project) not in said:
                count[0] += 1  # a change worded for the first time
                if count[0] % step == 0:
                    worded(count[0], total)
        return text

    total = len(comparison.changes)
    step = max(WORDED_STEP, total // 100)
    count = [0]

    by_project = {pid: changes for _title, pid, changes in grouped(comparison) if pid}
    others = [(title, changes) for title, pid, changes in grouped(comparison) if pid is None]
    groups: list[Group] = []
    importance: dict[str, tuple[int, int, float]] = {}
    for effect in comparison.effects:
        changes = by_project.get(effect.id, [])
        # A project whose changes cancel out (weights moved, its index did not) still has
        # its why, as in the report and the memo.
        if not changes and not effect.changed and not (explained(effect) and effect.contributions):
            continue
        importance[effect.id] = _importance(effect)
        groups.append(
            Group(
                names("project", effect.id),
                effect.id,
                rank=rank_text(effect),
                index=index_text(effect),
                band=band_text(effect),
                coverage=_moved(coverage_text(effect)),
                moved=effect.changed,
                sections=_project_sections(effect, changes, names, say),
            )
        )
    # The biggest news first: a project excluded or let back in, or whose red lines changed;
    # then rank movements, largest first; then index movements; then projects only edited.
    # Ties keep the newer ranking's order (the sort is stable).
    groups.sort(key=lambda group: importance[group.project or ""])
    for title, changes in others:
        lines = []
        for change in changes:
            project_id, criterion_id = _link(change)
            lines.append(Line(say(change, False), project_id, criterion_id))
        groups.append(Group(title, None, sections=[Section("Changes", lines)]))
    if comparison.attachments:
        files = [Line(attachment_text(name, action)) for name, action in comparison.attachments]
        groups.append(Group("Attached files", None, sections=[Section("Changes", files)]))
    notes: dict[CellKey, list[str]] = {}
    cell_lines = [
        ((change.project, change.criterion), change)
        for change in comparison.changes
        if change.kind in (KIND_CELL, KIND_EVIDENCE) and change.project and change.criterion
    ]
    # Under a scenario, what its overrides changed is a changed cell of the view too.
    overrides = comparison.override_changes()
    for key, change in [*cell_lines, *overrides]:
        cell = notes.setdefault(key, [])
        if len(cell) < NOTES_PER_CELL:
            cell.append(say(change, True))
    role = version_role(comparison.old.as_of, comparison.new.as_of)
    old_side = side_label(old_label, comparison.old.as_of)
    new_side = side_label(new_label, comparison.new.as_of)
    return Outline(
        old_label=old_side,
        new_label=new_side,
        scenario=scenario_text(comparison, missing_scenario, role),
        differs=comparison.differs,
        change_count=len(comparison.changes),
        groups=groups,
        cell_notes=notes,
        report=table(comparison, old_label, new_label, say),
        file_count=len(comparison.attachments),
        old_role=role,
        order_problem=later_note(comparison),
        unrelated_problem=unrelated_problem(
            comparison.old, comparison.new, _file_name(old_label), "this assessment"
        )
        or "",
    )


def _file_name(label: str) -> str:
    """A path's file name ('june.rrisk'), any other label as it is."""
    name = label.replace("\\", "/").rsplit("/", 1)[-1]
    return name if name.endswith(".rrisk") else label
