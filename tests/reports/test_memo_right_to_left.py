"""Arabic and Hebrew in the PDF memo: Arabic joined (contextual forms, lam-alef ligatures),
each line in the visual order of Unicode's bidirectional algorithm, in paragraphs, table
cells and drawn strings; a memo without such text never goes near it."""

from __future__ import annotations

import io

import pytest
from docx import Document as docx_document
from pdfread import ReadMemo
from reportlab.lib.enums import TA_RIGHT

from reports import fonts, rtl
from reports.memo import build_memo
from reports.styles import _visual_lines, drawn_strings, esc, para, styles, text_width
from rrisk.glyphs import has_right_to_left, undrawable
from rrisk.templates import new_from_template
from rrisk.text import isolated

NAME = "مناجم مروي للذهب"
SHOWN = "\ufe90\ufeeb\ufeac\ufee0\ufedf \ufef1\ufeed\ufeae\ufee3 \ufee2\ufe9f\ufe8e\ufee8\ufee3"
"""The name as drawn, left to right: للذهب, مروي, مناجم, each letter in its joined form."""


def test_arabic_is_joined_and_right_to_left_text_is_in_visual_order() -> None:
    assert rtl.visual(rtl.shape(NAME)) == SHOWN
    assert rtl.visual("שלום") == "םולש"
    # A Latin name and digits inside Arabic, and Arabic inside English, both read right.
    assert rtl.visual(rtl.shape("Meroe Gold — مناجم مروي 2023")) == (
        "Meroe Gold — 2023 " + SHOWN[SHOWN.index("\ufef1") :]
    )
    assert rtl.visual(rtl.shape("مناجم مروي (Meroe) 2023.")) == (
        ".2023 (Meroe) " + SHOWN[SHOWN.index("\ufef1") :]
    )
    assert rtl.visual("Project שלום עולם, 3.5 bn") == "Project 3.5 ,םלוע םולש bn"
    # Lam followed by alef is one ligature; a percentage keeps its order.
    assert rtl.shape("لا") == "\ufefb" and rtl.shape("السلام") == "\ufe8d\ufedf\ufeb4\ufefc\ufee1"
    assert rtl.visual(rtl.shape("45% من")) == "\ufee6\ufee3 45%"
    # Vowel marks are passed over by joining, and a lam and alef they stand between are
    # still one ligature, the marks drawn on it; Persian letters join too.
    assert rtl.shape("لَا") == "\ufefb\u064e"
    salam = "\u0627\u0644\u0633\u0651\u064e\u0644\u064e\u0627\u0645"  # السَّلَام
    assert rtl.shape(salam) == "\ufe8d\ufedf\ufeb4\u0651\u064e\ufefc\u064e\ufee1"
    assert rtl.shape("بَب") == "\ufe91\u064e\ufe90"
    assert rtl.shape("پی") == "\ufb58\ufbfd"
    assert rtl.shape("Tomtor") == "Tomtor" and rtl.visual("Tomtor 2023") == "Tomtor 2023"


def test_a_long_arabic_rationale_wraps_into_lines_each_read_right_to_left_in_order() -> None:
    text = ("تخضع الشركة المشغلة لعقوبات أمريكية منذ عام 2023، ويملك الشريك حصة 51%. " * 5).strip()
    paragraph = para(text, styles().cell)
    paragraph.wrap(150, 1000)
    lines = paragraph.blPara.lines
    assert len(lines) > 4
    logical = [" ".join(words) for _, words in lines]
    # Broken in logical order, top to bottom, on the joined text: nothing lost or moved (the
    # user's text set apart from any around it by an isolate, which draws nothing).
    assert " ".join(logical) == isolated(rtl.shape(" ".join(text.split())))
    drawn, style = _visual_lines(paragraph.blPara, paragraph.style)
    assert style.alignment == TA_RIGHT  # an Arabic paragraph is set against the right
    assert [" ".join(words) for _, words in drawn.lines] == [
        run for ((_, run),) in rtl.visual_lines([[(None, line)] for line in logical], 1)
    ]
    assert paragraph.blPara.lines is lines  # drawing leaves the broken lines as they were


