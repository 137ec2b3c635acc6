"""The Screening tab's columns fit their texts: a long project name is not cut at a sixth of
the view while the programmes take as much."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView

from desktop.screening.tree import PROJECT, Row
from desktop.screening.tree_view import PROGRAMMES, ScreeningTree

LONG = "Kamoto Copper Company (KCC) copper-cobalt operations, Kolwezi"


def _tree(qtbot, width: int) -> ScreeningTree:
    tree = ScreeningTree()
    qtbot.addWidget(tree)
    tree.resize(width, 400)
    tree.show()
    qtbot.waitExposed(tree)
    tree.show_rows([Row(PROJECT, "kcc", LONG)], None)
    return tree


def test_a_long_name_gets_the_room_it_needs_within_a_bound(qtbot) -> None:
    tree = _tree(qtbot, 1400)
    header, em = tree.header(), tree.fontMetrics().horizontalAdvance("M")
    name = tree.fontMetrics().horizontalAdvance(LONG)
    assert header.sectionSize(0) >= name  # whole (it was a stretched share: 'Kamoto Copper…')
    assert header.sectionSize(0) <= 40 * em  # (FITTED_EM: at most 40 em)
    assert LONG in tree.topLevelItem(0).toolTip(0)
    # In a narrow view it is cut (the tooltip says it whole) and every column stays in view.
    narrow = _tree(qtbot, 700)
    sizes = [narrow.header().sectionSize(c) for c in range(narrow.header().count())]
    assert sizes[0] < name and sum(sizes) <= narrow.viewport().width()


def test_a_width_the_analyst_drags_is_kept(qtbot) -> None:
    tree = _tree(qtbot, 1400)
    assert tree.header().sectionResizeMode(PROGRAMMES) == QHeaderView.ResizeMode.Stretch
    tree.header().resizeSection(0, 150)
    tree.show_rows([Row(PROJECT, "kcc", LONG + " and more")], None)
    assert tree.header().sectionSize(0) == 150
