"""The memo's screening section, and the territory overrides printed among the exclusions.

Everything comes from the document: the list and as-of date it records, the analyst's hit
decisions (each with the entry's sanctions as the list gave them) and the territory rules,
which are computed from the projects' regions. The memo never reads the user's list store,
so the same document prints the same memo on every machine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from reports import styles as st
from reports.blocks import FULL_WIDTH, data_table, section_heading, sub_heading
from reports.context import MemoContext
from reports.styles import cell_para, esc, markup, styles
from rrisk import palette
from rrisk.screening.decisions import CONFIRMED, same_list
from rrisk.screening.listfile import NO_PROGRAMME, blocks
from rrisk.screening.names import HIT_THRESHOLD
from rrisk.screening.redlines import current_counterparties, is_current, placing_field
from rrisk.screening.territory import TerritoryMatch, match_place

if TYPE_CHECKING:
    from rrisk.model import Project


def _decision_text(
    decision_label: str, note: str, waiver: str, binding: bool, current: bool = True
) -> str:
    muted = f'<font size="6.8" color="{palette.MUTED}">'
    if not current:
        text = (
            f"{decision_label.capitalize()}, <b>left over</b>: the project no longer names "
            "this counterparty, so the decision counts for nothing"
        )
    elif decision_label == CONFIRMED and binding and not waiver:
        text = f'<font color="{palette.RED_LINE}"><b>⊘ Confirmed: red line</b></font>'
    elif decision_label == CONFIRMED:
        text = "<b>Confirmed</b>" + (": no red line" if binding else "")
    else:
        text = "Dismissed"
    if waiver:
        text += f"<br/>{muted}Why no red line: {esc(st.clip(waiver))}</font>"
    if note:
        text += f"<br/>{muted}{esc(st.clip(note))}</font>"
    return text


def screening(ctx: MemoContext) -> list[Flowable]:
    """List and as-of date, every decided hit, and the territory rules applied."""
    s = styles()
    doc = ctx.document
    record = doc.screening
    story = section_heading("Screening", "screening")
    if record.list_name:
        # A list imported without a date: "(as of no as-of date recorded)" read as a date;
        # the committee is told what is not known instead.
        dated = (
            f" (as of {esc(record.list_as_of)})."
            if record.list_as_of
            else ". The list carries no as-of date, so this memo cannot say how current it "
            "was, nor which later listings it misses."
        )
        intro = (
            f"Counterparties were screened against the list <b>{esc(record.list_name)}</b>"
            f"{dated} A hit is a name the list holds that a counterparty's name "
            "meets; the analyst confirms or dismisses each. A confirmed hit on a sanction in "
            "force is a red line unless the analyst records why not."
        )
    else:
        intro = "<i>The assessment records no screening against a sanctions list.</i>"
    story.append(markup(intro, s.body))
    names = {project.id: project.name for project in doc.projects}
    story += sub_heading("Hits and decisions", "screening-hits", room=80)
    if not record.decisions:
        story.append(markup("<i>No hit has been decided.</i>", s.body_muted))
    else:
        if any(item.score > 0 for item in record.decisions):
            story.append(
                markup(
                    "The score beside a list entry says how closely the names match: 1.00 for "
                    "the same words once case, accents, script and transliteration are set "
                    f"aside, down to {HIT_THRESHOLD:.2f}, the least that counts as a hit.",
                    s.body,
                )
            )
        rows: list[list[object]] = [
            [
                markup("Project / counterparty", s.head),
                markup("List entry (score)", s.head),
                markup("Sanctions", s.head),
                markup("Decision", s.head),
            ]
        ]
        counterparties = current_counterparties(doc)
        for item in record.decisions:
            binding = blocks(item.sanctions)
            current = is_current(item, counterparties)
            # A decision written into the file by hand may record no score or matched name
            # (both optional): say nothing of them rather than "(0.00)" and "matched “”".
            score = f" ({item.score:.2f})" if item.score > 0 else ""
            matched = f"; matched “{esc(item.matched_name)}”" if item.matched_name.strip() else ""
            # A decision made on another list than the one named above names its own, as
            # the red line's reason does ("listed on eu-fsf").
            other = item.list_name.strip() and not same_list(item.list_name, record.list_name)
            listed = f" on {esc(item.list_name.strip())}" if other else ""
            entry = (
                f"<b>{esc(item.entry_name or item.entry_id)}</b>{score}<br/>"
                f'<font size="6.8" color="{palette.MUTED}">'
                f"{esc(item.entry_id)}{listed}{matched}</font>"
            )
            rows.append(
                [
                    markup(
                        f"<b>{esc(names.get(item.project, item.project))}</b><br/>"
                        f"{esc(item.counterparty)}",
                        s.cell,
                    ),
                    markup(entry, s.cell),
                    cell_para("\n".join(item.sanctions) or NO_PROGRAMME, s.cell_small),
                    markup(
                        _decision_text(
                            item.decision, item.note, item.no_red_line_reason, binding, current
                        ),
                        s.cell,
                    ),
                ]
            )
        widths = [40 * mm, 38 * mm, None, 46 * mm]
        widths[2] = FULL_WIDTH - sum(w for w in widths if w)
        style = st.grid_style(rows=len(rows), zebra=False)
        style.add("LINEBELOW", (0, 1), (-1, -1), 0.35, st.HAIRLINE)
        table = data_table(rows, colWidths=widths, style=style, repeatRows=1)
        story.append(table)
    story += sub_heading("Territory rules", "screening-territories", room=80)
    story += _territories(ctx)
    return story


def _territories(ctx: MemoContext) -> list[Flowable]:
    s = styles()
    doc = ctx.document
    rows: list[list[object]] = [
        [
            markup("Project and region", s.head),
            markup("Territory", s.head),
            markup("Rule", s.head),
            markup("Legal basis", s.head),
        ]
    ]
    unplaced = 0
    for project in doc.projects:
        matches = match_place(project.region, project.country)
        unplaced += not matches
        for match in matches:
            override = doc.screening.override(project.id, match.territory.id)
            if override is not None:
                rule = f"<b>Set aside by the analyst</b>: {esc(st.clip(override.justification))}"
            elif match.applies:
                rule = (
                    f'<font color="{palette.RED_LINE}"><b>⊘ Red line</b></font> ({esc(match.why)})'
                )
            else:
                rule = f"Not applied: {esc(match.why)}"
            rows.append(
                [
                    markup(f"<b>{esc(project.name)}</b>{_place(project, match)}", s.cell),
                    cell_para(match.territory.name, s.cell),
                    markup(rule, s.cell),
                    cell_para(match.territory.basis, s.cell_small),
                ]
            )
    explanation = markup(
        "Each project's region is compared with the bundled table of occupied territories "
        "(Crimea, Sevastopol and the non-government-controlled areas of Donetsk, Luhansk, "
        "Zaporizhzhia and Kherson), in English, Ukrainian, Russian and other common spellings "
        "and scripts. A partly occupied oblast counts as occupied unless its region says it is "
        "government-controlled; the analyst may set a rule aside only with a written "
        f"justification.{_outside_the_table(unplaced, len(doc.projects))}",
        s.body,
    )
    if len(rows) == 1:
        return [
            explanation,
            markup("<i>No project's region names such a territory.</i>", s.body_muted),
        ]
    # The territory column holds "non-government-controlled" on one line (narrower, it broke
    # inside the word).
    widths = [42 * mm, 44 * mm, None, 44 * mm]
    widths[2] = FULL_WIDTH - sum(w for w in widths if w)
    style = st.grid_style(rows=len(rows), zebra=False)
    style.add("LINEBELOW", (0, 1), (-1, -1), 0.35, st.HAIRLINE)
    table = data_table(rows, colWidths=widths, style=style, repeatRows=1)
    return [explanation, table]


def _outside_the_table(unplaced: int, projects: int) -> str:
    """What the table does not say of the projects it does not place: it holds no other
    occupied or disputed area, so its silence clears none of them."""
    if not unplaced:
        return ""
    silent = (
        "The table holds no other occupied or disputed area: where it names no territory it is "
        "silent, not a clearance, and the analyst must judge each place."
    )
    if unplaced == projects:
        return f" {silent}"
    regions = "The region of 1" if unplaced == 1 else f"The regions of {unplaced}"
    verb = "names" if unplaced == 1 else "name"
    return f" {regions} of the {projects} projects {verb} none of these territories. {silent}"


def _place(project: Project, match: TerritoryMatch) -> str:
    """The project's region under its name, and its country where the region alone does not
    name the territory: the field that placed it there ("Crimea" given as the country)."""
    lines = [esc(project.region)] if project.region.strip() else []
    if placing_field(project, match.territory.id) != "region" and project.country.strip():
        lines.append(f"Country: {esc(project.country)}")
    return "".join(f"<br/>{line}" for line in lines)


def territory_overrides(ctx: MemoContext) -> list[Flowable]:
    """For the exclusions section: territory rules the analyst set aside, with the reason."""
    s = styles()
    doc = ctx.document
    names = {project.id: project.name for project in doc.projects}
    # Only overrides of a rule the project's region still triggers: one whose region has
    # changed since sets nothing aside, and is not printed as if it did.
    triggered = {
        (project.id, match.territory.id): match.territory.name
        for project in doc.projects
        for match in match_place(project.region, project.country)
        if match.applies
    }
    overrides = [
        (override, triggered[(override.project, override.territory)])
        for override in doc.screening.territory_overrides
        if (override.project, override.territory) in triggered and override.written
    ]
    if not overrides:
        return []
    story: list[Flowable] = [
        markup(
            "<b>Territory rules set aside.</b> These projects lie in a territory the rules "
            "name, and are not excluded for it because the analyst wrote why:",
            s.body,
        )
    ]
    for override, territory in overrides:
        story.append(
            markup(
                f"• <b>{esc(names.get(override.project, override.project))}</b> "
                f"({esc(territory)}): {esc(override.justification)}",
                s.body,
            )
        )
    return story
