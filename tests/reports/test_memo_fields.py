"""The template's narrative quotes live figures: unchanged it reads as written, and after any
edit every figure it quotes is the ranking table's figure."""

from __future__ import annotations

import re

import pytest
from pdfread import ReadMemo, squash

from reports.memo import build_memo
from rrisk.fields import FieldResolver
from rrisk.fmt import fmt_whole
from rrisk.scoring import score
from rrisk.templates import new_from_template

TEMPLATE = "russia-rare-earths"
# The summary as written for the template, figure by figure (before it used fields).
WRITTEN_SUMMARY = (
    "Russia and the US are discussing joint rare-earth projects; no agreement is signed. Seven "
    "candidates were scored on eight criteria: four sites in Russia, two offered in occupied "
    "Ukraine, and an allied separation plant as comparator.\n\nEvery project in Russia scores "
    "High: Tomtor 72, Seligdar 67, Chuktukon 66 and Pikalevo gallium 52 out of 100. Sanctions "
    "drive the scores (EO 14071 bars new US investment in Russia; Rosneft, sole owner of "
    "Tomtor's operator, has been an SDN since 22 Oct 2025), together with the absence of "
    "Russian processing, an EU market closed by politics, Chinese price leverage and "
    "state-affiliated counterparties. Tomtor has the best geology of the Russian deposits (JORC "
    "reserve at 14.5% TREO) and the worst counterparty (a designated sole owner).\n\nThe sites "
    "in occupied Donetsk/Luhansk and Zaporizhzhia are excluded by red line: US EO 14065 and "
    "the UK No. 7 Regulations (Donetsk/Luhansk), EU Reg. 2022/263 as extended by Reg. "
    "2022/1903 and UN GA resolution ES-11/4. Tomtor is excluded as well: screening confirms its sole owner Rosneft "
    "on the US SDN list (22 Oct 2025), a red line whatever its score.\n\nThe allied "
    "separation plant ranks first at 20 (Low). If US "
    "sanctions were eased the rare-earth deposits would stay High (51–55), because processing "
    "and cost risks do not move and market access improves at most a step, and Tomtor would stay "
    "excluded: a scenario moves scores, not the screening list, which names Rosneft an SDN; "
    "only Pikalevo would fall to Medium (38). If China "
    "tightens export controls the ranking holds: the comparator stays first (23) and the "
    "rare-earth deposits rise to 71–74, since their only processing route runs through China."
)
RUSSIAN = {
    "Tomtor": "tomtor",
    "Seligdar": "seligdar",
    "Chuktukon": "chuktukon",
    "Pikalevo gallium": "pikalevo-gallium",
}
QUOTED = re.compile(r"(Tomtor|Seligdar|Chuktukon|Pikalevo gallium) (\d+|—)[, ]")


def test_the_unmodified_template_reads_as_written() -> None:
    document = new_from_template(TEMPLATE)
    assert "{{" in document.summary  # it does cite fields
    assert FieldResolver(document).resolve(document.summary, "summary") == WRITTEN_SUMMARY


def test_the_unmodified_templates_memo_prints_the_written_summary() -> None:
    memo = ReadMemo(build_memo(new_from_template(TEMPLATE)))
    assert squash(WRITTEN_SUMMARY) in memo.pages[1]
    assert "{{" not in memo.text


def _edits() -> list[tuple[str, str, str | None]]:
    document = new_from_template(TEMPLATE)
    edits: list[tuple[str, str, str | None]] = [("weight", c.id, None) for c in document.criteria]
    edits += [
        ("cell", project.id, criterion.id)
        for project in document.projects
        for criterion in document.criteria
        if criterion.id != "occupied-territories"
    ]
    return edits


def _apply(document, kind: str, first: str, second: str | None) -> None:
    if kind == "weight":
        criterion = document.criterion(first)
        criterion.weight = criterion.weight * 2.5 + 0.5
    else:
        cell = document.cell(first, second)
        cell.likelihood = 1 if cell.likelihood >= 4 else 5
        cell.impact = 5 if cell.impact <= 2 else 2


