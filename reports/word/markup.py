"""The memo's paragraph markup (``<b>``, ``<i>``, ``<font color size>``, ``<br/>``) as Word runs.

The PDF sections write reportlab paragraph markup in which every user value is already
escaped; here it is parsed back into runs with their bold, italic, colour and size, so the
Word memo carries the same words and emphasis without a second copy of the content logic.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import Any

from reportlab.lib import colors

from rrisk.glyphs import RIGHT_TO_LEFT

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters an XML document cannot hold (Word would refuse to open the file)."""


def xml_text(text: str) -> str:
    """Text made safe for Word's XML: forbidden characters become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


@dataclass(frozen=True)
class Look:
    """How a run looks: the paragraph style's defaults, changed by the markup's tags."""

    bold: bool = False
    italic: bool = False
    color: str | None = None  # "RRGGBB"
    size: float | None = None
    superscript: bool = False
    subscript: bool = False
    strike: bool = False


@dataclass(frozen=True)
class Run:
    text: str
    look: Look
    line_break: bool = False


def hex_color(value: object) -> str | None:
    """A reportlab colour (object, name or ``#RRGGBB``) as ``RRGGBB``; None if unknown."""
    if value is None:
        return None
    try:
        color = colors.toColor(value)
    except (ValueError, TypeError):
        return None
    return color.hexval()[2:].upper()


class _Parser(HTMLParser):
    def __init__(self, base: Look) -> None:
        super().__init__(convert_charrefs=True)
        self.stack = [base]
        self.tags: list[str] = []
        self.runs: list[Run] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.runs.append(Run("", self.stack[-1], line_break=True))
            return
        look = self.stack[-1]
        values = dict(attrs)
        if tag in ("b", "strong"):
            look = replace(look, bold=True)
        elif tag in ("i", "em"):
            look = replace(look, italic=True)
        elif tag in ("strike", "s"):
            look = replace(look, strike=True)
        elif tag in ("super", "sup"):
            look = replace(look, superscript=True)
        elif tag == "sub":
            look = replace(look, subscript=True)
        elif tag == "font":
            color = hex_color(values.get("color"))
            size = values.get("size")
            try:
                size_value = float(size) if size else look.size
            except ValueError:
                size_value = look.size
            look = replace(look, color=color or look.color, size=size_value)
        self.tags.append(tag)
        self.stack.append(look)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":
            return
        # Pop back to the matching tag (the memo's markup is well nested; be lenient anyway).
        if tag in self.tags:
            while self.tags:
                popped = self.tags.pop()
                self.stack.pop()
                if popped == tag:
                    break

    def handle_data(self, data: str) -> None:
        if data:
            self.runs.append(Run(xml_text(data), self.stack[-1]))


_SPACES = re.compile(r"[^\S\u00a0]+")
"""Whitespace a paragraph folds into one space: any but the no-break space."""


def parse_markup(text: str, base: Look) -> list[Run]:
    """Runs of one paragraph's markup, newlines within text folded as reportlab folds them
    (a no-break space is kept, as reportlab keeps it: "USD 1.2 bn" typed so never breaks)."""
    parser = _Parser(base)
    parser.feed(text)
    parser.close()
    runs: list[Run] = []
    for run in parser.runs:
        if run.line_break:
            runs.append(run)
            continue
        folded = _SPACES.sub(" ", run.text)
        if folded:
            runs.append(Run(folded, run.look))
    # reportlab drops leading/trailing whitespace of a paragraph's lines; so does Word here.
    while runs and not runs[0].line_break and not runs[0].text.strip(" "):
        runs.pop(0)
    if runs and not runs[0].line_break:
        runs[0] = Run(runs[0].text.lstrip(" "), runs[0].look)
    return runs


def set_size(font: object, points: float) -> None:
    """A font's size for every script: Word sizes Arabic and Hebrew text by ``w:szCs``, not
    ``w:sz`` (python-docx sets only the latter, so such text printed at the default 11 pt in
    7.5 pt tables)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font.size = Pt(points)  # type: ignore[attr-defined]
    properties = font._element.get_or_add_rPr()  # type: ignore[attr-defined]
    size = properties.find(qn("w:sz"))
    for old in properties.findall(qn("w:szCs")):
        properties.remove(old)
    complex_size = OxmlElement("w:szCs")
    complex_size.set(qn("w:val"), size.get(qn("w:val")))
    size.addnext(complex_size)  # right after w:sz, as the schema orders them


def set_bold(font: object) -> None:
    """Bold for every script (``w:b`` and, for Arabic and Hebrew, ``w:bCs``)."""
    font.bold = True  # type: ignore[attr-defined]
    font.cs_bold = True  # type: ignore[attr-defined]


EAST_ASIAN_FONTS = {"zh-CN": "Microsoft YaHei", "ja-JP": "Yu Gothic", "ko-KR": "Malgun Gothic"}
"""The face Word sets Chinese, Japanese and Korean text in, by language: each a sans serif
like Calibri, installed with Windows (elsewhere Word puts a face of that language in its
place, as it knows the language). Calibri has none of these characters: without an East
Asian face named, Word picks one of its own, or draws boxes where it has none."""

_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_EAST_ASIAN = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff"
    "\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
)
"""Characters Word sets in a run's East Asian face: CJK ideographs, kana, Hangul, their
punctuation and the full-width forms."""


def east_asian_language(text: str) -> str | None:
    """The language whose face Word should set ``text``'s East Asian characters in: Korean
    for Hangul, Japanese for kana, else Chinese (ideographs alone); None when it has none."""
    if not _EAST_ASIAN.search(text):
        return None
    if _HANGUL.search(text):
        return "ko-KR"
    if _KANA.search(text):
        return "ja-JP"
    return "zh-CN"


def mark_east_asian(properties: Any, language: str) -> None:
    """A run's properties (``w:rPr``) given the East Asian face and language of its text
    (``w:rFonts w:eastAsia``, ``w:lang w:eastAsia``), the hints Word sets such text by."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties.get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONTS[language])
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)  # last of the properties a run of the memo has
    lang.set(qn("w:eastAsia"), language)


