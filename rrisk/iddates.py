"""Ids a spreadsheet turned into dates: '2024-11', '1-2', '3/4' or 'mar-24' typed or opened in
Excel or LibreOffice becomes a date, saved back to a CSV as that date's text ('Nov-24',
'2-Jan', '04/03/2026') and read from an XLSX as the date itself ('2024-11-01').

:func:`id_read_as_date` names the document's id that a table's id is such a date of, so an
import can say why that id is not in the document. Only the forms a spreadsheet writes for a
date are taken as one on the table's side; on the document's side every way a spreadsheet of
some country may read an id is tried (month first or day first), and the ids whose reading
agrees with the date on most of year, month and day are named.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection

Reading = tuple[int | None, int, int | None]
"""A date as far as it is known: year (None: not written), month, day (None: not shown)."""

_MONTHS = {
    name: number
    for number, month in enumerate(calendar.month_name[1:], start=1)
    for name in (month.casefold(), month[:3].casefold())
} | {"sept": 9}
"""English month names as a spreadsheet writes and reads them: 'Nov', 'Sept', 'November'."""

_PARTS = re.compile(
    r"([0-9]{1,4}|[A-Za-z]{3,9})(?:([-/. ])([0-9]{1,4}|[A-Za-z]{3,9}))"
    r"(?:\2([0-9]{1,4}|[A-Za-z]{3,9}))?"
)
_MIDNIGHT = re.compile(r"[ T]00:00(?::00)?$")
"""The time of day a date cell's text may carry: '2024-11-01 00:00:00'."""


def _day_fits(year: int | None, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    return 1 <= day <= calendar.monthrange(2024 if year is None else year, month)[1]


def _year(token: str) -> int | None:
    """A year as a spreadsheet reads it: four digits, or two (00–29 as 2000s, as Excel does)."""
    if not token.isdigit():
        return None
    if len(token) == 4:
        return int(token)
    if len(token) == 2:
        value = int(token)
        return 2000 + value if value < 30 else 1900 + value
    return None


def _month(token: str) -> int | None:
    return _MONTHS.get(token.casefold())


def _split(text: str) -> list[str] | None:
    match = _PARTS.fullmatch(text.strip())
    if match is None:
        return None
    return [part for index, part in enumerate(match.groups()) if part and index != 1]


def _readings_of_id(item_id: str) -> set[Reading]:
    """The dates a spreadsheet, of one country or another, may make of ``item_id`` typed."""
    parts = _split(item_id)
    if parts is None:
        return set()
    found: set[Reading] = set()
    numbers = [int(part) if part.isdigit() else None for part in parts]
    months = [_month(part) for part in parts]
    if len(parts) == 2:
        (a, b), (ma, mb) = numbers, months
        if a is not None and b is not None:
            if len(parts[0]) == 4:  # '2024-11': November 2024
                found.add((a, b, 1))
            else:
                found |= {(None, a, b), (None, b, a)}  # '1-2': 2 January, or 1 February
                year = _year(parts[1])
                if year is not None and (len(parts[1]) == 4 or b > 31):
                    found.add((year, a, 1))  # '11-2024': November 2024
        elif ma is not None and b is not None:  # 'mar-24': 24 March, or March 2024
            found.add((None, ma, b))
            if (year := _year(parts[1])) is not None:
                found.add((year, ma, 1))
        elif a is not None and mb is not None:  # '24-mar'
            found.add((None, mb, a))
            if (year := _year(parts[0])) is not None:
                found.add((year, mb, 1))
    elif len(parts) == 3:
        a, b, c = numbers
        if all(value is not None for value in numbers) and len(parts[0]) == 4:
            found.add((a, b, c))  # type: ignore[arg-type]
        elif (year := _year(parts[2])) is not None:
            if a is not None and b is not None:
                found |= {(year, a, b), (year, b, a)}
            elif a is not None and months[1] is not None:
                found.add((year, months[1], a))
            elif months[0] is not None and b is not None:
                found.add((year, months[0], b))
    return {reading for reading in found if None not in reading[1:2] and _day_fits(*reading)}


def _reading_of_table_id(text: str) -> set[Reading]:
    """The dates ``text`` is the text of, in the forms a spreadsheet writes a date: ISO from
    an XLSX date cell ('2024-11-01'), or as a CSV keeps a date shown ('01/11/2024', 'Nov-24',
    '1-Feb', '4-Mar-24'). Empty for any other text: an id such as '1-2' is no date written."""
    text = text.strip()
    parts = _split(_MIDNIGHT.sub("", text))
    if parts is None:
        return set()
    numbers = [int(part) if part.isdigit() else None for part in parts]
    months = [_month(part) for part in parts]
    found: set[Reading] = set()
    if len(parts) == 3:
        a, b, c = numbers
        if a is not None and b is not None and c is not None:
            if len(parts[0]) == 4:
                found.add((a, b, c))  # 2024-11-01
            elif (year := _year(parts[2])) is not None:
                found |= {(year, a, b), (year, b, a)}  # 11/1/2024, 01/11/2024, 01.11.2024
        elif a is not None and months[1] is not None and (year := _year(parts[2])) is not None:
            found.add((year, months[1], a))  # 4-Mar-24
    elif len(parts) == 2:
        a, b = numbers
        if months[0] is not None and b is not None and len(parts[1]) == 2:
            found.add((_year(parts[1]), months[0], None))  # Nov-24: November 2024
        elif a is not None and months[1] is not None:
            found.add((None, months[1], a))  # 1-Feb, 02-Jan
    return {reading for reading in found if _day_fits(*reading)}


def _agreement(seen: Reading, meant: Reading) -> int:
    """How many of year, month and day two readings share; -1 when they contradict."""
    shared = 0
    for one, other in zip(seen, meant, strict=True):
        if one is None or other is None:
            continue
        if one != other:
            return -1
        shared += 1
    return shared


def id_read_as_date(item_id: str, known: Collection[str]) -> list[str]:
    """The ids of ``known`` that a spreadsheet most likely turned into the date ``item_id``
    is the text of (several when they fit it as well as each other), or none."""
    seen = _reading_of_table_id(item_id)
    if not seen:
        return []
    best = 0
    near: list[str] = []
    for known_id in known:
        if known_id == item_id:
            continue
        agreement = max(
            (_agreement(one, other) for one in seen for other in _readings_of_id(known_id)),
            default=-1,
        )
        if agreement < 2 or agreement < best:
            continue
        if agreement > best:
            best, near = agreement, []
        near.append(known_id)
    return sorted(near)
