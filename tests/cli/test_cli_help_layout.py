"""`rrisk --help` keeps each command's name on the line of its help ('templates' was put
on a line of its own), and the commands write one argument alike in every usage line:
``--scenario NAME`` (``rrisk memo`` said NAME, five others SCENARIO) and ``FILE``."""

from __future__ import annotations

import re

import pytest

from rrisk.cli import main

COMMANDS = [
    [],
    ["new"],
    ["validate"],
    ["score"],
    ["analyze"],
    ["export"],
    ["import"],
    ["diff"],
    ["check"],
    ["review"],
    ["lists", "import"],
    ["lists", "remove"],
    ["screen"],
    ["memo"],
]


def _help(capsys: pytest.CaptureFixture[str], command: list[str]) -> str:
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("columns", ["60", "80", "120"])
def test_every_command_name_shares_the_line_of_its_help(
    columns: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    said = _help(capsys, [])
    listed = said.split("  COMMAND\n", 1)[1].split("\n\n", 1)[0].splitlines()
    names = [line.split()[0] for line in listed if re.match(r" {4}\S", line)]
    assert "templates" in names and "memo" in names
    for line in listed:
        if re.match(r" {4}\S", line):
            assert re.fullmatch(r" {4}\S+ {2,}\S.*", line), f"'{line.strip()}' alone on its line"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: " ".join(command) or "rrisk")
def test_each_argument_is_written_alike_in_every_usage(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    usage = _help(capsys, command).split("\n\n", 1)[0]
    if "--scenario" in usage:
        assert "[--scenario NAME]" in usage
    assert not re.search(r" (file|table|name)\b", usage), usage


def test_a_missing_file_names_it_as_the_usage_does(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["score"])
    assert exited.value.code == 2
    assert capsys.readouterr().err.endswith(
        "rrisk score: error: the following arguments are required: FILE\n"
    )
