"""The memo's "Changes since <date>" section, when the memo is built ``--since`` an earlier
version: rank and band movements, red lines that appeared or cleared, why each index moved,
and the changed scores with their old and new rationale and evidence grades.

Everything comes from :func:`rrisk.compare.compare` (the same comparison ``rrisk diff``
prints) and is worded by :mod:`rrisk.compare.wording`, so the memo and the CLI agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from reports import styles as st
from reports.blocks import (
    FULL_WIDTH,
    data_table,
    keep_groups_together,
    section_heading,
    sub_heading,
    with_room,
)
from reports.context import MemoContext
from reports.styles import (
    cell_para,
    clip,
    esc,
    fmt_index,
    fmt_index_change,
    fmt_signed,
    markup,
    source_origin,
    styles,
)
from rrisk import palette
from rrisk.cells import Cell
from rrisk.compare import Comparison
from rrisk.compare.changes import ADDED, KIND_CELL, KIND_EVIDENCE, REMOVED, Change
from rrisk.compare.effects import ProjectEffect
from rrisk.compare.wording import (
    Namer,
    at_most,
    attachment_text,
    contribution_text,
    coverage_text,
    describe,
    grouped,
    movement_parts,
    movers,
    rank_text,
)
from rrisk.model import Assessment, CellOverride
from rrisk.scoring import ScoreResult
from rrisk.text import isolated, plural

SCORE_FIELDS = frozenset(
    (
        "likelihood",
        "impact",
        "likelihood_low",
        "likelihood_high",
        "impact_low",
        "impact_high",
        "red_line",
    )  # fmt: skip
)
OTHER_CHANGES_SHOWN = 40
"""Other changes listed one per line before the rest are counted (``rrisk diff`` lists all)."""
RATIONALE_LIMIT = 600


def compare_for_memo(since: Assessment, ctx: MemoContext) -> Comparison:
    """The comparison the section reports, under the memo's scenario; under the baseline when
    the earlier version does not have that scenario yet (the section says so), as the app's
    comparison does."""
    from rrisk.compare import compare_or_baseline

    scenario = ctx.scenario.id if ctx.scenario is not None else None
    comparison = compare_or_baseline(
        since, ctx.document, scenario, old_label="the earlier version (--since)"
    )
    comparison._fingerprints["new"] = ctx.fingerprint  # already computed for the cover
    return comparison


def since_label(comparison: Comparison) -> str:
    """``2025-06-01``, or ``the earlier version`` when it has no as-of date."""
    return comparison.old.as_of or "the earlier version"


def earlier_version(comparison: Comparison, bold: bool = False) -> str:
    """The earlier version named in a sentence (markup): ``the version as of 2025-06-01``,
    or, when it has no as-of date, ``the earlier version (it has no as-of date)``."""
    if not comparison.old.as_of:
        return "the earlier version (it has no as-of date)"
    date = esc(comparison.old.as_of)
    return f"the version as of {f'<b>{date}</b>' if bold else date}"


def cover_rows(ctx: MemoContext) -> list[tuple[str, str]]:
    """The cover's line naming the earlier version (nothing when there is none)."""
    comparison = ctx.comparison
    if comparison is None:
        return []
    return [
        (
            "Compared with",
            f"{earlier_version(comparison)}<br/>"
            f'<font size="8.4">{comparison.old_fingerprint}</font><br/>'
            f'<font size="7.4" color="{palette.MUTED}">SHA-256 fingerprint of the earlier '
            "version; “Changes since” lists what differs.</font>",
        )
    ]


class _ShownNamer(Namer):
    """The names as the section sets them beside other words: a right-to-left one isolated
    (:func:`rrisk.text.isolated`), so the line "العقوبات: cell 5×5 = 25 → 2×5 = 10" reads
    left to right, the name first, as the section's other lines do."""

    def __call__(self, kind: str, item_id: str | None) -> str:
        return isolated(super().__call__(kind, item_id))


