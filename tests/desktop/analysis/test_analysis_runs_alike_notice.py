"""The Analysis tab says plainly when nothing was drawn: every run alike, the figures the
ranking's own."""

from __future__ import annotations

from analysis_fixtures import contested_document

from desktop.analysis.panel import AnalysisPanel
from desktop.document.controller import DocumentController
from rrisk.analysis import runs_alike_text

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
