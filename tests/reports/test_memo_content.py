"""The memo read back from the PDF: sections, names, pages, outline, metadata and fonts."""

from __future__ import annotations

import datetime
import re

import pytest
from memo_fixtures import CYRILLIC_NAME, MARKUP_NAME
from pdfread import ReadMemo, squash

from reports import heatmap, methodology
from reports.memo import build_memo
from rrisk.fileformat import fingerprint
from rrisk.scoring import CELL_FORMULA, INDEX_FORMULA, cell_band_ranges, index_band_ranges
from rrisk.templates import new_from_template

SECTION_TITLES = [
    "Executive summary and recommendation",
    "Ranking",
    "Excluded projects",
    "Uncertainty",
    "Sensitivity",
    "Heat map: projects × criteria",
    "Scenarios compared with the baseline",
    "Sources",
    "Methodology appendix",
    "Disclaimer",
]


@pytest.fixture
def memo(memo_document) -> ReadMemo:
    return ReadMemo(build_memo(memo_document))


def page_starting_with(memo: ReadMemo, title: str) -> int:
    """Index of the page whose body opens with ``title`` (a section's first page)."""
    return next(i for i, page in enumerate(memo.pages) if page.startswith(title))


def test_sections_appear_in_order(memo):
    cover = memo.pages[0]
    assert "INVESTMENT COMMITTEE MEMORANDUM" in cover
    assert "Russian rare-earth joint venture" in cover
    top_level = [t for t in SECTION_TITLES if t != "Excluded projects"]
    starts = [page_starting_with(memo, title) for title in top_level]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert starts[0] == 1  # the summary follows the cover
    ranking_page = memo.pages[page_starting_with(memo, "Ranking")]
    assert "Excluded projects" in ranking_page
    # Project pages sit between the heat map and the scenarios.
    project_pages = [i for i, p in enumerate(memo.pages) if p.startswith("PROJECT ")]
    heat_map = starts[top_level.index("Heat map: projects × criteria")]
    scenarios = starts[top_level.index("Scenarios compared with the baseline")]
    assert heat_map < min(project_pages) and max(project_pages) < scenarios


def test_cover_carries_metadata_and_fingerprint(memo, memo_document):
    cover = memo.pages[0]
    for expected in (
        "2025-06-30",
        "Анна Петрова",
        "North Fund",
        "Strictly confidential",
        "Screening of candidate deposits for a minority stake",
        "Baseline",
        fingerprint(memo_document),
    ):
        assert expected in cover


def test_every_project_name_is_printed_as_text(memo, memo_document):
    for project in memo_document.projects:
        assert project.name in memo.text, project.name
    assert CYRILLIC_NAME in memo.text
    assert "Томторское" in memo.text  # alternative name


def test_markup_in_user_text_prints_literally(memo):
    assert MARKUP_NAME in memo.text
    assert "<Acme> & Co" in memo.text
    assert 'Do not proceed with <Lovozero> & keep "watch" on Tomtor.' in memo.text
    assert "Pilot plant <not> built & untested." in memo.text
    # A parsed <b> would have eaten the tags and left "R&D Zinc".
    assert "R&D Zinc" not in memo.text


def test_page_footers_count_pages(memo):
    total = len(memo.pages)
    assert total >= 10
    assert f"Page 1 of {total}" in memo.pages[0]
    for number, page in enumerate(memo.pages, start=1):
        assert f"Page {number} of {total}" in page
        assert "STRICTLY CONFIDENTIAL" in page


def test_one_page_per_project_in_ranking_order(memo, memo_document):
    # Ranked by index (lowest first), then excluded: see the fixture's scores.
    expected = ["Chuktukon", MARKUP_NAME, CYRILLIC_NAME, "Lovozero"]
    starts = [
        next(i for i, page in enumerate(memo.pages) if f"PROJECT {n} OF 4 {name}" in page)
        for n, name in enumerate(expected, start=1)
    ]
    assert starts == sorted(starts)
    assert len(set(starts)) == 4


