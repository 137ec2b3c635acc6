"""Which characters the PDF memo can draw: the coverage of its embedded font.

The memo prints user text in DejaVu Sans Condensed (``resources/fonts/``), and Chinese,
Japanese and Korean characters, which DejaVu lacks, in WenQuanYi Micro Hei (its one face, also
in bold text); any other character neither has prints as an empty box. The coverage is read
from the font files themselves (their ``cmap`` table), so it follows the fonts that ship, not
a list kept by hand.
A text may be set in any face (names in bold headings, quotes in italics), so a character
counts as drawable when every face has it; Arabic, which the oblique faces lack, when both
upright faces have it, as it prints upright in italic text (``reports.styles``).

The core reads the table itself rather than through reportlab (which it does not import); the
reading takes a few milliseconds once per process, and a text of plain ASCII is passed over
without looking at its characters.
"""

from __future__ import annotations

import re
import struct
from functools import cache

from rrisk.resources import resource_path

MEMO_FONT_FILES = (
    "DejaVuSansCondensed.ttf",
    "DejaVuSansCondensed-Bold.ttf",
    "DejaVuSansCondensed-Oblique.ttf",
    "DejaVuSansCondensed-BoldOblique.ttf",
)
"""The memo's faces, in order: regular, bold, italic, bold italic."""

FALLBACK_FONT_FILE = "wqy-microhei.ttc"
"""The font of the Chinese, Japanese and Korean characters DejaVu lacks: the first font of the
collection (Micro Hei; the second is its monospaced twin), one face."""

CJK_CHARACTERS = (
    "[\u1100-\u11ff\u2e80-\u2fff\u3000-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
)
"""The blocks of Chinese, Japanese and Korean text (Hangul, CJK radicals and symbols, kana,
ideographs, compatibility and fullwidth forms): a text without any is printed in DejaVu alone,
found by one search in C. Which of their characters the fallback prints is its coverage. A
regular expression's class, compiled when a memo first needs it (:func:`_cjk`): ~3 ms that
every start of the app and of the command line paid, this module being imported with the
document model."""


@cache
def _cjk() -> re.Pattern[str]:
    return re.compile(CJK_CHARACTERS)


def has_cjk(text: str) -> bool:
    """True when ``text`` holds a character of the Chinese, Japanese or Korean blocks."""
    return _cjk().search(text) is not None


RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
"""The blocks of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, …) and the
right-to-left mark U+200F, the one character outside them that is right to left to the
bidirectional rules (a field of Latin text ending in one turns a date or a score set after it
into a right-to-left run: it is isolated, and its line reordered, as an Arabic field is): a
text without any is printed as it is, found by one search in C. The left-to-right mark
U+200E is not among them: it is of the direction of every line the app and the memos set."""
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
"""The Arabic blocks, letters and presentation forms: DejaVu's oblique faces have none, so
such characters print upright in italic text (``reports.styles``)."""


def has_right_to_left(text: str) -> bool:
    """Whether ``text`` holds characters of a right-to-left script, which the memo prints in
    visual order (and Arabic joined): ``reports.rtl``."""
    return not text.isascii() and RIGHT_TO_LEFT.search(text) is not None


def font_coverage(path: str) -> frozenset[int]:
    """The code points the TrueType font at ``path`` maps to a glyph (its Unicode cmap); of a
    collection (``.ttc``), its first font's."""
    with open(path, "rb") as file:
        head = file.read(12)
        if head[:4] == b"ttcf":
            (first,) = struct.unpack(">I", file.read(4))
            file.seek(first)
            head = file.read(12)
        (tables,) = struct.unpack(">H", head[4:6])
        directory = file.read(16 * tables)
        for start in range(0, len(directory), 16):
            tag, _, offset, length = struct.unpack(">4sIII", directory[start : start + 16])
            if tag == b"cmap":
                file.seek(offset)
                return _cmap_coverage(file.read(length))
    return frozenset()


def _cmap_coverage(cmap: bytes) -> frozenset[int]:
    (count,) = struct.unpack(">H", cmap[2:4])
    subtables: dict[tuple[int, int], int] = {}
    for number in range(count):
        platform, encoding, offset = struct.unpack(">HHI", cmap[4 + 8 * number : 12 + 8 * number])
        subtables[platform, encoding] = offset
    # The full-repertoire table (format 12) when there is one, else the BMP table (format 4).
    for key in ((3, 10), (0, 4), (0, 6), (3, 1), (0, 3), (0, 1), (0, 0)):
        if key in subtables:
            offset = subtables[key]
            (fmt,) = struct.unpack(">H", cmap[offset : offset + 2])
            if fmt == 12:
                return _format12(cmap, offset)
            if fmt == 4:
                return _format4(cmap, offset)
    return frozenset()


def _format12(cmap: bytes, offset: int) -> frozenset[int]:
    (groups,) = struct.unpack(">I", cmap[offset + 12 : offset + 16])
    codes: set[int] = set()
    for number in range(groups):
        start = offset + 16 + 12 * number
        first, last, glyph = struct.unpack(">III", cmap[start : start + 12])
        codes.update(range(first + (glyph == 0), last + 1))
    return frozenset(codes)


