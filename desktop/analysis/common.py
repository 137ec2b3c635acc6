"""Shared look of the analysis charts: palette-aware chrome, band and rank colours, numbers.

Chrome (text, grid lines, backgrounds) comes from the widget's palette so the charts follow
light and dark mode. Band and red-line colours come from :mod:`desktop.ui.style`, the one
theme module of the app. Rank colours are one blue ramp (dark = better rank) that differs in lightness, so it
reads in greyscale and for red-green colour blindness, and is never confused with the bands.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QWidget

from desktop.ui.fitting import elided
from desktop.ui.refusals import announce
from desktop.ui.style import is_dark, muted_text_color, red_line_colour
from rrisk.text import agrees, counted

RANK_FILLS = ("#08306B", "#2166AC", "#4393C3", "#92C5DE", "#C6DBEF", "#E3ECF5")
"""1st … 5th, then "lower ranks"; dark to light."""
RANK_TEXTS = ("#FFFFFF", "#FFFFFF", "#0B1A2A", "#0B1A2A", "#0B1A2A", "#0B1A2A")
MAX_SINGLE_RANKS = 5
"""Ranks shown one by one in the rank chart; the rest are grouped as "lower ranks"."""
MAX_CHART_ROWS = 30
"""Projects drawn in a chart; every project stays in the table."""


def ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def text_colour(widget: QWidget) -> QColor:
    return widget.palette().color(QPalette.ColorRole.Text)


def muted_colour(widget: QWidget) -> QColor:
    """Secondary chart text: the app's one muted colour, read from the widget's palette."""
    return muted_text_color(widget.palette())


def grid_colour(widget: QWidget) -> QColor:
    colour = QColor(text_colour(widget))
    colour.setAlpha(60)
    return colour


def excluded_brush(widget: QWidget) -> QBrush:
    """Hatching in red-line purple: the excluded share reads as "no rank", not as a colour."""
    return QBrush(red_line_colour(widget), Qt.BrushStyle.BDiagPattern)


def unscored_colour(widget: QWidget) -> QColor:
    return QColor("#4A5058") if is_dark(widget) else QColor("#BFC5CC")


def nice_ticks(low: float, high: float, target: int = 6) -> list[float]:
    """Round tick values (steps of 1, 2 or 5 × 10^k) covering ``low``–``high``."""
    span = max(high - low, 1e-9)
    raw = span / max(target, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step - 1e-9) * step
    ticks = []
    value = first
    while value <= high + 1e-9:
        ticks.append(round(value, 10))
        value += step
    return ticks


def draw_swatch_legend(
    painter: QPainter, widget: QWidget, x: float, y: float, items: list[tuple[str, QBrush]]
) -> float:
    """Swatches with labels in one line from (x, y); returns the height used."""
    metrics = QFontMetrics(widget.font())
    size = metrics.height() * 0.8
    painter.save()
    for label, brush in items:
        box = QRectF(x, y + (metrics.height() - size) / 2, size, size)
        if brush.style() != Qt.BrushStyle.SolidPattern:
            painter.fillRect(box, widget.palette().color(QPalette.ColorRole.Base))
        painter.fillRect(box, brush)
        # An edge that stands out from the window (3:1 or more), so a swatch near the
        # window's own shade (the darkest rank in the dark theme, the palest in the light)
        # still shows where it is; the faint grid colour left those swatches hard to find.
        painter.setPen(QPen(muted_colour(widget), 1))
        painter.drawRect(box)
        painter.setPen(text_colour(widget))
        painter.drawText(QPointF(x + size + 5, y + metrics.ascent()), label)
        x += size + 5 + metrics.horizontalAdvance(label) + metrics.height()
    painter.restore()
    return metrics.height()


def bring_row_into_sight(chart: QWidget, header: float, row_height: float, row: int) -> None:
    """Scroll the panel ``chart`` is in so that its ``row`` shows (a key may choose one below
    the fold, and the focus, on the chart, does not move for the panel to follow)."""
    scroll = chart.parentWidget()
    while scroll is not None and not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()
    content = scroll.widget() if scroll is not None else None
    if scroll is None or content is None or not content.isAncestorOf(chart):
        return
    middle = header + (row + 0.5) * row_height
    at = chart.mapTo(content, QPoint(0, round(middle)))
    scroll.ensureVisible(at.x(), at.y(), 0, math.ceil(row_height / 2) + 2)


LABEL_LEFT = 4.0
"""Where a chart row's label starts: clear of the 2-pixel edge of the focus frame around it."""


