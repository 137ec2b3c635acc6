"""A project page holds its project when it reasonably can: the template's first two projects
each ran their last top risk onto a page of its own, mostly blank. The top risks' rationale and
evidence columns now share the width by what the rows hold, and the page is set a little
tighter; a project with more content still flows on with its continued heading."""

from __future__ import annotations

from pdfread import ReadMemo
from reportlab.lib.units import mm

from reports import sections_projects as sp
from reports.blocks import FULL_WIDTH
from reports.memo import build_memo
from reports.styles import markup, styles
from rrisk.templates import new_from_template


def test_the_templates_first_two_projects_each_fit_their_page() -> None:
    memo = ReadMemo(build_memo(new_from_template("russia-rare-earths")))
    for position in (1, 2):
        first = next(
            i for i, page in enumerate(memo.pages) if page.startswith(f"PROJECT {position} OF 7 ")
        )
        page = memo.pages[first]
        assert "(CONTINUED)" not in page[:40]
        # All three top risks are on the project's own page (each row names its band) ...
        rows = page.split("Evidence (Admiralty grade)", 1)[1]
        assert sum(rows.count(band) for band in ("Low", "Medium", "High", "Critical")) >= 3
        # ... and the next page is the next project's, not a continuation.
        assert not memo.pages[first + 1].startswith(f"PROJECT {position} OF 7 (CONTINUED)")


def _rows(rationale: str, evidence: str, count: int = 3) -> list[list[object]]:
    s = styles()
    return [
        [
            markup("<b>C1</b> Criterion", s.cell),
            markup("<b>12</b>", s.cell_center),
            markup(rationale, s.cell),
            markup(evidence, s.cell_small),
        ]
        for _ in range(count)
    ]


def test_long_evidence_gets_the_wider_column_and_a_long_rationale_the_other_way() -> None:
    source = (
        "<b>A2</b> US Treasury, Office of Foreign Assets Control (OFAC), 2025-10-22 "
        '<font color="#666666"><i>“Rosneft and its subsidiaries are designated under the '
        "order; dealings are prohibited unless licensed …”</i></font>"
    )
    evidence_heavy = sp._risk_widths(_rows("Short rationale.", "<br/>".join([source] * 5)))
    rationale_heavy = sp._risk_widths(
        _rows("A long rationale, " * 40, "<font color='#666666'>no evidence linked</font>")
    )
    even = (FULL_WIDTH - sp.RISK_LEAD_WIDTH) / 2
    assert evidence_heavy[3] > even > evidence_heavy[2]
    assert rationale_heavy[2] > even > rationale_heavy[3]
    for widths in (evidence_heavy, rationale_heavy):
        assert abs(sum(widths) - FULL_WIDTH) < 0.01
        assert min(widths[2:]) >= 45 * mm


def test_the_chosen_widths_give_a_table_no_taller_than_the_old_fixed_ones() -> None:
    """The estimate picks widths whose real layout is shorter (here: the template's pages)."""
    from reports.memo import compose_story

    context, _ = compose_story(new_from_template("russia-rare-earths"))
    for row in range(len(context.document.projects)):
        [table] = sp._top_risks(context, context.document.projects[row], row)
        _, chosen = table.wrap(FULL_WIDTH, 100_000)
        old = sp.data_table(
            table._cellvalues,
            colWidths=[29 * mm, 12 * mm, 70 * mm, FULL_WIDTH - 111 * mm],
            style=sp.st.grid_style(rows=len(table._cellvalues), zebra=False),
            repeatRows=1,
        )
        assert chosen <= old.wrap(FULL_WIDTH, 100_000)[1] + 0.01
