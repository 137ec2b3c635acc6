"""Scenarios (weight and cell overrides, lookup) and the JSON payload of a score."""

from __future__ import annotations

import json
import math

import pytest

from rrisk.errors import ScenarioError
from rrisk.messages import MESSAGE_LIMIT
from rrisk.model import Assessment, assessment_to_data
from rrisk.scoring import results_payload, score


def scenario(scenario_id: str = "s", name: str = "Stress", **changes) -> dict:
    return {"id": scenario_id, "name": name, **changes}


def index_of(doc: Assessment, project_id: str, which=None) -> float | None:
    return {p.id: p for p in score(doc, which).ranking()}[project_id].index


def test_weight_override_changes_the_index(make_doc) -> None:
    doc = make_doc(
        {"a": 1.0, "b": 1.0},
        {"p": {"a": (5, 5), "b": (1, 1)}},
        scenarios=[scenario(weight_overrides={"b": 3.0})],
    )
    # Baseline: 100 × (1·1 + 1·0) / 2 = 50. Scenario: 100 × (1·1 + 3·0) / 4 = 25.
    assert index_of(doc, "p") == 50.0
    assert index_of(doc, "p", "s") == 25.0


def test_weight_override_to_zero_changes_coverage(make_doc) -> None:
    doc = make_doc(
        {"a": 1.0, "b": 1.0},
        {"p": {"a": (2, 2)}},
        scenarios=[scenario(weight_overrides={"b": 0.0})],
    )
    # Coverage 1/2 in the baseline; with b weighing nothing, a is all there is: 1/1.
    assert score(doc).coverage.tolist() == [0.5]
    assert score(doc, "s").coverage.tolist() == [1.0]


def test_cell_override_replaces_scores_and_drops_the_range(make_doc) -> None:
    baseline_b = {"likelihood": 1, "impact": 1, "likelihood_high": 3, "impact_high": 2}
    override = {"project": "p", "criterion": "b", "likelihood": 5, "impact": 5}
    doc = make_doc(
        {"a": 1.0, "b": 1.0},
        {"p": {"a": (5, 5), "b": baseline_b}},
        scenarios=[scenario(cell_overrides=[override])],
    )
    result = score(doc, "s")
    # 100 × (24/24 + 24/24) / 2 = 100.
    assert result.index.tolist() == [100.0]
    assert math.isnan(result.matrix.likelihood_high[0, 1])
    assert math.isnan(result.matrix.impact_high[0, 1])
    assert score(doc).matrix.likelihood_high[0, 1] == 3.0


def test_cell_override_can_complete_a_half_assessed_cell(make_doc) -> None:
    override = {"project": "p", "criterion": "b", "impact": 4}
    doc = make_doc(
        {"a": 1.0, "b": 1.0},
        {"p": {"a": (5, 5), "b": (3, None)}},
        scenarios=[scenario(cell_overrides=[override])],
    )
    # Baseline: only a → 100, coverage 1/2. Scenario: r_b = 12 → 100 × (24 + 11) / 48.
    assert score(doc).coverage.tolist() == [0.5]
    result = score(doc, "s")
    assert result.index[0] == pytest.approx(3500 / 48)
    assert result.coverage.tolist() == [1.0]


def test_cell_override_sets_a_red_line(make_doc) -> None:
    overrides = [
        {"project": "p", "criterion": "a", "red_line": True, "red_line_reason": "Export ban"},
        {"project": "q", "criterion": "a", "red_line": True},
    ]
    doc = make_doc(
        {"a": 1.0},
        {"p": {"a": (1, 1)}, "q": {"a": (1, 2)}},
        scenarios=[scenario("ban", "China export ban", cell_overrides=overrides)],
    )
    assert not score(doc).excluded.any()
    scores = {p.id: p for p in score(doc, "ban").ranking()}
    assert [(r.reason, r.kind) for r in scores["p"].red_lines] == [("Export ban", "manual")]
    assert [r.reason for r in scores["q"].red_lines] == ["red line set by the analyst"]
    assert {p.status for p in scores.values()} == {"excluded"}


