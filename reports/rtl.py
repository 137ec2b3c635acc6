"""Arabic and Hebrew as the PDF memo prints them: Arabic letters joined, each line in visual
order.

reportlab draws a string's characters one after the other, left to right, each in its font's
default glyph. Arabic letters take one of four forms by their neighbours (isolated, initial,
medial, final; lam followed by alef is one ligature), and right-to-left text is read from the
right. So a text holding such letters is turned here into what is to be drawn:

* :func:`shape` puts each Arabic letter in its contextual form: the presentation forms of
  Unicode's compatibility blocks (U+FB50–U+FDFF, U+FE70–U+FEFF), which the memo's font draws.
  The table of forms is read from Python's own Unicode database (each presentation form's
  decomposition names its letter and its position), so nothing is kept by hand; the letters
  are joined as Unicode's ArabicShaping.txt joins them (a letter with initial and medial forms
  joins on both sides, one with only a final form on its right; tatweel and the zero-width
  joiner join, vowel marks are passed over). A form the font lacks leaves the letter as it
  is: it prints unjoined rather than as a box.
* :func:`visual` reorders a line by Unicode's bidirectional algorithm (UAX #9): the paragraph's
  direction from its first strong letter (rules P2–P3), then the weak types (W1–W7), the
  neutrals (N1–N2), the levels (I1–I2), trailing white space (L1), the reversal of each run
  (L2) and mirrored brackets (L4). Isolates (U+2066–U+2069: LRI, RLI, FSI … PDI) are
  resolved (rules X5a–X6a, BD13): the memo sets each user field holding right-to-left text
  between FSI and PDI (:func:`rrisk.text.isolated`), so a date after an Arabic publisher
  keeps its order; they draw nothing and are dropped from the drawn runs. Explicit embeddings
  and overrides (U+202A–U+202E) are left out: the core refuses them, and isolates, in names
  and texts. Bracket pairs (N0) are those of ASCII and their fullwidth twins. The lines are
  broken in logical order first, as the algorithm says, then each is reordered.

Why in-house: reportlab's own support shapes through uharfbuzz (3–4 MB of wheels, and every
shaped string takes reportlab's separate glyph-positioning path) and orders through rlbidi,
which is not on PyPI; python-bidi (LGPL, a native extension) and arabic-reshaper (MIT) would
add two dependencies, one LGPL in a proprietary bundle, for what is two hundred lines over
``unicodedata``. This module is pure Python, deterministic (it follows the Unicode version of
the running Python), and imported only when a memo holds right-to-left text
(:func:`rrisk.glyphs.has_right_to_left`), so any other memo is as before, byte for byte.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TypeVar

from rrisk.glyphs import ARABIC, upright_coverage

T = TypeVar("T")

_POSITIONS = {"<isolated>": 0, "<final>": 1, "<initial>": 2, "<medial>": 3}
_PRESENTATION_FORMS = (range(0xFB50, 0xFE00), range(0xFE70, 0xFEFF))


def presentation_form(code: int) -> tuple[int, str] | None:
    """The position (0 isolated, 1 final, 2 initial, 3 medial) of an Arabic presentation
    form and the letters it is drawn for (U+FEE3 ﻣ: 3, م; the lam-alef ligature U+FEFB ﻻ:
    0, لا), as its Unicode decomposition names them; None for any other character."""
    if not any(code in block for block in _PRESENTATION_FORMS):
        return None
    tag, *parts = unicodedata.decomposition(chr(code)).split() or [""]
    if tag not in _POSITIONS:
        return None
    return _POSITIONS[tag], "".join(chr(int(part, 16)) for part in parts)


@cache
def _forms() -> tuple[dict[str, list[str | None]], dict[tuple[str, str], list[str | None]]]:
    """Each Arabic letter's forms (isolated, final, initial, medial; None where it has none),
    and the lam-alef ligatures' (by their two letters), of the forms the memo's upright faces
    draw."""
    coverage = upright_coverage()
    letters: dict[str, list[str | None]] = {}
    ligatures: dict[tuple[str, str], list[str | None]] = {}
    for block in _PRESENTATION_FORMS:
        for code in block:
            form = presentation_form(code)
            if form is None or code not in coverage:
                continue
            position, bases = form
            if len(bases) == 1:
                letters.setdefault(bases, [None] * 4)[position] = chr(code)
            elif (
                len(bases) == 2 and bases[0] == "\u0644" and bases[1] in "\u0622\u0623\u0625\u0627"
            ):
                ligatures.setdefault((bases[0], bases[1]), [None] * 4)[position] = chr(code)
    return letters, ligatures


_TATWEEL = "\u0640"
_ZWJ = "\u200d"


def _joins_before(char: str) -> bool:
    """Whether ``char`` joins the letter after it (dual joining, or a joiner)."""
    if char in (_TATWEEL, _ZWJ):
        return True
    forms = _forms()[0].get(char)
    return forms is not None and (forms[2] is not None or forms[3] is not None)


def _joins_after(char: str) -> bool:
    """Whether ``char`` joins the letter before it (dual or right joining, or a joiner)."""
    if char in (_TATWEEL, _ZWJ):
        return True
    forms = _forms()[0].get(char)
    return forms is not None and (forms[1] is not None or forms[3] is not None)


def _transparent(char: str) -> bool:
    """Marks passed over by joining (harakat, the superscript alef, other combining marks)."""
    return char != _ZWJ and unicodedata.category(char) in ("Mn", "Me", "Cf") and char != "\u200c"


def shape(text: str) -> str:
    """``text`` with its Arabic letters in their contextual forms and lam-alef made one
    ligature; other characters, and letters whose form the font lacks, as they are."""
    if ARABIC.search(text) is None:
        return text
    letters, ligatures = _forms()
    chars = list(text)
    count = len(chars)

    def neighbour(index: int, step: int) -> str | None:
        index += step
        while 0 <= index < count and _transparent(chars[index]):
            index += step
        return chars[index] if 0 <= index < count else None

    out: list[str] = []
    index = 0
    while index < count:
        char = chars[index]
        forms = letters.get(char)
        if forms is None:
            out.append(char)
            index += 1
            continue
        before = neighbour(index, -1)
        joined_before = before is not None and _joins_before(before) and _joins_after(char)
        after_index = index + 1
        while after_index < count and _transparent(chars[after_index]):
            after_index += 1
        after = chars[after_index] if after_index < count else None
        if char == "\u0644" and after is not None:
            ligature = ligatures.get((char, after))
            if ligature is not None:
                form = ligature[1 if joined_before else 0]
                if form is not None:
                    # Vowel marks between the two are drawn on the ligature ("لَا").
                    out.append(form)
                    out.extend(chars[index + 1 : after_index])
                    index = after_index + 1
                    continue
        joined_after = after is not None and _joins_before(char) and _joins_after(after)
        position = (1 if joined_before else 0) + (2 if joined_after else 0)
        # 0 isolated, 1 final, 2 initial, 3 medial
        out.append(forms[position] or forms[position & 1] or forms[0] or char)
        index += 1
    return "".join(out)


_STRONG = {"L": 0, "R": 1, "AL": 1}
_NEUTRAL = frozenset(("B", "S", "WS", "ON", "BN", "LRE", "RLE", "LRO", "RLO", "PDF"))
_NEUTRAL |= {"LRI", "RLI", "FSI", "PDI"}
_OPENING = {
    "(": ")",
    "[": "]",
    "{": "}",
    "\uff08": "\uff09",
    "\uff3b": "\uff3d",
    "\uff5b": "\uff5d",
}
_CLOSING = frozenset(_OPENING.values())
_MIRRORS = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<"}
_MIRRORS.update({"«": "»", "»": "«", "‹": "›", "›": "‹", "≤": "≥", "≥": "≤"})


_INITIATORS = {"\u2066": 0, "\u2067": 1, "\u2068": None}
"""The isolate initiators LRI, RLI and FSI, and the direction each opens (FSI: its text's)."""
_PDI = "\u2069"
ISOLATE_MARKS = frozenset((*_INITIATORS, _PDI))
"""The isolates' marks, which draw nothing."""
_MAX_DEPTH = 125


def _bidi_class(char: str) -> str:
    return unicodedata.bidirectional(char) or "L"


def _isolate_ends(text: str) -> dict[int, int]:
    """Each isolate initiator's index and its matching PDI's, ``len(text)`` for one without
    (rule BD9)."""
    ends: dict[int, int] = {}
    open_: list[int] = []
    for index, char in enumerate(text):
        if char in _INITIATORS:
            open_.append(index)
        elif char == _PDI and open_:
            ends[open_.pop()] = index
    for index in open_:
        ends[index] = len(text)
    return ends


def _first_strong(text: str, ends: dict[int, int], start: int, end: int) -> int | None:
    """The direction of the first strong letter of ``text[start:end]`` outside isolates
    (rules P2–P3), None when there is none."""
    index = start
    while index < end:
        char = text[index]
        if char in _INITIATORS:
            index = ends[index] + 1
            continue
        strong = _STRONG.get(_bidi_class(char))
        if strong is not None:
            return strong
        index += 1
    return None


def _outermost_strong(text: str, ends: dict[int, int], start: int, end: int) -> int | None:
    """The direction of the first strong letter of ``text[start:end]`` outside isolates,
    else that of the first isolate holding one, found the same way inside it."""
    strong = _first_strong(text, ends, start, end)
    index = start
    while strong is None and index < end:
        if text[index] in _INITIATORS:
            strong = _outermost_strong(text, ends, index + 1, ends[index])
            index = ends[index]
        index += 1
    return strong


def paragraph_level(text: str) -> int:
    """1 when the first strong letter of ``text`` is right to left, else 0 (rules P2–P3).
    Letters inside isolates are passed over, as the rules say; a text whose letters are all
    inside them (a user's field alone, isolated) takes the direction its first isolate has,
    as the field alone would."""
    # (most texts hold no isolate: no ends to look for)
    ends = {} if ISOLATE_MARKS.isdisjoint(text) else _isolate_ends(text)
    return _outermost_strong(text, ends, 0, len(text)) or 0


def _strong(kind: str) -> str | None:
    """A resolved type's direction for the neutrals: digits count as right to left."""
    return "L" if kind == "L" else "R" if kind in ("R", "EN", "AN") else None


def _bracket_pairs(text: str, types: list[str], sos: str) -> None:
    """Rule N0: a pair of brackets takes the direction of what it encloses, so that "(Meroe)"
    in Arabic text stays one phrase (BD16's pairing, its stack of 63)."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for index, char in enumerate(text):
        if types[index] != "ON":
            continue
        if char in _OPENING:
            if len(stack) == 63:
                break
            stack.append((_OPENING[char], index))
        elif char in _CLOSING:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == char:
                    pairs.append((stack[depth][1], index))
                    del stack[depth:]
                    break
    embedding = sos
    for opening, closing in sorted(pairs):
        inside = {_strong(kind) for kind in types[opening + 1 : closing]}
        if embedding in inside:
            direction = embedding
        elif inside - {None}:
            before = next(
                (
                    strong
                    for strong in map(_strong, reversed(types[:opening]))
                    if strong is not None
                ),
                sos,
            )
            direction = before  # the opposite direction when the text before is of it
        else:
            continue
        types[opening] = types[closing] = direction


def _resolved(text: str, base: int) -> list[int]:
    """The embedding level of each character of the paragraph ``text`` of level ``base``
    (rules X5a–X6a, W1–W7, N1–N2, I1–I2), before it is broken into lines.

    The text of each isolate is raised a level (two for the same direction) and resolved on
    its own; the text around it is resolved as if the isolate were one neutral character, so
    digits after an isolated Arabic name are not Arabic numbers (BD13: each isolate's text,
    and the text around the isolates, is an isolating run sequence)."""
    if ISOLATE_MARKS.isdisjoint(text):
        return _resolved_sequence(text, base)
    ends = _isolate_ends(text)
    levels = [base] * len(text)

    def resolve(start: int, end: int, level: int) -> None:
        indices = []
        index = start
        while index < end:
            indices.append(index)
            char = text[index]
            if char in _INITIATORS:
                close = ends[index]
                direction = _INITIATORS[char]
                if direction is None:
                    direction = _first_strong(text, ends, index + 1, close) or 0
                inner = level + 1 if (level + 1) % 2 == direction else level + 2
                if inner <= _MAX_DEPTH:
                    resolve(index + 1, close, inner)
                    index = close  # its PDI is of the text around it
                    continue
            index += 1
        sequence = "".join(text[index] for index in indices)
        for index, resolved in zip(indices, _resolved_sequence(sequence, level), strict=True):
            levels[index] = resolved

    resolve(0, len(text), base)
    return levels


def _resolved_sequence(text: str, base: int) -> list[int]:
    """The levels of the characters of one isolating run sequence ``text`` at the embedding
    level ``base``, whose start and end take its direction (rules W1–W7, N1–N2, I1–I2)."""
    types = [_bidi_class(char) for char in text]
    count = len(types)
    sos = "R" if base % 2 else "L"
    # W1: a mark takes the type of what it follows (a neutral's after an isolate's mark).
    previous = sos
    for index, kind in enumerate(types):
        if kind == "NSM":
            types[index] = previous
        else:
            previous = "ON" if kind in ("LRI", "RLI", "FSI", "PDI") else kind
    # W2, W3: European digits after Arabic letters are Arabic; Arabic letters are R.
    last_strong = sos
    for index, kind in enumerate(types):
        if kind in ("L", "R", "AL"):
            last_strong = kind
        elif kind == "EN" and last_strong == "AL":
            types[index] = "AN"
    types = ["R" if kind == "AL" else kind for kind in types]
    # W4: one separator between two numbers of a kind joins them.
    for index in range(1, count - 1):
        kind, before, after = types[index], types[index - 1], types[index + 1]
        if kind == "ES" and before == after == "EN":
            types[index] = "EN"
        elif kind == "CS" and before == after and before in ("EN", "AN"):
            types[index] = before
    # W5: terminators (%, currency signs) beside European digits are digits.
    index = 0
    while index < count:
        if types[index] != "ET":
            index += 1
            continue
        end = index
        while end < count and types[end] == "ET":
            end += 1
        if (index > 0 and types[index - 1] == "EN") or (end < count and types[end] == "EN"):
            types[index:end] = ["EN"] * (end - index)
        index = end
    # W6: other separators and terminators are neutral.
    types = ["ON" if kind in ("ES", "ET", "CS") else kind for kind in types]
    # W7: European digits after left-to-right text are L.
    last_strong = sos
    for index, kind in enumerate(types):
        if kind in ("L", "R"):
            last_strong = kind
        elif kind == "EN" and last_strong == "L":
            types[index] = "L"
    _bracket_pairs(text, types, sos)
    # N1, N2: neutrals between text of one direction take it; others the paragraph's.
    index = 0
    while index < count:
        if types[index] not in _NEUTRAL:
            index += 1
            continue
        end = index
        while end < count and types[end] in _NEUTRAL:
            end += 1
        before = sos if index == 0 else ("L" if types[index - 1] == "L" else "R")
        after = sos if end == count else ("L" if types[end] == "L" else "R")
        resolved = before if before == after else sos
        types[index:end] = [resolved] * (end - index)
        index = end
    # I1, I2.
    result = []
    for kind in types:
        if base % 2 == 0:
            result.append(base if kind == "L" else base + 1 if kind == "R" else base + 2)
        else:
            result.append(base if kind == "R" else base + 1)
    return result


_TRAILING = frozenset(("WS", "BN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"))


def _line_end(text: str, result: list[int], base: int) -> None:
    """Rule L1 on the levels of one line: white space and isolates' marks at its end, and
    before a tab, at the paragraph's level."""
    count = len(text)
    original = [_bidi_class(char) for char in text]
    trailing = True
    for index in range(count - 1, -1, -1):
        kind = original[index]
        if kind in ("S", "B"):
            result[index] = base
            trailing = True
        elif trailing and kind in _TRAILING:
            result[index] = base
        else:
            trailing = False


def _reorder(levels_: Sequence[int]) -> list[int]:
    """The logical indices in visual order (rule L2)."""
    order = list(range(len(levels_)))
    if not levels_:
        return order
    highest = max(levels_)
    odd = [level for level in levels_ if level % 2]
    lowest_odd = min(odd) if odd else 0
    if not lowest_odd:
        return order
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if levels_[order[index]] < level:
                index += 1
                continue
            end = index
            while end < len(order) and levels_[order[end]] >= level:
                end += 1
            order[index:end] = reversed(order[index:end])
            index = end
    return order


def visual(text: str, base: int | None = None) -> str:
    """One line of ``text`` (shaped) in visual order, brackets mirrored where they are read
    right to left; ``base``: the paragraph's level (by default, from its first strong
    letter)."""
    return "".join(run for _, run in visual_runs([(None, text)], base))


def visual_runs(runs: Iterable[tuple[T, str]], base: int | None = None) -> list[tuple[T, str]]:
    """One line given as runs of text, each with what draws it (its font), in visual order:
    cut where the level changes, ordered by rule L2, each run read right to left reversed and
    its brackets mirrored."""
    return visual_lines([runs], base)[0]


def visual_lines(
    lines: Iterable[Iterable[tuple[T, str]]], base: int | None = None
) -> list[list[tuple[T, str]]]:
    """The lines of one paragraph, broken in logical order, each given as runs of text with
    what draws it, in visual order (as :func:`visual_runs`).

    The levels are resolved over the whole paragraph, its lines joined by the space they were
    broken at, as the algorithm says: a number at the start of a line, after Arabic on the
    line before, is an Arabic number as it is inside a line, and neutrals there take the
    direction of the text around them. Then each line's trailing white space is set at the
    paragraph's level (L1) and the line reordered (L2)."""
    given = [list(line) for line in lines]
    texts = ["".join(run for _, run in line) for line in given]
    paragraph = " ".join(texts)
    if base is None:
        base = paragraph_level(paragraph)
    resolved = _resolved(paragraph, base)
    out: list[list[tuple[T, str]]] = []
    start = 0
    for runs, text in zip(given, texts, strict=True):
        line_levels = resolved[start : start + len(text)]
        start += len(text) + 1
        _line_end(text, line_levels, base)
        out.append(_ordered(runs, text, line_levels))
    return out


def _ordered(runs: list[tuple[T, str]], text: str, line_levels: list[int]) -> list[tuple[T, str]]:
    """One line's runs in visual order by its levels (rules L2 and L4), without the
    isolates' marks, which draw nothing."""
    owners: list[T] = []
    for owner, run in runs:
        owners.extend([owner] * len(run))
    out: list[tuple[T, str]] = []
    for index in _reorder(line_levels):
        char = text[index]
        if char in ISOLATE_MARKS:
            continue
        if line_levels[index] % 2:
            char = _MIRRORS.get(char, char)
        owner = owners[index]
        if out and out[-1][0] is owner:
            out[-1] = (owner, out[-1][1] + char)
        else:
            out.append((owner, char))
    return out