def draw_row_frame(painter: QPainter, chart: QWidget, top: float | None, row_height: float) -> None:
    """Frame the row at ``top`` (None: the whole chart) of a chart that has the focus."""
    if top is not None:
        frame = QRectF(1, top + 1, chart.width() - 2, row_height - 2)
    else:
        frame = QRectF(chart.rect()).adjusted(1, 1, -1, -1)
    painter.save()
    painter.setPen(QPen(chart.palette().color(QPalette.ColorRole.Highlight), 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(frame)
    painter.restore()


STEP_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End)
"""The keys that choose a chart's row."""


def stepped_row(key: int, current: int | None, rows: int) -> int:
    """The row ``key`` (one of :data:`STEP_KEYS`) chooses from ``current`` among ``rows``."""
    if key == Qt.Key.Key_Home:
        return 0
    if key == Qt.Key.Key_End:
        return rows - 1
    if current is None:
        return 0
    return min(max(current + (1 if key == Qt.Key.Key_Down else -1), 0), rows - 1)


NO_RESULTS = "No results yet."


class KeyedRowsChart(QWidget):
    """Base of the charts whose rows the keyboard chooses: reached with Tab, Up, Down, Home
    and End choose a row (:meth:`choose_by_key`), framed while the chart has the focus."""

    def row_count(self) -> int:
        raise NotImplementedError

    def key_row(self) -> int | None:
        """The row last chosen, if the chart still shows it."""
        raise NotImplementedError

    def choose_by_key(self, row: int) -> None:
        raise NotImplementedError

    def header_height(self) -> float:
        raise NotImplementedError

    def row_height(self) -> float:
        raise NotImplementedError

    def draw_focus(self, painter: QPainter) -> None:
        """Frame the row last chosen (or the whole chart) while the chart has the focus."""
        if not self.hasFocus():
            return
        key_row = self.key_row()
        top = None if key_row is None else self.header_height() + key_row * self.row_height()
        draw_row_frame(painter, self, top, self.row_height())

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.update()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        rows = self.row_count()
        key = event.key()
        if not rows or key not in STEP_KEYS:
            super().keyPressEvent(event)
            return
        self.choose_by_key(stepped_row(key, self.key_row(), rows))


class ProjectChart(KeyedRowsChart):
    """Base of the per-project charts: one row per project, labels on the left, click selects."""

    projectActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        # Reached with Tab: Up, Down, Home and End choose a project as a click on its row does.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.key_project: str | None = None
        """The project last chosen here (by a click or a key), its row framed while the chart
        has focus: the project, not the row, since a new run may order the rows anew."""
        self.project_ids: list[str] = []
        self.project_names: list[str] = []
        self.hidden_rows = 0
        self.empty_text = NO_RESULTS
        """What the chart says when it has no rows: no run yet, or a run of no projects."""

    def set_empty_text(self, has_result: bool) -> None:
        self.empty_text = "No projects to analyse." if has_result else NO_RESULTS

    # Geometry is derived from the font so the chart scales with the screen.
    def row_height(self) -> float:
        return QFontMetrics(self.font()).height() * 1.7

    def label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        em = metrics.horizontalAdvance("M")
        widest = max((metrics.horizontalAdvance(n) for n in self.project_names), default=0)
        return math.ceil(min(widest + 14, max(em * 12.0, self.width() * 0.38), em * 34.0))

    def header_height(self) -> float:
        return QFontMetrics(self.font()).height() * 1.5

    def footer_height(self) -> float:
        metrics = QFontMetrics(self.font())
        return metrics.height() * (1.6 if self.hidden_rows else 0.4)

    def chart_height(self) -> int:
        rows = max(len(self.project_ids), 1)
        return math.ceil(self.header_height() + rows * self.row_height() + self.footer_height())

    def row_at(self, y: float) -> int | None:
        row = math.floor((y - self.header_height()) / self.row_height())
        return row if 0 <= row < len(self.project_ids) else None

    def draw_label(self, painter: QPainter, row: int, top: float) -> None:
        metrics = QFontMetrics(self.font())
        width = self.label_width() - 10
        name = elided(self.project_names[row], metrics, width)
        painter.setPen(text_colour(self))
        baseline = top + (self.row_height() + metrics.ascent() - metrics.descent()) / 2
        painter.drawText(QPointF(LABEL_LEFT, baseline), name)

    def draw_hidden_note(self, painter: QPainter) -> None:
        if not self.hidden_rows:
            return
        metrics = QFontMetrics(self.font())
        painter.setPen(muted_colour(self))
        y = self.height() - metrics.descent() - 2
        painter.drawText(
            QPointF(0, y),
            f"{counted(self.hidden_rows, 'more project')} "
            f"{agrees(self.hidden_rows, 'is', 'are')} listed in the table above.",
        )

    def row_count(self) -> int:
        return len(self.project_ids)

    def choose_by_key(self, row: int) -> None:
        self._choose(row)

    def key_row(self) -> int | None:
        """The row of the project last chosen here, if the chart still shows it."""
        if self.key_project is None or self.key_project not in self.project_ids:
            return None
        return self.project_ids.index(self.key_project)

    def tooltip_text(self, row: int) -> str:
        """What the chart says of ``row``: its tip, and what a screen reader says of the
        project chosen there by key."""
        return self.project_names[row]

    def _choose(self, row: int) -> None:
        self.key_project = self.project_ids[row]
        self.update()
        if self.hasFocus():
            # Said aloud: the frame moving is all that shows which project a key chose.
            announce(self, self.tooltip_text(row).replace("\n", "; "))
        self._bring_into_sight(row)
        self.projectActivated.emit(self.project_ids[row])

    def _bring_into_sight(self, row: int) -> None:
        bring_row_into_sight(self, self.header_height(), self.row_height(), row)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        row = self.row_at(event.position().y())
        if row is not None and event.button() == Qt.MouseButton.LeftButton:
            self._choose(row)
        super().mousePressEvent(event)
