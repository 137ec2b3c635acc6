"""The per-user store of imported sanctions lists: one SQLite file with a token index.

Where: ``$RRISK_DATA_DIR`` if set, else the user's data folder (``%LOCALAPPDATA%\\RRisk`` on
Windows, ``~/Library/Application Support/RRisk`` on macOS, ``$XDG_DATA_HOME/rrisk`` or
``~/.local/share/rrisk`` elsewhere), file ``screening.sqlite3``.

Tables: ``lists`` (name, as-of date, source, entry count, digest of the entries), ``entries`` (id, schema, caption,
sanctions), ``names`` (each name and alias with its normalised tokens, then its generic words) and ``name_keys``
(index key → name, see :func:`rrisk.screening.names.token_key`). Screening looks up the keys
of a counterparty's tokens, keeps the names whose shared keys cover enough of the query's
letters to possibly reach the hit threshold, and scores only those: an index, not a scan.

An import runs in one transaction: a cancelled or failed import rolls back and leaves the
list of that name as it was; a successful one replaces it at commit. Removing a list is one
transaction too (:func:`remove_list`).
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rrisk.screening.decisions import list_name_shown, same_list
from rrisk.screening.listfile import (
    ImportCancelled,
    ListEntry,
    ListImportError,
    StoreBusy,
    StoreDamaged,
    read_entries,
)
from rrisk.screening.names import (
    EXACT_PREFIX,
    HIT_THRESHOLD,
    SHORT_TOKEN,
    is_industry_word,
    is_initial,
    is_patronymic,
    joined_words,
    name_keys,
    name_match,
    name_parts,
)
from rrisk.text import listed

DATA_DIR_ENV = "RRISK_DATA_DIR"
STORE_FILE = "screening.sqlite3"
INDEX_VERSION = 16
"""The normalisation the stored tokens and keys were made with (SQLite's ``user_version``);
a store made by another one is indexed again from its names when opened."""
_REINDEX_STEP = 10_000
"""Names indexed again between two writes, two tests of Cancel and two reports of progress."""
MAX_CANDIDATES = 300
"""Names scored per counterparty at most, best key coverage first (bounds a pathological query);
among names covering the query alike, the shortest first, when the cut bites (a listed parent
among hundreds of subsidiaries that share its word: ~1.5× the time of such a query)."""
_PENDING = "\x00pending"
_COMMON_KEY = 2_000
"""Names sharing a key beyond which the key counts as common (see ``_rare_keys``)."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS lists (
    id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, as_of TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '', entries INTEGER NOT NULL DEFAULT 0,
    digest TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY, list_id INTEGER NOT NULL, entry_id TEXT NOT NULL,
    schema TEXT NOT NULL, caption TEXT NOT NULL, sanctions TEXT NOT NULL,
    dataset TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS entries_by_list ON entries (list_id);
CREATE TABLE IF NOT EXISTS names (
    id INTEGER PRIMARY KEY, entry INTEGER NOT NULL, name TEXT NOT NULL, tokens TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS names_by_entry ON names (entry);
CREATE TABLE IF NOT EXISTS name_keys (
    list_id INTEGER NOT NULL, key TEXT NOT NULL, name INTEGER NOT NULL,
    next TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (list_id, key, name, next)) WITHOUT ROWID;
"""
_NAME_KEYS = _SCHEMA[_SCHEMA.index("CREATE TABLE IF NOT EXISTS name_keys") :]
_IMPORT_CACHE_KIB = 131_072
"""SQLite's page cache while a list is imported (KiB): the index of a large list's keys no
longer fits the default 2 MB, and its pages were written out and read back all the time."""
_STAGED_KEYS = "temp.import_keys"
"""Where an import gathers its index keys, to add them to ``name_keys`` in the index's own
order once every entry is read: added as the names came, each went to a page of its own in
an index of hundreds of MB (a million entries took minutes more)."""


def _lines_of_id(path: str | Path, entry_id: str) -> list[int]:
    """The lines of the list file whose entry has ``entry_id`` (read again only to word a
    refusal: the import keeps no line numbers)."""
    import csv

    from rrisk.screening.listfile import clean

    found: list[int] = []
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [field.strip().casefold() for field in next(reader, [])]
            if "id" not in header:
                return []
            column = header.index("id")
            for row in reader:
                if len(row) > column and clean(row[column]) == entry_id:
                    found.append(reader.line_num)
                    if len(found) == 2:
                        break
    except (OSError, UnicodeDecodeError, csv.Error):
        return []
    return found


def store_exists() -> bool:
    """Whether a list was ever imported here (the store exists): listing makes none."""
    return (data_dir() / STORE_FILE).exists()


def imported_lists() -> list[ListInfo]:
    """The imported lists, for listing: none when no list was ever imported, without making
    the store (a read-only data folder, a first run, still list the bundled list)."""
    if not store_exists():
        return []
    with ListStore(reindex=False) as store:  # listing needs no index
        return store.lists()


def remove_list(name: str) -> ListInfo:
    """Remove the imported list ``name`` (case and spacing aside) from the user's store; the
    list removed. The bundled list cannot be removed, and a name no imported list has is
    refused listing the ones there are; neither makes the store.

    Documents are not touched: a decision records its list's name, entry and programmes, so
    it counts as before, and shows as recorded beside a list that does not give its hit."""
    from rrisk.screening.listfile import bundled_list

    bundled = bundled_list().name
    wanted = name.strip()
    if same_list(wanted, bundled):
        raise ListImportError(
            f"{list_name_shown(wanted)} is the bundled list, which cannot be removed (it comes with "
            "RRisk)"
        )
    removed: ListInfo | None = None
    known: list[str] = []
    if store_exists():
        with ListStore(reindex=False) as store:  # removing needs no index
            removed = store.remove(wanted)
            if removed is None:
                known = [info.name for info in store.lists()]
    if removed is None:
        # Quoted: a name may hold spaces ("OFAC  SDN") or commas.
        listed = ", ".join(list_name_shown(known_name) for known_name in known) or "none"
        raise ListImportError(
            f"no imported list named {list_name_shown(wanted)} (imported lists: {listed}; the "
            f"bundled list '{bundled}' cannot be removed)"
        )
    return removed


def data_dir() -> Path:
    """The folder of the user's RRisk data (see the module docstring)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / "RRisk"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "RRisk"
    return Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share") / "rrisk"


@dataclass(frozen=True)
class ListInfo:
    name: str
    as_of: str
    source: str
    entries: int
    digest: str = ""
    """SHA-256 of the entries as imported, in the file's order (see :func:`_entry_bytes`):
    a list imported again with other entries under the same name, date, source and size is
    another version. Empty: not known (a list imported by a release that kept none)."""


def _entry_bytes(entry: ListEntry) -> bytes:
    """One entry as the list's digest reads it: every field, aliases and programmes in the
    list's order. The entries' order counts too: where more names share a counterparty's
    words than a search scores (:data:`MAX_CANDIDATES`), the earlier ones are scored, so a
    list reordered may give other hits."""
    fields = [
        entry.entry_id,
        entry.schema,
        entry.name,
        list(entry.aliases),
        list(entry.sanctions),
        list(entry.countries),
        entry.dataset,
    ]
    return json.dumps(fields, ensure_ascii=False).encode() + b"\n"


@dataclass(frozen=True)
class Hit:
    """One entry a counterparty meets: its best-matching name and the score."""

    entry_id: str
    caption: str
    schema: str
    matched_name: str
    score: float
    sanctions: tuple[str, ...]
    by_initials: bool = False
    """The names met through an initial ("V. Potanin" / "Vladimir Potanin"): to be checked."""
    dataset: str = ""
    """Where the list took the entry from (its ``dataset`` column: "us_ofac_sdn", …)."""


CONTAINED_SCORE = 0.85
"""The score of a listed name that a counterparty's name begins or ends with (see search)."""
CONTAINED_MATCH = 0.95
"""How closely the beginning or end must meet the listed name to count as containing it."""


_THINGS = frozenset({"Vessel", "Airplane"})
"""List schemas of things, not bodies or people: nothing is named after them, and their names
are often one common word ("Ocean", "Capital"), so they are never hits by containment."""


CONTAINED_WORDS = 6
"""The longest listed name (in words) looked for at a counterparty name's start or end: it
bounds the searches one long name makes."""


def _ends(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The beginnings and ends of a name of several words (the whole name left out, at most
    :data:`CONTAINED_WORDS` words each) that hold a word of :data:`SHORT_TOKEN` letters or
    more other than a trade word (see :func:`_names_a_body`)."""
    longest = min(len(tokens), CONTAINED_WORDS + 1)
    parts = [tokens[:size] for size in range(1, longest)]
    parts += [tokens[-size:] for size in range(1, longest)]
    return [part for part in dict.fromkeys(parts) if any(_names_a_body(t) for t in part)]


def _names_a_body(token: str) -> bool:
    """Whether a word can carry a listed name found at a name's start or end: four letters or
    more, and not a trade word (a listed "Mining Group" says nothing of "Ural Mining")."""
    return len(token) >= SHORT_TOKEN and not is_industry_word(token)


_GENERIC_MARK = " | "
"""Separates a stored name's distinctive tokens from its generic words."""


def _stored_tokens(tokens: tuple[str, ...], generic: tuple[str, ...]) -> str:
    """A name's tokens as the ``names`` table keeps them: distinctive, then generic words."""
    return " ".join(tokens) + (_GENERIC_MARK + " ".join(generic) if generic else "")


_SEARCH_WAIT = 5.0
"""Seconds a store opened for searching (and indexing) waits for an import holding it."""
_LIST_WAIT = 0.5
"""Seconds a store opened for listing waits: the app lists on its GUI thread, and "busy" is
the answer either way."""

_NOT_DAMAGE = ("unable to open", "readonly", "read-only", "permission")
"""What SQLite says of a store it may not open or write (its folder's or file's permissions, a
folder in its place, a read-only disk): the file is not damaged, and must not be deleted."""


def _listed_tables(tables: set[str]) -> str:
    """A database's tables as a message names them: 'the table 'foo'', 'the tables 'a' and
    'b'', 'the tables 'a', 'b', 'c' and 3 more'."""
    names = [repr(name[:40]) for name in sorted(tables)]
    return f"the table{'s' if len(names) > 1 else ''} {listed(names, 3)}"


def _open_problem(path: str, error: Exception) -> ListImportError:
    """Why the store at ``path`` cannot be opened, in words: a store locked by a list import
    under way is busy (:class:`StoreBusy`), one that may not be opened or written is not
    damaged, neither is broken; anything else is damage (:class:`StoreDamaged`)."""
    import sqlite3

    said = f"{path}: the list store cannot be opened ({error})"
    if "locked" in str(error):
        return StoreBusy(
            f"{path}: the list store is busy: a list is being imported (in this or another "
            "RRisk window or command); try again when the import has ended"
        )
    if isinstance(error, sqlite3.OperationalError) and any(
        words in str(error) for words in _NOT_DAMAGE
    ):
        return ListImportError(said)
    return StoreDamaged(said)


def _write_problem(path: str, error: Exception, undone: str) -> ListImportError:
    """Why a change to the store at ``path`` (a list ``undone``: "stored", "removed") was
    rolled back, in words: a store an import holds is busy (:class:`StoreBusy`); one that
    cannot be read (not one that cannot be written: a full or read-only disk) is damaged
    (:class:`StoreDamaged`), whose message the commands and the app follow with what to do
    (:func:`~rrisk.screening.listfile.damaged_store_help`), as for a store that will not open."""
    import sqlite3

    if "locked" in str(error):
        return _open_problem(path, error)
    kind = ListImportError if isinstance(error, sqlite3.OperationalError) else StoreDamaged
    return kind(f"{path}: the list was not {undone} ({error})")


class ListStore:
    """Imported lists in one SQLite database (a file, or ``":memory:"``).

    A store indexed by another normalisation (:data:`INDEX_VERSION`) is indexed again when
    opened, about a minute for half a million entries, so it happens where a search needs it
    and off the app's GUI thread: ``reindex=False`` opens it as it is, for listing the lists,
    and ``cancelled`` (tested every few thousand names) stops the indexing, which then leaves
    the store as it was (:class:`ImportCancelled`); ``progress`` is told its share done (0–1).
    """

    def __init__(
        self,
        path: str | Path | None = None,
        reindex: bool = True,
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> None:
        import sqlite3

        if path is None:
            folder = data_dir()
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise ListImportError(
                    f"{folder}: the data folder cannot be created ({error.strerror or error})"
                ) from None
            path = folder / STORE_FILE
        self.path = str(path)
        try:
            self._db = sqlite3.connect(
                self.path, isolation_level=None, timeout=_SEARCH_WAIT if reindex else _LIST_WAIT
            )
        except sqlite3.DatabaseError as error:
            raise _open_problem(self.path, error) from None
        try:
            self._refuse_another_database()
            self._db.executescript(_SCHEMA)
            self._add_dataset_column()
            self._add_digest_column()
            if reindex:
                self.index(cancelled, progress)  # (at once for a store holding no names yet)
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise _open_problem(self.path, error) from None
        except BaseException:
            self._db.close()
            raise

    def _refuse_another_database(self) -> None:
        """Refuse a database holding tables, none of them the store's lists or entries: another
        program's, put in the store's place. The store's tables were written into it."""
        tables = {
            row[0] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if tables and tables.isdisjoint(("lists", "entries")):  # (a store of any release has both)
            raise ListImportError(
                f"{self.path}: is another database, not RRisk's list store (it holds "
                f"{_listed_tables(tables)}); nothing was changed in it: move it away, and "
                "RRisk makes its list store there again"
            )

    def _add_dataset_column(self) -> None:
        """A store made before entries kept their source (the list's ``dataset`` column)
        gets the column, empty for the entries it holds (re-import a list to fill it)."""
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(entries)")}
        if "dataset" not in columns:
            self._db.execute("ALTER TABLE entries ADD COLUMN dataset TEXT NOT NULL DEFAULT ''")

    def _add_digest_column(self) -> None:
        """A store made before lists kept a digest of their entries gets the column, empty
        (unknown) for the lists it holds: a list imported again gets its digest."""
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(lists)")}
        if "digest" not in columns:
            self._db.execute("ALTER TABLE lists ADD COLUMN digest TEXT NOT NULL DEFAULT ''")

    def set_sources(self, list_name: str, sources: dict[str, str]) -> None:
        """Give entries of a list their source (entry id → text), for a list whose file
        says it elsewhere (the bundled list's notes)."""
        row = self._db.execute("SELECT id FROM lists WHERE name = ?", (list_name,)).fetchone()
        if row is None or not sources:
            return
        self._db.executemany(
            "UPDATE entries SET dataset = ? WHERE list_id = ? AND entry_id = ?",
            [(text, row[0], entry_id) for entry_id, text in sources.items()],
        )

    def _version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def needs_reindex(self) -> bool:
        """Whether stored names were indexed by another normalisation than this release's (a
        long wait for a large list, worth saying before a search starts it). A store whose
        names are damaged is said as one that cannot be opened (as in :meth:`lists`)."""
        import sqlite3

        try:
            if self._version() == INDEX_VERSION:
                return False
            return self._db.execute("SELECT 1 FROM names LIMIT 1").fetchone() is not None
        except sqlite3.DatabaseError as error:
            raise _open_problem(self.path, error) from None

    def index(
        self,
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> None:
        """Index the stored names again when they were indexed by another normalisation, as
        opening with ``reindex=True`` does: for a store opened with ``reindex=False``, read
        first (its lists, :meth:`needs_reindex`), then searched, without opening it again.
        It then waits for an import as long as a store opened for searching does."""
        import sqlite3

        try:
            self._db.execute(f"PRAGMA busy_timeout = {int(_SEARCH_WAIT * 1000)}")
            if self._version() != INDEX_VERSION:
                self._reindex(cancelled, progress)
        except sqlite3.DatabaseError as error:
            raise _open_problem(self.path, error) from None

    def _reindex(
        self,
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> None:
        """Tokens and keys of every stored name again, after the normalisation changed.

        Names are kept as the list gave them, so the index can always be rebuilt from them;
        it happens once, on the first opening by a release that normalises differently (about
        a minute for half a million entries), in one transaction. ``progress`` is told the
        share of the names done (0–1) every :data:`_REINDEX_STEP` names."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            rows = db.execute(
                "SELECT n.id, n.name, e.list_id FROM names n JOIN entries e ON e.id = n.entry"
            ).fetchall()
            # The key table of an older store may lack a column: made anew.
            db.execute("DROP TABLE IF EXISTS name_keys")
            db.execute(_NAME_KEYS)
            updates: list[tuple[str, int]] = []
            empty: list[tuple[int]] = []
            keys: list[tuple[object, ...]] = []

            def write() -> None:  # (each few thousand names: half the time is the writing)
                db.executemany("UPDATE names SET tokens = ? WHERE id = ?", updates)
                db.executemany("DELETE FROM names WHERE id = ?", empty)
                db.executemany("INSERT OR IGNORE INTO name_keys VALUES (?, ?, ?, ?)", keys)
                updates.clear()
                empty.clear()
                keys.clear()

            for done, (name_id, text, list_id) in enumerate(rows):
                if done % _REINDEX_STEP == 0:
                    write()
                    if cancelled is not None and cancelled():
                        raise ImportCancelled("indexing the list store was cancelled")
                    if progress is not None:
                        progress(done / len(rows))
                tokens, generic = name_parts(text)
                if not tokens:
                    empty.append((name_id,))
                    continue
                updates.append((_stored_tokens(tokens, generic), name_id))
                keys.extend((list_id, key, name_id, nxt) for key, nxt in name_keys(tokens))
            write()
            db.execute(f"PRAGMA user_version = {INDEX_VERSION}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ListStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- lists ---------------------------------------------------------------------------
    def lists(self) -> list[ListInfo]:
        """The lists imported, by name. A store that opened but whose tables are damaged (a
        disk error, a copy cut short) is said as one that cannot be opened."""
        import sqlite3

        try:
            rows = self._db.execute(
                "SELECT name, as_of, source, entries, digest FROM lists WHERE name != ? "
                "ORDER BY name",
                (_PENDING,),
            ).fetchall()
        except sqlite3.DatabaseError as error:
            raise _open_problem(self.path, error) from None
        return [ListInfo(*row) for row in rows]

    def info(self, name: str) -> ListInfo | None:
        """The list of that name; names are matched without regard to case ("OFAC" is the
        list imported as "ofac"), as scenario names are."""
        import sqlite3

        try:
            stored = self._stored_name(name)
            if stored is None:
                return None
            row = self._db.execute(
                "SELECT name, as_of, source, entries, digest FROM lists WHERE name = ?",
                (stored,),
            ).fetchone()
        except sqlite3.DatabaseError as error:  # (as in lists)
            raise _open_problem(self.path, error) from None
        return ListInfo(*row) if row else None

    def _stored_name(self, name: str) -> str | None:
        """The stored name of the list called ``name``: itself, or else the one name that
        equals it but for case and spacing, as a decision's list name is read (the pending
        import's placeholder is never one)."""
        names = [
            row[0]
            for row in self._db.execute("SELECT name FROM lists WHERE name != ?", (_PENDING,))
        ]
        if name in names:
            return name
        matches = [stored for stored in names if same_list(stored, name)]
        return matches[0] if len(matches) == 1 else None

    def import_file(
        self,
        path: str | Path,
        name: str,
        as_of: str = "",
        source: str = "",
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ListInfo:
        """Read a list file into the store under ``name``, replacing a list of that name."""
        import sqlite3

        db = self._db
        cache = db.execute("PRAGMA cache_size").fetchone()[0]
        try:
            db.execute(f"PRAGMA cache_size = -{_IMPORT_CACHE_KIB}")
            db.execute("BEGIN IMMEDIATE")
            db.execute("DELETE FROM lists WHERE name = ?", (_PENDING,))
            list_id = db.execute(
                "INSERT INTO lists (name, as_of, source) VALUES (?, ?, ?)",
                (_PENDING, as_of, source or str(path)),
            ).lastrowid
            count, digest = self._insert_entries(list_id, path, progress, cancelled)
            self._refuse_empty_or_doubled(path, list_id, count)
            replaced = self._stored_name(name)  # "ofac" replaces "OFAC": one list, not two
            old = db.execute("SELECT id FROM lists WHERE name = ?", (replaced,)).fetchone()
            if old is not None:
                self._delete_list(old[0])
            db.execute(
                "UPDATE lists SET name = ?, entries = ?, digest = ? WHERE id = ?",
                (name, count, digest, list_id),
            )
            db.execute("COMMIT")
        except (ListImportError, sqlite3.Error, KeyboardInterrupt) as error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise _write_problem(self.path, error, "stored") from None
            raise
        finally:
            db.execute(f"PRAGMA cache_size = {int(cache)}")
        info = self.info(name)
        assert info is not None
        return info

    def _refuse_empty_or_doubled(self, path: str | Path, list_id: int | None, count: int) -> None:
        """A list of no entry (its header alone: a download cut off after its first line)
        would screen every name as "no hit"; an id given to two entries would let one
        decision cover both. Either is refused, and the import rolled back."""
        if count == 0:
            raise ListImportError(
                f"{path}: holds no entry, only its header (a download cut off after its first "
                "line?); nothing was imported"
            )
        doubled = self._db.execute(
            "SELECT entry_id FROM entries WHERE list_id = ? GROUP BY entry_id "
            "HAVING COUNT(*) > 1 LIMIT 1",
            (list_id,),
        ).fetchone()
        if doubled is not None:
            lines = _lines_of_id(path, doubled[0])
            where = f", lines {lines[0]:,} and {lines[1]:,}" if len(lines) >= 2 else ""
            raise ListImportError(
                f"{path}{where}: the id '{doubled[0]}' is given to two entries (one decision "
                "would cover both); nothing was imported"
            )

    def _insert_entries(
        self,
        list_id: int | None,
        path: str | Path,
        progress: Callable[[float], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> tuple[int, str]:
        """Store the entries of the list file; their number and :func:`entries_digest`."""
        import hashlib
        import sqlite3

        db = self._db
        digest = hashlib.sha256()
        entry_rows: list[tuple[object, ...]] = []
        name_rows: list[tuple[object, ...]] = []
        key_rows: list[tuple[object, ...]] = []
        next_entry = (db.execute("SELECT COALESCE(MAX(id), 0) FROM entries").fetchone()[0]) + 1
        next_name = (db.execute("SELECT COALESCE(MAX(id), 0) FROM names").fetchone()[0]) + 1
        count = 0
        # (In the transaction: rolled back with it; a temporary table, gone with the
        # connection whatever happens.)
        db.execute(f"DROP TABLE IF EXISTS {_STAGED_KEYS}")
        db.execute(f"CREATE TABLE {_STAGED_KEYS} (key TEXT, name INTEGER, next TEXT)")

        def flush() -> None:
            db.executemany(
                "INSERT INTO entries (id, list_id, entry_id, schema, caption, sanctions, dataset)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                entry_rows,
            )
            db.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", name_rows)
            db.executemany(f"INSERT INTO {_STAGED_KEYS} VALUES (?, ?, ?)", key_rows)
            entry_rows.clear()
            name_rows.clear()
            key_rows.clear()

        for entry in read_entries(path, progress, cancelled):
            count += 1
            digest.update(_entry_bytes(entry))
            entry_rows.append(
                (
                    next_entry,
                    list_id,
                    entry.entry_id,
                    entry.schema,
                    entry.name,
                    json.dumps(entry.sanctions, ensure_ascii=False),
                    "; ".join(part.strip() for part in entry.dataset.split(";") if part.strip()),
                )
            )
            for text in dict.fromkeys((entry.name, *entry.aliases)):
                tokens, generic = name_parts(text)
                if not tokens:
                    continue
                name_rows.append((next_name, next_entry, text, _stored_tokens(tokens, generic)))
                key_rows.extend((key, next_name, nxt) for key, nxt in name_keys(tokens))
                next_name += 1
            next_entry += 1
            if len(entry_rows) >= 5_000:
                flush()
        if cancelled is not None and cancelled():
            raise ImportCancelled(f"{path}: the import was cancelled")
        flush()
        if cancelled is not None:
            # Adding a large list's keys takes a while: a Cancel meanwhile stops it too.
            db.set_progress_handler(cancelled, 100_000)
        try:
            db.execute(
                f"INSERT OR IGNORE INTO name_keys SELECT ?, key, name, next FROM {_STAGED_KEYS} "
                "ORDER BY key, name, next",
                (list_id,),
            )
        except sqlite3.OperationalError:
            if cancelled is not None and cancelled():
                raise ImportCancelled(f"{path}: the import was cancelled") from None
            raise
        finally:
            db.set_progress_handler(None, 0)
        db.execute(f"DROP TABLE {_STAGED_KEYS}")
        return count, digest.hexdigest()

    def _delete_list(self, list_id: int) -> None:
        db = self._db
        db.execute(
            "DELETE FROM names WHERE entry IN (SELECT id FROM entries WHERE list_id = ?)",
            (list_id,),
        )
        db.execute("DELETE FROM name_keys WHERE list_id = ?", (list_id,))
        db.execute("DELETE FROM entries WHERE list_id = ?", (list_id,))
        db.execute("DELETE FROM lists WHERE id = ?", (list_id,))

    def remove(self, name: str) -> ListInfo | None:
        """Delete the list called ``name`` (matched as :meth:`info` matches names) in one
        transaction, as an import replaces one; the list removed, or None when there is none.

        The list is looked up inside the transaction: a list another process imported under
        that name meanwhile is the one removed, never a list id that no longer exists. An
        interrupted or failed removal rolls back and leaves the list whole; a store an import
        holds is busy (nothing is removed)."""
        import sqlite3

        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            row = db.execute(
                "SELECT id, name, as_of, source, entries, digest FROM lists WHERE name = ?",
                (self._stored_name(name),),
            ).fetchone()
            if row is not None:
                self._delete_list(row[0])
            db.execute("COMMIT")
        except (sqlite3.Error, KeyboardInterrupt) as error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise _write_problem(self.path, error, "removed") from None
            raise
        return ListInfo(*row[1:]) if row is not None else None

    # -- screening -----------------------------------------------------------------------
    def _rare_keys(self, list_id: int, weights: dict[str, int], needed: int) -> list[str] | None:
        """The rarest of the query's counted keys that a name reaching ``needed`` must share
        at least one of (the others' letters together fall short of ``needed``), when those
        keys are rare enough to look the names up by; None when they are not.

        Only names holding one of these keys are then aggregated, so a query with a common
        word ("Tomtor Mining") no longer groups the tens of thousands of names that share
        that word's key alone. The hits are the same: such a name could not reach
        ``needed``. When every key is common ("Sergey Petrov"), grouping by key is faster."""
        counted = [key for key in weights if not key.startswith(EXACT_PREFIX)]
        if not counted:
            return None
        # Postings counted up to a cap: beyond it a key is common, however common.
        sizes = {
            key: self._db.execute(
                "SELECT COUNT(*) FROM (SELECT 1 FROM name_keys WHERE list_id = ? AND key = ? "
                "LIMIT ?)",
                (list_id, key, _COMMON_KEY),
            ).fetchone()[0]
            for key in counted
        }
        by_rarity = sorted(counted, key=lambda key: sizes[key])
        rest = sum(weights[key] for key in counted)
        chosen: list[str] = []
        for key in by_rarity:
            if rest < needed:
                break
            chosen.append(key)
            rest -= weights[key]
        chosen = chosen or by_rarity[:1]
        if sum(sizes[key] for key in chosen) >= _COMMON_KEY:
            return None
        return chosen

    def search(self, list_name: str, query: str, threshold: float = HIT_THRESHOLD) -> list[Hit]:
        """Entries of a list that ``query`` meets, best first (one hit per entry).

        Besides the names like ``query`` as a whole, a listed name that ``query`` begins or
        ends with, word for word, is a hit at :data:`CONTAINED_SCORE`: a subsidiary or a
        body named after a listed one ("Rosneft Trading SA", "Gazprom Neft Trading" against
        "Rosneft", "Gazprom Neft"), which the whole-name score would miss since most of the
        query's letters are not in the listed name. The words contained must hold one of
        four letters or more, so "VTB Capital" does not hit on "VTB" alone. A store whose
        entries are damaged is said as one that cannot be opened (as in :meth:`lists`)."""
        import sqlite3

        try:
            return self._hits(list_name, query, threshold)
        except sqlite3.DatabaseError as error:
            raise _open_problem(self.path, error) from None

    def _hits(self, list_name: str, query: str, threshold: float) -> list[Hit]:
        tokens, generic = name_parts(query)
        if not tokens:
            return []
        stored = self._stored_name(list_name)
        row = self._db.execute("SELECT id FROM lists WHERE name = ?", (stored,)).fetchone()
        if row is None:
            raise ListImportError(f"no list named {list_name_shown(list_name)} (see 'rrisk lists')")
        list_id = row[0]
        best = {hit.entry_id: hit for hit in self._search(list_id, tokens, generic, threshold)}
        for keys in _as_initials(tokens):
            # A listed name given by its initials ("A.V. BORTNIKOV") shares one word with
            # "Alexander Bortnikov": too few letters to be a candidate of the whole name, yet
            # it scores as a hit on an initial. Looked for with the other words as initials.
            # Only names that hold the whole word and one of the initials too: the others
            # are the whole name's candidates already.
            least = max(len(token) for token in keys) + 1
            for hit in self._search(list_id, keys, generic, threshold, tokens, least):
                known = best.get(hit.entry_id)
                if known is None or known.score < hit.score:
                    best[hit.entry_id] = hit
        for part in _ends(tokens):
            # The whole listed name, each word of it: a trade word left over counts half in
            # the score, so "Huawei Technologies" scored 0.95 against "Neft Technologies".
            for hit in self._search(list_id, part, (), CONTAINED_MATCH, whole=True):
                if hit.schema in _THINGS:
                    continue  # a ship named "Ocean" says nothing of "Ocean Trading Ltd"
                known = best.get(hit.entry_id)
                if known is None or known.score < CONTAINED_SCORE:
                    best[hit.entry_id] = dataclasses.replace(hit, score=CONTAINED_SCORE)
        return sorted(best.values(), key=lambda hit: (-hit.score, hit.caption))

    def _search(
        self,
        list_id: int,
        tokens: tuple[str, ...],
        generic: tuple[str, ...],
        threshold: float,
        score_as: tuple[str, ...] | None = None,
        least: int = 0,
        whole: bool = False,
    ) -> list[Hit]:
        """The entries of list ``list_id`` that a name of these tokens meets (see search):
        candidates found by ``tokens``, scored as the name ``score_as`` (``tokens`` when not
        given), among names whose shared keys cover ``least`` letters or more; with ``whole``,
        only names each of whose words meets one of ``tokens`` (see NameMatch.entry_left)."""
        # Per key: the letters of the query it covers, and the next letter of the (first)
        # token it came from. A name's ``covered`` adds those letters again where its token
        # goes on with the same letter, and for an exact token: that only orders the names;
        # the threshold (``needed``) counts the skeleton keys' letters alone.
        weights: dict[str, int] = {}
        following: dict[str, str] = {}
        for token in (*tokens, *joined_words(tokens)):
            for key, nxt in name_keys((token,)):
                weights[key] = weights.get(key, 0) + len(token)
                following.setdefault(key, nxt)
        # A patronymic may be left out of a three-word query's letters (see ``name_score``).
        total = sum(
            len(token) for token in tokens if not (len(tokens) == 3 and is_patronymic(token))
        )
        # A name can reach the threshold only if the matched part of the query is at least
        # (3·threshold − 1)/2 of its letters (entry_share ≤ 1), and only tokens sharing a key
        # can match; so names whose shared keys cover less are never scored.
        needed = max(1, least, int(total * (3 * threshold - 1) / 2 * 0.999))
        values: list[object] = []
        for key, weight in weights.items():
            exact = key.startswith(EXACT_PREFIX)
            values += [key, following[key], weight, 0 if exact else weight]
        rare = self._rare_keys(list_id, weights, needed)
        query_keys = (
            f"q(key, next, weight, counted) AS (VALUES {','.join('(?, ?, ?, ?)' for _ in weights)})"
        )
        scored = (
            "SUM(q.counted) AS base, SUM(q.weight * (1 + (q.counted = 0 OR (q.next != '' AND "
            "k.next = q.next)))) AS covered"
        )
        if rare is not None:
            # Names holding a rare key, each looked up by (key, name) in the primary key: a
            # common word's postings are never walked.
            grouped = (
                f"SELECT k.name AS name, {scored} FROM (SELECT DISTINCT name FROM name_keys "
                f"WHERE list_id = ? AND key IN ({','.join('?' * len(rare))})) cand CROSS JOIN q "
                "CROSS JOIN name_keys k ON k.list_id = ? AND k.key = q.key AND k.name = cand.name"
            )
            parameters: list[object] = [*values, list_id, *rare, list_id]
        else:
            grouped = (
                f"SELECT k.name AS name, {scored} FROM name_keys k JOIN q ON q.key = k.key "
                f"WHERE k.list_id = ? AND k.key IN ({','.join('?' * len(weights))})"
            )
            parameters = [*values, list_id, *weights]
        select = (
            f"WITH {query_keys} SELECT n.id, n.name, n.tokens, e.entry_id, e.caption, e.schema, "
            "e.sanctions, e.dataset FROM ({names}) c "
            "JOIN names n ON n.id = c.name JOIN entries e ON e.id = n.entry"
        )
        candidates = self._db.execute(
            select.format(
                names=f"{grouped} GROUP BY k.name HAVING base >= ? ORDER BY covered DESC LIMIT ?"
            ),
            [*parameters, needed, MAX_CANDIDATES],
        ).fetchall()
        if len(candidates) >= MAX_CANDIDATES:
            # Cut: among names that cover the query alike ("Rosneft" and a hundred "Rosneft-X
            # N LLC"), the shortest first, or the cut dropped the parent itself. (Ordering
            # every candidate by its length costs a lookup each: only when the cut bites.)
            candidates = self._db.execute(
                select.format(
                    names=f"SELECT g.name FROM ({grouped} GROUP BY k.name HAVING base >= ?) g "
                    "JOIN names s ON s.id = g.name "
                    "ORDER BY g.covered DESC, length(s.tokens), g.name LIMIT ?"
                ),
                [*parameters, needed, MAX_CANDIDATES],
            ).fetchall()
        best: dict[str, Hit] = {}
        for _, text, entry_tokens, entry_id, caption, schema, sanctions, dataset in candidates:
            distinctive, _, entry_generic = entry_tokens.partition(_GENERIC_MARK)
            match = name_match(
                score_as or tokens,
                tuple(distinctive.split()),
                generic,
                tuple(entry_generic.split()),
            )
            if whole and match.entry_left:
                continue
            score = match.score
            if match.trade_only is not None and schema != "Person":
                # Only trade words met (see NameMatch.trade_only): a body's name is more than
                # its trade. A person's surname may be one ("Gold", "Steel").
                score = min(score, match.trade_only)
            if score < threshold:
                continue
            known = best.get(entry_id)
            # Compared as kept (rounded): a raw 0.8222… beat the kept 0.822 of the same score,
            # so the last of an entry's equal names won, whatever order the rows came in.
            if known is None or (round(score, 3), text == caption) > (
                known.score,
                known.matched_name == caption,
            ):
                best[entry_id] = Hit(
                    entry_id=entry_id,
                    caption=caption,
                    schema=schema,
                    matched_name=text,
                    score=round(score, 3),
                    sanctions=tuple(json.loads(sanctions)),
                    by_initials=match.by_initials,
                    dataset=dataset,
                )
        return list(best.values())


def _as_initials(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A person's name of two to four words, none an initial, with all words but one (of
    four letters or more) cut to their initials: ("a", "bortnikov") and ("alexander", "b")
    for "Alexander Bortnikov". The candidates a list entry given by initials needs."""
    if not 2 <= len(tokens) <= 4 or any(is_initial(token) for token in tokens):
        return []
    return [
        tuple(token if at == kept else token[0] for at, token in enumerate(tokens))
        for kept in range(len(tokens))
        if len(tokens[kept]) >= SHORT_TOKEN
    ]
