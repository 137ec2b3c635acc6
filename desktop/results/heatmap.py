"""Heat map of projects (rows, in rank order) × criteria (columns), painted as vectors.

Row labels and the slanted criterion labels stay in place while the cells scroll. Only the
cells inside the exposed rectangle are painted, so a 500 × 40 matrix scrolls as smoothly as a
small one. A click selects the project and criterion through the controller.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QToolTip, QVBoxLayout, QWidget

from desktop.document.scenario_edits import overrides_of
from desktop.matrix.red_line_mark import paint_red_line_mark
from desktop.results.heatmap_text import HEADER_TEXT_MAX_EMS, SLANT, HeatMapText
from desktop.results.legend import BandLegend
from desktop.ui.change_mark import paint_change_mark
from desktop.ui.override_mark import paint_override_mark
from desktop.ui.style import band_colours, unassessed_colours
from rrisk import palette
from rrisk.scoring import CELL_BANDS

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController

LABEL_MAX_EMS = 26
"""Widest row label, in letters M of the view's font (260 px at the usual 9-point font;
longer names are elided). In pixels, a larger font held fewer letters."""


class HeatMapView(HeatMapText, QAbstractScrollArea):
    """The scrolling, custom-painted grid."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatMapView")
        self.setAccessibleName("Heat map of projects by criteria")
        self._controller = controller
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.selected: tuple[str | None, str | None] = (None, None)
        self._widths_font = ""
        self._widths: dict[str, int] = {}
        self._load()
        self.setAccessibleDescription(self.selected_text())
        controller.resultChanged.connect(self.refresh)
        controller.documentReplaced.connect(self.refresh)
        controller.selectionChanged.connect(self._follow_selection)
        controller.change_marks.changed.connect(self.viewport().update)

    # -- data ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Take in new scores; the selected project, in sight before, stays in sight when
        they move it to another rank (as the ranking keeps it)."""
        project = self.selected[0]
        in_sight = project in self.project_ids and self._row_in_sight(
            self.project_ids.index(project)
        )
        self._load()
        self.setAccessibleDescription(self.selected_text())
        if in_sight and project in self.project_ids:
            self._ensure_visible(self.project_ids.index(project), -1)
        self.viewport().update()

    def _row_in_sight(self, row: int) -> bool:
        rect = self.cell_rect(row, 0)
        return rect.bottom() > self.header_h and rect.top() < self.viewport().height()

    def _load(self) -> None:
        result = self._controller.result
        order = np.asarray(result.order, dtype=int)
        self._result = result
        rows = order.tolist()  # plain ints: a list indexed by numpy's took twice as long
        ids, names = result.matrix.project_ids, result.matrix.project_names
        self.project_ids = [ids[i] for i in rows]
        self.project_names = [names[i] for i in rows]
        self.criterion_ids = list(result.matrix.criterion_ids)
        self.criterion_names = list(result.matrix.criterion_names)
        self._source_rows = order
        risk = result.risk[order] if len(order) else np.zeros((0, len(self.criterion_ids)))
        self._risk = np.where(np.isnan(risk), 0, risk).astype(int)
        self._band = result.cell_band[order] if len(order) else self._risk
        self._red = result.red_line[order] if len(order) else self._risk.astype(bool)
        self._excluded = result.excluded[order] if len(order) else np.zeros(0, dtype=bool)
        self._measure()

    def _measure(self) -> None:
        metrics = self.fontMetrics()
        # Kept per font and screen resolution; dropped when renames have filled it with old names.
        font = f"{self.font().key()}@{self.logicalDpiX()}"
        names = len(self.project_names) + len(self.criterion_names)
        if self._widths_font != font or len(self._widths) > 2 * names + 64:
            self._widths_font, self._widths = font, {}
        self.cell_w = max(metrics.horizontalAdvance("25") * 2 + 16, metrics.height() * 2 + 8)
        self.cell_h = metrics.height() + 10
        # Names measured once each: an edit reorders the rows but seldom renames a project or
        # a criterion. In bold, as the selected row's and column's labels are drawn, and with a
        # few pixels to spare: elidedText cut a label measured to the pixel ("Criterio…").
        bold = QFont(self.font())
        bold.setBold(True)
        measure = QFontMetrics(bold)
        widths = self._widths
        for name in (*self.project_names, *self.criterion_names):
            if name not in widths:
                widths[name] = measure.horizontalAdvance(name) + 4
        widest = max((widths[name] for name in self.project_names), default=60)
        # Room for the largest rank's digits: "00" cut rank 174 to "74" beyond 99 projects.
        digits = len(str(max(len(self.project_names), 10)))
        self.number_w = metrics.horizontalAdvance("0" * digits + " ")
        em = metrics.horizontalAdvance("M")
        self.label_w = min(widest, em * LABEL_MAX_EMS) + self.number_w + 18
        longest = max((widths[name] for name in self.criterion_names), default=40)
        self._header_text = min(longest, em * HEADER_TEXT_MAX_EMS)
        self.header_h = int(self._header_text * math.sin(SLANT) + metrics.height() + 12)
        self._overhang = int(self._header_text * math.cos(SLANT))
        self._update_scrollbars()

    def _update_scrollbars(self) -> None:
        content_w = len(self.criterion_ids) * self.cell_w + self._overhang
        content_h = len(self.project_ids) * self.cell_h
        view = self.viewport().size()
        self.horizontalScrollBar().setRange(0, max(0, content_w - (view.width() - self.label_w)))
        self.verticalScrollBar().setRange(0, max(0, content_h - (view.height() - self.header_h)))
        self.horizontalScrollBar().setPageStep(max(1, view.width() - self.label_w))
        self.verticalScrollBar().setPageStep(max(1, view.height() - self.header_h))
        self.horizontalScrollBar().setSingleStep(self.cell_w)
        self.verticalScrollBar().setSingleStep(self.cell_h)

    # -- geometry ------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        width = self.label_w + len(self.criterion_ids) * self.cell_w + self._overhang + 4
        height = self.header_h + len(self.project_ids) * self.cell_h + 4
        return QSize(min(width, 1000), min(height, 640))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.label_w + 3 * self.cell_w, self.header_h + 3 * self.cell_h)

    def cell_rect(self, row: int, column: int) -> QRect:
        """Viewport rectangle of a cell (row in display order)."""
        x = self.label_w + column * self.cell_w - self.horizontalScrollBar().value()
        y = self.header_h + row * self.cell_h - self.verticalScrollBar().value()
        return QRect(x, y, self.cell_w, self.cell_h)

    def cell_at(self, pos: QPoint) -> tuple[int, int]:
        """(row, column) under a viewport point; -1 for a label or outside the grid."""
        x = pos.x() - self.label_w + self.horizontalScrollBar().value()
        y = pos.y() - self.header_h + self.verticalScrollBar().value()
        row = y // self.cell_h if pos.y() >= self.header_h else -1
        column = x // self.cell_w if pos.x() >= self.label_w else -1
        row = row if 0 <= row < len(self.project_ids) else -1
        column = column if 0 <= column < len(self.criterion_ids) else -1
        return row, column

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_scrollbars()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._measure()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        # Labels stay fixed while cells move: repaint rather than blit.
        self.viewport().update()

    # -- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        base = self.palette().color(self.viewport().backgroundRole())
        painter.fillRect(event.rect(), base)
        if not self.project_ids or not self.criterion_ids:
            painter.setPen(self.palette().color(self.foregroundRole()))
            painter.drawText(
                self.viewport().rect(),
                Qt.AlignmentFlag.AlignCenter,
                "Add projects and criteria to see the heat map.",
            )
            painter.end()
            return
        rows, columns = self._visible_range(event.rect())
        self._paint_cells(painter, rows, columns)
        self._paint_row_labels(painter, rows)
        self._paint_column_labels(painter, columns)
        painter.end()

    def _visible_range(self, rect: QRect) -> tuple[range, range]:
        x0 = max(rect.left(), self.label_w) - self.label_w + self.horizontalScrollBar().value()
        x1 = rect.right() - self.label_w + self.horizontalScrollBar().value()
        y0 = max(rect.top(), self.header_h) - self.header_h + self.verticalScrollBar().value()
        y1 = rect.bottom() - self.header_h + self.verticalScrollBar().value()
        first_row = max(0, y0 // self.cell_h)
        last_row = min(len(self.project_ids), y1 // self.cell_h + 1)
        first_col = max(0, x0 // self.cell_w)
        last_col = min(len(self.criterion_ids), x1 // self.cell_w + 1)
        return range(first_row, last_row), range(first_col, last_col)

    def _paint_cells(self, painter: QPainter, rows: range, columns: range) -> None:
        view = self.viewport().rect()
        painter.save()
        painter.setClipRect(
            QRect(self.label_w, self.header_h, view.width() - self.label_w, view.height())
        )
        fills = [band_colours(b) for b in range(len(CELL_BANDS))]
        empty_fill, empty_ink = unassessed_colours(self)
        grid = self.palette().color(self.viewport().backgroundRole())
        selected_project, selected_criterion = self.selected
        marks = self._controller.change_marks
        overrides = overrides_of(self._controller.document, self._controller.scenario_id)
        for row in rows:
            for column in columns:
                rect = self.cell_rect(row, column)
                band = int(self._band[row, column])
                if band >= 0:
                    fill, ink = fills[band]
                    text = str(int(self._risk[row, column]))
                else:
                    fill, ink = empty_fill, empty_ink
                    text = "—"
                painter.fillRect(rect, fill)
                if self._red[row, column]:
                    # ⊘ is printed in the band's own text colour (it reads on every fill);
                    # the framed corner flag is the second cue, visible on every band.
                    text = f"{text}\u2009{palette.RED_LINE_MARK}"
                    paint_red_line_mark(painter, rect.adjusted(0, 0, -1, -1))
                key = (self.project_ids[row], self.criterion_ids[column])
                if marks and key in marks:
                    paint_change_mark(painter, rect.adjusted(0, 0, -1, -1))
                if overrides and key in overrides:
                    paint_override_mark(painter, rect.adjusted(0, 0, -1, -1))
                painter.setPen(ink)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
                # A thin gap of the background separates cells instead of a drawn grid.
                painter.setPen(QPen(grid, 1))
                painter.drawLine(rect.topRight(), rect.bottomRight())
                painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.restore()
        if selected_project in self.project_ids and selected_criterion in self.criterion_ids:
            rect = self.cell_rect(
                self.project_ids.index(selected_project),
                self.criterion_ids.index(selected_criterion),
            )
            painter.save()
            painter.setClipRect(QRect(self.label_w, self.header_h, view.width(), view.height()))
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
            painter.restore()

    # -- interaction ---------------------------------------------------------------------
    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row, column = self.cell_at(event.pos())
            text = self.tooltip_text(row, column)
            if text:
                QToolTip.showText(event.globalPos(), f"<qt>{text}</qt>", self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        row, column = self.cell_at(event.position().toPoint())
        if row >= 0:
            criterion = self.criterion_ids[column] if column >= 0 else None
            self._controller.select(self.project_ids[row], criterion)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows move a cell, Page Up/Down a page of rows, Home/End to the row's first or
        last criterion, with Ctrl to the first or last project, as in the matrix."""
        rows, columns = len(self.project_ids), len(self.criterion_ids)
        page = max(1, (self.viewport().height() - self.header_h) // self.cell_h)
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        moves = {
            Qt.Key.Key_Up: (-1, 0),
            Qt.Key.Key_Down: (1, 0),
            Qt.Key.Key_Left: (0, -1),
            Qt.Key.Key_Right: (0, 1),
            Qt.Key.Key_PageUp: (-page, 0),
            Qt.Key.Key_PageDown: (page, 0),
            Qt.Key.Key_Home: (-rows if ctrl else 0, -columns),
            Qt.Key.Key_End: (rows if ctrl else 0, columns),
        }
        if event.key() not in moves or not rows or not columns:
            super().keyPressEvent(event)
            return
        project, criterion = self.selected
        row = self.project_ids.index(project) if project in self.project_ids else 0
        column = self.criterion_ids.index(criterion) if criterion in self.criterion_ids else -1
        d_row, d_col = moves[Qt.Key(event.key())]
        row = min(max(row + d_row, 0), rows - 1)
        column = min(max(column + d_col, 0), columns - 1)
        self._controller.select(self.project_ids[row], self.criterion_ids[column])
        self._ensure_visible(row, column)

    def _ensure_visible(self, row: int, column: int) -> None:
        """Scroll the cell into sight (its row only, for a column of -1)."""
        rect = self.cell_rect(row, max(column, 0))
        view = self.viewport().rect()
        h_bar, v_bar = self.horizontalScrollBar(), self.verticalScrollBar()
        if column >= 0 and rect.left() < self.label_w:
            h_bar.setValue(h_bar.value() - (self.label_w - rect.left()))
        elif column >= 0 and rect.right() > view.right():
            h_bar.setValue(h_bar.value() + rect.right() - view.right())
        if rect.top() < self.header_h:
            v_bar.setValue(v_bar.value() - (self.header_h - rect.top()))
        elif rect.bottom() > view.bottom():
            v_bar.setValue(v_bar.value() + rect.bottom() - view.bottom())

    def _follow_selection(self, project_id: object, criterion_id: object) -> None:
        """Mark the selected project and criterion, scrolled into sight: chosen in the
        matrix or the ranking, the 200th project was out of sight when the heat map was shown."""
        self.selected = (
            project_id if isinstance(project_id, str) else None,
            criterion_id if isinstance(criterion_id, str) else None,
        )
        self.setAccessibleDescription(self.selected_text())
        project, criterion = self.selected
        if project in self.project_ids:
            column = self.criterion_ids.index(criterion) if criterion in self.criterion_ids else -1
            self._ensure_visible(self.project_ids.index(project), column)
        self.viewport().update()


class HeatMap(QWidget):
    """The heat map with its legend underneath."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = HeatMapView(controller, self)
        self.legend = BandLegend(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.legend)
        layout.addWidget(self.view, 1)
