"""The analysis panel: background Monte Carlo with progress and cancel, stale figures, charts
and the weight-sensitivity view, driven through a real DocumentController."""

from __future__ import annotations

import math

import numpy as np
import pytest
from analysis_fixtures import contested_document, synthetic
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QImage

from desktop.analysis.common import RANK_FILLS
from desktop.analysis.panel import AnalysisPanel
from desktop.analysis.uncertainty_model import (
    COL_BAND,
    COL_EXCLUDED,
    COL_P50,
    COL_PROJECT,
    PROJECT_ID_ROLE,
    UncertaintyModel,
)
from desktop.document.controller import DocumentController
from desktop.ui.style import dark_palette
from rrisk import palette
from rrisk.analysis import monte_carlo, rank_reversals, tornado
from rrisk.model import Assessment
from rrisk.scoring import index_band
from rrisk.templates import new_from_template

TIMEOUT = 20_000


@pytest.fixture
def open_panel(qtbot):
    """Factory: ``open_panel(document)`` -> a shown AnalysisPanel on a real controller."""
    panels: list[AnalysisPanel] = []

    def build(document: Assessment, width: int = 1200, height: int = 900) -> AnalysisPanel:
        controller = DocumentController(document)
        panel = AnalysisPanel(controller)
        panel.controller = controller  # keep the controller alive with the panel
        qtbot.addWidget(panel)
        panel.resize(width, height)
        panel.show()
        panels.append(panel)
        return panel

    yield build
    for panel in panels:
        panel.shutdown()


def wait_idle(qtbot, panel: AnalysisPanel) -> None:
    qtbot.waitUntil(lambda: not panel.is_running, timeout=TIMEOUT)


def run_and_wait(qtbot, panel: AnalysisPanel, runs: int, seed: int) -> None:
    wait_idle(qtbot, panel)
    panel.runs_spin.setValue(runs)
    panel.seed_spin.setValue(seed)
    with qtbot.waitSignal(panel.analysisFinished, timeout=TIMEOUT):
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)


def pixel(image: QImage, x: float, y: float) -> str:
    ratio = image.devicePixelRatio()
    return QColor(image.pixel(int(x * ratio), int(y * ratio))).name().upper()


# -- the table model ----------------------------------------------------------------------


def test_uncertainty_model_passes_the_model_tester(qtmodeltester):
    model = UncertaintyModel()
    qtmodeltester.check(model)
    model.set_result(monte_carlo(contested_document(), runs=500, seed=3))
    qtmodeltester.check(model)
    assert model.rowCount() == 4


def test_model_rows_show_figures_band_and_exclusion():
    document = contested_document()
    result = monte_carlo(document, runs=2_000, seed=11)
    model = UncertaintyModel()
    model.set_result(result)
    names = [model.index(row, COL_PROJECT).data() for row in range(model.rowCount())]
    # Lowest median risk first, the red-lined project last.
    assert names[-1] == "Delta"
    assert names[0] == result.project_names[int(np.nanargmin(result.p50[:3]))]
    delta = model.rowCount() - 1
    assert model.index(delta, COL_EXCLUDED).data() == f"{palette.RED_LINE_MARK} 100%"
    band = model.index(0, COL_BAND)
    row = result.project_ids.index(band.data(PROJECT_ID_ROLE))
    expected = int(result.band_probability[row].argmax())
    assert band.data().startswith(("Low", "Medium", "High", "Critical")[expected])
    assert band.data(Qt.ItemDataRole.BackgroundRole).color().name().upper() == (
        palette.band_fill(expected)
    )
    assert band.data(Qt.ItemDataRole.ForegroundRole).color().name().upper() == (
        palette.band_text(expected)
    )


def test_a_band_other_than_the_rankings_says_it_comes_from_the_drawn_ranges():
    """Ranges below the scores: the ranking's index is High, the runs fall in Medium; the
    band's tooltip says the runs draw from the ranges, so the two can differ."""
    from rrisk.model import parse_assessment
    from rrisk.scoring import score

    ranged = {"likelihood": 4, "impact": 4, "likelihood_low": 1, "impact_low": 1}
    document = parse_assessment(
        {
            "criteria": [{"id": "cost", "name": "Cost"}],
            "projects": [{"id": "p", "name": "Pit"}],
            "cells": {"p": {"cost": ranged}},
        }
    )
    assert index_band(score(document).project_score(0).index) == 2  # High
    model = UncertaintyModel()
    model.set_result(monte_carlo(document, runs=500, seed=1))
    band = model.index(0, COL_BAND)
    assert band.data().startswith("Medium")
    tip = band.data(Qt.ItemDataRole.ToolTipRole)
    assert "draw each cell's likelihood and impact from its low–high range" in tip
    assert "can differ from the band of the index in the ranking" in tip


