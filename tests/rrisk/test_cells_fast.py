"""The fast all-valid pass over cells gives exactly the cell-by-cell result, or steps aside."""

from __future__ import annotations

from dataclasses import fields

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rrisk.cells import (
    SCORE_FIELDS,
    Cell,
    _plainly_valid_cells,
    cell_to_data,
    cells_to_data,
    parse_cell,
    parse_cells,
)

score = st.one_of(st.none(), st.integers(1, 5))
text = st.text(max_size=12)
link = st.fixed_dictionaries(
    {"source": st.sampled_from(["s1", "s-2", "bad id"])},
    optional={"quote": text, "page": text},
)


def cell_of(score, text, evidence, red_line, status):  # noqa: ANN001, ANN201 - strategies
    """A cell's strategy: any of its fields, each drawn from the strategy given for its kind."""
    return st.fixed_dictionaries(
        {},
        optional={
            **dict.fromkeys(SCORE_FIELDS, score),
            "rationale": text,
            "evidence": evidence,
            "red_line": red_line,
            "red_line_reason": text,
            "red_line_basis": text,
            "status": status,
        },
    )


cell = cell_of(
    score,
    text,
    st.lists(link, max_size=3),
    st.booleans(),
    st.sampled_from(["draft", "reviewed", "unassessed"]),
)
cells = st.dictionaries(
    st.sampled_from(["p1", "p2", "P3"]),
    st.dictionaries(st.sampled_from(["c1", "c2", "c 3"]), cell, max_size=3),
    max_size=3,
)


@settings(max_examples=300, deadline=None)
@given(data=cells)
def test_fast_pass_equals_the_exact_path_or_declines(data: dict) -> None:
    fast = _plainly_valid_cells(data)
    try:
        full = parse_cells(data)
    except ValueError:
        assert fast is None  # anything invalid is left to the exact path and its message
        return
    if fast is not None:
        assert fast == full


def test_a_clean_matrix_takes_the_fast_pass() -> None:
    data = {
        f"p{i}": {
            f"c{j}": {
                "likelihood": 1 + (i + j) % 5,
                "impact": 1 + i % 5,
                "likelihood_low": 1,
                "likelihood_high": 5,
                "rationale": "Сказано в отчёте.",
                "evidence": [{"source": "s1", "quote": "as reported", "page": "3"}],
                "status": "reviewed",
            }
            for j in range(4)
        }
        for i in range(5)
    }
    fast = _plainly_valid_cells(data)
    assert fast is not None
    assert fast == {p: {c: parse_cell(v) for c, v in row.items()} for p, row in data.items()}


def test_a_saved_matrix_takes_the_fast_pass() -> None:
    """What a file holds: each cell's fields that differ from a new cell's, so a cell without
    evidence, rationale or scores has no such key."""
    cells = {
        "p1": {
            "c1": Cell(likelihood=2, impact=3),
            "c2": Cell(status="unassessed"),
            "c3": Cell(likelihood=4, impact=4, rationale="Why.", red_line=True),
        },
        "p2": {"c1": Cell()},
    }
    data = cells_to_data(cells)
    assert "evidence" not in data["p1"]["c1"]
    assert _plainly_valid_cells(data) == cells


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ({"likelihood": 3.0}, None),  # a whole float is accepted by the exact path
        ({"likelihood": 7}, "likelihood 7 is outside 1–5"),
        ({"rationale": "a\x07b"}, "rationale"),
        ({"evidence": [{"source": "s1", "quote": "\u202e"}]}, "evidence 1: quote"),
        ({"status": "done"}, "status 'done' is not one of"),
        ({"evidence": [{"source": ["s1"]}]}, "evidence 1: source"),  # unhashable: no crash
        ({"evidence": [{}]}, "evidence 1: no source, every link"),
        ({"status": ["draft"]}, "status"),
    ],
)
def test_doubtful_cells_take_the_exact_path(cell: dict, message: str | None) -> None:
    data = {"p1": {"c1": {"likelihood": 2, "impact": 2}, "c2": cell}}
    assert _plainly_valid_cells(data) is None
    if message is None:
        assert parse_cells(data)["p1"]["c2"].likelihood == 3
    else:
        with pytest.raises(ValueError, match=message):
            parse_cells(data)


def _reference_changed_fields(cell: Cell) -> dict:
    """What differs from a new cell, by the generic rule: every field compared with its default."""
    new = Cell()
    data = {}
    for item in fields(Cell):
        value = getattr(cell, item.name)
        if value == getattr(new, item.name):
            continue
        if item.name == "evidence":
            value = [
                {key: text for key, text in vars_of(link).items() if key == "source" or text}
                for link in value
            ]
        data[item.name] = value
    return data


def vars_of(link) -> dict:  # noqa: ANN001 - an Evidence (slotted: no __dict__)
    return {"source": link.source, "quote": link.quote, "page": link.page}


@settings(max_examples=300, deadline=None)
@given(data=cell)
def test_a_cell_is_written_with_what_differs_from_a_new_cell(data: dict) -> None:
    try:
        parsed = parse_cell(data)
    except ValueError:
        return
    written = cell_to_data(parsed, exclude_defaults=True)
    expected = _reference_changed_fields(parsed)
    assert list(written.items()) == list(expected.items())  # the same fields, in field order
    assert parse_cell(written) == parsed


