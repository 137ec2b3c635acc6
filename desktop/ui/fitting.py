"""Text fitted to its room, broken only where the script allows: at the line-break
opportunities of Unicode (spaces, after a hyphen, between CJK characters).

One way for a heading and a tooltip alike. A piece between two opportunities (a word) wider
than the room is either shortened ("…", a heading: the whole text is in its tooltip) or given
line breaks where it fills a line (a tooltip, where the text must be whole). Zero-width spaces
every 16 letters broke every long word whatever the room: "quarterly_report / _2024.pdf" in a
tooltip Qt had made narrow, "rare-ear / th" in a wide dock.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterator

from PySide6.QtCore import Qt, QTextBoundaryFinder
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QToolTip

from desktop.ui.text import as_rich, escape, plain

_TAG = re.compile("(<[^>]*>)")

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
    pieces, fitted = [], False
    for piece in _pieces(text):
        word = piece.rstrip()
        if metrics.horizontalAdvance(word) > width:
            fitted = True
            rest = piece[len(word) :]
            if shorten:
                piece = metrics.elidedText(word, Qt.TextElideMode.ElideRight, width) + rest
            else:
                piece = LINE_BREAK.join(_lines_of(word, metrics, width)) + rest
        pieces.append(piece)
    return "".join(pieces), fitted


def elided(
    text: str,
    metrics: QFontMetrics,
    width: int,
    mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
) -> str:
    """``text`` as ``metrics.elidedText`` cuts it to ``width`` for a painter; a cut name that
    reads from the right (its first letter Arabic or Hebrew) set as its script sets it, so
    that its "…" stands where it was cut. In a line read from the left the "…" stood to the
    right of such a name, against its first word, its cut end bare. (Embedded with U+202B …
    U+202C: isolating marks, which the fonts lack, were drawn in a fallback font whose taller
    line moved the text down and cut off the dots below its letters.)"""
    shown = metrics.elidedText(text, mode, width)
    if shown != text and _reads_from_the_right(shown):
        return f"\u202b{shown}\u202c"
    return shown


def _reads_from_the_right(text: str) -> bool:
    """Whether the first letter of ``text`` with a direction is right to left."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def _pieces(text: str) -> Iterator[str]:
    """``text`` cut at its line-break opportunities, each piece with the spaces after it."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    start = 0
    while (end := finder.toNextBoundary()) != -1:
        if end > start:
            yield text[start:end]
            start = end
    if start < len(text):
        yield text[start:]


def wrapped_lines(text: str, measure: Callable[[str], int], width: int, most: int) -> list[str]:
    """``text`` on at most ``most`` lines no wider than ``width`` (a line as wide as
    ``measure`` gives it), broken only at its line-break opportunities, as a heading: a word
    wider than a line is shortened ("…"), and the text left over for the last line ends it
    with "…". (Broken wherever a line filled, a word read "Extracti / on".)"""
    if not text:
        return [""]
    lines: list[str] = []
    starts: list[int] = []
    line, start = "", 0
    for piece in _pieces(text):
        if line and measure((line + piece).rstrip()) > width:
            lines.append(line.rstrip())
            starts.append(start)
            start += len(line)
            line = ""
        line += piece
    lines.append(line.rstrip())
    starts.append(start)
    if len(lines) > most:
        lines = lines[: most - 1] + [text[starts[most - 1] :].strip()]
    return [_shortened(line, measure, width) for line in lines]


def _shortened(line: str, measure: Callable[[str], int], width: int) -> str:
    """``line``, or as much of its start as fits ``width`` with "…", cut between the
    characters a reader sees."""
    if measure(line) <= width:
        return line
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Grapheme, line)
    ends = [end for end in iter(finder.toNextBoundary, -1) if end > 0]
    low, high = 0, len(ends)  # ends[:low] fit with "…"; ends[high:] do not
    while low < high:
        middle = (low + high) // 2
        if measure(line[: ends[middle]].rstrip() + "\u2026") <= width:
            low = middle + 1
        else:
            high = middle
    return line[: ends[low - 1]].rstrip() + "\u2026" if low else "\u2026"


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


def fitted_rich_tip(markup: str) -> str | None:
    """A tooltip of rich text ``markup`` (its user text escaped, as for
    :func:`desktop.ui.text.as_rich`; None when empty) whose words all fit a line of the
    tooltip, as :func:`fitted_tip` fits plain text: a long name without spaces in it (a
    project's, a criterion's, a red line's reason) made the tooltip wider than the screen."""
    if not markup:
        return None
    metrics = QFontMetrics(QToolTip.font())
    width = tip_line_width(metrics)
    parts = _TAG.split(markup)
    for at in range(0, len(parts), 2):  # the text between two tags
        text = html.unescape(parts[at])
        fitted, broken = fitted_text(text, metrics, width, shorten=False)
        if broken:
            parts[at] = escape(fitted)
    return as_rich("".join(parts))
