"""The Uncertainty section: how sure the ranking is, from the core's Monte Carlo run.

Figures come from :func:`rrisk.analysis.monte_carlo` (default runs and seed, the memo's
scenario); this module only words and draws them.
"""

from __future__ import annotations

import math

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from reports import styles as st
from reports.analysis_charts import IntervalRow, interval_chart
from reports.blocks import FULL_WIDTH, callout_box, data_table, section_heading, sub_heading
from reports.context import MemoContext
from reports.fonts import BOLD
from reports.styles import esc, fmt_index, fmt_interval, fmt_probability, markup, styles
from rrisk import palette
from rrisk.analysis import (
    WEAK_CREDIBILITY,
    WEAK_RELIABILITY,
    MonteCarloResult,
    own_range,
    weak_evidence,
)
from rrisk.evidence_quality import widened
from rrisk.fmt import fmt_apart
from rrisk.scoring import INDEX_BANDS, STATUS_EXCLUDED, STATUS_UNSCORED, ProjectScore
from rrisk.text import agrees, counted, listed, plural

MAX_CHART_ROWS = 25
MAX_RANK_ROWS = 100
"""Projects in the "Probability of each rank" table (a table reads further than a chart can;
beyond this, the table says how many it leaves out)."""
"""Projects drawn in the interval chart and the rank table; every project's P10–P90 is in the
ranking table whatever the count."""
MAX_RANK_COLUMNS = 8
UNSETTLED = 0.8
"""A project that holds its rank in fewer runs than this is named as unsettled."""
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def ordinal(rank: int) -> str:
    """``first`` … ``eighth``, then ``9th``."""
    if rank <= len(ORDINALS):
        return ORDINALS[rank - 1]
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def weak_evidence_rule() -> str:
    """The core's weak-evidence rule in words (grades taken from :mod:`rrisk.analysis`)."""
    grades = sorted(WEAK_RELIABILITY)
    return (
        f"no evidence link, or only sources graded {grades[0]}–{grades[-1]} for reliability "
        f"or {WEAK_CREDIBILITY}–6 for credibility"
    )


def outside_range_note(ctx: MemoContext) -> str | None:
    """A sentence for the projects whose printed index lies outside their printed P10–P90
    (markup, names escaped), or None. It happens when a project's cell ranges reach further
    on one side of its scores than on the other (an analyst's range such as 1 given 1–2, or
    the default ±1 of a weakly evidenced score at the scale's edge), so most runs fall on that
    side of the index. Each cause is said only if the document has it, with one of its cells
    as the example where one is found."""
    mc = ctx.uncertainty
    rows = _rows(ctx, mc)
    outside = []
    outside_ids = []
    above = {}  # by project id: whether the index lies above its P90 (the runs fall below)
    for project in ctx.result.ranking():
        if project.index is None or project.status == STATUS_EXCLUDED:
            continue
        row = rows[project.id]
        low, high = float(mc.p10[row]), float(mc.p90[row])
        if low != low or high != high:
            continue
        index = float(fmt_index(project.index))
        if index < float(fmt_index(low)) or index > float(fmt_index(high)):
            outside.append(f"<b>{esc(ctx.names_apart['project'][project.id])}</b>")
            outside_ids.append(project.id)
            above[project.id] = index > float(fmt_index(high))
    if not outside:
        return None
    names = listed(outside, 3)
    subject = (
        f"The risk index of {names} lies outside its P10–P90 range"
        if len(outside) == 1
        else f"The risk indices of {names} lie outside their P10–P90 ranges"
    )
    # The causes this document has: an analyst's one-sided range, the default ±1 at the edge.
    causes = []
    if mc.ranged_cells:
        several = len(outside_ids) > 1
        examples = (_one_sided_range(ctx, i, above[i], several) for i in outside_ids)
        example = next((found for found in examples if found), None)
        where = f": {esc(example)}" if example else ""
        causes.append(f"a range set by the analyst that reaches further one way{where}")
    if mc.weak_cells:
        edge = _weak_edge(ctx, [(i, above[i]) for i in outside_ids], len(outside_ids) > 1)
        where = f": {esc(edge)}" if edge else ""
        causes.append(
            f"at the edge of the 1–5 scale, a default ±1 range can only reach inwards{where}"
        )
    why = f" ({'; or '.join(causes)})" if causes else ""
    return (
        f"{subject}: the ranges drawn around the scores reach further on one side than on the "
        f"other{why}, so most runs fall on that side of the index. The index is the scores as "
        "assessed; the range is where the index falls if the scores are off within their "
        "ranges."
    )


