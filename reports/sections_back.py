"""The memo's closing sections: scenarios compared with the baseline, sources, disclaimer."""

from __future__ import annotations

import numpy as np
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from reports import styles as st
from reports.blocks import FULL_WIDTH, data_table, section_heading
from reports.context import MemoContext
from reports.layout import Heading
from reports.quotes import quoted_evidence
from reports.styles import (
    cell_para,
    derived_style,
    esc,
    fmt_index,
    fmt_index_change,
    markup,
    para,
    styles,
)
from rrisk import palette
from rrisk.model import (
    CREDIBILITY_LABELS,
    RELIABILITY_LABELS,
    Assessment,
    Scenario,
    override_changes,
    sets_nothing,
)
from rrisk.scoring import ScoreResult, band_name
from rrisk.text import plural

SCENARIOS_PER_TABLE = 3

# -- scenarios --------------------------------------------------------------------------------


def _index_cell(result: ScoreResult, row: int, baseline: ScoreResult | None) -> str:
    """Index, band, rank and change against the baseline, as cell markup."""
    muted = f'<font size="6.8" color="{palette.MUTED}">'
    if result.excluded[row]:
        text = f'<font color="{palette.RED_LINE}"><b>⊘ Excluded</b></font>'
        if baseline is not None and not baseline.excluded[row]:
            text += f"<br/>{muted}newly excluded</font>"
        return text
    index = float(result.index[row])
    if np.isnan(index):
        return "unscored"
    band = band_name(int(result.index_band[row]))
    text = f"<b>{fmt_index(index)}</b> · {band} · #{int(result.rank[row])}"
    if baseline is None:
        return text
    if baseline.excluded[row]:
        return text + f"<br/>{muted}excluded in baseline</font>"
    if np.isnan(baseline.index[row]):
        return text + f"<br/>{muted}unscored in baseline</font>"
    return text + f"<br/>{muted}{printed_change(index, float(baseline.index[row]))}</font>"


def printed_change(index: float, before: float) -> str:
    """The change against the baseline as printed beside the two indices."""
    change = fmt_index_change(index, before)
    return "unchanged" if change is None else f"{change} vs baseline"


def _changes_text(doc: Assessment, scenario: Scenario) -> str:
    """ "2 weight changes, 3 cell changes", "No weight change, 1 cell change": the overrides
    that change something; one that gives the baseline's own value is said apart ("1 override
    restates the baseline")."""
    weights = {c.id: c.weight for c in doc.criteria}
    weight_changes = sum(
        1 for cid, w in scenario.weight_overrides.items() if cid in weights and w != weights[cid]
    )
    cell_changes = 0
    # (A row that sets nothing, added in the app and not filled in, restates nothing.)
    overrides = {k: o for k, o in scenario.overrides_by_cell().items() if not sets_nothing(o)}
    for (project_id, criterion_id), override in overrides.items():
        if override_changes(doc.cell(project_id, criterion_id), override):
            cell_changes += 1
    restated = len(scenario.weight_overrides) + len(overrides)
    restated -= weight_changes + cell_changes
    if not weight_changes and not cell_changes:
        text = "No weight or cell change"
    else:
        # A count of none reads "no …", as a reader says it ("0 weight changes" read as a typo).
        weights_text = (
            plural(weight_changes, "weight change") if weight_changes else "No weight change"
        )
        cells_text = plural(cell_changes, "cell change") if cell_changes else "no cell change"
        text = f"{weights_text}, {cells_text}"
    if restated:
        text += (
            f" ({plural(restated, 'override')} {'restates' if restated == 1 else 'restate'} "
            "the baseline)"
        )
    return text


