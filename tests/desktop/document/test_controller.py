"""The document controller: validated edits, exact undo/redo, cascading removals."""

from __future__ import annotations

import json

from desktop_documents import make_document

from desktop.document.controller import DocumentController
from rrisk.model import Project, assessment_to_data


def _snapshot(controller: DocumentController) -> str:
    # JSON text keeps key order, so "exactly" includes the order of cells and items.
    return json.dumps(assessment_to_data(controller.document))


def test_cell_edit_is_one_undo_step_and_rescores(qtbot):
    controller = DocumentController(make_document())
    before = _snapshot(controller)
    index_before = controller.result.index[0]
    with qtbot.waitSignals(
        [controller.cellsChanged, controller.documentChanged, controller.resultChanged]
    ):
        assert controller.edit_cell("p0", "c1", {"likelihood": 5, "impact": 5})
    assert controller.document.cell("p0", "c1").risk == 25
    assert controller.result.index[0] > index_before
    assert controller.undo_stack.count() == 1
    assert controller.is_modified
    controller.undo_stack.undo()
    assert _snapshot(controller) == before
    assert not controller.is_modified


def test_invalid_edits_are_refused_without_changes(qtbot):
    controller = DocumentController(make_document())
    before = _snapshot(controller)
    messages: list[str] = []
    controller.errorOccurred.connect(messages.append)
    assert not controller.edit_cell("p0", "c0", {"likelihood": 7})
    assert not controller.edit_cell("p0", "c0", {"likelihood_low": 5, "likelihood": 2})
    assert not controller.edit_cell("p0", "c0", {"evidence": [{"source": "nope"}]})
    assert not controller.edit_cell("p0", "zz", {"likelihood": 1})
    assert not controller.edit_item("criterion", "c1", {"weight": -1})
    assert not controller.edit_item("criterion", "c1", {"id": "other"})
    assert not controller.edit_assessment({"as_of": "yesterday"})
    assert not controller.add_item("project", {"id": "p0", "name": "Duplicate"})
    assert not controller.remove_item("source", "missing")
    assert len(messages) == 9
    assert "outside 1–5" in messages[0]
    assert "Project 0 / Criterion 0" in messages[0]
    assert "low 5 is above" in messages[1]
    assert "already used" in messages[7]
    assert _snapshot(controller) == before
    assert controller.undo_stack.count() == 0


def test_multi_cell_edit_is_one_step(qtbot):
    controller = DocumentController(make_document())
    before = _snapshot(controller)
    keys = [("p0", "c0"), ("p1", "c1"), ("p0", "c3")]
    assert controller.edit_cells(keys, {"status": "reviewed", "red_line": True})
    assert controller.undo_stack.count() == 1
    assert all(controller.document.cell(p, c).red_line for p, c in keys)
    assert controller.result.excluded[0] and controller.result.excluded[1]
    controller.undo_stack.undo()
    assert _snapshot(controller) == before


def test_a_cell_without_scores_is_not_marked_reviewed(qtbot):
    """A review vouches for a cell's scores: an unassessed cell has none, so marking it
    reviewed is refused, and in a selection it is left as it is and the rest are marked."""
    controller = DocumentController(make_document())
    refused: list[str] = []
    noticed: list[str] = []
    controller.errorOccurred.connect(refused.append)
    controller.noticed.connect(noticed.append)
    assert controller.document.cell("p1", "c3") is None
    assert controller.edit_cell("p0", "c2", {"likelihood": None})  # one score: not assessed
    steps = controller.undo_stack.count()
    assert not controller.edit_cell("p1", "c3", {"status": "reviewed"})
    assert not controller.edit_cells([("p1", "c3"), ("p0", "c2")], {"status": "reviewed"})
    assert refused == [
        "Project 1 / Criterion 3 has no likelihood or impact yet: score it before marking it "
        "reviewed",
        "None of the 2 cells has both likelihood and impact set: nothing to mark reviewed",
    ]
    assert controller.document.cell("p1", "c3") is None
    assert controller.undo_stack.count() == steps
    keys = [("p0", "c0"), ("p1", "c3"), ("p0", "c2"), ("p1", "c2")]
    assert controller.edit_cells(keys, {"status": "reviewed"})
    assert controller.undo_stack.count() == steps + 1
    assert controller.document.cell("p1", "c3") is None
    assert controller.document.cell("p0", "c2").status == "draft"
    assert [controller.document.cell(*key).status for key in (keys[0], keys[3])] == [
        "reviewed",
        "reviewed",
    ]
    assert noticed[-1] == (
        "2 cells marked reviewed; 2 without both likelihood and impact left as they were "
        "(nothing to review)"
    )
    # Marked again with a cell reviewed already: that one is not counted as marked, and a
    # selection whose scored cells all were reviewed adds no step and says so.
    controller.undo()
    assert controller.edit_cells(keys + [("p0", "c1")], {"status": "reviewed"})
    assert noticed[-1] == (
        "2 cells marked reviewed (1 already was); 2 without both likelihood and impact left "
        "as they were (nothing to review)"
    )
    assert controller.edit_cells(keys, {"status": "reviewed"})
    assert controller.undo_stack.count() == steps + 1
    assert noticed[-1] == (
        "0 cells marked reviewed (2 already were); 2 without both likelihood and impact left "
        "as they were (nothing to review)"
    )


