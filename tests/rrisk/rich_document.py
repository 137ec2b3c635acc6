"""The rich document: a body using every part of the model, shared by the core tests."""

from __future__ import annotations

from typing import Any


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