# -- running ------------------------------------------------------------------------------


def test_run_button_gives_the_same_figures_as_the_core(qtbot, open_panel):
    panel = open_panel(new_from_template("russia-rare-earths"))
    run_and_wait(qtbot, panel, runs=3_000, seed=7)
    expected = monte_carlo(panel.controller.document, None, runs=3_000, seed=7)
    shown = panel.result
    assert shown is not None and not panel.is_stale
    np.testing.assert_array_equal(shown.p50, expected.p50)
    np.testing.assert_array_equal(shown.rank_probability, expected.rank_probability)
    assert (shown.runs, shown.seed) == (3_000, 7)
    assert "3,000 runs" in panel.method_label.text()
    assert "seed 7" in panel.method_label.text()
    top = panel.proxy.index(0, COL_P50)
    row = expected.project_ids.index(top.data(PROJECT_ID_ROLE))
    assert top.data() == f"{expected.p50[row]:.1f}"
    assert panel.run_button.isEnabled() and not panel.progress_bar.isVisible()


def test_analysis_uses_the_current_scenario(qtbot, open_panel):
    panel = open_panel(contested_document())
    panel.controller.set_scenario("eased")
    run_and_wait(qtbot, panel, runs=1_000, seed=5)
    expected = monte_carlo(panel.controller.document, "eased", runs=1_000, seed=5)
    np.testing.assert_array_equal(panel.result.p50, expected.p50)
    assert panel.method_label.text().startswith("Sanctions eased")


def test_cancel_stops_a_long_run_and_shows_no_result(qtbot, open_panel):
    panel = open_panel(synthetic(300, 30))
    assert panel.result is None and not panel.is_small()
    panel.runs_spin.setValue(150_000)
    with qtbot.waitSignal(panel.analysisStarted, timeout=TIMEOUT):
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert panel.is_running
    assert not panel.run_button.isEnabled()
    assert panel.cancel_button.isVisible() and panel.progress_bar.isVisible()
    qtbot.waitUntil(lambda: panel.progress_bar.value() > 0, timeout=TIMEOUT)
    with qtbot.waitSignal(panel.analysisCancelled, timeout=TIMEOUT):
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, panel)
    assert panel.result is None
    assert panel.model.rowCount() == 0
    assert panel.rank_chart.project_ids == [] and panel.interval_chart.project_ids == []
    assert panel.run_button.isEnabled() and not panel.cancel_button.isVisible()
    assert "cancelled" in panel.method_label.text()


def test_edit_marks_figures_out_of_date_until_run_again(qtbot, open_panel):
    # 60 projects: above the automatic re-run limit, so the figures stay stale.
    panel = open_panel(synthetic(60, 5))
    run_and_wait(qtbot, panel, runs=500, seed=1)
    assert not panel.stale_banner.isVisible()
    before = panel.result
    assert panel.controller.edit_cell("p0", "c1", {"likelihood": 5, "impact": 5})
    assert panel.is_stale and panel.stale_banner.isVisible()
    assert "Out of date" in panel.stale_banner.text()
    assert panel.result is before  # still shown, marked as old
    font = panel.model.index(0, COL_P50).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    run_and_wait(qtbot, panel, runs=500, seed=1)
    assert not panel.is_stale and not panel.stale_banner.isVisible()
    expected = monte_carlo(panel.controller.document, runs=500, seed=1)
    np.testing.assert_array_equal(panel.result.p50, expected.p50)


def test_a_narrative_edit_leaves_the_figures_current(qtbot, open_panel):
    """A rationale, a project's description or the summary moves no figure: the results stand,
    and the figures are not said out of date (they were, "the document or scenario changed")."""
    panel = open_panel(synthetic(60, 5))
    run_and_wait(qtbot, panel, runs=300, seed=1)
    controller = panel.controller
    assert controller.edit_cells([("p0", "c1"), ("p1", "c2")], {"rationale": "Thin seams."})
    assert controller.edit_item("project", "p2", {"description": "Open pit"})
    assert controller.edit_assessment({"summary": "{{count:ranked}} ranked"})
    assert controller.undo() and controller.redo()
    assert not panel.is_stale and not panel.stale_banner.isVisible()
    assert controller.edit_cell("p0", "c1", {"likelihood": 5, "impact": 5})
    assert panel.is_stale and panel.stale_banner.isVisible()