def test_a_red_line_only_the_scenario_sets_takes_the_cells_basis(make_doc) -> None:
    """The basis is the cell's in every scenario (an override holds a reason, not a basis):
    typed in the app under a scenario that sets the red line, it is stored on the cell, and
    the scenario's red line must print it, though the baseline's red line is off."""
    cell = {"likelihood": 2, "impact": 2, "red_line_basis": "EU Reg. 833/2014 art. 3i"}
    doc = make_doc(
        {"a": 1.0},
        {"p": {"a": cell}},
        scenarios=[
            scenario(
                "ban",
                "Export ban",
                cell_overrides=[
                    {"project": "p", "criterion": "a", "red_line": True, "red_line_reason": "Ban"}
                ],
            )
        ],
    )
    assert not score(doc).ranking()[0].red_lines
    (line,) = score(doc, "ban").ranking()[0].red_lines
    assert (line.reason, line.basis) == ("Ban", "EU Reg. 833/2014 art. 3i")
    # An override without a reason takes the cell's, as the check counts it.
    doc.cells["p"]["a"].red_line_reason = "Export licence refused"
    doc.scenarios[0].cell_overrides[0].red_line_reason = None
    (line,) = score(doc, "ban").ranking()[0].red_lines
    assert (line.reason, line.basis) == ("Export licence refused", "EU Reg. 833/2014 art. 3i")


def test_red_line_override_keeps_the_baseline_reason_and_basis(make_doc) -> None:
    flagged = {
        "likelihood": 4,
        "impact": 4,
        "red_line": True,
        "red_line_reason": "SDN owner",
        "red_line_basis": "OFAC",
    }
    doc = make_doc(
        {"a": 1.0},
        {"p": {"a": flagged}},
        scenarios=[
            scenario(
                "same",
                "Same flag",
                cell_overrides=[{"project": "p", "criterion": "a", "red_line": True}],
            ),
            scenario(
                "reworded",
                "Reworded",
                cell_overrides=[
                    {
                        "project": "p",
                        "criterion": "a",
                        "red_line": True,
                        "red_line_reason": "New owner",
                    }
                ],
            ),
        ],
    )
    (same,) = score(doc, "same").ranking()[0].red_lines
    (reworded,) = score(doc, "reworded").ranking()[0].red_lines
    assert (same.reason, same.basis) == ("SDN owner", "OFAC")
    assert (reworded.reason, reworded.basis) == ("New owner", "OFAC")


def test_cell_override_clears_a_manual_red_line_but_not_a_rule(make_doc) -> None:
    flagged = {"likelihood": 1, "impact": 1, "red_line": True, "red_line_reason": "Sanctioned"}
    clear = [
        {"project": "manual", "criterion": "a", "red_line": False},
        {"project": "ruled", "criterion": "a", "red_line": False},
    ]
    doc = make_doc(
        {"a": 1.0},
        {"manual": {"a": flagged}, "ruled": {"a": (5, 5)}},
        rules={"a": {"threshold": 25}},
        scenarios=[scenario("eased", "Sanctions eased", cell_overrides=clear)],
    )
    assert score(doc).excluded.tolist() == [True, True]
    scores = {p.id: p for p in score(doc, "eased").ranking()}
    assert (scores["manual"].status, scores["manual"].rank) == ("ranked", 1)
    # A rule is the criterion's policy, not a judgement on the cell: lower the score to lift it.
    assert scores["ruled"].status == "excluded"


def test_scenario_is_found_by_id_name_or_object(make_doc) -> None:
    doc = make_doc(
        {"a": 1.0, "b": 1.0},
        {"p": {"a": (5, 5), "b": (1, 1)}},
        scenarios=[scenario("eased", "Sanctions eased", weight_overrides={"b": 3.0})],
    )
    by_id = score(doc, "eased")
    by_name = score(doc, "SANCTIONS EASED")
    by_object = score(doc, doc.scenarios[0])
    assert by_id.index.tolist() == by_name.index.tolist() == by_object.index.tolist() == [25.0]
    assert by_id.scenario == by_name.scenario == by_object.scenario == "Sanctions eased"
    assert score(doc).scenario is None


def test_an_id_in_capitals_names_its_scenario_unless_a_name_is_so_spelt(make_doc) -> None:
    """Ids are lower case: "EASED" can only mean eased (it said "does not exist (known:
    'eased')"). A scenario named "BAN" keeps its name before another's id."""
    doc = make_doc(
        {"a": 1.0, "b": 1.0},
        {"p": {"a": (5, 5), "b": (1, 1)}},
        scenarios=[
            scenario("eased", "Sanctions eased", weight_overrides={"b": 3.0}),
            scenario("ban", "Export ban"),
            scenario("other", "Ban"),
        ],
    )
    assert score(doc, "EASED").scenario == score(doc, " Eased ").scenario == "Sanctions eased"
    assert score(doc, "BAN").scenario == "Ban"
    assert score(doc, "ban").scenario == "Export ban"


def test_unknown_scenario_names_the_known_ones(make_doc) -> None:
    doc = make_doc(
        {"a": 1.0},
        {"p": {"a": (1, 1)}},
        scenarios=[scenario("eased", "Sanctions eased"), scenario("ban", "Export ban")],
    )
    with pytest.raises(ScenarioError) as caught:
        score(doc, "war")
    assert str(caught.value) == (
        "scenario 'war' does not exist (known: 'eased' “Sanctions eased”, 'ban' “Export ban”)"
    )
    with pytest.raises(ScenarioError, match=r"scenario 'war' does not exist \(known: none\)"):
        score(make_doc({"a": 1.0}), "war")


