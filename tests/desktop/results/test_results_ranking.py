"""The ranking model and view: columns, order, red-line reasons, scenario changes, selection."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.document.controller import DocumentController
from desktop.results.ranking_model import (
    COL_BAND,
    COL_COVERAGE,
    COL_INDEX,
    COL_PROJECT,
    COL_RANK,
    COL_REASONS,
    COL_STATUS,
    PROJECT_ID_ROLE,
    RankingModel,
    RankingView,
)
from rrisk import palette
from rrisk.scoring import score
from rrisk.templates import new_from_template


def column(model, col):
    return [model.index(row, col).data() for row in range(model.rowCount())]


def test_model_passes_the_model_tester(qtmodeltester, controller):
    model = RankingModel(controller)
    qtmodeltester.check(model)
    controller.set_scenario("sanctions-eased")
    qtmodeltester.check(model)


def test_rows_follow_the_engine_ranking(controller):
    model = RankingModel(controller)
    expected = score(controller.document).ranking()
    assert column(model, COL_PROJECT) == [p.name for p in expected]
    assert column(model, COL_RANK) == [str(p.rank) if p.rank else "—" for p in expected]
    seligdar = [p for p in expected if p.id == "seligdar"][0]
    row = model.row_of("seligdar")
    assert model.index(row, COL_INDEX).data() == f"{seligdar.index:.1f}"
    assert model.index(row, COL_COVERAGE).data().startswith("75%")
    assert "incomplete" in model.index(row, COL_COVERAGE).data()
    assert "100 ×" in model.index(row, COL_INDEX).data(Qt.ItemDataRole.ToolTipRole)


def test_a_projects_red_lines_are_parted_as_rrisk_score_parts_them() -> None:
    """A red line's legal basis lists its measures with "; ", which parted the red lines
    too: the column parts them with " | ", as rrisk score does."""
    from rrisk.templates import new_from_template

    controller = DocumentController(new_from_template("russia-rare-earths"))
    model = RankingModel(controller)
    shown = model.index(model.row_of("donbas-occupied"), COL_REASONS).data()
    (scored,) = [p for p in controller.result.ranking() if p.id == "donbas-occupied"]
    assert len(scored.red_lines) > 1
    assert shown.count(" | ") == len(scored.red_lines) - 1


def test_excluded_and_unscored_rows_are_set_apart(controller):
    model = RankingModel(controller)
    tomtor = model.row_of("tomtor")
    assert model.index(tomtor, COL_STATUS).data() == f"{palette.RED_LINE_MARK} Excluded"
    reasons = model.index(tomtor, COL_REASONS).data()
    assert "Sanctions exposure: counterparty under blocking sanctions" in reasons
    assert "EO 14024" in reasons
    assert "EO 14024" in model.index(tomtor, COL_REASONS).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(tomtor, COL_RANK).data() == "—"
    assert model.index(tomtor, COL_PROJECT).data(Qt.ItemDataRole.BackgroundRole) is not None
    lovozero = model.row_of("lovozero")
    assert model.index(lovozero, COL_STATUS).data() == "Unscored"
    assert model.index(lovozero, COL_INDEX).data() == "—"
    # Excluded last, unscored before them.
    assert model.rowCount() - 1 == tomtor and lovozero == tomtor - 1


def test_band_column_carries_palette_colours_with_explicit_text(controller):
    model = RankingModel(controller)
    row = model.row_of("chuktukon")
    band = score(controller.document).index_band[score(controller.document).row_of("chuktukon")]
    background = model.index(row, COL_BAND).data(Qt.ItemDataRole.BackgroundRole)
    foreground = model.index(row, COL_BAND).data(Qt.ItemDataRole.ForegroundRole)
    assert background.color().name().upper() == palette.BAND_FILL[band].upper()
    assert foreground.color().name().upper() == palette.BAND_TEXT[band].upper()


def test_scenario_change_reranks(qtbot, controller):
    model = RankingModel(controller)
    assert model.index(model.row_of("tomtor"), COL_STATUS).data().endswith("Excluded")
    with qtbot.waitSignal(model.modelReset):
        controller.set_scenario("sanctions-eased")
    expected = score(controller.document, "sanctions-eased").ranking()
    assert column(model, COL_PROJECT) == [p.name for p in expected]
    assert model.index(model.row_of("tomtor"), COL_STATUS).data() == "Ranked"
    tomtor = [p for p in expected if p.id == "tomtor"][0]
    assert tomtor.rank is not None
    assert model.index(model.row_of("tomtor"), COL_RANK).data() == str(tomtor.rank)


def test_view_sorts_with_numbers_and_selects_projects(qtbot, controller):
    view = RankingView(controller)
    qtbot.addWidget(view)
    assert view.objectName() == "rankingView"
    proxy = view.model()
    names = [proxy.index(r, COL_PROJECT).data() for r in range(proxy.rowCount())]
    assert names == [p.name for p in score(controller.document).ranking()]
    view.sortByColumn(COL_INDEX, Qt.SortOrder.DescendingOrder)
    indices = [proxy.index(r, COL_INDEX).data() for r in range(proxy.rowCount())]
    numbers = [float(text) for text in indices if text != "—"]
    assert numbers == sorted(numbers, reverse=True)
    with qtbot.waitSignal(controller.selectionChanged) as blocker:
        view.selectRow(0)
    assert blocker.args[0] == proxy.index(0, 0).data(PROJECT_ID_ROLE)
    controller.select("seligdar", None)
    current = view.currentIndex()
    assert current.data(PROJECT_ID_ROLE) == "seligdar"


def test_template_ranking(qtmodeltester, qtbot):
    controller = DocumentController(new_from_template("russia-rare-earths"))
    model = RankingModel(controller)
    qtmodeltester.check(model)
    expected = controller.result.ranking()
    assert column(model, COL_PROJECT) == [p.name for p in expected]
    for scenario in controller.document.scenarios:
        controller.set_scenario(scenario.id)
        assert column(model, COL_PROJECT) == [p.name for p in controller.result.ranking()]


def test_project_names_are_escaped_in_tooltips(controller):
    controller.edit_item("project", "seligdar", {"name": "Seligdar <i>JV</i>"})
    model = RankingModel(controller)
    tip = model.index(model.row_of("seligdar"), COL_PROJECT).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;i&gt;JV&lt;/i&gt;" in tip and "<i>" not in tip


def test_a_narrow_ranking_keeps_status_and_red_lines_in_sight(qtbot):
    view = RankingView(DocumentController(new_from_template("russia-rare-earths")))
    qtbot.addWidget(view)
    view.resize(700, 300)  # the ranking's share of a 1366 × 768 window
    view.show()
    qtbot.waitExposed(view)
    right = view.viewport().width()
    for column in (COL_STATUS, COL_REASONS):
        left = view.columnViewportPosition(column)
        assert 0 <= left < right - view.fontMetrics().averageCharWidth() * 8, column
    # Long names elide; the full name stays in the tooltip.
    names = view.ranking_model.project_names()
    widest = max(view.fontMetrics().horizontalAdvance(name) for name in names)
    assert view.columnWidth(COL_PROJECT) < widest
    row = next(
        r
        for r in range(view.model().rowCount())
        if "Tomtor" in str(view.model().index(r, COL_PROJECT).data())
    )
    tip = view.model().index(row, COL_PROJECT).data(Qt.ItemDataRole.ToolTipRole)
    assert "Tomtor niobium–rare-earth deposit" in str(tip)


def test_with_every_weight_at_0_the_coverage_says_so_not_incomplete(controller):
    """Fully assessed projects with nothing weighing anything read "0% · incomplete", which
    points at missing scores; the cause is the weights."""
    for criterion in controller.document.criteria:
        assert controller.edit_item("criterion", criterion.id, {"weight": 0.0})
    model = RankingModel(controller)
    coverage = column(model, COL_COVERAGE)
    assert coverage and set(coverage) == {"— · no weights"}
    tip = model.index(0, COL_COVERAGE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Every criterion weighs 0" in tip
    assert set(column(model, COL_STATUS)) <= {"Unscored", f"{palette.RED_LINE_MARK} Excluded"}


def test_the_index_tooltip_sums_to_the_index_shown_and_a_small_coverage_shows() -> None:
    """Terms rounded to three and two decimals made 49.995's sum read 1.500 ÷ 3.00 (50.0, the
    next band); and the rich-text tooltip read "<1%)" as a tag, leaving "(" alone."""
    import re
    from html import unescape

    from rrisk.fmt import fmt_index
    from rrisk.model import parse_assessment

    def cell(likelihood: int, impact: int) -> dict:
        return {"likelihood": likelihood, "impact": impact}

    document = parse_assessment(
        {
            "criteria": [
                {"id": "a", "name": "A", "weight": 1.49985},
                {"id": "b", "name": "B", "weight": 1.50015},
                {"id": "c", "name": "C", "weight": 1000},
            ],
            "projects": [{"id": "p", "name": "Edge"}, {"id": "q", "name": "Thin"}],
            "cells": {
                "p": {"a": cell(5, 5), "b": cell(1, 1)},
                "q": {"a": cell(2, 2), "b": cell(3, 3)},
            },
        }
    )
    model = RankingModel(DocumentController(document))
    tips = {}
    for row in range(model.rowCount()):
        name = model.index(row, COL_PROJECT).data()
        tips[name] = (
            model.index(row, COL_INDEX).data(),
            model.index(row, COL_INDEX).data(Qt.ItemDataRole.ToolTipRole),
            model.index(row, COL_COVERAGE).data(Qt.ItemDataRole.ToolTipRole),
        )
    for name, (shown, index_tip, coverage_tip) in tips.items():
        found = re.search(r"= 100 × ([\d.]+) ÷ ([\d.]+)", index_tip)
        assert found, index_tip
        assert fmt_index(100 * float(found[1]) / float(found[2])) == shown, (name, index_tip)
        assert "&lt;1%" in coverage_tip and "(<1%)" in unescape(coverage_tip)
    assert tips["Edge"][0] == "49.99"  # 49.995, just below the edge


def test_the_tooltips_sums_give_the_figures_shown_beside_weights_of_a_millionth() -> None:
    """Six decimals made the sums of a project assessed only on a weight of 0.000001 read
    "79.2 = 100 × 0.000001 ÷ 0.000001" (100 by hand), and two made a coverage just short of
    100% read "Assessed weight 1002.80 of 1002.80 (99%)"."""
    import re

    from rrisk.fmt import fmt_index
    from rrisk.model import parse_assessment

    document = parse_assessment(
        {
            "criteria": [
                {"id": "a", "name": "A", "weight": 0.000001},
                {"id": "b", "name": "B", "weight": 2.8},
                {"id": "c", "name": "C", "weight": 1000},
            ],
            "projects": [{"id": "p", "name": "Tiny"}, {"id": "q", "name": "Nearly all"}],
            "cells": {
                "p": {"a": {"likelihood": 5, "impact": 4}},
                "q": {"b": {"likelihood": 3, "impact": 3}, "c": {"likelihood": 2, "impact": 2}},
            },
        }
    )
    model = RankingModel(DocumentController(document))
    rows = {model.index(row, COL_PROJECT).data(): row for row in range(model.rowCount())}
    tiny = model.index(rows["Tiny"], COL_INDEX)
    found = re.search(r"= 100 × ([\d.]+) ÷ ([\d.]+)", tiny.data(Qt.ItemDataRole.ToolTipRole))
    assert found and tiny.data() == "79.2"
    assert fmt_index(100 * float(found[1]) / float(found[2])) == "79.2"
    coverage_tip = model.index(rows["Nearly all"], COL_COVERAGE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Assessed weight 1002.80 of 1002.800001 (99%)" in coverage_tip


def test_an_edit_that_only_moves_rows_does_not_measure_every_name_again(qtbot):
    """The names column is measured once per set of names: an edit that reorders the ranking
    keeps the width it had (measuring 500 names took ~1.5 ms of each edit); a rename
    measures again."""
    controller = DocumentController(new_from_template("russia-rare-earths"))
    view = RankingView(controller)
    qtbot.addWidget(view)
    view.resize(1400, 400)
    view.show()
    qtbot.waitExposed(view)
    measured: list[str] = []

    class Counting:
        def __init__(self, metrics):
            self._metrics = metrics

        def horizontalAdvance(self, text):  # noqa: N802 - Qt's name
            measured.append(text)
            return self._metrics.horizontalAdvance(text)

        def __getattr__(self, name):
            return getattr(self._metrics, name)

    real = view.fontMetrics
    view.fontMetrics = lambda: Counting(real())
    first = [p.id for p in controller.result.ranking()][0]
    width = view.columnWidth(COL_PROJECT)
    for criterion in controller.document.criteria:
        controller.edit_cell(first, criterion.id, {"likelihood": 5, "impact": 5})
    assert [p.id for p in controller.result.ranking()][0] != first  # the rows moved
    assert measured == []
    assert view.columnWidth(COL_PROJECT) == width
    controller.edit_item("project", first, {"name": "Renamed"})
    assert "Renamed" in measured


def typing_document():
    from desktop_documents import make_document

    document = make_document(projects=8, criteria=2)
    names = ["Project 0", "  Zeta", "Zürich", "Ёлкино", "Émile", "Site 10", "Site 2", "Ялта"]
    for project, name in zip(document.projects, names, strict=True):
        project.name = name
    return document


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("zur", "Zürich"),  # accents aside
        ("ZÜR", "Zürich"),
        ("zet", "  Zeta"),  # spaces around a name
        ("елк", "Ёлкино"),  # Cyrillic, ё as е
        ("я", "Ялта"),
        ("emile", "Émile"),
        ("site 2", "Site 2"),
    ],
)
def test_typing_a_name_in_the_ranking_goes_to_that_project(qtbot, typed: str, found: str):
    """Typed letters find a project by its name, whatever column is current (Qt's own search
    read the Rank column, the current one: a name typed found nothing)."""
    controller = DocumentController(typing_document())
    view = RankingView(controller)
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.show()
    controller.select("p0", "c0")
    view.keyboardSearch(typed)
    project_id = controller.selection[0]
    assert controller.document.project(project_id).name == found


def test_a_letter_typed_in_the_ranking_goes_on_to_the_next_name_with_it(qtbot):
    controller = DocumentController(typing_document())
    view = RankingView(controller)
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.show()
    controller.select("p0", "c0")
    names = view.ranking_model.project_names()
    qtbot.keyClick(view, Qt.Key.Key_Z)  # as typed: Qt hands the key to the search
    first = controller.selection[0]
    assert controller.document.project(first).name in ("  Zeta", "Zürich")
    view.keyboardSearch("zz")  # the same letter again, at once or later
    second = controller.selection[0]
    assert {first, second} == {"p1", "p2"}
    assert names.index(controller.document.project(second).name) != names.index(
        controller.document.project(first).name
    )


def test_a_number_no_name_begins_with_goes_to_that_rank(qtbot):
    controller = DocumentController(typing_document())
    view = RankingView(controller)
    qtbot.addWidget(view)
    view.show()
    view.keyboardSearch("3")
    assert view.currentIndex().row() == 2
    assert view.ranking_model.index(2, COL_RANK).data() == "3"


def test_a_rank_of_one_digit_twice_goes_to_that_rank(qtbot):
    """'11' typed is rank 11 (the same letter typed again went on to the next name with it,
    which for a number read as rank 1)."""
    from desktop_documents import make_document

    controller = DocumentController(make_document(projects=14, criteria=2))
    view = RankingView(controller)
    qtbot.addWidget(view)
    view.show()
    view.setFocus()
    for key in (Qt.Key.Key_1, Qt.Key.Key_1):
        qtbot.keyClick(view, key)
    assert view.ranking_model.index(view.currentIndex().row(), COL_RANK).data() == "11"


def test_home_and_end_in_the_ranking_go_to_the_first_and_last_project(qtbot, controller):
    view = RankingView(controller)
    qtbot.addWidget(view)
    view.show()
    view.setFocus()
    controller.select(view.ranking_model.project_id(2), None)
    qtbot.keyClick(view, Qt.Key.Key_End)
    last = view.ranking_model.rowCount() - 1
    assert controller.selection[0] == view.ranking_model.project_id(last)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert controller.selection[0] == view.ranking_model.project_id(0)


def test_one_criterion_is_counted_in_the_singular(qtbot):
    """On one criterion the index tooltip reads '1 of 1 criterion assessed', and the heat
    map's description '1 project in rank order by 1 criterion'."""
    from desktop.results.heatmap import HeatMap
    from rrisk.model import parse_assessment

    controller = DocumentController(
        parse_assessment(
            {
                "criteria": [{"id": "cost", "name": "Cost"}],
                "projects": [{"id": "pit", "name": "Pit"}],
                "cells": {"pit": {"cost": {"likelihood": 2, "impact": 3}}},
            }
        )
    )
    model = RankingModel(controller)
    tip = model.index(0, COL_INDEX).data(Qt.ItemDataRole.ToolTipRole)
    assert "1 of 1 criterion assessed" in tip
    heat = HeatMap(controller)
    qtbot.addWidget(heat)
    controller.select(None, None)
    assert heat.view.selected_text().startswith("1 project in rank order by 1 criterion;")
