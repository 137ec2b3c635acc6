"""Comparing two versions: the change list is complete (replaying it on OLD gives NEW and NEW's
results), renames are renames, and the attribution adds up to each project's index movement."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest
from compare_strategies import version_pairs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rrisk.compare import compare
from rrisk.compare.apply import apply_changes
from rrisk.compare.changes import ADDED, REMOVED, RENAMED
from rrisk.errors import ScenarioError
from rrisk.fmt import fmt_index
from rrisk.model import Assessment, assessment_to_data, parse_assessment
from rrisk.scoring import ScoreResult, score
from rrisk.screening.decisions import counterparty_key
from rrisk.templates import new_from_template

DocBuilder = Callable[..., Assessment]
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _results(result: ScoreResult) -> dict[str, Any]:
    """Everything a reader of the results sees, keyed by project id."""
    return {p.id: p.as_dict() for p in result.ranking()}


def _normalised(doc: Assessment) -> dict[str, Any]:
    """The document up to what carries no meaning: the order of evidence links and of
    overrides of different cells, and empty cells (a missing cell is an empty one)."""
    data = assessment_to_data(doc)
    cells = {}
    for project_id, row in data["cells"].items():
        kept = {}
        for criterion_id, cell in row.items():
            cell["evidence"] = sorted(cell.get("evidence", []), key=lambda e: sorted(e.items()))
            if any(cell.values()):
                kept[criterion_id] = cell
        if kept:
            cells[project_id] = kept
    data["cells"] = cells
    for scenario in data["scenarios"]:
        scenario["cell_overrides"].sort(key=lambda o: (o["project"], o["criterion"]))
    # Screening entries: only the order of those one lookup would meet means anything.
    data["screening"]["decisions"].sort(
        key=lambda d: (
            d["project"],
            counterparty_key(d["counterparty"]),
            d["entry_id"],
            counterparty_key(d["list_name"]),
        )
    )
    data["screening"]["territory_overrides"].sort(key=lambda o: (o["project"], o["territory"]))
    return data


@PROPERTY
@given(version_pairs())
def test_replaying_the_changes_on_old_gives_new_and_its_results(
    pair: tuple[Assessment, Assessment],
) -> None:
    old, new = pair
    comparison = compare(old, new)
    replayed = apply_changes(old, [*comparison.changes, *comparison.implied])
    assert _results(score(replayed)) == _results(score(new))
    for scenario in new.scenarios:
        assert _results(score(replayed, scenario.id)) == _results(score(new, scenario.id))
    assert _normalised(replayed) == _normalised(new)
    assert comparison.differs == (_normalised(old) != _normalised(new))


@PROPERTY
@given(version_pairs())
def test_attribution_sums_to_each_index_change(pair: tuple[Assessment, Assessment]) -> None:
    old, new = pair
    for effect in compare(old, new).effects:
        change = effect.index_change
        total = sum(c.points for c in effect.contributions)
        if change is None:
            assert effect.contributions == ()
        else:
            assert total == pytest.approx(change, abs=1e-6)


@PROPERTY
@given(version_pairs(), st.data())
def test_cell_only_edits_are_attributed_exactly_to_their_cells(
    pair: tuple[Assessment, Assessment], data: st.DataObject
) -> None:
    old, _ = pair
    new = old.model_copy(deep=True)
    edited = set()
    for project_id, criterion_id, cell in new.iter_cells():
        if cell.assessed and data.draw(st.booleans()):
            cell.likelihood = data.draw(st.integers(1, 5))
            cell.impact = data.draw(st.integers(1, 5))
            cell.likelihood_low = cell.likelihood_high = None
            edited.add((project_id, criterion_id))
    comparison = compare(old, new)
    weights = {c.id: c.weight for c in old.criteria}
    for effect in comparison.effects:
        if effect.index_change is None:
            continue
        assert {c.source for c in effect.contributions} <= {"cell"}
        total_weight = sum(
            weights[c]
            for c, cell in old.cells.get(effect.id, {}).items()
            if cell.assessed and c in weights
        )
        for contribution in effect.contributions:
            assert (effect.id, contribution.criterion) in edited
            (l0, i0), (l1, i1) = contribution.old, contribution.new
            expected = weights[contribution.criterion] * (l1 * i1 - l0 * i0) / 24 * 100
            assert contribution.points == pytest.approx(expected / total_weight, abs=1e-9)
        assert sum(c.points for c in effect.contributions) == pytest.approx(
            effect.index_change, abs=1e-6
        )


def test_a_renamed_item_is_a_rename_not_a_removal_and_an_addition(make_doc: DocBuilder) -> None:
    old = make_doc(
        {"cost": 1.0, "sanctions": 2.0},
        {"tomtor": {"cost": (2, 3)}, "seligdar": {"cost": (3, 3)}},
        names={"tomtor": "Tomtor"},
    )
    data = assessment_to_data(old)
    data["projects"][0]["name"] = "Tomtor (Rosneft)"
    data["criteria"][1]["name"] = "Sanctions exposure"
    new = parse_assessment(data)
    changes = compare(old, new).changes
    assert [(c.kind, c.action, c.field) for c in changes] == [
        ("criterion", RENAMED, "name"),
        ("project", RENAMED, "name"),
    ]
    assert changes[1].old == "Tomtor" and changes[1].new == "Tomtor (Rosneft)"
    assert not any(c.action in (ADDED, REMOVED) for c in changes)


def test_effects_report_rank_band_status_and_red_lines(make_doc: DocBuilder) -> None:
    rule = {"threshold": 20, "reason": "blocking sanctions", "basis": "EO 14024"}
    old = make_doc(
        {"cost": 1.0, "sanctions": 1.0},
        {"a": {"cost": (1, 1), "sanctions": (2, 2)}, "b": {"cost": (2, 2), "sanctions": (3, 3)}},
        rules={"sanctions": rule},
    )
    new = make_doc(
        {"cost": 1.0, "sanctions": 1.0},
        {"a": {"cost": (1, 1), "sanctions": (5, 5)}, "b": {"cost": (2, 2), "sanctions": (3, 3)}},
        rules={"sanctions": rule},
    )
    comparison = compare(old, new)
    a, b = comparison.effect("a"), comparison.effect("b")
    assert a.old.status == "ranked" and a.new.status == "excluded"
    assert a.old.rank == 1 and a.new.rank is None
    assert [r.reason for r in a.red_lines_appeared] == ["blocking sanctions"]
    assert a.red_lines_cleared == ()
    assert b.old.rank == 2 and b.new.rank == 1 and b.rank_change == 1
    assert not b.contributions and b.index_change == 0
    # Old index 100·(3/24)/2 = 6.25, new 100·(24/24)/2 = 50: it moves by 43.75.
    assert a.index_change == pytest.approx(43.75)
    assert [(c.source, c.criterion) for c in a.contributions] == [("cell", "sanctions")]
    assert a.new.band == "High" and a.old.band == "Low"
    assert comparison.changed_cells() == {("a", "sanctions")}


def test_weight_changes_are_split_as_documented(make_doc: DocBuilder) -> None:
    # Weights then cells on one criterion: the Shapley split of w·s.
    old = make_doc({"x": 1.0, "y": 1.0}, {"p": {"x": (1, 1), "y": (5, 5)}})
    new = make_doc({"x": 1.0, "y": 3.0}, {"p": {"x": (1, 1), "y": (3, 5)}})
    effect = compare(old, new).effect("p")
    parts = {c.source: c.points for c in effect.contributions}
    # Old index 50 (i0 = 0.5), new D = 4. ΔN_y = 3·14/24 − 1 = 0.75; ΔD_y = 2.
    # Weight: Δw·(s0 + s1)/2 = 2·(1 + 14/24)/2, minus i0·Δw = 1 → ×100/4.
    weight = 100 * (2 * (1 + 14 / 24) / 2 - 0.5 * 2) / 4
    cell = 100 * ((1 + 3) / 2 * (14 / 24 - 1)) / 4
    assert parts["weight"] == pytest.approx(weight)
    assert parts["cell"] == pytest.approx(cell)
    assert weight + cell == pytest.approx(effect.index_change)
    assert math.isclose(effect.new.index, 100 * 3 * 14 / 24 / 4)


def test_weights_in_the_csv_print_every_digit_without_an_exponent(make_doc: DocBuilder) -> None:
    from rrisk.compare_cli import csv_rows

    old = make_doc({"x": 2.0, "y": 1.0}, {"p": {"x": (2, 3), "y": (5, 5)}})
    new = make_doc({"x": 0.000001, "y": 1.0}, {"p": {"x": (2, 3), "y": (5, 5)}})
    rows = csv_rows(compare(old, new))
    weights = [row for row in rows if row[4] == "weight"]
    assert weights and all(row[6:8] == ["2", "0.000001"] for row in weights), weights
    assert not any("e-" in value for row in rows for value in row), rows


def test_added_and_removed_criteria_carry_their_whole_share(make_doc: DocBuilder) -> None:
    old = make_doc({"x": 1.0, "gone": 1.0}, {"p": {"x": (2, 2), "gone": (5, 5)}})
    new = make_doc({"x": 1.0, "fresh": 2.0}, {"p": {"x": (2, 2), "fresh": (1, 1)}})
    comparison = compare(old, new)
    effect = comparison.effect("p")
    assert {c.criterion: c.source for c in effect.contributions} == {
        "gone": "criterion",
        "fresh": "criterion",
    }
    assert sum(c.points for c in effect.contributions) == pytest.approx(effect.index_change)
    kinds = {(c.kind, c.action, c.criterion) for c in comparison.changes if c.field is None}
    assert ("criterion", ADDED, "fresh") in kinds and ("criterion", REMOVED, "gone") in kinds


def test_a_scenario_both_versions_lack_is_named_with_the_version(make_doc: DocBuilder) -> None:
    old = make_doc({"x": 1.0}, {"p": {"x": (2, 2)}})
    with pytest.raises(ScenarioError, match=r"^old\.rrisk: scenario 'eased' does not exist"):
        compare(old, old, "eased", old_label="old.rrisk")


def test_identical_versions_do_not_differ(make_doc: DocBuilder) -> None:
    doc = make_doc({"x": 1.0}, {"p": {"x": (2, 2)}})
    comparison = compare(doc, doc.model_copy(deep=True))
    assert not comparison.differs and comparison.changes == []
    assert all(not e.changed and not e.contributions for e in comparison.effects)


def test_structured_fields_are_named_not_dumped(make_doc: DocBuilder) -> None:
    # The analysis settings read setting by setting; no stamp's digest ever shows.
    from rrisk.compare.wording import Namer, describe
    from rrisk.templates import new_from_template

    old = new_from_template("russia-rare-earths-2025-06")
    new = new_from_template("russia-rare-earths")
    new.analysis.runs = 50_000
    comparison = compare(old, new)
    names = Namer(comparison)
    lines = [describe(change, names) for change in comparison.changes]
    assert "Monte Carlo analysis: runs 10000 → 50000" in lines
    assert all("digest" not in line and "stamp" not in line for line in lines)


def test_joiners_and_marks_in_names_print_as_written_and_overrides_stay_escaped() -> None:
    from rrisk.compare.wording import clip

    persian = "پروژه\u200cهای معدنی"  # a zero-width non-joiner inside the word
    family = "👨\u200d👩\u200d👧"  # joined into one emoji
    assert clip(persian) == persian
    assert clip(family) == family
    assert clip("a\u200fb\u061cc") == "a\u200fb\u061cc"  # direction marks
    assert clip("x\u202ey") == "x<U+202E>y"  # an override could reorder the line: escaped
    assert clip("x\x1b[31my") == "x\\x1b[31my"


def test_invisible_spaces_stay_visible_in_words() -> None:
    from rrisk.compare.wording import clip

    assert clip("nio\u200bbium") == "nio<U+200B>bium"  # a zero-width space would hide a change
    assert clip("x\ufeffy") == "x<U+FEFF>y"


def _template() -> Assessment:
    from rrisk.templates import new_from_template

    return new_from_template("russia-rare-earths")


def test_screening_and_territory_red_lines_on_one_criterion_are_told_apart() -> None:
    from rrisk.compare_cli import csv_rows
    from rrisk.screening.decisions import HitDecision, TerritoryOverride

    old = _template()
    new = old.model_copy(deep=True)
    new.screening.territory_overrides.append(
        TerritoryOverride(project="donbas-occupied", territory="luhansk", justification="x")
    )
    rosneft = next(d for d in new.screening.decisions if d.project == "tomtor")
    new.screening.decisions.append(
        HitDecision(
            project="tomtor",
            counterparty="Vostok Engineering",
            entry_id="x-vostok",
            entry_name="Vostok Engineering",
            sanctions=list(rosneft.sanctions),
            decision="confirmed",
        )
    )
    comparison = compare(old, new)
    donbas = comparison.effect("donbas-occupied")
    assert [r.kind for r in donbas.red_lines_cleared] == ["territory"]
    assert "Luhansk" in donbas.red_lines_cleared[0].reason
    assert donbas.red_lines_appeared == ()
    tomtor = comparison.effect("tomtor")
    assert [r.kind for r in tomtor.red_lines_appeared] == ["screening"]
    assert "Vostok Engineering" in tomtor.red_lines_appeared[0].reason
    assert tomtor.red_lines_cleared == ()
    # The CSV puts a cleared line's reason under "old", an appeared one's under "new".
    rows = [row for row in csv_rows(comparison) if row[0] == "red line"]
    cleared = next(row for row in rows if row[5] == "cleared")
    appeared = next(row for row in rows if row[5] == "appeared")
    assert "Luhansk" in cleared[6] and cleared[7] == ""
    assert appeared[6] == "" and "Vostok" in appeared[7]


@pytest.mark.parametrize("category", ["sanctions", "ethics & legality"])
def test_a_criterion_added_ahead_moves_no_screening_or_territory_red_line(category: str) -> None:
    """Such lines are shown on the first criterion of their category; a new first one of that
    category (or a move, or a category changed) changes where they are shown, not them."""
    old = _template()
    data = assessment_to_data(old)
    data["criteria"].insert(0, {"id": "new-first", "name": "New first", "category": category})
    new = parse_assessment(data)
    comparison = compare(old, new)
    moved = [
        (effect.project_id, line.kind)
        for effect in comparison.effects
        for line in (*effect.red_lines_appeared, *effect.red_lines_cleared)
    ]
    assert moved == []
    kinds = {line.kind for p in score(new).ranking() for line in p.red_lines}
    assert {"screening", "territory"} <= kinds  # the lines are still there


def test_a_removed_projects_red_lines_are_not_reported_as_cleared() -> None:
    old = _template()
    data = assessment_to_data(old)
    data["projects"] = [p for p in data["projects"] if p["id"] != "zaporizhzhia-occupied"]
    data["cells"].pop("zaporizhzhia-occupied")
    for scenario in data["scenarios"]:
        scenario["cell_overrides"] = [
            o for o in scenario["cell_overrides"] if o["project"] != "zaporizhzhia-occupied"
        ]
    data["narrative_stamps"] = {}
    new = parse_assessment(data)
    effect = compare(old, new).effect("zaporizhzhia-occupied")
    assert effect.red_lines_cleared == () and effect.red_lines_appeared == ()


def test_a_rule_threshold_and_numbers_are_worded_with_their_values() -> None:
    from rrisk.compare.wording import Namer, describe

    old = _template()
    data = assessment_to_data(old)
    rule = next(c for c in data["criteria"] if c.get("red_line_rule"))
    rule["red_line_rule"]["threshold"] = 8
    data["criteria"][0]["weight"] = 2.000001
    data["projects"][0]["capex_estimate"] = 1.25e9
    comparison = compare(old, parse_assessment(data))
    lines = [describe(change, Namer(comparison)) for change in comparison.changes]
    assert any("red-line rule risk ≥ 15" in line and "→ risk ≥ 8" in line for line in lines)
    assert any(line.endswith("weight 1 → 2.000001") for line in lines)
    assert any(line.endswith("capex estimate — → 1,250,000,000") for line in lines)


def test_lists_screening_and_requoted_evidence_say_what_changed() -> None:
    from rrisk.compare.wording import Namer, describe, grouped
    from rrisk.templates import new_from_template

    june = new_from_template("russia-rare-earths-2025-06")
    november = new_from_template("russia-rare-earths")
    comparison = compare(june, november)
    lines = [describe(change, Namer(comparison)) for change in comparison.changes]
    screening = next(line for line in lines if line.startswith("screening"))
    assert "list — → rrisk-template" in screening and "Rosneft" not in screening
    # The decision is filed with the project it excludes, not with the assessment.
    groups = {title: changes for title, _id, changes in grouped(comparison)}
    tomtor = [describe(c, Namer(comparison), True) for c in groups[Namer(comparison)("project", "tomtor")]]  # fmt: skip
    assert "screening: hit Rosneft = Rosneft confirmed" in tomtor
    assert not any("hit" in describe(c, Namer(comparison)) for c in groups["Assessment"])
    assert any(
        "counterparties: + Oleg Deripaska (founder of Rusal and En+)" in line for line in lines
    )
    requoted = next(line for line in lines if "evidence re-quoted" in line)
    before, _, after = requoted.partition(" → ")
    assert "“" in before and "“" in after and before != after


def test_what_can_move_a_result_is_told_from_what_cannot() -> None:
    from rrisk.compare.changes import Change

    assert Change("project", "changed", "screening", project="p").affects_scores  # decisions
    assert not Change("assessment", "changed", "screening").affects_scores  # the list's name
    assert not Change("assessment", "changed", "summary").affects_scores
    assert Change("project", "changed", "region", project="p").affects_scores  # territory
    assert Change("project", "changed", "counterparties", project="p").affects_scores
    assert not Change("project", "changed", "description", project="p").affects_scores
    assert Change("project", "changed", "country", project="p").affects_scores  # territory
    assert Change("project", "renamed", "name", project="p").affects_scores  # ties by name
    assert not Change("cell", "changed", "red_line_reason", project="p", criterion="c").affects_scores  # fmt: skip
    assert Change("cell", "changed", "impact", project="p", criterion="c").affects_scores
    assert not Change("scenario", "changed", "description", item="s").affects_scores
    assert not Change("scenario", "renamed", "name", item="s").affects_scores
    override = {"project": "p", "criterion": "c", "likelihood": 3, "note": "licence"}
    rescored = {**override, "likelihood": 4}
    reworded = {**override, "note": "licence and delisting", "red_line_reason": "SDN"}
    assert Change("scenario", "changed", "cell:p/c", override, rescored, item="s").affects_scores
    assert not Change("scenario", "changed", "cell:p/c", override, reworded, item="s").affects_scores  # fmt: skip
    assert Change("scenario", "added", "cell:p/c", None, override, item="s").affects_scores
    only_a_note = {"project": "p", "criterion": "c", "likelihood": None, "note": "watch"}
    assert not Change("scenario", "added", "cell:p/c", None, only_a_note, item="s").affects_scores  # fmt: skip


def test_a_likelihood_or_impact_range_moves_no_result() -> None:
    """Ranges feed only the uncertainty simulation's spread: never an index, rank, band or
    red line, whether a field changed or a cell holding only a range came or went."""
    from rrisk.compare.changes import Change

    where = {"project": "p", "criterion": "c"}
    for name in ("likelihood_low", "likelihood_high", "impact_low", "impact_high"):
        assert not Change("cell", "changed", name, None, 2, **where).affects_scores
    assert Change("cell", "changed", "likelihood", 2, 3, **where).affects_scores
    assert Change("cell", "changed", "red_line", False, True, **where).affects_scores
    only_a_range = {"likelihood_low": 1, "likelihood_high": 4, "status": "draft"}
    assert not Change("cell", "added", None, None, only_a_range, **where).affects_scores
    assert not Change("cell", "removed", None, only_a_range, None, **where).affects_scores
    scored = {**only_a_range, "likelihood": 2, "impact": 3}
    assert Change("cell", "added", None, None, scored, **where).affects_scores
    old = _template()
    new = old.model_copy(deep=True)
    cell = new.cell("tomtor", "sanctions")
    assert cell is not None
    cell.likelihood_low, cell.impact_high = 4, 5
    comparison = compare(old, new)
    assert len(comparison.changes) == 2
    assert not any(comparison.moves_scores(c) for c in comparison.changes)
    assert not any(effect.changed for effect in comparison.effects)


def test_an_index_moving_beneath_its_printed_figure_is_no_movement() -> None:
    """A weight changed moves every index a little: a project whose index and coverage print
    as before, at the same rank and band, did not move for a reader of the results (the
    memo's movements table listed it with the same figures on both sides)."""
    old = new_from_template("russia-rare-earths-2025-06")
    new = old.model_copy(deep=True)
    next(c for c in new.criteria if c.id == "political").weight = 2.0
    effects = {e.id: e for e in compare(old, new).effects}
    allied = effects["allied-separation-plant"]
    assert allied.index_change is not None and abs(allied.index_change) > 0.01
    assert fmt_index(allied.old.index) == fmt_index(allied.new.index) == "20.5"  # type: ignore[union-attr]
    assert not allied.changed
    assert effects["pikalevo-gallium"].changed  # 51.9 → 52.4


def test_a_hit_re_decided_on_a_newer_list_is_the_same_red_line() -> None:
    old = _template()
    new = old.model_copy(deep=True)
    for decision in new.screening.decisions:
        decision.list_name = "opensanctions-2025-11"
    effect = compare(old, new).effect("tomtor")
    assert effect.red_lines_appeared == () and effect.red_lines_cleared == ()


def test_a_scenario_compared_by_id_when_two_share_its_name() -> None:
    from rrisk.model import Scenario

    old = _template()
    old.scenarios.append(Scenario(id="stress-a", name="Stress"))
    old.scenarios.append(Scenario(id="stress-b", name="Stress"))
    new = old.model_copy(deep=True)
    comparison = compare(old, new, "stress-a")
    assert comparison.scenario_id == "stress-a"
    assert comparison.changed_cells() == set()


@pytest.mark.parametrize("key", ["Stress", "stress renamed", "stress-a"])
def test_a_renamed_scenario_is_compared_with_itself_by_either_name(key: str) -> None:
    from rrisk.model import Scenario

    old = _template()
    old.scenarios.append(Scenario(id="stress-a", name="Stress"))
    new = old.model_copy(deep=True)
    new.scenarios[-1].name = "Stress renamed"
    comparison = compare(old, new, key)
    assert comparison.scenario_id == "stress-a"
    assert comparison.old_result.scenario == "Stress"
    assert comparison.new_result.scenario == "Stress renamed"


def test_an_item_inserted_mid_list_is_not_called_a_reordering() -> None:
    from rrisk.compare.apply import apply_changes
    from rrisk.compare.wording import Namer, describe

    old = _template()
    data = assessment_to_data(old)
    data["projects"].insert(1, {"id": "inserted", "name": "Inserted mine"})
    new = parse_assessment(data)
    comparison = compare(old, new)
    lines = [describe(change, Namer(comparison)) for change in comparison.changes]
    assert "project added: Inserted mine" in lines
    assert not any("order of the projects changed" in line for line in lines)
    assert [p.id for p in apply_changes(old, comparison.changes).projects] == [
        p.id for p in new.projects
    ]
    data["projects"][2], data["projects"][3] = data["projects"][3], data["projects"][2]
    swapped = compare(old, parse_assessment(data))
    lines = [describe(change, Namer(swapped)) for change in swapped.changes]
    assert "order of the projects changed" in lines


def test_a_removed_link_shows_the_grade_it_had() -> None:
    from rrisk.compare.wording import Namer, describe

    old = _template()
    data = assessment_to_data(old)
    cited = next(
        (project, criterion, cell)
        for project, row in data["cells"].items()
        for criterion, cell in row.items()
        if cell.get("evidence")
    )
    project, criterion, cell = cited
    source_id = cell["evidence"][0]["source"]
    source = next(s for s in data["sources"] if s["id"] == source_id)
    before = old.source(source_id).grade
    source["reliability"], source["credibility"] = "E", 5
    assert before != "E5"
    cell["evidence"] = [e for e in cell["evidence"] if e["source"] != source_id]
    comparison = compare(old, parse_assessment(data))
    lines = [describe(change, Namer(comparison)) for change in comparison.changes]
    removed = [line for line in lines if "evidence removed" in line]
    assert removed and all(f"[{before}]" in line for line in removed), removed


def _lines(comparison: Any, within_project: bool = False) -> list[str]:
    from rrisk.compare.wording import Namer, describe

    names = Namer(comparison)
    return [describe(change, names, within_project) for change in comparison.changes]


def _cited(doc: Assessment, links: int = 2) -> tuple[str, str]:
    """A cell of ``doc`` with at least ``links`` evidence links to different sources."""
    return next(
        (project_id, criterion_id)
        for project_id, criterion_id, cell in doc.iter_cells()
        if len({link.source for link in cell.evidence}) >= links
    )


def test_links_put_in_another_order_are_a_change_of_their_cell() -> None:
    old = _template()
    project_id, criterion_id = _cited(old, 3)
    new = old.model_copy(deep=True)
    links = new.cells[project_id][criterion_id].evidence
    links[0], links[-1] = links[-1], links[0]
    comparison = compare(old, new)
    assert comparison.differs
    assert [(c.kind, c.action, c.field) for c in comparison.changes] == [
        ("evidence", "changed", "order")
    ]
    assert comparison.changed_cells() == {(project_id, criterion_id)}
    [line] = _lines(comparison)
    criterion = new.criterion(criterion_id).name
    first = new.source(links[0].source)
    assert line.startswith(f"{criterion}: evidence reordered, now: {first.title[:20]}")
    assert f"[{first.grade}]" in line
    # Replayed, the links stand in the new order.
    replayed = apply_changes(old, comparison.changes)
    assert replayed.cells[project_id][criterion_id].evidence == links


def test_a_link_added_among_the_others_or_re_quoted_in_place_is_not_a_reordering() -> None:
    from rrisk.cells import Evidence

    old = _template()
    project_id, criterion_id = _cited(old)
    new = old.model_copy(deep=True)
    links = new.cells[project_id][criterion_id].evidence
    links[0] = Evidence(links[0].source, "another quote", links[0].page)
    links.insert(1, Evidence(links[-1].source, "one more quote", "p. 9"))
    comparison = compare(old, new)
    assert sorted((c.kind, c.action, c.field) for c in comparison.changes) == [
        ("evidence", "added", None),
        ("evidence", "changed", "quote"),
    ]
    # Re-quoted and moved: both said.
    links[0], links[-1] = links[-1], links[0]
    fields = [c.field for c in compare(old, new).changes]
    assert fields.count("order") == 1 and fields[-1] == "order"
    assert apply_changes(old, compare(old, new).changes).cells[project_id][criterion_id].evidence == links  # fmt: skip


def test_a_removed_cell_is_one_change_saying_what_it_was(make_doc: DocBuilder) -> None:
    from rrisk.cells import Cell, Evidence

    cell = {
        "likelihood": 4,
        "impact": 5,
        "likelihood_low": 3,
        "likelihood_high": 5,
        "status": "reviewed",
        "red_line": True,
        "red_line_reason": "blocking sanctions",
        "rationale": "Rosneft owns the operator.",
    }
    old = make_doc({"cost": 1.0, "sanctions": 1.0}, {"tomtor": {"cost": (2, 2), "sanctions": cell}})
    old.sources.append(_source("sdn"))
    old.cells["tomtor"]["sanctions"].evidence = [Evidence("sdn", "SDN 22 Oct 2025", "")]
    for removed in (None, Cell()):  # the cell deleted, or left empty
        new = old.model_copy(deep=True)
        if removed is None:
            del new.cells["tomtor"]["sanctions"]
        else:
            new.cells["tomtor"]["sanctions"] = removed
        comparison = compare(old, new)
        assert [(c.kind, c.action) for c in comparison.changes] == [("cell", REMOVED)]
        assert _lines(comparison) == [
            "Sanctions: cell removed; it was L4 × I5 = 20 (likelihood 3–5), reviewed, red line: "
            "blocking sanctions, with a rationale and 1 evidence link"
        ]
        assert comparison.changes[0].affects_scores
        assert comparison.changed_cells() == {("tomtor", "sanctions")}
        replayed = apply_changes(old, comparison.changes)
        assert replayed.cell("tomtor", "sanctions") in (None, Cell())
        # Symmetrically, the same cell coming back reads as added, not as "status draft → …".
        back = compare(new, old)
        assert [(c.kind, c.action) for c in back.changes] == [("cell", ADDED)]
        assert _lines(back) == [
            "Sanctions: cell added: L4 × I5 = 20 (likelihood 3–5), reviewed, red line: blocking "
            "sanctions, with a rationale; evidence: SDN list [A1] “SDN 22 Oct 2025”"
        ]
        assert apply_changes(new, back.changes).cell("tomtor", "sanctions") == old.cell(
            "tomtor", "sanctions"
        )


def _source(source_id: str) -> Any:
    from rrisk.model import Source

    return Source(id=source_id, title="SDN list", reliability="A", credibility=1)


def test_an_unscored_cell_removed_says_so_and_cannot_move_a_score(make_doc: DocBuilder) -> None:
    old = make_doc({"cost": 1.0}, {"p": {"cost": {"rationale": "not yet scored"}}})
    new = make_doc({"cost": 1.0}, {"p": {}})
    comparison = compare(old, new)
    assert _lines(comparison) == ["Cost: cell removed; it was unassessed, draft, with a rationale"]
    assert not comparison.changes[0].affects_scores


def test_cells_of_an_added_project_read_as_added_cells(make_doc: DocBuilder) -> None:
    old = make_doc({"cost": 1.0, "legal": 1.0}, {"a": {"cost": (1, 1)}})
    new = make_doc({"cost": 1.0, "legal": 1.0}, {"a": {"cost": (1, 1)}, "b": {"cost": (3, 4)}})
    lines = _lines(compare(old, new), within_project=True)
    assert lines == ["project added: B", "Cost: cell added: L3 × I4 = 12, draft"]


def test_a_cell_with_a_range_on_one_side_reads_as_drawn(make_doc: DocBuilder) -> None:
    """A bound left unset is the score: "impact 4–5" for a low bound of 4 under a 5 (it read
    "impact 4–—")."""
    cell = {"likelihood": 1, "impact": 5, "impact_low": 4}
    old = make_doc({"cost": 1.0}, {"b": {}})
    new = make_doc({"cost": 1.0}, {"b": {"cost": cell}})
    assert _lines(compare(old, new)) == ["Cost: cell added: L1 × I5 = 5 (impact 4–5), draft"]
    assert _lines(compare(new, old)) == [
        "Cost: cell removed; it was L1 × I5 = 5 (impact 4–5), draft"
    ]


def test_a_rule_whose_basis_or_long_reason_changed_says_what_moved(make_doc: DocBuilder) -> None:
    """The rule's words leave out its legal basis and clip a long reason: a change to either
    alone is said as such, not as a rule that reads the same before and after."""
    reason = "counterparty under blocking sanctions, " * 3
    rule = {"threshold": 20, "reason": "blocking sanctions", "basis": ""}
    old = make_doc({"cost": 1.0}, {"p": {"cost": (2, 2)}}, rules={"cost": rule})
    cited = make_doc(
        {"cost": 1.0}, {"p": {"cost": (2, 2)}}, rules={"cost": rule | {"basis": "EO 14024"}}
    )
    assert _lines(compare(old, cited)) == [
        "Cost: red-line rule risk ≥ 20 (blocking sanctions): legal basis — → EO 14024"
    ]
    lowered = make_doc(
        {"cost": 1.0},
        {"p": {"cost": (2, 2)}},
        rules={"cost": rule | {"threshold": 16, "basis": "EO 14024"}},
    )
    assert _lines(compare(old, lowered)) == [
        "Cost: red-line rule risk ≥ 20 (blocking sanctions) → risk ≥ 16 (blocking sanctions); "
        "legal basis — → EO 14024"
    ]
    long_old = make_doc(
        {"cost": 1.0}, {"p": {"cost": (2, 2)}}, rules={"cost": {"threshold": 20, "reason": reason}}
    )
    long_new = make_doc(
        {"cost": 1.0},
        {"p": {"cost": (2, 2)}},
        rules={"cost": {"threshold": 20, "reason": reason + "confirmed"}},
    )
    (line,) = _lines(compare(long_old, long_new))
    assert line.startswith("Cost: red-line rule risk ≥ 20: reason ")
    assert line.endswith("confirmed")


def test_scenario_overrides_and_rules_that_come_or_go_say_so(make_doc: DocBuilder) -> None:
    rule = {"threshold": 20, "reason": "blocking sanctions"}
    scenario = {
        "id": "eased",
        "name": "Eased",
        "weight_overrides": {"cost": 2.0},
        "cell_overrides": [{"project": "p", "criterion": "cost", "likelihood": 3}],
    }
    old = make_doc({"cost": 1.0}, {"p": {"cost": (2, 2)}}, scenarios=[scenario])
    new = make_doc(
        {"cost": 1.0},
        {"p": {"cost": (2, 2)}},
        rules={"cost": rule},
        scenarios=[scenario | {"weight_overrides": {}, "cell_overrides": []}],
    )
    lines = _lines(compare(old, new))
    assert lines == [
        "Cost: red-line rule added: risk ≥ 20 (blocking sanctions)",
        "Eased: override removed: weight of Cost (it set 2)",
        "Eased: override removed: cell P × Cost (it set likelihood 3)",
    ]
    assert _lines(compare(new, old)) == [
        "Cost: red-line rule removed; it was risk ≥ 20 (blocking sanctions)",
        "Eased: override added: weight of Cost: 2",
        "Eased: override added: cell P × Cost: likelihood 3",
    ]
    # Scripts filter on the action: an override that came or went is added or removed.
    actions = [(c.field, c.action) for c in compare(old, new).changes if c.kind == "scenario"]
    assert actions == [("weight:cost", REMOVED), ("cell:p/cost", REMOVED)]
    actions = [(c.field, c.action) for c in compare(new, old).changes if c.kind == "scenario"]
    assert actions == [("weight:cost", ADDED), ("cell:p/cost", ADDED)]


def test_a_rule_that_comes_or_goes_gives_its_legal_basis(make_doc: DocBuilder) -> None:
    """A changed rule names its legal basis; one added or removed does too, and one without a
    basis reads as before."""
    rule = {"threshold": 20, "reason": "blocking sanctions", "basis": "EO 14024; EU Reg. 833/2014"}
    old = make_doc({"cost": 1.0}, {"p": {"cost": (2, 2)}})
    new = make_doc({"cost": 1.0}, {"p": {"cost": (2, 2)}}, rules={"cost": rule})
    assert _lines(compare(old, new)) == [
        "Cost: red-line rule added: risk ≥ 20 (blocking sanctions); "
        "legal basis EO 14024; EU Reg. 833/2014"
    ]
    assert _lines(compare(new, old)) == [
        "Cost: red-line rule removed; it was risk ≥ 20 (blocking sanctions); "
        "legal basis EO 14024; EU Reg. 833/2014"
    ]
    blank = make_doc({"cost": 1.0}, {"p": {"cost": (2, 2)}}, rules={"cost": rule | {"basis": " "}})
    assert _lines(compare(old, blank)) == [
        "Cost: red-line rule added: risk ≥ 20 (blocking sanctions)"
    ]


def test_overrides_removed_with_their_project_or_criterion_are_not_listed_again(
    make_doc: DocBuilder,
) -> None:
    scenario = {
        "id": "eased",
        "name": "Eased",
        "weight_overrides": {"legal": 2.0},
        "cell_overrides": [
            {"project": "p", "criterion": "cost", "likelihood": 3},
            {"project": "q", "criterion": "cost", "impact": 2},
        ],
    }
    cells = {"p": {"cost": (2, 2), "legal": (1, 1)}, "q": {"cost": (2, 2), "legal": (1, 1)}}
    old = make_doc({"cost": 1.0, "legal": 1.0}, cells, scenarios=[scenario])
    kept = {"p": {"cost": (2, 2)}}
    new = make_doc(
        {"cost": 1.0},
        kept,
        scenarios=[
            scenario | {"weight_overrides": {}, "cell_overrides": scenario["cell_overrides"][:1]}
        ],
    )
    comparison = compare(old, new)
    lines = _lines(comparison)
    assert "project removed: Q" in lines and "criterion removed: Legal" in lines
    assert not any("override removed" in line for line in lines), lines
    # Still rebuilt from the listed and implied changes together.
    rebuilt = apply_changes(old, comparison.changes + comparison.implied)
    assert rebuilt.scenarios[0].weight_overrides == {}
    assert [(o.project, o.criterion) for o in rebuilt.scenarios[0].cell_overrides] == [
        ("p", "cost")
    ]


def test_review_stamps_are_told_only_as_unchanged_texts_marked_reviewed() -> None:
    from rrisk.narrative import stamp_text

    old = _template()
    project_id, criterion_id = _cited(old)
    new = old.model_copy(deep=True)
    moved = new.cells[project_id][criterion_id]
    moved.likelihood, moved.likelihood_low, moved.likelihood_high = 1, None, None  # figures move
    new.summary += " Updated."
    stamp_text(new, "summary")  # an edited text: its new stamp goes with the edit
    stamp_text(new, "recommendation")  # "Mark reviewed" on texts left as they were
    stamp_text(new, f"project:{project_id}")
    stamp_text(new, f"cell:{project_id}:{criterion_id}")
    assert new.narrative_stamps != old.narrative_stamps
    comparison = compare(old, new)
    lines = _lines(comparison)
    assert "summary changed" in lines
    project, criterion = new.project(project_id).name, new.criterion(criterion_id).name
    assert "recommendation: wording unchanged, marked reviewed against the figures" in lines
    assert (
        f"{project}: description and rationale of {criterion}: wording unchanged, marked "
        "reviewed against the figures"
    ) in lines
    assert not any("summary:" in line or "stamp" in line for line in lines)
    assert [c.kind for c in comparison.implied] == ["narrative"]
    assert list(comparison.implied[0].new) == ["summary"]
    # Grouped under its project, the project is not named again.
    assert any(
        line.startswith(f"description and rationale of {criterion}: wording unchanged")
        for line in _lines(comparison, within_project=True)
    )
    # The listed and implied changes together rebuild the stamps.
    replayed = apply_changes(old, [*comparison.changes, *comparison.implied])
    assert replayed.narrative_stamps == new.narrative_stamps
    # A stamp taken from an unchanged text, and only that, still tells the versions apart.
    unmarked = old.model_copy(deep=True)
    del unmarked.narrative_stamps["notes"]
    assert _lines(compare(old, unmarked)) == ["notes: wording unchanged, no longer marked reviewed"]


def test_a_scenario_change_moves_scores_only_when_compared_under_that_scenario() -> None:
    from rrisk.model import Scenario

    old = _template()
    new = old.model_copy(deep=True)
    new.scenarios.append(Scenario(id="stress", name="Stress", weight_overrides={"sanctions": 9}))
    stressed = next(s for s in new.scenarios if s.id != "stress")
    stressed.weight_overrides = {**stressed.weight_overrides, "sanctions": 7.0}
    baseline = compare(old, new)
    scenario_changes = [c for c in baseline.changes if c.kind == "scenario"]
    assert {c.item for c in scenario_changes} == {"stress", stressed.id}
    assert not any(baseline.moves_scores(c) for c in scenario_changes)  # the baseline is as it was
    under = compare(old, new, stressed.id)
    moving = [c for c in under.changes if under.moves_scores(c)]
    assert [(c.item, c.field) for c in moving] == [(stressed.id, "weight:sanctions")]


def test_attached_files_are_compared_by_their_bytes() -> None:
    from rrisk.compare import attachment_changes

    old = _template()
    same = {"a.pdf": b"1", "b.pdf": b"2", "c.pdf": b"3"}
    edited = {"a.pdf": b"1", "b.pdf": b"2*", "d.pdf": b"4"}
    assert attachment_changes(same, edited) == [
        ("b.pdf", "changed"),
        ("c.pdf", "removed"),
        ("d.pdf", "added"),
    ]
    comparison = compare(old, old, attachments=(same, edited))
    assert comparison.changes == [] and comparison.differs
    assert comparison.as_dict()["attachments"][0] == {"name": "b.pdf", "action": "changed"}
    assert not compare(old, old, attachments=(same, dict(same))).differs
    assert compare(old, old).attachments == []  # documents alone: nothing to say of files


def test_a_territory_rule_set_aside_is_told_under_its_project() -> None:
    from rrisk.compare.wording import Namer, describe, grouped
    from rrisk.screening.decisions import TerritoryOverride

    old = _template()
    new = old.model_copy(deep=True)
    project = next(p for p in new.projects if "Zaporizhzhia" in p.name)
    new.screening.territory_overrides.append(
        TerritoryOverride(project=project.id, territory="Zaporizhzhia", justification="x")
    )
    comparison = compare(old, new)
    [(title, project_id, [change])] = grouped(comparison)
    assert (title, project_id) == (project.name, project.id)
    assert (change.kind, change.field) == ("project", "screening") and change.affects_scores
    line = describe(change, Namer(comparison), within_project=True)
    assert line == "screening: territory rule Zaporizhzhia set aside"


def test_a_project_moved_out_of_a_territory_says_its_rule_is_no_longer_set_aside() -> None:
    """The app removes a project's override when its region changes: the change read
    "territory rule crimea restored", by the rule's id, of a project the rule no longer
    reaches."""
    from rrisk.compare.wording import Namer, describe, grouped
    from rrisk.screening.decisions import TerritoryOverride

    old = _template()
    project = next(p for p in old.projects if p.id == "allied-separation-plant")
    project.region = "Crimea"
    old.screening.territory_overrides.append(
        TerritoryOverride(project=project.id, territory="crimea", justification="Office only")
    )
    new = old.model_copy(deep=True)
    next(p for p in new.projects if p.id == project.id).region = "Lviv"
    new.screening.territory_overrides = []
    comparison = compare(old, new)
    [(_title, _project_id, changes)] = grouped(comparison)
    lines = [describe(change, Namer(comparison), within_project=True) for change in changes]
    assert (
        "screening: territory rule Crimea (Autonomous Republic of Crimea) no longer set aside"
        in lines
    )


def test_a_hit_decided_again_is_no_change_and_a_decision_on_no_project_is_still_listed() -> None:
    from rrisk.compare.wording import Namer, describe, grouped
    from rrisk.screening.decisions import HitDecision

    old = _template()
    decisions = old.screening.decisions
    project = next(
        d.project for d in decisions if sum(e.project == d.project for e in decisions) > 1
    )
    new = old.model_copy(deep=True)
    first = next(d for d in new.screening.decisions if d.project == project)
    new.screening.decisions.remove(first)
    new.screening.decisions.append(first)  # as the app re-appends a hit decided again
    assert compare(old, new).changes == []
    ghost = HitDecision(
        project="ghost", counterparty="Rosneft", entry_id="e1", decision="confirmed"
    )
    new.screening.decisions.append(ghost)
    comparison = compare(old, new)
    [(title, project_id, [change])] = grouped(comparison)
    assert (title, project_id) == ("ghost", "ghost")
    assert describe(change, Namer(comparison), True) == "screening: hit Rosneft = e1 confirmed"


def test_a_re_quoted_link_carries_each_sides_grade_and_names_what_moved() -> None:
    from rrisk.cells import Evidence
    from rrisk.compare_cli import csv_rows
    from rrisk.text import page_label

    old = _template()
    project_id, criterion_id = _cited(old, 1)
    link = old.cells[project_id][criterion_id].evidence[0]
    source = old.source(link.source)
    assert source is not None
    new = old.model_copy(deep=True)
    regraded = new.source(link.source)
    assert regraded is not None
    regraded.reliability = "E" if source.reliability != "E" else "D"
    regraded.credibility = 5 if source.credibility != 5 else 4
    links = new.cells[project_id][criterion_id].evidence
    links[0] = Evidence(link.source, link.quote + " (revised)", link.page + "0")
    comparison = compare(old, new)
    requoted = next(c for c in comparison.changes if c.kind == "evidence")
    assert requoted.field == "quote, page"
    line = next(line for line in _lines(comparison) if "evidence re-quoted" in line)
    before, _, after = line.partition(" → ")
    assert f"[{source.grade}]" in before and f"[{regraded.grade}]" not in before
    assert after.startswith(f"[{regraded.grade}] “")
    row = next(row for row in csv_rows(comparison) if row[0] == "change:evidence")
    assert row[4] == "quote, page"
    # Only the page moved: the field says so, and an unregraded source prints no new grade.
    new_page = old.model_copy(deep=True)
    new_page.cells[project_id][criterion_id].evidence[0] = Evidence(
        link.source, link.quote, link.page + "0"
    )
    comparison = compare(old, new_page)
    assert [c.field for c in comparison.changes] == ["page"]
    [line] = _lines(comparison)
    assert line.split(" → ")[1] == page_label(link.page + "0")
    assert apply_changes(old, comparison.changes).cells == new_page.cells


def test_items_that_share_a_name_are_told_apart_by_their_ids(make_doc: DocBuilder) -> None:
    """A criterion given a new id under its old name is a removal and an addition (as
    documented); the two lines name it with each id, or the reader sees "Cost" go and come."""
    from rrisk.compare.words import Namer
    from rrisk.compare_cli import table

    old = make_doc({"cost": 1.0, "sanctions": 1.0}, {"a": {"cost": (2, 2), "sanctions": (3, 3)}})
    new = make_doc(
        {"cost-2": 1.0, "sanctions": 1.0}, {"a": {"cost-2": (2, 2), "sanctions": (3, 3)}}
    )
    for doc in (old, new):
        for criterion in doc.criteria:
            criterion.name = criterion.name if criterion.id == "sanctions" else "Cost"
    comparison = compare(old, new)
    names = Namer(comparison)
    assert names("criterion", "cost") == "Cost (cost)"
    assert names("criterion", "cost-2") == "Cost (cost-2)"
    assert names("criterion", "sanctions") == new.criterion("sanctions").name  # no id: unique
    text = table(comparison, "old.rrisk", "new.rrisk")
    assert "Cost (cost)" in text and "Cost (cost-2)" in text


def test_a_weight_share_under_a_scenario_says_whose_weight_moved() -> None:
    """Under a scenario, a weight the scenario sets is not the criterion's own: the share says
    so, as it came, stayed or went."""
    from rrisk.compare.wording import contribution_text
    from rrisk.compare.words import Namer
    from rrisk.model import Scenario

    old = _template()
    old.scenarios = [Scenario(id="s", name="S", weight_overrides={"market-access": 2.0})]
    new = old.model_copy(deep=True)
    new.scenarios = [
        Scenario(id="s", name="S", weight_overrides={"market-access": 4.0, "sanctions": 6.0})
    ]
    for criterion in new.criteria:
        if criterion.id == "extraction-cost":
            criterion.weight = criterion.weight + 2  # the criterion's own weight
    comparison = compare(old, new, "s")
    names = Namer(comparison)
    texts = {
        c.criterion: contribution_text(c, names)
        for effect in comparison.effects
        for c in effect.contributions
        if c.source == "weight"
    }
    assert texts["market-access"].endswith("scenario weight 2 → 4")
    assert texts["sanctions"].endswith("(set by the scenario)")
    assert "scenario" not in texts["extraction-cost"]
    reverse = compare(new, old, "s")
    names = Namer(reverse)
    gone = [
        contribution_text(c, names)
        for effect in reverse.effects
        for c in effect.contributions
        if c.source == "weight" and c.criterion == "sanctions"
    ]
    assert gone and all(text.endswith("(the scenario no longer sets it)") for text in gone)
    baseline = Namer(compare(old, new))
    assert all(
        "scenario" not in contribution_text(c, baseline)
        for effect in compare(old, new).effects
        for c in effect.contributions
    )


def test_an_override_that_sets_nothing_says_so() -> None:
    """A row added in Editors → Scenarios and not filled in printed "override added: cell …: "
    with nothing after it, and the memo counted it (and a note alone) as restating the
    baseline."""
    from reports.sections_back import _changes_text
    from rrisk.compare_cli import table
    from rrisk.model import CellOverride
    from rrisk.templates import new_from_template

    old = new_from_template("russia-rare-earths")
    new = old.model_copy(deep=True)
    scenario = new.scenarios[0]
    before = _changes_text(new, scenario)
    criterion = new.criteria[0].id
    scenario.cell_overrides.append(CellOverride(project=new.projects[0].id, criterion=criterion))
    scenario.cell_overrides.append(
        CellOverride(project=new.projects[1].id, criterion=criterion, note="to check")
    )
    assert _changes_text(new, scenario) == before
    text = table(compare(old, new), "old.rrisk", "new.rrisk")
    added = [line for line in text.splitlines() if "override added" in line]
    assert len(added) == 2, text
    assert added[0].rstrip().endswith(": nothing set")
    assert added[1].rstrip().endswith("note to check (sets nothing)")


def test_names_alike_in_either_version_are_told_apart_by_their_ids(make_doc: DocBuilder) -> None:
    """Two projects that swapped names, and a name written once with a precomposed é and
    once with e and a combining accent: each is printed with its id, as names alike are."""
    from rrisk.compare.wording import Namer, describe

    cells = {"tomtor": {"cost": (2, 3)}, "seligdar": {"cost": (3, 3)}, "chuk": {"cost": (1, 2)}}
    old = make_doc(
        {"cost": 1.0},
        cells,
        names={"tomtor": "Tomtor", "seligdar": "Seligdar", "chuk": "Chuktuk\u00f3n"},
    )
    new = make_doc(
        {"cost": 1.0},
        cells,
        names={"tomtor": "Seligdar", "seligdar": "Tomtor", "chuk": "Chuktuko\u0301n"},
    )
    comparison = compare(old, new)
    names = Namer(comparison)
    assert names("project", "tomtor") == "Seligdar (tomtor)"
    assert names("project", "seligdar") == "Tomtor (seligdar)"
    lines = [describe(change, names) for change in comparison.changes]
    assert "project renamed: Tomtor → Seligdar" in lines
    # Alike on screen: the line says why it is there at all.
    assert (
        "project renamed: Chuktuk\u00f3n → Chuktuko\u0301n (the same on screen, written with "
        "other Unicode characters)"
    ) in lines


def test_an_override_that_sets_nothing_marks_no_cell(make_doc: DocBuilder) -> None:
    """A blank override added in the app is listed ("nothing set"), but changes no cell of
    the view, so the comparison gives it no cell to mark."""
    scenario = {"id": "s", "name": "S", "cell_overrides": []}
    old = make_doc({"cost": 1.0}, {"p": {"cost": (2, 3)}}, scenarios=[scenario])
    blank = {"project": "p", "criterion": "cost"}
    new = make_doc(
        {"cost": 1.0},
        {"p": {"cost": (2, 3)}},
        scenarios=[{**scenario, "cell_overrides": [blank]}],
    )
    comparison = compare(old, new, scenario="s")
    assert any(change.kind == "scenario" for change in comparison.changes)
    assert comparison.override_changes() == []
    set_one = make_doc(
        {"cost": 1.0},
        {"p": {"cost": (2, 3)}},
        scenarios=[{**scenario, "cell_overrides": [{**blank, "likelihood": 5}]}],
    )
    assert [key for key, _ in compare(old, set_one, scenario="s").override_changes()] == [
        ("p", "cost")
    ]


def test_a_scenario_of_the_same_name_under_another_id_is_not_compared_with(
    make_doc: DocBuilder,
) -> None:
    """Matched by name, the two scenarios were compared and the index moves credited to
    cell changes no line listed (the change list held only "removed" and "added"); the app,
    matching by id, said the earlier version lacks it. Both now say so."""
    cells = {"p": {"cost": (2, 2)}}
    old = make_doc({"cost": 1.0}, cells, scenarios=[{"id": "eased", "name": "Sanctions eased"}])
    override = {"project": "p", "criterion": "cost", "likelihood": 5, "impact": 5}
    new = make_doc(
        {"cost": 1.0},
        cells,
        scenarios=[{"id": "eased2", "name": "Sanctions eased", "cell_overrides": [override]}],
    )
    with pytest.raises(ScenarioError, match=r"^old: its scenario 'Sanctions eased' is another"):
        compare(old, new, "Sanctions eased", old_label="old", new_label="new")
    # The app's comparison then compares under the baseline, and says why.
    from rrisk.compare import compare_or_baseline

    assert compare_or_baseline(old, new, "Sanctions eased").scenario is None


def test_versions_without_projects_say_so_under_results(make_doc: DocBuilder) -> None:
    from rrisk.compare_cli import table

    old = make_doc({"cost": 1.0})
    new = make_doc({"cost": 5.0})
    text = table(compare(old, new), "old.rrisk", "new.rrisk")
    assert "Results\n  no project in either version\n" in text
    assert "rank  project" not in text


def test_a_cell_share_under_a_scenario_says_the_scenario_set_its_scores() -> None:
    """Under a scenario, a cell whose scores the scenario sets moved by the scenario's
    override, not by an edit of the cell: its share read 'cell 4×4 = 16 → 2×4 = 8' as if the
    cell had been edited, where a weight's said the scenario's (the report, the view and the
    memo print this line)."""
    from rrisk.compare_cli import table
    from rrisk.model import CellOverride, Scenario

    old = _template()
    old.scenarios = [
        Scenario(
            id="s",
            name="S",
            cell_overrides=[
                CellOverride(project="chuktukon", criterion="market-access", likelihood=4),
            ],
        )
    ]
    new = old.model_copy(deep=True)
    new.scenarios[0].cell_overrides = [
        CellOverride(project="chuktukon", criterion="market-access", likelihood=2),
        CellOverride(project="seligdar", criterion="market-access", impact=1),
    ]
    new.cells["pikalevo-gallium"]["market-access"].likelihood = 1  # the cell's own edit
    text = table(compare(old, new, "s"), "old.rrisk", "new.rrisk")
    assert "Market access and offtake: scenario cell 4×" in text
    assert "×1 = " in text and "(set by the scenario)" in text
    (own,) = [line for line in text.splitlines() if "Market access" in line and "1×" in line]
    assert "scenario" not in own, own
    back = table(compare(new, old, "s"), "new.rrisk", "old.rrisk")
    assert "(the scenario no longer sets it)" in back


def test_a_hit_decided_on_another_list_says_which_list() -> None:
    """Decisions on entry 1 of two in-house lists are two decisions: the one added on the
    second list read "screening: changed", compared with the first list's."""
    from rrisk.compare.wording import Namer, describe, grouped
    from rrisk.screening.decisions import HitDecision

    old = _template()
    project = old.projects[0]

    def decision(list_name: str, verdict: str) -> HitDecision:
        return HitDecision(
            project=project.id,
            counterparty="Acme  Holdings",
            list_name=list_name,
            entry_id="1",
            entry_name="ACME",
            decision=verdict,  # type: ignore[arg-type]
        )

    old.screening.decisions.append(decision("In-house A", "confirmed"))
    new = old.model_copy(deep=True)
    new.screening.decisions.append(decision("In-house B", "dismissed"))
    comparison = compare(old, new)
    [(_title, _project_id, [change])] = grouped(comparison)
    line = describe(change, Namer(comparison), within_project=True)
    assert line == "screening: hit Acme Holdings = ACME on In-house B dismissed"


def test_a_hit_confirmed_again_under_other_programmes_names_them() -> None:
    """The programmes a confirmed hit records are its red line's basis: confirmed again
    under others, the line said the decision was "reworded"."""
    from rrisk.compare.wording import Namer, describe, grouped
    from rrisk.screening.decisions import HitDecision

    old = _template()
    old.screening.decisions.append(
        HitDecision(
            project=old.projects[0].id,
            counterparty="Acme",
            entry_id="1",
            entry_name="ACME",
            decision="confirmed",
            sanctions=["US OFAC SDN"],
        )
    )
    new = old.model_copy(deep=True)
    new.screening.decisions[-1].sanctions = ["US OFAC SDN", "EU 833/2014"]
    comparison = compare(old, new)
    [(_title, _project_id, [change])] = grouped(comparison)
    line = describe(change, Namer(comparison), within_project=True)
    assert line == (
        "screening: decision on Acme = ACME: programmes US OFAC SDN → US OFAC SDN, EU 833/2014"
    )


def test_a_confirmed_hit_set_aside_as_no_red_line_says_why() -> None:
    """A reason why a confirmed hit is not a red line clears the red line it made (and
    removed, sets it again): the line said the decision was "reworded"."""
    from rrisk.compare.wording import Namer, describe, grouped

    old = _template()
    new = old.model_copy(deep=True)
    decision = next(d for d in new.screening.decisions if d.counterparty == "Rosneft")
    decision.no_red_line_reason = "Licence GL-8 covers the offtake"
    lines = []
    for first, second in ((old, new), (new, old)):
        comparison = compare(first, second)
        [(_title, _project_id, [change])] = grouped(comparison)
        lines.append(describe(change, Namer(comparison), within_project=True))
    assert lines == [
        "screening: decision on Rosneft = Rosneft: why not a red line — → Licence GL-8 covers "
        "the offtake",
        "screening: decision on Rosneft = Rosneft: why not a red line Licence GL-8 covers the "
        "offtake → —",
    ]
    # A reason reworded changes no red line: said reworded, as a note is.
    again = new.model_copy(deep=True)
    next(
        d for d in again.screening.decisions if d.counterparty == "Rosneft"
    ).no_red_line_reason = "Licence GL-8 covers it"
    comparison = compare(new, again)
    [(_title, _project_id, [change])] = grouped(comparison)
    assert describe(change, Namer(comparison), within_project=True) == (
        "screening: decision on Rosneft = Rosneft reworded"
    )


def test_a_reworded_rubric_says_which_steps() -> None:
    from rrisk.compare.wording import Namer, describe, grouped

    old = _template()
    new = old.model_copy(deep=True)
    rubric = new.criteria[0].rubric
    rubric.likelihood[4] = "Designation announced"
    rubric.impact[0] = rubric.impact[0] + " (any size)"
    comparison = compare(old, new)
    [(_title, _project_id, [change])] = grouped(comparison)
    line = describe(change, Namer(comparison))
    assert line.startswith(f"{new.criteria[0].name}: rubric: likelihood 5 ")
    assert "→ Designation announced; impact 1 " in line and line.endswith(" (any size)")


def test_a_hit_decided_again_on_one_of_two_lists_is_no_change() -> None:
    """The app re-appends a hit decided again; decided on two lists, that put the other
    list's decision first, which changes nothing (each list finds its own), and read
    "screening: changed"."""
    from rrisk.screening.decisions import HitDecision

    old = _template()
    for list_name, verdict in (("In-house A", "confirmed"), ("In-house B", "dismissed")):
        old.screening.decisions.append(
            HitDecision(
                project=old.projects[0].id,
                counterparty="Acme",
                list_name=list_name,
                entry_id="1",
                decision=verdict,  # type: ignore[arg-type]
            )
        )
    new = old.model_copy(deep=True)
    new.screening.decisions.append(new.screening.decisions.pop(-2))
    assert compare(old, new).changes == []


def test_a_long_clipped_text_is_not_kept_in_memory() -> None:
    """Clipped texts were all remembered for as long as the app ran: a comparison's or a
    memo's quotes and rationales of up to 20,000 characters, thousands of them, stayed in
    memory after their documents were closed. Only short texts (names, pages) are."""
    import sys

    from rrisk.compare.words import clip

    quote = "Компания заявила, что санкции не повлияют на проект. " * 300
    held = sys.getrefcount(quote)
    assert clip(quote).startswith("Компания заявила") and clip(quote).endswith("…")
    assert sys.getrefcount(quote) == held
    assert clip("  Tomtor   mine ") == "Tomtor mine"


def test_a_version_sharing_no_project_or_criterion_looks_like_another_assessment() -> None:
    from rrisk.compare import unrelated_problem
    from rrisk.model import Assessment, Criterion, Project

    def doc(projects: list[str], criteria: list[str]) -> Assessment:
        return Assessment(
            title="t",
            projects=[Project(id=p, name=p) for p in projects],
            criteria=[Criterion(id=c, name=c) for c in criteria],
        )

    found = unrelated_problem(doc(["a"], ["b"]), doc(["c"], ["d"]), "june.rrisk")
    assert found is not None and found.startswith("june.rrisk shares no project or criterion")
    assert unrelated_problem(doc(["a"], ["b"]), doc(["c"], ["b"]), "june.rrisk") is None
    assert unrelated_problem(doc(["a"], []), doc(["a", "c"], ["d"]), "june.rrisk") is None
    assert unrelated_problem(doc([], []), doc(["c"], ["d"]), "june.rrisk") is None  # built anew
    assert unrelated_problem(doc(["a"], ["b"]), doc([], []), "june.rrisk") is None  # emptied
