"""The list store: streamed import with progress and cancel, atomic, bounded, indexed."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from rrisk.screening.listfile import (
    ImportCancelled,
    ListImportError,
    blocking,
    programme_of,
    read_entries,
)
from rrisk.screening.store import DATA_DIR_ENV, STORE_FILE, ListStore, data_dir

HEADER = [
    "id",
    "schema",
    "name",
    "aliases",
    "birth_date",
    "countries",
    "addresses",
    "identifiers",
    "sanctions",
    "phones",
    "emails",
    "dataset",
    "first_seen",
    "last_seen",
    "last_change",
]


def write_list(path: Path, rows: list[dict[str, str]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, header, dialect=csv.unix_dialect, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: row.get(key, "") for key in header})
    return path


def synthetic(count: int) -> list[dict[str, str]]:
    return [
        {
            "id": f"e{i}",
            "schema": "Company",
            "name": f"Company{i} Trading",
            "aliases": f"Alias{i} Holding;Другой{i}",
            "sanctions": f"Programme {i % 7} - designated - 2022-01-01",
        }
        for i in range(count)
    ]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ListStore:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    opened = ListStore()
    yield opened
    opened.close()


def test_store_lives_in_the_data_folder_named_by_the_environment(
    store: ListStore, tmp_path: Path
) -> None:
    assert data_dir() == tmp_path / "data"
    assert Path(store.path) == tmp_path / "data" / STORE_FILE
    assert Path(store.path).is_file()


def test_import_reports_progress_and_lists_the_result(store: ListStore, tmp_path: Path) -> None:
    path = write_list(tmp_path / "big.csv", synthetic(10_000))
    seen: list[float] = []
    info = store.import_file(path, "big", "2026-01-31", progress=seen.append)
    assert (info.name, info.entries, info.as_of) == ("big", 10_000, "2026-01-31")
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) > 2
    assert [i.name for i in store.lists()] == ["big"]
    # Synthetic names differ by digits only, so near names hit too: the exact one comes first.
    hit = store.search("big", "Company4321 Trading LLC")[0]
    assert hit.entry_id == "e4321" and hit.sanctions == (
        f"Programme {4321 % 7} - designated - 2022-01-01",
    )
    assert store.search("big", "Другой77")[0].entry_id == "e77"


def test_a_cancelled_import_leaves_the_previous_list_intact(
    store: ListStore, tmp_path: Path
) -> None:
    store.import_file(write_list(tmp_path / "a.csv", synthetic(10)), "sanctions", "2025-01-01")
    calls = 0

    def cancel_soon() -> bool:
        nonlocal calls
        calls += 1
        return calls >= 2

    bigger = write_list(tmp_path / "b.csv", synthetic(9_000))
    with pytest.raises(ImportCancelled):
        store.import_file(bigger, "sanctions", "2026-01-01", cancelled=cancel_soon)
    (info,) = store.lists()
    assert (info.entries, info.as_of) == (10, "2025-01-01")
    # Names differ by digits only, so near names hit: what matters is which entries exist.
    assert "e8000" not in {h.entry_id for h in store.search("sanctions", "Company8000 Trading")}
    assert store.search("sanctions", "Company3 Trading")[0].entry_id == "e3"


def test_a_failed_import_leaves_the_previous_list_intact(store: ListStore, tmp_path: Path) -> None:
    store.import_file(write_list(tmp_path / "a.csv", synthetic(5)), "sanctions", "2025-01-01")
    rows = synthetic(3000)
    rows[2500]["name"] = ""
    with pytest.raises(ListImportError, match=r"line 2502: the entry has no id or no name"):
        store.import_file(write_list(tmp_path / "bad.csv", rows), "sanctions")
    (info,) = store.lists()
    assert info.entries == 5


def test_a_successful_import_replaces_a_list_of_the_same_name(
    store: ListStore, tmp_path: Path
) -> None:
    store.import_file(write_list(tmp_path / "a.csv", synthetic(5)), "sanctions")
    store.import_file(write_list(tmp_path / "b.csv", synthetic(3)), "sanctions", "2026-02-01")
    (info,) = store.lists()
    assert (info.entries, info.as_of) == (3, "2026-02-01")
    assert "e4" not in {h.entry_id for h in store.search("sanctions", "Company4 Trading")}


def test_newer_layout_with_program_ids_and_quoted_multi_values_reads(tmp_path: Path) -> None:
    header = [*HEADER[:11], "program_ids", *HEADER[11:]]
    aliases = io.StringIO()
    csv.writer(aliases, delimiter=";", lineterminator="").writerow(["A; B Corp", "Ц Ltd"])
    path = write_list(
        tmp_path / "new.csv",
        [{"id": "x", "name": "Xenon", "aliases": aliases.getvalue(), "program_ids": "P1"}],
        header,
    )
    (entry,) = read_entries(path)
    assert entry.aliases == ("A; B Corp", "Ц Ltd")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name,schema\nX,Company\n", "no column 'id'"),
        (b"id,name\nx,\xff\xfe broken\n", "not UTF-8"),
        (b"id,name\nx,a\x00b\n", "not readable as CSV"),
        (b"", "the file is empty"),  # a failed download, not a list of another layout
    ],
)
def test_hostile_files_are_refused_in_one_line(
    store: ListStore, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "hostile.csv"
    path.write_bytes(content)
    with pytest.raises(ListImportError) as raised:
        store.import_file(path, "hostile")
    assert message in str(raised.value) and "\n" not in str(raised.value)
    assert store.lists() == []


def test_a_workbook_or_utf16_list_is_named_as_such(store: ListStore, tmp_path: Path) -> None:
    """A list saved from a spreadsheet as a workbook or as 'Unicode Text' says what it is,
    not "line 1: not UTF-8 text", which named no cause."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "schema", "name"])
    sheet.append(["x", "Company", "Rosneft"])
    workbook = tmp_path / "targets.simple.xlsx"
    book.save(workbook)
    unicode_text = tmp_path / "targets.simple.txt"
    unicode_text.write_bytes("id\tschema\tname\nx\tCompany\tRosneft\n".encode("utf-16"))
    for path, kind in (
        (workbook, "is a zip archive (an Excel workbook?)"),
        (unicode_text, "is UTF-16 text"),
    ):
        with pytest.raises(ListImportError) as raised:
            store.import_file(path, "spreadsheet")
        message = str(raised.value)
        assert kind in message and "CSV UTF-8" in message and "\n" not in message
    assert store.lists() == []


