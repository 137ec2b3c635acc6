"""Territory rules: does a project's region lie in an occupied territory, and on what basis.

The bundled table (``resources/screening/territories.json``) lists Crimea, Sevastopol and the
Donetsk, Luhansk, Zaporizhzhia and Kherson oblasts with their names in English, Ukrainian and
Russian, word stems in both scripts ("zaporizh", "zaporozh", "запоріж", "запорож"…) and the
legal basis of the rule.

Telling occupied from government-controlled parts. A region is free text, and the contact
line runs through four of these oblasts, so a name alone cannot place a site. The rule is
therefore conservative and says so:

- Crimea and Sevastopol are wholly occupied: any mention matches.
- For a partly occupied oblast, text that says it is occupied ("occupied",
  "non-government-controlled", "NGCA", "оккупированн…", "тимчасово окупован…", and denials
  of control: "not under Ukrainian control", "не подконтрольная Украине") matches; text that
  says the opposite ("government-controlled", "підконтрольн…", and denials of occupation:
  "not occupied", "de-occupied", "звільнен…"; not "liberated", which each side says of what
  it holds) does not, and the screening report notes it for review. Denials are read first,
  so the word inside one does not count the other way; a bare name ("Запорожская область",
  "Kherson region") matches too, because the rule cannot know the site is on the controlled
  side. The analyst who knows better records a written justification (a territory
  override), which the memo prints among the exclusions.

Towns: a town of Crimea or of an oblast's occupied part ("Mariupol", "Enerhodar") names the
territory and places the site on the occupied side. Many of these towns share their names
with places in Russia or elsewhere in Ukraine (Gorlovka, Snezhnoye, Khrustalnoye, Prymorsk),
so a town with a region that is none of the territories right beside it ("Gorlovka,
Novosibirsk oblast", any krai, or one of Ukraine's other oblasts named as such: "Одеська
область, Приморський район"; only punctuation between) is noted for review, not excluded,
unless the text says it is occupied. A region named further off ("Mariupol, 180 km from
Rostov-on-Don"), a Ukrainian town alone ("Kyiv; Mariupol") or a street ("Ростовская ул.")
says nothing of where the site is. A territory named only as where the site is not ("not in
Crimea", "formerly in Donetsk oblast, now Dnipropetrovsk oblast") is noted, not excluded, as
is a town of an oblast's government-controlled side named alone ("Kramatorsk"), and any
territory's name followed by a place abroad that ends the address ("Kherson, Arkansas",
"Sébastopol (Paris)"; Russia is not abroad: it claims the territories).

Limits: the match reads words, not coordinates; a site named only by a deposit
("Novopoltavka") is not recognised, and a region that mentions an oblast only in passing
("near the Kherson border") matches; an oblast's bare name beside another oblast or krai
named as such ("Donetsk, Rostov oblast", the town of Rostov oblast) is noted, not excluded.
The analyst reviews both ways.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable
    from functools import _lru_cache_wrapper


@dataclass(frozen=True)
class Territory:
    id: str
    name: str
    names: dict[str, list[str]]
    stems: tuple[str, ...]
    wholly_occupied: bool
    basis: str
    occupied_places: tuple[str, ...] = ()
    """Towns of a partly occupied oblast that lie in its occupied part ("Mariupol",
    "Enerhodar"): naming one names the territory and places the site on that side."""
    controlled_places: tuple[str, ...] = ()
    """Towns of a partly occupied oblast on its government-controlled side ("Kramatorsk"):
    naming one alone notes the territory for the analyst (the contact line moves); the
    oblast's name beside it still counts as a bare name does."""
    words: tuple[str, ...] = ()
    """Names read only as whole words, which as stems would begin other places' names:
    "Kefe" (Feodosia in Crimean Tatar and Turkish), not "Kefenrod" or "Kefermarkt"."""


@dataclass(frozen=True)
class TerritoryMatch:
    """A territory a region names, and whether the rule applies."""

    territory: Territory
    applies: bool
    why: str


@dataclass(frozen=True)
class TerritoryTable:
    territories: tuple[Territory, ...]
    occupied_markers: tuple[str, ...]
    government_markers: tuple[str, ...]
    government_negations: tuple[str, ...] = ()
    """Phrases that deny government control ("not under Ukrainian control"): occupied."""
    occupied_negations: tuple[str, ...] = ()
    """Phrases that deny occupation ("not occupied", "de-occupied"): government side."""
    not_places: tuple[str, ...] = ()
    """Words that begin with a stem but name somewhere else ("Krimpen", "Chersonissos")."""
    not_place_words: tuple[str, ...] = ()
    """Such words only as whole words: "Krymsk" is a town of Krasnodar Krai, "krymsky" is
    Crimean."""
    elsewhere_oblasts: tuple[str, ...] = ()
    """Ukraine's other oblasts and towns: elsewhere only when named as an oblast or district
    ("Odesa oblast"); a town alone may be a street or an office ("Kyiv; Mariupol")."""
    elsewhere: tuple[str, ...] = ()
    """Regions that are none of the territories ("Rostov", "Magadan"), matched with a case
    ending: one right beside an occupied town's name makes it a likely namesake ("Gorlovka,
    Novosibirsk oblast")."""


_APOSTROPHE = re.compile(r"(?<=\w)['’‘ʼʹʺʻʽ`′″ˈ]+(?=\w)")
"""Apostrophes and the marks typed for a soft or hard sign inside a word: the typewriter and
typographic ones, the modifier letters and primes of scholarly transliteration
("Donetsʹk", "Luhans′k"), a grave or an acute accent ("Donets´k": read before the acute
accent, alone, becomes a space and an accent), a left quote and a stress mark."""
_INITIALS = re.compile(r"(?<!\w)(?:\w\.){2,}(?:\w(?!\w))?")
"""Letters with full stops: "D.P.R.", "L.N.R." (read as "dpr", "lnr")."""


_LOOKALIKES = ("авеікмнорстух", "abeikmhopctyx")
"""Cyrillic and Latin letters drawn alike (lower case, or the capitals casefolded: К, Н, Т)."""
_TO_LATIN = str.maketrans(*_LOOKALIKES)
_TO_CYRILLIC = str.maketrans(_LOOKALIKES[1], _LOOKALIKES[0])
_WORD = re.compile(r"\w+")
_LETTERS = str.maketrans(
    {"ł": "l", "đ": "d", "ø": "o", "ž": "zh", "ż": "zh", "š": "sh", "ş": "sh", "č": "ch", "ç": "ch"}
)
"""Letters no accent is taken from: a stroke ("Jałta", "Ługańsk" are "jalta", "lugansk"), and
the hooks of Czech, Slovak, Croatian and Turkish spellings and of scholarly transliteration,
which write in one letter what English writes in two ("Džankoj", "Kerč", "Alušta",
"Bahçesaray", "Zaporižžja" are "dzhankoj", "kerch", "alushta", "bahchesaray", "zaporizhzhja";
Polish ż is the same sound)."""