def test_marking_reviewed_a_cell_with_one_score_names_the_score_it_lacks(qtbot):
    """A cell with an impact and no likelihood was said to have "no likelihood and impact";
    under a scenario that scores it, the refusal says the baseline lacks it (review status is
    the baseline's)."""
    controller = DocumentController(make_document())
    refused: list[str] = []
    controller.errorOccurred.connect(refused.append)
    assert controller.edit_cell("p0", "c2", {"likelihood": None})
    assert not controller.edit_cell("p0", "c2", {"status": "reviewed"})
    assert refused[-1] == (
        "Project 0 / Criterion 2 has no likelihood yet: score it before marking it reviewed"
    )
    scenario = controller.document.scenarios[0].id
    controller.set_scenario(scenario)
    assert controller.edit_cells([("p0", "c2")], {"likelihood": 3})
    assert not controller.edit_cell("p0", "c2", {"status": "reviewed"})
    assert refused[-1] == (
        "Project 0 / Criterion 2 has no likelihood in the baseline yet: score it there before "
        "marking it reviewed"
    )


def test_removals_cascade_and_undo_restores_everything_exactly(qtbot):
    controller = DocumentController(make_document())
    before = _snapshot(controller)
    assert controller.remove_item("criterion", "c0")
    doc = controller.document
    assert all("c0" not in row for row in doc.cells.values())
    assert "c0" not in doc.scenarios[0].weight_overrides
    assert doc.scenarios[0].cell_overrides == []
    assert controller.remove_item("project", "p1")
    assert "p1" not in controller.document.cells
    assert controller.remove_item("source", "s0")
    assert all(
        link.source != "s0"
        for _p, _c, cell in controller.document.iter_cells()
        for link in cell.evidence
    )
    after = _snapshot(controller)
    while controller.undo_stack.canUndo():
        controller.undo_stack.undo()
    assert _snapshot(controller) == before
    while controller.undo_stack.canRedo():
        controller.undo_stack.redo()
    assert _snapshot(controller) == after


def test_items_metadata_and_moves(qtbot):
    controller = DocumentController(make_document())
    before = _snapshot(controller)
    assert controller.add_item("project", Project(id="tomtor", name="Tomtor"), index=0)
    assert controller.document.projects[0].id == "tomtor"
    assert controller.add_item("criterion", {"name": "Logistics"})
    assert controller.document.criteria[-1].id == "logistics"
    assert controller.edit_item(
        "criterion",
        "c1",
        {"weight": 3.5, "red_line_rule": {"threshold": 16, "reason": "Too risky"}},
    )
    assert controller.document.criterion("c1").red_line_rule.threshold == 16
    assert controller.edit_item("scenario", "eased", {"weight_overrides": {"c2": 0}})
    assert not controller.edit_item("scenario", "eased", {"weight_overrides": {"zz": 1}})
    assert controller.edit_assessment({"title": "Renamed", "as_of": "2025-06-30"})
    assert controller.move_item("project", "tomtor", 3)
    assert [p.id for p in controller.document.projects][3] == "tomtor"
    assert controller.clear_cells([("p0", "c0"), ("p0", "c1")])
    assert controller.document.cell("p0", "c0") is None
    while controller.undo_stack.canUndo():
        controller.undo_stack.undo()
    assert _snapshot(controller) == before


def test_new_ids_are_unique_slugs(qtbot):
    controller = DocumentController(make_document())
    assert controller.new_id("project", "Tomtor JV") == "tomtor-jv"
    assert controller.new_id("project", "Project 0") == "project-0"
    assert controller.add_item("project", {"id": "tomtor-jv", "name": "Tomtor JV"})
    assert controller.new_id("project", "Tomtor JV") == "tomtor-jv-2"
    assert controller.new_id("source", "Коммерсант") == "kommersant"  # transliterated
    assert controller.new_id("source", "★ ★") == "source"  # nothing to read: the kind
    # A dash between words is one hyphen, as a space is (it made "sanctions-eased----phase-2").
    assert controller.new_id("scenario", "Sanctions eased — phase 2") == "sanctions-eased-phase-2"
    assert controller.new_id("project", "Lovozero - JV") == "lovozero-jv"
    assert controller.new_id("project", "x" * 55 + " JV") == "x" * 55  # no hyphen left at the end


