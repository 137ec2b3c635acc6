"""Tornado chart: a project's risk index as each criterion weight goes from 0 to twice its value.

One row per criterion, widest swing first (the order of :meth:`rrisk.analysis.Tornado.bars`).
From the base index (vertical line) a light bar reaches the index with that weight set to 0
and a dark bar the index with the weight doubled; both values are printed at the bar ends,
and the criterion names and weights sit on the left.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.analysis.common import (
    LABEL_LEFT,
    KeyedRowsChart,
    bring_row_into_sight,
    draw_swatch_legend,
    grid_colour,
    muted_colour,
    nice_ticks,
    text_colour,
)
from desktop.ui.refusals import announce
from desktop.ui.style import is_dark
from desktop.ui.text import plain
from rrisk.fmt import fmt_index, plain_number
from rrisk.text import agrees, counted

MAX_TORNADO_ROWS = 15
ALONE_TEXT = "carries the index alone: at weight 0 there is none"
"""Criteria drawn (widest swings); the rest move the index less than the last one shown."""


@dataclass(frozen=True)
class TornadoRow:
    """One criterion's bar: index with its weight at 0 and at twice its value."""

    name: str
    weight: float
    at_zero: float
    at_double: float
    assessed: bool
    criterion_id: str
    """Which criterion: two may share a name."""