def _scripts(word: str) -> tuple[int, int]:
    """How many of a folded word's letters are Latin, and how many Cyrillic."""
    latin = sum("a" <= char <= "z" for char in word)
    return latin, sum("а" <= char <= "я" or char in "іїєґ" for char in word)


def _one_script(found: re.Match[str]) -> str:
    """A word typed in two scripts ("Кrym" with a Cyrillic К, "Херсoн" with a Latin o: a
    keyboard switched mid-word, a pasted letter) in the script most of its letters are in,
    where the others are letters drawn alike; as typed otherwise."""
    word = found.group(0)
    latin, cyrillic = _scripts(word)
    if not latin or not cyrillic or latin == cyrillic:
        return word
    spelt = word.translate(_TO_LATIN if latin > cyrillic else _TO_CYRILLIC)
    return spelt if 0 in _scripts(spelt) else word


def fold(text: str) -> str:
    """Lower case without accents (Cyrillic letters kept; й and ї keep their identity; a
    Latin letter's umlaut and breve are accents too), letters with a stroke or a hook read as
    their English spelling (:data:`_LETTERS`), and
    without apostrophes inside words ("Donets'k" is "donetsk", "Запоріжжя" as written); a
    word typed in two scripts with letters drawn alike is read in one ("Кrym" is "krym").
    Characters that print nothing (a soft hyphen, a zero-width space pasted from a web page)
    are left out, compatibility forms read as their letters ("Ｃｒｉｍｅａ" is "crimea"), and
    the hyphens that only forbid a line break are plain ones ("government\u2011controlled"
    is a marker)."""
    plain = text.isascii()  # (no such character, no accent, one script: most of the table)
    if not plain:
        text = unicodedata.normalize("NFKC", text.replace("\u00b4", "'")).translate(_PRINTED)
    text = _INITIALS.sub(lambda match: match.group(0).replace(".", ""), text)
    # The dotless ı of Turkish and Crimean Tatar spellings ("Kırım") is an i here, and ё an е
    # (Russian writes "Шахтёрск" and "Шахтерск" alike).
    text = _APOSTROPHE.sub("", text.casefold())
    if plain:
        return text
    text = text.replace("ı", "i").replace("ё", "е")
    if _LATIN_LETTER.search(text) and _CYRILLIC_LETTER.search(text):
        text = _WORD.sub(_one_script, text)  # (a text in one script has no word in two)
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS))
    # й and ї keep their marks (written whole, so that no mark is read beside them).
    for letter, whole in _CYRILLIC_LETTERS.items():
        decomposed = decomposed.replace(letter, whole)
    return unicodedata.normalize("NFC", decomposed.translate(_UNMARKED))


class _CharacterMap(dict[int, "str | None"]):
    """A :meth:`str.translate` table that reads each character by ``rule`` the first time it
    is seen (in C thereafter, not a Python step per character of every text); at most
    :attr:`LIMIT` are kept, so a text of every character cannot make it grow without end."""

    LIMIT = 8192

    def __init__(self, rule: Callable[[str], str | None]) -> None:
        super().__init__()
        self._rule = rule

    def __missing__(self, code: int) -> str | None:
        value = self._rule(chr(code))
        if len(self) < self.LIMIT:
            self[code] = value
        return value


_PRINTED = _CharacterMap(
    lambda char: (
        "-" if char in "\u2010\u2011" else None if unicodedata.category(char) == "Cf" else char
    )
)
"""Characters that print nothing left out, the hyphens that forbid a line break plain ones."""
_UNMARKED = _CharacterMap(lambda char: None if unicodedata.combining(char) else char)
"""Combining marks left out."""
_LATIN_LETTER = re.compile("[a-z]")
_CYRILLIC_LETTER = re.compile("[а-яіїєґ]")
"""The letters :func:`_scripts` counts: a word in two scripts needs one of each."""


_CYRILLIC_LETTERS = {"и\u0306": "й", "і\u0308": "ї"}
"""The marks that make letters of their own, й and ї, kept; a Latin letter's are accents
("Gözleve", "Bağçasaray", "Chüy" are "gozleve", "bagchasaray", "chuy", as typed without)."""


@cache
def territory_table() -> TerritoryTable:
    """The bundled table, read once."""
    data = _table_data()
    folded = _folded_names()

    def folds(names: list[str]) -> tuple[str, ...]:
        return tuple(folded[name] if name in folded else fold(name) for name in names)

    territories = tuple(
        Territory(
            id=item["id"],
            name=item["name"],
            names=item["names"],
            stems=folds(item["stems"]),
            wholly_occupied=bool(item["wholly_occupied"]),
            basis=item["basis"],
            occupied_places=folds(item.get("occupied_places", ())),
            words=folds(item.get("words", ())),
            controlled_places=folds(item.get("controlled_places", ())),
        )
        for item in data["territories"]
    )
    return TerritoryTable(
        territories=territories,
        occupied_markers=folds(data["occupied_markers"]),
        government_markers=folds(data["government_markers"]),
        government_negations=folds(data.get("government_negations", ())),
        occupied_negations=folds(data.get("occupied_negations", ())),
        not_places=folds(data.get("not_places", ())),
        not_place_words=folds(data.get("not_place_words", ())),
        elsewhere=folds(data.get("elsewhere", ())),
        elsewhere_oblasts=folds(data.get("elsewhere_oblasts", ())),
    )


FOLDED_NAMES = ("screening", "territories.folded.json")
"""The bundled table's names folded (:func:`folded_names_json` writes it), a resource."""
_FOLDED_FIELDS = ("stems", "occupied_places", "words", "controlled_places")
_FOLDED_LISTS = (
    *("occupied_markers", "government_markers", "government_negations", "occupied_negations"),
    *("not_places", "not_place_words", "elsewhere", "elsewhere_oblasts"),
)