def test_oversized_fields_are_refused(store: ListStore, tmp_path: Path) -> None:
    path = write_list(tmp_path / "long.csv", [{"id": "x", "name": "N", "aliases": "a" * 100_001}])
    with pytest.raises(ListImportError, match="longer than allowed"):
        store.import_file(path, "long")


def test_control_and_bidi_characters_are_neutralised(store: ListStore, tmp_path: Path) -> None:
    path = write_list(
        tmp_path / "ctl.csv",
        [{"id": "x\x1b[31m", "name": "Evil\u202e Corp", "sanctions": "P\x07 - designated"}],
    )
    store.import_file(path, "ctl")
    (hit,) = store.search("ctl", "Evil Corp")
    assert "\x1b" not in hit.entry_id and "\u202e" not in hit.caption
    assert "\x07" not in hit.sanctions[0]


def test_aliases_per_entry_and_value_length_are_bounded(tmp_path: Path) -> None:
    aliases = ";".join(f"Alias{i}" for i in range(500))
    path = write_list(tmp_path / "many.csv", [{"id": "x", "name": "N" * 2000, "aliases": aliases}])
    (entry,) = read_entries(path)
    assert len(entry.aliases) == 200 and len(entry.name) == 500


def test_unknown_list_is_named_in_the_message(store: ListStore) -> None:
    with pytest.raises(ListImportError, match="no list named 'nope'"):
        store.search("nope", "Rosneft")


