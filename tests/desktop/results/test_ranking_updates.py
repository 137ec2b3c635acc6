"""A cell edit updates the ranking in place: no reset, rows still in ranking order, and the
selected project stays selected when its rank moves."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.results.ranking_model import (
    COL_COVERAGE,
    COL_PROJECT,
    COL_RANK,
    PROJECT_ID_ROLE,
    SORT_ROLE,
    RankingModel,
    RankingView,
)
from rrisk.scoring import score


def ids_in_order(model) -> list[str]:
    return [model.index(row, COL_PROJECT).data(PROJECT_ID_ROLE) for row in range(model.rowCount())]


def test_a_cell_edit_updates_rows_without_a_reset(qtbot, controller, qtmodeltester) -> None:
    view = RankingView(controller)
    qtbot.addWidget(view)
    view.show()
    model = view.ranking_model
    resets: list[bool] = []
    layouts: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.layoutChanged.connect(lambda: layouts.append(True))
    leader, last = ids_in_order(model)[0], ids_in_order(model)[-1]
    controller.select(leader, None)
    assert view.currentIndex().data(PROJECT_ID_ROLE) == leader
    # Push the leader down by scoring every criterion of it at the top.
    for criterion in controller.document.criteria:
        assert controller.edit_cell(leader, criterion.id, {"likelihood": 5, "impact": 5})
    assert resets == []
    assert layouts  # the order moved: a layout change, not a reset
    ranking = score(controller.document).ranking()
    expected = [p.id for p in ranking]
    assert ids_in_order(model) == expected  # source rows still in ranking order
    # Every row reads as a fresh model would: rank numbers moved, the rest as rebuilt.
    fresh = RankingModel(controller)
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, SORT_ROLE):
                assert model.index(row, col).data(role) == fresh.index(row, col).data(role)
    assert ids_in_order(model)[0] != leader
    assert view.currentIndex().data(PROJECT_ID_ROLE) == leader  # the selection followed
    qtmodeltester.check(model)
    # Edits that keep or move the order both leave every row as a fresh model reads it.
    for value in (1, 5, 3):
        cell = controller.document.criteria[0].id
        assert controller.edit_cell(last, cell, {"likelihood": value, "impact": 3})
        fresh = RankingModel(controller)
        for row in range(model.rowCount()):
            for col in range(model.columnCount()):
                assert model.index(row, col).data(SORT_ROLE) == fresh.index(row, col).data(
                    SORT_ROLE
                )
                assert model.index(row, col).data() == fresh.index(row, col).data()
    assert resets == []
    # A change that is not a cell edit still resets (scenario, weights…).
    controller.set_scenario(controller.document.scenarios[0].id)
    assert resets == [True]
    assert last in ids_in_order(model)


def sort_keys(model, column: int) -> list:
    return [model.index(row, column).data(SORT_ROLE) for row in range(model.rowCount())]


def test_a_sorted_column_stays_sorted_through_edits(qtbot, controller, qtmodeltester) -> None:
    """Sorted by another column than the rank, an edit keeps that order (ties in ranking order),
    the selection follows its project, and sorting by rank again gives the engine's order."""
    view = RankingView(controller)
    qtbot.addWidget(view)
    view.show()
    model = view.ranking_model
    view.sortByColumn(COL_COVERAGE, Qt.SortOrder.DescendingOrder)
    keys = sort_keys(model, COL_COVERAGE)
    assert keys == sorted(keys, reverse=True)
    ranking = [p.id for p in score(controller.document).ranking()]
    # Ties keep the ranking order (a stable sort, either way round).
    for first, second in zip(range(model.rowCount()), range(1, model.rowCount()), strict=False):
        if keys[first] == keys[second]:
            a, b = ids_in_order(model)[first], ids_in_order(model)[second]
            assert ranking.index(a) < ranking.index(b)
    chosen = ids_in_order(model)[-1]
    controller.select(chosen, None)
    for criterion in controller.document.criteria:
        assert controller.edit_cell(chosen, criterion.id, {"likelihood": 1, "impact": 1})
    keys = sort_keys(model, COL_COVERAGE)
    assert keys == sorted(keys, reverse=True)
    assert view.currentIndex().data(PROJECT_ID_ROLE) == chosen
    qtmodeltester.check(model)
    # Every row still reads as a fresh model sorted the same way.
    fresh = RankingModel(controller)
    fresh.sort(COL_COVERAGE, Qt.SortOrder.DescendingOrder)
    assert ids_in_order(model) == ids_in_order(fresh)
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            assert model.index(row, col).data() == fresh.index(row, col).data()
    view.sortByColumn(COL_RANK, Qt.SortOrder.AscendingOrder)
    assert ids_in_order(model) == [p.id for p in score(controller.document).ranking()]
    view.sortByColumn(COL_PROJECT, Qt.SortOrder.AscendingOrder)
    names = [model.index(row, COL_PROJECT).data() for row in range(model.rowCount())]
    assert names == sorted(names, key=str.casefold)
    assert view.currentIndex().data(PROJECT_ID_ROLE) == chosen
    model.sort(-1)  # "unsorted", as a sort proxy reads it: the ranking order again
    assert ids_in_order(model) == [p.id for p in score(controller.document).ranking()]


def test_the_edited_project_stays_in_sight_when_its_rank_moves(qtbot) -> None:
    from desktop_documents import make_document

    from desktop.document.controller import DocumentController

    controller = DocumentController(make_document(40, 4))
    view = RankingView(controller)
    qtbot.addWidget(view)
    view.resize(600, 200)  # a few rows in sight
    view.show()
    qtbot.waitExposed(view)
    model = view.ranking_model
    leader = ids_in_order(model)[0]
    controller.select(leader, None)
    assert view.visualRect(view.currentIndex()).intersects(view.viewport().rect())
    for criterion in controller.document.criteria[1:]:  # (c0's red line would exclude it)
        assert controller.edit_cell(leader, criterion.id, {"likelihood": 5, "impact": 5})
    assert model.row_of(leader) > 10  # far below the rows first in sight
    assert view.currentIndex().data(PROJECT_ID_ROLE) == leader
    assert view.visualRect(view.currentIndex()).intersects(view.viewport().rect())
