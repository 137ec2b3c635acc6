"""The memo's opening sections: cover, executive summary, ranking and exclusions."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from reports import styles as st
from reports.blocks import (
    FULL_WIDTH,
    callout_box,
    data_table,
    keep_groups_together,
    section_heading,
    shortest_widths,
    status_label,
    sub_heading,
    with_room,
)
from reports.context import MemoContext
from reports.fonts import BOLD
from reports.sections_screening import territory_overrides
from reports.sections_uncertainty import alone_in_every_run, outside_range_note
from reports.styles import (
    cell_para,
    esc,
    fmt_index,
    fmt_interval,
    fmt_percent,
    fmt_probability,
    long_para,
    markup,
    para,
    styles,
)
from rrisk import palette
from rrisk.fmt import fmt_apart, fmt_weight_change
from rrisk.scoring import (
    INDEX_BANDS,
    STATUS_EXCLUDED,
    STATUS_RANKED,
    STATUS_UNSCORED,
    ProjectScore,
    review_counts,
)
from rrisk.text import listed, plural

# -- executive summary ------------------------------------------------------------------------


def _assessed_count(ctx: MemoContext) -> int:
    """Projects with an index: at least one criterion of weight above 0 assessed. A project
    excluded by a red line on a cell nobody scored, or scored only on criteria of weight 0,
    is not an assessed project (the findings list it as "not scored yet")."""
    index = ctx.result.index
    return int((~np.isnan(index)).sum()) if index.size else 0


def _kpi_strip(ctx: MemoContext, ranking: list[ProjectScore]) -> Table:
    s = styles()
    number = st.ParagraphStyle(
        "kpi",
        parent=s.body,
        fontName=BOLD,
        fontSize=17,
        leading=20,
        textColor=st.ACCENT,
        spaceAfter=0,
    )
    label = st.ParagraphStyle("kpi_label", parent=s.cell_muted, fontSize=7.6, leading=9.5)
    ranked = [p for p in ranking if p.rank is not None]
    excluded = [p for p in ranking if p.status == STATUS_EXCLUDED]
    best = ranked[0] if ranked else None
    best_text = (
        f'<font size="11">{esc(ctx.names_apart["project"][best.id])}</font>'
        f'<br/><font size="8.5" color="{palette.MUTED}">'
        f"index {fmt_index(best.index)} · {best.band}</font>"
        if best
        else "none"
    )
    best_style = st.ParagraphStyle("kpi_best", parent=number, fontSize=11, leading=13.5)
    assessed = _assessed_count(ctx)
    cells = [
        [
            markup(str(assessed), number),
            markup(str(len(ranked)), number),
            markup(str(len(excluded)), number),
            markup(best_text, best_style),
        ],
        [
            markup("project assessed" if assessed == 1 else "projects assessed", label),
            markup("ranked", label),
            markup("excluded by red lines", label),
            markup("lowest-risk ranked project", label),
        ],
    ]
    widths = [FULL_WIDTH * f for f in (0.18, 0.14, 0.2, 0.48)]
    table = Table(cells, colWidths=widths)
    table.setStyle(
        st.table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), st.PANEL_FILL),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 8),
                ("LINEBEFORE", (1, 0), (-1, -1), 0.5, colors.white),
                ("LINEABOVE", (0, 0), (-1, 0), 1.2, st.ACCENT),
            ]
        )
    )
    return table


def _lowest(name: str, ranked: int) -> str:
    """The sentence's lead: "X has the lowest risk index of the n ranked projects:"."""
    if ranked == 1:
        return f"{name} is the only ranked project, at"
    return f"{name} has the lowest risk index of the {ranked} ranked projects:"


def _bold_names(
    projects: list[ProjectScore], limit: int, separator: str, named: Callable[[ProjectScore], str]
) -> str:
    """The first ``limit`` names (``named``: escaped) in bold, then "and n more"."""
    names = separator.join(f"<b>{named(p)}</b>" for p in projects[:limit])
    rest = len(projects) - limit
    return f"{names}{separator.rstrip()} and {rest} more" if rest > 0 else names


def _same_index(first: float | None, second: float | None) -> bool:
    """Equal indices (a tie the ranking breaks by name), not merely equal when printed."""
    return first is not None and second is not None and abs(first - second) <= 1e-9


