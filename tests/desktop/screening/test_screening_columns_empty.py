"""The Screening tab's first column fits its header while the tab is empty (it stayed at
Qt's default width, its header cut to "Project · count")."""

from __future__ import annotations

from desktop.screening.tree_view import COLUMNS, ScreeningTree


def _header_fits(tree: ScreeningTree) -> bool:
    """The first header's text whole ("Project · counterparty · hit")."""
    header = tree.header()
    text = header.fontMetrics().horizontalAdvance(COLUMNS[0])
    return header.sectionSize(0) >= max(text, header.sectionSizeHint(0))


def test_an_empty_tab_shows_its_headers_whole(qtbot) -> None:
    tree = ScreeningTree()
    qtbot.addWidget(tree)
    tree.resize(1000, 400)
    tree.show()
    qtbot.waitExposed(tree)
    assert _header_fits(tree)
    tree.show_rows([], None)
    assert _header_fits(tree)
