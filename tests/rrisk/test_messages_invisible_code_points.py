"""A refusal quoting a name or value shows a character that prints nothing as its code point
(``<U+3164>``): repr kept a Hangul filler as itself, so 'ㅤ.pdf' was quoted as '.pdf'."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from rrisk import fileformat
from rrisk.errors import FileFormatError
from rrisk.model import attachment_problem
from rrisk.text import quoted


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("\u3164.pdf", "'<U+3164>.pdf'"),  # a Hangul filler: a letter to repr, drawn as nothing
        ("report\uffa0.pdf", "'report<U+FFA0>.pdf'"),  # the halfwidth Hangul filler
        ("a\u200bb.pdf", "'a<U+200B>b.pdf'"),  # a zero-width space: repr wrote '\u200b'
        ("a b\u00a0", "'a b<U+00A0>'"),  # a no-break space at the end
    ],
)
def test_attachment_refusal_shows_invisible_characters_as_code_points(
    name: str, shown: str
) -> None:
    problem = attachment_problem(name)
    assert problem is not None and problem.startswith(f"attachment name {shown} must be")


def test_quoted_keeps_visible_text_and_control_escapes() -> None:
    assert quoted("Tomtor ниобий 中") == "'Tomtor ниобий 中'"
    assert quoted("variant\ufe0f") == "'variant<U+FE0F>'"  # a variation selector: no glyph
    assert quoted("a\x1bb") == "'a\\x1bb'"  # (controls as every message writes them)
    assert quoted("\ufe0f" * 100, 20) == "'" + "<U+FE0F>" * 2 + "<U…"


def test_opening_a_file_with_a_filler_named_attachment_names_it(tmp_path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", fileformat.MIMETYPE)
        archive.writestr("document.json", json.dumps({"format_version": 2, "document": {}}))
        archive.writestr("attachments/\u3164.pdf", b"%PDF-1.4")
    with pytest.raises(FileFormatError) as caught:
        fileformat.read_bytes(buffer.getvalue(), "f.rrisk")
    assert "attachment name '<U+3164>.pdf' must be a plain file name" in str(caught.value)


def test_a_path_with_an_invisible_character_shows_its_code_point(tmp_path) -> None:
    """'xㅤ.rrisk' was said as "xㅤ.rrisk: does not exist", read as 'x.rrisk', and a
    direction override as Python's '\\u202e'."""
    missing = tmp_path / "x\u3164.rrisk"
    with pytest.raises(FileFormatError) as caught:
        fileformat.load(missing)
    assert str(caught.value) == f"{tmp_path}/x<U+3164>.rrisk: does not exist"
    with pytest.raises(FileFormatError) as caught:
        fileformat.load(tmp_path / "x\u202e.rrisk")
    assert str(caught.value) == f"{tmp_path}/x<U+202E>.rrisk: does not exist"
