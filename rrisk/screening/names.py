"""Name normalisation and the match score used to screen counterparties.

A name becomes a set of tokens in three steps, each done by a library built for it:

1. ``fingerprints.remove_types`` (OpenSanctions) removes legal-form words in many languages
   and scripts (PJSC, JSC, LLC, OOO, ОАО, ПАО, АО, "Public Joint Stock Company", …) and
   returns lower-case ASCII, transliterating Cyrillic through ICU (via ``normality``).
2. Words that describe a kind of organisation rather than name one ("State Corporation",
   "Госкорпорация", "Group", "Holding", the Russian abbreviations НК and ГМК…) are dropped,
   unless nothing else is left.
   Descriptors of five letters or more are recognised by their skeleton (step 3), so every
   transliteration of a Russian legal form ("Aktsionernoe Obshchestvo", "Publichnoye
   Aktsionernoye Obshchestvo", "Obshchestvo s Ogranichennoy Otvetstvennostyu", the
   "Gruppa kompaniy" of a group) goes, as the Cyrillic does.
3. Each token is reduced to a *skeleton* that folds the usual transliteration variants onto
   one spelling (kh/h, zh/z, ck/c/k, y/j/i, doubled letters, and the glide of я, ю, е, ё
   that English spellings write "ya", "yu", "ye", "yo" and ICU drops: "Yandex"/"Яндекс",
   "Yevraz"/"Евраз", "Sergeyev"/"Сергеев", "Fyodor"/"Фёдор"), so "Rostekh", "Ростех" and
   "Rostec" become close. The hard and soft signs and apostrophes inside a word are dropped before anything
   else ("Объединённая" is one word, "Donets'k" is "Donetsk").

Two names are compared token by token, in any order: each query token takes its most similar
unused token of the candidate (RapidFuzz ``ratio`` on skeletons; at least 0.80, and exact for
tokens under four letters). ``query_share`` is the part of the query's letters so matched,
``entry_share`` the part of the candidate's; the score is ``(2·query_share + entry_share)/3``
(0–1). It leans on the query: "Rosneft" against "Rosneft Oil Company" scores 0.90, whereas one
shared word of two ("Nickel Mining Ltd" against "Norilsk Nickel") scores 0.49. When a
three-word name meets a two-word one whose words it all matches, the one word left over, if
it reads as a Russian patronymic (-ovich, -evich, -ovna, -evna, -ichna), is left out of its
side's share: registers write "Oleg Vladimirovich Deripaska" where a list holds "Oleg
Deripaska", and the reverse. Nowhere else: a surname in -ovich (Abramovich) is a name. A
score of
:data:`HIT_THRESHOLD` or more is a hit for the analyst to confirm or dismiss.

The libraries are imported on first use, so starting the app costs nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

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
        "nk",
        "gmk",
        "neftanaa",
        "s",  # "Obshchestvo s ogranichennoy otvetstvennostyu"
        # Legal forms the fingerprints library leaves: international, Ukrainian private and
        # Russian federal state enterprises (МКПАО, ПрАТ, ФГУП, ГУП).
        "ipjsc",
        "mkpao",
        "prjsc",
        "prat",
        "fgup",
        "gup",
        "fsue",
    }
)
"""Words that say what kind of body something is, not which one (compared as written)."""

_GENERIC_STEMS = (
    # Russian legal forms and descriptors written out, as ICU or English spellings give them;
    # compared by skeleton, so one spelling here covers its variants.
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


@lru_cache(maxsize=1)
def _generic_skeletons() -> frozenset[str]:
    return frozenset(skeleton(word) for word in _GENERIC_STEMS)


def _is_generic(token: str) -> bool:
    if token in GENERIC_WORDS:
        return True
    # Short words only as written: "MMC" is generic, the steelmaker MMK is not.
    return len(token) >= 5 and skeleton(token) in _generic_skeletons()


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
)
_DOUBLE = re.compile(r"([a-z])\1+")
"""Doubled letters (digits stay: "Company77" is not "Company7")."""
_GLIDE = re.compile(r"(?:^|(?<=[aeiou]))i(?=[aeou])")
"""The "y" of ya/yu/ye/yo at a word's start or after a vowel ("Yandex", "Sergeyev", "Mayak"),
which ICU's transliteration of я, ю, е does not write ("andeks", "sergeev", "maak")."""
_YO = re.compile(r"(?<=[^aeiou])io(?=[^aeiou])")
"""The "yo" of ё between consonants ("Fyodor", "Pyotr", "Semyon"), which ICU writes "e"."""
_INNER_MARKS = re.compile(r"(?<=\w)['’ʼʹʺ`]+(?=\w)|[ъЪьЬ]")
"""Hard and soft signs, and apostrophes inside a word: dropped, so the word stays whole."""
_PATRONYMIC_ENDINGS = ("ovik", "evik", "ovna", "evna", "ikna")
"""Skeleton endings of Russian patronymics (-ovich, -evich, -ovna, -evna, -ichna)."""