def _one_sided_range(
    ctx: MemoContext, project_id: str, above_range: bool, named: bool
) -> str | None:
    """The first of the project's cells, of a criterion that weighs under the memo's
    scenario, whose own range reaches further below its score than above when the index lies
    above its P90 (``above_range``: the runs fall below), further above when below its P10,
    in words ("Sanctions exposure, likelihood 1 given 1–2"), or None: the memo's example of
    the cause is then this assessment's, not an invented one, and one that moves the runs the
    way they fall. ``named``: the project's name leads (several projects lie outside their
    ranges)."""
    overrides = (
        {(o.project, o.criterion): o for o in ctx.scenario.cell_overrides} if ctx.scenario else {}
    )
    matrix = ctx.result.matrix
    weighs = {
        criterion_id: bool(matrix.weights[column] > 0)
        for column, criterion_id in enumerate(matrix.criterion_ids)
    }
    for criterion in ctx.document.criteria:
        cell = ctx.document.cell(project_id, criterion.id)
        if cell is None or not weighs.get(criterion.id, False):
            continue
        override = overrides.get((project_id, criterion.id))
        for word, score, low, high in (
            ("likelihood", cell.likelihood, cell.likelihood_low, cell.likelihood_high),
            ("impact", cell.impact, cell.impact_low, cell.impact_high),
        ):
            if override is not None and getattr(override, word) is not None:
                continue  # the scenario's score replaces the range: drawn as set
            if score is None or (low is None and high is None):
                continue
            low = score if low is None else low
            high = score if high is None else high
            below, past = score - low, high - score  # how far the range reaches each way
            if low <= score <= high and (below > past if above_range else past > below):
                name = ctx.names_apart["criterion"][criterion.id]
                if named:
                    name = f"{ctx.names_apart['project'][project_id]} × {name}"
                return f"{name}, {word} {score} given {low}–{high}"
    return None


def _weak_edge(ctx: MemoContext, outside: list[tuple[str, bool]], named: bool) -> str | None:
    """The first cell of the projects ``outside`` (id, whether the index lies above its P90)
    drawn ±1 for its weak evidence from a score at the scale's edge on the side the runs
    fall ("Cost, likelihood 5 on weak evidence, drawn from 4–5": a 5 under an index above its
    range, a 1 under one below), under the memo's scenario, or None: the memo's example is
    then this assessment's, never an invented one. ``named``: the project's name leads."""
    matrix = ctx.result.matrix
    widened_cells = weak_evidence(ctx.document, matrix) & ~own_range(matrix)
    rows = {project_id: row for row, project_id in enumerate(matrix.project_ids)}
    for project_id, above_range in outside:
        row = rows[project_id]
        edge = 5 if above_range else 1
        for column, criterion_id in enumerate(matrix.criterion_ids):
            likelihood, impact = matrix.likelihood[row, column], matrix.impact[row, column]
            if not widened_cells[row, column] or not matrix.weights[column] > 0:
                continue
            if math.isnan(likelihood) or math.isnan(impact):
                continue
            for word, score in (("likelihood", likelihood), ("impact", impact)):
                if score != edge:
                    continue
                low, high = (int(bound) for bound in widened(edge))
                name = ctx.names_apart["criterion"][criterion_id]
                if named:
                    name = f"{ctx.names_apart['project'][project_id]} × {name}"
                return f"{name}, {word} {edge} on weak evidence, drawn from {low}–{high}"
    return None


