"""The reversal table's "Change" column is the difference of the two weights printed beside
it. The exact change rounded on its own can disagree by 0.01 with the printed pair (a weight of
4.571 prints 4.57; a threshold of 7.530445 prints 7.54; the exact change, 2.959445, rounded up
reads 2.96 where the row shows 7.54 − 4.57 = 2.97)."""

from __future__ import annotations

import re
from decimal import Decimal

from pdfread import ReadMemo

from reports.memo import build_memo
from rrisk.model import parse_assessment

ROW = re.compile(
    r"C(\d) (\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) ([+\u2212])(<0\.01|\d+(?:\.\d+)?) (\S+)"
)


def _document() -> dict[str, object]:
    scores = {
        "p0": [(2, 5), (3, 3), (1, 1)],
        "p1": [(4, 4), (1, 3), (1, 4)],
        "p2": [(2, 1), (3, 4), (4, 1)],
    }
    return {
        "as_of": "2026-11-30",
        "criteria": [
            {"id": f"c{i}", "name": f"Crit{i}", "weight": weight}
            for i, weight in enumerate((4.841, 4.571, 3.061))
        ],
        "projects": [{"id": p, "name": f"Site{p[1]}"} for p in scores],
        "cells": {
            p: {f"c{i}": {"likelihood": lk, "impact": im} for i, (lk, im) in enumerate(row)}
            for p, row in scores.items()
        },
    }


def test_each_change_is_the_difference_of_the_printed_weights() -> None:
    text = " ".join(ReadMemo(build_memo(parse_assessment(_document()))).text.split())
    table = text[text.index("Nearest reversal per criterion") :]
    table = table[table.index("New top project") :]
    rows = ROW.findall(table)
    assert len(rows) >= 2, table[:400]
    assert any(name == "Crit1" for _, name, *_ in rows)
    for _code, name, before, after, sign, change, _top in rows:
        difference = Decimal(after) - Decimal(before)
        assert sign == ("+" if difference > 0 else "\u2212"), name
        if change == "<0.01":
            assert abs(difference) < Decimal("0.01"), name
        else:
            assert Decimal(change) == abs(difference), (name, before, after, change)


def test_the_table_says_the_criteria_it_leaves_out_cannot_change_the_top() -> None:
    """A fourth criterion, assessed alike for every project, moves no index apart: its weight,
    set anywhere from 0 to 4× the largest, leaves the top project first. The table left it out
    without a word, so a reader could not tell it from a criterion forgotten."""
    document = _document()
    document["criteria"].append({"id": "c3", "name": "Even", "weight": 1})  # type: ignore[attr-defined]
    for cells in document["cells"].values():  # type: ignore[attr-defined]
        cells["c3"] = {"likelihood": 3, "impact": 3}
    text = " ".join(ReadMemo(build_memo(parse_assessment(document))).text.split())
    table = text[text.index("Nearest reversal per criterion") :]
    assert "Even" not in table[: table.index("New top project")]
    intro = table[: table.index("Criterion Weight now")]
    assert re.search(
        r"The weights? of the other (\d+ criteria|criterion), (each )?set anywhere from 0 to "
        r"19\.36 \(4× the largest weight\), leaves? Site\d first\.",
        intro,
    ), intro
