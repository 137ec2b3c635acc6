"""What a command answers when its output stops early, fails or is closed, and how it reads
spellings of its options that a user types (a scenario's name with a decomposed accent, a
thousands comma, an output path that names a folder)."""

from __future__ import annotations

import io
import sys
import unicodedata
from pathlib import Path

import pytest

from rrisk.cli import main
from rrisk.fileformat import load, save


class _Closing(io.StringIO):
    """A standard output whose reader has gone (``| head -1``) or whose disk is full."""

    def __init__(self, error: type[OSError]) -> None:
        super().__init__()
        self.error = error

    def write(self, text: str) -> int:
        raise self.error(28, "No space left on device")


def _undated(small_file: Path, tmp_path: Path) -> Path:
    document = load(small_file)
    document.as_of = ""  # the check's error: no as-of date
    path = tmp_path / "undated.rrisk"
    save(document, path)
    return path


@pytest.mark.parametrize("form", ["table", "json"])
def test_check_answers_with_its_exit_code_when_its_reader_stops_early(
    small_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    """`rrisk check FILE | head -1` exited 0 on a document with errors: a CI gate passed it."""
    undated = _undated(small_file, tmp_path)
    monkeypatch.setattr(sys, "stdout", _Closing(BrokenPipeError))
    assert main(["check", str(undated), "--format", form]) == 1
    document = load(small_file)
    document.as_of = "2025-01-01"
    dated = tmp_path / "dated.rrisk"
    save(document, dated)
    assert main(["check", str(dated), "--format", form]) == 0


def test_diff_exit_code_is_its_answer_when_its_reader_stops_and_2_when_it_cannot_print(
    small_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = load(small_file)
    document.cells["allied"]["cost"].likelihood = 4
    changed = tmp_path / "changed.rrisk"
    save(document, changed)
    monkeypatch.setattr(sys, "stdout", _Closing(BrokenPipeError))
    assert main(["diff", str(small_file), str(changed), "--exit-code", "--format", "csv"]) == 1
    assert main(["diff", str(small_file), str(small_file), "--exit-code"]) == 0
    monkeypatch.setattr(sys, "stdout", _Closing(OSError))  # a full disk: "could not compare"
    assert main(["diff", str(small_file), str(small_file), "--exit-code"]) == 2


def test_a_closed_standard_output_is_said_in_one_line_never_a_traceback(
    small_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", None)  # what Python sets when started with >&-
    assert main(["score", str(small_file), "--format", "json"]) == 2
    assert capsys.readouterr().err == "rrisk: standard output is closed; nothing was done\n"


def test_a_closed_standard_error_does_not_stop_the_command(
    small_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stderr", None)  # started with 2>&-
    assert main(["analyze", str(small_file), "--runs", "1000", "--format", "json"]) == 0
    assert '"runs": 1000' in capsys.readouterr().out


def test_work_done_stays_done_when_its_confirmation_cannot_be_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`rrisk new -o n.rrisk >/dev/full` wrote the file and exited 1, "could not be written":
    run again, it then found the file "already exists"."""
    output = tmp_path / "n.rrisk"
    monkeypatch.setattr(sys, "stdout", _Closing(OSError))
    assert main(["new", "--template", "russia-rare-earths", "-o", str(output)]) == 0
    assert output.exists()
    assert "(standard output could not be written)" in capsys.readouterr().err


def test_a_scenario_named_with_a_decomposed_accent_is_found(
    small_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = load(small_file)
    document.scenarios[0].name = "Coûts  réduits"
    path = tmp_path / "accents.rrisk"
    save(document, path)
    typed = unicodedata.normalize("NFD", "coûts réduits")
    assert main(["score", str(path), "--scenario", typed, "--format", "json"]) == 0
    assert '"scenario": "Coûts  réduits"' in capsys.readouterr().out


def test_a_name_with_a_line_break_or_a_tab_keeps_its_row_in_the_tables(
    small_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = load(small_file)
    document.projects[0].name = "Tomtor\nnorth"
    document.projects[1].name = "Allied\tplant"
    path = tmp_path / "breaks.rrisk"
    save(document, path)
    for command in (["score", str(path)], ["analyze", str(path), "--runs", "1000"]):
        assert main(command) == 0
        lines = capsys.readouterr().out.splitlines()
        assert any("Tomtor north" in line for line in lines)
        assert any("Allied plant" in line for line in lines)
        assert not any(line.startswith("north") for line in lines)


@pytest.mark.parametrize("output", ["", "  ", "matrix.csv/", "existing-folder"])
def test_an_empty_output_or_one_naming_a_folder_is_misuse(
    small_file: Path,
    tmp_path: Path,
    output: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "existing-folder").mkdir()
    with pytest.raises(SystemExit) as stopped:
        main(["export", str(small_file), "-o", output])
    assert stopped.value.code == 2
    assert "argument -o/--output" in capsys.readouterr().err
    assert not (Path.cwd() / "matrix.csv").exists()


def test_add_new_without_into_is_misuse(
    small_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "m.csv"
    assert main(["export", str(small_file), "-o", str(table)]) == 0
    output = tmp_path / "new.rrisk"
    assert main(["import", str(table), "-o", str(output), "--add-new"]) == 2
    assert "--add-new goes with --into" in capsys.readouterr().err
    assert not output.exists()


@pytest.mark.parametrize("base", ["", " "])
def test_an_empty_into_is_misuse_not_a_new_assessment(
    small_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], base: str
) -> None:
    # As typed with an unset variable (--into "$BASE"): it read as no --into, and the table
    # alone was made a new assessment, without the base's sources, scenarios and decisions.
    table = tmp_path / "m.csv"
    assert main(["export", str(small_file), "-o", str(table)]) == 0
    output = tmp_path / "updated.rrisk"
    with pytest.raises(SystemExit) as stopped:
        main(["import", str(table), "--into", base, "-o", str(output)])
    assert stopped.value.code == 2
    assert "argument --into: the path is empty" in capsys.readouterr().err
    assert not output.exists()


@pytest.mark.parametrize(("typed", "seed"), [("10,000", 10000), ("1,234,567", 1234567)])
def test_a_seed_takes_thousands_commas_only_where_they_go(
    small_file: Path, typed: str, seed: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["analyze", str(small_file), "--runs", "1000", "--seed", typed, "--format", "json"])
        == 0
    )
    assert f'"seed": {seed}' in capsys.readouterr().out
    with pytest.raises(SystemExit) as stopped:
        main(["analyze", str(small_file), "--seed", "1,5"])
    assert stopped.value.code == 2


def test_the_memo_names_a_missing_folder_before_building(
    small_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "nowhere" / "memo.pdf"
    assert main(["memo", str(small_file), "-o", str(output)]) == 1
    assert f"{output.parent}: no such folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("command", "name", "what"),
    [
        ("new", "case.rrisk", "the assessment"),
        ("export", "matrix.xlsx", "the table"),
        ("import", "case.rrisk", "the assessment"),
    ],
)
def test_every_output_in_a_missing_folder_is_named_as_the_memos_is(
    small_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    name: str,
    what: str,
) -> None:
    """new, export and import said '/abs/nowhere/case.rrisk: cannot write in /abs/nowhere
    (No such file or directory)' once their work was done (a large table read, a workbook
    built), where the memo says the folder first."""
    table = tmp_path / "matrix.csv"
    assert main(["export", str(small_file), "-o", str(table)]) == 0
    capsys.readouterr()
    output = tmp_path / "nowhere" / name
    given = {"new": [], "export": [str(small_file)], "import": [str(table)]}[command]
    assert main([command, *given, "-o", str(output)]) == 1
    assert capsys.readouterr().err == (
        f"rrisk: {output.parent}: no such folder; create it or write {what} elsewhere\n"
    )
    file = tmp_path / "file"
    file.write_text("", encoding="utf-8")
    assert main([command, *given, "-o", str(file / name)]) == 1
    assert capsys.readouterr().err == (
        f"rrisk: {file}: is a file, not a folder; write {what} elsewhere\n"
    )


def test_messages_that_cannot_be_printed_change_no_work_and_no_answer(
    small_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rrisk memo case.rrisk -o memo.pdf 2>&1 | head -1` exited 0 and wrote no memo: its first
    warning met the closed pipe, which read as a reader of the output stopping early; and
    `rrisk diff --exit-code` of two unrelated files answered 0, "the same", the same way."""
    monkeypatch.setattr(sys, "stderr", _Closing(BrokenPipeError))
    memo = tmp_path / "memo.pdf"
    assert main(["memo", str(small_file), "-o", str(memo)]) == 0  # (warnings: no summary, …)
    assert memo.exists()
    strict = tmp_path / "strict.pdf"
    assert main(["memo", str(small_file), "-o", str(strict), "--strict"]) == 1  # no as-of date
    assert not strict.exists()
    other = tmp_path / "other.rrisk"
    assert main(["new", "-o", str(other)]) == 0
    assert main(["diff", str(small_file), str(other), "--exit-code", "--format", "json"]) == 1
    missing = str(tmp_path / "missing.rrisk")
    assert main(["diff", str(small_file), missing, "--exit-code"]) == 2
    monkeypatch.setattr(sys, "stderr", _Closing(OSError))  # a full disk under the messages
    table = tmp_path / "m.csv"
    assert main(["export", str(small_file), "-o", str(table)]) == 0
    imported = tmp_path / "imported.rrisk"
    assert main(["import", str(table), "-o", str(imported)]) == 0  # its note not printed
    assert imported.exists()


def test_ctrl_c_while_the_options_are_read_is_an_interruption_not_a_traceback(
    small_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl+C in the half second `rrisk analyze` takes to import what reads --runs printed a
    traceback and ended by the signal, not with exit 130 and one line."""
    import rrisk.cli

    def interrupted(text: str) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(rrisk.cli, "runs_option", interrupted)
    try:
        code = main(["analyze", str(small_file), "--runs", "1000"])
    except KeyboardInterrupt:
        pytest.fail("the interruption came out as a traceback")
    assert code == 130
    assert capsys.readouterr().err == "rrisk: interrupted\n"


def test_a_misuse_whose_message_cannot_be_printed_is_still_exit_2(
    small_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rrisk review FILE 2>&1 | head -0` answered 0, as if the texts had been marked: the
    usage error met the closed pipe, which read as a reader of the output stopping early."""
    monkeypatch.setattr(sys, "stderr", _Closing(BrokenPipeError))
    assert main(["review", str(small_file)]) == 2
    assert main(["review", str(small_file), "--all", "summary"]) == 2
    table = tmp_path / "m.csv"
    assert main(["export", str(small_file), "-o", str(table)]) == 0
    output = str(tmp_path / "out.rrisk")
    assert main(["import", str(table), "-o", output, "--add-new"]) == 2


def test_an_unavailable_command_said_on_a_closed_stderr_stops_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A command of an optional part that cannot be imported is said on stderr; with the
    reader of stderr gone (`2>&1 | head -1`) that line ended the command in a traceback."""
    import importlib.metadata

    class Broken:
        name = "broken"

        def load(self) -> None:
            raise ImportError("No module named 'broken_part'")

    def entry_points(group: str) -> list[Broken]:
        return [Broken()] if group == "rrisk.commands" else []

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    monkeypatch.setattr(sys, "stderr", _Closing(BrokenPipeError))
    with pytest.raises(SystemExit) as ended:  # the help, then the end as argparse ends it
        main(["--help"])  # every command's entry points read, the broken one's too
    assert ended.value.code == 0
    assert "score" in capsys.readouterr().out
