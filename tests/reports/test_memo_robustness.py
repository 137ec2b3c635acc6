"""The memo's uncertainty and sensitivity content checked against the core's own figures."""

from __future__ import annotations

import math
import re

import pytest
from memo_fixtures import MARKUP_NAME, memo_document_data
from pdfread import ReadMemo

from reports.memo import MemoCancelled, build_memo
from rrisk.analysis import DEFAULT_RUNS, DEFAULT_SEED, monte_carlo, rank_reversals, tornado
from rrisk.model import parse_assessment
from rrisk.scoring import score
from rrisk.templates import new_from_template

TEMPLATE = "russia-rare-earths"
REVERSAL_SCENARIO = "china-export-controls"
"""A template scenario in which one weight change can put another project first."""


def page_starting_with(memo: ReadMemo, title: str) -> str:
    return next(page for page in memo.pages if page.startswith(title))


def one_decimal(value: float) -> str:
    return f"{value:.1f}"


def weight_text(weight: float) -> str:
    return f"{weight:.2f}".rstrip("0").rstrip(".") or "0"


def reaching_text(new_weight: float, weight: float) -> str:
    """The new weight to two decimals, rounded away from the current weight (so that it
    reverses)."""
    hundredths = new_weight * 100
    rounded = math.ceil(hundredths - 1e-9) if new_weight > weight else math.floor(hundredths + 1e-9)
    return weight_text(rounded / 100)


@pytest.fixture(scope="module")
def fixture_memo() -> ReadMemo:
    return ReadMemo(build_memo(parse_assessment(memo_document_data())))


@pytest.fixture(scope="module")
def template_memo() -> ReadMemo:
    return ReadMemo(build_memo(new_from_template(TEMPLATE)))


@pytest.fixture(scope="module")
def reversal_memo() -> ReadMemo:
    return ReadMemo(build_memo(new_from_template(TEMPLATE), REVERSAL_SCENARIO))


def test_new_sections_are_printed_after_the_ranking(fixture_memo):
    starts = {
        title: next(i for i, page in enumerate(fixture_memo.pages) if page.startswith(title))
        for title in ("Ranking", "Uncertainty", "Sensitivity", "Heat map: projects × criteria")
    }
    assert list(starts.values()) == sorted(starts.values())
    uncertainty = page_starting_with(fixture_memo, "Uncertainty")
    assert "Range of the risk index" in uncertainty
    assert "Probability of each rank" in uncertainty
    sensitivity = page_starting_with(fixture_memo, "Sensitivity")
    assert "Index as each weight varies" in sensitivity
    assert "Leader: Chuktukon" in sensitivity
    assert f"Runner-up: {MARKUP_NAME}" in sensitivity  # user text printed, never parsed


@pytest.mark.parametrize(
    ("make", "scenario"),
    [
        (lambda: parse_assessment(memo_document_data()), None),
        (lambda: parse_assessment(memo_document_data()), "eased"),
        (lambda: new_from_template(TEMPLATE), None),
    ],
)
def test_lead_sentence_names_the_top_project_with_the_core_share(make, scenario):
    document = make()
    memo = ReadMemo(build_memo(document, scenario))
    result = monte_carlo(document, scenario)
    top = score(document, scenario).ranking()[0]
    share = result.rank_probability[result.project_ids.index(top.id), 0]
    percent = round(share * 100)
    assert 1 <= percent <= 99 or share in (0.0, 1.0)  # a plain figure, not "<1%" or ">99%"
    lead = f"{top.name} ranks first in {percent}% of {DEFAULT_RUNS:,} runs."
    assert page_starting_with(memo, "Uncertainty").startswith(f"Uncertainty {lead}")


def test_ranking_table_prints_the_core_p10_p90(fixture_memo, template_memo):
    for memo, document in (
        (fixture_memo, parse_assessment(memo_document_data())),
        (template_memo, new_from_template(TEMPLATE)),
    ):
        ranking = page_starting_with(memo, "Ranking")
        result = monte_carlo(document)
        assert (result.runs, result.seed) == (DEFAULT_RUNS, DEFAULT_SEED)
        ranked = [p for p in score(document).ranking() if p.rank is not None]
        assert ranked
        for project in ranked:
            row = result.project_ids.index(project.id)
            interval = f"{one_decimal(result.p10[row])}–{one_decimal(result.p90[row])}"
            expected = f"{project.rank} {project.name} {one_decimal(project.index)} {interval} "
            assert re.sub(r"\s+", " ", expected) in ranking, expected