def test_small_document_reruns_itself_after_an_edit(qtbot, open_panel):
    panel = open_panel(contested_document())
    qtbot.waitUntil(lambda: panel.result is not None and not panel.is_running, timeout=TIMEOUT)
    panel.controller.edit_cell("alpha", "cost", {"likelihood": 5, "impact": 5})
    assert panel.is_stale  # at once, before the automatic re-run
    qtbot.waitUntil(lambda: not panel.is_stale and not panel.is_running, timeout=TIMEOUT)
    expected = monte_carlo(panel.controller.document, runs=panel.runs_spin.value())
    np.testing.assert_array_equal(panel.result.p50, expected.p50)


def test_scenario_change_and_new_document(qtbot, open_panel):
    panel = open_panel(synthetic(60, 5))
    run_and_wait(qtbot, panel, runs=300, seed=2)
    panel.controller.add_item("scenario", {"name": "Stress", "weight_overrides": {"c0": 3}})
    panel.controller.set_scenario(panel.controller.document.scenarios[-1].id)
    assert panel.is_stale
    panel.controller.set_document(synthetic(60, 4))
    assert panel.result is None and not panel.is_stale
    assert panel.model.rowCount() == 0


# -- sensitivity --------------------------------------------------------------------------


def test_tornado_defaults_to_top_project_and_follows_selection(qtbot, open_panel):
    panel = open_panel(new_from_template("russia-rare-earths"))
    controller, section = panel.controller, panel.sensitivity
    top = controller.result.ranking()[0]
    assert section.project_id == top.id
    assert section.chart.project_name == top.name
    controller.select("tomtor", None)
    assert section.project_id == "tomtor"
    assert section.project_combo.currentData() == "tomtor"
    expected = tornado(controller.document).bars("tomtor")
    names = {c.id: c.name for c in controller.document.criteria}
    shown = section.chart.rows
    assert [row.name for row in shown] == [names[cid] for cid, _low, _high in expected]
    for row, (_cid, low, high) in zip(shown, expected, strict=True):
        assert min(row.at_zero, row.at_double) == pytest.approx(low)
        assert max(row.at_zero, row.at_double) == pytest.approx(high)
    # Choosing in the combo selects the project everywhere.
    position = section.project_combo.findData("seligdar")
    section.project_combo.setCurrentIndex(position)
    section.project_combo.activated.emit(position)
    assert controller.selection[0] == "seligdar"
    assert section.chart.project_name.startswith("Seligdar")