def changes_since(ctx: MemoContext) -> list[Flowable]:
    """The section; empty when the memo is not built against an earlier version."""
    comparison = ctx.comparison
    if comparison is None:
        return []
    s = styles()
    names = _ShownNamer(comparison)
    label = since_label(comparison)
    story = section_heading(f"Changes since {label}", "changes")
    affecting = sum(1 for c in comparison.changes if comparison.moves_scores(c))
    compared = (
        f"This memo is compared with {earlier_version(comparison, bold=True)} of the "
        f"assessment (fingerprint {comparison.old_fingerprint[:16]}…), under "
    )
    intro = f"{compared}the scenario <b>{esc(ctx.scenario_label)}</b>. "
    if ctx.scenario is not None and comparison.scenario is None:
        intro = (
            f"{compared}the <b>Baseline</b>: that version has no scenario "
            f"“{esc(ctx.scenario.name)}”. "
        )
    if not comparison.differs:
        story.append(markup(intro + "The two versions do not differ.", s.body))
        return story
    files = len(comparison.attachments)
    if not comparison.changes:  # the same assessment: only files attached to it differ
        verb = "differs" if files == 1 else "differ"
        story.append(
            markup(
                f"{intro}The assessment itself is the same; {plural(files, 'attached file')} "
                f"{verb} (see “Attached files”).",
                s.body,
            )
        )
        return story + _attached_files(comparison)
    intro += (
        f"{plural(len(comparison.changes), 'change')} in all, {affecting} of which can move "
        "an index, rank, band or red line; each project's index movement is split exactly between the changes that "
        "caused it (see “Why the indices moved”)."
    )
    if files:
        verb = "differs" if files == 1 else "differ"
        intro += f" {plural(files, 'attached file')} {verb} (see “Attached files”)."
    story.append(markup(intro, s.body))
    story += _movements(comparison, names)
    story += _red_lines(comparison, names)
    story += _why(comparison, names)
    story += _changed_scores(ctx, comparison, names)
    story += _other_changes(comparison, names)
    story += _attached_files(comparison)
    return story


def _attached_files(comparison: Comparison) -> list[Flowable]:
    """The files attached to sources that were added, removed or replaced (their bytes
    differ); nothing when none did. The fingerprints read the documents alone, so a
    replaced file shows only here."""
    if not comparison.attachments:
        return []
    s = styles()
    story = sub_heading("Attached files", room=50)
    line = st.ParagraphStyle("changes_file", parent=s.cell, leftIndent=11, bulletIndent=1)
    for name, action in comparison.attachments:
        story.append(st.MemoParagraph(esc(attachment_text(name, action)), line, bulletText="–"))
    return story


def _movements(comparison: Comparison, names: Namer) -> list[Flowable]:
    s = styles()
    story = sub_heading("Rank and band movements", room=90)
    moved = [e for e in comparison.effects if e.changed]
    if not moved:
        story.append(markup("<i>No rank, band, index or status moved.</i>", s.body_muted))
        return story
    rows: list[list[object]] = [
        [markup(h, s.head) for h in ("Project", "Rank", "Risk index", "Band", "Coverage", "Status")]
    ]
    for effect in moved:
        rows.append(
            [
                cell_para(names("project", effect.id), s.cell_bold),
                markup(esc(rank_text(effect)), s.cell),
                markup(esc(_index_pair(effect)), s.cell),
                markup(esc(_pair(effect, "band")), s.cell),
                markup(esc(coverage_text(effect)), s.cell),
                markup(esc(_pair(effect, "status")), s.cell),
            ]
        )
    widths = [None, 22 * mm, 32 * mm, 20 * mm, 22 * mm, 24 * mm]
    widths[0] = FULL_WIDTH - sum(w for w in widths if w)
    table = data_table(rows, colWidths=widths, style=st.grid_style(rows=len(rows)), repeatRows=1)
    story.append(table)
    unmoved = len(comparison.effects) - len(moved)
    if unmoved:
        story.append(markup(f"{plural(unmoved, 'other project')} did not move.", s.body_muted))
    return story


