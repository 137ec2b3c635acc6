"""The index a list is stored under, and what screening finds in it, are those the name
normalisation gave before it was made faster: a varied list (Latin with accents, Cyrillic,
Arabic, CJK, legal forms, punctuation, initials, duplicates) and the bundled list are
imported and compared with ``screening_index_expected.json``, computed with the earlier code.
Run this file as a script to write that file again (only when the normalisation is meant to
change, with ``INDEX_VERSION`` raised)."""

from __future__ import annotations

import csv
import hashlib
import json
import random
import sys
from pathlib import Path

import pytest

from rrisk.screening.store import ListStore

EXPECTED = Path(__file__).with_name("screening_index_expected.json")

_FIXED = [
    "Oleg Vladimirovich Deripaska",
    "Дерипаска Олег Владимирович",
    "Дерипаска О.В.",
    "ПАО «Роснефть»",
    "PJSC Rosneft Oil Company",
    "P.J.S.C. Rosneft",
    "Public Joint Stock Company Rosneft",
    "OOO SMT",
    "Obshchestvo s Ogranichennoy Otvetstvennostyu SMT",
    "ТОВ «Нафтогаз України»",
    "Товариство з обмеженою відповідальністю Ігор",
    "ПАТ «Азот»",
    "АТ-Строй",
    "ЖШС Қазақстан Темір Жолы",
    "Məmmədov Elnur",
    "Łódź Trading Sp. z o.o.",
    "Müller & Söhne GmbH",
    "Česká spořitelna, a.s.",
    "Società per Azioni Ærø",
    "Straße AG",
    "Ørsted A/S",
    "محمد بن سلمان",
    "شركة النفط الوطنية",
    "北京华为技术有限公司",
    "株式会社 東芝",
    "삼성전자 주식회사",
    "En+ Group",
    "En+Group plc",
    "U.S. Steel",
    "U. S. Steel Corp.",
    "R.D.I.F.",
    "V.Potanin",
    "К.Дмитриев",
    "Yu.Kovalchuk",
    "Ю. В. Ковальчук",
    "Mr Deripaska",
    "Dr. Ivanov",
    "Г-н Иванов",
    "пані Олена",
    "Ros\u200bneft",
    "Ros\u00adneft",
    "Donets'k People's Republic",
    "Объединённая авиастроительная корпорация",
    "Rosatom State Atomic Energy Corporation",
    "Госкорпорация «Росатом»",
    "НК Роснефть",
    "ГМК Норильский никель",
    "The Bank of Moscow",
    "Sberbank of Russia",
    "VTB Bank (PJSC)",
    "Gazprom Neft Trading GmbH",
    "Company $ ^ ` | ~ < > = + Ltd",
    "A",
    "a.",
    "LLC",
    "Ltd.",
    " . ",
    "...",
    "S.A.",
    "Holding",
    "Group Holding Company",
    'AO "Almaz-Antey"',
    "Almaz–Antey Air and Space Defence Corporation, JSC",
    "Aktsionernoe Obshchestvo Kontsern VKO Almaz-Antey",
    "Tatneft im. V.D. Shashina",
    "Виктор Федорович Янукович",
    "Yanukovych Viktor Fedorovych",
    "Рамзан Ахматович Кадыров",
    "Kadyrov, Ramzan Akhmatovich",
    "Сечкин",
    "Sechin Igor Ivanovich",
    "Company4321",
    "Company77",
    "BANK ROSSIYA",
    "bank rossiya",
    "Aeroflot – Russian Airlines",
    'ООО "Газпром экспорт"',
    "Rostec",
    "Ростех",
    "Rostekh",
    "Al-Qaida",
    "Hizballah\tMilitary  Wing",
    "Line\nbreak Ltd",
    "Tab\x0bvertical Ltd",
    "Ünïcödé Ñame S.à r.l.",
    "ʻAbd al-Ḥamīd",
    "Ахмед-Хаджи",
    "Ä",
]

_LATIN = ["Müller", "Łódź", "Česká", "Ørsted", "Straße", "Ærø", "Świętokrzyski", "Özdemir", "Ğazi",
          "Nguyễn", "Đorđević", "Bogdanović", "Sørensen", "Ibáñez", "João", "François", "Ђорђе"]  # fmt: skip
_CYRILLIC = ["Роснефть", "Газпром", "Норильский", "никель", "Сбербанк", "Иванов", "Петрович",
             "Ігор", "Олександр", "Юрій", "Ёлкин", "Щукин", "Объединённая", "Хабаровск", "Євген",
             "Ґалицький", "Жуков", "Ясень", "Эльдорадо", "Ўзбек", "Әлем"]  # fmt: skip
