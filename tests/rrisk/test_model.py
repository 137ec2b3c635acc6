"""The document model: valid documents parse, and every refusal names the field and where."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from rrisk.errors import DocumentError
from rrisk.model import (
    Assessment,
    Cell,
    Evidence,
    assessment_to_data,
    parse_assessment,
    validate_assessment,
)

ID_RULE = (
    "is not a valid id (lower-case letters a–z, digits, '_', '.', '-', beginning with a letter "
    "or digit; at most 64 characters)"
)


def problem(data: Any) -> str:
    """The message of the DocumentError that parsing ``data`` raises."""
    with pytest.raises(DocumentError) as caught:
        parse_assessment(data)
    return str(caught.value)


def cell(data: dict[str, Any], project: str = "tomtor", criterion: str = "sanctions") -> dict:
    return data["cells"][project][criterion]


def test_rich_document_parses_and_lookups_work(rich_data: dict[str, Any]) -> None:
    doc = parse_assessment(rich_data)
    assert doc.project("tomtor").alt_names == ["Томтор"]
    assert doc.criterion("sanctions").red_line_rule is not None
    assert doc.source("kommersant").grade == "C3"
    assert doc.scenario("eased").name == "Sanctions eased"
    assert doc.scenario("SANCTIONS EASED").id == "eased"
    assert doc.cell("tomtor", "sanctions").risk == 12  # 3 × 4
    assert doc.cell("tomtor", "nowhere") is None
    assert sorted((p, c) for p, c, _ in doc.iter_cells()) == [
        ("lovozero", "cost"),
        ("lovozero", "sanctions"),
        ("tomtor", "cost"),
        ("tomtor", "sanctions"),
    ]
    for lookup in (doc.project, doc.criterion, doc.source, doc.scenario):
        with pytest.raises(KeyError):
            lookup("missing")


def test_cell_is_assessed_only_with_both_scores() -> None:
    assert Cell(likelihood=2, impact=5).assessed
    assert Cell(likelihood=2, impact=5).risk == 10
    for half in (Cell(likelihood=2), Cell(impact=5), Cell()):
        assert not half.assessed
        assert half.risk is None


def test_data_carries_defaults_so_files_are_self_describing() -> None:
    data = assessment_to_data(parse_assessment({"criteria": [{"id": "a", "name": "A"}]}))
    assert data["classification"] == "Confidential"
    assert data["criteria"][0]["weight"] == 1.0
    assert data["criteria"][0]["rubric"] == {"likelihood": [""] * 5, "impact": [""] * 5}
    assert parse_assessment(data) == parse_assessment({"criteria": [{"id": "a", "name": "A"}]})


def test_not_an_object_is_refused() -> None:
    assert problem([1, 2]) == "the document is not a JSON object"
    assert problem("text") == "the document is not a JSON object"


# Each case breaks one value of the rich document and gives the whole expected message.
CASES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "likelihood above 5",
        lambda d: cell(d).update(likelihood=7),
        "project 'tomtor', criterion 'sanctions': likelihood 7 is outside 1–5",
    ),
    (
        "impact below 1",
        lambda d: cell(d, "lovozero").update(impact=0),
        "project 'lovozero', criterion 'sanctions': impact 0 is outside 1–5",
    ),
    (
        "range bound outside 1-5",
        lambda d: cell(d).update(impact_high=6),
        "project 'tomtor', criterion 'sanctions': impact high 6 is outside 1–5",
    ),
    (
        "low above mode",
        lambda d: cell(d).update(likelihood_low=4),
        "project 'tomtor', criterion 'sanctions': likelihood low 4 is above the likelihood 3",
    ),
    (
        "high below mode",
        lambda d: cell(d).update(impact_high=3),
        "project 'tomtor', criterion 'sanctions': impact high 3 is below the impact 4",
    ),
    (
        "low above high without a mode",
        lambda d: d["cells"]["tomtor"].update(cost={"likelihood_low": 4, "likelihood_high": 2}),
        "project 'tomtor', criterion 'cost': likelihood range 4–2 has low above high",
    ),
    (
        "unknown cell field",
        lambda d: cell(d).update(colour="red"),
        "project 'tomtor', criterion 'sanctions': unknown field 'colour'",
    ),
    (
        "unknown top-level field",
        lambda d: d.update(titel="typo"),
        "unknown field 'titel'",
    ),
    (
        "unknown project field",
        lambda d: d["projects"][1].update(owner="x"),
        "project 'lovozero': unknown field 'owner'",
    ),
    (
        "bad criterion id",
        lambda d: d["criteria"][1].update(id="Cost Overrun"),
        f"criterion 'Cost Overrun': id 'Cost Overrun' {ID_RULE}",
    ),
    (
        "project id with an accented letter",
        lambda d: d["projects"][1].update(id="mine-ä"),
        f"project 'mine-ä': id 'mine-ä' {ID_RULE}",
    ),
    (
        "project id beginning with a hyphen",
        lambda d: d["projects"][1].update(id="-mine"),
        f"project '-mine': id '-mine' {ID_RULE}",
    ),
    (
        "duplicate project id",
        lambda d: d["projects"].append({"id": "tomtor", "name": "Tomtor again"}),
        "project id 'tomtor' is used twice",
    ),
    (
        "duplicate source id",
        lambda d: d["sources"].append({"id": "kommersant", "title": "Again"}),
        "source id 'kommersant' is used twice",
    ),
    (
        "dangling evidence source",
        lambda d: cell(d)["evidence"].append({"source": "tass"}),
        "project 'tomtor', criterion 'sanctions': evidence source 'tass' does not exist",
    ),
    (
        "cells of an unknown project",
        lambda d: d["cells"].update(ghost={}),
        "cells: project 'ghost' does not exist",
    ),
    (
        "cell of an unknown criterion",
        lambda d: d["cells"]["tomtor"].update(water={"likelihood": 1}),
        "cells: project 'tomtor': criterion 'water' does not exist",
    ),
    (
        "scenario weight of unknown criterion",
        lambda d: d["scenarios"][0]["weight_overrides"].update(water=2.0),
        "scenario 'eased': weight of unknown criterion 'water'",
    ),
    (
        "scenario cell of unknown project",
        lambda d: d["scenarios"][0]["cell_overrides"][0].update(project="ghost"),
        "scenario 'eased': cell of unknown project 'ghost'",
    ),
    (
        "scenario cell of unknown criterion",
        lambda d: d["scenarios"][0]["cell_overrides"][0].update(criterion="water"),
        "scenario 'eased': cell of unknown criterion 'water'",
    ),
    (
        "scenario likelihood out of range",
        lambda d: d["scenarios"][0]["cell_overrides"][0].update(likelihood=9),
        "scenario 'eased', cell_overrides, item 1: likelihood 9 is outside 1–5",
    ),
    (
        "as-of date in another format",
        lambda d: d.update(as_of="31.03.2025"),
        "as_of: as-of date '31.03.2025' is not YYYY-MM-DD",
    ),
    (
        "as-of date that is not a day",
        lambda d: d.update(as_of="2025-02-30"),
        "as_of: as-of date '2025-02-30' is not a calendar date",
    ),
    (
        "source date with a month 13",
        lambda d: d["sources"][0].update(date="2024-13"),
        "source 'kommersant', date: date '2024-13' is not a calendar date",
    ),
    (
        "source date with words",
        lambda d: d["sources"][0].update(date="March 2024"),
        "source 'kommersant', date: date 'March 2024' is not YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    (
        "credibility 7",
        lambda d: d["sources"][0].update(credibility=7),
        "source 'kommersant': credibility 7 is outside 1–6",
    ),
    (
        "credibility 0",
        lambda d: d["sources"][0].update(credibility=0),
        "source 'kommersant': credibility 0 is outside 1–6",
    ),
    (
        "attachment with a path",
        lambda d: d["sources"][0].update(attachment="../etc/passwd"),
        "source 'kommersant', attachment: attachment name '../etc/passwd' must be a plain file "
        "name: a letter or digit first, no folder separator, control character or any of "
        ":*?\"<>|, no space at its end, at most 180 bytes in UTF-8 (such as 'passwd')",
    ),
    (
        "URL past 500 characters",
        lambda d: d["sources"][0].update(url="https://example.org/?" + "q" * 600),
        "source 'kommersant': url is 621 characters; at most 500",
    ),
    (
        "alternative name past 500 characters",
        lambda d: d["projects"][0].update(alt_names=["Томтор", "x" * 501]),
        "project 'tomtor', alt_names: item 2 is 501 characters; at most 500",
    ),
    (
        "negative weight",
        lambda d: d["criteria"][0].update(weight=-1),
        "criterion 'sanctions': weight -1 is below 0",
    ),
    (
        "red-line threshold above 25",
        lambda d: d["criteria"][0]["red_line_rule"].update(threshold=26),
        "criterion 'sanctions', red_line_rule: threshold 26 is outside 1–25",
    ),
    (
        "strategic value 6",
        lambda d: d["projects"][0].update(strategic_value=6),
        "project 'tomtor': strategic value 6 is outside 1–5",
    ),
    (
        "missing project name",
        lambda d: d["projects"][1].pop("name"),
        "project 'lovozero': required field 'name' is missing",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_invalid_value_is_named_with_its_place(
    rich_data: dict[str, Any], mutate: Callable[[dict[str, Any]], None], expected: str
) -> None:
    mutate(rich_data)
    assert problem(rich_data) == expected


@pytest.mark.parametrize("where", ["project", "criterion", "source"])
def test_an_id_with_a_trailing_newline_is_not_a_valid_id(
    rich_data: dict[str, Any], where: str
) -> None:
    # Python's "$" matches before a final newline; ids are whole-string matches.
    row = rich_data["cells"]["tomtor"]
    if where == "project":
        rich_data["cells"]["tomtor\n"] = rich_data["cells"].pop("tomtor")
    elif where == "criterion":
        criterion = next(iter(row))
        row[criterion + "\n"] = row.pop(criterion)
    else:
        cell = next(cell for cell in row.values() if cell.get("evidence"))
        cell["evidence"][0]["source"] += "\n"
    assert "\\n' is not a valid id" in problem(rich_data)


@pytest.mark.parametrize("day", ["٢٠٢٤-٠١-٠١", "２０２４-01-01", "2024-0١-01"])
def test_a_date_in_other_digits_than_ascii_is_refused(rich_data: dict[str, Any], day: str) -> None:
    rich_data["as_of"] = day
    assert "is not YYYY-MM-DD" in problem(rich_data)
    del rich_data["as_of"]
    rich_data["sources"][0]["date"] = day
    assert "is not YYYY, YYYY-MM or YYYY-MM-DD" in problem(rich_data)


def test_bad_ids_used_as_cells_keys_are_named(rich_data: dict[str, Any]) -> None:
    rich_data["cells"]["Tomtor!"] = {}
    # Each says what an id may hold, as a project's own id refused does (they did not).
    assert problem(rich_data).startswith(f"cells: project id 'Tomtor!' {ID_RULE}")
    del rich_data["cells"]["Tomtor!"]
    rich_data["cells"]["tomtor"]["Cost"] = {}
    message = problem(rich_data)
    assert "project 'tomtor'" in message
    assert f"criterion id 'Cost' {ID_RULE}" in message
    del rich_data["cells"]["tomtor"]["Cost"]
    rich_data["cells"]["tomtor"][rich_data["criteria"][0]["id"]]["evidence"] = [{"source": "-s"}]
    assert f"evidence 1: source '-s' {ID_RULE}" in problem(rich_data)


def test_unknown_stage_lists_the_allowed_ones(rich_data: dict[str, Any]) -> None:
    rich_data["projects"][0]["stage"] = "dreaming"
    message = problem(rich_data)
    assert message.startswith("project 'tomtor': stage 'dreaming': ")
    assert "'exploration'" in message and "'production'" in message


def test_weight_must_be_finite(rich_data: dict[str, Any]) -> None:
    rich_data["criteria"][1]["weight"] = float("inf")
    assert problem(rich_data) == "criterion 'cost': weight: input should be a finite number"


def test_rubric_needs_five_levels(rich_data: dict[str, Any]) -> None:
    rich_data["criteria"][0]["rubric"]["impact"] = ["minor"]
    message = problem(rich_data)
    assert message.startswith("criterion 'sanctions', rubric: impact: ")
    assert "at least 5 items" in message


def test_several_problems_report_the_first_and_count_the_rest(rich_data: dict[str, Any]) -> None:
    rich_data["criteria"][0]["weight"] = -2
    rich_data["sources"][0]["credibility"] = 9
    assert problem(rich_data) == "criterion 'sanctions': weight -2 is below 0 (and 1 more problem)"
    rich_data["projects"][0]["strategic_value"] = 0
    assert problem(rich_data).endswith("(and 2 more problems)")


def test_many_reference_problems_are_capped(rich_data: dict[str, Any]) -> None:
    rich_data["cells"]["tomtor"]["sanctions"]["evidence"] = [
        {"source": f"missing-{n}"} for n in range(7)
    ]
    message = problem(rich_data)
    assert message.count("does not exist") == 5
    assert message.endswith("(and more)")


def test_a_missing_source_cited_twice_in_a_cell_is_said_once(rich_data: dict[str, Any]) -> None:
    """Two quotes from one source (two pages) whose source was removed: one problem."""
    rich_data["cells"]["tomtor"]["sanctions"]["evidence"] = [
        {"source": "tass", "page": "3"},
        {"source": "tass", "page": "7"},
    ]
    assert problem(rich_data) == (
        "project 'tomtor', criterion 'sanctions': evidence source 'tass' does not exist"
    )


def test_valid_dates_are_accepted(rich_data: dict[str, Any]) -> None:
    rich_data["as_of"] = "2024-02-29"  # a leap day
    for date in ("2024", "2024-12", "2024-12-31", ""):
        rich_data["sources"][0]["date"] = date
        assert parse_assessment(rich_data).sources[0].date == date


def test_validate_assessment_checks_in_memory_edits(rich_doc: Assessment) -> None:
    validate_assessment(rich_doc)
    rich_doc.cells["tomtor"]["sanctions"].evidence.append(Evidence(source="ghost"))
    with pytest.raises(DocumentError, match="evidence source 'ghost' does not exist"):
        validate_assessment(rich_doc)


def test_validate_assessment_catches_out_of_range_assignment(rich_doc: Assessment) -> None:
    # Models are mutable without validation (the editor assigns); saving re-checks.
    rich_doc.cells["lovozero"]["sanctions"].impact = 6
    with pytest.raises(DocumentError) as caught:
        validate_assessment(rich_doc)
    assert str(caught.value) == "project 'lovozero', criterion 'sanctions': impact 6 is outside 1–5"


def _template_data_at(path: tuple) -> tuple[dict[str, Any], Any]:
    """The template's data, and the object holding the last key of ``path``."""
    import copy

    from rrisk.model import assessment_to_data
    from rrisk.templates import new_from_template

    data = copy.deepcopy(assessment_to_data(new_from_template("russia-rare-earths")))
    node = data
    for key in path[:-1]:
        node = node[key]
    return data, node


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        (("criteria", 0, "weight"), "1.0", "weight: must be a number, not text"),
        (("criteria", 0, "weight"), "heavy", "weight: input should be a valid number"),
        (("criteria", 0, "weight"), True, "weight: must be a number, not true or false"),
        (("sources", 0, "credibility"), "2", "credibility: must be a number, not text"),
        (("analysis", "seed"), False, "seed: must be a number, not true or false"),
        (("projects", 0, "strategic_value"), "3", "strategic value: must be a number, not text"),
        (("projects", 0, "capex_estimate"), True, "must be a number, not true or false"),
        (("scenarios", 0, "cell_overrides", 0, "likelihood"), "3", "must be a number, not text"),
        (("scenarios", 0, "cell_overrides", 0, "impact"), True, "must be a number"),
        (("narrative_stamps", "summary", "results", "tomtor"), ["72.2", None], "not text"),
    ],
)
def test_true_false_and_text_are_not_numbers(path, value, words) -> None:
    from rrisk.errors import DocumentError
    from rrisk.model import parse_assessment

    data, node = _template_data_at(path)
    node[path[-1]] = value
    with pytest.raises(DocumentError, match=words):
        parse_assessment(data)
    node[path[-1]] = [72.2, None] if path[0] == "narrative_stamps" else 2
    parse_assessment(data)  # a whole number stays fine for every number field


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        (("scenarios", 0, "cell_overrides", 0, "red_line"), "yes", "red line"),
        (("scenarios", 0, "cell_overrides", 0, "red_line"), 1, "red line"),
        (("screening", "decisions", 0, "score"), True, "not true or false"),
        (("narrative_stamps", "summary", "results", "tomtor"), [float("inf"), None], "tomtor"),
        (("narrative_stamps", "summary", "results", "tomtor"), [72.2, 0], "tomtor"),
    ],
)
def test_other_values_a_lax_reading_would_turn_into_something_else(path, value, words) -> None:
    """A file with any of these used to open with the value converted ("yes" a red line)."""
    from rrisk.errors import DocumentError
    from rrisk.model import parse_assessment

    data, node = _template_data_at(path)
    node[path[-1]] = value
    with pytest.raises(DocumentError, match=words):
        parse_assessment(data)


