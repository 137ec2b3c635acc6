"""The README's examples and exit codes are what the commands print and return (the ``rrisk
diff`` example up to where it elides)."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def _example() -> tuple[list[list[str]], list[str]]:
    """The example's commands and the output lines it shows before its first ``…``."""
    text = README.read_text(encoding="utf-8")
    block = text.split("$ rrisk new --template russia-rare-earths-2025-06", 1)[1]
    block = "$ rrisk new --template russia-rare-earths-2025-06" + block.split("```", 1)[0]
    commands, shown = [], []
    for line in block.splitlines():
        if line.startswith("$ "):
            commands.append(shlex.split(line[2:]))
        elif line.strip() == "…":
            break
        else:
            shown.append(line)
    return commands, shown


def test_the_diff_example_prints_what_the_readme_shows(tmp_path: Path) -> None:
    commands, shown = _example()
    assert [c[:2] for c in commands] == [["rrisk", "new"], ["rrisk", "new"], ["rrisk", "diff"]]
    output = ""
    for command in commands:
        result = subprocess.run(
            [sys.executable, "-m", "rrisk", *command[1:]],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
        assert result.returncode in (0, 1), result.stderr  # diff: 0 even when they differ
        output = result.stdout
    assert len(shown) > 20
    assert [line.rstrip() for line in output.splitlines()[: len(shown)]] == [
        line.rstrip() for line in shown
    ]


def _exit_codes() -> str:
    """The README's paragraph of the command line's exit codes."""
    text = README.read_text(encoding="utf-8")
    return text.split("Exit codes: `0` success", 1)[1].split("\n\n", 1)[0]


def test_ctrl_c_ends_a_command_as_the_readmes_exit_codes_say(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every command stops on Ctrl+C with exit 130 and one line: the exit codes say so."""
    import rrisk.cli

    codes = " ".join(_exit_codes().split())
    assert "`130` stopped by Ctrl+C" in codes
    line = codes.split("`130` stopped by Ctrl+C", 1)[1].split("`")[1]

    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(rrisk.cli, "_cmd_templates", interrupted)
    assert rrisk.cli.main(["templates"]) == 130
    assert capsys.readouterr().err == f"{line}\n"


def test_the_checks_json_targets_are_those_the_readme_describes(tmp_path: Path) -> None:
    """Every `target` of `rrisk check --format json` is of a kind, and has keys, that the
    README's description of the JSON names (it left out `document` with its `field` and
    `screening` with its `project`, which most warnings of a new document carry)."""
    import json

    text = README.read_text(encoding="utf-8")
    described = text.split("each problem with `severity`", 1)[1].split("`rrisk memo` prints", 1)[0]
    targets = []
    for template, name in (("blank", "blank.rrisk"), ("russia-rare-earths-2025-06", "june.rrisk")):
        made = subprocess.run(
            [sys.executable, "-m", "rrisk", "new", "--template", template, "-o", name],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
        assert made.returncode == 0, made.stderr
        checked = subprocess.run(
            [sys.executable, "-m", "rrisk", "check", name, "--format", "json"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
        targets += [problem["target"] for problem in json.loads(checked.stdout)["problems"]]
    kinds = {target["kind"] for target in targets if target}
    assert {"document", "screening", "text", "project", "criterion"} <= kinds
    for target in targets:
        if not target:
            assert "`{}`" in described
            continue
        assert f"`{target['kind']}`" in described, target
        assert all(f"`{key}`" in described for key in target if key != "kind"), target