_ARABIC = ["محمد", "شركة", "بنك", "النفط", "الوطنية", "عبد", "الله", "حزب"]
_CJK = ["北京", "有限公司", "株式会社", "東芝", "华为", "技术", "삼성", "전자", "集团"]
_PLAIN = ["Rosneft", "Rostec", "Gazprom", "Neft", "Norilsk", "Nickel", "Mining", "Bank", "Capital",
          "Trading", "Holding", "Holdings", "Group", "State", "Corporation", "Company", "Energy",
          "Vladimir", "Oleksandr", "Aleksandr", "Sergeyev", "Yandex", "Fyodor", "Ivanovich",
          "Petrovna", "Volodymyrivna", "Abramovich", "Kovalchuk", "Al", "of", "the", "and",
          "VTB", "EN", "MMK", "SMT", "Ural", "Sib", "Vostok", "Kh", "Yu", "Ya", "Iu"]  # fmt: skip
_FORMS = ["LLC", "Ltd", "Ltd.", "PJSC", "P.J.S.C.", "JSC", "OJSC", "CJSC", "OAO", "ZAO", "OOO",
          "AO", "PAO", "GmbH", "AG", "S.A.", "SA", "S.p.A.", "plc", "p.l.c", "Inc.", "Corp.",
          "B.V.", "N.V.", "LLP", "FZE", "Sp. z o.o.", "s.r.o.", "a.s.", "Co., Ltd.", "K.K.",
          "Public Joint Stock Company", "Joint Stock Company", "Limited Liability Company",
          "ООО", "ПАО", "АО", "ЗАО", "ОАО", "ТОВ", "ПАТ", "АТ", "ПрАТ", "ФГУП", "ГУП", "ИП",
          "ЖШС", "АҚ", "Aktsionernoe Obshchestvo", "Tovarystvo z obmezhenoyu "
          "vidpovidalnistyu", "Gruppa kompaniy", "Госкорпорация", "ГК", "НК", "ГМК"]  # fmt: skip
_MARKS = [",", ".", "-", "–", "/", "&", "+", "'", "’", "`", "«", "»", "\"", "(", ")", "[", "]",
          "$", "^", "|", "~", "<", ">", "=", "*", "#", "@", "!", "?", ":", ";", "_", "\t", "  ",
          "\u200b", "\u00ad", "\u200e", "\ufeff", "№", "°", "½", "²", "ъ", "ь", "Ъ"]  # fmt: skip
_TITLES = ["Mr", "Mrs", "Dr.", "Prof", "Sir", "Г-н", "Господин", "пан", "Herr"]


def _word(rng: random.Random) -> str:
    pool = rng.choice([_LATIN, _CYRILLIC, _ARABIC, _CJK, _PLAIN, _PLAIN, _FORMS])
    word = rng.choice(pool)
    roll = rng.random()
    if roll < 0.15:
        word = word.upper()
    elif roll < 0.25:
        word = word.lower()
    elif roll < 0.3:
        word = word[0] + "."  # an initial
    return word


def _name(rng: random.Random) -> str:
    parts = [_word(rng) for _ in range(rng.randint(1, 5))]
    if rng.random() < 0.1:
        parts.insert(0, rng.choice(_TITLES))
    text = parts[0]
    for part in parts[1:]:
        text += rng.choice([" ", " ", " ", *_MARKS]) + part
    if rng.random() < 0.2:
        text = rng.choice(["«", '"', "(", " "]) + text + rng.choice(["»", '"', ")", ".", " "])
    return text


def varied_rows(count: int = 1200) -> list[tuple[str, ...]]:
    """Rows of a list whose names and aliases take every kind of text the normalisation meets,
    some of them twice (duplicates within an entry and across entries)."""
    rng = random.Random(20261207)
    names = [*_FIXED, *(_name(rng) for _ in range(count))]
    rows: list[tuple[str, ...]] = []
    for at, name in enumerate(names):
        aliases = [rng.choice(names) for _ in range(rng.randint(0, 3))]
        if rng.random() < 0.1:
            aliases.append(name)  # the name again among its aliases
        schema = rng.choice(["Company", "Person", "Organization", "LegalEntity"])
        rows.append((f"v{at}", schema, name, ";".join(a.replace(";", " ") for a in aliases), "EU"))
    rows.extend((f"d{at}", *row[1:]) for at, row in enumerate(rows[:40]))  # listed twice
    return rows


QUERIES = [
    "Rosneft",
    "ПАО Роснефть",
    "Deripaska Oleg",
    "O. V. Deripaska",
    "Gazprom Neft Trading",
    "Norilsk Nickel Mining Ltd",
    "Müller Söhne",
    "Mohammed bin Salman",
    "北京华为",
    "Naftogaz of Ukraine",
    "Almaz Antey",
    "Sechin",
    "Company4321",
    "En+",
    "US Steel",
    "Kadyrov Ramzan",
    "Ivanov",
    "Bank",
    "Rostekh",
    "Mammadov",
]


