"""The indented JSON of the command line: orjson's text only where it is json's, byte for byte."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rrisk.jsonwrite import _agrees, indented


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


class _Text(str):
    pass


class _Number(float):
    def __repr__(self) -> str:
        return "a number"


odd_float = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e-3, max_value=1e-3),
    st.floats(min_value=1e15, max_value=1e17),
    st.sampled_from([0.0, -0.0, 1e-4, 9.999e-5, 1e16, 9.999999999999998e15, 24.99, 0.9999]),
)
odd_int = st.one_of(
    st.integers(),
    st.sampled_from([2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1, 10**30]),
)
odd_text = st.one_of(
    st.text(),
    st.sampled_from(["\ud800", "a\udfffb", "\x00\x1f\x7f\x85\u2028\u2029", "“Отчёт” — \U0001f600"]),
    st.builds(_Text, st.text(max_size=3)),
)
scalar = st.one_of(
    st.none(), st.booleans(), odd_int, odd_float, odd_text, st.builds(_Number, st.floats(0, 1))
)
value = st.recursive(
    scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(st.one_of(st.text(max_size=4), st.integers(0, 3)), inner, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=1000, deadline=None)
@given(value=value)
def test_the_text_is_jsons_for_any_value(value: object) -> None:
    try:
        expected = _json(value)
    except (ValueError, TypeError, RecursionError) as error:
        with pytest.raises(type(error)):
            indented(value)
        return
    assert indented(value) == expected


def test_every_character_is_escaped_as_json_escapes_it() -> None:
    for start in range(0, 0x10000, 0x800):
        texts = ["".join(chr(c) for c in range(start, start + 0x800) if not 0xD800 <= c <= 0xDFFF)]
        texts += [chr(c) for c in range(start, start + 0x800)]
        value = {"texts": texts, "keys": {text: 1 for text in texts[1:]}}
        assert indented(value) == _json(value)


def test_a_score_payload_is_written_by_the_fast_path() -> None:
    payload = {
        "assessment": "Редкоземельные — “rare earths”",
        "scenario": None,
        "projects": [
            {
                "id": "p1",
                "name": 'Tomtor "A" \\ B',
                "index": 24.99,
                "band": "Low",
                "coverage": 0.0001,
                "status": "ranked",
                "rank": 1,
                "red_lines": [],
            },
            {
                "id": "p2",
                "name": "Empty",
                "index": None,
                "band": None,
                "coverage": 0.0,
                "status": "excluded",
                "rank": None,
                "red_lines": [{"criterion": "c", "reason": "r\tq", "kind": "rule"}],
            },
        ],
    }
    assert _agrees(payload)
    assert indented(payload) == _json(payload)


@pytest.mark.parametrize(
    "value",
    [1e-5, 1e16, float("nan"), float("inf"), 2**64, -(2**63) - 1, (1, 2), {1: "a"}, _Text("a")],
)
def test_values_written_otherwise_are_left_to_json(value: object) -> None:
    assert not _agrees({"a": [value]})
    assert indented({"a": [value]}) == _json({"a": [value]})


def test_a_loop_is_refused_as_json_refuses_it() -> None:
    loop: list = []
    loop.append(loop)
    assert not _agrees(loop)
    with pytest.raises(ValueError, match="Circular reference"):
        indented(loop)


@pytest.mark.parametrize(
    "value",
    [
        {"name": "Томтор ✓", "shares": [0.0, 0.25, 1.0], "n": 3, "none": None},
        {"lone": "\ud800", "x": 1e-05},  # json's own text (orjson refuses or differs)
    ],
)
@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_written_to_a_stream_as_json_writes_it(value: object, encoding: str) -> None:
    """To a stream with a UTF-8 buffer the bytes go straight there; to any other stream the
    text: either way what arrives is json's text and a line break, in the stream's order."""
    import io

    from rrisk.jsonwrite import write_indented

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, errors="backslashreplace", newline="")
    stream.write("before\n")
    write_indented(value, stream)
    stream.write("after\n")
    stream.flush()
    expected = "before\n" + _json(value) + "\n" + "after\n"
    assert raw.getvalue() == expected.encode(encoding, errors="backslashreplace")
    text = io.StringIO()  # no buffer at all
    write_indented(value, text)
    assert text.getvalue() == _json(value) + "\n"


def test_a_utf8_stream_gets_the_bytes_on_its_buffer_where_lines_end_in_a_line_feed(
    monkeypatch,
) -> None:
    """The fast path: orjson's bytes on the buffer, none of the text through the text layer;
    where text streams end lines otherwise, the text goes through it (and is translated)."""
    import io
    import os

    from rrisk.jsonwrite import write_indented

    class Counted(io.TextIOWrapper):
        def __init__(self, raw: io.BytesIO) -> None:
            super().__init__(raw, encoding="utf-8", newline="")
            self.texts: list[str] = []

        def write(self, text: str) -> int:
            self.texts.append(text)
            return super().write(text)

    value = {"shares": [0.0, 0.5], "name": "Томтор"}
    monkeypatch.setattr(os, "linesep", "\n")
    stream = Counted(io.BytesIO())
    write_indented(value, stream)
    stream.flush()
    assert stream.texts == []
    assert stream.buffer.getvalue() == (_json(value) + "\n").encode()
    monkeypatch.setattr(os, "linesep", "\r\n")
    stream = Counted(io.BytesIO())
    write_indented(value, stream)
    assert "".join(stream.texts) == _json(value) + "\n"