def test_interval_chart_and_rank_table_use_the_core_figures(fixture_memo):
    document = parse_assessment(memo_document_data())
    result = monte_carlo(document)
    page = page_starting_with(fixture_memo, "Uncertainty")
    for project in document.projects:
        row = result.project_ids.index(project.id)
        interval = f"{one_decimal(result.p10[row])}–{one_decimal(result.p90[row])}"
        assert f"{project.name} {interval}" in page
    chuktukon = result.project_ids.index("chuktukon")
    first, second = (round(result.rank_probability[chuktukon, k] * 100) for k in (0, 1))
    assert f"1 Chuktukon {first}% {second}% – –" in page
    # Lovozero's analyst red line excludes it in every run: shown in the Excluded column.
    assert "— Lovozero – – – 100%" in page
    assert f"{DEFAULT_RUNS:,} runs with the fixed seed {DEFAULT_SEED}" in page
    assert f"{result.weak_cells} cells have no range and drew the default ±1" in page


def test_no_reversal_sentence_matches_the_core(template_memo):
    document = new_from_template(TEMPLATE)
    top, reversals = rank_reversals(document)
    assert reversals == []
    ceiling = weight_text(4 * max(c.weight for c in document.criteria))
    name = next(p.name for p in document.projects if p.id == top)
    expected = (
        f"No single weight change from 0 to {ceiling} (4× the largest weight) displaces {name} "
        "from first place."
    )
    assert expected in page_starting_with(template_memo, "Sensitivity")


def test_reversal_sentence_and_table_match_the_core(reversal_memo):
    document = new_from_template(TEMPLATE)
    top, reversals = rank_reversals(document, REVERSAL_SCENARIO)
    assert reversals
    nearest = reversals[0]
    names = {p.id: p.name for p in document.projects}
    criterion = next(c.name for c in document.criteria if c.id == nearest.criterion)
    expected = (
        f"Moving the weight of {criterion} from {weight_text(nearest.weight)} to "
        f"{reaching_text(nearest.new_weight, nearest.weight)} would put {names[nearest.new_top]} first in place "
        f"of {names[top]}."
    )
    sensitivity = page_starting_with(reversal_memo, "Sensitivity")
    assert expected in sensitivity
    summary = page_starting_with(reversal_memo, "Executive summary")
    reaching = reaching_text(nearest.new_weight, nearest.weight)
    assert f"from {weight_text(nearest.weight)} to {reaching}" in summary


def test_tornado_prints_the_core_values_for_the_two_leaders(fixture_memo):
    document = parse_assessment(memo_document_data())
    data = tornado(document)
    page = page_starting_with(fixture_memo, "Sensitivity")
    ranking = score(document).ranking()
    for project in ranking[:2]:
        row = data.project_ids.index(project.id)
        assert f"as weighted: {one_decimal(data.base[row])}" in page
        for criterion_id, _low, _high in data.bars(project.id):
            column = data.criterion_ids.index(criterion_id)
            if document.cell(project.id, criterion_id) is None:
                continue  # printed as "not assessed"
            for value in (data.at_zero[row, column], data.at_double[row, column]):
                assert one_decimal(value) in page
    assert "C2 Market access weight 2, varied 0 to 4 not assessed for this project" in page


def test_outline_has_the_new_sections(fixture_memo):
    outline = fixture_memo.outline()
    entries = {(level, title) for level, title, _ in outline}
    for expected in (
        (0, "Uncertainty"),
        (1, "Range of the risk index"),
        (1, "Probability of each rank"),
        (0, "Sensitivity"),
        (1, "Index as each weight varies"),
        (2, "Leader: Chuktukon"),
        (2, f"Runner-up: {MARKUP_NAME}"),
        (1, "Uncertainty and sensitivity"),
    ):
        assert expected in entries, expected
    for level, title, page in outline:
        if level == 0 and title in ("Uncertainty", "Sensitivity"):
            assert fixture_memo.pages[page].startswith(title)


