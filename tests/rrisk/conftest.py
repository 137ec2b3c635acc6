"""Fixtures for the core tests: small documents built in code, and saved .rrisk files."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from rich_document import rich_document_data

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
