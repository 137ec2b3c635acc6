"""Reproducers of the reliability campaign: each ends in one clear line or the right result."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from rrisk import fileformat
from rrisk.errors import FileFormatError, ImportExportError
from rrisk.exchange import export_matrix, import_matrix
from rrisk.model import assessment_to_data, parse_assessment

BASE = {
    "criteria": [{"id": "c", "name": "C"}, {"id": "d", "name": "D"}],
    "projects": [{"id": "p", "name": "P"}, {"id": "q", "name": "Q"}],
    "cells": {"p": {"c": {"likelihood": 2, "impact": 3, "rationale": "why"}}},
}


def _rrisk_bytes(body: dict, raw_json: bytes | None = None) -> bytes:
    data = (
        raw_json or json.dumps({"format_version": 1, "app_version": "0", "document": body}).encode()
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), fileformat.MIMETYPE)
        info = zipfile.ZipInfo("document.json")
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, data)
    return buffer.getvalue()


# 1. A file that opens can always be saved.
def test_lone_surrogate_is_refused_on_open_naming_the_place(tmp_path: Path) -> None:
    raw = (
        b'{"format_version":1,"app_version":"0","document":{"criteria":[{"id":"c","name":"C"}],'
        b'"projects":[{"id":"p","name":"P"}],"cells":{"p":{"c":{"rationale":"a\\ud800b"}}}}}'
    )
    path = tmp_path / "s.rrisk"
    path.write_bytes(_rrisk_bytes({}, raw))
    with pytest.raises(FileFormatError) as caught:
        fileformat.load(path)
    message = str(caught.value)
    assert "project 'p', criterion 'c'" in message
    assert "U+D800" in message and "\n" not in message


def test_lone_surrogate_in_a_name_is_refused_and_a_pair_is_accepted(tmp_path: Path) -> None:
    body = json.loads(json.dumps(BASE))
    body["projects"][0]["name"] = "P\udc00"
    with pytest.raises(FileFormatError, match=r"project 'p'.{1,3}name") as caught:
        fileformat.read_bytes(
            _rrisk_bytes({}, json.dumps({"format_version": 1, "document": body}).encode())
        )
    assert "contains the unpaired surrogate U+DC00 at position 2" in str(caught.value)
    body["sources"] = [{"id": "s", "title": "T\ud800", "reliability": "A", "credibility": 1}]
    body["projects"][0]["name"] = "P"
    with pytest.raises(FileFormatError) as caught:
        fileformat.read_bytes(
            _rrisk_bytes({}, json.dumps({"format_version": 1, "document": body}).encode())
        )
    assert "source 's': title: contains the unpaired surrogate U+D800 at position 2" in str(
        caught.value
    )
    del body["sources"]
    body["projects"][0]["name"] = "P \U0001f600"
    document = fileformat.read_bytes(_rrisk_bytes(body)).document
    fileformat.save(document, tmp_path / "ok.rrisk")
    assert fileformat.load(tmp_path / "ok.rrisk").projects[0].name == "P \U0001f600"


@pytest.mark.parametrize("command", ["memo", "export"])
def test_cli_memo_and_export_of_a_surrogate_file_are_one_line(tmp_path: Path, command: str) -> None:
    raw = (
        b'{"format_version":1,"document":{"title":"x","criteria":[{"id":"c","name":"C"}],'
        b'"projects":[{"id":"p","name":"P"}],'
        b'"cells":{"p":{"c":{"likelihood":2,"impact":2,"rationale":"r\\udfff"}}}}}'
    )
    path = tmp_path / "s.rrisk"
    path.write_bytes(_rrisk_bytes({}, raw))
    output = tmp_path / ("m.pdf" if command == "memo" else "m.csv")
    run = subprocess.run(
        [sys.executable, "-m", "rrisk", command, str(path), "-o", str(output)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.count("\n") == 1 and "U+DFFF" in run.stderr
    assert not output.exists()


# 2. Damaged zips are refused, not crashed on.
def _valid_bytes() -> bytes:
    return fileformat.to_bytes(parse_assessment(BASE))


@pytest.mark.parametrize("cut", [(299, 449), (40, 120), (100, 101), (0, 30), (150, 400)])
def test_spliced_archive_is_refused_with_the_format_error(cut: tuple[int, int]) -> None:
    data = _valid_bytes()
    damaged = data[: cut[0]] + data[cut[1] :]
    with pytest.raises(FileFormatError) as caught:
        fileformat.read_bytes(damaged, "case.rrisk")
    assert str(caught.value).startswith("case.rrisk: ")


def test_every_single_byte_change_is_refused_or_read() -> None:
    data = _valid_bytes()
    for position in range(len(data)):
        for value in (0x00, 0xFF, data[position] ^ 0x08):
            mutant = data[:position] + bytes([value]) + data[position + 1 :]
            try:
                fileformat.read_bytes(mutant, "m.rrisk")
            except FileFormatError as error:
                assert str(error).startswith("m.rrisk: ")
                assert "\n" not in str(error)


def test_unknown_compression_method_is_refused() -> None:
    data = bytearray(_valid_bytes())
    # Compression method 99 (AES) in every header that names document.json.
    start = 0
    while (found := data.find(b"document.json", start)) != -1:
        start = found + 1
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        index = data.find(signature, 40)
        data[index + offset : index + offset + 2] = (99).to_bytes(2, "little")
    with pytest.raises(FileFormatError, match="damaged|compression"):
        fileformat.read_bytes(bytes(data), "x.rrisk")


# 9. Messages are safe to print.
def test_messages_escape_control_characters_and_stay_short() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", fileformat.MIMETYPE)
        archive.writestr("document.json", "{}")
        archive.writestr("evil\x1b]0;pwn\x07\u202e\n" + "x" * 50_000, "")
    with pytest.raises(FileFormatError) as caught:
        fileformat.read_bytes(buffer.getvalue(), "f.rrisk")
    message = str(caught.value)
    assert "\x1b" not in message and "\u202e" not in message and "\n" not in message
    assert "\\x1b" in message and "<U+202E>" in message
    assert len(message) < 1_000


def test_mimetype_and_version_are_escaped() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "text/\x1b[31mred\nline")
        archive.writestr("document.json", "{}")
    with pytest.raises(FileFormatError) as caught:
        fileformat.read_bytes(buffer.getvalue(), "f.rrisk")
    assert "\x1b" not in str(caught.value) and "\n" not in str(caught.value)
    raw = json.dumps(
        {"format_version": 99, "app_version": "9\x1b[2J" + "v" * 10**6, "document": {}}
    )
    with pytest.raises(FileFormatError) as caught:
        fileformat.read_bytes(_rrisk_bytes({}, raw.encode()), "f.rrisk")
    assert "\x1b" not in str(caught.value) and len(str(caught.value)) < 1_000


def test_csv_ids_are_escaped(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("Project ID,Criterion ID,Likelihood,Impact\np\x1b[2J,c\u202e,1,1\n")
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table)
    assert "\x1b" not in str(caught.value) and "\u202e" not in str(caught.value)
    assert "\\x1b" in str(caught.value)


# 6. Exchange never changes or splits text.
TRICKY = [
    "note\r=1+1",
    "a\r\nb",
    "a\nb\rc",
    "'=1+1",
    "'+x",
    "'-x",
    "'@x",
    "''=x",
    "=SUM(A1)",
    "\r=cmd",
    "\t=x",
    "'plain",
    " =x",
    "-",
    "@",
    "ref _x0041_x0042_",
    "_x0041\r",
    "not XML: \ufffe and \uffff",
    "_x0041\ufffe_",
]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_import_is_the_identity_on_every_text(tmp_path: Path, suffix: str) -> None:
    body = json.loads(json.dumps(BASE))
    body["criteria"] = [{"id": f"c{i}", "name": f"Crit {i}"} for i in range(len(TRICKY))]
    body["projects"] = [{"id": "p", "name": "'=x"}, {"id": "q", "name": "-minus"}]
    body["cells"] = {
        "p": {
            f"c{i}": {"likelihood": 1, "impact": 1, "rationale": text, "red_line_reason": text}
            for i, text in enumerate(TRICKY)
        }
    }
    document = parse_assessment(body)
    table = tmp_path / f"m{suffix}"
    export_matrix(document, table)
    back = import_matrix(table)
    assert [p.name for p in back.projects] == ["'=x", "-minus"]
    for i, text in enumerate(TRICKY):
        cell = back.cell("p", f"c{i}")
        assert cell is not None
        assert cell.rationale == text
        assert cell.red_line_reason == text
    assert assessment_to_data(import_matrix(table, document)) == assessment_to_data(document)


NAMES = ["\tTomtor ", " Seligdar", "_x0041_x0042_", "P \ufffe", "\uffff"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_names_come_back_as_written_in_a_new_document(tmp_path: Path, suffix: str) -> None:
    body = json.loads(json.dumps(BASE))
    body["projects"] = [{"id": f"p{i}", "name": name} for i, name in enumerate(NAMES)]
    body["criteria"] = [{"id": f"c{i}", "name": name} for i, name in enumerate(NAMES)]
    body["cells"] = {"p0": {"c0": {"likelihood": 1, "impact": 1}}}
    table = tmp_path / f"m{suffix}"
    export_matrix(parse_assessment(body), table)
    back = import_matrix(table)
    assert [p.name for p in back.projects] == NAMES
    assert [c.name for c in back.criteria] == NAMES


def test_a_workbook_the_writer_refuses_is_a_message_and_no_file(
    tmp_path: Path, monkeypatch
) -> None:
    from openpyxl.utils.exceptions import IllegalCharacterError
    from openpyxl.worksheet import _write_only

    def refuse(*args: object, **kwargs: object) -> None:
        raise IllegalCharacterError("\x07 cannot be used in worksheets")

    # The sheet is written a row at a time (openpyxl's write-only mode).
    monkeypatch.setattr(_write_only.WriteOnlyWorksheet, "append", refuse)
    table = tmp_path / "m.xlsx"
    with pytest.raises(ImportExportError) as caught:
        export_matrix(parse_assessment(BASE), table)
    assert str(caught.value).startswith(f"{table}: the workbook could not be written")
    assert "IllegalCharacterError" in str(caught.value) and "\x07" not in str(caught.value)
    assert not table.exists() and list(tmp_path.iterdir()) == []


def test_a_workbook_named_csv_is_called_a_workbook(tmp_path: Path) -> None:
    workbook = tmp_path / "m.xlsx"
    export_matrix(parse_assessment(BASE), workbook)
    table = tmp_path / "m.csv"
    table.write_bytes(workbook.read_bytes())
    with pytest.raises(ImportExportError) as caught:
        import_matrix(table)
    assert str(caught.value).startswith(f"{table}: is a zip archive (an Excel workbook?)")
    assert "name it .xlsx" in str(caught.value)


def test_a_name_padded_on_one_row_is_still_one_name(tmp_path: Path) -> None:
    table = tmp_path / "m.csv"
    table.write_text(
        "Project ID,Project,Criterion ID,Criterion,Likelihood,Impact\n"
        "p,  Tomtor,c,Cost,1,1\np,Tomtor ,d,Access,2,2\n",
        encoding="utf-8",
    )
    back = import_matrix(table)
    assert [p.name for p in back.projects] == ["  Tomtor"]  # the first row, as written
    renamed = import_matrix(table, back)  # spaces around a name are not an edit
    assert [p.name for p in renamed.projects] == ["  Tomtor"]


def test_csv_export_quotes_carriage_returns_and_guards_formulas(tmp_path: Path) -> None:
    body = json.loads(json.dumps(BASE))
    body["cells"]["p"]["c"]["rationale"] = "note\r=1+1"
    table = tmp_path / "m.csv"
    export_matrix(parse_assessment(body), table)
    import csv

    with open(table, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 1 + 4  # the CR did not split the record
    assert rows[1][rows[0].index("Rationale")] == "note\r=1+1"
    assert b'"note\r=1+1"' in table.read_bytes()  # quoted: one cell, not a cell "=1+1"
    assert not any(field.startswith(("=", "+", "@")) for row in rows for field in row)


@pytest.mark.parametrize("command", ["score", "analyze"])
def test_cli_csv_guards_names(tmp_path: Path, command: str) -> None:
    body = json.loads(json.dumps(BASE))
    body["projects"][0]["name"] = "=HYPERLINK(1)"
    body["cells"]["q"] = {"c": {"likelihood": 1, "impact": 1}, "d": {"likelihood": 1, "impact": 1}}
    body["cells"]["p"]["d"] = {"likelihood": 1, "impact": 1}
    path = tmp_path / "c.rrisk"
    fileformat.save(parse_assessment(body), path)
    argv = [sys.executable, "-m", "rrisk", command, str(path), "--format", "csv"]
    if command == "analyze":
        argv += ["--runs", "200"]
    run = subprocess.run(argv, capture_output=True, text=True, check=True)
    assert "=HYPERLINK" in run.stdout
    assert ",=HYPERLINK" not in run.stdout and "\n=HYPERLINK" not in run.stdout


# 7. XLSX import reads the sheet the user sees.
def _workbook(path: Path, sheets: list[tuple[str, str, list[list[str]]]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, state, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.sheet_state = state
        for row in rows:
            sheet.append(row)
    book.active = next(i for i, s in enumerate(sheets) if s[1] == "visible")
    book.save(path)


HEADER = ["Project ID", "Criterion ID", "Likelihood", "Impact"]


def test_xlsx_hidden_first_sheet_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    _workbook(
        path,
        [
            ("Secret", "hidden", [HEADER, ["evil", "c", "5", "5"]]),
            ("Matrix", "visible", [HEADER, ["p", "c", "2", "3"]]),
        ],
    )
    document = import_matrix(path)
    assert [p.id for p in document.projects] == ["p"]


def test_xlsx_several_visible_sheets_without_matrix_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    _workbook(
        path,
        [
            ("One", "visible", [HEADER, ["p", "c", "2", "3"]]),
            ("Two", "visible", [HEADER, ["q", "c", "2", "3"]]),
        ],
    )
    with pytest.raises(ImportExportError, match="'One', 'Two'"):
        import_matrix(path)


def test_xlsx_several_visible_sheets_with_matrix_reads_matrix(tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    _workbook(
        path,
        [
            ("Notes", "visible", [["hello"]]),
            ("Matrix", "visible", [HEADER, ["p", "c", "2", "3"]]),
            ("Matrix (2)", "visible", [HEADER, ["p", "c", "5", "5"]]),
            ("Old", "hidden", [HEADER, ["p", "c", "1", "1"]]),
        ],
    )
    notices: list[str] = []
    assert [p.id for p in import_matrix(path, notices=notices).projects] == ["p"]
    # The edited copy beside it is not read, and the import says which sheet was.
    assert notices == [
        f"{path}: only the sheet 'Matrix' was read; the other visible sheets, 'Notes', "
        "'Matrix (2)', were not imported"
    ]


@pytest.mark.parametrize("sheet", ["Risks", "Matrix"])
def test_xlsx_a_chart_sheet_is_not_a_sheet_to_read(tmp_path: Path, sheet: str) -> None:
    # A chart in a sheet of its own beside the one sheet of cells: that sheet is the table,
    # and the chart sheet, which holds no cells, is not named as a sheet left unread.
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    path = tmp_path / "m.xlsx"
    book = Workbook()
    cells = book.active
    cells.title = sheet
    for row in (HEADER, ["p", "c", 2, 3], ["q", "c", 4, 4]):
        cells.append(row)
    chart = BarChart()
    chart.add_data(Reference(cells, min_col=3, min_row=1, max_row=3), titles_from_data=True)
    book.create_chartsheet("Chart", 0).add_chart(chart)
    book.save(path)
    notices: list[str] = []
    document = import_matrix(path, notices=notices)
    assert [p.id for p in document.projects] == ["p", "q"]
    assert notices == []


def test_xlsx_one_visible_sheet_gets_no_notice(tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    _workbook(
        path,
        [("Old", "hidden", [HEADER, ["p", "c", "1", "1"]]), ("Mine", "visible", [HEADER])],
    )
    notices: list[str] = []
    import_matrix(path, notices=notices)
    assert notices == []


# 5. Interrupted saves leave nothing behind for long.
_SAVER = """
import sys
from rrisk import fileformat
from rrisk.model import parse_assessment
import json
body = json.loads(sys.argv[2])
doc = parse_assessment(body)
original = fileformat.atomic_write_bytes
def slow_write(path, data):
    import os
    real_fsync = os.fsync
    def stall(fd):
        print("writing", flush=True)
        sys.stdin.readline()
        real_fsync(fd)
    os.fsync = stall
    original(path, data)
