"""A small sanctions list of given entries, imported into a store held in memory (for the
screening tests)."""

from __future__ import annotations

import csv
from pathlib import Path

from rrisk.screening.store import ListStore


def memory_store(folder: Path, list_name: str, rows: list[tuple[str, ...]]) -> ListStore:
    """A store holding one list ``list_name`` of ``rows``: (id, schema, name, aliases,
    sanctions), written in the OpenSanctions layout and imported as a user imports one."""
    path = folder / "targets.simple.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "schema", "name", "aliases", "sanctions"])
        writer.writerows(rows)
    lists = ListStore(":memory:")
    lists.import_file(path, list_name)
    return lists
