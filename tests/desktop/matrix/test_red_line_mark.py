"""The red-line mark stands out on every band, in light and dark mode."""

from __future__ import annotations

import pytest
from desktop_documents import make_document
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor

from desktop.document.controller import DocumentController
from desktop.matrix.model import RedLineRole
from desktop.matrix.red_line_mark import FRAME_COLOUR, FRAME_INSET, FRAME_WIDTH, INNER_COLOUR
from desktop.matrix.view import MatrixView
from desktop.results.heatmap import HeatMapView
from desktop.ui import style
from rrisk import palette
from rrisk.palette import RED_LINE_MARK

SCORES = {0: (1, 2), 1: (2, 3), 2: (3, 4), 3: (5, 5)}
"""(likelihood, impact) giving each cell band: Low 2, Medium 6, High 12, Critical 25."""


def _controller(band: int) -> DocumentController:
    controller = DocumentController(make_document())
    likelihood, impact = SCORES[band]
    assert controller.edit_cell(
        "p0",
        "c1",
        {"likelihood": likelihood, "impact": impact, "red_line": True, "red_line_reason": "X"},
    )
    return controller


def _assert_mark(image, rect) -> None:
    middle = rect.center().x()
    frame = QColor(image.pixel(middle, rect.top() + FRAME_INSET + 1))
    inner = QColor(image.pixel(middle, rect.top() + FRAME_INSET + FRAME_WIDTH))
    flag = QColor(image.pixel(rect.topLeft() + QPoint(5, 5)))  # inside both lines
    assert frame.name() == FRAME_COLOUR.name()
    assert inner.name() == INNER_COLOUR.name()
    assert flag.name() == FRAME_COLOUR.name()
    # The inner line contrasts with the band fill and with the purple frame alike.
    assert inner.name() != frame.name()


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("band", [0, 1, 2, 3])
def test_matrix_cell_mark_on_every_band(qtbot, band, dark):
    controller = _controller(band)
    view = MatrixView(controller)
    qtbot.addWidget(view)
    if dark:
        view.setPalette(style.dark_palette())
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    view.clearSelection()
    index = view.model().index(0, 1)
    assert index.data(RedLineRole)
    assert index.data().endswith(RED_LINE_MARK)
    fill = QColor(palette.band_fill(band)).name()
    rect = view.visualRect(index)
    image = view.viewport().grab().toImage()
    assert QColor(image.pixel(rect.right() - 10, rect.center().y())).name() == fill
    _assert_mark(image, rect)


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("band", [0, 3])
def test_heat_map_mark_on_light_and_critical_bands(qtbot, band, dark):
    controller = _controller(band)
    view = HeatMapView(controller)
    qtbot.addWidget(view)
    if dark:
        view.setPalette(style.dark_palette())
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    row = view.project_ids.index("p0")
    rect = view.cell_rect(row, view.criterion_ids.index("c1")).adjusted(0, 0, -1, -1)
    image = view.viewport().grab().toImage()
    _assert_mark(image, rect)
