"""Fixtures for the core tests: small documents built in code, and saved .rrisk files."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from rrisk import fileformat
from rrisk.model import Assessment, parse_assessment

CellSpec = tuple[int | None, int | None] | Mapping[str, Any]
"""A cell as ``(likelihood, impact)`` or as the full JSON body of a cell."""

DocBuilder = Callable[..., Assessment]


def build_assessment(
    weights: Mapping[str, float],
    cells: Mapping[str, Mapping[str, CellSpec]] | None = None,
    *,
    names: Mapping[str, str] | None = None,
    rules: Mapping[str, Mapping[str, Any]] | None = None,
    scenarios: list[dict[str, Any]] | None = None,
    projects: list[str] | None = None,
    **metadata: Any,
) -> Assessment:
    """A validated document with the given criterion weights and cells.

    Projects are the keys of ``cells`` (plus any listed in ``projects``), in that order;
    ``names`` gives project display names (default: the id capitalised).
    """
    cells = cells or {}
    project_ids = list(dict.fromkeys([*(projects or []), *cells]))
    names = names or {}
    rules = rules or {}
    body: dict[str, Any] = {
        **metadata,
        "criteria": [
            {"id": cid, "name": cid.capitalize(), "weight": weight}
            | ({"red_line_rule": dict(rules[cid])} if cid in rules else {})
            for cid, weight in weights.items()
        ],
        "projects": [{"id": pid, "name": names.get(pid, pid.capitalize())} for pid in project_ids],
        "cells": {
            pid: {
                cid: (
                    dict(spec)
                    if isinstance(spec, Mapping)
                    else {"likelihood": spec[0], "impact": spec[1]}
                )
                for cid, spec in row.items()
            }
            for pid, row in cells.items()
        },
        "scenarios": scenarios or [],
    }
    return parse_assessment(body)


@pytest.fixture
def make_doc() -> DocBuilder:
    """Factory for small documents: ``make_doc({"a": 1.0}, {"p": {"a": (2, 3)}})``."""
    return build_assessment


def rich_document_data() -> dict[str, Any]:
    """A document using every part of the model, with Cyrillic text and an attachment."""
    return {
        "title": "Редкоземельные металлы — rare earths",
        "subtitle": "Joint-venture screening",
        "author": "Анна Петрова",
        "organisation": "North Fund",
        "as_of": "2025-03-31",
        "classification": "Strictly confidential",
        "currency": "EUR",
        "summary": "Tomtor leads; Lovozero is excluded.",
        "recommendation": 'Proceed to due diligence on <Tomtor> & keep "watch".',
        "notes": "line one\nline two",
        "criteria": [
            {
                "id": "sanctions",
                "name": "Sanctions",
                "category": "sanctions",
                "weight": 3.0,
                "rubric": {
                    "likelihood": ["rare", "unlikely", "possible", "likely", "almost certain"],
                    "impact": ["minor", "moderate", "serious", "severe", "fatal"],
                },
                "red_line_rule": {
                    "threshold": 20,
                    "reason": "Blocking sanctions",
                    "basis": "EO 14024",
                },
            },
            {"id": "cost", "name": "Cost", "category": "cost", "weight": 1.5},
        ],
        "projects": [
            {
                "id": "tomtor",
                "name": "Tomtor",
                "alt_names": ["Томтор"],
                "country": "Russia",
                "region": "Yakutia",
                "commodities": ["Nb", "REE"],
                "stage": "feasibility",
                "counterparties": ["ThreeArc Mining"],
                "capex_estimate": 1.5e9,
                "capex_note": "2019 estimate",
                "strategic_value": 4,
                "strategic_rationale": "World-class grade.",
            },
            {
                "id": "lovozero",
                "name": "Lovozero",
                "alt_names": ["Ловозеро"],
                "stage": "production",
            },
        ],
        "cells": {
            "tomtor": {
                "sanctions": {
                    "likelihood": 3,
                    "impact": 4,
                    "likelihood_low": 2,
                    "likelihood_high": 5,
                    "impact_low": 3,
                    "impact_high": 5,
                    "rationale": "Partner is state-linked.",
                    "evidence": [{"source": "kommersant", "quote": "«цитата»", "page": "3"}],
                    "status": "reviewed",
                },
                "cost": {"likelihood": 2, "impact": 2},
            },
            "lovozero": {
                "sanctions": {
                    "likelihood": 5,
                    "impact": 5,
                    "red_line": True,
                    "red_line_reason": "Owner designated",
                    "red_line_basis": "OFAC SDN",
                },
                "cost": {"status": "unassessed"},
            },
        },
        "sources": [
            {
                "id": "kommersant",
                "title": "Коммерсантъ article",
                "publisher": "Kommersant",
                "date": "2024-11",
                "url": "https://www.kommersant.ru/",
                "reliability": "C",
                "credibility": 3,
                "bias_note": "May carry a pro-Russian bias.",
                "attachment": "kommersant.pdf",
            }
        ],
        "scenarios": [
            {
                "id": "eased",
                "name": "Sanctions eased",
                "description": "Ceasefire and partial relief.",
                "weight_overrides": {"sanctions": 1.0},
                "cell_overrides": [
                    {
                        "project": "lovozero",
                        "criterion": "sanctions",
                        "likelihood": 2,
                        "red_line": False,
                    }
                ],
            }
        ],
    }


@pytest.fixture
def rich_data() -> dict[str, Any]:
    """A fresh copy of the rich document's JSON body, for tests that break one value."""
    return rich_document_data()


@pytest.fixture
def rich_doc() -> Assessment:
    """A document using every part of the model (see :func:`rich_document_data`)."""
    return parse_assessment(rich_document_data())


@pytest.fixture
def rich_attachments() -> dict[str, bytes]:
    """The attachment the rich document's source refers to."""
    return {"kommersant.pdf": b"%PDF-1.4\n% stand-in attachment\n\x00\xff"}


@pytest.fixture
def rich_file(tmp_path: Path, rich_doc: Assessment, rich_attachments: dict[str, bytes]) -> Path:
    """The rich document saved with its attachment."""
    path = tmp_path / "case.rrisk"
    fileformat.save(rich_doc, path, rich_attachments)
    return path
