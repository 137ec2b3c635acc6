"""A one-line legend of the cell bands, the red-line mark and the unassessed grey."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.matrix.red_line_mark import paint_red_line_mark
from desktop.ui.style import band_colours, unassessed_colours
from rrisk import palette
from rrisk.scoring import CELL_BANDS, cell_band_ranges


class BandLegend(QWidget):
    """Swatches with band names and their risk ranges, painted as vectors."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Legend")
        self.setAccessibleDescription(
            "Cell risk bands: "
            + ", ".join(f"{name} {span}" for name, span in cell_band_ranges())
            + f"; {palette.RED_LINE_MARK} red line; — not assessed"
        )

    def _items(self) -> list[tuple[str, str]]:
        items = [
            (f"{name} {span}", str(band)) for band, (name, span) in enumerate(cell_band_ranges())
        ]
        items.append((f"{palette.RED_LINE_MARK} red line", "red"))
        items.append(("not assessed", "none"))
        return items

    def _swatch(self) -> int:
        return self.fontMetrics().height()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        swatch = self._swatch()
        width = sum(swatch + 6 + metrics.horizontalAdvance(text) + 16 for text, _ in self._items())
        return QSize(width, swatch + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self._swatch() + 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        swatch = self._swatch()
        x = 0.0
        y = (self.height() - swatch) / 2
        text_pen = self.palette().color(self.foregroundRole())
        for text, key in self._items():
            box = QRectF(x + 0.5, y + 0.5, swatch - 1, swatch - 1)
            if key == "red":
                # The mark as the cells show it, on the fill where it is hardest to see.
                square = box.toAlignedRect()
                painter.fillRect(square, band_colours(len(CELL_BANDS) - 1)[0])
                paint_red_line_mark(painter, square)
            elif key == "none":
                fill, ink = unassessed_colours(self)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(fill)
                painter.drawRect(box)
                painter.setPen(ink)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "—")
            else:
                fill, _ = band_colours(int(key))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(fill)
                painter.drawRect(box)
            x += swatch + 6
            painter.setPen(text_pen)
            width = metrics.horizontalAdvance(text)
            painter.drawText(
                QRectF(x, 0, width + 2, self.height()),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                text,
            )
            x += width + 16
        painter.end()