@pytest.mark.parametrize(
    ("sanction", "binding"),
    [
        ("US OFAC SDN, EO 14024 - designated - 2022-06-28", True),
        ("US OFAC SDN - delisted - 2019-01-27", False),
        ("US OFAC - not designated (OFAC FAQ 1104)", False),
        ("UK Russia sanctions regime - parent not listed; affiliates designated", False),
        ("EU Council Reg. 2022/345 - ban on investing in projects co-financed by RDIF", True),
        # A word of the listing's reason, a licence ended, a lifting denied: still in force.
        (
            "EU Council Regulation 269/2014 - asset freeze - Responsible for the deportation of "
            "Ukrainian children, who were removed to Russia - 2023-03-16",
            True,
        ),
        ("US OFAC SDN - blocked; general licence 8L terminated - 2022-02-24", True),
        ("UK Russia sanctions regime - asset freeze; designation not lifted after review", True),
        ("EU - asset freeze (not yet lifted)", True),
        ("US OFAC SDN - never delisted", True),
        ("EU - removed from the list on 2024-03-14", False),
        ("EU - removed - 2024-03-14", False),
        ("UK - designation revoked 2023-01-02", False),
        ("EU - sanctions lifted", False),
        ("UK - De-listed - 2023-05-01", False),
        ("US OFAC SDN - no longer designated - 2020", False),
        ("EU - asset freeze - not de-listed", True),
        # Lifted, then put back: in force.
        ("US OFAC SDN - delisted 2019; re-listed 2022", True),
        ("EU - removed 2018, re-designated 2022", True),
        ("UK - asset freeze lifted, then reimposed 2023", True),
    ],
)
def test_which_sanctions_block(sanction: str, binding: bool) -> None:
    assert blocking(sanction) is binding
    assert programme_of(sanction) == sanction.split(" - ")[0]


def _left_by_an_older_release(store: ListStore, tmp_path: Path) -> str:
    """A store holding list "l" (Yandex) as an older release left it: other tokens and keys
    in the older three-column key table, an older version number. Returns its path."""
    import sqlite3

    path = write_list(
        tmp_path / "l.csv",
        [{"id": "y", "schema": "Company", "name": "Yandex", "sanctions": "X"}],
    )
    store.import_file(path, "l")
    assert [hit.entry_id for hit in store.search("l", "Яндекс")] == ["y"]
    db = sqlite3.connect(store.path, isolation_level=None)
    db.execute("UPDATE names SET tokens = 'iandeks'")
    db.execute("DROP TABLE name_keys")
    db.execute(
        "CREATE TABLE name_keys (list_id INTEGER NOT NULL, key TEXT NOT NULL, "
        "name INTEGER NOT NULL, PRIMARY KEY (list_id, key, name)) WITHOUT ROWID"
    )
    db.execute(
        "INSERT INTO name_keys SELECT e.list_id, 'iand', n.id FROM names n JOIN entries e ON e.id = n.entry"
    )
    db.execute("PRAGMA user_version = 1")
    db.close()
    store.close()
    return store.path


def _version(path: str) -> int:
    import sqlite3

    db = sqlite3.connect(path)
    try:
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    finally:
        db.close()


def test_a_store_indexed_by_an_older_normalisation_is_indexed_again(
    store: ListStore, tmp_path: Path
) -> None:
    from rrisk.screening.store import INDEX_VERSION

    path = _left_by_an_older_release(store, tmp_path)
    with ListStore(path) as again:
        assert [hit.entry_id for hit in again.search("l", "Яндекс")] == ["y"]
        assert again._db.execute("PRAGMA user_version").fetchone()[0] == INDEX_VERSION
        assert again.info("l").entries == 1


def test_listing_the_lists_leaves_the_indexing_to_a_search(
    store: ListStore, tmp_path: Path
) -> None:
    from rrisk.screening.store import INDEX_VERSION

    path = _left_by_an_older_release(store, tmp_path)
    with ListStore(path, reindex=False) as listing:
        assert listing.needs_reindex()
        assert [info.name for info in listing.lists()] == ["l"]
        assert listing.info("l").entries == 1
    assert _version(path) == 1
    with ListStore(path) as searching:
        assert not searching.needs_reindex()
        assert [hit.entry_id for hit in searching.search("l", "Яндекс")] == ["y"]
    assert _version(path) == INDEX_VERSION


def test_a_cancelled_indexing_leaves_the_store_as_it_was(store: ListStore, tmp_path: Path) -> None:
    path = _left_by_an_older_release(store, tmp_path)
    with pytest.raises(ImportCancelled, match="cancelled"):
        ListStore(path, cancelled=lambda: True)
    assert _version(path) == 1
    with ListStore(path) as again:  # indexed in full at the next opening
        assert [hit.entry_id for hit in again.search("l", "Яндекс")] == ["y"]


