"""The Analysis tab says plainly when nothing was drawn: every run alike, the figures the
ranking's own."""

from __future__ import annotations

from analysis_fixtures import contested_document

from desktop.analysis.panel import AnalysisPanel
from desktop.analysis.text import method_line
from desktop.document.controller import DocumentController
from rrisk.analysis import monte_carlo, runs_alike_text
from rrisk.model import parse_assessment

TIMEOUT = 20_000


def test_a_run_with_nothing_drawn_shows_the_notice_and_a_range_takes_it_away(qtbot):
    """It showed 10,000 runs of identical figures under a grey line of cell counts, as if
    "P(first) 100%" were a finding."""
    document = contested_document()
    sources = {s.id: s for s in document.sources}
    sources["weak"].reliability, sources["weak"].credibility = "A", 1  # no weak evidence
    for cells in document.cells.values():
        for cell in cells.values():
            cell.likelihood_low = cell.likelihood_high = None
            if not cell.evidence:
                cell.evidence = [type(cells["cost"].evidence[0])(source="good")]
    controller = DocumentController(document)
    panel = AnalysisPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(1100, 800)
    panel.show()
    try:
        qtbot.waitUntil(lambda: panel.result is not None and not panel.is_running, timeout=TIMEOUT)
        assert panel.result.runs_alike
        assert panel.alike_notice.isVisible()
        assert panel.alike_notice.text().startswith(runs_alike_text(panel.result.runs))
        assert "cell inspector" in panel.alike_notice.text()
        controller.edit_cell("alpha", "cost", {"likelihood_low": 2, "likelihood_high": 5})
        with qtbot.waitSignal(panel.analysisFinished, timeout=TIMEOUT):
            panel.run_analysis()
        assert not panel.result.runs_alike
        assert not panel.alike_notice.isVisible()
    finally:
        panel.shutdown()


def test_the_method_line_names_the_ranges_a_scenarios_scores_replace():
    """Under a scenario that sets a ranged cell's score, the line said "No cell carries a
    range set by the analyst" of a document whose cell carries one; the memo names them."""
    evidence = [{"source": "good", "quote": "as reported"}]
    document = parse_assessment(
        {
            "criteria": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
            "projects": [{"id": "p", "name": "P"}, {"id": "q", "name": "Q"}],
            "cells": {
                "p": {
                    "a": {"likelihood": 3, "impact": 3, "likelihood_low": 2, "evidence": evidence},
                    "b": {"likelihood": 2, "impact": 2, "impact_high": 4, "evidence": evidence},
                },
                "q": {"a": {"likelihood": 2, "impact": 3, "evidence": evidence}},
            },
            "sources": [{"id": "good", "title": "Audit", "reliability": "A", "credibility": 1}],
            "scenarios": [
                {
                    "id": "one",
                    "name": "One set",
                    "cell_overrides": [{"project": "p", "criterion": "a", "likelihood": 4}],
                },
                {
                    "id": "both",
                    "name": "Both set",
                    "cell_overrides": [
                        {"project": "p", "criterion": "a", "likelihood": 4},
                        {"project": "p", "criterion": "b", "impact": 3},
                    ],
                },
            ],
        }
    )
    one = method_line(monte_carlo(document, "one", runs=200, seed=1), document)
    assert one.endswith(
        "2 cells are taken as certain (1 of them because the scenario's score replaces its range)."
    )
    both = monte_carlo(document, "both", runs=200, seed=1)
    assert method_line(both, document).endswith(
        "3 cells are taken as certain (2 of them because the scenario's scores replace their "
        "ranges)."
    )
    assert both.runs_alike
    baseline = method_line(monte_carlo(document, None, runs=200, seed=1), document)
    assert "scenario" not in baseline