def test_an_id_made_from_a_long_title_ends_at_a_word(qtbot):
    """A long title's id ends at the last hyphen near the limit (it was cut in a word:
    '…-cobalt-brut-pou'), stays unique and within the limit; a word longer than the room
    left is cut, and an item the file holds keeps its id."""
    from desktop.document.edit_rules import SLUG_LENGTH

    controller = DocumentController(make_document())
    title = "Rapport sur la chaîne d'approvisionnement du cobalt brut pour les batteries"
    made = controller.new_id("source", title)
    assert made == "rapport-sur-la-chaine-dapprovisionnement-du-cobalt-brut"
    assert controller.add_item("source", {"id": made, "title": title})
    assert controller.new_id("source", title) == made + "-2"
    assert len(controller.new_id("source", "a" * 30 + " " + "b" * 40)) == SLUG_LENGTH
    # Saved with an id cut in a word, a source keeps it when retitled.
    assert controller.add_item("source", {"id": "rapport-cobalt-brut-pou", "title": title + "."})
    controller.undo_stack.setClean()
    assert controller.edit_item("source", "rapport-cobalt-brut-pou", {"title": "Rapport 2024"})
    assert controller.document.sources[-1].id == "rapport-cobalt-brut-pou"


def test_new_ids_are_never_words_of_the_fields(qtbot):
    """``{{index:leader}}`` is the first-ranked project and ``@baseline`` the baseline: a
    project named "Leader" got the id leader, and Insert field offered it the leader's figure."""
    controller = DocumentController(make_document())
    assert controller.add_item("project", {"name": "Leader"})
    assert controller.add_item("scenario", {"name": "Baseline ✓"})
    assert controller.document.projects[-1].id == "leader-2"
    assert controller.document.scenarios[-1].id == "baseline-2"
    assert controller.add_item("project", {"name": "Leaders"})
    assert controller.edit_item("project", "leaders", {"name": "LEADER."})  # a new item's id
    assert controller.document.projects[-1].id == "leader-3"  # follows its name, not to leader
    assert controller.new_id("criterion", "Leader") == "leader"  # no field's word there


def test_a_new_project_never_takes_the_key_of_a_rationales_cell_scores(qtbot):
    """A project named "0.cell" got the id under which a rationale's stamp keeps its cell's
    scores: its rationales' stamps lost its own result (index and rank) under them."""
    controller = DocumentController(make_document())
    assert controller.add_item("project", {"name": "0.cell"})
    project_id = controller.document.projects[-1].id
    assert project_id == "0.cell-2"
    criterion_id = controller.document.criteria[0].id
    assert controller.edit_cell(project_id, criterion_id, {"likelihood": 3, "impact": 4})
    assert controller.edit_cell(project_id, criterion_id, {"rationale": "Thin seams."})
    results = controller.document.narrative_stamps[f"cell:{project_id}:{criterion_id}"].results
    assert results["0.cell"] == (None, 1340000)
    assert results[project_id][0] is not None  # its index, beside the scores


def test_scenario_and_selection_signals(qtbot):
    controller = DocumentController(make_document())
    assert controller.result.matrix.weights[0] == 1.0
    with qtbot.waitSignal(controller.scenarioChanged) as blocker:
        controller.set_scenario("eased")
    assert blocker.args == ["eased"]
    assert controller.result.matrix.weights[0] == 0.5
    assert controller.result.scenario == "Sanctions eased"
    with qtbot.waitSignal(controller.errorOccurred):
        controller.set_scenario("unknown")
    assert controller.scenario_id == "eased"
    with qtbot.waitSignal(controller.selectionChanged) as blocker:
        controller.select("p1", "c2")
    assert blocker.args == ["p1", "c2"]
    # Removing the selected project clears it from the selection; removing the
    # active scenario returns to the baseline.
    with qtbot.waitSignal(controller.scenarioChanged) as blocker:
        controller.remove_item("scenario", "eased")
    assert blocker.args == [None]
    controller.remove_item("project", "p1")
    assert controller.selection == (None, "c2")


def test_the_shown_scenario_stays_shown_when_renamed_and_through_undo(qtbot):
    controller = DocumentController(make_document())
    name = "Ceasefire holds"
    new_id = controller.new_id("scenario", name)
    assert controller.add_item("scenario", {"id": new_id, "name": name})
    controller.set_scenario(new_id)
    # A new scenario's id follows its name: the view follows the id, never back to baseline.
    assert controller.edit_item("scenario", new_id, {"name": "Ceasefire collapses"})
    renamed = controller.document.scenarios[-1].id
    assert renamed != new_id
    assert controller.scenario_id == renamed
    assert controller.result.scenario == "Ceasefire collapses"
    controller.undo_stack.undo()
    assert controller.scenario_id == new_id
    controller.undo_stack.redo()
    assert controller.scenario_id == renamed
    # Removing it still returns to the baseline.
    assert controller.remove_item("scenario", renamed)
    assert controller.scenario_id is None


