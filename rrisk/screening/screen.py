"""Screening a document: every project's counterparties against one list, plus territories.

The bundled list is screened from an in-memory database built from its file on first use
(milliseconds for a few entries), so it never writes to the user's data folder; imported
lists are screened from the store (:mod:`rrisk.screening.store`).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from rrisk.screening.decisions import CONFIRMED, HitDecision, list_name_shown, same_list
from rrisk.screening.listfile import (
    ListImportError,
    StoreDamaged,
    blocks,
    bundled_list,
    programme_of,
)
from rrisk.screening.territory import fold, match_place, territory_table

if TYPE_CHECKING:
    from rrisk.model import Assessment
    from rrisk.screening.store import Hit, ListStore

_REMARK = re.compile(r"[(\[{]([^)\]}]*)[)\]}]")
_REMARK_PARTS = re.compile(r"[:;,/&]|\s[-–—]\s|\s(?:and|і|и|та)\s")
"""What parts a remark: punctuation, a dash between spaces ("владелец — Дерипаска"), "and"."""
_SIDE_BY_SIDE = re.compile(r"\s*[/;]\s*")
"""What parts two names given for one counterparty for sure: a "/" or ";" ("M23 / AFC",
"Rosneft; BP"), which no legal name holds."""
_SURE_SPLIT = re.compile(r"(\s*[/;]\s*)")
"""As :data:`_SIDE_BY_SIDE`, keeping what parts the names."""
_JOINED = re.compile(r"(\s*[&,]\s*|\s+(?:and|и|і|та)\s+)", re.IGNORECASE)
"""What may part two names ("M23 & AFC", "M23 and AFC", "Rosneft, BP") or be part of one
legal name ("Procter & Gamble", "Johnson and Johnson", "Acme, Inc."); see
:func:`_side_by_side` for how the two are told apart."""


_REGION_KINDS = frozenset(
    ("krai", "kray", "oblast", "region", "province", "county", "district", "prefecture")
    + ("governorate", "okrug", "raion", "rayon", "край", "область", "округ", "район")
)
"""Last words that make a part a region named as such ("Krasnoyarsk Krai", "Rostov oblast",
"Moscow region", "Красноярский край")."""
_PLACE_NOISE = re.compile(r"[.\s]+")


def _place_key(text: str) -> str:
    """A place's name as compared: folded (:func:`fold`), without full stops, an article or
    punctuation at either end ("the Netherlands", "U.K." are "netherlands", "uk")."""
    key = _PLACE_NOISE.sub(" ", fold(text)).strip(" \"'«»“”‘’()-–—")
    return key.removeprefix("the ").strip()


@cache
def _place_names() -> frozenset[str]:
    """The countries and territories a part after a comma may name: the bundled table of
    ISO 3166-1 names in English, Russian and Ukrainian with common spellings
    (``resources/screening/countries.json``), and the occupied territories' names."""
    from rrisk.resources import countries

    names = {name for country in countries() for name in country["names"]}
    for territory in territory_table().territories:
        names.update(name for spelt in territory.names.values() for name in spelt)
    return frozenset(_place_key(name) for name in names)


def _names_a_place(part: str) -> bool:
    """Whether a part after a comma names a place and not a party: a country or territory
    the table holds ("Russia", "the UK", "Швейцария", "Crimea"), or a region named as such
    ("Krasnoyarsk Krai"). An ISO code alone is not one: companies go by such initials
    ("Softbank, ARM", Armenia's code), so only the abbreviations written for a country are
    ("UK", "USA", "UAE", "DRC", "РФ")."""
    key = _place_key(part)
    words = key.split()
    return key in _place_names() or (len(words) > 1 and words[-1] in _REGION_KINDS)


def counterparty_name(text: str) -> str:
    """The name part of a counterparty: remarks in brackets are not part of the name.

    "Rostec (likely partner, unverified)" is screened as "Rostec".
    """
    stripped = _REMARK.sub(" ", text).strip()
    return stripped or text


