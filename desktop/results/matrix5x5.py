"""The classic 5×5 likelihood × impact matrix of the selected project.

Each square is coloured by the band of its product L×I and shows that product; numbered
markers place the project's criteria on it (the number is the criterion's column in the
heat map), and a key beside the grid names each criterion with its score.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.document.scenario_edits import overrides_of, score_text
from desktop.results.matrix_layout import (
    KEY_NAME_UNITS,
    MatrixLayout,
    SquareLayout,
    compute_layout,
    square_layout,
)
from desktop.ui.fitting import elided
from desktop.ui.override_mark import OVERRIDE_SYMBOL, paint_override_mark
from desktop.ui.style import band_colours, red_line_colour
from desktop.ui.text import escape
from rrisk import palette
from rrisk.fmt import fmt_index, fmt_percent
from rrisk.scoring import CELL_BANDS, cell_band

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController

PLACEHOLDER = "Select a project in the ranking or the heat map to see its 5×5 matrix."
NO_PROJECTS = "Add projects and criteria to see a project's 5×5 matrix."
"""The placeholder while there is no project to select."""

_BAND_OF = [-1] + [int(cell_band(product)) for product in range(1, 26)]
"""Band of each product L×I, 1–25, looked up while painting (one call each, not 105 a paint)."""


class RiskMatrix5x5(QWidget):
    """Likelihood (vertical, 5 at the top) × impact (horizontal) for one project."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("riskMatrix5x5")
        self.setAccessibleName("5 by 5 likelihood by impact matrix of the selected project")
        self.setMouseTracking(True)
        # Reached with Tab (after the ranking or heat map), for a screen reader to read its
        # description; a click does nothing here, so there is nothing for a key to do.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._controller = controller
        self.project_id: str | None = None
        self.criterion_id: str | None = None
        selection = getattr(controller, "selection", None)
        if isinstance(selection, tuple) and len(selection) == 2:
            self.project_id, self.criterion_id = selection
        self._squares: dict[tuple[int, int], list[int]] = {}
        self._entries: list[tuple[int, str, str, str, bool]] = []
        self._grid = QRect()
        self._widths_font = ""
        self._widths: dict[str, int] = {}
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
        self._entries = []
        if self.project_id not in matrix.project_ids:
            self.project_id = None
            self.setAccessibleDescription(self.placeholder())
            return
        self._row = matrix.project_ids.index(self.project_id)
        likelihood = matrix.likelihood[self._row]
        impact = matrix.impact[self._row]
        for column in np.flatnonzero(~np.isnan(likelihood) & ~np.isnan(impact)):
            key = (int(likelihood[column]), int(impact[column]))
            self._squares.setdefault(key, []).append(int(column))
        self._entries = self._build_entries()
        self.setAccessibleDescription(self.summary())

    def summary(self) -> str:
        """The selected project's scores in words, as the key lists them (the accessible
        description: a screen reader hears nothing of the painted squares)."""
        if self.project_id is None:
            return self.placeholder()
        name = self._controller.result.matrix.project_names[self._row]
        scores = "; ".join(
            f"{entry_name}: {full}".replace(f" {palette.RED_LINE_MARK}", ", red line").replace(
                f" {OVERRIDE_SYMBOL}", ", scenario's value"
            )
            for _column, entry_name, full, _short, _red in self._entries
        )
        return f"{name}. {scores}" if scores else name

    def placeholder(self) -> str:
        """What the matrix says with no project selected: to select one, or, with none in the
        document yet, to add some."""
        return PLACEHOLDER if self._controller.result.matrix.project_ids else NO_PROJECTS

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

    def _bold(self) -> QFont:
        bold = QFont(self.font())
        bold.setBold(True)
        return bold

    def _small(self, factor: float, bold: bool = False) -> QFont:
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * factor, 6.0))
        small.setBold(bold)
        return small

    def _key_entries(self) -> list[tuple[int, str, str, str, bool]]:
        """(column, name, full score, short score, red line) for each criterion of the key."""
        return self._entries

    def _build_entries(self) -> list[tuple[int, str, str, str, bool]]:
        matrix = self._controller.result.matrix
        red = self._controller.result.red_line[self._row].tolist()
        overrides = overrides_of(self._controller.document, self._controller.scenario_id)
        entries = []
        likelihoods = matrix.likelihood[self._row].tolist()
        impacts = matrix.impact[self._row].tolist()
        for column, name in enumerate(matrix.criterion_names):
            likelihood, impact = likelihoods[column], impacts[column]
            if math.isnan(likelihood) and math.isnan(impact):
                full = short = "not assessed"
            elif math.isnan(likelihood) or math.isnan(impact):
                # One score set: shown as the matrix and the memo show it ("3×– not assessed").
                scores = f"{score_text(likelihood)}×{score_text(impact)}"
                full, short = f"{scores} not assessed", scores
            else:
                risk = int(likelihood * impact)
                short = f"{risk} {CELL_BANDS[_BAND_OF[risk]]}"
                full = f"{int(likelihood)}×{int(impact)} = {short}"
            if red[column]:
                full += f" {palette.RED_LINE_MARK}"
                short += f" {palette.RED_LINE_MARK}"
            if (self.project_id, matrix.criterion_ids[column]) in overrides:
                full += f" {OVERRIDE_SYMBOL}"  # the scenario's value, not the baseline's
                short += f" {OVERRIDE_SYMBOL}"
            entries.append((column, name, full, short, bool(red[column])))
        return entries

    def _widest_score(self, scores: list[str]) -> int:
        """The widest of the key's ``scores`` in the bold font they are drawn in. Each text is
        measured once for each font: the scores read alike from project to project and paint
        to paint ("3×4 = 12 High"), and measuring 40 criteria's twice at every paint took
        ~0.8 ms of each edit."""
        bold = self._bold()
        font = f"{bold.key()}@{self.logicalDpiX()}"
        if font != self._widths_font or len(self._widths) > 4096:
            self._widths_font, self._widths = font, {}
        widths = self._widths
        metrics = QFontMetrics(bold)
        for text in scores:
            if text not in widths:
                widths[text] = metrics.horizontalAdvance(text)
        return max((widths[text] for text in scores), default=0)

    def matrix_layout(self) -> MatrixLayout:
        """Where the title, grid, axes and key go at the widget's current size."""
        entries = self._entries
        score_width = self._widest_score([e[3] for e in entries]) + 4
        return compute_layout(
            self.width(), self.height(), self.fontMetrics(), score_width, len(entries)
        )

    def square_rect(self, likelihood: int, impact: int) -> QRect:
        """Rectangle of the square for (likelihood, impact), each 1–5."""
        return self.matrix_layout().square(likelihood, impact)

    def square_layout(self, likelihood: int, impact: int) -> SquareLayout:
        """Where that square's product, markers and "+n" go."""
        return self._square_layouts(self.matrix_layout())[(likelihood, impact)]

    def _square_layouts(self, layout: MatrixLayout) -> dict[tuple[int, int], SquareLayout]:
        """Every square's places, the measures they share taken once."""
        chip = max(self.fontMetrics().height() + 2, 16)
        criterion_ids = self._controller.result.matrix.criterion_ids
        keep = (
            criterion_ids.index(self.criterion_id) if self.criterion_id in criterion_ids else None
        )
        number_h = QFontMetrics(self._small(0.85)).height()
        return {
            (likelihood, impact): square_layout(
                layout.square(likelihood, impact),
                self._squares.get((likelihood, impact), []),
                number_h,
                chip,
                keep,
            )
            for likelihood in range(1, 6)
            for impact in range(1, 6)
        }

    # -- painting ------------------------------------------------------------------------
    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()  # its focus frame

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = self.palette().color(self.foregroundRole())
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        if self.hasFocus():  # where Tab has come to, as a field shows it
            painter.save()
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
            painter.restore()
        if self.project_id is None:
            painter.setPen(muted)
            painter.drawText(
                self.rect().adjusted(16, 16, -16, -16),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.placeholder(),
            )
            painter.end()
            return
        layout = self.matrix_layout()
        self._paint_title(painter, layout.title, ink, muted)
        self._paint_grid(painter, layout, ink)
        painter.setClipRect(layout.key)
        self._paint_key(painter, layout, ink, muted)
        painter.end()

    def _paint_title(self, painter: QPainter, title: QRect, ink: object, muted: object) -> None:
        result = self._controller.result
        score = result.project_score(self._row)
        bold = self._bold()
        painter.setFont(bold)
        painter.setPen(ink)
        line = QRect(title.left(), title.top(), title.width(), title.height() // 2)
        elide = Qt.TextElideMode.ElideRight
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(line, left, elided(score.name, QFontMetrics(bold), line.width()))
        painter.setFont(self.font())
        painter.setPen(muted)
        index = (
            "no index" if score.index is None else f"index {fmt_index(score.index)} ({score.band})"
        )
        status = {
            "ranked": f"rank {score.rank}",
            "unscored": "unscored",
            "excluded": f"{palette.RED_LINE_MARK} excluded",
        }[score.status]
        coverage = fmt_percent(score.coverage)
        # The longest wording that fits: a narrow panel drops words, not the figures.
        metrics = self.fontMetrics()
        short = "no index" if score.index is None else f"{fmt_index(score.index)} {score.band}"
        choices = [
            f"{index} · {status} · coverage {coverage}",
            f"{short} · {status} · coverage {coverage}",
            f"{short} · {status}",
        ]
        detail = next((c for c in choices if metrics.horizontalAdvance(c) <= line.width()), "")
        detail = detail or metrics.elidedText(choices[-1], elide, line.width())
        line.translate(0, line.height())
        painter.drawText(line, left, detail)

    def _paint_grid(self, painter: QPainter, layout: MatrixLayout, ink: object) -> None:
        metrics = self.fontMetrics()
        grid, step = layout.grid, layout.step
        small = self._small(0.85)
        chip_font = self._small(0.8, bold=True)
        all_places = self._square_layouts(layout)
        edge = QPen(self.palette().color(QPalette.ColorRole.Base), 2)
        chips = _ChipPaint(self)
        for likelihood in range(1, 6):
            for impact in range(1, 6):
                rect = layout.square(likelihood, impact)
                fill, text = band_colours(_BAND_OF[likelihood * impact])
                painter.fillRect(rect, fill)
                painter.setPen(edge)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect)
                places = all_places[(likelihood, impact)]
                # Nothing a square holds may spill onto its neighbours.
                painter.save()
                painter.setClipRect(rect)
                if places.number is not None:
                    painter.setFont(small)
                    painter.setPen(text)
                    painter.drawText(
                        places.number,
                        Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
                        str(likelihood * impact),
                    )
                painter.setFont(chip_font)
                chips.paint(painter, places, text)
                painter.restore()
        # Axes: likelihood up the left side (5 at the top), impact along the bottom.
        painter.setFont(self.font())
        painter.setPen(ink)
        number_w = metrics.horizontalAdvance("5") + 4
        for level in range(1, 6):
            y = grid.top() + (5 - level) * step
            painter.drawText(
                QRect(grid.left() - number_w - 4, y, number_w, step),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(level),
            )
            x = grid.left() + (level - 1) * step
            painter.drawText(
                QRect(x, grid.bottom() + 3, step, metrics.height()),
                Qt.AlignmentFlag.AlignCenter,
                str(level),
            )
        painter.setFont(self._bold())
        painter.drawText(
            QRect(
                grid.left(), grid.bottom() + 3 + metrics.height(), grid.width(), metrics.height()
            ),
            Qt.AlignmentFlag.AlignCenter,
            "Impact →",
        )
        painter.save()
        centre_x = layout.axes.left() + metrics.height() / 2
        painter.translate(QPointF(centre_x, grid.top() + grid.height() / 2))
        painter.rotate(-90)
        fits = QFontMetrics(painter.font()).horizontalAdvance("Likelihood →") <= grid.height()
        painter.drawText(
            QRectF(-grid.height() / 2, -metrics.height() / 2, grid.height(), metrics.height()),
            Qt.AlignmentFlag.AlignCenter,
            "Likelihood →" if fits else "L →",
        )
        painter.restore()
        painter.setFont(self.font())

    def _paint_key(
        self, painter: QPainter, layout: MatrixLayout, ink: object, muted: object
    ) -> None:
        """Numbered criteria: name on the left (elided), score aligned in a column on the right."""
        matrix = self._controller.result.matrix
        key, line_h = layout.key, layout.key_line
        bold = self._bold()
        metrics = QFontMetrics(bold)
        entries = self._key_entries()
        number_w = metrics.horizontalAdvance("00") + 8
        score_w = self._widest_score([e[2] for e in entries]) + 4
        name_w = key.width() - number_w - score_w - 8
        short = name_w < metrics.height() * KEY_NAME_UNITS
        if short:
            # A narrow key keeps the band and product, dropping "L×I =" to leave room for names.
            score_w = self._widest_score([e[3] for e in entries]) + 4
            name_w = key.width() - number_w - score_w - 8
        rows_fit = layout.key_rows()
        shown = entries if len(entries) <= rows_fit else entries[: max(rows_fit - 1, 0)]
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for slot, (column, name, full, brief, is_red) in enumerate(shown):
            y = key.top() + slot * line_h
            selected = matrix.criterion_ids[column] == self.criterion_id
            font = bold if selected else self.font()
            painter.setFont(font)
            painter.setPen(muted)
            painter.drawText(QRect(key.left(), y, number_w - 8, line_h), right, str(column + 1))
            painter.setPen(red_line_colour(self) if is_red else ink)
            if name_w > 0:
                painter.drawText(
                    QRect(key.left() + number_w, y, name_w, line_h),
                    left,
                    elided(name, QFontMetrics(font), name_w),
                )
            score_box = QRect(key.right() + 1 - score_w, y, score_w, line_h)
            painter.drawText(score_box, right, brief if short else full)
        if len(shown) < len(entries) and rows_fit > 0:
            painter.setFont(self.font())
            painter.setPen(muted)
            box = QRect(key.left(), key.top() + len(shown) * line_h, key.width(), line_h)
            more = f"… {len(entries) - len(shown)} more: hover a square to see its criteria"
            painter.drawText(
                box.adjusted(number_w, 0, 0, 0),
                left,
                self.fontMetrics().elidedText(
                    more, Qt.TextElideMode.ElideRight, box.width() - number_w
                ),
            )
        painter.setFont(self.font())

    # -- tooltips ------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ToolTip
            and isinstance(event, QHelpEvent)
            and self.project_id is not None
        ):
            position = event.pos()
            layout = self.matrix_layout()
            for likelihood in range(1, 6):
                for impact in range(1, 6):
                    if layout.square(likelihood, impact).contains(position):
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