def test_the_selected_cell_stays_on_a_new_project_or_criterion_renamed_and_undone(qtbot):
    """A new item's id follows its name: the selection follows the id through undo and redo
    (the next digit typed must score the item the user was working on)."""
    controller = DocumentController(make_document())
    for kind, name in (("project", "New project"), ("criterion", "New criterion")):
        new_id = controller.new_id(kind, name)
        assert controller.add_item(kind, {"id": new_id, "name": name})
    project, criterion = controller.document.projects[-1].id, controller.document.criteria[-1].id
    controller.select(project, criterion)
    assert controller.edit_item("project", project, {"name": "Delta Works"})
    assert controller.edit_item("criterion", criterion, {"name": "Water"})
    renamed = (controller.document.projects[-1].id, controller.document.criteria[-1].id)
    assert renamed == ("delta-works", "water") and controller.selection == renamed
    controller.undo_stack.undo()
    assert controller.selection == ("delta-works", criterion)
    controller.undo_stack.undo()
    assert controller.selection == (project, criterion)
    controller.undo_stack.redo()
    controller.undo_stack.redo()
    assert controller.selection == renamed
    # Removed, not renamed: the selection lets go of it.
    assert controller.remove_item("project", "delta-works")
    assert controller.selection == (None, "water")


def test_a_scenario_name_that_another_has_or_baseline_is_refused(qtbot):
    controller = DocumentController(make_document())
    taken = controller.document.scenarios[0].name
    with qtbot.waitSignal(controller.errorOccurred) as blocker:
        assert not controller.add_item("scenario", {"id": "again", "name": taken.upper()})
    assert "already the name of scenario" in blocker.args[0]
    assert not controller.add_item("scenario", {"id": "base", "name": "Baseline"})
    assert controller.add_item("scenario", {"id": "other", "name": "Other"})
    assert not controller.edit_item("scenario", "other", {"name": taken})
    assert [s.name for s in controller.document.scenarios][-1] == "Other"


def test_set_document_resets_history_and_state(qtbot):
    controller = DocumentController(make_document())
    controller.edit_cell("p0", "c0", {"likelihood": 2})
    controller.set_scenario("eased")
    with qtbot.waitSignals([controller.documentReplaced, controller.scenarioChanged]):
        controller.set_document(make_document(2, 2), "/tmp/other.rrisk")
    assert controller.undo_stack.count() == 0
    assert not controller.is_modified
    assert controller.scenario_id is None
    assert controller.result.risk.shape == (2, 2)
    assert str(controller.path) == "/tmp/other.rrisk"


def test_removing_a_screened_project_drops_its_decisions_and_undo_brings_them_back(qtbot):
    from rrisk.model import parse_assessment
    from rrisk.templates import new_from_template

    controller = DocumentController(new_from_template("russia-rare-earths"))
    screening = controller.document.screening
    decided = {d.project for d in screening.decisions}
    assert "tomtor" in decided
    kept = [d for d in screening.decisions if d.project != "tomtor"]
    assert controller.remove_item("project", "tomtor")
    assert controller.document.screening.decisions == kept
    # The document still validates, so it can be saved.
    parse_assessment(assessment_to_data(controller.document))
    controller.undo_stack.undo()
    assert controller.document.screening == screening


def test_removing_an_item_drops_its_texts_stamps_and_undo_brings_them_back(qtbot):
    from rrisk.narrative import stale_texts
    from rrisk.templates import new_from_template

    controller = DocumentController(new_from_template("russia-rare-earths"))
    stamps = dict(controller.document.narrative_stamps)
    assert "project:tomtor" in stamps and "cell:tomtor:extraction-cost" in stamps
    assert controller.remove_item("project", "tomtor")
    assert not [k for k in controller.document.narrative_stamps if k.split(":")[1:2] == ["tomtor"]]
    assert "summary" in controller.document.narrative_stamps
    assert controller.remove_item("criterion", "extraction-cost")
    left = controller.document.narrative_stamps
    assert not [k for k in left if k.startswith("cell:") and k.endswith(":extraction-cost")]
    # A new project of the same id takes no stamp of the removed one's texts (it did, so its
    # description typed outside the app read as written before results changed).
    assert controller.add_item("project", {"name": "Tomtor", "description": "New."})
    assert "project:tomtor" not in controller.document.narrative_stamps
    assert not [s for s in stale_texts(controller.document) if s.key == "project:tomtor"]
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert controller.document.narrative_stamps == stamps


