"""A small assessment built in code that uses every feature the memo prints (Cyrillic and
markup-laden names, red lines with a legal basis, an unassessed cell, a scenario, graded
sources with a bias note)."""

from __future__ import annotations

from typing import Any

MARKUP_NAME = 'R&D <b>Zinc</b> "Ω" Томтор <script>'
CYRILLIC_NAME = "Томтор (Якутия)"


def memo_document_data() -> dict[str, Any]:
    rubric = {
        "likelihood": ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"],
        "impact": ["Negligible", "Minor", "Moderate", "Major", "Severe"],
    }
    return {
        "title": "Russian rare-earth joint venture",
        "subtitle": "Screening of candidate deposits for a minority stake",
        "author": "Анна Петрова",
        "organisation": "North Fund",
        "as_of": "2025-06-30",
        "classification": "Strictly confidential",
        "currency": "USD",
        "summary": "Three deposits were screened.\n\nChuktukon carries the lowest risk.",
        "recommendation": 'Do not proceed with <Lovozero> & keep "watch" on Tomtor.',
        "notes": "Weights were agreed by the committee.",
        "criteria": [
            {
                "id": "sanctions",
                "name": "Sanctions exposure",
                "category": "sanctions",
                "weight": 3,
                "rubric": rubric,
                "red_line_rule": {
                    "threshold": 20,
                    "reason": "blocked counterparty",
                    "basis": "US EO 14024",
                },
            },
            {
                "id": "market",
                "name": "Market access",
                "category": "market access",
                "weight": 2,
                "rubric": rubric,
            },
            {"id": "processing", "name": "Processing & technology", "weight": 1},
        ],
        "projects": [
            {
                "id": "tomtor",
                "name": CYRILLIC_NAME,
                "alt_names": ["Томторское"],
                "country": "Russia",
                "region": "Yakutia",
                "commodities": ["REE", "niobium"],
                "counterparties": ["Rosneft", "Vostok Engineering"],
                "capex_estimate": 1.2e9,
                "description": "Niobium and rare-earth deposit.",
                "strategic_value": 4,
                "strategic_rationale": "World-class grade.",
            },
            {
                "id": "rnd",
                "name": MARKUP_NAME,
                "country": "Russia",
                "counterparties": ["<Acme> & Co"],
            },
            {
                "id": "chuktukon",
                "name": "Chuktukon",
                "country": "Russia",
                "region": "Krasnoyarsk Territory",
            },
            {"id": "lovozero", "name": "Lovozero", "country": "Russia"},
        ],
        "cells": {
            "tomtor": {
                "sanctions": {
                    "likelihood": 3,
                    "impact": 5,
                    "status": "reviewed",
                    "rationale": "Operator owned by a sanctioned company.",
                    "evidence": [
                        {"source": "reuters", "quote": "Rosneft takes 100%", "page": "1"},
                        {"source": "kommersant"},
                    ],
                },
                "market": {"likelihood": 4, "impact": 3, "rationale": "EU closed."},
                "processing": {"likelihood": 2, "impact": 2},
            },
            "rnd": {
                "sanctions": {"likelihood": 2, "impact": 3},
                # "market" is left unassessed on purpose.
                "processing": {
                    "likelihood": 3,
                    "impact": 3,
                    "rationale": "Pilot plant <not> built & untested.",
                },
            },
            "chuktukon": {
                "sanctions": {"likelihood": 2, "impact": 2},
                "market": {"likelihood": 2, "impact": 3},
                "processing": {"likelihood": 2, "impact": 1},
            },
            "lovozero": {
                "sanctions": {
                    "likelihood": 2,
                    "impact": 2,
                    "red_line": True,
                    "red_line_reason": "located in occupied territory",
                    "red_line_basis": "EU Reg. 2022/263",
                },
                "market": {"likelihood": 5, "impact": 4},
                "processing": {"likelihood": 1, "impact": 1},
            },
        },
        "sources": [
            {
                "id": "reuters",
                "title": "Rosneft takes over Tomtor operator",
                "publisher": "Reuters",
                "date": "2025-05-20",
                "reliability": "B",
                "credibility": 2,
                "url": "https://example.org/a",
            },
            {
                "id": "kommersant",
                "title": "Kremlin confirms talks",
                "publisher": "Kommersant",
                "date": "2025-03-31",
                "reliability": "C",
                "credibility": 3,
                "bias_note": "May carry a pro-Russian bias.",
            },
        ],
        "scenarios": [
            {
                "id": "eased",
                "name": "Sanctions eased",
                "description": "Sanctions are lifted.",
                "weight_overrides": {"sanctions": 1},
                "cell_overrides": [
                    {
                        "project": "tomtor",
                        "criterion": "sanctions",
                        "likelihood": 1,
                        "note": "relief",
                    }
                ],
            },
        ],
    }


# -- every text field at its longest ----------------------------------------------------------

SHORT_MAX = 500
LONG_MAX = 20_000
LONG_FIELDS = {
    "summary",
    "recommendation",
    "notes",
    "description",
    "strategic_rationale",
    "bias_note",
    "quote",
    "rationale",
}
"""LongText fields (up to 20,000 characters); every other free text is a ShortText (500)."""
TOKEN_FIELDS = {"name", "description", "rationale", "bias_note", "strategic_rationale"}
"""Fields filled with one word without spaces (it must be broken to fit a line)."""
NOT_FREE_TEXT = {
    "id",
    "source",
    "project",
    "criterion",
    "date",
    "as_of",
    "stage",
    "reliability",
    "status",
    "attachment",
}
TOKEN_UNIT = 'Томтор<b>&"R&D</b>—Якутия'
PROSE_UNIT = 'Санкции <b>risk</b> & "R&D" в Якутии were reviewed by the committee. '


def filler(length: int, token: bool) -> str:
    """Text of exactly ``length`` characters: Cyrillic and markup, one word or prose."""
    unit = TOKEN_UNIT if token else PROSE_UNIT
    return (unit * (length // len(unit) + 1))[:length]


def max_length_document_data() -> dict[str, Any]:
    """The fixture document with every free-text field at the model's maximum length."""
    data = memo_document_data()
    # Fields the small fixture leaves out, so that they are at their longest too.
    for criterion in data["criteria"]:
        criterion["description"] = "x"
    for project in data["projects"]:
        project.update(capex_note="x", description="x", strategic_rationale="x")
        project.setdefault("alt_names", ["x"])
        project.setdefault("counterparties", ["x"])
    for source in data["sources"]:
        source.update(author="x", notes="x", bias_note="x")
    data["cells"]["tomtor"]["sanctions"]["evidence"][1]["quote"] = "x"
    data["cells"]["lovozero"]["market"]["rationale"] = "x"

    def fill(value: Any, key: str) -> Any:
        if isinstance(value, dict):
            return {k: fill(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [fill(item, key) for item in value]
        if isinstance(value, str) and key not in NOT_FREE_TEXT:
            length = LONG_MAX if key in LONG_FIELDS else SHORT_MAX
            return filler(length, token=key in TOKEN_FIELDS)
        return value

    return fill(data, "")
