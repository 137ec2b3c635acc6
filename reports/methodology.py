"""The methodology appendix: scales, bands, formulas, evidence grades, the uncertainty and
sensitivity rules, weights and rubrics."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from reports import styles as st
from reports.blocks import FULL_WIDTH, data_table, section_heading, sub_heading
from reports.context import MemoContext
from reports.fonts import BOLD, REGULAR
from reports.sections_uncertainty import weak_evidence_rule
from reports.styles import esc, fmt_percent, fmt_weight, markup, para, styles
from rrisk import palette
from rrisk.analysis import WEAK_CREDIBILITY, WEAK_RELIABILITY
from rrisk.model import CREDIBILITY_LABELS, RELIABILITY_LABELS
from rrisk.scoring import CELL_FORMULA, INDEX_FORMULA, cell_band_ranges, index_band_ranges

# -- methodology ------------------------------------------------------------------------------


def _band_table(ranges: list[tuple[str, str]], unit: str) -> Table:
    """Each band with its range, as the core states them."""
    s = styles()
    rows: list[list[object]] = [[markup("Band", s.head), markup(unit, s.head)]]
    style = st.grid_style(rows=0, zebra=False)
    for band, (name, bounds) in enumerate(ranges):
        rows.append([name, bounds])
        style.add("BACKGROUND", (0, band + 1), (0, band + 1), st.band_fill(band))
        style.add("TEXTCOLOR", (0, band + 1), (0, band + 1), st.band_text(band))
        style.add("FONT", (0, band + 1), (0, band + 1), BOLD, st.TABLE_SIZE)
    style.add("FONT", (1, 1), (1, -1), REGULAR, st.TABLE_SIZE)
    table = Table(rows, colWidths=[26 * mm, 40 * mm], hAlign="LEFT")
    table.setStyle(style)
    return table


def _formula(formula: str) -> str:
    """The core's formula in words with its subject in bold (``<b>cell risk r</b> = …``)."""
    subject, _, definition = formula.partition(" = ")
    return f"<b>{esc(subject)}</b> = {esc(definition)}"