def test_a_score_outside_its_range_widens_the_range_and_a_review_goes_back_to_draft(qtbot):
    from rrisk.templates import new_from_template

    controller = DocumentController(new_from_template("russia-rare-earths"))
    cell = controller.document.cell("tomtor", "extraction-cost")
    assert (cell.likelihood_low, cell.likelihood_high, cell.status) == (3, 5, "reviewed")
    assert controller.edit_cell("tomtor", "extraction-cost", {"likelihood": 1})
    cell = controller.document.cell("tomtor", "extraction-cost")
    assert (cell.likelihood, cell.likelihood_low, cell.likelihood_high) == (1, 1, 5)
    assert cell.status == "draft"
    controller.undo_stack.undo()  # one step restores score, range and status
    cell = controller.document.cell("tomtor", "extraction-cost")
    assert (cell.likelihood, cell.likelihood_low, cell.likelihood_high) == (4, 3, 5)
    assert cell.status == "reviewed"
    # Several cells at once: each range widens around its own bounds.
    keys = [("tomtor", "extraction-cost"), ("seligdar", "extraction-cost")]
    assert controller.edit_cells(keys, {"likelihood": 5})
    assert controller.document.cell("tomtor", "extraction-cost").likelihood == 5
    # A range typed by the user that excludes the score is refused, nothing changes.
    before = controller.document.cell("tomtor", "extraction-cost")
    refused = controller.edit_cell(
        "tomtor", "extraction-cost", {"likelihood_low": 1, "likelihood_high": 2}
    )
    assert not refused
    assert controller.document.cell("tomtor", "extraction-cost") == before
    # An edit that leaves the values as they are keeps the review.
    assert controller.edit_cell("pikalevo-gallium", "sanctions", {"status": "reviewed"})
    value = controller.document.cell("pikalevo-gallium", "sanctions").impact
    assert controller.edit_cell("pikalevo-gallium", "sanctions", {"impact": value})
    assert controller.document.cell("pikalevo-gallium", "sanctions").status == "reviewed"


def test_a_score_given_to_a_cell_held_as_unassessed_makes_it_draft(qtbot):
    """A file or a table may hold a cell as unassessed with a rationale ("awaiting the
    survey"): scored in the app, it is draft, as a matrix import makes it (it stayed
    unassessed, so the inspector said Unassessed beside L3 × I4, and the export wrote it)."""
    from rrisk.model import parse_assessment

    held = {"status": "unassessed", "rationale": "Awaiting the survey"}
    controller = DocumentController(
        parse_assessment(
            {
                "title": "Held",
                "criteria": [{"id": "c", "name": "C"}],
                "projects": [{"id": "p", "name": "P"}, {"id": "q", "name": "Q"}],
                "cells": {"p": {"c": dict(held)}, "q": {"c": dict(held)}},
            }
        )
    )
    assert controller.edit_cell("p", "c", {"likelihood": 3})
    assert controller.document.cell("p", "c").status == "draft"
    controller.undo_stack.undo()  # one step: score and status go back together
    assert controller.document.cell("p", "c").status == "unassessed"
    assert controller.paste_scores({("p", "c"): (3, 4), ("q", "c"): (2, 2)})
    assert {controller.document.cell(p, "c").status for p in "pq"} == {"draft"}
    controller.undo_stack.undo()
    # A status chosen with the score stands; a rationale alone leaves it unassessed.
    assert controller.edit_cell("p", "c", {"likelihood": 3, "status": "unassessed"})
    assert controller.document.cell("p", "c").status == "unassessed"
    assert controller.edit_cell("q", "c", {"rationale": "Survey due in May"})
    assert controller.document.cell("q", "c").status == "unassessed"


def test_a_scenario_that_came_with_a_shared_name_can_still_be_edited(qtbot):
    document = make_document()
    taken = document.scenarios[0].name
    from rrisk.model import Scenario

    document.scenarios.append(Scenario(id="twin", name=taken.lower()))  # as an older file has
    controller = DocumentController(document)
    assert controller.edit_item("scenario", "twin", {"description": "kept apart"})
    assert not controller.edit_item("scenario", "twin", {"name": taken.upper()})
    assert controller.edit_item("scenario", "twin", {"name": "Twin"})


def test_items_of_the_opened_or_saved_document_keep_their_ids_when_renamed(qtbot):
    from rrisk.compare import compare
    from rrisk.templates import new_from_template

    opened = new_from_template("russia-rare-earths")
    controller = DocumentController(opened.model_copy(deep=True))
    scenario = controller.document.scenarios[0]
    source = controller.document.sources[-1]
    assert controller.edit_item("scenario", scenario.id, {"name": "Sanctions eased in 2026"})
    assert controller.edit_item("source", source.id, {"title": "Another title"})
    assert controller.document.scenarios[0].id == scenario.id
    assert controller.document.sources[-1].id == source.id
    # What the diff sees is a rename, not a removal and an addition.
    changes = compare(opened, controller.document).changes
    assert {(c.kind, c.action) for c in changes} == {("scenario", "renamed"), ("source", "renamed")}
    assert not [c for c in changes if c.action in ("added", "removed")]
    # A new item's id follows its name until the document is saved.
    assert controller.add_item("scenario", {"name": "New scenario"})
    assert controller.edit_item("scenario", "new-scenario", {"name": "Rate shock"})
    assert [s.id for s in controller.document.scenarios][-1] == "rate-shock"
    controller.mark_saved()
    assert controller.edit_item("scenario", "rate-shock", {"name": "Rate shock 2026"})
    assert [s.id for s in controller.document.scenarios][-1] == "rate-shock"