def test_an_unknown_key_with_a_lone_surrogate_is_named_not_a_traceback() -> None:
    import copy

    from rrisk.errors import DocumentError
    from rrisk.model import assessment_to_data, parse_assessment
    from rrisk.templates import new_from_template

    data = copy.deepcopy(assessment_to_data(new_from_template("russia-rare-earths")))
    data["cells"]["tomtor"]["sanctions"]["k\ud800"] = 1
    with pytest.raises(DocumentError, match=r"unknown field 'k<U\+D800>'"):
        parse_assessment(data)
    del data["cells"]["tomtor"]["sanctions"]["k\ud800"]
    data["cells"]["tomtor"]["sanctions"]["evidence"][0]["x\ud800"] = 1
    with pytest.raises(DocumentError, match=r"unknown field 'x<U\+D800>'"):
        parse_assessment(data)


def test_saving_a_number_that_is_not_finite_is_refused(tmp_path) -> None:
    from rrisk import fileformat
    from rrisk.errors import DocumentError, FileFormatError
    from rrisk.templates import new_from_template

    doc = new_from_template("russia-rare-earths")
    doc.narrative_stamps["summary"].results["tomtor"] = (float("nan"), None)
    target = tmp_path / "x.rrisk"
    with pytest.raises(FileFormatError, match="not finite"):
        fileformat.document_json_bytes(doc, check=False)
    with pytest.raises((FileFormatError, DocumentError)):  # whichever check comes first
        fileformat.save(doc, target)
    assert not target.exists()


