"""Text the PDF memo's fonts cannot draw (Myanmar, Thai, Devanagari, …) prints as empty boxes:
the cover says which script and where, so a reader of the memo alone knows a name is
missing; a memo without such text has no such line, and the Word memo (Word's fonts) none."""

from __future__ import annotations

import io
import zipfile

from pdfread import ReadMemo

from reports.memo import build_memo
from rrisk.model import Assessment, parse_assessment

BURMESE = "ဖားကန့်"
THAI = "ไทย"


def _document(alt_names: list[str], criterion: str = "Sanctions") -> Assessment:
    return parse_assessment(
        {
            "title": "Jade and rare earths",
            "as_of": "2025-11-01",
            "criteria": [
                {"id": "cost", "name": "Cost", "weight": 1},
                {"id": "sanctions", "name": criterion, "weight": 1},
            ],
            "projects": [
                {"id": "hpakant", "name": "Hpakant tailings", "alt_names": alt_names},
                {"id": "pangwa", "name": "Pangwa mine"},
            ],
            "cells": {
                "hpakant": {"cost": {"likelihood": 2, "impact": 3}},
                "pangwa": {"cost": {"likelihood": 3, "impact": 3}},
            },
        }
    )


def test_the_cover_names_the_script_and_the_items_printed_as_boxes() -> None:
    memo = ReadMemo(build_memo(_document([BURMESE], f"Sanctions {THAI}")))
    cover = memo.pages[0]
    assert "Not printable" in cover
    assert (
        "Thai and Myanmar letters print as empty boxes in criterion C2 and project "
        "“Hpakant tailings”: this PDF's fonts cannot draw them." in cover
    )


def test_a_memo_whose_text_prints_whole_has_no_such_line() -> None:
    memo = ReadMemo(build_memo(_document(["Хпакант", "帕敢"])))
    assert "Not printable" not in memo.pages[0]
    assert "empty boxes" not in memo.text


def test_the_word_memo_whose_text_word_sets_has_no_such_line() -> None:
    from reports.word.build import build_docx

    data = build_docx(_document([BURMESE]))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert BURMESE in body
    assert "Not printable" not in body
    assert "empty boxes" not in body


def test_right_to_left_names_in_the_note_are_isolated_from_each_other() -> None:
    """Two Arabic or Hebrew names side by side, with the comma and quotes between them, would
    be set as one right-to-left phrase, the names swapped and the punctuation turned."""
    from reports.context import MemoContext
    from reports.cover import unprintable_note

    document = _document([BURMESE])
    document.project("hpakant").name = "منجم الذهب"
    document.project("pangwa").name = "מכרה תמנע"
    document.project("pangwa").alt_names = [BURMESE]
    note = unprintable_note(MemoContext.create(document, None))
    assert "2 projects (“\u2068منجم الذهب\u2069” and “\u2068מכרה תמנע\u2069”)" in note
