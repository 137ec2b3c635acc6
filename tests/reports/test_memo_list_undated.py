"""A memo on a screening against a list imported without an as-of date says so plainly (it
read "(as of no as-of date recorded)"), in the PDF and the Word memo."""

from __future__ import annotations

import io

from docx import Document
from pdfread import ReadMemo, squash

from reports.memo import build_memo
from reports.word import build_docx
from rrisk.model import parse_assessment

UNDATED = (
    "Counterparties were screened against the list ofac-2025. The list carries no as-of date, "
    "so this memo cannot say how current it was, nor which later listings it misses. A hit is"
)


def _document(as_of: str) -> object:
    return parse_assessment(
        {
            "as_of": "2026-11-30",
            "criteria": [{"id": "c1", "name": "Sanctions"}],
            "projects": [{"id": "p", "name": "Tomtor", "counterparties": ["Rostec"]}],
            "cells": {"p": {"c1": {"likelihood": 2, "impact": 3}}},
            "screening": {"list_name": "ofac-2025", "list_as_of": as_of},
        }
    )


def test_a_list_without_an_as_of_date_is_said_undated_in_pdf_and_word() -> None:
    document = _document("")
    pdf = squash(ReadMemo(build_memo(document)).text)
    word_doc = Document(io.BytesIO(build_docx(document)))
    word = squash(" ".join(p.text for p in word_doc.paragraphs))
    for text in (pdf, word):
        assert UNDATED in text
        assert "as of no as-of date" not in text


def test_a_dated_list_gives_its_date() -> None:
    pdf = squash(ReadMemo(build_memo(_document("2025-06-30"))).text)
    assert "screened against the list ofac-2025 (as of 2025-06-30). A hit is" in pdf
    assert "no as-of date" not in pdf