def _side_by_side(name: str) -> list[tuple[str, bool]]:
    """The names given side by side in a counterparty's name, each with whether it is surely
    a name of its own; none when it names one party.

    A "/" or ";" always parts two names (sure). Within each, "&", "and" or a comma part them
    too, but may be inside one legal name, so those parts are not sure: a part with no word
    that names (a legal form: "Acme, Inc.", "Acme Ltd, LLC") goes back to the part before,
    and a name that only repeats itself ("Johnson and Johnson") is not parted. A place
    after a comma ("Acme Mining, Russia") is no name: it is taken out before
    (:func:`_without_places`). The whole is always screened as well, so a legal name
    parted here still meets its own entry; a part that is not sure must meet an entry by
    name (:func:`_remark_names`) and not by a person's surname alone, or "Marks and
    Spencer" would meet every listed Spencer.
    """
    from rrisk.screening.names import name_tokens

    sure = [part for part in _SIDE_BY_SIDE.split(name) if part.strip()]
    found: list[tuple[str, bool]] = []
    for whole in sure:
        split = _JOINED.split(whole.strip())  # pieces and, between them, what joins them
        pieces = [split[0]]
        for joint, piece in zip(split[1::2], split[2::2], strict=True):
            if name_tokens(piece) and name_tokens(pieces[-1]):
                pieces.append(piece)
            else:  # a legal form ("Acme, Inc."), or nothing but one: one name with it
                pieces[-1] += joint + piece
        pieces = [piece.strip() for piece in pieces if piece.strip()]
        if len({name_tokens(piece) for piece in pieces}) < 2:
            pieces = []  # one name, or one name said twice ("Johnson and Johnson")
        if len(sure) > 1:
            found.append((whole.strip(), True))
        found += [(piece, False) for piece in pieces]
    return [(part, sure_part) for part, sure_part in found if len(part) > 1]


def _without_places(name: str) -> tuple[str, list[tuple[str, ...]]]:
    """A counterparty's name without the places after its commas, and those places as name
    tokens.

    A part after a comma that names a place (:func:`_names_a_place`) says where the party
    before it is, not who else is a party, so it stays with that party as a legal form does:
    "Acme Mining, Russia" is screened whole and as "Acme Mining", never as "Russia" (which
    would meet a listed "Russia Ltd" at 1.00); "Norilsk Nickel, Krasnoyarsk Krai" as
    "Norilsk Nickel". "Rosneft, BP" and "M23, AFC" still part. A place first, with no party
    before it ("Russia, Acme"), is left as written.

    A place the table does not hold (a town: "Rosatom, Moscow", the "Baar" of "Glencore,
    Baar, Switzerland") is parted as a name is: it cannot be told from a second party's name
    ("Rosatom, Novatek"), and kept with the party before, a party named in the middle
    ("Glencore, Rosneft, UK") would be screened only inside the whole and meet its entry
    nowhere. As a part that is not sure, a town meets an entry only by its own name, which
    the analyst dismisses; the whole is always screened too."""
    from rrisk.screening.names import name_tokens

    kept: list[str] = []
    places: list[tuple[str, ...]] = []
    for index, whole in enumerate(_SURE_SPLIT.split(name)):
        if index % 2:  # a "/" or ";" between two names
            kept.append(whole)
            continue
        split = _JOINED.split(whole)
        start = len(kept)
        kept.append(split[0])
        after_place = False  # "Acme, Russia and Kazakhstan": the second place is one too
        for joint, piece in zip(split[1::2], split[2::2], strict=True):
            before = "".join(kept[start:])
            comma = joint.strip() == "," or after_place
            after_place = comma and bool(name_tokens(before)) and _names_a_place(piece)
            if after_place:
                places.append(name_tokens(piece))
            else:
                kept += [joint, piece]
    return "".join(kept).strip(), places


def _ends_in_place(hit: Hit, places: list[tuple[str, ...]]) -> bool:
    """Whether a hit by containment names only the end of a place kept with a party: the
    entry met because the counterparty's name ends with the place ("Russia Ltd" for "Acme
    Mining, Russia"), which says where the party is, not who it is."""
    from rrisk.screening.names import name_tokens

    listed = name_tokens(hit.matched_name)
    return bool(listed) and any(place[-len(listed) :] == listed for place in places)