def test_a_wrapped_line_is_ordered_as_it_is_in_its_paragraph() -> None:
    """The levels are resolved over the paragraph: "2023-2024" after Arabic is two Arabic
    numbers, read right to left as a range, whether a line starts with it or not (at a line's
    start it was read as one European number, left to right, inside the same paragraph)."""
    text = "وشركاؤها في 2023-2024 لعقوبات"
    whole = rtl.visual(text)
    assert whole == "تابوقعل 2024-2023 يف اهؤاكرشو"
    first, second = rtl.visual_lines([[(None, "وشركاؤها في")], [(None, "2023-2024 لعقوبات")]])
    assert second == [(None, "تابوقعل 2024-2023")]
    assert first == [(None, "يف اهؤاكرشو")]
    # In an English paragraph, figures after an Arabic name stay with it on the next line.
    lines = rtl.visual_lines([[("a", "Owned by مناجم")], [("b", "2023 مروي since")]])
    assert lines == [[("a", "Owned by مجانم")], [("b", "يورم 2023 since")]]


def test_an_english_line_after_an_arabic_one_reads_left_to_right() -> None:
    paragraph = para(f"{NAME}\n⊘ Red line", styles().cell)
    paragraph.wrap(300, 1000)
    drawn, _ = _visual_lines(paragraph.blPara, paragraph.style)
    assert ["".join(frag.text for frag in line.words) for line in drawn.lines] == [
        SHOWN,
        "⊘ Red line",
    ]


def test_arabic_in_italic_text_is_set_upright_as_the_oblique_faces_have_none() -> None:
    paragraph = para(f"Quote: {NAME}", styles().cell)
    paragraph = type(paragraph)(f"<i>Quote: {esc(NAME)}</i>", styles().cell)
    paragraph.wrap(300, 1000)
    (line,) = paragraph.blPara.lines
    assert [(frag.fontName, frag.text) for frag in line.words] == [
        ("RRiskSans-Italic", "Quote: \u2068"),
        ("RRiskSans", rtl.shape(NAME)),
        ("RRiskSans-Italic", "\u2069"),  # (the isolate's marks draw nothing)
    ]
    assert undrawable(NAME) == ""  # drawable, in the upright faces


def test_drawn_strings_are_joined_and_in_visual_order_on_a_left_to_right_line() -> None:
    (string,) = drawn_strings(0, 0, f"⊘ {NAME}", "RRiskSans", 8)
    assert string.text == f"⊘ {SHOWN}"  # the mark keeps its place before the name
    assert text_width(NAME, "RRiskSans", 8) == text_width(SHOWN, "RRiskSans", 8)


def test_the_memo_prints_arabic_and_hebrew_names_joined(monkeypatch) -> None:
    drawn: set[int] = set()

    def recorded(fontname: str, subset: list[int]) -> str:
        drawn.update(subset)
        return reportlab_cmap(fontname, subset)

    reportlab_cmap = fonts._reportlab_cmap
    monkeypatch.setattr(fonts, "_reportlab_cmap", recorded)
    document = new_from_template("russia-rare-earths")
    document.title = "مشروع الذهب في السودان"
    document.project("tomtor").name = NAME
    document.project("seligdar").name = "שלום פרויקט"
    cell = document.cell("tomtor", "sanctions")
    assert cell is not None
    cell.rationale = "تخضع الشركة المشغلة لعقوبات أمريكية منذ عام 2023 لبيع السلاح."
    text = ReadMemo(build_memo(document)).text
    # Joined forms only: no Arabic letter is drawn in its isolated base form.
    assert not [code for code in drawn if 0x0621 <= code <= 0x064A]
    assert {ord(form) for form in "\ufee3\ufe8e\ufee8\ufe9f\ufee2\ufefc"} <= drawn
    # Copied or searched, each form reads as its letter, lam-alef as two: the names as typed.
    assert NAME in text and "שלום פרויקט" in text and "تخضع الشركة المشغلة لعقوبات" in text
    assert "مشروع الذهب في السودان" in text and "السلاح." in text
    assert not [ch for ch in text if "\ufb50" <= ch <= "\ufeff"]