def _rows(ctx: MemoContext, mc: MonteCarloResult) -> dict[str, int]:
    return {project_id: row for row, project_id in enumerate(mc.project_ids)}


def alone_in_every_run(mc: MonteCarloResult, row: int) -> bool:
    """Whether the project of ``row`` ranks first in every run and no other project is ranked
    in any: "first in 100% of runs" then says nothing a reader can use."""
    ranks = mc.rank_probability
    return bool(ranks[row, 0] == 1.0 and not ranks[:, 1:].any())


def uncertainty_lead(ctx: MemoContext) -> list[str]:
    """The section's opening sentences (markup, user text escaped), the leader first."""
    mc = ctx.uncertainty
    rows = _rows(ctx, mc)
    ranking = ctx.result.ranking()
    ranked = [p for p in ranking if p.rank is not None]
    runs = f"{mc.runs:,} runs"
    if not ranked:
        scored = [row for row in rows.values() if not math.isnan(float(mc.p50[row]))]
        if not scored:  # every weight 0, or nothing assessed: no index in any run
            return [
                "No project is ranked and none has an index in any of the "
                f"{runs}, so there is no ranking to test and no range to draw."
            ]
        return [
            "No project is ranked, so there is no ranking to test; the ranges below still show "
            f"how uncertain each index is over {runs}."
        ]
    names = ctx.names_apart["project"]  # two projects named alike: with their ids
    leader = ranked[0]
    row = rows[leader.id]
    first = float(mc.rank_probability[row, 0])
    if alone_in_every_run(mc, row):
        text = f"<b>{esc(names[leader.id])}</b> is the only project ranked, in each of the {runs}."
    else:
        text = f"<b>{esc(names[leader.id])}</b> ranks first in {fmt_probability(first)} of {runs}."
    band = int(mc.band_probability[row].argmax())
    low, middle, high = (fmt_index(float(p[row])) for p in (mc.p10, mc.p50, mc.p90))
    where = (
        f"lies between {low} and {high} in eight runs of ten (median {middle})"
        if low != high
        else f"is {middle} in eight runs of ten or more"  # P10 = P50 = P90, as printed
    )
    text += (
        f" Its risk index {where} and falls in the {INDEX_BANDS[band]} band in "
        f"{fmt_probability(float(mc.band_probability[row, band]))} of runs."
    )
    sentences = [text]
    if len(ranked) > 1:
        sentences.append(_challenger(ctx, mc, rows, leader, ranked))
    unsettled = [
        (p, float(mc.rank_probability[rows[p.id], p.rank - 1]))
        for p in ranked[1:]
        if p.rank is not None and mc.rank_probability[rows[p.id], p.rank - 1] < UNSETTLED
    ]
    if unsettled:
        named = "; ".join(
            f"{esc(names[p.id])} holds {ordinal(p.rank or 0)} place in {fmt_probability(share)} of runs"
            for p, share in unsettled[:3]
        )
        more = f"; and {plural(len(unsettled) - 3, 'more project')}" if len(unsettled) > 3 else ""
        sentences.append(f"Further down, the order is less settled: {named}{more}.")
    at_risk = [
        (p, float(mc.excluded_probability[rows[p.id]]))
        for p in ranking
        if p.status != STATUS_EXCLUDED and mc.excluded_probability[rows[p.id]] > 0
    ]
    if at_risk:
        named = "; ".join(f"{esc(names[p.id])} in {fmt_probability(s)}" for p, s in at_risk[:3])
        more = f"; and {plural(len(at_risk) - 3, 'more project')}" if len(at_risk) > 3 else ""
        sentences.append(
            "Within their ranges, some cells reach a red-line threshold, which would exclude "
            f"{named} of runs{more}."
        )
    return sentences