def _value(effect: ProjectEffect, side: str, name: str) -> str:
    score = getattr(effect, side)
    if score is None:
        return "absent"
    value = getattr(score, name)
    if name == "rank":
        return str(value) if value else score.status
    if name == "band" and score.index is None:
        return "—"
    return str(value)


def _pair(effect: ProjectEffect, name: str) -> str:
    before, after = _value(effect, "old", name), _value(effect, "new", name)
    return after if before == after else f"{before} → {after}"


def _index_pair(effect: ProjectEffect) -> str:
    before = "absent" if effect.old is None else fmt_index(effect.old.index)
    after = "absent" if effect.new is None else fmt_index(effect.new.index)
    if before == after:
        return after
    change = None
    if effect.old is not None and effect.new is not None:
        change = fmt_index_change(effect.new.index, effect.old.index)
    return f"{before} → {after}" + ("" if change is None else f" ({change})")


def _red_lines(comparison: Comparison, names: Namer) -> list[Flowable]:
    s = styles()
    items = [
        (verb, effect, red_line)
        for effect in comparison.effects
        for verb, found in (
            ("New", effect.red_lines_appeared),
            ("Cleared", effect.red_lines_cleared),
        )
        for red_line in found
    ]
    story = sub_heading("Red lines", room=70)
    if not items:
        story.append(markup("<i>No red line appeared or cleared.</i>", s.body_muted))
        return story
    bullet = st.ParagraphStyle("changes_bullet", parent=s.body, leftIndent=11, bulletIndent=1)
    for verb, effect, red_line in items:
        basis = f" <i>Basis: {esc(red_line.basis)}</i>" if red_line.basis else ""
        story.append(
            st.MemoParagraph(
                f"<b>{verb}:</b> {esc(names('project', effect.id))} — "
                f"{esc(names('criterion', red_line.criterion))}: ⊘ {esc(red_line.reason)}." + basis,
                bullet,
                bulletText="•",
            )
        )
    return story


MOVERS_SHOWN = 8
"""Projects the memo's "Why the indices moved" explains; the others are counted below it."""


def _why(comparison: Comparison, names: Namer) -> list[Flowable]:
    s = styles()
    moved = movers(comparison)
    story = sub_heading("Why the indices moved", room=90)
    if not moved:
        story.append(markup("<i>No index moved.</i>", s.body_muted))
        return story
    story.append(
        markup(
            "Each line is one change's share of the project's index movement, in index points to "
            "two decimals, rounded so that the shares add up to the movement. The movement is the "
            "exact one, so it can differ in its last digit from the difference of the one-decimal "
            "indices above (for instance, 65.54 → 72.17 prints as 65.5 → 72.2: +6.7 above, +6.63 "
            "here). "
            "A changed score moves the index by its weighted "
            "change in risk; a changed weight by how far that criterion's risk sits above or "
            "below the project's index (where both changed, each is valued at the average of the "
            "other's old and new value).",
            s.body,
        )
    )
    rows: list[list[object]] = [
        [markup(h, s.head) for h in ("Project", "Movement", "Change", "Points")]
    ]
    starts: list[int] = []
    for effect in moved[:MOVERS_SHOWN]:
        starts.append(len(rows))
        movement, parts, rest = movement_parts(effect)
        for position, (part, points) in enumerate(parts):
            rows.append(
                [
                    cell_para(names("project", effect.id), s.cell_bold) if position == 0 else "",
                    markup(movement.replace("-", "\u2212"), s.cell_right) if position == 0 else "",
                    cell_para(contribution_text(part, names, effect.id), s.cell),
                    markup(fmt_signed(points, 2), s.cell_right),
                ]
            )
        if rest is not None:
            label, points = rest
            rows.append(
                ["", "", markup(label, s.cell_muted), markup(fmt_signed(points, 2), s.cell_right)]
            )
    widths = [None, 20 * mm, 80 * mm, 18 * mm]
    widths[0] = FULL_WIDTH - sum(w for w in widths if w)
    style = st.grid_style(rows=len(rows), zebra=False)
    table = data_table(rows, colWidths=widths, style=style, repeatRows=1)
    story = with_room(story, keep_groups_together(table, starts, widths))
    story.append(table)
    more = moved[MOVERS_SHOWN:]
    if more:
        noun = "project" if len(more) == 1 else "projects"
        largest = max(abs(e.index_change or 0.0) for e in more)
        story.append(Spacer(1, 2 * mm))
        story.append(
            markup(
                f"<i>The table explains the {MOVERS_SHOWN} largest movements; {len(more):,} "
                f"other {noun} had smaller ones (at most {at_most(largest)} points).</i>",
                s.body_muted,
            )
        )
    return story


