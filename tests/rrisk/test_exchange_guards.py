"""An import keeps every value of the table or refuses it, naming why: the row limit with
blank rows, headers it does not know, merged cells, names that print nothing, and a new
document's title from an odd file name (rrisk/exchange.py, rrisk/workbook.py)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

import rrisk.exchange as exchange
from rrisk.errors import ImportExportError
from rrisk.exchange import COLUMNS, export_matrix, import_matrix
from rrisk.model import Assessment, parse_assessment

DOCUMENT = {
    "title": "Guarded case",
    "criteria": [{"id": "cost", "name": "Cost"}, {"id": "legal", "name": "Legality"}],
    "projects": [{"id": "alpha", "name": "Alpha"}, {"id": "beta", "name": "Beta"}],
    "cells": {
        "alpha": {
            "cost": {"likelihood": 4, "impact": 3, "status": "reviewed", "rationale": "Dear"},
            "legal": {"likelihood": 2, "impact": 2, "status": "reviewed"},
        },
        "beta": {"cost": {"likelihood": 1, "impact": 5, "status": "reviewed"}},
    },
}
HEADER = ["Project ID", "Criterion ID", "Likelihood", "Impact"]


@pytest.fixture
def document() -> Assessment:
    return parse_assessment(DOCUMENT)


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Matrix"
    for row in rows:
        sheet.append([value or None for value in row])
    book.save(path)
    return path


def _separated(projects: int) -> list[list[str]]:
    """Two cells per project, each project followed by two blank rows."""
    rows = [HEADER]
    for number in range(projects):
        rows += [[f"p{number}", "c0", "3", "4"], [f"p{number}", "c1", "2", "2"], [], []]
    return rows


# -- the row limit --------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_table_over_the_row_limit_is_refused_whatever_blank_rows_it_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    monkeypatch.setattr(exchange, "MAX_ROWS", 10)
    monkeypatch.setattr(exchange, "_CSV_CHUNK_ROWS", 4)
    write = _write_csv if suffix == ".csv" else _write_xlsx
    table = write(tmp_path / f"over{suffix}", _separated(6))  # 12 rows with values
    with pytest.raises(ImportExportError, match="at most 10 ") as refused:
        import_matrix(table)
    assert "rows" in str(refused.value)


def test_blank_rows_do_not_hide_rows_under_the_limit_in_a_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange, "MAX_ROWS", 10)
    monkeypatch.setattr(exchange, "_CSV_CHUNK_ROWS", 4)
    table = _write_csv(tmp_path / "under.csv", _separated(5))  # 10 rows with values, 20 lines
    imported = import_matrix(table)
    assert [p.id for p in imported.projects] == [f"p{n}" for n in range(5)]
    assert all(len(imported.cells[f"p{n}"]) == 2 for n in range(5))


def test_a_workbook_whose_blank_rows_push_data_past_what_is_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange, "MAX_ROWS", 10)
    table = _write_xlsx(tmp_path / "under.xlsx", _separated(4))  # 8 rows with values, 16 rows
    with pytest.raises(ImportExportError, match="blank rows"):
        import_matrix(table)
    monkeypatch.setattr(exchange, "MAX_ROWS", 16)
    assert len(import_matrix(table).projects) == 4


# -- headers the importer does not know -----------------------------------------------------


def _exported_rows(document: Assessment, tmp_path: Path) -> list[list[str]]:
    table = tmp_path / "exported.csv"
    export_matrix(document, table)
    with open(table, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize(
    ("header", "meant"),
    [
        ("Red line (yes/no)", "Red line"),
        ("Red line reason", "Red-line reason"),
        ("Rationale (text)", "Rationale"),
        ("Evidence", "Evidence sources"),
        ("Likelihod", "Likelihood"),
        ("Impact lo", "Impact low"),
    ],
)
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_header_the_import_does_not_know_is_refused_with_the_one_it_may_mean(
    tmp_path: Path, document: Assessment, header: str, meant: str, suffix: str
) -> None:
    rows = _exported_rows(document, tmp_path)
    column = rows[0].index(meant)
    rows[0][column] = header
    write = _write_csv if suffix == ".csv" else _write_xlsx
    table = write(tmp_path / f"edited{suffix}", rows)
    with pytest.raises(ImportExportError) as refused:
        import_matrix(table, document)
    message = str(refused.value)
    assert "row 1" in message
    if meant == "Likelihood" and suffix == ".csv":  # a required column: the header is not found
        assert f"'{header}' may mean '{meant}'" in message
        return
    assert f"column '{header}'" in message and f"did you mean '{meant}'" in message


@pytest.mark.parametrize(("header", "meant"), [("Risk (LxI)", "Risk (L×I)"), ("Bands", "Band")])
def test_a_header_close_to_a_column_never_read_is_only_said(
    tmp_path: Path, document: Assessment, header: str, meant: str
) -> None:
    """Risk (L×I) and Band are worked out from the scores, never read: a sheet of the
    analyst's spelling them otherwise ("Risk (LxI)", without the multiplication sign) loses
    nothing by it, and imports with a note."""
    rows = _exported_rows(document, tmp_path)
    rows[0][rows[0].index(meant)] = header
    notices: list[str] = []
    assert import_matrix(_write_csv(tmp_path / "own.csv", rows), document, notices=notices) == (
        document
    )
    assert len(notices) == 1 and f"column '{header}' is not one of the table's" in notices[0]


def test_a_column_of_notes_is_left_out_and_said(tmp_path: Path, document: Assessment) -> None:
    """A column that is none of the table's and spelt like none of them (the analyst's own
    notes) is not read; the import goes on and says which column it left out."""
    rows = _exported_rows(document, tmp_path)
    for row in rows:
        row.append("Notes" if row is rows[0] else "call back")
    rows[1][rows[0].index("Likelihood")] = "1"
    table = _write_csv(tmp_path / "notes.csv", rows)
    notices: list[str] = []
    updated = import_matrix(table, document, notices=notices)
    assert updated != document  # the edit beside the notes was read
    assert len(notices) == 2  # and its reviewed cell is draft again, which is said too
    assert "so it is draft again" in notices[1]
    assert "column 'Notes' is not one of the table's columns (Project ID" in notices[0]
    assert "its values were not imported" in notices[0]


def test_many_columns_of_notes_are_said_in_one_line(tmp_path: Path, document: Assessment) -> None:
    """Forty columns of notes made forty notes, each naming every column of the table (in the
    app a box several times the height of the screen): one line names the first few."""
    rows = _exported_rows(document, tmp_path)
    for row in rows:
        row.extend([f"Call {n}" for n in range(40)] if row is rows[0] else ["ok"] * 40)
    notices: list[str] = []
    assert import_matrix(_write_csv(tmp_path / "notes.csv", rows), document, notices=notices) == (
        document
    )
    assert len(notices) == 1
    assert "40 columns are not among the table's columns (Project ID" in notices[0]
    assert notices[0].endswith(
        "so their values were not imported: column 'Call 0'; column 'Call 1'; column 'Call 2'; "
        "column 'Call 3'; column 'Call 4'; and 35 more"
    )


@pytest.mark.parametrize(
    "header", ["Project manager", "Status date", "Impact comment", "Likelihood trend", "Band 2024"]
)
def test_the_analysts_own_column_named_after_a_table_column_is_left_out_not_refused(
    tmp_path: Path, document: Assessment, header: str
) -> None:
    rows = _exported_rows(document, tmp_path)
    for row in rows:
        row.append(header if row is rows[0] else "ours")
    notices: list[str] = []
    assert import_matrix(_write_csv(tmp_path / "own.csv", rows), document, notices=notices) == (
        document
    )
    assert len(notices) == 1 and f"column '{header}' is not one of" in notices[0]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_column_without_a_header_is_ignored_when_empty_and_said_when_it_holds_values(
    tmp_path: Path, document: Assessment, suffix: str
) -> None:
    """As a spreadsheet's row numbers under no header (a table saved with its index)."""
    rows = _exported_rows(document, tmp_path)
    for row in rows:
        row.append("")
    write = _write_csv if suffix == ".csv" else _write_xlsx
    if suffix == ".xlsx":  # a workbook has an empty column only when something lies beyond
        for row in rows:
            row.append("Notes" if row is rows[0] else "")
        rows = [row[: len(COLUMNS) + 1] for row in rows]
        rows[2][len(COLUMNS)] = "stray"
    else:
        notices: list[str] = []
        empty = write(tmp_path / f"empty{suffix}", rows)
        assert import_matrix(empty, document, notices=notices) == document
        assert notices == []
        rows[2][len(COLUMNS)] = "stray"
    notices = []
    assert import_matrix(write(tmp_path / f"stray{suffix}", rows), document, notices=notices) == (
        document
    )
    place = "S" if suffix == ".xlsx" else str(len(COLUMNS) + 1)
    assert len(notices) == 1 and f"column {place}, which has no header," in notices[0]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_imports_back_with_every_column_known(
    tmp_path: Path, document: Assessment, suffix: str
) -> None:
    table = tmp_path / f"matrix{suffix}"
    export_matrix(document, table)
    assert import_matrix(table, document) == document
    header = ["project_id", "CRITERION ID", " Likelihood ", "impact", "Red-line reason"]
    rows = [header, ["alpha", "cost", "4", "3", "Dear"]]
    assert (
        import_matrix(_write_csv(tmp_path / "spelt.csv", rows), document)
        .cell("alpha", "cost")
        .red_line_reason
        == "Dear"
    )


