"""Names are put in order as a reader expects: without regard to case or accents first.

Ties in the ranking, unscored and excluded projects, Monte Carlo ties and the reversal search
all go "by name". By character code, "Émile" came after "Zeta", "Ёлкино" after "Ярославль",
and the same name typed with a combining accent sorted apart from the one typed with "É".
"""

from __future__ import annotations

import random
import unicodedata

import numpy as np

from rrisk.analysis import monte_carlo
from rrisk.scoring import name_order, score
from rrisk.text import name_sort_key

TIED = [
    "Zeta",
    "Ezra",
    "Étienne",  # É as one character
    "E\u0301tienne",  # É as E + combining acute
    "émile",
    "Ярославль",
    "Елово",
    "Ёлкино",
    "Ångström",
    "alpha",
]
EXPECTED = [
    "alpha",
    "Ångström",
    "émile",
    "Étienne",
    "E\u0301tienne",
    "Ezra",
    "Zeta",
    "Ёлкино",  # Ё is Е with a diaeresis: "Елк…" before "Ело…"
    "Елово",
    "Ярославль",
]


def _tied_document(make_doc, names, cell=(2, 3), **extra):
    ids = [f"p{i}" for i in range(len(names))]
    return make_doc(
        {"a": 1.0},
        {pid: {"a": cell} for pid in ids},
        names=dict(zip(ids, names, strict=True)),
        **extra,
    )


def test_tied_projects_rank_by_name_without_regard_to_accents(make_doc) -> None:
    ranking = score(_tied_document(make_doc, TIED)).ranking()
    assert [p.name for p in ranking] == EXPECTED
    assert [p.rank for p in ranking] == list(range(1, len(TIED) + 1))


def test_a_name_sorts_alike_in_either_unicode_form(make_doc) -> None:
    for name in ("Étienne", "Ёлкино", "Ångström"):
        composed = unicodedata.normalize("NFC", name)
        decomposed = unicodedata.normalize("NFD", name)
        assert composed != decomposed
        assert name_sort_key(composed) == name_sort_key(decomposed)


def test_excluded_and_unscored_projects_are_listed_in_the_same_order(make_doc) -> None:
    # Every project excluded by the rule (r = 20 ≥ 16), then every one unscored (weight 0).
    excluded = _tied_document(make_doc, TIED, cell=(4, 5), rules={"a": {"threshold": 16}})
    assert [p.name for p in score(excluded).ranking()] == EXPECTED
    assert all(p.status == "excluded" for p in score(excluded).ranking())
    unscored = make_doc(
        {"a": 0.0},
        {f"p{i}": {"a": (2, 3)} for i in range(len(TIED))},
        names={f"p{i}": name for i, name in enumerate(TIED)},
    )
    assert [p.name for p in score(unscored).ranking()] == EXPECTED


def test_monte_carlo_ties_go_to_the_first_name_in_the_same_order(make_doc) -> None:
    # Ranges of one point (certain cells): every run is the same tie, so the first name ranks
    # first in every run and the last last.
    certain = {"likelihood": 2, "impact": 3, "likelihood_low": 2, "likelihood_high": 2}
    certain |= {"impact_low": 3, "impact_high": 3}
    doc = _tied_document(make_doc, list(reversed(TIED)), cell=certain)
    result = monte_carlo(doc, runs=50, seed=1)
    first = result.project_names.index(EXPECTED[0])
    assert result.rank_probability[first, 0] == 1.0
    last = result.project_names.index(EXPECTED[-1])
    assert result.rank_probability[last, len(TIED) - 1] == 1.0


def test_the_key_orders_as_the_letters_then_the_accents_then_the_document() -> None:
    rng = random.Random(7)
    names = ["ab", "Ab", "áb", "abc", "a", "b", "ÁB", "ab"]
    for _ in range(20):
        rng.shuffle(names)
        places = name_order(names)
        ordered = [names[i] for i in np.argsort(places, kind="stable")]
        # The unaccented letters decide first ...
        letters = [
            "".join(
                c
                for c in unicodedata.normalize("NFKD", n.casefold())
                if not unicodedata.combining(c)
            )
            for n in ordered
        ]
        assert letters == sorted(letters)
        # ... a name that begins another comes first ("a" < "ab" < "abc"), and equal names
        # keep the document's order (the stable sort).
        assert ordered.index("a") < ordered.index("ab") < ordered.index("abc")
        twins = [i for i, n in enumerate(names) if n == "ab"]
        assert [i for i in np.argsort(places, kind="stable") if names[i] == "ab"] == twins


def test_spaces_around_or_inside_a_name_do_not_decide_a_tie(make_doc) -> None:
    # A name kept as an imported table spelt it: the spaces before "Zeta" are no letter that
    # sorts before "Alpha", nor does a double space or a tab inside one.
    names = ["  Zeta", "\tBeta", "Alpha", "Alpha  Zulu", "Alpha Beta"]
    ranking = score(_tied_document(make_doc, names)).ranking()
    assert [p.name for p in ranking] == ["Alpha", "Alpha Beta", "Alpha  Zulu", "\tBeta", "  Zeta"]


def test_letters_of_other_cyrillic_alphabets_sort_after_the_letter_they_follow(make_doc) -> None:
    """Ukrainian і, є, ґ and Kazakh қ are letters of their own; by code they came after я, so
    an excluded site in "Ізюм" was listed after one in "Ялта"."""
    expected = [
        "Горлівка",
        "Ґалаґан",  # ґ after г
        "Дніпро",
        "Енергодар",
        "Єнакієве",  # є after е
        "Житомир",
        "Иваново",
        "Ізюм",  # і after и
        "Ірпінь",
        "Караганда",
        "Київ",  # к, и before к, і
        "Қарағанды",  # қ after к
        "Лисаковск",
        "Ялта",
    ]
    shuffled = random.Random(7).sample(expected, len(expected))
    ranking = score(_tied_document(make_doc, shuffled)).ranking()
    assert [p.name for p in ranking] == expected
    excluded = _tied_document(make_doc, shuffled, cell=(4, 5), rules={"a": {"threshold": 16}})
    assert [p.name for p in score(excluded).ranking()] == expected


def test_numbers_in_names_go_by_their_value(make_doc) -> None:
    """A number in a name goes by its value, "Site 2" before "Site 10", in ties as in the lists
    of unscored and excluded projects (by character, "Site 10" came first, and "Block 9"
    after "Block 12")."""
    names = ["Site 10", "Block 12", "Site 2", "site 1", "Block 9", "Проект 100", "Проект 20"]
    expected = ["Block 9", "Block 12", "site 1", "Site 2", "Site 10", "Проект 20", "Проект 100"]
    assert [p.name for p in score(_tied_document(make_doc, names)).ranking()] == expected
    excluded = _tied_document(make_doc, names, cell=(4, 5), rules={"a": {"threshold": 16}})
    assert [p.name for p in score(excluded).ranking()] == expected
    # A number written with leading zeros, or in full-width digits, is the same number.
    assert name_sort_key("Site 02") < name_sort_key("Site 10")
    assert name_sort_key("Site ２") < name_sort_key("Site 10")
