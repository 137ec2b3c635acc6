"""Screening speed: import a synthetic list in the OpenSanctions layout, then screen names.

    python bench/bench_screening.py [--rows 500000] [--queries 100]
    python bench/bench_screening.py --imports 10000,100000,1000000 [--profile]

Prints the time to write the CSV (not RRisk's), to import it into a fresh store (with the
progress the import reports), and to screen ``--queries`` counterparty names against it.
``--imports`` times imports alone, one fresh store per size, then the same list imported
again into that store beside it (a store already holding a list), with the CSV's and the
store's sizes; ``--profile`` adds the import's costliest calls (cProfile, cumulative).
Everything happens in a temporary folder; the user's own store is not touched.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

COLUMNS = ["id", "schema", "name", "aliases", "countries", "sanctions", "dataset"]
SYLLABLES = ["ka", "ro", "mi", "ten", "vos", "lar", "ne", "gor", "sib", "ul", "dan", "pek"]


def word(number: int) -> str:
    """A pronounceable word per number, so names differ in letters, as real names do."""
    parts = []
    while True:
        number, digit = divmod(number, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
        if number == 0:
            return "".join(parts).capitalize()


def write_list(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for i in range(rows):
            name = f"{word(i)} {word(i * 7 + 3)} Holding"
            writer.writerow(
                [
                    f"e{i}",
                    "Company",
                    name,
                    f"{word(i)} Group;{word(i)} Ltd",
                    "ru",
                    f"Programme {i % 11} - designated - 2024-01-01",
                    "synthetic",
                ]
            )


def time_imports(sizes: list[int], profile: bool) -> None:
    """Import a list of each size into a fresh store, then again beside it, and say how long."""
    import cProfile
    import pstats

    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            os.environ["RRISK_DATA_DIR"] = folder
            from rrisk.screening.names import name_parts
            from rrisk.screening.store import STORE_FILE, ListStore

            path = Path(folder) / "targets.simple.csv"
            write_list(path, size)
            megabytes = path.stat().st_size / 1e6
            store = ListStore()
            for name in ("first", "second"):
                name_parts.cache_clear()  # as a new process would: the second reads anew
                profiler = cProfile.Profile() if profile else None
                start, cpu = time.perf_counter(), time.process_time()
                if profiler is not None:
                    profiler.enable()
                store.import_file(path, name, "2026-01-01")
                if profiler is not None:
                    profiler.disable()
                elapsed = time.perf_counter() - start
                cpu = time.process_time() - cpu
                stored = (Path(folder) / STORE_FILE).stat().st_size / 1e6
                print(
                    f"import {size:>9,} entries ({megabytes:.0f} MB CSV), {name} list in the "
                    f"store: {elapsed:7.1f} s, {cpu:.1f} s of CPU ({size / elapsed:,.0f} "
                    "entries/s; store "
                    f"{stored:.0f} MB)",
                    flush=True,
                )
                if profiler is not None:
                    pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)
            store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--imports", help="sizes to time imports of, comma-separated")
    parser.add_argument("--profile", action="store_true", help="with --imports: profile them")
    options = parser.parse_args()
    if options.imports:
        time_imports([int(size) for size in options.imports.split(",")], options.profile)
        return
    with tempfile.TemporaryDirectory() as folder:
        os.environ["RRISK_DATA_DIR"] = folder
        from rrisk.screening.store import ListStore

        path = Path(folder) / "targets.simple.csv"
        start = time.perf_counter()
        write_list(path, options.rows)
        print(
            f"write {options.rows:,}-row CSV ({path.stat().st_size / 1e6:.0f} MB): "
            f"{time.perf_counter() - start:.1f} s"
        )
        store = ListStore()
        reports: list[float] = []
        start = time.perf_counter()
        info = store.import_file(path, "synthetic", "2026-01-01", progress=reports.append)
        print(
            f"import: {time.perf_counter() - start:.1f} s for {info.entries:,} entries "
            f"({len(reports)} progress reports)"
        )
        names = [
            f"{word(i)} {word(i * 7 + 3)} Holding LLC"
            for i in range(0, options.rows, max(1, options.rows // options.queries))
        ][: options.queries]
        names[::2] = [name.replace("Holding", "Holdings") for name in names[::2]]
        start = time.perf_counter()
        found = sum(1 for name in names if store.search("synthetic", name))
        elapsed = time.perf_counter() - start
        print(
            f"screen {len(names)} counterparties: {elapsed:.2f} s "
            f"({elapsed / len(names) * 1000:.1f} ms each; {found} with a hit)"
        )
        store.close()


if __name__ == "__main__":
    main()
