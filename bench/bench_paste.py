"""Large edits of the matrix in the desktop app: a whole-matrix paste, its undo and redo, a
score set on every cell, clearing every cell, and a repaint under a scenario.

Run: ``QT_QPA_PLATFORM=offscreen python bench/bench_paste.py [PROJECTS] [CRITERIA] [--scenario]``
(default 2,000 × 40, a document of :mod:`bench.synthetic`; ``--scenario`` does it all under a
scenario, whose overrides the edits then write). Prints the seconds each step holds the window,
from the call to the views repainted; run it several times for a median.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtWidgets import QApplication  # noqa: E402
from synthetic import synthetic_assessment  # noqa: E402

from rrisk.fileformat import save  # noqa: E402
from rrisk.model import Scenario  # noqa: E402


def main() -> None:
    numbers = [int(arg) for arg in sys.argv[1:] if arg.isdigit()]
    projects, criteria = (numbers + [2000, 40][len(numbers) :])[:2]
    under_scenario = "--scenario" in sys.argv
    app = QApplication([])
    from desktop.app import build_main_window
    from desktop.settings import use_settings_file

    folder = Path(tempfile.mkdtemp(prefix="rrisk-bench-"))
    use_settings_file(folder / "settings.ini")
    document = synthetic_assessment(projects, criteria)
    document.scenarios = [Scenario.model_validate({"id": "eased", "name": "Eased"})]
    path = folder / "big.rrisk"
    save(document, path)
    window = build_main_window(str(path))
    window.resize(1600, 1000)
    controller, view = window.controller, window.matrix_view
    deadline = time.perf_counter() + 120
    while not controller.document.projects and time.perf_counter() < deadline:
        app.processEvents()  # a large file may be opened off the window's thread
        time.sleep(0.01)
    app.processEvents()
    if under_scenario:
        controller.set_scenario("eased")
        app.processEvents()
    matrix = controller.result.matrix
    block = "".join(
        "\t".join(
            f"{int(matrix.likelihood[i, j]) % 5 + 1}×{int(matrix.impact[i, j]) % 5 + 1}"
            for j in range(criteria)
        )
        + "\n"
        for i in range(projects)
    )  # every cell's scores change

    def timed(label: str, step) -> None:
        start = time.perf_counter()
        assert step() is not False, label
        app.processEvents()
        print(f"{label} {time.perf_counter() - start:.2f}", end="  ", flush=True)

    view.select_cell("p0", "c0")
    app.processEvents()
    timed("paste", lambda: view.paste(block))
    timed("undo", controller.undo)
    timed("redo", controller.redo)
    view.selectAll()
    timed("repaint", view.viewport().repaint)
    timed("fill", lambda: view.set_value("likelihood", 3))
    timed("fill-undo", controller.undo)
    timed("clear", view.clear_selected)
    timed("clear-undo", controller.undo)
    print()
    controller.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
