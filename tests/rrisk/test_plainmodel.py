"""The plain reading of a document gives pydantic's models exactly, or steps aside.

For every body: ``plain_assessment(body)`` is None, or pydantic accepts the body too and makes
a model equal to the plain one node by node (same types, so 1.0 is not 1; same fields set;
same key order); and ``plainly_valid(body)``, the test a save runs, takes only a body the plain
reading takes (a score of 5.0 it leaves to the reading, as a doubt), and every valid body that
a save writes; ``plain_scores(body)``, what ``rrisk score`` reads, takes only a body the plain
reading takes and scores it as the document read in full scores. Checked on the templates, a document using every part of the model, and
hundreds of alterations of it, one field at a time and at random.
"""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from dataclasses import fields as dataclass_fields
from typing import Any

import numpy as np
import pytest
from pydantic import BaseModel, ValidationError
from rich_document import rich_document_data

from rrisk.cells import Cell, Evidence
from rrisk.docparts import NarrativeStamp
from rrisk.errors import DocumentError
from rrisk.model import Assessment, assessment_to_data, parse_assessment
from rrisk.plainmodel import (
    narrative_stamp,
    new_assessment,
    plain_assessment,
    plain_data,
    plain_scores,
    plainly_valid,
)
from rrisk.scoring import compile_matrix
from rrisk.templates import list_templates, new_from_template