# -- merged cells ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("merge", "named"),
    [
        ("M2:M3", "(column 'Status')"),  # reviewed would read as draft below the first row
        ("E2:E3", "(column 'Likelihood')"),  # a score would be dropped
        ("Q2:R3", "(columns 'Rationale', 'Evidence sources')"),
        ("A2:A3", "(column 'Project ID')"),
    ],
)
def test_merged_cells_anywhere_in_the_table_are_refused_naming_range_and_columns(
    tmp_path: Path, document: Assessment, merge: str, named: str
) -> None:
    table = tmp_path / "matrix.xlsx"
    export_matrix(document, table)
    book = load_workbook(table)
    book.active.merge_cells(merge)
    book.save(table)
    with pytest.raises(ImportExportError) as refused:
        import_matrix(table, document)
    assert f"cells {merge}: are merged {named}" in str(refused.value)


def test_a_merged_range_beside_the_table_is_not_the_tables(
    tmp_path: Path, document: Assessment
) -> None:
    table = tmp_path / "matrix.xlsx"
    export_matrix(document, table)
    book = load_workbook(table)
    book.active.merge_cells("Z1:Z3")  # empty: the reader does not see that column
    book.save(table)
    assert import_matrix(table, document) == document


@pytest.mark.parametrize("merge", ["L2:L3", "K2:L3"])
def test_merged_cells_in_columns_never_read_do_not_refuse_the_import(
    tmp_path: Path, document: Assessment, merge: str
) -> None:
    """Band and Risk (L×I) are worked out from the scores, never read: merging their cells
    loses nothing, so it refuses nothing (a merge over a column that is read still does)."""
    table = tmp_path / "matrix.xlsx"
    export_matrix(document, table)
    book = load_workbook(table)
    assert [book.active.cell(1, n).value for n in (11, 12)] == ["Risk (L×I)", "Band"]
    book.active.merge_cells(merge)
    book.save(table)
    assert import_matrix(table, document) == document


