"""Fixtures for the command-line tests: a small valid document saved to a temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from rrisk.fileformat import save
from rrisk.model import parse_assessment

SMALL_DOCUMENT = {
    "title": "Small case",
    "criteria": [
        {"id": "cost", "name": "Cost", "weight": 2},
        {
            "id": "legal",
            "name": "Legality",
            "red_line_rule": {"threshold": 20, "reason": "occupied territory", "basis": "EO 14065"},
        },
    ],
    "projects": [
        {"id": "tomtor", "name": "Tomtor", "alt_names": ["Томтор"]},
        {"id": "allied", "name": "Allied plant"},
        {"id": "donbas", "name": "Donbas sites", "alt_names": ["Донбасс"]},
    ],
    "cells": {
        "tomtor": {"cost": {"likelihood": 4, "impact": 4}, "legal": {"likelihood": 2, "impact": 3}},
        "allied": {"cost": {"likelihood": 2, "impact": 2}, "legal": {"likelihood": 1, "impact": 1}},
        "donbas": {"cost": {"likelihood": 1, "impact": 1}, "legal": {"likelihood": 5, "impact": 5}},
    },
    "scenarios": [
        {
            "id": "cheap",
            "name": "Costs fall",
            "cell_overrides": [{"project": "tomtor", "criterion": "cost", "likelihood": 1}],
        }
    ],
}


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.rrisk"
    save(parse_assessment(SMALL_DOCUMENT), path)
    return path
