"""The method shown in the app comes from the core, not from copies in the GUI."""

from __future__ import annotations

import numpy as np
from desktop_documents import make_document
from PySide6.QtCore import Qt

from desktop.document.controller import DocumentController
from desktop.results import common, ranking_model
from desktop.results import panel as results_panel
from desktop.results.panel import _method_tooltip
from desktop.results.ranking_model import COL_INDEX, RankingModel
from desktop.window import help_text
from rrisk import scoring
from rrisk.model import Scenario, scenario_problems


def test_index_tooltip_shows_the_cores_index_terms(qtbot, monkeypatch):
    controller = DocumentController(make_document())
    rows = len(controller.document.projects)
    # Figures only the core's index_terms() could have produced.
    monkeypatch.setattr(
        scoring.ScoreResult,
        "index_terms",
        lambda self: (np.full(rows, 1.234), np.full(rows, 5.67)),
    )
    model = RankingModel(controller)
    tip = model.index(0, COL_INDEX).data(Qt.ItemDataRole.ToolTipRole)
    assert "100 × 1.234 ÷ 5.67" in tip


def test_bands_and_formulas_are_the_cores():
    # The views use the core's functions and words themselves, not copies.
    assert results_panel.cell_band_ranges is scoring.cell_band_ranges
    assert results_panel.index_band_ranges is scoring.index_band_ranges
    assert ranking_model.index_band_ranges is scoring.index_band_ranges
    assert results_panel.INDEX_FORMULA == scoring.INDEX_FORMULA
    assert results_panel.CELL_FORMULA == scoring.CELL_FORMULA
    assert scoring.INDEX_FORMULA[1:] in common.METHOD_LINE
    for text in (help_text.METHOD, _method_tooltip().replace("&lt;", "<")):
        assert scoring.INDEX_FORMULA[1:] in text
        assert scoring.CELL_FORMULA[1:] in text
        for name, span in [*scoring.cell_band_ranges(), *scoring.index_band_ranges()]:
            assert f"{name} {span}" in text


def test_scenario_refusal_uses_the_cores_message(qtbot):
    controller = DocumentController(make_document())
    refused: list[str] = []
    controller.errorOccurred.connect(refused.append)
    scenario = Scenario(id="odd", name="Odd", weight_overrides={"nowhere": 2.0})
    assert not controller.add_item("scenario", scenario)
    criteria = {c.id for c in controller.document.criteria}
    projects = {p.id for p in controller.document.projects}
    assert refused == [next(iter(scenario_problems(scenario, criteria, projects)))]


def test_the_method_names_every_kind_of_red_line_the_scoring_applies():
    # The scoring excludes a project on a confirmed sanctions hit and on an occupied
    # territory too (rrisk.screening.redlines): the method shown says so, as the memo's does.
    for text in (help_text.METHOD, _method_tooltip()):
        flat = " ".join(text.split())
        assert "confirmed sanctions hit" in flat
        assert "occupied territory" in flat
