"""A cell edit updates the ranking in place: no reset, rows still in ranking order, and the
selected project stays selected when its rank moves."""

from __future__ import annotations

from desktop.results.ranking_model import COL_PROJECT, PROJECT_ID_ROLE, RankingView
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
    expected = [p.id for p in score(controller.document).ranking()]
    assert ids_in_order(model) == expected  # source rows still in ranking order
    assert ids_in_order(model)[0] != leader
    assert view.currentIndex().data(PROJECT_ID_ROLE) == leader  # the selection followed
    qtmodeltester.check(model)
    # A change that is not a cell edit still resets (scenario, weights…).
    controller.set_scenario(controller.document.scenarios[0].id)
    assert resets == [True]
    assert last in ids_in_order(model)
