"""Rules for text that comes from files: what characters it may hold, how to quote it back.

Text fields may hold any printable Unicode, tabs and line breaks. C0/C1 control characters
(NUL, ESC, …) and the bidirectional override/isolate characters are refused: they can hide
or reorder what a reader sees, inject terminal escape sequences into CLI output, and break
spreadsheet and PDF writers. Unpaired UTF-16 surrogates (JSON ``"\\ud800"`` decodes to one)
are refused too: UTF-8 cannot encode them, so a document holding one would open and then fail
to save, export or print.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from decimal import Decimal
from functools import lru_cache
from typing import Any

from rrisk.glyphs import has_right_to_left

FORBIDDEN = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)

_FORBIDDEN_ASCII = bytes(code for code in range(128) if FORBIDDEN.match(chr(code)))
_forbidden_search = FORBIDDEN.search


def has_forbidden(value: str) -> bool:
    """Whether ``value`` holds a character of :data:`FORBIDDEN`: what ``FORBIDDEN.search``
    tells, five times as fast on ASCII text (checked for a whole document's texts at once)."""
    if value.isascii():  # (known to the string, not scanned)
        data = value.encode("ascii")
        return len(data.translate(None, _FORBIDDEN_ASCII)) != len(data)
    return _forbidden_search(value) is not None


def forbidden_character(value: str) -> str | None:
    """Describe the first forbidden character of ``value``, or None when it is clean."""
    found = FORBIDDEN.search(value)
    if found is None:
        return None
    code = ord(found.group())
    if 0xD800 <= code <= 0xDFFF:
        return (
            f"contains the unpaired surrogate U+{code:04X} at position {found.start() + 1} "
            "(text that cannot be saved)"
        )
    return f"contains the control character U+{code:04X} at position {found.start() + 1}"


def folded_name(name: str) -> str:
    """A name as a reader compares it: case, spacing and compatibility forms folded (the
    check's "same name", and the app's notice when one is typed)."""
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


BLANK_LOOKING = frozenset(
    "\u115f\u1160\u2800\u3164\uffa0\u034f" + "".join(chr(c) for c in range(0xFE00, 0xFE10))
)
"""Letters and symbols that draw as empty space (Hangul fillers, the blank Braille pattern),
and marks that draw nothing (the combining grapheme joiner, variation selectors)."""


def names_apart(items: Any) -> dict[str, str]:
    """Each item's name by id (items with ``id`` and ``name``), with its id after it where
    another item's name is the same as :func:`folded_name` compares them ("Cost (cost-2)"):
    a sentence naming one of them says which."""
    keyed = [(item, folded_name(item.name)) for item in items]
    counts = Counter(key for _item, key in keyed)
    return {
        item.id: item.name if counts[key] < 2 else f"{item.name} ({item.id})" for item, key in keyed
    }


def item_places(kind: str, items: Any, field: str = "name") -> dict[str, str]:
    """Each item's place in a message, by id: its kind and id, as the document, ``--scenario``,
    the import tables and the JSON know it, then its name as a reader knows it,
    ``project 'kcc-kolwezi' “Kamoto Copper Co. (KCC)”``; its kind and id alone where its name
    (``field``: a source's title) prints nothing (``source 'a1'``)."""
    places = {}
    for item in items:
        name = getattr(item, field)
        if prints_nothing(name):
            places[item.id] = f"{kind} '{item.id}'"
        else:
            shown = " ".join(name.split())  # a place is one line
            places[item.id] = f"{kind} '{item.id}' “{shown}”"
    return places


class Places:
    """The places of a document's projects, criteria, sources and scenarios in messages
    (:func:`item_places`: the id, then the name), made for a kind when first asked for; an id
    no item has (one gone since) is named by that id alone, ``project 'kcc'``."""

    def __init__(self, document: Any) -> None:
        self._document = document
        self._made: dict[str, dict[str, str]] = {}

    def __call__(self, kind: str, item_id: str) -> str:
        places = self._made.get(kind)
        if places is None:
            items, field = {
                "project": (self._document.projects, "name"),
                "criterion": (self._document.criteria, "name"),
                "source": (self._document.sources, "title"),
                "scenario": (self._document.scenarios, "name"),
            }[kind]
            places = self._made[kind] = item_places(kind, items, field)
        return places.get(item_id, f"{kind} '{item_id}'")

    def cell(self, project_id: str, criterion_id: str) -> str:
        """``project '…' “…”, criterion '…' “…”``."""
        return f"{self('project', project_id)}, {self('criterion', criterion_id)}"


def prints_nothing(value: str) -> bool:
    """Whether ``value`` shows nothing: only spaces, line breaks, invisible format characters
    (a zero-width space U+200B, a soft hyphen U+00AD, a word joiner U+2060…) and the few
    characters that draw as empty space (:data:`BLANK_LOOKING`).

    The desktop refuses such a new name; a file that holds one still opens (it was valid when
    it was saved), and ``rrisk check`` names it."""
    return all(
        ch.isspace() or ch in BLANK_LOOKING or unicodedata.category(ch) == "Cf" for ch in value
    )


def check_text(value: str) -> str:
    """``value`` unchanged, or ``ValueError`` naming its first forbidden character."""
    problem = forbidden_character(value)
    if problem:
        raise ValueError(problem)
    return value


def code_points_shown(text: str) -> str:
    """``text`` with each character that shows nothing, or that ``repr`` would write as
    ``\\u200b``, written as its code point (``<U+200B>``): a zero-width space, a no-break
    space, a Hangul filler, a variation selector (:data:`BLANK_LOOKING`), a direction mark.
    The C0 and C1 controls are left to ``repr`` (``\\x1b``, ``\\n``), as messages write them."""
    if text.isascii():
        return text
    return "".join(
        f"<U+{ord(ch):04X}>"
        if ch in BLANK_LOOKING or (ord(ch) >= 0xA0 and not ch.isprintable())
        else ch
        for ch in text
    )


def quoted(value: Any, limit: int = 40) -> str:
    """``repr`` of a value for a message, clipped so a huge value cannot flood the message;
    in a text, a character that shows nothing is written as its code point
    (:func:`code_points_shown`): 'ㅤ.pdf' is quoted as ``'<U+3164>.pdf'``, not as '.pdf'."""
    if isinstance(value, str):
        value = code_points_shown(value[: limit * 4])  # (the rest is clipped below)
    try:
        text = repr(value)
    except ValueError:  # an integer too long to print
        return "a number with thousands of digits"
    except RecursionError:  # lists within lists hundreds deep
        return "a value nested too deeply to show"
    if isinstance(value, int) and len(text) > limit:
        return f"{text[:12]}… ({len(text)} digits)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""First characters that make a spreadsheet read a cell as a formula (CSV/formula injection):
the ASCII ones and their fullwidth forms (＝ ＋ － ＠), which some spreadsheet programs fold to
ASCII and run as well."""


def guard_formula(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would run it as a formula.

    Text that already starts with quotes before a formula character (``'=x``) gets one more,
    so removing exactly one on import gives it back unchanged.
    """
    return "'" + text if text.lstrip("'").startswith(FORMULA_START) else text


def unguard_formula(text: str) -> str:
    """The inverse of :func:`guard_formula`."""
    return text[1:] if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START) else text


