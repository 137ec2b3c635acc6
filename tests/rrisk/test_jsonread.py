"""The fast document.json reader agrees with ``json`` or declines (rrisk/jsonread.py)."""

from __future__ import annotations

import json
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rrisk.jsonread import fast_loads

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(value=json_values)
def test_whatever_it_reads_equals_what_json_reads(value) -> None:
    # Compact, as RRisk saves: the form the fast reader takes (any other is json's).
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    raw = raw.encode("utf-8", "surrogatepass")
    fast = fast_loads(raw)
    if fast is not None:
        expected = json.loads(raw.decode("utf-8", "surrogatepass"))
        assert fast == expected
        assert json.dumps(fast) == json.dumps(expected)  # ints stay ints, floats floats


@pytest.mark.parametrize(
    "raw",
    [
        b'{"weight":12345678901234567890123}',  # past 64 bits: orjson would make a float
        b'{"cells":{},"cells":{"p":{}}}',  # a key twice: json must refuse it
        b'{"a": 1}',  # not the compact form RRisk writes
        b'"\\ud800"',  # a lone surrogate
        b"NaN",
        b"[1,]",
        b"\xef\xbb\xbf{}",  # a byte-order mark
        b'{"a": "\xff"}',  # not UTF-8
        b"[" * 2000 + b"]" * 2000,
    ],
)
def test_it_declines_what_json_must_decide(raw: bytes) -> None:
    assert fast_loads(raw) is None


def test_it_reads_what_rrisk_writes() -> None:
    raw = '{"title":"Tomtor – Томтор","weights":[1.0,0.5,0.25],"n":3}'.encode()
    assert fast_loads(raw) == json.loads(raw)


def test_without_orjson_everything_goes_to_json(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "orjson", None)
    assert fast_loads(b'{"a":1}') is None


@pytest.mark.parametrize("depth", [990, 1010, 1100])
def test_nesting_near_the_limits_is_refused_in_json_s_words(
    depth: int, tmp_path, monkeypatch
) -> None:
    """orjson reads deeper than Python's reader: the refusal is still json's, word for word.

    Python 3.11's reader stops at ~1,000 levels ("nested too deeply"); 3.12's reads a few
    thousand, and the value is then refused for what it is (a title that is not a string)."""
    import zipfile

    from rrisk.errors import FileFormatError
    from rrisk.fileformat import MIMETYPE, read_file

    nested = b"[" * depth + b"]" * depth
    raw = b'{"format_version": 1, "document": {"title": ' + nested + b"}}"
    path = tmp_path / "deep.rrisk"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", MIMETYPE)
        archive.writestr("document.json", raw)

    def refusal() -> str:
        with pytest.raises(FileFormatError) as error:
            read_file(path)
        return str(error.value)

    fast = refusal()
    assert fast.endswith(
        ("document.json is nested too deeply to read", "title: input should be a valid string")
    )
    monkeypatch.setitem(sys.modules, "orjson", None)  # json alone reads it
    assert refusal() == fast


@pytest.mark.parametrize(
    "body",
    [
        b'{"format_version":2,"document":{"title":"A","title":"B"}}',
        b'{"format_version": 2, "document": {}, "document": {"title": "B"}}',
        b'{"format_version":2,"document":{"cells":{"p":{"c":{"likelihood":1,"likelihood":5}}}}}',
    ],
)
def test_a_key_given_twice_is_refused_by_name(body: bytes, tmp_path) -> None:
    """Readers disagree on which of two equal keys counts: one could see data another hides."""
    import zipfile

    from rrisk.errors import FileFormatError
    from rrisk.fileformat import MIMETYPE, read_file

    path = tmp_path / "twice.rrisk"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", MIMETYPE)
        archive.writestr("document.json", body)
    with pytest.raises(FileFormatError, match=r"twice.rrisk: document.json gives the key '\w+' "):
        read_file(path)
