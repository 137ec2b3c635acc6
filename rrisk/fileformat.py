"""The ``.rrisk`` file: a zip container holding ``document.json`` and optional attachments.

Layout (in this order)::

    mimetype                 stored, uncompressed: application/vnd.rrisk+zip
    document.json            UTF-8 JSON: {"format_version", "app_version", "document": {...}}
    attachments/NAME         optional files attached to sources

Files come from other people and are untrusted: nothing is executed or unpickled, the size of
the file, the number of members, each member's size and its compression ratio are bounded,
member names are checked (no paths, no links), and every problem raises a
:class:`~rrisk.errors.FileFormatError` whose message names the file and the problem. A file
written by a newer format version is refused; older versions pass through :data:`MIGRATIONS`.

Saving is atomic: the zip is written to a temporary file in the target folder, flushed and
fsynced, then moved over the target with :func:`os.replace`, so a crash or a full disk leaves
either the old file or the new one, never a broken one. The temporary file's name records the
writing process; a save killed mid-write leaves it behind, and the next save or open of the
document removes it once that process is gone (:mod:`rrisk.tempfiles`).

Text that cannot be written is refused on open, not repaired: a lone UTF-16 surrogate
(JSON ``"\\ud800"``) decodes into a Python string but cannot be encoded as UTF-8, so such a
file would open and then fail to save, export or print. Repairing it (say, to U+FFFD) would
silently change a document that may be evidence, and the change would be lost in a warning
nobody reads; refusing names the place (``project 'p', criterion 'c': rationale contains the
unpaired surrogate U+D800 …``) so the author can fix the source, and it is the same rule, in the
same words, as for control characters (:mod:`rrisk.text`). Every exception the zip, zlib and
JSON layers raise on hostile bytes becomes one :class:`FileFormatError` line naming the file.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rrisk import __version__, collector
from rrisk.cells import CellScores
from rrisk.errors import DocumentError, FileFormatError, NewerFormatError
from rrisk.jsonread import fast_loads
from rrisk.limits import body_problem, json_problem, unread_compression
from rrisk.messages import one_line
from rrisk.model import (
    ATTACHMENT_BYTES,
    Assessment,
    assessment_to_data,
    attachment_problem,
    parse_assessment,
)
from rrisk.stopping import ShouldStop, stop_point, stop_points
from rrisk.tempfiles import atomic_write_bytes, remove_stale_temps
from rrisk.text import quoted

MIMETYPE = "application/vnd.rrisk+zip"
FORMAT_VERSION = 2
EXTENSION = ".rrisk"

MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 2_000
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024
MAX_TOTAL_UNCOMPRESSED = 512 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
"""JSON compresses 10–40×; anything past this is treated as a zip bomb."""


def _attachment_member(member: str) -> bool:
    """Whether ``member`` is ``attachments/NAME`` with a name a source may give its file."""
    prefix, _, name = member.partition("/")
    return prefix == "attachments" and attachment_problem(name) is None


def _migrate_1_to_2(body: dict[str, Any]) -> dict[str, Any]:
    """Version 2 stores the analysis settings in the document (and narrative stamps).

    A version-1 file was always analysed with 10,000 runs and seed 20250331, so those become
    its settings: the memo of an old file prints the figures it printed before. It has no
    stamps, so none of its texts is reported stale until it is edited or marked reviewed.
    """
    migrated = dict(body)
    migrated.setdefault("analysis", {"runs": 10_000, "seed": 20_250_331})
    return migrated


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _migrate_1_to_2}
"""``MIGRATIONS[n]`` turns a version-``n`` body into a version-``n+1`` body."""


@dataclass
class RRiskFile:
    """A document as read from (or to be written to) a ``.rrisk`` file."""

    document: Assessment
    attachments: dict[str, bytes] = field(default_factory=dict)
    format_version: int = FORMAT_VERSION  # as the file was written (read: migrated to current)
    app_version: str = __version__

    def older_version(self) -> str | None:
        """For a file of an older format version, which and who wrote it ("format version 1,
        written by RRisk 0.0.9"): saving it writes the current version, which that release
        may not open, so a colleague still on it is told to update. None for a current one."""
        if self.format_version >= FORMAT_VERSION:
            return None
        if self.app_version == "unknown":  # none, or not a version (as decoding reads it)
            return f"format version {self.format_version}, written by an unknown version of RRisk"
        writer = one_line(self.app_version, 60)  # the file's text: escaped, as in any message
        return f"format version {self.format_version}, written by RRisk {writer}"


def _fail(path: str | os.PathLike[str] | None, message: str) -> FileFormatError:
    where = f"{os.fspath(path)}: " if path is not None else ""
    return FileFormatError(f"{where}{message}")


_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,  # an unknown compression method
    ValueError,  # e.g. "negative seek value" from a spliced central directory
    struct.error,
    OverflowError,
    UnicodeDecodeError,
    IndexError,
    KeyError,
    RuntimeError,  # zipfile's "password required" for a flag it misreads
    MemoryError,
)
"""Everything :mod:`zipfile` and :mod:`zlib` raise on hostile bytes (found by fuzzing, see
``tests/rrisk/test_format_fuzz.py``); each becomes one :class:`FileFormatError` line."""


def _describe(error: BaseException) -> str:
    return str(error)[:120] or type(error).__name__


def _members_listed(data: bytes) -> int:
    """How many members the zip's central directory lists, counted in its bytes (entry
    signatures) before ``zipfile`` builds an object for each: a 250 MB directory of 5 million
    entries took 23 s and 2.4 GB to parse and refuse. 0 when no end record is found (then
    ``zipfile`` says what is wrong)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return 0
    (size,) = struct.unpack_from("<I", data, end + 12)
    stop = end
    # Zip64: a locator just before the end record points to the zip64 end record, 56 bytes
    # before it, which holds the directory's size. zipfile reads it whenever the locator is
    # there, whatever the end record says, so it is read here the same way.
    locator = end - 20
    if locator >= 56 and data[locator : locator + 4] == b"PK\x06\x07":
        record = locator - 56
        if data[record : record + 4] == b"PK\x06\x06":
            (size,) = struct.unpack_from("<Q", data, record + 40)
            stop = record
    elif size == 0xFFFFFFFF:
        return 0  # zip64 placeholders without the records: zipfile says what is wrong
    return data.count(b"PK\x01\x02", max(0, stop - size), stop)


