"""The classic 5×5 likelihood × impact matrix of the selected project.

Each square is coloured by the band of its product L×I and shows that product; numbered
markers place the project's criteria on it (the number is the criterion's column in the
heat map), and a key beside the grid names each criterion with its score.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.results.common import band_colours, escape, red_line_colour
from rrisk import palette
from rrisk.scoring import CELL_BANDS, cell_band

if TYPE_CHECKING:
    from desktop.controller import DocumentController

PLACEHOLDER = "Select a project in the ranking or the heat map to see its 5×5 matrix."


class RiskMatrix5x5(QWidget):
    """Likelihood (vertical, 5 at the top) × impact (horizontal) for one project."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("riskMatrix5x5")
        self.setAccessibleName("5 by 5 likelihood by impact matrix of the selected project")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._controller = controller
        self.project_id: str | None = None
        self.criterion_id: str | None = None
        selection = getattr(controller, "selection", None)
        if isinstance(selection, tuple) and len(selection) == 2:
            self.project_id, self.criterion_id = selection
        self._squares: dict[tuple[int, int], list[int]] = {}
        self._grid = QRect()
        self._load()
        controller.selectionChanged.connect(self._follow_selection)
        controller.resultChanged.connect(self._reload)
        controller.documentReplaced.connect(self._reload)

    # -- data ----------------------------------------------------------------------------
    def _follow_selection(self, project_id: object, criterion_id: object) -> None:
        self.project_id = project_id if isinstance(project_id, str) else None
        self.criterion_id = criterion_id if isinstance(criterion_id, str) else None
        self._reload()

    def _reload(self) -> None:
        self._load()
        self.update()

    def _load(self) -> None:
        result = self._controller.result
        matrix = result.matrix
        self._row = -1
        self._squares = {}
        if self.project_id not in matrix.project_ids:
            self.project_id = None
            return
        self._row = matrix.project_ids.index(self.project_id)
        likelihood = matrix.likelihood[self._row]
        impact = matrix.impact[self._row]
        for column in np.flatnonzero(~np.isnan(likelihood) & ~np.isnan(impact)):
            key = (int(likelihood[column]), int(impact[column]))
            self._squares.setdefault(key, []).append(int(column))

    def criteria_at(self, likelihood: int, impact: int) -> list[str]:
        """Ids of the selected project's criteria scored at (likelihood, impact)."""
        ids = self._controller.result.matrix.criterion_ids
        return [ids[c] for c in self._squares.get((likelihood, impact), [])]

    # -- geometry ------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        unit = self.fontMetrics().height()
        return QSize(unit * 30, unit * 18)

    def minimumSizeHint(self) -> QSize:
        unit = self.fontMetrics().height()
        return QSize(unit * 14, unit * 14)

    def _layout(self) -> tuple[QRect, QRect]:
        """(grid, key) rectangles: the key goes right of the grid when there is room."""
        metrics = self.fontMetrics()
        unit = metrics.height()
        top = unit * 2 + 8
        left_axis = unit * 2 + metrics.horizontalAdvance("5") + 8
        bottom_axis = unit * 2 + 8
        area = self.rect().adjusted(8, top, -8, -8)
        wide = area.width() > area.height() * 1.5
        if wide:
            side = min(area.height() - bottom_axis, int(area.width() * 0.6) - left_axis)
        else:
            side = min(area.width() - left_axis, int(area.height() * 0.62) - bottom_axis)
        side = max(side - side % 5, 5 * 12)
        grid = QRect(area.left() + left_axis, area.top(), side, side)
        if wide:
            key = QRect(
                grid.right() + unit * 2,
                area.top(),
                area.right() - grid.right() - unit * 2,
                area.height(),
            )
        else:
            key_top = grid.bottom() + bottom_axis
            key = QRect(area.left(), key_top, area.width(), area.bottom() - key_top)
        return grid, key

    def square_rect(self, likelihood: int, impact: int) -> QRect:
        """Rectangle of the square for (likelihood, impact), each 1–5."""
        grid, _ = self._layout()
        step = grid.width() // 5
        return QRect(
            grid.left() + (impact - 1) * step, grid.top() + (5 - likelihood) * step, step, step
        )

    # -- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = self.palette().color(self.foregroundRole())
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        if self.project_id is None:
            painter.setPen(muted)
            painter.drawText(
                self.rect().adjusted(16, 16, -16, -16),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                PLACEHOLDER,
            )
            painter.end()
            return
        self._paint_title(painter, ink, muted)
        grid, key = self._layout()
        self._paint_grid(painter, grid, ink)
        self._paint_key(painter, key, ink, muted)
        painter.end()

    def _paint_title(self, painter: QPainter, ink: object, muted: object) -> None:
        result = self._controller.result
        score = result.project_score(self._row)
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(ink)
        metrics = self.fontMetrics()
        line = QRect(8, 4, self.width() - 16, metrics.height() + 2)
        painter.drawText(
            line,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(bold).elidedText(score.name, Qt.TextElideMode.ElideRight, line.width()),
        )
        painter.setFont(self.font())
        painter.setPen(muted)
        index = "no index" if score.index is None else f"index {score.index:.1f} ({score.band})"
        status = {
            "ranked": f"rank {score.rank}",
            "unscored": "unscored",
            "excluded": f"{palette.RED_LINE_MARK} excluded",
        }[score.status]
        detail = f"{index} · {status} · coverage {score.coverage * 100:.0f}%"
        painter.drawText(
            line.translated(0, metrics.height() + 2),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            detail,
        )

    def _paint_grid(self, painter: QPainter, grid: QRect, ink: object) -> None:
        metrics = self.fontMetrics()
        step = grid.width() // 5
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * 0.85, 6.0))
        chip = max(metrics.height() + 2, 16)
        mark = red_line_colour(self)
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        criterion_ids = self._controller.result.matrix.criterion_ids
        red = self._controller.result.red_line[self._row]
        for likelihood in range(1, 6):
            for impact in range(1, 6):
                rect = self.square_rect(likelihood, impact)
                fill, text = band_colours(int(cell_band(likelihood * impact)))
                painter.fillRect(rect, fill)
                painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Base), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect)
                painter.setFont(small)
                painter.setPen(text)
                painter.drawText(
                    rect.adjusted(4, 2, -4, -2),
                    Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
                    str(likelihood * impact),
                )
                painter.setFont(self.font())
                columns = self._squares.get((likelihood, impact), [])
                self._paint_chips(
                    painter, rect, columns, chip, red, mark, highlight, criterion_ids, text
                )
        # Axes: likelihood up the left side (5 at the top), impact along the bottom.
        painter.setPen(ink)
        for level in range(1, 6):
            y = grid.top() + (5 - level) * step
            painter.drawText(
                QRect(grid.left() - 24, y, 18, step),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(level),
            )
            x = grid.left() + (level - 1) * step
            painter.drawText(
                QRect(x, grid.top() + 5 * step + 2, step, metrics.height()),
                Qt.AlignmentFlag.AlignCenter,
                str(level),
            )
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(
            QRect(
                grid.left(),
                grid.top() + 5 * step + metrics.height() + 4,
                5 * step,
                metrics.height(),
            ),
            Qt.AlignmentFlag.AlignCenter,
            "Impact →",
        )
        painter.save()
        painter.translate(
            QPointF(grid.left() - 30 - metrics.height() / 2, grid.top() + 5 * step / 2)
        )
        painter.rotate(-90)
        painter.drawText(
            QRectF(-5 * step / 2, -metrics.height() / 2, 5 * step, metrics.height()),
            Qt.AlignmentFlag.AlignCenter,
            "Likelihood →",
        )
        painter.restore()
        painter.setFont(self.font())

    def _paint_chips(
        self,
        painter: QPainter,
        rect: QRect,
        columns: list[int],
        chip: int,
        red: np.ndarray,
        mark: object,
        highlight: object,
        criterion_ids: list[str],
        square_ink: object,
    ) -> None:
        if not columns:
            return
        gap = 3
        top = rect.top() + self.fontMetrics().height() + 2
        per_line = max(1, (rect.width() - 2 * gap) // (chip + gap))
        lines = max(1, (rect.bottom() - top - gap) // (chip + gap))
        capacity = per_line * lines
        shown = columns if len(columns) <= capacity else columns[: capacity - 1]
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * 0.8, 6.0))
        small.setBold(True)
        painter.setFont(small)
        for slot, column in enumerate(shown):
            x = rect.left() + gap + (slot % per_line) * (chip + gap)
            y = top + (slot // per_line) * (chip + gap)
            circle = QRectF(x, y, chip, chip)
            selected = criterion_ids[column] == self.criterion_id
            painter.setBrush(
                highlight if selected else self.palette().color(QPalette.ColorRole.Base)
            )
            painter.setPen(
                QPen(mark, 2.5)
                if red[column]
                else QPen(self.palette().color(QPalette.ColorRole.Text), 1)
            )
            painter.drawEllipse(circle)
            painter.setPen(
                self.palette().color(
                    QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
                )
            )
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, str(column + 1))
        if len(shown) < len(columns):
            slot = len(shown)
            x = rect.left() + gap + (slot % per_line) * (chip + gap)
            y = top + (slot // per_line) * (chip + gap)
            painter.setPen(square_ink)
            painter.drawText(
                QRectF(x, y, chip + 8, chip),
                Qt.AlignmentFlag.AlignVCenter,
                f"+{len(columns) - len(shown)}",
            )
        painter.setFont(self.font())

    def _paint_key(self, painter: QPainter, key: QRect, ink: object, muted: object) -> None:
        """Numbered criteria: name on the left (elided), score aligned in a column on the right."""
        matrix = self._controller.result.matrix
        red = self._controller.result.red_line[self._row]
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        line_h = metrics.height() + 4
        entries: list[tuple[int, str, str, bool]] = []
        for column, name in enumerate(matrix.criterion_names):
            likelihood = matrix.likelihood[self._row, column]
            impact = matrix.impact[self._row, column]
            if np.isnan(likelihood) or np.isnan(impact):
                score = "not assessed"
            else:
                risk = int(likelihood * impact)
                score = f"{int(likelihood)}×{int(impact)} = {risk} {CELL_BANDS[cell_band(risk)]}"
            if red[column]:
                score += f" {palette.RED_LINE_MARK}"
            entries.append((column, name, score, bool(red[column])))
        number_w = metrics.horizontalAdvance("00") + 8
        score_w = max((metrics.horizontalAdvance(e[2]) for e in entries), default=0) + 4
        rows_fit = max(1, key.height() // line_h - 1)
        shown = entries if len(entries) <= rows_fit else entries[: rows_fit - 1]
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for slot, (column, name, score, is_red) in enumerate(shown):
            y = key.top() + slot * line_h
            selected = matrix.criterion_ids[column] == self.criterion_id
            font = bold if selected else self.font()
            painter.setFont(font)
            painter.setPen(muted)
            painter.drawText(QRect(key.left(), y, number_w - 8, line_h), right, str(column + 1))
            painter.setPen(red_line_colour(self) if is_red else ink)
            name_w = max(key.width() - number_w - score_w - 8, 20)
            painter.drawText(
                QRect(key.left() + number_w, y, name_w, line_h),
                left,
                QFontMetrics(font).elidedText(name, Qt.TextElideMode.ElideRight, name_w),
            )
            painter.drawText(QRect(key.right() - score_w, y, score_w, line_h), right, score)
        if len(shown) < len(entries):
            painter.setFont(self.font())
            painter.setPen(muted)
            painter.drawText(
                QRect(key.left() + number_w, key.top() + len(shown) * line_h, key.width(), line_h),
                left,
                f"… and {len(entries) - len(shown)} more: hover a square to see its criteria",
            )
        painter.setFont(self.font())

    # -- tooltips ------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.project_id is not None:
            position = event.pos()
            for likelihood in range(1, 6):
                for impact in range(1, 6):
                    if self.square_rect(likelihood, impact).contains(position):
                        QToolTip.showText(
                            event.globalPos(), self.square_tooltip(likelihood, impact), self
                        )
                        return True
            QToolTip.hideText()
            return True
        return super().event(event)

    def square_tooltip(self, likelihood: int, impact: int) -> str:
        """Rich text naming the square's product, band and the criteria placed on it."""
        risk = likelihood * impact
        lines = [f"<b>L {likelihood} × I {impact} = {risk}</b> · {CELL_BANDS[cell_band(risk)]}"]
        names = self._controller.result.matrix.criterion_names
        for column in self._squares.get((likelihood, impact), []):
            lines.append(f"{column + 1}. {escape(names[column])}")
        if len(lines) == 1:
            lines.append("No criterion of this project sits here.")
        return "<br>".join(lines)