def counterparty_queries(text: str) -> list[str]:
    """The names a counterparty is screened under: its name part, and each remark in
    brackets on its own, since a remark may name an owner or a partner ("TVEL (Rosatom)",
    "JV partner (Oleg Deripaska)"); a remark that names nobody ("likely partner,
    unverified") meets no entry. Names given side by side ("M23 / AFC", "M23 & AFC",
    "Rosneft, BP") are each screened as a remark is (see :func:`_side_by_side`); a place
    after a comma is not ("Acme Mining, Russia" is screened whole and as "Acme Mining":
    see :func:`_without_places`); a name after an office is screened without it as well
    ("President Putin" as "Putin", for a listed person: :func:`_office_queries`)."""
    queries = _named_queries(text)
    return queries + list(_office_queries(queries))


def _named_queries(text: str) -> list[str]:
    """:func:`counterparty_queries` as written, before any office is left out."""
    name = counterparty_name(text)
    party, _places = _without_places(name)
    queries = [name] if party in ("", name) else [name, party]
    # Names given side by side ("M23 / AFC", "M23 & AFC", "Rosneft, BP"): each is screened
    # too, as a remark is, since the whole meets no entry when every entry names only one
    # of them; the whole stays first, so one legal name ("Procter & Gamble") meets its entry.
    for part, _sure in _side_by_side(party or name):
        if part not in queries:
            queries.append(part)
    for query in _remark_queries(text, name):
        if query not in queries:
            queries.append(query)
    return queries


def _office_queries(queries: list[str]) -> dict[str, str]:
    """Each query that begins with an office ("President Vladimir Putin", "CEO Igor Sechin",
    "(owned by President Putin)") without it (:func:`without_offices`), with the query it
    comes from, unless it is one already. It meets a listed person only: "General Electric"
    is no person "Electric"."""
    from rrisk.screening.names import without_offices

    found: dict[str, str] = {}
    for query in queries:
        bare = without_offices(query)
        if bare and bare not in queries:
            found.setdefault(bare, query)
    return found


_PLACE_WORDS = frozenset(("in", "from", "в", "во", "у", "из", "із", "з"))
"""Words that say a place follows: "registered in Russia", "(from the UK)", "(в РФ)"."""
_BASED = re.compile(r"[-\s]based$", re.IGNORECASE)
"""The end of "Russia-based", "UK based": the place before it says where."""


def _without_place_phrase(remark: str) -> str:
    """A remark without the place it ends by saying where something is: "registered in
    Russia" is "registered", "subsidiary of Rosneft in Russia" "subsidiary of Rosneft",
    "Russia-based" nothing. A place (:func:`_names_a_place`) after "in", "from" (Russian and
    Ukrainian "в", "из", "у", "з"), or before "-based"; any other remark as written ("Bank of
    Russia" names a body)."""
    based = _BASED.search(remark)
    if based and _names_a_place(remark[: based.start()]):
        return ""
    words = remark.split()
    for at in range(len(words) - 1):
        if words[at].casefold() in _PLACE_WORDS and _names_a_place(" ".join(words[at + 1 :])):
            return " ".join(words[:at])
    return remark


_LINK = re.compile(r"\s(?:of|by|with|for|to|с|со|з|із)\s", re.IGNORECASE)
"""A word that links a remark's words to the party it names: "subsidiary of Norilsk Nickel",
"owned by Potanin", "partner of Igor Sechin", "JV with Rosneft", "СП с Роснефтью"."""


def _after_link(remark: str) -> str:
    """What a remark names after its first linking word (:data:`_LINK`): "partner of Igor
    Sechin" is "Igor Sechin", which meets the listed "Igor Ivanovich Sechin" as a name; the
    whole held it among other words and met nobody. '' when the remark has none."""
    found = _LINK.search(remark)
    return remark[found.end() :].strip() if found else ""


def _remark_queries(text: str, name: str) -> list[str]:
    """Each remark in brackets of ``text`` (whose name part is ``name``) and, when it has
    several, each of its parts ("owner: Oleg V. Deripaska"); none that names a place
    (:func:`_names_a_place`: "(Russia)", "(Krasnoyarsk Krai)"), and each without the place
    it ends by naming (:func:`_without_place_phrase`: "(registered in Russia)"); then what
    a remark names after a linking word (:func:`_after_link`: "partner of Igor Sechin"),
    and a Russian remark with its case endings cut (:func:`_without_case_endings`)."""
    return [query for query, _linked in _remark_sayings(text, name)]


