"""CSV/XLSX round trip of the matrix (rrisk/exchange.py)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from rrisk.errors import ImportExportError
from rrisk.exchange import COLUMNS, export_matrix, import_matrix
from rrisk.model import Assessment, assessment_to_data, parse_assessment

DOCUMENT = {
    "title": "Exchange case",
    "criteria": [
        {"id": "cost", "name": "Cost", "weight": 2.5},
        {"id": "legal", "name": "Legality"},
    ],
    "projects": [
        {"id": "tomtor", "name": "Томтор"},
        {"id": "allied", "name": '=HYPERLINK("x")'},
    ],
    "sources": [
        {"id": "reuters", "title": "Reuters report", "reliability": "B", "credibility": 2},
        {"id": "blog", "title": "Blog post"},
    ],
    "cells": {
        "tomtor": {
            "cost": {
                "likelihood": 4,
                "impact": 3,
                "likelihood_low": 3,
                "likelihood_high": 5,
                "rationale": "+ costs rise; line two\nwith a newline, «quotes» and ; semicolons",
                "evidence": [{"source": "reuters", "quote": "kept quote", "page": "4"}],
                "status": "reviewed",
            },
            "legal": {"status": "unassessed", "rationale": "not yet scored"},
        },
        "allied": {
            "cost": {
                "likelihood": 2,
                "impact": 2,
                "red_line": True,
                "red_line_reason": "test reason",
                "red_line_basis": "EO 14065",
                "evidence": [{"source": "reuters"}, {"source": "blog"}],
            }
        },
    },
}


@pytest.fixture
def document() -> Assessment:
    return parse_assessment(DOCUMENT)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_into_the_same_document_is_lossless(
    tmp_path: Path, document: Assessment, suffix: str
) -> None:
    table = tmp_path / f"matrix{suffix}"
    export_matrix(document, table)
    back = import_matrix(table, base=document)
    assert assessment_to_data(back) == assessment_to_data(document)


def test_export_has_one_row_per_pair_and_protects_formulas(
    tmp_path: Path, document: Assessment
) -> None:
    table = tmp_path / "matrix.csv"
    export_matrix(document, table)
    text = table.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert "Томтор" in text
    # A name that a spreadsheet would run as a formula is written with a leading quote.
    assert "'=HYPERLINK" in text
    import csv

    rows = list(csv.DictReader(text.splitlines(keepends=True)))
    assert len(rows) == 4
    first = rows[0]
    assert (first["Likelihood"], first["Impact"], first["Risk (L×I)"], first["Band"]) == (
        "4",
        "3",
        "12",
        "High",
    )


def test_edit_in_the_table_changes_the_document(tmp_path: Path, document: Assessment) -> None:
    table = tmp_path / "matrix.csv"
    export_matrix(document, table)
    text = table.read_text(encoding="utf-8-sig").replace(
        "tomtor,Томтор,cost,Cost,4,3,", "tomtor,Томтор,cost,Cost,5,3,"
    )
    table.write_text(text, encoding="utf-8")
    back = import_matrix(table, base=document)
    assert back.cells["tomtor"]["cost"].likelihood == 5
    # The evidence quote survives because its source is still listed.
    assert back.cells["tomtor"]["cost"].evidence[0].quote == "kept quote"


def test_import_without_base_builds_a_document_with_ungraded_sources(
    tmp_path: Path, document: Assessment
) -> None:
    table = tmp_path / "matrix.xlsx"
    export_matrix(document, table)
    built = import_matrix(table)
    assert [p.id for p in built.projects] == ["tomtor", "allied"]
    assert [c.id for c in built.criteria] == ["cost", "legal"]
    assert all(c.weight == 1 for c in built.criteria)
    assert {s.id: s.grade for s in built.sources} == {"reuters": "F6", "blog": "F6"}
    assert built.cells["allied"]["cost"].red_line is True


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (",4,3,3,5,", ",7,3,3,5,", "likelihood 7 is outside 1–5"),
        (",4,3,3,5,", ",high,3,3,5,", "Likelihood 'high' is not a whole number"),
        (",4,3,3,5,", ",2,3,3,5,", "likelihood low 3 is above the likelihood 2"),
        (
            "tomtor,Томтор,cost",
            "atlantis,Atlantis,cost",
            "project 'atlantis' is not in the document",
        ),
        (",no,test", ",maybe,test", "Red line 'maybe' is neither yes nor no"),
    ],
)
def test_bad_rows_are_named(
    tmp_path: Path, document: Assessment, old: str, new: str, message: str
) -> None:
    table = tmp_path / "matrix.csv"
    export_matrix(document, table)
    text = table.read_text(encoding="utf-8-sig")
    if "maybe" in new:
        text = text.replace(",yes,test", ",maybe,test")
    else:
        assert old in text
        text = text.replace(old, new, 1)
    table.write_text(text, encoding="utf-8")
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    assert message in str(caught.value)
    assert "row " in str(caught.value) and str(table) in str(caught.value)


def test_add_new_adds_what_the_base_lacks(tmp_path: Path, document: Assessment) -> None:
    table = tmp_path / "matrix.csv"
    export_matrix(document, table)
    with table.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    row = next(r for r in rows if r[0] == "tomtor")
    with table.open("a", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerow(["atlantis", "Atlantis mine", *row[2:]])
    with pytest.raises(ImportExportError, match="project 'atlantis' is not in the document"):
        import_matrix(table, base=document)
    merged = import_matrix(table, base=document, add_new=True)
    assert [p.id for p in merged.projects] == [*(p.id for p in document.projects), "atlantis"]
    assert merged.project("atlantis").name == "Atlantis mine"
    criterion = row[2]
    new, old = merged.cells["atlantis"][criterion], merged.cells["tomtor"][criterion]
    assert (new.likelihood, new.impact) == (old.likelihood, old.impact) != (None, None)
    assert [p.id for p in document.projects] == ["tomtor", "allied"]  # the base is untouched


def test_unsupported_and_missing_tables(tmp_path: Path, document: Assessment) -> None:
    with pytest.raises(ImportExportError, match=r"exported as a .csv or .xlsx file \(got a .ods"):
        export_matrix(document, tmp_path / "matrix.ods")
    with pytest.raises(ImportExportError, match=r"use a .csv or .xlsx file \(got a .ods file\)"):
        import_matrix(tmp_path / "matrix.ods")
    with pytest.raises(ImportExportError, match="does not exist"):
        import_matrix(tmp_path / "absent.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ImportExportError, match="missing column 'Project ID'"):
        import_matrix(bad)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(ImportExportError, match="cannot be read as an XLSX table .not a workbook"):
        import_matrix(broken)
    # A CSV table saved under .xlsx is named for what it is.
    named = tmp_path / "table.xlsx"
    named.write_text("Project ID,Criterion ID,Likelihood,Impact\nalpha,a,2,3\n", encoding="utf-8")
    with pytest.raises(ImportExportError, match="it is a text file, such as a CSV table"):
        import_matrix(named)


def test_a_csv_row_cut_short_is_refused_with_its_row(tmp_path: Path, document: Assessment) -> None:
    import csv
    import io

    table = tmp_path / "matrix.csv"
    export_matrix(document, table)
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    header, body = rows[0], rows[1:]
    # A row after the rationale that holds a newline (one quoted field, one row, not two).
    target = next(i for i, row in enumerate(body) if row[0] == "allied" and row[2] == "cost")
    assert any("\n" in field for row in body[:target] for field in row)
    body[target] = body[target][:4]  # ids and names only: the scores, text and evidence gone
    out = io.StringIO()
    csv.writer(out).writerows([header, *body])
    table.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    assert f"row {target + 2}: has 4 of the {len(header)} columns" in str(caught.value)
    assert str(table) in str(caught.value)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize(
    "spell",
    [
        str.upper,
        str.lower,
        lambda h: h.lower().replace(" ", "_"),
        lambda h: f" {h}  ",
        # A line break typed into a header cell (Alt+Enter), after it or between its words.
        lambda h: f"{h}\n",
        lambda h: h.replace(" ", "\n"),
    ],
)
def test_headers_are_read_whatever_their_case_and_spacing(
    tmp_path: Path, document: Assessment, suffix: str, spell
) -> None:
    import pandas as pd

    table = tmp_path / "matrix.csv"
    export_matrix(document, table)
    frame = pd.read_csv(table, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame.loc[0, "Likelihood"] = "5"
    frame.columns = [spell(column) for column in frame.columns]
    edited = tmp_path / f"edited{suffix}"
    if suffix == ".csv":
        frame.to_csv(edited, index=False, sep=";")
    else:
        frame.to_excel(edited, index=False)
    back = import_matrix(edited, base=document)
    first = frame.iloc[0]
    assert back.cells[first.iloc[0]][first.iloc[2]].likelihood == 5
    expected = assessment_to_data(import_matrix(table, base=document))
    expected["cells"][first.iloc[0]][first.iloc[2]]["likelihood"] = 5
    expected["cells"][first.iloc[0]][first.iloc[2]].pop("status")  # reviewed: draft again
    assert assessment_to_data(back) == expected


def test_one_column_under_two_spellings_is_refused(tmp_path: Path, document: Assessment) -> None:
    table = tmp_path / "matrix.csv"
    export_matrix(document, table)
    lines = table.read_text(encoding="utf-8-sig").splitlines()
    lines = [lines[0] + ",IMPACT"] + [line + ",2" for line in lines[1:]]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportExportError, match="the column 'Impact' appears twice"):
        import_matrix(table, base=document)


def _exported_rows(tmp_path: Path, document: Assessment) -> list[dict[str, str]]:
    table = tmp_path / "matrix.csv"
    export_matrix(document, table)
    with table.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]], columns: list[str], **kwargs) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, extrasaction="ignore", **kwargs)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(
    "left_out",
    [
        ["Rationale"],
        ["Evidence sources"],
        ["Status"],
        ["Red line", "Red-line reason", "Red-line basis"],
        ["Likelihood low", "Likelihood high", "Impact low", "Impact high"],
        [c for c in COLUMNS if c not in ("Project ID", "Criterion ID", "Likelihood", "Impact")],
    ],
)
def test_a_column_left_out_keeps_what_the_document_has(
    tmp_path: Path, document: Assessment, left_out: list[str]
) -> None:
    rows = _exported_rows(tmp_path, document)
    rows[0]["Likelihood"] = "5"  # the one edit
    columns = [c for c in COLUMNS if c not in left_out]
    back = import_matrix(_write(tmp_path / "slim.csv", rows, columns), base=document)
    expected = assessment_to_data(document)
    expected["cells"][rows[0]["Project ID"]][rows[0]["Criterion ID"]]["likelihood"] = 5
    # The cell was reviewed: its score changed, it is draft again, as an edit in the app.
    expected["cells"][rows[0]["Project ID"]][rows[0]["Criterion ID"]].pop("status")
    assert assessment_to_data(back) == expected


def test_names_edited_in_the_table_rename_and_two_names_for_one_id_are_refused(
    tmp_path: Path, document: Assessment
) -> None:
    rows = _exported_rows(tmp_path, document)
    project_id, criterion_id = rows[0]["Project ID"], rows[0]["Criterion ID"]
    for row in rows:
        if row["Project ID"] == project_id:
            row["Project"] = "Tomtor (Vostok Engineering)"
        if row["Criterion ID"] == criterion_id:
            row["Criterion"] = "Extraction cost"
    back = import_matrix(_write(tmp_path / "renamed.csv", rows, list(COLUMNS)), base=document)
    assert back.project(project_id).name == "Tomtor (Vostok Engineering)"
    assert back.criterion(criterion_id).name == "Extraction cost"
    other = next(r for r in rows[1:] if r["Project ID"] == project_id)
    other["Project"] = "Tomtor JV"
    with pytest.raises(ImportExportError, match="named 'Tomtor \\(Vostok Engineering\\)' on one"):
        import_matrix(_write(tmp_path / "two.csv", rows, list(COLUMNS)), base=document)


def test_status_in_any_case_and_a_decimal_comma_are_read(
    tmp_path: Path, document: Assessment
) -> None:
    rows = _exported_rows(tmp_path, document)
    rows[0]["Status"], rows[0]["Likelihood"] = "Reviewed", "4,0"
    back = import_matrix(
        _write(tmp_path / "locale.csv", rows, list(COLUMNS), delimiter=";"), base=document
    )
    cell = back.cell(rows[0]["Project ID"], rows[0]["Criterion ID"])
    assert cell is not None and cell.status == "reviewed" and cell.likelihood == 4
    rows[0]["Likelihood"] = "3,5"
    with pytest.raises(ImportExportError, match="'3,5' is not a whole number"):
        import_matrix(_write(tmp_path / "half.csv", rows, list(COLUMNS), delimiter=";"), document)
    # A comma before three digits may be a thousands separator ("1,000" is 1000 there): not
    # read as a decimal comma, which made it a score of 1.
    for typed in ("1,000", "3,000"):
        rows[0]["Likelihood"] = typed
        with pytest.raises(ImportExportError, match=f"'{typed}' is not a whole number 1–5 \\("):
            import_matrix(_write(tmp_path / "k.csv", rows, list(COLUMNS), delimiter=";"), document)
    # Digits around an underscore are no score (a number reader takes "0_3" for 3).
    for typed in ("0_3", "1_0"):
        rows[0]["Likelihood"] = typed
        with pytest.raises(ImportExportError, match=f"Likelihood '{typed}' is not a whole number"):
            import_matrix(_write(tmp_path / "u.csv", rows, list(COLUMNS)), document)


def test_a_long_score_or_red_line_is_quoted_clipped_and_the_problem_still_said(
    tmp_path: Path, document: Assessment
) -> None:
    # The message is clipped to one line or two: a value of thousands of characters quoted
    # whole filled it, and the line ended before it said what was wrong with the value.
    rows = _exported_rows(tmp_path, document)
    for column, typed, problem in (
        ("Likelihood", "9" * 5_000, "is not a whole number 1–5"),
        ("Impact", "3 " + "x" * 2_000, "is not a whole number 1–5"),
        ("Red line", "maybe" * 500, "is neither yes nor no"),
    ):
        edited = [dict(row) for row in rows]
        edited[0][column] = typed
        with pytest.raises(ImportExportError) as refused:
            import_matrix(_write(tmp_path / "long.csv", edited, list(COLUMNS)), document)
        assert f"{column} '{typed[:10]}" in str(refused.value)
        assert str(refused.value).endswith(problem)
        assert len(str(refused.value)) < 300


def test_a_reviewed_cell_whose_score_the_table_changes_is_draft_again(
    tmp_path: Path, document: Assessment
) -> None:
    rows = _exported_rows(tmp_path, document)
    first = next(r for r in rows if (r["Project ID"], r["Criterion ID"]) == ("tomtor", "cost"))
    other = next(r for r in rows if (r["Project ID"], r["Criterion ID"]) == ("allied", "cost"))
    first["Impact"] = "4"  # reviewed, and the table leaves it so
    other["Status"], other["Likelihood"] = "reviewed", "3"  # draft, reviewed in the table
    notices: list[str] = []
    table = _write(tmp_path / "edited.csv", rows, list(COLUMNS))
    back = import_matrix(table, base=document, notices=notices)
    assert back.cell("tomtor", "cost").status == "draft"
    assert back.cell("allied", "cost").status == "reviewed"  # the reviewer's own word
    row = rows.index(first) + 2
    assert notices == [
        f"{table}: row {row}: the table changes the score or range of a cell marked reviewed, "
        "so it is draft again (a review vouches for the values it saw); mark it reviewed again "
        "after checking"
    ]
    # A range moved counts as a score does; a rationale alone leaves the review standing.
    first["Impact"], first["Likelihood high"] = "3", "4"
    back = import_matrix(_write(tmp_path / "range.csv", rows, list(COLUMNS)), base=document)
    assert back.cell("tomtor", "cost").status == "draft"
    first["Likelihood high"], first["Rationale"] = "5", "Costs rise, as the reviewer read them"
    back = import_matrix(_write(tmp_path / "words.csv", rows, list(COLUMNS)), base=document)
    assert back.cell("tomtor", "cost").status == "reviewed"


def test_a_csv_row_is_numbered_as_a_spreadsheet_numbers_it_past_blank_lines(
    tmp_path: Path, document: Assessment
) -> None:
    rows = _exported_rows(tmp_path, document)
    rows[2]["Likelihood"] = "9"
    path = _write(tmp_path / "gaps.csv", rows, list(COLUMNS))
    header, rest = path.read_bytes().split(b"\r\n", 1)
    path.write_bytes(header + b"\r\n\r\n" + rest)  # a blank line: the third row is row 5
    with pytest.raises(ImportExportError, match=r"gaps\.csv, row 5 "):
        import_matrix(path, base=document)
    path.write_bytes(b"\r\n" + header + b"\r\n" + rest)
    with pytest.raises(
        ImportExportError, match="row 1: is blank; the first row must be the header"
    ):
        import_matrix(path, base=document)


def test_a_pair_on_two_rows_is_refused_naming_both(tmp_path: Path, document: Assessment) -> None:
    rows = _exported_rows(tmp_path, document)
    rows.append(dict(rows[1]))  # a row pasted twice: the copy is row 6, the first row 3
    with pytest.raises(ImportExportError) as caught:
        import_matrix(_write(tmp_path / "twice.csv", rows, list(COLUMNS)), base=document)
    assert (
        f"twice.csv, row {len(rows) + 1} (project {rows[1]['Project ID']!r}, criterion "
        f"{rows[1]['Criterion ID']!r}): this project–criterion pair appears twice (first on "
        "row 3); keep one of the two rows"
    ) in str(caught.value)


@pytest.mark.parametrize("blank", [b"   ", b"\t", b";;", b";;;;"])
def test_a_csv_line_of_spaces_or_separators_alone_is_a_blank_row(
    tmp_path: Path, document: Assessment, blank: bytes
) -> None:
    # The rows holding nothing are skipped; such a line was refused as a row cut short.
    rows = _exported_rows(tmp_path, document)
    rows[2]["Likelihood"] = "1"
    path = _write(tmp_path / "blank.csv", rows, list(COLUMNS), delimiter=";")
    header, rest = path.read_bytes().split(b"\r\n", 1)
    path.write_bytes(header + b"\r\n" + blank + b"\r\n" + rest + blank + b"\r\n")
    imported = import_matrix(path, base=document)
    assert imported.cell(rows[2]["Project ID"], rows[2]["Criterion ID"]).likelihood == 1
    assert imported.cells.keys() == document.cells.keys()


@pytest.mark.parametrize("listed", ["reuters, blog", "reuters blog", "reuters\nblog"])
def test_sources_listed_with_another_separator_are_told_to_use_semicolons(
    tmp_path: Path, document: Assessment, listed: str
) -> None:
    rows = _exported_rows(tmp_path, document)
    rows[2]["Evidence sources"] = listed  # allied × cost: backed by both sources
    with pytest.raises(ImportExportError) as caught:
        import_matrix(_write(tmp_path / "listed.csv", rows, list(COLUMNS)), base=document)
    assert (
        f"evidence source {listed!r} is not in the document (separate several sources "
        "with ';')" in str(caught.value)
    )
    rows[2]["Evidence sources"] = "reuters, gazette"  # one of them unknown: no such advice
    with pytest.raises(ImportExportError) as caught:
        import_matrix(_write(tmp_path / "listed.csv", rows, list(COLUMNS)), base=document)
    assert str(caught.value).endswith("evidence source 'reuters, gazette' is not in the document")


def test_a_long_id_leaves_room_for_the_reason(tmp_path: Path, document: Assessment) -> None:
    rows = _exported_rows(tmp_path, document)
    rows[0]["Project ID"] = "Tomtor niobium deposit, Yakutia, licence of Vostok Engineering " * 4
    with pytest.raises(ImportExportError, match="is not in the document"):
        import_matrix(_write(tmp_path / "long.csv", rows, list(COLUMNS)), base=document)


def test_an_import_leaves_its_base_exactly_as_it_was(tmp_path: Path, document: Assessment) -> None:
    """The import edits a copy: renames, new scores, a cleared cell and new items in the
    table never reach the document it was given (the desktop keeps it for undo)."""
    before = json.dumps(assessment_to_data(document), sort_keys=True)
    table = tmp_path / "matrix.csv"
    export_matrix(document, table)
    with table.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    header = rows[0]
    name, rationale = header.index("Project"), header.index("Rationale")
    for row in rows[1:]:
        if row[0] == "tomtor":
            row[name] = "Tomtor renamed"
            row[rationale] = "rewritten in the sheet"
    rows.append(["atlantis", "Atlantis mine", *rows[1][2:]])
    with table.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    merged = import_matrix(table, base=document, add_new=True)
    assert merged.project("tomtor").name == "Tomtor renamed"
    assert {cell.rationale for cell in merged.cells["tomtor"].values()} == {
        "rewritten in the sheet"
    }
    assert json.dumps(assessment_to_data(document), sort_keys=True) == before


def test_a_range_kept_from_the_document_says_so_when_the_new_score_leaves_it(
    tmp_path: Path, document: Assessment
) -> None:
    """A table of the four required columns scores Tomtor's cost 1; the document's likelihood
    range 3–5 is kept (no range columns) and no longer holds it: the refusal says the range
    is the document's, not the table's."""
    table = tmp_path / "four.csv"
    table.write_text(
        "Project ID,Criterion ID,Likelihood,Impact\ntomtor,cost,1,3\n", encoding="utf-8"
    )
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    said = str(caught.value)
    assert "row 2" in said and "likelihood low 3 is above the likelihood 1" in said
    assert "(likelihood low is the document's: the table has no such column" in said
    # The table's own mistake is not put on the document's range.
    table.write_text(
        "Project ID,Criterion ID,Likelihood,Impact\ntomtor,cost,9,3\n", encoding="utf-8"
    )
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table, base=document)
    assert "likelihood" in str(caught.value) and "document's" not in str(caught.value)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_cell_held_as_unassessed_with_scores_comes_back_as_it_was(
    tmp_path: Path, suffix: str
) -> None:
    """A file may hold a cell marked unassessed that has scores; export then import --into
    made it draft, a change nobody made. A cell scored in the sheet still becomes draft."""
    document = parse_assessment(
        {
            "criteria": [{"id": "c1", "name": "Cost"}, {"id": "c2", "name": "Access"}],
            "projects": [{"id": "p1", "name": "P one"}],
            "cells": {
                "p1": {
                    "c1": {"status": "unassessed", "likelihood": 3, "impact": 4},
                    "c2": {"status": "unassessed"},
                }
            },
        }
    )
    table = tmp_path / f"matrix{suffix}"
    export_matrix(document, table)
    back = import_matrix(table, base=document)
    assert back.cell("p1", "c1") == document.cell("p1", "c1")
    # Scoring the empty one in the sheet makes it a draft, as it always did.
    if suffix == ".csv":
        text = table.read_text(encoding="utf-8-sig").replace(
            "p1,P one,c2,Access,,", "p1,P one,c2,Access,2,3"
        )
        table.write_text(text, encoding="utf-8")
        scored = import_matrix(table, base=document).cell("p1", "c2")
        assert scored is not None and (scored.likelihood, scored.impact, scored.status) == (
            2,
            3,
            "draft",
        )


@pytest.mark.parametrize("name", ["exports", "exports.txt", "matrix.csv"])
def test_a_folder_to_import_is_said_to_be_a_folder_whatever_its_name(
    tmp_path: Path, name: str
) -> None:
    """A folder named without .csv or .xlsx read 'use a .csv or .xlsx file (got no
    extension)', as if renaming it would do."""
    folder = tmp_path / name
    folder.mkdir()
    with pytest.raises(ImportExportError) as raised:
        import_matrix(folder)
    assert str(raised.value) == f"{folder}: is a folder, so it cannot be opened as a table"
