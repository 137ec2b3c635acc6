"""A list's import in bulk: what it stores is what indexing the names one by one gives, and an
import stopped anywhere, even killed, leaves the store as it was."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_screening_store import synthetic, write_list

from rrisk.screening.listfile import ImportCancelled, bundled_list
from rrisk.screening.store import ListStore

QUERIES = ("Company17 Trading", "Alias3 Holding LLC", "Другой12", "Rosneft", "Gazprom Neft Trading")


def tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as db:
        return {
            table: db.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
            for table, order in (
                ("lists", "id"),
                ("entries", "id"),
                ("names", "id"),
                ("name_keys", "list_id, key, name, next"),
            )
        }


def searches(store: ListStore) -> list[object]:
    return [store.search(name, query) for name in ("watch", "bundled") for query in QUERIES]


def test_an_import_stores_the_index_that_indexing_its_names_anew_gives(tmp_path: Path) -> None:
    """The keys are gathered and added to the index at the end, in its order: the same rows
    as the store's indexing of every name afresh (another path through the code), for two
    lists side by side, one imported twice, and the same hits."""
    rows = synthetic(300)
    rows[5]["aliases"] = "Company5 Trading;Company5 Trading;Ltd"  # keys given twice, no tokens
    listing = write_list(tmp_path / "watch.csv", rows)
    path = tmp_path / "store.sqlite3"
    with ListStore(path) as store:
        store.import_file(bundled_list().path, "bundled")
        store.import_file(listing, "watch")
        store.import_file(bundled_list().path, "bundled")  # replaced: other ids
        found = searches(store)
        assert store._db.execute("PRAGMA cache_size").fetchone()[0] == -2000  # as before
    imported = tables(path)
    assert len(imported["name_keys"]) > 1_000
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 0")  # another normalisation's: indexed again
    with ListStore(path) as store:
        assert searches(store) == found
        temporary = store._db.execute("SELECT name FROM temp.sqlite_master").fetchall()
        assert temporary == []
    assert tables(path) == imported


def test_an_import_cancelled_while_its_index_is_added_leaves_the_store_as_it_was(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store.sqlite3"
    with ListStore(path) as store:
        store.import_file(write_list(tmp_path / "old.csv", synthetic(50)), "watch")
    before = tables(path)
    other = write_list(tmp_path / "new.csv", synthetic(3_000))
    with ListStore(path) as store:
        asked = []

        def cancelled() -> bool:
            asked.append(True)
            return len(asked) > 2  # after the last row's test: while the keys are added

        with pytest.raises(ImportCancelled):
            store.import_file(other, "watch", cancelled=cancelled)
        assert store._db.execute("PRAGMA cache_size").fetchone()[0] == -2000
        # Nothing left behind: the next import works, with its own keys alone.
        store.import_file(other, "other")
    after = tables(path)
    assert [row[1] for row in after["lists"]] == ["watch", "other"]
    assert [row for row in after["entries"] if row[1] == before["lists"][0][0]] == before["entries"]


def test_an_import_killed_half_way_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    """The process dies in the middle of the load (the power cut short of the disk): the next
    opening finds the list that was there, whole, and nothing of the new one."""
    path = tmp_path / "store.sqlite3"
    with ListStore(path) as store:
        store.import_file(write_list(tmp_path / "old.csv", synthetic(50)), "watch")
        found = searches_of(store)
    before = tables(path)
    big = write_list(tmp_path / "big.csv", synthetic(20_000))
    script = textwrap.dedent(
        f"""
        import sys, time
        from rrisk.screening.store import ListStore

        def progress(fraction):
            if fraction >= 0.5:
                print("half", flush=True)
                time.sleep(60)

        with ListStore({str(path)!r}) as store:
            store.import_file({str(big)!r}, "watch", progress=progress)
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "half\n"
        assert Path(f"{path}-journal").exists()  # the load is under way, written in part
    finally:
        child.kill()  # SIGKILL: no handler, no clean-up
        child.wait()
    with ListStore(path) as store:
        assert searches_of(store) == found
        assert [info.name for info in store.lists()] == ["watch"]
    assert tables(path) == before


def searches_of(store: ListStore) -> list[object]:
    return [store.search("watch", query) for query in QUERIES[:3]]
