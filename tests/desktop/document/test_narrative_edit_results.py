"""Narrative edits (rationales, descriptions, summary…) move no score: they are stamped with
the results the window holds, which stand, and the stamps are those of stamp_text."""

from __future__ import annotations

import json

import numpy as np
import pytest
from desktop_documents import make_document

import desktop.document.controller as controller_module
import rrisk.scoring
from desktop.document.controller import DocumentController
from desktop.document.review_tally import ReviewTally
from desktop.results.ranking_model import RankingModel
from rrisk.model import assessment_to_data
from rrisk.narrative import stamp_text
from rrisk.scoring import score
from rrisk.templates import new_from_template

TEXTS = ["Plain reasons", "Cites {{index:leader}} and {{rank:p1}}", "{{count:ranked}} ranked"]


def _snapshot(controller: DocumentController) -> str:
    return json.dumps(assessment_to_data(controller.document))


def _one_by_one(controller: DocumentController, before: dict, keys: list[str]) -> dict:
    """The stamps stamp_text gives each text in turn, against the baseline's results."""
    document = controller.document.model_copy(update={"narrative_stamps": dict(before)})
    result = score(document)
    for key in keys:
        stamp_text(document, key, result)
    return document.narrative_stamps


class _Watched:
    """A controller whose scoring calls and ranking resets are counted."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, controller: DocumentController) -> None:
        self.controller = controller
        self.ranking = RankingModel(controller)
        self.result = controller.result
        self.scored = 0
        self.matrices_scored = 0
        self.resets = 0

        def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - a spy
            self.scored += 1
            return score(*args, **kwargs)

        monkeypatch.setattr(controller_module, "score", counted)
        score_matrix = rrisk.scoring.score_matrix

        def matrix_scored(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - a spy
            self.matrices_scored += 1
            return score_matrix(*args, **kwargs)

        monkeypatch.setattr(rrisk.scoring, "score_matrix", matrix_scored)
        self.ranking.modelAboutToBeReset.connect(self._reset)

    def _reset(self) -> None:
        self.resets += 1

    def assert_results_stand(self, baseline_scored: int = 0) -> None:
        """No rescore and no new ranking; ``baseline_scored``: the baseline's results scored
        for the stamps (under a scenario, the window holds the scenario's)."""
        controller = self.controller
        assert self.scored == self.matrices_scored == baseline_scored
        assert self.resets == 0
        assert controller.result is self.result
        np.testing.assert_array_equal(
            controller.result.index, score(controller.document, controller.scenario_id).index
        )
        self.scored = self.matrices_scored = 0  # the check's own scoring just now


@pytest.mark.parametrize("scenario", [None, "eased"])
@pytest.mark.parametrize("text", TEXTS)
def test_rationale_on_many_cells_stamps_as_one_by_one_and_undoes_in_one_step(
    qtbot, monkeypatch, scenario, text
):
    controller = DocumentController(make_document(6, 5))
    controller.set_scenario(scenario)
    keys = [
        (p.id, c.id) for p in controller.document.projects for c in controller.document.criteria
    ]
    before, stamps_before = _snapshot(controller), dict(controller.document.narrative_stamps)
    watched = _Watched(monkeypatch, controller)
    counts = controller.review_counts
    assert controller.edit_cells(keys[1:], {"rationale": text})
    assert controller.review_counts == counts == ReviewTally().counts(controller.document)
    written = [f"cell:{p}:{c}" for p, c in keys[1:]]
    watched.assert_results_stand(baseline_scored=0 if scenario is None else 1)
    monkeypatch.undo()
    # Under a scenario too, the stamps hold the baseline's results.
    assert controller.document.narrative_stamps == _one_by_one(controller, stamps_before, written)
    assert controller.undo_stack.count() == 1
    assert controller.undo_stack.undoText() == "Edit rationale of 29 cells"
    assert controller.undo()
    assert _snapshot(controller) == before


def test_one_rationale_edit_neither_rescores_nor_rebuilds_the_ranking(qtbot, monkeypatch):
    controller = DocumentController(make_document(6, 5))
    stamps_before = dict(controller.document.narrative_stamps)
    before = _snapshot(controller)
    watched = _Watched(monkeypatch, controller)
    assert controller.edit_cell("p2", "c1", {"rationale": "Leads: {{name:leader}}"})
    watched.assert_results_stand()
    assert controller.undo_stack.undoText() == "Edit rationale of Project 2 / Criterion 1"
    assert controller.undo()
    assert controller.redo()
    watched.assert_results_stand()
    monkeypatch.undo()
    expected = _one_by_one(controller, stamps_before, ["cell:p2:c1"])
    assert controller.document.narrative_stamps == expected
    assert controller.undo()
    assert _snapshot(controller) == before


def test_a_score_edit_still_rescores(qtbot, monkeypatch):
    controller = DocumentController(make_document(6, 5))
    result = controller.result
    assert controller.edit_cell("p2", "c1", {"likelihood": 5, "impact": 5, "rationale": "Worse"})
    assert controller.result is not result
    np.testing.assert_array_equal(controller.result.index, score(controller.document).index)


def test_summary_and_description_edits_keep_the_results(qtbot, monkeypatch):
    controller = DocumentController(new_from_template("russia-rare-earths"))
    project = controller.document.projects[1].id
    stamps_before = dict(controller.document.narrative_stamps)
    before = _snapshot(controller)
    watched = _Watched(monkeypatch, controller)
    assert controller.edit_assessment({"summary": "{{leader}} leads {{count:ranked}} projects"})
    assert controller.edit_item("project", project, {"description": "Now {{rank:leader}}"})
    watched.assert_results_stand()
    monkeypatch.undo()
    expected = _one_by_one(controller, stamps_before, ["summary", f"project:{project}"])
    assert controller.document.narrative_stamps == expected
    assert controller.undo() and controller.undo()
    assert _snapshot(controller) == before
