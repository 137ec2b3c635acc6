"""The ``rrisk memo`` command: registration through the entry point and its behaviour."""

from __future__ import annotations

import argparse
from importlib.metadata import entry_points

import pytest
from pdfread import ReadMemo

from reports.cli import register, run_memo
from reports.memo import build_memo
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