class TornadoChart(KeyedRowsChart):
    """Custom-painted tornado of one project. Reached with Tab, as the rank and P10–P90
    charts are: Up, Down, Home and End choose a criterion's bar, framed and said aloud with
    its figures, as its tip shows them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tornadoChart")
        self.setAccessibleName("Tornado chart of weight sensitivity")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.key_criterion: str | None = None
        """The id of the criterion whose bar a key chose last, framed while the chart has the
        focus: the criterion, not its row, since another project orders the bars anew (nor
        its name, which another criterion may share)."""
        self.project_name = ""
        self.base = math.nan
        self.rows: list[TornadoRow] = []
        self.hidden_rows = 0
        self.message = "Select a project to see how its index depends on each weight."

    def set_data(
        self, project_name: str, base: float, rows: list[TornadoRow], message: str = ""
    ) -> None:
        """Show the bars of one project; ``message`` replaces the chart when there are none."""
        self.project_name = project_name
        self.base = base
        self.rows = rows[:MAX_TORNADO_ROWS]
        self.hidden_rows = max(0, len(rows) - MAX_TORNADO_ROWS)
        self.message = message
        self.setMinimumHeight(self.chart_height())
        self.updateGeometry()
        self.update()
        self.setAccessibleDescription(self.summary())

    def summary(self) -> str:
        """The chart in words (accessible description, and a check for tests)."""
        if not self.rows:
            return self.message
        parts = [
            (
                f"{row.name}: {ALONE_TEXT}"
                if row.assessed and math.isnan(row.at_zero)
                else f"{row.name}: {fmt_index(row.at_zero)} at weight 0, "
                f"{fmt_index(row.at_double)} at weight {plain_number(2 * row.weight)}"
            )
            for row in self.rows
        ]
        return f"{self.project_name}, base index {fmt_index(self.base)}. " + "; ".join(parts)

    # -- geometry ------------------------------------------------------------------------
    def row_height(self) -> float:
        return QFontMetrics(self.font()).height() * 1.7

    def header_height(self) -> float:
        return QFontMetrics(self.font()).height() * 2.8

    def footer_height(self) -> float:
        return QFontMetrics(self.font()).height() * (1.6 + (1.2 if self.hidden_rows else 0))

    def chart_height(self) -> int:
        if not self.rows:
            return QFontMetrics(self.font()).height() * 4
        return math.ceil(
            self.header_height() + len(self.rows) * self.row_height() + self.footer_height()
        )

    def sizeHint(self) -> QSize:
        return QSize(560, self.chart_height())

    def _label(self, row: TornadoRow) -> str:
        return f"{row.name}  (w {plain_number(row.weight)})"

    def label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        em = metrics.horizontalAdvance("M")
        widest = max((metrics.horizontalAdvance(self._label(r)) for r in self.rows), default=0)
        return math.ceil(min(widest + 16, max(em * 14.0, self.width() * 0.36), em * 32.0))

    def _plot(self) -> QRectF:
        metrics = QFontMetrics(self.font())
        room = metrics.horizontalAdvance("100.0") + 10  # value labels beside the bar ends
        left = self.label_width() + room
        right = self.width() - room
        return QRectF(
            left, self.header_height(), max(right - left, 40.0), len(self.rows) * self.row_height()
        )

    def _domain(self) -> tuple[float, float]:
        values = [self.base]
        for row in self.rows:
            values += [v for v in (row.at_zero, row.at_double) if not math.isnan(v)]
        low, high = min(values), max(values)
        # At least a few index points wide, so tiny swings are not blown up into big bars.
        centre, half = (low + high) / 2, max((high - low) / 2 * 1.08, 2.0)
        return max(0.0, centre - half), min(100.0, centre + half)

    # -- colours -------------------------------------------------------------------------
    def zero_colour(self) -> QColor:
        return QColor("#8FB3D9") if not is_dark(self) else QColor("#B7D0EA")

    def double_colour(self) -> QColor:
        return QColor("#1F4E79") if not is_dark(self) else QColor("#2E6BB0")

    # -- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.rows:
            painter.setPen(muted_colour(self))
            painter.drawText(
                self.rect().adjusted(8, 0, -8, 0),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.message,
            )
            self.draw_focus(painter)
            return
        metrics = QFontMetrics(self.font())
        draw_swatch_legend(
            painter,
            self,
            0,
            0,
            [
                ("weight set to 0", QBrush(self.zero_colour())),
                ("weight doubled", QBrush(self.double_colour())),
            ],
        )
        plot = self._plot()
        low, high = self._domain()

        def x_of(value: float) -> float:
            return plot.left() + plot.width() * (value - low) / (high - low)

        for tick in nice_ticks(low, high):
            x = x_of(tick)
            painter.setPen(QPen(grid_colour(self), 1))
            painter.drawLine(QLineF(x, plot.top(), x, plot.bottom() + 4))
            painter.setPen(muted_colour(self))
            text = f"{tick:g}"
            painter.drawText(
                QPointF(
                    x - metrics.horizontalAdvance(text) / 2, plot.bottom() + 4 + metrics.ascent()
                ),
                text,
            )
        bar_height = self.row_height() * 0.6
        for index, row in enumerate(self.rows):
            top = plot.top() + index * self.row_height()
            baseline = top + (self.row_height() + metrics.ascent() - metrics.descent()) / 2
            painter.setPen(text_colour(self))
            label = metrics.elidedText(
                self._label(row), Qt.TextElideMode.ElideMiddle, self.label_width() - 12
            )
            painter.drawText(QPointF(LABEL_LEFT, baseline), label)
            bar_top = top + (self.row_height() - bar_height) / 2
            if not row.assessed or row.weight == 0:
                # Doubling a weight of 0 leaves it 0: no bar to draw, as the memo says.
                note = (
                    "not assessed: no effect" if not row.assessed else "weight 0: doubled, still 0"
                )
                painter.setPen(muted_colour(self))
                painter.drawText(QPointF(x_of(self.base) + 8, baseline), note)
                continue
            if math.isnan(row.at_zero):
                # The only weighted criterion the project is assessed on: doubling its weight
                # leaves the index as it is, and at weight 0 there is no index at all.
                painter.setPen(text_colour(self))
                painter.drawText(QPointF(x_of(self.base) + 8, baseline), ALONE_TEXT)
                continue
            base_x = x_of(self.base)
            for value, colour in (
                (row.at_zero, self.zero_colour()),
                (row.at_double, self.double_colour()),
            ):
                end = x_of(value)
                painter.fillRect(
                    QRectF(min(base_x, end), bar_top, abs(end - base_x), bar_height), colour
                )
            self._draw_end_values(painter, row, x_of, baseline)
        # The base line on top of the bars, labelled above the plot.
        base_x = x_of(self.base)
        painter.setPen(QPen(text_colour(self), 1.5))
        painter.drawLine(QLineF(base_x, plot.top() - 4, base_x, plot.bottom()))
        label = f"base {fmt_index(self.base)}"
        width = metrics.horizontalAdvance(label)
        label_x = min(max(base_x - width / 2, plot.left() - 40), self.width() - width)
        painter.drawText(QPointF(label_x, plot.top() - 6 - metrics.descent()), label)
        # Last, as the rank chart's: drawn first, a label's first letter covered its edge.
        self.draw_focus(painter)
        if self.hidden_rows:
            painter.setPen(muted_colour(self))
            painter.drawText(
                QPointF(0, self.height() - metrics.descent() - 2),
                f"{counted(self.hidden_rows, 'more criterion', 'more criteria')} "
                f"{agrees(self.hidden_rows, 'moves', 'move')} the index less than those shown.",
            )

    def _draw_end_values(self, painter: QPainter, row: TornadoRow, x_of, baseline: float) -> None:
        metrics = QFontMetrics(self.font())
        low_value, high_value = sorted((row.at_zero, row.at_double))
        low_text, high_text = fmt_index(low_value), fmt_index(high_value)
        painter.setPen(text_colour(self))
        low_x = x_of(min(low_value, self.base)) - 5 - metrics.horizontalAdvance(low_text)
        painter.drawText(QPointF(low_x, baseline), low_text)
        painter.drawText(QPointF(x_of(max(high_value, self.base)) + 5, baseline), high_text)

    def row_at(self, y: float) -> int | None:
        row = math.floor((y - self.header_height()) / self.row_height())
        return row if 0 <= row < len(self.rows) else None

    def row_text(self, index: int) -> str:
        """What the chart says of bar ``index``: its tip, and what a screen reader says of the
        bar chosen by key."""
        row = self.rows[index]
        name = f"{row.name} (weight {plain_number(row.weight)})"
        if not row.assessed:
            return f"{name}: not assessed, no effect on the index ({fmt_index(self.base)})"
        if row.weight == 0:
            return f"{name}: weight 0, doubled still 0: the index stays {fmt_index(self.base)}"
        at_zero = (
            "no index with weight 0 (nothing else weighted is assessed)"
            if math.isnan(row.at_zero)
            else f"index {fmt_index(row.at_zero)} with weight 0"
        )
        return (
            f"{name}: {at_zero}, {fmt_index(self.base)} now, {fmt_index(row.at_double)} with "
            f"weight {plain_number(2 * row.weight)}"
        )

    # -- keyboard ------------------------------------------------------------------------
    def key_row(self) -> int | None:
        """The bar of the criterion last chosen by key, if the chart still shows it."""
        ids = [row.criterion_id for row in self.rows]
        return ids.index(self.key_criterion) if self.key_criterion in ids else None

    def row_count(self) -> int:
        return len(self.rows)

    def choose_by_key(self, row: int) -> None:
        self.key_criterion = self.rows[row].criterion_id
        self.update()
        # Said aloud: the frame moving is all that shows which bar a key chose.
        announce(self, self.row_text(row))
        bring_row_into_sight(self, self.header_height(), self.row_height(), row)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.row_at(event.pos().y())
            if index is not None:
                QToolTip.showText(event.globalPos(), plain(self.row_text(index)), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
