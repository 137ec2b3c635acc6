"""The text of the heat map: project and slanted criterion labels, and the cell tooltips.

Mixed into :class:`~desktop.results.heatmap.HeatMapView`, which owns the data (names, ranks,
bands, red lines) and the geometry (cell size, label width, header height) read here.
"""

from __future__ import annotations

import html
import math
import re
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractScrollArea

from desktop.document.scenario_edits import half_scored_text, scenario_baseline
from desktop.ui.fitting import elided
from desktop.ui.override_mark import OVERRIDE_SYMBOL
from desktop.ui.text import escape
from rrisk import palette
from rrisk.fmt import fmt_index
from rrisk.scoring import CELL_BANDS, ScoreResult
from rrisk.text import plural

HEADER_TEXT_MAX_EMS = 16
"""Longest slanted criterion label, in letters M of the view's font (160 px at the usual
9-point font; longer ones are elided). In pixels, a larger font held fewer letters."""
SLANT = math.radians(45)


if TYPE_CHECKING:
    from desktop.document.controller import DocumentController

    _ScrollArea = QAbstractScrollArea
else:
    _ScrollArea = object  # a plain mixin at run time; the view supplies the Qt base


class HeatMapText(_ScrollArea):
    """Row labels, column labels and tooltips of the heat map view."""

    project_ids: list[str]
    project_names: list[str]
    criterion_ids: list[str]
    criterion_names: list[str]
    selected: tuple[str | None, str | None]
    label_w: int
    number_w: int
    header_h: int
    cell_w: int
    _result: ScoreResult
    _source_rows: np.ndarray
    _band: np.ndarray
    _red: np.ndarray
    _excluded: np.ndarray
    _header_text: int
    _overhang: int
    _controller: DocumentController

    def cell_rect(self, row: int, column: int) -> QRect:  # provided by the view
        raise NotImplementedError

    def _paint_row_labels(self, painter: QPainter, rows: range) -> None:
        view = self.viewport().rect()
        painter.save()
        painter.setClipRect(QRect(0, self.header_h, self.label_w, view.height()))
        painter.fillRect(
            QRect(0, self.header_h, self.label_w, view.height()),
            self.palette().color(self.viewport().backgroundRole()),
        )
        number_w = self.number_w
        normal = self.palette().color(self.foregroundRole())
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        bold = QFont(self.font())
        bold.setBold(True)
        selected_project = self.selected[0]
        for row in rows:
            rect = self.cell_rect(row, 0)
            label = QRect(6, rect.top(), self.label_w - 12, rect.height())
            position = int(self._source_rows[row])
            rank = int(self._result.rank[position])
            excluded = bool(self._excluded[row])
            is_selected = self.project_ids[row] == selected_project
            if is_selected:
                highlight = self.palette().color(QPalette.ColorRole.Highlight)
                highlight.setAlpha(60)
                painter.fillRect(QRect(0, rect.top(), self.label_w, rect.height()), highlight)
            painter.setFont(bold if is_selected else self.font())
            painter.setPen(muted)
            prefix = str(rank) if rank else (palette.RED_LINE_MARK if excluded else "–")
            painter.drawText(
                QRect(label.left(), label.top(), number_w - 4, label.height()),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                prefix,
            )
            painter.setPen(muted if excluded else normal)
            name_rect = label.adjusted(number_w + 4, 0, 0, 0)
            name = elided(
                self.project_names[row],
                QFontMetrics(bold if is_selected else self.font()),
                name_rect.width(),
            )
            painter.drawText(
                name_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, name
            )
        painter.restore()

    def _paint_column_labels(self, painter: QPainter, columns: range) -> None:
        view = self.viewport().rect()
        painter.save()
        painter.fillRect(
            QRect(0, 0, view.width(), self.header_h),
            self.palette().color(self.viewport().backgroundRole()),
        )
        painter.setClipRect(QRect(self.label_w, 0, view.width() - self.label_w, self.header_h))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        metrics = self.fontMetrics()
        normal = self.palette().color(self.foregroundRole())
        bold = QFont(self.font())
        bold.setBold(True)
        selected_criterion = self.selected[1]
        # Labels slant up to the right, so those of columns just left of the view still show.
        reach = self._overhang // self.cell_w + 1
        first = max(0, columns.start - reach)
        for column in range(first, columns.stop):
            rect = self.cell_rect(0, column)
            text = elided(self.criterion_names[column], metrics, self._header_text)
            painter.save()
            painter.translate(QPointF(rect.center().x() - 2, self.header_h - 6))
            painter.rotate(-math.degrees(SLANT))
            painter.setPen(normal)
            painter.setFont(
                bold if self.criterion_ids[column] == selected_criterion else self.font()
            )
            painter.drawText(QPointF(0, metrics.ascent() / 2 - 1), text)
            painter.restore()
        painter.restore()
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1))
        painter.drawLine(0, self.header_h - 1, view.width(), self.header_h - 1)

    def selected_text(self) -> str:
        """The selected cell in words, as its tooltip says it (the accessible description:
        arrow keys move the selection over a grid a screen reader cannot read)."""
        project, criterion = self.selected
        if project not in self.project_ids:
            return (
                f"{plural(len(self.project_ids), 'project')} in rank order by "
                f"{plural(len(self.criterion_ids), 'criterion', 'criteria')}; the arrow keys "
                "select a cell"
            )
        row = self.project_ids.index(project)
        column = self.criterion_ids.index(criterion) if criterion in self.criterion_ids else -1
        markup = self.tooltip_text(row, column).replace("<br>", ". ")
        # The status first ("⊘ excluded": "excluded"), then each red line's mark in words.
        markup = markup.replace(f"{palette.RED_LINE_MARK} excluded", "excluded")
        markup = markup.replace(f"{palette.RED_LINE_MARK} ", "Red line: ")
        return html.unescape(re.sub("<[^>]*>", "", markup.replace(f"{OVERRIDE_SYMBOL} ", "")))

    def tooltip_text(self, row: int, column: int) -> str:
        """Rich text for a cell (or a row label when column is -1)."""
        if row < 0:
            return escape(self.criterion_names[column]) if column >= 0 else ""
        position = int(self._source_rows[row])
        project = escape(self.project_names[row])
        if column < 0:
            index = self._result.index[position]
            shown = "no index" if np.isnan(index) else f"index {fmt_index(float(index))}"
            score = self._result.project_score(position)
            # Whether the figure ranks: an excluded project's index read as any other's.
            status = {
                "ranked": f"rank {score.rank}",
                "unscored": "unscored",
                "excluded": f"{palette.RED_LINE_MARK} excluded",
            }[score.status]
            lines = [f"<b>{project}</b>", f"{shown} · {status}"]
            lines += [
                f"{palette.RED_LINE_MARK} {escape(line.reason)}"
                + (f" ({escape(line.basis)})" if line.basis else "")
                for line in score.red_lines
            ]
            return "<br>".join(lines)
        criterion = escape(self.criterion_names[column])
        matrix = self._result.matrix
        likelihood = matrix.likelihood[position, column]
        impact = matrix.impact[position, column]
        lines = [f"<b>{project}</b> — {criterion}"]
        if np.isnan(likelihood) and np.isnan(impact):
            lines.append("Not assessed")
        elif np.isnan(likelihood) or np.isnan(impact):
            lines.append(escape(half_scored_text(float(likelihood), float(impact))))
        else:
            risk = int(likelihood * impact)
            band = CELL_BANDS[int(self._band[row, column])]
            lines.append(f"L {int(likelihood)} × I {int(impact)} = {risk} · {band}")
        if self._red[row, column]:
            cid = self.criterion_ids[column]
            for line in self._result.red_lines[position]:
                if line.criterion == cid:
                    basis = f" ({escape(line.basis)})" if line.basis else ""
                    lines.append(f"{palette.RED_LINE_MARK} {escape(line.reason)}{basis}")
        baseline = scenario_baseline(
            self._controller, self.project_ids[row], self.criterion_ids[column]
        )
        if baseline:
            lines.append(f"{OVERRIDE_SYMBOL} {escape(baseline)}")
        marks = self._controller.change_marks
        notes = marks.notes(self.project_ids[row], self.criterion_ids[column])
        if notes:
            lines.append(f"<b>Changed since {escape(marks.against)}:</b>")
            lines += [escape(note) for note in notes[:8]]
            if len(notes) > 8:
                lines.append(f"… and {len(notes) - 8} more")
        return "<br>".join(lines)
