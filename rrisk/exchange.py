"""The matrix to and from CSV and XLSX: one row per project–criterion cell, readable headers.

Export writes every project × criterion pair (unassessed ones with empty scores), plus the
computed risk and band for reading (ignored on import). Import reads such a table back:

- into an existing document (``base``): cells are replaced by the table's values; projects
  and criteria must exist there; evidence links keep their quotes when their source is still
  listed. This is the Excel round trip: export, edit, import.
- without a base: a new document is built from the table's project and criterion ids and
  names (weights 1); evidence sources that are only ids become sources graded F6 (cannot be
  judged), titled with the id, so nothing unverified looks verified.

Every problem names the file, the row and the column. pandas is imported here only, never on
the open-file path.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import math
import os
import re
import stat
import unicodedata
import warnings
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from rrisk.cells import ID_PATTERN, ID_RULE, Cell, Evidence, parse_cell
from rrisk.errors import ImportExportError
from rrisk.iddates import id_read_as_date
from rrisk.limits import MAX_MATRIX, matrix_problem
from rrisk.model import Assessment, Criterion, Project, Source, parse_assessment
from rrisk.outputs import wrong_name
from rrisk.scoring import CELL_BANDS, cell_band
from rrisk.text import FORBIDDEN, guard_formula, listed, prints_nothing, quoted, unguard_formula

if TYPE_CHECKING:
    from rrisk.workbook import SheetFacts

COLUMNS = (
    "Project ID",
    "Project",
    "Criterion ID",
    "Criterion",
    "Likelihood",
    "Impact",
    "Likelihood low",
    "Likelihood high",
    "Impact low",
    "Impact high",
    "Risk (L×I)",
    "Band",
    "Status",
    "Red line",
    "Red-line reason",
    "Red-line basis",
    "Rationale",
    "Evidence sources",
)
_SCORE_COLUMNS = {
    "Likelihood": "likelihood",
    "Impact": "impact",
    "Likelihood low": "likelihood_low",
    "Likelihood high": "likelihood_high",
    "Impact low": "impact_low",
    "Impact high": "impact_high",
}
_REQUIRED = ("Project ID", "Criterion ID", "Likelihood", "Impact")
_CELL_TEXT_COLUMNS = {
    "Red-line reason": "red_line_reason",
    "Red-line basis": "red_line_basis",
    "Rationale": "rationale",
}


def _header_key(header: object) -> str:
    """A header as compared on import: case, spacing and '_' against ' ' do not matter
    ("project id", "PROJECT_ID", " Project  ID " all read as "Project ID")."""
    return " ".join(str(header).replace("_", " ").split()).casefold()


_BY_KEY = {_header_key(column): column for column in COLUMNS}
MAX_TABLE_BYTES = 64 * 1024 * 1024
MAX_ROWS = MAX_MATRIX
FORMATS = (".csv", ".xlsx")
_EMPTY_CELL = Cell(status="unassessed")
_XLSX_WIDTHS = (18, 28, 18, 28, 10, 10, 10, 10, 10, 10, 10, 10, 12, 9, 28, 24, 60, 24)


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        got = f"a {path.suffix} file" if path.suffix else "no extension"
        raise ImportExportError(f"{path}: use a .csv or .xlsx file (got {got})")
    return suffix


def export_format(path: Path) -> str:
    """The format ``path`` names (``.csv`` or ``.xlsx``); any other name is refused, naming
    the one to give."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ImportExportError(
            wrong_name(path, "a matrix is exported as a .csv or .xlsx file", FORMATS)
        )
    return suffix


_TEXT_COLUMNS = ("Project", "Criterion", "Red-line reason", "Red-line basis", "Rationale")
_protect = guard_formula
_unprotect = unguard_formula


def matrix_rows(
    document: Assessment, check: Callable[[], None] | None = None
) -> list[dict[str, Any]]:
    """The export table as a list of row dicts (keys are :data:`COLUMNS`); ``check`` is
    called every :data:`_CHECK_EVERY` rows (to stop by raising)."""
    rows: list[dict[str, Any]] = []
    for project in document.projects:
        for criterion in document.criteria:
            if check is not None and len(rows) % _CHECK_EVERY == _CHECK_EVERY - 1:
                check()
            cell = document.cell(project.id, criterion.id)
            risk = cell.risk if cell is not None else None
            row: dict[str, Any] = {
                "Project ID": project.id,
                "Project": project.name,
                "Criterion ID": criterion.id,
                "Criterion": criterion.name,
                "Risk (L×I)": risk,
                "Band": CELL_BANDS[cell_band(risk)] if risk is not None else "",
                "Status": cell.status if cell is not None else "unassessed",
                "Red line": "yes" if cell is not None and cell.red_line else "no",
                "Red-line reason": cell.red_line_reason if cell is not None else "",
                "Red-line basis": cell.red_line_basis if cell is not None else "",
                "Rationale": cell.rationale if cell is not None else "",
                "Evidence sources": "; ".join(e.source for e in cell.evidence) if cell else "",
            }
            for column, field in _SCORE_COLUMNS.items():
                row[column] = getattr(cell, field) if cell is not None else None
            for column in _TEXT_COLUMNS:
                row[column] = _protect(row[column])
            rows.append(row)
    return rows


def export_matrix(document: Assessment, path: str | os.PathLike[str]) -> None:
    """Write the matrix to a .csv or .xlsx file (atomically)."""
    from rrisk.fileformat import atomic_write_bytes

    target = Path(path)
    atomic_write_bytes(target, matrix_table(document, target))


class ExportCancelled(Exception):
    """The ``cancelled`` callback of :func:`matrix_table` asked to stop."""


