"""Time the memo: the bundled template (or a small built-in case), a generated
200-project × 12-criterion assessment and one whose every text is at its maximum length,
with the time of each phase (Monte Carlo uncertainty, weight sensitivity, composing, page
setting). Prints seconds; never run as a test.

    python bench/bench_memo.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from reports.memo import build_memo
from rrisk import fileformat
from rrisk.errors import TemplateError
from rrisk.model import Assessment, parse_assessment
from rrisk.templates import new_from_template

TEMPLATE_ID = "russia-rare-earths"


def generated_assessment(projects: int = 200, criteria: int = 12, seed: int = 7) -> Assessment:
    """A large random assessment: ~5% unassessed cells, a few red lines, two scenarios."""
    rng = np.random.default_rng(seed)
    likelihood = rng.integers(1, 6, size=(projects, criteria))
    impact = rng.integers(1, 6, size=(projects, criteria))
    unassessed = rng.random((projects, criteria)) < 0.05
    red_line = rng.random((projects, criteria)) < 0.01
    weights = rng.integers(1, 6, size=criteria)
    sources = [
        {
            "id": f"s{k}",
            "title": f"Source {k}",
            "publisher": f"Publisher {k % 7}",
            "date": f"2025-0{1 + k % 9}-1{k % 10}",
            "reliability": "ABCDEF"[k % 6],
            "credibility": 1 + k % 6,
            "bias_note": "State-owned outlet." if k % 5 == 0 else "",
        }
        for k in range(40)
    ]
    cells: dict[str, dict[str, dict]] = {}
    for p in range(projects):
        row: dict[str, dict] = {}
        for c in range(criteria):
            if unassessed[p, c]:
                continue
            cell: dict = {
                "likelihood": int(likelihood[p, c]),
                "impact": int(impact[p, c]),
                "rationale": f"Judgement for project {p} on criterion {c}.",
                "evidence": [{"source": f"s{(p + c) % 40}", "page": str(c + 1)}],
            }
            if red_line[p, c]:
                cell |= {
                    "red_line": True,
                    "red_line_reason": "prohibited counterparty",
                    "red_line_basis": "EU Reg. 833/2014",
                }
            row[f"c{c}"] = cell
        cells[f"p{p}"] = row
    body = {
        "title": "Generated portfolio screening",
        "author": "Benchmark",
        "organisation": "RRisk",
        "as_of": "2025-06-30",
        "criteria": [
            {
                "id": f"c{c}",
                "name": f"Criterion {c} (Критерий)",
                "weight": int(weights[c]),
                "red_line_rule": {"threshold": 25, "reason": "intolerable"} if c == 0 else None,
            }
            for c in range(criteria)
        ],
        "projects": [
            {
                "id": f"p{p}",
                "name": f"Project {p} — Проект {p}",
                "country": "Country",
                "counterparties": [f"Partner {p % 13}"],
            }
            for p in range(projects)
        ],
        "cells": cells,
        "sources": sources,
        "scenarios": [
            {"id": "a", "name": "Weights shifted", "weight_overrides": {"c0": 10}},
            {
                "id": "b",
                "name": "Cells changed",
                "cell_overrides": [
                    {"project": f"p{p}", "criterion": "c1", "likelihood": 5} for p in range(20)
                ],
            },
        ],
    }
    return parse_assessment(body)


class _StageClock:
    """Time spent in each phase of a build, from the progress callback's stage labels."""

    PHASES = ("Uncertainty", "Sensitivity", "Composing", "Setting page", "Done")

    def __init__(self) -> None:
        self.marks: list[tuple[str, float]] = []

    def __call__(self, _percent: int, stage: str) -> None:
        phase = next((p for p in self.PHASES if stage.startswith(p)), "Scoring")
        if not self.marks or self.marks[-1][0] != phase:
            self.marks.append((phase, time.perf_counter()))

    def summary(self) -> str:
        spans = [
            f"{phase.lower()} {end - start:.3f} s"
            for (phase, start), (_, end) in zip(self.marks, self.marks[1:], strict=False)
        ]
        return ", ".join(spans)


def _time(label: str, document: Assessment, repeats: int = 3) -> None:
    build_memo(document)  # warm-up: fonts and imports are paid once per process
    best = float("inf")
    pages = 0
    stages = ""
    for _ in range(repeats):
        clock = _StageClock()
        start = time.perf_counter()
        data = build_memo(document, progress=clock)
        elapsed = time.perf_counter() - start
        if elapsed < best:
            best, stages = elapsed, clock.summary()
        pages = data.count(b"/Type /Page\n")
    print(f"{label}: {best:.3f} s (best of {repeats}), {len(data) / 1024:.0f} KiB, ~{pages} pages")
    print(f"    of which {stages}")


def _time_cli(document: Assessment, repeats: int = 3) -> None:
    """``rrisk memo FILE -o OUT`` end to end: interpreter start, imports, load, build, write."""
    with tempfile.TemporaryDirectory() as folder:
        case = Path(folder) / "case.rrisk"
        fileformat.save(document, case)
        best = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "rrisk",
                    "memo",
                    str(case),
                    "-o",
                    str(Path(folder) / "m.pdf"),
                    "--force",
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            best = min(best, time.perf_counter() - start)
    print(f"rrisk memo on the command line, end to end: {best:.3f} s (best of {repeats})")


def main() -> None:
    start = time.perf_counter()
    try:
        template = new_from_template(TEMPLATE_ID)
        label = f"template '{TEMPLATE_ID}'"
    except TemplateError:
        template = generated_assessment(projects=8, criteria=10)
        label = "small generated case (template not bundled)"
    first = time.perf_counter()
    build_memo(template)
    print(
        f"first memo in a fresh process (fonts loaded): {time.perf_counter() - first:.3f} s "
        f"(document ready after {first - start:.3f} s)"
    )
    _time(label, template)
    _time_cli(template)
    _time("200 projects × 12 criteria", generated_assessment(), repeats=1)
    _time("every text field at its maximum length", longest_assessment(), repeats=1)


def longest_assessment() -> Assessment:
    """The memo tests' document with every free text at the model's maximum length."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "reports"))
    from memo_fixtures import max_length_document_data

    return parse_assessment(max_length_document_data())


if __name__ == "__main__":
    main()
