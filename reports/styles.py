"""Typography, colours and small text helpers shared by every memo section.

All user text passes :func:`esc` (or :func:`para`, which calls it) before it reaches
reportlab's paragraph markup, so a name such as ``R&D <b>Zinc</b>`` prints literally.
"""

from __future__ import annotations

import math
import re
import weakref
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, TableStyle, paraparser
from reportlab.platypus.paragraph import _FUZZ, cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from reports.fonts import (
    BOLD,
    BOLD_ITALIC,
    FAMILY,
    ITALIC,
    REGULAR,
    cjk_markup,
    register_fallback,
    register_fonts,
)
from reports.shapes import String
from rrisk import palette
from rrisk.fmt import fmt_index as fmt_index  # one rounding for tables and narrative fields
from rrisk.fmt import fmt_index_change as _fmt_index_change
from rrisk.fmt import fmt_interval as fmt_interval
from rrisk.fmt import fmt_percent as fmt_percent
from rrisk.fmt import fmt_probability as fmt_probability
from rrisk.fmt import plain_number
from rrisk.glyphs import ARABIC, fallback_runs, has_right_to_left
from rrisk.limits import MEMO_CELL_TEXT
from rrisk.text import isolated

PAGE_MARGIN_X = 20 * mm
PAGE_MARGIN_TOP = 22 * mm
PAGE_MARGIN_BOTTOM = 20 * mm
FRAME_HEIGHT = A4[1] - PAGE_MARGIN_TOP - PAGE_MARGIN_BOTTOM
"""The height of the memo's one frame a page: the tallest a paragraph can be on a page."""

INK = colors.HexColor(palette.INK)
MUTED = colors.HexColor(palette.MUTED)
ACCENT = colors.HexColor(palette.ACCENT)
RED_LINE = colors.HexColor(palette.RED_LINE)
RULE = colors.HexColor("#C9D1DA")
HAIRLINE = colors.HexColor("#E3E8ED")
HEADER_FILL = colors.HexColor("#EAF0F6")
PANEL_FILL = colors.HexColor("#F5F7FA")
ZEBRA_FILL = colors.HexColor("#FAFBFC")
UNASSESSED_FILL = colors.HexColor(palette.UNASSESSED_FILL)
UNASSESSED_TEXT = colors.HexColor(palette.UNASSESSED_TEXT)

BODY_SIZE = 9.5
TABLE_SIZE = 8.3


def band_fill(band: int) -> colors.Color:
    """Fill colour of a band (0–3, -1 unassessed)."""
    return colors.HexColor(palette.band_fill(band))


def band_text(band: int) -> colors.Color:
    """Readable text colour on a band's fill."""
    return colors.HexColor(palette.band_text(band))


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters (C0 but tab and line breaks, DEL, C1): never printed as raw bytes."""
REPLACEMENT = "\ufffd"


def printable(text: object, replacement: str = REPLACEMENT) -> str:
    """User text with control characters replaced (so that a stray NUL or ESC shows as �)."""
    return _CONTROL.sub(replacement, str(text))


def drawn_text(text: object, replacement: str = REPLACEMENT) -> str:
    """User text drawn on one line (a page header, a chart label): control characters
    replaced, and tabs and line breaks, which a drawn string shows as boxes, made spaces."""
    return " ".join(printable(text, replacement).split())


def metadata_text(text: object) -> str:
    """User text for the PDF's metadata: control characters dropped, lines joined."""
    return drawn_text(text, "")


