"""The Word memo: headings, real tables with the PDF's figures, charts, properties, Cyrillic."""

from __future__ import annotations

import datetime
import io
import re
import zipfile

import pytest
from docx import Document
from lxml import etree
from pdfread import ReadMemo

from reports.memo import build_memo
from reports.word import build_docx
from rrisk.fields import FieldResolver
from rrisk.fmt import fmt_index
from rrisk.scoring import score
from rrisk.templates import new_from_template


@pytest.fixture(scope="module")
def template_docx() -> tuple[bytes, object]:
    document = new_from_template("russia-rare-earths")
    return build_docx(document), document


def _open(data: bytes):
    return Document(io.BytesIO(data))


def _table_with_header(word, first: str, second: str):
    for table in word.tables:
        cells = [c.text.strip() for c in table.rows[0].cells]
        if cells[:2] == [first, second]:
            return table
    raise AssertionError(f"no table headed {first}, {second}")


def test_headings_are_word_headings(template_docx) -> None:
    word = _open(template_docx[0])
    headings = [
        (p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")
    ]
    names = [text for _, text in headings]
    for expected in ("Executive summary and recommendation", "Ranking", "Uncertainty", "Sources"):
        assert expected in names
    assert ("Heading 2", "Summary") in headings
    assert ("Heading 2", "Excluded projects") in headings
    assert any(p.style.name == "Title" for p in word.paragraphs)


def test_the_ranking_table_holds_the_pdfs_figures(template_docx) -> None:
    data, document = template_docx
    table = _table_with_header(_open(data), "Rank", "Project")
    result = score(document)
    ranked = [p for p in result.ranking() if p.rank is not None]
    rows = [[c.text.strip() for c in row.cells] for row in table.rows[1:]]
    assert [row[1] for row in rows] == [p.name for p in ranked]
    assert [row[2] for row in rows] == [fmt_index(p.index) for p in ranked]
    assert [row[4] for row in rows] == [p.band for p in ranked]
    pdf = ReadMemo(build_memo(document))
    ranking_page = next(page for page in pdf.pages if page.startswith("Ranking"))
    for row in rows:  # rank, name, index and P10–P90 as the PDF prints them
        assert f"{row[0]} {row[1]} {row[2]} {row[3]} {row[4]}" in ranking_page
    # The header row repeats on every page Word sets the table on.
    assert (
        table.rows[0]._tr.trPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
        )
        is not None
    )


def test_exclusions_scores_and_sources_are_real_tables(template_docx) -> None:
    word = _open(template_docx[0])
    excluded = _table_with_header(word, "Project", "Index")
    assert "Mineral sites in occupied Zaporizhzhia" in excluded._cells[0]._tc.xml or any(
        "Zaporizhzhia" in c.text for row in excluded.rows for c in row.cells
    )
    texts = " ".join(c.text for t in word.tables for row in t.rows for c in row.cells)
    assert "Томтор" in texts or "Томтор" in " ".join(p.text for p in word.paragraphs)
    assert "B2" in texts or "A1" in texts  # Admiralty grades in the sources table


def test_the_summary_reads_with_fields_resolved(template_docx) -> None:
    data, document = template_docx
    word = _open(data)
    body = "\n\n".join(p.text for p in word.paragraphs)
    summary = FieldResolver(document).resolve(document.summary, "summary")
    for block in summary.split("\n\n"):
        assert block in body
    assert "{{" not in body


def test_charts_are_print_resolution_images(template_docx) -> None:
    with zipfile.ZipFile(io.BytesIO(template_docx[0])) as package:
        images = [n for n in package.namelist() if n.startswith("word/media/")]
        assert len(images) >= 8  # rank ranges, two tornados, one 5×5 per project
        from PIL import Image

        picture = Image.open(io.BytesIO(package.read(images[0])))
        assert round(picture.info["dpi"][0]) == 300


def test_every_chart_has_alternative_text_saying_what_it_shows(template_docx) -> None:
    data, document = template_docx
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = package.read("word/document.xml").decode()
    pictures = re.findall(r"<wp:docPr [^>]*>", body)
    assert len(pictures) >= 8
    described = [re.search(r'descr="([^"]*)"', p) for p in pictures]
    assert all(d and d.group(1).strip() for d in described), pictures
    texts = [d.group(1) for d in described if d]
    result = score(document)
    leader = next(p for p in result.ranking() if p.rank == 1)
    # The ranges name each project with its figures; a 5×5 places each criterion by its scores.
    ranges = next(t for t in texts if t.startswith("P10 to P90"))
    assert all(p.name.replace("&", "&amp;") in ranges for p in document.projects)
    assert any(t.startswith("5×5 risk matrix") and "C1 likelihood" in t for t in texts)
    assert any(f"Risk index {fmt_index(leader.index)} as weighted" in t for t in texts)
    assert "Critical 20–25" in texts  # the heat map's legend chips read as their labels


