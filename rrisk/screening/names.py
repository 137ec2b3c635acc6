"""Name normalisation and the match score used to screen counterparties.

A name becomes a set of tokens in three steps, each done by a library built for it:

1. The name is written in ASCII: Cyrillic by :func:`transliterate`'s letter table, the other
   scripts and accents by text-unidecode's (:func:`rrisk.text.ascii_text`). Both are plain
   tables, so a list matches alike on every machine (ICU's transliteration, which
   ``fingerprints`` uses when PyICU is installed, is never reached: it only sees ASCII).
   ``fingerprints.remove_types`` (OpenSanctions) then removes legal-form words in many
   languages (PJSC, JSC, LLC, OOO, PAO and AO as transliterated, "Public Joint Stock
   Company", …) and returns lower case. (What it does to ASCII text is read once from it as a
   character table and a set of forms, and applied without calling it name by name:
   :func:`_legal_form_words`.)
2. Words that describe a kind of organisation rather than name one ("State Corporation",
   "Госкорпорация", "Group", "Holding", the Russian abbreviations НК and ГМК…) are dropped,
   unless nothing else is left.
   Descriptors of five letters or more are recognised by their skeleton (step 3), so every
   transliteration of a Russian legal form ("Aktsionernoe Obshchestvo", "Publichnoye
   Aktsionernoye Obshchestvo", "Obshchestvo s Ogranichennoy Otvetstvennostyu", the
   "Gruppa kompaniy" of a group) goes, as the Cyrillic does.
3. Each token is reduced to a *skeleton* that folds the usual transliteration variants onto
   one spelling (kh/h, zh/z, ck/c/k, y/j/i, doubled letters, and the glide of я, ю, е, ё
   that English spellings write "ya", "yu", "ye", "yo" and others drop: "Yandex"/"Яндекс",
   "Yevraz"/"Евраз", "Sergeyev"/"Сергеев", "Fyodor"/"Фёдор"), so "Rostekh", "Ростех" and
   "Rostec" become close. The hard and soft signs and apostrophes inside a word are dropped before anything
   else ("Объединённая" is one word, "Donets'k" is "Donetsk").

Two names are compared token by token, in any order: each query token takes its most similar
unused token of the candidate (RapidFuzz ``ratio`` on skeletons; at least 0.80, and exact for
tokens under four letters). ``query_share`` is the part of the query's letters so matched,
``entry_share`` the part of the candidate's; the score is ``(2·query_share + entry_share)/3``
(0–1). It leans on the query: "Rosneft" against "Rosneft Vostok" scores 0.85, whereas one
shared word of two ("Nickel Mining Ltd" against "Norilsk Nickel") scores 0.49. When a
three-word name meets a two-word one whose words it all matches, the one word left over, if
it reads as a patronymic (Russian -ovich, -evich, -ovna, -evna, -ichna; Ukrainian -ivna;
Belarusian -avich, -aŭna), is left out of its
side's share: registers write "Oleg Vladimirovich Deripaska" where a list holds "Oleg
Deripaska", and the reverse; beside a surname that reads as one too ("Viktor Fedorovych
Yanukovych"), the word after the given name. Nowhere else: a surname in -ovich (Abramovich)
is a name. A trade word or a given name with generic ones ("Nickel Holdings Ltd", "Vladimir
Group") against a longer name that holds the word scores ``(query_share + entry_share)/2``
instead: it names a company of that word. A word alone (four letters or more) is a name: ``entry_share`` is counted by
words too where that is higher ("Putin" / "Vladimir Vladimirovich Putin", its patronymic
aside). Where only trade words (:data:`INDUSTRY_WORDS`: "Mining", "Bank") meet, ``NameMatch``
gives the share of the name with other words left, which the store makes the most a listed
body scores; where a word of its own met, the candidate's trade words left over count half
of their letters ("Rosatom" / "Rosatom State Atomic Energy Corporation" 0.81). Words written apart meet one word of the other name ("Ros-neft", "R.D.I.F."). A score of
:data:`HIT_THRESHOLD` or more is a hit for the analyst to confirm or dismiss; the store also
finds the listed names a counterparty's name begins or ends with (``ListStore.search``).

The libraries are imported on first use, so starting the app costs nothing.
"""

from __future__ import annotations

import operator
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

from rrisk.text import ascii_text

# Names reach ``fingerprints`` in ASCII (see step 1 above), so its advice to install PyICU for
# a better transliteration does not apply; it would be printed by every screening command.
warnings.filterwarnings("ignore", message="Install 'pyicu'")

HIT_THRESHOLD = 0.80
"""Lowest score reported as a hit."""
TOKEN_THRESHOLD = 0.80
"""Lowest similarity at which two tokens count as the same word."""
SHORT_TOKEN = 4
"""Tokens shorter than this (acronyms such as RDIF's "en") must match exactly."""
KEY_LENGTH = 4
"""Letters of a token's skeleton that form its index key (see :func:`token_key`)."""
MAX_NAME_CHARS = 300
"""Longer names are cut before normalising: no real name is longer, and it bounds the work."""

GENERIC_WORDS = frozenset(
    {
        # English descriptors left after legal forms are removed ("co" is fingerprints' Company).
        "state",
        "corporation",
        "corp",
        "co",
        "company",
        "group",
        "holding",
        "holdings",
        "public",
        "the",
        "of",
        "and",
        "mmc",
        # Russian descriptors, as ICU transliterates them.
        "goskorporacia",
        "gosudarstvennaa",
        "korporacia",
        "kompania",
        "gruppa",
        "grupp",
        "grup",
        # Ukrainian "Група" (its г is "h") and Polish "Grupa".
        "hrupa",
        "grupa",
        "nk",
        "gmk",
        "neftanaa",
    }
)
"""Words that say what kind of body something is, not which one (compared as written)."""