def esc(text: object) -> str:
    """Escape user text for paragraph markup; keep line breaks as breaks; Chinese, Japanese
    and Korean runs are set in the fallback font (:func:`reports.fonts.cjk_markup`); each
    line holding right-to-left text is isolated from the text around it
    (:func:`rrisk.text.isolated`), so a date or a figure after it keeps its order."""
    # &, <, > and " as entities (xml.sax.saxutils would do the same, but importing it pulls
    # in urllib and http.client: ~20 ms of every memo's start).
    escaped = (
        printable(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )
    escaped = escaped.replace("\r\n", "\n").replace("\r", "\n")
    if has_right_to_left(escaped):
        escaped = "\n".join(map(isolated, escaped.split("\n")))
    return cjk_markup(escaped.replace("\n", "<br/>"))


def _visual(text: str) -> str:
    """One line of drawn text as it is drawn: Arabic joined, right-to-left text in visual order
    (:mod:`reports.rtl`, imported only for such text); any other text as it is.

    The line is set left to right, the memo's direction, as the Word memo sets its lines: a
    name drawn after a mark ("⊘ مناجم مروي") or beside English ("Sudan gold — مشروع …") keeps
    its place in the line, its words read right to left."""
    if not has_right_to_left(text):
        return text
    from reports import rtl

    return rtl.visual(rtl.shape(text), 0)


def text_width(text: str, font: str, size: float) -> float:
    """The width of drawn ``text`` in ``font``, its Chinese, Japanese and Korean runs measured
    in the fallback font they are drawn in (:func:`draw_text`, :func:`drawn_strings`), and
    Arabic in the joined forms it is drawn in."""
    if has_right_to_left(text):
        from reports import rtl

        text = rtl.shape(text)
    return _drawn_width(text, font, size)


def _drawn_width(text: str, font: str, size: float) -> float:
    """The width of ``text`` as it is drawn (already shaped)."""
    runs = fallback_runs(text)
    if runs is None:
        return stringWidth(text, font, size)
    cjk = register_fallback()
    return sum(stringWidth(run, cjk if fallback else font, size) for run, fallback in runs)


def draw_text(
    canvas: Any, x: float, y: float, text: str, font: str, size: float, anchor: str = "start"
) -> None:
    """Draw ``text`` on ``canvas``, whose font is already ``font`` at ``size``, from ``x``
    (``anchor`` "end": ending at ``x``), its Chinese, Japanese and Korean runs in the fallback
    font (bold text too: the fallback has no bold), Arabic joined and right-to-left text in
    visual order."""
    text = _visual(text)
    runs = fallback_runs(text)
    if runs is None:
        if anchor == "end":
            canvas.drawRightString(x, y, text)
        else:
            canvas.drawString(x, y, text)
        return
    cjk = register_fallback()
    if anchor == "end":
        x -= _drawn_width(text, font, size)
    for run, fallback in runs:
        face = cjk if fallback else font
        canvas.setFont(face, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, face, size)
    canvas.setFont(font, size)


def drawn_strings(
    x: float, y: float, text: str, font: str, size: float, anchor: str = "start", **kw: Any
) -> list[String]:
    """A chart's string: one ``String`` of ``text``, or, when it holds Chinese, Japanese or
    Korean runs, one per run, each in its font (the fallback's regular face in bold text),
    placed along the line as ``anchor`` ("start", "middle", "end") would place the whole;
    Arabic joined and right-to-left text in visual order."""
    text = _visual(text)
    runs = fallback_runs(text)
    if runs is None:
        return [String(x, y, text, fontName=font, fontSize=size, textAnchor=anchor, **kw)]
    cjk = register_fallback()
    width = _drawn_width(text, font, size)
    x -= {"start": 0.0, "middle": width / 2, "end": width}[anchor]
    strings = []
    for run, fallback in runs:
        face = cjk if fallback else font
        strings.append(String(x, y, run, fontName=face, fontSize=size, textAnchor="start", **kw))
        x += stringWidth(run, face, size)
    return strings


_UNCLEAN_ASCII = re.compile(r"[\t\n\x0b\x0c\r\x1c-\x1f]|  |^ | $")
"""What reportlab's cleaning changes in ASCII text: white space other than single spaces
between words."""


def paragraph_cleaned(text: str) -> str:
    """Text as a reportlab paragraph keeps it: lines joined, runs of white space made one."""
    if text.isascii() and _UNCLEAN_ASCII.search(text) is None:
        return text  # nothing to clean (most of the memo's texts)
    return str(cleanBlockQuotedText(text))


_PLAIN_FRAG: weakref.WeakKeyDictionary[ParagraphStyle, ParaFrag] = weakref.WeakKeyDictionary()


def _plain_frags(text: str, style: ParagraphStyle) -> tuple[str, list[ParaFrag]] | None:
    """The text and fragments reportlab's parser would make of ``text``, when it is plain.

    Plain means no tag and no entity (no ``<``, no ``&``): the parser then makes one fragment
    of the style's font, size and colour holding the text as ``cleanBlockQuotedText`` leaves
    it. That fragment is made here from the style's own, parsed once per style, without
    building a parser per paragraph (most of the memo's ~1,600 paragraphs are plain).
    Anything else, or text that cleans to nothing, goes to the parser.
    """
    if "<" in text or "&" in text:
        return None
    cleaned = paragraph_cleaned(text)
    if not cleaned:
        return None
    template = _PLAIN_FRAG.get(style)
    if template is None:
        _, parsed, _ = _MarkupParser().parse("x", style)
        if not parsed or len(parsed) != 1:
            return None
        template = _PLAIN_FRAG[style] = parsed[0]
    # New lists, as each parse makes them: reportlab may add to a fragment's own.
    frags = [template.clone(text=cleaned, link=[], us_lines=[])]
    textTransformFrags(frags, style)
    return cleaned, frags


_MARKUP_TOKENS = re.compile(
    r"([^<&]+)"  # text
    r"|&(amp|lt|gt|quot);"  # the entities esc() writes
    r"|<(b|i|font)((?:\s+[a-z]+=(?:\"[^\"<>&]*\"|'[^'<>&]*'))*)>"
    r"|</(b|i|font)>"
    r"|<br/>"
)
_MARKUP_ATTRIBUTE = re.compile(r"\s+([a-z]+)=(?:\"([^\"]*)\"|'([^']*)')")
_PARSER_STEPS = all(
    callable(getattr(ParaParser, name, None)) for name in ("_setup_for_parse", "_complete_parse")
)
"""Whether this reportlab's parser has the two steps :class:`_MarkupParser` calls around its
own reading (reportlab 4's; a release without them reads every text with ``html.parser``)."""
_ATTRIBUTES: dict[tuple[Any, ...], dict[str, Any]] = {}
"""Tag attributes as reportlab reads them, by their text: the memo writes a few colours and
sizes, each read (a colour through several parsers in turn) for every tag alike."""


_PARSER_READERS = getattr(paraparser, "_ExValidate", None)
"""reportlab's attribute readers that read the parser's state (a ``<u>``'s width in the
paragraph's font size): what they give is not kept, as it may differ from one text to the next."""


def _reads_parser(attr: dict[str, Any], attrMap: dict[str, Any]) -> bool:  # noqa: N803
    """Whether an attribute of ``attr`` is read with the parser's state (or that is unknown)."""
    if _PARSER_READERS is None:
        return True
    return any(
        isinstance(attrMap.get(name.lower(), (None, None))[1], _PARSER_READERS) for name in attr
    )


class _MarkupParser(ParaParser):
    """reportlab's paragraph parser, its markup read without ``html.parser`` when it holds
    only what the memo writes: text, the entities :func:`esc` makes, ``<b>``, ``<i>``,
    ``<font …>`` with quoted attributes, and ``<br/>``. The parser's own handlers get the
    calls ``html.parser`` would make, in the same order, so the fragments are the same;
    any other markup is read by ``html.parser`` as before."""

    def parse(self, text: str, style: Any) -> Any:
        if not _PARSER_STEPS:
            return super().parse(text, style)
        tokens = []
        end = 0
        for token in _MARKUP_TOKENS.finditer(text):
            if token.start() != end:
                return super().parse(text, style)
            end = token.end()
            tokens.append(token.groups())
        if end != len(text):
            return super().parse(text, style)
        self._setup_for_parse(style)
        self.handle_starttag("para", [])
        for data, entity, tag, attributes, closing in tokens:
            if data is not None:
                self.handle_data(data)
            elif entity is not None:
                self.handle_entityref(entity)
            elif tag is not None:
                pairs = [
                    (name, double or single)  # one of the two is empty: the other quote's
                    for name, double, single in _MARKUP_ATTRIBUTE.findall(attributes)
                ]
                self.handle_starttag(tag, pairs)
            elif closing is not None:
                self.handle_endtag(closing)
            else:  # <br/>, as html.parser hands on a self-closing tag
                self.handle_starttag("br", [])
                self.handle_endtag("br")
        self.handle_endtag("para")
        return self._complete_parse()

    def getAttributes(self, attr: dict[str, Any], attrMap: dict[str, Any]) -> dict[str, Any]:  # noqa: N802, N803 - reportlab API
        key = (id(attrMap), *attr.items())
        kept = _ATTRIBUTES.get(key)
        if kept is None:
            errors = len(self.errors)
            kept = super().getAttributes(attr, attrMap)
            if len(self.errors) > errors or _reads_parser(attr, attrMap):
                return kept  # an error is said again for each tag, as the parser does
            _ATTRIBUTES[key] = kept
        return dict(kept)


_PARSED: weakref.WeakKeyDictionary[ParagraphStyle, dict[str, list[ParaFrag]]] = (
    weakref.WeakKeyDictionary()
)
_PARSED_PER_STYLE = 2_000
"""Parsed texts kept per style; the store starts afresh when full (a memo of 500 projects
has tens of thousands of distinct texts, the template's ~370)."""


def forget_parses() -> None:
    """Drop the kept parses and line breaks (the end of a memo: they hold the document's
    text)."""
    _PARSED.clear()
    _BROKEN.clear()


def _markup_frags(text: str, style: ParagraphStyle) -> tuple[str, list[ParaFrag]] | None:
    """The text and fragments reportlab's parser makes of ``text`` with markup, parsing each
    distinct text once per style.

    Half of the template memo's ~840 marked-up paragraphs repeat one another (a criterion's
    code and name on every project page, a grade and its meaning). The parse is kept and each
    paragraph gets copies of its fragments, with lists of their own, as the parser would make
    them (layout and drawing may change a paragraph's fragments). Text the parser refuses,
    and markup that changes the style or adds a bullet, go to the parser as before.
    """
    cleaned = paragraph_cleaned(text)
    store = _PARSED.get(style)
    if store is None:
        store = _PARSED[style] = {}
    parsed = store.get(cleaned)
    if parsed is None:
        parser = _MarkupParser()
        parser.caseSensitive = 1  # as Paragraph sets it
        try:
            parsed_style, parsed, bullet = parser.parse(cleaned, style)
        except Exception:  # reportlab words the error when the paragraph is made
            return None
        if parsed is None or bullet or parsed_style is not style:
            return None
        if len(store) >= _PARSED_PER_STYLE:
            store.clear()
        store[cleaned] = parsed
    frags = [
        frag.clone(**{k: list(v) for k, v in frag.__dict__.items() if isinstance(v, list)})
        for frag in parsed
    ]
    textTransformFrags(frags, style)
    return cleaned, frags


_SAME_WIDTH = 1e-6
"""Widths closer than this (points) are one width to the line breaking."""

_BROKEN: dict[tuple[Any, ...], tuple[Any, float, int, int]] = {}
"""Line breaks kept by style, text and widths, for every paragraph of that style and text
(:meth:`MemoParagraph.breakLines`)."""
_BROKEN_KEPT = 20_000
"""Line breaks kept at most; the store starts afresh when full (the memo of 120 projects × 25
criteria breaks 1,763 distinct texts at their widths, the template's 864)."""


_UPRIGHT = {ITALIC: REGULAR, BOLD_ITALIC: BOLD}
"""The upright face Arabic in italic text is set in (DejaVu's oblique faces have no Arabic)."""


def _shaped_frags(frags: list[Any]) -> list[Any]:
    """A paragraph's fragments as its lines are broken and drawn: Arabic joined
    (:func:`reports.rtl.shape`) and, in italic text, set upright, run by run. Joining works
    within a word, so breaking the shaped text between words breaks it where the text would
    break."""
    from reports import rtl

    shaped = []
    for frag in frags:
        text = getattr(frag, "text", None)
        if not text or hasattr(frag, "words") or not has_right_to_left(text):
            shaped.append(frag)  # (a split paragraph's fragments: shaped already)
            continue
        text = rtl.shape(text)
        upright = _UPRIGHT.get(frag.fontName)
        if upright is None or ARABIC.search(text) is None:
            shaped.append(frag.clone(text=text))
            continue
        start = 0
        for run in ARABIC_RUN.finditer(text):
            if run.start() > start:
                shaped.append(frag.clone(text=text[start : run.start()]))
            shaped.append(frag.clone(text=run.group(), fontName=upright))
            start = run.end()
        if start < len(text):
            shaped.append(frag.clone(text=text[start:]))
    return shaped


ARABIC_RUN = re.compile(ARABIC.pattern + r"+(?:\s+" + ARABIC.pattern + "+)*")
"""Arabic words and the spaces between them: a run set upright in italic text."""


def _visual_lines(
    blPara: Any,  # noqa: N803
    style: ParagraphStyle,
    level: int | None = None,
) -> tuple[Any, ParagraphStyle]:
    """A paragraph's broken lines, each in visual order (:func:`reports.rtl.visual_runs`),
    and the style it is drawn in: a paragraph whose first letter is right to left is set
    against the right margin when it would be against the left (``level``, when given: the
    direction of the first letter of the paragraph this one is a piece of, 1 right to left).

    A line break (a new line in the user's text) starts a new paragraph to the bidirectional
    algorithm, as Unicode has it, with its own direction: an English line after an Arabic
    one reads left to right."""
    import copy

    from reports import rtl

    visual = copy.copy(blPara)
    if blPara.kind == 0:  # one font, no line break
        base = rtl.paragraph_level(" ".join(" ".join(words) for _, words in blPara.lines))
        first = base
        ordered = rtl.visual_lines([[(None, " ".join(words))] for _, words in blPara.lines], base)
        visual.lines = [
            (space, [word for _, text in runs for word in text.split(" ") if word])
            for (space, _), runs in zip(blPara.lines, ordered, strict=True)
        ]
    else:
        visual.lines = []
        first = None
        start = 0
        for end, line in enumerate(blPara.lines):
            if not line.lineBreak and end + 1 < len(blPara.lines):
                continue
            lines = blPara.lines[start : end + 1]
            start = end + 1
            base = rtl.paragraph_level(
                "".join(getattr(frag, "text", "") for each in lines for frag in each.words)
            )
            first = base if first is None else first
            drawn_lines = rtl.visual_lines(
                [
                    [(frag, frag.text) for frag in each.words if not hasattr(frag, "cbDefn")]
                    for each in lines
                ],
                base,
            )
            for each, runs in zip(lines, drawn_lines, strict=True):
                drawn = copy.copy(each)
                marks = [frag for frag in each.words if hasattr(frag, "cbDefn")]
                drawn.words = marks + [frag.clone(text=text) for frag, text in runs]
                visual.lines.append(drawn)
    if level is not None:
        first = level
    if first and style.alignment == TA_LEFT:
        style = derived_style(f"{style.name}-rtl", style, alignment=TA_RIGHT)
    return visual, style


class MemoParagraph(Paragraph):
    """A paragraph that is parsed only when it has markup and breaks its lines once per width.

    A table wraps every cell at least three times at the same width (measured by
    ``data_table``, laid out in the frame, drawn), and reportlab breaks the lines anew each
    time; line breaking is most of the memo's layout time. The breaks depend only on the
    text, the style and the width, so the last result is kept and reused for that width.
    Plain text skips the markup parser (:func:`_plain_frags`), and a text with markup is
    parsed once per style (:func:`_markup_frags`); the PDF is the same.

    Paragraphs of the same style and text (a criterion's name in every project page's key,
    a column label on every table) share their line breaks at the same widths
    (:meth:`breakLines`): nine in ten of the breakings of a 120-project memo were repeats.
    """

    _wrapped: tuple[float, float, float, Any, list[float]] | None = None
    _text_key: tuple[ParagraphStyle, str] | None = None
    """Style and cleaned text, which alone make the fragments (None: made by reportlab)."""
    _shared_breaks = False
    _rtl: bool | None = None
    _level: int | None = None
    """The direction of the first letter of the paragraph this one is a piece of
    (:func:`in_pieces`), which sets the alignment of right-to-left text; None: its own."""
    # Set by reportlab (declared here for the type checker).
    frags: Any
    style: Any
    blPara: Any
    height: float
    _wrapWidths: list[float]
    _width_max: float
    _splitLongWordCount: int
    _hyphenations: int

    def __init__(self, text: str, style: ParagraphStyle, **kwargs: Any) -> None:
        made = None if kwargs else _plain_frags(text, style) or _markup_frags(text, style)
        if made is None:
            super().__init__(text, style, **kwargs)
        else:
            super().__init__(made[0], style, frags=made[1])
            if self.bulletText is None:  # a bullet narrows the first line in place
                self._text_key = (style, made[0])

    def _right_to_left(self) -> bool:
        """Whether the paragraph holds right-to-left text (:mod:`reports.rtl`)."""
        if self._rtl is None:
            self._rtl = any(
                has_right_to_left(
                    " ".join(frag.words) if hasattr(frag, "words") else getattr(frag, "text", "")
                )
                for frag in self.frags
            )
        return self._rtl

    def _break(self, width: Any) -> Any:
        """reportlab's line breaking, of the text as it is drawn: Arabic joined, upright in
        italic text (:func:`_shaped_frags`); the lines are in logical order, each is
        reordered when it is drawn (:meth:`drawPara`)."""
        if not self._right_to_left():
            return Paragraph.breakLines(self, width)
        frags = self.frags
        self.frags = _shaped_frags(frags)
        try:
            return Paragraph.breakLines(self, width)
        finally:
            self.frags = frags

    def drawPara(self, debug: int = 0) -> Any:  # noqa: N802 - reportlab API
        """reportlab's drawing; a paragraph with right-to-left text draws each line in visual
        order (:func:`_visual_lines`)."""
        if not self._right_to_left():
            return super().drawPara(debug)
        blPara, style = self.blPara, self.style
        self.blPara, self.style = _visual_lines(blPara, style, self._level)
        try:
            return super().drawPara(debug)
        finally:
            self.blPara, self.style = blPara, style

    def breakLines(self, width: Any) -> Any:  # noqa: N802 - reportlab API
        """reportlab's line breaking, done once for every paragraph of this style and text
        at these widths: the breaks depend on nothing else, and drawing only reads them."""
        if self._text_key is None:
            return self._break(width)
        key = (*self._text_key, *(width if isinstance(width, list) else [width]))
        kept = _BROKEN.get(key)
        if kept is None:
            broken = self._break(width)
            if len(_BROKEN) >= _BROKEN_KEPT:
                _BROKEN.clear()
            kept = _BROKEN[key] = (
                broken,
                self._width_max,
                self._splitLongWordCount,
                self._hyphenations,
            )
        self._shared_breaks = True
        broken, self._width_max, self._splitLongWordCount, self._hyphenations = kept
        return broken

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        """reportlab's split, on line breaks of this paragraph's own: splitting a paragraph
        with markup adds a space to the last fragment of each line it keeps, which the other
        paragraphs sharing the breaks (:meth:`breakLines`) must not get."""
        if self._shared_breaks and self.frags and min(availWidth, availHeight) >= _FUZZ:
            if not hasattr(self, "blPara"):
                self.wrap(availWidth, availHeight)  # as reportlab's split does
            height = self.height
            own = self._break(self._wrapWidths)
            self.height = height
            if self._wrapped is not None and self._wrapped[3] is self.blPara:
                self._wrapped = (*self._wrapped[:3], own, self._wrapped[4])
            self.blPara = own
            self._shared_breaks = False
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and self._right_to_left():
            # reportlab ends each kept line of the rest with a space, which makes a line
            # break of the rest's shaped fragments a word: its lines ran together.
            parts[1].frags = [
                frag.clone(text="") if _line_break(frag) and getattr(frag, "text", None) else frag
                for frag in parts[1].frags
            ]
        kept = {name: self.__dict__[name] for name in _PIECE_ATTRIBUTES if name in self.__dict__}
        if kept and len(parts) == 2:
            for part in parts:  # the rest of a piece runs on as the piece would
                part.__dict__.update(kept)
            rest = parts[1].frags
            if rest and _line_break(rest[0]):
                # reportlab starts the rest of a paragraph cut after a line break with that
                # break, an empty line at the top of the next page: a piece's rest goes on
                # with its next line, as the paragraph's lines do from one piece to the next.
                parts[1].frags = rest[1:]
        return parts

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        last = self._wrapped
        # The same width give or take rounding: a table works out a cell's width once to lay
        # it out and again, summed another way, to draw it (105.38582677165356 against
        # ...354). The drawing must break the lines the row's height was measured with.
        if last is not None and abs(last[0] - availWidth) < _SAME_WIDTH:
            _, self.width, self.height, self.blPara, self._wrapWidths = last
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if width == availWidth:  # not the "cannot fit" answer, which sets nothing
            self._wrapped = (availWidth, self.width, self.height, self.blPara, self._wrapWidths)
        return width, height


_PIECE_ATTRIBUTES = ("spaceBefore", "spaceAfter", "allowOrphans", "allowWidows", "_level")
"""What makes a piece of a long paragraph (:func:`in_pieces`) lie on the page as its part of
the paragraph would."""
PIECE_LINES = 20
"""Lines of the text a piece of a long paragraph holds (:func:`in_pieces`), give or take."""


def _line_break(frag: Any) -> bool:
    """Whether a paragraph's fragment is a line break (a fragment of the rest of a split
    paragraph is reportlab's ``[width, (fragment, text), …]``)."""
    if isinstance(frag, list):
        return len(frag) == 2 and bool(getattr(frag[1][0], "lineBreak", False))
    return bool(getattr(frag, "lineBreak", False))


def _cut_after(frags: list[Any], index: int) -> bool:
    """Whether a paragraph may be cut at its line break ``frags[index]``: text on both sides,
    no white space next to the break (which the paragraph's lines would have dropped)."""
    before, after = frags[index - 1], frags[index + 1]
    return not (
        getattr(before, "lineBreak", False)
        or getattr(after, "lineBreak", False)
        or hasattr(before, "cbDefn")
        or hasattr(after, "cbDefn")
        or not getattr(before, "text", "")
        or not getattr(after, "text", "")
        or before.text[-1].isspace()
        or after.text[0].isspace()
    )


def in_pieces(paragraph: MemoParagraph) -> list[MemoParagraph]:
    """``paragraph``, or, when its lines alone are taller than a page, the same paragraph
    cut at its line breaks into pieces of about :data:`PIECE_LINES` lines.

    reportlab breaks the rest of a paragraph into lines again each time it splits it at the
    foot of a page, so a text of thousands of lines (a pasted list) took a time growing with
    the square of its length: 28 s for 10,000 lines. A piece is broken into lines once, and
    is split as its part of the paragraph would be: the spacing before the paragraph comes
    before the first piece, the spacing after it after the last, none between them; the
    first piece keeps the paragraph's rule against an orphan line at the foot of a page and
    the last its rule against a widow, the others none, as their lines are the paragraph's
    middle; right-to-left text keeps the alignment of the paragraph's first letter. The
    lines of each piece are those of the paragraph, as a line break starts a new line.
    A paragraph that could fit on a page is not cut: its PDF is the same. The first piece's
    ``whole`` is the paragraph, the others' None: the Word memo writes it once, whole."""
    frags = paragraph.frags
    breaks = [i for i, frag in enumerate(frags) if getattr(frag, "lineBreak", False)]
    style = paragraph.style
    if (len(breaks) + 1) * style.leading <= FRAME_HEIGHT:
        return [paragraph]
    cuts = []
    lines = 0
    for index in breaks:
        lines += 1
        if lines >= PIECE_LINES and 0 < index < len(frags) - 1 and _cut_after(frags, index):
            cuts.append(index)
            lines = 0
    if not cuts:
        return [paragraph]
    level = None
    if paragraph._right_to_left():
        from reports import rtl

        first = "".join(getattr(frag, "text", "") for frag in frags[: breaks[0]])
        level = rtl.paragraph_level(rtl.shape(first))
    rest_style = (
        derived_style(f"{style.name}-rest", style, firstLineIndent=0)
        if style.firstLineIndent
        else style
    )
    pieces = []
    for number, (start, end) in enumerate(zip([-1, *cuts], [*cuts, len(frags)], strict=True)):
        head = number == 0
        piece = MemoParagraph(
            None,  # type: ignore[arg-type]  # (reportlab's own way to hand over fragments)
            style if head else rest_style,
            frags=frags[start + 1 : end],
            bulletText=paragraph.bulletText if head else None,
        )
        piece.spaceAfter = 0
        if not head:
            piece.spaceBefore = 0
            piece.allowOrphans = 1
        piece.allowWidows = 1
        piece._level = level
        piece.whole = paragraph if head else None
        pieces.append(piece)
    del pieces[-1].spaceAfter
    del pieces[-1].allowWidows
    return pieces


@cache
def derived_style(name: str, parent: ParagraphStyle, **changes: Any) -> ParagraphStyle:
    """``parent`` with ``changes``, made once per process for the same arguments (colours
    compare by value).

    A style made anew for every project page (its status panel, criterion key, band-coloured
    scores) started the parses kept per style (:func:`_plain_frags`, :func:`_markup_frags`)
    afresh on each page: two in three of the 200-project memo's parses. The parent must not
    change afterwards; the memo's styles never do."""
    return ParagraphStyle(name, parent=parent, **changes)


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user text (escaped)."""
    return MemoParagraph(esc(text), style)


def long_para(text: object, style: ParagraphStyle) -> list[Paragraph]:
    """A paragraph of user text (escaped) that may be pages long: in pieces when its lines
    alone are taller than a page (:func:`in_pieces`)."""
    return list(in_pieces(MemoParagraph(esc(text), style)))


def cell_para(text: str, style: ParagraphStyle) -> Paragraph:
    """A table cell of user text: escaped and clipped to what one row can hold."""
    return MemoParagraph(esc(clip(text)), style)


def markup(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of the memo's own markup; every user value in it must already be escaped."""
    return MemoParagraph(text, style)


class Styles:
    """The memo's paragraph styles, built after the font family is registered."""

    def __init__(self) -> None:
        register_fonts()

        def style(name: str, **kw: object) -> ParagraphStyle:
            base = {
                "fontName": REGULAR,
                "fontSize": BODY_SIZE,
                "leading": BODY_SIZE * 1.38,
                "textColor": INK,
                "bulletFontName": REGULAR,
            }
            base.update(kw)
            return ParagraphStyle(name, **base)

        self.body = style("body", spaceAfter=5)
        self.body_muted = style("body_muted", textColor=MUTED, spaceAfter=5)
        self.small = style("small", fontSize=7.8, leading=10, textColor=MUTED)
        self.h1 = style(
            "h1",
            fontName=BOLD,
            fontSize=16,
            leading=20,
            textColor=ACCENT,
            spaceBefore=0,
            spaceAfter=8,
        )
        self.h2 = style(
            "h2",
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=5,
        )
        self.h3 = style(
            "h3",
            fontName=BOLD,
            fontSize=9.8,
            leading=13,
            textColor=INK,
            spaceBefore=8,
            spaceAfter=3,
        )
        self.kicker = style(
            "kicker",
            fontName=BOLD,
            fontSize=8.5,
            leading=11,
            textColor=MUTED,
        )
        self.cover_title = style(
            "cover_title",
            fontName=BOLD,
            fontSize=25,
            leading=30,
            textColor=ACCENT,
            spaceAfter=8,
        )
        self.cover_subtitle = style(
            "cover_subtitle",
            fontSize=13.5,
            leading=18,
            textColor=MUTED,
            spaceAfter=4,
        )
        self.cell = style("cell", fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.25)
        self.cell_bold = style(
            "cell_bold", fontName=BOLD, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.25
        )
        self.cell_right = style(
            "cell_right", fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.25, alignment=TA_RIGHT
        )
        self.cell_center = style(
            "cell_center", fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.25, alignment=TA_CENTER
        )
        self.cell_small = style("cell_small", fontSize=7.6, leading=9.6)
        self.cell_muted = style("cell_muted", fontSize=7.6, leading=9.6, textColor=MUTED)
        self.head = style("head", fontName=BOLD, fontSize=7.8, leading=9.6, textColor=ACCENT)
        self.head_right = style(
            "head_right",
            fontName=BOLD,
            fontSize=7.8,
            leading=9.6,
            textColor=ACCENT,
            alignment=TA_RIGHT,
        )
        self.head_center = style(
            "head_center",
            fontName=BOLD,
            fontSize=7.8,
            leading=9.6,
            textColor=ACCENT,
            alignment=TA_CENTER,
        )
        self.callout = style("callout", fontSize=10, leading=14.2, alignment=TA_LEFT)
        self.callout_spaced = style(
            "callout_spaced", fontSize=10, leading=14.2, alignment=TA_LEFT, spaceAfter=6
        )
        self.disclaimer = style("disclaimer", fontSize=8.6, leading=12, textColor=INK, spaceAfter=6)
        self.family = FAMILY


@cache
def styles() -> Styles:
    """The shared style sheet (built once per process)."""
    return Styles()


def table_style(commands: list[tuple]) -> TableStyle:
    """A table style whose plain-text cells use the memo font (reportlab defaults to a
    non-embedded Helvetica)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, TABLE_SIZE), *commands])


def grid_style(header_rows: int = 1, zebra: bool = True, rows: int = 0) -> TableStyle:
    """The house table look: tinted header, hairline rules, no vertical lines."""
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, TABLE_SIZE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, header_rows - 1), "BOTTOM"),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, ACCENT),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.35, HAIRLINE),
    ]
    if zebra and rows:
        for row in range(header_rows + 1, rows, 2):
            commands.append(("BACKGROUND", (0, row), (-1, row), ZEBRA_FILL))
    return TableStyle(commands)


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """Shorten ``text`` with an ellipsis so that it fits ``width`` points (one line, control
    characters replaced: drawn text does not pass :func:`esc`; see :func:`drawn_text`)."""
    text = drawn_text(text)
    if text_width(text, font, size) <= width:
        return text
    # The longest start that fits with the ellipsis, found by halving: a start is no wider
    # than a longer one, and measuring each length in turn took seconds for a long Arabic
    # name, shaped anew at every length.
    low, high = 0, len(text) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def fit_text_middle(text: str, font: str, size: float, width: float) -> str:
    """Like :func:`fit_text`, but the ellipsis goes in the middle, keeping the end: names that
    share a long beginning ("… project 12", "… project 7") stay told apart."""
    text = drawn_text(text)
    if text_width(text, font, size) <= width:
        return text
    tail = ""
    while len(tail) < len(text) and text_width(tail, font, size) < width * 0.4:
        tail = text[-len(tail) - 1 :]
    head = fit_text(text[: len(text) - len(tail)], font, size, width - text_width(tail, font, size))
    return head + tail.lstrip() if head.endswith("…") else head + tail


CELL_TEXT_LIMIT = MEMO_CELL_TEXT
"""Longest user text printed in one table cell (see :data:`rrisk.limits.MEMO_CELL_TEXT`)."""


def clip(text: str, limit: int = CELL_TEXT_LIMIT) -> str:
    """User text for a table cell, cut at a word boundary when it exceeds ``limit``."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    # Right-to-left text cut is isolated from the note (rrisk.text.isolated), the isolates it
    # holds closed: inside them, the note was read right to left, its brackets turned.
    cut += "\u2069" * (cut.count("\u2068") - cut.count("\u2069"))
    return f"{isolated(cut)} … [shortened; the full text is in the assessment]"


def source_origin(publisher: str, title: str, date: str) -> str:
    """A source as the memo names it beside a score, after its grade: publisher (else title)
    and date, "Reuters, 2025-05", clipped for a table cell."""
    return clip(", ".join(part for part in (isolated(publisher or title), date) if part), 160)


def fmt_weight(weight: float) -> str:
    """A weight as entered, every digit and no exponent (``1.5``, ``2``, ``0.000001``)."""
    return plain_number(weight)


def tint(color: colors.Color, share: float) -> colors.Color:
    """``color`` mixed with white: ``share`` 1 is the colour itself, 0 is white."""
    share = min(1.0, max(0.0, share))
    return colors.Color(
        1 - (1 - color.red) * share, 1 - (1 - color.green) * share, 1 - (1 - color.blue) * share
    )


def fmt_signed(value: float, places: int = 1) -> str:
    """A change with a true minus sign, e.g. ``+3.1`` or ``−16.3``."""
    return f"{value:+.{places}f}".replace("-", "\u2212")


def fmt_index_change(index: float | None, before: float | None) -> str | None:
    """:func:`rrisk.fmt.fmt_index_change` with a true minus sign, as the memo prints it."""
    return _fmt_index_change(index, before, minus="\u2212")


def fmt_money(amount: float) -> str:
    """A capital amount in readable units (``1.2 bn``, ``450 m``): from a million up to three
    significant digits, rounded before the unit is chosen (999.6 million is ``1 bn``, not
    ``1e+03 m``); below a million as the editor shows it, to the cent (``2.5``, ``1,250.5``:
    whole units printed 2.5 as 2). -0.0, which a file may hold, is ``0``, and the largest
    amounts, whose rounding passes the largest number, print unrounded (not ``inf bn``)."""
    amount += 0.0
    if amount >= 1e6:
        rounded = float(f"{amount:.3g}")
        amount = rounded if math.isfinite(rounded) else amount
    for scale, unit in ((1e9, "bn"), (1e6, "m")):
        if amount >= scale:
            return (
                f"{amount / scale:,.3g} {unit}"
                if amount < 1000 * scale
                else (f"{amount / scale:,.0f} {unit}")
            )
    return f"{amount:,.2f}".rstrip("0").rstrip(".")