def test_ranking_excluded_and_heat_map_content(memo):
    ranking = memo.pages[page_starting_with(memo, "Ranking")]
    assert re.search(r"1 Chuktukon 13\.9 \d+\.\d–\d+\.\d Low 100% Ranked", ranking)
    assert "67% Ranked — incomplete" in ranking
    assert "located in occupied territory" in ranking and "EU Reg. 2022/263" in ranking
    heat = memo.pages[page_starting_with(memo, "Heat map: projects × criteria")]
    # Rows in ranking order; an unassessed cell (—), a red line (⊘) on an excluded project.
    assert "6 — 9 24.0" in heat
    assert "Lovozero ⊘ Excluded 4 ⊘ 20 1 32.6" in heat


def test_project_page_shows_matrix_top_risks_evidence_and_counterparties(memo):
    page = next(p for p in memo.pages if f"OF 4 {CYRILLIC_NAME}" in p)
    assert "Likelihood × impact by criterion" in page
    assert "3×5=15" in page
    assert "Operator owned by a sanctioned company." in page
    assert "B2 Reuters, 2025-05-20, p. 1" in page
    assert "C3 Kommersant, 2025-03-31" in page
    assert "Rosneft · Vostok Engineering" in page
    assert "Strategic value 4/5" in page


def test_scenarios_sources_and_methodology(memo):
    assert "Sanctions eased" in memo.text
    assert "−16.3 vs baseline" in memo.text
    assert "May carry a pro-Russian bias." in memo.text
    assert "usually reliable; probably true" in memo.text
    assert "r = likelihood × impact" in memo.text
    assert "100 × Σ w·(r − 1)/24 ÷ Σ w" in memo.text
    assert "⊘ r ≥ 20: blocked counterparty" in memo.text
    assert "Almost certain" in memo.text  # rubric
    # Every kind of red line the scoring applies, as the excluded projects show them.
    text = memo.text
    start = text.index("Scales and formulas")
    method = squash(text[start : text.index("Evidence grades (Admiralty code)", start)])
    assert "confirmed sanctions hit" in method and "occupied territory" in method
    # How a range on one side of its score, and a score a scenario sets, are drawn.
    uncertainty = squash(text[text.index("Default ranges from evidence quality") - 600 :])
    assert "a bound it leaves unset is the score" in uncertainty
    assert (
        "A score a scenario sets is drawn without the cell's range: as set, or as below where "
        "the cell has no range of its own and its evidence is weak." in uncertainty
    )


def test_outline_has_every_section_and_project(memo, memo_document):
    outline = memo.outline()
    titles = [title for _, title, _ in outline]
    for title in ("Cover", "Projects", *SECTION_TITLES):
        assert title in titles
    for project in memo_document.projects:
        assert project.name in titles
    for level, title, page in outline:
        if title in SECTION_TITLES and level == 0:
            assert title in memo.pages[page], (title, page)
    project_levels = {lvl for lvl, title, _ in outline if title == CYRILLIC_NAME}
    assert project_levels == {1}


def test_metadata(memo):
    info = memo.reader.metadata
    assert info.title == "Russian rare-earth joint venture"
    assert info.author == "Анна Петрова"
    assert "Investment committee memo" in info.subject
    assert "as of 2025-06-30" in info.subject
    assert info["/CreationDate"].startswith("D:20250630")
    assert info["/ModDate"].startswith("D:20250630")


def test_a_pdf_reader_shows_the_as_of_day_in_the_readers_time_zone(memo):
    """A PDF reader's Document Properties shows the dates in the reader's time zone: dated
    midnight UTC, a memo as of 30 June showed as created on 29 June in New York."""
    info = memo.reader.metadata
    for hours in (-12, -5, 0, 5.5, 9, 11):
        zone = datetime.timezone(datetime.timedelta(hours=hours))
        for stamp in (info.creation_date, info.modification_date):
            assert stamp.astimezone(zone).date().isoformat() == "2025-06-30", hours


def test_fonts_are_embedded_unicode_subsets(memo):
    fonts = memo.fonts()
    assert fonts
    for name, font in fonts.items():
        assert "DejaVuSansCondensed" in name, name
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, name
        assert "/ToUnicode" in font, name
    faces = {name.split("+")[-1] for name in fonts}
    assert {
        "DejaVuSansCondensed",
        "DejaVuSansCondensed-Bold",
        "DejaVuSansCondensed-Oblique",
    } <= faces


