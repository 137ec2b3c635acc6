"""Band colours shared by the app and the memo.

Colour-blind safe: the four bands run from light blue through amber and orange to dark red,
so they differ in lightness as well as hue (they stay in order in greyscale and for
red-green colour blindness). Colour is never the only carrier: every place that paints a
band also prints its name or number.
"""

from __future__ import annotations

BAND_FILL = ("#DCEAF7", "#FDD38A", "#F08A4B", "#B2182B")
"""Fill per band (Low, Medium, High, Critical), same order as ``scoring.CELL_BANDS``."""
BAND_TEXT = ("#1B2A3A", "#3A2A00", "#2B1200", "#FFFFFF")
"""Readable text colour on each fill."""
UNASSESSED_FILL = "#F1F1F1"
UNASSESSED_TEXT = "#6B6B6B"
RED_LINE = "#6A1B9A"
"""Outline/mark colour for red lines and exclusions (purple: distinct from every band)."""
RED_LINE_MARK = "\u2298"
"""⊘ — printed next to a score carrying a red line (present in the bundled font)."""
INK = "#1F2933"
MUTED = "#5F6B7A"
ACCENT = "#1F4E79"


def band_fill(band: int) -> str:
    """Fill colour for a band index 0–3, or the unassessed grey for -1."""
    return BAND_FILL[band] if 0 <= band < len(BAND_FILL) else UNASSESSED_FILL


def band_text(band: int) -> str:
    """Text colour for a band index 0–3, or the unassessed grey for -1."""
    return BAND_TEXT[band] if 0 <= band < len(BAND_TEXT) else UNASSESSED_TEXT