def _challenger(
    ctx: MemoContext,
    mc: MonteCarloResult,
    rows: dict[str, int],
    leader: ProjectScore,
    ranked: list[ProjectScore],
) -> str:
    """Who else ever ranks first, or how clear the runner-up stays."""
    names = ctx.names_apart["project"]
    others = [p for p in ranked[1:] if mc.rank_probability[rows[p.id], 0] > 0]
    if others:
        best = max(others, key=lambda p: mc.rank_probability[rows[p.id], 0])
        share = float(mc.rank_probability[rows[best.id], 0])
        who = (
            f"The runner-up, <b>{esc(names[best.id])}</b>,"
            if best.id == ranked[1].id
            else f"<b>{esc(names[best.id])}</b> (ranked {ordinal(best.rank or 0)})"
        )
        lead_share = float(mc.rank_probability[rows[leader.id], 0])
        if share > lead_share:
            if fmt_probability(share) != fmt_probability(lead_share):
                return f"{who} ranks first more often across the runs: in {fmt_probability(share)}."
            # Both print alike (50% and 50%): "more often" needs the figures that show it.
            return (
                f"{who} ranks first slightly more often across the runs: in "
                f"{round(share * mc.runs):,} runs against {round(lead_share * mc.runs):,} "
                f"for <b>{esc(names[leader.id])}</b> (both {fmt_probability(share)})."
            )
        return f"{who} ranks first in {fmt_probability(share)} of runs."
    runner_up = ranked[1]
    row, lead_row = rows[runner_up.id], rows[leader.id]
    interval = fmt_interval(float(mc.p10[row]), float(mc.p90[row]))
    clear = mc.p10[row] > mc.p90[lead_row]
    if not clear:
        relation = "which overlaps the leader's."
    elif fmt_index(float(mc.p10[row])) == fmt_index(float(mc.p90[lead_row])):
        # Printed alike, "clear" would contradict the figures beside it.
        leader_end, runner_start = fmt_apart(
            float(mc.p90[lead_row]), float(mc.p10[row]), decimals=2
        )
        relation = f"which begins where the leader's ends ({runner_start} against {leader_end})."
    else:
        relation = "clear of the leader's."
    return (
        f"No other project ranks first in any run. The runner-up, <b>{esc(names[runner_up.id])}</b>, "
        f"has a P10–P90 range of {interval}, {relation}"
    )


def uncertainty(ctx: MemoContext) -> list[Flowable]:
    """Lead sentences, the P10–P90 chart, rank probabilities and a note on the method."""
    s = styles()
    mc = ctx.uncertainty
    story = section_heading("Uncertainty", "uncertainty")
    if not ctx.document.projects:
        story.append(
            markup(
                "<i>The assessment has no projects: there is nothing to analyse.</i>", s.body_muted
            )
        )
        return story
    story.append(callout_box([markup(text, s.callout_spaced) for text in uncertainty_lead(ctx)]))
    order = [int(r) for r in ctx.result.order]
    shown = order[:MAX_CHART_ROWS]
    more = len(order) - len(shown)
    cap_note = (
        f" The first {len(shown)} projects in ranking order are shown; the P10–P90 of all "
        f"{len(order)} is in the ranking table."
        if more
        else ""
    )
    rows = _rows(ctx, mc)
    ids = ctx.result.matrix.project_ids
    chart_rows = [
        IntervalRow(
            ctx.document.projects[row].name,
            float(mc.p10[rows[ids[row]]]),
            float(mc.p50[rows[ids[row]]]),
            float(mc.p90[rows[ids[row]]]),
            bool(ctx.result.excluded[row]),
        )
        for row in shown
    ]
    if all(math.isnan(row.p50) for row in chart_rows):
        # No index in any run (every weight 0): the lead says there is no range to draw, so
        # none is drawn; the shares of runs in which red lines exclude still follow.
        chart_rows = []
    chart = interval_chart(chart_rows, FULL_WIDTH, mc.runs) if chart_rows else None
    intro = markup(
        "Each bar spans the 10th to the 90th percentile of the project's risk index over the "
        "runs: in eight runs of ten the index falls inside it. The tick is the median (P50); "
        "the shading marks the index bands." + cap_note,
        s.body,
    )
    # Heading, explanation and chart read as one exhibit: never a heading alone on a page.
    if chart is not None:
        heading = sub_heading("Range of the risk index", "uncertainty-range")[-1]
        story += [KeepTogether([heading, intro, chart]), Spacer(1, 2)]
        note = outside_range_note(ctx)
        if note:
            story.append(markup(note, s.body))
    listed = order[:MAX_RANK_ROWS]
    table = _rank_table(ctx, mc, listed)
    left_out = (
        f" The first {len(listed)} of the {len(order)} projects, in ranking order, are listed."
        if len(listed) < len(order)
        else ""
    )
    story += sub_heading("Probability of each rank", "uncertainty-ranks", room=120)
    story.append(
        markup(
            "Share of runs in which each project takes each rank among the projects not "
            "excluded in that run; bold marks its rank in the ranking. <b>⊘ Excluded</b>: share "
            "of runs in which a red line excludes it." + left_out,
            s.body,
        )
    )
    story.append(table)
    story.append(_method_note(ctx, mc))
    return story


