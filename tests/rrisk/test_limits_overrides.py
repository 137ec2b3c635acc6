"""Limits on what a file's cells and scenario overrides may hold, checked before validation:
a file naming millions of projects in its cells, or a scenario overriding cells hundreds of
thousands of times, took seconds to minutes to refuse or check (a list made the duplicate
search quadratic)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from rrisk import fileformat
from rrisk.errors import FileFormatError
from rrisk.limits import MAX_CRITERIA, MAX_PROJECTS, MAX_SCENARIO_CELLS, body_problem
from rrisk.model import Scenario, duplicate_overrides


def _file(tmp_path: Path, body: dict) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # no ratio to trip
        archive.writestr(zipfile.ZipInfo("mimetype"), fileformat.MIMETYPE)
        archive.writestr("document.json", json.dumps({"format_version": 2, "document": body}))
    path = tmp_path / "hostile.rrisk"
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"cells": {f"q{i}": {} for i in range(MAX_PROJECTS + 1)}}, "cells: has rows for 5,001"),
        ({"cells": {"p": {f"c{i}": {} for i in range(MAX_CRITERIA + 1)}}}, "cells of project 'p': has 201 cells; at most 200"),
        (
            {"scenarios": [{"id": "s", "name": "S", "weight_overrides": {f"c{i}": 1 for i in range(201)}}]},
            "scenario #1: sets 201 weights",
        ),
        (
            {"scenarios": [{"id": "s", "name": "S", "cell_overrides": [{}] * (MAX_SCENARIO_CELLS + 1)}]},
            "scenario #1: has 200,001 cell overrides",
        ),
        (
            {"scenarios": [{"id": f"s{i}", "name": f"S{i}", "cell_overrides": [{}] * 150_000} for i in range(7)]},
            "scenarios: have 1,050,000 cell overrides together; at most 1,000,000",
        ),
    ],
)  # fmt: skip
def test_oversized_cells_and_overrides_are_refused_up_front(tmp_path, body, expected) -> None:
    body = {"title": "Hostile", **body}
    problem = body_problem(body)
    assert problem is not None and expected in problem
    with pytest.raises(FileFormatError, match=expected.split(":")[-1].strip()[:20]):
        fileformat.load(_file(tmp_path, body))


def test_a_plain_document_is_within_the_limits() -> None:
    body = {
        "cells": {f"p{i}": {f"c{j}": {} for j in range(40)} for i in range(2_000)},
        "scenarios": [{"id": "s", "cell_overrides": [{}] * 80_000, "weight_overrides": {}}],
    }
    assert body_problem(body) is None


def test_each_cell_overridden_twice_is_named_once_in_order() -> None:
    # 200,000 overrides on 2,000 cells: each cell overridden a hundred times.
    overrides = [
        {"project": f"p{i % 50}", "criterion": f"c{i % 40}", "likelihood": 2}
        for i in range(200_000)
    ]
    scenario = Scenario.model_validate({"id": "s", "name": "S", "cell_overrides": overrides})
    twice = duplicate_overrides(scenario)  # a set, not a list: linear (bench: ~0.1 s here)
    assert len(twice) == 200  # lcm(50, 40) = 200 distinct pairs, every one repeated
    assert twice[0] == ("p0", "c0") and len(set(twice)) == len(twice)


def test_a_document_of_millions_of_objects_is_refused_before_it_is_decoded(tmp_path) -> None:
    from rrisk.limits import MAX_JSON_CONTAINERS

    rows = ",".join(f'"q{i}":{{}}' for i in range(MAX_JSON_CONTAINERS))
    raw = '{"format_version":2,"document":{"title":"T","cells":{' + rows + "}}}"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), fileformat.MIMETYPE)
        archive.writestr("document.json", raw)
    path = tmp_path / "objects.rrisk"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(FileFormatError, match="objects and lists; at most 3,000,000 are allowed"):
        fileformat.load(path)
