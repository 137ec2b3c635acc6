"""The three places that explain why an index moved (``rrisk diff``, the app's Changes view,
the memo's "Changes since") print the same shares, however many each lists: all the shares
are rounded together, then each report lists the first six and sums the rest."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from pdfread import ReadMemo

from desktop.changes.outline import build_outline
from reports.memo import build_memo
from rrisk.compare import Comparison, compare
from rrisk.compare.wording import movers
from rrisk.compare_cli import table
from rrisk.model import parse_assessment

MINUS = "\u2212"
NINE = 9


def _many(as_of: str, scores: list[tuple[int, int]]) -> dict[str, object]:
    return {
        "as_of": as_of,
        "criteria": [
            {"id": f"c{i}", "name": f"Crit{i}", "weight": (1, 1.5, 2, 3)[i % 4]}
            for i in range(NINE)
        ],
        "projects": [{"id": "p0", "name": "Alpha"}, {"id": "p1", "name": "Bravo"}],
        "cells": {
            "p0": {f"c{i}": {"likelihood": lk, "impact": im} for i, (lk, im) in enumerate(scores)},
            "p1": {"c0": {"likelihood": 3, "impact": 3}},
        },
    }


@pytest.fixture(scope="module")
def nine_changes() -> Comparison:
    """Nine changed cells: more than any report lists one by one."""
    before = [(1 + i % 5, 1 + (2 * i) % 5) for i in range(NINE)]
    after = [(lk % 5 + 1, im) for lk, im in before]  # every cell's risk moves
    return compare(
        parse_assessment(_many("2026-01-01", before)), parse_assessment(_many("2026-02-01", after))
    )


def test_the_diff_the_changes_view_and_the_memo_print_the_same_shares(
    nine_changes: Comparison,
) -> None:
    (effect,) = movers(nine_changes)
    assert len(effect.contributions) == NINE
    text = table(nine_changes, "before.rrisk", "after.rrisk")
    why = text[text.index("Why the indices moved") : text.index("Changes (")]
    diff_lines = re.findall(r"^\s+([+-]\d+\.\d\d)\s+(.+)$", why, re.M)
    outline = build_outline(nine_changes, "before.rrisk", "after.rrisk")
    view_lines = [
        (line.points, line.text)
        for group in outline.groups
        for section in group.sections
        if section.title.startswith("Why")
        for line in section.lines
    ]
    assert diff_lines == view_lines
    assert diff_lines[-1][1] == f"{NINE - 6} smaller changes"
    assert sum(Decimal(points) for points, _text in diff_lines) == Decimal(
        f"{effect.index_change:+.2f}"
    )
    # The memo: the same rows (a true minus sign, the table's cells run together).
    memo = " ".join(ReadMemo(build_memo(nine_changes.new, since=nine_changes.old)).text.split())
    for points, line in diff_lines:
        printed = points.replace("-", MINUS)
        assert f"{line} {printed}" in memo, (line, points)
