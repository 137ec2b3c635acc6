"""Vector graphics of the memo: the 5×5 likelihood × impact matrix and rotated header labels.

Band colours come from :mod:`rrisk.palette`; every coloured area also prints its number or
code, so the charts read in greyscale and for colour-blind readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from reports import styles as st
from reports.fonts import BOLD, REGULAR, register_fonts
from reports.shapes import Drawing, Group, Rect, String
from rrisk.glyphs import fallback_runs
from rrisk.scoring import cell_band


class RotatedLabel(Flowable):
    """Text set bottom-to-top in up to ``lines`` lines, for narrow table column headers."""

    def __init__(
        self,
        text: str,
        height: float,
        font: str = BOLD,
        size: float = 7.2,
        color: colors.Color = st.ACCENT,
        lines: int = 1,
    ):
        super().__init__()
        self.lines = wrap_text(text, font, size, height, lines)
        self.font = font
        self.size = size
        self.color = color
        self.label_height = height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = self.size * 1.2 * len(self.lines)
        longest = max(st.text_width(line, self.font, self.size) for line in self.lines)
        self.height = min(self.label_height, longest + 2)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.color)
        canvas.setFont(self.font, self.size)
        canvas.rotate(90)
        for number, line in enumerate(self.lines, start=1):
            # After rotating, the baseline of line n sits n line-heights left of the cell edge.
            y = -self.size * 1.2 * number + self.size * 0.25
            st.draw_text(canvas, 0, y, line, self.font, self.size)
        canvas.restoreState()


def wrap_text(text: str, font: str, size: float, width: float, lines: int) -> list[str]:
    """Greedy word wrap into at most ``lines`` lines; the last one is shortened to fit.
    Chinese, Japanese and Korean text, written without spaces, may break between any two of
    its characters (:func:`_break_points`)."""
    words = st.printable(text).split()
    if lines <= 1:  # one line: the whole text, shortened to fit
        return [st.fit_text(" ".join(words), font, size, width)] if words else [""]
    pieces = _break_points(words)
    result: list[str] = []
    current = ""
    for position, (piece, spaced) in enumerate(pieces):
        candidate = f"{current} {piece}" if spaced and current else current + piece
        if st.text_width(candidate, font, size) <= width or not current:
            current = candidate
            continue
        result.append(current)
        current = piece
        if len(result) == lines - 1:
            current = _joined(pieces[position:])
            break
    result.append(current)
    result[-1] = st.fit_text(result[-1], font, size, width)
    return [line for line in result if line] or [""]


def _break_points(words: list[str]) -> list[tuple[str, bool]]:
    """The words as pieces a line may break after, each with whether a space comes before
    it: the words themselves, but a word holding Chinese, Japanese or Korean characters is
    cut before and after each of them, with no space between the pieces."""
    pieces: list[tuple[str, bool]] = []
    for word in words:
        runs = fallback_runs(word)
        if runs is None:
            pieces.append((word, True))
            continue
        spaced = True
        for run, cjk in runs:
            for piece in run if cjk else [run]:
                pieces.append((piece, spaced))
                spaced = False
    return pieces


def _joined(pieces: list[tuple[str, bool]]) -> str:
    return "".join(
        (" " if spaced and number else "") + piece for number, (piece, spaced) in enumerate(pieces)
    )


@dataclass(frozen=True)
class MatrixMarker:
    """One criterion placed on a project's matrix."""

    code: str
    likelihood: int
    impact: int
    red_line: bool


