"""Where the cold start goes: each layer of the start-up as a whole process, beside the bare window.

Run: python bench/bench_startup_parts.py [ROUNDS]

Each process adds one layer to the one before (Qt's application object; numpy; pydantic; the
document model, which imports pydantic and builds its classes; RRisk's window on the template,
shown and painted). The rounds alternate the processes, and each figure is the median of its
ratios to the bare PySide6 window of the same round (``bench/probes.py bare``), so that a busy
machine slows all alike. The step column is what the layer adds to the one above it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from precompile import compile_sources  # noqa: E402

PROBES = str(HERE / "probes.py")

_QT = "import os\nfrom PySide6.QtWidgets import QApplication\napplication = QApplication([])\n"
LAYERS = [
    ("bare PySide6 window, 7×8 table, painted", [PROBES, "bare"]),
    ("Qt application object only", ["-c", _QT + "os._exit(0)"]),
    ("+ numpy", ["-c", _QT + "import numpy\nos._exit(0)"]),
    ("+ pydantic", ["-c", _QT + "import numpy\nimport pydantic\nos._exit(0)"]),
    ("+ the document model (rrisk.model)", [PROBES, "floor_start"]),
]


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    compile_sources()
    with tempfile.TemporaryDirectory() as scratch:
        from rrisk import fileformat
        from rrisk.templates import new_from_template

        template = Path(scratch) / "template.rrisk"
        fileformat.save(new_from_template("russia-rare-earths"), template)
        layers = [
            *LAYERS,
            ("RRisk's window on the template, painted", [PROBES, "app", str(template)]),
        ]
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": scratch,
            "XDG_CONFIG_HOME": os.path.join(scratch, "config"),
            "XDG_DATA_HOME": os.path.join(scratch, "data"),
        }
        times: list[list[float]] = [[] for _ in layers]
        for _ in range(rounds):
            for k, (_, argv) in enumerate(layers):
                start = time.perf_counter()
                subprocess.run([sys.executable, *argv], env=env, capture_output=True, check=True)
                times[k].append(time.perf_counter() - start)
    bare = times[0]
    print(f"| layer | median | ÷ bare window | step |  ({rounds} alternating rounds)")
    print("|---|---|---|---|")
    previous = None
    for (label, _), seconds in zip(layers, times, strict=True):
        ratio = statistics.median(s / b for s, b in zip(seconds, bare, strict=True))
        step = "" if previous is None or label.startswith("Qt") else f"{ratio - previous:+.2f}×"
        print(f"| {label} | {statistics.median(seconds) * 1000:.0f} ms | {ratio:.2f}× | {step} |")
        previous = ratio


if __name__ == "__main__":
    main()
