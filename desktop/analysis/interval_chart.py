"""P10–P90 interval chart: where each project's risk index lies in 80% of the runs.

The 0–100 index axis is shaded lightly by band (Low, Medium, High, Critical, named at the
top); each project gets a bar from P10 to P90 in the band colour of its P50, a tick at P50,
and the figures printed at the right. Projects excluded in some runs carry the red-line mark
and the share of runs.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from desktop.analysis.common import ProjectChart, grid_colour, muted_colour, text_colour
from desktop.ui.style import band_colours, is_dark, red_line_colour
from desktop.ui.text import plain
from rrisk import palette
from rrisk.analysis import MonteCarloResult
from rrisk.fmt import fmt_index, fmt_probability
from rrisk.scoring import INDEX_BAND_LOWER, INDEX_BANDS, index_band


class IntervalChart(ProjectChart):
    """P10–P90 bars with a P50 tick per project on a 0–100 index axis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intervalChart")
        self.setAccessibleName("P10 to P90 range of each project's risk index")
        self.p10: list[float] = []
        self.p50: list[float] = []
        self.p90: list[float] = []
        self.excluded: list[float] = []

    def set_result(self, result: MonteCarloResult | None, rows: list[int], hidden: int) -> None:
        """Show ``result`` for the given project rows (display order); None clears."""
        self.hidden_rows = hidden
        self.set_empty_text(result is not None)
        if result is None:
            rows = []
        self.project_ids = [result.project_ids[r] for r in rows] if result else []
        self.project_names = [result.project_names[r] for r in rows] if result else []
        self.p10 = [float(result.p10[r]) for r in rows] if result else []
        self.p50 = [float(result.p50[r]) for r in rows] if result else []
        self.p90 = [float(result.p90[r]) for r in rows] if result else []
        self.excluded = [float(result.excluded_probability[r]) for r in rows] if result else []
        self.setMinimumHeight(self.chart_height())
        self.updateGeometry()
        self.update()
        self.setAccessibleDescription(
            "; ".join(self.tooltip_text(row) for row in range(len(self.project_ids)))
            or self.empty_text
        )

    def sizeHint(self) -> QSize:
        return QSize(480, self.chart_height())

    def header_height(self) -> float:
        return QFontMetrics(self.font()).height() * 1.6

    def footer_height(self) -> float:
        # Room for the axis labels, plus the note on hidden projects.
        return QFontMetrics(self.font()).height() * (1.5 + (1.2 if self.hidden_rows else 0))

    def value_width(self) -> float:
        metrics = QFontMetrics(self.font())
        # The widest figures there can be (100.0 at all three, excluded in every run).
        widest = f"100.0  (100.0–100.0)  {palette.RED_LINE_MARK} 100%"
        return metrics.horizontalAdvance(widest) + 8

    def _plot(self) -> QRectF:
        left = self.label_width()
        right = self.width() - self.value_width()
        top = self.header_height()
        height = len(self.project_ids) * self.row_height()
        return QRectF(left, top, max(right - left, 40.0), height)

    def _x(self, plot: QRectF, value: float) -> float:
        return plot.left() + plot.width() * min(max(value, 0.0), 100.0) / 100.0

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.project_ids:
            painter.setPen(text_colour(self))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        plot = self._plot()
        self._draw_bands(painter, plot)
        for row in range(len(self.project_ids)):
            top = plot.top() + row * self.row_height()
            self.draw_label(painter, row, top)
            self._draw_interval(painter, plot, row, top)
        self.draw_hidden_note(painter)
        self.draw_focus(painter)

    def _draw_bands(self, painter: QPainter, plot: QRectF) -> None:
        metrics = QFontMetrics(self.font())
        bounds = [*INDEX_BAND_LOWER, 100.0]
        # Light shading: the band is context here, the bars carry the figures.
        alpha = 60 if is_dark(self) else 70
        for band, name in enumerate(INDEX_BANDS):
            x0, x1 = self._x(plot, bounds[band]), self._x(plot, bounds[band + 1])
            fill, _text = band_colours(band)
            fill.setAlpha(alpha)
            painter.fillRect(QRectF(x0, plot.top(), x1 - x0, plot.height()), fill)
            painter.setPen(text_colour(self))
            if metrics.horizontalAdvance(name) > x1 - x0 - 4:
                name = name[:3]  # "Med", "Cri": the colours and axis still say which band
            label = metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(x1 - x0 - 2))
            painter.drawText(
                QRectF(x0, 0, x1 - x0, self.header_height()),
                Qt.AlignmentFlag.AlignCenter,
                label,
            )
        axis_y = plot.bottom()
        painter.setPen(QPen(grid_colour(self), 1))
        painter.drawLine(QLineF(plot.left(), axis_y, plot.right(), axis_y))
        painter.setPen(muted_colour(self))
        for value in (0, 25, 50, 75, 100):
            x = self._x(plot, value)
            painter.setPen(QPen(grid_colour(self), 1))
            painter.drawLine(QLineF(x, plot.top(), x, axis_y + 4))
            painter.setPen(muted_colour(self))
            text = str(value)
            width = metrics.horizontalAdvance(text)
            painter.drawText(QPointF(x - width / 2, axis_y + 4 + metrics.ascent()), text)

    def _draw_interval(self, painter: QPainter, plot: QRectF, row: int, top: float) -> None:
        metrics = QFontMetrics(self.font())
        p10, p50, p90 = self.p10[row], self.p50[row], self.p90[row]
        baseline = top + (self.row_height() + metrics.ascent() - metrics.descent()) / 2
        value_x = plot.right() + 8
        if math.isnan(p50):
            painter.setPen(muted_colour(self))
            painter.drawText(QPointF(value_x, baseline), "not scored")
            return
        fill, text = band_colours(index_band(p50))
        bar_height = self.row_height() * 0.6
        bar_top = top + (self.row_height() - bar_height) / 2
        x10, x50, x90 = self._x(plot, p10), self._x(plot, p50), self._x(plot, p90)
        # A bar never thinner than a few pixels, so a near-certain project stays visible.
        minimum = 4.0
        if x90 - x10 < minimum:
            x10, x90 = x50 - minimum / 2, x50 + minimum / 2
        box = QRectF(x10, bar_top, x90 - x10, bar_height)
        painter.fillRect(box, fill)
        outline = red_line_colour(self) if self.excluded[row] >= 0.5 else QColor(fill).darker(160)
        painter.setPen(QPen(outline, 1.5 if self.excluded[row] >= 0.5 else 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(box)
        # The P50 tick extends past the bar in the chrome colour so it reads on any band.
        painter.setPen(QPen(text_colour(self), 2))
        painter.drawLine(QLineF(x50, bar_top - 3, x50, bar_top))
        painter.drawLine(QLineF(x50, box.bottom(), x50, box.bottom() + 3))
        painter.setPen(QPen(text, 2))
        painter.drawLine(QLineF(x50, bar_top, x50, box.bottom()))
        label = f"{fmt_index(p50)}  ({fmt_index(p10)}–{fmt_index(p90)})"
        painter.setPen(text_colour(self))
        painter.drawText(QPointF(value_x, baseline), label)
        if self.excluded[row] > 0:
            mark = f"  {palette.RED_LINE_MARK} {fmt_probability(self.excluded[row])}"
            painter.setPen(red_line_colour(self))
            painter.drawText(QPointF(value_x + metrics.horizontalAdvance(label), baseline), mark)

    def tooltip_text(self, row: int) -> str:
        name = self.project_names[row]
        if math.isnan(self.p50[row]):
            return f"{name}: no index in any run (no weighted criterion assessed)"
        text = (
            f"{name}: risk index P10 {fmt_index(self.p10[row])}, "
            f"P50 {fmt_index(self.p50[row])}, P90 {fmt_index(self.p90[row])}"
        )
        if self.excluded[row] > 0:
            text += f"\nexcluded by a red line in {fmt_probability(self.excluded[row])} of runs"
        return text

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row = self.row_at(event.pos().y())
            if row is not None:
                QToolTip.showText(event.globalPos(), plain(self.tooltip_text(row)), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