def _remark_sayings(text: str, name: str) -> list[tuple[str, bool]]:
    """:func:`_remark_queries`, each with whether it is only what a remark names after a
    linking word (its hit scores no more than the whole remark's by containment)."""
    remarks = [m.group(1).strip() for m in _REMARK.finditer(text)] if name != text else []
    queries: list[str] = []
    for remark in remarks:
        parts = [part.strip() for part in _REMARK_PARTS.split(remark)]
        queries += [query for query in (remark, *(parts if len(parts) > 1 else ())) if query]
    # A remark, or part of one, that names a place ("Acme Mining (Russia)", "(Rosneft,
    # Russia)", "(registered in Russia)") says where, not who: screened, "Russia" met a
    # listed "Russia Ltd" at 1.00, and "registered in Russia" by its end at 0.85.
    plain: list[str] = []
    linked: list[str] = []
    for query in queries:
        query = _without_place_phrase(query).strip()
        # The party a phrase names ("owned by Potanin", "СП с Роснефтью"), and a remark in
        # Russian with the case its sentence puts a name in ("дочка Роснефти") undone.
        after = _after_link(query)
        plain += [said for said in (query, _without_case_endings(query)) if said]
        linked += [said for said in (after, _without_case_endings(after)) if said]
    kept: dict[str, bool] = {}
    for said in plain:
        kept.setdefault(said, False)
    for said in linked:
        kept.setdefault(said, True)
    return [(said, link) for said, link in kept.items() if not _names_a_place(said)]


_CASE_ENDING = re.compile(
    r"(?<=[а-яё]{4})(?:ого|его|ому|ему|ыми|ими|ами|ями|ой|ей|ом|ем|ым|им|ам|ям|ах|ях|ую|юю|"
    r"ые|ие|ых|их|ий|ый|ая|яя|ое|ее|а|я|у|ю|е|ы|и|ь)(?![а-яё])",
    re.IGNORECASE,
)
"""The case ending of a Russian word of six letters or more (four at least are left)."""


def _without_case_endings(remark: str) -> str:
    """A Russian remark with its words' case endings cut, so that a name in another case
    meets the listed one: "дочка Роснефти" is "дочк Роснефт" (Rosneft), "Норильского никеля"
    "Норильск никел" (Norilsk Nickel), "Потанину" "Потанин". '' when nothing is cut (a
    remark in Latin letters, or in the names' own case: "Роснефть" is "Роснефт", one
    skeleton). The remark is screened as written too, and a remark's hit must still name
    the listed name (:data:`REMARK_SCORE`), so a word cut short meets nobody by half."""
    if remark.isascii():
        return ""
    cut = _CASE_ENDING.sub("", remark)
    return cut if cut != remark else ""


REMARK_SCORE = 0.88
"""A remark's own hit counts from this score (a name, in full or by its surname and initials:
"(Oleg Deripaska)", "(Deripaska)", "(Росатома)", "(V. Potanin)"), or when the remark holds a
listed name word for word ("(Rosneft subsidiary)"): loose words ("(nickel)", "(atomic
energy)") and first names ("(Vladimir)", "(Kirill)") must not meet an entry by half."""


def search_counterparty(store: ListStore, list_name: str, text: str) -> list[Hit]:
    """The hits of one counterparty (see :func:`counterparty_queries`): one per entry, its
    best score, best first (as :meth:`ListStore.search` orders them)."""
    from rrisk.screening.store import CONTAINED_SCORE

    queries = counterparty_queries(text)
    name = counterparty_name(text)
    party, places = _without_places(name)
    for remark in _remark_queries(text, name):  # "(Rosneft, Russia)" ends with a place too
        places += _without_places(remark)[1]
    if len(queries) == 1 and not places:
        return store.search(list_name, queries[0])
    # A part after "&", "and" or a comma, unless a remark says it too ("Nornickel and
    # Potanin (Potanin)": the remark names a person by surname, as "(Potanin)" alone does).
    loose = {part for part, sure in _side_by_side(party or name) if not sure}
    loose -= set(_remark_queries(text, name))
    # What a remark names after a linking word ("owner of Norilsk Nickel") is a related
    # party, met as the whole remark meets it by containment: no closer than that.
    linked = {said for said, link in _remark_sayings(text, name) if link} - {name, party}
    # A name without the office before it ("President Putin") is screened as the query it
    # comes from is, for a listed person only.
    offices = _office_queries(_named_queries(text))
    loose |= {bare for bare, query in offices.items() if query in loose}
    linked |= {bare for bare, query in offices.items() if query in linked}
    best: dict[str, Hit] = {}
    for query in queries:
        for hit in store.search(list_name, query):
            if query in offices and hit.schema != "Person":
                continue  # "General Electric" met as "Electric": an office is a person's
            if query not in (name, party) and not _remark_names(
                query, hit, by_surname=query not in loose
            ):
                continue
            if hit.score == CONTAINED_SCORE and _ends_in_place(hit, places):
                continue  # "Russia Ltd", met by the end of "Acme Mining, Russia": the place
            if query in linked and hit.score > CONTAINED_SCORE:
                hit = replace(hit, score=CONTAINED_SCORE)
            known = best.get(hit.entry_id)
            if known is None or hit.score > known.score:
                best[hit.entry_id] = hit
    return sorted(best.values(), key=lambda hit: (-hit.score, hit.caption))