_IMPORTED = (
    "a matrix table is imported, not opened (Import Matrix from Excel/CSV in the File menu, "
    "or rrisk import)"
)


def _other_kind(path: Any, data: bytes, names: list[str] | None) -> str | None:
    """What a file that is not a .rrisk file is, when it is one a user is likely to pick by
    mistake (the memo, the exported matrix): said instead of a zip's inner workings, or a
    question whether it is damaged."""
    if names is not None:
        if "xl/workbook.xml" in names:
            return f"is an Excel workbook, not a .rrisk file: {_IMPORTED}"
        if "word/document.xml" in names:
            return "is a Word document, not a .rrisk file"
        return None
    if data.startswith(b"%PDF-"):
        return "is a PDF document, not a .rrisk file"
    suffix = os.path.splitext(os.fspath(path))[1].lower() if path is not None else ""
    if suffix == ".csv":
        return f"is a CSV table, not a .rrisk file: {_IMPORTED}"
    return None


def _check_members(path: Any, archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _fail(path, f"has {len(infos):,} members; at most {MAX_MEMBERS:,} are allowed")
    if not infos or infos[0].filename != "mimetype":
        other = _other_kind(path, b"", [info.filename for info in infos])
        raise _fail(path, other or "is not a .rrisk file (its first member is not 'mimetype')")
    total = 0
    names: set[str] = set()
    unexpected = refused = ""
    for info in infos:
        name = info.filename
        if name in names:
            raise _fail(path, f"member '{name}' appears twice")
        names.add(name)
        if info.flag_bits & 0x1:
            raise _fail(path, f"member '{name}' is encrypted")
        if info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16):
            # A link stored by a Unix zip tool: its "content" is the path it points to, which
            # would open as the attachment and be saved back as a file of that text.
            raise _fail(path, f"member '{name}' is a symbolic link, not a file")
        if name in ("mimetype", "document.json"):
            limit = MAX_DOCUMENT_BYTES
        elif _attachment_member(name):
            limit = MAX_ATTACHMENT_BYTES
        elif name == "attachments/":
            continue
        else:
            # Said once the rest is checked: a newer format's file may hold members this
            # version does not know, and "update RRisk" is then what the user needs to hear.
            if not unexpected:
                unexpected, refused = name, _refused_attachment(name)
            continue
        unread = unread_compression(info.compress_type)
        if unread is not None:
            method = (
                f"compression {unread}" if unread.startswith("method") else f"{unread} compression"
            )
            raise _fail(
                path, f"member '{name}' uses {method}; RRisk reads only stored or deflated members"
            )
        if info.file_size > limit:
            raise _fail(
                path, f"member '{name}' is {info.file_size:,} bytes; the limit is {limit:,}"
            )
        if info.compress_size and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO:
            raise _fail(
                path, f"member '{name}' expands more than {MAX_COMPRESSION_RATIO}× (refused)"
            )
        total += info.file_size
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise _fail(path, f"expands to {total:,} bytes; the limit is {MAX_TOTAL_UNCOMPRESSED:,}")
    if "document.json" not in names:
        raise _fail(path, "has no document.json")
    if unexpected:
        _refuse_if_newer(path, archive, archive.getinfo("document.json"))
        if refused:
            raise _fail(path, f"holds an attached file RRisk cannot open: {refused}")
        raise _fail(path, f"has an unexpected member '{unexpected[:80]}'")
    twins = case_twins(
        name.removeprefix("attachments/") for name in names if _attachment_member(name)
    )
    if twins:
        raise _fail(path, f"holds {twins}")
    return infos