def same(a: Any, b: Any, where: str = "body") -> None:
    """``a`` and ``b`` are equal node by node, with the same types and the same fields set."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} ≠ {type(b).__name__}"
    if isinstance(a, BaseModel):
        assert a.model_fields_set == b.model_fields_set, f"{where}: fields set differ"
        assert a.__pydantic_extra__ == b.__pydantic_extra__
        assert a.__pydantic_private__ == b.__pydantic_private__
        assert list(vars(a)) == list(vars(b)), f"{where}: field order differs"
        for name in vars(a):
            same(getattr(a, name), getattr(b, name), f"{where}.{name}")
    elif isinstance(a, (Cell, Evidence)):
        for item in dataclass_fields(a):
            same(getattr(a, item.name), getattr(b, item.name), f"{where}.{item.name}")
    elif isinstance(a, dict):
        assert list(a) == list(b), f"{where}: keys differ"
        for key in a:
            same(a[key], b[key], f"{where}[{key!r}]")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), f"{where}: lengths differ"
        for k, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{k}]")
    else:
        assert a == b or (a != a and b != b), f"{where}: {a!r} ≠ {b!r}"


def scored_alike(body: Any, plain: Assessment | None) -> None:
    """``plain_scores(body)``, what ``rrisk score`` reads, takes only a body the plain reading
    takes, and gives the document without its cells and the matrix of the document read in
    full, under every scenario too."""
    read = plain_scores(body)
    if read is None:
        return
    assert plain is not None, "scoring's reading took what reading refuses"
    document, cells = read
    assert document.cells == {}
    for name in vars(plain):
        if name != "cells":
            same(getattr(document, name), getattr(plain, name), f"body.{name}")
    for scenario in [None, *(s.id for s in plain.scenarios)]:
        full, gathered = compile_matrix(plain, scenario), compile_matrix(document, scenario, cells)
        for item in dataclass_fields(full):
            a, b = getattr(full, item.name), getattr(gathered, item.name)
            if isinstance(a, np.ndarray):
                assert a.dtype == b.dtype and np.array_equal(a, b, equal_nan=a.dtype == float)
            else:
                same(a, b, f"matrix.{item.name}")


def holds(body: Any) -> Assessment | None:
    """The contract on one body; the plain model when it took the body."""
    plain = plain_assessment(body)
    assert plain is not None or not plainly_valid(body), "the save's test took what reading refuses"
    scored_alike(body, plain)
    try:
        strict = Assessment.model_validate(body)
    except ValidationError:
        assert plain is None, "plain took a body that pydantic refuses"
        return None
    if plain is not None:
        same(plain, strict)
    return plain


def rich_body() -> dict[str, Any]:
    """The shared rich document (tests/rrisk/conftest.py) with the parts it leaves out: a second
    source, a cell override with nulls, analysis settings, narrative stamps and screening."""
    body = rich_document_data()
    body["sources"].append({"id": "note", "title": "Note", "date": "2024-05"})
    body["cells"]["tomtor"]["cost"]["evidence"] = [{"source": "note"}]
    body["scenarios"][0]["weight_overrides"]["cost"] = 2
    body["scenarios"][0]["cell_overrides"].append(
        {"project": "tomtor", "criterion": "cost", "impact": None, "red_line_reason": None,
         "note": "n"}
    )  # fmt: skip
    body["analysis"] = {"runs": 5000, "seed": 7}
    body["narrative_stamps"] = {
        "summary": {
            "digest": "0123456789abcdef",
            "results": {"tomtor": [51, 1], "lovozero": [None, None]},
        },
        "cell:tomtor:cost": {"digest": "fedcba9876543210", "results": {"tomtor": [51.5, 2]}},
    }
    body["screening"] = {
        "list_name": "rrisk-template",
        "list_as_of": "2025-10-22",
        "decisions": [
            {
                "project": "tomtor",
                "counterparty": "ThreeArc Mining",
                "list_name": "rrisk-template",
                "entry_id": "e-1",
                "entry_name": "ThreeArc",
                "matched_name": "ThreeArc Mining",
                "score": 1,
                "sanctions": ["US OFAC SDN"],
                "decision": "confirmed",
                "note": "n",
                "no_red_line_reason": "",
            },
            {
                "project": "lovozero",
                "counterparty": "X",
                "entry_id": "e",
                "decision": "dismissed",
                "score": 0.85,
            },
        ],
        "territory_overrides": [
            {"project": "lovozero", "territory": "crimea", "justification": "Not there."}
        ],
    }
    return body


def test_the_rich_body_is_taken_and_equals_pydantics() -> None:
    assert holds(rich_body()) is not None
    assert plain_scores(rich_body()) is not None
    assert plainly_valid(rich_body())


@pytest.mark.parametrize("template", [t.id for t in list_templates()] + ["blank"])
def test_every_template_as_saved_is_taken(template: str) -> None:
    body = json.loads(json.dumps(assessment_to_data(new_from_template(template))))
    assert holds(body) is not None
    assert plainly_valid(assessment_to_data(new_from_template(template)))
    assert plain_scores(assessment_to_data(new_from_template(template))) is not None


def test_a_blank_body_and_a_new_document_are_pydantics() -> None:
    assert holds({}) is not None
    same(new_assessment(), Assessment())


def test_a_stamp_made_here_is_pydantics() -> None:
    results = {"p1": (51, 1), "p2": (None, None), "p3": (12.25, None)}
    same(
        narrative_stamp("0123456789abcdef", results),
        NarrativeStamp(digest="0123456789abcdef", results=results),
    )


# -- one field at a time ----------------------------------------------------------------------

TEXT_EDGES = ["", "  ", "x" * 500, "x" * 501, "x" * 20_000, "x" * 20_001, "a\x00b", "a\u202eb",
              "\ud800", "ok\n"]  # fmt: skip
NUMBER_EDGES = [True, False, "5", "x", 5.0, 5.5, 0, -0.0, 1, 2, 5, 6, 25, 26, 99, 100, 101,
                1e-7, 1e-6, 1000, 1000.0001, 10**20, 2**53 + 1, -1,
                float("nan"), float("inf")]  # fmt: skip
SHAPE_EDGES = [None, [], {}, [1], {"a": 1}, ("a",)]
ID_EDGES = ["ok", "Upper", "abc\n", "-x", "x" * 64, "x" * 65, "a b", "p1", "p2", "cost", "s1"]
DATE_EDGES = ["2024", "2024-02", "2024-02-29", "2023-02-29", "2024-13", "2024-1-1",
              "٢٠٢٤-٠١-٠١", "2024-01-01T00:00"]  # fmt: skip
ALL_EDGES = TEXT_EDGES + NUMBER_EDGES + SHAPE_EDGES + ID_EDGES + DATE_EDGES


def paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a body: each key of each object, each item of each list."""
    found = [at] if at else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*at, key))
    elif isinstance(value, list):
        for k, item in enumerate(value):
            found += paths(item, (*at, k))
    return found


