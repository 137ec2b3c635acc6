"""Tables as spreadsheet programs write them: error values, other separators and encodings,
blank rows and repeated columns (rrisk/exchange.py)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from rrisk.errors import ImportExportError
from rrisk.exchange import COLUMNS, export_matrix, import_matrix
from rrisk.model import Assessment, assessment_to_data, parse_assessment

DOCUMENT = {
    "title": "Spreadsheet case",
    "criteria": [{"id": "cost", "name": "Cost"}, {"id": "legal", "name": "Legality"}],
    "projects": [{"id": "alpha", "name": "#N/A"}, {"id": "beta", "name": "Бета"}],
    "cells": {
        "alpha": {
            "cost": {"likelihood": 4, "impact": 3, "rationale": "#REF!"},
            "legal": {"likelihood": 2, "impact": 2, "rationale": "#DIV/0!"},
        },
        "beta": {"cost": {"likelihood": 1, "impact": 5, "rationale": "Ставка; «кавычки», запятая"}},
    },
}


@pytest.fixture
def document() -> Assessment:
    return parse_assessment(DOCUMENT)


def _rows(document: Assessment, tmp_path: Path) -> list[list[str]]:
    table = tmp_path / "source.csv"
    export_matrix(document, table)
    return list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))


def _book(rows: list[list[str]]) -> Workbook:
    """A workbook of the rows, as a spreadsheet program keeps text: text, never an error."""
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([value or None for value in row] if row else [])
    for line in sheet.iter_rows():
        for cell in line:
            if cell.data_type == "e":
                cell.data_type = "s"
    return book


def test_text_that_reads_like_a_spreadsheet_error_stays_text(
    tmp_path: Path, document: Assessment
) -> None:
    table = tmp_path / "matrix.xlsx"
    export_matrix(document, table)
    sheet = load_workbook(table).active
    kinds = {cell.value: cell.data_type for row in sheet.iter_rows() for cell in row}
    assert kinds["#N/A"] == kinds["#REF!"] == kinds["#DIV/0!"] == "s"
    again = import_matrix(table, base=document)
    assert assessment_to_data(again) == assessment_to_data(document)


def test_an_error_value_in_a_sheet_is_named_by_row_and_column(
    tmp_path: Path, document: Assessment
) -> None:
    rows = _rows(document, tmp_path)
    book = _book(rows)
    sheet = book.active
    column = rows[0].index("Likelihood") + 1
    sheet.cell(row=3, column=column).value = "#DIV/0!"  # openpyxl stores it as an error value
    assert sheet.cell(row=3, column=column).data_type == "e"
    table = tmp_path / "edited.xlsx"
    book.save(table)
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    message = str(caught.value)
    assert "row 3" in message and "column 'Likelihood'" in message
    assert "spreadsheet error" in message and str(table) in message


@pytest.mark.parametrize("header", ["Check", "Risk (L×I)"])
def test_an_error_value_in_a_column_that_is_not_read_does_not_stop_the_import(
    tmp_path: Path, document: Assessment, header: str
) -> None:
    # A formula of the analyst's beside the table (or over the worked-out risk) that fails
    # changes nothing imported: the import was refused "where a value is expected".
    rows = _rows(document, tmp_path)
    book = _book(rows)
    sheet = book.active
    column = rows[0].index(header) + 1 if header in rows[0] else len(rows[0]) + 1
    sheet.cell(row=1, column=column).value = header
    sheet.cell(row=3, column=column).value = "#DIV/0!"
    assert sheet.cell(row=3, column=column).data_type == "e"
    table = tmp_path / "checked.xlsx"
    book.save(table)
    notices: list[str] = []
    imported = import_matrix(table, base=document, notices=notices)
    assert assessment_to_data(imported) == assessment_to_data(document)
    assert len(notices) == 1 and "not imported" in notices[0]


@pytest.mark.parametrize("separator", [";", "\t"])
def test_a_csv_with_semicolons_or_tabs_reads_as_one_with_commas(
    tmp_path: Path, document: Assessment, separator: str
) -> None:
    rows = _rows(document, tmp_path)
    rows[2][rows[0].index("Likelihood")] = "5"  # an edit, so the import has work to do
    table = tmp_path / "matrix.csv"
    with open(table, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=separator).writerows(rows)
    imported = import_matrix(table, base=document)
    assert imported.cell("alpha", "legal").likelihood == 5
    assert imported.cell("beta", "cost").rationale == "Ставка; «кавычки», запятая"


def test_a_csv_that_is_not_utf8_names_its_line_and_the_fix(
    tmp_path: Path, document: Assessment
) -> None:
    rows = _rows(document, tmp_path)
    text = "\r\n".join(",".join(f'"{v}"' for v in row) for row in rows) + "\r\n"
    table = tmp_path / "cp1251.csv"
    table.write_bytes(text.encode("cp1251", errors="replace"))
    line = next(n for n, row in enumerate(text.split("\r\n"), start=1) if "Бета" in row)
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    message = str(caught.value)
    assert f"{table}, line {line}: is not UTF-8 text" in message and "CSV UTF-8" in message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_csv_is_named_as_such_with_the_fix(
    tmp_path: Path, document: Assessment, encoding: str
) -> None:
    # A spreadsheet's "Unicode Text": UTF-16 with its byte-order mark, separated by tabs.
    rows = _rows(document, tmp_path)
    text = "\r\n".join("\t".join(row) for row in rows) + "\r\n"
    table = tmp_path / "unicode.csv"
    data = text.encode(encoding)
    table.write_bytes(data if encoding == "utf-16" else b"\xfe\xff" + data)
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    assert str(caught.value) == (
        f"{table}: is UTF-16 text (as a spreadsheet's 'Unicode Text' saves it), not UTF-8; save "
        "it as 'CSV UTF-8' and import again"
    )


def test_a_column_that_appears_twice_is_refused(tmp_path: Path, document: Assessment) -> None:
    rows = _rows(document, tmp_path)
    at = rows[0].index("Likelihood")
    for row in rows:
        row.append(row[at])
    table = tmp_path / "twice.csv"
    with open(table, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    with pytest.raises(ImportExportError, match="the column 'Likelihood' appears twice"):
        import_matrix(table, base=document)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_header_repeated_in_its_own_spelling_is_refused_as_a_column_twice(
    tmp_path: Path, document: Assessment, suffix: str
) -> None:
    rows = _rows(document, tmp_path)
    at = rows[0].index("Project ID")
    rows[0][at] = "project id"
    for row in rows:
        row.append(row[at])
    table = tmp_path / f"twice{suffix}"
    if suffix == ".csv":
        with open(table, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
    else:
        _book(rows).save(table)
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    assert str(caught.value) == (
        f"{table}: the column 'Project ID' appears twice; keep one and import again"
    )


def test_a_blank_sheet_row_is_skipped_and_later_rows_keep_their_numbers(
    tmp_path: Path, document: Assessment
) -> None:
    rows = _rows(document, tmp_path)
    book = _book([rows[0], rows[1], [], *rows[2:]])  # row 3 left blank
    sheet = book.active
    table = tmp_path / "blank.xlsx"
    book.save(table)
    imported = import_matrix(table, base=document)
    assert assessment_to_data(imported) == assessment_to_data(document)
    sheet.cell(row=4, column=rows[0].index("Impact") + 1).value = "9"
    book.save(table)
    with pytest.raises(ImportExportError, match=r"row 4 \(project 'alpha', criterion 'legal'\)"):
        import_matrix(table, base=document)


def test_a_pair_scored_in_the_sheet_is_no_longer_unassessed(
    tmp_path: Path, document: Assessment
) -> None:
    rows = _rows(document, tmp_path)
    header = rows[0]
    empty = next(r for r in rows[1:] if r[0] == "beta" and r[2] == "legal")
    assert empty[header.index("Status")] == "unassessed"
    empty[header.index("Likelihood")] = "3"
    empty[header.index("Impact")] = "2"
    table = tmp_path / "scored.csv"
    with open(table, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    cell = import_matrix(table, base=document).cell("beta", "legal")
    assert (cell.likelihood, cell.impact, cell.status) == (3, 2, "draft")
    assert len(header) == len(COLUMNS)


@pytest.mark.parametrize("row", [1, 3])
def test_a_csv_row_with_a_field_too_many_is_refused_with_its_row(
    tmp_path: Path, document: Assessment, row: int
) -> None:
    # The first row below the header, and one further down (where the table reader stopped
    # with its own words: "Error tokenizing data. C error: Expected 18 fields in line 4").
    rows = _rows(document, tmp_path)
    assert len(rows) > 3
    rows[row].append("stray")
    table = tmp_path / "long.csv"
    with open(table, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    message = str(caught.value)
    assert f"{table}, row {row + 1}: has {len(rows[0]) + 1} fields where the header" in message


@pytest.mark.parametrize(("column", "value"), [("Likelihood", "=2+1"), ("Rationale", '=B2&"x"')])
def test_a_formula_saved_without_its_result_is_refused_not_read_as_blank(
    tmp_path: Path, document: Assessment, column: str, value: str
) -> None:
    # openpyxl (any script) saves a formula alone; a reader would see an empty cell and clear
    # the score or the text it stands for.
    table = tmp_path / "matrix.xlsx"
    export_matrix(document, table)
    book = load_workbook(table)
    sheet = book.active
    at = [c.value for c in sheet[1]].index(column) + 1
    sheet.cell(row=2, column=at).value = value
    book.save(table)
    letter = sheet.cell(row=2, column=at).column_letter
    with pytest.raises(ImportExportError, match=f"cell {letter}2: holds a formula saved without"):
        import_matrix(table, base=document)


@pytest.mark.parametrize("header", ["Risk (L×I)", "Band", "Check"])
def test_a_formula_saved_without_its_result_in_a_column_not_read_is_no_refusal(
    tmp_path: Path, document: Assessment, header: str
) -> None:
    # A script writing the table puts the risk, the band or a check of its own as formulas
    # (saved without their results); none of those columns is read, so nothing is cleared.
    rows = _rows(document, tmp_path)
    book = _book(rows)
    sheet = book.active
    column = rows[0].index(header) + 1 if header in rows[0] else len(rows[0]) + 1
    sheet.cell(row=1, column=column).value = header
    for row in range(2, len(rows) + 1):
        sheet.cell(row=row, column=column).value = f"=E{row}*F{row}"
    table = tmp_path / "scripted.xlsx"
    book.save(table)
    imported = import_matrix(table, base=document)
    assert assessment_to_data(imported) == assessment_to_data(document)
    # In a column that is read, the first such cell is named.
    sheet.cell(row=3, column=rows[0].index("Impact") + 1).value = "=2+1"
    book.save(table)
    letter = sheet.cell(row=3, column=rows[0].index("Impact") + 1).column_letter
    with pytest.raises(ImportExportError, match=f"cell {letter}3: holds a formula saved without"):
        import_matrix(table, base=document)


def test_a_text_a_workbook_cell_cannot_hold_whole_is_refused_not_cut(
    tmp_path: Path, document: Assessment
) -> None:
    # 18,000 characters, within RRisk's limit, but every CRLF is written as "_x000D_\n": 36,000
    # characters in the workbook, which the writer would cut to 32,767 without a word.
    data = assessment_to_data(document)
    data["cells"]["beta"]["cost"]["rationale"] = "Line\r\n" * 3_000
    long = parse_assessment(data)
    table = tmp_path / "long.xlsx"
    with pytest.raises(ImportExportError) as refused:
        export_matrix(long, table)
    message = str(refused.value)
    assert "row 4, column 'Rationale'" in message and "'beta'" in message and "'cost'" in message
    assert "nothing was saved" in message and ".csv" in message
    assert not table.exists()
    export_matrix(long, tmp_path / "long.csv")  # CSV keeps it whole
    again = import_matrix(tmp_path / "long.csv", base=long)
    assert again.cells["beta"]["cost"].rationale == long.cells["beta"]["cost"].rationale


def test_the_longest_text_a_workbook_cell_holds_comes_back_whole(
    tmp_path: Path, document: Assessment
) -> None:
    data = assessment_to_data(document)
    data["cells"]["beta"]["cost"]["rationale"] = "Line\r\n" * 2_500 + "x" * 2_767  # 32,767 written
    whole = parse_assessment(data)
    table = tmp_path / "whole.xlsx"
    export_matrix(whole, table)
    again = import_matrix(table, base=whole)
    assert again.cells["beta"]["cost"].rationale == whole.cells["beta"]["cost"].rationale


def _write_csv(path: Path, rows: list[list[str]], separator: str, before: str = "") -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write(before)
        csv.writer(handle, delimiter=separator).writerows(rows)


@pytest.mark.parametrize("separator", [";", ",", "\t"])
@pytest.mark.parametrize("renamed", ["Impact", "Likelihood"])
def test_a_csv_header_without_a_required_column_names_it_whatever_the_separator(
    tmp_path: Path, document: Assessment, separator: str, renamed: str
) -> None:
    rows = _rows(document, tmp_path)
    rows[0][rows[0].index(renamed)] = "Auswirkung"  # named in another language
    table = tmp_path / "matrix.csv"
    _write_csv(table, rows, separator)
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    message = str(caught.value)
    assert f"row 1: missing column '{renamed}'" in message
    assert "'Auswirkung'" in message or "fields)" in message  # what the header holds
    assert "tokeniz" not in message


@pytest.mark.parametrize("separator", [";", ","])
def test_a_header_cell_with_a_line_break_is_read_whole_in_the_message(
    tmp_path: Path, document: Assessment, separator: str
) -> None:
    """A unit typed under a header's name ("Likelihood" Alt+Enter "(1-5)") is named as the
    field it is, not cut at the line break, which made the next columns look missing."""
    rows = _rows(document, tmp_path)
    rows[0][rows[0].index("Likelihood")] = "Likelihood\n(1-5)"
    table = tmp_path / "matrix.csv"
    _write_csv(table, rows, separator)
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    message = str(caught.value)
    assert "row 1: missing column 'Likelihood'" in message
    assert "'Likelihood (1-5)' may mean 'Likelihood'" in message


@pytest.mark.parametrize(
    ("before", "advice"),
    [
        ("Risk matrix, exported 3 Dec\r\n", "delete it so that the header is row 1"),
        ("\ufeffQ3 review\r\n\r\n", "delete it so that the header is row 1"),
        ("sep=;\r\n", "separator line ('sep=;')"),
    ],
)
def test_a_line_above_the_csv_header_is_named_with_the_fix(
    tmp_path: Path, document: Assessment, before: str, advice: str
) -> None:
    table = tmp_path / "matrix.csv"
    _write_csv(table, _rows(document, tmp_path), ";", before.lstrip("\ufeff"))
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    message = str(caught.value)
    assert "row 1: missing column 'Project ID'" in message and advice in message


def test_an_xlsx_header_below_a_title_says_the_header_must_be_row_1(
    tmp_path: Path, document: Assessment
) -> None:
    book = _book([["Risk matrix, Q3"], *_rows(document, tmp_path)])
    table = tmp_path / "titled.xlsx"
    book.save(table)
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    assert "missing column 'Project ID'" in str(caught.value)
    assert "the header must be row 1" in str(caught.value)


def test_an_empty_id_cell_is_named_and_a_row_of_spaces_is_a_blank_row(
    tmp_path: Path, document: Assessment
) -> None:
    rows = _rows(document, tmp_path)
    width = len(rows[0])
    spaced = [*rows[:2], [" "] * width, *rows[2:]]  # a row holding only spaces: skipped
    book = _book(spaced)
    table = tmp_path / "spaced.xlsx"
    book.save(table)
    imported = import_matrix(table, base=document)
    assert assessment_to_data(imported) == assessment_to_data(document)
    merged = [*rows]
    merged[2] = [*merged[2]]
    merged[2][0] = ""  # what a merged Project ID cell reads as below its first row
    book = _book(merged)
    book.save(table)
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    message = str(caught.value)
    assert "row 3, column 'Project ID': is empty" in message and "merged cell" in message
    book.active.merge_cells("A2:A3")  # the merge itself is named, before its empty cell
    book.save(table)
    with pytest.raises(ImportExportError, match=r"cells A2:A3: are merged \(column 'Project ID'\)"):
        import_matrix(table, base=document)


def test_an_id_in_another_case_is_refused_with_the_id_it_may_mean(
    tmp_path: Path, document: Assessment
) -> None:
    rows = _rows(document, tmp_path)
    rows[1][0] = "Alpha"  # autocorrect capitalised the first letter
    table = tmp_path / "matrix.csv"
    _write_csv(table, rows, ",")
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    assert "project 'Alpha' is not in the document" in str(caught.value)
    assert "did you mean 'alpha'?" in str(caught.value)


def test_an_id_a_spreadsheet_read_as_a_number_is_refused_with_the_id_it_may_mean(
    tmp_path: Path,
) -> None:
    # A spreadsheet opening the CSV reads the criterion id '01' as the number 1 and saves
    # it so: "criterion '1' is not in the document" did not say why.
    document = parse_assessment(
        {
            "criteria": [{"id": "01", "name": "Cost"}, {"id": "1.10", "name": "Legality"}],
            "projects": [{"id": "alpha", "name": "Alpha"}],
            "cells": {"alpha": {"01": {"likelihood": 2, "impact": 3}}},
        }
    )
    rows = _rows(document, tmp_path)
    for number, (written, read) in enumerate([("01", "1"), ("1.10", "1.1")], start=1):
        assert rows[number][2] == written
        edited = [list(row) for row in rows]
        edited[number][2] = read
        table = tmp_path / f"matrix{number}.csv"
        _write_csv(table, edited, ";")
        with pytest.raises(ImportExportError) as caught:
            import_matrix(table, base=document)
        assert str(caught.value).endswith(
            f"criterion '{read}' is not in the document (ids are matched exactly: did you "
            f"mean '{written}'? A spreadsheet reads an id such as '{written}' as a number; "
            "format the column as text, or import the .xlsx export)"
        )
    rows[1][2] = "2"  # no id of the document reads as that number
    table = tmp_path / "other.csv"
    _write_csv(table, rows, ",")
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    assert str(caught.value).endswith("criterion '2' is not in the document")


DATED = {
    "criteria": [
        {"id": "2024-11", "name": "Cost"},
        {"id": "3.4", "name": "Legality"},
        {"id": "mar-24", "name": "Sanctions"},
    ],
    "projects": [
        {"id": "1-2", "name": "Alpha"},
        {"id": "10-3", "name": "Gamma"},
        {"id": "beta", "name": "Beta"},
    ],
}


@pytest.mark.parametrize(
    ("column", "written", "seen", "meant"),
    [
        (2, "2024-11", "Nov-24", "'2024-11'"),  # Excel's CSV of November 2024
        (2, "2024-11", "01/11/2024", "'2024-11'"),
        (2, "3.4", "03.04.2026", "'3.4'"),  # 3 April, in a German CSV
        (0, "10-3", "3-Oct", "'10-3'"),  # month first: 3 October
        (0, "10-3", "10/03/2026", "'10-3'"),  # day first: 10 March
        (2, "mar-24", "24-Mar", "'mar-24'"),
        (0, "1-2", "2-Jan", "'1-2'"),
        (0, "1-2", "01-Feb", "'1-2'"),
    ],
)
def test_an_id_a_spreadsheet_turned_into_a_date_in_a_csv_is_named_with_the_id_meant(
    tmp_path: Path, column: int, written: str, seen: str, meant: str
) -> None:
    # '2024-11', '3.4', '1-2' or 'mar-24' opened in a spreadsheet become dates, and its CSV
    # keeps them as it shows them: "criterion 'Nov-24' is not in the document" said no more.
    document = parse_assessment(DATED)
    rows = _rows(document, tmp_path)
    number = next(n for n, row in enumerate(rows) if row[column] == written)
    rows[number][column] = seen
    table = tmp_path / "matrix.csv"
    _write_csv(table, rows, ",")
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    kind = "project" if column == 0 else "criterion"
    assert str(caught.value).startswith(f"{table}, row {number + 1} ")
    assert str(caught.value).endswith(
        f"{kind} '{seen}' is not in the document (ids are matched exactly: did you mean "
        f"{meant}? A spreadsheet turns an id such as {meant} into a date; format the column as "
        "text and enter its ids again, or import the .xlsx export)"
    )


def test_an_id_a_workbook_holds_as_a_date_is_named_with_the_id_meant(tmp_path: Path) -> None:
    # Typed into a workbook, '2024-11' is the date 1 November 2024 and '1-2' the 2 January of
    # the year it was typed in; read back they were only "not in the document".
    from datetime import datetime

    document = parse_assessment(DATED)
    rows = _rows(document, tmp_path)
    book = _book(rows)
    sheet = book.active
    sheet.cell(row=2, column=1).value = datetime(2026, 1, 2)  # project '1-2'
    table = tmp_path / "matrix.xlsx"
    book.save(table)
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    assert "row 2 (project '2026-01-02'" in str(caught.value)
    assert str(caught.value).endswith(
        "project '2026-01-02' is not in the document (ids are matched exactly: did you mean "
        "'1-2'? A spreadsheet turns an id such as '1-2' into a date; format the column as text "
        "and enter its ids again, or import the .xlsx export)"
    )
    sheet.cell(row=2, column=1).value = "1-2"
    sheet.cell(row=2, column=3).value = datetime(2024, 11, 1)  # criterion '2024-11'
    book.save(table)
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    assert "did you mean '2024-11'?" in str(caught.value)


def test_an_id_that_is_no_date_a_spreadsheet_writes_gets_no_date_hint(tmp_path: Path) -> None:
    # '2-1' is no form a spreadsheet saves a date in: the table's own id, not one turned.
    document = parse_assessment(DATED)
    rows = _rows(document, tmp_path)
    rows[1][0] = "2-1"
    table = tmp_path / "matrix.csv"
    _write_csv(table, rows, ",")
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    assert str(caught.value).endswith("project '2-1' is not in the document")


def test_a_date_made_of_an_earlier_rows_id_in_a_new_document_is_not_said_missing_from_one(
    tmp_path: Path,
) -> None:
    # A table read into a new document has no document to be missing from: its '2-Jan', the
    # id '1-2' of the rows above as a spreadsheet shows it retyped, was "not in the document".
    table = tmp_path / "matrix.csv"
    table.write_text(
        "Project ID,Project,Criterion ID,Criterion,Likelihood,Impact\n"
        "1-2,Alpha,cost,Cost,3,3\n"
        "2-Jan,Alpha,legal,Legality,2,2\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table)
    assert str(caught.value) == (
        f"{table}, row 3 (project '2-Jan', criterion 'legal'): project '2-Jan' is not a valid "
        "id (ids are matched exactly: did you mean '1-2'? A spreadsheet turns an id such as "
        "'1-2' into a date; format the column as text and enter its ids again, or import the "
        ".xlsx export)"
    )


def test_a_csv_whose_letters_a_code_page_could_not_hold_became_question_marks_is_refused(
    tmp_path: Path,
) -> None:
    # A CSV saved in the computer's own encoding (Excel's "CSV (Comma delimited)", a Mac's
    # "CSV") writes each Cyrillic or Chinese letter it cannot encode as '?', and is still
    # valid UTF-8: the import renamed the projects and rewrote the rationales to '???'.
    document = parse_assessment(
        {
            "criteria": [{"id": "cost", "name": "Cost"}],
            "projects": [{"id": "tomtor", "name": "Томтор"}, {"id": "baotou", "name": "Baotou"}],
            "cells": {
                "tomtor": {"cost": {"likelihood": 2, "impact": 3}},
                "baotou": {"cost": {"likelihood": 4, "impact": 4, "rationale": "稀土 quota 𠀀"}},
            },
        }
    )
    rows = [[field.replace("×", "x") for field in row] for row in _rows(document, tmp_path)]
    as_saved = [
        ["".join("?" if ord(c) > 127 else c for c in field) for field in row] for row in rows
    ]
    table = tmp_path / "matrix.csv"
    _write_csv(table, as_saved, ",")
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    assert str(caught.value) == (
        f"{table}, row 3, column 'Rationale': '?? quota ?' is '稀土 quota 𠀀' with each letter "
        "the spreadsheet could not save made '?' (a CSV saved in the computer's own encoding, "
        "such as Excel's 'CSV (Comma delimited)'); save it as 'CSV UTF-8' and import again"
    )
    as_saved[2] = rows[2]
    _write_csv(table, as_saved, ",")
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    assert str(caught.value).startswith(f"{table}, row 2, column 'Project': '??????' is 'Томтор'")
    # A name or text edited to hold a '?' of its own is an edit, and imported.
    rows[1][1], rows[2][16] = "Tomtor?", "Quota?"
    _write_csv(table, rows, ",")
    imported = import_matrix(table, base=document)
    assert imported.project("tomtor").name == "Tomtor?"
    assert imported.cell("baotou", "cost").rationale == "Quota?"


def test_an_old_xls_workbook_named_xlsx_is_named_with_the_fix(
    tmp_path: Path, document: Assessment
) -> None:
    table = tmp_path / "legacy.xlsx"
    table.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2_000)
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    assert "old Excel workbook (.xls)" in str(caught.value)
    assert "save it as an Excel Workbook (.xlsx)" in str(caught.value)


def test_a_strict_open_xml_workbook_is_named_with_the_fix(
    tmp_path: Path, document: Assessment
) -> None:
    # Excel's "Strict Open XML Spreadsheet" keeps its sheets in other namespaces: the
    # import said "has no visible sheet" of a workbook whose sheet the user sees.
    transitional = tmp_path / "transitional.xlsx"
    _book(_rows(document, tmp_path)).save(transitional)
    table = tmp_path / "strict.xlsx"
    namespaces = {
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": (
            b"http://purl.oclc.org/ooxml/spreadsheetml/main"
        ),
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
            b"http://purl.oclc.org/ooxml/officeDocument/relationships"
        ),
    }
    with zipfile.ZipFile(transitional) as source, zipfile.ZipFile(table, "w") as strict:
        for info in source.infolist():
            data = source.read(info)
            for old, new in namespaces.items():
                data = data.replace(old, new)
            strict.writestr(info, data)
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    assert str(caught.value) == (
        f"{table}: is saved as a Strict Open XML Spreadsheet, which cannot be read; save it "
        "from the spreadsheet as an Excel Workbook (.xlsx) and import again"
    )


def test_an_empty_sheet_is_named_and_which_sheet_is_read(
    tmp_path: Path, document: Assessment
) -> None:
    # The matrix hidden, an empty sheet beside it: "missing column 'Project ID' … the header
    # must be row 1: delete any title or note above it" named neither the sheet nor the cause.
    rows = _rows(document, tmp_path)
    book = _book(rows)
    book.active.sheet_state = "hidden"
    book.create_sheet("Notes")
    table = tmp_path / "hidden.xlsx"
    book.save(table)
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    assert str(caught.value) == (
        f"{table}: the sheet 'Notes' is empty; the table is read from the visible sheet named "
        "'Matrix', else from the only visible sheet (a hidden sheet is not read)"
    )


def test_a_workbook_protected_with_a_password_is_named_so(
    tmp_path: Path, document: Assessment
) -> None:
    # Encrypted, a workbook is an OLE2 file holding an "EncryptedPackage" part: it was said
    # to be an old .xls, to be saved as .xlsx, which it already was.
    table = tmp_path / "protected.xlsx"
    entry = "EncryptedPackage".encode("utf-16-le")
    table.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1_000 + entry + b"\x00" * 1_000
    )
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    assert f"{table}: cannot be read as an XLSX table (it is protected with a password" in str(
        caught.value
    )
    assert "old Excel workbook" not in str(caught.value)


def test_an_empty_table_and_an_unopenable_workbook_say_so(
    tmp_path: Path, document: Assessment
) -> None:
    for name in ("empty.csv", "empty.xlsx"):
        (tmp_path / name).write_bytes(b"")
        with pytest.raises(ImportExportError) as caught:
            import_matrix(tmp_path / name, base=document)
        assert "empty" in str(caught.value) and "title" not in str(caught.value), name
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    with pytest.raises(ImportExportError) as caught:
        import_matrix(folder, base=document)
    assert "is empty" not in str(caught.value) and "cannot be opened" in str(caught.value)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_table_being_built_stops_when_asked_and_writes_nothing(
    tmp_path: Path, suffix: str
) -> None:
    from rrisk.exchange import ExportCancelled, matrix_table
    from rrisk.templates import new_from_template

    document = new_from_template("russia-rare-earths")
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 2  # the second question: after the rows were gathered

    with pytest.raises(ExportCancelled):
        matrix_table(document, tmp_path / f"m{suffix}", cancelled)
    assert list(tmp_path.iterdir()) == []
    whole = matrix_table(document, tmp_path / f"m{suffix}", lambda: False)  # never asked to
    assert whole.startswith(b"PK\x03\x04" if suffix == ".xlsx" else b"\xef\xbb\xbfProject ID")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_table_being_built_reports_the_cells_written_and_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    from rrisk import exchange
    from rrisk.templates import new_from_template

    document = new_from_template("russia-rare-earths")
    total = len(document.projects) * len(document.criteria)
    monkeypatch.setattr(exchange, "_CHECK_EVERY", 10)
    reports: list[tuple[int, int]] = []
    data = exchange.matrix_table(
        document, tmp_path / f"m{suffix}", None, lambda *report: reports.append(report)
    )
    done = [report[0] for report in reports]
    assert {report[1] for report in reports} == {total}
    assert done[0] == 0 and done[-1] == total and done == sorted(done)
    if suffix == ".xlsx":  # every ten rows of the workbook, each before the total
        assert done[1:-1] == list(range(9, total, 10))
    else:
        assert done == [0, total]  # one step
        assert data == exchange.matrix_table(document, tmp_path / f"m{suffix}")


def test_a_date_typed_into_a_text_column_comes_back_as_that_date(
    tmp_path: Path, document: Assessment
) -> None:
    from datetime import datetime

    rows = _rows(document, tmp_path)
    book = _book(rows)
    sheet = book.active
    column = rows[0].index("Rationale") + 1
    sheet.cell(row=2, column=column).value = datetime(2025, 3, 31)  # a date cell
    sheet.cell(row=3, column=column).value = datetime(2025, 3, 31, 14, 30)
    sheet.cell(row=4, column=column).value = "2025-03-31 00:00:00"  # text, kept as written
    table = tmp_path / "dated.xlsx"
    book.save(table)
    again = import_matrix(table, base=document)
    by_row = {
        (row[rows[0].index("Project ID")], row[rows[0].index("Criterion ID")]): index
        for index, row in enumerate(rows[1:], start=2)
    }
    texts = {
        index: again.cells[project][criterion].rationale
        for (project, criterion), index in by_row.items()
        if criterion in again.cells.get(project, {})
    }
    assert texts[2] == "2025-03-31"
    assert texts[3] == "2025-03-31 14:30:00"
    assert texts[4] == "2025-03-31 00:00:00"


def _openpyxl_temporaries() -> set[str]:
    import tempfile

    return {p.name for p in Path(tempfile.gettempdir()).glob("openpyxl.*")}


def test_a_workbook_stopped_mid_rows_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rrisk import exchange
    from rrisk.templates import new_from_template

    document = new_from_template("russia-rare-earths")
    monkeypatch.setattr(exchange, "_CHECK_EVERY", 5)
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 6  # while the rows are being written

    before = _openpyxl_temporaries()
    with pytest.raises(exchange.ExportCancelled):
        exchange.matrix_table(document, tmp_path / "m.xlsx", cancelled)
    assert _openpyxl_temporaries() <= before


def test_a_full_disk_under_a_workbook_ends_in_one_line(tmp_path: Path) -> None:
    """The file size limit stands for a full disk (POSIX): the export fails in one line,
    with no traceback from the spreadsheet writer's stream after it."""
    import subprocess
    import sys

    from rrisk import fileformat
    from rrisk.templates import new_from_template

    if sys.platform == "win32":  # no file size limit to stand for the full disk there
        return
    case = tmp_path / "case.rrisk"
    fileformat.save(new_from_template("russia-rare-earths"), case)
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))\n"
        "from rrisk.cli import main\n"
        "sys.exit(main(['export', sys.argv[1], '-o', sys.argv[2]]))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(case), str(tmp_path / "m.xlsx")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1, run.stderr
    assert "could not be written, nothing was saved" in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.rrisk"]


