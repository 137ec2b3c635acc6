"""`rrisk score` and `rrisk analyze` CSV: coverage and probabilities are numbers a spreadsheet
sorts and sums (0–1, the JSON's figures), not text such as "67%", "<1%" or ">99%"."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from rrisk.cli import main
from rrisk.fileformat import save
from rrisk.model import parse_assessment


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_score_csv_coverage_is_the_jsons_share(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = {
        "title": "Partial",
        "criteria": [
            {"id": "cost", "name": "Cost", "weight": 2},
            {"id": "legal", "name": "Legality", "weight": 1},
        ],
        "projects": [{"id": "half", "name": "Half"}, {"id": "full", "name": "Full"}],
        "cells": {
            "half": {"cost": {"likelihood": 2, "impact": 3}},
            "full": {
                "cost": {"likelihood": 1, "impact": 1},
                "legal": {"likelihood": 1, "impact": 2},
            },
        },
    }
    path = tmp_path / "partial.rrisk"
    save(parse_assessment(document), path)
    rows = list(csv.DictReader(io.StringIO(_run(capsys, "score", str(path), "--format", "csv"))))
    payload = json.loads(_run(capsys, "score", str(path), "--format", "json"))
    coverage = {p["id"]: p["coverage"] for p in payload["projects"]}
    assert {row["id"]: float(row["coverage"]) for row in rows} == coverage
    assert coverage["half"] == pytest.approx(0.6667)


def test_analyze_csv_probabilities_are_the_jsons_shares(
    small_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options = ("--runs", "400", "--seed", "5")
    table = _run(capsys, "analyze", str(small_file), *options, "--format", "csv")
    payload = json.loads(_run(capsys, "analyze", str(small_file), *options, "--format", "json"))
    by_id = {p["id"]: p for p in payload["projects"]}
    rows = list(csv.DictReader(io.StringIO(table)))
    assert sorted(row["id"] for row in rows) == sorted(by_id)
    for row in rows:
        project = by_id[row["id"]]
        assert float(row["P(first)"]) == project["probability_first"]
        assert float(row["P(excluded)"]) == project["probability_excluded"]
    # One share strictly between nothing and certainty, which the text printed as a percent.
    assert any(0.0 < float(row["P(excluded)"]) < 1.0 for row in rows)
