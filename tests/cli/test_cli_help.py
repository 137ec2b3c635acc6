"""Every command's --help explains each of its arguments, and says what may be left out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rrisk.cli import main

COMMANDS = [
    ["templates"],
    ["new"],
    ["validate"],
    ["score"],
    ["analyze"],
    ["export"],
    ["import"],
    ["diff"],
    ["check"],
    ["review"],
    ["lists"],
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


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_argument_of_every_command_is_explained(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The file of validate, score, analyze, export, check, review and screen, and the
    --format of five of them, were listed bare, with no word of what they take."""
    said = _help(capsys, command)
    body = said.split("positional arguments:", 1)[-1].split("options:", 1)
    listed = body[0].splitlines() + (body[1].splitlines() if len(body) > 1 else [])
    for index, line in enumerate(listed):
        argument = re.fullmatch(r"  (\S.*?)(?:\s{2,}(\S.*))?", line)
        if argument is None or argument.group(2):
            continue
        following = listed[index + 1] if index + 1 < len(listed) else ""
        explained = re.match(r" {4,}\S", following) is not None
        assert explained, f"'{argument.group(1)}' has no help in 'rrisk {' '.join(command)}'"


def test_lists_usage_shows_its_action_may_be_left_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _help(capsys, ["lists"]).startswith("usage: rrisk lists [-h] [ACTION ...]\n")
    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    assert main(["lists"]) == 0  # (as it says)
    assert "--as-of YYYY-MM-DD" in _help(capsys, ["lists", "import"])
    assert "--list NAME" in _help(capsys, ["screen"])


def test_screen_with_a_list_no_store_holds_makes_no_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistyped --list on a computer where no list was ever imported made an empty list
    store (and, in a data folder that cannot be written, said that instead of the name)."""
    from rrisk.fileformat import save
    from rrisk.templates import new_from_template

    path = tmp_path / "case.rrisk"
    save(new_from_template("russia-rare-earths"), path)
    for data in (tmp_path / "data", tmp_path / "a-file" / "data"):
        (tmp_path / "a-file").write_text("not a folder")
        monkeypatch.setenv("RRISK_DATA_DIR", str(data))
        assert main(["screen", str(path), "--list", "ofca"]) == 1
        assert capsys.readouterr().err == (
            "rrisk: no list named 'ofca' (imported lists: none; the bundled list is "
            "'rrisk-template')\n"
        )
        assert not data.exists()


def test_a_long_list_name_no_store_holds_leaves_the_rest_of_the_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A --list of a thousand characters (a paste gone wrong) was given whole, and the
    message clipped at its end lost the imported lists and the bundled list's name; the name
    is cut as the messages beside it cut theirs, on one line."""
    from rrisk.fileformat import save
    from rrisk.templates import new_from_template

    path = tmp_path / "case.rrisk"
    save(new_from_template("russia-rare-earths"), path)
    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    assert main(["screen", str(path), "--list", "of\nca" + "x" * 1000]) == 1
    err = capsys.readouterr().err
    assert err.startswith("rrisk: no list named 'of\\x0aca") and err.count("\n") == 1
    assert err.endswith("(imported lists: none; the bundled list is 'rrisk-template')\n")