@lru_cache(maxsize=65_536)
def skeleton(token: str) -> str:
    """``token`` with transliteration variants folded: "rostekh" → "rosteh", "nickel" → "nikel"."""
    for old, new in _SKELETON_RULES:
        token = token.replace(old, new)
    token = _DOUBLE.sub(r"\1", token)
    return _DOUBLE.sub(r"\1", _YO.sub("e", _GLIDE.sub("", token)))


def _one_patronymic(tokens: list[str]) -> bool:
    return len(tokens) == 1 and is_patronymic(tokens[0])


def is_patronymic(token: str) -> bool:
    """Whether a token reads as a Russian patronymic (see the module docstring)."""
    return len(token) >= 7 and skeleton(token).endswith(_PATRONYMIC_ENDINGS)


def token_key(token: str) -> str:
    """The index key of a token: the first letters of its skeleton.

    Two tokens can only meet if they share a key, so a typo in the first four letters is
    missed; transliteration differences sit mostly at the end of words ("Norilsk"/"Norilskij",
    "Rostec"/"Rostekh"), which the key tolerates.
    """
    return skeleton(token)[:KEY_LENGTH]


@lru_cache(maxsize=262_144)
def name_tokens(name: str) -> tuple[str, ...]:
    """The distinctive tokens of a name, in order, ASCII lower case."""
    from fingerprints import remove_types

    cleaned = remove_types(_INNER_MARKS.sub("", name[:MAX_NAME_CHARS])) or ""
    tokens = [token for token in _SPLIT.split(cleaned) if token]
    distinctive = [token for token in tokens if not _is_generic(token)]
    return tuple(distinctive or tokens)


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
    keys = {(token_key(token), skeleton(token)[KEY_LENGTH : KEY_LENGTH + 1]) for token in tokens}
    keys.update((EXACT_PREFIX + token, "") for token in tokens)
    return keys


def token_similarity(left: str, right: str) -> float:
    """Similarity 0–1 of two tokens; 0 below :data:`TOKEN_THRESHOLD`."""
    if left == right:
        return 1.0
    if len(left) < SHORT_TOKEN or len(right) < SHORT_TOKEN:
        return 0.0
    from rapidfuzz.fuzz import ratio

    similarity = ratio(skeleton(left), skeleton(right)) / 100.0
    return similarity if similarity >= TOKEN_THRESHOLD else 0.0


def name_score(query: tuple[str, ...], entry: tuple[str, ...]) -> float:
    """The match score 0–1 of a query name against an entry name (both tokenised)."""
    if not query or not entry:
        return 0.0
    unused = list(entry)
    unmatched: list[str] = []
    matched_query = 0.0
    matched_entry = 0.0
    query_letters = sum(len(token) for token in query)
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
        else:
            unmatched.append(token)
    entry_letters = sum(len(token) for token in entry)
    # A full Russian name against a list's first name and surname: the one token left over,
    # a patronymic, does not count ("Oleg Vladimirovich Deripaska" / "Oleg Deripaska"), in
    # either direction. Only then: a surname in -ovich (Abramovich) or -ović is a name.
    if len(query) == 3 and len(entry) == 2 and not unused and _one_patronymic(unmatched):
        query_letters -= len(unmatched[0])
    if len(entry) == 3 and len(query) == 2 and not unmatched and _one_patronymic(unused):
        entry_letters -= len(unused[0])
    query_share = matched_query / query_letters
    entry_share = matched_entry / entry_letters
    return (2.0 * query_share + entry_share) / 3.0
