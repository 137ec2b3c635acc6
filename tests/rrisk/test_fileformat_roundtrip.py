"""Open → save → open is lossless and deterministic for any valid document (hypothesis)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rrisk import fileformat
from rrisk.model import STAGES, Assessment, assessment_to_data, parse_assessment
from rrisk.text import forbidden_character

IDS = st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,12}", fullmatch=True)
# Any Unicode a JSON file can hold (hypothesis leaves out lone surrogates), plus Cyrillic and
# typographic characters often enough to matter.
# Any text a file may hold: everything but the control and bidi-override characters that
# rrisk.text refuses (tab and line breaks are allowed).
CHARACTERS = st.one_of(
    st.characters(codec="utf-8").filter(lambda c: forbidden_character(c) is None),
    st.sampled_from("АаБбЖжЁёЩщЪъЫы«»—–№€\t\n"),
)
TEXT = st.text(alphabet=CHARACTERS, max_size=25)
NAME = st.text(alphabet=CHARACTERS, min_size=1, max_size=25).filter(str.strip)  # never blank
ISO_DATES = st.dates().map(lambda d: d.isoformat())
# A weight is 0 or at least rrisk.model.MIN_WEIGHT (a smaller one is refused on open).
WEIGHTS = st.just(0.0) | st.floats(1e-6, 1000, allow_nan=False, allow_infinity=False)
FILE_NAMES = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,20}", fullmatch=True)


def unique_ids(max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(IDS, max_size=max_size, unique=True)


@st.composite
def ranged_score(draw: st.DrawFn, name: str) -> dict[str, int]:
    """A likelihood or impact with an optional low/high range around it."""
    found: dict[str, int] = {}
    mode = draw(st.none() | st.integers(1, 5))
    if mode is not None:
        found[name] = mode
    low_max = mode or 5
    if draw(st.booleans()):
        found[f"{name}_low"] = low = draw(st.integers(1, low_max))
        found[f"{name}_high"] = draw(st.integers(max(low, mode or 1), 5))
    return found


@st.composite
def documents(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, bytes]]:
    """A valid document body and the attachments its sources name."""
    criterion_ids = draw(unique_ids(4))
    project_ids = draw(unique_ids(4))
    source_ids = draw(unique_ids(3))
    criteria = [
        {
            "id": cid,
            "name": draw(NAME),
            "category": draw(TEXT),
            "description": draw(TEXT),
            "weight": draw(WEIGHTS),
            "rubric": {
                "likelihood": draw(st.lists(TEXT, min_size=5, max_size=5)),
                "impact": draw(st.lists(TEXT, min_size=5, max_size=5)),
            },
            "red_line_rule": draw(
                st.none()
                | st.fixed_dictionaries(
                    {"threshold": st.integers(1, 25), "reason": TEXT, "basis": TEXT}
                )
            ),
        }
        for cid in criterion_ids
    ]
    projects = [
        {
            "id": pid,
            "name": draw(NAME),
            "alt_names": draw(st.lists(NAME, max_size=3)),
            "country": draw(TEXT),
            "commodities": draw(st.lists(TEXT, max_size=3)),
            "stage": draw(st.sampled_from(STAGES)),
            "counterparties": draw(st.lists(TEXT, max_size=3)),
            "capex_estimate": draw(st.none() | st.floats(0, 1e12, allow_nan=False)),
            "strategic_value": draw(st.none() | st.integers(1, 5)),
            "description": draw(TEXT),
        }
        for pid in project_ids
    ]
    attachments: dict[str, bytes] = {}
    sources = []
    for sid in source_ids:
        attachment = draw(st.none() | FILE_NAMES)
        if attachment is not None:
            attachments[attachment] = draw(st.binary(max_size=200))
        sources.append(
            {
                "id": sid,
                "title": draw(NAME),
                "publisher": draw(TEXT),
                "date": draw(st.sampled_from(["", "2024", "2024-11"]) | ISO_DATES),
                "reliability": draw(st.sampled_from("ABCDEF")),
                "credibility": draw(st.integers(1, 6)),
                "bias_note": draw(TEXT),
                "attachment": attachment,
            }
        )
    cells: dict[str, dict[str, Any]] = {}
    for pid in project_ids:
        for cid in draw(
            st.lists(st.sampled_from(criterion_ids), unique=True) if criterion_ids else st.just([])
        ):
            cell = {
                **draw(ranged_score("likelihood")),
                **draw(ranged_score("impact")),
                "rationale": draw(TEXT),
                "red_line": draw(st.booleans()),
                "red_line_reason": draw(TEXT),
                "status": draw(st.sampled_from(["unassessed", "draft", "reviewed"])),
                "evidence": [
                    {"source": source, "quote": draw(TEXT), "page": draw(TEXT)}
                    for source in draw(st.lists(st.sampled_from(source_ids), max_size=2))
                ]
                if source_ids
                else [],
            }
            cells.setdefault(pid, {})[cid] = cell
    scenarios = []
    for scenario_id in draw(unique_ids(2)):
        overrides = []
        if project_ids and criterion_ids:
            for _ in range(draw(st.integers(0, 2))):
                overrides.append(
                    {
                        "project": draw(st.sampled_from(project_ids)),
                        "criterion": draw(st.sampled_from(criterion_ids)),
                        "likelihood": draw(st.none() | st.integers(1, 5)),
                        "impact": draw(st.none() | st.integers(1, 5)),
                        "red_line": draw(st.none() | st.booleans()),
                        "note": draw(TEXT),
                    }
                )
        scenarios.append(
            {
                "id": scenario_id,
                "name": draw(NAME),
                "description": draw(TEXT),
                "weight_overrides": {
                    cid: draw(WEIGHTS)
                    for cid in draw(st.lists(st.sampled_from(criterion_ids), unique=True))
                }
                if criterion_ids
                else {},
                "cell_overrides": overrides,
            }
        )
    body = {
        "title": draw(TEXT),
        "author": draw(TEXT),
        "as_of": draw(st.just("") | ISO_DATES),
        "summary": draw(TEXT),
        "criteria": criteria,
        "projects": projects,
        "cells": cells,
        "sources": sources,
        "scenarios": scenarios,
    }
    return body, attachments


def reopen(data: bytes) -> fileformat.RRiskFile:
    return fileformat.read_bytes(data, "generated.rrisk")


@settings(max_examples=60, deadline=None)
@given(documents())
def test_open_save_open_is_lossless(generated: tuple[dict[str, Any], dict[str, bytes]]) -> None:
    body, attachments = generated
    doc = parse_assessment(body)
    saved = fileformat.to_bytes(doc, attachments)
    opened = reopen(saved)
    assert assessment_to_data(opened.document) == assessment_to_data(doc)
    assert opened.attachments == attachments
    # Saving what was opened writes the very same bytes, and the fingerprint holds.
    assert fileformat.to_bytes(opened.document, opened.attachments) == saved
    assert fileformat.fingerprint(opened.document) == fileformat.fingerprint(doc)


@settings(max_examples=30, deadline=None)
@given(documents(), st.data())
def test_any_edit_changes_the_fingerprint(
    generated: tuple[dict[str, Any], dict[str, bytes]], data: st.DataObject
) -> None:
    body, _ = generated
    doc = parse_assessment(body)
    new_title = data.draw(TEXT.filter(lambda title: title != doc.title))
    edited = Assessment.model_validate({**assessment_to_data(doc), "title": new_title})
    assert fileformat.fingerprint(edited) != fileformat.fingerprint(doc)
