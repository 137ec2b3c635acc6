"""Time the Monte Carlo and sensitivity analyses on the template and on a large document.

Run: python bench/bench_analysis.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_assessment  # noqa: E402

from rrisk.analysis import monte_carlo, rank_reversals, tornado  # noqa: E402
from rrisk.templates import new_from_template  # noqa: E402


def timed(label: str, action) -> None:
    start = time.perf_counter()
    action()
    print(f"{label:48s} {time.perf_counter() - start:8.3f} s")


def main() -> None:
    template = new_from_template("russia-rare-earths")
    timed("template: Monte Carlo 10,000 runs", lambda: monte_carlo(template))
    timed("template: tornado", lambda: tornado(template))
    timed("template: rank reversal", lambda: rank_reversals(template))
    big = synthetic_assessment(200, 20)
    timed("200×20: Monte Carlo 10,000 runs", lambda: monte_carlo(big))
    timed("200×20: tornado + rank reversal", lambda: (tornado(big), rank_reversals(big)))


if __name__ == "__main__":
    main()