def test_template_memo_names_every_project():
    document = new_from_template("russia-rare-earths")
    memo = ReadMemo(build_memo(document))
    total = len(memo.pages)
    assert f"Page 1 of {total}" in memo.pages[0]
    for project in document.projects:
        assert squash(project.name) in memo.text, project.name
    assert any(
        re.search("[А-Яа-я]", name)
        for name in (alt for p in document.projects for alt in p.alt_names)
    )
    for project in document.projects:
        for alt in project.alt_names:
            assert squash(alt) in memo.text, alt


def test_method_constants_come_from_the_core(memo_document, monkeypatch):
    memo = ReadMemo(build_memo(memo_document))
    assert CELL_FORMULA in memo.text
    assert INDEX_FORMULA in memo.text
    for name, bounds in [*cell_band_ranges(), *index_band_ranges()]:
        assert f"{name} {bounds}" in memo.text
    # Printed from the core's functions, not from a copy of their labels.
    cells = [(name, f"cells-{n}") for n, (name, _) in enumerate(cell_band_ranges())]
    indexes = [(name, f"index-{n}") for n, (name, _) in enumerate(index_band_ranges())]
    monkeypatch.setattr(methodology, "cell_band_ranges", lambda: cells)
    monkeypatch.setattr(methodology, "index_band_ranges", lambda: indexes)
    monkeypatch.setattr(heatmap, "cell_band_ranges", lambda: cells)
    memo = ReadMemo(build_memo(memo_document))
    for name, bounds in [*cells, *indexes]:
        assert f"{name} {bounds}" in memo.text
    legend = next(page for page in memo.pages if page.startswith("Heat map"))
    assert all(bounds in legend for _, bounds in cells)


def test_the_disclaimer_dates_the_judgements_or_says_the_date_is_not_stated(memo_document):
    dated = squash(ReadMemo(build_memo(memo_document)).text)
    assert f"judgements of the author(s) as of {memo_document.as_of}," in dated
    undated = squash(ReadMemo(build_memo(memo_document.model_copy(update={"as_of": ""}))).text)
    assert "judgements of the author(s) at a date the assessment does not state," in undated
    assert "events after that date are not reflected" in undated
    assert "as of not stated" not in undated


def test_a_capex_estimate_prints_as_entered_below_a_million_and_never_in_exponent_form(
    memo_document,
):
    """2.5 (millions typed as units) printed as 2, and 999.6 million as 1e+03 m."""
    projects = memo_document.projects
    memo_document = memo_document.model_copy(
        update={
            "projects": [
                projects[0].model_copy(update={"capex_estimate": 999.6e6}),
                projects[1].model_copy(update={"capex_estimate": 2.5}),
                projects[2].model_copy(update={"capex_estimate": 1250.5}),
                *projects[3:],
            ]
        }
    )
    memo = ReadMemo(build_memo(memo_document))
    text = " ".join(memo.pages)
    currency = memo_document.currency
    assert f"capex {currency} 1 bn" in text
    assert f"capex {currency} 2.5" in text
    assert f"capex {currency} 1,250.5" in text
    assert "e+03" not in text


def test_a_capex_estimate_at_the_ends_of_what_a_file_holds_prints_as_a_number(memo_document):
    """The largest number a file holds printed 'capex USD inf bn' (its rounding to three
    digits passed it), and -0.0 'capex USD -0'."""
    projects = memo_document.projects
    memo_document = memo_document.model_copy(
        update={
            "projects": [
                projects[0].model_copy(update={"capex_estimate": 1.7976931348623157e308}),
                projects[1].model_copy(update={"capex_estimate": -0.0}),
                *projects[2:],
            ]
        }
    )
    text = " ".join(ReadMemo(build_memo(memo_document)).pages)
    currency = memo_document.currency
    assert "inf bn" not in text
    assert f"capex {currency} 179,769,313,486," in squash(text)
    assert f"capex {currency} -0" not in text
    assert f"capex {currency} 0" in text