def test_a_merged_range_in_a_column_of_the_users_own_is_noted_not_refused(
    tmp_path: Path, document: Assessment
) -> None:
    table = tmp_path / "matrix.xlsx"
    export_matrix(document, table)
    book = load_workbook(table)
    sheet = book.active
    column = len(COLUMNS) + 1
    sheet.cell(1, column, "Notes")
    sheet.cell(2, column, "ask the geologist")
    sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    book.save(table)
    notices: list[str] = []
    assert import_matrix(table, document, notices=notices) == document
    assert any("column 'Notes' is not one of the table's columns" in n for n in notices)


def test_a_sheet_named_matrix_in_another_case_is_the_matrix(
    tmp_path: Path, document: Assessment
) -> None:
    table = tmp_path / "matrix.xlsx"
    export_matrix(document, table)
    book = load_workbook(table)
    book.active.title = "other"  # (one step: openpyxl would make "matrix" "matrix1")
    book.active.title = "matrix"
    book.create_sheet("Notes", 0)
    book.save(table)
    notices: list[str] = []
    assert import_matrix(table, document, notices=notices) == document
    assert any("only the sheet 'matrix' was read" in n for n in notices)


# -- a new document's title -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("\u202ematrix.csv", "matrix"),
        ("a\x1bb.csv", "a b"),
        ("q3\udcff review.csv", "q3 review"),  # a byte that is not UTF-8 in the name
        ("\u200b.csv", "Imported matrix"),
        ("Case  one.csv", "Case one"),
    ],
)
def test_a_new_documents_title_is_its_file_name_as_a_title_can_hold_it(
    name: str, title: str
) -> None:
    # The title comes from the name alone: no file system need take every one of these.
    assert exchange._title_from(Path(name)) == title


def test_an_import_from_a_file_named_with_a_bidi_override_gives_a_clean_title(
    tmp_path: Path,
) -> None:
    table = _write_csv(tmp_path / "\u202ematrix.csv", [HEADER, ["p", "c", "3", "4"]])
    assert import_matrix(table).title == "matrix"