def test_methodology_states_the_monte_carlo_and_sensitivity_rules(fixture_memo):
    text = fixture_memo.text
    for expected in (
        "triangular distribution whose bounds are the cell's low and high",
        "only sources graded D–F for reliability or 4–6 for credibility",
        "is drawn from ±1 around its scores, within 1–5",
        f"{DEFAULT_RUNS:,} runs with the fixed seed {DEFAULT_SEED}",
        "with that criterion's weight set to 0 and doubled",
        "searched from 0 to 4× the largest weight",
    ):
        assert expected in text, expected


def test_summary_states_how_firmly_the_leader_holds(template_memo):
    summary = page_starting_with(template_memo, "Executive summary")
    assert (
        f"It ranks first in 100% of {DEFAULT_RUNS:,} Monte Carlo runs, and no single weight "
        "change displaces it." in summary
    )


def test_many_projects_chart_is_capped_but_table_is_complete():
    data = memo_document_data()
    data["projects"] = [{"id": f"p{i}", "name": f"Deposit {i:02d}"} for i in range(40)]
    data["cells"] = {
        f"p{i}": {
            "sanctions": {"likelihood": 1 + i % 5, "impact": 2},
            "market": {"likelihood": 2, "impact": 1 + i % 4},
        }
        for i in range(40)
    }
    data["scenarios"] = []
    document = parse_assessment(data)
    memo = ReadMemo(build_memo(document))
    assert "The first 25 projects in ranking order are shown; the P10–P90 of all 40" in memo.text
    result = monte_carlo(document)
    ranking_pages = " ".join(p for p in memo.pages if "Risk index P10–P90 Band" in p)
    for project in score(document).ranking():
        row = result.project_ids.index(project.id)
        interval = f"{one_decimal(result.p10[row])}–{one_decimal(result.p90[row])}"
        assert f"{project.name} {one_decimal(project.index)} {interval}" in ranking_pages


def test_progress_reports_the_analysis_stages():
    stages: list[tuple[int, str]] = []
    build_memo(
        parse_assessment(memo_document_data()),
        progress=lambda percent, stage: stages.append((percent, stage)),
    )
    labels = [stage for _, stage in stages]
    runs = labels.index(f"Uncertainty: {DEFAULT_RUNS:,} of {DEFAULT_RUNS:,} runs")
    assert labels.index("Uncertainty: Monte Carlo runs") < runs
    assert runs < labels.index("Sensitivity: tornado and rank reversal")
    assert labels.index("Sensitivity: tornado and rank reversal") < labels.index("Composing: Cover")
    percents = [percent for percent, _ in stages]
    assert percents == sorted(percents)


def test_cancel_during_the_monte_carlo_run_stops_the_build():
    stages: list[str] = []
    asked_while_running: list[bool] = []

    def cancelled() -> bool:
        running = bool(stages) and stages[-1] == "Uncertainty: Monte Carlo runs"
        if running:
            asked_while_running.append(True)
        return running

    with pytest.raises(MemoCancelled):
        build_memo(
            parse_assessment(memo_document_data()),
            progress=lambda _percent, stage: stages.append(stage),
            cancelled=cancelled,
        )
    assert asked_while_running  # the core's own cancel check was consulted
    assert not any(stage.startswith("Sensitivity") for stage in stages)


def test_template_memo_is_byte_identical_across_builds():
    document = new_from_template(TEMPLATE)
    first = build_memo(document, REVERSAL_SCENARIO)
    assert build_memo(new_from_template(TEMPLATE), REVERSAL_SCENARIO) == first
    assert build_memo(document) != first


def test_blank_assessment_says_there_is_nothing_to_analyse():
    memo = ReadMemo(build_memo(parse_assessment({})))
    assert "The assessment has no projects: there is nothing to analyse." in memo.text
    assert "No project is ranked, so the ranking has no top for a weight change to alter." in (
        memo.text
    )
