"""Documents for the analysis panel tests, built in code (imported, not a conftest)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from rrisk.model import Assessment, parse_assessment

BENCH = Path(__file__).resolve().parents[2] / "bench" / "synthetic.py"


def synthetic(projects: int, criteria: int) -> Assessment:
    """bench/synthetic.py's fully assessed document (every cell has a likelihood range)."""
    spec = importlib.util.spec_from_file_location("rrisk_bench_synthetic", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.synthetic_assessment(projects, criteria)


def _cell(likelihood: int, impact: int, source: str = "", **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"likelihood": likelihood, "impact": impact}
    if source:
        data["evidence"] = [{"source": source, "quote": "as reported"}]
    data.update(extra)
    return data


def contested_document() -> Assessment:
    """Three close projects whose order depends on the weights, plus one red-lined project.

    Alpha leads on the baseline; doubling "Cost" or cutting "Sanctions" changes the top, so a
    rank reversal exists. Cells backed only by the weak source draw default ranges.
    """
    return parse_assessment(
        {
            "title": "Contested options",
            "criteria": [
                {"id": "cost", "name": "Cost", "category": "cost", "weight": 1.0},
                {
                    "id": "sanctions",
                    "name": "Sanctions exposure",
                    "category": "sanctions",
                    "weight": 2.0,
                    "red_line_rule": {"threshold": 20, "reason": "blocked", "basis": "EO 14024"},
                },
                {"id": "market", "name": "Market access", "category": "market", "weight": 1.0},
            ],
            "projects": [
                {"id": "alpha", "name": "Alpha"},
                {"id": "bravo", "name": "Bravo"},
                {"id": "charlie", "name": "Charlie"},
                {"id": "delta", "name": "Delta"},
            ],
            "cells": {
                "alpha": {
                    "cost": _cell(4, 4, "good"),
                    "sanctions": _cell(1, 2, "weak"),
                    "market": _cell(2, 2, "good"),
                },
                "bravo": {
                    "cost": _cell(1, 2, "good"),
                    "sanctions": _cell(3, 3, "good", likelihood_low=2, likelihood_high=4),
                    "market": _cell(2, 3, "weak"),
                },
                "charlie": {
                    "cost": _cell(3, 3, "good"),
                    "sanctions": _cell(2, 3, "good"),
                    "market": _cell(3, 3),
                },
                "delta": {
                    "cost": _cell(1, 1, "good"),
                    "sanctions": _cell(5, 4, "good"),
                    "market": _cell(1, 1, "good"),
                },
            },
            "sources": [
                {"id": "good", "title": "Audited report", "reliability": "A", "credibility": 1},
                {"id": "weak", "title": "Unverified blog", "reliability": "E", "credibility": 5},
            ],
            "scenarios": [
                {"id": "eased", "name": "Sanctions eased", "weight_overrides": {"sanctions": 0.5}}
            ],
        }
    )