def test_saving_a_number_of_thousands_of_digits_says_so(tmp_path) -> None:
    from rrisk import fileformat
    from rrisk.errors import FileFormatError
    from rrisk.templates import new_from_template

    doc = new_from_template("russia-rare-earths")
    doc.narrative_stamps["summary"].results["tomtor"] = (50.0, 10**5000)  # valid, unwritable
    with pytest.raises(FileFormatError, match="a number with too many digits to write"):
        fileformat.document_json_bytes(doc)
    target = tmp_path / "x.rrisk"
    with pytest.raises(FileFormatError, match="too many digits"):
        fileformat.save(doc, target)
    assert not target.exists()


def test_messages_quote_allowed_values_as_they_must_be_typed() -> None:
    import copy

    from rrisk.errors import DocumentError
    from rrisk.model import assessment_to_data, parse_assessment
    from rrisk.templates import new_from_template

    data = copy.deepcopy(assessment_to_data(new_from_template("russia-rare-earths")))
    data["sources"][0]["reliability"] = "a"
    with pytest.raises(DocumentError, match="reliability 'a': input should be 'A', 'B'"):
        parse_assessment(data)
    data["sources"][0]["reliability"] = "A"
    data["narrative_stamps"]["summary\\n"] = data["narrative_stamps"]["summary"]
    with pytest.raises(DocumentError, match="narrative text key 'summary\\\\\\\\n' is not one"):
        parse_assessment(data)


