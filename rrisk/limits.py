"""Documented limits on what a document and an imported table may hold, checked up front.

A small file can describe a huge job: a valid 111 KB ``.rrisk`` listing 20,007 projects
made ``rrisk analyze`` run for minutes in gigabytes. Each limit is checked on the raw JSON
body (or while a table is read), before validation, scoring, simulation or layout, so a
hostile file is refused in milliseconds with one line. The limits sit well above the largest
portfolio the app is built for (2,000 projects × 40 criteria, ``bench/``); text lengths are
bounded by the model itself (500 characters for names, 20,000 for rationales and quotes).
"""

from __future__ import annotations

from typing import Any

from rrisk.text import quoted

MAX_PROJECTS = 5_000
MAX_CRITERIA = 200
MAX_MATRIX = 200_000
"""Projects × criteria: the cells a matrix can have, assessed or not."""
MAX_SOURCES = 20_000
MAX_SCENARIOS = 200
MAX_SCENARIO_CELLS = MAX_MATRIX
"""Cell overrides of one scenario (one per cell of the largest matrix)."""
MAX_OVERRIDES = 1_000_000
"""Cell overrides of all scenarios together."""
MAX_JSON_CONTAINERS = 3_000_000
"""``{`` and ``[`` in ``document.json``, counted in its bytes before it is decoded (a bound on
its objects and lists; a brace inside a text counts too). A 2,000 × 40 assessment holds
~250,000; 64 MB of empty objects would hold millions, which took seconds and gigabytes to
decode before any other limit could see them."""
MEMO_CELL_TEXT = 1_500
"""Longest text the memo prints in one table cell (a rationale, a criterion's description): a
table row cannot run past a page, so a longer text is cut there with a note, and the check
before a memo says so (the file keeps the whole text)."""

MAX_XLSX_CELLS = 4_000_000
"""Cells of the worksheet an import reads (a full 200,000-row export has 3.6 million)."""
MAX_XLSX_SHARED_STRINGS_BYTES = 160 * 1024 * 1024
"""Unpacked size of a workbook's shared-strings part, the text openpyxl holds in memory.
An export of 2,000 × 40 with rationales of ~450 characters, saved again by a spreadsheet
program, holds 39 MB there; the limit leaves room for four times that, so such a round trip
imports."""


_UNREAD_METHODS = {12: "bzip2", 14: "LZMA", 9: "deflate64"}  # zipfile's ZIP_BZIP2, ZIP_LZMA


def unread_compression(compress_type: int) -> str | None:
    """The name of a zip member's compression method when it is not one RRisk reads (stored
    or deflated, as it and spreadsheet programs write), else None. Inflating deflate stops at
    the size asked for; bzip2 and LZMA inflate each chunk whole, so a few kilobytes declaring
    a few kilobytes became gigabytes in memory before the size or the checksum could be seen.
    """
    if compress_type in (0, 8):  # zipfile's ZIP_STORED, ZIP_DEFLATED
        return None
    return _UNREAD_METHODS.get(compress_type, f"method {compress_type}")


def json_problem(raw: bytes) -> str | None:
    """Why ``document.json``'s bytes hold too many objects and lists to decode, or None."""
    containers = raw.count(b"{") + raw.count(b"[")
    if containers > MAX_JSON_CONTAINERS:
        return (
            f"document.json holds {containers:,} objects and lists; at most "
            f"{MAX_JSON_CONTAINERS:,} are allowed"
        )
    return None


_COUNT_LIMITS = {
    "projects": MAX_PROJECTS,
    "criteria": MAX_CRITERIA,
    "sources": MAX_SOURCES,
    "scenarios": MAX_SCENARIOS,
}


def count_problem(key: str, count: int) -> str | None:
    """``has N sources; at most L are allowed`` when ``count`` items of the document's list
    ``key`` (``projects``, ``criteria``, ``sources`` or ``scenarios``) pass its limit, or None:
    the words of a file refused and of an editor's item refused alike."""
    limit = _COUNT_LIMITS[key]
    return f"has {count:,} {key}; at most {limit:,} are allowed" if count > limit else None


def body_problem(body: dict[str, Any]) -> str | None:
    """The first limit a raw document body exceeds, in words, or None."""
    counts = {
        key: len(value) if isinstance(value, (list, dict)) else 0
        for key in ("projects", "criteria", "sources", "scenarios")
        for value in (body.get(key),)
    }
    for key in _COUNT_LIMITS:
        problem = count_problem(key, counts[key])
        if problem:
            return problem
    return (
        matrix_problem(counts["projects"], counts["criteria"])
        or _cells_problem(body.get("cells"))
        or _overrides_problem(body.get("scenarios"))
    )


PER_CRITERION = " (one per criterion)"


def _too_many(
    place: str, verb: str, count: int, what: str, limit: int, why: str = ""
) -> str | None:
    """``place: has N what; at most L are allowed`` when ``count`` is over ``limit``."""
    if count <= limit:
        return None
    return f"{place}: {verb} {count:,} {what}; at most {limit:,}{why} are allowed"


def _cells_problem(cells: Any) -> str | None:
    """Rows of cells beyond what the limits on projects and criteria allow (a row per project,
    a cell per criterion): a file naming millions of projects there, none of them real, took
    seconds and gigabytes to refuse one by one."""
    if not isinstance(cells, dict):
        return None
    problem = _too_many("cells", "has rows for", len(cells), "projects", MAX_PROJECTS)
    if problem:
        return problem
    total = 0
    for project, row in cells.items():
        if isinstance(row, dict):
            place = f"cells of project {quoted(project)}"
            problem = _too_many(place, "has", len(row), "cells", MAX_CRITERIA, PER_CRITERION)
            if problem:
                return problem
            total += len(row)
    return _too_many("cells", "has", total, "cells", MAX_MATRIX)


def _overrides_problem(scenarios: Any) -> str | None:
    """Scenario overrides beyond the limits (see :data:`MAX_SCENARIO_CELLS`)."""
    if not isinstance(scenarios, list):
        return None
    total = 0
    for position, scenario in enumerate(scenarios, start=1):
        if not isinstance(scenario, dict):
            continue
        place = f"scenario #{position}"
        weights, cells = scenario.get("weight_overrides"), scenario.get("cell_overrides")
        weight_count = len(weights) if isinstance(weights, dict) else 0
        cell_count = len(cells) if isinstance(cells, list) else 0
        problem = _too_many(
            place, "sets", weight_count, "weights", MAX_CRITERIA, PER_CRITERION
        ) or _too_many(place, "has", cell_count, "cell overrides", MAX_SCENARIO_CELLS)
        if problem:
            return problem
        total += cell_count
    return _too_many("scenarios", "have", total, "cell overrides together", MAX_OVERRIDES)


def matrix_problem(projects: int, criteria: int) -> str | None:
    """Why a matrix of this shape is too large, or None."""
    if projects > MAX_PROJECTS:
        return f"has {projects:,} projects; at most {MAX_PROJECTS:,} are allowed"
    if criteria > MAX_CRITERIA:
        return f"has {criteria:,} criteria; at most {MAX_CRITERIA:,} are allowed"
    if projects * criteria > MAX_MATRIX:
        return (
            f"has {projects:,} projects × {criteria:,} criteria = {projects * criteria:,} cells; "
            f"at most {MAX_MATRIX:,} are allowed"
        )
    return None