_PATRONYMIC = re.compile(r"(?:ovich|evich|ich|ovna|evna|ivna|ichna)$")


def _surname(name: str) -> tuple[str, ...]:
    """A listed person's surname, as name tokens: before the comma ("Potanin, Vladimir"),
    first when a patronymic ends the name ("Потанин Владимир Олегович"), else last
    ("Vladimir Potanin")."""
    from rrisk.screening.names import name_tokens

    if "," in name:
        return name_tokens(name.split(",", 1)[0])
    tokens = name_tokens(name)
    if not tokens:
        return ()
    return tokens[:1] if len(tokens) > 2 and _PATRONYMIC.search(tokens[-1]) else tokens[-1:]


def _remark_names(remark: str, hit: Hit, by_surname: bool = True) -> bool:
    """Whether a remark's hit is one it names (see :data:`REMARK_SCORE`), or (``by_surname``)
    a person the remark names by surname alone ("(Potanin)"), which scores under it."""
    from rrisk.screening.names import name_tokens, skeleton

    if hit.score >= REMARK_SCORE:
        return True
    # Word for word as spelt alike ("никел" of "Норильского никеля" is Nickel's skeleton).
    listed = tuple(skeleton(token) for token in name_tokens(hit.matched_name))
    said = tuple(skeleton(token) for token in name_tokens(remark))
    size = len(listed)
    if size > 0 and any(said[k : k + size] == listed for k in range(len(said) - size + 1)):
        return True
    surname = tuple(skeleton(token) for token in _surname(hit.matched_name))
    return by_surname and hit.schema == "Person" and bool(said) and said == surname


@dataclass
class CounterpartyResult:
    counterparty: str
    hits: list[Hit] = field(default_factory=list)


@dataclass
class ProjectResult:
    project_id: str
    project_name: str
    region: str
    counterparties: list[CounterpartyResult]
    territories: list[dict[str, Any]]
    country: str = ""  # with the region, what the territory rules read


@dataclass
class ScreeningReport:
    list_name: str
    list_as_of: str
    projects: list[ProjectResult]
    version: tuple[str, str, int, str] | None = None
    """The list's :func:`list_version` when it was screened (None: not read)."""

    def as_dict(self, doc: Assessment) -> dict[str, Any]:
        """The JSON ``rrisk screen --format json`` prints."""
        from rrisk.screening.redlines import current_counterparties, is_current

        counterparties = current_counterparties(doc)
        left_over: dict[str, list[dict[str, Any]]] = {}
        for item in doc.screening.decisions:
            if not is_current(item, counterparties):
                left_over.setdefault(item.project, []).append(
                    {
                        "counterparty": item.counterparty,
                        "entry_id": item.entry_id,
                        "entry_name": item.entry_name or item.entry_id,
                        "list": item.list_name,
                        "decision": item.decision,
                    }
                )
        return {
            "list": {"name": self.list_name, "as_of": self.list_as_of},
            "recorded": {
                "list": doc.screening.list_name,
                "as_of": doc.screening.list_as_of,
            },
            "projects": [
                {
                    "id": project.project_id,
                    "name": project.project_name,
                    "country": project.country,
                    "region": project.region,
                    "territories": project.territories,
                    "counterparties": [
                        {
                            "name": item.counterparty,
                            "hits": [
                                hit_payload(
                                    doc, project.project_id, item.counterparty, hit, self.list_name
                                )
                                for hit in item.hits
                            ],
                            "recorded_not_listed": _recorded_not_listed(
                                doc,
                                project.project_id,
                                item.counterparty,
                                item.hits,
                                self.list_name,
                            ),
                        }
                        for item in project.counterparties
                    ],
                    # Decisions on a counterparty the project no longer names (renamed or
                    # removed since): they count for nothing, as the memo prints them.
                    "left_over": left_over.get(project.project_id, []),
                }
                for project in self.projects
            ],
        }