def test_a_weight_edit_rescores_without_reading_every_cell_again(qtbot, monkeypatch):
    """A criteria edit that changed weights alone puts them on the previous arrays; its undo
    and redo too. The ranking equals a full score at every step; a rename compiles afresh.
    (Under a scenario a weight edit is the scenario's, which compiles afresh.)"""
    import numpy as np

    from rrisk import scoring

    controller = DocumentController(make_document(4, 3))
    assert controller.result is not None
    compiled: list[int] = []
    real = scoring.compile_matrix
    monkeypatch.setattr(
        scoring, "compile_matrix", lambda *a, **k: compiled.append(1) or real(*a, **k)
    )

    def ranking_is_fresh() -> None:
        fresh = scoring.score(controller.document)
        np.testing.assert_array_equal(controller.result.index, fresh.index)
        np.testing.assert_array_equal(controller.result.rank, fresh.rank)

    assert controller.edit_item("criterion", "c0", {"weight": 4.0})
    ranking_is_fresh()
    assert controller.result.matrix.weights[0] == 4.0
    controller.undo_stack.undo()
    ranking_is_fresh()
    controller.undo_stack.redo()
    ranking_is_fresh()
    assert compiled == [1, 1, 1]  # the fresh scores above, none for the edits
    assert controller.edit_item("criterion", "c0", {"name": "Renamed"})
    ranking_is_fresh()
    assert compiled == [1, 1, 1, 1, 1]
    assert controller.result.matrix.criterion_names[0] == "Renamed"


def test_a_refused_edit_names_the_item_and_the_field_in_words(qtbot):
    """The item by its name and the field as the forms name it, the field's name said once;
    never the file's field names or ids."""
    controller = DocumentController(make_document(2, 2))
    said: list[str] = []
    controller.errorOccurred.connect(said.append)
    criterion = controller.document.criteria[0]
    source = controller.document.sources[0]
    assert not controller.edit_item("criterion", criterion.id, {"weight": 0.0000001})
    assert not controller.edit_item("source", source.id, {"date": "2024/05"})
    assert not controller.edit_assessment({"as_of": "05/03/2024"})
    assert not controller.edit_item(
        "project", "p0", {"counterparties": [f"Partner {n}" for n in range(200)]}
    )
    assert said == [
        f"Criterion “{criterion.name}”: Weight: 0.0000001 is below the smallest, 0.000001 "
        "(0 leaves the criterion out)",
        f"Source “{source.title}”: Date: '2024/05' is not YYYY, YYYY-MM or YYYY-MM-DD",
        "As-of date: '05/03/2024' is not YYYY-MM-DD",
        "Project “Project 0”: Counterparties: at most 50 entries, not 200",
    ]


def test_a_grouped_edit_refused_halfway_keeps_redo_and_the_saved_point(qtbot):
    controller = DocumentController(make_document())
    override = {"project": "p0", "criterion": "c0", "likelihood": 1, "red_line": True}
    assert controller.edit_item("scenario", "eased", {"cell_overrides": [override]})
    assert controller.edit_cell("p1", "c1", {"likelihood": 5})
    controller.mark_saved()
    saved = _snapshot(controller)
    controller.undo()
    undone = _snapshot(controller)
    controller.set_scenario("eased")
    # The scenario sets this cell's red line, so its reason goes to the override (in one step
    # with the baseline's part): too long, it is refused.
    assert not controller.edit_cells([("p0", "c0"), ("p1", "c0")], {"red_line_reason": "x" * 501})
    assert _snapshot(controller) == undone
    assert controller.undo_stack.canRedo()
    assert controller.redo()
    assert _snapshot(controller) == saved
    assert not controller.is_modified


def test_a_grouped_edit_that_changes_nothing_adds_no_step(qtbot):
    controller = DocumentController(make_document())
    controller.set_scenario("eased")
    # The override's score and the cell's own rationale, as they are.
    assert controller.edit_cells([("p0", "c0")], {"likelihood": 1, "rationale": "Why p0 on c0"})
    # The scenario's weight and the criterion's name, as they are.
    assert controller.edit_item("criterion", "c0", {"weight": 0.5, "name": "Criterion 0"})
    assert controller.undo_stack.count() == 0
    assert not controller.is_modified