def test_unknown_scenario_among_fifty_names_the_nearest_within_one_line(make_doc) -> None:
    """With fifty scenarios the line named every id in the document's order, and the CLI cut
    it off before the one meant; a name typed was never shown beside its id."""
    themes = ["Sanctions eased", "China export ban", "Rouble collapse", "Port closed", "Exit"]
    scenarios = [scenario(f"s{k:02d}", f"{themes[k % 5]} variant {k // 5 + 1}") for k in range(50)]
    doc = make_doc({"a": 1.0}, {"p": {"a": (1, 1)}}, scenarios=scenarios)
    with pytest.raises(ScenarioError) as caught:
        score(doc, "China export ban, variant 9")
    message = str(caught.value)
    assert message.startswith(
        "scenario 'China export ban, variant 9' does not exist (it has 50 scenarios; the "
        "nearest: 's41' “China export ban variant 9”, "
    )
    assert message.count("“") == 5
    assert len(f"rrisk: /a/path/to/case.rrisk: {message}") < MESSAGE_LIMIT


def test_scoring_a_scenario_leaves_the_document_alone(rich_doc: Assessment) -> None:
    before = assessment_to_data(rich_doc)
    score(rich_doc, "eased")
    assert assessment_to_data(rich_doc) == before


def test_results_payload_shape(rich_doc: Assessment) -> None:
    payload = results_payload(rich_doc, score(rich_doc))
    assert json.loads(json.dumps(payload)) == payload
    assert list(payload) == ["assessment", "scenario", "projects"]
    assert payload["assessment"] == "Редкоземельные металлы — rare earths"
    assert payload["scenario"] is None
    tomtor, lovozero = payload["projects"]
    # Weights sanctions 3, cost 1.5. Tomtor: r = 12 and 4 →
    # 100 × (3·11/24 + 1.5·3/24) / 4.5 = 3750/108 = 34.72.
    assert tomtor == {
        "id": "tomtor",
        "name": "Tomtor",
        "index": 34.72,
        "band": "Medium",
        "coverage": 1.0,
        "status": "ranked",
        "rank": 1,
        "red_lines": [],
    }
    # Lovozero: only sanctions assessed (r = 25) → 100; coverage 3/4.5. Excluded twice over:
    # its manual flag and the criterion's rule (25 ≥ 20).
    assert lovozero == {
        "id": "lovozero",
        "name": "Lovozero",
        "index": 100.0,
        "band": "Critical",
        "coverage": 0.6667,
        "status": "excluded",
        "rank": None,
        "red_lines": [
            {
                "criterion": "sanctions",
                "reason": "Owner designated",
                "basis": "OFAC SDN",
                "kind": "manual",
            },
            {
                "criterion": "sanctions",
                "reason": "Blocking sanctions",
                "basis": "EO 14024",
                "kind": "rule",
            },
        ],
    }


def test_results_payload_under_a_scenario(rich_doc: Assessment) -> None:
    payload = results_payload(rich_doc, score(rich_doc, "eased"))
    assert payload["scenario"] == "Sanctions eased"
    # Sanctions weighs 1. Tomtor: 100 × (1·11/24 + 1.5·3/24) / 2.5 = 25.83.
    # Lovozero: sanctions now (2, 5) = 10, flag cleared, rule (20) silent:
    # 100 × 9/24 = 37.5, coverage 1/2.5.
    assert [
        (p["id"], p["index"], p["coverage"], p["status"], p["rank"]) for p in payload["projects"]
    ] == [
        ("tomtor", 25.83, 1.0, "ranked", 1),
        ("lovozero", 37.5, 0.4, "ranked", 2),
    ]


def test_results_payload_lists_unscored_before_excluded(make_doc) -> None:
    doc = make_doc(
        {"a": 1.0},
        {"out": {"a": {"red_line": True}}, "blank": {}, "in": {"a": (2, 2)}},
        title="Order",
    )
    payload = results_payload(doc, score(doc))
    assert [(p["id"], p["status"]) for p in payload["projects"]] == [
        ("in", "ranked"),
        ("blank", "unscored"),
        ("out", "excluded"),
    ]
    blank = payload["projects"][1]
    assert blank["index"] is None and blank["rank"] is None
    # No index, so no band.
    assert blank["band"] is None
    assert payload["projects"][2]["red_lines"] == [
        {"criterion": "a", "reason": "red line set by the analyst", "kind": "manual"}
    ]