class _ChipPaint:
    """The colours and lookups every chip of one paint shares, taken once."""

    def __init__(self, grid: RiskMatrix5x5) -> None:
        palette_ = grid.palette()
        controller = grid._controller
        self.mark = red_line_colour(grid)
        self.highlight = palette_.color(QPalette.ColorRole.Highlight)
        self.base = palette_.color(QPalette.ColorRole.Base)
        self.plain = palette_.color(QPalette.ColorRole.Text)
        self.highlighted_text = palette_.color(QPalette.ColorRole.HighlightedText)
        self.criterion_ids = controller.result.matrix.criterion_ids
        self.red = controller.result.red_line[grid._row].tolist()
        self.overrides = overrides_of(controller.document, controller.scenario_id)
        self.project_id = grid.project_id
        self.criterion_id = grid.criterion_id

    def paint(self, painter: QPainter, places: SquareLayout, square_ink: object) -> None:
        for column, circle in places.chips:
            selected = self.criterion_ids[column] == self.criterion_id
            painter.setBrush(self.highlight if selected else self.base)
            painter.setPen(QPen(self.mark, 2.5) if self.red[column] else QPen(self.plain, 1))
            painter.drawEllipse(circle.adjusted(0.5, 0.5, -0.5, -0.5))
            painter.setPen(self.highlighted_text if selected else self.plain)
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, str(column + 1))
            if (self.project_id, self.criterion_ids[column]) in self.overrides:
                paint_override_mark(painter, circle.toAlignedRect().adjusted(0, 0, 4, 4))
        if places.more is not None:
            hidden, slot = places.more
            painter.setPen(square_ink)
            painter.drawText(slot, Qt.AlignmentFlag.AlignCenter, f"+{hidden}")
