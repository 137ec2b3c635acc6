"""The Screening tab's columns fit their texts: a long project name is not cut at a sixth of
the view while the programmes take as much."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView

from desktop.screening.tree import PROJECT, Row
from desktop.screening.tree_view import DECISION, PROGRAMMES, ScreeningTree

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
    # No wider than it needs: past 40 em (FITTED_EM) only as the view has room to spare.
    assert header.sectionSize(0) <= max(40 * em, tree._text_width(0))
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


def _many_rows() -> list[Row]:
    from desktop.screening.tree import COUNTERPARTY, HIT, HitRow

    rows = []
    for p in range(12):
        top = Row(PROJECT, f"p{p}", f"{LONG[: 20 + 3 * p]} {p}")
        for c in range(3):
            name = f"Counterparty {p}-{c}" + " Holding" * c
            line = Row(COUNTERPARTY, f"p{p}", name, name, status="1 hit")
            hit = HitRow(f"entry-{p}-{'x' * c}", name, name, 0.9, ("US OFAC SDN",))
            line.children.append(Row(HIT, f"p{p}", name, name, hit=hit, status="Pending"))
            top.children.append(line)
        rows.append(top)
    return rows


def test_the_texts_are_measured_once_and_the_widths_follow_the_view_as_before(
    qtbot, monkeypatch
) -> None:
    """A resize of the window measured every line's text again (~40 ms a step of a drag at
    2,000 counterparties): measured once for the lines shown and the font, the widths the
    same as measured at every resize."""
    tree, fresh = _tree(qtbot, 1400), _tree(qtbot, 1400)
    for view in (tree, fresh):
        view.show_rows(_many_rows(), None)
    measured: list[int] = []
    measure = tree.sizeHintForColumn
    monkeypatch.setattr(tree, "sizeHintForColumn", lambda c: measured.append(c) or measure(c))
    for width in (1400, 900, 700, 1100, 1600, 1000):
        fresh._measured.clear()  # measured again, as at every resize before
        for view in (tree, fresh):
            view.resize(width, 400)
            qtbot.waitUntil(lambda v=view, w=width: v.width() == w)
        sizes = [tree.header().sectionSize(c) for c in range(tree.header().count())]
        assert sizes == [fresh.header().sectionSize(c) for c in range(fresh.header().count())]
    assert measured == []  # nothing measured again
    tree.collapseItem(tree.topLevelItem(0))
    tree.resize(1300, 400)
    qtbot.waitUntil(lambda: tree.width() == 1300)
    assert measured  # the lines shown changed: measured again


def test_the_widths_follow_a_larger_font(qtbot) -> None:
    """The text made twice as large while the tab is open: the names' and scores' columns
    kept their pixels, the long name and every score cut ('1…')."""
    from PySide6.QtGui import QFont

    tree = _tree(qtbot, 2000)
    font = QFont(tree.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    tree.setFont(font)
    metrics, header = tree.fontMetrics(), tree.header()
    em = metrics.horizontalAdvance("M")
    assert header.sectionSize(0) >= metrics.horizontalAdvance(LONG)  # whole at the new size
    assert header.sectionSize(1) == 5 * em  # the scores: 5 em of the new font
    assert header.sectionSize(1) > metrics.horizontalAdvance("1.00")


def test_the_headers_follow_a_larger_font_as_the_cells_do(qtbot) -> None:
    """The headers have a style sheet of their own (their padding), which kept them out of
    the font's inheritance: small headers over cells twice their size, a width dragged or
    not."""
    from PySide6.QtGui import QFont, QFontMetrics

    for dragged in (False, True):
        tree = _tree(qtbot, 1400)
        if dragged:
            tree.header().resizeSection(0, 150)
        header = tree.header()
        height = header.height()
        font = QFont(tree.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        tree.setFont(font)
        assert header.font().pointSizeF() == font.pointSizeF()
        # The titles are painted on its viewport: they stayed small in taller sections.
        assert header.viewport().font().pointSizeF() == font.pointSizeF()
        qtbot.waitUntil(lambda header=header, height=height: header.height() > height)
        assert header.height() >= QFontMetrics(font).height()
        if not dragged:  # the columns fitted again: 'Score' whole at the new size
            assert header.sectionSize(1) >= header.sectionSizeHint(1)


NOTHING = "No counterparty named: nothing screened against the list"


def _wide_rows() -> list[Row]:
    from desktop.screening.tree import COUNTERPARTY, HIT, HitRow

    quiet = Row(PROJECT, "p0", "Tomtor niobium-rare-earth deposit", status=NOTHING)
    top = Row(PROJECT, "p1", LONG, status="Clear")
    line = Row(COUNTERPARTY, "p1", "Rostec", "Rostec", status="1 hit")
    hit = HitRow("rrisk-rostec", "Rostec", "Rostec", 1.0, ("US OFAC SDN",))
    line.children.append(Row(HIT, "p1", "Rostec", "Rostec", hit=hit, status="Pending"))
    top.children.append(line)
    return [quiet, top]


def test_a_wide_view_gives_a_long_decision_its_room_not_the_programmes_alone(qtbot) -> None:
    """The decisions were capped at 24 em: a wide tab showed "No counterparty named: nothing
    scre…" beside a wide Programmes column, empty on that line."""
    tree = _tree(qtbot, 1300)
    tree.show_rows(_wide_rows(), None)
    header, metrics = tree.header(), tree.fontMetrics()
    em = metrics.horizontalAdvance("M")
    assert metrics.horizontalAdvance(NOTHING) > 24 * em  # (longer than the cap was)
    assert header.sectionSize(DECISION) >= metrics.horizontalAdvance(NOTHING)
    assert header.sectionSize(0) >= metrics.horizontalAdvance(LONG)  # the names whole too
    assert header.sectionSize(PROGRAMMES) >= metrics.horizontalAdvance("US OFAC SDN")
    sizes = [header.sectionSize(c) for c in range(header.count())]
    assert sum(sizes) <= tree.viewport().width()  # the programmes take the rest, no more
    # In a view of ordinary width the bounds stand: the decision is cut, whole in its
    # tooltip, and the programmes keep their least.
    tree.resize(800, 400)
    qtbot.waitUntil(lambda: tree.width() == 800)
    assert 24 * em <= header.sectionSize(DECISION) < metrics.horizontalAdvance(NOTHING)
    assert NOTHING in tree.topLevelItem(0).toolTip(DECISION)
    assert header.sectionSize(PROGRAMMES) >= 12 * em