# -- names that print nothing ---------------------------------------------------------------


@pytest.mark.parametrize("invisible", ["\u200b", " \u200b\u2060 ", "\u3164"])
@pytest.mark.parametrize("column", ["Project", "Criterion"])
def test_a_name_that_prints_nothing_is_refused_naming_row_and_column(
    tmp_path: Path, document: Assessment, invisible: str, column: str
) -> None:
    rows = _exported_rows(document, tmp_path)
    position = rows[0].index(column)
    item, first_row = ("beta", 4) if column == "Project" else ("legal", 3)
    for row in rows[1:]:
        if item in (row[0], row[2]):
            row[position] = invisible
    renamed = _write_csv(tmp_path / "renamed.csv", rows)
    with pytest.raises(ImportExportError) as refused:
        import_matrix(renamed, document)
    assert f"row {first_row}, column '{column}': the name prints nothing" in str(refused.value)
    # A new project or criterion named so is refused too, with its row.
    rows = [[*HEADER, column], ["new", "cost", "3", "4", invisible]]
    with pytest.raises(ImportExportError, match=f"row 2.*column '{column}': the name prints"):
        import_matrix(_write_csv(tmp_path / "new.csv", rows), document, add_new=True)


@pytest.mark.parametrize(
    ("column", "typed", "advice"),
    [
        ("Project ID", "Alpha", "did you mean 'alpha'?"),
        ("Criterion ID", "Market access", "did you mean 'market-access'?"),
        ("Evidence sources", "s1, s2", "separate several sources with ';'"),
    ],
)
def test_an_id_a_new_document_cannot_take_names_its_column_the_rule_and_the_fix(
    tmp_path: Path, document: Assessment, column: str, typed: str, advice: str
) -> None:
    table = tmp_path / "matrix.csv"
    export_matrix(document, table)
    with table.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index(column)] = typed
    _write_csv(table, rows)
    with pytest.raises(ImportExportError) as refused:
        import_matrix(table)
    message = str(refused.value)
    assert f"column '{column}': '{typed}' is not a valid id (lower-case letters" in message
    assert message.endswith(advice)


@pytest.mark.parametrize("kind", ["device", "pipe", "folder"])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_table_that_is_no_regular_file_is_refused_unread(
    tmp_path: Path, kind: str, suffix: str
) -> None:
    """/dev/zero was read until memory ran out (a traceback), and a pipe was waited on
    forever (the table is read twice); both are refused before anything is read."""
    import os

    from rrisk.exchange import ImportExportError, import_matrix

    table = tmp_path / f"table{suffix}"
    if kind == "device":
        table.symlink_to("/dev/zero")
    elif kind == "pipe":
        os.mkfifo(table)
    else:
        table.mkdir()
    with pytest.raises(ImportExportError) as refused:
        import_matrix(table)
    said = str(refused.value)
    if kind == "folder":
        assert said == f"{table}: is a folder, so it cannot be opened as a table"
    else:
        assert said.startswith(f"{table}: is not a regular file (a pipe or a device is not read)")


def test_a_list_file_that_is_a_device_is_refused_and_a_pipe_is_read(tmp_path: Path) -> None:
    import os
    import threading

    from rrisk.screening.listfile import ListImportError, read_entries

    device = tmp_path / "zero.csv"
    device.symlink_to("/dev/zero")
    with pytest.raises(ListImportError, match=r"zero\.csv: is a device, not a list file$"):
        list(read_entries(device))
    pipe = tmp_path / "piped.csv"
    os.mkfifo(pipe)

    def write() -> None:
        with open(pipe, "w", encoding="utf-8") as handle:
            handle.write("id,schema,name\nx1,Company,Acme Mining\n")

    writer = threading.Thread(target=write)
    writer.start()
    entries = list(read_entries(pipe))
    writer.join()
    assert [entry.entry_id for entry in entries] == ["x1"]


def test_a_csv_that_cannot_be_opened_is_named_once_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = _write_csv(tmp_path / "locked.csv", [HEADER, ["alpha", "cost", "4", "3"]])

    def locked(path: Path, separator: str) -> None:
        # As reading a CSV that Excel holds open on Windows, or one without read permission.
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(exchange, "_read_csv_rows", locked)
    with pytest.raises(ImportExportError) as refused:
        import_matrix(table)
    assert str(refused.value) == f"{table}: cannot be read as a CSV table (Permission denied)"
