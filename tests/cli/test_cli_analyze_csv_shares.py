"""`rrisk analyze --format csv` gives shares as numbers a spreadsheet reads, never "<1%"."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from rrisk.fileformat import save
from rrisk.model import parse_assessment


def test_analyze_csv_gives_rare_and_near_certain_shares_as_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A share under 1% was the text "<1%" (and one over 99% ">99%"): a spreadsheet could
    neither sort nor sum them. Now each is a number from 0 to 1, to four decimals."""
    from rrisk.cli import main

    evidence = [{"source": "audit", "quote": "as reported"}]
    document = parse_assessment(
        {
            "criteria": [{"id": "c", "name": "C"}],
            "projects": [{"id": "steady", "name": "Steady"}, {"id": "long", "name": "Long shot"}],
            "cells": {
                # 2 × 3 = 6 in every run; 5 × 5 drawn from likelihood 1–5 beats it only when
                # the likelihood falls under 6/5: 0.2² / (4 × 4) = 0.25% of the runs.
                "steady": {"c": {"likelihood": 2, "impact": 3, "evidence": evidence}},
                "long": {
                    "c": {"likelihood": 5, "impact": 5, "likelihood_low": 1, "evidence": evidence}
                },
            },
            "sources": [{"id": "audit", "title": "Audit", "reliability": "A", "credibility": 1}],
        }
    )
    path = tmp_path / "shares.rrisk"
    save(document, path)
    assert main(["analyze", str(path), "--runs", "20000", "--seed", "4", "--format", "csv"]) == 0
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    long_shot, steady = rows["long"]["P(first)"], rows["steady"]["P(first)"]
    # Shares from 0 to 1, as the JSON and `rrisk score`'s CSV write them.
    assert 0.001 < float(long_shot) < 0.0045  # "<1%" on screen
    assert float(steady) == pytest.approx(1 - float(long_shot))
    assert 0.995 < float(steady) < 1  # ">99%" on screen
    assert float(rows["long"]["P(excluded)"]) == 0