def test_a_memo_without_right_to_left_text_never_reorders(monkeypatch) -> None:
    """Every memo without Arabic or Hebrew is as before, byte for byte: none of it passes
    through the shaping or the reordering."""

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("a memo without right-to-left text was reordered")

    for name in ("shape", "visual", "visual_runs", "visual_lines"):
        monkeypatch.setattr(rtl, name, refused)
    document = new_from_template("russia-rare-earths")
    document.project("tomtor").name = "包头稀土 Baotou Томтор"
    assert not has_right_to_left(document.project("tomtor").name)
    assert build_memo(document) == build_memo(document)


@pytest.mark.parametrize("text", ["ab", "a b", "", " ", "1 2"])
def test_text_without_strong_right_to_left_stays_as_it_is(text: str) -> None:
    assert rtl.visual(text) == text


def test_a_right_to_left_paragraph_split_across_pages_keeps_its_line_breaks():
    # The rest of a split paragraph of Arabic lines ran its lines together on the next page.
    from reports import styles as st

    s = st.styles().body
    paragraph = st.para("\n".join(f"سطر {n}" for n in range(30)), s)
    paragraph.wrap(400, 10_000)
    first, rest = paragraph.split(400, 10 * s.leading)
    rest.wrap(400, 10_000)
    assert len(first.blPara.lines) == 10
    assert len(rest.blPara.lines) == 20


PUBLISHERS = {"هسبريس": "2025-03-12", "הארץ": "2024-11-02", "ایران اینترنشنال": "2023-05"}
"""Arabic, Hebrew and Persian publishers, each with the date of its source."""


def _drawn(paragraph) -> list[str]:
    """A paragraph's lines as they are drawn, left to right (:func:`_visual_lines`)."""
    paragraph.wrap(400, 1000)
    drawn, _ = _visual_lines(paragraph.blPara, paragraph.style)
    if paragraph.blPara.kind == 0:
        return [" ".join(words) for _, words in drawn.lines]
    return ["".join(frag.text for frag in line.words) for line in drawn.lines]


@pytest.mark.parametrize("publisher", PUBLISHERS)
def test_a_date_after_a_right_to_left_publisher_keeps_its_order(publisher: str) -> None:
    """The date after an Arabic, Hebrew or Persian publisher reads as written: its digits
    were Arabic numbers after the letters (rule W2), and "هسبريس, 2025-03-12" was drawn
    "12-03-2025 ,هسبريس", a date a reader takes for 12 March."""
    from reports.styles import markup, source_origin

    date = PUBLISHERS[publisher]
    shown = rtl.visual(rtl.shape(publisher))  # the name alone, right to left
    assert rtl.visual(f"{publisher}, {date}", 0) != f"{shown}, {date}"  # (why it is isolated)
    origin = source_origin(publisher, "", date)
    assert rtl.visual(rtl.shape(origin), 0) == f"{shown}, {date}"
    assert rtl.visual(rtl.shape(origin)) == f"{date} ,{shown}"  # alone: read from the right
    evidence = markup(f"<b>C3</b> {esc(origin)} <i>“Quote”</i>", styles().cell)
    assert _drawn(evidence) == [f"C3 {shown}, {date} “Quote”"]
    # A project's name, then figures: a range, a percentage, an amount.
    name = markup(f"{esc(publisher)} 2–4 · 45% · $1,200m", styles().cell)
    assert _drawn(name) == [f"{shown} 2–4 · 45% · $1,200m"]
    # Two fields side by side in an English line each keep their place, the first on the
    # left (without isolates they read as one right-to-left phrase, the first on the right).
    both = markup(f"Owners: {esc(publisher)} · {esc(NAME)}", styles().cell)
    assert _drawn(both) == [f"Owners: {shown} · {SHOWN}"]


