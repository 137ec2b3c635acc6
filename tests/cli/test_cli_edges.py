"""Edges of the command line: optional options, odd numbers, files that are not files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_cli import rrisk

from rrisk.fileformat import save
from rrisk.templates import new_from_template


@pytest.fixture
def case(tmp_path: Path) -> Path:
    path = tmp_path / "case.rrisk"
    save(new_from_template("russia-rare-earths"), path)
    return path


def test_lists_import_without_as_of(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    listing = Path(__file__).resolve().parents[2] / "resources/screening/opensanctions-template.csv"
    result = rrisk("lists", "import", str(listing), "--name", "mine")
    assert result.returncode == 0, result.stderr
    assert "as of not given" in result.stdout
    assert rrisk("lists", "import", str(listing), "--as-of", "2025-13-40").returncode == 2
    # An empty date is a slip, as an empty --name is, not "no date".
    blank = rrisk("lists", "import", str(listing), "--as-of", " ")
    assert blank.returncode == 2 and "argument --as-of: give a date" in blank.stderr


def test_analyze_shows_its_progress_on_a_terminal_only(
    case: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from rrisk.cli import main

    assert main(["analyze", str(case), "--runs", "3000", "--format", "json"]) == 0
    piped = capsys.readouterr()
    assert piped.err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["analyze", str(case), "--runs", "3000", "--format", "json"]) == 0
    shown = capsys.readouterr()
    assert shown.out == piped.out  # what a script reads is the same
    assert "analysing:  95% (3,000 of 3,000 runs)" in shown.err
    assert "analysing: 100% (P10, P50 and P90 of 3,000 runs)" in shown.err
    assert "analysing: rank reversals" in shown.err
    assert shown.err.endswith("\r\033[K")  # the line is cleared before the results


@pytest.mark.parametrize("as_of", ["20250101", "2025-W01-1", "2025-01", "٢٠٢٥-٠١-٠١"])
def test_lists_import_takes_an_as_of_date_only_as_yyyy_mm_dd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_of: str
) -> None:
    # Other ISO forms would be kept as written and shown beside lists dated YYYY-MM-DD.
    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    listing = tmp_path / "one.csv"
    listing.write_text("id,schema,name,aliases\nx1,Company,Acme Mining,\n", encoding="utf-8")
    result = rrisk("lists", "import", str(listing), "--as-of", as_of)
    assert result.returncode == 2 and "is not YYYY-MM-DD" in result.stderr, result.stderr
    result = rrisk("lists", "import", str(listing), "--as-of", "2025-01-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "one: 1 entry, as of 2025-01-01"


@pytest.mark.parametrize("seed", ["-1", "2147483648", "99999999999999999999999"])
def test_a_seed_out_of_range_is_a_usage_error(case: Path, seed: str) -> None:
    # Misuse of the command line, as a seed that is not a number is: exit 2, argparse's form.
    result = rrisk("analyze", str(case), "--runs", "200", "--seed", seed)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "argument --seed: the seed must be between 0 and 2,147,483,647" in result.stderr


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["new", "-o", "x.rrisk", "--title", "Ab\udcff"], "argument --title: is not UTF-8 text"),
        (["new", "-o", "x.rrisk", "--title", "  "], "argument --title: is blank"),
        (["lists", "import", "list.csv", "--name", ""], "argument --name: is blank"),
        # An unset variable, --list "$LIST": not a list named '' (exit 1, "no list named ''").
        (["screen", "case.rrisk", "--list", ""], "argument --list: is blank"),
    ],
)
def test_a_text_option_that_is_not_text_is_a_usage_error(
    tmp_path: Path, argv: list[str], message: str
) -> None:
    """Bytes that are not UTF-8 (a terminal in another encoding) reach Python as surrogates."""
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    args = [arg.encode("utf-8", "surrogateescape") for arg in argv]
    result = subprocess.run(
        [sys.executable.encode(), b"-m", b"rrisk", *args],
        cwd=tmp_path,
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert message in result.stderr.decode("utf-8", "replace")
    assert list(tmp_path.iterdir()) == []


def test_an_assessment_is_never_written_to_a_file_called_dash(tmp_path: Path) -> None:
    result = rrisk("new", "-o", "-", cwd=tmp_path)
    assert result.returncode == 1 and "not written to the standard output" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("runs", ["0", "1", "99", "1000001"])
def test_runs_out_of_the_range_a_document_holds_are_a_usage_error(case: Path, runs: str) -> None:
    result = rrisk("analyze", str(case), "--runs", runs)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .endswith(
            f"argument --runs: the number of runs must be between 100 and 1,000,000 (got {int(runs):,})"
        )
    )


def test_analyze_lists_an_unscored_project_after_the_scored_ones(tmp_path: Path) -> None:
    from rrisk.model import parse_assessment

    strong = {"id": "s", "title": "Register", "reliability": "A", "credibility": 1}

    def cell(score: int, criterion: str = "a") -> dict:
        return {criterion: {"likelihood": score, "impact": score, "evidence": [{"source": "s"}]}}

    document = parse_assessment(
        {
            "criteria": [
                {"id": "a", "name": "A", "weight": 1},
                {"id": "z", "name": "Z", "weight": 0},
            ],
            "projects": [
                {"id": "top", "name": "Top"},
                {"id": "high", "name": "High90"},
                {"id": "none", "name": "Unscored"},
                {"id": "low", "name": "Low10"},
            ],
            "sources": [strong],
            "cells": {"top": cell(1), "high": cell(5), "none": cell(1, "z"), "low": cell(2)},
        }
    )
    path = tmp_path / "order.rrisk"
    save(document, path)
    result = rrisk("analyze", str(path), "--runs", "100", "--format", "csv")
    assert result.returncode == 0, result.stderr
    names = [line.split(",")[0] for line in result.stdout.splitlines()[1:] if line]
    assert names[:4] == ["Top", "Low10", "High90", "Unscored"], result.stdout


def test_too_many_runs_to_keep_names_the_file(tmp_path: Path) -> None:
    from rrisk.model import parse_assessment

    document = parse_assessment(
        {
            "criteria": [{"id": "a", "name": "A", "weight": 1}],
            "projects": [{"id": f"p{k}", "name": f"P{k}"} for k in range(60)],
            "analysis": {"runs": 1_000_000},
        }
    )
    path = tmp_path / "many.rrisk"
    save(document, path)
    for argv in (["analyze", str(path)], ["memo", str(path), "-o", str(tmp_path / "m.pdf")]):
        result = rrisk(*argv)
        assert result.returncode == 1
        assert result.stderr.splitlines()[-1] == (
            f"rrisk: {path}: 1,000,000 runs of 60 projects are too many to keep; "
            "at most 833,333 runs for this document"
        )
    assert not (tmp_path / "m.pdf").exists()


def test_analyze_prints_no_figures_and_no_band_for_an_unscored_project(case: Path) -> None:
    document = new_from_template("russia-rare-earths")
    for criterion in document.criteria:
        criterion.weight = 0
    save(document, case)
    for fmt in ("table", "csv"):
        result = rrisk("analyze", str(case), "--runs", "200", "--format", fmt)
        assert result.returncode == 0, result.stderr
        assert "nan" not in result.stdout.lower()
        tomtor = next(line for line in result.stdout.splitlines() if "Tomtor" in line)
        assert "Low" not in tomtor
        # A dash in the table; in CSV an empty cell, as `rrisk score` gives an unscored index.
        assert ("—" in tomtor) == (fmt == "table")


def test_export_refuses_to_overwrite_without_force(case: Path, tmp_path: Path) -> None:
    table = tmp_path / "precious.csv"
    table.write_text("precious\n")
    refused = rrisk("export", str(case), "-o", str(table))
    assert refused.returncode == 1
    assert "already exists (use --force to overwrite)" in refused.stderr
    assert table.read_text() == "precious\n"
    assert rrisk("export", str(case), "-o", str(table), "--force").returncode == 0
    assert table.read_text(encoding="utf-8-sig").startswith("Project ID,Project")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_or_a_device_is_refused_not_read(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.rrisk"
    os.mkfifo(pipe)
    for path in (str(pipe), os.devnull):
        result = rrisk("validate", path)
        assert result.returncode == 1
        assert "is not a regular file" in result.stderr


def test_review_without_texts_is_misuse(case: Path) -> None:
    before = case.read_bytes()
    result = rrisk("review", str(case))
    assert result.returncode == 2
    assert "name the texts to mark reviewed, or give --all" in result.stderr
    assert case.read_bytes() == before


def test_review_help_says_what_a_rationale_is_reviewed_against() -> None:
    # A rationale's stamp holds its cell's scores, not its project's results.
    result = rrisk("review", "--help")
    assert "(a cell's rationale: against its cell's scores)" in " ".join(result.stdout.split())


@pytest.mark.parametrize("order", ["names first", "--all first"])
def test_review_with_names_and_all_is_misuse_in_either_order(case: Path, order: str) -> None:
    """Names and --all do not go together: one line, exit 2, the file untouched (--all
    first was an argparse error about 'unrecognized arguments'; names first, the names were
    dropped and every text marked reviewed)."""
    before = case.read_bytes()
    texts = ["summary", "notes"]
    arguments = [*texts, "--all"] if order == "names first" else ["--all", *texts]
    result = rrisk("review", str(case), *arguments)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "rrisk review: error: name the texts to mark reviewed or give --all, not both "
        "(--all marks every narrative text of the file)"
    ]
    assert case.read_bytes() == before
    spelt = rrisk("review", str(case), "--all", "--", "summary")  # names after "--"
    assert spelt.returncode == 2 and "not both" in spelt.stderr, spelt.stderr
    # An option it does not know is still refused as one.
    unknown = rrisk("review", str(case), "--all", "summary", "--every")
    assert unknown.returncode == 2
    assert "unrecognized arguments: summary --every" in unknown.stderr


def test_score_prints_figures_as_the_memo_does_at_a_band_edge_and_short_of_full_coverage(
    tmp_path: Path,
) -> None:
    from rrisk.model import parse_assessment

    # Edge: 100 × 3 × (9 − 1) / 24 ÷ (3 + 1.0016) = 24.99 (Low).
    # Gap: coverage 1000 of the 1004.5016 weight, 99.55%.
    document = parse_assessment(
        {
            "title": "Figures",
            "criteria": [
                {"id": "a", "name": "A", "weight": 3},
                {"id": "b", "name": "B", "weight": 1.0016},
                {"id": "c", "name": "C", "weight": 1000},
                {"id": "d", "name": "D", "weight": 0.5},
            ],
            "projects": [{"id": "edge", "name": "Edge"}, {"id": "gap", "name": "Gap"}],
            "cells": {
                "edge": {"a": {"likelihood": 3, "impact": 3}, "b": {"likelihood": 1, "impact": 1}},
                "gap": {"c": {"likelihood": 2, "impact": 2}},
            },
        }
    )
    path = tmp_path / "edges.rrisk"
    save(document, path)
    table = rrisk("score", str(path))
    assert table.returncode == 0, table.stderr
    edge = next(line for line in table.stdout.splitlines() if "Edge" in line)
    assert "24.99" in edge and "Low" in edge and "25.0" not in edge
    gap = next(line for line in table.stdout.splitlines() if "Gap" in line)
    assert "99%" in gap and "100%" not in gap


def test_an_assessment_is_never_written_over_a_table_or_a_memo(case: Path, tmp_path: Path) -> None:
    table = tmp_path / "mine.csv"
    assert rrisk("export", str(case), "-o", str(table)).returncode == 0
    before = table.read_bytes()
    result = rrisk("import", str(table), "-o", str(table), "--force")
    assert result.returncode == 1
    assert "saved as a .rrisk file" in result.stderr and "mine.rrisk" in result.stderr
    assert table.read_bytes() == before
    for name in ("memo.PDF", "book.xlsm", "sheet.tsv"):
        other = tmp_path / name
        result = rrisk("new", "--template", "russia-rare-earths", "-o", str(other))
        assert result.returncode == 1 and not other.exists(), name
    assert rrisk("import", str(table), "-o", str(tmp_path / "back.rrisk")).returncode == 0


def test_an_assessment_is_written_only_under_a_name_ending_in_rrisk(
    case: Path, tmp_path: Path
) -> None:
    # The app's Open dialog lists *.rrisk: a file named otherwise would not be found there.
    for name, suggested in (("review", "review.rrisk"), ("case.v2", "case.v2.rrisk")):
        output = tmp_path / name
        result = rrisk("new", "-o", str(output))
        assert result.returncode == 1 and not output.exists(), name
        assert "saved as a .rrisk file" in result.stderr and suggested in result.stderr
    table = tmp_path / "matrix.csv"
    assert rrisk("export", str(case), "-o", str(table)).returncode == 0
    result = rrisk("import", str(table), "-o", str(tmp_path / "back"))
    assert result.returncode == 1 and "back.rrisk" in result.stderr
    assert not (tmp_path / "back").exists()
    assert rrisk("new", "-o", str(tmp_path / "Upper.RRISK")).returncode == 0


def test_export_and_memo_refuse_a_wrong_name_naming_the_one_to_give(
    case: Path, tmp_path: Path
) -> None:
    existing = tmp_path / "matrix.txt"
    existing.write_text("notes", encoding="utf-8")
    result = rrisk("export", str(case), "-o", str(existing))  # the name is said first
    assert result.returncode == 1 and existing.read_text(encoding="utf-8") == "notes"
    assert result.stderr == (
        f"rrisk: {existing}: a matrix is exported as a .csv or .xlsx file (got a .txt file; "
        "name the output matrix.csv or matrix.xlsx)\n"
    )
    result = rrisk("memo", str(case), "-o", str(tmp_path / "memo.v2"))
    assert result.returncode == 1 and not (tmp_path / "memo.v2").exists()
    assert "(got a .v2 file; name the output memo.v2.pdf or memo.v2.docx)" in result.stderr
    result = rrisk("memo", str(case), "-o", str(tmp_path / "memo.pdf."))
    assert result.returncode == 1 and not list(tmp_path.glob("memo.pdf*"))
    # It suggested memo.pdf.pdf or memo.pdf.docx, and said it got no extension.
    assert result.stderr.rstrip().endswith(
        "(got a .pdf file, with spaces or dots around its name; "
        "name the output memo.pdf or memo.docx)"
    )
    result = rrisk("export", str(case), "-o", "-")
    assert result.returncode == 1
    assert "not written to the standard output (name a file ending in .csv or .xlsx)" in (
        result.stderr
    )


def test_screening_says_when_it_first_indexes_an_older_store(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    listing = Path(__file__).resolve().parents[2] / "resources/screening/opensanctions-template.csv"
    assert rrisk("lists", "import", str(listing), "--name", "mine").returncode == 0
    store = tmp_path / "data" / "screening.sqlite3"
    screened = rrisk("screen", str(case), "--list", "mine")
    assert screened.returncode == 0, screened.stderr
    assert screened.stderr == ""  # an up-to-date store: nothing to say
    db = sqlite3.connect(store, isolation_level=None)
    db.execute("PRAGMA user_version = 1")  # as an older release left it
    db.close()
    listed = rrisk("lists")
    assert listed.returncode == 0 and "mine" in listed.stdout
    assert sqlite3.connect(store).execute("PRAGMA user_version").fetchone()[0] == 1  # untouched
    again = rrisk("screen", str(case), "--list", "mine", "--format", "json")
    assert again.returncode == 0, again.stderr
    assert "indexing the imported lists again after an update" in again.stderr
    assert json.loads(again.stdout)["list"]["name"] == "mine"
    assert rrisk("screen", str(case), "--list", "mine").stderr == ""  # once


@pytest.mark.parametrize("option", ["--runs", "--seed"])
def test_a_number_of_thousands_of_digits_is_out_of_range_in_one_short_line(
    case: Path, option: str
) -> None:
    result = rrisk("analyze", str(case), option, "9" * 5000)
    assert result.returncode == 2
    line = result.stderr.strip().splitlines()[-1]
    assert f"argument {option}: " in line and "is out of range" in line
    assert len(line) < 200


def test_lists_shows_the_bundled_list_where_no_store_can_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A first run, or a data folder that cannot be written: listing makes no store.
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("RRISK_DATA_DIR", str(blocked / "data"))
    result = rrisk("lists")
    assert result.returncode == 0, result.stderr
    assert "rrisk-template" in result.stdout and "bundled" in result.stdout
    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "fresh"))
    assert rrisk("lists").returncode == 0
    assert not (tmp_path / "fresh").exists()  # nothing made for a listing


def test_a_dumb_terminal_gets_no_progress_line(
    case: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """TERM=dumb cannot clear a line: the escape sequences would print as litter."""
    import sys

    from rrisk.cli import main

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setenv("TERM", "dumb")
    assert main(["analyze", str(case), "--runs", "2000", "--format", "json"]) == 0
    assert "\033" not in capsys.readouterr().err


def test_lists_and_review_say_each_problem_once_and_where_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: Path
) -> None:
    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    listing = tmp_path / "one.csv"
    listing.write_text("id,schema,name,aliases\nx1,Company,Acme Mining,\n", encoding="utf-8")
    bundled = rrisk("lists", "import", str(listing), "--name", "rrisk-template")
    assert bundled.returncode == 1
    assert bundled.stderr.count("choose another") == 1, bundled.stderr
    missing = rrisk("lists", "import", str(tmp_path / "no\nlist.csv"))
    # Worded as every command words a missing file or a folder (rrisk score, rrisk import).
    assert missing.returncode == 1, missing.stderr
    assert missing.stderr == f"rrisk: {tmp_path}/no\\x0alist.csv: does not exist\n"
    folder = rrisk("lists", "import", str(tmp_path))
    assert folder.returncode == 1
    assert folder.stderr == f"rrisk: {tmp_path}: is a folder, not a list file\n"
    assert rrisk("lists", "import", str(listing), "--name", "ofac").returncode == 0
    spaced = rrisk("screen", str(case), "--list", " ofac ")
    assert spaced.returncode == 0, spaced.stderr
    assert "Screened against ofac" in spaced.stdout
    case.chmod(0o444)
    try:
        review = rrisk("review", str(case), "--all")
    finally:
        case.chmod(0o644)
    assert review.returncode == 1
    assert "is read-only for you, so no text was marked reviewed" in review.stderr


def test_an_unscored_projects_analysis_figures_are_empty_cells_in_csv(tmp_path: Path) -> None:
    from rrisk.model import parse_assessment

    path = tmp_path / "unscored.rrisk"
    document = {
        "criteria": [{"id": "c", "name": "C"}],
        "projects": [{"id": "a", "name": "Alpha"}, {"id": "b", "name": "Beta"}],
        "cells": {"a": {"c": {"likelihood": 2, "impact": 2}}},
    }
    save(parse_assessment(document), path)
    result = rrisk("analyze", str(path), "--runs", "1000", "--format", "csv")
    assert result.returncode == 0, result.stderr
    (beta,) = [line for line in result.stdout.splitlines() if line.startswith("Beta")]
    assert "—" not in beta and beta.startswith("Beta,b,,,,")


def test_screen_prints_a_recorded_decision_whose_entry_the_list_no_longer_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The entry gone from an updated list: `rrisk screen` printed "no hit" while the
    project stayed excluded on the recorded decision."""
    from rrisk.model import parse_assessment

    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    listing = tmp_path / "upd.csv"
    listing.write_text("id,schema,name,aliases\nx1,Company,Acme Mining,\n", encoding="utf-8")
    assert rrisk("lists", "import", str(listing), "--name", "upd").returncode == 0
    path = tmp_path / "case.rrisk"
    document = {
        "criteria": [{"id": "s", "name": "Sanctions"}],
        "projects": [{"id": "p", "name": "Plant", "counterparties": ["PJSC Rosneft"]}],
        "screening": {
            "list_name": "upd",
            "decisions": [
                {
                    "project": "p",
                    "counterparty": "PJSC Rosneft",
                    "list_name": "upd",
                    "entry_id": "nk-rosneft",
                    "entry_name": "Rosneft Oil Company",
                    "sanctions": ["US OFAC SDN - designated"],
                    "decision": "confirmed",
                }
            ],
        },
    }
    save(parse_assessment(document), path)
    table = rrisk("screen", str(path), "--list", "upd")
    assert table.returncode == 0, table.stderr
    assert "PJSC Rosneft: no hit" not in table.stdout
    assert "Rosneft Oil Company [nk-rosneft] — confirmed (recorded decision; not on this list)" in (
        table.stdout
    )
    data = json.loads(rrisk("screen", str(path), "--list", "upd", "--format", "json").stdout)
    (kept,) = data["projects"][0]["counterparties"][0]["recorded_not_listed"]
    assert kept["entry_id"] == "nk-rosneft" and kept["decision"] == "confirmed"


