"""Rank-probability chart: per project, a stacked bar of the share of runs at each rank.

Ranks 1st to 5th each get a shade of one blue ramp (darkest = first); lower ranks are grouped.
The share of runs in which the project is excluded by a red line is hatched in the red-line
purple, and runs where it has no index are grey, so the bar always adds up to 100%.
Percentages are printed on every segment wide enough to hold them and in the tooltip.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from desktop.analysis.common import (
    MAX_SINGLE_RANKS,
    RANK_FILLS,
    RANK_TEXTS,
    ProjectChart,
    draw_swatch_legend,
    excluded_brush,
    grid_colour,
    ordinal,
    text_colour,
    unscored_colour,
)
from desktop.ui.style import red_line_colour
from desktop.ui.text import plain
from rrisk.analysis import MonteCarloResult
from rrisk.fmt import fmt_probability

SHARE_EPSILON = 1e-9
EXCLUDED = "excluded"
UNSCORED = "not scored"


class RankProbabilityChart(ProjectChart):
    """Stacked horizontal bars of rank probabilities, one per project, with a legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rankProbabilityChart")
        self.setAccessibleName("Probability of each rank")
        # Per row: [(label, share, kind)] where kind is a rank index, EXCLUDED or UNSCORED.
        self.segments: list[list[tuple[str, float, object]]] = []
        self.single_ranks = 0
        self.grouped = False

    def set_result(self, result: MonteCarloResult | None, rows: list[int], hidden: int) -> None:
        """Show ``result`` for the given project rows (display order); None clears."""
        self.project_ids, self.project_names, self.segments = [], [], []
        self.hidden_rows = hidden
        self.set_empty_text(result is not None)
        if result is not None and result.rank_probability.size:
            ranks = result.rank_probability
            used = [k for k in range(ranks.shape[1]) if ranks[:, k].any()]
            last_rank = (max(used) + 1) if used else 0
            self.single_ranks = min(last_rank, MAX_SINGLE_RANKS)
            self.grouped = last_rank > MAX_SINGLE_RANKS
            for row in rows:
                self.project_ids.append(result.project_ids[row])
                self.project_names.append(result.project_names[row])
                parts: list[tuple[str, float, object]] = [
                    (ordinal(k + 1), float(ranks[row, k]), k) for k in range(self.single_ranks)
                ]
                if self.grouped:
                    lower = result.rank_share(row, MAX_SINGLE_RANKS, ranks.shape[1] - 1)
                    parts.append((f"{ordinal(MAX_SINGLE_RANKS + 1)} or lower", lower, 5))
                excluded = float(result.excluded_probability[row])
                unscored = 1.0 - float(ranks[row].sum()) - excluded
                unscored = unscored if unscored > SHARE_EPSILON else 0.0  # float dust
                parts.append((EXCLUDED, excluded, EXCLUDED))
                parts.append((UNSCORED, unscored, UNSCORED))
                self.segments.append(parts)
        self.setMinimumHeight(self.chart_height())
        self.updateGeometry()
        self.update()
        self.setAccessibleDescription(
            "; ".join(self.tooltip_text(row) for row in range(len(self.segments)))
            or self.empty_text
        )

    def sizeHint(self) -> QSize:
        return QSize(480, self.chart_height())

    def header_height(self) -> float:
        return QFontMetrics(self.font()).height() * 2.0

    def _brush(self, kind: object) -> QBrush:
        if kind == EXCLUDED:
            return excluded_brush(self)
        if kind == UNSCORED:
            return QBrush(unscored_colour(self))
        return QBrush(QColor(RANK_FILLS[int(cast(int, kind))]))

    def _legend(self) -> list[tuple[str, QBrush]]:
        items = [(ordinal(k + 1), self._brush(k)) for k in range(self.single_ranks)]
        if self.grouped:
            items.append((f"{ordinal(MAX_SINGLE_RANKS + 1)}+", self._brush(5)))
        if any(parts[-2][1] > 0 for parts in self.segments):
            items.append((EXCLUDED, self._brush(EXCLUDED)))
        if any(parts[-1][1] > 0 for parts in self.segments):
            items.append((UNSCORED, self._brush(UNSCORED)))
        return items

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        if not self.segments:
            painter.setPen(text_colour(self))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        draw_swatch_legend(painter, self, 0, 0, self._legend())
        left = self.label_width()
        width = max(self.width() - left - 2, 10.0)
        bar_height = self.row_height() * 0.62
        for row, parts in enumerate(self.segments):
            top = self.header_height() + row * self.row_height()
            self.draw_label(painter, row, top)
            bar_top = top + (self.row_height() - bar_height) / 2
            x = float(left)
            for _label, share, kind in parts:
                if share <= 0:
                    continue
                box = QRectF(x, bar_top, share * width, bar_height)
                if kind == EXCLUDED:
                    painter.fillRect(box, self.palette().base())
                painter.fillRect(box, self._brush(kind))
                text = fmt_probability(share)
                if metrics.horizontalAdvance(text) + 6 <= box.width():
                    self._draw_share(painter, box, text, kind)
                x += box.width()
            frame = QRectF(left, bar_top, width, bar_height)
            painter.setPen(QPen(grid_colour(self), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(frame)
        self.draw_hidden_note(painter)
        self.draw_focus(painter)

    def _draw_share(self, painter: QPainter, box: QRectF, text: str, kind: object) -> None:
        if kind == EXCLUDED:
            # A solid label plate keeps the percentage readable over the hatching.
            metrics = QFontMetrics(self.font())
            plate = QRectF(0, 0, metrics.horizontalAdvance(text) + 6, metrics.height())
            plate.moveCenter(box.center())
            painter.fillRect(plate, self.palette().base())
            painter.setPen(red_line_colour(self))
        elif kind == UNSCORED:
            painter.setPen(text_colour(self))
        else:
            painter.setPen(QColor(RANK_TEXTS[int(cast(int, kind))]))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def tooltip_text(self, row: int) -> str:
        shares = ", ".join(
            f"{label} {fmt_probability(share)}"
            for label, share, _ in self.segments[row]
            if share > 0
        )
        return f"{self.project_names[row]}: {shares} of runs"

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row = self.row_at(event.pos().y())
            if row is not None and row < len(self.segments):
                QToolTip.showText(event.globalPos(), plain(self.tooltip_text(row)), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


__all__ = ["RankProbabilityChart"]
