"""The ranking's Coverage column is as wide as what it says, so names get the room."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics

from desktop.document.controller import DocumentController
from desktop.results.ranking_model import COL_COVERAGE, RankingView
from rrisk.templates import new_from_template


def _bold_width(view: RankingView, text: str) -> int:
    font = QFont(view.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(text)


def test_a_fully_assessed_ranking_does_not_reserve_room_for_incomplete(qtbot):
    controller = DocumentController(new_from_template("russia-rare-earths"))
    view = RankingView(controller)
    qtbot.addWidget(view)
    texts = {view.model().index(r, COL_COVERAGE).data() for r in range(view.model().rowCount())}
    assert texts == {"100%"}
    assert view.columnWidth(COL_COVERAGE) < _bold_width(view, "99% · incomplete")


def test_the_coverage_column_widens_when_a_row_becomes_incomplete(qtbot):
    controller = DocumentController(new_from_template("russia-rare-earths"))
    view = RankingView(controller)
    qtbot.addWidget(view)
    narrow = view.columnWidth(COL_COVERAGE)
    project = controller.document.projects[0].id
    criterion = controller.document.criteria[0].id
    assert controller.edit_cell(project, criterion, {"likelihood": None, "impact": None})
    model = view.model()
    texts = [str(model.index(r, COL_COVERAGE).data()) for r in range(model.rowCount())]
    incomplete = next(text for text in texts if "incomplete" in text)
    assert view.columnWidth(COL_COVERAGE) > narrow
    assert view.columnWidth(COL_COVERAGE) >= _bold_width(view, incomplete)


def test_the_coverage_column_widens_when_an_edit_also_moves_the_rows(qtbot):
    """Clearing a cell that moves its project in the ranking (a layout change, not a reset
    nor a change of rows in place) widens the column all the same."""
    controller = DocumentController(new_from_template("russia-rare-earths"))
    view = RankingView(controller)
    qtbot.addWidget(view)
    narrow = view.columnWidth(COL_COVERAGE)
    model = view.model()
    before = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert controller.edit_cell("seligdar", "sanctions", {"likelihood": None, "impact": None})
    after = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert after != before  # the edit moved a row
    texts = [str(model.index(r, COL_COVERAGE).data()) for r in range(model.rowCount())]
    incomplete = next(text for text in texts if "incomplete" in text)
    assert view.columnWidth(COL_COVERAGE) > narrow
    assert view.columnWidth(COL_COVERAGE) >= _bold_width(view, incomplete)