def matrix_table(
    document: Assessment,
    path: str | os.PathLike[str],
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """The bytes :func:`export_matrix` writes to ``path`` (its suffix says .csv or .xlsx; the
    path also names the file in messages). Nothing is written. ``cancelled()`` is asked every
    few thousand rows; when it says so, :class:`ExportCancelled` is raised.

    ``progress(done, total)`` is told the cells (rows) written so far out of all of them,
    every few thousand rows. The total comes once the bytes are made.

    Every stage asks ``cancelled()`` as it goes (gathering the rows, encoding their texts,
    writing and zipping the workbook, and making the rows a table), so a Cancel stops the
    work within a fraction of a second: it asked only between stages, and 200,000 cells ran
    on for seconds after it."""
    import pandas  # noqa: F401 - first (a first import takes about half a second, no Cancel asked)

    def check() -> None:
        if cancelled is not None and cancelled():
            raise ExportCancelled

    target = Path(path)
    kind = export_format(target)
    total = len(document.projects) * len(document.criteria)
    if progress is not None:
        progress(0, total)
    check()
    frame = _frame(matrix_rows(document, check), check)
    check()
    for column in (*_SCORE_COLUMNS, "Risk (L×I)"):
        frame[column] = frame[column].astype("Int64")
    if kind == ".csv":
        data = _csv_bytes(frame, check, None if progress is None else lambda n: progress(n, total))
    else:
        from rrisk.workbook import encode_text

        for column in frame.columns:
            check()
            if frame[column].dtype == object or str(frame[column].dtype) == "str":
                frame[column] = frame[column].map(encode_text)
                _refuse_overlong_cells(target, frame, column)
        check()
        try:
            written = None if progress is None else lambda rows: progress(rows, total)
            data = _workbook_bytes(frame, check, written)
        except ExportCancelled:
            raise
        except Exception as error:  # noqa: BLE001 — a text the writer refuses: nothing written
            from rrisk.messages import one_line

            raise ImportExportError(
                f"{target}: the workbook could not be written, nothing was saved "
                f"({type(error).__name__}: {one_line(str(error), 200)})"
            ) from None
    if progress is not None:
        progress(total, total)
    return data


_CHECK_EVERY = 2_000
"""Rows written between two questions to ``cancelled()`` (and two reports to ``progress``)."""

_FRAME_CHUNK_ROWS = 5 * _CHECK_EVERY
"""Rows made into a table in one piece (a few hundredths of a second)."""


def _frame(rows: list[dict[str, Any]], check: Callable[[], None]) -> Any:
    """The rows as a table, made :data:`_FRAME_CHUNK_ROWS` at a time, asking ``check``
    between pieces: in one piece, 200,000 cells took about half a second no Cancel stopped.
    The same table as in one piece once the score columns are made whole numbers (a piece
    with no score left blank reads them as integers, another as objects)."""
    import pandas as pd

    columns = list(COLUMNS)
    if len(rows) <= _FRAME_CHUNK_ROWS:
        return pd.DataFrame(rows, columns=columns)
    pieces = []
    for start in range(0, len(rows), _FRAME_CHUNK_ROWS):
        check()
        pieces.append(pd.DataFrame(rows[start : start + _FRAME_CHUNK_ROWS], columns=columns))
    check()
    return pd.concat(pieces, ignore_index=True)


_CSV_CHUNK_ROWS = 10 * _CHECK_EVERY
"""Rows of a CSV made in one piece (a piece takes a fraction of a second)."""

_CHECK_EVERY_BYTES = 1 << 20
"""Bytes of the zipped workbook written between two questions to ``cancelled()``."""


def _csv_bytes(
    frame: Any, check: Callable[[], None], written: Callable[[int], None] | None = None
) -> bytes:
    """The frame as CSV, made a piece of rows at a time (asking ``check`` between pieces,
    telling ``written`` the rows made): the same bytes as in one piece."""
    pieces: list[str] = []
    for start in range(0, max(len(frame), 1), _CSV_CHUNK_ROWS):
        check()
        if written is not None and start:
            written(start)
        # UTF-8 with BOM so that Excel shows Cyrillic names correctly when opening the CSV.
        # CRLF records (RFC 4180): the writer then quotes every field holding a lone CR or
        # LF, so no text is split into records or starts a new line past the formula guard.
        piece = frame.iloc[start : start + _CSV_CHUNK_ROWS]
        pieces.append(piece.to_csv(index=False, header=not start, lineterminator="\r\n"))
    return "".join(pieces).encode("utf-8-sig")


class _CheckedBuffer(io.BytesIO):
    """The workbook's bytes, asking ``check`` every :data:`_CHECK_EVERY_BYTES` written (the
    zip of a large sheet takes seconds). Once ``check`` has raised, later writes (the zip
    closed as it is dropped) are let through unasked, so the stop is raised once."""

    def __init__(self, check: Callable[[], None]) -> None:
        super().__init__()
        self._check = check
        self._unasked = 0
        self._stopped = False

    def write(self, data: Any) -> int:
        if not self._stopped:
            self._unasked += len(data)
            if self._unasked >= _CHECK_EVERY_BYTES:
                self._unasked = 0
                try:
                    self._check()
                except BaseException:
                    self._stopped = True
                    raise
        return super().write(data)


def _workbook_bytes(
    frame: Any, check: Callable[[], None], written: Callable[[int], None] | None = None
) -> bytes:
    """The frame as an XLSX workbook, written a row at a time (openpyxl's write-only mode:
    a fraction of the time and memory of a whole sheet held at once), asking ``check`` and
    telling ``written`` the rows written every :data:`_CHECK_EVERY` rows, and asking
    ``check`` as the workbook is zipped (:class:`_CheckedBuffer`). The header is bold, the ids and names stay in view (frozen
    panes) and a text that reads exactly like a spreadsheet error ("#N/A", "#REF!"…) is
    written as text: openpyxl would store it as an error value, which reads back as nothing."""
    import pandas as pd
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES
    from openpyxl.styles import Font

    from rrisk.workbook import EXPORT_SHEET

    book = Workbook(write_only=True)
    sheet = book.create_sheet(EXPORT_SHEET)
    sheet.freeze_panes = "E2"
    for letter, width in zip("ABCDEFGHIJKLMNOPQR", _XLSX_WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    bold = Font(bold=True)
    header = []
    for name in frame.columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    codes = frozenset(ERROR_CODES)

    def value(item: Any) -> Any:
        if item is None or item is pd.NA:
            return None
        if isinstance(item, str):
            if item in codes:
                cell = WriteOnlyCell(sheet, value=item)
                cell.data_type = "s"
                return cell
            return item
        return int(item)  # the scores and the risk (nullable integers)

    try:
        for number, row in enumerate(frame.itertuples(index=False, name=None), start=1):
            if number % _CHECK_EVERY == 0:
                check()
                if written is not None:
                    written(number - 1)
            sheet.append([value(item) for item in row])
        buffer = _CheckedBuffer(check)
        book.save(buffer)
    except BaseException:
        _close_sheet_stream(sheet)
        raise
    return buffer.getvalue()


def _close_sheet_stream(sheet: Any) -> None:
    """End the write-only sheet's row stream after a failure (a full disk under its temporary
    file, a cancel). Left open, the stream is closed when it is collected, its last write
    fails again there, and Python prints that failure as a traceback after the one-line
    message: it is closed here, and that second failure is the first one again. Its temporary
    file goes too (the library would remove it only when the process ends)."""
    writer = getattr(sheet, "_writer", None)
    # The rows' stream first (it writes into the sheet's), then the sheet's own.
    for stream in (getattr(sheet, "_rows", None), getattr(writer, "xf", None)):
        if stream is not None:
            with contextlib.suppress(Exception):
                stream.close()
    temporary = getattr(writer, "out", None)
    if isinstance(temporary, str):
        with contextlib.suppress(OSError):
            os.remove(temporary)


XLSX_CELL_CHARS = 32_767
"""The most characters a workbook cell holds; openpyxl cuts a longer text without a word."""


def _refuse_overlong_cells(target: Path, frame: Any, column: str) -> None:
    """Refuse the export when a text of ``column``, as written to the workbook, is longer than
    a cell holds: it would be cut, and the import would bring back less than was exported.

    A text within RRisk's own limits grows past it only through its escapes: each carriage
    return or other control character is written as seven characters (``_x000D_``)."""
    lengths = frame[column].str.len()
    over = lengths[lengths > XLSX_CELL_CHARS]
    if over.empty:
        return
    index = over.index[0]
    cells = f"{len(over):,} cells" if len(over) > 1 else "this cell"
    raise ImportExportError(
        f"{target}, row {int(index) + 2}, column '{column}' (project "
        f"'{frame.at[index, 'Project ID']}', criterion '{frame.at[index, 'Criterion ID']}'): "
        f"{int(over.iloc[0]):,} characters as written to a workbook (a carriage return or "
        f"other control character takes 7), more than a cell holds ({XLSX_CELL_CHARS:,}); "
        f"{cells} would be cut, so nothing was saved. Export as .csv, which keeps every "
        "character, or shorten the text"
    )


_SEPARATORS = (",", ";", "\t")
"""Field separators a CSV may use: Excel writes ';' where the comma is the decimal sign."""


def _csv_separator(path: Path) -> str:
    """The separator of the CSV's header line: the one that splits it into the required
    columns. An empty file, a blank first line and a first line without the required columns
    are refused, each with its own message: the header must come first."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            header = handle.readline()
            start = header + handle.read(_HEADER_READ)
    except (OSError, UnicodeDecodeError):
        return ","
    if not header:
        raise ImportExportError(f"{path}: is empty; a table starts with its header row")
    if not header.strip():
        raise ImportExportError(
            f"{path}, row 1: is blank; the first row must be the header ({', '.join(_REQUIRED)}, …)"
        )
    rows: dict[str, list[str]] = {}
    for separator in _SEPARATORS:
        # The header row as the table is read: a quoted name may hold a line break (a
        # spreadsheet's Alt+Enter in a header cell), so the row can run past the first line.
        with contextlib.suppress(csv.Error, StopIteration):
            rows[separator] = next(csv.reader(start.splitlines(keepends=True), delimiter=separator))
            fields = {_header_key(field) for field in rows[separator]}
            if all(_header_key(column) in fields for column in _REQUIRED):
                return separator
        fields = {_header_key(field.strip().strip('"')) for field in header.split(separator)}
        if all(_header_key(column) in fields for column in _REQUIRED):
            return separator
    raise _no_header(path, header, rows)


_HEADER_READ = 64 * 1024
"""How much of a CSV after its first line the header row may take (quoted line breaks)."""


_SEPARATOR_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}


def _no_header(
    path: Path, header: str, rows: dict[str, list[str]] | None = None
) -> ImportExportError:
    """The message for a CSV whose first line is not a header naming the required columns:
    the first column it lacks, what the row holds (split as its first line splits most; as a
    table reader reads it where ``rows`` has it, so a quoted line break stays in its field),
    and the likely cause (Excel's ``sep=`` line, or a title above the header)."""
    separator = max(_SEPARATORS, key=header.count)
    fields = [field.strip().strip('"') for field in header.rstrip("\r\n").split(separator)]
    if rows and rows.get(separator):
        fields = [" ".join(field.split()) for field in rows[separator]]
    keys = {_header_key(field) for field in fields}
    missing = next(column for column in _REQUIRED if _header_key(column) not in keys)
    shown = "; ".join(quoted(field, 30) for field in fields[:6])
    if len(fields) > 6:
        shown += f"; … ({len(fields)} fields)"
    if header.strip().casefold().startswith("sep="):
        cause = (
            f"it is a spreadsheet's separator line ({quoted(header.strip(), 12)}): delete that "
            "line so that the header is row 1, and import again"
        )
    elif not keys & {_header_key(column) for column in COLUMNS}:
        cause = (
            "it names none of the table's columns: if a title, a note or a blank line comes "
            "before the header, delete it so that the header is row 1"
        )
    else:
        cause = f"the header must name {', '.join(_REQUIRED)} (any case)"
        near = [field for field in fields if _close_header(field) == missing]
        if near and _header_key(near[0]) not in _BY_KEY:
            cause += f"; {quoted(near[0], 40)} may mean '{missing}'"
    return ImportExportError(
        f"{path}, row 1: missing column '{missing}' (the row reads, split at "
        f"{_SEPARATOR_NAMES[separator]}: {shown}); {cause}"
    )


def _not_utf8(path: Path) -> ImportExportError:
    """The message for a CSV that is not UTF-8, naming the line of its first such byte (a
    reader's own position is that of the block it was decoding, not of the line)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_TABLE_BYTES + 1)
        raw.decode("utf-8")  # a BOM is valid UTF-8: offsets count from the file's start
    except UnicodeDecodeError as error:
        if raw.startswith(b"PK\x03\x04"):  # a zip: most likely a workbook given a .csv name
            return ImportExportError(
                f"{path}: is a zip archive (an Excel workbook?), not CSV text; name it .xlsx "
                "and import it again, or save it from the spreadsheet as 'CSV UTF-8'"
            )
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # Excel's "Unicode Text" (tab-separated), as its first bytes say ("line 1, byte 0xff"
            # named no cause).
            return ImportExportError(
                f"{path}: is UTF-16 text (as a spreadsheet's 'Unicode Text' saves it), not UTF-8; "
                "save it as 'CSV UTF-8' and import again"
            )
        line = raw[: error.start].count(b"\n") + 1
        return ImportExportError(
            f"{path}, line {line}: is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it "
            "as 'CSV UTF-8' and import again"
        )
    except OSError:
        pass
    return ImportExportError(f"{path}: is not UTF-8 text; save it as 'CSV UTF-8' and import again")


def _read_table(path: Path, notices: list[str] | None = None) -> Any:
    import pandas as pd

    if path.is_dir():  # said before its name's extension ('adir': 'got no extension')
        raise ImportExportError(f"{path}: is a folder, so it cannot be opened as a table")
    kind = _format_of(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ImportExportError(f"{path}: does not exist") from None
    except OSError as error:
        raise ImportExportError(f"{path}: cannot be read ({error.strerror or error})") from None
    if stat.S_ISDIR(info.st_mode):  # (made one since)
        raise ImportExportError(f"{path}: is a folder, so it cannot be opened as a table")
    if not stat.S_ISREG(info.st_mode):
        # A device or a pipe: its size says nothing (/dev/zero read until memory ran out),
        # and a pipe cannot be read twice, as the table is (a second read waited forever).
        raise ImportExportError(
            f"{path}: is not a regular file (a pipe or a device is not read); save the table "
            "to a file and import that"
        )
    size = info.st_size
    if size > MAX_TABLE_BYTES:
        raise ImportExportError(f"{path}: is {size:,} bytes; the limit is {MAX_TABLE_BYTES:,}")
    facts: SheetFacts | None = None
    separator = ","
    if kind == ".xlsx":
        from rrisk.workbook import check_workbook

        facts = check_workbook(path)
    else:
        separator = _csv_separator(path)
    try:
        if kind == ".csv":
            frame = _read_csv_rows(path, separator)
        else:
            # At most MAX_ROWS + 1 rows below the header: one past the limit tells a table
            # over it from one at it, and bounds the memory a huge sheet takes.
            assert facts is not None
            # Each cell as the reader gives it (text, number, date…), made text here: a date
            # cell is told from a text that reads like one only before that.
            raw = pd.read_excel(
                path, dtype=object, keep_default_na=False, sheet_name=facts.name, nrows=MAX_ROWS + 1
            )
            _refuse_unsaved_formulas(path, raw, facts.formulas)
            _refuse_error_cells(path, raw)
            _note_numbers_in_text(path, raw, notices)
            from rrisk.workbook import cell_text, decode_text

            def text(value: Any) -> str:
                return decode_text(cell_text(value))

            raw = raw.rename(columns=text).map(text)
            # A row left blank in a spreadsheet is skipped, as a blank line of a CSV is; the
            # index keeps each row's own number for the messages.
            frame = _without_blank_rows(raw)
            # The rows read are the header and MAX_ROWS + 1 below it; a sheet whose last
            # filled row lies further down (blank rows among the first) holds rows that were
            # not read: refused rather than dropped without a word.
            last_row = facts.last_row if facts.last_row is not None else len(raw) + 1
            if len(frame) <= MAX_ROWS and last_row > MAX_ROWS + 2:
                raise ImportExportError(
                    f"{path}: its rows run to row {last_row:,}, blank rows included; at most "
                    f"{MAX_ROWS:,} rows are read from a workbook, counting the blank ones: "
                    "delete the blank rows and import again"
                )
    except ImportExportError:
        raise
    except UnicodeDecodeError:
        raise _not_utf8(path) from None
    except (ValueError, OSError, KeyError) as error:
        if kind == ".csv" and "EOF inside string" in str(error):
            raise ImportExportError(
                f"{path}, row {_unclosed_quote_row(path, separator)}: a quoted field is never "
                'closed (a " with no closing "), so the rest of the file would be its text'
            ) from None
        if kind == ".csv" and isinstance(error, pd.errors.ParserError):
            # A row below the first with a field too many stops the reader: named here.
            _refuse_short_rows(path, None, separator)
        # An OSError's words alone: its text repeats the errno and the path already named
        # ("[Errno 13] Permission denied: 'matrix.csv'", a file Excel holds open).
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise ImportExportError(f"{path}: cannot be read as {_a_table(kind)} ({reason})") from None
    except Exception as error:  # noqa: BLE001 — a broken spreadsheet may raise anything
        raise ImportExportError(
            f"{path}: cannot be read as {_a_table(kind)} ({type(error).__name__})"
        ) from None
    if len(frame) > MAX_ROWS:
        raise _too_many_rows(path)
    if kind == ".csv":
        _refuse_short_rows(path, len(frame.columns), separator)
    frame.columns = [_table_column(column, frame.columns) for column in frame.columns]
    twice = [column for column in COLUMNS if list(frame.columns).count(column) > 1]
    if twice:
        raise ImportExportError(
            f"{path}: the column '{twice[0]}' appears twice; keep one and import again"
        )
    if facts is not None and facts.merged:
        _refuse_merged(path, list(frame.columns), facts.merged)
    if facts is not None and facts.others and notices is not None:
        # An edited copy of the matrix in another sheet ("Matrix (2)") is not read: say which
        # sheet was, so that "no differences" is not taken for the copy's.
        named = ", ".join(quoted(other, 40) for other in facts.others[:5])
        more = f" and {len(facts.others) - 5:,} more" if len(facts.others) > 5 else ""
        one = len(facts.others) == 1
        notices.append(
            f"{path}: only the sheet {quoted(facts.name, 40)} was read; the other visible "
            f"{'sheet' if one else 'sheets'}, {named}{more}, {'was' if one else 'were'} not "
            "imported"
        )
    known = set(COLUMNS) & set(frame.columns)
    if known:  # a header row (with none, the message below says where the header belongs)
        frame = _known_columns(path, frame, kind, notices)
    missing = [column for column in _REQUIRED if column not in frame.columns]
    if missing and facts is not None and not len(frame.columns):
        from rrisk.workbook import EXPORT_SHEET

        raise ImportExportError(
            f"{path}: the sheet {quoted(facts.name, 40)} is empty; the table is read from the "
            f"visible sheet named '{EXPORT_SHEET}', else from the only visible sheet (a hidden "
            "sheet is not read)"
        )
    if missing:
        advice = (
            "; the header must be row 1: delete any title or note above it" if not known else ""
        )
        sheet = f", sheet {quoted(facts.name, 40)}" if facts is not None else ""
        raise ImportExportError(
            f"{path}{sheet}: missing column '{missing[0]}' (expected: {', '.join(COLUMNS)}){advice}"
        )
    too_large = matrix_problem(frame["Project ID"].nunique(), frame["Criterion ID"].nunique())
    if too_large:
        raise ImportExportError(f"{path}: {too_large}")
    return frame


_UNNAMED = re.compile(r"Unnamed: ([0-9]+)")
"""How the table reader names a column whose header cell is empty."""
_REPEATED = re.compile(r"(.+)\.[0-9]+")
"""How the table reader names a header met again: ``project id.1`` for a second ``project id``."""


def _table_column(header: Any, headers: Any) -> Any:
    """The column of :data:`COLUMNS` that ``header`` (among the table's ``headers``, as the
    reader names them) reads as, or ``header`` itself. A header repeated in the same spelling
    reads as its first (``project id.1`` is ``Project ID``), so that it is refused as a column
    that appears twice, not named as a header the table does not have."""
    column = _BY_KEY.get(_header_key(header))
    if column is not None:
        return column
    repeated = _REPEATED.fullmatch(str(header))
    if repeated is not None and repeated.group(1) in headers:
        return _BY_KEY.get(_header_key(repeated.group(1)), header)
    return header


def _known_columns(path: Path, frame: Any, kind: str, notices: list[str] | None) -> Any:
    """The frame with the columns of :data:`COLUMNS` only. A header spelt close to one of them
    (``Red line (yes/no)``, ``Red line reason``, ``Evidence``) is refused, naming the header
    it may mean: its values were meant for that column, and the import would drop them (one
    close to Risk (L×I) or Band, which are never read, is not). Any other column (a column of notes, a spreadsheet's row numbers under no header) is not read,
    and ``notices`` says so in one line, naming it (several: the first few and how many
    more); an empty column without a header goes unsaid."""
    dropped: list[Any] = []
    unread: list[str] = []
    for position, column in enumerate(frame.columns):
        if column in COLUMNS:
            continue
        dropped.append(column)
        header = str(column)
        if _UNNAMED.fullmatch(header):
            values = frame.iloc[:, position]
            if not (values.str.strip() != "").any():
                continue
            place = _column_letter(position) if kind == ".xlsx" else str(position + 1)
            what = f"column {place}, which has no header,"
        else:
            near = _close_header(header)
            # Risk (L×I) and Band are worked out, never read: a column spelt close to one of
            # them ("Risk (LxI)", "Risk") loses nothing, and is only said to be left out.
            if near and near not in _WORKED_OUT:
                raise ImportExportError(
                    f"{path}, row 1, column {quoted(header, 40)}: is not a column of the matrix "
                    f"table (did you mean '{near}'?), so its values would not be read; rename it "
                    "or delete the column, and import again"
                )
            what = f"column {quoted(header, 40)}"
        unread.append(what)
    if notices is not None and len(unread) == 1:
        notices.append(
            f"{path}: {unread[0]} is not one of the table's columns ({', '.join(COLUMNS)}); its "
            "values were not imported"
        )
    elif notices is not None and unread:
        # One line for them all: forty columns of notes made forty lines (and a box in the
        # app several times the height of the screen).
        shown = "; ".join(what.removesuffix(",") for what in unread[:_UNREAD_SHOWN])
        more = f"; and {len(unread) - _UNREAD_SHOWN:,} more" if len(unread) > _UNREAD_SHOWN else ""
        notices.append(
            f"{path}: {len(unread):,} columns are not among the table's columns "
            f"({', '.join(COLUMNS)}), so their values were not imported: {shown}{more}"
        )
    return frame.drop(columns=dropped) if dropped else frame


_UNREAD_SHOWN = 5
"""Columns named in the note on columns not read; the rest are counted."""


_CELL_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


def _refuse_merged(path: Path, columns: list[Any], merged: list[str]) -> None:
    """Refuse the first merged range that covers cells of the table (``columns`` are its
    headers, from column A), naming it and its columns: a merged cell keeps its value in its
    first cell only and the others read as empty, which would clear a status, a score or a
    text (the id columns' empty cells were the only ones caught before)."""
    for reference in merged:
        corners = [
            found.group(1)
            for corner in reference.split(":")
            if (found := _CELL_REFERENCE.fullmatch(corner)) is not None
        ]
        if len(corners) != 2 or reference.count(":") != 1:
            continue  # a single cell: nothing is merged into it
        first, last = (_column_number(letters) for letters in corners)
        if first > len(columns) or reference.split(":")[0] == reference.split(":")[1]:
            continue
        covered = columns[first - 1 : min(last, len(columns))]
        if not any(column in COLUMNS and column not in _WORKED_OUT for column in covered):
            continue  # only columns that are not read (a note of the user's, Band): harmless
        names = [
            quoted(columns[position - 1], 30)
            if not _UNNAMED.fullmatch(str(columns[position - 1]))
            else _column_letter(position - 1)
            for position in range(first, min(last, len(columns)) + 1)
        ]
        shown = ", ".join(names[:4]) + (", …" if len(names) > 4 else "")
        raise ImportExportError(
            f"{path}, cells {reference}: are merged (column{'s' if len(names) > 1 else ''} "
            f"{shown}); a merged cell keeps its value in its first cell only and the others "
            "would read as empty (a status as draft, a score as none): unmerge them, fill in "
            "every cell and import again"
        )


def _column_number(letters: str) -> int:
    """The position of a spreadsheet column from 1 (A is 1, AA is 27)."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _compact(header: str) -> str:
    """Letters and digits only: ``Red line reason`` and ``Red-line reason`` meet."""
    return re.sub(r"[\W_]+", "", header.casefold())


_BY_COMPACT = {_compact(column): column for column in COLUMNS}


_REMARK = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*$")
"""A bracketed remark ending a header: "Red line (yes/no)", "Likelihood [1-5]"."""


def _close_header(header: str) -> str | None:
    """The table column ``header`` was meant to be, or None: the same but for its spacing
    and punctuation ("Red line reason"), or for a bracketed remark after it ("Red line
    (yes/no)"); the start of one column's name alone ("Evidence"); or a misspelling of one
    (a letter or two, "Likelyhood"). A header that only begins with a column's name and goes
    on ("Project manager", "Status date", "Likelihood trend") is the analyst's own column."""
    import difflib

    compact = _compact(header)
    if not compact:
        return None
    for candidate in (compact, _compact(_REMARK.sub("", header))):
        if candidate in _BY_COMPACT:
            return _BY_COMPACT[candidate]
    begun = [key for key in _BY_COMPACT if key.startswith(compact)]
    if len(begun) == 1 and len(compact) >= 4:
        return _BY_COMPACT[begun[0]]
    near = [
        key
        for key in difflib.get_close_matches(compact, list(_BY_COMPACT), n=3, cutoff=0.8)
        if abs(len(key) - len(compact)) <= 2
    ]
    return _BY_COMPACT[near[0]] if near else None


def _column_letter(position: int) -> str:
    """A spreadsheet's name for the column at ``position`` (0 is A, 26 is AA)."""
    letters = ""
    number = position + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _too_many_rows(path: Path) -> ImportExportError:
    return ImportExportError(
        f"{path}: has more than {MAX_ROWS:,} rows (blank rows aside); at most {MAX_ROWS:,} "
        "are read: split the table"
    )


_CSV_CHUNK_ROWS = 20_000


def _read_csv_rows(path: Path, separator: str) -> Any:
    """The CSV's rows that hold something, read once, a chunk at a time: blank lines are
    dropped as they come (the index keeps each row's number), and the table is refused as
    soon as it holds more than :data:`MAX_ROWS` rows, however many blank lines lie between
    them, so the memory it takes stays bounded."""
    import pandas as pd

    chunks = []
    rows = 0
    with warnings.catch_warnings():
        # A row longer than the header: refused later with its row, not a warning.
        warnings.simplefilter("ignore", pd.errors.ParserWarning)
        reader = pd.read_csv(
            path,
            dtype=str,
            keep_default_na=False,
            encoding="utf-8-sig",
            sep=separator,
            index_col=False,  # a row longer than the header must not become an index
            skip_blank_lines=False,  # kept, then dropped: rows keep their numbers
            chunksize=_CSV_CHUNK_ROWS,
        )
        with reader:
            for chunk in reader:
                filled = _without_blank_rows(chunk)
                rows += len(filled)
                if rows > MAX_ROWS:
                    raise _too_many_rows(path)
                chunks.append(filled)
    return pd.concat(chunks) if len(chunks) > 1 else chunks[0]


def _without_blank_rows(frame: Any) -> Any:
    """The rows holding something other than spaces (the index keeps each row's number)."""
    filled = frame.apply(lambda column: column.str.strip() != "")
    return frame[filled.any(axis=1)]


def _note_numbers_in_text(path: Path, frame: Any, notices: list[str] | None) -> None:
    """A note naming the cells of a text column (Rationale, Project…) that hold a number: a
    spreadsheet stores "15%" or "1,234.50" typed there as the number 0.15 or 1234.5, and the
    number is what a workbook gives. It is imported as such; the note says so, and where."""
    if notices is None:
        return
    found: list[tuple[str, str]] = []
    for position, header in enumerate(frame.columns):
        column = _BY_KEY.get(_header_key(header))
        if column not in _TEXT_COLUMNS:
            continue
        for row, value in enumerate(frame.iloc[:, position].tolist()):
            if isinstance(value, int | float) and not isinstance(value, bool):
                found.append((f"{_column_letter(position)}{row + 2}", column))
    if not found:
        return
    cells = ", ".join(reference for reference, _ in found[:5])
    more = f" and {len(found) - 5:,} more" if len(found) > 5 else ""
    columns = listed(sorted({column for _, column in found}))
    notices.append(
        f"{path}, cell{'s' if len(found) > 1 else ''} {cells}{more} ({columns}): "
        f"{'hold numbers' if len(found) > 1 else 'holds a number'} where text is expected, "
        "imported as the number reads (a spreadsheet stores '15%' typed there as 0.15); to "
        "keep what was typed, format the column as Text and type it again"
    )


def _refuse_unsaved_formulas(path: Path, frame: Any, formulas: dict[str, str]) -> None:
    """Refuse the first formula saved without its result (``formulas``: each column's first,
    as :class:`rrisk.workbook.SheetFacts` has them) in a column that is read: it reads as an
    empty cell, which would clear a score or a text. One in a column of the analyst's own, or
    in Risk (L×I) or Band (the score's product typed as a formula), changes nothing imported."""
    from rrisk.workbook import unsaved_formula

    read = [
        reference
        for position, header in enumerate(frame.columns)
        if (reference := formulas.get(_column_letter(position))) is not None
        and _BY_KEY.get(_header_key(header)) not in (None, *_WORKED_OUT)
    ]
    if read:
        raise unsaved_formula(path, min(read, key=_cell_place))


def _cell_place(reference: str) -> tuple[int, int]:
    """(row, column) of a cell reference ("E2" is (2, 5)), for reading order."""
    found = _CELL_REFERENCE.fullmatch(reference)
    assert found is not None
    return int(found.group(2)), _column_number(found.group(1))


def _refuse_error_cells(path: Path, frame: Any) -> None:
    """Refuse a spreadsheet error value (#N/A, #DIV/0!…), which reads as no value at all,
    naming its row and column. Only the columns that are read count: an error in a column of
    the analyst's own, or in Risk (L×I) or Band, changes nothing that is imported."""
    read = [
        _BY_KEY.get(_header_key(header)) not in (None, *_WORKED_OUT) for header in frame.columns
    ]
    errors = frame.loc[:, read].isna()
    if not errors.to_numpy().any():
        return
    column_number = int(errors.any(axis=0).to_numpy().argmax())
    column = errors.columns[column_number]
    row = int(errors[column].to_numpy().argmax())
    project = frame.iloc[row].get("Project ID", "")
    where = f", project '{project}'" if isinstance(project, str) and project else ""
    raise ImportExportError(
        f"{path}, row {row + 2}{where}, column '{column}': holds a spreadsheet error (such as "
        "#N/A or #DIV/0!) where a value is expected"
    )


def _unclosed_quote_row(path: Path, separator: str) -> int:
    """The row (numbered as :func:`_refuse_short_rows` numbers them) whose quoted field runs
    to the end of the file: read leniently, that field makes the last row, whatever stray
    quotes rows before it hold (``"P"x`` reads as ``Px``, as the table reader reads it)."""
    rows = 0
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for _row in csv.reader(handle, delimiter=separator):
                rows += 1
    except (csv.Error, OSError, UnicodeDecodeError):
        pass
    return max(rows, 1)


def _refuse_short_rows(path: Path, columns: int | None, separator: str = ",") -> None:
    """Refuse a CSV row with fewer or more fields than the header (``columns`` of them; None:
    as many as the header row holds).

    A table reader fills the missing fields with nothing, and nothing is a value here (no
    score, no rationale, no evidence): a row cut short would quietly empty its cell. A row
    with a field too many (a stray separator) would drop its last value or shift the others.
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            # Numbered as a spreadsheet numbers them: a blank line is a row too, and skipped.
            rows = enumerate(csv.reader(handle, delimiter=separator), start=1)
            _, header = next(rows, (1, []))
            if columns is None:
                columns = len(header)
            for number, row in rows:
                if len(row) <= columns and not "".join(row).strip():
                    continue  # blank, or spaces and separators alone: skipped as blank rows are
                if len(row) < columns:
                    raise ImportExportError(
                        f"{path}, row {number}: has {len(row)} of the {columns} columns "
                        "(a row cut short would empty the fields it leaves out)"
                    )
                if len(row) > columns:
                    raise ImportExportError(
                        f"{path}, row {number}: has {len(row)} fields where the header names "
                        f"{columns} (a field too many shifts every value after it)"
                    )
    except (csv.Error, OSError, UnicodeDecodeError):
        return  # the table was read already; this check has nothing to add


def _score(text: str, column: str, where: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    typed = quoted(text)  # as the table has it, clipped: a long value hid the problem
    if re.fullmatch(r"[0-9]+,[0-9]{3}", text):
        # "3,000": 3 with a decimal comma, or 3000 with a thousands separator; not guessed.
        raise ImportExportError(
            f"{where}: {column} {typed} is not a whole number 1–5 (a comma before three "
            "digits may separate thousands or decimals; type the score alone)"
        )
    if re.fullmatch(r"[0-9]+,[0-9]+", text):
        text = text.replace(",", ".")  # a decimal comma, as a semicolon-separated CSV writes
    if "_" in text:  # a number reader takes "0_3" for 3 and "1_0" for 10: no score's spelling
        raise ImportExportError(f"{where}: {column} {typed} is not a whole number 1–5")
    try:
        number = float(text)
    except ValueError:
        raise ImportExportError(f"{where}: {column} {typed} is not a whole number 1–5") from None
    if not number.is_integer():
        raise ImportExportError(f"{where}: {column} {typed} is not a whole number 1–5")
    return int(number)


_WORKED_OUT = ("Risk (L×I)", "Band")
"""Columns the export works out from a row's scores, never read back."""


def _worked_out_differs(record: dict[str, str], present: set[Any], cell: Cell) -> bool:
    """Whether the row's Risk (L×I) or Band, where the table has them and they are filled
    in, is not what its likelihood and impact give: an edit there changes nothing."""
    risk = cell.likelihood * cell.impact if cell.likelihood and cell.impact else None
    typed_risk = record.get("Risk (L×I)", "").strip() if "Risk (L×I)" in present else ""
    if typed_risk:
        try:
            differs = risk is None or float(typed_risk.replace(",", ".")) != risk
        except ValueError:
            differs = True
        if differs:
            return True
    typed_band = record.get("Band", "").strip() if "Band" in present else ""
    band = CELL_BANDS[cell_band(risk)] if risk is not None else ""
    return bool(typed_band) and typed_band.casefold() != band.casefold()


def _worked_out_notice(path: Path, rows: list[int]) -> str:
    shown = ", ".join(str(row) for row in rows[:5]) + (
        f" and {len(rows) - 5:,} more" if len(rows) > 5 else ""
    )
    return (
        f"{path}: {_plural_rows(rows)} {shown}: Risk (L×I) or Band is not what the row's "
        "likelihood and impact give; those two columns are worked out from the scores and "
        "never read, so the edit there was not imported (change Likelihood or Impact instead)"
    )


def _back_to_draft_notice(path: Path, rows: list[int]) -> str:
    shown = ", ".join(str(row) for row in rows[:5]) + (
        f" and {len(rows) - 5:,} more" if len(rows) > 5 else ""
    )
    one = len(rows) == 1
    return (
        f"{path}: {_plural_rows(rows)} {shown}: the table changes the score or range of "
        f"{'a cell' if one else f'{len(rows):,} cells'} marked reviewed, so "
        f"{'it is' if one else 'they are'} draft again (a review vouches for the values it "
        f"saw); mark {'it' if one else 'them'} reviewed again after checking"
    )


def _plural_rows(rows: list[int]) -> str:
    return "row" if len(rows) == 1 else "rows"


def _yes(text: str, where: str) -> bool:
    value = text.strip().casefold()
    if value in ("yes", "y", "true", "1", "x"):
        return True
    if value in ("", "no", "n", "false", "0"):
        return False
    raise ImportExportError(f"{where}: Red line {quoted(text)} is neither yes nor no")


class ImportCancelled(ImportExportError):
    """The user stopped an import; nothing was changed."""


def import_matrix(
    path: str | os.PathLike[str],
    base: Assessment | None = None,
    progress: Callable[[int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    add_new: bool = False,
    notices: list[str] | None = None,
) -> Assessment:
    """Read a matrix table; update a copy of ``base``, or build a new document.

    ``notices`` gets a line naming the columns of the table that are not read (those that
    are none of the table's columns, nor spelt close to one: that is refused).

    With a ``base``, a project, criterion or evidence source the table names but ``base``
    lacks is refused (a mistyped id would otherwise become a new item), unless ``add_new``:
    then it is added, named from the table, as it is in a new document.

    ``progress(percent, label)`` and ``cancelled()`` let a background job show where the
    import is and stop it (:class:`ImportCancelled`); they know nothing of any GUI.
    """
    source_path = Path(path)

    def step(percent: int, label: str) -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelled(f"{source_path}: the import was cancelled")
        if progress is not None:
            progress(percent, label)

    step(0, "reading the table")
    frame = _read_table(source_path, notices)
    step(40, "checking the rows")
    # Column by column into rows of plain values (to_dict("records") boxes every value).
    columns = list(frame.columns)
    records = [
        dict(zip(columns, values, strict=True))
        for values in zip(*(frame[column].tolist() for column in columns), strict=True)
    ]
    row_numbers = [int(index) + 2 for index in frame.index]  # row 1 is the header
    present = set(frame.columns)
    data = _editable_copy(base) if base is not None else Assessment(title=_title_from(source_path))
    project_ids = {p.id for p in data.projects}
    criterion_ids = {c.id for c in data.criteria}
    source_ids = {s.id for s in data.sources}
    seen: dict[tuple[str, str], int] = {}  # each pair's row
    not_worked_out: list[int] = []  # rows whose Risk or Band is not their L×I's
    back_to_draft: list[int] = []  # rows of reviewed cells whose scores the table changes
    # The names the table gives each project and criterion: for each name (spaces around it
    # aside), the first row giving it and its text as written there.
    named: dict[str, dict[str, dict[str, tuple[str, int]]]] = {"Project": {}, "Criterion": {}}
    for count, (number, record) in enumerate(zip(row_numbers, records, strict=True), start=1):
        if count % 2_000 == 0:
            step(40 + 50 * count // (len(records) + 1), f"row {count:,} of {len(records):,}")
        record = {key: _unprotect(str(value)) for key, value in record.items()}
        project_id = record["Project ID"].strip()
        criterion_id = record["Criterion ID"].strip()
        where = (
            f"{source_path}, row {number} (project {quoted(project_id, 40)}, "
            f"criterion {quoted(criterion_id, 40)})"
        )
        for column, item_id in (("Project ID", project_id), ("Criterion ID", criterion_id)):
            if not item_id:
                raise ImportExportError(
                    f"{source_path}, row {number}, column '{column}': is empty; every row names "
                    "its project and criterion by id (a merged cell keeps its value in its first "
                    "row only: unmerge it and fill in every row)"
                )
        if (project_id, criterion_id) in seen:
            raise ImportExportError(
                f"{where}: this project–criterion pair appears twice (first on row "
                f"{seen[project_id, criterion_id]}); keep one of the two rows"
            )
        seen[project_id, criterion_id] = number
        for column, item_id in (("Project", project_id), ("Criterion", criterion_id)):
            name = record.get(column, "")
            if name.strip():
                key = _name_key(name)
                named[column].setdefault(item_id, {}).setdefault(key, (name, number))
        if project_id not in project_ids:
            if base is not None and not add_new:
                raise ImportExportError(
                    f"{where}: project {quoted(project_id, 40)} is not in the document"
                    + _case_hint(project_id, project_ids)
                )
            _refuse_a_date_of("project", project_id, project_ids, where, base is not None)
            data.projects.append(_new_item(Project, project_id, record.get("Project", ""), where))
            project_ids.add(project_id)
        if criterion_id not in criterion_ids:
            if base is not None and not add_new:
                raise ImportExportError(
                    f"{where}: criterion {quoted(criterion_id, 40)} is not in the document"
                    + _case_hint(criterion_id, criterion_ids)
                )
            _refuse_a_date_of("criterion", criterion_id, criterion_ids, where, base is not None)
            data.criteria.append(
                _new_item(Criterion, criterion_id, record.get("Criterion", ""), where)
            )
            criterion_ids.add(criterion_id)
        old = data.cell(project_id, criterion_id)
        # A source may back several links of one cell (two quotes from one report): match the
        # n-th mention of a source in the table to the n-th link to it in the document.
        old_links: dict[str, list[Evidence]] = {}
        for link in old.evidence if old is not None else ():
            old_links.setdefault(link.source, []).append(link)
        links = []
        if "Evidence sources" not in present:  # a column left out keeps what the cell has
            links = list(old.evidence) if old is not None else []
        for source_id in (s.strip() for s in record.get("Evidence sources", "").split(";")):
            if not source_id:
                continue
            if source_id not in source_ids:
                if base is not None and not add_new:
                    raise ImportExportError(
                        f"{where}: evidence source {quoted(source_id, 40)} is not in the "
                        f"document{_source_hint(source_id, source_ids)}"
                    )
                _refuse_a_date_of("evidence source", source_id, source_ids, where, base is not None)
                data.sources.append(_new_item(Source, source_id, source_id, where))
                source_ids.add(source_id)
            kept = old_links.get(source_id)
            links.append(kept.pop(0) if kept else Evidence(source_id))
        cell_data: dict[str, Any] = {
            field: _score(record[column], column, where)
            if column in present
            else getattr(old, field, None)
            for column, field in _SCORE_COLUMNS.items()
        }
        if "Status" in present:
            status = record["Status"].strip().casefold() or "draft"
        else:  # (a pair the document has no cell for: unassessed, unless scored below)
            status = old.status if old is not None else "unassessed"
        unchanged = (
            old is not None
            and old.status == status
            and (old.likelihood, old.impact) == (cell_data["likelihood"], cell_data["impact"])
        )
        if (
            status == "unassessed"
            and not unchanged
            and (cell_data["likelihood"] is not None or cell_data["impact"] is not None)
        ):
            # Scored in the sheet: no longer unassessed. (A cell the document holds so, scores
            # and all, comes back as it was: export then import changes nothing.)
            status = "draft"
        if (
            status == "reviewed"
            and old is not None
            and old.status == "reviewed"
            and any(cell_data[field] != getattr(old, field) for field in _SCORE_COLUMNS.values())
        ):
            # A review vouches for the scores it saw, as in the app: a score or range the table
            # changes sets the cell back to draft. A Status the table itself turns to
            # reviewed (the cell was not) is the reviewer's word and stands.
            status = "draft"
            back_to_draft.append(number)
        cell_data.update(
            status=status,
            red_line=_yes(record["Red line"], where)
            if "Red line" in present
            else getattr(old, "red_line", False),
            evidence=links,
        )
        for column, field in _CELL_TEXT_COLUMNS.items():
            cell_data[field] = record[column] if column in present else getattr(old, field, "")
            if old is not None and _characters_lost(getattr(old, field), cell_data[field]):
                raise ImportExportError(
                    f"{source_path}, row {number}, column '{column}': "
                    + _lost_problem(getattr(old, field), cell_data[field])
                )
        try:
            cell = parse_cell(cell_data)
        except ValueError as error:
            # A value kept from the document (its column left out of the table) may be what
            # no longer fits the table's new score: say where it came from.
            from_document = [
                column.lower()
                for column, field in _SCORE_COLUMNS.items()
                if column not in present
                and cell_data[field] is not None
                and column.lower() in str(error)
            ]
            origin = (
                f" ({listed(from_document)} {'is' if len(from_document) == 1 else 'are'} the document's: the "
                f"table has no such column{'' if len(from_document) == 1 else 's'}; add "
                f"{'it' if len(from_document) == 1 else 'them'}, as an export has them, to change "
                f"{'it' if len(from_document) == 1 else 'them'} too)"
                if from_document
                else ""
            )
            raise ImportExportError(f"{where}: {error}{origin}") from None
        if cell == _EMPTY_CELL:
            # An exported unassessed pair with nothing in it: no cell, as before the export;
            # a document that held that very empty cell keeps it (importing an unchanged
            # export changes nothing).
            row = data.cells.get(project_id, {})
            if row.get(criterion_id) != _EMPTY_CELL:
                row.pop(criterion_id, None)
            continue
        data.cells.setdefault(project_id, {})[criterion_id] = cell
        if (
            old is not None
            and (old.likelihood, old.impact) == (cell.likelihood, cell.impact)
            and _worked_out_differs(record, present, cell)
        ):
            # Scores as they were, Risk or Band not: an edit made in a column never read.
            # (With a score changed, the old Risk beside it is only not yet worked out anew.)
            not_worked_out.append(number)
    if not_worked_out and notices is not None:
        notices.append(_worked_out_notice(source_path, not_worked_out))
    if back_to_draft and notices is not None:
        notices.append(_back_to_draft_notice(source_path, back_to_draft))
    _rename(data, named, source_path)
    step(90, "validating the document")
    try:
        from rrisk.model import assessment_to_data

        imported = parse_assessment(assessment_to_data(data))
    except Exception as error:  # DocumentError: say which file it came from
        raise ImportExportError(f"{source_path}: {error}") from None
    _stamp_rewritten(base, imported)
    return imported


UNTITLED_IMPORT = "Imported matrix"


def _title_from(path: Path) -> str:
    """A new document's title from its table's file name: without the characters a text may
    not hold (a file name may carry a control or bidi character, U+202E among them), spaces
    run together, clipped; :data:`UNTITLED_IMPORT` when nothing that shows is left."""
    title = " ".join(FORBIDDEN.sub(" ", path.stem).split())[:200]
    return UNTITLED_IMPORT if prints_nothing(title) else title


def _case_hint(item_id: str, known: set[str]) -> str:
    """ " (ids are matched exactly: did you mean 'x'?)" when an id of the document differs from
    ``item_id`` only in case (a spreadsheet's autocorrect capitalises a cell's first letter),
    or is the same number written another way (:func:`id_read_as_number`)."""
    folded = item_id.casefold()
    near = sorted(known_id for known_id in known if known_id.casefold() == folded)
    if near:
        return f" (ids are matched exactly: did you mean {quoted(near[0], 40)}?)"
    meant = id_read_as_number(item_id, known)
    if meant is not None:
        return (
            f" (ids are matched exactly: did you mean {quoted(meant, 40)}? A spreadsheet reads "
            f"an id such as {quoted(meant, 40)} as a number; format the column as text, or "
            "import the .xlsx export)"
        )
    return _date_hint(item_id, known)


def _date_hint(item_id: str, known: set[str]) -> str:
    """ " (… did you mean '2024-11'? A spreadsheet turns …)" when ``item_id`` is a date a
    spreadsheet made of an id of the document (:func:`rrisk.iddates.id_read_as_date`)."""
    dated = id_read_as_date(item_id, known)
    if not dated:
        return ""
    return (
        f" (ids are matched exactly: did you mean {_either(dated)}? A spreadsheet turns an id "
        f"such as {quoted(dated[0], 40)} into a date; format the column as text and enter its "
        "ids again, or import the .xlsx export)"
    )


def _refuse_a_date_of(
    kind: str, item_id: str, known: set[str], where: str, into_document: bool
) -> None:
    """Refuse adding ``item_id``, which can be no id ('Nov-24', '01/11/2024'), when it is a
    date a spreadsheet made of an id of the document (``into_document``) or of the table's
    rows before: saying it is no valid id, and to write it 'nov-24', would lead away from the
    id meant."""
    if re.fullmatch(ID_PATTERN, item_id) or item_id.casefold() in {k.casefold() for k in known}:
        return
    hint = _date_hint(item_id, known) if known else ""
    if hint:
        # A new document's ids are all the table's: there is no document to be missing from.
        missing = "is not in the document" if into_document else "is not a valid id"
        raise ImportExportError(f"{where}: {kind} {quoted(item_id, 40)} {missing}{hint}")


def _either(ids: Sequence[str]) -> str:
    """'a', 'a' or 'b', 'a', 'b' or 'c': the ids a text may stand for, quoted."""
    named = [quoted(item_id, 40) for item_id in ids[:3]]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} or {named[-1]}"


def id_read_as_number(item_id: str, known: Collection[str]) -> str | None:
    """The id of ``known`` that ``item_id`` is as a number written another way, if any: a
    spreadsheet opening a CSV reads the id '01' as the number 1, and saves it so."""
    if not _NUMBER.fullmatch(item_id):
        return None
    value = float(item_id)
    if not math.isfinite(value):
        return None
    near = sorted(k for k in known if _NUMBER.fullmatch(k) and float(k) == value)
    return near[0] if near else None


def ids_read_as_numbers(before: Assessment, after: Assessment) -> list[str]:
    """ "'1' (this assessment's '01')" for each project, criterion and source ``after`` adds
    whose id is one of ``before``'s as a spreadsheet reads it (a number)."""
    found: list[str] = []
    for item_id, known in _added_ids(before, after):
        meant = id_read_as_number(item_id, known)
        if meant is not None:
            found.append(f"'{item_id}' (this assessment's '{meant}')")
    return found


def _added_ids(before: Assessment, after: Assessment) -> Iterator[tuple[str, set[str]]]:
    """(id, ``before``'s ids of its kind) for each project, criterion and source ``after``
    adds."""
    kinds: tuple[tuple[Sequence[Any], Sequence[Any]], ...] = (
        (before.projects, after.projects),
        (before.criteria, after.criteria),
        (before.sources, after.sources),
    )
    for old, new in kinds:
        known = {item.id for item in old}
        yield from ((item.id, known) for item in new if item.id not in known)


def ids_read_as_dates(before: Assessment, after: Assessment) -> list[str]:
    """ "'2024-11-01' (this assessment's '2024-11')" for each project, criterion and source
    ``after`` adds whose id is a date a spreadsheet made of ``before``'s id (:mod:`rrisk.iddates`);
    not those :func:`ids_read_as_numbers` names."""
    found: list[str] = []
    for item_id, known in _added_ids(before, after):
        if id_read_as_number(item_id, known) is not None:
            continue
        meant = id_read_as_date(item_id, known)
        if meant:
            found.append(f"'{item_id}' (this assessment's {_either(meant)})")
    return found


_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?")
"""An id that a spreadsheet reads as a number ('01', '1.10', '1e5')."""


def _source_hint(source_id: str, known: set[str]) -> str:
    """:func:`_case_hint`, or " (separate several sources with ';')" when ``source_id`` is
    known sources separated by commas, spaces or line breaks ('article, interfax')."""
    parts = [part for part in re.split(r"[,\s]+", source_id) if part]
    if len(parts) > 1 and all(part in known for part in parts):
        return " (separate several sources with ';')"
    return _case_hint(source_id, known)


def _stamp_rewritten(base: Assessment | None, imported: Assessment) -> None:
    """A rationale the table rewrote is written against the imported results, as one typed
    in the app is (:mod:`rrisk.narrative`): stamped afresh, or unstamped when emptied. In a
    new document (no ``base``) the table wrote every rationale, as the app's import into a
    blank assessment stamps them."""
    from rrisk.narrative import stamp_texts

    rewritten = [
        f"cell:{project_id}:{criterion_id}"
        for project_id, criterion_id, cell in imported.iter_cells()
        if base is None
        or (old := base.cell(project_id, criterion_id)) is None
        or old.rationale != cell.rationale
    ]
    rewritten += [
        f"cell:{project_id}:{criterion_id}"
        for project_id, criterion_id, cell in (base.iter_cells() if base is not None else ())
        if cell.rationale and imported.cell(project_id, criterion_id) is None
    ]
    if not rewritten:
        return
    stamp_texts(imported, rewritten)


def _editable_copy(base: Assessment) -> Assessment:
    """A copy of ``base`` that the import may change without touching ``base``: new lists and
    cell rows, new project and criterion objects (a name from the table renames them), and
    the rest shared. A deep copy of 200,000 cells took longer than the whole import; nothing
    below changes a cell, a source or their evidence in place, and the result is validated
    afresh (new objects) at the end."""
    return base.model_copy(
        update={
            "projects": [project.model_copy() for project in base.projects],
            "criteria": [criterion.model_copy() for criterion in base.criteria],
            "sources": list(base.sources),
            "cells": {project_id: dict(row) for project_id, row in base.cells.items()},
        }
    )


def _rename(
    data: Assessment, named: dict[str, dict[str, dict[str, tuple[str, int]]]], source_path: Path
) -> None:
    """Give each project and criterion the name the table gives it, when it gives one (ids
    are the key, so a name edited in the spreadsheet renames); one item named two ways on
    two rows is refused, naming both. Spaces around a name are not an edit, and a name is
    kept as written: a new item takes the text of its first row, spaces and all."""
    for column, items in (("Project", data.projects), ("Criterion", data.criteria)):
        for item in items:
            names = named[column].get(item.id)
            if not names:
                continue
            if len(names) > 1:
                (first, row), (second, other) = list(names.values())[:2]
                raise ImportExportError(
                    f"{source_path}, rows {row} and {other}: {column.lower()} "
                    f"{quoted(item.id, 40)} is named {quoted(first, 60)} on one and "
                    f"{quoted(second, 60)} on the other; give it one name"
                )
            ((key, (name, row)),) = names.items()
            if _characters_lost(item.name.strip(), name.strip()):
                raise ImportExportError(
                    f"{source_path}, row {row}, column '{column}': "
                    + _lost_problem(item.name.strip(), name.strip())
                )
            if key != _name_key(item.name):
                problem = _name_problem(type(item), name)
                if problem:
                    raise ImportExportError(
                        f"{source_path}, row {row}, column '{column}': {problem}"
                    )
                item.name = name


def _id_problem(kind: type[BaseModel], item_id: str) -> str:
    """Why ``item_id`` cannot be an id, with its column and the id it may mean."""
    column = {Project: "Project ID", Criterion: "Criterion ID"}.get(kind, "Evidence sources")
    text = f"column '{column}': {quoted(item_id, 40)} is not a valid id ({ID_RULE})"
    if kind is Source and re.search(r"[,\n]", item_id):
        return text + "; separate several sources with ';'"
    near = "-".join(item_id.casefold().split())
    if near != item_id and re.fullmatch(ID_PATTERN, near):
        return text + f"; did you mean '{near}'?"
    return text


def _new_item(kind: type[BaseModel], item_id: str, name: str, where: str) -> Any:
    if kind is not Source and name.strip() and prints_nothing(name):
        column = "Project" if kind is Project else "Criterion"
        raise ImportExportError(f"{where}, column '{column}': {_PRINTS_NOTHING}")
    fields: dict[str, Any] = {
        "id": item_id,
        "name" if kind is not Source else "title": name if name.strip() else item_id,
    }
    if kind is Source:
        fields.update(
            reliability="F", credibility=6, notes="Created by a matrix import; grade unknown."
        )
    try:
        return kind.model_validate(fields)
    except ValidationError as error:
        places = [str(problem["loc"][0]) for problem in error.errors() if problem["loc"]]
        if "id" in places or kind is Source:
            raise ImportExportError(f"{where}, {_id_problem(kind, item_id)}") from None
        column = "Project" if kind is Project else "Criterion"
        raise ImportExportError(
            f"{where}, column '{column}': {_name_problem(kind, name) or error.errors()[0]['msg']}"
        ) from None


_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _characters_lost(old: str, new: str) -> bool:
    """Whether ``new`` is ``old`` with every character outside ASCII made '?': a CSV saved in
    the computer's own code page (Excel's "CSV (Comma delimited)") writes so each letter it
    cannot encode, Cyrillic or Chinese under a Western one, and the file still reads as
    UTF-8. Imported, the names and texts would be question marks."""
    if old == new or "?" not in new or not _NOT_ASCII.search(old):
        return False
    # One '?' a character, or one for each half of a character past U+FFFF (UTF-16).
    return new in (
        _NOT_ASCII.sub("?", old),
        _NOT_ASCII.sub(lambda match: "??" if match.group() > "\uffff" else "?", old),
    )


def _lost_problem(old: str, new: str) -> str:
    return (
        f"{quoted(new, 40)} is {quoted(old, 40)} with each letter the spreadsheet could not "
        "save made '?' (a CSV saved in the computer's own encoding, such as Excel's 'CSV "
        "(Comma delimited)'); save it as 'CSV UTF-8' and import again"
    )


def _name_key(name: str) -> str:
    """A name as the table's rows are compared: spaces around it aside, and one Unicode form
    ("Café" typed with a combining accent is the same name as "Café")."""
    return unicodedata.normalize("NFC", name.strip())


_PRINTS_NOTHING = (
    "the name prints nothing (only invisible characters, such as a zero-width space); give a "
    "name that shows"
)


def _name_problem(kind: type[BaseModel], name: str) -> str | None:
    """Why ``name`` cannot name a ``kind`` (a project or criterion), in words, or None. A name
    that prints nothing (a zero-width space alone) is refused, as the app refuses it typed."""
    if name.strip() and prints_nothing(name):
        return _PRINTS_NOTHING
    try:
        kind.model_validate({"id": "x", "name": name})
    except ValidationError as error:
        problem = next((p for p in error.errors() if p["loc"] and p["loc"][0] == "name"), None)
        if problem is None:
            return None
        if problem["type"] == "string_too_long":
            limit = (problem.get("ctx") or {}).get("max_length", 0)
            return f"the name is {len(name):,} characters; at most {limit:,}"
        return f"the name {str(problem['msg']).removeprefix('Value error, ')}"
    return None


def _a_table(kind: str) -> str:
    """ "a CSV table", "an XLSX table" (the suffix ``kind`` as said aloud)."""
    name = kind[1:].upper()
    return f"{'an' if name.startswith(('X', 'A', 'E', 'I', 'O')) else 'a'} {name} table"
