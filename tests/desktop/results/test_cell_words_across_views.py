"""What the matrix, heat map and 5×5 say of one cell agrees with the memo's count and with
each other: an override lifting a red line names the red line it lifts, one that gives the
baseline's own values says it changes nothing (the memo's "restates the baseline"), a red
line from a rule is not said to be lifted, a red line's legal basis is given, and a cell with
one score set shows that score everywhere."""

from __future__ import annotations

import pytest
from desktop_documents import make_document
from PySide6.QtCore import Qt

from desktop.document.controller import DocumentController
from desktop.matrix.model import MatrixModel, OverrideRole
from desktop.results.heatmap import HeatMapView
from desktop.results.matrix5x5 import RiskMatrix5x5
from reports.sections_back import _changes_text
from rrisk.model import parse_assessment

SCENARIO = "eased"


def _document(overrides: list[dict], cells: dict[tuple[str, str], dict]):
    data = make_document().model_dump(mode="json")
    for (project, criterion), fields in cells.items():
        data["cells"].setdefault(project, {}).setdefault(criterion, {}).update(fields)
    data["scenarios"][0]["cell_overrides"] = overrides
    data["scenarios"][0]["weight_overrides"] = {}
    return parse_assessment(data)


@pytest.fixture
def views(qtbot):
    def build(document):
        controller = DocumentController(document)
        model = MatrixModel(controller)
        heat = HeatMapView(controller)
        grid = RiskMatrix5x5(controller)
        for widget in (heat, grid):
            qtbot.addWidget(widget)
            widget.resize(700, 500)
            widget.show()
        return controller, model, heat, grid

    return build


def _heat_tip(heat: HeatMapView, project: str, criterion: str) -> str:
    return heat.tooltip_text(heat.project_ids.index(project), heat.criterion_ids.index(criterion))


def test_lifting_a_manual_red_line_names_it(views) -> None:
    document = _document(
        [{"project": "p1", "criterion": "c1", "red_line": False}],
        {("p1", "c1"): {"red_line": True, "red_line_reason": "Forced labour allegations"}},
    )
    controller, model, heat, _grid = views(document)
    controller.set_scenario(SCENARIO)
    baseline = document.cell("p1", "c1")
    expected = (
        "Scenario “Sanctions eased” sets this cell (baseline L "
        f"{baseline.likelihood} × I {baseline.impact}, red line “Forced labour allegations”)"
    )
    assert model.cell_index("p1", "c1").data(OverrideRole) == expected
    assert expected in _heat_tip(heat, "p1", "c1")
    assert "1 cell change" in _changes_text(document, document.scenarios[0])


def test_an_override_giving_the_baseline_values_says_it_changes_nothing(views) -> None:
    base = make_document().cell("p1", "c1")
    document = _document(
        [
            {
                "project": "p1",
                "criterion": "c1",
                "likelihood": base.likelihood,
                "impact": base.impact,
            }
        ],
        {},
    )
    controller, model, heat, _grid = views(document)
    controller.set_scenario(SCENARIO)
    text = model.cell_index("p1", "c1").data(OverrideRole)
    assert text == (
        "Scenario “Sanctions eased” restates this cell's baseline "
        f"(L {base.likelihood} × I {base.impact}): it changes nothing"
    )
    assert text in _heat_tip(heat, "p1", "c1")
    # The memo counts it the same way.
    assert _changes_text(document, document.scenarios[0]) == (
        "No weight or cell change (1 override restates the baseline)"
    )


def test_a_rule_red_line_is_not_said_to_be_lifted(views) -> None:
    # c0 has the rule r ≥ 20 "Sanctions exposure" (EU Reg. 833/2014); 5 × 4 = 20 meets it.
    document = _document(
        [{"project": "p2", "criterion": "c0", "red_line": False}],
        {("p2", "c0"): {"likelihood": 5, "impact": 4}},
    )
    controller, model, heat, _grid = views(document)
    controller.set_scenario(SCENARIO)
    index = model.cell_index("p2", "c0")
    text = index.data(OverrideRole)
    assert text.startswith("Scenario “Sanctions eased” restates this cell's baseline (L 5 × I 4")
    assert "no red line set on the cell" in text
    assert text.endswith("the red line from the criterion's rule or a screening hit stays")
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "Red line: Sanctions exposure (EU Reg. 833/2014)" in tooltip  # the basis, too
    assert "Sanctions exposure (EU Reg. 833/2014)" in _heat_tip(heat, "p2", "c0")


def test_a_half_scored_cell_shows_its_score_in_every_view(views) -> None:
    document = _document([], {("p0", "c1"): {"likelihood": 3, "impact": None}})
    controller, model, heat, grid = views(document)
    words = "L 3 × I –: not assessed until both are set"
    index = model.cell_index("p0", "c1")
    assert index.data(Qt.ItemDataRole.DisplayRole) == "3×–"
    assert words in index.data(Qt.ItemDataRole.ToolTipRole)
    assert words in _heat_tip(heat, "p0", "c1")
    controller.select("p0", "c1")
    entries = {column: (full, short) for column, _name, full, short, _red in grid._entries}
    assert entries[1] == ("3×– not assessed", "3×–")
    # A cell with neither score keeps the plain words.
    empty = next(
        (p, c)
        for p in ("p0", "p1", "p2")
        for c in ("c0", "c2", "c3")
        if document.cell(p, c) is None
    )
    tip = model.cell_index(*empty).data(Qt.ItemDataRole.ToolTipRole)
    # ... with the keys that set the scores, which nothing else near a first cell names.
    assert "Unassessed: type 1–5 for its likelihood and Ctrl+1–5 for its impact" in tip
    assert "Not assessed" in _heat_tip(heat, *empty)
