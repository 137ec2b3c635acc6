"""What an XLSX import may read, decided from the zip before any spreadsheet library runs.

openpyxl holds a workbook's shared strings and the cells of a sheet in memory: an 8 MB file
whose shared strings unpack to 237 MB took two minutes and 1.4 GiB. So the zip's declared
sizes, the shared-strings part and the cell count of the chosen sheet are checked here,
streaming, against :mod:`rrisk.limits`, and only then is the workbook parsed.

The sheet read is the one the user sees: hidden and very hidden sheets are ignored, and so
are chart sheets (they hold no cells); among the visible ones, the sheet named ``Matrix`` (as exported) or else the only visible one. Several
visible sheets without a ``Matrix`` is an error naming them, rather than a silent guess.

Text in XLSX follows the OOXML escape ``_xHHHH_`` for characters XML cannot keep: a carriage
return written raw comes back as a line feed, so export writes it as ``_x000D_`` (and escapes a
literal ``_xHHHH_`` as ``_x005F_xHHHH_``), and import decodes both, as Excel does. One gap
remains, in openpyxl: it strips every ``x005F_`` from shared strings (the form Excel saves), so
text that literally holds ``_xHHHH_`` and has been re-saved by Excel comes back decoded.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from rrisk.errors import ImportExportError
from rrisk.limits import MAX_XLSX_CELLS, MAX_XLSX_SHARED_STRINGS_BYTES, unread_compression

MAX_WORKBOOK_UNPACKED = 256 * 1024 * 1024
MAX_PARTS = 10_000
MAX_RATIO = 200
EXPORT_SHEET = "Matrix"

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_STRICT_MAIN = "{http://purl.oclc.org/ooxml/spreadsheetml/main}"
"""The namespace of a workbook saved as "Strict Open XML Spreadsheet", which openpyxl cannot
read (its sheets are in this namespace, not the one above)."""
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_NOT_XML = "[\x00-\x08\x0b\x0c\r\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
# An underscore that would read as the start of an escape once written: followed by xHHHH and
# then an underscore or a character that is itself written as an escape (which starts with one).
_TO_ESCAPE = re.compile(f"_(?=x[0-9A-Fa-f]{{4}}(?:_|{_NOT_XML}))|{_NOT_XML}")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z0-9]+:)?c[ >/]")


def encode_text(text: str) -> str:
    """Text for an XLSX cell that reads back unchanged (see the module docstring).

    Every character XML cannot hold (a carriage return, the C0 controls, U+FFFE, U+FFFF, a
    lone surrogate) is written as its ``_xHHHH_`` escape instead of failing the export, and a
    literal ``_`` that would read as the start of an escape gets its own (``_x005F_``), in one
    pass that looks ahead: back-to-back runs such as ``_x0041_x0042_`` are each kept.

    Most texts need nothing: every character the pass escapes is unprintable, and a literal
    ``_`` needs an escape only before ``x``, so such texts are returned as they are."""
    if text.isprintable() and "_x" not in text:
        return text
    return _TO_ESCAPE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    return f"_x{ord(match.group()):04X}_"


def cell_text(value: Any) -> str:
    """The text of a cell as the table reader gives it (a number, a boolean, a date…): as
    its text, except that a date cell without a time of day is its date, "2025-03-31" (a
    spreadsheet makes "31/03/2025" typed into a text column a date cell). A text cell is
    kept as written, even one reading "2025-03-31 00:00:00"."""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime) and value.time() == time():
        return value.date().isoformat()
    return str(value)


def decode_text(text: str) -> str:
    """The text an XLSX cell stands for, with ``_xHHHH_`` escapes decoded."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an old binary Excel workbook (.xls), or another OLE2 file."""