def methodology(ctx: MemoContext) -> list[Flowable]:
    """Scales, formulas and bands; notes; criteria and weights; rubrics; evidence grades."""
    s = styles()
    doc = ctx.document
    story = section_heading("Methodology appendix", "methodology")
    story += sub_heading("Scales and formulas", room=120)
    for text in (
        "Each project is scored on each criterion for <b>likelihood</b> (1–5) and "
        "<b>impact</b> (1–5), following the criterion's rubric below. The "
        f"{_formula(CELL_FORMULA)}.",
        f"The project's {_formula(INDEX_FORMULA)}, with weights w: 0 when every assessed cell "
        "is 1×1, 100 when every one is 5×5.",
        "<b>Coverage</b> = assessed weight ÷ total weight. Below 100% the index describes only "
        "the assessed part and the project is marked incomplete.",
        "<b>Red lines</b> are non-compensatory: a cell flagged by the analyst, a cell whose "
        "risk reaches a criterion's red-line threshold, a confirmed sanctions hit on a "
        "counterparty (a blocking programme) or a site in an occupied territory excludes the "
        "project whatever its index. Excluded projects are listed apart from the ranking.",
        "<b>Ranking</b>: projects that are not excluded, by risk index, lowest risk first; ties "
        "are broken by name. A project none of whose weighted criteria is assessed is unscored.",
    ):
        story.append(markup(text, s.body))
    bands = Table(
        [
            [
                _band_table(cell_band_ranges(), "Cell risk r"),
                _band_table(index_band_ranges(), "Risk index"),
            ]
        ],
        colWidths=[FULL_WIDTH / 2] * 2,
        hAlign="LEFT",
    )
    bands.setStyle(
        st.table_style([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    story += [Spacer(1, 4), bands]
    story += _admiralty()
    story += _robustness_rules(ctx)
    notes = ctx.narrative(doc.notes, "notes")
    lines = [line.strip() for line in notes.splitlines() if line.strip()]
    if lines:
        # The assessment's own notes state its perspective and conventions: they belong
        # next to the method, each line a point of its own.
        bullet = st.ParagraphStyle(
            "note", parent=s.body, leftIndent=11, bulletIndent=1, spaceAfter=3
        )
        story += sub_heading("Assessment notes", "method-notes", room=80)
        story += [st.MemoParagraph(esc(line), bullet, bulletText="•") for line in lines]
    story += _weights(ctx)
    story += _rubrics(ctx)
    return story


def _weights(ctx: MemoContext) -> list[Flowable]:
    s = styles()
    weights = ctx.result.matrix.weights
    total = float(weights.sum())
    scenario_note = (
        f" Weights as applied in the scenario <b>{esc(ctx.scenario_label)}</b>."
        if ctx.scenario is not None
        else ""
    )
    story = sub_heading("Criteria, weights and red-line rules", "method-criteria", room=120)
    story.append(
        markup(
            "Share is the criterion's weight as a fraction of all weights." + scenario_note, s.body
        )
    )
    rows: list[list[object]] = [
        [
            markup("", s.head),
            markup("Criterion", s.head),
            markup("Category", s.head),
            markup("Weight", s.head_right),
            markup("Share", s.head_right),
            markup("Red-line rule", s.head),
        ]
    ]
    for col, criterion in enumerate(ctx.document.criteria):
        rule = criterion.red_line_rule
        if rule is None:
            rule_text = f'<font color="{palette.MUTED}">none</font>'
        else:
            rule_text = f"⊘ r ≥ {rule.threshold}"
            if rule.reason:
                rule_text += f": {esc(rule.reason)}"
            if rule.basis:
                rule_text += f'<br/><font color="{palette.MUTED}">Basis: {esc(rule.basis)}</font>'
        name = f"<b>{esc(criterion.name)}</b>"
        if criterion.description:
            name += (
                f'<br/><font color="{palette.MUTED}">{esc(st.clip(criterion.description))}</font>'
            )
        share = fmt_percent(float(weights[col]) / total) if total > 0 else "—"
        rows.append(
            [
                markup(f"<b>{ctx.criterion_codes[criterion.id]}</b>", s.cell),
                markup(name, s.cell),
                para(criterion.category, s.cell_small),
                markup(fmt_weight(float(weights[col])), s.cell_right),
                markup(share, s.cell_right),
                markup(rule_text, s.cell),
            ]
        )
    widths = [9 * mm, 54 * mm, 28 * mm, 18 * mm, 12 * mm]  # "0.333333" fits its column
    widths.append(FULL_WIDTH - sum(widths))
    table = data_table(rows, colWidths=widths, style=st.grid_style(rows=len(rows)), repeatRows=1)
    story.append(table)
    return story


def _rubrics(ctx: MemoContext) -> list[Flowable]:
    s = styles()
    described = [
        c for c in ctx.document.criteria if any(c.rubric.likelihood) or any(c.rubric.impact)
    ]
    heading = sub_heading("Rubrics: what each level means", "method-rubrics", room=140)
    story: list[Flowable] = heading[:1]
    heading = heading[1:]
    if not described:
        story += [*heading, markup("<i>No criterion has a written rubric.</i>", s.body_muted)]
        return story
    widths = [36 * mm, 11 * mm]
    rest = (FULL_WIDTH - sum(widths)) / 2
    for number, criterion in enumerate(described):
        rows: list[list[object]] = [
            [
                markup("Criterion", s.head),
                markup("Level", s.head_center),
                markup("Likelihood", s.head),
                markup("Impact", s.head),
            ]
        ]
        for level in range(5):
            rows.append(
                [
                    markup(
                        f"<b>{ctx.criterion_codes[criterion.id]}</b> {esc(criterion.name)}", s.cell
                    )
                    if level == 0
                    else "",
                    str(level + 1),
                    para(criterion.rubric.likelihood[level] or "—", s.cell),
                    para(criterion.rubric.impact[level] or "—", s.cell),
                ]
            )
        style = st.grid_style(rows=0, zebra=False)
        style.add("ALIGN", (1, 1), (1, -1), "CENTER")
        style.add("FONT", (1, 1), (1, -1), BOLD, st.TABLE_SIZE)
        table = data_table(rows, colWidths=widths + [rest, rest], style=style, repeatRows=1)
        # One criterion's five levels read as a unit: never split them across pages. The
        # section heading travels with the first unit so that it never ends a page alone.
        lead: list[Flowable] = heading if number == 0 else [Spacer(1, 6)]
        story.append(KeepTogether([*lead, table]))
    return story


def _admiralty() -> list[Flowable]:
    s = styles()
    heading = sub_heading("Evidence grades (Admiralty code)", "method-grades", room=150)
    rows: list[list[object]] = [
        [
            markup("Reliability of the source", s.head),
            "",
            markup("Credibility of the information", s.head),
            "",
        ]
    ]
    for i in range(6):
        grade = "ABCDEF"[i]
        rows.append(
            [
                grade,
                para(RELIABILITY_LABELS[grade], s.cell),
                str(i + 1),
                para(CREDIBILITY_LABELS[i + 1], s.cell),
            ]
        )
    table = Table(
        rows,
        colWidths=[10 * mm, FULL_WIDTH / 2 - 10 * mm, 10 * mm, FULL_WIDTH / 2 - 10 * mm],
        repeatRows=1,
    )
    style = st.grid_style(rows=len(rows))
    style.add("SPAN", (0, 0), (1, 0))
    style.add("SPAN", (2, 0), (3, 0))
    style.add("FONT", (0, 1), (0, -1), BOLD, st.TABLE_SIZE)
    style.add("FONT", (2, 1), (2, -1), BOLD, st.TABLE_SIZE)
    style.add("ALIGN", (0, 1), (0, -1), "CENTER")
    style.add("ALIGN", (2, 1), (2, -1), "CENTER")
    table.setStyle(style)
    weak = sorted(WEAK_RELIABILITY)
    note = markup(
        "A grade such as <b>B2</b> reads “usually reliable source; information "
        f"probably true”. Evidence graded {weak[0]}–{weak[-1]} in reliability or "
        f"{WEAK_CREDIBILITY}–6 in credibility is "
        "marked as low grade on the project pages; a cell backed only by such evidence is weak "
        "and gets a default range in the uncertainty analysis.",
        s.small,
    )
    # A small reference block: heading, scale and its note read as one unit.
    return [heading[0], KeepTogether([*heading[1:], table, Spacer(1, 3), note])]


def _robustness_rules(ctx: MemoContext) -> list[Flowable]:
    """The Monte Carlo rule and the tornado and rank-reversal definitions."""
    s = styles()
    mc = ctx.uncertainty
    story = sub_heading("Uncertainty and sensitivity", "method-uncertainty", room=160)
    for text in (
        "<b>Monte Carlo.</b> Each assessed cell's likelihood and impact are drawn independently "
        "from a triangular distribution whose bounds are the cell's low and high and whose mode "
        "is its score. Draws are continuous, so a run's cell risk can take any value from 1 to "
        "25. A range the analyst gives always wins; a bound it leaves unset is the score (a "
        "high bound alone of 4 over a score of 2 is the range 2–4). A score a scenario sets "
        "is drawn without the cell's range: as set, or as below where the cell has no range "
        "of its own and its evidence is weak.",
        "<b>Default ranges from evidence quality.</b> A cell without a range whose evidence is "
        f"weak ({weak_evidence_rule()}) is drawn from ±1 around its scores, within 1–5: "
        "low-quality evidence should not look certain. Other cells without a range are taken "
        "as certain.",
        "<b>Each run</b> is scored with the method above: index, bands, red lines and ranks "
        "among the projects not excluded in that run. A criterion's red-line rule, written for "
        "whole scores, fires in the runs where the drawn likelihood and impact, each rounded "
        "to the nearest score, multiply to its threshold or more, so a project can be "
        "excluded in some runs only. P10, P50 and P90 are the 10th, 50th and 90th percentiles of the index over "
        "the runs; rank, band and exclusion probabilities are shares of runs.",
        f"<b>Runs and seed.</b> {mc.runs:,} runs with the fixed seed {mc.seed}: the same "
        "assessment and scenario always give the same figures.",
        "<b>Tornado.</b> For one project and one criterion: the risk index with that "
        "criterion's weight set to 0 and doubled, every other weight and every cell unchanged.",
        "<b>Rank-reversal threshold.</b> The smallest change of a single weight that changes "
        "the top-ranked project. Each weight is searched from 0 to 4× the largest weight (at most "
        "1000, the largest a weight can be) on a fine grid and at every weight where a project's "
        "index crosses the leader's; the change point is refined by "
        "bisection, scoring each weight tried exactly as the assessment is scored, and the new "
        "weight is printed as the coarsest figure that puts the named project first once set. "
        "Red lines do not depend on "
        "weights, so an excluded project never becomes the top project.",
    ):
        story.append(markup(text, s.body))
    return story
