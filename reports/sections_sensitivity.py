"""The Sensitivity section: how far the weights drive the result.

The rank-reversal threshold and the tornados come from :func:`rrisk.analysis.rank_reversals`
and :func:`rrisk.analysis.tornado` for the memo's scenario; this module words and draws them.
"""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from reports import styles as st
from reports.analysis_charts import TornadoRow, tornado_chart
from reports.blocks import (
    FULL_WIDTH,
    callout_box,
    data_table,
    section_heading,
    sub_heading,
    with_room,
)
from reports.context import MemoContext
from reports.layout import Heading
from reports.styles import (
    esc,
    fmt_index,
    fmt_weight,
    markup,
    para,
    styles,
)
from rrisk.analysis import NO_RANKING_TO_REVERSE, reversal_range_text
from rrisk.fmt import fmt_weight_change
from rrisk.scoring import ProjectScore
from rrisk.text import listed

MAX_TORNADO_ROWS = 12
MAX_REVERSAL_ROWS = 12
TORNADO_PROJECTS = 2
"""The leader and the runner-up: the two whose order the committee decides on."""


_ONE_STEP = 1.5e-6
"""A weight change of one millionth (the smallest weight step), with room for rounding: a tie
the least change breaks is reversed there. A reversal further off (the other tied project
first only once a weight reaches 0 and the leader has no index) is said as any other."""


def reversal_sentence(ctx: MemoContext) -> str:
    """The rank-reversal threshold in one sentence (markup, user text escaped)."""
    sensitivity = ctx.sensitivity
    if sensitivity.top_id is None:
        return NO_RANKING_TO_REVERSE
    projects, criteria = ctx.names_apart["project"], ctx.names_apart["criterion"]
    top = esc(projects[sensitivity.top_id])
    if ctx.ranked_count < 2 and not sensitivity.reversals:
        # (A project unscored today can still lead once the weight of its only assessed
        # criterion is raised from 0: then the reversal sentence below says so.)
        return f"Only <b>{top}</b> is ranked, so no weight change can put another project first."
    if not sensitivity.reversals:
        searched = reversal_range_text(ctx.effective_weights())
        return f"No single weight change {searched} displaces <b>{top}</b> from first place."
    nearest = sensitivity.reversals[0]
    criterion = criteria[nearest.criterion]
    before, after = fmt_weight_change(nearest.weight, nearest.figure)
    ranked = [project for project in ctx.result.ranking() if project.rank is not None]
    tied = [project for project in ranked if project.index == ranked[0].index]
    if (
        len(tied) > 1
        and nearest.new_top in {project.id for project in tied[1:]}
        and abs(nearest.change) <= _ONE_STEP
    ):
        # An exact tie that the nearest reversal breaks: the least change of a weight that
        # favours another tied project decides; say so plainly. (Where the tied projects cannot
        # be told apart, the nearest reversal puts a third project first: the plain sentence.)
        others = listed([f"<b>{esc(projects[project.id])}</b>" for project in tied[1:]])
        move, side = (
            ("raising", "above") if nearest.new_weight > nearest.weight else ("lowering", "below")
        )
        return (
            f"<b>{top}</b> is tied with {others} at an index of {fmt_index(ranked[0].index)}; "
            "the ranking orders tied projects by name, so the least change of a weight that "
            f"favours one of them puts it first ({move} <b>{esc(criterion)}</b> {side} "
            f"{before} puts <b>{esc(projects[nearest.new_top])}</b> first)."
        )
    return (
        f"Moving the weight of <b>{esc(criterion)}</b> from "
        f"{before} to {after} would "
        f"put <b>{esc(projects[nearest.new_top])}</b> first in place of {top}."
    )