def _not_a_workbook(path: Path, error: Exception) -> str:
    """Why ``path`` is no XLSX workbook, in words that lead to the fix where they can."""
    try:
        with open(path, "rb") as handle:
            start = handle.read(len(_OLE2))
    except OSError as reading:
        return f"cannot be opened: {reading.strerror or type(reading).__name__}"
    if start == _OLE2 and _encrypted(path):
        return (
            "it is protected with a password to open it; open it in the spreadsheet, clear "
            "that password (in Excel: File → Info → Protect Workbook → Encrypt with Password) "
            "and save it, then import again"
        )
    if start == _OLE2:
        return (
            "it is an old Excel workbook (.xls) or another Office file of that era, named "
            ".xlsx; open it in the spreadsheet and save it as an Excel Workbook (.xlsx)"
        )
    if not start:
        return "the file is empty"
    if b"\x00" not in start and _reads_as_text(path):
        return (
            "it is a text file, such as a CSV table, named .xlsx; give it the name it has "
            "(.csv) or save it from the spreadsheet as an Excel Workbook (.xlsx)"
        )
    return "not a workbook: an .xlsx file is a zip archive, and this one cannot be read as one"


_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
"""The name, as an OLE2 directory holds it, of the part that carries an encrypted workbook."""


def _encrypted(path: Path) -> bool:
    """Whether the OLE2 file ``path`` holds an encrypted Office document (a workbook saved
    with a password to open it is such a file, whatever its name)."""
    try:
        with open(path, "rb") as handle:
            return _ENCRYPTED_PACKAGE in handle.read(64 * 1024 * 1024)
    except OSError:
        return False


def _reads_as_text(path: Path) -> bool:
    """Whether the file's first few kilobytes are UTF-8 (or Latin-1 looking) text."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    if b"\x00" in head:
        return False
    text = head.decode("utf-8", errors="replace")
    printable = sum(1 for c in text if c.isprintable() or c in "\r\n\t")
    return printable >= 0.95 * max(len(text), 1)


@dataclass
class SheetFacts:
    """What the streaming pass over the sheet to import learnt, before any parse."""

    name: str
    last_row: int | None = None
    """The sheet row of the last cell holding something (None: the sheet does not say)."""
    merged: list[str] = field(default_factory=list)
    """The merged ranges, as the sheet lists them ("M2:M9")."""
    others: list[str] = field(default_factory=list)
    """The other visible sheets, which are not read."""
    formulas: dict[str, str] = field(default_factory=dict)
    """Per column ("E"), its first cell below the header holding a formula saved without its
    result ("E2"), which reads as empty: refused where the column is one the import reads."""


MAX_MERGED = 10_000
"""Merged ranges kept for the check against the table; a sheet with more is refused."""


def check_workbook(path: Path) -> SheetFacts:
    """Refuse a workbook too large to read; the sheet to import, with its last filled row and
    its merged ranges."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_sizes(path, infos)
            sheet, part, others = _visible_sheet(path, archive)
            facts = SheetFacts(sheet, others=others)
            if part is not None and part in archive.NameToInfo:
                _check_cells(path, archive, archive.NameToInfo[part], facts)
    except ImportExportError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError) as error:
        raise ImportExportError(
            f"{path}: cannot be read as an XLSX table ({_not_a_workbook(path, error)})"
        ) from None
    except Exception as error:  # noqa: BLE001 — zlib, struct, XML: a damaged workbook
        raise ImportExportError(
            f"{path}: cannot be read as an XLSX table (damaged: {type(error).__name__})"
        ) from None
    return facts


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    total = sum(info.file_size for info in infos)
    if len(infos) > MAX_PARTS or total > MAX_WORKBOOK_UNPACKED:
        raise ImportExportError(
            f"{path}: unpacks to {total:,} bytes in {len(infos):,} parts; "
            f"at most {MAX_WORKBOOK_UNPACKED:,} bytes are read"
        )
    for info in infos:
        method = unread_compression(info.compress_type)
        if method is not None:  # (the sizes above say nothing of what it would inflate to)
            raise ImportExportError(
                f"{path}: part '{info.filename[:60]}' is compressed with {method}; only "
                "stored or deflated parts are read"
            )
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise ImportExportError(
                f"{path}: part '{info.filename[:60]}' expands more than {MAX_RATIO}× (refused)"
            )
        if info.filename.lower().endswith("sharedstrings.xml") and (
            info.file_size > MAX_XLSX_SHARED_STRINGS_BYTES
        ):
            raise ImportExportError(
                f"{path}: its shared strings unpack to {info.file_size:,} bytes; "
                f"at most {MAX_XLSX_SHARED_STRINGS_BYTES:,} are read"
            )


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > 8 * 1024 * 1024:
        raise ValueError(f"{name} is too large")
    return archive.read(info)


