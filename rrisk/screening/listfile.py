"""Reading sanctions lists in the layout of OpenSanctions' ``targets.simple.csv`` export.

The layout (OpenSanctions' simplified CSV exporter): one row per target with the columns
``id, schema, name, aliases, birth_date, countries, addresses, identifiers, sanctions, phones,
emails, dataset, first_seen, last_seen, last_change`` (newer exports add ``program_ids``
before ``dataset``). A column holding several values separates them with ``;``, each value
quoted as in CSV when it holds a ``;`` itself. A sanction is written ``programme - reason -
status - start date - end date`` with empty parts left out. Columns are found by their
header, so either variant (and extra columns) reads; ``id`` and ``name`` are required.

Files are untrusted: read as a stream (never whole), every field and count bounded, text
with control or bidi characters stored with those characters replaced, and a problem reported
in one line naming the file and the line.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from rrisk.errors import RRiskError
from rrisk.text import FORBIDDEN, listed

REQUIRED_COLUMNS = ("id", "name")
MAX_FIELD_CHARS = 100_000
"""A field longer than this is refused (the longest real alias column is a few KB)."""
MAX_VALUES = 200
"""Values kept from one multi-value column (aliases, sanctions…); the rest are ignored."""
MAX_VALUE_CHARS = 500
"""Each kept value is cut to this many characters."""
MAX_ENTRIES = 3_000_000
"""Rows in one list; OpenSanctions' largest collection holds well under a million targets."""

NON_BLOCKING_WORDS = (
    "delisted",
    "de-listed",
    "not designated",
    "not blocked",
    "not listed",
    "no longer designated",
    "no longer blocked",
    "no longer listed",
    "lifted",
    "revoked",
    "removed",
    "terminated",
)
"""A sanction whose text says one of these no longer (or never did) bind; see :func:`blocking`."""
_NON_BLOCKING = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(word) for word in NON_BLOCKING_WORDS) + r")(?!\w)"
)
_CLAUSES = re.compile(r"\s+[-–—]\s+|[;,()\[\]]")
"""What parts a sanction text's clauses: its `` - `` fields, and commas, semicolons, brackets."""
_NEGATED = re.compile(
    r"(?<!\w)(?:(?:not|never|no|nor)(?:\W+(?:yet|been|be|being|was|were|ever))*|yet\W+to\W+be)\W*$"
)
"""A negation right before a word of :data:`NON_BLOCKING_WORDS`: "not lifted", "not yet
lifted", "never delisted", "yet to be removed"."""
_OTHER_SUBJECTS = re.compile(
    r"(?<!\w)(?:licen[cs]\w*|exemption|waiver|authori[sz]ation|derogation|exception|who|whom"
    r"|whose|which|that)(?!\w)"
)
"""Words that make a clause speak of something other than the sanction: a licence or an
exemption ended ("general licence 8L terminated": the measure binds the more), or the prose
of a listing's reason ("children who were removed to Russia")."""
_REMOVED_FROM = re.compile(r"\W*(?:$|from\b|on\b|in\b|\d)")
"""What may follow "removed" when it says the listing ended: nothing, "from the list", a date."""


_LISTED_AGAIN = re.compile(
    r"(?<!\w)(?:re-?listed|re-?designated|re-?imposed|reinstated|re-?added|listed again"
    r"|designated again)(?!\w)"
)
"""A measure lifted and then put back ("delisted 2019; re-listed 2022"): in force."""


def _lifts(clause: str) -> bool:
    """Whether one clause of a sanction text says the measure no longer (or never did) bind."""
    if _OTHER_SUBJECTS.search(clause):
        return False
    for found in _NON_BLOCKING.finditer(clause):
        if _NEGATED.search(clause[: found.start()]):
            continue
        if found.group(0) == "removed" and not _REMOVED_FROM.match(clause, found.end()):
            continue  # "removed to Russia": a reason's words, not the listing's end
        return True
    return False


class ListImportError(RRiskError):
    """A sanctions list cannot be read or stored."""


class StoreBusy(ListImportError):
    """The list store is held by an import under way (in this or another window or command):
    nothing is wrong with it, and it reads again once the import has ended."""