def _index(lists: ListStore, name: str) -> dict[str, object]:
    db = lists._db
    (list_id,) = db.execute("SELECT id FROM lists WHERE name = ?", (name,)).fetchone()
    names = db.execute(
        "SELECT e.entry_id, n.name, n.tokens FROM names n JOIN entries e ON e.id = n.entry "
        "WHERE e.list_id = ? ORDER BY n.id",
        (list_id,),
    ).fetchall()
    keys = db.execute(
        "SELECT k.key, n.name, k.next FROM name_keys k JOIN names n ON n.id = k.name "
        "WHERE k.list_id = ? ORDER BY k.key, n.id, k.next",
        (list_id,),
    ).fetchall()
    digest = hashlib.sha256(json.dumps(keys, ensure_ascii=False).encode("utf-8")).hexdigest()
    hits = {
        query: [
            [hit.entry_id, hit.matched_name, round(hit.score, 9), hit.by_initials]
            for hit in lists.search(name, query, threshold=0.5)
        ]
        for query in QUERIES
    }
    return {"names": [list(row) for row in names], "keys": len(keys), "keys_sha256": digest,
            "hits": hits}  # fmt: skip


def _indexes(folder: Path) -> dict[str, object]:
    from rrisk.screening.listfile import bundled_list

    path = folder / "targets.simple.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "schema", "name", "aliases", "sanctions"])
        writer.writerows(varied_rows())
    lists = ListStore(":memory:")
    try:
        lists.import_file(path, "varied")
        lists.import_file(bundled_list().path, "bundled")
        return {"varied": _index(lists, "varied"), "bundled": _index(lists, "bundled")}
    finally:
        lists.close()


@pytest.mark.parametrize("list_name", ["varied", "bundled"])
def test_index_and_hits_are_those_of_the_earlier_normalisation(
    tmp_path: Path, list_name: str
) -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))[list_name]
    got = json.loads(json.dumps(_indexes(tmp_path)[list_name], ensure_ascii=False))
    for (entry, name, tokens), (_, _, was) in zip(got["names"], expected["names"], strict=True):
        assert tokens == was, f"{entry} {name!r}"
    assert got["names"] == expected["names"]
    assert (got["keys"], got["keys_sha256"]) == (expected["keys"], expected["keys_sha256"])
    assert got["hits"] == expected["hits"]


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        result = _indexes(Path(scratch))
    EXPECTED.write_text(json.dumps(result, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {EXPECTED}", file=sys.stderr)


def _library_words(text: str) -> list[str]:
    """What the normalisation gave before: ``fingerprints.remove_types`` on the ASCII text."""
    from fingerprints import remove_types

    from rrisk.screening.names import _ASCII_SYMBOLS, _SPLIT, transliterate
    from rrisk.text import ascii_text

    removed = remove_types(_ASCII_SYMBOLS.sub(" ", ascii_text(transliterate(text)))) or ""
    return [word for word in _SPLIT.split(removed) if word]


def test_legal_forms_go_as_the_library_removes_them() -> None:
    from rrisk.screening.names import _legal_form_rules, _legal_form_words

    rules = _legal_form_rules()
    assert rules is not None  # the installed library is read as a table, not called
    forms = sorted(rules[1])
    rng = random.Random(7)
    texts = [chr(code) for code in range(128)]
    texts += [f"a{chr(code)}b" for code in range(128)] + [f"{chr(code)}x" for code in range(128)]
    for form in forms:
        texts += [form, form.upper(), f"Acme {form}", f"{form} Acme", f"x {form} y {form}"]
        texts.append(form.replace(" ", rng.choice([".", "-", "  ", "\t", ", ", "'"])))
    for _ in range(3000):
        # Forms side by side, inside one another's words and among punctuation.
        parts = [rng.choice(forms) if rng.random() < 0.6 else rng.choice(_PLAIN) for _ in range(4)]
        glue = "".join(chr(rng.randrange(128)) for _ in range(rng.randint(0, 2)))
        texts.append((glue or " ").join(parts))
        texts.append("".join(chr(rng.randrange(128)) for _ in range(rng.randint(0, 12))))
    texts += [name for row in varied_rows(300) for name in (row[2], *row[3].split(";"))]
    for text in texts:
        assert _legal_form_words(text) == _library_words(text), repr(text)


def _earlier_fold(token: str, rules: tuple[tuple[str, str], ...]) -> str:
    """``names._fold`` as it was before it was made faster."""
    import re

    double, glide = re.compile(r"([a-z])\1+"), re.compile(r"(?:^|(?<=[aeiou]))i(?=[aeou])")
    yo = re.compile(r"(?<=[^aeiou])io(?=[^aeiou])")
    for old, new in rules:
        token = token.replace(old, new)
    token = double.sub(r"\1", token)
    return double.sub(r"\1", yo.sub("e", glide.sub("", token)))


def test_skeletons_are_those_of_the_earlier_fold() -> None:
    from rrisk.screening.names import _SKELETON_RULES, _fold

    rng = random.Random(11)
    letters = "aeiouyjhkcszxwqtpg0123456789"
    tokens = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 10))) for _ in range(20000)]
    tokens += [word.lower() for word in (*_PLAIN, "yandex", "fyodor", "sergeyev", "aiia", "iioi")]
    for token in tokens:
        for rules in (_SKELETON_RULES, _SKELETON_RULES[:-1]):
            assert _fold(token, rules) == _earlier_fold(token, rules), token