def _visible_sheet(path: Path, archive: zipfile.ZipFile) -> tuple[str, str | None, list[str]]:
    """(name, zip part) of the sheet to import, and the names of the other visible sheets."""
    book = ElementTree.fromstring(_read_small(archive, "xl/workbook.xml"))
    if book.tag.startswith(_STRICT_MAIN):
        # Its sheets would go unseen: "has no visible sheet" of a sheet the user sees.
        raise ImportExportError(
            f"{path}: is saved as a Strict Open XML Spreadsheet, which cannot be read; save "
            "it from the spreadsheet as an Excel Workbook (.xlsx) and import again"
        )
    sheets = [
        (node.get("name", ""), node.get(f"{_REL}id", ""), node.get("state", "visible"))
        for node in book.iter(f"{_MAIN}sheet")
    ]
    # A chart sheet holds no cells: never the table, nor a sheet left unread.
    kinds = _part_kinds(archive)
    visible = [
        (name, rel)
        for name, rel, state in sheets
        if state == "visible" and not kinds.get(rel, "").endswith("/chartsheet")
    ]
    if not visible:
        raise ImportExportError(f"{path}: has no visible sheet")
    # Sheet names are the same to a spreadsheet whatever their case ("matrix" is "Matrix").
    chosen = [item for item in visible if item[0] == EXPORT_SHEET] or [
        item for item in visible if item[0].strip().casefold() == EXPORT_SHEET.casefold()
    ]
    if not chosen:
        if len(visible) > 1:
            names = ", ".join(f"'{name[:40]}'" for name, _ in visible[:10])
            raise ImportExportError(
                f"{path}: has several visible sheets ({names}) and none named "
                f"'{EXPORT_SHEET}'; hide the others or rename the matrix sheet '{EXPORT_SHEET}'"
            )
        chosen = visible
    name, rel_id = chosen[0]
    others = [other for other, _ in visible if other != name]
    return name, _part_of(archive, rel_id), others