def sensitivity(ctx: MemoContext) -> list[Flowable]:
    """Rank-reversal threshold, the nearest reversal per criterion, tornados of the leaders."""
    s = styles()
    story = section_heading("Sensitivity", "sensitivity")
    story.append(
        markup(
            "How far the criterion weights, which are a judgement of the committee, drive the "
            "result. The rank-reversal threshold is the smallest change of a single weight that "
            f"changes the top-ranked project. Scenario: <b>{esc(ctx.scenario_label)}</b>.",
            s.body,
        )
    )
    story.append(callout_box([markup(reversal_sentence(ctx), s.callout_spaced)]))
    story += _reversal_table(ctx)
    leaders = [p for p in ctx.result.ranking() if p.rank is not None][:TORNADO_PROJECTS]
    blocks = [_tornado_block(ctx, project, position) for position, project in enumerate(leaders)]
    if blocks:
        heading = sub_heading("Index as each weight varies", "sensitivity-tornado", room=200)
        heading.append(
            markup(
                "For each criterion, the project's risk index with that weight set to 0 (light "
                "bar) and doubled (dark bar), all other weights as set; the widest swing comes "
                "first. A long bar marks a criterion whose weight matters for the project.",
                s.body,
            )
        )
        # The leader's chart is kept whole: a page without room for it would leave the
        # heading and its text alone at its foot, the chart overleaf.
        story += with_room(heading, _TORNADO_GAP + _height(blocks[0]))
    for block in blocks:
        story += [Spacer(1, _TORNADO_GAP), KeepTogether(block)]
    return story


_TORNADO_GAP = 4


def _height(block: list[Flowable]) -> float:
    return sum(
        item.wrap(FULL_WIDTH, 10_000 * mm)[1] + item.getSpaceBefore() + item.getSpaceAfter()
        for item in block
    )


def _reversal_table(ctx: MemoContext) -> list[Flowable]:
    s = styles()
    reversals = ctx.sensitivity.reversals
    if len(reversals) < 2:
        return []
    shown = reversals[:MAX_REVERSAL_ROWS]
    rows: list[list[object]] = [
        [
            markup("Criterion", s.head),
            markup("Weight now", s.head_right),
            markup("Top changes at", s.head_right),
            markup("Change", s.head_right),
            markup("New top project", s.head),
        ]
    ]
    for reversal in shown:
        criterion = ctx.criteria_by_id[reversal.criterion]
        before, after = fmt_weight_change(reversal.weight, reversal.figure)
        rows.append(
            [
                markup(f"<b>{ctx.criterion_codes[criterion.id]}</b> {esc(criterion.name)}", s.cell),
                markup(before, s.cell_right),
                markup(after, s.cell_right),
                markup(_signed_weight(before, after), s.cell_right),
                para(ctx.project_names[reversal.new_top], s.cell_bold),
            ]
        )
    widths = [56 * mm, 19 * mm, 28 * mm, 17 * mm]
    widths.append(FULL_WIDTH - sum(widths))
    table = data_table(rows, colWidths=widths, style=st.grid_style(rows=len(rows)), repeatRows=1)
    more = len(reversals) - len(shown)
    # The search tries every criterion's weight over one range: a criterion left out of the
    # table cannot change the top project anywhere in it, which the reader is told.
    still = len(ctx.result.matrix.criterion_ids) - len(reversals)
    top = esc(ctx.names_apart["project"][ctx.sensitivity.top_id or ""])
    searched = reversal_range_text(ctx.effective_weights())
    others = (
        f" The weight of the other criterion, set anywhere {searched}, leaves <b>{top}</b> first."
        if still == 1
        else f" The weights of the other {still} criteria, each set anywhere {searched}, leave "
        f"<b>{top}</b> first."
    )
    intro = markup(
        "The nearest change of each weight that would alter the top project, smallest first"
        + (f" ({more} more criteria can change it further away)." if more else ".")
        + (others if still else ""),
        s.body,
    )
    return [
        *sub_heading("Nearest reversal per criterion", "sensitivity-reversals", room=100),
        intro,
        table,
    ]


