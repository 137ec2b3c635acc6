"""The 5×5 matrix keeps its parts apart at every size: markers, "+n", products, axes, key."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRect, QRectF

from desktop.document.controller import DocumentController
from desktop.results.matrix5x5 import RiskMatrix5x5
from rrisk.templates import new_from_template

SIZES = [(300, 260), (420, 300), (560, 380), (700, 300), (380, 520), (900, 500), (1400, 900)]


@pytest.fixture
def crowded_matrix(qtbot):
    """Seligdar on the template: three criteria share one square, two share others."""
    controller = DocumentController(new_from_template("russia-rare-earths"))
    controller.select("seligdar", controller.document.criteria[0].id)
    matrix = RiskMatrix5x5(controller)
    qtbot.addWidget(matrix)
    matrix.show()
    return matrix


def _inside(inner: QRectF | QRect, outer: QRect) -> bool:
    return QRectF(outer).contains(QRectF(inner))


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("size", SIZES)
def test_nothing_overlaps(crowded_matrix, size, scale):
    matrix = crowded_matrix
    font = matrix.font()
    # Twice the font size lays out as a 200% display does: every measure follows the font.
    font.setPointSizeF(font.pointSizeF() * scale)
    matrix.setFont(font)
    matrix.resize(*size)
    layout = matrix.matrix_layout()
    widget = matrix.rect()
    assert _inside(layout.axes, widget) and _inside(layout.grid, layout.axes)
    assert not layout.key.intersects(layout.axes) and not layout.key.intersects(layout.title)
    assert not layout.axes.intersects(layout.title)
    assert layout.key.isEmpty() or _inside(layout.key, widget)
    placed = 0
    for likelihood, impact in itertools.product(range(1, 6), repeat=2):
        square = layout.square(likelihood, impact)
        places = matrix.square_layout(likelihood, impact)
        boxes = [circle for _column, circle in places.chips]
        if places.more is not None:
            boxes.append(places.more[1])
        for box in boxes:
            assert _inside(box, square)
            if places.number is not None:
                assert not box.intersects(QRectF(places.number))
        for first, second in itertools.combinations(boxes, 2):
            assert not first.intersects(second)
        hidden = places.more[0] if places.more is not None else 0
        here = matrix.criteria_at(likelihood, impact)
        ids = matrix._controller.result.matrix.criterion_ids
        shown = [ids[column] for column, _ in places.chips]
        if matrix.criterion_id in here:
            # The selected criterion's marker is always drawn, never bundled into "+n".
            assert matrix.criterion_id in shown
        if places.more is None and len(here) > len(shown):
            # No room even for "+n": only the selected marker, the tooltip lists the rest.
            assert shown == [matrix.criterion_id]
            hidden = len(here) - 1
        assert len(places.chips) + hidden == len(here)
        placed += len(places.chips) + hidden
    assert placed == len(matrix._controller.document.criteria)


def test_wide_matrix_lists_every_criterion_beside_the_grid(crowded_matrix):
    crowded_matrix.resize(900, 500)
    layout = crowded_matrix.matrix_layout()
    assert layout.key.left() > layout.axes.right()
    assert layout.key_rows() >= len(crowded_matrix._controller.document.criteria)
    # Squares large enough keep their product and every marker.
    places = crowded_matrix.square_layout(4, 4)
    assert places.number is not None and places.more is None


def test_the_selected_marker_is_never_hidden_in_the_overflow() -> None:
    from PySide6.QtCore import QRect

    from desktop.results.matrix_layout import square_layout

    square = QRect(0, 0, 60, 60)  # room for a few chips only
    columns = list(range(12))
    plain = square_layout(square, columns, 14, 16)
    assert plain.more is not None
    shown = [column for column, _ in plain.chips]
    assert 11 not in shown
    kept = square_layout(square, columns, 14, 16, keep=11)
    kept_shown = [column for column, _ in kept.chips]
    assert 11 in kept_shown and len(kept_shown) == len(shown)
    assert kept.more is not None and kept.more[0] == len(columns) - len(kept_shown)
    # A selection that is already shown changes nothing.
    assert square_layout(square, columns, 14, 16, keep=0).chips == plain.chips