@pytest.mark.parametrize("path", [("criteria", 0, "weight"), ("scenarios", 0, "weight_overrides", "sanctions")])  # fmt: skip
def test_a_weight_too_small_to_count_is_refused(path) -> None:
    from rrisk.errors import DocumentError
    from rrisk.model import parse_assessment

    data, node = _template_data_at(path)
    node[path[-1]] = 5e-324
    with pytest.raises(DocumentError, match="is below the smallest, 0.000001"):
        parse_assessment(data)
    for fine in (0, 0.000001, 2.5):
        node[path[-1]] = fine
        parse_assessment(data)


@pytest.mark.parametrize("path", [("criteria", 0, "weight"), ("scenarios", 0, "weight_overrides", "sanctions")])  # fmt: skip
@pytest.mark.parametrize(
    ("weight", "shown", "limit"),
    [
        (1000.0000001, "1000.0000001", "1000"),  # :g printed "1000 is … from 0 to 1000"
        (1000.5, "1000.5", "1000"),
        (1.0000001e-7, "0.00000010000001", "0.000001"),  # :g printed 1e-07
        (1e300, "1e+300", "1000"),  # a number too long for its digits keeps its exponent
    ],
)
def test_a_refused_weight_is_quoted_with_every_digit(path, weight, shown, limit) -> None:
    from rrisk.errors import DocumentError
    from rrisk.model import parse_assessment

    data, node = _template_data_at(path)
    node[path[-1]] = weight
    with pytest.raises(DocumentError) as refused:
        parse_assessment(data)
    message = str(refused.value)
    assert f" {shown} is " in message
    assert message.rstrip(")").split(" (")[0].endswith(limit)
    assert "e-0" not in message and "1000.0 " not in message and not message.endswith("1000.0")


