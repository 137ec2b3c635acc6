"""The small processes that bench/run.py times side by side (one job each, then exit).

    python bench/probes.py app FILE        RRisk's main window on FILE, shown and painted
    python bench/probes.py bare            a bare PySide6 main window with a 7×8 table, painted
    python bench/probes.py floor NPZ RUNS  plain numpy: the same triangular draws, summed
    python bench/probes.py read_excel XLSX pandas.read_excel of every sheet of XLSX
    python bench/probes.py edit FILE N     N inspector edits in RRisk on FILE; prints ms each
                                           (``--scenario``: under FILE's first scenario, whose
                                           cell overrides the edits then set)
    python bench/probes.py floor_start     what any start-up on this stack pays: Qt's application,
                                           numpy and the document model imported, nothing shown
    python bench/probes.py floor_score FILE  numpy and the model imported, FILE unzipped and its
                                           JSON decoded (orjson), nothing validated or scored
    python bench/probes.py floor_memo      numpy, the model and reportlab's page layout imported

Both windows end the same way, right after their first paint has been flushed (``os._exit``
skips the teardown, which no user waits for), so the two processes differ only by what
they import and build.
"""

from __future__ import annotations

import os
import sys


def _painted_exit(window) -> None:  # noqa: ANN001 - a QWidget; Qt is imported late on purpose
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert app is not None
    app.processEvents()  # expose → paint → flush of every widget on screen
    window.repaint()
    print(f"peak_mib {_peak_mib():.1f}")
    sys.stdout.flush()
    os._exit(0)


def _peak_mib() -> float:
    """This process's own peak resident memory (VmHWM starts afresh at exec, unlike rusage,
    which would count the benchmark's memory that the child inherited before exec)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def app(path: str) -> None:
    from PySide6.QtWidgets import QApplication

    application = QApplication([sys.argv[0]])
    from desktop.app import build_main_window

    _painted_exit(build_main_window(path))
    del application


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem

    application = QApplication([sys.argv[0]])
    window = QMainWindow()
    table = QTableWidget(7, 8)
    for row in range(7):
        for column in range(8):
            table.setItem(row, column, QTableWidgetItem(f"{row + 1}×{column + 1}"))
    window.setCentralWidget(table)
    window.resize(1200, 800)
    window.show()
    _painted_exit(window)
    del application


def floor(path: str, runs: int) -> None:
    """Draw every cell's likelihood and impact ``runs`` times (chunked as the analysis) and sum."""
    import numpy as np

    arrays = np.load(path)
    rng = np.random.default_rng(1)
    cells = arrays["l_low"].size
    chunk = max(1, min(runs, 4_000_000 // cells))
    total = 0.0
    done = 0
    while done < runs:
        size = min(chunk, runs - done)
        for kind in ("l", "i"):
            low, mode, high = (arrays[f"{kind}_{part}"] for part in ("low", "mode", "high"))
            total += float(rng.triangular(low, mode, high, size=(size, cells)).sum())
        done += size
    print(total)


def read_excel(path: str) -> None:
    import pandas as pd

    sheets = pd.read_excel(path, sheet_name=None, index_col=0)
    print(sum(frame.size for frame in sheets.values()))


def edit(path: str, count: int, under_scenario: bool = False) -> None:
    """Time ``count`` inspector edits, each to the matrix, ranking and charts repainted; under
    the file's first scenario with ``under_scenario``."""
    import time

    from PySide6.QtWidgets import QApplication

    application = QApplication([sys.argv[0]])
    from desktop.app import build_main_window

    window = build_main_window(path)
    window.resize(1600, 1000)
    deadline = time.perf_counter() + 120
    while not window.controller.document.projects and time.perf_counter() < deadline:
        application.processEvents()  # a large file is opened off the window's thread
        time.sleep(0.01)
    application.processEvents()
    document = window.controller.document
    if under_scenario:
        window.controller.set_scenario(document.scenarios[0].id)
        application.processEvents()
    projects = [p.id for p in document.projects]
    criteria = [c.id for c in document.criteria]
    for step in range(count):
        window.matrix_view.select_cell(
            projects[(step * 37) % len(projects)], criteria[(step * 11) % len(criteria)]
        )
        application.processEvents()
        spin = window.inspector.likelihood
        current = spin.value()
        start = time.perf_counter()
        spin.setValue(1 + current % 5)  # the edit, as the spin box does it
        application.processEvents()  # every view updated and repainted
        print(f"{(time.perf_counter() - start) * 1000:.3f}")
    sys.stdout.flush()
    os._exit(0)


def floor_start() -> None:
    from PySide6.QtWidgets import QApplication

    application = QApplication([sys.argv[0]])
    import numpy  # noqa: F401 - the imports are what is measured

    import rrisk.model  # noqa: F401

    del application
    os._exit(0)


def floor_score(path: str) -> None:
    import zipfile

    import numpy  # noqa: F401

    import rrisk.model  # noqa: F401
    from rrisk.jsonread import fast_loads

    with zipfile.ZipFile(path) as archive:
        raw = archive.read("document.json")
    body = fast_loads(raw)
    if body is None:  # as the app reads it: json where orjson is not certain to agree
        import json

        body = json.loads(raw)
    print(len(body["document"]["cells"]))
    sys.stdout.flush()
    os._exit(0)


def floor_memo() -> None:
    import numpy  # noqa: F401
    import reportlab.platypus  # noqa: F401

    import rrisk.model  # noqa: F401

    os._exit(0)


def main() -> None:
    kind, *rest = sys.argv[1:]
    if kind == "app":
        app(rest[0])
    elif kind == "bare":
        bare()
    elif kind == "floor":
        floor(rest[0], int(rest[1]))
    elif kind == "read_excel":
        read_excel(rest[0])
    elif kind == "edit":
        edit(rest[0], int(rest[1]), "--scenario" in rest[2:])
    elif kind == "floor_start":
        floor_start()
    elif kind == "floor_score":
        floor_score(rest[0])
    elif kind == "floor_memo":
        floor_memo()
    else:
        raise SystemExit(f"unknown probe {kind!r}")


if __name__ == "__main__":
    main()
