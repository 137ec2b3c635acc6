"""A database of another program in the list store's place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rrisk.screening.listfile import ListImportError, StoreDamaged
from rrisk.screening.store import ListStore


def _tables(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT type, name FROM sqlite_master ORDER BY name").fetchall()
    db.close()
    return rows


@pytest.mark.parametrize(
    ("tables", "said"),
    [
        (["foo"], "the table 'foo'"),
        (["users", "sessions"], "the tables 'sessions' and 'users'"),
        (["a", "b", "c", "d", "e"], "the tables 'a', 'b', 'c' and 2 more"),
    ],
)
def test_another_programs_database_is_refused_and_left_as_it_was(
    tmp_path: Path, tables: list[str], said: str
) -> None:
    """The store wrote its tables into any SQLite file in its place, and a list imported
    into it was kept there."""
    path = tmp_path / "screening.sqlite3"
    with sqlite3.connect(path) as db:
        for table in tables:
            db.execute(f"CREATE TABLE {table} (x)")
            db.execute(f"INSERT INTO {table} VALUES (1)")
    db.close()
    before = _tables(path)
    with pytest.raises(ListImportError) as raised:
        ListStore(path)
    assert not isinstance(raised.value, StoreDamaged)  # so no advice to delete it
    assert str(raised.value) == (
        f"{path}: is another database, not RRisk's list store (it holds {said}); nothing was "
        "changed in it: move it away, and RRisk makes its list store there again"
    )
    assert _tables(path) == before
    with pytest.raises(ListImportError):
        ListStore(path, reindex=False)  # as the lists are listed
    assert _tables(path) == before


def test_an_empty_database_becomes_a_list_store(tmp_path: Path) -> None:
    path = tmp_path / "screening.sqlite3"
    sqlite3.connect(path).close()
    with ListStore(path) as store:
        assert store.lists() == []
    with ListStore(path) as store:  # and opens again as one
        assert store.lists() == []
