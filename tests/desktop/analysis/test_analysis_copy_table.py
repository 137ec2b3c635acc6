"""Copying the uncertainty table: Ctrl+C puts every row on the clipboard, tab-separated, with
numbers a spreadsheet reads as numbers and a line saying what the figures are."""

from __future__ import annotations

import pytest
from analysis_fixtures import contested_document
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop.analysis.copy_table import HEADER, table_text
from desktop.analysis.panel import AnalysisPanel
from desktop.analysis.uncertainty_model import COL_P50
from desktop.document.controller import DocumentController
from rrisk.analysis import monte_carlo
from rrisk.model import Assessment

TIMEOUT = 20_000


@pytest.fixture
def shown_panel(qtbot):
    """Factory: a shown AnalysisPanel on a real controller of ``document``."""
    panels: list[AnalysisPanel] = []

    def build(document: Assessment) -> AnalysisPanel:
        controller = DocumentController(document)
        panel = AnalysisPanel(controller)
        panel.controller = controller  # keep the controller alive with the panel
        qtbot.addWidget(panel)
        panel.resize(1200, 900)
        panel.show()
        panels.append(panel)
        return panel

    yield build
    for panel in panels:
        panel.shutdown()


def _run(qtbot, panel: AnalysisPanel, runs: int, seed: int) -> None:
    qtbot.waitUntil(lambda: not panel.is_running, timeout=TIMEOUT)
    panel.runs_spin.setValue(runs)
    panel.seed_spin.setValue(seed)
    with qtbot.waitSignal(panel.analysisFinished, timeout=TIMEOUT):
        panel.run_analysis()


def _number(text: str) -> float:
    return float(text[:-1]) / 100 if text.endswith("%") else float(text)


def test_ctrl_c_copies_every_row_as_numbers_with_what_they_are(qtbot, shown_panel):
    """Ctrl+C took the one cell under the cursor, as it reads on screen ("⊘ 100%", "Low
    (97%)"): a spreadsheet got one text cell. Now every row, with a header and a line naming
    the scenario, runs, seed and the inputs' as-of date; each figure a number."""
    document = contested_document()
    document.as_of = "2025-06-30"
    panel = shown_panel(document)
    panel.controller.set_scenario("eased")
    _run(qtbot, panel, runs=2_000, seed=11)
    expected = monte_carlo(panel.controller.document, "eased", runs=2_000, seed=11)
    QGuiApplication.clipboard().setText("before")
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.proxy.index(1, COL_P50))
    qtbot.keyClick(panel.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().split("\n")
    assert lines[-1] == ""  # ends with a newline, as spreadsheets copy blocks
    assert lines[0] == (
        "Uncertainty (Monte Carlo) · Sanctions eased · 2,000 runs · seed 11 · inputs as of 2025-06-30"
    )
    assert lines[1].split("\t") == list(HEADER)
    rows = [line.split("\t") for line in lines[2:-1]]
    assert len(rows) == len(expected.project_ids) == 4
    # In the order shown, each figure the run's own, as numbers (no mark, no "<1%" or ">99%").
    shown_names = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]
    assert [row[0] for row in rows] == shown_names
    for row in rows:
        at = expected.project_names.index(row[0])
        p10, p50, p90, first, excluded = (_number(text) for text in row[1:6])
        assert p10 == pytest.approx(expected.p10[at], abs=0.005)
        assert p50 == pytest.approx(expected.p50[at], abs=0.005)
        assert p90 == pytest.approx(expected.p90[at], abs=0.005)
        assert first == pytest.approx(expected.rank_probability[at, 0], abs=0.00005)
        assert excluded == pytest.approx(expected.excluded_probability[at], abs=0.00005)
        assert row[6] == expected.most_likely_band(at)
        assert _number(row[7]) == pytest.approx(expected.band_probability[at].max(), abs=5e-5)
    delta = next(row for row in rows if row[0] == "Delta")
    assert delta[5] == "100%"  # excluded in every run: a number, not "⊘ 100%"


def test_the_copy_follows_the_order_the_user_sorted_and_says_when_out_of_date(qtbot, shown_panel):
    panel = shown_panel(contested_document())
    _run(qtbot, panel, runs=500, seed=2)
    panel.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    text = panel.table_text()
    assert text is not None
    names = [line.split("\t")[0] for line in text.split("\n")[2:-1]]
    assert names == ["Delta", "Charlie", "Bravo", "Alpha"]
    panel.controller.set_scenario("eased")  # the figures are now the baseline's, out of date
    assert panel.is_stale
    first_line = panel.table_text().split("\n")[0]
    assert first_line.startswith("Uncertainty (Monte Carlo) · Baseline · 500 runs · seed 2")
    assert first_line.endswith("out of date: the document or scenario changed after this run")


def test_nothing_is_copied_before_a_run(qtbot, shown_panel):
    panel = shown_panel(contested_document())
    panel._auto_timer.stop()  # no automatic run: the table stays empty
    assert panel.result is None
    QGuiApplication.clipboard().setText("kept")
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "kept"


def test_a_name_that_would_split_a_row_or_run_as_a_formula_is_copied_as_plain_text():
    document = contested_document()
    document.projects[0].name = "=HYPERLINK(1)\tAlpha\nJV"
    result = monte_carlo(document, runs=200, seed=1)
    text = table_text(result, [0, 1], document)
    lines = text.split("\n")
    assert len(lines) == 5  # describe, header, two rows, the final newline
    assert lines[2].split("\t")[0] == "'=HYPERLINK(1) Alpha JV"
    assert all(len(line.split("\t")) == len(HEADER) for line in lines[1:-1])
