"""The memo's embedded Unicode font family, registered once with reportlab.

DejaVu Sans Condensed covers Latin, Cyrillic, Greek and the symbols the memo prints
(×, ≥, Σ, ⊘). Its four faces are registered as one family so that ``<b>``/``<i>`` in paragraph
markup pick the right face; reportlab embeds only the glyphs used (subsets).

Chinese, Japanese and Korean characters, which DejaVu lacks, print in WenQuanYi Micro Hei
(:data:`CJK`): :func:`cjk_markup` sets their runs in it in paragraph markup, and the drawn
strings of headers and charts do the same (``reports.styles``). The 5 MB font is loaded on
first need only, so a memo without such characters neither loads nor embeds it, and its PDF
is the same as before the fallback existed.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from reports.rtl import ISOLATE_MARKS, presentation_form
from rrisk.errors import RRiskError
from rrisk.glyphs import FALLBACK_FONT_FILE, MEMO_FONT_FILES, fallback_runs
from rrisk.resources import resource_path

FAMILY = "RRiskSans"
REGULAR = FAMILY
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"
CJK = "RRiskCJK"
"""The fallback face of Chinese, Japanese and Korean characters (registered on first need)."""

# The files are named in the core, which reads their coverage for the check before a memo.
_FILES = dict(zip((REGULAR, BOLD, ITALIC, BOLD_ITALIC), MEMO_FONT_FILES, strict=True))


def _unicode_hex(code: int) -> str:
    """A code point as a ToUnicode CMap writes it: UTF-16BE, so a character beyond U+FFFF is
    a surrogate pair (D83D DE00 for U+1F600)."""
    if code <= 0xFFFF:
        return f"{code:04X}"
    code -= 0x10000
    return f"{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}"


def _letters(code: int) -> str | None:
    """The letters an Arabic presentation form is drawn for (U+FEE3 ﻣ: م; the lam-alef
    ligature U+FEFB ﻻ: لا), or None for any other character."""
    form = presentation_form(code)
    if form is None or " " in form[1]:  # a vowel sign's isolated form, drawn on a space
        return None
    return form[1]


_reportlab_cmap = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF written as UTF-16 and Arabic
    presentation forms as the letters they are drawn for.

    reportlab writes every code point with ``%04X``, so U+1F600 became ``<1F600>``, which a
    reader takes as the 16-bit U+1F60 ("ὠ"): the emoji drew right but copied, searched and
    read aloud as a Greek letter. Arabic is drawn in its joined forms (``reports.rtl``):
    mapped to themselves, a name copied or searched for came out in letters nobody types
    (ﻣﻨﺎﺟﻢ, not مناجم). The map is the same, byte for byte, for every other character, so
    memos without such characters do not change."""
    text = _reportlab_cmap(fontname, subset)
    for index, code in enumerate(subset):
        letters = _letters(code)
        if code > 0xFFFF or letters is not None:
            written = "".join(map(_unicode_hex, map(ord, letters or chr(code))))
            text = text.replace(f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{written}>")
    return text


def _register_face(face: str) -> None:
    file_name = _FILES[face]
    path = resource_path("fonts", file_name)
    try:
        font = TTFont(face, str(path))
    except (OSError, TTFError) as error:
        raise _missing(file_name, path, error) from None
    # The isolates' marks around a right-to-left field (rrisk.text.isolated) take no room as
    # its lines are broken; drawn lines leave them out (reports.rtl).
    font.face.charWidths.update(dict.fromkeys(map(ord, ISOLATE_MARKS), 0))
    pdfmetrics.registerFont(font)


_reportlab_find = pdfmetrics.findFontAndRegister


def _find_font(name: str) -> Any:
    """reportlab's look-up of a font not registered yet: the bold italic face is read on
    first need (few memos set text in it)."""
    if name == BOLD_ITALIC:
        _register_face(name)
        return pdfmetrics.getFont(name)
    return _reportlab_find(name)


@cache
def register_fonts() -> str:
    """Register the family (idempotent) and return its name; characters beyond U+FFFF get a
    correct text layer (:func:`_to_unicode_cmap`). The bold italic face is read when a text
    first asks for it (:func:`_find_font`): reading a face is a hundredth of a memo's time,
    and most memos never use that one."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    pdfmetrics.findFontAndRegister = _find_font
    for face in (REGULAR, BOLD, ITALIC):
        _register_face(face)
    addMapping(FAMILY, 0, 0, REGULAR)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD_ITALIC)
    pdfmetrics.registerFontFamily(
        FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    return FAMILY


def _missing(file_name: str, path: object, error: Exception) -> RRiskError:
    return RRiskError(
        f"the memo font {file_name} cannot be loaded from {getattr(path, 'parent', path)} "
        f"({error}); the installation is incomplete"
    )


@cache
def register_fallback() -> str:
    """Register the fallback face of Chinese, Japanese and Korean characters (once, on first
    need) and return its name.

    The font has one face: bold and italic text set their CJK runs in it too (the mappings
    below), upright and regular weight, rather than print boxes."""
    register_fonts()
    path = resource_path("fonts", FALLBACK_FONT_FILE)
    try:
        pdfmetrics.registerFont(TTFont(CJK, str(path), subfontIndex=0))
    except (OSError, TTFError) as error:
        raise _missing(FALLBACK_FONT_FILE, path, error) from None
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(CJK, bold, italic, CJK)
    return CJK


def cjk_markup(escaped: str) -> str:
    """Escaped paragraph text with its Chinese, Japanese and Korean runs set in the fallback
    font (``<font name="RRiskCJK">中国</font>``); other text comes back as it was."""
    runs = fallback_runs(escaped)
    if runs is None:
        return escaped
    register_fallback()
    # The fallback has no bold: a run inside bold text is set in its regular face.
    return "".join(f'<font name="{CJK}">{run}</font>' if cjk else run for run, cjk in runs)