def altered(body: dict[str, Any], at: tuple[Any, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(body)
    target = changed
    for step in at[:-1]:
        target = target[step]
    target[at[-1]] = value
    return changed


def removed(body: dict[str, Any], at: tuple[Any, ...]) -> dict[str, Any]:
    changed = copy.deepcopy(body)
    target = changed
    for step in at[:-1]:
        target = target[step]
    del target[at[-1]]
    return changed


TYPE_EDGES = [True, False, "5", 5.0, 5.5, 0, None, [], {}, 10**20, 2**53 + 1, -0.0,
              float("nan"), "", "  "]  # fmt: skip
"""Put everywhere: the values a lax reading would take for another type."""


def _value_cases() -> list[tuple[tuple[Any, ...], Any]]:
    rng = random.Random(20261204)
    cases = []
    for at in paths(rich_body()):
        cases += [(at, value) for value in TYPE_EDGES]
        # And values chosen for the kind of place (one of each pool), plus two from anywhere.
        for pool in (TEXT_EDGES, NUMBER_EDGES, ID_EDGES, DATE_EDGES):
            cases.append((at, rng.choice(pool)))
        cases += [(at, value) for value in rng.sample(ALL_EDGES, 2)]
    return cases


VALUE_CASES = _value_cases()


@pytest.mark.parametrize("at", paths(rich_body()), ids=repr)
def test_a_value_changed_anywhere_holds_the_contract(at: tuple[Any, ...]) -> None:
    for place, value in VALUE_CASES:
        if place == at:
            try:
                holds(altered(rich_body(), at, value))
            except AssertionError as error:
                raise AssertionError(f"with {value!r:.60}: {error}") from None


@pytest.mark.parametrize("at", [at for at in paths(rich_body()) if not isinstance(at[-1], int)],
                         ids=repr)  # fmt: skip
def test_a_key_removed_or_added_anywhere_holds_the_contract(at: tuple[Any, ...]) -> None:
    body = rich_body()
    holds(removed(body, at))
    holds(altered(body, (*at[:-1], "unknown_field"), 1))


@pytest.mark.parametrize(
    ("at", "value"),
    [
        (("criteria", 1, "id"), "sanctions"),  # a duplicate id
        (("sources", 1, "id"), "kommersant"),
        (("cells", "p3"), {}),  # a row of an unknown project
        (("cells", "lovozero", "nope"), {}),  # a cell of an unknown criterion
        (("cells", "tomtor", "cost", "evidence", 0, "source"), "s9"),
        (("scenarios", 0, "weight_overrides", "nope"), 1.0),
        (("scenarios", 0, "cell_overrides", 1, "project"), "p9"),
        (("screening", "decisions", 1, "project"), "p9"),
        (("screening", "territory_overrides", 0, "project"), "p9"),
        (("narrative_stamps", "project:tomtor"), {"digest": "0" * 16}),
        (("narrative_stamps", "other"), {"digest": "0" * 16}),
        (("narrative_stamps", "summary", "digest"), "0" * 15),
        (("narrative_stamps", "summary", "results", "tomtor"), [101, 1]),
        (("narrative_stamps", "summary", "results", "tomtor"), [50, 0]),
        (("narrative_stamps", "summary", "results", "tomtor"), [True, 1]),
        (("narrative_stamps", "summary", "results", "tomtor"), [50, 1, 2]),
        (("projects", 0, "alt_names"), ["a"] * 21),
        (("projects", 0, "alt_names"), ["a"] * 20),
        (("criteria", 0, "rubric", "impact"), [""] * 4),
        (("criteria", 0, "rubric", "impact"), [""] * 6),
        (("screening", "decisions", 0, "sanctions"), ["s"] * 201),
        (("screening", "decisions", 0, "sanctions"), ["s"] * 200),
        (("screening", "territory_overrides", 0, "justification"), ""),
        (("criteria", 0, "weight"), 1e-6),
        (("criteria", 0, "weight"), 9e-7),
        (("analysis", "runs"), 99),
        (("analysis", "seed"), 2_147_483_648),
        (("projects", 0, "stage"), "Production"),
        (("sources", 0, "reliability"), "G"),
        (("sources", 0, "attachment"), "../x.pdf"),
        (("sources", 0, "attachment"), None),
        (("as_of",), "2024-05"),
        (("projects", 0, "name"), "\u3000"),
    ],
    ids=repr,
)
def test_named_cases_hold_the_contract(at: tuple[Any, ...], value: Any) -> None:
    holds(altered(rich_body(), at, value))


def test_random_alterations_hold_the_contract() -> None:
    rng = random.Random(7)
    places = paths(rich_body())
    for _ in range(400):
        body = rich_body()
        for _ in range(rng.randint(1, 3)):
            at = rng.choice(places)
            try:
                body = altered(body, at, rng.choice(ALL_EDGES))
            except (KeyError, IndexError, TypeError):
                continue  # the place is gone after an earlier alteration
        holds(body)


# -- through parse_assessment -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "value"),
    [
        (("criteria", 0, "weight"), True),
        (("projects", 1, "name"), "  "),
        (("sources", 1, "date"), "2023-02-29"),
        (("cells", "tomtor", "sanctions", "likelihood"), 7),
        (("scenarios", 0, "weight_overrides", "nope"), 1.0),
    ],
    ids=repr,
)
def test_a_refusal_is_worded_by_pydantic_as_before(at: tuple[Any, ...], value: Any) -> None:
    from rrisk.messages import describe_validation_error

    body = altered(rich_body(), at, value)
    with pytest.raises(ValidationError) as refused:
        Assessment.model_validate(body)
    with pytest.raises(DocumentError) as error:
        parse_assessment(body)
    assert str(error.value) == describe_validation_error(refused.value, body)


def test_parse_assessment_takes_the_plain_road_for_a_valid_body() -> None:
    body = rich_body()
    same(parse_assessment(body), Assessment.model_validate(body))


_WRITE = """
import sys
from rrisk import fileformat
from rrisk.templates import new_from_template
fileformat.save(new_from_template("russia-rare-earths"), sys.argv[1])
"""

_READ = """
import io, json, sys, zipfile
from rrisk import fileformat
from rrisk.model import Assessment, parse_assessment
built = lambda: not type(Assessment.__pydantic_validator__).__name__.startswith("Mock")
data = open(sys.argv[1], "rb").read()
before = built()
fileformat.read_bytes(data, "t.rrisk")
plain = built()
body = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("document.json"))["document"]
body["title"] = 1
try:
    parse_assessment(body)
except Exception as error:
    print(type(error).__name__)
print(before, plain, built())
"""


def test_reading_a_plainly_valid_file_builds_no_validator(tmp_path) -> None:  # noqa: ANN001
    # Saving validates (and so builds) in the process that writes; a fresh one only reads.
    path = str(tmp_path / "template.rrisk")
    subprocess.run([sys.executable, "-c", _WRITE, path], capture_output=True, text=True, check=True)
    out = subprocess.run(
        [sys.executable, "-c", _READ, path], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0] == "DocumentError"
    assert out[1] == "False False True"  # built only for the body it had to refuse


# -- writing: the body pydantic would write ---------------------------------------------------


def written_alike(document: Assessment) -> None:
    """assessment_to_data writes what pydantic's dump writes, key for key, in the same order."""
    assert json.dumps(assessment_to_data(document)) == json.dumps(document.model_dump(mode="json"))


@pytest.mark.parametrize("template", [t.id for t in list_templates()] + ["blank"])
def test_a_template_is_written_as_pydantic_writes_it(template: str) -> None:
    written_alike(new_from_template(template))


def test_every_valid_alteration_is_written_as_pydantic_writes_it() -> None:
    written = 0
    for at, value in VALUE_CASES:
        body = altered(rich_body(), at, value)
        try:
            document = Assessment.model_validate(body)
        except ValidationError:
            continue
        written_alike(document)
        written += 1
    assert written > 200


def test_values_set_without_validation_are_written_by_pydantic() -> None:
    document = Assessment.model_validate(rich_body())
    document.criteria[0].weight = float("nan")
    document.projects[0].commodities = ("a", "b")  # type: ignore[assignment]
    document.scenarios[0].weight_overrides = {"cost": float("inf")}
    with pytest.warns(UserWarning):  # pydantic's own word on the unexpected values
        written_alike(document)
    assert plain_data(document) is None  # written by pydantic, whatever it makes of them


def _edited(path: tuple[Any, ...], value: Any) -> Assessment:
    """The rich document with one value set without validation, as code could set it."""
    document = Assessment.model_validate(rich_body())
    target: Any = document
    for step in path[:-1]:
        target = (
            target[step]
            if isinstance(step, int) or isinstance(target, dict)
            else (getattr(target, step))
        )
    if isinstance(target, dict):
        target[path[-1]] = value
    else:
        setattr(target, path[-1], value)
    return document


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("criteria", 0, "weight"), 2),  # pydantic writes 2.0
        (("criteria", 0, "weight"), True),  # pydantic writes 1.0
        (("sources", 0, "credibility"), True),  # pydantic writes 1
        (("projects", 0, "capex_estimate"), 5),
        (("projects", 0, "strategic_value"), True),
        (("scenarios", 0, "weight_overrides", "cost"), 3),
        (("screening", "decisions", 0, "score"), 1),
        (("narrative_stamps", "summary", "results", "tomtor"), (51, 1)),
        (("projects", 0, "commodities"), ("a", "b")),
        (("analysis",), {"runs": 500, "seed": 1}),
        (("criteria", 0, "weight"), 5000.0),  # out of range: pydantic writes it as it is
    ],
    ids=repr,
)
def test_a_value_set_without_validation_is_written_as_pydantic_writes_it(
    path: tuple[Any, ...], value: Any
) -> None:
    import warnings

    document = _edited(path, value)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydantic's word on the unexpected value
        written_alike(document)
    assert plain_data(document) is None  # left to pydantic