def _override_of(
    doc: Assessment, scenario_id: str | None, project_id: str, criterion_id: str
) -> CellOverride | None:
    """The scenario's override of the cell that counts, the last one a file gives (see
    :meth:`rrisk.model.Scenario.overrides_by_cell`); None when it has none."""
    if scenario_id is None:
        return None
    scenario = next((s for s in doc.scenarios if s.id == scenario_id), None)
    return scenario.overrides_by_cell().get((project_id, criterion_id)) if scenario else None


def _override_scores(item: CellOverride | None) -> dict[str, int] | None:
    """The scores the override ``item`` sets on its cell; None when it sets none."""
    if item is None:
        return None
    scores = {
        name: value
        for name in ("likelihood", "impact")
        if (value := getattr(item, name)) is not None
    }
    return scores or None


def _range_text(cell: Cell, name: str, score: int) -> str:
    """ "L 2–4": a score's range as drawn, a bound left unset being the score (a high bound
    alone is a range too)."""
    low, high = getattr(cell, f"{name}_low"), getattr(cell, f"{name}_high")
    return f"{name[0].upper()} {score if low is None else low}–{score if high is None else high}"


def _source_text(doc: Assessment, source_id: str) -> str:
    """A source as the project pages name it, by grade, publisher (else title) and date:
    "B2 Reuters, 2025-05". The memo prints no source ids, so one would name nothing a reader
    can find in the sources appendix."""
    try:
        source = doc.source(source_id)
    except KeyError:
        return f"? {source_id}"
    return f"{source.grade} {source_origin(source.publisher, source.title, source.date)}"


def _cell_text(
    doc: Assessment,
    project_id: str,
    criterion_id: str,
    scenario_id: str | None = None,
    narrative: Callable[[str, str], str] | None = None,
) -> str:
    """Score, rationale and evidence grades of a cell, as markup; under a scenario, the
    scores it sets (said so). ``narrative`` resolves the rationale's fields (text, place)
    with the figures of ``doc``'s own version."""
    cell = doc.cell(project_id, criterion_id) or Cell()
    item = _override_of(doc, scenario_id, project_id, criterion_id)
    override = _override_scores(item) or {}
    likelihood = override.get("likelihood", cell.likelihood)
    impact = override.get("impact", cell.impact)
    if likelihood is None or impact is None:
        score = "unassessed"
    else:
        score = f"L{likelihood} × I{impact} = {likelihood * impact}"
        if override:
            # The baseline's own score beside it: an edit the scenario hides must not read
            # as a row whose two sides are the same.
            if cell.likelihood is not None and cell.impact is not None:
                own = f"L{cell.likelihood} × I{cell.impact} = {cell.likelihood * cell.impact}"
            else:
                own = "unassessed"
            score += f" (set by the scenario; baseline {own})"
        # A score the scenario sets is drawn without the cell's range; the other
        # keeps it.
        ranges = [
            _range_text(cell, name, value)
            for name, value in (("likelihood", likelihood), ("impact", impact))
            if name not in override
            and (
                getattr(cell, f"{name}_low") is not None
                or getattr(cell, f"{name}_high") is not None
            )
        ]
        if ranges:
            score += f" ({', '.join(ranges)})"
    # The flag the scenario sets, said so: a red line it adds or lifts alone left the two
    # sides of the row the same.
    flagged = cell.red_line if item is None or item.red_line is None else item.red_line
    if flagged:
        score += " ⊘"
    if flagged != cell.red_line:
        score += (
            " (red line set by the scenario)" if flagged else " (red line lifted by the scenario)"
        )
    evidence = "; ".join(dict.fromkeys(_source_text(doc, link.source) for link in cell.evidence))
    text = f"<b>{esc(score)}</b>"
    rationale = cell.rationale.strip()
    if rationale and narrative is not None:
        rationale = narrative(rationale, f"cell:{project_id}:{criterion_id}").strip()
    if rationale:
        text += f"<br/>{esc(clip(rationale, RATIONALE_LIMIT))}"
    text += f'<br/><font color="{palette.MUTED}">Evidence: {esc(evidence or "none")}</font>'
    return text