def test_every_picture_has_an_id_of_its_own(template_docx) -> None:
    """Word takes a document whose pictures share an id for a damaged one."""
    with zipfile.ZipFile(io.BytesIO(template_docx[0])) as package:
        body = package.read("word/document.xml").decode()
    ids = re.findall(r'<wp:docPr id="(\d+)"', body)
    assert len(ids) >= 8
    assert len(set(ids)) == len(ids) and min(int(i) for i in ids) >= 1


def test_core_properties_and_fixed_dates(template_docx) -> None:
    data, document = template_docx
    properties = _open(data).core_properties
    assert properties.title == document.title
    assert properties.author == document.author
    assert "Investment committee memo" in properties.subject
    assert "Baseline" in properties.keywords and "sha256:" in properties.keywords
    assert properties.created.date().isoformat() == document.as_of
    assert properties.last_printed is None  # a memo just written was never printed
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {info.date_time[:3] for info in package.infolist()} == {(2025, 11, 1)}


def test_word_opens_the_memo_as_a_current_document(template_docx) -> None:
    """The memo was marked as a Word 2010 document, which today's Word opens in
    "Compatibility Mode" (said in its title bar, with an offer to convert it)."""
    with zipfile.ZipFile(io.BytesIO(template_docx[0])) as package:
        settings = package.read("word/settings.xml").decode()
    modes = re.findall(r'<w:compatSetting w:name="compatibilityMode"[^>]*w:val="(\d+)"', settings)
    assert modes == ["15"], modes


def test_the_text_is_british_english_for_the_spelling_check(template_docx) -> None:
    with zipfile.ZipFile(io.BytesIO(template_docx[0])) as package:
        styles = package.read("word/styles.xml").decode()
        body = package.read("word/document.xml").decode()
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S)
    assert defaults and re.search(r'<w:lang w:val="en-GB"', defaults.group(0))
    assert "<w:lang " not in body  # no run says otherwise
    assert _open(template_docx[0]).core_properties.language == "en-GB"


def test_the_package_names_rrisk_and_the_organisation_and_has_no_blank_thumbnail() -> None:
    document = new_from_template("russia-rare-earths")
    document.organisation = "Nordic <Pension> & Co"
    data = build_docx(document)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        app = package.read("docProps/app.xml").decode()
        relationships = package.read("_rels/.rels").decode()
    assert not any("thumbnail" in name for name in names)
    assert "thumbnail" not in relationships and "docProps/app.xml" in relationships
    assert "<Application>RRisk " in app and "Word" not in app
    assert "<Company>Nordic &lt;Pension&gt; &amp; Co</Company>" in app
    assert _open(data).core_properties.title == document.title  # still a package Word reads


def test_same_document_same_bytes() -> None:
    document = new_from_template("russia-rare-earths")
    document.projects[0].name = "Томтор — «Буранный» <b>&"
    first, second = build_docx(document, "sanctions-eased"), build_docx(document, "sanctions-eased")
    assert first == second
    word = _open(first)
    assert any("Томтор — «Буранный» <b>&" in p.text for p in word.paragraphs)


def test_after_a_cell_and_weight_change_the_docx_summary_quotes_the_ranking_table() -> None:
    document = new_from_template("russia-rare-earths")
    document.criterion("sanctions").weight *= 0.5
    cell = document.cell("chuktukon", "processing")
    cell.likelihood, cell.impact = 5, 5
    word = _open(build_docx(document))
    table = _table_with_header(word, "Rank", "Project")
    figures = {row.cells[1].text.split()[0]: float(row.cells[2].text) for row in table.rows[1:]}
    body = " ".join(p.text for p in word.paragraphs)
    quoted = dict(re.findall(r"(Tomtor|Seligdar|Chuktukon|Pikalevo) (?:gallium )?(\d+)[, ]", body))
    assert set(quoted) == {"Tomtor", "Seligdar", "Chuktukon", "Pikalevo"}
    # Tomtor is excluded (screening), so it sits in the exclusions, not the ranking table.
    from rrisk.scoring import score

    result = score(document)
    figures["Tomtor"] = result.project_score(result.row_of("tomtor")).index
    for name, figure in quoted.items():
        assert abs(int(figure) - figures[name]) <= 0.55, (name, figure, figures[name])