def test_a_field_alone_and_a_field_with_digits_of_its_own_read_as_before() -> None:
    # A paragraph of one isolated field takes the field's direction: set against the right.
    paragraph = para(NAME, styles().cell)
    assert _drawn(paragraph) == [SHOWN]
    assert _visual_lines(paragraph.blPara, paragraph.style)[1].alignment == TA_RIGHT
    # Digits inside the field are the field's: read with its words, right to left.
    assert _drawn(para("مناجم 2023-2024", styles().cell)) == [
        rtl.visual(rtl.shape("مناجم 2023-2024"))
    ]
    # The isolates' marks are never drawn, and measure nothing.
    assert text_width(isolated(NAME), "RRiskSans", 8) == text_width(NAME, "RRiskSans", 8)
    assert "\u2068" not in rtl.visual(isolated(NAME) + " 1") and rtl.visual("\u2069") == ""


def test_the_memo_prints_each_source_date_in_its_order() -> None:
    from reports.word import build_docx

    document = new_from_template("russia-rare-earths")
    for source, (publisher, date) in zip(document.sources, PUBLISHERS.items(), strict=False):
        source.publisher, source.date = publisher, date
    scenario = document.scenarios[0]
    scenario.name = "تخفيف العقوبات"
    text = ReadMemo(build_memo(document)).text
    assert "2025-03-12" in text and "12-03-2025" not in text and "11-2024" not in text
    assert not {"\u2066", "\u2067", "\u2068", "\u2069"} & set(text)
    # The Word memo: the publisher a right-to-left run, the date after a left-to-right mark
    # in a run of its own, no isolates' marks; nothing stored is changed.
    word = docx_document(io.BytesIO(build_docx(document, scenario.id)))
    runs = [
        (run.text, run._r.rPr is not None and run._r.rPr.rtl is not None)
        for paragraph in _word_paragraphs(word)
        for run in paragraph.runs
    ]
    index = runs.index(("هسبريس", True))
    assert runs[index + 1][0].startswith("\u200e, 2025-03-12") and not runs[index + 1][1]
    assert not any(set(text) & {"\u2066", "\u2067", "\u2068", "\u2069"} for text, _ in runs)
    # The header's scenario, before the as-of date: the date after a mark too.
    header = [run.text for run in word.sections[0].header.paragraphs[0].runs]
    assert header[header.index("تخفيف العقوبات") + 1].startswith("\u200e · as of 2025-11-01")
    assert document.sources[0].publisher == "هسبريس"


def _word_paragraphs(word):
    yield from word.paragraphs
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def test_a_change_line_naming_an_arabic_criterion_reads_left_to_right() -> None:
    """The changes section's "Why the indices moved" names the criterion, isolated, before
    the scores: the line is set left to right as the section's other lines, the name first
    (it took the name's direction, set against the right, the name drawn last)."""
    from reports.sections_changes import _ShownNamer
    from rrisk.compare import compare

    old = new_from_template("russia-rare-earths")
    new = new_from_template("russia-rare-earths")
    for doc in (old, new):
        doc.criterion("sanctions").name = "العقوبات"
    names = _ShownNamer(compare(old, new))
    assert names("criterion", "sanctions") == isolated("العقوبات")
    assert names("project", "tomtor") == new.project("tomtor").name  # (Latin: as it is)
    shown = rtl.visual(rtl.shape("العقوبات"))
    paragraph = para(f"{names('criterion', 'sanctions')}: cell 5×5 = 25 → 2×5 = 10", styles().cell)
    assert _drawn(paragraph) == [f"{shown}: cell 5×5 = 25 → 2×5 = 10"]
    assert _visual_lines(paragraph.blPara, paragraph.style)[1].alignment != TA_RIGHT
    # A field alone, isolated twice over, is still set against the right.
    alone = para(isolated("العقوبات"), styles().cell)
    assert _drawn(alone) == [shown]
    assert _visual_lines(alone.blPara, alone.style)[1].alignment == TA_RIGHT