def test_the_memo_shows_its_progress_on_a_terminal_only(
    case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A memo of hundreds of projects takes minutes: it says how far it is, as analyze does."""
    import sys

    from rrisk.cli import main

    assert main(["memo", str(case), "-o", str(tmp_path / "piped.pdf")]) == 0
    assert "writing the memo" not in capsys.readouterr().err
    monkeypatch.setenv("TERM", "xterm")  # whatever terminal the tests run under
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["memo", str(case), "-o", str(tmp_path / "shown.docx")]) == 0
    err = capsys.readouterr().err
    assert "writing the memo: 100%" in err
    assert err.endswith("\r\033[K")  # the line is cleared before the confirmation


@pytest.mark.parametrize(
    ("argv", "argument"),
    [
        (["validate", ""], "FILE"),
        (["score", " "], "FILE"),
        (["analyze", ""], "FILE"),
        (["export", "", "-o", "m.csv"], "FILE"),
        (["import", "", "-o", "c.rrisk"], "TABLE"),
        (["check", ""], "FILE"),
        (["review", "", "--all"], "FILE"),
        (["screen", ""], "FILE"),
        (["lists", "import", ""], "FILE"),
        (["diff", "a.rrisk", ""], "NEW"),
        (["memo", "", "-o", "m.pdf"], "FILE"),
        (["memo", "a.rrisk", "-o", "m.pdf", "--since", ""], "--since"),
    ],
)
def test_an_empty_path_to_read_is_a_usage_error(
    argv: list[str], argument: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unset shell variable (`rrisk score "$F"`) is misuse, exit 2, naming the argument; it
    read as a file called '' ("rrisk: : does not exist")."""
    from rrisk.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert f"argument {argument}: the path is empty" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("command", "argument"),
    [("validate", "FILE"), ("score", "FILE"), ("import", "TABLE"), ("lists", "FILE")],
)
def test_the_standard_input_as_the_file_to_read_is_a_usage_error(
    command: str,
    argument: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`rrisk score - < case.rrisk` said "rrisk: -: does not exist", exit 1, as if a file
    were missing; a file named '-' is still read."""
    from rrisk.cli import main

    monkeypatch.chdir(tmp_path)
    argv = {
        "validate": ["validate", "-"],
        "score": ["score", "-"],
        "import": ["import", "-", "-o", "c.rrisk"],
        "lists": ["lists", "import", "-"],
    }[command]
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert capsys.readouterr().err.endswith(
        f"error: argument {argument}: '-' (the standard input) is not read; name the file\n"
    )
    save(new_from_template("blank"), tmp_path / "-")
    assert main(["validate", "-"]) == 0
    assert capsys.readouterr().out.startswith("-: valid")


def test_lists_import_says_when_it_replaces_a_list_of_that_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every OpenSanctions download is called targets.simple.csv: the second import under the
    # default name replaces the first, and says so.
    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "ofac").mkdir()
    (tmp_path / "eu").mkdir()
    first = tmp_path / "ofac" / "targets.simple.csv"
    first.write_text("id,name\no1,Acme Mining\no2,Beta Metals\n", encoding="utf-8")
    second = tmp_path / "eu" / "targets.simple.csv"
    second.write_text("id,name\ne1,Gamma Oil\n", encoding="utf-8")
    result = rrisk("lists", "import", str(first), "--as-of", "2025-01-01")
    assert result.stdout.strip() == "targets.simple: 2 entries, as of 2025-01-01"
    result = rrisk("lists", "import", str(second))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "targets.simple: 1 entry, as of not given (replaced the list targets.simple: "
        "2 entries, as of 2025-01-01)"
    )


def test_rrisk_screen_prints_the_programmes_a_confirmed_hit_was_recorded_on_when_they_differ(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The entry delisted since: the table showed "confirmed" beside "delisted" alone while
    `rrisk score` excluded the project on the programmes recorded with the decision."""
    from rrisk.model import parse_assessment

    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    listing = tmp_path / "upd.csv"
    listing.write_text(
        "id,schema,name,sanctions\nnk,Company,Rosneft,US OFAC SDN - delisted - 2026-01-01\n",
        encoding="utf-8",
    )
    assert rrisk("lists", "import", str(listing), "--name", "upd").returncode == 0
    recorded = "US OFAC SDN - designated - 2025-10-22"
    document = {
        "criteria": [{"id": "s", "name": "Sanctions"}],
        "projects": [{"id": "p", "name": "Plant", "counterparties": ["Rosneft"]}],
        "screening": {
            "list_name": "upd",
            "decisions": [
                {
                    "project": "p",
                    "counterparty": "Rosneft",
                    "list_name": "upd",
                    "entry_id": "nk",
                    "entry_name": "Rosneft",
                    "sanctions": [recorded],
                    "decision": "confirmed",
                }
            ],
        },
    }
    path = tmp_path / "case.rrisk"
    save(parse_assessment(document), path)
    table = rrisk("screen", str(path), "--list", "upd")
    assert table.returncode == 0, table.stderr
    assert f"recorded when confirmed (the ranking goes by these): {recorded}" in table.stdout
    data = json.loads(rrisk("screen", str(path), "--list", "upd", "--format", "json").stdout)
    (hit,) = data["projects"][0]["counterparties"][0]["hits"]
    assert hit["recorded_sanctions"] == [recorded]


def test_lists_remove_takes_an_imported_list_away_by_its_name_in_any_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from rrisk.cli import main

    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    assert main(["lists", "remove", "ofac"]) == 1
    error = capsys.readouterr().err
    assert error == (
        "rrisk: no imported list named 'ofac' (imported lists: none; the bundled list "
        "'rrisk-template' cannot be removed)\n"
    )
    assert not (tmp_path / "data").exists()  # asking made no store
    listing = tmp_path / "o.csv"
    listing.write_text("id,name\no1,Acme Mining\no2,Beta Metals\n", encoding="utf-8")
    assert (
        main(["lists", "import", str(listing), "--name", "OFAC  SDN", "--as-of", "2025-01-01"]) == 0
    )
    assert main(["lists", "import", str(listing), "--name", "eu"]) == 0
    capsys.readouterr()
    assert main(["lists", "remove", "RRisk-Template"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "'RRisk-Template' is the bundled list, which cannot be removed" in error
    assert main(["lists", "remove", "uk"]) == 1
    assert "no imported list named 'uk' (imported lists: 'OFAC  SDN', 'eu';" in (
        capsys.readouterr().err
    )
    assert main(["lists", "remove", "ofac sdn"]) == 0
    out = capsys.readouterr().out
    assert out == (
        "removed the list OFAC  SDN: 2 entries, as of 2025-01-01; documents keep their "
        "decisions on it\n"
    )
    assert main(["lists"]) == 0
    listed = capsys.readouterr().out
    assert "eu" in listed and "OFAC" not in listed
    with pytest.raises(SystemExit) as exit_:
        main(["lists", "remove", " "])
    assert exit_.value.code == 2


def test_a_document_keeps_its_decisions_on_a_removed_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Removing a list changes no document: a confirmed hit on it stays confirmed with its
    recorded programmes, the ranking still excludes the project, and screening lists it."""
    from rrisk.cli import main
    from rrisk.fileformat import load
    from rrisk.model import parse_assessment

    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    listing = tmp_path / "watch.csv"
    listing.write_text(
        "id,schema,name,sanctions\nw1,Company,Acme Mining,US OFAC SDN - designated\n",
        encoding="utf-8",
    )
    assert main(["lists", "import", str(listing), "--name", "Watch"]) == 0
    capsys.readouterr()
    decision = {
        "project": "p",
        "counterparty": "Acme Mining",
        "list_name": "Watch",
        "entry_id": "w1",
        "entry_name": "Acme Mining",
        "sanctions": ["US OFAC SDN - designated"],
        "decision": "confirmed",
    }
    document = {
        "criteria": [{"id": "s", "name": "Sanctions"}],
        "projects": [{"id": "p", "name": "Plant", "counterparties": ["Acme Mining"]}],
        "screening": {"list_name": "Watch", "decisions": [decision]},
    }
    path = tmp_path / "case.rrisk"
    save(parse_assessment(document), path)
    before = path.read_bytes()
    assert main(["score", str(path), "--format", "json"]) == 0
    scored = capsys.readouterr().out
    assert main(["lists", "remove", "watch"]) == 0
    capsys.readouterr()
    assert path.read_bytes() == before
    assert load(path).screening.decisions[0].decision == "confirmed"
    assert main(["score", str(path), "--format", "json"]) == 0
    assert capsys.readouterr().out == scored  # still excluded, on the recorded programmes
    assert json.loads(scored)["projects"][0]["status"] == "excluded"
    assert main(["screen", str(path)]) == 0
    table = capsys.readouterr().out
    assert "Acme Mining → Acme Mining [w1] — confirmed (recorded decision; not on this list)" in (
        table
    )
    assert main(["screen", str(path), "--list", "Watch"]) == 1
    assert "no list named 'Watch'" in capsys.readouterr().err


def test_screen_json_gives_the_country_the_territory_rules_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from rrisk.cli import main
    from rrisk.model import parse_assessment

    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "places.rrisk"
    projects = [
        {"id": "a", "name": "Alpha", "country": "Crimea"},
        {"id": "b", "name": "Beta", "country": "Kazakhstan", "region": "Kostanay"},
    ]
    save(parse_assessment({"title": "Places", "projects": projects}), path)
    assert main(["screen", str(path), "--format", "json"]) == 0
    screened = json.loads(capsys.readouterr().out)["projects"]
    # Alpha is placed in Crimea by its country alone: the JSON says where the rule read it.
    assert [(p["country"], p["region"]) for p in screened] == [
        ("Crimea", ""),
        ("Kazakhstan", "Kostanay"),
    ]
    assert screened[0]["territories"][0]["territory"] == "crimea"


def test_screen_says_the_document_records_another_list_only_when_it_is_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list's name is matched without regard to case or spacing, as decisions match it:
    the list the document records under "OFAC " is the list "ofac" screened."""
    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    listing = tmp_path / "ofac.csv"
    listing.write_text("id,schema,name,aliases\nx1,Company,Acme Mining,\n", encoding="utf-8")
    assert rrisk("lists", "import", str(listing), "--name", "ofac").returncode == 0
    doc = new_from_template("russia-rare-earths")
    doc.screening = doc.screening.model_copy(update={"list_name": "OFAC "})
    path = tmp_path / "case.rrisk"
    save(doc, path)
    same = rrisk("screen", str(path), "--list", "ofac")
    assert same.returncode == 0, same.stderr
    assert "records screening against" not in same.stdout
    other = rrisk("screen", str(path), "--list", "rrisk-template")
    assert "The document records screening against OFAC." in other.stdout


@pytest.mark.parametrize(
    "header",
    [
        "Project ID,Criterion ID,Likelihood,Impact",
        "project_id,criterion_id,likelihood,impact,load_ts",
    ],
)
def test_a_table_of_a_header_alone_makes_no_new_assessment(
    case: Path, tmp_path: Path, header: str
) -> None:
    """An export cut short (a warehouse query that returned nothing) made an empty assessment,
    exit 0: every command after it ran on a document of no project, as if all were well."""
    table = tmp_path / "empty.csv"
    table.write_text(header + "\r\n", encoding="utf-8")
    output = tmp_path / "new.rrisk"
    result = rrisk("import", str(table), "-o", str(output))
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"rrisk: {table}: has a header but no rows: a new assessment made from it would hold "
        "no project or criterion"
    )
    assert not output.exists()
    # Into an assessment, a table of no rows changes no cell, as rows left out change none.
    result = rrisk("import", str(table), "--into", str(case), "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert output.exists()


def test_screen_says_of_a_project_naming_no_counterparty_that_nothing_was_screened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Such a project was printed by its name alone, as if screened without a hit."""
    from rrisk.cli import main
    from rrisk.model import parse_assessment

    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "plain.rrisk"
    projects = [
        {"id": "a", "name": "Alpha"},
        {"id": "b", "name": "Beta", "counterparties": ["Acme Mining"]},
    ]
    save(parse_assessment({"title": "Plain", "projects": projects}), path)
    assert main(["screen", str(path)]) == 0
    table = capsys.readouterr().out
    assert "Alpha\n  no counterparty named: nothing screened against the list\n" in table
    assert "Beta\n  Acme Mining: no hit" in table


def test_a_list_store_damaged_past_its_first_pages_is_said_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Such a store opens, then fails where it is read: rrisk lists and rrisk screen ended
    in a traceback."""
    from rrisk.cli import main
    from rrisk.model import parse_assessment
    from rrisk.screening.store import STORE_FILE, ListStore

    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    table = tmp_path / "liste.csv"
    table.write_text(
        '"id","schema","name","aliases","sanctions"\n"f-4","Company","Acme Mining","",""\n',
        encoding="utf-8",
    )
    with ListStore() as store:
        store.import_file(table, "Liste interne", "2025-11-01")
    stored = tmp_path / "data" / STORE_FILE
    data = bytearray(stored.read_bytes())
    data[4096:] = bytes((byte * 7 + 13) & 0xFF for byte in data[4096:])
    stored.write_bytes(bytes(data))
    path = tmp_path / "plain.rrisk"
    projects = [{"id": "b", "name": "Beta", "counterparties": ["Acme Mining"]}]
    save(parse_assessment({"title": "Plain", "projects": projects}), path)
    capsys.readouterr()
    for command in (["lists"], ["screen", str(path), "--list", "Liste interne"]):
        assert main(command) == 1
        said = capsys.readouterr().err
        assert said.startswith(f"rrisk: {stored}: the list store cannot be opened (")
        assert said.count("\n") == 1 and "Traceback" not in said


def test_a_damaged_list_store_is_said_with_what_to_do_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each command that meets it says what to do, as the Screening tab does, in a command's
    words: the line named the file alone, so the user was left to guess how to mend it."""
    from rrisk.cli import main
    from rrisk.model import parse_assessment
    from rrisk.screening.listfile import damaged_store_help
    from rrisk.screening.store import STORE_FILE

    mend = damaged_store_help(command_line=True)
    assert mend.startswith("delete that file (or move it aside) and import the lists again")
    assert "rrisk lists import" in mend
    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    table = tmp_path / "other.csv"
    table.write_text("id,schema,name\nx1,Company,Acme Mining\n", encoding="utf-8")
    assert main(["lists", "import", str(table), "--name", "watch"]) == 0
    damaged_store = tmp_path / "data" / STORE_FILE
    data = bytearray(damaged_store.read_bytes())
    data[4096:] = bytes((byte * 7 + 13) & 0xFF for byte in data[4096:])
    damaged_store.write_bytes(bytes(data))
    path = tmp_path / "plain.rrisk"
    projects = [{"id": "b", "name": "Beta", "counterparties": ["Acme Mining 7 Ltd"]}]
    document = parse_assessment({"title": "Plain", "projects": projects})
    document.screening.list_name = "watch"
    save(document, path)
    capsys.readouterr()
    for command in (
        ["lists"],
        ["lists", "import", str(table)],
        ["lists", "remove", "watch"],
        ["screen", str(path), "--list", "watch"],
    ):
        assert main(command) == 1, command
        said = capsys.readouterr().err
        assert said.startswith(f"rrisk: {damaged_store}: the list "), said
        assert said.endswith(f"; {mend}\n") and said.count(mend) == 1, said
        assert said.count("\n") == 1
    # Passed over, with what to do: in the check's note, and where screen takes the bundled list.
    main(["check", str(path)])
    out = capsys.readouterr().out
    note = next(line for line in out.splitlines() if line.startswith("note: screening:"))
    assert note.endswith(f"; {mend}") and out.count(mend) == 1, out
    assert main(["screen", str(path)]) == 0
    said = capsys.readouterr().err
    assert said.startswith("rrisk: the document records screening against watch, which ")
    assert said.endswith(f"; {mend}\n") and said.count(mend) == 1, said


def test_a_damaged_list_store_is_said_in_the_stores_words(
    damaged_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Cut short, not a database, other tables, or an older store whose names cannot be
    read (met as rrisk screen asked whether it was to be indexed again): one line naming the
    file, exit 1, as the store says it."""
    from rrisk.cli import main
    from rrisk.model import parse_assessment

    path = tmp_path / "plain.rrisk"
    projects = [{"id": "b", "name": "Beta", "counterparties": ["Acme Mining 7 Ltd"]}]
    save(parse_assessment({"title": "Plain", "projects": projects}), path)
    capsys.readouterr()
    assert main(["screen", str(path), "--list", "watch"]) == 1
    said = capsys.readouterr().err.splitlines()
    assert said[-1].startswith(f"rrisk: {damaged_store}: the list store cannot be opened (")
    assert "Traceback" not in "\n".join(said)


def test_screen_without_list_screens_on_the_list_the_document_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`rrisk check` and the memo go by the recorded list; `rrisk screen` took the bundled
    one, so a document screened on an imported list showed other hits, and its decisions as
    recorded ones "not on this list"."""
    from rrisk.cli import main
    from rrisk.screening.listfile import damaged_store_help

    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    document = new_from_template("russia-rare-earths")
    path = tmp_path / "case.rrisk"

    def screened(recorded: str) -> tuple[dict, str]:
        document.screening.list_name = recorded
        save(document, path)
        assert main(["screen", str(path), "--format", "json"]) == 0
        out, err = capsys.readouterr()
        return json.loads(out), err

    # Never screened, or screened on the bundled list: the bundled list, nothing said.
    for recorded in ("", "RRisk-Template "):
        payload, err = screened(recorded)
        assert (payload["list"]["name"], err) == ("rrisk-template", "")
    # An imported list this computer does not hold (a colleague's): the bundled list, said.
    payload, err = screened("DRC watch list")
    assert payload["list"]["name"] == "rrisk-template"
    assert err == (
        "rrisk: the document records screening against DRC watch list, which this computer's "
        "list store does not hold: screening against the bundled list rrisk-template "
        "(decisions on DRC watch list show as recorded)\n"
    )
    # Held here (its name in any case or spacing): that list, said.
    listing = tmp_path / "drc.csv"
    listing.write_text(
        "id,schema,name,sanctions\nw1,Company,Rosneft,US OFAC SDN - designated\n",
        encoding="utf-8",
    )
    assert main(["lists", "import", str(listing), "--name", "drc watch list"]) == 0
    capsys.readouterr()
    payload, err = screened(" DRC Watch List")
    assert payload["list"]["name"] == "drc watch list"
    assert err == "rrisk: screening against drc watch list, the list the document records\n"
    hits = [hit for p in payload["projects"] for c in p["counterparties"] for hit in c["hits"]]
    assert {hit["entry_id"] for hit in hits} == {"w1"}
    # --list still chooses, and says nothing more.
    assert main(["screen", str(path), "--list", "rrisk-template", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert (json.loads(out)["list"]["name"], err) == ("rrisk-template", "")
    # A store that cannot be read: the bundled list, and why (the command failed, which it
    # did not when it screened the bundled list whatever the document recorded).
    store = tmp_path / "data" / "screening.sqlite3"
    store.write_bytes(store.read_bytes()[:3000])
    payload, err = screened("DRC watch list")
    assert payload["list"]["name"] == "rrisk-template"
    assert err.startswith(
        "rrisk: the document records screening against DRC watch list, which this computer's "
        f"list store cannot be read ({store}: the list store cannot be opened ("
    )
    assert err.endswith(
        "screening against the bundled list rrisk-template "
        f"(decisions on DRC watch list show as recorded); {damaged_store_help(command_line=True)}\n"
    )


@pytest.mark.parametrize(
    ("arguments", "command"),
    [
        (["diff", "case.rrisk", "case.rrisk", "-o", "x"], "rrisk diff"),
        (["score", "case.rrisk", "--bogus"], "rrisk score"),
        (["lists", "import", "list.csv", "--bogus"], "rrisk lists import"),
        (["lists", "--bogus"], "rrisk lists"),
    ],
)
def test_an_unknown_option_is_said_by_its_commands_usage(
    arguments: list[str], command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """It was said under 'usage: rrisk [-h] [--version] COMMAND ...' as 'rrisk: error',
    which shows none of the options the command does take."""
    from rrisk.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(arguments)
    assert stopped.value.code == 2
    usage, *_rest, error = capsys.readouterr().err.splitlines()
    assert usage.startswith(f"usage: {command} [-h]")
    assert error.startswith(f"{command}: error: unrecognized arguments: ")


def test_an_import_into_a_store_damaged_past_its_first_pages_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A store whose lists read but whose entries do not (a disk error late in the file):
    `rrisk lists import` said "the list was not stored (database disk image is malformed)"
    alone, where `rrisk lists` says what to do about a damaged store."""
    from rrisk.cli import main
    from rrisk.screening.listfile import damaged_store_help
    from rrisk.screening.store import STORE_FILE, ListStore

    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    table = tmp_path / "watch.csv"
    rows = "".join(f"x{i},Company,Company{i} Trading\n" for i in range(3000))
    table.write_text("id,schema,name\n" + rows, encoding="utf-8")
    assert main(["lists", "import", str(table), "--name", "watch"]) == 0
    stored = tmp_path / "data" / STORE_FILE
    data = stored.read_bytes()
    half = len(data) // 2 // 4096 * 4096  # the lists are on the first pages, the entries after
    stored.write_bytes(data[:half] + b"\xff" * (len(data) - half))
    with ListStore() as store:
        assert store.info("watch") is not None  # it opens, and its lists read
    capsys.readouterr()
    assert main(["lists", "import", str(table), "--name", "other"]) == 1
    said = capsys.readouterr().err
    mend = damaged_store_help(command_line=True)
    assert said == (
        f"rrisk: {stored}: the list was not stored (database disk image is malformed); {mend}\n"
    )
    assert stored.read_bytes()[:half] == data[:half]  # nothing written
