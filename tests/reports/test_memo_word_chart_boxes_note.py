"""The Word memo sets its text in Word's fonts, but its charts are pictures drawn in the PDF's
fonts: a Burmese project or criterion name printed there as empty boxes with nothing on the
cover saying so. The cover now says which script and where the charts draw it."""

from __future__ import annotations

import io
import zipfile

from reports.word.build import build_docx
from rrisk.model import Assessment, parse_assessment

BURMESE = "ဖားကန့်"


def _document(name: str, alt_names: list[str]) -> Assessment:
    return parse_assessment(
        {
            "title": "Jade and rare earths",
            "as_of": "2025-11-01",
            "criteria": [
                {"id": "cost", "name": "Cost", "weight": 1},
                {"id": "sanctions", "name": "Sanctions", "weight": 1},
            ],
            "projects": [
                {"id": "hpakant", "name": name, "alt_names": alt_names},
                {"id": "pangwa", "name": "Pangwa mine"},
            ],
            "cells": {
                "hpakant": {"cost": {"likelihood": 2, "impact": 3}},
                "pangwa": {"cost": {"likelihood": 3, "impact": 3}},
            },
        }
    )


def _body(document: Assessment) -> str:
    with zipfile.ZipFile(io.BytesIO(build_docx(document))) as package:
        return package.read("word/document.xml").decode("utf-8")


def test_a_name_the_charts_draw_in_boxes_is_noted_on_the_word_cover() -> None:
    body = _body(_document(f"Hpakant {BURMESE}", []))
    assert "Not printable" in body
    assert "Myanmar letters print as empty boxes where the charts draw the names of" in body
    assert f"project “Hpakant {BURMESE}”" in body
    assert "this PDF" not in body


def test_text_word_sets_alone_gets_no_note() -> None:
    body = _body(_document("Hpakant tailings", [BURMESE]))  # alternative names: not charted
    assert BURMESE in body
    assert "Not printable" not in body