fileformat.atomic_write_bytes = slow_write
fileformat.save(doc, sys.argv[1])
"""


def test_killed_save_leaves_old_file_and_no_stale_temp_after_next_save(tmp_path: Path) -> None:
    target = tmp_path / "case.rrisk"
    old = parse_assessment(BASE)
    fileformat.save(old, target)
    before = target.read_bytes()
    new_body = json.loads(json.dumps(BASE)) | {"title": "changed"}
    saver = subprocess.Popen(
        [sys.executable, "-c", _SAVER, str(target), json.dumps(new_body)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert saver.stdout is not None and saver.stdout.readline().strip() == "writing"
    saver.kill()
    saver.wait()
    temps = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert temps, "the killed save should have left its temporary file"
    assert target.read_bytes() == before
    fileformat.save(old, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.rrisk"]


def _dead_pid() -> int:
    """The id of a process that has ended (a writer killed mid-save, as far as files tell)."""
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(ended.stdout)


def test_open_removes_stale_temp_but_keeps_a_live_one(tmp_path: Path) -> None:
    target = tmp_path / "case.rrisk"
    fileformat.save(parse_assessment(BASE), target)
    dead_pid = _dead_pid()
    from rrisk.tempfiles import temp_prefix

    stale = tmp_path / f"{temp_prefix(target, dead_pid)}abc123.tmp"
    live = tmp_path / f"{temp_prefix(target, os.getppid())}def456.tmp"
    mine = tmp_path / f"{temp_prefix(target)}ghi789.tmp"
    other = tmp_path / f"{temp_prefix(tmp_path / 'other.rrisk', dead_pid)}abc123.tmp"
    remote = tmp_path / f".case.rrisk.elsewhere-{dead_pid}.abc123.tmp"
    for path in (stale, live, mine, other, remote):
        path.write_bytes(b"partial")
    fileformat.load(target)
    assert not stale.exists()
    assert live.exists() and mine.exists() and other.exists() and remote.exists()


def test_a_machine_whose_name_begins_like_ours_is_another_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a shared drive, "-0002"'s dead-looking process id says nothing of its live writer.
    import rrisk.tempfiles as tempfiles

    ours, theirs = "accounting-laptop-london-0001", "accounting-laptop-london-0002"
    assert tempfiles._host_tag(ours) != tempfiles._host_tag(theirs)
    assert tempfiles._host_tag(ours) == tempfiles._host_tag(ours.upper())
    for name in ("", ours, "x" * 300, "компьютер-бухгалтерии"):
        assert re.fullmatch(r"[a-z0-9]{1,24}", tempfiles._host_tag(name)), name
    monkeypatch.setattr(tempfiles, "HOST", tempfiles._host_tag(ours))
    target = tmp_path / "case.rrisk"
    fileformat.save(parse_assessment(BASE), target)
    dead_pid = _dead_pid()
    writing = tmp_path / f".case.rrisk.{tempfiles._host_tag(theirs)}-{dead_pid}.k3j2.tmp"
    writing.write_bytes(b"being written on the other machine")
    fileformat.load(target)
    assert writing.exists()


def test_a_file_with_a_long_name_saves_in_place_and_its_leftovers_are_found(
    tmp_path: Path,
) -> None:
    from rrisk.tempfiles import temp_prefix

    name = "Оценка " * 18 + "case.rrisk"  # 235 bytes: with a temporary's parts, over 255
    assert 200 < len(name.encode("utf-8")) <= 255
    target = tmp_path / name
    document = parse_assessment(BASE)
    fileformat.save(document, target)
    fileformat.save(document, target)  # in place, through a temporary beside it
    assert fileformat.load(target) == document
    dead_pid = _dead_pid()
    stale = tmp_path / f"{temp_prefix(target, dead_pid)}abc123.tmp"
    assert len(stale.name.encode("utf-8")) <= 255
    stale.write_bytes(b"partial")
    fileformat.load(target)
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


# 8. Bounded time and memory on hostile but valid input.
def test_too_many_projects_refused_before_parsing() -> None:
    from rrisk.limits import MAX_PROJECTS

    body = {
        "criteria": [{"id": "c", "name": "C"}],
        "projects": [{"id": f"p{i}", "name": "P"} for i in range(MAX_PROJECTS + 1)],
    }
    with pytest.raises(FileFormatError, match=f"{MAX_PROJECTS + 1:,} projects"):
        fileformat.read_bytes(_rrisk_bytes(body), "big.rrisk")


def test_too_many_criteria_and_sources_refused() -> None:
    from rrisk.limits import MAX_CRITERIA

    body = {"criteria": [{"id": f"c{i}", "name": "C"} for i in range(MAX_CRITERIA + 1)]}
    with pytest.raises(FileFormatError, match="criteria"):
        fileformat.read_bytes(_rrisk_bytes(body), "big.rrisk")


def test_xlsx_with_huge_shared_strings_is_refused_before_parsing(tmp_path: Path) -> None:
    from rrisk.limits import MAX_XLSX_SHARED_STRINGS_BYTES

    path = tmp_path / "bomb.xlsx"
    _workbook(path, [("Matrix", "visible", [HEADER, ["p", "c", "1", "1"]])])
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    # Many distinct strings compress poorly enough to pass the ratio guard.
    count = MAX_XLSX_SHARED_STRINGS_BYTES // 30 + 10
    items = "".join(f"<si><t>{i:020d}</t></si>" for i in range(count))
    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
        f'main" count="{count}" uniqueCount="{count}">{items}</sst>'
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    with pytest.raises(ImportExportError, match="shared strings"):
        import_matrix(path)


def test_table_with_too_many_projects_is_refused(tmp_path: Path) -> None:
    from rrisk.limits import MAX_PROJECTS

    table = tmp_path / "t.csv"
    lines = ["Project ID,Criterion ID,Likelihood,Impact"]
    lines += [f"p{i},c,1,1" for i in range(MAX_PROJECTS + 1)]
    table.write_text("\n".join(lines))
    with pytest.raises(ImportExportError, match="projects"):
        import_matrix(table)


@pytest.mark.parametrize("command", ["analyze", "memo", "validate"])
def test_cli_refuses_a_small_file_with_20007_projects(tmp_path: Path, command: str) -> None:
    body = {
        "criteria": [{"id": "c", "name": "C"}],
        "projects": [{"id": f"p{i}", "name": "P"} for i in range(20_007)],
    }
    path = tmp_path / "many.rrisk"
    path.write_bytes(_rrisk_bytes(body))
    argv = [sys.executable, "-m", "rrisk", command, str(path)]
    if command == "memo":
        argv += ["-o", str(tmp_path / "m.pdf")]
    run = subprocess.run(argv, capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1
    assert "20,007 projects; at most 5,000 are allowed" in run.stderr
    assert not (tmp_path / "m.pdf").exists()


def test_unvalidated_surrogate_is_refused_on_save_not_crashed(tmp_path: Path) -> None:
    document = parse_assessment(BASE)
    document.title = "x\ud800"  # an edit made without validation
    with pytest.raises(FileFormatError, match="not saved.*title"):
        fileformat.save(document, tmp_path / "x.rrisk")
    with pytest.raises(FileFormatError, match="cannot be written"):
        fileformat.document_json_bytes(document, check=False)
    assert not list(tmp_path.iterdir())


def test_import_reports_progress_and_can_be_cancelled(tmp_path: Path) -> None:
    from rrisk.exchange import ImportCancelled

    table = tmp_path / "t.csv"
    lines = ["Project ID,Criterion ID,Likelihood,Impact"]
    lines += [f"p{i},c{j},1,1" for i in range(100) for j in range(50)]
    table.write_text("\n".join(lines))
    seen: list[int] = []
    document = import_matrix(table, progress=lambda percent, _label: seen.append(percent))
    assert len(document.projects) == 100
    assert seen[0] == 0 and seen == sorted(seen) and len(seen) > 3
    calls: list[int] = []

    def cancel_after_two() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(ImportCancelled, match="cancelled"):
        import_matrix(table, cancelled=cancel_after_two)


def test_xlsx_with_too_many_cells_is_refused_before_parsing(tmp_path: Path, monkeypatch) -> None:
    from rrisk import workbook

    monkeypatch.setattr(workbook, "MAX_XLSX_CELLS", 50)
    path = tmp_path / "wide.xlsx"
    rows = [HEADER] + [[f"p{i}", "c", "1", "1"] for i in range(20)]
    _workbook(path, [("Matrix", "visible", rows)])
    with pytest.raises(ImportExportError, match="more than 50 cells"):
        import_matrix(path)
    monkeypatch.setattr(workbook, "MAX_XLSX_CELLS", 84)
    assert len(import_matrix(path).projects) == 20


def test_xlsx_hidden_matrix_and_one_visible_sheet_reads_the_visible(tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    _workbook(
        path,
        [
            ("Matrix", "hidden", [HEADER, ["evil", "c", "5", "5"]]),
            ("Mine", "visible", [HEADER, ["p", "c", "2", "3"]]),
        ],
    )
    assert [p.id for p in import_matrix(path).projects] == ["p"]


_SAVE_FOREVER = """
import json, sys
from rrisk import fileformat
from rrisk.model import parse_assessment
first = parse_assessment(json.loads(sys.argv[2]))
second = parse_assessment(json.loads(sys.argv[3]))
print("ready", flush=True)
while True:
    fileformat.save(first, sys.argv[1])
    fileformat.save(second, sys.argv[1])