@cache
def _folded_names() -> dict[str, str]:
    """Each name of the bundled table and its :func:`fold`, as :data:`FOLDED_NAMES` holds
    them: folding the thousand names took ~7 ms of every start on a document naming an
    occupied place. A name the file lacks (the table edited since) is folded as it is read;
    the file counts for nothing under another Unicode version than the one it was written
    with, whose letters and accents may differ, nor if it cannot be read."""
    from rrisk.resources import resource_path

    try:
        data = json.loads(resource_path(*FOLDED_NAMES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("unicode") != unicodedata.unidata_version:
        return {}
    unchanged, changed = data.get("unchanged"), data.get("folded")
    if not isinstance(unchanged, list) or not isinstance(changed, dict):
        return {}
    names = {name: name for name in unchanged if isinstance(name, str)}
    names.update((name, folded) for name, folded in changed.items() if isinstance(folded, str))
    return names


def folded_names_json() -> str:
    """The text of :data:`FOLDED_NAMES` for the bundled table as it is: write it there after
    editing ``territories.json`` or :func:`fold` (a test compares the two)::

        python -c "from rrisk.screening.territory import write_folded_names; write_folded_names()"
    """
    data = _table_data()
    names = [
        name for item in data["territories"] for key in _FOLDED_FIELDS for name in item.get(key, ())
    ]
    names += [name for key in _FOLDED_LISTS for name in data.get(key, ())]
    folded = {name: fold(name) for name in names}
    return (
        json.dumps(
            {
                "description": "The names of territories.json folded as the territory rule "
                "compares them (rrisk/screening/territory.py, fold): written by "
                "write_folded_names(), read at start-up instead of folding each name.",
                "unicode": unicodedata.unidata_version,
                "unchanged": [name for name in folded if folded[name] == name],
                "folded": {name: folded[name] for name in folded if folded[name] != name},
            },
            ensure_ascii=False,
            indent=0,
        )
        + "\n"
    )


def write_folded_names() -> None:
    """Write :func:`folded_names_json` to :data:`FOLDED_NAMES`."""
    from rrisk.resources import resource_path

    resource_path(*FOLDED_NAMES).write_text(folded_names_json(), encoding="utf-8")


@cache
def _table_data() -> dict[str, Any]:
    """``territories.json`` as written."""
    from rrisk.resources import resource_path

    return json.loads(resource_path("screening", "territories.json").read_text(encoding="utf-8"))


@cache
def _abroad_places() -> tuple[str, ...]:
    """Places abroad, neither Ukraine nor Russia, folded: the table's ``abroad`` list (US
    states, provinces, large towns) and every country's names but Ukraine's and Russia's
    (which claims the territories: "Sevastopol, Russia" is Sevastopol). One written after a
    territory's name to end the address ("Kherson, Arkansas", "Sébastopol (Paris)") makes
    that a namesake. Not the ISO codes, which are words too ("AR" is also the Autonomous
    Republic of Crimea); "USA" and "UK" are names.

    Read the first time a region names a territory and says nothing of its side: most
    documents have none, and the names are over a thousand."""
    from rrisk.resources import countries

    listed = _table_data().get("abroad", ())
    names = [
        name
        for country in countries()
        if country["alpha_2"] not in ("UA", "RU")
        for name in country["names"]
    ]
    return tuple(dict.fromkeys(fold(name) for name in (*names, *listed)))


_CASE_ENDINGS = (
    r"(?:|[аяеуюиыіо]|о[ймю]|а[яю]|[иыі]й|ої|ов|ев|ів|ск\w{0,3}|ськ\w{0,3}|ьк\w{0,3}"
    r"|a|e|i|y|sk|ska|skaya|ske|skiy|sky|skyi|skoe|an|ian)"
)
"""Endings a region's name takes in a sentence ("Ростовская", "Новосибирской", "Одеська",
"Krasnoyarsky"), and nothing else: "Ивановка" (a village) is not "Иваново" (an oblast)."""
_KRAI = r"(?:krai|kray|край|краю|крае)"


def _pattern(source: str) -> _lru_cache_wrapper[re.Pattern[str]]:
    """``source``, compiled the first time it is called for: most regions need few of the
    rule's patterns, and compiling them all took ~15 ms of every start."""
    return cache(partial(re.compile, source))


_SEPARATOR = _pattern(r"[\s,;:()\[\]/–—-]{1,4}")
"""What lies between a town and the region named right beside it ("Gorlovka, Novosibirsk
oblast", "Снежное (Магадан)")."""


_REGION_WORD = (
    rf"(?:oblast|область|области|обл|{_KRAI}|raion|rayon|район|р-н|district|region|регион"
    r"|republic|республик|people|народн|province|провинц)"
)
"""A word that makes the name before it a region's ("Rostov oblast", "Донецкая Народная
Республика")."""
_WORD_REST = re.compile(r"\w*")


def _alternation(words: tuple[str, ...]) -> str:
    """``words`` as one regex alternation, longest first; one that never matches if none."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True))) or r"(?!x)x"


_STREET = _pattern(
    r"\W+(?:ul|ул|улиц\w*|вул|вулиц\w*|str|street|st|prospekt|prospect|проспект|avenue|ave"
    r"|road|rd|lane|пер|переул\w*|бульвар|boulevard|blvd|шосе|шоссе|площ\w*|square)(?!\w)"
)
"""A street word after a region's name: the address is in a street named after it."""


@lru_cache(maxsize=256)
def _elsewhere_pattern(words: tuple[str, ...], oblasts: tuple[str, ...]) -> re.Pattern[str]:
    """A region that is none of the territories: a listed name with its case ending (and
    "oblast" or "krai" after it, if written); one of Ukraine's other oblasts or towns with an
    oblast or district word after it; or any krai (none of the territories is one)."""
    return re.compile(
        rf"(?<!\w)(?:{_alternation(words)}){_CASE_ENDINGS}(?!\w)(?:\W+{_REGION_WORD}(?!\w))?"
        rf"|(?<!\w)(?:{_alternation(oblasts)}){_CASE_ENDINGS}\W+{_REGION_WORD}(?!\w)"
        rf"|(?<!\w)\w+\W+{_KRAI}(?!\w)"
    )


def _beside_elsewhere(text: str, span: tuple[int, int], table: TerritoryTable) -> str | None:
    """A region that is none of the territories named right beside ``span`` of a folded
    region text, only punctuation between them ("Gorlovka, Novosibirsk oblast",
    "Приморский край, Хрустальное"), or None. A region named further off ("Mariupol, 180 km
    from Rostov-on-Don", "site contact: Vladimir") says nothing of where the site is."""
    pattern = _elsewhere_pattern(_held(table.elsewhere, text), _held(table.elsewhere_oblasts, text))
    for found in pattern.finditer(text):
        if _STREET().match(text, found.end()):
            continue  # "Ростовская ул.": a street of the town, not the region
        if found.start() >= span[1]:
            between = text[span[1] : found.start()]
        elif found.end() <= span[0]:
            between = text[found.end() : span[0]]
        else:
            continue
        # The country between them says nothing against it: "Donetsk, Russia, Rostov oblast".
        if _SEPARATOR().fullmatch(_RUSSIA().sub(" ", between)):
            return _titled(found.group(0))
    return None


_RUSSIA = _pattern(
    r"(?<!\w)(?:russia|russian federation|rossiya|россия|российская федерация|росія|рф|rf)(?!\w)"
)


_REGIONAL_NAMES = ("donbas", "донбас", "донечч", "donechch", "луганщ", "luhanshch", "luganshch")
"""Stems of the regions' own everyday names (Donbas, Донеччина, Луганщина): never a town."""


def _namesake(
    territory: Territory,
    found: re.Match[str] | None,
    named: bool,
    text: str,
    table: TerritoryTable,
) -> str | None:
    """Why a partly occupied territory's match is likely a namesake town, or None.

    An occupied town named alone, right beside a region that is none of the territories; or
    the oblast's bare name (its town) right beside one, unless the name is the region's own
    ("Donetsk oblast", "DNR")."""
    if found is not None and not named:
        other = _beside_elsewhere(text, found.span(), table)
        if other is not None:
            return (
                f"{_titled(found.group(0))} may be a namesake: the region also names {other}; "
                "verify the site"
            )
        return None
    if found is None and named and not _named_as_region(territory.stems, text):
        for match in _territory_names(territory, text).finditer(text):
            word = (match.start(), _word_end(text, match.start()))
            other = _beside_elsewhere(text, word, table)
            if other is not None:
                town = territory.name.split(" (")[0].removesuffix(" oblast")
                return f"{town} may be a namesake: the region also names {other}; verify the site"
    return None


_ADDRESS_GAP = r"[ \t,()\[\]/–—-]+"
"""What lies between the parts of an address on one line ("Kherson, Arkansas", "Sébastopol
(Paris)"): no line break, which parts the region from the country, and no semicolon."""


@lru_cache(maxsize=256)
def _abroad_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Places abroad right after a name, ending the address: only more of them, a postal
    code and punctuation may follow before the line or the site ends ("Kherson, Arkansas,
    USA", "Sebastopol, Ireland 12345"), so "Mariupol (Cyprus holding)" is no such place."""
    places = rf"(?:{_alternation(names)})(?!\w)"
    return re.compile(
        rf"{_ADDRESS_GAP}({places}(?:{_ADDRESS_GAP}{places})*)"
        r"[^\w;\n]*(?:\d[\d -]*[^\w;\n]*)?(?=[;\n]|\Z)"
    )


def _abroad(territory: Territory, text: str) -> str | None:
    """Why a territory's match is likely a namesake abroad, or None: each time the text names
    it, a place abroad follows to end the address ("Kherson, Arkansas", "Sébastopol
    (Paris)", "Yalta, Cyprus")."""
    if not _ends_abroad(text, _abroad_places()):
        return None
    held = _held_places(territory.occupied_places, text)
    towns = _place_pattern(held) if held else None
    mentions = [(found.group(0), found.end()) for found in towns.finditer(text)] if towns else []
    if _mentions(territory.stems + territory.words, text):
        mentions += [
            (text[found.start() : _word_end(text, found.start())], _word_end(text, found.start()))
            for found in _territory_names(territory, text).finditer(text)
        ]
    if not mentions:
        return None
    pattern = _abroad_pattern(_held(_abroad_places(), text))
    places = [pattern.match(text, end) for _, end in mentions]
    if not all(places):
        return None
    name, place = mentions[0][0], places[0]
    assert place is not None
    where = _titled(place.group(1))
    return f"{_titled(name)} may be a namesake abroad: the region places it in {where}; verify the site"


@cache
def _last_words(names: tuple[str, ...]) -> frozenset[str]:
    """Each place's last word: an address ends abroad only if one of its sites ends in one."""
    return frozenset(words[-1] for name in names if (words := _WORD.findall(name)))


_SITE_END = re.compile(r"(\w+)[\W\d_]*$")


def _ends_abroad(text: str, names: tuple[str, ...]) -> bool:
    """Whether a site of ``text`` (a part parted by a semicolon or a line) ends in a word
    that ends a place abroad: most regions do not, and the places' pattern (hundreds of
    names) is then neither made nor run."""
    if not names:
        return False
    last = _last_words(names)
    for part in _SITES.split(text):
        found = _SITE_END.search(part.rstrip("\n ;,.)(-"))
        if found is not None and found.group(1) in last:
            return True
    return False


_ACRONYMS = _pattern(
    r"(?<!\w)(?:Usa|Us|Uk|Uae|Сша|Оаэ|Оае|Znpp|Заэс|Заес|Dnr|Lnr|Dpr|Lpr|Ldnr|Ordlo|Днр|Лнр"
    r"|Лднр|Ордло|Ордо|Орло)(?!\w)"
)
"""Names written in capitals, as title case would not write them: countries ("USA"), the
Zaporizhzhia nuclear power plant ("ZNPP", "ЗАЭС") and the occupied parts' names ("DNR")."""


def _titled(name: str) -> str:
    """A folded name as a reason quotes it: each word capitalised, a name written in
    capitals in capitals ("ZNPP lies in the occupied part", not "Znpp")."""
    return _ACRONYMS().sub(lambda found: found.group(0).upper(), name.title())


_FOLLOWED_BY_REGION_WORD = _pattern(rf"\W+{_REGION_WORD}")


def _word_end(text: str, position: int) -> int:
    """Where the word at ``position`` of ``text`` ends."""
    found = _WORD_REST.match(text, position)
    return found.end() if found else position


def _named_as_region(stems: tuple[str, ...], text: str) -> bool:
    """Whether the territory's name in ``text`` names the region, not a town: followed by a
    region word ("Donetsk oblast", "Донецкая Народная Республика"), or an abbreviation or
    regional name on its own ("DNR", "Донеччина")."""
    held = _held(stems, text)
    if not held:
        return False
    for match in _stem_pattern(held).finditer(text):
        if _FOLLOWED_BY_REGION_WORD().match(text, _word_end(text, match.end())):
            return True
        if len(match.group(0)) <= 4 or match.group(0).startswith(_REGIONAL_NAMES):
            return True
    return False


@lru_cache(maxsize=256)
def _stem_pattern(stems: tuple[str, ...], words: tuple[str, ...] = ()) -> re.Pattern[str]:
    """One pattern for a territory's stems (made once for each set of them a region holds:
    every score reads every region).

    A stem begins a word; a short one (an abbreviation: DNR, LPR) is the whole word, so
    "DPRK" is not the "DPR", as is each of ``words`` ("Kefe", not "Kefenrod")."""
    return re.compile(
        "|".join(
            r"(?<!\w)" + re.escape(stem) + (r"(?!\w)" if len(stem) <= 3 or stem in words else "")
            for stem in stems + words
        )
    )


@lru_cache(maxsize=256)
def _not_places_pattern(
    words: tuple[str, ...], whole_words: tuple[str, ...] = ()
) -> re.Pattern[str] | None:
    patterns = [r"(?<!\w)" + _spaced(word) + r"\w*" for word in words]
    patterns += [r"(?<!\w)" + _spaced(word) + r"(?!\w)" for word in whole_words]
    return re.compile("|".join(patterns)) if patterns else None


@cache
def _leading_words(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """Each phrase's first word, which :func:`_spaced` keeps as written."""
    return tuple(re.split(r"[\s,()\[\]-]+", phrase.strip())[0] for phrase in phrases)


def _held_phrases(phrases: tuple[str, ...], text: str) -> tuple[str, ...]:
    """Those of ``phrases`` whose first word ``text`` holds (:func:`_held`)."""
    return tuple(
        phrase
        for phrase, first in zip(phrases, _leading_words(phrases), strict=True)
        if first in text
    )


def _spaced(words: str) -> str:
    """A phrase's words with any spacing or commas between them: "sebastopol, ca" is also
    "Sebastopol CA" and the region "Sebastopol" with the country "California" (read on a
    line of its own, :func:`match_place`)."""
    return r"[\s,()\[\]-]+".join(
        re.escape(word) for word in re.split(r"[\s,()\[\]-]+", words.strip())
    )


def _held(words: tuple[str, ...], text: str) -> tuple[str, ...]:
    """Those of ``words`` that ``text`` holds as written, in their order: the alternatives of
    a pattern made of them that can match it. The others cannot, so a pattern of these alone
    finds the same, and is a fraction of the size to make (a pattern of a territory's stems,
    towns or markers took a millisecond or more to make, of a thousand places abroad 80)."""
    return tuple(filter(text.__contains__, words))


def _territory_names(territory: Territory, text: str) -> re.Pattern[str]:
    """:func:`_stem_pattern` of the territory's stems and words ``text`` holds (it holds one:
    a pattern of none would match anywhere)."""
    return _stem_pattern(_held(territory.stems, text), _held(territory.words, text))


def _mentions(words: tuple[str, ...], text: str) -> bool:
    """Whether any of ``words`` is in ``text`` as it is written: a pattern made of them
    (each word as written, between other conditions) cannot match a text that holds none of
    them, and is then neither made nor run (a pattern of a hundred towns takes milliseconds
    to make, and most regions name no territory)."""
    return any(map(text.__contains__, words))  # (no Python step per word)


def _names(stems: tuple[str, ...], text: str, words: tuple[str, ...] = ()) -> bool:
    if not _mentions(stems + words, text):
        return False
    return _stem_pattern(_held(stems, text), _held(words, text)).search(text) is not None


_PLACE_WORDS = re.compile(r"[\s\-‒–—―]+")


@lru_cache(maxsize=256)
def _place_pattern(places: tuple[str, ...]) -> re.Pattern[str]:
    """Occupied places as word beginnings, with the rest of the word (to name the place).
    A place of two words is written with a hyphen, a dash, a space or several between them,
    as typed: "Kamianka-Dniprovska", "Kamianka Dniprovska", "Kamianka–Dniprovska", "Nova
    Kakhovka"."""
    return re.compile(
        r"(?<!\w)(?:"
        + "|".join(
            _PLACE_WORDS.pattern.join(map(re.escape, _PLACE_WORDS.split(place.strip())))
            for place in places
        )
        + r")\w*"
    )


@cache
def _first_words(places: tuple[str, ...]) -> tuple[str, ...]:
    """Each place's first word: a text holding none of them names none of the places."""
    return tuple(_PLACE_WORDS.split(place.strip())[0] for place in places)


def _held_places(places: tuple[str, ...], text: str) -> tuple[str, ...]:
    """Those of ``places`` whose first word ``text`` holds (:func:`_held`)."""
    return tuple(
        place for place, first in zip(places, _first_words(places), strict=True) if first in text
    )


def _occupied_place(places: tuple[str, ...], text: str) -> re.Match[str] | None:
    """The first occupied place ``text`` names (its match in the folded text), or None."""
    if not _mentions(_first_words(places), text):
        return None
    return _place_pattern(_held_places(places, text)).search(text)


def _strip(text: str, phrases: tuple[str, ...]) -> tuple[str, bool]:
    """``text`` without ``phrases``, and whether any was there."""
    found = False
    for phrase in phrases:
        if phrase in text:
            found = True
            text = text.replace(phrase, " ")
    return text, found


_RUSSIAN_CONTROL = _pattern(
    # Not across a line break: the country follows the region on a line of its own, and
    # "government-controlled" with the country "Russia" is no "controlled … Russia".
    r"(?<!\w)(?:підконтрольн|подконтрольн|контрол|control|held|occupied|окупован|оккупирован)\w*"
    r"(?:[^\w\n]+(?:by|of|the|to|with|від|от|со|з|с|стороны|сторони))*"
    r"[^\w\n]+(?:russia|rf|рф|росі|росси|dnr|lnr|dpr|lpr|днр|лнр|ldnr|лднр|окупаційн|оккупационн"
    r"|occupation|occupying|окупант|оккупант)\w*"
    r"|(?<!\w)(?:russia|рф)[^\w\n]+(?:controlled|held|occupied)"
)
"""Control named as Russia's (or the occupiers'): "подконтрольная России", "підконтрольна
РФ", "controlled by the Russian Federation", "under the control of the occupation
authorities" — occupied, whatever the control word would say alone."""

_DENIED_OCCUPATION = _pattern(
    # Russian control denied: "not under Russian control", "не під контролем Росії".
    r"(?<!\w)(?:not|no longer|не|більше не|больше не)\W+(?:under|під|под)\W+"
    r"(?:(?:the\W+)?control\W+of\W+(?:the\W+)?)?(?:russian|russia|росі|росси|рф|контрол\w*\W+(?:росі|росси|рф))\w*"
    r"(?:\W+control)?"
    r"|(?<!\w)(?:not|no longer|не)\W+(?:russian|russia)[- ](?:controlled|held|occupied)"
    r"|(?<!\w)(?:not|never|no longer|не|ніколи не|никогда не|більше не|больше не)"
    r"(?:\W+(?:been|be|being|was|were|is|are|ever|yet|була|був|було|були|была|был|было|были"
    r"|located|lying|in|within|inside|on|the|an|в|у|на))*"
    r"\W+(?:occupied|окупован|оккупирован)\w*"
    # "outside the occupied area", "поза окупованою територією", "вне оккупированной зоны"
    r"|(?<!\w)(?:outside|beyond|поза|вне|за\W+межами|за\W+пределами)(?:\W+(?:of|the))*"
    r"\W+(?:occupied|окупован|оккупирован)\w*\W+(?:area|zone|territor|part|region|зон|територ"
    r"|территор|частин|част|район|област)\w*"
    r"|(?<!\w)(?:formerly|previously|раніше|ранее|колишн|бывш)\w*\W+"
    r"(?:(?:occupied|окупован|оккупирован)\w*(?:\W+by\W+(?:the\W+)?(?:russia|russian)\w*)?"
    r"|(?:held|controlled)\W+by\W+(?:the\W+)?(?:russia|russian|dnr|lnr|dpr|lpr|occupation)\w*)"
    r"|(?<!\w)(?:liberated|freed|звільнен|освобожден|освобождён)\w*\W+(?:from|від|от)\W+"
    r"(?:(?:the|russian|российск|російськ|рашист|окупант|оккупант)\w*\W+)?"
    r"(?:occupation|окупац|оккупац)\w*"
)
"""A denial or an end of occupation in other words: "has never been occupied", "не була
окупована", "not in the occupied zone", "outside the occupied area", "не на окупованій території", "formerly occupied", "звільнена від окупації" (but not "liberated from Ukrainian
occupation" or "from Kyiv's occupation", the other side's phrases: only the occupation
named as Russia's, or unnamed, is ended)."""


_DENIAL_WORDS = (
    *("not", "no longer", "never", "не", "outside", "beyond", "поза", "вне", "за"),
    *("formerly", "previously", "раніше", "ранее", "колишн", "бывш"),
    *("liberated", "freed", "звільнен", "освобожден", "освобождён"),
)
"""A word each of :data:`_DENIED_OCCUPATION`'s phrases begins with ("ніколи не", "більше
не" hold "не"): a text that holds none states no such denial."""


_GOVERNMENT_SIDE = (
    r"(?:government[- ]controlled|ukrainian[- ]controlled|ukraine[- ]controlled"
    r"|ukrainian[- ]held|ukraine[- ]held|held by (?:the )?ukrain\w*|controlled by (?:the )?ukrain\w*"
    r"|(?:held|controlled) by (?:kyiv|kiev|the ukrainian government)"
    r"|under (?:the )?ukrainian (?:government )?control|під контролем україни"
    r"|под контролем украины|підконтрольн\w* україні|подконтрольн\w* украине)"
)
_PAST_GOVERNMENT_CONTROL = _pattern(
    rf"(?<!\w)(?:formerly|previously|раніше|ранее)\W+{_GOVERNMENT_SIDE}"
    rf"|(?<!\w){_GOVERNMENT_SIDE}\W+(?:until|till|before|до)\W+(?:\w+\W+)?\d{{4}}"
)
"""Government control in the past ("formerly government-controlled", "held by Ukraine until
May 2022", "раніше підконтрольна Україні"): occupied now. Only with a year after "until": "до
сих пор", "до лінії фронту" say nothing of the past."""
_PAST_WORDS = ("formerly", "previously", "раніше", "ранее", "until", "till", "before", "до")
"""A word each of :data:`_PAST_GOVERNMENT_CONTROL`'s phrases holds."""

_REPUBLIC = r"(?:peoples?\W+republic|народн\w*\W+республ\w*|narodn\w*\W+respubli\w*)"
_OCCUPATION_NAMES = {
    "donetsk": _pattern(
        r"(?<!\w)(?:dnr|dpr|днр|ldnr|лднр|ordlo|ордло|ордо)(?!\w)"
        rf"|(?<!\w)(?:donetsk|donezk|doneck|донецк|донецьк)\w*\W+{_REPUBLIC}"
    ),
    "luhansk": _pattern(
        r"(?<!\w)(?:lnr|lpr|лнр|ldnr|лднр|ordlo|ордло|орло)(?!\w)"
        rf"|(?<!\w)(?:luhansk|lugansk|луганск|луганськ)\w*\W+{_REPUBLIC}"
    ),
}
"""The occupation authorities' own names for what they hold in each oblast ("DNR", "Luhansk
People's Republic", "Донецкая Народная Республика") and Ukraine's legal name for it ("ORDLO",
and "ОРДО", "ОРЛО" for each oblast's part):
a region so named is the oblast's occupied part, not the oblast at large."""

_NEGATION = r"(?:not yet|not|non|outside|beyond|no longer|не|поза|вне)"


@lru_cache(maxsize=256)
def _negated_markers(markers: tuple[str, ...]) -> re.Pattern[str]:
    """A government marker with a negation before it ("outside the GCA", "not Ukrainian-held",
    "not yet liberated by Ukraine"): the control is denied."""
    return re.compile(
        rf"(?<!\w){_NEGATION}[\s-]+(?:(?:the|under|of|its|in|within|on|в|на|у)\s+)*"
        rf"(?:{_alternation(markers)})\w*"
    )


@lru_cache(maxsize=256)
def _marker_pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    """Markers as word beginnings ("gca", not the end of "ngca")."""
    return re.compile(rf"(?<!\w)(?:{_alternation(markers)})")


def _side(text: str, table: TerritoryTable) -> tuple[bool, bool]:
    """(stated occupied, stated government-controlled) for a folded region text.

    Denials are read first, so a word inside one does not count the other way: denials of
    occupation ("not occupied", "has never been occupied by Russia", "звільнена") say
    government-controlled; then control put in the past ("formerly government-controlled"),
    named as Russia's ("подконтрольная России") or denied ("not under Ukrainian control",
    "outside the GCA") says occupied; what is left is read for the plain markers."""
    # Denials of occupation first: "never occupied by Russia" must not read as Russia's
    # occupation ("occupied by Russia" alone does).
    denials = 0
    if _mentions(_DENIAL_WORDS, text):
        text, denials = _DENIED_OCCUPATION().subn(" ", text)
    text, denied_occupation = _strip(text, table.occupied_negations)
    denied_occupation = denied_occupation or denials > 0
    past_control = 0
    if _mentions(_PAST_WORDS, text):
        text, past_control = _PAST_GOVERNMENT_CONTROL().subn(" ", text)
    text, russian_control = _RUSSIAN_CONTROL().subn(" ", text)
    text, denied_control = _strip(text, table.government_negations)
    markers = table.government_markers
    negated = 0
    if _mentions(markers, text):
        text, negated = _negated_markers(_held(markers, text)).subn(" ", text)
    denied_control = denied_control or russian_control > 0 or past_control > 0 or negated > 0
    occupied = denied_control or _mentions(table.occupied_markers, text)
    stated = (
        _mentions(markers, text) and _marker_pattern(_held(markers, text)).search(text) is not None
    )
    controlled = not occupied and (denied_occupation or stated)
    return occupied, controlled


def match_place(region: str, country: str = "") -> list[TerritoryMatch]:
    """The territories a project's region and country name together (a country field that
    says "Crimea" counts as a region that does). The country is read on a line of its own,
    so that it makes no phrase with the region's last words."""
    return match_region("\n".join(part for part in (region, country) if part.strip()))


def match_region(region: str) -> list[TerritoryMatch]:
    """The territories a region text names, each with whether its rule applies and why."""
    return list(_matches(region))


_STREET_WORDS = (
    r"ul|ул|улиц\w*|вул|вулиц\w*|ulitsa|ulica|ulitsy|vulytsia|vulytsya|vul|str|street|st"
    r"|strasse|strase|gasse|allee|platz|prospekt|prospect|проспект|просп|пр-т|avenue|ave|road"
    r"|rd|lane|пер|переул\w*|провул\w*|pereulok|provulok|бульвар|бульв|boulevard|blvd|bulvar"
    r"|шосе|шоссе|shosse|площ\w*|ploshchad|ploshcha|square|rue|embankment|набережн\w*"
)
_STREET_NAMES = _pattern(
    # "Kherson Street, Haifa", "Donetsk Street 5": a word and its street word, then a comma, a
    # house number or the end ("Mariupol Ave. Peace", "Donetsk ul. Artema": the town, then a
    # street of it)
    rf"(?<!\w)\w+[ -]+(?:{_STREET_WORDS})(?!\w)\.?(?=\s*(?:$|[,;/()]|\d))"
    # "ул. Херсонская", "вул. Херсонська", "rue de Crimée": a street word and the word after it
    rf"|(?<!\w)(?:{_STREET_WORDS})(?:\.\s*|\s+)(?:de\s+|la\s+)?\w+"
)
"""A street named after a place, which is no sign the site lies in that place."""
_STREET_PREFIXES = tuple(word[:-3] for word in _STREET_WORDS.split("|") if word.endswith(r"\w*"))
_STREET_TOKENS = frozenset(
    word for word in _STREET_WORDS.split("|") if not word.endswith(r"\w*") and "-" not in word
)


def _may_name_a_street(text: str) -> bool:
    """Whether ``text`` holds a street word as a word of its own ("st", "ул", "улица"; "пр-т"
    as written): none of :data:`_STREET_NAMES` can match a text that holds none."""
    words = set(_WORD.findall(text))
    return (
        not words.isdisjoint(_STREET_TOKENS)
        or "пр-т" in text
        or any(word.startswith(_STREET_PREFIXES) for word in words)
    )


_ANOTHER_PLACE = re.compile(r"[^\W\d_]{3,}")
"""A word left once the streets are read out: the town the street is in ("Haifa")."""


@lru_cache(maxsize=4096)
def _matches(region: str) -> tuple[TerritoryMatch, ...]:
    """:func:`match_region`, once per distinct text: a portfolio names the same few places
    on many projects, and the table (read once) cannot change under the cache.

    Streets named after a place ("Kherson Street, Haifa", "ул. Херсонская, Москва") are read
    out first; a territory that only a street names is noted for the analyst, not excluded.
    """
    text = _joint_names(fold(region))
    return _not_in(text, _read_streets(text), region)


_JOINT = _pattern(
    r"(?<!\w)(?:([lл])\s*[/&+-]{1,2}\s*([dд])|([dд])\s*[/&+-]{1,2}\s*([lл]))(?:(nr|pr)|(нр))(?!\w)"
)
"""The two "republics" written as one: "L/DNR", "L-DPR", "Л/ДНР", "D/LNR" (as "ЛДНР" is)."""
_SO_CALLED_REPUBLICS = _pattern(
    r"(?<!\w)(?:so[- ]called|self[- ]proclaimed|self[- ]styled|так\W+называем\w*|так\W+зван\w*"
    r"|самопровозглаш\w*|самопроголош\w*)\W+(?:peoples|народн\w*)\W+"
    r"(?:republics|республик|республики|республік|республіки)(?!\w)"
)
"""The "so-called people's republics" in the plural: the two of Donbas. Not "the so-called
republics" alone, which fits Abkhazia, South Ossetia or Transnistria as well."""


_ABBREVIATED_OBLAST = _pattern(
    r"(?<!\w)(zap|zapor|don|luh|lug|kher|khers|зап|запор|дон|луг|херс)\.?[ \t]*"
    r"(?=(?:obl|oblast|обл|област|область|области|області)(?!\w)|(?:obl|обл)\.)"
)
"""An oblast's name cut short before "obl." or "oblast" ("Zap. obl.", "Kher. oblast", "Дон.
обл."), as forms and address lines write it."""
_OBLAST_IN_FULL = {
    "zap": "zaporizhzhia",
    "zapor": "zaporizhzhia",
    "don": "donetsk",
    "luh": "luhansk",
    "lug": "luhansk",
    "kher": "kherson",
    "khers": "kherson",
    "зап": "запорізька",
    "запор": "запорізька",
    "дон": "донецька",
    "луг": "луганська",
    "херс": "херсонська",
}


def _joint_names(text: str) -> str:
    """A folded region with the two "republics" named as one written as both ("l/dnr" as
    "lnr dnr"), so that each oblast is named: the occupied parts of Luhansk and of Donetsk;
    and an oblast's name cut short written in full ("zap. obl." as "zaporizhzhia obl.")."""
    if "obl" in text or "обл" in text:
        text = _ABBREVIATED_OBLAST().sub(lambda m: _OBLAST_IN_FULL[m.group(1)] + " ", text)
    if ("/" in text or "-" in text or "&" in text or "+" in text) and _mentions(
        ("nr", "pr", "нр"), text
    ):
        text = _JOINT().sub(lambda m: "лнр днр" if m.group(6) else "lnr dnr", text)
    if ("republ" in text or "республ" in text) and _mentions(
        ("called", "self", "так", "самопро"), text
    ):
        text = _SO_CALLED_REPUBLICS().sub(" lnr dnr ", text)
    return text


_NOT_IN_PLACE = (
    r"(?<!\w)(?:not|no longer|formerly|previously|не|больше не|більше не|раніше|ранее)\W+"
    r"(?:(?:located|situated|based|lying|находится|знаходиться|розташован\w*|расположен\w*)\W+)?"
    r"(?:in|within|on|в|у|на)\W+(?:the\W+)?(?:{towns}|[^\W\d_][\w'’ʼ-]*)"
    rf"(?:\W+{_REGION_WORD}\w*|\W+(?:peninsula|півостр\w*|полуостр\w*))?"
)


@cache
def _not_in_pattern() -> re.Pattern[str]:
    """A place the site is said not to be in ("not in Crimea", "formerly in Donetsk oblast",
    "не в Крыму"): the place's name, one word and its region word, is all that is read out;
    a town of the table written in two words ("not in Nova Kakhovka") is read out whole, so
    that its second word ("Kakhovka", a town of its own) is not left to name the territory."""
    towns = {
        place
        for territory in territory_table().territories
        for place in territory.occupied_places + territory.controlled_places
        if len(_PLACE_WORDS.split(place.strip())) > 1
    }
    # The first word with any case ending ("не в Новій Каховці", "не в Новой Каховке").
    joined = (
        re.escape(first.rstrip("aeiouyаяеиыійоїу") or first)
        + r"\w*"
        + _PLACE_WORDS.pattern
        + _PLACE_WORDS.pattern.join(map(re.escape, rest))
        + r"\w*"
        for first, *rest in (
            _PLACE_WORDS.split(place.strip()) for place in sorted(towns, key=len, reverse=True)
        )
    )
    return re.compile(_NOT_IN_PLACE.format(towns="|".join(joined) or r"(?!x)x"))


def _not_in(
    text: str, found: tuple[TerritoryMatch, ...], region: str
) -> tuple[TerritoryMatch, ...]:
    """``found``, with a territory that the text names only to say the site is not there (or
    no longer) noted for the analyst, not excluded: "not in Crimea", "formerly in Donetsk
    oblast, now Dnipropetrovsk oblast"; the phrase quoted as ``region`` writes it)."""
    if not _mentions(_NOT_IN_WORDS, text):
        return found
    not_in = _not_in_pattern()
    denials = [m.group(0) for m in not_in.finditer(text)]
    if not denials:
        return found
    rest = not_in.sub(" ", text)
    kept = []
    for match in found:
        said = next((d for d in denials if _names_territory(d, match.territory)), None)
        if match.applies and said is not None and not _names_territory(rest, match.territory):
            why = f"named only as where the site is not (“{_as_written(said, region)}”): verify the site"
            kept.append(TerritoryMatch(match.territory, False, why))
        else:
            kept.append(match)
    return tuple(kept)


def _as_written(phrase: str, region: str) -> str:
    """A folded ``phrase`` of :func:`_not_in_pattern` as ``region`` writes it ("Not in
    Crimea"), or as folded where the writing differs more than in case."""
    for found in re.finditer(_not_in_pattern().pattern, region, re.IGNORECASE):
        if fold(found.group(0)) == phrase:
            return found.group(0)
    return phrase


_NOT_IN_WORDS = ("not", "no longer", "formerly", "previously", "не", "раніше", "ранее")


def _read_streets(text: str) -> tuple[TerritoryMatch, ...]:
    """:func:`_read`, with streets named after a place read out first."""
    streets = (
        [m.group(0) for m in _STREET_NAMES().finditer(text)] if _may_name_a_street(text) else []
    )
    rest = _STREET_NAMES().sub(" ", text) if streets else text
    if not streets or not _ANOTHER_PLACE.search(rest):
        # No street, or nothing but the street: "Berdyansk road", "Alchevsk St 4" may name the
        # town itself, so the text is read as it stands.
        return _read(text)
    found = _read(rest)
    kept = {match.territory.id for match in found}
    noted = []
    for match in _read(text):
        if match.territory.id in kept:
            continue
        street = next((s for s in streets if _names_territory(s, match.territory)), None)
        if street is not None:
            why = f"named only in a street's name (“{_titled(street)}”): verify the site"
            noted.append(TerritoryMatch(match.territory, False, why))
    return found + tuple(noted)


def _names_territory(text: str, territory: Territory) -> bool:
    return (
        _names(territory.stems, text, territory.words)
        or _occupied_place(territory.occupied_places, text) is not None
    )


_SITES = re.compile(r"[;\n]")
"""What parts one site from another in a region ("Zaporizhzhia city, government-controlled;
Mariupol"), and the region from the country (read on a line of its own)."""


def _side_of(territory: Territory, text: str, table: TerritoryTable) -> tuple[bool, bool]:
    """(stated occupied, stated government-controlled) for ``territory``, read site by site:
    each part of a folded region text that names it, with the parts that name no territory
    (a country line, "; government-controlled side"). A side stated of another territory's
    site says nothing of this one's ("Kherson oblast, government-controlled; Mariupol"); nor
    does one site's of another site of the same territory ("Zaporizhzhia oblast,
    government-controlled; Melitopol"). Occupied if any site is stated so;
    government-controlled only if every one is."""
    parts = _SITES.split(text)
    own = [part for part in parts if _names_territory(part, territory)]
    if not own:
        return _side(text, table)
    neutral = [
        part
        for part in parts
        if not any(_names_territory(part, other) for other in table.territories)
    ]
    # Each site on a line of its own with the neutral parts, as the country is read: no
    # phrase across them.
    sides = [_side("\n".join([site, *neutral]), table) for site in own]
    occupied = any(stated for stated, _ in sides)
    return occupied, not occupied and all(controlled for _, controlled in sides)


def _read(text: str) -> tuple[TerritoryMatch, ...]:
    """The territories a folded region text names, each with whether its rule applies."""
    if not text.strip():
        return ()
    table = territory_table()
    if _mentions(_leading_words(table.not_places + table.not_place_words), text):
        not_places = _not_places_pattern(
            _held_phrases(table.not_places, text), _held_phrases(table.not_place_words, text)
        )
        if not_places is not None:
            text = not_places.sub(" ", text)
    matches = []
    for territory in table.territories:
        found = _occupied_place(territory.occupied_places, text)
        place = _titled(found.group(0)) if found else None
        named = _names(territory.stems, text, territory.words)
        if found is None and not named:
            government_town = _occupied_place(territory.controlled_places, text)
            if government_town is not None and _side(text, table)[0]:
                why = "the region is stated to be occupied"
                matches.append(TerritoryMatch(territory, True, why))
            elif government_town is not None:
                why = (
                    f"{_titled(government_town.group(0))} lies in the government-controlled part; the "
                    "contact line moves: verify the site"
                )
                matches.append(TerritoryMatch(territory, False, why))
            continue
        occupied, controlled = _side_of(territory, text, table)
        namesake = None
        if not occupied and not controlled:
            # "Kherson, Arkansas", "Sébastopol (Paris)": any territory, Crimea's towns too.
            namesake = _abroad(territory, text)
        if namesake is None and not occupied and not territory.wholly_occupied:
            namesake = _namesake(territory, found, named, text, table)
        if namesake is not None:
            # A town's name beside a region that is none of the territories: most likely a
            # namesake ("Gorlovka, Novosibirsk oblast", "Donetsk, Rostov oblast"). Not
            # excluded; noted for the analyst, as a stated side is.
            matches.append(TerritoryMatch(territory, False, namesake))
            continue
        if territory.wholly_occupied:
            matches.append(TerritoryMatch(territory, True, "wholly occupied"))
        elif place is not None and not controlled:
            matches.append(TerritoryMatch(territory, True, f"{place} lies in the occupied part"))
        elif occupied:
            matches.append(TerritoryMatch(territory, True, "the region is stated to be occupied"))
        elif controlled:
            matches.append(
                TerritoryMatch(
                    territory, False, "stated to be government-controlled: verify the site"
                )
            )
        elif (named_part := _OCCUPATION_NAMES.get(territory.id)) and named_part().search(text):
            matches.append(
                TerritoryMatch(
                    territory,
                    True,
                    "the region is named as the occupied part is (DNR, LNR, a “people's "
                    "republic”, ORDLO)",
                )
            )
        else:
            matches.append(
                TerritoryMatch(
                    territory,
                    True,
                    "partly occupied and the region does not say which part: treated as "
                    "occupied unless the analyst records otherwise",
                )
            )
    return tuple(matches)