def test_a_list_cut_off_inside_a_quoted_field_is_refused(store: ListStore, tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_text('id,schema,name,aliases,sanctions\na1,Company,Alpha,"x;y\n', encoding="utf-8")
    with pytest.raises(ListImportError, match="ends inside a quoted field"):
        store.import_file(path, "cut")
    assert store.info("cut") is None


def test_a_byte_that_is_not_utf8_is_named_by_its_own_line(store: ListStore, tmp_path: Path) -> None:
    rows = synthetic(6_000)
    path = write_list(tmp_path / "l.csv", rows)
    data = path.read_bytes().split(b"\n")
    data[5_000] = data[5_000].replace(b"Trading", b"Trad\xe9ng")  # a Latin-1 byte
    path.write_bytes(b"\n".join(data))
    with pytest.raises(ListImportError, match=r"line 5001: not UTF-8 text"):
        store.import_file(path, "latin")


def test_a_query_with_a_common_word_finds_what_grouping_every_key_finds(
    store: ListStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 3,000 "… Mining" names make the key of "mining" common; "Tomtor" is rare.
    words = ["Vostok", "Zarya", "Polar", "Amur", "Sibir", "Ural"]
    rows = [
        {
            "id": f"m{i}",
            "schema": "Company",
            "name": f"{words[i % 6]}{i} Mining",
            "sanctions": "US OFAC SDN - designated - 2022-01-01",
        }
        for i in range(3_000)
    ]
    rows += [
        {"id": "tomtor", "schema": "Company", "name": "Tomtor Mining LLC"},
        {"id": "tomtor-2", "schema": "Company", "name": "Tomtor Mining and Metals"},
        {"id": "person", "schema": "Person", "name": "Sergey Petrov"},
    ]
    store.import_file(write_list(tmp_path / "mining.csv", rows), "mining", "2026-01-31")
    queries = ["Tomtor Mining", "OOO Tomtor Mining", "Vostok18 Mining", "Sergey Petrov", "Mining"]
    fast = {query: store.search("mining", query) for query in queries}
    assert {hit.entry_id for hit in fast["Tomtor Mining"]} >= {"tomtor", "tomtor-2"}
    assert fast["Vostok18 Mining"][0].entry_id == "m18"
    # The same hits as when every name sharing any key is grouped (the plan for common keys).
    monkeypatch.setattr(ListStore, "_rare_keys", lambda *_args: None)
    for query in queries:
        assert store.search("mining", query) == fast[query], query


def test_a_hit_carries_the_source_its_list_gives_the_entry(tmp_path: Path) -> None:
    """The list's ``dataset`` column is the entry's source: kept, and shown with the hit."""
    from rrisk.screening.screen import bundled_store

    path = tmp_path / "targets.simple.csv"
    path.write_text(
        "id,schema,name,aliases,sanctions,dataset\n"
        "x1,Company,Acme Mining,,US - listed,us_ofac_sdn;gb_hmt_sanctions\n",
        encoding="utf-8",
    )
    with ListStore(str(tmp_path / "store.db")) as store:
        store.import_file(path, "mine")
        (hit,) = store.search("mine", "Acme Mining")
    assert hit.dataset == "us_ofac_sdn; gb_hmt_sanctions"
    # The bundled list's entries carry the fact sheet's line for each.
    store, name, _ = bundled_store()
    try:
        (rosneft,) = [h for h in store.search(name, "Rosneft") if h.entry_id == "rrisk-rosneft"]
    finally:
        store.close()
    assert rosneft.dataset.startswith("Fact sheet: US SDN 22 Oct 2025")


def test_a_store_made_before_sources_were_kept_opens_and_searches(tmp_path: Path) -> None:
    import sqlite3

    folder = tmp_path / "old"
    folder.mkdir()
    db = sqlite3.connect(folder / "old.db")
    db.executescript(
        "CREATE TABLE entries (id INTEGER PRIMARY KEY, list_id INTEGER NOT NULL, "
        "entry_id TEXT NOT NULL, schema TEXT NOT NULL, caption TEXT NOT NULL, "
        "sanctions TEXT NOT NULL);"
    )
    db.close()
    with ListStore(str(folder / "old.db")) as store:
        path = tmp_path / "targets.simple.csv"
        path.write_text("id,schema,name\nx1,Company,Acme Mining\n", encoding="utf-8")
        store.import_file(path, "mine")
        (hit,) = store.search("mine", "Acme Mining")
    assert hit.dataset == ""


def _text(rows: list[list[str]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


_ROW = ["NK-1", "Company", "Norilsk Nickel", "Nornickel;Норникель", *[""] * 4, "EU 2022", *[""] * 6]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        # A download cut off between two fields: the last entry loses its aliases and more.
        ([HEADER, _ROW, _ROW[:3]], "line 3: has 3 fields where the header names 15"),
        ([HEADER, _ROW, _ROW[:1]], "line 3: has 1 field where the header names 15"),
        ([HEADER, _ROW[:1] + ["x"] + _ROW[1:]], "line 2: has 16 fields"),
        ([HEADER, _ROW, HEADER, ["NK-2", *_ROW[1:]]], "line 3: repeats the header"),
        ([HEADER], "holds no entry, only its header"),
        ([HEADER, _ROW, _ROW], "lines 2 and 3: the id 'NK-1' is given to two entries"),
    ],
)
def test_a_damaged_joined_empty_or_doubled_list_is_refused_and_nothing_kept(
    store: ListStore, tmp_path: Path, rows: list[list[str]], message: str
) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(_text(rows))
    with pytest.raises(ListImportError) as raised:
        store.import_file(path, "ofac")
    assert message in str(raised.value), str(raised.value)
    assert store.lists() == []


@pytest.mark.parametrize("quoted", [False, True])
@pytest.mark.parametrize(("delimiter", "word"), [(";", "semicolons"), ("\t", "tabs")])
def test_a_spreadsheets_resave_of_a_list_is_named_as_such(
    store: ListStore, tmp_path: Path, delimiter: str, word: str, quoted: bool
) -> None:
    """Quoted too ("id";"schema";…, as a spreadsheet writes with every text cell quoted):
    that is no CSV with commas at all, and was called "not readable as CSV"."""
    path = tmp_path / "resaved.csv"
    if quoted:
        rows = [HEADER, _ROW]
        lines = [delimiter.join(f'"{field}"' for field in row) for row in rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        path.write_bytes(_text([HEADER, _ROW], delimiter))
    with pytest.raises(ListImportError) as raised:
        store.import_file(path, "ofac")
    assert f"separated by {word}, not commas" in str(raised.value)


def test_a_store_locked_by_an_import_is_called_busy_not_broken(
    store: ListStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # as a large import holds it
    real = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real(*a, **{**k, "timeout": 0.05}))
    try:
        with pytest.raises(ListImportError) as raised:
            ListStore(store.path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "is busy: a list is being imported" in str(raised.value)
    assert "cannot be opened" not in str(raised.value)


def test_list_names_are_one_whatever_their_case(store: ListStore, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(_text([HEADER, _ROW]))
    store.import_file(path, "OFAC", "2025-01-01")
    store.import_file(path, "ofac", "2025-06-01")  # the update, typed in lower case
    assert [(info.name, info.as_of) for info in store.lists()] == [("ofac", "2025-06-01")]
    info = store.info("Ofac")
    assert info is not None and info.name == "ofac"
    assert [hit.entry_id for hit in store.search("Ofac", "Norilsk Nickel")] == ["NK-1"]


def test_list_names_are_one_whatever_their_spacing(store: ListStore, tmp_path: Path) -> None:
    """As a decision reads the list it was made on: "Partner  list" is "partner list"."""
    path = tmp_path / "list.csv"
    path.write_bytes(_text([HEADER, _ROW]))
    store.import_file(path, "Partner list", "2025-01-01")
    store.import_file(path, "Partner  list", "2025-06-01")
    assert [(info.name, info.as_of) for info in store.lists()] == [("Partner  list", "2025-06-01")]
    info = store.info(" partner list ")
    assert info is not None and info.name == "Partner  list"


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("RRISK-TEMPLATE", "is the bundled list"),
        ("x" * 501, "at most 500"),
        ("a\tb", "a tab or a line break"),
        ("   ", "needs a name"),
    ],
)
def test_a_list_name_a_document_could_not_record_is_refused(name: str, problem: str) -> None:
    from rrisk.screening.listfile import list_name_problem

    found = list_name_problem(name, "rrisk-template")
    assert found is not None and problem in found
    assert list_name_problem("OFAC SDN 2025", "rrisk-template") is None


def test_a_list_as_of_date_after_today_is_refused() -> None:
    from rrisk.screening.listfile import list_as_of_problem

    assert "after today" in (list_as_of_problem("2099-01-01") or "")
    assert list_as_of_problem("2025-06-30", today="2025-07-01") is None
    assert list_as_of_problem("2025-07-02", today="2025-07-01") is not None
    assert list_as_of_problem("") is None  # not given
    assert "is not YYYY-MM-DD" in (list_as_of_problem("20250101") or "")


def test_a_last_line_of_spaces_is_a_blank_line(store: ListStore, tmp_path: Path) -> None:
    """An editor's trailing line of spaces was refused as a download "cut off or damaged"."""
    path = tmp_path / "list.csv"
    path.write_bytes(_text([HEADER, _ROW]) + b"   \n")
    assert store.import_file(path, "ofac").entries == 1


def test_a_list_in_a_code_page_asks_for_csv_utf8(store: ListStore, tmp_path: Path) -> None:
    """A list a spreadsheet saved in Windows' Arabic code page is refused at its line, and the
    message says how to save it ("line 2: not UTF-8 text" said no more)."""
    path = tmp_path / "sudan.csv"
    path.write_bytes("id,schema,name\nsd-1,Company,الجنيد للأنشطة المتعددة\n".encode("cp1256"))
    with pytest.raises(ListImportError) as raised:
        store.import_file(path, "sudan")
    message = str(raised.value)
    assert f"{path}, line 2: not UTF-8 text" in message and "'CSV UTF-8'" in message
    assert store.lists() == []


def test_a_list_cut_off_inside_a_letter_asks_for_the_download_again(
    store: ListStore, tmp_path: Path
) -> None:
    """A download cut off in the middle of a name's last letter was told it was saved in
    another encoding, and to save it from a spreadsheet as 'CSV UTF-8'."""
    path = tmp_path / "list.csv"
    path.write_bytes("id,schema,name\nru-1,Person,Пётр\n".encode()[:-2])
    with pytest.raises(ListImportError) as raised:
        store.import_file(path, "ofac")
    message = str(raised.value)
    assert (
        message == f"{path}, line 2: the file ends inside a character (cut off? download it again)"
    )
    assert store.lists() == []


def test_a_store_whose_tables_are_damaged_is_said_in_a_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its first page opens, its tables cannot be read (a disk error, a copy cut short):
    `rrisk lists`, the Screening tab's list of lists and a screening against it ended with
    sqlite3's traceback."""
    from rrisk.screening.store import imported_lists, remove_list

    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    with ListStore() as store:
        store.import_file(write_list(tmp_path / "a.csv", synthetic(3)), "watch")
    location = tmp_path / "data" / STORE_FILE
    data = location.read_bytes()
    location.write_bytes(data[:4096] + b"\xff" * (len(data) - 4096))
    damaged = f"{location}: the list store cannot be opened (database disk image is malformed)"
    with pytest.raises(ListImportError) as raised:
        imported_lists()
    assert str(raised.value) == damaged
    with ListStore() as opened, pytest.raises(ListImportError) as raised:
        opened.info("watch")
    assert str(raised.value) == damaged
    with pytest.raises(ListImportError, match="database disk image is malformed"):
        remove_list("watch")


def test_a_store_whose_entries_are_damaged_is_said_in_a_line_when_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its lists read, its entries cannot (a disk error late in the file): a search said it
    as `rrisk screen` and `rrisk lists` say a damaged store, where the Screening tab's
    search read 'screening failed (DatabaseError: database disk image is malformed)'."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    with ListStore() as store:
        store.import_file(write_list(tmp_path / "a.csv", synthetic(3000)), "watch")
    location = tmp_path / "data" / STORE_FILE
    data = location.read_bytes()
    half = len(data) // 2 // 4096 * 4096  # the lists are on the first pages, the entries after
    location.write_bytes(data[:half] + b"\xff" * (len(data) - half))
    with ListStore() as opened:
        assert opened.info("watch") is not None  # it opens, and its lists read
        with pytest.raises(ListImportError) as raised:
            opened.search("watch", "Company2999 Trading")
    assert str(raised.value) == (
        f"{location}: the list store cannot be opened (database disk image is malformed)"
    )


def test_a_damaged_store_is_said_by_the_store_naming_the_file(damaged_store: Path) -> None:
    """Whatever the damage, the store's own error names the file and what is wrong (an older
    store whose names cannot be read gave sqlite3's DatabaseError from needs_reindex, which
    the Screening tab's list of lists did not catch)."""
    with pytest.raises(ListImportError) as raised, ListStore(reindex=False) as store:
        store.lists()
        store.needs_reindex()  # as the Screening tab's list of lists reads it
    said = str(raised.value)
    assert said.startswith(f"{damaged_store}: the list store cannot be opened (")
    assert "\n" not in said


def test_a_list_imported_again_with_other_entries_is_another_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list imported again under its name, date and source, with as many entries but one
    changed, read as the same version: the check before a memo then took the hits of a
    screening of the old entries for the list's (a new hit went unsaid)."""
    from rrisk.screening.screen import current_for, list_version, screen_document
    from rrisk.templates import new_from_template

    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    rows = synthetic(5)
    path = write_list(tmp_path / "targets.simple.csv", rows)
    doc = new_from_template("russia-rare-earths")
    doc.screening.list_name, doc.screening.list_as_of = "ofac", "2026-01-31"

    def screened() -> object:
        with ListStore() as store:
            store.import_file(path, "ofac", "2026-01-31", str(path))
            report = screen_document(doc, store, "ofac", "2026-01-31")
            report.version = list_version(store, "ofac")
        return report

    report = screened()
    assert screened().version == report.version  # the same entries: the same version
    assert current_for(doc, report)
    rows[2] = {**rows[2], "name": "Nornickel Trading"}
    write_list(path, rows)
    with ListStore() as store:
        store.import_file(path, "ofac", "2026-01-31", str(path))
        info = store.info("ofac")
    assert info is not None and (info.as_of, info.source, info.entries) == (
        "2026-01-31",
        str(path),
        5,
    )
    assert not current_for(doc, report)
    # The entries' order counts: where a search scores only some of the names that share a
    # counterparty's words, the earlier ones are scored.
    report = screened()
    write_list(path, rows[::-1])
    with ListStore() as store:
        store.import_file(path, "ofac", "2026-01-31", str(path))
    assert not current_for(doc, report)


def test_a_store_made_before_lists_kept_a_digest_opens_with_it_unknown(tmp_path: Path) -> None:
    import sqlite3

    from rrisk.screening.screen import list_version

    folder = tmp_path / "old"
    folder.mkdir()
    db = sqlite3.connect(folder / "old.db")
    db.executescript(
        "CREATE TABLE lists (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, "
        "as_of TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '', "
        "entries INTEGER NOT NULL DEFAULT 0);"
        "INSERT INTO lists (name, as_of, source, entries) VALUES ('ofac', '2025-06-30', 'f', 1);"
    )
    db.close()
    with ListStore(str(folder / "old.db"), reindex=False) as store:
        assert [info.digest for info in store.lists()] == [""]
        assert list_version(store, "ofac") == ("2025-06-30", "f", 1, "")
        path = write_list(tmp_path / "targets.simple.csv", synthetic(1))
        info = store.import_file(path, "ofac", "2025-06-30", "f")
    assert len(info.digest) == 64


def test_a_store_that_may_not_be_opened_is_not_called_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder in the store file's place (as a store the user may not open or write): it was
    called damaged, and the user told to delete it and import the lists again, lists and all,
    where nothing is wrong with them."""
    from rrisk.screening.listfile import StoreDamaged

    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    path = tmp_path / "data" / STORE_FILE
    path.mkdir(parents=True)
    with pytest.raises(ListImportError) as raised:
        ListStore(reindex=False)
    assert not isinstance(raised.value, StoreDamaged)
    assert str(raised.value).startswith(f"{path}: the list store cannot be opened (unable to open")