@pytest.mark.parametrize(("kind", "first", "second"), _edits())
def test_any_edit_moves_every_quoted_figure_with_the_scores(
    kind: str, first: str, second: str | None
) -> None:
    document = new_from_template(TEMPLATE)
    _apply(document, kind, first, second)
    text = FieldResolver(document).resolve(document.summary, "summary")
    result = score(document)
    for name, project_id in RUSSIAN.items():
        figure = fmt_whole(result.project_score(result.row_of(project_id)).index)
        assert f"{name} {figure}" in text
    eased = score(document, "sanctions-eased")
    deposits = [
        eased.project_score(eased.row_of(p)).index for p in ("tomtor", "seligdar", "chuktukon")
    ]
    low, high = fmt_whole(min(deposits)), fmt_whole(max(deposits))
    assert f"({low}–{high})" in text or (low == high and f"({low})" in text)
    comparator = result.project_score(result.row_of("allied-separation-plant"))
    if comparator.rank is not None:
        assert (
            f"ranks {['first', 'second', 'third', 'fourth', 'fifth'][comparator.rank - 1]} at {fmt_whole(comparator.index)} ({comparator.band})"
            in text
        )


def _table_figures(page: str) -> dict[str, float]:
    """Risk index of each Russian project as printed in the ranking table."""
    figures = {}
    for name in RUSSIAN:
        # Ranked rows start with their rank; an excluded project (Tomtor, by screening) is in
        # the exclusions table that follows, name then index.
        found = re.search(rf"(?:\d+ )?{re.escape(name)}[^0-9]*? (\d+\.\d) ", page)
        assert found, name
        figures[name] = float(found.group(1))
    return figures


def test_after_a_cell_and_a_weight_change_the_pdf_summary_quotes_the_ranking_table() -> None:
    document = new_from_template(TEMPLATE)
    # The reproduction: one weight and one cell of the template changed.
    document.criterion("sanctions").weight *= 0.5
    cell = document.cell("chuktukon", "processing")
    cell.likelihood, cell.impact = 5, 5
    memo = ReadMemo(build_memo(document))
    summary_page = memo.pages[1]
    # The Ranking section starts a page, or follows the last lines of the summary on one.
    at = next(page for _level, title, page in memo.outline() if title == "Ranking")
    following = " ".join(memo.pages[at : at + 2])
    table = _table_figures(following[following.index("Ranking Scenario:") :])
    quoted = dict(QUOTED.findall(summary_page))
    assert set(quoted) == set(RUSSIAN)
    for name, figure in table.items():
        # The summary quotes whole points of the table's figure.
        assert abs(int(quoted[name]) - figure) <= 0.55, (name, quoted[name], figure)
    assert quoted != {"Tomtor": "72", "Seligdar": "69", "Chuktukon": "68", "Pikalevo gallium": "52"}


def test_a_scenarios_memo_gives_pikalevos_band_under_eo_14071_as_the_baseline_has_it() -> None:
    # The recommendation names each condition with Pikalevo's band under it: "under EO 14071"
    # is the baseline's, whichever scenario the memo is computed under (the China memo read
    # "Medium under EO 14071, Medium if US sanctions ease and Medium if China tightens its
    # controls", while the baseline has it High).
    document = new_from_template(TEMPLATE)
    bands = {
        key: next(p.band for p in score(document, key).ranking() if p.id == "pikalevo-gallium")
        for key in (None, "sanctions-eased", "china-export-controls")
    }
    expected = (
        f"Pikalevo gallium is the least exposed Russian asset: {bands[None]} under EO 14071, "
        f"{bands['sanctions-eased']} if US sanctions ease and {bands['china-export-controls']} "
        "if China tightens its controls."
    )
    assert bands[None] != bands["china-export-controls"]
    memo = ReadMemo(build_memo(document, "china-export-controls"))
    assert squash(expected) in squash(memo.text)
