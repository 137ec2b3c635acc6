"""A command never writes over a file it reads, however the output is spelled (a link), and a
table's odd file name gives a new document a title, not a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rrisk.cli import main
from rrisk.fileformat import load


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


def test_export_refuses_a_link_to_its_own_assessment(
    small_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = small_file.read_bytes()
    link = tmp_path / "link.csv"
    link.symlink_to(small_file)
    code, err = _run(capsys, "export", str(small_file), "-o", str(link), "--force")
    assert code == 1 and "this is the assessment itself" in err
    assert small_file.read_bytes() == before


def test_import_refuses_an_output_that_is_its_table(
    small_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "mine.csv"
    assert _run(capsys, "export", str(small_file), "-o", str(table))[0] == 0
    before = table.read_bytes()
    for name, link_to in (("out.rrisk", table), ("hard.rrisk", None)):
        output = tmp_path / name
        if link_to is None:
            os.link(table, output)
        else:
            output.symlink_to(link_to)
        for into in ((), ("--into", str(small_file))):
            code, err = _run(capsys, "import", str(table), "-o", str(output), *into, "--force")
            assert code == 1 and "this is the table being imported itself" in err, err
            assert table.read_bytes() == before
    # Writing back into the document it updates stays an update, needing no --force.
    code, err = _run(capsys, "import", str(table), "--into", str(small_file), "-o", str(small_file))
    assert code == 0, err


def test_memo_refuses_a_link_to_the_earlier_version(
    small_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    earlier = tmp_path / "earlier.rrisk"
    earlier.write_bytes(small_file.read_bytes())
    link = tmp_path / "memo.pdf"
    link.symlink_to(earlier)
    code, err = _run(
        capsys, "memo", str(small_file), "--since", str(earlier), "-o", str(link), "--force"
    )
    assert code == 1 and "this is the earlier version (--since) itself" in err
    assert earlier.read_bytes() == small_file.read_bytes()


@pytest.mark.parametrize(("name", "title"), [("\u202ematrix.csv", "matrix"), ("a\x1bb.csv", "a b")])
def test_import_titles_a_new_document_from_an_odd_file_name(
    small_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, title: str
) -> None:
    table = tmp_path / name
    assert _run(capsys, "export", str(small_file), "-o", str(table))[0] == 0
    output = tmp_path / "new.rrisk"
    code, err = _run(capsys, "import", str(table), "-o", str(output))
    assert code == 0, err
    assert "Traceback" not in err
    assert load(output).title == title


def test_import_names_a_column_it_did_not_read(
    small_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv

    table = tmp_path / "with-notes.csv"
    assert _run(capsys, "export", str(small_file), "-o", str(table))[0] == 0
    with open(table, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    for row in rows:
        row.append("Notes" if row is rows[0] else "ours")
    with open(table, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    code, err = _run(capsys, "import", str(table), "--into", str(small_file), "-o", str(small_file))
    assert code == 0
    assert "rrisk: note:" in err and "column 'Notes' is not one of the table's columns" in err