def test_no_break_spaces_typed_are_kept_as_in_the_pdf(memo_document) -> None:
    memo_document.summary = "Capex of USD\u00a01.2\u00a0bn,  \t see p.\u00a045."
    memo_document.projects[2].name = "Rio\u00a0Tinto"
    word = _open(build_docx(memo_document))
    texts = [p.text for p in word.paragraphs]
    assert "Capex of USD\u00a01.2\u00a0bn, see p.\u00a045." in texts  # other spaces folded
    assert ("Heading 2", "Rio\u00a0Tinto") in [(p.style.name, p.text) for p in word.paragraphs]
    assert not any("Rio Tinto" in text for text in texts)


def test_control_characters_do_not_break_the_package() -> None:
    document = new_from_template("russia-rare-earths")
    document.summary = "Before\x0b after"  # a vertical tab pasted from elsewhere
    word = _open(build_docx(document))
    assert any("Before" in p.text for p in word.paragraphs)


def test_the_cli_writes_a_docx(tmp_path) -> None:
    import subprocess
    import sys

    from rrisk.fileformat import save

    source, output = tmp_path / "case.rrisk", tmp_path / "memo.docx"
    save(new_from_template("russia-rare-earths"), source)
    run = subprocess.run(
        [sys.executable, "-m", "rrisk", "memo", str(source), "-o", str(output)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == str(output)
    assert _open(output.read_bytes()).core_properties.title == "Russian rare-earth joint venture"


def test_every_field_at_its_maximum_length_makes_a_valid_docx() -> None:
    from memo_fixtures import max_length_document_data

    from rrisk.model import parse_assessment

    document = parse_assessment(max_length_document_data())
    word = _open(build_docx(document))
    properties = word.core_properties
    assert len(properties.title) == 255 and properties.title.endswith("…")
    assert properties.keywords.startswith("sha256:")
    # A long organisation goes last, so the scenario and the date stay in the subject.
    assert "scenario: Baseline — as of " in properties.subject
    assert _table_with_header(word, "Rank", "Project") is not None


def test_empty_fields_leave_no_gaps_in_the_keywords() -> None:
    document = new_from_template("russia-rare-earths")
    document.classification = ""
    keywords = _open(build_docx(document)).core_properties.keywords
    assert "; ;" not in keywords and keywords.endswith("; Baseline"), keywords


@pytest.mark.parametrize("as_of", ["2108-03-01", "9999-12-31", "1979-06-30"])
def test_an_as_of_date_beyond_the_zip_calendar_still_gives_a_package(as_of: str) -> None:
    document = new_from_template("russia-rare-earths")
    document.as_of = as_of
    data = build_docx(document)
    years = {info.date_time[0] for info in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    assert years == {min(2107, max(1980, int(as_of[:4])))}
    assert any("Russian" in p.text for p in _open(data).paragraphs)


def test_headings_never_skip_a_level_and_projects_nest_under_projects(template_docx) -> None:
    levels = [
        (int(p.style.name.split()[-1]), p.text)
        for p in _open(template_docx[0]).paragraphs
        if p.style.name.startswith("Heading")
    ]
    previous = 0
    for level, text in levels:
        assert level <= previous + 1, (level, text)
        previous = level
    top = [text for level, text in levels if level == 1]
    assert "Projects" in top
    projects_at = [text for _, text in levels].index("Projects")
    document = template_docx[1]
    first = document.projects[int(score(document).order[0])].name
    assert levels[projects_at + 1] == (2, first)


def test_sibling_sub_headings_share_their_level(template_docx) -> None:
    """Each compared scenario is a heading of the same level (Word's navigation and table of
    contents nest the second under the first otherwise)."""
    levels = [
        (int(p.style.name.split()[-1]), p.text)
        for p in _open(template_docx[0]).paragraphs
        if p.style.name.startswith("Heading")
    ]
    texts = [text for _, text in levels]
    start = texts.index("Scenarios compared with the baseline")
    names = {scenario.name for scenario in template_docx[1].scenarios}
    under = [(level, text) for level, text in levels[start + 1 :] if text in names]
    assert len(under) == len(names) >= 2
    assert {level for level, _ in under} == {levels[start][0] + 1}


def test_every_page_names_the_scenario_and_as_of_date_and_the_cover_has_no_header() -> None:
    document = new_from_template("russia-rare-earths")
    scenario = document.scenarios[0]
    section = _open(build_docx(document, scenario.id)).sections[0]
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0].text
    assert header.startswith(document.title)  # the title heads the page, as in the PDF
    assert scenario.name in header and document.as_of in header
    assert not "".join(p.text for p in section.first_page_header.paragraphs)
    for footer in (section.footer, section.first_page_footer):
        assert footer.paragraphs[0].text.startswith(document.classification.upper())


def test_a_long_title_classification_and_scenario_keep_header_and_footer_on_one_line() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from reports.fonts import REGULAR, register_fonts

    register_fonts()
    document = new_from_template("russia-rare-earths")
    document.title = "Joint venture " * 30
    document.classification = "Strictly confidential, committee members only " * 4
    document.scenarios[0].name = "Sanctions eased " * 12
    section = _open(build_docx(document, document.scenarios[0].id)).sections[0]
    footer = section.footer.paragraphs[0].text
    header = section.header.paragraphs[0].text
    assert footer.count("…") == 1 and header.count("…") == 2
    assert header.startswith("Joint venture") and footer.startswith("STRICTLY CONFIDENTIAL")
    line = (section.page_width - section.left_margin - section.right_margin) / 12700  # points
    for text in (footer + " of 999", header):
        assert stringWidth(text, REGULAR, 8) < line


def test_a_chinese_scenario_leaves_the_title_the_room_it_takes_in_the_header() -> None:
    from reports.fonts import REGULAR, register_fonts
    from reports.styles import text_width

    register_fonts()
    document = new_from_template("russia-rare-earths")
    document.title = "Joint venture " * 30
    document.scenarios[0].name = "美国欧盟英国制裁风险与出口管制进一步收紧"
    section = _open(build_docx(document, document.scenarios[0].id)).sections[0]
    header = section.header.paragraphs[0].text
    assert "美国欧盟英国制裁" in header and header.count("…") == 2
    line = (section.page_width - section.left_margin - section.right_margin) / 12700  # points
    # Within the line the header is cut to, a sixth held back for a wider font than Calibri
    # (the scenario's characters were measured at half their width: 452 of 402 points).
    assert text_width(header, REGULAR, 8) <= line * 5 / 6


@pytest.mark.parametrize("character", ["\ufffe", "\uffff"])
def test_a_non_character_in_the_title_or_classification_still_gives_a_package(
    character: str,
) -> None:
    document = new_from_template("russia-rare-earths")
    document.title = f"Joint{character} venture"
    document.classification = f"Secret{character}"
    section = _open(build_docx(document)).sections[0]
    footer = section.footer.paragraphs[0].text
    header = section.header.paragraphs[0].text
    assert "Joint\ufffd venture" in header and "SECRET\ufffd" in footer


def test_heat_map_labels_have_room_for_two_lines_and_chips_fit_their_cells(
    template_docx,
) -> None:
    from docx.shared import Pt

    from reports.word.story import CELL_MARGIN, PICTURE_SLACK

    word = _open(template_docx[0])
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    extent = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"
    labels = pictures = 0
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                properties = cell._tc.tcPr
                if properties is not None and properties.find(f"{w}textDirection") is not None:
                    # a rotated label: padded 1 pt a side, its lines set with no space after
                    labels += 1
                    assert properties.find(f"{w}tcMar/{w}left").get(f"{w}w") == "20"
                    assert cell.paragraphs[0].paragraph_format.space_after == Pt(0)
                for picture in cell._tc.iter(extent):
                    # a chart or chip: no wider than the cell less its 3 pt padding a side
                    # and the slack LibreOffice needs
                    pictures += 1
                    room = cell.width - Pt(2 * CELL_MARGIN + PICTURE_SLACK)
                    assert PICTURE_SLACK > 0 and int(picture.get("cx")) <= room + 1, cell.width
    assert labels >= len(template_docx[1].criteria)
    assert pictures


def test_the_heat_maps_label_row_is_as_tall_as_its_longest_label_and_labels_are_centred(
    memo_document,
) -> None:
    """The PDF sizes the row of rotated criterion names to the longest, up to 92 pt, a
    longer name cut with an ellipsis: the Word memo's row is that height (with room for
    Word's face), not 92 pt whatever the names, and its labels are centred across their
    columns, as in the PDF, not set against the left edge."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from reports.fonts import BOLD, register_fonts

    register_fonts()
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def label_row(document) -> tuple[float, str, list]:
        word = _open(build_docx(document))
        for table in word.tables:
            for row in table.rows:
                rotated = [
                    cell
                    for cell in row.cells
                    if cell._tc.tcPr is not None
                    and cell._tc.tcPr.find(f"{w}textDirection") is not None
                ]
                if rotated:
                    height = row._tr.trPr.find(f"{w}trHeight")
                    return int(height.get(f"{w}val")) / 20, height.get(f"{w}hRule"), rotated
        raise AssertionError("no row of rotated labels")

    for criterion, name in zip(memo_document.criteria, ("Sanctions", "Market", "Tax"), strict=True):
        criterion.name = name
    height, rule, cells = label_row(memo_document)
    assert [cell.text for cell in cells] == ["C1 Sanctions", "C2 Market", "C3 Tax"]
    longest = stringWidth("C1 Sanctions", BOLD, 7.2)
    assert rule == "atLeast"
    assert longest + 2 < height < (longest + 2) * 1.2 < 60
    for cell in cells:
        assert cell._tc.tcPr.find(f"{w}vAlign").get(f"{w}val") == "center"
    # A name longer than three lines of the cap is cut with an ellipsis; the row keeps the cap.
    memo_document.criteria[1].name = "Market access " * 30
    height, rule, cells = label_row(memo_document)
    assert 92 < height < 92 * 1.2
    assert cells[1].text.endswith("…") and len(cells[1].text) < 200


def test_a_tables_heading_and_introduction_stay_on_the_page_of_its_first_row(
    template_docx,
) -> None:
    from docx.oxml.ns import qn

    data, _document = template_docx
    body = _open(data).element.body
    children = list(body)
    top_risks = 0
    for position, child in enumerate(children):
        if child.tag != qn("w:tbl") or position == 0:
            continue
        before = children[position - 1]
        assert before.tag == qn("w:p")
        properties = before.find(qn("w:pPr"))
        assert properties is not None and properties.find(qn("w:keepNext")) is not None
        text = "".join(t.text or "" for t in before.iter(qn("w:t")))
        if text.startswith("The 3 highest cell risks"):
            heading = children[position - 2]
            assert "".join(t.text or "" for t in heading.iter(qn("w:t"))) == "Top risks"
            top_risks += 1
    assert top_risks == 7  # one per project


@pytest.mark.parametrize(
    ("as_of", "dated"),
    [("0001-01-01", False), ("0999-12-31", False), ("Q3 2026", False), ("9999-12-31", True)],
)
def test_core_property_dates_are_w3cdtf_whatever_the_as_of_date(as_of: str, dated: bool) -> None:
    """Word reads the core properties' dates as W3CDTF (a four-digit year); an as-of date the
    format cannot hold leaves the memo undated instead of writing ``1-01-01``."""
    document = new_from_template("russia-rare-earths")
    document.as_of = as_of
    with zipfile.ZipFile(io.BytesIO(build_docx(document))) as package:
        core = package.read("docProps/core.xml").decode()
    dates = re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core)
    assert len(dates) == (2 if dated else 0)
    for date in dates:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", date), date


@pytest.mark.parametrize("hours", [-12, -5, 0, 5.5, 9, 11])
def test_word_shows_the_as_of_day_as_the_memos_date_in_the_readers_time_zone(
    hours: float,
) -> None:
    """Word shows the created and modified dates in the reader's time zone: dated midnight
    UTC, a memo as of 1 November showed as created on 31 October in New York."""
    document = new_from_template("russia-rare-earths")
    properties = _open(build_docx(document)).core_properties
    zone = datetime.timezone(datetime.timedelta(hours=hours))
    for stamp in (properties.created, properties.modified):
        shown = stamp.replace(tzinfo=datetime.UTC).astimezone(zone)
        assert shown.date().isoformat() == document.as_of


def test_a_memo_without_an_as_of_date_carries_no_made_up_date() -> None:
    """Word's File → Info showed a memo without an as-of date as created and last modified on
    1 January 2000; it shows no date now, and the file is still the same bytes each time."""
    document = new_from_template("russia-rare-earths")
    document.as_of = ""
    data = build_docx(document)
    properties = _open(data).core_properties
    assert properties.created is None and properties.modified is None
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        core = package.read("docProps/core.xml").decode()
    assert "2000-01-01" not in core and "2013" not in core, core
    assert build_docx(document) == data


def test_the_footer_prints_the_classification_whole_and_no_empty_part() -> None:
    """The PDF prints a marking whole; the Word footer cut it to "RESTRICTED — FOR MEMBERS…"
    on every page. An empty classification left "Title ·  · Page"."""
    document = new_from_template("russia-rare-earths")
    marking = "Restricted — for members of the investment committee and their advisers only"
    document.classification = marking
    footer = _open(build_docx(document)).sections[0].footer.paragraphs[0].text
    assert marking.upper() in footer
    document.classification = ""
    footer = _open(build_docx(document)).sections[0].footer.paragraphs[0].text
    assert footer.startswith("Page ") and "·  ·" not in footer


def test_sizes_and_bold_hold_for_right_to_left_scripts_too() -> None:
    """Word sizes and emboldens Arabic and Hebrew text by w:szCs and w:bCs: with w:sz and
    w:b alone, names in 7.5 pt tables printed at 11 pt and not bold."""
    from docx.oxml.ns import qn

    document = new_from_template("russia-rare-earths")
    document.projects[0].name = "منجم تومتور"
    word = _open(build_docx(document))
    runs = [
        run
        for table in word.tables
        for row in table.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
        for run in paragraph.runs
        if "منجم" in run.text
    ]
    assert runs
    for run in runs:
        properties = run._r.find(qn("w:rPr"))
        size = properties.find(qn("w:sz"))
        if size is not None:
            assert properties.find(qn("w:szCs")).get(qn("w:val")) == size.get(qn("w:val"))
        if properties.find(qn("w:b")) is not None:
            assert properties.find(qn("w:bCs")) is not None
    assert any(run._r.find(qn("w:rPr")).find(qn("w:sz")) is not None for run in runs)
    normal = word.styles["Normal"].element.find(qn("w:rPr"))
    assert normal.find(qn("w:szCs")).get(qn("w:val")) == "20"  # 10 pt


def test_the_progress_moves_while_the_word_document_is_written() -> None:
    # Writing the parts is most of a large memo's time: the bar stood at 70% throughout.
    reports: list[tuple[int, str]] = []
    build_docx(new_from_template("russia-rare-earths"), progress=lambda *a: reports.append(a))
    writing = [percent for percent, stage in reports if stage == "Writing the Word document"]
    assert len(set(writing)) > 2
    assert writing == sorted(writing) and writing[0] >= 70 and writing[-1] < 100
    assert reports[-1] == (100, "Done")


def test_a_cancel_stops_the_word_document_before_its_next_part(monkeypatch) -> None:
    """Cancel was looked at every 50 parts: up to 7 s later at 300 × 30."""
    from reports.memo import MemoCancelled
    from reports.word.story import StoryWriter

    reports: list[str] = []
    after_cancel: list[object] = []
    depth = [0]
    write = StoryWriter.flowable

    def cancelled() -> bool:
        return reports.count("Writing the Word document") >= 2  # the first part is under way

    def counted(self, item, container, width) -> None:  # noqa: ANN001 - as StoryWriter's
        if depth[0] == 0 and cancelled():
            after_cancel.append(item)  # a part of the document begun after the Cancel
        depth[0] += 1
        try:
            write(self, item, container, width)
        finally:
            depth[0] -= 1

    monkeypatch.setattr(StoryWriter, "flowable", counted)
    with pytest.raises(MemoCancelled):
        build_docx(
            new_from_template("russia-rare-earths"),
            progress=lambda _percent, stage: reports.append(stage),
            cancelled=cancelled,
        )
    assert len(after_cancel) == 1  # the part the Cancel came during, and no other


def test_a_memo_open_in_word_is_kept_and_the_message_says_to_close_it(
    tmp_path, monkeypatch
) -> None:
    """Windows refuses to replace a file Word holds open; the export said only "could not be
    saved (Access is denied)", which reads as a matter of rights."""
    import os

    from reports.word import write_docx
    from rrisk.errors import FileFormatError

    target = tmp_path / "memo.docx"
    target.write_bytes(b"the memo open in Word")

    def held_open(source: str, destination: str) -> None:
        raise PermissionError(13, "Access is denied")

    monkeypatch.setattr(os, "replace", held_open)
    document = new_from_template("russia-rare-earths")
    with pytest.raises(FileFormatError) as caught:
        write_docx(document, target)
    assert str(caught.value) == (
        f"{target}: could not be replaced (Access is denied) and is kept as it was; if another "
        "program has it open, close it there and try again"
    )
    assert target.read_bytes() == b"the memo open in Word"
    assert [path.name for path in tmp_path.iterdir()] == ["memo.docx"]


W_MAIN = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _runs_holding(data: bytes, text: str) -> list[tuple[str, object]]:
    """(part, run) of every run in the body, headers and footers whose text holds ``text``."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if not re.fullmatch(r"word/(document|header\d+|footer\d+)\.xml", name):
                continue
            root = etree.fromstring(package.read(name))
            for run in root.iter(f"{W_MAIN}r"):
                if text in "".join(t.text or "" for t in run.iter(f"{W_MAIN}t")):
                    found.append((name, run))
    return found


@pytest.mark.parametrize(
    ("name", "language", "face"),
    [
        ("北京稀土项目", "zh-CN", "Microsoft YaHei"),
        ("東京レアアース株式会社", "ja-JP", "Yu Gothic"),
        ("서울 희토류 프로젝트", "ko-KR", "Malgun Gothic"),
    ],
)
def test_chinese_japanese_and_korean_text_names_its_east_asian_face_and_language(
    memo_document, name: str, language: str, face: str
) -> None:
    """Word sets CJK characters in a run's East Asian face, not its Calibri: with none named
    and the language left English, it picked a face of its own, or drew boxes."""
    memo_document.projects[0].name = name
    memo_document.title = f"{name} memo"
    memo_document.classification = f"{name} only"
    data = build_docx(memo_document)
    # Each word: the memo sets the spaces between them apart, as the PDF does.
    runs = [found for word in name.split() for found in _runs_holding(data, word)]
    parts = {part for part, _ in runs}
    assert "word/document.xml" in parts and any("header" in p for p in parts)
    assert any("footer" in p for p in parts)
    for _, run in runs:
        properties = run.find(f"{W_MAIN}rPr")
        assert properties.find(f"{W_MAIN}rFonts").get(f"{W_MAIN}eastAsia") == face
        assert properties.find(f"{W_MAIN}lang").get(f"{W_MAIN}eastAsia") == language
    # Text without such characters is left as it was.
    for _, run in _runs_holding(data, "Chuktukon"):
        properties = run.find(f"{W_MAIN}rPr")
        assert properties is None or properties.find(f"{W_MAIN}lang") is None


def test_right_to_left_text_is_marked_right_to_left_and_nothing_else_is(memo_document) -> None:
    """Word orders a run's spaces and punctuation, and picks its face, by ``w:rtl``: Arabic
    and Hebrew in runs marked left to right (which the standard leaves undefined) could show
    their words in reverse order."""
    memo_document.projects[0].name = "مشروع القاهرة (Cairo)"
    memo_document.title = "פרויקט חיפה memo"
    memo_document.sources[0].title = "Report: דו״ח הארץ"
    memo_document.cells["tomtor"]["sanctions"].evidence[0].quote = "ציטוט מהדו״ח"
    data = build_docx(memo_document)
    marked = {}
    italic = 0
    for part, run in _runs_holding(data, ""):
        text = "".join(t.text or "" for t in run.iter(f"{W_MAIN}t"))
        properties = run.find(f"{W_MAIN}rPr")
        rtl = properties is not None and properties.find(f"{W_MAIN}rtl") is not None
        if rtl:
            language = properties.find(f"{W_MAIN}lang").get(f"{W_MAIN}bidi")
            marked.setdefault((text, language), set()).add(part)
            if properties.find(f"{W_MAIN}i") is not None:  # a quote: italic in its own script
                assert properties.find(f"{W_MAIN}iCs") is not None
                italic += 1
        else:
            assert not re.search("[\u0590-\u06ff]", text), text
    # The words of one name in one run, the brackets and Latin around them outside it.
    assert "word/document.xml" in marked[("مشروع القاهرة", "ar-SA")]
    assert "word/document.xml" in marked[("דו״ח הארץ", "he-IL")]
    assert "word/header1.xml" in marked[("פרויקט חיפה", "he-IL")]
    assert italic and ("ציטוט מהדו״ח", "he-IL") in marked