def decisions_not_listed(
    doc: Assessment,
    project_id: str,
    counterparty: str,
    entry_ids: set[str],
    list_name: str | None = None,
) -> list[HitDecision]:
    """The document's decisions on this counterparty whose entry the list screened now does
    not give (``entry_ids``, on the list ``list_name``: an update removed it, or another list
    was chosen, or the decision was made on another list's entry of the same id): they still
    count in the ranking, so the screening shows them, not "no hit"."""
    from rrisk.screening.decisions import counterparty_key, counts_on

    key = counterparty_key(counterparty)
    return [
        item
        for item in doc.screening.decisions
        if item.project == project_id
        and counterparty_key(item.counterparty) == key
        and not (item.entry_id in entry_ids and counts_on(item, list_name))
    ]


def _recorded_not_listed(
    doc: Assessment, project_id: str, counterparty: str, hits: list[Hit], list_name: str
) -> list[dict[str, Any]]:
    """:func:`decisions_not_listed` as JSON."""
    seen = {hit.entry_id for hit in hits}
    return [
        {
            "entry_id": item.entry_id,
            "entry_name": item.entry_name or item.entry_id,
            "list": item.list_name,
            "decision": item.decision,
            "sanctions": list(item.sanctions),
        }
        for item in decisions_not_listed(doc, project_id, counterparty, seen, list_name)
    ]


def hit_payload(
    doc: Assessment, project_id: str, counterparty: str, hit: Hit, list_name: str | None = None
) -> dict[str, Any]:
    """One hit as JSON, with the decision the document records for it on ``list_name`` (or
    ``pending``)."""
    decision = doc.screening.decision(project_id, counterparty, hit.entry_id, list_name)
    return {
        "entry_id": hit.entry_id,
        "entry_name": hit.caption,
        "schema": hit.schema,
        "matched_name": hit.matched_name,
        "score": hit.score,
        "by_initials": hit.by_initials,
        "source": hit.dataset,
        "programmes": [programme_of(s) for s in hit.sanctions],
        "sanctions": list(hit.sanctions),
        "blocking": blocks(hit.sanctions),
        "decision": decision.decision if decision else "pending",
        "note": decision.note if decision else "",
        "no_red_line_reason": decision.no_red_line_reason if decision else "",
        # A confirmed hit is judged on the programmes recorded with it (see redlines); where
        # the list's differ now (delisted since), both are given.
        "recorded_sanctions": (
            list(decision.sanctions)
            if decision is not None
            and decision.decision == CONFIRMED
            and decision.sanctions
            and tuple(decision.sanctions) != tuple(hit.sanctions)
            else []
        ),
    }


def bundled_store() -> tuple[ListStore, str, str]:
    """An in-memory store holding the bundled list, its name and as-of date."""
    from rrisk.screening.store import ListStore

    bundled = bundled_list()
    store = ListStore(":memory:")
    store.import_file(bundled.path, bundled.name, bundled.as_of, bundled.source)
    # Each entry's own source, from the list's notes ("Fact sheet: US SDN 28 Jun 2022 …").
    store.set_sources(
        bundled.name,
        {
            entry_id: note["source"]
            for entry_id, note in bundled.notes.items()
            if isinstance(note, dict) and isinstance(note.get("source"), str)
        },
    )
    return store, bundled.name, bundled.as_of


