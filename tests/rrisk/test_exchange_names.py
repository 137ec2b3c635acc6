"""Importing a matrix: a name the document cannot hold is named with its row and column (it was
blamed on the id, or reported with no row), one name in two Unicode forms is one name, an
unclosed quote is named with its row, and an unchanged export imports as no change at all."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest

from rrisk.errors import ImportExportError
from rrisk.exchange import COLUMNS, export_matrix, import_matrix
from rrisk.model import Assessment, assessment_to_data, parse_assessment

HEADER = "Project ID,Project,Criterion ID,Criterion,Likelihood,Impact\n"


def _base() -> Assessment:
    return parse_assessment(
        {
            "title": "Names",
            "criteria": [{"id": "cost", "name": "Cost"}, {"id": "legal", "name": "Legality"}],
            "projects": [{"id": "tomtor", "name": "Tomtor"}, {"id": "kola", "name": "Kola"}],
            "cells": {
                "tomtor": {"cost": {"likelihood": 2, "impact": 3}},
                # An explicit empty cell, as the app leaves one whose status was set back.
                "kola": {"legal": {"status": "unassessed"}},
            },
        }
    )


@pytest.mark.parametrize(
    ("line", "column", "reason"),
    [
        ("p1," + "y" * 600 + ",c1,C,3,3", "Project", "the name is 600 characters; at most 500"),
        ("p1,P,c1,bad\x1bname,3,3", "Criterion", "control character U+001B at position 4"),
    ],
)
def test_a_new_items_bad_name_is_named_with_its_row_and_column(
    tmp_path: Path, line: str, column: str, reason: str
) -> None:
    table = tmp_path / "new.csv"
    table.write_text(HEADER + line + "\n", encoding="utf-8")
    with pytest.raises(ImportExportError) as refused:
        import_matrix(table)
    message = str(refused.value)
    assert "row 2" in message and f"column '{column}'" in message and reason in message
    assert "not a valid id" not in message


def test_a_rename_the_document_cannot_hold_is_named_with_its_row(tmp_path: Path) -> None:
    base = _base()
    table = tmp_path / "matrix.csv"
    export_matrix(base, table)
    with table.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    row_number = next(i for i, row in enumerate(rows, start=2) if row["Project ID"] == "kola")
    for row in rows:
        if row["Project ID"] == "kola":
            row["Project"] = "k" * 501
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(ImportExportError) as refused:
        import_matrix(table, base=base)
    message = str(refused.value)
    assert f"row {row_number}, column 'Project'" in message
    assert "the name is 501 characters; at most 500" in message


def test_one_name_in_two_unicode_forms_is_one_name(tmp_path: Path) -> None:
    composed = unicodedata.normalize("NFC", "Café")
    decomposed = unicodedata.normalize("NFD", "Café")
    assert composed != decomposed
    table = tmp_path / "forms.csv"
    table.write_text(
        HEADER + f"p1,{composed},c1,Cost,2,2\np1,{decomposed},c2,Legality,3,3\n", encoding="utf-8"
    )
    document = import_matrix(table)
    assert [p.name for p in document.projects] == [composed]  # as its first row writes it
    # And names differing in more than their form are still refused, naming both rows.
    table.write_text(HEADER + "p1,Café,c1,Cost,2,2\np1,Cafe,c2,Legality,3,3\n", encoding="utf-8")
    with pytest.raises(ImportExportError, match="rows 2 and 3"):
        import_matrix(table)


def test_an_unclosed_quote_is_named_with_its_row(tmp_path: Path) -> None:
    table = tmp_path / "quote.csv"
    # Row 1 the header, row 2 a record, row 3 blank, row 4 the quote that never closes.
    table.write_text(
        HEADER + 'p1,P,c1,C,3,3\n\np2,"Kola,c1,C,3,3\np3,Q,c1,C,2,2\n', encoding="utf-8"
    )
    with pytest.raises(ImportExportError) as refused:
        import_matrix(table)
    message = str(refused.value)
    assert "row 4: a quoted field is never closed" in message
    assert "tokenizing" not in message and "C error" not in message


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_unchanged_export_imports_as_no_change(tmp_path: Path, suffix: str) -> None:
    base = _base()
    table = tmp_path / f"matrix{suffix}"
    export_matrix(base, table)
    back = import_matrix(table, base=base)
    assert assessment_to_data(back) == assessment_to_data(base)
    assert back.cell("kola", "legal") is not None  # the explicit empty cell stays
    assert back.cell("kola", "cost") is None  # a pair with no cell still gets none


def test_an_unclosed_quote_is_found_past_a_stray_quote(tmp_path: Path) -> None:
    # Row 2 holds "P"x, which reads as Px; the quote that never closes is on row 4.
    table = tmp_path / "stray.csv"
    table.write_text(
        HEADER + 'p1,"P"x,c1,C,3,3\np2,Q,c1,C,2,2\np3,"Kola,c1,C,3,3\np4,R,c1,C,2,2\n',
        encoding="utf-8",
    )
    with pytest.raises(ImportExportError, match="row 4: a quoted field is never closed"):
        import_matrix(table)