def _narratives(
    ctx: MemoContext, comparison: Comparison
) -> tuple[Callable[[str, str], str], Callable[[str, str], str]]:
    """What resolves a rationale's fields in the "Before" column and in the "Now" column:
    each version's own figures, under the scenario compared (the memo's, or the baseline when
    the earlier version lacks it). A broken field stays as typed, as elsewhere in the memo.
    A Monte Carlo figure prints "—" but where the memo's own run gives it: the runs of other
    versions would take as long as the memo's, and could not be cancelled."""
    from rrisk.fields import FieldResolver

    key = comparison.scenario_id or ""

    def of(document: Assessment, result: ScoreResult) -> Callable[[str, str], str]:
        resolver = FieldResolver(document, key or None, scores={key: result}, run_monte_carlo=False)
        return lambda text, place: resolver.resolve(text, place, strict=False)

    memo_key = ctx.scenario.id if ctx.scenario is not None else ""
    now = (
        ctx.narrative
        if comparison.new is ctx.document and memo_key == key
        else of(comparison.new, comparison.new_result)
    )
    return of(comparison.old, comparison.old_result), now


def _score_cell(change: Change) -> tuple[str, str] | None:
    """The cell whose score, range or red-line flag the change changed (a cell that holds one
    added or removed too), or None."""
    if change.kind != KIND_CELL or not change.project or not change.criterion:
        return None
    if change.field is None:
        scored = any(name in (change.new or change.old) for name in SCORE_FIELDS)
    else:
        scored = change.field in SCORE_FIELDS
    return (change.project, change.criterion) if scored else None


def _side_by_side(comparison: Comparison) -> tuple[list[tuple[str, str]], int]:
    """The cells "Changed scores" sets side by side, and how many changed cells it leaves to
    "Other changes" because their project or criterion is on one side only (added or
    removed): a row of such a cell would read "unassessed" on the side where it could not
    be, as if the score had been left open. "Other changes" lists each in one line ("cell
    added: …") under its project, which is reported as added or removed."""
    old, new = comparison.old, comparison.new
    both_projects = {p.id for p in old.projects} & {p.id for p in new.projects}
    both_criteria = {c.id for c in old.criteria} & {c.id for c in new.criteria}
    cells = list(
        dict.fromkeys(
            [
                *(key for c in comparison.changes if (key := _score_cell(c))),
                # Under a scenario, a score its override changed is a changed score too.
                *(key for key, change in comparison.override_changes() if change.affects_scores),
            ]
        )
    )
    kept = [key for key in cells if key[0] in both_projects and key[1] in both_criteria]
    return kept, len(cells) - len(kept)


