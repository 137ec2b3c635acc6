"""A document opened is told to the views twice (replaced, then its result): the ranking and
the matrix build from it once, and still follow every scenario and edit after it."""

from __future__ import annotations

from PySide6.QtCore import Qt

import desktop.results.ranking_model as ranking_module
from desktop.matrix.model import MatrixModel
from desktop.results.ranking_model import COL_PROJECT, PROJECT_ID_ROLE, RankingView
from rrisk.scoring import score
from rrisk.templates import new_from_template


def _ids(model) -> list[str]:
    return [model.index(row, COL_PROJECT).data(PROJECT_ID_ROLE) for row in range(model.rowCount())]


def test_opening_a_document_builds_the_ranking_once(qtbot, controller, monkeypatch) -> None:
    view = RankingView(controller)
    qtbot.addWidget(view)
    builds: list[int] = []
    real = ranking_module.build_rows

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - passes through
        builds.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(ranking_module, "build_rows", counted)
    document = new_from_template("russia-rare-earths")
    controller.set_document(document)
    assert len(builds) == 1
    assert _ids(view.ranking_model) == [p.id for p in score(document).ranking()]
    # A scenario and a weight edit each build it again.
    scenario = document.scenarios[0].id
    controller.set_scenario(scenario)
    assert len(builds) == 2
    assert _ids(view.ranking_model) == [p.id for p in score(document, scenario).ranking()]
    controller.set_scenario(None)
    assert len(builds) == 3
    criterion = controller.document.criteria[0]
    assert controller.edit_item("criterion", criterion.id, {"weight": criterion.weight + 3})
    assert len(builds) == 4
    assert _ids(view.ranking_model) == [p.id for p in score(controller.document).ranking()]


def test_opening_a_document_tells_the_matrix_headers_once(qtbot, controller) -> None:
    model = MatrixModel(controller)
    told: list[tuple[int, int]] = []
    model.headerDataChanged.connect(lambda _orientation, first, last: told.append((first, last)))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    document = new_from_template("russia-rare-earths")
    controller.set_document(document)
    assert resets == [True]
    assert told == []  # the reset carries the headers: no second "every row changed"
    project = document.projects[0]
    assert controller.edit_item("project", project.id, {"name": "Renamed site"})
    assert told  # an edit still tells them
    names = [str(model.headerData(row, Qt.Orientation.Vertical)) for row in range(model.rowCount())]
    assert any("Renamed site" in name for name in names)