def test_the_review_counts_follow_every_edit_and_undo_cell_by_cell(qtbot, monkeypatch):
    """The status bar's reviewed and draft counts agree with the core's after each edit, undo
    and redo, and an edit of cells recounts only those cells (a 2,000 × 40 document has
    80,000), while a scenario (which holds no review status) changes nothing."""
    from desktop.document import review_tally
    from rrisk.scoring import review_counts

    controller = DocumentController(make_document(projects=4, criteria=5))

    def agree() -> tuple[int, int]:
        counts = review_counts(controller.document)
        assert controller.review_counts == (counts.reviewed, counts.draft)
        return controller.review_counts

    start = agree()
    sorted_rows: list[int] = []
    sort = review_tally.ReviewTally._sort

    def counting(self, project_id, row, criterion_ids):  # noqa: ANN001, ANN202
        sorted_rows.append(len(criterion_ids))
        return sort(self, project_id, row, criterion_ids)

    monkeypatch.setattr(review_tally.ReviewTally, "_sort", counting)
    assert controller.document.cell("p0", "c1").status == "reviewed"
    assert controller.edit_cell("p0", "c1", {"likelihood": 5})  # back to draft
    assert agree() == (start[0] - 1, start[1] + 1)
    assert controller.edit_cells([("p0", "c0"), ("p1", "c0")], {"status": "reviewed"})
    assert agree() == (start[0] + 1, start[1] - 1)
    assert controller.paste_scores({("p3", "c1"): (2, 2)})  # unassessed (3 + 1 = 4): scored
    assert agree() == (start[0] + 1, start[1])
    assert controller.clear_cells([("p1", "c1")])  # a reviewed cell cleared
    assert agree() == (start[0], start[1])
    assert sorted_rows == [1, 1, 1, 1]  # the edited cells one by one (a cleared one gone)
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert agree() == (start[0] + 1, start[1] - 1)
    controller.undo_stack.redo()
    assert agree() == (start[0] + 1, start[1])
    controller.set_scenario("eased")
    assert agree() == (start[0] + 1, start[1])
    assert set(sorted_rows) == {1}  # never a recount of every row
    controller.set_scenario(None)
    assert controller.remove_item("project", "p0")  # counted again, in full
    agree()
    assert 5 in sorted_rows
    controller.undo_stack.undo()
    assert agree() == (start[0] + 1, start[1])
    controller.set_document(make_document(projects=2, criteria=2))
    agree()


def test_edits_under_a_scenario_rescore_the_edited_cells_only(qtbot, monkeypatch):
    """Scores, red lines and cleared overrides typed under a scenario, undone and redone in a
    random order: each step patches the cells it changed, and the ranking equals a full score
    of the scenario at every step. The views are told which cells changed."""
    import random

    import numpy as np

    from rrisk import scoring

    controller = DocumentController(make_document(5, 4))
    controller.set_scenario("eased")
    assert controller.result is not None
    compiled: list[int] = []
    real = scoring.compile_matrix
    monkeypatch.setattr(
        scoring, "compile_matrix", lambda *a, **k: compiled.append(1) or real(*a, **k)
    )
    told: list[list] = []
    controller.cellsChanged.connect(told.append)

    def ranking_is_fresh() -> None:
        fresh = scoring.score(controller.document, "eased")
        for name in ("index", "risk", "rank", "excluded", "red_line", "coverage"):
            np.testing.assert_array_equal(
                getattr(controller.result, name), getattr(fresh, name), err_msg=name
            )
        assert controller.result.red_lines == fresh.red_lines

    pick = random.Random(7)
    keys = [(f"p{i}", f"c{j}") for i in range(5) for j in range(4)]
    for _step in range(40):
        chosen = pick.sample(keys, pick.choice([1, 1, 2, 3]))
        action = pick.random()
        expected = len(compiled) + 1  # the fresh score below
        if action < 0.45:
            changes = {pick.choice(["likelihood", "impact"]): pick.randint(1, 5)}
            done = controller.edit_cells(chosen, changes)
        elif action < 0.6:
            red = pick.choice([True, False])
            done = controller.edit_scenario_scores(
                chosen, {"red_line": red, **({"red_line_reason": "Embargo"} if red else {})}
            )
        elif action < 0.7:
            done = controller.clear_cells(chosen)
        elif action < 0.85:
            done = controller.undo()
        else:
            done = controller.redo()
        if not done:
            continue
        assert controller.scenario_id == "eased"
        ranking_is_fresh()
        assert len(compiled) == expected  # no full read for the edit itself
        assert controller.changed_cells is not None
        assert told and told[-1] == controller.changed_cells


