"""Time to save, open and score a large assessment (default 2,000 projects × 40 criteria).

Run: python bench/bench_core.py [PROJECTS CRITERIA]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_assessment  # noqa: E402

from rrisk import fileformat  # noqa: E402
from rrisk.scoring import score  # noqa: E402


def best_of(runs: int, action):
    """Best wall time of several runs (the least disturbed by the rest of the machine)."""
    best = float("inf")
    value = None
    for _ in range(runs):
        start = time.perf_counter()
        value = action()
        best = min(best, time.perf_counter() - start)
    return best, value


def main() -> None:
    n_projects = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    n_criteria = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    document = synthetic_assessment(n_projects, n_criteria)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "big.rrisk")
        save_s, _ = best_of(3, lambda: fileformat.save(document, path))
        size = os.path.getsize(path)
        open_s, loaded = best_of(3, lambda: fileformat.load(path))
        score_s, result = best_of(5, lambda: score(loaded))
    cells = n_projects * n_criteria
    print(f"assessment: {n_projects} projects × {n_criteria} criteria = {cells:,} cells")
    print(f"file size:      {size / 1e6:8.2f} MB")
    print(f"save:           {save_s * 1000:8.1f} ms")
    print(f"open:           {open_s * 1000:8.1f} ms")
    print(f"score:          {score_s * 1000:8.1f} ms")
    print(f"open + score:   {(open_s + score_s) * 1000:8.1f} ms")
    print(f"excluded projects: {int(result.excluded.sum())}")


if __name__ == "__main__":
    main()