def _rank_columns(mc: MonteCarloResult) -> tuple[list[str], list[tuple[int, int]]]:
    """Column labels and the rank spans (first, last, 0-based) each column adds up."""
    reached = [k for k in range(mc.rank_probability.shape[1]) if mc.rank_probability[:, k].any()]
    deepest = (max(reached) + 1) if reached else 1
    if deepest <= MAX_RANK_COLUMNS:
        return [str(k + 1) for k in range(deepest)], [(k, k) for k in range(deepest)]
    spans = [(k, k) for k in range(MAX_RANK_COLUMNS - 1)]
    spans.append((MAX_RANK_COLUMNS - 1, deepest - 1))
    labels = [str(k + 1) for k in range(MAX_RANK_COLUMNS - 1)] + [f"{MAX_RANK_COLUMNS}+"]
    return labels, spans


def _shade(style: st.TableStyle, col: int, line: int, share: float, hue: colors.Color) -> None:
    if share <= 0:
        style.add("TEXTCOLOR", (col, line), (col, line), st.MUTED)
        return
    style.add("BACKGROUND", (col, line), (col, line), st.tint(hue, 0.12 + 0.78 * share))
    if share >= 0.55:
        style.add("TEXTCOLOR", (col, line), (col, line), colors.white)


def _rank_table(ctx: MemoContext, mc: MonteCarloResult, shown: list[int]) -> Table:
    s = styles()
    labels, spans = _rank_columns(mc)
    rows_of = _rows(ctx, mc)
    ids = ctx.result.matrix.project_ids
    header: list[object] = [markup("Rank", s.head_center), markup("Project", s.head)]
    header += [markup(f"#{label}", s.head_center) for label in labels]
    header.append(markup("⊘ Excluded", s.head_center))
    body: list[list[object]] = [header]
    style = st.grid_style(rows=0, zebra=False)
    style.add("ALIGN", (2, 1), (-1, -1), "CENTER")
    style.add("VALIGN", (0, 1), (-1, -1), "MIDDLE")
    style.add("LINEBEFORE", (-1, 0), (-1, -1), 0.8, st.RULE)
    for line, row in enumerate(shown, start=1):
        score = ctx.result.project_score(row)
        mc_row = rows_of[ids[row]]
        cells: list[object] = [
            markup(str(score.rank) if score.rank else "—", s.cell_center),
            st.MemoParagraph(esc(score.name), s.cell_bold),
        ]
        for col, (first, last) in enumerate(spans, start=2):
            share = mc.rank_share(mc_row, first, last)
            cells.append(fmt_probability(share) if share > 0 else "–")
            _shade(style, col, line, share, st.ACCENT)
            if score.rank is not None and first <= score.rank - 1 <= last:
                style.add("FONT", (col, line), (col, line), BOLD, st.TABLE_SIZE)
        if score.status == STATUS_UNSCORED and not mc.rank_probability[mc_row].any():
            # No index in any run (the assessed criteria do not change from run to run): a
            # line under the name says why, where a row of dashes said nothing.
            cells[1] = markup(
                f"<b>{esc(score.name)}</b><br/>"
                f'<font size="6.8" color="{palette.MUTED}">not scored in any run: no criterion '
                "of weight above 0 has both its likelihood and impact</font>",
                s.cell,
            )
        excluded = float(mc.excluded_probability[mc_row])
        cells.append(fmt_probability(excluded) if excluded > 0 else "–")
        _shade(style, len(cells) - 1, line, excluded, st.RED_LINE)
        body.append(cells)
    rank_width, excluded_width = 11 * mm, 19 * mm
    column = min(14 * mm, (FULL_WIDTH - rank_width - excluded_width - 50 * mm) / len(labels))
    name_width = FULL_WIDTH - rank_width - excluded_width - column * len(labels)
    widths = [rank_width, name_width, *([column] * len(labels)), excluded_width]
    return data_table(body, colWidths=widths, style=style, repeatRows=1)


