"""Plain paragraphs skip reportlab's markup parser, and the PDF does not change."""

from __future__ import annotations

import pytest
from reportlab.platypus.paraparser import ParaParser

from reports import styles as st
from reports.memo import build_memo


def _parser_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(st, "_plain_frags", lambda text, style: None)


@pytest.mark.parametrize(
    "text",
    [
        "Tomtor",
        "  spaced   out\twith a tab  ",
        "line one\nline two\r\nline three",
        "Томтор — 5 % «quoted» שלום 🚀 x\u0301",
        "non\u00a0breaking",
        "a" * 400,
    ],
)
def test_plain_fragments_are_what_the_parser_makes(text: str) -> None:
    style = st.styles().cell_bold
    plain = st._plain_frags(text, style)
    assert plain is not None
    cleaned, frags = plain
    parsed_style, parsed, bullet = ParaParser().parse(st.paragraph_cleaned(text), style)
    assert cleaned == st.paragraph_cleaned(text)
    assert parsed_style is style and bullet is None
    assert [f.__dict__ for f in frags] == [f.__dict__ for f in parsed]
    assert frags[0].link is not parsed[0].link  # never a list shared between paragraphs


@pytest.mark.parametrize("text", ["R&amp;D", "<b>bold</b>", "a &lt; b", "   ", ""])
def test_markup_entities_and_blank_text_go_to_the_parser(text: str) -> None:
    assert st._plain_frags(text, st.styles().body) is None


