"""The memo's embedded Unicode font family, registered once with reportlab.

DejaVu Sans Condensed covers Latin, Cyrillic, Greek and the symbols the memo prints
(×, ≥, Σ, ⊘). Its four faces are registered as one family so that ``<b>``/``<i>`` in paragraph
markup pick the right face; reportlab embeds only the glyphs used (subsets).
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from rrisk.errors import RRiskError
from rrisk.glyphs import MEMO_FONT_FILES
from rrisk.resources import resource_path

FAMILY = "RRiskSans"
REGULAR = FAMILY
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"

# The files are named in the core, which reads their coverage for the check before a memo.
_FILES = dict(zip((REGULAR, BOLD, ITALIC, BOLD_ITALIC), MEMO_FONT_FILES, strict=True))


def _unicode_hex(code: int) -> str:
    """A code point as a ToUnicode CMap writes it: UTF-16BE, so a character beyond U+FFFF is
    a surrogate pair (D83D DE00 for U+1F600)."""
    if code <= 0xFFFF:
        return f"{code:04X}"
    code -= 0x10000
    return f"{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}"


_reportlab_cmap = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF written as UTF-16.

    reportlab writes every code point with ``%04X``, so U+1F600 became ``<1F600>``, which a
    reader takes as the 16-bit U+1F60 ("ὠ"): the emoji drew right but copied, searched and
    read aloud as a Greek letter. The map is the same, byte for byte, for every other
    character, so memos without such characters do not change."""
    text = _reportlab_cmap(fontname, subset)
    for index, code in enumerate(subset):
        if code > 0xFFFF:
            text = text.replace(
                f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{_unicode_hex(code)}>"
            )
    return text


@cache
def register_fonts() -> str:
    """Register the family (idempotent) and return its name; characters beyond U+FFFF get a
    correct text layer (:func:`_to_unicode_cmap`)."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    for face, file_name in _FILES.items():
        path = resource_path("fonts", file_name)
        try:
            pdfmetrics.registerFont(TTFont(face, str(path)))
        except (OSError, TTFError) as error:
            raise RRiskError(
                f"the memo font {file_name} cannot be loaded from {path.parent} ({error}); "
                "the installation is incomplete"
            ) from None
    addMapping(FAMILY, 0, 0, REGULAR)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD_ITALIC)
    pdfmetrics.registerFontFamily(
        FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    return FAMILY
