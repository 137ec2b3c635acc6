"""Text fitted to its room, broken only where the script allows: at the line-break
opportunities of Unicode (spaces, after a hyphen, between CJK characters).

One way for a heading and a tooltip alike. A piece between two opportunities (a word) wider
than the room is either shortened ("…", a heading: the whole text is in its tooltip) or given
line breaks where it fills a line (a tooltip, where the text must be whole). Zero-width spaces
every 16 letters broke every long word whatever the room: "quarterly_report / _2024.pdf" in a
tooltip Qt had made narrow, "rare-ear / th" in a wide dock.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTextBoundaryFinder
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QToolTip

from desktop.ui.text import plain

LINE_BREAK = "\u200b"
"""The break offered inside a word too long for a line (a zero-width space)."""
TIP_LINE_CHARS = 60
"""A tooltip's longest line, in average characters of its font: a word longer is broken."""


def fitted_text(
    text: str, metrics: QFontMetrics, width: int, *, shorten: bool = True
) -> tuple[str, bool]:
    """``text`` with each piece between two of its line-break opportunities that is wider than
    ``width`` shortened to fit (``shorten``) or broken where it fills a line; and whether any
    was."""
    if width <= 0 or not text:
        return text, False
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    pieces, start, fitted = [], 0, False
    while (end := finder.toNextBoundary()) != -1:
        if end <= start:
            continue
        piece = text[start:end]
        word = piece.rstrip()
        if metrics.horizontalAdvance(word) > width:
            fitted = True
            rest = piece[len(word) :]
            if shorten:
                piece = metrics.elidedText(word, Qt.TextElideMode.ElideRight, width) + rest
            else:
                piece = LINE_BREAK.join(_lines_of(word, metrics, width)) + rest
        pieces.append(piece)
        start = end
    return "".join(pieces) + text[start:], fitted


def _lines_of(word: str, metrics: QFontMetrics, width: int) -> list[str]:
    """``word`` cut into lines no wider than ``width`` (but for a single character wider), cut
    only between the characters a reader sees (never inside an accented letter, a joined
    emoji or a syllable cluster)."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Grapheme, word)
    lines, start, last = [], 0, 0
    while (end := finder.toNextBoundary()) != -1:
        if end <= last:
            continue
        if last > start and metrics.horizontalAdvance(word[start:end]) > width:
            lines.append(word[start:last])
            start = last
        last = end
    lines.append(word[start:])
    return lines


def tip_line_width(metrics: QFontMetrics) -> int:
    """The width of a tooltip's longest line in ``metrics``' font: :data:`TIP_LINE_CHARS`
    characters, but at most half the screen."""
    width = metrics.averageCharWidth() * TIP_LINE_CHARS
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        width = min(width, screen.availableGeometry().width() // 2)
    return width


def fitted_tip(text: str) -> str:
    """A tooltip of plain ``text`` (as :func:`desktop.ui.text.plain`) whose words all fit a
    line of the tooltip: one too long (a file name, a web address) is broken where it fills
    one, the others are whole. A word cannot be broken by the tooltip's wrapping: one long
    name made the tooltip wider than the screen."""
    metrics = QFontMetrics(QToolTip.font())
    return plain(fitted_text(text, metrics, tip_line_width(metrics), shorten=False)[0])
