"""Removing an imported list from the store: by its name in any case or spacing, whole or not
at all, never the bundled list, and never while an import holds the store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rrisk.screening.listfile import ListImportError
from rrisk.screening.store import DATA_DIR_ENV, STORE_FILE, ListStore, remove_list


def write_list(path: Path, count: int, prefix: str = "e") -> Path:
    lines = ["id,schema,name,aliases,sanctions"]
    lines += [
        f"{prefix}{n},Company,Company{n} Trading,Alias{n} Holding,EU 2022 - designated"
        for n in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


def rows_of(path: str, list_id: int) -> tuple[int, int, int]:
    """The entries, names and index keys the store still holds for ``list_id``."""
    db = sqlite3.connect(path)
    try:
        entries = db.execute("SELECT COUNT(*) FROM entries WHERE list_id = ?", (list_id,))
        names = db.execute(
            "SELECT COUNT(*) FROM names WHERE entry IN (SELECT id FROM entries WHERE list_id = ?)"
            " OR entry NOT IN (SELECT id FROM entries)",
            (list_id,),
        )
        keys = db.execute("SELECT COUNT(*) FROM name_keys WHERE list_id = ?", (list_id,))
        return entries.fetchone()[0], names.fetchone()[0], keys.fetchone()[0]
    finally:
        db.close()


def list_id(path: str, name: str) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT id FROM lists WHERE name = ?", (name,)).fetchone()[0]
    finally:
        db.close()


def test_a_list_is_removed_by_its_name_in_any_case_or_spacing_and_nothing_of_it_stays(
    data: Path, tmp_path: Path
) -> None:
    with ListStore() as store:
        store.import_file(write_list(tmp_path / "o.csv", 30), "OFAC  SDN", "2025-01-01")
        store.import_file(write_list(tmp_path / "e.csv", 5, "eu"), "eu")
        path = store.path
    removed_id = list_id(path, "OFAC  SDN")
    info = remove_list(" ofac sdn ")
    assert (info.name, info.entries, info.as_of) == ("OFAC  SDN", 30, "2025-01-01")
    assert rows_of(path, removed_id) == (0, 0, 0)
    with ListStore() as store:
        assert [item.name for item in store.lists()] == ["eu"]
        assert store.search("eu", "Company3 Trading")[0].entry_id == "eu3"  # the other stays
        assert store.remove("OFAC SDN") is None  # gone: nothing to remove twice


def test_the_bundled_list_or_an_unknown_name_is_refused_naming_the_list(
    data: Path, tmp_path: Path
) -> None:
    with pytest.raises(ListImportError) as raised:
        remove_list("RRISK-Template")
    assert "'RRISK-Template' is the bundled list, which cannot be removed" in str(raised.value)
    with pytest.raises(ListImportError) as raised:
        remove_list("ofac")
    assert "no imported list named 'ofac' (imported lists: none;" in str(raised.value)
    assert not data.exists()  # refusing made no store
    with ListStore() as store:
        store.import_file(write_list(tmp_path / "e.csv", 2), "EU  list")
        store.import_file(write_list(tmp_path / "u.csv", 2), "uk")
    with pytest.raises(ListImportError) as raised:
        remove_list("ofac")
    assert "(imported lists: 'EU  list', 'uk'; the bundled list 'rrisk-template'" in str(
        raised.value
    )
    with ListStore() as store:
        assert [item.entries for item in store.lists()] == [2, 2]


def test_an_interrupted_removal_leaves_the_list_whole(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ListStore() as store:
        store.import_file(write_list(tmp_path / "o.csv", 40), "ofac")
        path = store.path
    before = rows_of(path, list_id(path, "ofac"))
    real = ListStore._delete_list

    def cut_short(self: ListStore, list_id: int) -> None:
        self._db.execute("DELETE FROM name_keys WHERE list_id = ?", (list_id,))
        raise KeyboardInterrupt  # Ctrl+C halfway through

    monkeypatch.setattr(ListStore, "_delete_list", cut_short)
    with pytest.raises(KeyboardInterrupt):
        remove_list("ofac")
    monkeypatch.setattr(ListStore, "_delete_list", real)
    assert rows_of(path, list_id(path, "ofac")) == before
    with ListStore() as store:
        assert store.search("ofac", "Company7 Trading")[0].entry_id == "e7"


def test_a_removal_while_an_import_holds_the_store_is_busy_and_removes_nothing(
    data: Path, tmp_path: Path
) -> None:
    with ListStore() as store:
        store.import_file(write_list(tmp_path / "o.csv", 10), "ofac", "2025-01-01")
    refused: list[str] = []

    def meanwhile(fraction: float) -> None:
        # Another window or `rrisk lists remove` while this import holds the store.
        if not refused and fraction > 0.1:
            with pytest.raises(ListImportError) as raised:
                remove_list("ofac")
            refused.append(str(raised.value))

    with ListStore() as store:
        store.import_file(write_list(tmp_path / "e.csv", 3_000, "eu"), "eu", progress=meanwhile)
    assert refused and "the list store is busy: a list is being imported" in refused[0]
    with ListStore() as store:
        assert [(i.name, i.entries) for i in store.lists()] == [("eu", 3_000), ("ofac", 10)]
        assert store.search("ofac", "Company3 Trading")[0].entry_id == "e3"
    assert (data / STORE_FILE).is_file()
