"""The ``rrisk memo`` command: registration through the entry point and its behaviour."""

from __future__ import annotations

import argparse
import subprocess
import sys
from importlib.metadata import entry_points

import pytest
from pdfread import ReadMemo

from reports.cli import register, run_memo
from reports.memo import build_memo, write_memo
from rrisk import fileformat
from rrisk.errors import FileFormatError, RRiskError, ScenarioError


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rrisk")
    register(parser.add_subparsers(dest="command"))
    return parser


@pytest.fixture
def case_file(memo_document, tmp_path):
    path = tmp_path / "case.rrisk"
    fileformat.save(memo_document, path)
    return path


def test_entry_point_declares_the_command():
    found = {e.name: e.value for e in entry_points(group="rrisk.commands")}
    assert found.get("memo") == "reports.cli:register"


def test_the_command_lines_own_plug_ins_are_the_declared_entry_points():
    from rrisk.cli import OWN_PLUGINS

    found = {e.name: e.value for e in entry_points(group="rrisk.commands")}
    assert {name: found.get(name) for name in OWN_PLUGINS} == {
        name: f"{module}:register" for name, module in OWN_PLUGINS.items()
    }


def test_rrisk_memo_registers_its_command_without_scanning_entry_points(tmp_path):
    # The scan imports importlib.metadata and reads every installed package (~70 ms);
    # `rrisk memo` names RRisk's own plug-in, registered from its module.
    script = (
        "import sys\n"
        "from rrisk import cli\n"
        "assert cli.main(['memo', 'missing.rrisk', '-o', sys.argv[1]]) == 1\n"
        "assert 'importlib.metadata' not in sys.modules\n"
        "try:\n"
        "    cli.main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "assert 'importlib.metadata' in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "m.pdf")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "missing.rrisk" in done.stderr
    assert "memo" in done.stdout  # the full help still lists the plug-in commands


def test_memo_command_writes_the_pdf(case_file, memo_document, tmp_path, capsys):
    output = tmp_path / "memo.pdf"
    args = make_parser().parse_args(["memo", str(case_file), "-o", str(output)])
    assert args.handler is run_memo
    assert args.handler(args) == 0
    assert capsys.readouterr().out.strip() == str(output)
    assert output.read_bytes() == build_memo(memo_document)


def test_memo_command_with_scenario(case_file, tmp_path):
    output = tmp_path / "eased.pdf"
    args = make_parser().parse_args(
        ["memo", str(case_file), "--output", str(output), "--scenario", "Sanctions eased"]
    )
    assert run_memo(args) == 0
    assert "Sanctions eased" in ReadMemo(output.read_bytes()).pages[0]


def test_unknown_scenario_is_a_user_error(case_file, tmp_path):
    args = make_parser().parse_args(
        ["memo", str(case_file), "-o", str(tmp_path / "x.pdf"), "--scenario", "nope"]
    )
    with pytest.raises(ScenarioError):
        run_memo(args)
    assert not (tmp_path / "x.pdf").exists()


def test_bad_input_file_is_a_user_error(tmp_path):
    bad = tmp_path / "bad.rrisk"
    bad.write_bytes(b"not a zip")
    args = make_parser().parse_args(["memo", str(bad), "-o", str(tmp_path / "x.pdf")])
    with pytest.raises(FileFormatError) as error:
        run_memo(args)
    assert isinstance(error.value, RRiskError)


def test_output_is_required(case_file):
    with pytest.raises(SystemExit) as exit_info:
        make_parser().parse_args(["memo", str(case_file)])
    assert exit_info.value.code == 2


# -- the command run as a user runs it --------------------------------------------------------


def rrisk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rrisk", *args], capture_output=True, text=True, encoding="utf-8"
    )


@pytest.mark.parametrize("same", ["{case}", "{folder}/./case.rrisk"])
def test_output_that_is_the_input_is_refused(case_file, same):
    before = case_file.read_bytes()
    output = same.format(case=case_file, folder=case_file.parent)
    run = rrisk("memo", str(case_file), "-o", output, "--force")
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1
    assert "the assessment itself" in run.stderr
    assert case_file.read_bytes() == before
    assert fileformat.load(case_file).title  # still a readable assessment