def risk_matrix(markers: Sequence[MatrixMarker], cell_size: float = 33.0) -> Drawing:
    """The 5×5 matrix (impact across, likelihood up, as in the app) with criterion codes."""
    register_fonts()  # the codes are measured in the memo's bold face
    axis = 24.0
    size = cell_size * 5
    drawing = new_drawing(size + axis + 4, size + axis + 4)
    origin_x, origin_y = axis, axis
    for likelihood in range(1, 6):
        for impact in range(1, 6):
            band = int(cell_band(likelihood * impact))
            x = origin_x + (impact - 1) * cell_size
            y = origin_y + (likelihood - 1) * cell_size
            drawing.add(
                Rect(
                    x,
                    y,
                    cell_size,
                    cell_size,
                    fillColor=st.band_fill(band),
                    strokeColor=colors.white,
                    strokeWidth=1.2,
                )
            )
            drawing.add(
                String(
                    x + cell_size - 2.5,
                    y + cell_size - 7.5,
                    str(likelihood * impact),
                    fontName=REGULAR,
                    fontSize=5.8,
                    fillColor=st.band_text(band),
                    textAnchor="end",
                    fillOpacity=0.75,
                )
            )
    for level in range(1, 6):
        centre = (level - 0.5) * cell_size
        drawing.add(
            String(
                origin_x + centre,
                origin_y - 9,
                str(level),
                fontName=REGULAR,
                fontSize=7,
                fillColor=st.MUTED,
                textAnchor="middle",
            )
        )
        drawing.add(
            String(
                origin_x - 6,
                origin_y + centre - 2.5,
                str(level),
                fontName=REGULAR,
                fontSize=7,
                fillColor=st.MUTED,
                textAnchor="end",
            )
        )
    drawing.add(
        String(
            origin_x + size / 2,
            2,
            "Impact →",
            fontName=BOLD,
            fontSize=7,
            fillColor=st.INK,
            textAnchor="middle",
        )
    )
    likelihood_label = Group(
        String(
            0, 0, "Likelihood →", fontName=BOLD, fontSize=7, fillColor=st.INK, textAnchor="middle"
        )
    )
    likelihood_label.rotate(90)
    likelihood_label.translate(origin_y + size / 2, -8)
    drawing.add(likelihood_label)
    by_cell: dict[tuple[int, int], list[MatrixMarker]] = {}
    for marker in markers:
        by_cell.setdefault((marker.likelihood, marker.impact), []).append(marker)
    for (likelihood, impact), items in sorted(by_cell.items()):
        x0 = origin_x + (impact - 1) * cell_size
        y0 = origin_y + (likelihood - 1) * cell_size
        _place_codes(drawing, items, x0, y0, cell_size)
    placed = "; ".join(
        f"{m.code} likelihood {m.likelihood}, impact {m.impact}"
        + (", red line" if m.red_line else "")
        for m in markers
    )
    drawing.description = "5×5 risk matrix, impact across, likelihood up" + (
        f": {placed}" if placed else ": no criterion assessed"
    )
    return drawing


def _place_codes(
    drawing: Drawing, items: list[MatrixMarker], x0: float, y0: float, cell_size: float
) -> None:
    """Codes as small pills, two per line, bottom-up, as many lines as fit below the cell's
    risk number (top right); overflow becomes "+n" rather than a pill in the next cell."""
    font_size = 6.2
    pill_h = 8.2
    per_line = 2
    pill_w = (cell_size - 5) / per_line
    # Codes from C10 on (and a "+12") are wider than half a cell: then one pill a line.
    widest = max((stringWidth(m.code, BOLD, font_size) for m in items), default=0.0)
    if len(items) > 9:
        widest = max(widest, stringWidth(f"+{len(items)}", BOLD, font_size))
    if widest > pill_w - 2:  # as wide as the code needs, clear of the number at top right
        per_line, pill_w = 1, min(cell_size - 4, widest + 3)
    # A line's top must stay below the number's baseline (cell_size - 7.5 above the cell's
    # bottom); the first line starts 2 up.
    max_lines = max(1, int((cell_size - 7.5 - 2 + 1) // (pill_h + 1)))
    capacity = per_line * max_lines
    shown = items if len(items) <= capacity else items[: capacity - 1]
    labels = [(m.code, m.red_line) for m in shown]
    if len(items) > len(shown):
        labels.append((f"+{len(items) - len(shown)}", False))
    for position, (label, red_line) in enumerate(labels):
        row, col = divmod(position, per_line)
        x = x0 + 2 + col * (pill_w + 1)
        y = y0 + 2 + row * (pill_h + 1)
        fill = st.RED_LINE if red_line else colors.white
        ink = colors.white if red_line else st.INK
        drawing.add(
            Rect(
                x,
                y,
                pill_w,
                pill_h,
                rx=2,
                ry=2,
                fillColor=fill,
                strokeColor=st.RED_LINE if red_line else st.INK,
                strokeWidth=0.4,
            )
        )
        # A code wider than its pill even alone (C100 in a small cell) is set smaller.
        size = min(
            font_size, font_size * (pill_w - 2) / max(stringWidth(label, BOLD, font_size), 1)
        )
        drawing.add(
            String(
                x + pill_w / 2,
                y + 2.1,
                label,
                fontName=BOLD,
                fontSize=size,
                fillColor=ink,
                textAnchor="middle",
            )
        )


def new_drawing(width: float, height: float) -> Drawing:
    """A drawing that starts in the memo font (the default would add an unembedded one)."""
    drawing = Drawing(width, height)
    drawing.initialFontName = REGULAR
    drawing.initialFontSize = 7
    return drawing


def band_swatch(band: int, label: str, width: float = 64, height: float = 13) -> Drawing:
    """A filled box with the band name printed in it (for legends)."""
    drawing = new_drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=st.band_fill(band), strokeColor=None))
    drawing.add(
        String(
            width / 2,
            3.6,
            label,
            fontName=BOLD,
            fontSize=7,
            fillColor=st.band_text(band),
            textAnchor="middle",
        )
    )
    drawing.description = label
    return drawing