def _changed_scores(ctx: MemoContext, comparison: Comparison, names: Namer) -> list[Flowable]:
    s = styles()
    cells, one_sided = _side_by_side(comparison)
    scenario_id = comparison.scenario_id
    old_narrative, new_narrative = _narratives(ctx, comparison)
    story = sub_heading("Changed scores", room=110)
    if one_sided:
        is_, it, its = ("is", "it", "its") if one_sided == 1 else ("are", "them", "their")
        story.append(
            markup(
                f"{plural(one_sided, 'score')} of projects or criteria added or removed {is_} "
                f"not set side by side here, having no other side: “Other changes” lists {it} "
                f"under {its} project.",
                s.body_muted,
            )
        )
    if not cells:
        if not one_sided:
            story.append(markup("<i>No score changed.</i>", s.body_muted))
        return story
    before = f"Before (as of {esc(comparison.old.as_of)})" if comparison.old.as_of else "Before"
    rows: list[list[object]] = [
        [
            markup("Project · criterion", s.head),
            markup(before, s.head),
            markup(
                f"Now (as of {esc(ctx.document.as_of)})" if ctx.document.as_of else "Now", s.head
            ),
        ]
    ]
    for project_id, criterion_id in cells:
        rows.append(
            [
                markup(
                    f"<b>{esc(names('project', project_id))}</b><br/>"
                    f"{esc(names('criterion', criterion_id))}",
                    s.cell,
                ),
                markup(
                    _cell_text(
                        comparison.old, project_id, criterion_id, scenario_id, old_narrative
                    ),
                    s.cell_small,
                ),
                markup(
                    _cell_text(
                        comparison.new, project_id, criterion_id, scenario_id, new_narrative
                    ),
                    s.cell_small,
                ),
            ]
        )
    widths = [38 * mm, (FULL_WIDTH - 38 * mm) / 2, (FULL_WIDTH - 38 * mm) / 2]
    style = st.grid_style(rows=len(rows), zebra=False)
    style.add("VALIGN", (0, 1), (-1, -1), "TOP")
    style.add("LINEBELOW", (0, 1), (-1, -1), 0.35, st.HAIRLINE)
    table = data_table(rows, colWidths=widths, style=style, repeatRows=1)
    story.append(table)
    return story


def _other_changes(comparison: Comparison, names: Namer) -> list[Flowable]:
    """Every other change, one line each, grouped by project then criteria, sources, …"""
    s = styles()
    shown_cells = set(_side_by_side(comparison)[0])

    def in_the_table(change: Change) -> bool:
        """Whether "Changed scores" already shows this change side by side: the scores and
        ranges, the red-line flag, the rationale and the evidence linked. Its status, a
        red-line reason or basis, a re-quoted link, links put in another order and a cell
        added or removed as a whole (one line saying what it held) are listed here."""
        if (change.project, change.criterion) not in shown_cells:
            return False
        if change.kind == KIND_CELL:
            return change.field in SCORE_FIELDS or change.field == "rationale"
        return change.kind == KIND_EVIDENCE and change.action in (ADDED, REMOVED)

    groups = []
    for title, project_id, changes in grouped(comparison):
        rest = [c for c in changes if not in_the_table(c)]
        if rest:
            groups.append((title, project_id, rest))
    story = sub_heading("Other changes", room=70)
    if not groups:
        story.append(markup("<i>None.</i>", s.body_muted))
        return story
    line = st.ParagraphStyle("changes_line", parent=s.cell, leftIndent=11, bulletIndent=1)
    shown = 0
    hidden = 0
    for title, project_id, changes in groups:
        lines: Iterable = changes
        if shown >= OTHER_CHANGES_SHOWN:
            hidden += len(changes)
            continue
        group_title = markup(f"<b>{esc(title)}</b>", s.cell)
        group_title.keepWithNext = 1  # never alone at the foot of a page
        story.append(group_title)
        for change in lines:
            if shown >= OTHER_CHANGES_SHOWN:
                hidden += 1
                continue
            text = describe(change, names, within_project=project_id is not None)
            story.append(st.MemoParagraph(esc(text), line, bulletText="–"))
            shown += 1
        story.append(Spacer(1, 1.5 * mm))
    if hidden:
        story.append(
            markup(
                f"… and {plural(hidden, 'more change')} (run <i>rrisk diff</i> for the full list).",
                s.body_muted,
            )
        )
    return story
