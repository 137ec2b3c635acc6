"""List import speed with this checkout's name normalisation against a git ref's.

    python bench/bench_names.py [--rows 100000] [--rounds 5] [--ref main | --ref FILE.py]

Writes a synthetic list (as ``bench_screening.py`` does), then imports it into a fresh store
``--rounds`` times with each normalisation, alternating which goes first: the ref's
``rrisk/screening/names.py`` (read with ``git show``) is loaded as a module of its own and its
``name_parts`` / ``name_keys`` are the ones the store calls. The machine's speed drifts, so
what counts is the median of the per-round ratios (ref / this), not the seconds. Each round
also checks that both stored the same tokens and keys. Everything happens in a temporary
folder; the user's own store is not touched.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def ref_names(ref: str, folder: Path) -> ModuleType:
    """``rrisk/screening/names.py`` as it is at ``ref`` (or in the file ``ref`` names, if one
    exists), loaded as a module of its own."""
    if Path(ref).is_file():
        source = Path(ref).read_text(encoding="utf-8")
    else:
        source = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{ref}:rrisk/screening/names.py"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    path = folder / "names_ref.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("names_ref", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["names_ref"] = module  # (its dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


def import_once(path: Path, folder: Path, names: ModuleType) -> tuple[float, str]:
    """Seconds to import ``path`` into a fresh store with ``names``' normalisation, and a
    digest of the stored tokens and keys."""
    from rrisk.screening import store as store_module

    store_module.name_parts = names.name_parts  # type: ignore[attr-defined]
    store_module.name_keys = names.name_keys  # type: ignore[attr-defined]
    clear_caches(names)
    os.environ["RRISK_DATA_DIR"] = str(folder)
    lists = store_module.ListStore()
    start = time.perf_counter()
    lists.import_file(path, "synthetic", "2026-01-01")
    elapsed = time.perf_counter() - start
    digest = hashlib.sha256()
    for query in ("SELECT name, tokens FROM names ORDER BY id", "SELECT * FROM name_keys"):
        for row in lists._db.execute(query):
            digest.update(repr(row).encode("utf-8"))
    lists.close()
    clear_caches(names)  # (the other's caches would slow this one's garbage collection)
    return elapsed, digest.hexdigest()


def clear_caches(names: ModuleType) -> None:
    """Empty every cache of a normalisation module, as in a new process."""
    for value in vars(names).values():
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--ref", default="main")
    options = parser.parse_args()
    from bench_screening import write_list

    from rrisk.screening import names as current

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        reference = ref_names(options.ref, folder)
        path = folder / "targets.simple.csv"
        write_list(path, options.rows)
        ratios: list[float] = []
        for round_ in range(options.rounds):
            order = [("ref", reference), ("this", current)]
            if round_ % 2:
                order.reverse()
            seconds: dict[str, float] = {}
            digests: set[str] = set()
            for label, names in order:
                store_folder = folder / f"{label}{round_}"
                store_folder.mkdir()
                seconds[label], digest = import_once(path, store_folder, names)
                digests.add(digest)
            if len(digests) != 1:
                sys.exit(f"round {round_ + 1}: the two normalisations stored different indexes")
            ratios.append(seconds["ref"] / seconds["this"])
            print(
                f"round {round_ + 1}: {options.ref} {seconds['ref']:.2f} s, "
                f"this {seconds['this']:.2f} s, ratio {ratios[-1]:.2f}",
                flush=True,
            )
        print(
            f"import of {options.rows:,} entries: median ratio {options.ref}/this "
            f"{statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f}); "
            "same index each round"
        )


if __name__ == "__main__":
    main()
