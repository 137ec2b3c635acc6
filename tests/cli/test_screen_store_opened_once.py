"""`rrisk screen` opens this computer's list store once for a run (it opened it three times:
to find the recorded list, to ask whether it needs indexing again, and to search)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from rrisk.fileformat import save
from rrisk.templates import new_from_template


def _store_opens(monkeypatch: pytest.MonkeyPatch, store: Path) -> list[str]:
    """Every connection made to the store file from now on (the bundled list's store lives in
    memory and is not counted)."""
    opened: list[str] = []
    connect = sqlite3.connect

    def counting(database: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if Path(str(database)) == store:
            opened.append(str(database))
        return connect(database, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", counting)
    return opened


@pytest.mark.parametrize("chosen", ["recorded", "--list"])
@pytest.mark.parametrize("older_index", [False, True])
def test_screen_opens_the_list_store_once_and_screens_as_before(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    chosen: str,
    older_index: bool,
) -> None:
    from rrisk.cli import main
    from rrisk.screening.screen import open_list, screen_document

    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    listing = tmp_path / "drc.csv"
    listing.write_text(
        "id,schema,name,sanctions\nw1,Company,Rosneft,US OFAC SDN - designated\n",
        encoding="utf-8",
    )
    assert main(["lists", "import", str(listing), "--name", "drc watch list"]) == 0
    capsys.readouterr()
    store = tmp_path / "data" / "screening.sqlite3"
    if older_index:  # as an older release left it: indexed again by the run, and said
        db = sqlite3.connect(store, isolation_level=None)
        db.execute("PRAGMA user_version = 1")
        db.close()
    document = new_from_template("russia-rare-earths")
    document.screening.list_name = "DRC Watch List" if chosen == "recorded" else ""
    path = tmp_path / "case.rrisk"
    save(document, path)
    command = ["screen", str(path), "--format", "json"]
    if chosen == "--list":
        command += ["--list", " DRC watch list"]

    opened = _store_opens(monkeypatch, store)
    assert main(command) == 0
    out, err = capsys.readouterr()
    assert len(opened) == 1

    said = []
    if chosen == "recorded":
        said.append("rrisk: screening against drc watch list, the list the document records")
    if older_index:
        said.append(
            "rrisk: indexing the imported lists again after an update (once; up to a minute for "
            "a large list)…"
        )
    assert err.splitlines() == said
    assert sqlite3.connect(store).execute("PRAGMA user_version").fetchone()[0] != 1
    # The same report as the app's Screening tab makes of the list (opened its own way).
    lists, name, as_of = open_list("drc watch list")
    try:
        expected = screen_document(document, lists, name, as_of).as_dict(document)
    finally:
        lists.close()
    assert json.loads(out) == json.loads(json.dumps(expected, ensure_ascii=False))
    hits = [h for p in expected["projects"] for c in p["counterparties"] for h in c["hits"]]
    assert {hit["entry_id"] for hit in hits} == {"w1"}
