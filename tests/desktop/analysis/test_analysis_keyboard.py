"""The results and analysis views by keyboard, and in words: Tab leaves the ranking and the
uncertainty table (it went round their cells), the runs box offers no more runs than the
document can keep, and the tornado says when one criterion carries the index alone (a failed
run's message ending its sentence is checked in test_analysis_panel.py)."""

from __future__ import annotations

import pytest
from analysis_fixtures import synthetic
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from desktop.analysis.panel import AnalysisPanel
from desktop.analysis.tornado_chart import ALONE_TEXT
from desktop.document.controller import DocumentController
from desktop.results.ranking_model import RankingView
from rrisk.fmt import fmt_index
from rrisk.model import parse_assessment
from rrisk.templates import new_from_template


@pytest.fixture
def panel(qtbot):
    def build(document):
        controller = DocumentController(document)
        built = AnalysisPanel(controller)
        built.controller = controller
        qtbot.addWidget(built)
        built.resize(1200, 900)
        built.show()
        panels.append(built)
        return built

    panels: list[AnalysisPanel] = []
    yield build
    for built in panels:
        built.shutdown()


def test_tab_leaves_the_uncertainty_table(qtbot, panel):
    analysis = panel(new_from_template("russia-rare-earths"))
    qtbot.waitUntil(lambda: analysis.table.model().rowCount() > 1, timeout=20_000)
    analysis.table.selectRow(0)
    analysis.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is analysis.table)
    qtbot.keyClick(analysis.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not analysis.table


def test_tab_reaches_the_charts_and_arrows_choose_a_project_as_a_click_does(qtbot, panel):
    analysis = panel(new_from_template("russia-rare-earths"))
    qtbot.waitUntil(lambda: bool(analysis.rank_chart.project_ids), timeout=20_000)
    analysis.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is analysis.table)
    charts = (analysis.rank_chart, analysis.interval_chart)
    for _ in range(10):  # the controls between the table and the charts, if any
        if QApplication.focusWidget() in charts:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    chart = analysis.rank_chart
    assert QApplication.focusWidget() is chart
    assert chart.accessibleName() and chart.accessibleDescription()
    unframed = chart.grab().toImage()
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert analysis.controller.selection[0] == chart.project_ids[0]
    assert chart.grab().toImage() != unframed  # the chosen row is framed
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert analysis.controller.selection[0] == chart.project_ids[1]
    qtbot.keyClick(chart, Qt.Key.Key_End)
    assert analysis.controller.selection[0] == chart.project_ids[-1]
    qtbot.keyClick(chart, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is analysis.interval_chart
    qtbot.keyClick(analysis.interval_chart, Qt.Key.Key_Home)
    assert analysis.controller.selection[0] == analysis.interval_chart.project_ids[0]


def test_a_chart_keeps_the_project_chosen_by_key_when_a_new_run_orders_the_rows_anew(qtbot, panel):
    """The chart frames, and steps on from, the project chosen there, not the row it stood
    in: after a run that ordered the rows anew, Down chose the project below that row."""
    analysis = panel(new_from_template("russia-rare-earths"))
    qtbot.waitUntil(lambda: bool(analysis.rank_chart.project_ids), timeout=20_000)
    chart = analysis.rank_chart
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    chosen = chart.project_ids[1]
    assert analysis.controller.selection[0] == chosen
    result = analysis.result
    rows = [result.project_ids.index(project_id) for project_id in reversed(chart.project_ids)]
    chart.set_result(result, rows, 0)  # the rows ordered anew, as a new run may
    assert chart.project_ids[-2] == chosen
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert analysis.controller.selection[0] == chart.project_ids[-1]
    qtbot.keyClick(chart, Qt.Key.Key_Up)
    assert analysis.controller.selection[0] == chosen


def test_a_project_chosen_by_key_in_a_chart_is_scrolled_into_sight(qtbot, panel):
    """End chose the chart's last row, out of sight below the panel's fold, and the panel
    stayed where it was: the framed row could not be seen."""
    analysis = panel(synthetic(40, 5))
    analysis.resize(1200, 500)
    qtbot.waitUntil(lambda: len(analysis.rank_chart.project_ids) == 30, timeout=20_000)
    chart = analysis.rank_chart
    scroll = analysis.findChild(QScrollArea)

    def laid_out() -> bool:  # the panel scrolls as far as the chart's last row
        bottom = chart.mapTo(scroll.widget(), QPoint(0, chart.height())).y()
        return scroll.verticalScrollBar().maximum() >= bottom - scroll.viewport().height()

    qtbot.waitUntil(laid_out)
    chart.setFocus()

    def in_sight(row: int) -> bool:
        top = round(chart.header_height() + row * chart.row_height())
        row_box = QRect(0, top, chart.width(), round(chart.row_height()))
        return chart.visibleRegion().boundingRect().contains(row_box)

    assert not in_sight(29)
    qtbot.keyClick(chart, Qt.Key.Key_End)
    assert analysis.controller.selection[0] == chart.project_ids[29]
    assert in_sight(29)
    qtbot.keyClick(chart, Qt.Key.Key_Home)
    assert in_sight(0)


def test_tab_leaves_the_ranking(qtbot):
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    view = RankingView(DocumentController(new_from_template("russia-rare-earths")), window)
    after = QLineEdit(window)
    layout.addWidget(view)
    layout.addWidget(after)
    window.show()
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is after


def test_the_runs_box_offers_no_more_runs_than_the_document_can_keep(qtbot, panel):
    """60 projects keep at most 833,333 runs' indices: the box stops there (1,000,000 was
    accepted and only failed when run)."""
    analysis = panel(synthetic(60, 3))
    qtbot.waitUntil(lambda: not analysis.is_running, timeout=20_000)
    spin = analysis.runs_spin
    assert spin.maximum() == 833_333
    assert "100–833,333 for 60 projects" in spin.toolTip()
    spin.setValue(1_000_000)
    assert spin.value() == 833_333
    small = panel(new_from_template("russia-rare-earths"))
    assert small.runs_spin.maximum() == 1_000_000


def test_the_tornado_says_when_one_criterion_carries_the_index(qtbot, panel):
    document = parse_assessment(
        {
            "criteria": [
                {"id": "a", "name": "Alpha", "weight": 2.0},
                {"id": "b", "name": "Bravo", "weight": 1.0},
            ],
            "projects": [{"id": "solo", "name": "Solo"}, {"id": "pair", "name": "Pair"}],
            "cells": {
                "solo": {"b": {"likelihood": 2, "impact": 2}},
                "pair": {"a": {"likelihood": 4, "impact": 4}, "b": {"likelihood": 3, "impact": 3}},
            },
        }
    )
    analysis = panel(document)
    analysis.controller.select("solo", None)
    chart = analysis.sensitivity.chart
    assert chart.rows[0].name == "Bravo"
    assert f"Bravo: {ALONE_TEXT}" in chart.summary()
    assert "not assessed" not in chart.summary()
    analysis.controller.select("pair", None)
    assert ALONE_TEXT not in analysis.sensitivity.chart.summary()


def test_tab_goes_from_the_tornados_project_box_to_the_rank_reversal_threshold(qtbot, panel):
    """The threshold is said only in that line, which no key reached: a screen reader user
    tabbing through the tab never heard it. The tornado stands between them."""
    from PySide6.QtGui import QAccessible

    from desktop.analysis.sensitivity import WORKING_TEXT

    analysis = panel(new_from_template("russia-rare-earths"))
    section = analysis.sensitivity
    line = section.reversal_label
    qtbot.waitUntil(lambda: line.text() not in ("", WORKING_TEXT), timeout=20_000)
    analysis.activateWindow()
    section.project_combo.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is section.project_combo)
    qtbot.keyClick(section.project_combo, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is section.chart
    qtbot.keyClick(section.chart, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is line
    said = QAccessible.queryAccessibleInterface(line).text(QAccessible.Text.Name)
    assert said == line.text()


def test_a_project_chosen_by_key_in_a_chart_is_said_aloud(qtbot, panel, said_aloud):
    """Up, Down, Home and End in the rank or P10–P90 chart moved a frame alone: a screen
    reader said nothing of the project chosen, nor of its figures."""
    analysis = panel(new_from_template("russia-rare-earths"))
    qtbot.waitUntil(lambda: bool(analysis.rank_chart.project_ids), timeout=20_000)
    for chart in (analysis.rank_chart, analysis.interval_chart):
        chart.setFocus()
        qtbot.waitUntil(lambda chart=chart: QApplication.focusWidget() is chart)
        said_aloud.clear()
        qtbot.keyClick(chart, Qt.Key.Key_End)
        last = chart.project_names[-1]
        assert len(said_aloud) == 1
        assert said_aloud[0].startswith(f"{last}: ")
        assert "\n" not in said_aloud[0]
        assert said_aloud[0] == chart.tooltip_text(len(chart.project_ids) - 1).replace("\n", "; ")


def test_tab_reaches_the_tornado_and_arrows_say_its_bars(qtbot, panel, said_aloud):
    """The tornado took no focus (it has no click action): a keyboard user could not reach it,
    and a screen reader read its bars only as one long description, if at all."""
    analysis = panel(new_from_template("russia-rare-earths"))
    section = analysis.sensitivity
    chart = section.chart
    qtbot.waitUntil(lambda: len(chart.rows) > 2, timeout=20_000)
    analysis.activateWindow()
    section.project_combo.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is section.project_combo)
    qtbot.keyClick(section.project_combo, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is chart
    assert chart.accessibleName() and chart.accessibleDescription()
    selection = analysis.controller.selection
    unframed = chart.grab().toImage()
    said_aloud.clear()
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    first = chart.rows[0]
    assert said_aloud == [chart.row_text(0)]
    assert said_aloud[0].startswith(f"{first.name} (weight ")
    assert f"index {fmt_index(first.at_zero)} with weight 0" in said_aloud[0]
    assert f"{fmt_index(first.at_double)} with weight" in said_aloud[0]
    framed = chart.grab().toImage()
    assert framed != unframed  # the chosen bar is framed
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert said_aloud[-1] == chart.row_text(1)
    assert chart.grab().toImage() != framed  # the frame moved down a bar
    qtbot.keyClick(chart, Qt.Key.Key_End)
    assert said_aloud[-1] == chart.row_text(len(chart.rows) - 1)
    qtbot.keyClick(chart, Qt.Key.Key_Home)
    assert said_aloud[-1] == chart.row_text(0)
    assert len(said_aloud) == 4
    assert analysis.controller.selection == selection  # a bar names no cell to select


def test_down_reaches_every_bar_of_the_tornado_when_two_criteria_share_a_name(
    qtbot, panel, said_aloud
):
    """Two criteria of the same name (a document may hold them; rrisk check names them): the
    bar chosen was found again by its name, so Down from the second one's bar went back to
    the bar after the first one's, and the bars below were never reached."""
    document = new_from_template("russia-rare-earths")
    for index in (1, 3):
        document.criteria[index] = document.criteria[index].model_copy(update={"name": "Same"})
    analysis = panel(document)
    chart = analysis.sensitivity.chart
    qtbot.waitUntil(lambda: len(chart.rows) > 4, timeout=20_000)
    shared = [index for index, row in enumerate(chart.rows) if row.name == "Same"]
    assert len(shared) == 2 and shared[1] < len(chart.rows) - 1
    analysis.activateWindow()
    chart.setFocus()
    qtbot.waitUntil(chart.hasFocus)
    said_aloud.clear()
    for _ in chart.rows:
        qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert said_aloud == [chart.row_text(index) for index in range(len(chart.rows))]
    assert chart.key_row() == len(chart.rows) - 1


def test_the_tornados_focus_frame_is_seen_whole_beside_its_bars_label(qtbot, panel):
    """The frame was drawn before the chart, so a label's first letter ('S' of 'Sanctions
    exposure') covered its left edge; drawn last, and the labels clear of it, both are whole."""
    from PySide6.QtGui import QColor, QPalette

    analysis = panel(new_from_template("russia-rare-earths"))
    chart = analysis.sensitivity.chart
    qtbot.waitUntil(lambda: len(chart.rows) > 2, timeout=20_000)
    analysis.activateWindow()
    chart.setFocus()
    qtbot.waitUntil(chart.hasFocus)
    highlight = chart.palette().color(QPalette.ColorRole.Highlight)
    for index in range(len(chart.rows)):
        qtbot.keyClick(chart, Qt.Key.Key_Home if index == 0 else Qt.Key.Key_Down)
        image = chart.grab().toImage()
        top = int(chart.header_height() + index * chart.row_height())
        edge = {
            QColor(image.pixel(1, y)).name()
            for y in range(top + 2, top + int(chart.row_height()) - 2)
        }
        assert edge == {highlight.name()}, chart.rows[index].name
