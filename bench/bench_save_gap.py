"""How long File → Save keeps the window's event loop from running, on a large assessment.

A QTimer ticks every 10 ms while the real window saves bench/synthetic.py's document (default
2,000 projects × 40 criteria); the longest time between two ticks from the save's start is
the longest the window could not paint.

Run: ``QT_QPA_PLATFORM=offscreen python bench/bench_save_gap.py [SAVES] [PROJECTS CRITERIA]``
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from synthetic import synthetic_assessment  # noqa: E402

from rrisk.fileformat import save  # noqa: E402


def main() -> None:
    saves = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    projects = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    criteria = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    app = QApplication([])
    from desktop.app import build_main_window
    from desktop.settings import use_settings_file

    folder = Path(tempfile.mkdtemp(prefix="rrisk-bench-"))
    use_settings_file(folder / "settings.ini")
    path = folder / "big.rrisk"
    save(synthetic_assessment(projects, criteria), path)
    window = build_main_window()
    window.show()
    if window.files.try_open(path) is not None:
        raise SystemExit(f"cannot open {path}")

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    took: list[float] = []

    def run_save() -> None:
        window.controller.undo_stack.resetClean()  # unsaved changes, as after an edit
        gaps.clear()
        last[0] = start = time.perf_counter()
        if not window.files.save():
            raise SystemExit("the save failed")
        took.append(time.perf_counter() - start)

    print(f"{projects} projects × {criteria} criteria, file {path.stat().st_size:,} bytes")
    for number in range(saves):
        QTimer.singleShot(50, run_save)
        loop = QEventLoop()
        QTimer.singleShot(3000, loop.quit)
        loop.exec()
        print(
            f"save {number + 1}: {took[-1] * 1000:5.0f} ms, "
            f"longest event-loop gap {max(gaps) * 1000:5.0f} ms"
        )
    window.controller.undo_stack.setClean()
    window.close()
    app.processEvents()  # the window's close handled before the application goes


if __name__ == "__main__":
    main()
