"""Shared test set-up: headless Qt, and small documents built in code."""

from __future__ import annotations

import os

# Must be set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Every app the tests start is its own instance (a second one would otherwise hand its file to
# the first and exit); tests/desktop/window/test_instance.py covers the hand-over itself.
os.environ.setdefault("RRISK_NEW_INSTANCE", "1")

import pytest  # noqa: E402 - after the environment above, which Qt reads on import


@pytest.fixture
def override_changed():  # noqa: ANN201
    """(old, new, scenario id): the template, and a copy whose first scenario scores Tomtor's
    sanctions cell at likelihood 1 (a change of the scenario only, not of the baseline)."""
    from rrisk.templates import new_from_template

    old = new_from_template("russia-rare-earths")
    new = old.model_copy(deep=True)
    scenario = new.scenarios[0]
    override = next(
        o for o in scenario.cell_overrides if (o.project, o.criterion) == ("tomtor", "sanctions")
    )
    override.likelihood = 1
    return old, new, scenario.id


@pytest.fixture(params=("cut short", "not a database", "other tables", "names unreadable"))
def damaged_store(request, tmp_path, monkeypatch):  # noqa: ANN001, ANN201
    """The path of the data folder's list store, damaged in each of four ways (a test using it
    runs for each), holding a list 'watch' of 'Acme Mining N Limited' before. 'names
    unreadable': a store of an older release (to be indexed again) whose lists read and whose
    names do not."""
    import sqlite3

    from rrisk.screening.store import STORE_FILE, ListStore

    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "data" / STORE_FILE

    def make(kind: str):  # noqa: ANN202
        table = tmp_path / "watch.csv"
        table.write_text(
            '"id","schema","name","aliases","sanctions"\n'
            + "".join(f'"w-{i}","Company","Acme Mining {i} Limited","",""\n' for i in range(400)),
            encoding="utf-8",
        )
        with ListStore() as store:
            store.import_file(table, "watch", "2026-11-30")
        if kind == "cut short":
            path.write_bytes(path.read_bytes()[:6000])
        elif kind == "not a database":
            path.write_text('{"lists": ["watch"]}\n', encoding="utf-8")
        elif kind == "other tables":
            path.unlink()
            with sqlite3.connect(path) as db:
                db.execute("CREATE TABLE lists (x INTEGER)")
                db.execute("CREATE TABLE entries (y TEXT)")
            db.close()
        else:  # every page but the schema's and the lists' unreadable
            db = sqlite3.connect(path)
            db.execute("PRAGMA user_version = 1")
            db.commit()
            size = db.execute("PRAGMA page_size").fetchone()[0]
            kept = {1} | {
                page
                for (page,) in db.execute(
                    "SELECT rootpage FROM sqlite_master WHERE tbl_name = 'lists'"
                )
            }
            db.close()
            data = bytearray(path.read_bytes())
            for page in range(1, len(data) // size + 1):
                if page not in kept:
                    data[(page - 1) * size : page * size] = b"\xff" * size
            path.write_bytes(bytes(data))
        return path

    return make(request.param)