def open_list(
    list_name: str | None,
    cancelled: Callable[[], bool] | None = None,
    indexing: Callable[[float], None] | None = None,
) -> tuple[ListStore, str, str]:
    """The store and name/as-of of the list to screen against (default: the bundled one);
    ``cancelled`` can stop the store's indexing again after an update (see ListStore), and
    ``indexing`` is told its share done (0–1), only when the store is indexed again."""
    from rrisk.screening.store import ListStore

    if list_name is not None:
        list_name = list_name.strip()  # as `lists import --name` stores it
    if list_name is None or same_list(list_name, bundled_list().name):
        return bundled_store()
    store = ListStore(cancelled=cancelled, progress=indexing)
    try:
        info = store.info(list_name)
        known = (
            "" if info is not None else ", ".join(list_name_shown(i.name) for i in store.lists())
        )
    except ListImportError:  # it opened, yet its lists cannot be read
        store.close()
        raise
    if info is None:
        store.close()
        raise ListImportError(
            f"no list named {list_name_shown(list_name)} (imported lists: {known or 'none'}; "
            f"the bundled list is '{bundled_list().name}')"
        )
    return store, info.name, info.as_of


class ScreeningCancelled(Exception):
    """A screening stopped by its ``cancelled`` (see :func:`screen_document`)."""


