"""Scenarios are chosen by id or by name: a name shared (in any case) is refused where it is
made, named by `rrisk check`, and never silently resolved to the first of them."""

from __future__ import annotations

import pytest

from rrisk.check import ERROR, WARNING, check_document
from rrisk.errors import ScenarioError
from rrisk.model import CellOverride, Scenario
from rrisk.scoring import find_scenario, score
from rrisk.templates import new_from_template


@pytest.fixture
def document():
    doc = new_from_template("russia-rare-earths")
    assert len(doc.scenarios) >= 2
    return doc


def test_a_shared_name_is_ambiguous_and_an_id_still_chooses(document) -> None:
    first, second = document.scenarios[0], document.scenarios[1]
    second.name = first.name.upper()
    with pytest.raises(ScenarioError) as caught:
        find_scenario(document, first.name.lower())
    assert f"'{first.id}'" in str(caught.value) and f"'{second.id}'" in str(caught.value)
    assert find_scenario(document, second.id) is second
    problems = [p for p in check_document(document) if p.severity == ERROR]
    assert any(p.place == f"scenario '{second.id}'" and first.id in p.message for p in problems)
    message = next(p.message for p in problems if p.place == f"scenario '{second.id}'")
    assert f"scenario '{first.id}' (" in message and "''" not in message, message


@pytest.mark.parametrize("spelling", [" {} ", "{}\t", "{}"])
def test_a_name_is_found_whatever_its_case_and_spacing(document, spelling: str) -> None:
    scenario = document.scenarios[1]
    scenario.name = "China  tightens export controls"
    typed = spelling.format("china tightens   EXPORT controls")
    assert find_scenario(document, typed) is scenario
    assert score(document, find_scenario(document, typed)).scenario == scenario.name


@pytest.mark.parametrize("spelling", [" {} ", "{}\t", "\n{}"])
def test_an_id_is_found_with_spaces_around_it(document, spelling: str) -> None:
    scenario = document.scenarios[1]
    scenario.name = "A name unlike the id"
    assert find_scenario(document, spelling.format(scenario.id)) is scenario


def test_names_that_differ_only_in_spacing_are_ambiguous(document) -> None:
    first, second = document.scenarios[0], document.scenarios[1]
    first.name, second.name = "Sanctions eased", "Sanctions  eased"
    with pytest.raises(ScenarioError, match="ambiguous"):
        find_scenario(document, "sanctions eased")
    assert any(
        p.severity == ERROR and p.place == f"scenario '{second.id}'"
        for p in check_document(document)
    )


def test_an_id_wins_over_another_scenarios_name(document) -> None:
    first, second = document.scenarios[0], document.scenarios[1]
    second.name = first.id  # a name spelled like the other's id
    assert find_scenario(document, first.id) is first
    # The check says so: typed as it reads, that name chose the other scenario, unsaid.
    said = [
        p for p in check_document(document) if p.place == f"scenario '{second.id}' “{second.name}”"
    ]
    assert [(p.severity, p.message) for p in said] == [
        (
            WARNING,
            f"its name is the id of scenario '{first.id}' “{first.name}”, which --scenario "
            f"{first.id} chooses; rename one, or choose this one by its id",
        )
    ]


def test_a_scenario_whose_id_is_baseline_is_told_to_be_chosen_by_name(document) -> None:
    """``--scenario baseline`` and ``@baseline`` are the baseline, whatever a file holds."""
    document.scenarios.append(Scenario(id="baseline", name="Status quo"))
    said = [p for p in check_document(document) if p.place == "scenario 'baseline' “Status quo”"]
    assert [p.message for p in said] == [
        "its id is the word for the baseline, which --scenario baseline and @baseline choose; "
        "choose this one by its name"
    ]
    assert find_scenario(document, "Status quo").id == "baseline"


def test_baseline_is_not_a_scenario_name(document) -> None:
    document.scenarios[0].name = " baseline "
    problems = check_document(document)
    assert any(
        p.severity == ERROR and "Baseline" in p.message and p.target["kind"] == "scenario"
        for p in problems
    )


def test_a_cell_overridden_twice_is_named_by_the_check(document) -> None:
    scenario = document.scenarios[0]
    project, criterion = document.projects[0], document.criteria[0]
    scenario.cell_overrides += [
        CellOverride(project=project.id, criterion=criterion.id, likelihood=1),
        CellOverride(project=project.id, criterion=criterion.id, likelihood=5),
    ]
    problems = [p for p in check_document(document) if "more than once" in p.message]
    assert [p.place for p in problems] == [
        f"scenario '{scenario.id}' “{scenario.name}”, project '{project.id}' “{project.name}”, "
        f"criterion '{criterion.id}' “{criterion.name}”"
    ]
    score(document, scenario)  # still scores: the last override counts, as documented


def test_a_fresh_name_is_fine(document) -> None:
    document.scenarios.append(Scenario(id="ceasefire", name="Ceasefire"))
    assert not [p for p in check_document(document) if p.target.get("id") == "ceasefire"]


@pytest.mark.parametrize(
    ("first", "second"), [("CO2 price high", "CO₂ price high"), ("Phase II", "Phase Ⅱ")]
)
def test_names_alike_only_in_compatibility_forms_stay_two_names(document, first, second) -> None:
    """Only an accent's two forms are one name: "CO2" and "CO₂" are two, as they always were
    (folding them made a file the check passed ambiguous)."""
    one, two = document.scenarios[0], document.scenarios[1]
    one.name, two.name = first, second
    problems = check_document(document)
    assert not [p for p in problems if p.severity == ERROR and p.place.startswith("scenario")]
    assert find_scenario(document, first) is one
    assert find_scenario(document, second) is two
    full_width = Scenario(id="fw", name="Ｂａｓｅｌｉｎｅ")
    document.scenarios.append(full_width)
    assert score(document, "Ｂａｓｅｌｉｎｅ").scenario == "Ｂａｓｅｌｉｎｅ"