def _method_note(ctx: MemoContext, mc: MonteCarloResult) -> Flowable:
    s = styles()
    certain, replaced = mc.certain_cells, mc.replaced_cells
    sound = certain - replaced
    # A count of none reads "no cell …", and "its" goes with one cell, "their" with more.
    ranged = (
        f"{_count(mc.ranged_cells, 'carries', 'carry')} a range set by the analyst"
        if mc.ranged_cells
        else "No cell carries a range set by the analyst"
    )
    weak = (
        f"{_count(mc.weak_cells, 'has', 'have')} no range and drew the default ±1 because "
        f"{_its(mc.weak_cells)} evidence is weak ({weak_evidence_rule()})"
        if mc.weak_cells
        else (
            f"no cell without a range has weak evidence ({weak_evidence_rule()}), so none "
            "drew the default ±1"
        )
    )
    sound_text = f"{_count(sound, 'has', 'have')} no range and sound evidence"
    scenario_set = (
        f"{_count(replaced, 'has', 'have')} {_its(replaced)} range replaced by a score the "
        "scenario sets"
    )
    if replaced and sound:  # certain whatever their evidence: the scenario's score stands
        taken = f"{sound_text} and {scenario_set}; these are taken as certain"
    elif replaced:
        taken = f"{scenario_set} and {'is' if replaced == 1 else 'are'} taken as certain"
    elif sound:
        taken = f"{sound_text} and {'is' if sound == 1 else 'are'} taken as certain"
    else:
        taken = "no cell is taken as certain"
    cells = f"{ranged}; {weak}; {taken}"
    if not (mc.ranged_cells or mc.weak_cells or certain):
        # Nothing is drawn: "no cell without a range has weak evidence (no evidence link…)"
        # read as false of unassessed cells, which have neither range nor evidence.
        cells = "No cell is assessed, so none is drawn"
    note = st.ParagraphStyle("method_note", parent=s.small, spaceBefore=8)
    return markup(
        f"<b>Method.</b> {mc.runs:,} runs with the fixed seed {mc.seed}, scenario "
        f"<b>{esc(ctx.scenario_label)}</b>: the same assessment always gives the same figures. "
        "In each run every assessed cell's likelihood and impact are drawn from a triangular "
        "distribution (low, score, high) and the run is scored like the ranking (index, red "
        f"lines, ranks). {cells}. The full rule is in the methodology "
        "appendix.",
        note,
    )


def _its(count: int) -> str:
    return "its" if count == 1 else "their"


def _count(count: int, singular_verb: str, plural_verb: str) -> str:
    """``1 cell has`` / ``1,200 cells have`` (as the Analysis tab counts them)."""
    return f"{counted(count, 'cell')} {agrees(count, singular_verb, plural_verb)}"