def test_text_and_numbers_that_only_claim_to_be_plain_are_left_to_pydantic() -> None:
    class Text(str):
        @property  # type: ignore[misc]
        def __class__(self) -> type:
            return str

    class Number(int):
        @property  # type: ignore[misc]
        def __class__(self) -> type:
            return int

    class AnyKey(str):
        def __hash__(self) -> int:
            return hash("title")

        def __eq__(self, other: object) -> bool:
            return True

    assert plain_assessment({"title": Text("Hello")}) is None
    assert plain_assessment({"analysis": {"runs": Number(500)}}) is None
    assert plain_assessment({AnyKey("zzz"): "x"}) is None
    holds({"title": Text("Hello")})


def _two_alike_cells(body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two cells of ``body`` made alike (likelihood 1, impact 1 and nothing else)."""
    cells = [cell for row in body["cells"].values() for cell in row.values()]
    for cell in cells[:2]:
        cell.clear()
        cell.update(likelihood=1, impact=1)
    return cells[0], cells[1]


@pytest.mark.parametrize("value", [True, 1.0, "1"])
@pytest.mark.parametrize("field", ["likelihood", "impact"])
def test_a_score_equal_to_one_already_seen_yet_no_int_is_left_to_pydantic(
    field: str, value: Any
) -> None:
    """The cells' scores are tested all at once, after the cells: a True or a 1.0 equals the
    1 of a cell met before (and hashes alike), yet is no plain score."""
    for later in (True, False):
        body = rich_body()
        first, second = _two_alike_cells(body)
        (second if later else first)[field] = value
        assert plain_scores(body) is None
        assert not plainly_valid(body)
        holds(body)


@pytest.mark.parametrize("value", [0, 6, None, [1], {}, 2**64])
def test_a_range_bound_out_of_reach_is_left_to_pydantic_after_a_plain_one(value: Any) -> None:
    body = rich_body()
    first, second = _two_alike_cells(body)
    first.update(likelihood_low=1, likelihood_high=2)
    second.update(likelihood_low=1, likelihood_high=value)
    if value is None:
        assert plain_scores(body) is not None  # (no bound: a plain cell)
    else:
        assert plain_scores(body) is None
        assert not plainly_valid(body)
    holds(body)


@pytest.mark.parametrize("field", ["rationale", "red_line_reason", "red_line_basis", "quote"])
@pytest.mark.parametrize("value", [1, None, ["text"], {"a": "b"}, True])
def test_a_cell_text_that_is_no_text_is_left_to_pydantic(field: str, value: Any) -> None:
    """The cells' texts are tested all at once, after the cells, by joining them."""
    body = rich_body()
    row = next(row for row in body["cells"].values() if row)
    cell = next(cell for cell in row.values() if cell.get("evidence"))
    (cell["evidence"][0] if field == "quote" else cell)[field] = value
    assert plain_scores(body) is None
    assert not plainly_valid(body)
    holds(body)


def test_a_cell_text_of_a_kind_of_str_is_read_as_the_full_reading_reads_it() -> None:
    """A str of its own kind (only from Python, never from a file) is text to the full
    reading of a cell, so it is to the plain one, which gives the same cell."""

    class Text(str):
        pass

    body = rich_body()
    row = next(row for row in body["cells"].values() if row)
    cell = next(iter(row.values()))
    cell["rationale"] = Text("Scored from the report")
    assert holds(body) is not None
    assert plain_scores(body) is not None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("red_line", True),
        ("red_line", False),
        ("red_line", "yes"),
        ("red_line", 1),
        ("red_line", None),
        ("red_line_reason", "Seized assets"),
        ("red_line_reason", ""),
        ("red_line_reason", "x" * 501),
        ("red_line_reason", "a\x00b"),
        ("red_line_basis", "EO 14024"),
        ("red_line_basis", 7),
        ("red_lines", True),
    ],
    ids=repr,
)
def test_a_red_line_field_in_a_cell_after_plain_ones_holds_the_contract(
    field: str, value: Any
) -> None:
    """A cell without a red line's field is read without looking its three up; one with any
    of them (alone, or beside an unknown field) is tested as every cell was."""
    body = rich_body()
    cells = [cell for row in body["cells"].values() for cell in row.values()]
    for cell in cells:
        for name in ("red_line", "red_line_reason", "red_line_basis"):
            cell.pop(name, None)
    cells[-1][field] = value
    valid = type(value) is (bool if field == "red_line" else str) and not (
        field != "red_line" and (len(value) > 500 or "\x00" in value)
    )
    assert (plain_scores(body) is not None) is valid
    assert plainly_valid(body) is valid
    assert (holds(body) is not None) is valid  # (and scored as the full reading scores it)


def test_an_invalid_criterion_id_in_a_later_row_is_left_to_pydantic() -> None:
    """Each row's criterion ids are tested when any is new to the rows before it."""
    body = rich_body()
    rows = list(body["cells"].values())
    rows[-1]["Bad id"] = rows[-1].pop(next(iter(rows[-1])))
    assert plain_scores(body) is None
    assert not plainly_valid(body)
    assert holds(body) is None