def test_memo_is_byte_identical_with_and_without_the_parser(
    memo_document, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0
    real = st._plain_frags

    def counting(text, style):  # noqa: ANN001, ANN202
        nonlocal calls
        found = real(text, style)
        calls += found is not None
        return found

    monkeypatch.setattr(st, "_plain_frags", counting)
    scenario = memo_document.scenarios[0].id
    fast = build_memo(memo_document), build_memo(memo_document, scenario)
    assert calls > 100  # most of the memo's paragraphs are plain
    _parser_only(monkeypatch)
    assert (build_memo(memo_document), build_memo(memo_document, scenario)) == fast


MARKED_UP = [
    "R&amp;D &lt;Zinc&gt; &quot;x&quot;",
    "<b>C3</b> Sanctions exposure",
    "<b>25</b><br/><font size='6.8' color='#5F6B7A'>Critical</font>",
    '<font color="#6A1B9A"><b>⊘ Excluded</b></font>',
    "<i>in <b>nested</b> tags</i>\n  and   a second  line",
    "&#169; &#x41; &nbsp;entities",
    "   ",
    "",
    "<unknown>ignored tag</unknown> kept",
    "<para align='center'>a para tag changes the style</para>",
    "<bullet>•</bullet>a bullet",
]


def _frag_dicts(value: object) -> object:
    return [f.__dict__ for f in value] if isinstance(value, list) else value


@pytest.mark.parametrize("text", MARKED_UP)
def test_marked_up_paragraphs_are_what_the_parser_makes(text: str) -> None:
    style = st.styles().cell
    reference = st.Paragraph(text, style)
    for _ in range(2):  # made once from the parse, then from the kept parse
        made = st.MemoParagraph(text, style)
        assert made.text == reference.text
        assert made.style.__dict__ == reference.style.__dict__
        assert _frag_dicts(made.bulletText) == _frag_dicts(reference.bulletText)
        assert [f.__dict__ for f in made.frags] == [f.__dict__ for f in reference.frags]


@pytest.mark.parametrize("text", ["<b>unclosed", "<b>crossed <i>tags</b></i>"])
def test_markup_the_parser_refuses_is_refused_as_before(text: str) -> None:
    style = st.styles().cell
    with pytest.raises(ValueError) as expected:
        st.Paragraph(text, style)
    with pytest.raises(ValueError) as got:
        st.MemoParagraph(text, style)
    assert str(got.value) == str(expected.value)


def test_a_repeated_text_is_parsed_once_and_shares_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    style = st.ParagraphStyle("repeat", parent=st.styles().cell)  # a style of its own
    parses = 0
    real = st._MarkupParser.parse

    def counting(self, text, style):  # noqa: ANN001, ANN202
        nonlocal parses
        parses += 1
        return real(self, text, style)

    monkeypatch.setattr(st._MarkupParser, "parse", counting)
    text = "<b>C1</b> Extraction cost &amp; recovery"
    first, second = st.MemoParagraph(text, style), st.MemoParagraph(text, style)
    assert parses == 1
    assert [f.__dict__ for f in first.frags] == [f.__dict__ for f in second.frags]
    for one, other in zip(first.frags, second.frags, strict=True):
        assert one is not other
        assert one.link is not other.link and one.us_lines is not other.us_lines
    first.frags[0].text = "changed by a layout"
    assert st.MemoParagraph(text, style).frags[0].text == "C1"


MEMO_MARKUP = [
    "R&amp;D &lt;Zinc&gt; &quot;x&quot;",
    "<b>C3</b> Sanctions exposure",
    "<b>25</b><br/><font size='6.8' color='#5F6B7A'>Critical</font>",
    '<font color="#6A1B9A"><b>⊘ Excluded</b></font>',
    "<i>in <b>nested</b> tags</i> and > a second line",
    '<font name="RRiskCJK">中国</font> 稀土 &amp; <font size="8.4">x</font>',
    '<font size="8.4">a</font><br/><font size="7.4" color="#5F6B7A">b</font><br/>',
    "<b><i>bold italic</i></b><font>no attributes</font>",
]
"""Markup as the memo writes it, which its reader takes without ``html.parser``."""


def _parse(parser: ParaParser, text: str, style: object) -> object:
    """What ``parser`` makes of ``text``: every fragment's attributes in order."""
    parser.caseSensitive = 1
    try:
        parsed_style, frags, bullet = parser.parse(text, style)
    except ValueError:
        return "refused"  # the memo then leaves the text to reportlab, which says why

    def items(frags: list | None) -> list | None:
        return None if frags is None else [list(f.__dict__.items()) for f in frags]

    return parsed_style is style, items(frags), items(bullet)


@pytest.mark.parametrize("text", MEMO_MARKUP + MARKED_UP)
def test_the_memos_markup_reader_makes_the_parsers_fragments(text: str) -> None:
    style = st.styles().cell
    st.register_fallback()  # the font of the Chinese text's markup
    text = st.paragraph_cleaned(text)
    for _ in range(2):  # the attributes read, then the attributes kept
        assert _parse(st._MarkupParser(), text, style) == _parse(ParaParser(), text, style)


@pytest.mark.parametrize("text", MEMO_MARKUP)
def test_the_memos_markup_is_read_without_html_parser(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from html.parser import HTMLParser

    def refused(self, data):  # noqa: ANN001, ANN202
        raise AssertionError(f"html.parser read {data!r}")

    st.register_fallback()
    monkeypatch.setattr(HTMLParser, "feed", refused)
    assert st._MarkupParser().parse(text, st.styles().cell)[1]


def test_memo_is_byte_identical_with_and_without_the_markup_reader(
    memo_document, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = memo_document.scenarios[0].id
    fast = build_memo(memo_document), build_memo(memo_document, scenario)
    monkeypatch.setattr(st._MarkupParser, "parse", ParaParser.parse)
    monkeypatch.setattr(st._MarkupParser, "getAttributes", ParaParser.getAttributes)
    assert (build_memo(memo_document), build_memo(memo_document, scenario)) == fast


def test_memo_is_byte_identical_with_and_without_kept_parses(
    memo_document, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = memo_document.scenarios[0].id
    fast = build_memo(memo_document), build_memo(memo_document, scenario)
    monkeypatch.setattr(st, "_markup_frags", lambda text, style: None)
    assert (build_memo(memo_document), build_memo(memo_document, scenario)) == fast


def test_every_paragraph_of_the_memo_is_broken_into_lines_once(
    memo_document, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Line breaking is most of the layout's time: a table measured, laid out and drawn, a
    # heading kept with what follows, a cell whose width is summed two ways (…356 and …354)
    # all reuse the first breaking. (The PDF is the same: see the tests above.) A paragraph
    # split between pages breaks its lines again, for a copy of its own (see
    # MemoParagraph.split): that is not counted.
    from reportlab.platypus import Paragraph

    breaks: dict[int, int] = {}
    kept: list[Paragraph] = []  # alive until the end, so that no id is reused
    real = Paragraph.breakLines
    real_split = st.MemoParagraph.split
    splitting = False

    def counting(self, widths):  # noqa: ANN001, ANN202
        if not splitting:
            breaks[id(self)] = breaks.get(id(self), 0) + 1
        kept.append(self)
        return real(self, widths)

    def split(self, width, height):  # noqa: ANN001, ANN202
        nonlocal splitting
        splitting = True
        try:
            return real_split(self, width, height)
        finally:
            splitting = False

    monkeypatch.setattr(Paragraph, "breakLines", counting)
    monkeypatch.setattr(st.MemoParagraph, "split", split)
    build_memo(memo_document)
    assert len(breaks) > 300
    twice = sum(1 for count in breaks.values() if count > 1)
    assert twice == 0, f"{twice} paragraphs broken more than once"


def test_no_parse_of_the_documents_text_is_kept_after_the_memo(memo_document) -> None:
    build_memo(memo_document)
    assert not any(st._PARSED.values())  # the desktop keeps no memo's text once exported
    assert not st._BROKEN


def _breaking_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every paragraph breaks its own lines, as reportlab does."""
    from reportlab.platypus import Paragraph

    monkeypatch.setattr(st.MemoParagraph, "breakLines", Paragraph.breakLines)


def test_paragraphs_of_one_style_and_text_share_their_line_breaks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reportlab.platypus import Paragraph

    breaks = 0
    real = Paragraph.breakLines

    def counting(self, widths):  # noqa: ANN001, ANN202
        nonlocal breaks
        breaks += 1
        return real(self, widths)

    monkeypatch.setattr(Paragraph, "breakLines", counting)
    style = st.ParagraphStyle("shared", parent=st.styles().cell)  # a style of its own
    texts = ["<b>C1</b> Sanctions exposure", "Tomtor"]
    first = [st.MemoParagraph(text, style) for text in texts]
    again = [st.MemoParagraph(text, style) for text in texts]
    for paragraph in [*first, *again]:
        paragraph.wrap(80, 1_000)
    assert breaks == 2
    for one, other in zip(first, again, strict=True):
        assert other.blPara is one.blPara and other.height == one.height
    st.MemoParagraph(texts[0], style).wrap(81, 1_000)  # another width, broken for it
    st.MemoParagraph(texts[0], st.styles().cell).wrap(80, 1_000)  # another style
    assert breaks == 4


@pytest.mark.parametrize("document", ["memo", "longest"])
def test_memo_is_byte_identical_with_and_without_shared_line_breaks(
    document: str, memo_document, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The longest texts split paragraphs with markup between pages: reportlab's split adds a
    # space to each kept line's last fragment, which a paragraph sharing the breaks drew too.
    from memo_fixtures import max_length_document_data

    from rrisk.model import parse_assessment

    chosen = memo_document if document == "memo" else parse_assessment(max_length_document_data())
    shared = build_memo(chosen)
    _breaking_alone(monkeypatch)
    assert build_memo(chosen) == shared


def test_a_derived_style_is_made_once_for_the_same_arguments() -> None:
    parent = st.styles().cell_center
    red, green = st.band_text(3), st.band_text(0)
    made = st.derived_style("score", parent, textColor=red)
    assert st.derived_style("score", parent, textColor=st.band_text(3)) is made
    other = st.derived_style("score", parent, textColor=green)
    assert other is not made and other.textColor == green and made.textColor == red
    fresh = st.ParagraphStyle("score", parent=parent, textColor=red)
    assert made.__dict__ == fresh.__dict__


def test_project_pages_share_their_styles_and_so_their_parses(
    memo_document, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A style made anew for each project page started the kept parses afresh on each page.
    assert len(memo_document.projects) > 1
    parses: dict[str, int] = {}
    real = ParaParser.parse

    def counting(self, text, style):  # noqa: ANN001, ANN202
        parses[style.name] = parses.get(style.name, 0) + 1
        return real(self, text, style)

    monkeypatch.setattr(ParaParser, "parse", counting)
    build_memo(memo_document)
    # At most once per memo (none when kept from an earlier one), not once per page: the
    # plain template, and the criterion key's empty corner.
    assert parses.get("panel_label", 0) <= 1
    assert parses.get("key_head", 0) <= 2


def test_text_is_cleaned_as_reportlab_cleans_it() -> None:
    from itertools import product

    from reportlab.platypus.paragraph import cleanBlockQuotedText

    pieces = [
        "a",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\x0b",
        "\x0c",
        "\x1c",
        "\x1f",
        "\x00",
        "é",
        "\xa0",
    ]
    for length in range(4):
        for parts in product(pieces, repeat=length):
            text = "".join(parts)
            assert st.paragraph_cleaned(text) == str(cleanBlockQuotedText(text)), repr(text)


def test_an_attribute_the_parser_refuses_is_refused_each_time() -> None:
    style = st.styles().cell
    for _ in range(2):  # not kept as read once refused
        parser = st._MarkupParser(crashOnError=False)
        _, frags, _ = parser.parse('<font bogus="1">x</font>', style)
        assert frags is None and "invalid attribute name bogus" in parser.errors[0]


def test_a_reportlab_without_the_parser_steps_reads_the_markup_with_html_parser(monkeypatch):
    """Should a later reportlab rename its parser's steps, the memo's markup is read the old way
    (the same pieces), not refused."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus.paraparser import ParaParser

    from reports import styles

    markup = 'A &amp; B <b>bold</b> <font color="#888888">grey</font><br/>end'
    style = getSampleStyleSheet()["Normal"]
    fast = styles._MarkupParser().parse(markup, style)[1]
    monkeypatch.setattr(styles, "_PARSER_STEPS", False)
    read: list[str] = []
    original = ParaParser.parse

    def counted(self, text, style):
        read.append(text)
        return original(self, text, style)

    monkeypatch.setattr(ParaParser, "parse", counted)
    slow = styles._MarkupParser().parse(markup, style)[1]
    assert read == [markup]
    assert [(f.text, f.fontName, f.textColor) for f in slow] == [
        (f.text, f.fontName, f.textColor) for f in fast
    ]


def test_an_attribute_read_in_the_paragraphs_font_size_is_read_again_for_each_style():
    """reportlab reads a ``<u>``'s width given in the paragraph's font size (``2*P``) with the
    parser's state: what it gives for one style is not kept for the next."""
    from reportlab.lib.styles import ParagraphStyle

    from reports import styles

    markup = '<u width="0.5*P">underlined</u>'
    small = ParagraphStyle("small", fontSize=10)
    large = ParagraphStyle("large", fontSize=30)
    widths = []
    for style in (small, large):
        fragments = styles._MarkupParser().parse(markup, style)[1]
        widths.append([f.us_lines[0][3] for f in fragments if getattr(f, "us_lines", None)])
    assert widths == [[5.0], [15.0]]