def _part_kinds(archive: zipfile.ZipFile) -> dict[str, str]:
    """The workbook's relationship types by id ("…/worksheet", "…/chartsheet")."""
    try:
        rels = ElementTree.fromstring(_read_small(archive, "xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}
    return {
        node.get("Id", ""): node.get("Type", "") for node in rels.iter(f"{_PKG_REL}Relationship")
    }


def _part_of(archive: zipfile.ZipFile, rel_id: str) -> str | None:
    try:
        rels = ElementTree.fromstring(_read_small(archive, "xl/_rels/workbook.xml.rels"))
    except KeyError:
        return None
    for node in rels.iter(f"{_PKG_REL}Relationship"):
        if node.get("Id") == rel_id:
            target = node.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


_UNSAVED_FORMULA = re.compile(
    rb"<(?:[A-Za-z0-9]+:)?c\b([^>]*)>\s*<(?:[A-Za-z0-9]+:)?f\b[^>]*(?:/>|>[^<]*</(?:[A-Za-z0-9]+:)?f>)"
    rb"\s*(?:<(?:[A-Za-z0-9]+:)?v\s*/>|<(?:[A-Za-z0-9]+:)?v>\s*</(?:[A-Za-z0-9]+:)?v>)?"
    rb"\s*</(?:[A-Za-z0-9]+:)?c>"
)
"""A formula cell without its result: a spreadsheet program saves the result beside the
formula, but a script (openpyxl, for one) saves the formula alone, and a reader then sees an
empty cell, which would clear a score. (A formula whose result is the empty string says so:
``t="str"``.)"""
_REFERENCE = re.compile(rb'\br="([A-Z]{1,3}[0-9]{1,7})"')


def _unsaved_formulas(data: bytes) -> list[str]:
    """The references ("E2") of the formula cells in ``data`` saved without their result, in
    order ("?" for a cell that does not give its reference)."""
    found = []
    for cell in _UNSAVED_FORMULA.finditer(data):
        attributes = cell.group(1)
        if b't="str"' in attributes or b"t='str'" in attributes:
            continue
        reference = _REFERENCE.search(attributes)
        found.append(reference.group(1).decode("ascii") if reference else "?")
    return found


_COLUMN_OF = re.compile(r"[A-Z]+")


def unsaved_formula(path: Path, reference: str) -> ImportExportError:
    """The refusal of the formula cell ``reference`` saved without its result."""
    return ImportExportError(
        f"{path}, cell {reference}: holds a formula saved without its result (as a script "
        "writes it); open the file in a spreadsheet program and save it there, or type the value"
    )


_MERGED = re.compile(
    rb'<(?:[A-Za-z0-9]+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)"'
)
_ROW_OF = re.compile(rb"[0-9]+")


def _last_filled_row(data: bytes) -> int | None:
    """The row of the last cell in ``data`` that holds something: a cell with a value is
    written open and closed (``<c r="E7"><v>3</v></c>``), an empty one self-closed. Rows come
    in order, so the last such cell of the sheet is in its last row with anything in it."""
    end = max(data.rfind(b"</c>"), data.rfind(b":c>"))
    while end >= 0:
        start = max(data.rfind(b"<c ", 0, end), data.rfind(b":c ", 0, end))
        if start < 0:
            return None
        tag_end = data.find(b">", start, end)
        reference = _REFERENCE.search(data, start, tag_end if tag_end >= 0 else end)
        if reference is not None:
            return int(_ROW_OF.search(reference.group(1)).group())  # type: ignore[union-attr]
        if tag_end >= 0 and data[tag_end - 1 : tag_end] == b"/":
            end = start  # a self-closed cell before the closing tag found: look further back
            continue
        return None
    return None


def _check_cells(
    path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, facts: SheetFacts
) -> None:
    """Count the sheet's cells by streaming its XML (no parse, bounded memory), refuse a
    header saved as a formula without its result (see :data:`_UNSAVED_FORMULA`), and note in
    ``facts`` the last row holding something, the merged ranges (listed after the cells) and
    the first such formula cell of each column (the table's columns are not known yet)."""
    count = 0
    tail = b""
    merged: dict[str, None] = {}  # in order; a tag in the tail is seen twice
    with archive.open(info) as stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            if b"<f" in data or b":f" in data:
                for reference in _unsaved_formulas(data):
                    letters = _COLUMN_OF.match(reference)
                    if letters is None or reference[letters.end() :] == "1":
                        raise unsaved_formula(path, reference)  # a header, or a cell unplaced
                    facts.formulas.setdefault(letters.group(), reference)
            count += len(_CELL_TAG.findall(data))
            last_row = _last_filled_row(data)
            if last_row is not None:
                facts.last_row = max(facts.last_row or 0, last_row)
            if b"mergeCell" in data:
                for found in _MERGED.finditer(data):
                    merged[found.group(1).decode("ascii")] = None
                if len(merged) > MAX_MERGED:
                    raise ImportExportError(
                        f"{path}: its sheet holds more than {MAX_MERGED:,} merged ranges; "
                        "unmerge the cells and import again"
                    )
            # Keep a short tail so a tag cut between chunks is seen once, in the next one.
            # (From the last cell's start, when near, so a formula cell is read whole.)
            last_cell = data.rfind(b"<c", max(0, len(data) - 65_536))
            cut = last_cell if last_cell >= 0 else max(data.rfind(b"<"), len(data) - 16)
            if _CELL_TAG.match(data, cut):
                count -= 1
            tail = data[cut:]
            if count > MAX_XLSX_CELLS:
                raise ImportExportError(
                    f"{path}: its sheet holds more than {MAX_XLSX_CELLS:,} cells; "
                    f"at most {MAX_XLSX_CELLS:,} are read"
                )
    facts.merged = list(merged)