def _format4(cmap: bytes, offset: int) -> frozenset[int]:
    (segments,) = struct.unpack(">H", cmap[offset + 6 : offset + 8])
    segments //= 2
    ends = struct.unpack(f">{segments}H", cmap[offset + 14 : offset + 14 + 2 * segments])
    base = offset + 16 + 2 * segments
    starts = struct.unpack(f">{segments}H", cmap[base : base + 2 * segments])
    deltas = struct.unpack(f">{segments}h", cmap[base + 2 * segments : base + 4 * segments])
    range_base = base + 4 * segments
    ranges = struct.unpack(f">{segments}H", cmap[range_base : range_base + 2 * segments])
    codes: set[int] = set()
    for number, (first, last, delta, range_offset) in enumerate(
        zip(starts, ends, deltas, ranges, strict=True)
    ):
        for code in range(first, last + 1):
            if code == 0xFFFF:
                continue
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                at = range_base + 2 * number + range_offset + 2 * (code - first)
                (glyph,) = struct.unpack(">H", cmap[at : at + 2])
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                codes.add(code)
    return frozenset(codes)


@cache
def memo_coverage() -> frozenset[int]:
    """The code points every face of the memo's font can draw."""
    faces = [font_coverage(str(resource_path("fonts", name))) for name in MEMO_FONT_FILES]
    return frozenset.intersection(*faces)


@cache
def upright_coverage() -> frozenset[int]:
    """The code points both upright faces (regular and bold) can draw: Arabic, which the
    oblique faces lack, prints upright in italic text, so it is drawable when these have it."""
    faces = [font_coverage(str(resource_path("fonts", name))) for name in MEMO_FONT_FILES[:2]]
    return frozenset.intersection(*faces)


@cache
def fallback_coverage() -> frozenset[int]:
    """The code points the memo prints in the fallback font: the Chinese, Japanese and Korean
    characters it has and some face of DejaVu lacks. Read on first need (a few milliseconds:
    the font's character map alone, not its 5 MB of glyphs)."""
    memo = memo_coverage()
    fallback = font_coverage(str(resource_path("fonts", FALLBACK_FONT_FILE)))
    cjk = _cjk()
    # White space (the ideographic space) is laid out as a space, never drawn.
    return frozenset(
        code for code in fallback - memo if cjk.match(chr(code)) and not chr(code).isspace()
    )


def fallback_runs(text: str) -> list[tuple[str, bool]] | None:
    """``text`` cut into runs, each with whether it is printed in the fallback font; None when
    none is (every text without Chinese, Japanese or Korean: one search, no run made)."""
    if text.isascii() or _cjk().search(text) is None:
        return None
    coverage = fallback_coverage()
    runs: list[tuple[str, bool]] = []
    start = 0
    inside = ord(text[0]) in coverage
    for position in range(1, len(text)):
        here = ord(text[position]) in coverage
        if here != inside:
            runs.append((text[start:position], inside))
            start, inside = position, here
    runs.append((text[start:], inside))
    if len(runs) == 1 and not inside:
        # CJK blocks, but nothing the fallback prints: hexagrams, which DejaVu has, or the
        # ideographic space, which neither font draws (it is laid out as a space).
        return None
    return runs


def undrawable(text: str) -> str:
    """The characters of ``text`` the memo cannot draw, in DejaVu or in the fallback font for
    Chinese, Japanese and Korean, each once, in order of use."""
    if text.isascii():  # constant time for ASCII strings; every font draws ASCII
        return ""
    coverage = memo_coverage()
    # White space (a tab, a line break, the ideographic space U+3000) is laid out as a space
    # or a break, never drawn.
    missing = {ch for ch in set(text) if ord(ch) not in coverage and not ch.isspace()}
    if missing and any(ARABIC.match(ch) for ch in missing):
        upright = upright_coverage()
        missing = {ch for ch in missing if not (ARABIC.match(ch) and ord(ch) in upright)}
    if missing and any(_cjk().match(ch) for ch in missing):
        fallback = fallback_coverage()
        missing = {ch for ch in missing if ord(ch) not in fallback}
    return "".join(ch for ch in dict.fromkeys(text) if ch in missing) if missing else ""


def describe(characters: str, shown: int = 6) -> str:
    """``“😀” (U+1F600), “中” (U+4E2D)`` — the characters with their code points (invisible
    ones are named by the code point alone)."""
    parts = [
        f"“{ch}” (U+{ord(ch):04X})" if ch.isprintable() and not ch.isspace() else f"U+{ord(ch):04X}"
        for ch in characters[:shown]
    ]
    more = len(characters) - shown
    return ", ".join(parts) + (f" and {more} more" if more > 0 else "")


_NOT_A_SCRIPT = frozenset({"COMBINING", "MODIFIER", "VARIATION", "ZERO", "SIGN"})
"""First words of Unicode names that name no script (marks and selectors shared by many)."""


def scripts_of(characters: str) -> str:
    """What ``characters`` are, in words for a reader: ``Myanmar letters``, ``Myanmar and
    Thai letters and other symbols``, ``symbols`` (emoji and signs of no one script). The
    script is the first word of a letter's or mark's Unicode name (``MYANMAR LETTER KA``)."""
    import unicodedata

    scripts: dict[str, None] = {}
    symbols = False
    for ch in characters:
        word = unicodedata.name(ch, "").split(" ", 1)[0]
        if unicodedata.category(ch)[0] in "LM" and word and word not in _NOT_A_SCRIPT:
            scripts[word if word in ("CJK", "NKO") else word.capitalize()] = None
        else:
            symbols = True
    names = list(scripts)
    if not names:
        return "symbols"
    letters = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{letters} letters" + (" and other symbols" if symbols else "")