def test_a_scenario_s_overrides_are_found_once_for_each_version_of_it(qtbot):
    """The views ask for the open scenario's overrides several times a step: found once while
    the scenario is the same, found again after an edit of it, its undo and its redo."""
    from desktop.document.scenario_edits import overrides_of

    controller = DocumentController(make_document(3, 3))
    controller.set_scenario("eased")
    document = controller.document
    first = overrides_of(document, "eased")
    assert overrides_of(document, "eased") is first
    assert set(first) == {("p0", "c0")}
    assert controller.edit_cells([("p1", "c2")], {"impact": 5})
    edited = overrides_of(document, "eased")
    assert set(edited) == {("p0", "c0"), ("p1", "c2")}
    assert controller.scenario_override("p1", "c2").impact == 5
    assert controller.undo()
    assert set(overrides_of(document, "eased")) == {("p0", "c0")}
    assert controller.scenario_override("p1", "c2") is None
    assert controller.redo()
    assert controller.scenario_override("p1", "c2").impact == 5
    assert controller.clear_cells([("p0", "c0"), ("p1", "c2")])
    assert overrides_of(document, "eased") == {}


def test_scores_set_under_a_scenario_are_not_checked_again_cell_by_cell(qtbot, monkeypatch):
    """A score set on many cells under a scenario makes their overrides without checking
    again what they held: each equals the override the full check makes, fields given
    included; a score that is no whole number 1–5 is still checked, and refused, in full."""
    from rrisk.model import CellOverride

    controller = DocumentController(make_document(3, 3))
    controller.set_scenario("eased")
    keys = [(f"p{i}", f"c{j}") for i in range(3) for j in range(3)]
    checked: list[object] = []
    real = CellOverride.model_validate.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(
        CellOverride,
        "model_validate",
        classmethod(lambda cls, data, **k: checked.append(data) or real(cls, data, **k)),
    )
    assert controller.edit_cells(keys, {"likelihood": 4})
    assert checked == []
    made = controller.open_scenario.overrides_by_cell()
    for key in keys:
        override = made[key]
        full = real(CellOverride, override.model_dump(exclude_unset=True))
        assert override == full
        assert override.model_fields_set == full.model_fields_set
    assert made[("p0", "c0")].impact == 1  # kept from the override it had
    assert made[("p1", "c1")].model_fields_set == {"project", "criterion", "likelihood"}
    assert controller.edit_cells(keys[:1], {"impact": None})  # p0/c0 set one: it goes
    assert checked == []
    assert made[("p0", "c0")].impact == 1
    assert controller.open_scenario.overrides_by_cell()[("p0", "c0")].impact is None
    messages: list[str] = []
    controller.errorOccurred.connect(messages.append)
    assert not controller.edit_cells(keys[:1], {"likelihood": 6})
    assert checked and "likelihood" in messages[-1]


def test_an_override_edit_hands_its_overrides_to_the_views(qtbot, monkeypatch):
    """The overrides by cell of the scenario an edit makes are the edit's own: neither the
    edit, its undo and redo, nor the views read the scenario's whole list again."""
    from desktop.document.scenario_edits import overrides_of
    from rrisk.model import Scenario

    controller = DocumentController(make_document(3, 3))
    controller.set_scenario("eased")
    assert overrides_of(controller.document, "eased")
    read: list[object] = []
    real = Scenario.overrides_by_cell
    monkeypatch.setattr(Scenario, "overrides_by_cell", lambda s: read.append(s) or real(s))
    assert controller.edit_cells([("p1", "c2"), ("p2", "c1")], {"likelihood": 5})
    assert controller.undo() and controller.redo()
    assert controller.clear_cells([("p0", "c0")])
    assert read == []
    scenario = controller.open_scenario
    assert overrides_of(controller.document, "eased") == real(scenario)
    assert set(real(scenario)) == {("p1", "c2"), ("p2", "c1")}


def test_the_edit_menu_names_an_edit_of_thousands_of_cells_with_its_separator(qtbot):
    """Undo's text gives the cells' count as the status bar does ("Undo Paste 1,500
    cells", beside "Pasting 1,500 cells…"), not "1500" with "1,500" next to it."""
    controller = DocumentController(make_document(projects=50, criteria=30))
    everything = [(f"p{i}", f"c{j}") for i in range(50) for j in range(30)]
    texts = []
    assert controller.paste_scores(dict.fromkeys(everything, (5, 5)))
    texts.append(controller.undo_stack.undoText())
    controller.undo()
    assert controller.edit_cells(everything, {"rationale": "Checked again"})
    texts.append(controller.undo_stack.undoText())
    controller.undo()
    assert controller.clear_cells(everything)
    texts.append(controller.undo_stack.undoText())
    controller.undo()
    controller.set_scenario("eased")
    assert controller.edit_cells(everything, {"impact": 2})
    texts.append(controller.undo_stack.undoText())
    assert controller.clear_cells(everything)
    texts.append(controller.undo_stack.undoText())
    assert texts == [
        "Paste 1,500 cells",
        "Edit rationale of 1,500 cells",
        "Clear 1,200 cells",
        "Edit impact of 1,500 cells in scenario Sanctions eased",
        "Clear 1,500 overrides of scenario Sanctions eased",
    ]