def _scenario_finding(ctx: MemoContext, result: ScoreResult) -> str:
    baseline = ctx.baseline
    names = result.matrix.project_names

    def top(res: ScoreResult) -> str | None:
        ranked = [int(r) for r in res.order if res.rank[int(r)] == 1]
        return names[ranked[0]] if ranked else None

    now, before = top(result), top(baseline)
    if now == before:
        text = (
            f"The lowest-risk project is still <b>{esc(now)}</b>. "
            if now
            else "No project is ranked. "
        )
    elif now is None:
        text = f"No project is ranked (in the baseline, <b>{esc(before)}</b> is the lowest-risk). "
    elif before is None:
        text = f"The lowest-risk project becomes <b>{esc(now)}</b> (baseline: none ranked). "
    else:
        text = f"The lowest-risk project becomes <b>{esc(now)}</b> (baseline: {esc(before)}). "
    # Each project counted once: a rank that moves among the ranked, or its way in or out.
    ranked_now, ranked_before = result.rank > 0, baseline.rank > 0
    moved = int(np.count_nonzero(ranked_now & ranked_before & (result.rank != baseline.rank)))
    text += (
        "No ranked project changes rank"
        if moved == 0
        else f"{plural(moved, 'project')} change{'s' if moved == 1 else ''} rank"
    )
    newly = int(np.count_nonzero(result.excluded & ~baseline.excluded))
    cleared = int(np.count_nonzero(~result.excluded & baseline.excluded))
    unscored = int(np.count_nonzero(ranked_before & ~ranked_now & ~result.excluded))
    scored = int(np.count_nonzero(~ranked_before & ~baseline.excluded & ranked_now))
    for count, words in (
        (newly, "newly excluded"),
        (cleared, "no longer excluded"),
        (unscored, "no longer scored"),
        (scored, "newly scored"),
    ):
        if count:
            text += f"; {count} {words}"
    text += "."

    # Every project whose band moves, excluded ones too (the tables print their index and
    # band), marked on the side where the project is excluded: a project excluded only in
    # the baseline must not read as excluded under the scenario.
    def shift(row: int) -> str:
        before, after = bool(baseline.excluded[row]), bool(result.excluded[row])
        return (
            f"{esc(names[row])} {band_name(int(baseline.index_band[row]))}"
            + (" (excluded)" if before and not after else "")
            + f" → {band_name(int(result.index_band[row]))}"
            + (" (excluded in both)" if before and after else " (excluded)" if after else "")
        )

    shifts = [
        shift(row)
        for row in (int(r) for r in baseline.order)
        if result.index_band[row] >= 0
        and baseline.index_band[row] >= 0
        and result.index_band[row] != baseline.index_band[row]
    ]
    if shifts:
        text += " Band changes: " + "; ".join(shifts) + "."
    return text


def scenarios(ctx: MemoContext) -> list[Flowable]:
    """Each scenario described, then every project's index and rank side by side."""
    s = styles()
    doc = ctx.document
    story = section_heading("Scenarios compared with the baseline", "scenarios")
    if not doc.scenarios:
        story.append(
            markup(
                "<i>This assessment defines no scenarios; all figures are for the baseline.</i>",
                s.body_muted,
            )
        )
        return story
    story.append(
        markup(
            "The baseline is the assessment as entered. A scenario changes weights and cells "
            "without touching the baseline; each column shows the risk index, the rank (#) and "
            "the change against the baseline.",
            s.body,
        )
    )
    for scenario in doc.scenarios:
        result = ctx.scenario_results[scenario.id]
        changes = _changes_text(doc, scenario)
        mark = (
            " (the scenario of this memo)"
            if ctx.scenario and ctx.scenario.id == scenario.id
            else ""
        )
        block = [st.MemoParagraph(f"{esc(scenario.name)}{esc(mark)}", s.h3)]
        if scenario.description:
            block += st.long_para(scenario.description, s.body)
        block.append(
            markup(
                f'<font color="{palette.MUTED}">{changes}.</font> '
                + _scenario_finding(ctx, result),
                s.body,
            )
        )
        story.append(KeepTogether(block))
    order = [int(r) for r in ctx.baseline.order]
    for start in range(0, len(doc.scenarios), SCENARIOS_PER_TABLE):
        chunk = doc.scenarios[start : start + SCENARIOS_PER_TABLE]
        header = [markup("Project", s.head), markup("Baseline", s.head)]
        header += [para(sc.name, s.head) for sc in chunk]
        rows: list[list[object]] = [header]
        for row in order:
            line = [
                para(doc.projects[row].name, s.cell_bold),
                markup(_index_cell(ctx.baseline, row, None), s.cell),
            ]
            line += [
                markup(_index_cell(ctx.scenario_results[sc.id], row, ctx.baseline), s.cell)
                for sc in chunk
            ]
            rows.append(line)
        column = 33 * mm
        widths = [FULL_WIDTH - column * (len(chunk) + 1)] + [column] * (len(chunk) + 1)
        table = data_table(
            rows, colWidths=widths, style=st.grid_style(rows=len(rows)), repeatRows=1
        )
        story += [Spacer(1, 4), table]
    return story


# -- sources ----------------------------------------------------------------------------------