def _findings(ctx: MemoContext, ranking: list[ProjectScore]) -> list[str]:
    """Plain statements of what the scores say (markup, user text escaped). Two projects
    named alike are told apart by their ids (:attr:`MemoContext.names_apart`)."""
    apart = ctx.names_apart["project"]

    def named(project: ProjectScore) -> str:
        return esc(apart[project.id])

    findings: list[str] = []
    ranked = [p for p in ranking if p.rank is not None]
    if ranked:
        best = ranked[0]
        # Projects whose printed index equals the first's share first place (ranked by name):
        # "A has the lowest index" beside a table showing B at the same figure would mislead.
        printed_alike = [p for p in ranked if fmt_index(p.index) == fmt_index(best.index)]
        tied = [p for p in printed_alike if _same_index(p.index, best.index)]
        close = [p for p in printed_alike if p not in tied]
        if len(tied) > 1:
            names = listed([f"<b>{named(p)}</b>" for p in tied], limit=6)
            text = (
                f"{names} share the lowest risk index of the {len(ranked)} ranked "
                f"projects: {fmt_index(best.index)} ({best.band}); the table lists them by "
                "name."
            )
        else:
            text = (
                f"{_lowest(f'<b>{named(best)}</b>', len(ranked))} "
                f"{fmt_index(best.index)} ({best.band}), coverage "
                f"{fmt_percent(best.coverage)}."
            )
            if close:  # the table prints the runner-up at the same figure: say who leads
                runner = close[0]
                lead, behind = fmt_apart(best.index or 0.0, runner.index or 0.0, decimals=2)
                text += (
                    f" <b>{named(runner)}</b> follows at the same rounded index, "
                    f"{behind} against {lead}."
                )
            text += _robustness_sentence(ctx, best)
        worst = ranked[-1]
        if fmt_index(worst.index) != fmt_index(best.index):
            text += (
                f" The highest-risk ranked project is {named(worst)} at "
                f"{fmt_index(worst.index)} ({worst.band})."
            )
        findings.append(text)
    elif not ranking:
        findings.append("The assessment has no projects yet: there is nothing to rank.")
    else:
        findings.append("No project could be ranked: every project is excluded or unscored.")
    excluded = [p for p in ranking if p.status == STATUS_EXCLUDED]
    if excluded:
        findings.append(
            f"Excluded by red lines, whatever their index: {_bold_names(excluded, 6, '; ', named)}. "
            "The reasons and legal basis are listed under “Excluded projects”."
        )
    unscored = [p for p in ranking if p.status == STATUS_UNSCORED]
    if unscored:
        findings.append(
            "Not scored yet, so neither ranked nor counted as assessed: "
            f"{_bold_names(unscored, 8, ', ', named)} (no criterion of weight above 0 has both its "
            "likelihood and impact)."
        )
    incomplete = [p for p in ranking if p.status == STATUS_RANKED and p.coverage < 1.0]
    if incomplete:
        names = listed([f"{named(p)} ({fmt_percent(p.coverage)})" for p in incomplete], 8)
        whose = "its index covers" if len(incomplete) == 1 else "their indices cover"
        findings.append(
            f"The assessment is incomplete for {names}: {whose} only the share of criterion "
            "weight shown."
        )
    if ctx.scenario is not None:
        findings.append(
            f"All figures are computed under the scenario "
            f"<b>{esc(ctx.scenario.name)}</b>; the baseline comparison follows in "
            "“Scenarios compared with the baseline”."
        )
    elif ctx.document.scenarios:
        count = len(ctx.document.scenarios)
        findings.append(
            f"{plural(count, 'scenario')} {'is' if count == 1 else 'are'} compared "
            "with this baseline in “Scenarios compared with the baseline”."
        )
    return findings


