"""The memo's embedded Unicode font family, registered once with reportlab.

DejaVu Sans Condensed covers Latin, Cyrillic, Greek and the symbols the memo prints
(×, ≥, Σ, ⊘). Its four faces are registered as one family so that ``<b>``/``<i>`` in paragraph
markup pick the right face; reportlab embeds only the glyphs used (subsets).
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
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


@cache
def register_fonts() -> str:
    """Register the family (idempotent) and return its name."""
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