"""


def test_saves_killed_at_random_moments_leave_old_or_new_and_no_stale_temp(
    tmp_path: Path,
) -> None:
    import random

    projects = [{"id": f"p{i}", "name": f"Project {i} " + "x" * 200} for i in range(300)]
    first = {"title": "first", "criteria": BASE["criteria"], "projects": projects}
    second = first | {"title": "second"}
    target = tmp_path / "case.rrisk"
    fileformat.save(parse_assessment(first), target)
    rng = random.Random(14)
    for _ in range(5):
        saver = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _SAVE_FOREVER,
                str(target),
                json.dumps(first),
                json.dumps(second),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert saver.stdout is not None and saver.stdout.readline().strip() == "ready"
        try:
            saver.wait(timeout=rng.uniform(0.0, 0.3))
        except subprocess.TimeoutExpired:
            saver.kill()
        saver.wait()
        assert fileformat.load(target).title in ("first", "second")
    fileformat.save(parse_assessment(first), target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.rrisk"]


@pytest.mark.skipif(sys.platform == "win32", reason="names are bytes only on POSIX")
def test_a_file_whose_name_is_not_utf8_opens_and_saves(tmp_path: Path) -> None:
    target = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"caf\xe9.rrisk")))
    document = parse_assessment(BASE)
    fileformat.save(document, target)
    fileformat.save(fileformat.load(target), target)
    assert fileformat.load(target) == document
