"""Small documents for the results and editors tests, built in code (imported, not a conftest)."""

from __future__ import annotations

from typing import Any

from rrisk.model import Assessment, parse_assessment


def cell(likelihood: int | None, impact: int | None, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"likelihood": likelihood, "impact": impact}
    data.update(extra)
    return data


def ranked_document() -> Assessment:
    """Three criteria, four projects (one excluded, one unscored), two sources, one scenario."""
    return parse_assessment(
        {
            "title": "Rare-earth options",
            "criteria": [
                {"id": "cost", "name": "Cost", "category": "cost", "weight": 1.0},
                {
                    "id": "sanctions",
                    "name": "Sanctions exposure",
                    "category": "sanctions",
                    "weight": 2.0,
                    "red_line_rule": {
                        "threshold": 20,
                        "reason": "counterparty under blocking sanctions",
                        "basis": "EO 14024",
                    },
                },
                {
                    "id": "market",
                    "name": "Market access",
                    "category": "market access",
                    "weight": 1.0,
                },
            ],
            "projects": [
                {"id": "tomtor", "name": "Tomtor", "alt_names": ["Томтор"], "country": "Russia"},
                {"id": "chuktukon", "name": "Chuktukon", "country": "Russia"},
                {"id": "seligdar", "name": "Seligdar", "country": "Russia"},
                {"id": "lovozero", "name": "Lovozero", "country": "Russia"},
            ],
            "cells": {
                "tomtor": {"cost": cell(2, 3), "sanctions": cell(4, 5), "market": cell(3, 3)},
                "chuktukon": {"cost": cell(3, 3), "sanctions": cell(2, 4), "market": cell(2, 2)},
                "seligdar": {"cost": cell(1, 2), "sanctions": cell(3, 3)},
                "lovozero": {"cost": cell(None, None)},
            },
            "sources": [
                {
                    "id": "kommersant",
                    "title": "Kommersant article",
                    "reliability": "C",
                    "credibility": 3,
                    "bias_note": "may carry a pro-Russian bias",
                },
                {
                    "id": "usgs",
                    "title": "USGS Mineral Commodity Summaries 2025",
                    "reliability": "A",
                    "credibility": 1,
                },
            ],
            "scenarios": [
                {
                    "id": "sanctions-eased",
                    "name": "Sanctions eased",
                    "description": "US and EU lift the blocking sanctions.",
                    "weight_overrides": {"sanctions": 0.5},
                    "cell_overrides": [
                        {
                            "project": "tomtor",
                            "criterion": "sanctions",
                            "likelihood": 1,
                            "impact": 3,
                        }
                    ],
                }
            ],
        }
    )


def with_evidence(document: Assessment) -> Assessment:
    """The small document with one evidence link, so removing a source has something to drop."""
    data = document.model_dump(mode="json")
    data["cells"]["tomtor"]["sanctions"]["evidence"] = [{"source": "kommersant", "quote": "talks"}]
    return parse_assessment(data)


def large_document(projects: int = 500, criteria: int = 40) -> Assessment:
    """A big deterministic matrix for paint and scroll checks."""
    data: dict[str, Any] = {
        "criteria": [
            {"id": f"c{j}", "name": f"Criterion {j + 1}", "weight": 1.0 + j % 3}
            for j in range(criteria)
        ],
        "projects": [{"id": f"p{i}", "name": f"Проект {i + 1}"} for i in range(projects)],
        "cells": {
            f"p{i}": {
                f"c{j}": cell((i + j) % 5 + 1, (i * 7 + j * 3) % 5 + 1)
                for j in range(criteria)
                if (i + j) % 11
            }
            for i in range(projects)
        },
    }
    return parse_assessment(data)