def screen_document(
    doc: Assessment,
    store: ListStore,
    list_name: str,
    as_of: str,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ScreeningReport:
    """Every counterparty of every project against the list, and every region.

    ``cancelled`` is asked before each counterparty (a large list takes a tenth of a second
    or more for one): once it says so, :class:`ScreeningCancelled` is raised. ``progress``
    is told (counterparties screened, counterparties in all) after each."""
    total = sum(len(project.counterparties) for project in doc.projects)
    done = 0
    projects = []
    for project in doc.projects:
        counterparties = []
        for name in project.counterparties:
            if cancelled is not None and cancelled():
                raise ScreeningCancelled
            counterparties.append(
                CounterpartyResult(name, search_counterparty(store, list_name, name))
            )
            done += 1
            if progress is not None:
                progress(done, total)
        territories = [
            {
                "territory": match.territory.id,
                "name": match.territory.name,
                "applies": match.applies,
                "why": match.why,
                "basis": match.territory.basis,
                "override": (
                    override.justification
                    if (override := doc.screening.override(project.id, match.territory.id))
                    else None
                ),
            }
            for match in match_place(project.region, project.country)
        ]
        projects.append(
            ProjectResult(
                project.id,
                project.name,
                project.region,
                counterparties,
                territories,
                project.country,
            )
        )
    return ScreeningReport(list_name, as_of, projects)


@dataclass
class UndecidedHits:
    """What the check before a memo finds of the list the document records: its hits that no
    decision covers, as (project id, counterparty, hit); or, where the list was not checked,
    why (``passed_over``, a clause: "the check was cancelled", …)."""

    list_name: str
    hits: list[tuple[str, str, Hit]] = field(default_factory=list)
    passed_over: str = ""
    damaged: bool = False
    """Whether it was passed over for a list store that cannot be read (:class:`StoreDamaged`),
    which stays so until mended: what to do is the caller's to say, in its own words."""


NOT_HELD = "this computer's list store does not hold it (imported on another computer, or removed)"
CANCELLED = "the check was cancelled before it had screened every counterparty against it"
TO_INDEX = (
    "the list store is still to be indexed again after an update (up to a minute for a large "
    "list): screen in the Screening tab or with rrisk screen first"
)


def records_imported_list(doc: Assessment) -> bool:
    """Whether the list the document records is an imported one (not the bundled list; names
    compared as a decision's list is, case and spacing aside: "RRisk-Template")."""
    recorded = doc.screening.list_name
    return bool(recorded.strip()) and not same_list(recorded, bundled_list().name)


def undecided_hits(
    doc: Assessment,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> UndecidedHits:
    """Hits on the list the document records (the bundled one when it records none) that no
    decision of the document covers, for the check before a memo leaves.

    An imported list lives in one user's store: screened where this computer's store holds
    it (the memo names the list and prints only the decided hits, so one left pending would
    go unsaid). Where it does not (a colleague's list, one removed), where the store cannot
    be read (damaged, busy with an import), or where it is still to be indexed again after
    an update (up to a minute for a large list: the Screening tab and ``rrisk screen`` do
    that), the check does not guess: the list is passed over, and ``passed_over`` says why.
    ``cancelled`` is asked between counterparties (a list of hundreds of thousands of entries
    takes a tenth of a second or more for each): once it says so, the list is passed over as
    cancelled. ``progress`` is told (counterparties screened, counterparties in all)."""
    from rrisk.screening.store import ListStore, store_exists

    imported = records_imported_list(doc)
    name = doc.screening.list_name.strip() if imported else bundled_list().name
    found = UndecidedHits(name)
    if imported and not store_exists():  # no list was ever imported here: making none
        found.passed_over = NOT_HELD
        return found
    if not any(project.counterparties for project in doc.projects):
        return found
    try:
        if imported:
            store = ListStore(reindex=False)
            try:
                info = store.info(name)
            except ListImportError:
                store.close()
                raise
            if info is None:
                store.close()
                found.passed_over = NOT_HELD
                return found
            found.list_name = info.name
        else:
            store, found.list_name, _as_of = bundled_store()
    except (ListImportError, sqlite3.DatabaseError) as error:  # it cannot be read
        found.passed_over = str(error)
        found.damaged = isinstance(error, StoreDamaged)
        return found
    total = sum(len(project.counterparties) for project in doc.projects)
    done = 0
    try:
        if store.needs_reindex():
            found.passed_over = TO_INDEX
            return found
        for project in doc.projects:
            for counterparty in project.counterparties:
                if cancelled is not None and cancelled():
                    found.passed_over = CANCELLED
                    found.hits = []
                    return found
                for hit in search_counterparty(store, found.list_name, counterparty):
                    if (
                        doc.screening.decision(
                            project.id, counterparty, hit.entry_id, found.list_name
                        )
                        is None
                    ):
                        found.hits.append((project.id, counterparty, hit))
                done += 1
                if progress is not None:
                    progress(done, total)
    except (ListImportError, sqlite3.Error) as error:
        # Removed meanwhile (`rrisk lists remove` in another window), or a damaged store
        # that opened but cannot be read: as where the store does not hold the list.
        found.hits = []
        found.passed_over = NOT_HELD if _removed(store, name) else f"it could not be read ({error})"
        found.damaged = isinstance(error, StoreDamaged) and found.passed_over != NOT_HELD
        return found
    finally:
        store.close()
    return found


def undecided_in_report(doc: Assessment, report: ScreeningReport) -> UndecidedHits:
    """:func:`undecided_hits` read from a screening already made (the Screening tab's, when
    it is current for the document: the same list, as imported, and counterparties),
    searching nothing again; the decisions are the document's now."""
    found = UndecidedHits(report.list_name)
    for project in report.projects:
        for item in project.counterparties:
            for hit in item.hits:
                decision = doc.screening.decision(
                    project.project_id, item.counterparty, hit.entry_id, report.list_name
                )
                if decision is None:
                    found.hits.append((project.project_id, item.counterparty, hit))
    return found


def current_for(doc: Assessment, report: ScreeningReport) -> bool:
    """Whether a screening made earlier (the Screening tab's) still gives the document's hits:
    of the list the document records (the bundled one when it records none), as this
    computer's store holds it now (the same import: its as-of date, source and entries; a
    list imported again under its name is another), and of the same projects and
    counterparties, each spelt as screened. Reads the store's list of lists only."""
    from rrisk.screening.store import ListStore, store_exists

    screened = [
        (project.project_id, [item.counterparty for item in project.counterparties])
        for project in report.projects
    ]
    if screened != [(project.id, list(project.counterparties)) for project in doc.projects]:
        return False
    if report.version is None:
        return False
    if not records_imported_list(doc):
        bundled = bundled_list()
        return same_list(report.list_name, bundled.name) and report.list_as_of == bundled.as_of
    if not same_list(report.list_name, doc.screening.list_name) or not store_exists():
        return False
    try:
        with ListStore(reindex=False) as store:
            return list_version(store, report.list_name) == report.version
    except (ListImportError, sqlite3.Error):
        return False


def list_version(store: ListStore, list_name: str) -> tuple[str, str, int, str] | None:
    """What tells one import of a list from another: its as-of date, source, number of
    entries and the digest of its entries (None: not in the store). A list whose entries
    changed under the same name, date, source and size is another version; one imported by
    a release that kept no digest is told by the rest alone, until it is imported again."""
    info = store.info(list_name)
    return (info.as_of, info.source, info.entries, info.digest) if info is not None else None


def _removed(store: ListStore, name: str) -> bool:
    """Whether the list is no longer in the store (removed while it was screened)."""
    try:
        return store.info(name) is None
    except (ListImportError, sqlite3.Error):
        return False


def confirmed_count(doc: Assessment) -> int:
    return sum(1 for item in doc.screening.decisions if item.decision == CONFIRMED)
