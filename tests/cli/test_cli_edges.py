"""Edges of the command line: optional options, odd numbers, files that are not files."""

from __future__ import annotations

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


@pytest.mark.parametrize("seed", ["-1", "2147483648", "99999999999999999999999"])
def test_a_seed_out_of_range_is_one_line(case: Path, seed: str) -> None:
    result = rrisk("analyze", str(case), "--runs", "200", "--seed", seed)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "seed must be between 0 and 2,147,483,647" in result.stderr


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
        assert "Low" not in tomtor and "—" in tomtor


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
