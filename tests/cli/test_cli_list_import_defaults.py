"""``rrisk lists import FILE`` says on stderr what it took by default (the name from the file,
no as-of date) and how to set it; given both, it says nothing more."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import rrisk


def _listing(tmp_path: Path) -> Path:
    listing = tmp_path / "ofac-2025.csv"
    listing.write_text("id,schema,name,aliases\nx1,Company,Acme Mining,\n", encoding="utf-8")
    return listing


def test_an_import_with_defaults_says_the_name_and_date_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    result = rrisk("lists", "import", str(_listing(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ofac-2025: 1 entry, as of not given\n"
    assert result.stderr == (
        "rrisk: note: the list is named 'ofac-2025' after its file; give another with --name\n"
        "rrisk: note: no as-of date is recorded for the list, so a memo cannot say how current "
        "it was; give the date it was published with --as-of YYYY-MM-DD (import it again to "
        "add one)\n"
    )


def test_an_import_given_its_name_and_date_says_nothing_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    listing = _listing(tmp_path)
    result = rrisk("lists", "import", str(listing), "--name", "ofac", "--as-of", "2025-06-30")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == "ofac: 1 entry, as of 2025-06-30\n"
    named = rrisk("lists", "import", str(listing), "--name", "ofac")  # the date alone missing
    assert "named" not in named.stderr and "--as-of YYYY-MM-DD" in named.stderr