def _robustness_sentence(ctx: MemoContext, best: ProjectScore) -> str:
    """How firmly the leader holds first place: Monte Carlo share and rank reversal."""
    mc = ctx.uncertainty
    row = mc.project_ids.index(best.id)
    if alone_in_every_run(mc, row) and not ctx.sensitivity.reversals:
        return ""  # first in 100% of runs, with nothing else ranked in any
    text = (
        f" It ranks first in {fmt_probability(float(mc.rank_probability[row, 0]))} of "
        f"{mc.runs:,} Monte Carlo runs"
    )
    reversals = ctx.sensitivity.reversals
    if ctx.ranked_count < 2 and not reversals:
        return text + "."
    if not reversals:
        return text + ", and no single weight change displaces it."
    nearest = reversals[0]
    before, after = fmt_weight_change(nearest.weight, nearest.figure)
    return text + (
        f"; moving the weight of {esc(ctx.names_apart['criterion'][nearest.criterion])} from "
        f"{before} to {after} "
        f"would put {esc(ctx.names_apart['project'][nearest.new_top])} first."
    )


def executive_summary(ctx: MemoContext) -> list[Flowable]:
    """Key figures, the summary, the recommendation and what the scores say."""
    s = styles()
    doc = ctx.document
    ranking = ctx.result.ranking()
    story = section_heading("Executive summary and recommendation", "summary")
    story += [_kpi_strip(ctx, ranking), Spacer(1, 5 * mm)]
    story += sub_heading("Summary", room=60)
    summary = ctx.narrative(doc.summary, "summary")
    if summary.strip():
        story += [
            piece
            for block in summary.split("\n\n")
            if block.strip()
            for piece in long_para(block.strip(), s.body)
        ]
    else:
        story.append(
            markup("<i>No summary has been written for this assessment.</i>", s.body_muted)
        )
    story += sub_heading("Recommendation", room=70)
    recommendation = ctx.narrative(doc.recommendation, "recommendation")
    blocks = [b.strip() for b in recommendation.split("\n\n") if b.strip()]
    body: list[Flowable] = (
        [piece for block in blocks for piece in long_para(block, s.callout_spaced)]
        if blocks
        else [markup("<i>No recommendation has been recorded.</i>", s.body_muted)]
    )
    story.append(callout_box(body))
    story += sub_heading("What the scores say", room=70)
    bullet = st.ParagraphStyle("bullet", parent=s.body, leftIndent=11, bulletIndent=1, spaceAfter=2)
    findings = [st.MemoParagraph(text, bullet, bulletText="•") for text in _findings(ctx, ranking)]
    if len(findings) >= 3:
        # The last two go to a page together: the last one alone on the page before the
        # next section's (under a scenario, the line saying so) read as an empty page.
        findings[-2:] = [KeepTogether(findings[-2:])]
    story += findings
    return story


# -- ranking and exclusions -------------------------------------------------------------------


