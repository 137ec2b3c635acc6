"""Shared helpers of the results views: band colours, method text, readable number formats."""

from __future__ import annotations

import html

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from rrisk import palette
from rrisk.scoring import CELL_BAND_UPPER, CELL_BANDS, INDEX_BAND_LOWER, INDEX_BANDS

INDEX_FORMULA = "Risk index = 100 × Σ w·(r − 1)/24 ÷ Σ w over the assessed criteria"
CELL_FORMULA = "cell risk r = likelihood × impact (1–25)"
METHOD_LINE = f"{INDEX_FORMULA}; {CELL_FORMULA}. Red lines exclude whatever the index."


def cell_band_ranges() -> list[tuple[str, str]]:
    """(band name, range of the products L×I that fall in it), e.g. ("Critical", "20–25")."""
    products = sorted({likelihood * impact for likelihood in range(1, 6) for impact in range(1, 6)})
    ranges = []
    lower = 1
    for name, upper in zip(CELL_BANDS, CELL_BAND_UPPER, strict=True):
        inside = [p for p in products if lower <= p <= upper]
        ranges.append((name, f"{inside[0]}–{inside[-1]}"))
        lower = upper + 1
    return ranges


def index_band_ranges() -> list[tuple[str, str]]:
    """(band name, index range) pairs, e.g. ("Medium", "25–50")."""
    bounds = [*INDEX_BAND_LOWER, 100.0]
    return [(name, f"{bounds[i]:.0f}–{bounds[i + 1]:.0f}") for i, name in enumerate(INDEX_BANDS)]


def band_colours(band: int) -> tuple[QColor, QColor]:
    """(fill, text) for a band index 0–3; -1 gives the unassessed grey."""
    return QColor(palette.band_fill(band)), QColor(palette.band_text(band))


def is_dark(widget: QWidget) -> bool:
    """True when the widget is drawn on a dark background (dark mode)."""
    return widget.palette().color(QPalette.ColorRole.Base).lightness() < 128


def unassessed_colours(widget: QWidget) -> tuple[QColor, QColor]:
    """Neutral (fill, text) for unassessed cells that fits light and dark mode alike."""
    if is_dark(widget):
        return QColor("#3A3F45"), QColor("#B8C0CA")
    return QColor(palette.UNASSESSED_FILL), QColor(palette.UNASSESSED_TEXT)


def red_line_colour(widget: QWidget) -> QColor:
    """The red-line purple, lightened on dark backgrounds so it keeps its contrast."""
    colour = QColor(palette.RED_LINE)
    return colour.lighter(190) if is_dark(widget) else colour


def escape(text: str) -> str:
    """User text made safe for a rich-text tooltip."""
    return html.escape(text, quote=False)


def as_rich(markup: str) -> str | None:
    """Mark tooltip markup (whose user text is already escaped) as rich text."""
    return f"<qt>{markup}</qt>" if markup else None


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"