def _signed_weight(before: str, after: str) -> str:
    """The change as the difference of the two printed weights beside it (4.57 → 7.54 reads
    +2.97, never the rounded exact change, +2.96, which disagrees with the row). A change below
    the table's two decimals (a tie is undone by any change) reads "<0.01", not in a
    scientific notation no committee reads."""
    change = Decimal(after) - Decimal(before)
    size = abs(change)
    text = "<0.01" if size < Decimal("0.01") else format(size.normalize(), "f")
    return f"+{text}" if change > 0 else f"\u2212{text}"


def _tornado_block(ctx: MemoContext, project: ProjectScore, position: int) -> list[Flowable]:
    """A project's tornado: its heading, caption and chart, to be kept on one page."""
    s = styles()
    data = ctx.sensitivity.tornado
    row = data.project_ids.index(project.id)
    weights = ctx.effective_weights()
    assessed = ~np.isnan(ctx.result.risk[row])
    bars = data.bars(project.id)
    rows: list[TornadoRow] = []
    for criterion_id, _low, _high in bars[:MAX_TORNADO_ROWS]:
        column = data.criterion_ids.index(criterion_id)
        criterion = ctx.criteria_by_id[criterion_id]
        weight = float(weights[column])
        note = ""
        if not assessed[column]:
            note = "not assessed for this project"
        elif weight == 0:
            note = "weight 0: doubled, still 0"
        elif data.carries_alone(project.id, criterion_id):
            note = "carries the index alone: at weight 0 there is none"
        rows.append(
            TornadoRow(
                label=f"{ctx.criterion_codes[criterion_id]} {criterion.name}",
                weight_label=f"weight {fmt_weight(weight)}, varied 0 to {fmt_weight(2 * weight)}",
                at_zero=float(data.at_zero[row, column]),
                at_double=float(data.at_double[row, column]),
                note=note,
            )
        )
    base = float(data.base[row])
    chart = tornado_chart(rows, base, FULL_WIDTH)
    role = "Leader" if position == 0 else "Runner-up"
    title = f"{role}: {project.name}"
    heading = Heading(esc(title), s.h3, title, f"sensitivity-{project.id}", 2)
    swing = _largest_swing(ctx, bars, data.carries_alone(project.id, bars[0][0]) if bars else False)
    caption = markup(
        f"Rank {project.rank}, risk index {fmt_index(project.index)}. " + swing, s.body_muted
    )
    block: list[Flowable] = [heading, caption, chart]
    hidden = len(bars) - len(rows)
    if hidden:
        block.append(
            markup(
                f"{hidden} more criteria with smaller swings are not drawn.",
                s.small,
            )
        )
    return block


def _largest_swing(ctx: MemoContext, bars: list[tuple[str, float, float]], alone: bool) -> str:
    """Which weight moves the project's index most, in words (``alone``: the first criterion
    carries the index alone, so its weight at 0 leaves none)."""
    if alone:
        name = esc(ctx.criteria_by_id[bars[0][0]].name)
        return (
            f"Its index rests on {name} alone, the only criterion with a weight that it is "
            "assessed on: at weight 0 it would have no index."
        )
    finite = [(c, lo, hi) for c, lo, hi in bars if not (math.isnan(lo) or math.isnan(hi))]
    if not finite or finite[0][2] - finite[0][1] < 0.05:
        return "No single weight moves its index."
    criterion_id, low, high = finite[0]
    name = esc(ctx.criteria_by_id[criterion_id].name)
    # The swing is the difference of the ends as printed, so the three figures add up.
    low_text, high_text = fmt_index(low), fmt_index(high)
    places = max(len(text.partition(".")[2]) for text in (low_text, high_text))
    swing = float(high_text) - float(low_text)
    return (
        f"The weight of {name} moves it most: from {low_text} to {high_text} "
        f"({swing:.{places}f} points)."
    )