@pytest.mark.parametrize("source", [False, True])
def test_a_shortened_right_to_left_text_keeps_the_note_after_it_in_order(source: bool) -> None:
    """The note after a right-to-left text cut short reads left to right, after the text, its
    brackets as written, a source's date cut or not (it was read inside the text's isolate:
    "shortened; the full text is] …", "[in the assessment")."""
    from reports.styles import clip, markup, source_origin

    title = ("تقرير طويل عن العقوبات المفروضة على شركات التعدين " * 5).strip()
    text = source_origin("", title, "2024-11-02") if source else clip(title, 200)
    drawn = " ".join(_drawn(markup(f"<b>C2</b> {esc(text)}", styles().cell)))
    assert drawn.endswith(" … [shortened; the full text is in the assessment]")
    assert drawn.startswith("C2 ")


def test_a_latin_field_ending_in_a_right_to_left_mark_keeps_the_date_after_it_in_order() -> None:
    """A right-to-left mark (U+200F) is a right-to-left letter to the bidirectional rules: a
    Latin publisher ending in one, not isolated, turned the date after it around wherever
    the rules are applied (the Word memo, the app): "Acme Mining2025-03-12 ,"."""
    from reports.styles import source_origin
    from reports.word import build_docx

    publisher, date = "Acme Mining\u200f", "2025-03-12"
    assert rtl.visual(f"{publisher}, {date}", 0) != f"{publisher}, {date}"  # (why)
    assert isolated(publisher) == f"\u2068{publisher}\u2069"
    assert rtl.visual(source_origin(publisher, "", date), 0) == f"{publisher}, {date}"
    # A left-to-right mark is of the line's own direction: the field is left as it is.
    assert isolated("Acme Mining\u200e") == "Acme Mining\u200e"
    # The Word memo: the mark a right-to-left run, the date after a left-to-right mark.
    document = new_from_template("russia-rare-earths")
    document.sources[0].publisher, document.sources[0].date = publisher, date
    word = docx_document(io.BytesIO(build_docx(document, None)))
    runs = [run.text for paragraph in _word_paragraphs(word) for run in paragraph.runs]
    assert any(
        runs[index : index + 2] == [" Acme Mining", "\u200f"]
        and runs[index + 2].startswith(f"\u200e, {date}")
        for index in range(len(runs) - 2)
    )
    # The PDF memo prints it as it did, in order.
    text = ReadMemo(build_memo(document)).text
    assert f"{publisher}, {date}" in text


@pytest.mark.parametrize(
    "text",
    [
        "Tomtor",
        "مناجم 2023",
        "12 مناجم Tomtor",
        "(1) \u200fAcme",
        "\u200e2024 הארץ",
        "",
        "— 12 —",
        f"12 {isolated('مناجم')} Tomtor",
        f"{isolated('مناجم')} ",
        f"\u2066{NAME}\u2069 x",
        "\u2067Tomtor\u2069",
        "1 \u2068\u2068Tomtor\u2069\u2069",
        "\u2069 مناجم",
        "\u2068 open",
    ],
)
def test_a_paragraphs_direction_is_its_first_strong_letters_outside_isolates(text: str) -> None:
    """One search serves text with isolates and text without: the first strong letter
    outside isolates, else the first isolate's, else left to right."""
    import unicodedata

    outside, depth, first_isolate = None, 0, None
    for char in text:
        if char in "\u2066\u2067\u2068":
            depth += 1
        elif char == "\u2069":
            depth = max(0, depth - 1)
        elif unicodedata.bidirectional(char) in ("L", "R", "AL"):
            strong = 0 if unicodedata.bidirectional(char) == "L" else 1
            if depth == 0 and outside is None:
                outside = strong
            elif depth and first_isolate is None:
                first_isolate = strong
    expected = outside if outside is not None else first_isolate or 0
    assert rtl.paragraph_level(text) == expected