SOURCES_NONE_ROOM = 60.0
"""Room the "Sources" heading and its line of an assessment without sources ask for."""


def sources(ctx: MemoContext) -> list[Flowable]:
    """The sources with publisher, date, Admiralty grade and bias note."""
    s = styles()
    if not ctx.document.sources:
        # A line after the scenarios, not a page of its own (one line on a blank page).
        return [
            CondPageBreak(SOURCES_NONE_ROOM),
            Heading("Sources", derived_style("h1", s.h1, spaceBefore=16), "Sources", "sources", 0),
            markup("<i>No sources are recorded.</i>", s.body_muted),
        ]
    story = section_heading("Sources", "sources")
    story.append(
        markup(
            "Each source carries an Admiralty grade: reliability of the source A–F and credibility "
            "of the information 1–6 (scale in the appendix). Bias notes record known leanings of a "
            "publisher that a reader should weigh.",
            s.body,
        )
    )
    rows: list[list[object]] = [
        [
            markup("Source", s.head),
            markup("Publisher", s.head),
            markup("Date", s.head),
            markup("Grade", s.head),
            markup("Bias note", s.head),
        ]
    ]
    for source in ctx.document.sources:
        title = f"<b>{esc(source.title)}</b>"
        if source.author:
            title += f"<br/>{esc(source.author)}"
        if source.url:
            title += f'<br/><font size="6.8" color="{palette.MUTED}">{esc(source.url)}</font>'
        if source.attachment:
            # The name only: the file travels in the .rrisk file, not with the memo.
            title += (
                f'<br/><font size="6.8" color="{palette.MUTED}">Attached file: '
                f"{esc(source.attachment)}</font>"
            )
        grade = (
            f"<b>{source.grade}</b><br/><font size='6.8' color='{palette.MUTED}'>"
            f"{esc(RELIABILITY_LABELS[source.reliability])}; "
            f"{esc(CREDIBILITY_LABELS[source.credibility])}</font>"
        )
        rows.append(
            [
                markup(title, s.cell),
                cell_para(source.publisher or "—", s.cell_small),
                markup(esc(source.date or "—"), s.cell_small),
                markup(grade, s.cell),
                cell_para(source.bias_note or "—", s.cell_small),
            ]
        )
    # With no bias note anywhere the Grade gets the room the notes' column would have used:
    # 23 mm broke each grade's wording over three or four lines beside a column of dashes.
    noted = any(source.bias_note for source in ctx.document.sources)
    widths = [57 * mm, 28 * mm, 17 * mm, (23 if noted else 45) * mm]
    widths.append(FULL_WIDTH - sum(widths))
    table = data_table(rows, colWidths=widths, style=st.grid_style(rows=len(rows)), repeatRows=1)
    story.append(table)
    story += quoted_evidence(ctx)
    return story


# -- disclaimer -------------------------------------------------------------------------------


def disclaimer(ctx: MemoContext) -> list[Flowable]:
    """The closing disclaimer, with the classification and the fingerprint."""
    s = styles()
    doc = ctx.document
    story = section_heading("Disclaimer", "disclaimer")
    organisation = esc(doc.organisation) if doc.organisation else "the issuing organisation"
    paragraphs = (
        f"This memorandum was prepared by {organisation} for the internal use of its investment "
        "committee. It supports a decision; it does not make one. It is not investment, legal, "
        "tax or sanctions-compliance advice, and it is not an offer or solicitation of any kind.",
        "The scores are the judgements of the author(s) "
        + (f"as of {esc(doc.as_of)}" if doc.as_of else "at a date the assessment does not state")
        + ", made with the method set out in the appendix and backed by the sources listed "
        "with their grades. Sources may be incomplete, biased or wrong; events after "
        + ("the as-of date" if doc.as_of else "that date")
        + " are not reflected.",
        "Red lines based on sanctions, export controls or territorial rules must be confirmed "
        "with qualified counsel in every relevant jurisdiction before any commitment. Nothing "
        "in this memorandum authorises a transaction that applicable law prohibits.",
        f"Classification: <b>{esc(doc.classification)}</b>. Do not distribute beyond the "
        "intended recipients.",
        f"Produced with RRisk {esc(ctx.app_version)} from the assessment with SHA-256 "
        f"fingerprint {ctx.fingerprint}; the same assessment and scenario always produce the "
        "same memorandum.",
    )
    story += [markup(text, s.disclaimer) for text in paragraphs]
    return story
