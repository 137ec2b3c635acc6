"""A criterion that alone carries a project's index (the only one with a weight that the project
is assessed on) is the tornado's first bar, and is said to be so: at weight 0 the project has no
index. The app drew it as "not assessed: no effect", last but one, and the memo said "No single
weight moves its index"."""

from __future__ import annotations

import math

from pdfread import ReadMemo, squash

from reports.memo import build_memo
from rrisk.analysis import tornado
from rrisk.model import parse_assessment


def _document():
    # "solo" is assessed on B only (A is weighted but not assessed for it; C has weight 0);
    # "pair" is assessed on A and B. Solo has the lower index, so it leads.
    return parse_assessment(
        {
            "title": "One weight carries it",
            "criteria": [
                {"id": "a", "name": "Alpha", "weight": 2.0},
                {"id": "b", "name": "Bravo", "weight": 1.0},
                {"id": "c", "name": "Charlie", "weight": 0.0},
            ],
            "projects": [{"id": "solo", "name": "Solo"}, {"id": "pair", "name": "Pair"}],
            "cells": {
                "solo": {"b": {"likelihood": 2, "impact": 2}, "c": {"likelihood": 5, "impact": 5}},
                "pair": {"a": {"likelihood": 4, "impact": 4}, "b": {"likelihood": 3, "impact": 3}},
            },
        }
    )


def test_the_criterion_that_carries_the_index_alone_comes_first() -> None:
    data = tornado(_document())
    bars = data.bars("solo")
    assert bars[0][0] == "b"
    assert data.carries_alone("solo", "b")
    assert not data.carries_alone("solo", "a") and not data.carries_alone("solo", "c")
    assert not any(data.carries_alone("pair", c) for c in ("a", "b", "c"))
    row = data.project_ids.index("solo")
    assert math.isnan(data.at_zero[row, 1])  # no index at weight 0 ...
    assert data.at_double[row, 1] == data.base[row]  # ... and doubling it changes nothing


def test_the_memo_says_the_index_rests_on_that_criterion() -> None:
    memo = ReadMemo(build_memo(_document()))
    text = squash(memo.text)
    assert "Its index rests on Bravo alone" in text
    assert "at weight 0 there is none" in text
    assert (
        "No single weight moves its index"
        not in text.split("Leader: Solo")[1].split("Runner-up")[0]
    )
