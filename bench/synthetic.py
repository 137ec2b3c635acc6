"""Synthetic assessments of any size, for benchmarks (fixed seed, reproducible)."""

from __future__ import annotations

import numpy as np

from rrisk.model import Assessment, parse_assessment


def synthetic_assessment(n_projects: int, n_criteria: int, seed: int = 7) -> Assessment:
    """A fully assessed document with ranges, rationales, evidence and a red-line rule."""
    rng = np.random.default_rng(seed)
    likelihood = rng.integers(1, 6, size=(n_projects, n_criteria))
    impact = rng.integers(1, 6, size=(n_projects, n_criteria))
    sources = [
        {
            "id": f"s{k}",
            "title": f"Source {k}",
            "publisher": "Wire",
            "date": "2025-03-31",
            "reliability": "ABCDEF"[k % 6],
            "credibility": 1 + k % 6,
        }
        for k in range(20)
    ]
    criteria = [
        {
            "id": f"c{j}",
            "name": f"Criterion {j}",
            "category": "other",
            "weight": float(1 + j % 3),
            **(
                {"red_line_rule": {"threshold": 25, "reason": "critical", "basis": "policy"}}
                if j == 0
                else {}
            ),
        }
        for j in range(n_criteria)
    ]
    projects = [
        {
            "id": f"p{i}",
            "name": f"Project {i}",
            "alt_names": [f"Проект {i}"],
            "country": "Xland",
            "commodities": ["REE"],
            "counterparties": ["Partner"],
        }
        for i in range(n_projects)
    ]
    cells = {}
    for i in range(n_projects):
        row = {}
        for j in range(n_criteria):
            lik, imp = int(likelihood[i, j]), int(impact[i, j])
            row[f"c{j}"] = {
                "likelihood": lik,
                "impact": imp,
                "likelihood_low": max(1, lik - 1),
                "likelihood_high": min(5, lik + 1),
                "rationale": "Scored from the cited report; see the quote.",
                "evidence": [{"source": f"s{(i + j) % 20}", "quote": "as reported", "page": "3"}],
                "status": "reviewed",
            }
        cells[f"p{i}"] = row
    return parse_assessment(
        {
            "title": f"Synthetic {n_projects}×{n_criteria}",
            "as_of": "2025-11-01",
            "criteria": criteria,
            "projects": projects,
            "cells": cells,
            "sources": sources,
        }
    )