def test_the_document_body_is_pydantics_dump_in_the_same_order() -> None:
    import json

    from rrisk.model import assessment_to_data
    from rrisk.templates import new_from_template

    for document in (new_from_template("russia-rare-earths"), new_from_template("blank")):
        assert json.dumps(assessment_to_data(document)) == json.dumps(
            document.model_dump(mode="json")
        )


def _strictly(cells_by_id: dict) -> list:
    """Every field's value *and type* (dataclass equality takes 3.0 and True for 3 and 1)."""
    return [
        (p, c, [(type(v), v) for v in (getattr(cell, f.name) for f in fields(Cell))])
        for p, row in cells_by_id.items()
        for c, cell in row.items()
    ]


class _Text(str):
    pass


def _exact(data: dict) -> dict:
    """What :func:`parse_cells` gives, or raises, cell by cell (the fast pass turned off)."""
    from unittest import mock

    with mock.patch("rrisk.cells._plainly_valid_cells", return_value=None):
        return parse_cells(data)


odd_score = st.one_of(
    st.none(),
    st.integers(-2, 8),
    st.sampled_from([True, False, 3.0, 2.5, float("nan"), float("inf"), 10**30, "3", [3]]),
)
odd_text = st.one_of(
    st.text(max_size=8),
    st.sampled_from(
        [
            "x" * 500,
            "x" * 501,
            "é" * 500,
            "é" * 501,
            "x" * 20_000,
            "x" * 20_001,
            "a\x7fb",
            "a\x85b",
            "\u202e",
            "\u2066x",
            "\ud800",
            "Отчёт — “да”",
            "\U0001f600",
            _Text("sub"),
            3,
            None,
            ["a"],
        ]
    ),
)
odd_link = st.one_of(
    st.fixed_dictionaries(
        {"source": st.sampled_from(["s1", "s-2", "bad id", "S1", 7])},
        optional={"quote": odd_text, "page": odd_text},
    ),
    st.sampled_from([{}, {"source": "s1", "extra": ""}, "s1", None]),
)
odd_cell = cell_of(
    odd_score,
    odd_text,
    st.one_of(st.lists(odd_link, max_size=3), st.sampled_from([(), None, "s1"])),
    st.sampled_from([True, False, 1, 0, None, "yes"]),
    st.sampled_from(["draft", "reviewed", "unassessed", "done", _Text("draft"), 1]),
)
odd_cells = st.dictionaries(
    st.sampled_from(["p1", "p2"]),
    st.dictionaries(st.sampled_from(["c1", "c2"]), odd_cell, max_size=2),
    max_size=2,
)


def _agree_or_step_aside(data: dict) -> bool:
    """The fast pass gives the exact path's cells (value and type) or leaves them to it;
    True when the fast pass took them."""
    fast = _plainly_valid_cells(data)
    try:
        full = _exact(data)
    except ValueError:
        assert fast is None
        return False
    if fast is not None:
        assert _strictly(fast) == _strictly(full)
    return fast is not None


@settings(max_examples=500, deadline=None)
@given(data=odd_cells)
def test_the_fast_pass_takes_odd_values_as_the_exact_path_does(data: dict) -> None:
    """Floats, booleans, big numbers, text at and past its limit, forbidden and non-ASCII
    characters, text of other types: the fast pass gives the exact path's cells, value for
    value and type for type, or leaves the cells to it."""
    _agree_or_step_aside(data)


def test_plain_cells_of_every_score_and_range_take_the_fast_pass() -> None:
    """Every combination of scores and bounds (1–5 or none): the valid ones pass fast, as
    the exact path reads them; the others are left to it, which refuses them."""
    import itertools

    values = (None, 1, 3, 5)
    row = {}
    for k, combo in enumerate(itertools.product(values, repeat=6)):
        cell = {name: value for name, value in zip(SCORE_FIELDS, combo, strict=True)}
        row[f"c{k}"] = {key: value for key, value in cell.items() if value is not None}
    for criterion_id, cell in row.items():
        data = {"p1": {criterion_id: cell}}
        try:
            full = _exact(data)
        except ValueError:
            assert _plainly_valid_cells(data) is None
            continue
        assert _strictly(_plainly_valid_cells(data)) == _strictly(full)
    valid = {c: v for c, v in row.items() if _plainly_valid_cells({"p1": {c: v}}) is not None}
    assert len(valid) > 100
    assert _strictly(_plainly_valid_cells({"p1": valid})) == _strictly(_exact({"p1": valid}))


@pytest.mark.parametrize(
    "name", ["rationale", "red_line_reason", "red_line_basis", "quote", "page"]
)
@pytest.mark.parametrize(
    "text", ["x" * 500, "x" * 501, "é" * 501, "x" * 20_000, "x" * 20_001, "a\x7fb", "é\x85", 3]
)
def test_every_text_is_checked_for_type_length_and_characters(name: str, text: object) -> None:
    cell: dict = {"likelihood": 2, "impact": 3}
    if name in ("quote", "page"):
        cell["evidence"] = [{"source": "s1", name: text}]
    else:
        cell[name] = text
    data = {"p1": {"c1": {"likelihood": 1}, "c2": cell}}
    try:
        _exact(data)
    except ValueError:
        refused = True
    else:
        refused = False
    assert _agree_or_step_aside(data) is not refused  # a valid text takes the fast pass