_LEGAL_FORM_WORDS = frozenset(
    # Legal forms the fingerprints library leaves: international, Ukrainian private and
    # Russian federal state enterprises (МКПАО, ПрАТ, ФГУП, ГУП).
    {"ipjsc", "mkpao", "prjsc", "prat", "fgup", "gup", "fsue"}
)
_LEGAL_FORM_STEMS = (
    # Russian legal forms written out, as ICU or English spellings give them; compared by
    # skeleton, so one spelling here covers its variants.
    "publichnoe",
    "nepublichnoe",
    "aktsionernoe",
    "otkrytoe",
    "zakrytoe",
    "obshchestvo",
    "ogranichennoi",
    "otvetstvennostyu",
    "otvetstvennostu",
    "gosudarstvennoe",
    "unitarnoe",
    "predpriyatie",
    "federalnoe",
    # Ukrainian ones (ТОВ, ТДВ, ПАТ, ПрАТ, АТ, ДП written out) and Kazakh ones (ЖШС, АҚ).
    "tovarystvo",
    "obmezhenoyu",
    "dodatkovoyu",
    "vidpovidalnistyu",
    "publichne",
    "pryvatne",
    "aktsionerne",
    "derzhavne",
    "pidpryiemstvo",
    "zhauapkershilihi",
    "zhauapkershiligi",
    "shekteuli",
    "seriktestik",
    "aktsionerlik",
    "aktsyonerlik",
    "kogamy",
)
"""Legal forms among the generic words: left out of a name as the others are, and also out
of the generic words that short names must agree on ("OOO SMT" is the listed "Obshchestvo s
Ogranichennoi Otvetstvennostyu SMT", as "EN Holding" is not "En Group")."""

_GENERIC_STEMS = (
    *_LEGAL_FORM_STEMS,
    # Descriptors written out, compared by skeleton as the legal forms are.
    "goskorporatsiya",
    "gosudarstvennaya",
    "korporatsiya",
    "kompaniya",
    "kompaniy",
    "kompanii",
    "companies",
    "kholding",
    "kholdingovaya",
    "neftyanaya",
)


INDUSTRY_WORDS = frozenset(
    {
        # English, as lists and registers name a trade.
        "mining",
        "mines",
        "metals",
        "metal",
        "metallurgical",
        "steel",
        "nickel",
        "copper",
        "coal",
        "energy",
        "power",
        "trading",
        "trade",
        "house",
        "resources",
        "gold",
        "oil",
        "gas",
        "bank",
        "invest",
        "investment",
        "investments",
        "capital",
        "finance",
        "industries",
        "industrial",
        # Russian and Ukrainian ones written in Latin letters (as :func:`transliterate` and
        # the lists' own spellings give them).
        "gornaya",
        "gornodobyvayushchaya",
        "gorno",
        "hirnycha",
        "metally",
        "metallurgicheskii",
        "metallurgicheskiy",
        "energiya",
        "energo",
        "enerhiia",
        "torgovyi",
        "torgovyy",
        "torhovyi",
        "resursy",
        "zoloto",
        "neft",
        "nafta",
        "neftegaz",
        "naftohaz",
        "kapital",
        "banka",
        "investitsii",
        "promyshlennaya",
    }
)
"""Words that name a trade, not a body: found in many listed names, so one shared alone says
nothing of which is meant ("Ural Mining" / "Mining Group", "Nickel Ltd" / "Norilsk Nickel").
Unlike the generic words they stay part of the name and count when they meet."""


def is_industry_word(token: str) -> bool:
    """Whether a token is one of :data:`INDUSTRY_WORDS` (as written, or by skeleton from five
    letters: "energiia", "torgovy")."""
    return token in INDUSTRY_WORDS or (len(token) >= 5 and skeleton(token) in _industry_skeletons())


@lru_cache(maxsize=1)
def _industry_skeletons() -> frozenset[str]:
    return frozenset(skeleton(word) for word in INDUSTRY_WORDS if len(word) >= 5)


@lru_cache(maxsize=1)
def _generic_skeletons() -> frozenset[str]:
    return frozenset(skeleton(word) for word in _GENERIC_STEMS)


@lru_cache(maxsize=1)
def _legal_form_skeletons() -> frozenset[str]:
    return frozenset(skeleton(word) for word in _LEGAL_FORM_STEMS)


@lru_cache(maxsize=65_536)
def _is_generic(token: str) -> bool:
    if token in GENERIC_WORDS or token in _LEGAL_FORM_WORDS:
        return True
    # Short words only as written: "MMC" is generic, the steelmaker MMK is not.
    return len(token) >= 5 and skeleton(token) in _generic_skeletons()


def _is_legal_form(token: str) -> bool:
    """Whether a generic word is a legal form (see :data:`_LEGAL_FORM_STEMS`)."""
    if token in _LEGAL_FORM_WORDS:
        return True
    return len(token) >= 5 and skeleton(token) in _legal_form_skeletons()


