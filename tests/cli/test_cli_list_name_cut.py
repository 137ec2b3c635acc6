"""A list's name quoted in a message is cut at one length everywhere (LIST_NAME_SHOWN): a
name of a thousand characters given to ``rrisk lists remove`` was quoted to 600 characters,
which ended the message before the lists it names (``rrisk screen --list`` cut it at 200)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rrisk.cli import main
from rrisk.screening.decisions import LIST_NAME_SHOWN


def test_a_long_name_for_lists_remove_leaves_the_rest_of_the_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    listing = tmp_path / "o.csv"
    listing.write_text("id,name\no1,Acme Mining\n", encoding="utf-8")
    assert main(["lists", "import", str(listing), "--name", "eu", "--as-of", "2025-01-01"]) == 0
    capsys.readouterr()
    assert main(["lists", "remove", "u" + "k" * 1000]) == 1
    err = capsys.readouterr().err
    assert err.startswith("rrisk: no imported list named 'uk") and err.count("\n") == 1
    assert err.endswith(
        "(imported lists: 'eu'; the bundled list 'rrisk-template' cannot be removed)\n"
    )
    quoted = err.split("'")[1]
    assert len(quoted) == LIST_NAME_SHOWN and quoted.endswith("…")


def test_a_long_name_for_screen_is_cut_at_the_same_length(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from rrisk.fileformat import save
    from rrisk.templates import new_from_template

    path = tmp_path / "case.rrisk"
    save(new_from_template("russia-rare-earths"), path)
    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    listing = tmp_path / "o.csv"
    listing.write_text("id,name\no1,Acme Mining\n", encoding="utf-8")
    assert main(["lists", "import", str(listing), "--name", "a, b", "--as-of", "2025-01-01"]) == 0
    capsys.readouterr()
    assert main(["screen", str(path), "--list", "w" * 1000]) == 1
    err = capsys.readouterr().err
    assert len(err.split("'")[1]) == LIST_NAME_SHOWN
    # The imported lists quoted, as lists remove quotes them (a name may hold a comma).
    assert err.endswith("(imported lists: 'a, b'; the bundled list is 'rrisk-template')\n")
