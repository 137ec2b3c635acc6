"""Desktop responsiveness on a large matrix: open, edit → updated ranking, scrolling.

Run: ``QT_QPA_PLATFORM=offscreen python bench/bench_desktop.py [PROJECTS] [CRITERIA]``
(default 500 × 40). Prints the median of several runs for each figure.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from rrisk.fileformat import save  # noqa: E402
from rrisk.model import parse_assessment  # noqa: E402


def big_document(projects: int, criteria: int):
    """A fully assessed document with evidence on every cell and a few red-line rules."""
    data = {
        "title": f"Benchmark {projects}x{criteria}",
        "criteria": [
            {
                "id": f"c{j}",
                "name": f"Criterion {j}",
                "weight": 1 + j % 4,
                **({"red_line_rule": {"threshold": 25}} if j % 10 == 0 else {}),
            }
            for j in range(criteria)
        ],
        "projects": [{"id": f"p{i}", "name": f"Project {i:03d}"} for i in range(projects)],
        "sources": [{"id": "s1", "title": "Source", "reliability": "B", "credibility": 2}],
        "cells": {
            f"p{i}": {
                f"c{j}": {
                    "likelihood": 1 + (i * 7 + j) % 5,
                    "impact": 1 + (i + j * 3) % 4,
                    "rationale": f"Rationale for project {i} on criterion {j}.",
                    "evidence": [{"source": "s1", "quote": "quote", "page": "1"}],
                    "status": "reviewed",
                }
                for j in range(criteria)
            }
            for i in range(projects)
        },
    }
    return parse_assessment(data)


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:7.1f} ms (min {min(samples) * 1000:.1f})"


def main() -> None:
    projects = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    criteria = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    app = QApplication([])
    from desktop.app import build_main_window
    from desktop.settings import use_settings_file

    folder = Path(tempfile.mkdtemp(prefix="rrisk-bench-"))
    use_settings_file(folder / "settings.ini")
    path = folder / "big.rrisk"
    save(big_document(projects, criteria), path)
    print(f"{projects} projects × {criteria} criteria, file {path.stat().st_size / 1e6:.1f} MB")

    open_times: list[float] = []
    window = None
    for _ in range(3):
        if window is not None:
            window.controller.undo_stack.setClean()
            window.close()
            window.deleteLater()
            app.processEvents()
        start = time.perf_counter()
        window = build_main_window(str(path))
        app.processEvents()  # first paint of every view
        open_times.append(time.perf_counter() - start)
    assert window is not None
    window.resize(1600, 1000)
    app.processEvents()
    print(f"open (read + score + build + first paint): {median_ms(open_times)}")

    view = window.matrix_view
    inspector = window.inspector
    edit_times: list[float] = []
    for step in range(20):
        project = f"p{(step * 37) % projects}"
        criterion = f"c{(step * 11) % criteria}"
        view.select_cell(project, criterion)
        app.processEvents()
        current = inspector.likelihood.value()
        start = time.perf_counter()
        inspector.likelihood.setValue(1 + current % 5)  # the edit, as the spin box does it
        app.processEvents()  # matrix cell, ranking, heat map, 5×5 repainted
        edit_times.append(time.perf_counter() - start)
    print(f"edit in the inspector → updated matrix and ranking: {median_ms(edit_times)}")

    undo_times: list[float] = []
    for _ in range(10):
        start = time.perf_counter()
        window.controller.undo_stack.undo()
        app.processEvents()
        undo_times.append(time.perf_counter() - start)
    print(f"undo → updated views: {median_ms(undo_times)}")

    scroll_times: list[float] = []
    bar = view.verticalScrollBar()
    hbar = view.horizontalScrollBar()
    for step in range(30):
        start = time.perf_counter()
        bar.setValue(bar.maximum() * ((step * 7) % 30) // 29)
        hbar.setValue(hbar.maximum() * ((step * 3) % 30) // 29)
        view.viewport().repaint()
        scroll_times.append(time.perf_counter() - start)
    print(f"scroll one page of the matrix (repaint):   {median_ms(scroll_times)}")

    window.controller.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