_HEBREW = re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]")


_ISOLATE = re.compile("([\u2066-\u2069])")
"""The isolates' marks around a user's field holding right-to-left text
(:func:`rrisk.text.isolated`)."""
_PDI = "\u2069"
LRM = "\u200e"
"""LEFT-TO-RIGHT MARK: a strong left-to-right character that prints nothing."""


def direction_parts(text: str, last: bool = True) -> list[tuple[str, str | None]]:
    """``text`` cut where its direction changes: ``(part, None)`` for left-to-right text,
    ``(part, language)`` for right-to-left text ("he-IL" or "ar-SA"). A right-to-left part
    runs from a right-to-left letter to the last such letter, or number after it, before the
    next left-to-right letter, so the spaces and punctuation between its words go with it
    and those around it stay outside, as Unicode's bidirectional rules order them.

    A user's field between isolates' marks is a part of its own, and a right-to-left field
    ends with a left-to-right mark in place of the marks, which not every word processor
    reads: a date after an Arabic publisher ("هسبريس, 2025-03-12") keeps its order rather
    than be read as Arabic numbers after it ("12-03-2025"); ``last``: the text ends its
    paragraph, so a field at its end needs no mark (a name copied from a cell is the name)."""
    if not RIGHT_TO_LEFT.search(text):  # one left-to-right run, as it is
        return [(text, None)]
    if _ISOLATE.search(text) is None:
        return _direction_parts(text)
    parts: list[tuple[str, str | None]] = []
    for piece in _ISOLATE.split(text):
        if piece == _PDI and parts and parts[-1][1] is not None:
            piece = LRM
        elif not piece or _ISOLATE.fullmatch(piece):
            continue
        for part in _direction_parts(piece):
            if part[1] is None and parts and parts[-1][1] is None:
                parts[-1] = (parts[-1][0] + part[0], None)
            else:
                parts.append(part)
    if last and parts[-1] == (LRM, None):
        del parts[-1]
    return parts


def _direction_parts(text: str) -> list[tuple[str, str | None]]:
    """:func:`direction_parts` of text without isolates' marks."""
    if not RIGHT_TO_LEFT.search(text):
        return [(text, None)]
    parts: list[tuple[str, str | None]] = []
    start = index = 0
    while index < len(text):
        if unicodedata.bidirectional(text[index]) not in ("R", "AL"):
            index += 1
            continue
        end = scan = index + 1
        while scan < len(text):
            kind = unicodedata.bidirectional(text[scan])
            if kind == "L":
                break
            if kind in ("R", "AL", "AN", "EN") or (kind == "NSM" and scan == end):
                end = scan + 1
            scan += 1
        if index > start:
            parts.append((text[start:index], None))
        part = text[index:end]
        parts.append((part, "he-IL" if _HEBREW.search(part) else "ar-SA"))
        start = index = end
    if start < len(text):
        parts.append((text[start:], None))
    return parts


def mark_right_to_left(properties: Any, language: str) -> None:
    """A run's properties (``w:rPr``) marked right to left (``w:rtl``) in ``language``
    (``w:lang w:bidi``): Word orders the spaces and punctuation of such a run right to left
    and sets it in its complex-script face, size and bold."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties.get_or_add_rtl()
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)  # last of the properties a run of the memo has
    lang.set(qn("w:bidi"), language)


def add_text(paragraph: Any, text: str) -> None:
    """``text`` added to a python-docx paragraph as runs in the paragraph's style, one per
    direction, with the East Asian face and language its characters need."""
    for part, right_to_left in direction_parts(text):
        run = paragraph.add_run(part)
        if right_to_left is not None:
            mark_right_to_left(run._r.get_or_add_rPr(), right_to_left)
        language = east_asian_language(part)
        if language is not None:
            mark_east_asian(run._r.get_or_add_rPr(), language)
