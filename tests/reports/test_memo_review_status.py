"""The memo says how much of the matrix is marked reviewed, the PDF and the Word memo alike."""

from __future__ import annotations

import io

from docx import Document
from pdfread import ReadMemo, squash

from reports.memo import build_memo
from reports.word import build_docx
from rrisk.model import parse_assessment


def _document(reviewed: int) -> object:
    """Three projects × two criteria, five cells scored, the first ``reviewed`` of them
    marked reviewed, and a scenario rescoring one of them."""
    keys = [("ust", "export"), ("ust", "water"), ("kazan", "export"), ("kazan", "water")]
    keys.append(("perm", "export"))
    cells: dict[str, dict[str, dict[str, object]]] = {}
    for number, (project, criterion) in enumerate(keys):
        status = "reviewed" if number < reviewed else "draft"
        cells.setdefault(project, {})[criterion] = {
            "likelihood": 2 + number % 3,
            "impact": 3,
            "status": status,
        }
    return parse_assessment(
        {
            "title": "Volga logistics",
            "as_of": "2026-03-31",
            "criteria": [
                {"id": "export", "name": "Export controls"},
                {"id": "water", "name": "Water"},
            ],
            "projects": [
                {"id": "ust", "name": "Ust-Luga terminal"},
                {"id": "kazan", "name": "Kazan depot"},
                {"id": "perm", "name": "Perm yard"},
            ],
            "cells": cells,
            "scenarios": [
                {
                    "id": "ban",
                    "name": "Ban",
                    "cell_overrides": [
                        {"project": "ust", "criterion": "export", "likelihood": 5, "impact": 5}
                    ],
                }
            ],
        }
    )


def _word_text(data: bytes) -> str:
    return squash(" ".join(p.text for p in Document(io.BytesIO(data)).paragraphs))


def test_the_ranking_says_how_many_assessed_cells_are_reviewed_in_pdf_and_word() -> None:
    sentence = "Of the 5 assessed cells, 3 are marked reviewed and 2 are draft."
    document = _document(reviewed=3)
    for scenario in (None, "ban"):  # a scenario holds no review status: the same counts
        pdf = ReadMemo(build_memo(document, scenario)).text
        word = _word_text(build_docx(document, scenario))
        for text in (pdf, word):
            assert (
                "Coverage is the share of criterion weight that has been assessed. "
                f"{sentence} Projects excluded by a red line are listed apart"
            ) in text
            assert text.count(sentence) == 1


def test_every_cell_reviewed_is_said_so() -> None:
    document = _document(reviewed=5)
    sentence = "All 5 assessed cells are marked reviewed."
    assert sentence in ReadMemo(build_memo(document)).text
    assert sentence in _word_text(build_docx(document))
