"""Shared helpers of the results views: band colours, method text, readable number formats."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from desktop.ui.text import as_rich as as_rich  # re-exported for the result views
from desktop.ui.text import escape as escape
from desktop.ui.text import sentence as sentence
from rrisk import palette
from rrisk.scoring import CELL_FORMULA as CELL_FORMULA  # the core's words, re-exported
from rrisk.scoring import INDEX_FORMULA as INDEX_FORMULA
from rrisk.scoring import cell_band_ranges as cell_band_ranges
from rrisk.scoring import index_band_ranges as index_band_ranges

METHOD_LINE = f"{sentence(INDEX_FORMULA)}; {CELL_FORMULA}. Red lines exclude whatever the index."


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


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"