_SPLIT = re.compile(r"[^a-z0-9]+")
_SKELETON_RULES = (
    ("shch", "s"),
    ("sch", "s"),
    ("kh", "h"),
    ("zh", "z"),
    ("ch", "c"),
    ("sh", "s"),
    ("ts", "c"),
    ("ck", "k"),
    ("ph", "f"),
    ("x", "ks"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
    ("c", "k"),
    # Қ and ق, written "q" by Kazakh's Latin alphabet and Arabic transliterations and "k" by
    # others ("Qazaqstan"/"Kazakhstan", "Aqtobe"/"Aktobe", "Iraq"/"Irak").
    ("q", "k"),
    # Russian has no "h": a Latin H is written Г ("Гарри", "Гермес"), and a Ukrainian Г is
    # "h" where Russian writes "g" ("Ihor"/"Igor", "Oleh"/"Oleg", "Hennadiy"/"Gennadiy").
    # Last, so that :func:`token_similarity` can tell a g/h difference from no difference.
    ("h", "g"),
)
_DOUBLE = re.compile(r"([a-z])\1+")
"""Doubled letters (digits stay: "Company77" is not "Company7")."""
_FIRST_GROUP = operator.itemgetter(1)
_GLIDE = re.compile(r"(?:^|(?<=[aeiou]))i(?=[aeou])")
"""The "y" of ya/yu/ye/yo at a word's start or after a vowel ("Yandex", "Sergeyev", "Mayak"),
which ICU's transliteration of я, ю, е does not write ("andeks", "sergeev", "maak")."""
_YO = re.compile(r"(?<=[^aeiou])io(?=[^aeiou])")
"""The "yo" of ё between consonants ("Fyodor", "Pyotr", "Semyon"), which ICU writes "e"."""
_INNER_MARKS = re.compile(r"(?<=\w)['’ʼʹʺ`]+(?=\w)|[ъЪьЬ]")
"""Hard and soft signs, and apostrophes inside a word: dropped, so the word stays whole."""
_PATRONYMIC_ENDINGS = ("ovik", "evik", "ovna", "evna", "ikna", "ivna", "avik", "auna", "euna")
"""Skeleton endings of Russian patronymics (-ovich, -evich, -ovna, -evna, -ichna), Ukrainian
ones (-ovych, -ivna: "Volodymyrivna") and Belarusian ones (-avich, -aŭna, -eŭna: "Ryhoravich",
"Ivanauna")."""


def _fold(token: str, rules: tuple[tuple[str, str], ...]) -> str:
    for old, new in rules:
        token = token.replace(old, new)
    # (A function, not the template r"\1": Python expands a template for every match.)
    token = _DOUBLE.sub(_FIRST_GROUP, token)
    if "i" not in token:
        return token  # no glide nor "io" to fold (most words: the import's hottest path)
    folded = _YO.sub("e", _GLIDE.sub("", token))
    return token if folded == token else _DOUBLE.sub(_FIRST_GROUP, folded)


@lru_cache(maxsize=65_536)
def skeleton(token: str) -> str:
    """``token`` with transliteration variants folded: "rostekh" → "rosteg", "nickel" → "nikel"."""
    return _fold(token, _SKELETON_RULES)


def is_patronymic(token: str) -> bool:
    """Whether a token reads as a patronymic (see the module docstring)."""
    return len(token) >= 7 and skeleton(token).endswith(_PATRONYMIC_ENDINGS)


_GIVEN_NAMES = (
    ("aleksandr", "alexander", "alexandr", "oleksandr", "olexandr", "oleksander", "aliaksandr"),
    ("aleksandra", "alexandra", "oleksandra", "olexandra", "aliaksandra"),
    (
        "aleksei",
        "alexei",
        "alexey",
        "aleksey",
        "oleksii",
        "oleksiy",
        "olexiy",
        "oleksij",
        "aliaksei",
    ),
    ("nikolai", "nikolay", "mykola", "mikola", "mikalai", "mikalay"),
    ("nikita", "mykyta"),
    ("vladimir", "volodymyr", "volodimir", "uladzimir"),
    ("dmitry", "dmitri", "dmitrii", "dmitriy", "dmytro", "dzmitry", "dzmitri"),
    ("andrei", "andrey", "andriy", "andrii", "andrij"),
    ("sergei", "sergey", "serhiy", "serhii", "sergiy", "serhij", "siarhei", "siarhey"),
    ("pyotr", "petr", "petro", "piotr"),
    ("pavel", "pavlo"),
    ("mikhail", "mykhailo", "mykhaylo", "mihail"),
    ("grigory", "grigoriy", "hryhoriy", "hryhorii", "hryhorij", "ryhor"),
    ("vasily", "vasiliy", "vasyl"),
    ("yevgeny", "evgeny", "evgeniy", "yevhen", "ievgen", "yevgen", "yauhen", "yauheni"),
    ("yevgenia", "evgenia", "yevgeniya", "yevheniia", "yevheniya", "ievgeniia"),
    ("konstantin", "kostiantyn", "kostyantyn", "kanstantsin"),
    ("fyodor", "fedor", "fedir"),
    ("kirill", "kyrylo", "kirilo"),
    ("timofei", "timofey", "tymofiy", "tymofii"),
    ("yakov", "yakiv", "iakov"),
    ("matvei", "matvey", "matviy", "matvii"),
    ("yelena", "elena", "olena"),
    ("tatiana", "tatyana", "tetiana", "tetyana", "tatsiana", "tatsyana"),
    ("yekaterina", "ekaterina", "katerina", "kateryna", "katsiaryna"),
    ("anna", "hanna", "ganna"),
    ("svetlana", "svitlana", "sviatlana"),
    ("lyudmila", "ludmila", "liudmyla"),
    ("yelizaveta", "elizaveta", "yelyzaveta"),
    ("nadezhda", "nadiia", "nadiya", "nadzeya", "nadzeia"),
    ("vera", "vira"),
    ("viktor", "viktar"),
    ("igor", "ihar"),
    ("oleg", "aleh"),
    ("olga", "volha"),
    ("leonid", "leanid"),
    ("vadim", "vadzim"),
    ("boris", "barys"),
    ("vyacheslav", "viacheslav", "viachaslau"),
    ("vladislav", "vladyslav", "uladzislau"),
    ("valentin", "valiantsin"),
    ("valentina", "valiantsina"),
    ("denis", "dzianis"),
    ("muhammad", "mohammed", "mohammad", "muhammed", "mukhammad", "mukhammed"),
)
"""One given name's Russian, Ukrainian and Belarusian forms, as lists and registers write them
in Latin letters ("Aleksandr"/"Oleksandr"/"Aliaksandr", "Nikolai"/"Mykola"/"Mikalai",
"Yelena"/"Olena", "Viktor"/"Viktar"), and the Latin spellings of Muhammad (محمد, Мухаммед),
which lists write in every vowel ("Mohammed", "Mohamed"). The spellings that :func:`skeleton` already folds together ("Yuri"/"Iurii",
"Igor"/"Ihor", "Mohammed"/"Mohamed") need no line here."""


@lru_cache(maxsize=1)
def _given_name_forms() -> dict[str, str]:
    """The skeleton of each form of :data:`_GIVEN_NAMES` → its name's first form's skeleton."""
    forms: dict[str, str] = {}
    for spellings in _GIVEN_NAMES:
        first = skeleton(spellings[0])
        forms.update((skeleton(spelling), first) for spelling in spellings)
    return forms


def indexed_skeleton(token: str) -> str:
    """The skeleton a token is indexed under: its own, or for a Russian, Ukrainian or Belarusian
    form of a given name (:data:`_GIVEN_NAMES`), the first form's, so "Oleksandr" is found by
    "Aleksandr" though their first letters differ."""
    folded = skeleton(token)
    return _given_name_forms().get(folded, folded)


def token_key(token: str) -> str:
    """The index key of a token: the first letters of its (indexed) skeleton.

    Two tokens can only meet if they share a key, so a typo in the first four letters is
    missed; transliteration differences sit mostly at the end of words ("Norilsk"/"Norilskij",
    "Rostec"/"Rostekh"), which the key tolerates, and a given name's Russian, Ukrainian and
    Belarusian forms share their name's key (:func:`indexed_skeleton`).
    """
    return indexed_skeleton(token)[:KEY_LENGTH]


def _table(letters: dict[str, str]) -> dict[int, str]:
    table = {ord(letter): latin for letter, latin in letters.items()}
    table.update({ord(letter.upper()): latin for letter, latin in letters.items()})
    return table


_RUSSIAN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ў": "u",
}  # fmt: skip
_UKRAINIAN = {**_RUSSIAN, "г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "i", "є": "ie"}
_SCHWA = {"ә": "a", "ə": "a"}
"""The schwa of Kazakh and Tatar (Cyrillic ә) and of Azerbaijani (Latin ə), which lists write
"a" ("Məmmədov" / "Mammadov"): text-unidecode's table makes it "@", a break in the word."""
_RUSSIAN_TABLE = _table({**_RUSSIAN, **_SCHWA})
_UKRAINIAN_TABLE = _table({**_UKRAINIAN, **_SCHWA})
_UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")


_CYRILLIC_INITIAL = re.compile(r"(?<![^\W\d_])([\u0400-\u04ff])\.")


def _initial_letter(found: re.Match[str]) -> str:
    """A Cyrillic initial in Latin letters, spelled in full ("Ш." is "Sh.", "Ж." "Zh."): its
    first letter alone would stand for other names ("S." for "Sergei"). "Ю." and "Я." are
    written "Iu." and "Ia.", as passports spell them: ``fingerprints`` takes "Yu" for a legal
    form and would delete it."""
    letter = found.group(1).lower()
    spelled = "e" if letter == "є" else _UKRAINIAN.get(letter) or _RUSSIAN.get(letter, letter)
    if spelled.startswith("y") and len(spelled) == 2:
        spelled = "i" + spelled[1]
    return (spelled or letter) + "."


def transliterate(text: str) -> str:
    """Cyrillic letters of ``text`` in lower-case Latin ones, as English-language lists spell
    them.

    Russian by default ("Дерипаска" → "Deripaska", "Ходорковский" → "Khodorkovskiy"),
    Ukrainian when the text has a letter only Ukrainian uses (і, ї, є, ґ), so its г is "h"
    ("Ігор" → "Ihor"). A plain table, the same on every machine; the spellings it does not
    write (BGN's "ye", "-sky", "-ii") are folded by :func:`skeleton`. A schwa, Cyrillic or
    Latin, is "a" (:data:`_SCHWA`). Other characters stay.
    """
    if text.isascii():
        return text
    ukrainian = not _UKRAINIAN_LETTERS.isdisjoint(text)
    return text.translate(_UKRAINIAN_TABLE if ukrainian else _RUSSIAN_TABLE)


_ASCII_SYMBOLS = re.compile(r"[$+<=>^`|~]")
"""ASCII symbols, a word break: what ICU's transliteration would delete, if PyICU happened to
be installed, is gone before it is reached (``fingerprints`` turns the rest into spaces)."""
_PLUS = re.compile(r"(?<=\w)\+")
"""A "+" ending a word is part of the name: "En+" is "Enplus", not "En" (and "En+Group" is
"Enplus Group")."""
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
"""Characters that show nothing (soft hyphen, zero-width space and joiners, direction marks),
as a name copied from a web page or a PDF may carry inside a word: "Ros\u200bneft" is
"Rosneft"."""
_DOTTED_RUN = re.compile(r"(?<![^\W\d_])(?:(?:[^\W\d_]\.)+[^\W\d_](?![\w.])|(?:[^\W\d_]\.){2,})")
"""Letters each with a dot, the last one's dot perhaps left out: initials ("V.O.", "О.В" in
"Дерипаска О.В") or a legal form ("P.J.S.C.", "p.l.c", "O.O.O")."""
_GLUED_INITIAL = re.compile(
    r"(?<![^\W\d_])([^\W\d_]|(?i:yu|ya|ye|yo|iu|ia|zh|sh|ch|kh|ts))\."
    r"(?=[^\W\d_]{3}|[^\W\d_]{1,2}\.)"
)
"""An initial written against the word after it ("V.Potanin", "К.Дмитриев", "Yu.Kovalchuk",
a Cyrillic letter's Latin spelling): a word of its own, not the first letters of "Vpotanin"."""
_LATIN_YU = re.compile(r"(?<![^\W\d_])([Yy])([uUaA])\.")
"""A "Yu." or "Ya." initial, written "Iu." / "Ia." (see :func:`_initial_letter`)."""


def _without_legal_forms(text: str) -> str:
    """``text`` in ASCII (step 1 of the module docstring), lower case, its legal forms gone."""
    return " ".join(_legal_form_words(text))


def _legal_form_words(text: str) -> list[str]:
    """The words of :func:`_without_legal_forms`, each of ASCII letters and digits.

    ``fingerprints.remove_types`` cleans its text (transliterating it again, though it is ASCII
    here, and replacing characters by their Unicode category one at a time), then finds its
    legal forms with one pattern of ~800 alternatives: most of the time an import takes. Its
    cleaning of ASCII text is a character table, and a legal form there is a run of whole
    words, so the same is done by one ``str.translate`` and a look-up per word
    (:func:`_legal_form_rules`, made from the library's own cleaning and forms, so the words
    are those it gives). Other text, if any reached here, goes to the library itself.
    """
    if not text.isascii():
        text = ascii_text(transliterate(text))
    rules = _legal_form_rules() if text.isascii() else None
    if rules is None:
        from fingerprints import remove_types

        removed = remove_types(_ASCII_SYMBOLS.sub(" ", text)) or ""
        return [word for word in _SPLIT.split(removed) if word]
    table, forms, longest = rules
    words = text.translate(table).split()
    if len(words) == 1 and len(words[0]) < 2:
        return []  # the library's cleaning gives nothing for a text under two letters
    if longest.keys().isdisjoint(words):
        return words  # no legal form begins at any word (most names)
    kept: list[str] = []
    at, count = 0, len(words)
    while at < count:
        word = words[at]
        size = min(longest.get(word, 0), count - at)
        # The longest legal form starting at this word, as the library's pattern (its forms
        # longest first, each between word boundaries) finds it.
        while size > 1 and " ".join(words[at : at + size]) not in forms:
            size -= 1
        if size == 1 and word not in forms:
            size = 0
        if size:
            at += size
        else:
            kept.append(word)
            at += 1
    return kept


_FORM_WORDS = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")


@lru_cache(maxsize=1)
def _legal_form_rules() -> tuple[dict[int, str], frozenset[str], dict[str, int]] | None:
    """What ``fingerprints.remove_types`` does to ASCII text, as data: the table its cleaning
    (after :data:`_ASCII_SYMBOLS`) makes of each character, the legal forms it removes (words
    between single spaces) and for each word the most words of a form starting with it. None,
    so the library itself is called, if a version of it does something else."""
    try:  # the library's own modules: a version that moved them is called as a whole
        from fingerprints.cleanup import clean_name_ascii
        from fingerprints.types.replacer import get_replacer
    except ImportError:
        return None

    table: dict[int, str] = {}
    for code in range(128):
        # Between two letters, so that neither the library's trimming of spaces nor its
        # refusal of a text under two letters hides what the character becomes.
        cleaned = clean_name_ascii("a" + _ASCII_SYMBOLS.sub(" ", chr(code)) + "b") or ""
        if not (cleaned.startswith("a") and cleaned.endswith("b") and len(cleaned) >= 2):
            return None
        out = cleaned[1:-1]
        if out not in ("", " ") and not _FORM_WORDS.fullmatch(out):
            return None
        table[code] = out
    replacer = get_replacer(clean_name_ascii, remove=True)
    replacements = getattr(replacer, "replacements", None)
    if not isinstance(replacements, dict) or getattr(replacer, "remove", False) is not True:
        return None
    forms = frozenset({*replacements, *replacements.values()})
    longest: dict[str, int] = {}
    for form in forms:
        if not isinstance(form, str) or not _FORM_WORDS.fullmatch(form):
            return None
        words = form.split(" ")
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    return table, forms, longest


def _dotted_run(found: re.Match[str]) -> str:
    """A legal form written with dots stays one word, for ``fingerprints`` to remove it;
    initials are split: "V.O." is "V. O.", not the word "VO"."""
    letters = found.group(0).replace(".", "")
    if not _without_legal_forms(letters).strip():
        return letters + " "
    return "".join(f"{letter}. " for letter in letters)


_TITLE = re.compile(
    r"^\s*(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|herr|frau|mme|mlle|"
    r"г-н|г-жа|гн|господин|госпожа|пан|пані|пани)\.?\s+(?=\S)",
    re.IGNORECASE,
)
"""A title before a person's name ("Mr", "Dr.", "Г-н", "пані"), each of several ("Prof. Dr."):
not part of the name, whose letters it would otherwise count against ("Mr Deripaska" met
nobody)."""


_OFFICES = (
    "vice president|vice-president|deputy prime minister|prime minister|deputy minister|"
    "minister|president|governor|senator|lieutenant general|major general|general|colonel|"
    "admiral|gen|col|adm|gov|sen|pres|chief executive officer|ceo|chairman|chairwoman|"
    "chairperson|chair|director general|general director|managing director|director|mayor|"
    "ambassador|congressman|congresswoman|mp|"
    # Russian and Ukrainian: "Президент", "Генеральный директор", "Голова правління".
    "вице-президент|президент|премьер-министр|прем'єр-міністр|заместитель министра|"
    "замминистра|министр|міністр|губернатор|сенатор|генерал-лейтенант|генерал-майор|"
    "генерал|полковник|адмирал|адмірал|председатель правления|председатель совета директоров|"
    "председатель|голова правління|голова|генеральный директор|генеральний директор|"
    "гендиректор|директор|мэр|мер|посол|депутат|глава"
)
_OFFICE = re.compile(r"^\s*(?:" + _OFFICES.replace(" ", r"\s+") + r")\.?\s+(?=\S)", re.IGNORECASE)
"""An office held before a person's name ("President Vladimir Putin", "CEO Igor Sechin",
"Генеральный директор Игорь Сечин"), each of several ("Deputy Minister"). Not a title of
:func:`name_parts`: companies begin with such words ("General Electric", "President
Hotel"), so only :func:`without_offices` leaves them out, for a person's entry."""


def without_offices(name: str) -> str:
    """A counterparty's name without the offices before it (:data:`_OFFICE`), to be met with
    a listed person: "President Vladimir Putin" is "Vladimir Putin", which meets the entry
    at 1.00 (with the office, only by containment at 0.85), "President Putin" "Putin" (no
    hit with it). '' when it begins with none, or is only one ("General")."""
    text = name
    while office := _OFFICE.match(text):
        text = text[office.end() :]
    return text.strip() if text is not name else ""


_CYRILLIC_LEGAL_FORMS = re.compile(r"(?<![\w-])(?:ПАТ|АТ|ТДВ|НАО|МУП|ИП|АҚ|ЖАҚ|ЖШС)(?![\w-])")
"""Legal forms written in capitals that ``fingerprints`` does not know once transliterated:
Ukrainian (ПАТ, АТ, ТДВ), Russian (НАО, МУП, ИП) and Kazakh (АҚ, ЖАҚ, ЖШС). Removed in
Cyrillic only, where they cannot be a name: in Latin letters "Pat" and "Ak" are ones ("Pat
Smith", "Ak Bars"); not when joined to a word ("АТ-Строй" is that name). Left in, they
counted against the name: "ПАТ «Азот»" scored 0.71 against "Azot", no hit."""


@lru_cache(maxsize=262_144)
def name_parts(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The distinctive tokens of a name, in order, ASCII lower case; and the generic words
    left out of them (see :data:`GENERIC_WORDS`; none when only such words make the name)."""
    text = name[:MAX_NAME_CHARS]
    # Most names are ASCII: no invisible characters, and no inner marks but ' and `.
    if not text.isascii():
        text = _INNER_MARKS.sub("", _INVISIBLE.sub("", text))
    elif "'" in text or "`" in text:
        text = _INNER_MARKS.sub("", text)
    while title := _TITLE.match(text):  # each one: "Prof. Dr. Hans Müller"
        text = text[title.end() :]
    if not text.isascii():
        text = _CYRILLIC_LEGAL_FORMS.sub(" ", text)
    # Most names have neither: the checks keep half a million names quick to index.
    if "+" in text:
        text = _PLUS.sub("plus ", text)
    if "." in text:
        text = _GLUED_INITIAL.sub(r"\1. ", _DOTTED_RUN.sub(_dotted_run, text))
        text = _LATIN_YU.sub(r"I\2.", _CYRILLIC_INITIAL.sub(_initial_letter, text))
    tokens = _legal_form_words(text)
    generic = [_is_generic(token) for token in tokens]
    if not any(generic):  # (the loop below only joins a word to a generic one after it)
        return tuple(tokens), ()
    legal = [drop and _is_legal_form(token) for token, drop in zip(tokens, generic, strict=True)]
    if "s" in tokens or "z" in tokens:
        for at, token in enumerate(tokens[:-1]):
            # The "s" of "Obshchestvo s ogranichennoy otvetstvennostyu" (Ukrainian "z":
            # "Tovarystvo z obmezhenoyu vidpovidalnistyu"), not an initial.
            if token in ("s", "z") and generic[at + 1]:
                generic[at] = True
                legal[at] = legal[at + 1]
    distinctive = tuple([token for token, drop in zip(tokens, generic, strict=True) if not drop])
    if not distinctive:
        return tuple(tokens), ()
    # A legal form is gone, as those the library removes are; a descriptor stays generic.
    kept = zip(tokens, generic, legal, strict=True)
    return distinctive, tuple([token for token, drop, form in kept if drop and not form])


def name_tokens(name: str) -> tuple[str, ...]:
    """The distinctive tokens of a name, in order, ASCII lower case."""
    return name_parts(name)[0]


EXACT_PREFIX = "="
"""Marks the index key of a whole token (a skeleton key never starts with it)."""


def name_keys(tokens: tuple[str, ...]) -> set[tuple[str, str]]:
    """The index keys of a tokenised name, each with the letter that follows it.

    Each token gives its skeleton key (spelling variants meet there) with the skeleton's next
    letter, and itself as an exact key. The next letter and the exact keys rank the names
    most like the query first among the candidates, so a close spelling is never crowded out
    by many names that share only four letters ("Rostekh" finds "Rostec" among a thousand
    "Rostov ..." names), nor an exact name by names with the same skeleton ("Company4321"
    among "Company9921", "Company9931", ...).
    """
    return {key for token in tokens for key in _token_keys(token)}


@lru_cache(maxsize=65_536)
def _token_keys(token: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """A token's two keys in :func:`name_keys` (kept: a list repeats its words)."""
    folded = indexed_skeleton(token)
    return (folded[:KEY_LENGTH], folded[KEY_LENGTH : KEY_LENGTH + 1]), (EXACT_PREFIX + token, "")


def token_similarity(left: str, right: str) -> float:
    """Similarity 0–1 of two tokens; 0 below :data:`TOKEN_THRESHOLD`."""
    if left == right:
        return 1.0
    if len(left) < SHORT_TOKEN or len(right) < SHORT_TOKEN:
        return 0.0
    from rapidfuzz.fuzz import ratio

    left_skeleton, right_skeleton = skeleton(left), skeleton(right)
    if left_skeleton == right_skeleton and _unfolded(left) != _unfolded(right):
        return G_H_SIMILARITY  # "Oleh"/"Oleg" are one name; "Hill"/"Gill" are two
    if left_skeleton == right_skeleton and _chk_apart(left, right):
        # "chk" (чк, "čk" once accents go) folds to "ck" and then "k": "Sechkin" is Sechin's
        # very skeleton, yet another surname. Close enough to hit, never exact.
        return CHK_SIMILARITY
    similarity = ratio(left_skeleton, right_skeleton) / 100.0
    if left_skeleton != right_skeleton and indexed_skeleton(left) == indexed_skeleton(right):
        similarity = max(similarity, GIVEN_NAME_SIMILARITY)  # "Nikolai"/"Mykola"
    return similarity if similarity >= TOKEN_THRESHOLD else 0.0


G_H_SIMILARITY = 0.85
"""Two tokens that differ only by g for h: a Ukrainian and a Russian spelling of one name
("Ihor"/"Igor"), or two English names ("Hill"/"Gill"). Close enough to hit, never exact."""


def _chk_apart(left: str, right: str) -> bool:
    """Whether one token has a k cluster ("chk", or "ck" from "čk") where the other has a
    plain "ch" ("sechkin"/"sechin"), not the same cluster spelt two ways ("bočkarev" and
    "bochkarev" both have one; "nickel"/"nikel" has no "ch" at all)."""

    def cluster(token: str) -> bool:
        return "ck" in token or "chk" in token

    if cluster(left) == cluster(right):
        return False
    plain = right if cluster(left) else left
    return "ch" in plain


CHK_SIMILARITY = 0.9
"""Two tokens one skeleton, only one of them with "chk" (see :func:`token_similarity`)."""


GIVEN_NAME_SIMILARITY = 0.9
"""A given name's Russian form against its Ukrainian or Belarusian one ("Aleksandr"/"Oleksandr",
"Nikolai"/"Mykola", "Viktor"/"Viktar"): one name in two languages, so they meet; never exact, since the
spelling says which form the register holds."""


def _unfolded(token: str) -> str:
    """The skeleton of ``token`` before g and h are folded together."""
    return _fold(token, _SKELETON_RULES[:-1])


INITIAL_SIMILARITY = 0.8
"""What an initial matched to a given name counts for ("V." for "Vladimir"): less than the
name written out, so such a hit ranks below the exact one."""
CROSSED_INITIALS = 0.01
"""What initials matched to given names in another order take off the score."""
_GLIDED = {"ya": ("ya", "ia", "ja"), "yu": ("yu", "iu", "ju", "u"), "ye": ("ye", "ie", "je", "e")}
_INITIAL_SPELLINGS = {
    "ch": ("ch", "tch", "tsch"),
    "kh": ("kh", "h", "ch"),
    "sh": ("sh", "sch"),
    "shch": ("shch", "sch", "sc"),
    "ts": ("ts", "tz", "c"),
    "zh": ("zh", "j"),
    **_GLIDED,
    **{"i" + initial[1]: spellings for initial, spellings in _GLIDED.items()},  # "Iu." too
}
"""Initials of Cyrillic names that take two letters or more in Latin ("Ш." is "Sh."), with
the starts of the given names each may stand for: "Sh." is "Shamil", never "Sergei"."""
_INITIAL_DIGRAPHS = frozenset(_INITIAL_SPELLINGS)


def is_initial(token: str) -> bool:
    """Whether a token reads as an initial: one letter, or one Cyrillic letter's spelling."""
    return (len(token) == 1 and token.isalpha()) or token in _INITIAL_DIGRAPHS


@dataclass(frozen=True)
class NameMatch:
    """How well a query name meets an entry name."""

    score: float
    by_initials: bool = False
    """An initial of one name stands for a given name of the other: the analyst must check
    that it is the same person."""
    trade_only: float | None = None
    """When the words met are all trade words (:data:`INDUSTRY_WORDS`) and a name has words of
    its own left: that name's share (the lower of the two), the most such a match of a body's
    name may score ("Mining Group" / "Ural Mining"); None otherwise."""
    entry_left: bool = False
    """A word of the entry's name met no word of the query (an initial and a patronymic left
    out aside), a trade word too: a name that ends with "Technologies" does not hold a listed
    "Neft Technologies", however little the trade word "Neft" weighs in the score."""


def _patronymic_left(tokens: tuple[str, ...], left: list[str], others_all_matched: bool) -> int:
    """Letters of a patronymic that may be left out of a name's share: the one patronymic of a
    three-word name, unmatched, when the other name's words all matched (see the module
    docstring)."""
    if len(tokens) != 3 or not others_all_matched:
        return 0
    patronymics = [token for token in tokens if is_patronymic(token)]
    if len(patronymics) == 2:
        # A surname that reads as one too ("Viktor Fedorovych Yanukovych", "Yanukovich Viktor
        # Fedorovich", "Roman Arkadyevich Abramovich"): the patronymic is the one that follows
        # the given name; the surname ends the name or begins it.
        (given,) = (at for at, token in enumerate(tokens) if token not in patronymics)
        patronymics = list(tokens[given + 1 : given + 2])
    if len(patronymics) != 1 or patronymics[0] not in left:
        return 0
    return len(patronymics[0])


def _starts_with(name: str, initial: str) -> bool:
    """Whether a given name can be the one an initial stands for ("Yuri" for "Y.", "Yuri" and
    "Iurii" for "Yu.", "Khodorkovsky" for "Kh." and "K.")."""
    if is_initial(name):
        return False
    spellings = _INITIAL_SPELLINGS.get(initial)
    if spellings is not None:
        return name.startswith(spellings)
    return name.startswith(initial) or skeleton(name).startswith(skeleton(initial))


def _contradicted(left: list[str], other_left: list[str]) -> int:
    """Letters to add for the initials in ``left`` that a word in ``other_left`` denies."""
    initials = [token for token in left if is_initial(token)]
    names = [len(token) for token in other_left if not is_initial(token)]
    if not initials or not names:
        return 0
    return sum(max(0, max(names) - len(initial)) for initial in initials)


def joined_words(tokens: tuple[str, ...]) -> list[str]:
    """Words that ``tokens`` may stand for when written apart: each run of single letters
    ("U. S." for "US", "R.D.I.F." for "RDIF") and each two neighbouring words ("Ros-neft",
    "Nor Nickel") as one. The index looks these up too (see ``ListStore.search``)."""
    words = [tokens[at] + tokens[at + 1] for at in range(len(tokens) - 1)]
    run: list[str] = []
    for token in (*tokens, ""):
        if len(token) == 1:
            run.append(token)
            continue
        if len(run) > 2:
            words.append("".join(run))
        run = []
    return words


def _joined_letters(tokens: tuple[str, ...], other: tuple[str, ...]) -> tuple[str, ...]:
    """``tokens`` with a run of single letters, or two neighbouring words, joined where the
    other name has them as one word: "U. S. Steel" (written "U.S. Steel") meets "US Steel",
    "Ros-neft" meets "Rosneft"."""
    if len(tokens) < 2:
        return tokens
    words = set(other)
    joined: list[str] = []
    at = 0
    while at < len(tokens):
        end = at
        while end < len(tokens) and len(tokens[end]) == 1:
            end += 1
        if end - at > 1 and "".join(tokens[at:end]) in words:
            joined.append("".join(tokens[at:end]))
            at = end
        elif at + 1 < len(tokens) and tokens[at] + tokens[at + 1] in words:
            joined.append(tokens[at] + tokens[at + 1])
            at += 2
        else:
            joined.append(tokens[at])
            at += 1
    return tuple(joined)


def name_match(
    query: tuple[str, ...],
    entry: tuple[str, ...],
    query_generic: tuple[str, ...] = (),
    entry_generic: tuple[str, ...] = (),
) -> NameMatch:
    """The match of a query name against an entry name (tokenised by :func:`name_parts`:
    distinctive tokens, and the generic words left out of them)."""
    if not query or not entry:
        return NameMatch(0.0)
    query, entry = _joined_letters(query, entry), _joined_letters(entry, query)
    unused = list(entry)
    unmatched: list[str] = []
    matched_query = 0.0
    matched_entry = 0.0
    matched_long = False
    matched_words = 0.0
    whole_word = False
    trade_words = True
    # Longest query tokens first: they carry most of the name and should pick first.
    for token in sorted(query, key=len, reverse=True):
        best, best_at = 0.0, -1
        for position, candidate in enumerate(unused):
            similarity = token_similarity(token, candidate)
            if similarity > best:
                best, best_at = similarity, position
        if best_at >= 0:
            matched_query += best * len(token)
            matched_entry += best * len(unused.pop(best_at))
            matched_words += best
            trade_words = trade_words and is_industry_word(token)
            matched_long = matched_long or len(token) >= SHORT_TOKEN
            whole_word = whole_word or (best == 1.0 and not is_initial(token))
        else:
            unmatched.append(token)
    # An initial stands for a name of the other side that starts with it, once a whole word
    # (the surname) matched outright: "V. Potanin", "Potanin V.O." / "Vladimir Potanin".
    by_initials = False
    pairs: list[tuple[int, int]] = []
    if whole_word:
        for initials, names, initials_query in (
            (unmatched, unused, True),
            (unused, unmatched, False),
        ):
            for initial in [token for token in initials if is_initial(token)]:
                name = next((n for n in names if _starts_with(n, initial)), None)
                if name is None:
                    continue
                initials.remove(initial)
                names.remove(name)
                short, full = (len(initial), len(name))
                matched_query += INITIAL_SIMILARITY * (short if initials_query else full)
                matched_entry += INITIAL_SIMILARITY * (full if initials_query else short)
                by_initials = True
                sides = (query, entry) if initials_query else (entry, query)
                pairs.append((sides[0].index(initial), sides[1].index(name)))
    # Initials stand for the given names in their order ("S.V." is Sergei Viktorovich): read
    # in another order ("Viktor Sergeevich"), they match a little less, so the name they
    # stand for comes first.
    crossed = any(
        (a[0] - b[0]) * (a[1] - b[1]) < 0 for at, a in enumerate(pairs) for b in pairs[at + 1 :]
    )
    # An initial left over against a given name left over says the names differ ("S. Potanin"
    # / "Vladimir Potanin"): it counts for that whole name, not for one letter.
    query_letters = sum(len(token) for token in query) + _contradicted(unmatched, unused)
    entry_letters: float = sum(len(token) for token in entry) + _contradicted(unused, unmatched)
    # A full Russian name against one without the patronymic: the patronymic left over does
    # not count, in either direction ("Oleg Vladimirovich Deripaska" / "Oleg Deripaska",
    # "Deripaska" / "Deripaska Oleg Vladimirovich"). Only then: a surname in -ovich
    # (Abramovich) or -ović is a name.
    query_letters -= _patronymic_left(query, unmatched, not unused)
    entry_patronymic = _patronymic_left(entry, unused, not unmatched)
    entry_letters -= entry_patronymic
    # A name met by a word of its own (not a trade word) says which body it is; the listed
    # name's trade words left over say what it does, so they count half ("Rosatom" /
    # "Rosatom State Atomic Energy Corporation", "Norilsk Holding" / "Norilsk Nickel").
    trades_left = [token for token in unused if is_industry_word(token)] if not trade_words else []
    entry_letters -= sum(len(token) for token in trades_left) / 2.0
    query_share = matched_query / query_letters
    entry_share = matched_entry / entry_letters
    score = (2.0 * query_share + entry_share) / 3.0
    bare = len(query) == 1 and len(query[0]) >= SHORT_TOKEN and not query_generic
    if bare and unused and not by_initials:
        # A word alone is screened as a name (see below): the longer name's share counts its
        # words too where that is higher, its patronymic aside, so a short surname meets a
        # person of a longer given name ("Putin" / "Vladimir Vladimirovich Putin" scored
        # 0.795 by the letters, Putin's five to Vladimir's eight), as "Vladimir" meets him.
        # Not a word under four letters: "Li" is half of "Li Ning" and of every "Li ...".
        words = len(entry) - (1 if entry_patronymic else 0) - len(trades_left) / 2.0
        score = max(score, (2.0 * query_share + matched_words / words) / 3.0)
    if crossed:
        score -= CROSSED_INITIALS
    common = len(query) == 1 and (
        is_industry_word(query[0]) or skeleton(query[0]) in _given_name_forms()
    )
    if len(query) == 1 and query_generic and unused and not by_initials and common:
        # A trade word or a given name and generic words against a longer name that has the
        # word ("Nickel Holdings Ltd" / "Norilsk Nickel", "Vladimir Group" / "Vladimir
        # Potanin"): the query names a company of that word, which says little of which longer
        # name is meant, so both names' shares count alike. A word of its own ("Sberbank
        # Holding", as "PAO Sberbank") and a bare word ("VTB", "Potanin") lean on the query.
        score = min(score, (query_share + entry_share) / 2.0)
    if not matched_long and (query_generic or entry_generic) and score >= HIT_THRESHOLD:
        # Only short tokens matched ("EN Holding" / "En Group"): the names' generic words,
        # left out above, must then agree too, or two-letter names would meet everywhere.
        whole = name_match(query + query_generic, entry + entry_generic)
        score = min(score, whole.score)
    # Only trade words met ("Mining", "Nickel", "Capital Bank"), and a name has words of its
    # own left: the store caps a body's score at that name's share.
    trade_only = None
    if matched_words and trade_words and not by_initials:
        shares = [
            share
            for share, left in ((query_share, unmatched), (entry_share, unused))
            if any(not is_industry_word(token) for token in left)
        ]
        trade_only = min(shares, default=None)
    # The patronymic left out above is not a word left (nor an initial nothing denies).
    words_left = [token for token in unused if not is_initial(token)]
    patronymic = [t for t in words_left if len(t) == entry_patronymic and is_patronymic(t)][:1]
    words_left = [token for token in words_left if token not in patronymic]
    return NameMatch(score, by_initials, trade_only, bool(words_left))


def name_score(query: tuple[str, ...], entry: tuple[str, ...]) -> float:
    """The match score 0–1 of a query name against an entry name (both tokenised)."""
    return name_match(query, entry).score
