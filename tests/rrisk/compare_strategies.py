"""Hypothesis strategies for the comparison tests: pairs of versions drawn from one id pool.

Both versions pick their projects, criteria, sources and scenarios from the same small pools
of ids, with names drawn from small alphabets, so a pair is rich in additions, removals,
renames, moves and edits of every kind.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from rrisk.model import Assessment, parse_assessment

PROJECTS = ("p0", "p1", "p2", "p3")
CRITERIA = ("c0", "c1", "c2")
SOURCES = ("s0", "s1", "s2")
SCORES = st.one_of(st.none(), st.integers(1, 5))
WEIGHTS = st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0])
TEXT = st.sampled_from(["", "a", "b", "Ж"])


def _subset(draw: st.DrawFn, pool: tuple[str, ...], min_size: int = 0) -> list[str]:
    chosen = draw(st.lists(st.sampled_from(pool), min_size=min_size, unique=True))
    return chosen  # drawn order: items move between versions


def _cell(draw: st.DrawFn, sources: list[str]) -> dict[str, Any]:
    likelihood, impact = draw(SCORES), draw(SCORES)
    cell: dict[str, Any] = {
        "likelihood": likelihood,
        "impact": impact,
        "rationale": draw(TEXT),
        "status": draw(st.sampled_from(["draft", "reviewed", "unassessed"])),
        "red_line": draw(st.sampled_from([False] * 6 + [True])),
        "red_line_reason": draw(TEXT),
    }
    if likelihood is not None and draw(st.booleans()):
        cell["likelihood_low"] = draw(st.integers(1, likelihood))
        cell["likelihood_high"] = draw(st.integers(likelihood, 5))
    if sources:
        links = draw(
            st.lists(
                st.builds(
                    dict,
                    source=st.sampled_from(sources),
                    quote=TEXT,
                    page=st.sampled_from(["", "3"]),
                ),
                max_size=3,
            )
        )
        cell["evidence"] = links
    return cell


@st.composite
def versions(draw: st.DrawFn) -> dict[str, Any]:
    """One version's document body."""
    criterion_ids = _subset(draw, CRITERIA, 1)
    project_ids = _subset(draw, PROJECTS, 1)
    source_ids = _subset(draw, SOURCES)
    names = st.text(alphabet="xyzЖ", min_size=1, max_size=2)
    criteria = [
        {
            "id": c,
            "name": draw(names),
            "weight": draw(WEIGHTS),
            "red_line_rule": draw(
                st.one_of(st.none(), st.builds(dict, threshold=st.sampled_from([9, 16, 20])))
            ),
        }
        for c in criterion_ids
    ]
    project_names = draw(
        st.lists(
            names, min_size=len(project_ids), max_size=len(project_ids), unique_by=str.casefold
        )
    )
    projects = [
        {
            "id": p,
            "name": n,
            "country": draw(TEXT),
            "region": draw(st.sampled_from(["", "Donetsk"])),
            "counterparties": draw(st.sampled_from([[], ["Rosneft"], ["Rusal", "Rosneft"]])),
        }
        for p, n in zip(project_ids, project_names, strict=True)
    ]
    cells = {
        p: {c: _cell(draw, source_ids) for c in criterion_ids if draw(st.booleans())}
        for p in project_ids
        if draw(st.integers(0, 4))
    }
    sources = [
        {
            "id": s,
            "title": draw(names),
            "reliability": draw(st.sampled_from("ABF")),
            "credibility": draw(st.integers(1, 3)),
        }
        for s in source_ids
    ]
    scenarios = []
    if draw(st.booleans()):
        overrides = [
            {
                "project": draw(st.sampled_from(project_ids)),
                "criterion": draw(st.sampled_from(criterion_ids)),
                "likelihood": draw(SCORES),
                "red_line": draw(st.sampled_from([None, None, False, True])),
            }
            for _ in range(draw(st.integers(0, 2)))
        ]
        weights = {
            c: draw(WEIGHTS) for c in draw(st.lists(st.sampled_from(criterion_ids), unique=True))
        }
        scenarios.append(
            {
                "id": "sc",
                "name": draw(names),
                "weight_overrides": weights,
                "cell_overrides": overrides,
            }
        )
    decisions = [
        {
            "project": draw(st.sampled_from(project_ids)),
            "counterparty": draw(st.sampled_from(["Rosneft", "Rusal"])),
            "entry_id": draw(st.sampled_from(["e1", "e2"])),
            "entry_name": draw(TEXT),
            "sanctions": draw(st.sampled_from([[], ["OFAC SDN - blocked"]])),
            "decision": draw(st.sampled_from(["confirmed", "dismissed"])),
            "note": draw(TEXT),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    territory_overrides = [
        {
            "project": draw(st.sampled_from(project_ids)),
            "territory": draw(st.sampled_from(["Crimea", "Donetsk"])),
            "justification": draw(st.sampled_from(["a", "b"])),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    screening = {
        "list_name": draw(st.sampled_from(["", "list-a"])),
        "list_as_of": draw(st.sampled_from(["", "2025-10-01"])),
        "decisions": decisions,
        "territory_overrides": territory_overrides,
    }
    return {
        "title": draw(st.sampled_from(["Case", "Case v2"])),
        "as_of": draw(st.sampled_from(["", "2024-11-01", "2025-11-01"])),
        "criteria": criteria,
        "projects": projects,
        "cells": cells,
        "sources": sources,
        "scenarios": scenarios,
        "screening": screening,
    }


@st.composite
def version_pairs(draw: st.DrawFn) -> tuple[Assessment, Assessment]:
    return parse_assessment(draw(versions())), parse_assessment(draw(versions()))