class StoreDamaged(ListImportError):
    """The list store cannot be opened or read (a disk error, a copy cut short): it stays so
    until its file is deleted or moved aside, which :func:`damaged_store_help` says."""


_MEND_STORE = "delete that file (or move it aside) and import the lists again"
_STORE_KEEPS = "assessments keep their decisions"


def damaged_store_help(command_line: bool = False) -> str:
    """What a user can do about a list store that cannot be opened (:class:`StoreDamaged`):
    the Screening tab's sentence, or a command's clause naming the commands to use."""
    if command_line:
        return (
            f"{_MEND_STORE} (rrisk lists import FILE); {_STORE_KEEPS}, and rrisk screen "
            "without --list screens the bundled list meanwhile"
        )
    return f"{_MEND_STORE.capitalize()}; {_STORE_KEEPS}, and the bundled list can be screened meanwhile."


class ImportCancelled(ListImportError):
    """The user cancelled an import; the previous list is unchanged."""


@dataclass(frozen=True)
class ListEntry:
    """One target of a list: the names to match and what to show about it."""

    entry_id: str
    schema: str
    name: str
    aliases: tuple[str, ...]
    sanctions: tuple[str, ...]
    countries: tuple[str, ...]
    dataset: str


def programme_of(sanction: str) -> str:
    """The programme part of a sanction text (before the first `` - ``)."""
    return sanction.split(" - ", 1)[0].strip()


def blocking(sanction: str) -> bool:
    """Whether a sanction text describes a measure in force.

    Every sanction counts as blocking unless its text says it was lifted or never applied
    (:data:`NON_BLOCKING_WORDS`): a conservative reading of a list whose entries are, by
    definition, targets. The analyst can still record why a confirmed hit is no red line.

    A clause of the text (its `` - `` fields, parted further by commas, semicolons and
    brackets) lifts the measure when it holds one of those words, unless the word is negated
    ("designation not lifted after review"), the clause is about a licence or an exemption
    ("blocked; general licence 8L terminated") or is a reason's prose ("deportation of
    children, who were removed to Russia"); and a text that says the measure was put back
    ("delisted 2019; re-listed 2022") blocks, whatever it says was lifted before.
    """
    text = sanction.casefold()
    if _LISTED_AGAIN.search(text):
        return True
    return not any(_lifts(clause) for clause in _CLAUSES.split(text))


def blocks(sanctions: Sequence[str]) -> bool:
    """Whether a list entry with these sanctions bars dealing with it: one of them is in
    force (:func:`blocking`), or the list gives none at all.

    An entry without a programme is still a listed party: being on a sanctions list is the
    fact the analyst confirms, and a blank column is the list's omission, not a lifting."""
    return not sanctions or any(blocking(sanction) for sanction in sanctions)


NO_PROGRAMME = "programme not given by the list"
"""Shown, and given as the red line's basis, for an entry whose sanctions column is empty."""


def list_name_problem(name: str, bundled: str) -> str | None:
    """Why ``name`` cannot name an imported list, or None: it must be one a document can
    record (the screening record's limits) and not the bundled list's, in any case."""
    from rrisk.cells import SHORT_TEXT_MAX
    from rrisk.screening.decisions import same_list
    from rrisk.text import forbidden_character

    if not name.strip():
        return "the list needs a name"
    if same_list(name, bundled):
        return f"'{name.strip()}' is the bundled list: choose another name"
    if len(name) > SHORT_TEXT_MAX:
        return f"the list name has {len(name):,} characters; at most {SHORT_TEXT_MAX}"
    if "\t" in name or "\n" in name or "\r" in name:
        return "the list name holds a tab or a line break; write it on one line"
    problem = forbidden_character(name)
    return f"the list name: {problem}" if problem else None


def list_as_of_problem(value: str, today: str | None = None) -> str | None:
    """Why ``value`` cannot be a list's as-of date, or None (empty is "not given"): written
    YYYY-MM-DD, a calendar day, and not after today (a list is as of a day already past)."""
    import datetime

    from rrisk.model import date_problem

    value = value.strip()
    problem = date_problem(value, "as-of date", days_only=True)
    if problem or not value:
        return problem
    today = today or datetime.date.today().isoformat()
    if value > today:
        return f"as-of date {value!r} is after today ({today}): a list is as of a day past"
    return None