def attachment_key(name: str) -> str:
    """An attachment's name as Windows and macOS compare it (case and Unicode form aside):
    two names of one key would be one file when the ``.rrisk`` file is extracted there."""
    return unicodedata.normalize("NFC", name).casefold()


def case_twins(names: Iterable[str]) -> str | None:
    """Two attachment names that differ only in case (or Unicode form), in words, or None.

    RRisk never stores such a pair (:func:`rrisk.attachments.stored_name`), but another tool
    may: on Windows and macOS 'Report.pdf' and 'report.pdf' are one file, so extracting the
    ``.rrisk`` file (a zip) there keeps one of the two, or asks which, without saying why.
    The file is refused rather than one of them renamed, which would change what a source
    names without a word; the message names both."""
    seen: dict[str, str] = {}
    for name in names:
        other = seen.setdefault(attachment_key(name), name)
        if other != name:
            first, second = sorted((other, name))
            return (
                f"two attached files whose names differ only in case, {quoted(first, 80)} and "
                f"{quoted(second, 80)}: on Windows and macOS they would be one file; rename one "
                "of them (and the source naming it) with the tool that made the file"
            )
    return None


def _refused_attachment(member: str) -> str:
    """Why a member under ``attachments/`` is not an attachment, in the attachment rule's
    words ('' for any other member); a name too long (a zip holds up to 65,535 bytes) is
    said by its length, its start shown, so the line stays one a dialog can show."""
    prefix, _, name = member.partition("/")
    if prefix != "attachments":
        return ""
    size = len(name.encode("utf-8", "replace"))
    if size > ATTACHMENT_BYTES:
        return (
            f"attachment name {quoted(name[:60], 80)}… is {size:,} bytes long; an "
            f"attachment's name is at most {ATTACHMENT_BYTES} bytes in UTF-8"
        )
    return attachment_problem(name) or ""