def test_an_edit_to_risk_or_band_alone_is_noted_as_not_imported(
    tmp_path: Path, document: Assessment
) -> None:
    """Risk (L×I) and Band are worked out, never read: a row whose scores are as they were
    but whose Risk or Band was changed gets a note (nothing else changes). A row whose score
    was changed, its old Risk left beside it, is an ordinary edit and gets none."""
    rows = _rows(document, tmp_path)
    header = rows[0]
    risk, band = header.index("Risk (L×I)"), header.index("Band")
    likelihood = header.index("Likelihood")
    rows[1][risk] = "9"  # alpha × cost: 4 × 3 = 12
    rows[2][band] = "low"  # alpha × legal: 2 × 2 = 4, Low: the same band in another case
    rows[3][likelihood] = "2"  # beta × cost: 1 → 2, Risk still reads 5
    table = tmp_path / "edited.xlsx"
    _book(rows).save(table)
    notices: list[str] = []
    back = import_matrix(table, document, notices=notices)
    assert back.cell("alpha", "cost") == document.cell("alpha", "cost")
    assert back.cell("beta", "cost").likelihood == 2
    (note,) = [n for n in notices if "Risk (L×I) or Band" in n]
    assert "row 2:" in note and "never read" in note
    rows[2][band] = "Critical"
    _book(rows).save(table)
    notices.clear()
    import_matrix(table, document, notices=notices)
    assert any("rows 2, 3:" in n for n in notices)


def test_a_number_in_a_text_column_is_imported_with_a_note_naming_the_cell(
    tmp_path: Path, document: Assessment
) -> None:
    """A spreadsheet keeps "15%" typed into a rationale as the number 0.15: the import takes
    the number and says which cell held one, so the change does not go unseen."""
    rows = _rows(document, tmp_path)
    rationale = rows[0].index("Rationale")
    table = tmp_path / "edited.xlsx"
    book = _book(rows)
    cell = book.active.cell(2, rationale + 1, 0.15)
    cell.number_format = "0%"
    book.save(table)
    notices: list[str] = []
    back = import_matrix(table, document, notices=notices)
    assert back.cell("alpha", "cost").rationale == "0.15"
    letter = cell.column_letter
    assert any(f"cell {letter}2 (Rationale): holds a number" in n for n in notices)
    exported = tmp_path / "plain.xlsx"
    export_matrix(document, exported)
    notices.clear()
    import_matrix(exported, document, notices=notices)
    assert not any("holds a number" in n or "hold numbers" in n for n in notices)