def test_output_must_be_a_pdf(case_file, tmp_path):
    run = rrisk("memo", str(case_file), "-o", str(tmp_path / "memo.txt"))
    assert run.returncode == 1
    assert (
        run.stderr.strip()
        == f"rrisk: {tmp_path / 'memo.txt'}: the memo is a PDF or a Word document (got a .txt "
        "file; name the output memo.pdf or memo.docx)"
    )
    assert not (tmp_path / "memo.txt").exists()


def test_output_with_a_trailing_space_is_refused_naming_it_without(case_file, tmp_path):
    run = rrisk("memo", str(case_file), "-o", str(tmp_path / "memo.docx "))
    assert run.returncode == 1
    # It suggested "memo.docx .pdf or memo.docx .docx", then said it "got a .docx  file"
    # beside the name memo.docx to give.
    assert run.stderr.strip().endswith(
        "(got a .docx file, with spaces or dots around its name; "
        "name the output memo.pdf or memo.docx)"
    )
    assert not list(tmp_path.glob("memo*"))


def test_existing_output_needs_force(case_file, tmp_path):
    output = tmp_path / "memo.pdf"
    output.write_bytes(b"an earlier memo")
    run = rrisk("memo", str(case_file), "-o", str(output))
    assert run.returncode == 1
    assert "already exists (use --force to overwrite)" in run.stderr
    assert output.read_bytes() == b"an earlier memo"
    run = rrisk("memo", str(case_file), "-o", str(output), "--force")
    assert run.returncode == 0, run.stderr
    assert ReadMemo(output.read_bytes()).pages[0]


def test_empty_output_is_misuse(case_file):
    run = rrisk("memo", str(case_file), "-o", "")
    assert run.returncode == 2
    assert run.stderr.startswith("usage: rrisk memo")
    assert "the output path is empty" in run.stderr


def test_write_memo_itself_still_overwrites(memo_document, tmp_path):
    # The desktop asks its own overwrite question, then calls write_memo.
    output = tmp_path / "memo.pdf"
    output.write_bytes(b"an earlier memo")
    write_memo(memo_document, output)
    assert output.read_bytes() == build_memo(memo_document)


def test_the_warnings_of_characters_speak_of_the_format_written(memo_document, tmp_path, capsys):
    """Word sets the Word memo's text itself (its fonts): of a .docx only the names its
    charts draw, which are pictures, are warned of, and said so; of a PDF, all. Hebrew and
    Arabic print (joined, right to left) in both: never warned of."""
    memo_document.projects[0].name += " 🚀 שלום"
    memo_document.projects[0].description += " مرحبا ✈\U0001f6e9"
    memo_document.criteria[0].name += " عربي"
    memo_document.summary += " 🛰 עברית"
    case = tmp_path / "case.rrisk"
    fileformat.save(memo_document, case)

    def warned(output: str) -> list[str]:
        args = make_parser().parse_args(["memo", str(case), "-o", str(tmp_path / output)])
        assert run_memo(args) == 0
        lines = capsys.readouterr().err.splitlines()
        assert not [line for line in lines if "reversed" in line or "U+05" in line]
        return [line for line in lines if "boxes" in line]

    pdf = warned("memo.pdf")
    assert [line.split(": ")[2] for line in pdf] == [
        "summary",
        "project 'tomtor' “Томтор (Якутия) 🚀 שלום”",
    ]
    assert (
        "the memo's fonts cannot draw “🚀” (U+1F680), “\U0001f6e9” (U+1F6E9) in name and " in pdf[1]
    )
    word = warned("memo.docx")
    assert [line.split(": ")[2] for line in word] == ["project 'tomtor' “Томтор (Якутия) 🚀 שלום”"]
    assert all("the Word memo's charts are pictures" in line for line in word)
    assert "“🚀” (U+1F680) in name would show as empty boxes in them" in word[0]
    assert "U+1F6E9" not in word[0]  # the description is Word's