@pytest.mark.parametrize("kind", ["projects", "criteria", "scenarios"])
@pytest.mark.parametrize("name", ["   ", "\t", " \u3000 "])
def test_a_blank_name_is_refused_with_its_place(kind: str, name: str) -> None:
    from rrisk.errors import DocumentError
    from rrisk.model import parse_assessment

    with pytest.raises(DocumentError, match="name: is blank"):
        parse_assessment({kind: [{"id": "a", "name": name}]})


def test_an_empty_name_is_called_empty_not_a_list_of_items() -> None:
    from rrisk.errors import DocumentError
    from rrisk.model import parse_assessment

    with pytest.raises(DocumentError) as caught:
        parse_assessment({"sources": [{"id": "s", "title": ""}]})
    assert str(caught.value) == "source 's': title: is empty: give it a name"


@pytest.mark.parametrize(
    "data",
    [
        {"criteria": [{"id": "c" * 700, "name": "C"}]},
        {"projects": [{"id": "a", "name": "A", "stage": "x" * 700}]},
        {"sources": [{"id": "s", "title": "S", "reliability": "Z" * 700}]},
    ],
)
def test_a_long_bad_value_leaves_room_for_the_problem(data) -> None:
    from rrisk.errors import DocumentError
    from rrisk.model import parse_assessment

    with pytest.raises(DocumentError) as caught:
        parse_assessment(data)
    message = str(caught.value)
    assert len(message) < 400, message
    assert "not a valid id" in message or "input should be" in message, message


def test_a_weight_of_minus_zero_reads_as_zero(rich_data: dict[str, Any]) -> None:
    import math

    from rrisk.model import Assessment

    rich_data["criteria"][0]["weight"] = -0.0
    scenario = rich_data["scenarios"][0]
    scenario["weight_overrides"] = {rich_data["criteria"][0]["id"]: -0.0}
    zero = json.loads(json.dumps(rich_data).replace("-0.0", "0.0"))
    for read in (parse_assessment, Assessment.model_validate):
        document = read(rich_data)
        weights = [document.criteria[0].weight, *document.scenarios[0].weight_overrides.values()]
        assert all(math.copysign(1.0, weight) == 1.0 for weight in weights)
        assert assessment_to_data(document) == assessment_to_data(parse_assessment(zero))


def test_a_long_invalid_cell_key_leaves_room_for_the_problem(rich_data) -> None:
    rich_data["cells"]["q" * 700] = {}
    message = problem(rich_data)
    # The id is shortened; the problem, which a 700-character id pushed out, is said.
    assert message.startswith("cells: project id 'qqqq") and f"… {ID_RULE}" in message
    assert len(message) < 250