def csv_line(fields: list[str]) -> str:
    """One CSV record (LF-terminated) whose text cannot run as a formula nor split the record.

    :mod:`csv` quotes a field holding ``\\n`` but not one holding only ``\\r`` when the line
    ends in ``\\n``; a spreadsheet then splits the record there. Here every field holding a
    comma, quote, CR or LF is quoted.
    """
    out = []
    for field in fields:
        field = guard_formula(field)
        if any(mark in field for mark in ',"\r\n'):
            field = '"' + field.replace('"', '""') + '"'
        out.append(field)
    return ",".join(out) + "\n"


_PAGE_PREFIX = re.compile(r"(?i)^\s*(pp?\.|pages?\b|pg\.?\s|§|para\.?\s|paragraph\b|slide\b)")
_UNIT_WORD = re.compile(r"([^\W\d_]+)(?:\.|\s|$)")
"""A reference opening with a word of letters ("Table 4", "Annex II", "fig. 3", "с. 45")."""
_ROMAN = re.compile(r"(?i)[ivxlcdm]+")


def page_label(page: str) -> str:
    """A page reference as printed: "2" → "p. 2", "2–4" → "pp. 2–4", "iv" → "p. iv"; a
    reference that already names its unit ("p. 2", "pp. 3-4", "page 5", "§ 12", "Table 4",
    "Annex II", "с. 45") is printed as written, never "p. p. 2" or "p. Table 4". One rule for
    the app and the memo."""
    text = " ".join(str(page).split())
    if not text or _PAGE_PREFIX.match(text):
        return text
    word = _UNIT_WORD.match(text)
    if word and not _ROMAN.fullmatch(word.group(1)):
        return text
    return f"pp. {text}" if re.search(r"\d\s*[-–,]\s*\d", text) else f"p. {text}"


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (CJK) characters two; marks drawn on the letter
    before (an accent; a Burmese, Thai or Hindi vowel sign above or below) and invisible
    format characters (a zero-width space or joiner, a direction mark) none. A mark is told
    by its category, as a terminal tells it: many have a combining class of 0 (Burmese ီ and
    Thai ี), which ``unicodedata.combining`` gives as no mark."""
    return sum(
        0
        if unicodedata.category(ch) in ("Mn", "Me", "Cf")
        else 2
        if unicodedata.east_asian_width(ch) in "WF"
        else 1
        for ch in text
    )


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` columns (:func:`display_width`), left-aligned,
    or right-aligned when ``right``: tables of names in any script line up."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def ascii_text(text: str) -> str:
    """``text`` in ASCII: other scripts transliterated and accents dropped by one plain table
    (text-unidecode's), so the result is the same on every machine ("Томтор" → "Tomtor",
    "Łódź" → "Lodz", "Straße" → "Strasse", "北京" → "Bei Jing ")."""
    if text.isascii():
        return text
    import unicodedata

    from text_unidecode import unidecode

    return unidecode(unicodedata.normalize("NFKC", text))


def listed(items: list[str], limit: int | None = None) -> str:
    """``a``, ``a and b``, ``a, b and c``; past ``limit`` items, the rest as ``N more``."""
    if limit is not None and len(items) > limit:
        items = [*items[:limit], f"{len(items) - limit} more"]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def plain_number(value: float) -> str:
    """A number with every digit it was written with and no exponent: ``0.00001`` (never
    ``1e-05``), ``0.1234561`` (never ``0.123456``, which could print two weights alike)."""
    if not math.isfinite(value):
        return repr(float(value))
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    return format(Decimal(repr(float(value))), "f")


def weight_text(value: float, places: int = 2) -> str:
    """A weight as the editors show it: every digit it was entered with, and at least
    ``places`` decimals so a column of weights lines up (``1.00``, ``2.50``, ``0.125``,
    ``0.000001``). Two fixed decimals showed 0.000001 as ``0.00``, a criterion that counts
    looking like one left out, and 0.125 as ``0.12``."""
    text = plain_number(value)
    if not math.isfinite(value):
        return text
    whole, _, decimals = text.partition(".")
    return f"{whole}.{decimals.ljust(places, '0')}" if places else text


_TYPED_WEIGHT = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")


def read_weight(text: str) -> float:
    """A weight as a person types it: digits with a decimal point or a decimal comma (``0,75``
    is three quarters; there is no thousands separator, so ``1,000`` is one), spaces around
    it ignored. No exponent (``1e3``), underscores (``1_000``), hexadecimal or ``nan``, which
    Python's ``float`` reads; raises ValueError saying so."""
    cleaned = text.strip()
    if not _TYPED_WEIGHT.fullmatch(cleaned):
        raise ValueError(
            f"{quoted(cleaned)} is not a number (digits, with a decimal point or comma; "
            "no exponent, no underscores)"
        )
    return float(cleaned.replace(",", "."))


