"""Time to compare two versions of a large assessment (default 2,000 projects × 40 criteria),
where a tenth of the cells are rescored and two weights moved.

Run: python bench/bench_compare.py [PROJECTS CRITERIA]
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_assessment  # noqa: E402

from rrisk.compare import compare  # noqa: E402


def main() -> None:
    n_projects = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    n_criteria = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    old = synthetic_assessment(n_projects, n_criteria)
    new = old.model_copy(deep=True)
    rng = random.Random(7)
    edited = 0
    for _, _, cell in new.iter_cells():
        if cell.assessed and rng.random() < 0.1:
            cell.likelihood = rng.randint(1, 5)
            cell.likelihood_low = cell.likelihood_high = None
            edited += 1
    new.criteria[0].weight += 1.0
    new.criteria[1].weight = new.criteria[1].weight / 2
    best = float("inf")
    comparison = None
    for _ in range(3):
        start = time.perf_counter()
        comparison = compare(old, new)
        best = min(best, time.perf_counter() - start)
    assert comparison is not None
    total = sum(
        abs(sum(c.points for c in e.contributions) - (e.index_change or 0.0))
        for e in comparison.effects
    )
    print(f"assessment: {n_projects} projects × {n_criteria} criteria; {edited:,} cells rescored")
    print(f"changes listed:  {len(comparison.changes):,}")
    start = time.perf_counter()
    _ = comparison.old_fingerprint, comparison.new_fingerprint
    hashing = time.perf_counter() - start
    print(f"compare:         {best * 1000:8.1f} ms (both scored, changes listed, attribution)")
    print(f"fingerprints:    {hashing * 1000:8.1f} ms (both; only the CLI and the memo print them)")
    print(f"attribution gap: {total:.2e} index points summed over all projects")


if __name__ == "__main__":
    main()