def clean(value: str) -> str:
    """``value`` cut to :data:`MAX_VALUE_CHARS` with control and bidi characters replaced."""
    return FORBIDDEN.sub("\ufffd", value[:MAX_VALUE_CHARS].strip())


def split_values(field: str) -> tuple[str, ...]:
    """The values of a ``;``-separated multi-value column (CSV-quoted where needed)."""
    if not field:
        return ()
    try:
        row = next(csv.reader([field], delimiter=";"), [])
    except csv.Error:
        row = field.split(";")
    values = [clean(value) for value in row[:MAX_VALUES]]
    return tuple(value for value in values if value)


class _CountingReader(io.RawIOBase):
    """A binary stream that counts the bytes read, for a progress fraction."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)


def read_entries(
    path: str | Path,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[ListEntry]:
    """The entries of a list file, streamed; ``progress`` gets the fraction of bytes read."""
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode):
            # /dev/zero was read as one endless line until memory ran out. A pipe is read
            # (a list may be piped in), a device is not.
            raise ListImportError(f"{path}: is a device, not a list file")
        size = info.st_size
        raw = path.open("rb")
    except OSError as error:
        raise ListImportError(f"{path}: cannot be read ({error.strerror or error})") from None
    counter = _CountingReader(raw)
    text = io.TextIOWrapper(io.BufferedReader(counter), encoding="utf-8-sig", newline="")
    line = 1
    reader = None
    lines = _RecordLines(text)
    header: list[str] = []
    try:
        # Strict: a file cut off inside a quoted field (an interrupted download) is refused,
        # not read as one last entry with the rest of the file missing.
        reader = csv.reader(lines, strict=True)
        first = next(reader, [])
        if not first and counter.count == 0:
            raise ListImportError(
                f"{path}: the file is empty (a download that failed?); nothing was imported"
            )
        lines.record.clear()
        if any("\x00" in field for field in first):
            # UTF-16 without its byte-order mark reads as UTF-8 with a NUL after (or before)
            # every letter: it was refused as having "no column 'id'".
            kind = _binary_kind(path)
            if kind:
                raise ListImportError(f"{path}: is {kind}, not CSV text; {_SAVE_AS_CSV}")
            raise _nul_problem(path, 1, first)
        header = [column.strip().casefold() for column in first]
        missing = [column for column in REQUIRED_COLUMNS if column not in header]
        if missing:
            raise ListImportError(
                f"{path}: not a list in the OpenSanctions targets.simple.csv layout "
                f"(no column{'s' if len(missing) > 1 else ''} "
                f"{listed([repr(m) for m in missing])} in the first line"
                f"{_separator_hint(first)})"
            )
        columns = {name: header.index(name) for name in header}
        width = len(header)
        for count, row in enumerate(reader, start=1):
            line = reader.line_num
            if count > MAX_ENTRIES:
                raise ListImportError(f"{path}: more than {MAX_ENTRIES:,} entries")
            if count % 2_000 == 0:
                if cancelled is not None and cancelled():
                    raise ImportCancelled(f"{path}: the import was cancelled")
                if progress is not None and size:
                    progress(min(1.0, counter.count / size))
            record, lines.record = lines.record, []
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # a blank line, or one of spaces alone (an editor's last line)
            if any(len(field) > MAX_FIELD_CHARS for field in row):
                raise _long_field_problem(path, line - len(record) + 1, record, header)
            if any("\x00" in field for field in row):
                # A text CSV never holds NUL; a binary file renamed .csv does.
                raise _nul_problem(path, line, row)
            if len(row) != width:
                # OpenSanctions writes every column of every row: a row cut short is a
                # download cut off between two fields, a longer one a damaged or joined file.
                raise ListImportError(
                    f"{path}, line {line}: has {len(row)} field{'' if len(row) == 1 else 's'} "
                    f"where the header names {width} (cut off or damaged? download the list "
                    "again)"
                )
            if [field.strip().casefold() for field in row] == header:
                raise ListImportError(
                    f"{path}, line {line}: repeats the header (two exports joined into one "
                    "file? import each on its own)"
                )

            def get(column: str, row: list[str] = row) -> str:
                index = columns.get(column)
                return row[index] if index is not None else ""

            entry_id, name = clean(get("id")), clean(get("name"))
            if not entry_id or not name:
                raise ListImportError(f"{path}, line {line}: the entry has no id or no name")
            yield ListEntry(
                entry_id=entry_id,
                schema=clean(get("schema")),
                name=name,
                aliases=split_values(get("aliases")),
                sanctions=split_values(get("sanctions")),
                countries=split_values(get("countries")),
                dataset=clean(get("dataset")),
            )
        if progress is not None:
            progress(1.0)
    except UnicodeDecodeError as error:
        kind = _binary_kind(path)
        if kind:
            raise ListImportError(f"{path}: is {kind}, not CSV text; {_SAVE_AS_CSV}") from None
        line = _first_undecodable_line(path) or line
        if error.reason == "unexpected end of data":
            # UTF-8 to its last bytes, which begin a letter they do not finish: a download
            # cut off inside a name, not a list saved in another encoding.
            raise ListImportError(
                f"{path}, line {line}: the file ends inside a character (cut off? download it "
                "again)"
            ) from None
        raise ListImportError(
            f"{path}, line {line}: not UTF-8 text (saved in another encoding, such as a "
            "spreadsheet's 'CSV (Comma delimited)'); save the list as 'CSV UTF-8' and import "
            "it again"
        ) from None
    except csv.Error as error:
        if "field larger than field limit" in str(error) and reader is not None:
            # csv's own bound (131,072 characters) comes before the row does: said as the
            # bound of MAX_FIELD_CHARS is, where the field starts.
            start = reader.line_num - len(lines.record) + 1
            raise _long_field_problem(path, start, lines.record, header) from None
        if "unexpected end of data" in str(error):
            raise ListImportError(
                f"{path}: the file ends inside a quoted field (cut off? download it again)"
            ) from None
        line = reader.line_num if reader is not None else line
        # A re-save that quoted every field ("id";"schema";…) is not readable as CSV with
        # commas at all: said as the re-save it is, as an unquoted one is.
        hint = _separator_hint([_first_line(path)]) if line <= 1 else ""
        if hint:
            raise ListImportError(
                f"{path}: not a list in the OpenSanctions targets.simple.csv layout{hint}"
            ) from None
        raise ListImportError(f"{path}, line {line}: not readable as CSV ({error})") from None
    finally:
        text.close()


_SAVE_AS_CSV = (
    "import the targets.simple.csv file as downloaded, or save the list from the spreadsheet "
    "as 'CSV UTF-8'"
)


class _RecordLines:
    """The lines of a text for :func:`csv.reader`, keeping those of the record being read
    (``record``, emptied by the caller after each row): a field too long for the reader is
    then found in them, to name its line and column."""

    def __init__(self, text: IO[str]) -> None:
        self._text = text
        self.record: list[str] = []

    def __iter__(self) -> _RecordLines:
        return self

    def __next__(self) -> str:
        line = self._text.readline()
        if not line:
            raise StopIteration
        self.record.append(line)
        return line


_QUOTED_FIELD = re.compile(r'"(?:[^"]|"")*(?:"|$)')
_PLAIN_FIELD = re.compile(r"[^,\r\n]*")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _long_field_problem(
    path: Path, start: int, record: list[str], header: list[str]
) -> ListImportError:
    """The refusal of a record (its lines, the first at line ``start``) holding a field of
    more than :data:`MAX_FIELD_CHARS` characters, naming the line the field starts on and
    its column (by the header's name when it has one)."""
    text = "".join(record)
    at, column = 0, 0
    while at <= len(text):
        quoted = text.startswith('"', at)
        found = (_QUOTED_FIELD if quoted else _PLAIN_FIELD).match(text, at)
        assert found is not None  # (either matches an empty field)
        value = found.group(0)
        if quoted:
            value = value[1:].removesuffix('"').replace('""', '"')
        if len(value) > MAX_FIELD_CHARS:
            line = start + len(_LINE_BREAK.findall(text, 0, at))
            name = f" ({header[column]})" if column < len(header) and header[column] else ""
            hint = "; a quote left open?" if quoted and _LINE_BREAK.search(value) else ""
            return ListImportError(
                f"{path}, line {line:,}, column {column + 1}{name}: a field is longer than "
                f"allowed (more than {MAX_FIELD_CHARS:,} characters{hint})"
            )
        at = found.end()
        if not text.startswith(",", at):
            break
        at, column = at + 1, column + 1
    return ListImportError(
        f"{path}, line {start:,}: a field is longer than allowed (more than "
        f"{MAX_FIELD_CHARS:,} characters)"
    )


def _nul_problem(path: Path, line: int, row: list[str]) -> ListImportError:
    """The refusal of a row holding a NUL, which CSV text never does (a binary file renamed
    .csv, a download damaged), naming its column."""
    column = next(at for at, field in enumerate(row) if "\x00" in field)
    where = (
        " at the start of the file" if line == 1 and column == 0 and row[0][:1] == "\x00" else ""
    )
    return ListImportError(
        f"{path}, line {line:,}, column {column + 1}: not readable as CSV (a NUL byte{where}, "
        "which text never holds: a binary file, or a damaged download?)"
    )


def _separator_hint(first: list[str]) -> str:
    """ "; its fields are separated by ';'…" when the first line, read with commas, is one
    field holding the columns apart by a semicolon or a tab (a spreadsheet's re-save)."""
    if len(first) != 1:
        return ""
    for separator, name in ((";", "semicolons"), ("\t", "tabs")):
        fields = {field.strip().strip('"').casefold() for field in first[0].split(separator)}
        if all(column in fields for column in REQUIRED_COLUMNS):
            return (
                f"; its fields are separated by {name}, not commas: use the file as "
                "downloaded, not a spreadsheet's re-save"
            )
    return ""


def _first_line(path: Path) -> str:
    """The file's first line as text (for a message; empty when it cannot be read again:
    a pipe gave its lines once)."""
    try:
        if not path.is_file():
            return ""
        with path.open("rb") as handle:
            head = handle.read(65_536)
    except OSError:
        return ""
    lines = head.decode("utf-8-sig", errors="replace").splitlines()
    return lines[0] if lines else ""


def _binary_kind(path: Path) -> str:
    """What a list file that is not UTF-8 is, when its first bytes say: a workbook (a zip),
    or UTF-16 text as a spreadsheet's 'Unicode Text' saves it; '' otherwise (or when it
    cannot be read again: a pipe gave its bytes once)."""
    try:
        if not path.is_file():
            return ""
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return ""
    if head.startswith(b"PK\x03\x04"):
        return "a zip archive (an Excel workbook?)"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 text (as a spreadsheet's 'Unicode Text' saves it)"
    # Without its byte-order mark: a header's letters are ASCII, each a NUL byte and the
    # letter's (big-endian) or the letter's and a NUL byte (little-endian).
    pairs = [head[at : at + 2] for at in range(0, len(head) - 1, 2)]
    if len(pairs) >= 2:
        for order, blank in (("little-endian", 1), ("big-endian", 0)):
            if all(pair[blank] == 0 and pair[1 - blank] != 0 for pair in pairs):
                return f"UTF-16 text ({order}) without its byte-order mark"
    return ""


def _first_undecodable_line(path: Path) -> int | None:
    """The first line (as an editor counts them) that is not UTF-8: text is decoded ahead of
    the CSV reader, so its own line count can lag by hundreds of lines."""
    try:
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError:
                    return number
    except OSError:
        return None
    return None


@dataclass(frozen=True)
class BundledList:
    """The list shipped with the app: its file, name, as-of date and per-entry notes."""

    path: Path
    name: str
    title: str
    as_of: str
    as_of_note: str
    source: str
    notes: dict[str, dict[str, str]]


def bundled_list() -> BundledList:
    """The bundled list of the template's counterparties (``resources/screening/``)."""
    from rrisk.resources import resource_path

    meta_path = resource_path("screening", "opensanctions-template.json")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return BundledList(
        path=resource_path("screening", "opensanctions-template.csv"),
        name=meta["name"],
        title=meta["title"],
        as_of=meta["as_of"],
        as_of_note=meta.get("as_of_note", ""),
        source=meta.get("source", ""),
        notes=meta.get("entries", {}),
    )