def _refuse_if_newer(path: Any, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """:class:`NewerFormatError` when ``document.json`` (already checked for size) says a
    newer format wrote the file; nothing otherwise, whatever else is wrong with it."""
    try:
        decode_document_json(_read_member(path, archive, info), path)
    except NewerFormatError:
        raise
    except Exception:  # noqa: BLE001 - any other fault: the unexpected member is said
        return


def _read_member(path: Any, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    # Read at most the declared size + 1 so a lying header cannot make us inflate more.
    with archive.open(info) as member:
        data = member.read(info.file_size + 1)
    if len(data) != info.file_size:
        raise _fail(path, f"member '{info.filename}' is damaged (size mismatch)")
    return data


def decode_document_json(
    raw: bytes, path: Any = None, fast: bool = True
) -> tuple[int, str, dict[str, Any]]:
    """Parse ``document.json`` bytes into (the file's format_version, app_version, body migrated
    to the current version).

    ``fast`` tries :func:`rrisk.jsonread.fast_loads` first; ``json`` reads (and words the
    error) whenever it declines.
    """
    too_many = json_problem(raw)
    if too_many:
        raise _fail(path, too_many)
    envelope = fast_loads(raw) if fast else None
    if envelope is None:
        return _finish_decoding(_json_loads(raw, path), path)
    try:
        return _finish_decoding(envelope, path)
    except FileFormatError:
        _json_loads(raw, path)  # json's own refusal words it, as it did
        raise


def _json_loads(raw: bytes, path: Any) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _fail(path, f"document.json is not UTF-8 (byte {error.start})") from None
    if text.startswith("\ufeff"):  # (json's own words advise a Python codec)
        raise _fail(
            path,
            "document.json starts with a byte order mark, which JSON does not allow; save it "
            "as UTF-8 without one",
        )
    try:
        return json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_one_of_each)
    except RepeatedKeyError as error:
        raise _fail(
            path,
            f"document.json gives the key {quoted(error.key)} twice in one object (readers "
            "disagree on which one counts, so the file is refused)",
        ) from None
    except json.JSONDecodeError as error:
        # The reader's words end on "at" where its own message adds the place: "Unterminated
        # string starting at" is the string starting at the line and column given.
        what = error.msg.removesuffix(" starting at").removesuffix(" at")
        raise _fail(
            path,
            f"document.json is not valid JSON (line {error.lineno}, column {error.colno}: "
            f"{what[:1].lower()}{what[1:]})",
        ) from None
    except RecursionError:
        raise _fail(path, "document.json is nested too deeply to read") from None
    except ValueError as error:
        if "digits" in str(error):  # Python's guard against integers of thousands of digits
            raise _fail(path, "document.json holds a number with too many digits") from None
        raise _fail(path, f"document.json is not valid JSON ({str(error)[:120]})") from None


def _finish_decoding(envelope: Any, path: Any) -> tuple[int, str, dict[str, Any]]:
    if not isinstance(envelope, dict):
        raise _fail(path, "document.json is not a JSON object")
    version = envelope.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _fail(path, "document.json has no valid 'format_version'")
    app_version = envelope.get("app_version")
    # Text from the file: shown only when it reads as a version (a long or non-text value
    # would push the message's point, "update RRisk", out of the one line).
    if not (isinstance(app_version, str) and 0 < len(app_version) <= 40):
        app_version = "unknown"
    app_version = " ".join(app_version.split()) or "unknown"
    if version > FORMAT_VERSION:
        writer = (
            "an unknown version of RRisk" if app_version == "unknown" else f"RRisk {app_version}"
        )
        raise NewerFormatError(
            f"{os.fspath(path) + ': ' if path is not None else ''}was written in format version "
            f"{version:,} by {writer}; this RRisk ({__version__}) reads up to version "
            f"{FORMAT_VERSION}. Please update RRisk to open it."
        )
    # As the schema says: nothing beside these three (a key a writer added would be dropped
    # without a word on the next save), and the writer's version is text.
    unknown = sorted(set(envelope) - {"format_version", "app_version", "document"})
    if unknown:
        raise _fail(
            path,
            f"document.json has an unknown key {quoted(unknown[0], 40)} beside "
            "'format_version', 'app_version' and 'document'",
        )
    if "app_version" in envelope and not isinstance(envelope["app_version"], str):
        raise _fail(path, "document.json's 'app_version' is not text")
    body = envelope.get("document")
    if not isinstance(body, dict):
        raise _fail(path, "document.json has no 'document' object")
    for older in range(version, FORMAT_VERSION):
        body = MIGRATIONS[older](body)
    return version, str(app_version), body


class RepeatedKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _one_of_each(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose keys are each given once: JSON readers disagree on which of two wins
    (Python's takes the last), so a repeated key could hide data from one reader."""
    value = dict(pairs)
    if len(value) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise RepeatedKeyError(key)
            seen.add(key)
    return value


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a document")


def read_bytes(
    data: bytes,
    path: Any = None,
    should_stop: ShouldStop | None = None,
    parse: Callable[[Any], Assessment] | None = None,
) -> RRiskFile:
    """Read a ``.rrisk`` file held in memory.

    ``should_stop``, when given, is asked between the stages of the read and as the cells are
    checked; once it says True the read raises :class:`~rrisk.stopping.ReadStopped`. ``parse``
    reads the decoded body (:func:`load_for_scoring` gives its own; by default
    :func:`~rrisk.model.parse_assessment`, looked up when the read starts)."""
    with collector.paused(), stop_points(should_stop):
        return _read_bytes(data, path, should_stop, parse or parse_assessment)


def _read_bytes(
    data: bytes, path: Any, should_stop: ShouldStop | None, parse: Callable[[Any], Assessment]
) -> RRiskFile:
    if len(data) > MAX_FILE_BYTES:
        raise _fail(path, f"is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    if not data:
        raise _fail(path, "is empty")
    listed = _members_listed(data)
    if listed > MAX_MEMBERS:
        raise _fail(path, f"has {listed:,} members; at most {MAX_MEMBERS:,} are allowed")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise _fail(
            path,
            _other_kind(path, data, None)
            or "is not a .rrisk file (not a zip container; is it damaged or truncated?)",
        ) from None
    except _ZIP_ERRORS as error:
        raise _fail(path, f"cannot be read as a zip container ({_describe(error)})") from None
    try:
        with archive:
            infos = _check_members(path, archive)
            by_name = {info.filename: info for info in infos}
            mimetype = _read_member(path, archive, by_name["mimetype"]).decode("ascii", "replace")
            if mimetype.strip() != MIMETYPE:
                raise _fail(path, f"has the wrong mimetype '{mimetype[:60]}' (expected {MIMETYPE})")
            raw = _read_member(path, archive, by_name["document.json"])
            attachments = {
                info.filename.removeprefix("attachments/"): _read_member(path, archive, info)
                for info in infos
                if info.filename.startswith("attachments/") and not info.is_dir()
            }
    except _ZIP_ERRORS as error:
        raise _fail(path, f"is damaged ({_describe(error)})") from None
    stop_point(should_stop)
    version, app_version, body = decode_document_json(raw, path)
    stop_point(should_stop)
    try:
        too_large = body_problem(body)
        if too_large:
            raise _fail(path, too_large)
        try:
            document = parse(body)
        except DocumentError as error:
            raise _fail(path, str(error)) from None
        except RecursionError:
            # A value nested hundreds of levels deep (a document needs a handful): reading
            # or quoting it in a message would overflow the stack.
            raise _fail(path, "document.json nests a value too deeply to read") from None
    except FileFormatError as error:
        decode_document_json(raw, path, fast=False)  # json's own refusal words it, as it did
        if _newer_release(app_version):
            # A later release may write what this one does not know in a file of this format
            # version (a new field, a new choice): the cause, and the fix, is the release.
            raise FileFormatError(
                f"{error} (the file was written by RRisk {app_version}, newer than this RRisk "
                f"{__version__}: updating RRisk may open it)"
            ) from None
        raise
    missing = [
        s.attachment for s in document.sources if s.attachment and s.attachment not in attachments
    ]
    if missing:
        raise _fail(path, f"source attachment '{missing[0]}' is missing from attachments/")
    return RRiskFile(document, attachments, version, app_version)


def _release(version: str) -> tuple[int, ...] | None:
    """A release number such as '0.3.0' as numbers to compare; None for any other text."""
    if not re.fullmatch(r"[0-9]{1,6}(?:\.[0-9]{1,6}){0,3}", version):
        return None
    return tuple(int(part) for part in version.split("."))


def _newer_release(version: str) -> bool:
    """Whether ``version`` (a file's ``app_version``) names a later release than this one."""
    theirs, ours = _release(version), _release(__version__)
    return theirs is not None and ours is not None and theirs > ours


def read_file(
    path: str | os.PathLike[str],
    should_stop: ShouldStop | None = None,
    parse: Callable[[Any], Assessment] | None = None,
) -> RRiskFile:
    """Open a ``.rrisk`` file from disk (``should_stop``, ``parse``: see :func:`read_bytes`)."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(info.st_mode):
            # A device or a pipe: its size says nothing and reading it may never end.
            raise _fail(path, "is not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise _fail(path, f"is {info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        with open(path, "rb") as handle:
            data = _read_all(handle, should_stop)
    except FileNotFoundError:
        raise _fail(path, "does not exist") from None
    except IsADirectoryError:
        raise _fail(path, "is a folder, not a .rrisk file") from None
    except PermissionError:
        raise _fail(path, "cannot be read (permission denied)") from None
    except OSError as error:
        raise _fail(path, f"cannot be read ({error.strerror or error})") from None
    remove_stale_temps(path)
    return read_bytes(data, path, should_stop, parse)


READ_CHUNK = 1024 * 1024
"""Bytes read from disk between two questions to a read's ``should_stop``: a file on a slow
share (a megabyte a second or less) is not read to its end after a Cancel."""


def _read_all(handle: Any, should_stop: ShouldStop | None) -> bytes:
    """The file's bytes, up to one past the limit (a file that grew meanwhile is refused by
    :func:`read_bytes`); with ``should_stop``, asked before each :data:`READ_CHUNK` after the
    first (a file of one chunk is read as without it)."""
    if should_stop is None:
        return bytes(handle.read(MAX_FILE_BYTES + 1))
    chunks: list[bytes] = []
    left = MAX_FILE_BYTES + 1
    while left > 0:
        if chunks:
            stop_point(should_stop)
        want = min(READ_CHUNK, left)
        chunk = handle.read(want)
        chunks.append(chunk)
        left -= len(chunk)
        if len(chunk) < want:  # the end of the file
            break
    return b"".join(chunks)


def load(path: str | os.PathLike[str], should_stop: ShouldStop | None = None) -> Assessment:
    """The document of a ``.rrisk`` file (``should_stop``: see :func:`read_bytes`)."""
    return read_file(path, should_stop).document


def load_for_scoring(path: str | os.PathLike[str]) -> tuple[Assessment, CellScores | None]:
    """The document of a ``.rrisk`` file, to be scored and its results printed, and what its
    cells hold for scoring when they were read without being built; pass both to
    :func:`rrisk.scoring.compile_matrix`.

    The file is read as :func:`load` reads it, every stage and check the same, but a plainly
    valid body is read by :func:`rrisk.plainmodel.plain_scores`: its cells are tested as
    opening tests them, not built, and the document comes without them (with the scores
    beside it). At any doubt the body is read by :func:`~rrisk.model.parse_assessment`, as
    :func:`load` reads it, so a refusal says exactly what it says there, and a document read
    that way comes whole, with None beside it. The document returned may hold no cells: it
    is for scoring and printing results alone (``rrisk score``)."""
    from rrisk.plainmodel import plain_scores  # (read lazily, as parse_assessment reads it)

    gathered: list[CellScores] = []

    def parse(body: Any) -> Assessment:
        plain = plain_scores(body)
        if plain is None:
            return parse_assessment(body)
        gathered.append(plain[1])
        return plain[0]

    document = read_file(path, parse=parse).document
    return document, gathered[0] if gathered else None


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
"""``json.dumps`` as the body is written (an encoder keeps no state between calls)."""


def _envelope_text(body: dict[str, Any]) -> str:
    """``document.json``'s text for ``body``: ``json.dumps`` of the envelope, the very same
    characters, written a member at a time and the cells a project at a time. One call of the
    C encoder holds the interpreter for the whole body (~0.2 s at 2,000 × 40, more on a busy
    machine), which the desktop app's window, saving in a worker thread, cannot paint through;
    between calls the window's thread runs."""
    head = _ENCODE({"format_version": FORMAT_VERSION, "app_version": __version__})
    members = []
    for key, value in body.items():
        if key == "cells" and isinstance(value, dict):
            rows = ",".join(_ENCODE({project: row})[1:-1] for project, row in value.items())
            members.append(f"{_ENCODE(key)}:{{{rows}}}")
        else:
            members.append(_ENCODE({key: value})[1:-1])
    return f'{head[:-1]},"document":{{{",".join(members)}}}}}'


def document_json_bytes(document: Assessment, check: bool = True) -> bytes:
    """The ``document.json`` member: stable key order, so equal documents give equal bytes.

    Compact (no indentation): a large matrix is a third smaller and reads faster; any JSON
    tool pretty-prints it. The templates under ``resources/`` are the readable form. With
    ``check``, the body is validated as a reader would (models are mutable, so an edit made
    without validation must not produce a file that then refuses to open): by the reader's
    plain tests without building the document (:func:`rrisk.plainmodel.plainly_valid`), and
    at their first doubt read in full, which words the refusal.
    """
    from rrisk.plainmodel import plainly_valid  # (read lazily, as parse_assessment reads it)

    body = assessment_to_data(document)
    if check:
        if not plainly_valid(body):
            try:
                parse_assessment(body)
            except DocumentError as error:
                raise FileFormatError(f"not saved, the document is invalid: {error}") from None
        too_large = body_problem(body)  # (the editors add a 201st criterion without a word)
        if too_large:
            raise FileFormatError(f"not saved, the file would not open again ({too_large})")
    try:
        text = _envelope_text(body)
    except ValueError as error:
        # Unvalidated numbers (``check=False``): JSON has no NaN or infinity, and a file
        # holding them would not open again. Refuse rather than write it; the same for an
        # integer of thousands of digits, which Python will not write (nor read back).
        if "digits" in str(error):
            raise FileFormatError(
                "not saved, the document holds a number with too many digits to write"
            ) from None
        raise FileFormatError(
            "not saved, the document holds a number that is not finite (NaN or infinity)"
        ) from None
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        # Unvalidated text (``check=False``) may hold an unpaired surrogate: refuse, in words.
        raise FileFormatError(
            f"not saved, the document holds text that cannot be written "
            f"(U+{ord(text[error.start]):04X} at character {error.start:,} of document.json)"
        ) from None


# Fixed timestamp so that saving the same document twice gives the same bytes.
_ZIP_DATE = (2020, 1, 1, 0, 0, 0)


def to_bytes(document: Assessment, attachments: Mapping[str, bytes] | None = None) -> bytes:
    """Serialise a document (and attachments) to ``.rrisk`` bytes."""
    with collector.paused():
        body = document_json_bytes(document)
    # Reading refuses a file whose source names an attachment it lacks, so never write one
    # (asked of the sources once checked: a source or its attachment set without validation
    # to what is none, a list, raised TypeError here).
    for source in document.sources:
        if source.attachment and source.attachment not in (attachments or {}):
            raise FileFormatError(
                f"source '{source.id}' names the attachment '{source.attachment}', "
                "which was not given; the file would not open again"
            )
    if len(body) > MAX_DOCUMENT_BYTES:
        # Reading refuses it (a valid 2,000 × 40 matrix with rationales of ~850 characters
        # reaches it), so the file would not open again: keep the one on disk instead.
        raise FileFormatError(
            f"not saved, the document takes {len(body):,} bytes as written and a file opens "
            f"with at most {MAX_DOCUMENT_BYTES:,}: shorten its longest texts (rationales, "
            "quotes, descriptions)"
        )
    too_many = json_problem(body)  # (5,000 × 40 cells quoting 14 sources each reach it)
    if too_many:
        raise FileFormatError(f"not saved, the file would not open again: {too_many}")
    members = {"document.json": body}
    for name in sorted(attachments or {}):
        member = f"attachments/{name}"
        if not _attachment_member(member):
            raise FileFormatError(attachment_problem(name) or f"attachment name {name!r}")
        members[member] = (attachments or {})[name]
    too_large = _members_problem(members) or case_twins(attachments or {})
    if too_large:
        raise FileFormatError(f"not saved, the file would not open again: {too_large}")
    data, too_packed = _zip_bytes(members, frozenset())
    if too_packed:
        # Deflated past the ratio reading allows (a blank page scanned as a bitmap deflates
        # ~1,000×), such a member would make the file refused as a zip bomb: stored, it opens.
        data, _ = _zip_bytes(members, too_packed)
    if len(data) > MAX_FILE_BYTES:
        raise FileFormatError(
            f"not saved, the file would not open again: it would take {len(data):,} bytes; "
            f"the limit is {MAX_FILE_BYTES:,}"
        )
    return data


def written_size_bound(sizes: Mapping[str, int]) -> int:
    """Bytes :func:`to_bytes` writes at most for members of these names and sizes
    (``document.json`` and ``attachments/NAME``), whatever they hold: a member it cannot
    shrink deflates a little larger (zlib adds at most about 5 bytes a 16 KiB block, counted
    here as a thousandth and 64 bytes), one stored is its size, and each member adds its two
    headers (76 bytes and its name twice; 256 counted)."""
    total = 256 + 2 * len("mimetype") + len(MIMETYPE) + 22  # and the end record
    for name, size in sizes.items():
        total += size + size // 1000 + 64 + 256 + 2 * len(name.encode("utf-8"))
    return total


def _members_problem(members: Mapping[str, bytes]) -> str | None:
    """Why a file of ``members`` (beside ``mimetype``) would be refused on reading, by the
    limits reading sets on attachments, or None."""
    if len(members) + 1 > MAX_MEMBERS:
        return (
            f"it would hold {len(members) + 1:,} members ({len(members) - 1:,} attachments); "
            f"at most {MAX_MEMBERS:,} are allowed"
        )
    for member, content in members.items():
        if member != "document.json" and len(content) > MAX_ATTACHMENT_BYTES:
            return (
                f"attachment '{member.removeprefix('attachments/')}' is {len(content):,} bytes; "
                f"the limit is {MAX_ATTACHMENT_BYTES:,}"
            )
    total = len(MIMETYPE) + sum(len(content) for content in members.values())
    if total > MAX_TOTAL_UNCOMPRESSED:
        return (
            f"its members would expand to {total:,} bytes; the limit is {MAX_TOTAL_UNCOMPRESSED:,}"
        )
    return None


def _zip_bytes(
    members: Mapping[str, bytes], stored: frozenset[str]
) -> tuple[bytes, frozenset[str]]:
    """The zip of ``mimetype`` and ``members``, each deflated unless named in ``stored``; and
    the names of the members that deflated past :data:`MAX_COMPRESSION_RATIO`."""
    buffer = io.BytesIO()
    too_packed: set[str] = set()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("mimetype", _ZIP_DATE)
        info.compress_type = zipfile.ZIP_STORED
        archive.writestr(info, MIMETYPE.encode("ascii"))
        for name, content in members.items():
            info = zipfile.ZipInfo(name, _ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
            if info.file_size > MAX_COMPRESSION_RATIO * info.compress_size:
                too_packed.add(name)
    return buffer.getvalue(), frozenset(too_packed)


def save(
    document: Assessment,
    path: str | os.PathLike[str],
    attachments: Mapping[str, bytes] | None = None,
) -> None:
    """Save a document atomically as a ``.rrisk`` file."""
    try:
        data = to_bytes(document, attachments)
    except FileFormatError as error:
        raise FileFormatError(f"{os.fspath(path)}: {error}") from None
    atomic_write_bytes(path, data)


def fingerprint(document: Assessment) -> str:
    """SHA-256 of the document's content (canonical JSON), independent of zip details."""
    with collector.paused():  # the dump makes a dict per cell, none of them cyclic garbage
        canonical = json.dumps(
            assessment_to_data(document), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