def test_the_tornados_project_box_is_labelled_for_screen_readers(qtbot, open_panel):
    """'Tornado for:' is the box's label: on Linux a screen reader reads a combo box's label
    from the label it is the buddy of (its own name is the project chosen), and there was
    none, so the box was read as a project's name alone."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QLabel

    panel = open_panel(new_from_template("russia-rare-earths"))
    combo = panel.sensitivity.project_combo
    labels = [label for label in panel.findChildren(QLabel) if label.buddy() is combo]
    assert [label.text().replace("&", "") for label in labels] == ["Tornado for:"]
    relations = QAccessible.queryAccessibleInterface(combo).relations(
        QAccessible.RelationFlag.Label
    )
    assert [other.text(QAccessible.Text.Name) for other, _ in relations] == ["Tornado for:"]


def test_the_tornados_project_box_widens_with_the_font(qtbot):
    """A project's name and status fit the box at twice the font size as at the usual one
    (its widest was 520 px, whatever the font)."""
    from PySide6.QtWidgets import QWidget

    from desktop.analysis.sensitivity import SensitivitySection

    controller = DocumentController(new_from_template("russia-rare-earths"))
    widths = []
    for factor in (1, 2):
        holder = QWidget()
        qtbot.addWidget(holder)
        font = QFont(holder.font())
        font.setPointSizeF(font.pointSizeF() * factor)
        holder.setFont(font)
        section = SensitivitySection(controller, holder)
        controller.select("tomtor", None)
        holder.show()
        combo = section.project_combo
        qtbot.waitUntil(lambda: combo.currentText() != "")  # noqa: B023 - waited on here
        assert combo.currentText() == "Tomtor niobium–rare-earth deposit (excluded)"
        needed = combo.fontMetrics().horizontalAdvance(combo.currentText())
        assert combo.maximumWidth() > needed + 40  # the text, the arrow and the frame
        widths.append(combo.maximumWidth())
    assert widths[1] >= 1.8 * widths[0]


def test_the_charts_names_widen_with_the_font(qtbot):
    """With the font twice as large and room to spare, a name the charts show whole at the
    usual size (a project's, a criterion's in the tornado) is shown whole too (their labels stopped at 340 and 320 px, whatever the
    font, and were cut in the middle: 'Sanctions e…sure')."""
    from desktop.analysis.interval_chart import IntervalChart
    from desktop.analysis.rank_chart import RankProbabilityChart
    from desktop.analysis.tornado_chart import TornadoChart, TornadoRow

    name = "Allied-country REE separation plant (comparator)"
    for factor in (1, 2):
        charts = [IntervalChart(), RankProbabilityChart(), TornadoChart()]
        for chart in charts:
            qtbot.addWidget(chart)
            font = QFont(chart.font())
            font.setPointSizeF(font.pointSizeF() * factor)
            chart.setFont(font)
            chart.resize(1200 * factor, 300)
        for chart in charts[:2]:
            chart.project_names = [name]
            assert chart.label_width() >= chart.fontMetrics().horizontalAdvance(name)
        tornado = charts[2]
        criterion = "Processing and separation infrastructure"
        tornado.set_data(
            "Tomtor", 70.0, [TornadoRow(criterion, 1.5, 68.0, 72.0, True, "processing")]
        )
        label = tornado._label(tornado.rows[0])
        assert tornado.label_width() - 12 >= tornado.fontMetrics().horizontalAdvance(label)


def test_the_charts_sit_side_by_side_only_with_room_for_their_names(qtbot, open_panel):
    """The width from which the two charts sit side by side grows with the font: at twice
    the usual size a panel 1,600 px wide put them side by side, each with room for half the
    letters of its names."""

    def rows(panel: AnalysisPanel) -> set[int]:
        layout = panel._charts_layout
        return {layout.getItemPosition(layout.indexOf(box))[0] for box in panel._chart_boxes}

    usual = open_panel(new_from_template("russia-rare-earths"), width=1600)
    qtbot.waitUntil(lambda: rows(usual) == {0})
    large = open_panel(new_from_template("russia-rare-earths"), width=1590)
    font = QFont(large.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    large.setFont(font)
    large.resize(1600, 900)
    qtbot.waitUntil(lambda: large.width() == 1600)
    assert rows(large) == {0, 1}


def test_an_unscored_projects_tornado_says_what_is_missing(qtbot, open_panel):
    document = new_from_template("russia-rare-earths")
    for criterion in document.criteria:
        criterion.weight = 0.0  # every cell assessed, nothing weighs
    panel = open_panel(document)
    panel.controller.select("seligdar", None)
    message = panel.sensitivity.chart.message
    assert "its assessed criteria all weigh 0; give one of them a weight" in message
    document = new_from_template("russia-rare-earths")
    document.cells["seligdar"] = {}  # nothing assessed
    panel = open_panel(document)
    panel.controller.select("seligdar", None)
    assert panel.sensitivity.chart.message.endswith("assess a weighted criterion.")


def test_tornado_and_reversal_recomputed_after_a_weight_edit(qtbot, open_panel):
    panel = open_panel(contested_document())
    section = panel.sensitivity
    # The threshold is 8/7 = 1.142857…: printed rounded up, as 1.14 would not reverse.
    assert rank_reversals(panel.controller.document)[1][0].new_weight == pytest.approx(8 / 7)
    assert section.reversal_label.text() == (
        "Moving the weight of Cost from 1 to 1.15 puts Bravo first."
    )
    assert panel.controller.edit_item("criterion", "market", {"weight": 3.0})
    doc = panel.controller.document
    expected = tornado(doc).bars("alpha")
    assert section.chart.rows[0].name == doc.criterion(expected[0][0]).name
    assert section.chart.base == pytest.approx(panel.controller.result.index[0])
    assert rank_reversals(doc)[1][0].new_weight == pytest.approx(1.4285714, abs=1e-6)
    assert section.reversal_label.text() == (
        "Moving the weight of Cost from 1 to 1.43 puts Bravo first."
    )


def test_reversal_sentence_when_nothing_displaces_the_top(qtbot, open_panel):
    panel = open_panel(new_from_template("russia-rare-earths"))
    top, reversals = rank_reversals(panel.controller.document)
    assert reversals == []
    name = panel.controller.document.project(top).name
    largest = max(c.weight for c in panel.controller.document.criteria)
    assert panel.sensitivity.reversal_label.text() == (
        f"No single weight change from 0 to {4 * largest:g} (4× the largest weight) "
        f"displaces {name}."
    )


def test_the_reversal_tip_names_the_searchs_ceiling_as_its_sentence_does(qtbot, open_panel):
    """Past a weight of 250, 4× the largest weight is more than a weight can be: the sentence
    says the search stopped at 1000, and the tip, beside it, says so too."""
    document = new_from_template("russia-rare-earths")
    for criterion in document.criteria:  # the same shares: still no reversal
        criterion.weight *= 300
    panel = open_panel(document)
    section = panel.sensitivity
    qtbot.waitUntil(lambda: "1000 (the largest a weight can be)" in section.reversal_label.text())
    assert "never past 1000, the largest a weight can be" in section.reversal_label.toolTip()


def test_table_and_chart_clicks_select_the_project(qtbot, open_panel):
    panel = open_panel(contested_document())
    qtbot.waitUntil(lambda: panel.result is not None and not panel.is_running, timeout=TIMEOUT)
    last = panel.proxy.rowCount() - 1
    panel.table.setCurrentIndex(panel.proxy.index(last, COL_PROJECT))
    assert panel.controller.selection[0] == "delta"
    chart = panel.rank_chart
    y = chart.header_height() + chart.row_height() * 0.5
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(40, int(y)))
    assert panel.controller.selection[0] == chart.project_ids[0]


# -- painting -----------------------------------------------------------------------------


@pytest.mark.parametrize("dark", [False, True])
def test_charts_paint_bars_in_their_colours(qtbot, open_panel, dark):
    panel = open_panel(new_from_template("russia-rare-earths"), width=1200, height=1400)
    if dark:
        panel.setPalette(dark_palette())
    run_and_wait(qtbot, panel, runs=2_000, seed=3)
    background = panel.palette().color(panel.backgroundRole()).name().upper()

    chart = panel.interval_chart
    image = chart.grab().toImage()
    plot = chart._plot()
    row = next(r for r in range(len(chart.project_ids)) if chart.p50[r] - chart.p10[r] > 1.5)
    x = (chart._x(plot, chart.p10[row]) + chart._x(plot, chart.p50[row])) / 2
    y = plot.top() + (row + 0.5) * chart.row_height()
    assert pixel(image, x, y) == palette.band_fill(index_band(chart.p50[row]))

    ranks = panel.rank_chart
    image = ranks.grab().toImage()
    first = next(r for r, parts in enumerate(ranks.segments) if parts[0][1] > 0.5)
    x = ranks.label_width() + 6
    y = ranks.header_height() + (first + 0.5) * ranks.row_height()
    assert pixel(image, x, y) == RANK_FILLS[0]

    tornado_chart = panel.sensitivity.chart
    image = tornado_chart.grab().toImage()
    bar = tornado_chart.rows[0]
    plot = tornado_chart._plot()
    low, high = tornado_chart._domain()
    value = (bar.at_double + tornado_chart.base) / 2
    x = plot.left() + plot.width() * (value - low) / (high - low)
    y = plot.top() + 0.5 * tornado_chart.row_height()
    colour = pixel(image, x, y)
    assert colour == tornado_chart.double_colour().name().upper()
    assert colour != background
    assert not math.isnan(tornado_chart.base)


def test_run_shortcut_is_documented_in_the_tooltip(open_panel):
    panel = open_panel(contested_document())
    assert panel.objectName() == "analysisPanel"
    assert panel.table.objectName() == "uncertaintyView"
    assert panel.run_button.shortcut().toString() == "Ctrl+R"
    assert "Ctrl+R" in panel.run_button.toolTip()


def test_opening_another_document_stops_the_run_and_analyses_the_new_one(qtbot, open_panel):
    panel = open_panel(synthetic(300, 30))
    panel.runs_spin.setValue(150_000)
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.progress_bar.value() > 0, timeout=TIMEOUT)
    panel.controller.set_document(contested_document())
    qtbot.waitUntil(lambda: panel.result is not None and not panel.is_running, timeout=TIMEOUT)
    assert panel.result.project_ids == ["alpha", "bravo", "charlie", "delta"]
    # The new document's own settings (runs and seed live in the file), not the old one's.
    assert panel.result.runs == panel.controller.document.analysis.runs == 10_000
    assert panel.runs_spin.value() == 10_000 and not panel.is_stale


def test_a_run_that_fails_after_another_document_was_opened_says_nothing_of_it(
    qtbot, open_panel, monkeypatch
):
    from rrisk.errors import RRiskError

    held = []
    monkeypatch.setattr("desktop.analysis.panel.start", lambda job, pool: held.append(job))
    panel = open_panel(synthetic(60, 5))  # above the automatic re-run limit
    failures = []
    panel.analysisFailed.connect(failures.append)
    panel.run_analysis()
    (job,) = held
    panel.controller.set_document(contested_document())

    def fails(*_args, **_kwargs):
        raise RRiskError("project 'p0': the old document's problem")

    monkeypatch.setattr("desktop.analysis.worker.monte_carlo", fails)
    job.run()  # the old run fails once the new document is shown
    assert failures == [] and not panel.is_running
    assert "failed" not in panel.method_label.text()
    assert "old document" not in panel.method_label.text()
    qtbot.waitUntil(lambda: len(held) == 2, timeout=TIMEOUT)  # the new one is analysed


def test_ctrl_r_runs_the_analysis(qtbot, open_panel):
    panel = open_panel(synthetic(60, 3))
    panel.runs_spin.setValue(200)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow, timeout=TIMEOUT)
    with qtbot.waitSignal(panel.analysisFinished, timeout=TIMEOUT):
        qtbot.keyClick(panel, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert panel.result is not None and panel.result.runs == 200


def test_shares_never_round_rare_events_away_and_tooltips_escape_names():
    from desktop.ui.text import plain_tooltip
    from rrisk.fmt import fmt_precise_weight, fmt_probability

    assert [fmt_probability(v) for v in (0, 0.001, 0.5, 0.999, 1)] == [
        "0%",
        "<1%",
        "50%",
        ">99%",
        "100%",
    ]
    assert [fmt_precise_weight(v) for v in (2, 0.3749, 1.5)] == ["2", "0.37", "1.5"]
    assert "&lt;b&gt;Alpha&lt;/b&gt;" in plain_tooltip("<b>Alpha</b>")


def test_more_runs_than_the_memory_bound_allows_are_refused_with_the_largest_that_fits(
    qtbot, open_panel
):
    document = synthetic(300, 30)
    # A file saved with 200,000 runs: 300 projects × 200,000 runs is over the kept-index
    # bound (the box itself offers no more than 166,666 for 300 projects).
    document.analysis.runs = 200_000
    panel = open_panel(document)
    assert panel.runs_spin.value() == 200_000  # the document's own figure, shown as it is
    with qtbot.waitSignal(panel.analysisFailed, timeout=TIMEOUT) as failed:
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert "at most 166,666 runs" in failed.args[0]
    wait_idle(qtbot, panel)
    text = panel.method_label.text()
    assert "at most 166,666 runs" in text
    assert ". Press Run (Ctrl+R) to start again." in text and ".." not in text
    assert panel.run_button.isEnabled() and panel.result is None


def test_the_runs_tooltip_counts_one_project_in_the_singular(qtbot, open_panel) -> None:
    panel = open_panel(synthetic(1, 3))
    assert "(100–1,000,000 for 1 project)" in panel.runs_spin.toolTip()
    panel.controller.set_document(synthetic(2, 3))
    assert "(100–1,000,000 for 2 projects)" in panel.runs_spin.toolTip()


def test_runs_and_seed_are_the_documents_and_their_edit_is_undoable(qtbot, open_panel):
    panel = open_panel(synthetic(60, 5))  # above the automatic re-run limit
    controller = panel.controller
    settings = controller.document.analysis
    assert (panel.runs_spin.value(), panel.seed_spin.value()) == (settings.runs, settings.seed)
    panel.runs_spin.setValue(2_500)
    panel.seed_spin.setValue(7)
    panel.seed_spin.editingFinished.emit()
    assert (controller.document.analysis.runs, controller.document.analysis.seed) == (2_500, 7)
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert (panel.runs_spin.value(), panel.seed_spin.value()) == (settings.runs, settings.seed)
    # Run uses (and records) what the boxes show.
    panel.runs_spin.setValue(700)
    run_and_wait(qtbot, panel, runs=700, seed=3)
    assert (controller.document.analysis.runs, controller.document.analysis.seed) == (700, 3)
    assert panel.result.runs == 700


def test_a_reversal_too_small_for_two_decimals_shows_its_digits() -> None:
    from desktop.analysis.sensitivity import reversal_sentence
    from rrisk.analysis import RankReversal

    reversal = RankReversal(criterion="b", weight=1.0, new_weight=1.000001, new_top="y")
    sentence = reversal_sentence("Alpha", reversal, "Sanctions", "Beta")
    assert sentence == "Moving the weight of Sanctions from 1 to 1.000001 puts Beta first."


def test_esc_cancels_a_run_only_from_within_the_analysis_tab(open_window, tmp_path, qtbot):
    # The inspector shares the window: its Esc throws typing away and must not stop a run.
    from rrisk.fileformat import save

    path = tmp_path / "wide.rrisk"
    save(synthetic(300, 30), path)
    window = open_window(path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.matrix_view.select_cell(window.controller.document.projects[0].id, "c0")
    panel = window.analysis_panel
    window.tabs.setCurrentWidget(panel)
    panel.runs_spin.setValue(150_000)
    panel.run_button.setFocus()
    with qtbot.waitSignal(panel.analysisStarted, timeout=TIMEOUT):
        qtbot.keyClick(panel.run_button, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    from PySide6.QtWidgets import QApplication

    assert QApplication.focusWidget() is panel.cancel_button  # not lost with the Run button
    cancelled: list[bool] = []
    panel.analysisCancelled.connect(lambda: cancelled.append(True))
    steps = window.controller.undo_stack.count()
    likelihood = window.inspector.likelihood
    likelihood.setFocus()
    likelihood.lineEdit().selectAll()
    qtbot.keyClicks(likelihood, "2")
    qtbot.keyClick(likelihood, Qt.Key.Key_Escape)  # typing thrown away, back to the matrix
    qtbot.wait(50)
    assert panel.is_running and not cancelled
    assert window.controller.undo_stack.count() == steps
    # In the tab, Esc cancels.
    window.tabs.setCurrentWidget(panel)  # (the inspector's Esc went back to the matrix)
    panel.cancel_button.setFocus()
    with qtbot.waitSignal(panel.analysisCancelled, timeout=TIMEOUT):
        qtbot.keyClick(panel.cancel_button, Qt.Key.Key_Escape)
    wait_idle(qtbot, panel)
    window.controller.undo_stack.setClean()


def test_ctrl_r_from_the_inspector_takes_the_keyboard_into_the_analysis_so_esc_cancels(
    open_window, tmp_path, qtbot
):
    # The tab was shown with the keyboard left in the inspector beside it: Esc there went back
    # to the matrix, hiding the run, which went on.
    from PySide6.QtWidgets import QApplication

    from rrisk.fileformat import save

    path = tmp_path / "wide.rrisk"
    save(synthetic(300, 30), path)
    window = open_window(path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.matrix_view.select_cell(window.controller.document.projects[0].id, "c0")
    panel = window.analysis_panel
    panel.runs_spin.setValue(150_000)
    window.menu_actions.focus_inspector.trigger()
    likelihood = window.inspector.likelihood
    qtbot.waitUntil(lambda: QApplication.focusWidget() is likelihood)
    with qtbot.waitSignal(panel.analysisStarted, timeout=TIMEOUT):
        qtbot.keyClick(likelihood, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is panel
    assert panel.isAncestorOf(QApplication.focusWidget())
    with qtbot.waitSignal(panel.analysisCancelled, timeout=TIMEOUT):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    wait_idle(qtbot, panel)
    assert window.tabs.currentWidget() is panel


def test_the_widest_range_label_fits_right_of_the_plot(qtbot) -> None:
    """100.0 (100.0–100.0) ⊘ 100%, a project certain at 100 and excluded in every run, fits
    in the room kept right of the plot (the excluded share was cut to "⊘ 10")."""
    from PySide6.QtGui import QFontMetrics

    from desktop.analysis.interval_chart import IntervalChart
    from rrisk.palette import RED_LINE_MARK

    chart = IntervalChart()
    qtbot.addWidget(chart)
    chart.resize(900, 200)
    label = f"100.0  (100.0–100.0)  {RED_LINE_MARK} 100%"
    room = chart.width() - chart._plot().right() - 8  # the label starts 8 px right of it
    assert QFontMetrics(chart.font()).horizontalAdvance(label) <= room


def test_a_run_of_no_projects_says_so_in_its_charts(qtbot, open_panel):
    from rrisk.model import Assessment

    panel = open_panel(Assessment(title="Blank"))
    assert panel.rank_chart.empty_text == "No results yet."
    run_and_wait(qtbot, panel, runs=100, seed=1)
    assert panel.rank_chart.empty_text == "No projects to analyse."
    assert panel.interval_chart.empty_text == "No projects to analyse."


def test_a_result_of_many_projects_is_shown_without_reading_every_row(
    qtbot, open_panel, monkeypatch
):
    """The figure columns are as wide as their widest possible value: fitting them to their
    contents read every role of every row (a second's freeze at 500 projects)."""
    from desktop.analysis.uncertainty_model import COLUMNS, UncertaintyModel

    panel = open_panel(synthetic(400, 4))
    wait_idle(qtbot, panel)
    result = monte_carlo(panel.controller.document, None, runs=200, seed=1)
    rows_read: set[int] = set()
    real = UncertaintyModel.data

    def counted(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN202
        rows_read.add(index.row())
        return real(self, index, role)

    monkeypatch.setattr(UncertaintyModel, "data", counted)
    panel._show_result(result)
    qtbot.wait(50)  # the table's layout and paint
    assert 0 < len(rows_read) < 60
    metrics = panel.table.fontMetrics()
    header = panel.table.horizontalHeader()
    for column in range(1, len(COLUMNS)):
        widest = max(
            metrics.horizontalAdvance(str(panel.proxy.index(row, column).data()))
            for row in range(panel.proxy.rowCount())
        )
        assert header.sectionSize(column) > widest


def test_a_run_leaves_the_selected_cell_where_the_user_put_it(qtbot, open_panel):
    """New results reset the table; the row it lands on is no choice of the user's, and the
    selected cell (the inspector's) stays where it was; the table shows its project."""
    panel = open_panel(new_from_template("russia-rare-earths"))
    controller = panel.controller
    controller.select("tomtor", "sanctions")
    for seed in (1, 2):
        run_and_wait(qtbot, panel, 500, seed)
        assert controller.selection == ("tomtor", "sanctions")
        current = panel.table.currentIndex()
        assert current.isValid() and current.data(PROJECT_ID_ROLE) == "tomtor"


def test_a_narrow_panel_keeps_room_for_the_project_names(qtbot, open_panel):
    """At 500 px the figures took all but 48 px and the names read "Gam…" or "…": the
    table now keeps ~18 letters for them and the tab scrolls sideways instead."""
    panel = open_panel(new_from_template("russia-rare-earths"), width=500, height=700)
    run_and_wait(qtbot, panel, 500, 1)
    table = panel.table
    names = table.horizontalHeader().sectionSize(COL_PROJECT)
    assert names >= 15 * table.fontMetrics().averageCharWidth()
    assert not table.horizontalScrollBar().isVisible()


@pytest.mark.parametrize("dark", [False, True])
def test_every_legend_swatch_shows_against_the_window(qtbot, dark):
    """The darkest rank's swatch on the dark window, and the palest ranks' on the light one,
    have an edge that stands out (3:1): with the faint grid edge, "1st" all but vanished."""
    from PySide6.QtGui import QBrush, QImage, QPainter, QPalette
    from PySide6.QtWidgets import QStyleFactory, QWidget

    from desktop.analysis.common import RANK_FILLS, draw_swatch_legend
    from desktop.ui.style import contrast_ratio

    widget = QWidget()
    qtbot.addWidget(widget)
    widget.setPalette(dark_palette() if dark else QStyleFactory.create("Fusion").standardPalette())
    window = widget.palette().color(QPalette.ColorRole.Window)
    for fill in (QColor(code) for code in RANK_FILLS):
        image = QImage(60, 40, QImage.Format.Format_RGB32)
        image.fill(window)
        painter = QPainter(image)
        draw_swatch_legend(painter, widget, 4, 4, [("", QBrush(fill))])
        painter.end()
        shown = {QColor(image.pixel(x, y)).name() for x in range(60) for y in range(40)}
        edge = max(
            (QColor(name) for name in shown - {fill.name(), window.name()}),
            key=lambda colour: contrast_ratio(colour, window),
        )
        assert contrast_ratio(edge, window) >= 3, fill.name()
