"""Matrix cells as tab-separated text, the way spreadsheets copy and paste blocks of cells.

A cell is written ``L×I`` (``4×3``); an unassessed cell is an empty field and a half-scored
one shows its missing part as ``–`` (``4×–``), as the matrix does. Reading accepts ``4×3``,
``4x3`` (``4х3`` with a Cyrillic х too), ``4*3``, ``4/3``, ``4 3`` and the matrix's own
display (``4×3  12 High``), with ``–`` or ``?`` for a part left as it is, in full-width
characters too (``４×３``). An empty field (or ``—``) leaves its cell as it is: a paste sets
likelihood and impact only, and never clears a cell's rationale or evidence, which a blank
copied from an unassessed cell would otherwise wipe out.

A field in double quotes may hold tabs and line breaks, as Excel and LibreOffice write a cell
whose text has them (``"4×3⏎"``, quotes inside doubled): it is one field of its line.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata

Scores = tuple[int | None, int | None]
"""A pasted cell: (likelihood, impact), None for a part left as it is."""

MAX_CLIPBOARD_CHARS = 4_000_000
"""More text than any matrix's cells could take (10,000 cells of a few characters)."""

_PART = r"([1-5]|[–?])"
_TIMES = "×xXхХ*/"
"""What parts a score: the Cyrillic х too, which a Russian keyboard types for the x key."""
_CELL = re.compile(rf"^{_PART}\s*(?:[{_TIMES}]|\s)\s*{_PART}(\s.*)?$")
_ANOTHER = re.compile(rf"{_PART}\s*[{_TIMES}]\s*{_PART}")
"""A second score in what follows one ("4×3 2×2", cells a PDF or web page parted by spaces)."""
_EMPTY = {"", "—", "–", "-"}
_NUMBERS = re.compile(rf"^(\d+(?:[.,]\d+)?|[–?])\s*[{_TIMES}]\s*(\d+(?:[.,]\d+)?|[–?])$")
"""Two numbers as a score is written, one of them no score ("6×2", "3,5×4"): which one is
said, rather than what a score looks like."""


class ClipboardError(ValueError):
    """The clipboard's text is not a block of likelihood × impact scores.

    ``line`` and ``column`` (from 1) give the field refused in the pasted block, when one
    field is the problem, so the matrix can name the cell it was meant for; ``where`` and
    ``problem`` are the message's two halves."""

    def __init__(
        self, message: str, line: int | None = None, column: int | None = None, where: str = ""
    ) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.line = line
        self.column = column
        self.where = where
        self.problem = message


def format_block(rows: list[list[Scores | None]]) -> str:
    """Tab-separated rows of ``L×I`` fields, ending with a newline as spreadsheets do."""

    def field(cell: Scores | None) -> str:
        if cell is None or cell == (None, None):
            return ""
        return "×".join("–" if part is None else str(part) for part in cell)

    return "".join("\t".join(field(cell) for cell in row) + "\n" for row in rows)


def parse_block(text: str) -> list[list[Scores | None]]:
    """The block of scores in ``text``, one list per row (None: leave the cell as it is).

    Raises :class:`ClipboardError` naming the first field that is not a score, by its line
    (the row, however many line breaks quoted fields hold) and column in the pasted block."""
    if len(text) > MAX_CLIPBOARD_CHARS:
        raise ClipboardError(
            f"the clipboard holds {len(text):,} characters, more than any matrix could take"
        )
    stream = io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n"), newline="")
    # A quoted field's tabs and line breaks are its own, not the block's.
    fields: list[list[str]] = []
    try:
        fields.extend(csv.reader(stream, delimiter="\t", quotechar='"', strict=False))
    except csv.Error:  # a field longer than the csv module reads: no score is
        raise ClipboardError(
            f"line {len(fields) + 1}: a field runs on for more than "
            f"{csv.field_size_limit():,} characters (a quote left open?), not a likelihood × "
            "impact score such as 4×3"
        ) from None
    while fields and not "".join(fields[-1]).strip():
        fields.pop()
    if not fields:
        raise ClipboardError("the clipboard holds no scores to paste")
    single = len(fields) == 1 and len(fields[0]) <= 1
    block: list[list[Scores | None]] = []
    # A block repeats a few spellings ("4×3") over thousands of fields: each is read once (a
    # field that is no score raises, naming its own place, and is never kept).
    read: dict[str, Scores | None] = {}
    for line_number, line in enumerate(fields, start=1):
        row: list[Scores | None] = []
        for column, raw in enumerate(line or [""], start=1):
            if raw in read:
                row.append(read[raw])
            else:
                row.append(read.setdefault(raw, _parse_cell(raw, line_number, column, single)))
        block.append(row)
    width = max(len(row) for row in block)
    return [row + [None] * (width - len(row)) for row in block]


def _parse_cell(raw: str, line: int, column: int, single: bool) -> Scores | None:
    """One field; ``single`` when it is the whole clipboard (then named as such)."""
    text = raw.strip().strip('"').strip()
    # Full-width digits and letters (４×３, ５ｘ４, typed with an East Asian input method) are
    # the scores they show, as the inspector's score fields take them.
    plain = unicodedata.normalize("NFKC", text).strip()
    if plain in _EMPTY:
        return None
    match = _CELL.match(plain)
    if match is None or (match[3] and _ANOTHER.search(match[3])):
        shown = text if len(text) <= 40 else text[:39] + "…"
        problem = (
            _not_a_score(plain)
            if match is None
            else "holds more than one score; paste cells separated by tabs, as a spreadsheet "
            "copies them"
        )
        if single:
            raise ClipboardError(f"“{shown}” {problem}", where="the clipboard")
        raise ClipboardError(
            f"“{shown}” {problem}", line, column, where=f"line {line}, column {column}"
        )
    likelihood, impact = (None if part in "–?" else int(part) for part in match.groups()[:2])
    return (likelihood, impact)


def _not_a_score(text: str) -> str:
    """Why ``text`` is no score: the part out of range when it reads as two numbers."""
    numbers = _NUMBERS.match(text)
    if numbers is not None:
        for name, part in zip(("likelihood", "impact"), numbers.groups(), strict=True):
            if part not in {"–", "?", "1", "2", "3", "4", "5"}:
                return f"is not a score: its {name} {part} is not a whole number from 1 to 5"
    return "is not a likelihood × impact score such as 4×3 (each from 1 to 5)"