def number_text(value: Any) -> str:
    """A number quoted in a message: as :func:`plain_number` prints it (``1000``, not
    ``1000.0``; ``0.0000001``, not ``1e-07``; ``1000.0000001``, not ``1000``), except one so
    far from 1 that its digits would flood the line (``5e-324``, ``1e+300``), which keeps its
    exponent. Anything that is not a number prints as ``str`` does."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int):
        return quoted(value)
    if value == 0 or (math.isfinite(value) and 1e-12 <= abs(value) < 1e15):
        return plain_number(value)
    return repr(value)


@lru_cache(maxsize=16_384)  # every rescore sorts the same names again (an edit: ~1 ms at 500)
def name_sort_key(name: str) -> str:
    """How names are put in order (ties in every ranking, unscored and excluded projects):
    letters first without regard to case or accents, then with them. "Émile" sorts with the
    E's, not after "Zeta"; Cyrillic "Ёлкино" with "Елово", not after "Ярославль"; a name
    typed with a combining accent (E + U+0301) sorts where the same name typed as "É" does.
    Two names alike but for accents keep a fixed order (unaccented first); names alike but
    for case, or equal, keep the document's order (callers sort stably).

    One string, so sorts need no tuples: the letters, U+0000 (which no name holds, so a name
    that is the start of another comes first), then the name as written, casefolded in one
    normal form. Letters that are not a letter plus an accent in Unicode (Ł, Ø) sort by their
    code as before, after Z. Spaces around a name, or a run of them inside it (a name kept as
    an imported table spelt it, "  Zeta"), are not letters: "  Zeta" sorts with the Z's.
    A number in a name goes by its value: "Site 2" before "Site 10" (by character, "Site 10"
    came first, and "Block 9" after "Block 12")."""
    letters = _NUMBER.sub(_number_key, name_letters(name))
    return f"{letters}\x00{unicodedata.normalize('NFC', name.casefold())}"


def name_letters(name: str) -> str:
    """A name's letters as :func:`name_sort_key` compares them: casefolded, accents off,
    spaces around and runs of them inside dropped (what typing a name to find it matches)."""
    folded = unicodedata.normalize("NFKD", " ".join(name.split()).casefold())
    return "".join(c for c in folded if not unicodedata.combining(c)).translate(_CYRILLIC)


_NUMBER = re.compile(r"\d+")
_NUMBER_WIDTH = 24
"""Numbers in names are compared padded to this many digits (longer ones by their digits)."""


def _number_key(match: re.Match[str]) -> str:
    return str(int(match[0])).rjust(_NUMBER_WIDTH, "0")  # int reads any script's digits


CYRILLIC_ORDER = "аәбвгғґдђеєжзѕиіјкқлљмнңњоөпрстћуұүфхһцчџшщъыьэюя"
"""Cyrillic letters in the order names are sorted in: Russian's, with the letters of
Ukrainian, Belarusian, Kazakh, Serbian and Macedonian that are letters of their own (not a
letter plus an accent) each after the letter its alphabet puts it after: ґ after г, є after
е, і after и (Ukrainian and Belarusian; Kazakh puts it after ы), қ after к. By code they came
after я ("Ізюм" after "Ялта"). Letters that are one plus an accent (ё, й, ї, ў, ѓ) sort with
that letter, as the accented Latin ones do."""

_CYRILLIC = str.maketrans({letter: chr(0x400 + i) for i, letter in enumerate(CYRILLIC_ORDER)})
# (to U+0400 onwards: after casefolding and taking accents off, nothing else is left there)


def isolated(text: str) -> str:
    """``text`` in a first-strong isolate (FSI … PDI) when it holds right-to-left letters, to
    be set beside other words: an Arabic or Hebrew name followed by a score would otherwise
    turn the whole line and print the score in front of it, and a date after an Arabic
    publisher ("هسبريس, 2025-03-12") was read as Arabic numbers, reversed ("12-03-2025").
    Other text is returned as is. For text that is shown (the app, the memos), never for text
    that is stored, copied or written out as data. The letters are those the memo reorders
    (:func:`rrisk.glyphs.has_right_to_left`), which draws the isolates' marks as nothing; a
    right-to-left mark (U+200F) counts, as it turns a date after it as an Arabic letter
    does, a left-to-right mark (U+200E) does not, being of the line's own direction."""
    if has_right_to_left(text):
        return f"\u2068{text}\u2069"
    return text


RED_LINES_APART = " | "
"""Between a project's red lines written on one line (``rrisk score``'s table and CSV cell,
the app's ranking): a red line's legal basis lists its measures with "; "."""


def counted(count: int, one: str, many: str | None = None) -> str:
    """ "no cell", "1 cell", "1,200 cells": a count as a sentence says it, none as "no" with
    the noun as one takes it (the memo's rule: "no cell is taken as certain", never "0 cells
    are"); the verb that follows goes with the noun, as :func:`agrees` gives it."""
    if count == 0:
        return f"no {one}"
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def agrees(count: int, one: str, many: str) -> str:
    """The verb (or word) that goes with :func:`counted`'s noun: ``one`` for none or one."""
    return one if count <= 1 else many


def plural(count: int, one: str, many: str | None = None) -> str:
    """ "1 criterion", "3 criteria", "0 projects", "1,001 projects": the noun as the count
    takes it, the count with its thousands separator (as :func:`counted` writes it)."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"