def ranking(ctx: MemoContext) -> list[Flowable]:
    """The ranking table, then the excluded projects with reasons and legal basis."""
    s = styles()
    scores = ctx.result.ranking()
    listed = [p for p in scores if p.status != STATUS_EXCLUDED]
    excluded = [p for p in scores if p.status == STATUS_EXCLUDED]
    story = section_heading("Ranking", "ranking")
    # How much of what is assessed someone has reviewed: the baseline's cells (a scenario
    # holds no review status), as `rrisk check` and the app's status bar count them.
    reviewed = review_counts(ctx.document).sentence()
    story.append(
        markup(
            f"Scenario: <b>{esc(ctx.scenario_label)}</b>. Projects are ranked by risk index "
            "(0 = lowest risk, 100 = highest), lowest first; ties are broken by name. P10–P90 are "
            f"the 10th and 90th percentiles of the index over {ctx.uncertainty.runs:,} Monte Carlo "
            "runs of the scoring ranges (see “Uncertainty”). Coverage is the share of criterion weight that has been "
            f"assessed.{' ' * bool(reviewed)}{reviewed} Projects excluded by a red line are "
            "listed apart, whatever their index.",
            s.body,
        )
    )
    header = [
        markup("Rank", s.head_center),
        markup("Project", s.head),
        markup("Risk index", s.head_right),
        markup("P10–P90", s.head_right),
        markup("Band", s.head_center),
        markup("Coverage", s.head_right),
        markup("Status", s.head),
    ]
    rows: list[list[object]] = [header]
    commands: list[tuple] = []
    mc = ctx.uncertainty
    mc_rows = {project_id: row for row, project_id in enumerate(mc.project_ids)}
    for row, project in enumerate(listed, start=1):
        band = INDEX_BANDS.index(project.band) if project.band in INDEX_BANDS else -1
        mc_row = mc_rows[project.id]
        rows.append(
            [
                markup(str(project.rank) if project.rank else "—", s.cell_center),
                para(project.name, s.cell_bold),
                markup(fmt_index(project.index), s.cell_right),
                markup(fmt_interval(float(mc.p10[mc_row]), float(mc.p90[mc_row])), s.cell_right),
                project.band,
                markup(fmt_percent(project.coverage), s.cell_right),
                markup(esc(status_label(project)), s.cell),
            ]
        )
        commands += [
            ("BACKGROUND", (4, row), (4, row), st.band_fill(band)),
            ("TEXTCOLOR", (4, row), (4, row), st.band_text(band)),
        ]
    widths = [11 * mm, None, 19 * mm, 20 * mm, 17 * mm, 18 * mm, 28 * mm]
    widths[1] = FULL_WIDTH - sum(w for w in widths if w)
    if len(rows) == 1:
        story.append(markup("<i>No project is ranked.</i>", s.body_muted))
    else:
        style = st.grid_style(rows=len(rows), zebra=False)
        for command in [
            ("FONT", (4, 1), (4, -1), BOLD, st.TABLE_SIZE),
            ("ALIGN", (4, 1), (4, -1), "CENTER"),
            ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ] + commands:
            style.add(*command)
        table = data_table(rows, colWidths=widths, style=style, repeatRows=1)
        story.append(table)
        note = outside_range_note(ctx)
        if note:
            story += [Spacer(1, 2 * mm), markup(note, s.body_muted)]
    heading = sub_heading("Excluded projects", "excluded", room=110)
    if not excluded:
        story += heading
        story.append(markup("<i>No project is excluded by a red line.</i>", s.body_muted))
        return story + territory_overrides(ctx)
    heading.append(
        markup(
            "A red line is non-compensatory: no score on other criteria can buy it off. Each "
            "line below is one red line (⊘) that excludes the project.",
            s.body,
        )
    )
    rows = [
        [
            markup("Project", s.head),
            markup("Index", s.head_right),
            markup("Criterion", s.head),
            markup("Red line", s.head),
            markup("Legal basis", s.head),
        ]
    ]
    group_lines: list[int] = []
    for project in excluded:
        group_lines.append(len(rows))
        for position, red_line in enumerate(project.red_lines):
            criterion = ctx.criteria_by_id.get(red_line.criterion)
            kind = {"rule": "rule", "manual": "analyst"}.get(red_line.kind, red_line.kind)
            rows.append(
                [
                    para(project.name, s.cell_bold) if position == 0 else "",
                    markup(fmt_index(project.index), s.cell_right) if position == 0 else "",
                    markup(
                        f"{ctx.criterion_codes[criterion.id]} {esc(criterion.name)}"
                        if criterion
                        else "—",
                        s.cell,
                    ),
                    markup(
                        f"⊘ {esc(red_line.reason)} <font color='{palette.MUTED}'>({kind})</font>",
                        s.cell,
                    ),
                    cell_para(red_line.basis or "—", s.cell_small),
                ]
            )
    # The name, the red line and its legal basis share the width by what they hold: a long
    # name in a fixed 32 mm ran to a word a line beside a short red line.
    widths = shortest_widths(
        rows[1:],
        [
            [name, 12 * mm, 27 * mm, FULL_WIDTH - name - basis - 39 * mm, basis]
            for name in (36 * mm, 30 * mm, 44 * mm, 52 * mm)
            for basis in (48 * mm, 40 * mm, 32 * mm, 56 * mm)
        ],
    )
    style = st.grid_style(rows=len(rows), zebra=False)
    style.add("LINEBELOW", (0, 1), (-1, -1), 0.35, st.HAIRLINE)
    for line in group_lines[1:]:
        style.add("LINEABOVE", (0, line), (-1, line), 0.7, st.RULE)
    table = data_table(rows, colWidths=widths, style=style, repeatRows=1)
    story += with_room(heading, keep_groups_together(table, group_lines, widths))
    story.append(table)
    return story + territory_overrides(ctx)
