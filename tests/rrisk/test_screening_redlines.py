"""A confirmed hit is a red line only while the project still names that counterparty."""

from __future__ import annotations

from rrisk.check import check_document
from rrisk.scoring import score
from rrisk.templates import new_from_template

ALLIED = (  # the comparator's place in the check's messages: its id, then its name
    "project 'allied-separation-plant' “Allied-country REE separation plant (comparator)”"
)


def _tomtor(doc):
    return next(p for p in doc.projects if p.id == "tomtor")


def _status(doc, project_id: str) -> str:
    row = [p.id for p in doc.projects].index(project_id)
    return score(doc).status(row)


def _with_counterparties(doc, project_id: str, counterparties: list[str]):
    projects = [
        p.model_copy(update={"counterparties": counterparties}) if p.id == project_id else p
        for p in doc.projects
    ]
    return doc.model_copy(update={"projects": projects})


def _left_over(doc) -> list[str]:
    return [p.message for p in check_document(doc) if "left over" in p.message]


def test_the_confirmed_hit_excludes_while_the_counterparty_is_named() -> None:
    doc = new_from_template("russia-rare-earths")
    assert "Rosneft" in _tomtor(doc).counterparties
    assert _status(doc, "tomtor") == "excluded"
    assert _left_over(doc) == []


def test_removing_the_counterparty_lifts_the_red_line_and_check_names_the_left_over() -> None:
    doc = new_from_template("russia-rare-earths")
    doc = _with_counterparties(doc, "tomtor", ["Vostok Engineering"])
    assert _status(doc, "tomtor") == "ranked"
    (message,) = _left_over(doc)
    assert "Rosneft" in message and "confirmed" in message


def test_renaming_the_counterparty_leaves_the_old_decision_behind() -> None:
    doc = new_from_template("russia-rare-earths")
    doc = _with_counterparties(doc, "tomtor", ["PJSC Rosneft", "Vostok Engineering"])
    assert _status(doc, "tomtor") == "ranked"  # until the analyst decides on the new name
    assert len(_left_over(doc)) == 1


def test_a_decision_holds_for_its_counterparty_whatever_the_unicode_form_of_an_accent() -> None:
    """Hit decided as 'Rosnéft' (é typed whole) and the project's counterparty the same name
    with e and an accent (a paste from another program): one name on screen, yet the red
    line was lifted and the decision named left over."""
    import unicodedata

    doc = new_from_template("russia-rare-earths")
    decisions = [
        item.model_copy(update={"counterparty": "Rosnéft"})
        if item.counterparty == "Rosneft"
        else item
        for item in doc.screening.decisions
    ]
    doc.screening = doc.screening.model_copy(update={"decisions": decisions})
    decomposed = unicodedata.normalize("NFD", "Rosnéft")
    doc = _with_counterparties(doc, "tomtor", [decomposed, "Vostok Engineering"])
    assert _status(doc, "tomtor") == "excluded"
    assert _left_over(doc) == []


def test_rrisk_screen_lists_the_decision_left_over_as_the_memo_prints_it(capsys) -> None:
    """rrisk screen printed every decided hit but the left-over one: the memo and rrisk check
    named it, the screening itself showed nothing of it."""
    from rrisk.screening.cli import _print_table
    from rrisk.screening.screen import bundled_store, screen_document

    doc = new_from_template("russia-rare-earths")
    doc = _with_counterparties(doc, "tomtor", ["PJSC Rosneft", "Vostok Engineering"])
    store, name, as_of = bundled_store()
    payload = screen_document(doc, store, name, as_of).as_dict(doc)
    store.close()
    projects = {project["id"]: project for project in payload["projects"]}
    (left,) = projects["tomtor"]["left_over"]
    assert left["counterparty"] == "Rosneft" and left["decision"] == "confirmed"
    assert all(not p["left_over"] for key, p in projects.items() if key != "tomtor")
    _print_table(payload)
    lines = [line for line in capsys.readouterr().out.splitlines() if "left over" in line]
    assert lines == [
        "  Rosneft → Rosneft [rrisk-rosneft] — confirmed, left over: the project no longer "
        "names this counterparty, so the decision counts for nothing"
    ]


def test_the_same_name_in_other_case_or_spacing_keeps_its_decision() -> None:
    doc = new_from_template("russia-rare-earths")
    for spelling in ("ROSNEFT", " rosneft ", "Rosneft"):
        others = [c for c in _tomtor(doc).counterparties if c != "Rosneft"]
        edited = _with_counterparties(doc, "tomtor", [spelling, *others])
        assert _status(edited, "tomtor") == "excluded", spelling
        assert _left_over(edited) == [], spelling
        decision = edited.screening.decisions[0]
        found = edited.screening.decision(
            decision.project, decision.counterparty.upper(), decision.entry_id
        )
        assert found is decision


def _confirm(
    doc,
    project_id: str,
    counterparty: str,
    sanctions: list[str],
    entry_name: str = "Vostok Engineering LLC",
):
    from rrisk.screening.decisions import HitDecision

    decision = HitDecision(
        project=project_id,
        counterparty=counterparty,
        list_name="partner-list",
        entry_id="p-1",
        entry_name=entry_name,
        matched_name="Vostok Engineering",
        score=1.0,
        sanctions=sanctions,
        decision="confirmed",
    )
    screening = doc.screening.model_copy(update={"decisions": [decision]})
    return doc.model_copy(update={"screening": screening})


def test_a_confirmed_hit_on_an_entry_without_programme_is_a_red_line_naming_the_list() -> None:
    from rrisk.screening.redlines import hit_red_lines

    doc = _with_counterparties(
        new_from_template("russia-rare-earths"), "tomtor", ["Vostok Engineering"]
    )
    assert _status(doc, "tomtor") == "ranked"
    doc = _confirm(doc, "tomtor", "Vostok Engineering", [])
    assert _status(doc, "tomtor") == "excluded"
    (line,) = hit_red_lines(doc)
    assert "partner-list" in line.reason and "no programme" in line.reason
    assert "partner-list" in line.basis and "not given" in line.basis


def test_a_confirmed_hit_whose_every_sanction_was_lifted_is_no_red_line() -> None:
    doc = _with_counterparties(
        new_from_template("russia-rare-earths"), "tomtor", ["Vostok Engineering"]
    )
    doc = _confirm(doc, "tomtor", "Vostok Engineering", ["US OFAC SDN - delisted - 2019-01-27"])
    assert _status(doc, "tomtor") == "ranked"


def _crimean_comparator(justification: str):
    from rrisk.screening.decisions import TerritoryOverride

    doc = new_from_template("russia-rare-earths")
    project = next(p for p in doc.projects if p.id == "allied-separation-plant")
    project.region, project.country = "Republic of Crimea", "Ukraine"
    doc.screening.territory_overrides = [
        TerritoryOverride(project=project.id, territory="crimea", justification=justification)
    ]
    return doc


def test_an_override_without_words_sets_nothing_aside_and_the_check_says_so() -> None:
    from rrisk.check import ERROR

    blank = _crimean_comparator(" \n ")
    assert _status(blank, "allied-separation-plant") == "excluded"
    assert blank.screening.override("allied-separation-plant", "crimea") is None
    assert blank.screening.recorded("allied-separation-plant", "crimea")  # written or not
    assert not blank.screening.recorded("allied-separation-plant", "donetsk")
    errors = [p for p in check_document(blank) if p.severity == ERROR]
    assert [p.place for p in errors] == [ALLIED]
    assert "Crimea" in errors[0].message and "no written justification" in errors[0].message
    written = _crimean_comparator("Site is a design office; nothing is built or bought there.")
    assert _status(written, "allied-separation-plant") == "ranked"
    assert not [p for p in check_document(written) if p.severity == ERROR]


def test_a_dismissal_without_a_note_is_an_error_of_the_check() -> None:
    from rrisk.check import ERROR

    doc = new_from_template("russia-rare-earths")
    decision = next(d for d in doc.screening.decisions if d.counterparty == "Rosneft")
    decision.decision, decision.note = "dismissed", "  "
    errors = [p for p in check_document(doc) if p.severity == ERROR]
    assert [p.place for p in errors] == ["project 'tomtor' “Tomtor niobium–rare-earth deposit”"]
    assert "Rosneft" in errors[0].message and "without a note" in errors[0].message
    decision.note = "Different company: the operator is Rosneft Deutschland's former unit."
    assert not [p for p in check_document(doc) if p.severity == ERROR]


def test_text_of_invisible_characters_is_no_written_reason() -> None:
    """A zero-width space (U+200B) or word joiner (U+2060) shows nothing: as a territory
    justification it set the red line aside, as a no-red-line reason it lifted a confirmed
    blocking hit, and as a dismissal note it passed the check; all with 0 errors."""
    from rrisk.check import ERROR

    invisible = "\u200b"
    blank = _crimean_comparator(invisible)
    assert _status(blank, "allied-separation-plant") == "excluded"
    assert blank.screening.override("allied-separation-plant", "crimea") is None
    assert [
        p.severity for p in check_document(blank) if "no written justification" in p.message
    ] == [ERROR]

    doc = new_from_template("russia-rare-earths")
    decision = next(d for d in doc.screening.decisions if d.counterparty == "Rosneft")
    decision.no_red_line_reason = "\u2060\u200b"
    assert _status(doc, "tomtor") == "excluded"

    doc = new_from_template("russia-rare-earths")
    decision = next(d for d in doc.screening.decisions if d.counterparty == "Rosneft")
    decision.decision, decision.note = "dismissed", invisible
    errors = [p for p in check_document(doc) if p.severity == ERROR]
    assert [p.place for p in errors] == [
        "project 'tomtor' “Tomtor niobium–rare-earth deposit”"
    ] and "without a note" in errors[0].message


def test_an_empty_justification_in_a_file_opens_and_the_check_names_it() -> None:
    """An empty one ("") refused the whole file with "is empty: give it a name"; a blank one
    opened and was named by the check. Both now open, set nothing aside, and are named."""
    from rrisk.check import ERROR
    from rrisk.model import assessment_to_data, parse_assessment

    body = assessment_to_data(_crimean_comparator(" "))
    body["screening"]["territory_overrides"][0]["justification"] = ""
    opened = parse_assessment(body)
    assert _status(opened, "allied-separation-plant") == "excluded"
    errors = [p for p in check_document(opened) if p.severity == ERROR]
    assert [p.place for p in errors] == [ALLIED]
    assert "no written justification" in errors[0].message


def test_a_confirmed_hit_names_the_entry_as_the_list_names_it() -> None:
    """The reason names the entry by its name on the list and the list by its name, as the
    memo's screening section does: it read "Vostok Engineering LLC (p-1 on partner-list)", an
    id a committee member finds nowhere, and "'Rosneft' is Rosneft" where the names are one."""
    from rrisk.screening.redlines import hit_red_lines

    doc = _with_counterparties(
        new_from_template("russia-rare-earths"), "tomtor", ["Vostok Engineering"]
    )
    named = hit_red_lines(_confirm(doc, "tomtor", "Vostok Engineering", ["EU"]))
    assert [line.reason for line in named] == [
        "Counterparty 'Vostok Engineering' is listed on partner-list as Vostok Engineering LLC, "
        "confirmed by the analyst"
    ]
    (same,) = hit_red_lines(
        _confirm(doc, "tomtor", "Vostok Engineering", ["EU"], entry_name="VOSTOK  engineering")
    )
    assert same.reason == (
        "Counterparty 'Vostok Engineering' is listed on partner-list, confirmed by the analyst"
    )
    # An entry recorded without its name (optional in the file) is named by its id once.
    (line,) = hit_red_lines(_confirm(doc, "tomtor", "Vostok Engineering", ["EU"], entry_name=""))
    assert line.reason == (
        "Counterparty 'Vostok Engineering' is listed on partner-list as entry p-1, "
        "confirmed by the analyst"
    )
    (bare,) = hit_red_lines(_confirm(doc, "tomtor", "Vostok Engineering", []))
    assert bare.reason == (
        "Counterparty 'Vostok Engineering' is listed on partner-list as Vostok Engineering LLC "
        "(the list gives no programme), confirmed by the analyst"
    )
    template = new_from_template("russia-rare-earths")
    (rosneft,) = hit_red_lines(template)
    assert rosneft.reason == (
        f"Counterparty 'Rosneft' is listed on {template.screening.list_name}, "
        "confirmed by the analyst"
    )


def test_two_entries_of_one_name_confirmed_for_one_counterparty_are_told_apart() -> None:
    """A list holding one name twice (two entries, two ids): both confirmed for 'Rosneft', the
    reasons read the same, "Counterparty 'Rosneft' is listed on rrisk-template", twice on the
    project page and in rrisk diff's appeared line; the entry's id tells them apart."""
    from rrisk.screening.redlines import hit_red_lines

    doc = new_from_template("russia-rare-earths")
    first = doc.screening.decisions[0]
    second = first.model_copy(
        update={"entry_id": "rrisk-rosneft-2", "entry_name": "ROSNEFT", "sanctions": ["SDN"]}
    )
    screening = doc.screening.model_copy(update={"decisions": [first, second]})
    lines = hit_red_lines(doc.model_copy(update={"screening": screening}))
    assert [line.reason for line in lines] == [
        f"Counterparty 'Rosneft' is listed on {first.list_name} (entry {entry}), confirmed by "
        "the analyst"
        for entry in ("rrisk-rosneft", "rrisk-rosneft-2")
    ]
    # One of them alone needs no id.
    (line,) = hit_red_lines(doc)
    assert "entry" not in line.reason


def test_a_confirmed_hit_recording_no_list_names_the_assessments_list() -> None:
    """A decision written into the file without its list's name is on the list the memo's
    screening section names (its table names no other beside the entry): the reason said
    "listed on the screening list", a list the memo names nowhere."""
    from rrisk.screening.redlines import hit_red_lines

    doc = new_from_template("russia-rare-earths")
    unnamed = doc.screening.decisions[0].model_copy(update={"list_name": ""})
    screening = doc.screening.model_copy(update={"decisions": [unnamed]})
    (line,) = hit_red_lines(doc.model_copy(update={"screening": screening}))
    assert line.reason == (
        "Counterparty 'Rosneft' is listed on rrisk-template, confirmed by the analyst"
    )
    # With no list recorded at all, it is the screening list.
    screening.list_name = ""
    (line,) = hit_red_lines(doc.model_copy(update={"screening": screening}))
    assert line.reason == (
        "Counterparty 'Rosneft' is listed on the screening list, confirmed by the analyst"
    )


def test_a_blank_override_of_a_rule_the_place_does_not_trigger_is_no_error() -> None:
    """A blank override on a project whose place no longer names the territory, or names it
    as a namesake, or of a territory the table lacks: the check said "the rule still
    applies", an error the Screening tab had no line to fix, while the project was ranked."""
    from rrisk.check import ERROR
    from rrisk.screening.decisions import TerritoryOverride

    doc = _crimean_comparator("")
    project = next(p for p in doc.projects if p.id == "allied-separation-plant")
    project.region, project.country = "Lviv oblast", "Ukraine"
    tomtor = _tomtor(doc)
    tomtor.region, tomtor.country = "Donetsk, Rostov oblast", "Russia"
    doc.screening.territory_overrides += [
        TerritoryOverride(project="tomtor", territory="donetsk", justification=" "),
        TerritoryOverride(project="seligdar", territory="atlantis", justification=""),
    ]
    assert _status(doc, "allied-separation-plant") == "ranked"
    assert not [p for p in check_document(doc) if "no written justification" in p.message]
    project.region = "Crimea"
    errors = [p for p in check_document(doc) if p.severity == ERROR]
    assert [p.place for p in errors] == [ALLIED]


def test_a_blank_override_beside_a_written_one_of_the_same_rule_is_no_error() -> None:
    """A file giving one rule two overrides, one written and one blank: the written one sets
    the rule aside and the project is ranked, yet the check said "the rule still applies"."""
    from rrisk.screening.decisions import TerritoryOverride

    doc = _crimean_comparator("Site is a design office; nothing is built or bought there.")
    doc.screening.territory_overrides.append(
        TerritoryOverride(project="allied-separation-plant", territory="crimea", justification="")
    )
    assert _status(doc, "allied-separation-plant") == "ranked"
    assert not [p for p in check_document(doc) if "no written justification" in p.message]


def test_an_override_that_sets_nothing_aside_is_a_warning_of_the_check() -> None:
    """A written override of a territory the project's place no longer names, or under an id
    the rules do not have ("Crimea" for "crimea"), had no effect and was never mentioned."""
    from rrisk.check import WARNING
    from rrisk.screening.decisions import TerritoryOverride

    written = "Site is a design office; nothing is built or bought there."
    doc = _crimean_comparator(written)
    assert not [p for p in check_document(doc) if "territory" in p.message]
    doc.screening.territory_overrides = [
        TerritoryOverride(
            project="allied-separation-plant", territory="Crimea", justification=written
        ),
        TerritoryOverride(project="tomtor", territory="crimea", justification=written),
        TerritoryOverride(project="seligdar", territory="atlantis", justification=written),
    ]
    assert _status(doc, "allied-separation-plant") == "excluded"
    found = {
        p.place: p.message
        for p in check_document(doc)
        if p.severity == WARNING and "override" in p.message
    }
    assert found == {
        ALLIED: (
            "the territory override names 'Crimea', not the rule's id 'crimea', so it sets "
            "nothing aside: the rule on Crimea (Autonomous Republic of Crimea) still applies"
        ),
        "project 'tomtor' “Tomtor niobium–rare-earth deposit”": (
            "the override of the territory rule on Crimea (Autonomous Republic of Crimea) is "
            "left over: the project's region and country do not name that territory, so it "
            "sets nothing aside"
        ),
        "project 'seligdar' “Seligdar apatite deposit (REE by-product)”": (
            "the territory override names 'atlantis', which is no territory of the rules (their "
            "ids: 'crimea', 'sevastopol', 'donetsk', 'luhansk', 'zaporizhzhia', 'kherson'), so "
            "it sets nothing aside"
        ),
    }
    # The same project's override under the rule's own id, written later, sets the rule
    # aside: the wrong id's warning no longer says the rule still applies.
    doc.screening.territory_overrides.append(
        TerritoryOverride(
            project="allied-separation-plant", territory="crimea", justification=written
        )
    )
    assert _status(doc, "allied-separation-plant") == "ranked"
    (said,) = [
        p.message for p in check_document(doc) if p.place == ALLIED and "override" in p.message
    ]
    assert said.endswith("is set aside by the override under its own id")


def test_undecided_hits_are_named_whatever_the_case_of_the_recorded_bundled_list() -> None:
    """The document records the bundled list spelt in other capitals: list names are one list
    whatever their case or spacing, yet the check passed over its undecided hits as if the
    list were an imported one it could not read."""
    doc = new_from_template("russia-rare-earths")
    doc.screening.decisions = []

    def undecided(list_name: str) -> int:
        doc.screening.list_name = list_name
        found = check_document(doc, screen=True)
        return sum("no decision is recorded" in p.message for p in found)

    named = undecided("rrisk-template")
    assert named > 0
    assert undecided(" RRisk-Template ") == named
    assert undecided("ofac") == 0  # an imported list: this machine cannot tell


def _store_with_liste_interne(tmp_path) -> None:
    """The list 'Liste interne' of one entry (Gécamines) imported into this computer's store."""
    from rrisk.screening.store import ListStore

    path = tmp_path / "liste.csv"
    path.write_text(
        '"id","schema","name","aliases","sanctions"\n'
        '"f-4","Company","La Générale des Carrières et des Mines","Gecamines SA",'
        '"Watch list - listed - 2024-01-01"\n',
        encoding="utf-8",
    )
    with ListStore() as store:
        store.import_file(path, "Liste interne", "2025-11-01")


def test_undecided_hits_on_an_imported_list_this_computer_holds_are_named(
    tmp_path, monkeypatch
) -> None:
    """A document screened against an imported list, one hit left pending: the memo names
    the list and prints only the decided hits, and the check, which passed over every
    imported list, said nothing of the one left."""
    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    doc = new_from_template("russia-rare-earths")
    doc.screening.decisions = []
    doc.screening.list_name = "Liste interne"
    doc = _with_counterparties(doc, "tomtor", ["Gécamines", "Vostok Engineering"])

    def undecided() -> list[str]:
        found = check_document(doc, screen=True)
        return [p.message for p in found if "no decision is recorded" in p.message]

    assert undecided() == []  # no list was ever imported here: nothing to tell
    _store_with_liste_interne(tmp_path)
    (said,) = undecided()
    assert "“Gécamines”" in said and "(f-4, score 1.00) on the list Liste interne" in said
    doc.screening.list_name = "eu-fsf"  # a colleague's list, not in this store
    assert undecided() == []


def _pending_on_a_stored_list(tmp_path, monkeypatch):
    """A document recording the imported list 'Liste interne', which this computer's store
    holds, one of its hits left pending; the store's file."""
    from rrisk.screening.store import STORE_FILE

    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    doc = new_from_template("russia-rare-earths")
    doc.screening.decisions = []
    doc.screening.list_name = "Liste interne"
    doc = _with_counterparties(doc, "tomtor", ["Gécamines"])
    _store_with_liste_interne(tmp_path)
    return doc, tmp_path / "data" / STORE_FILE


def _pending_said(doc) -> list[str]:
    return [p.message for p in check_document(doc, screen=True) if "no decision" in p.message]


def test_a_damaged_list_store_leaves_the_check_as_it_was(tmp_path, monkeypatch) -> None:
    """A store whose pages past the first are damaged opened, and the check before a memo
    (rrisk check, the app's export) ended in a traceback at its first search."""
    doc, stored = _pending_on_a_stored_list(tmp_path, monkeypatch)
    assert len(_pending_said(doc)) == 1
    data = bytearray(stored.read_bytes())
    data[4096:] = bytes((byte * 7 + 13) & 0xFF for byte in data[4096:])
    stored.write_bytes(bytes(data))
    assert _pending_said(doc) == []


def test_the_check_leaves_indexing_the_list_store_again_to_screening(tmp_path, monkeypatch) -> None:
    """After an update that indexes names otherwise, the check before a memo indexed the
    whole store again, up to a minute for a large list, on the app's GUI thread."""
    import sqlite3

    from rrisk.screening.store import ListStore

    doc, stored = _pending_on_a_stored_list(tmp_path, monkeypatch)
    with sqlite3.connect(stored) as db:  # as a store indexed by an earlier release reads
        db.execute("PRAGMA user_version = 1")
    db.close()
    assert _pending_said(doc) == []
    with ListStore(reindex=False) as store:
        assert store.needs_reindex()  # indexed where a search is started, as ever


def test_undecided_hits_pass_over_an_imported_list_removed_while_screened(
    tmp_path, monkeypatch
) -> None:
    """The list removed (`rrisk lists remove` in another window) between the check opening
    the store and searching it: the check carries on as where the list is not held, where
    the search's 'no list named' ended rrisk check with a traceback."""
    import rrisk.screening.screen as screen
    from rrisk.screening.store import remove_list

    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    _store_with_liste_interne(tmp_path)
    doc = new_from_template("russia-rare-earths")
    doc.screening.decisions = []
    doc.screening.list_name = "Liste interne"
    doc = _with_counterparties(doc, "tomtor", ["Gécamines"])
    searched = screen.search_counterparty

    def removed_first(store, list_name, name):
        remove_list("Liste interne")
        return searched(store, list_name, name)

    monkeypatch.setattr(screen, "search_counterparty", removed_first)
    found = check_document(doc, screen=True)
    assert not [p for p in found if "no decision is recorded" in p.message]


def test_a_damaged_list_store_is_said_not_raised(tmp_path, monkeypatch) -> None:
    """A store whose first page opens but whose tables are damaged (a disk error, a copy cut
    short): rrisk check passes over the list, and screening against it says the store cannot
    be opened (both ended with sqlite3's 'database disk image is malformed' traceback)."""
    import pytest

    from rrisk.screening.listfile import ListImportError
    from rrisk.screening.screen import open_list
    from rrisk.screening.store import STORE_FILE

    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    _store_with_liste_interne(tmp_path)
    store_file = tmp_path / "data" / STORE_FILE
    data = store_file.read_bytes()
    store_file.write_bytes(data[:4096] + b"\xff" * (len(data) - 4096))
    doc = new_from_template("russia-rare-earths")
    doc.screening.decisions = []
    doc.screening.list_name = "Liste interne"
    doc = _with_counterparties(doc, "tomtor", ["Gécamines"])
    found = check_document(doc, screen=True)
    assert not [p for p in found if "no decision is recorded" in p.message]
    with pytest.raises(ListImportError, match="the list store cannot be opened"):
        open_list("Liste interne")


def test_an_imported_list_the_check_passes_over_is_named_in_a_note(tmp_path, monkeypatch) -> None:
    """Not held here, still to be indexed again, damaged, or the check cancelled: the check
    said nothing of the list it had not looked at, which read as no hit pending."""
    import sqlite3

    from rrisk.check import NOTE
    from rrisk.screening.listfile import damaged_store_help
    from rrisk.screening.screen import undecided_hits

    doc, stored = _pending_on_a_stored_list(tmp_path, monkeypatch)

    def notes() -> list[str]:
        return [p.message for p in check_document(doc, screen=True) if p.severity == NOTE]

    assert notes() == []
    assert undecided_hits(doc, cancelled=lambda: True).passed_over == (
        "the check was cancelled before it had screened every counterparty against it"
    )
    doc.screening.list_name = "eu-fsf"
    assert notes() == [
        "the list eu-fsf was not checked for hits nobody has decided: this computer's list "
        "store does not hold it (imported on another computer, or removed)"
    ]
    doc.screening.list_name = "Liste interne"
    with sqlite3.connect(stored) as db:  # as a store indexed by an earlier release reads
        db.execute("PRAGMA user_version = 1")
    db.close()
    (said,) = notes()
    assert said.startswith("the list Liste interne was not checked for hits nobody has decided: ")
    assert "still to be indexed again after an update" in said
    data = bytearray(stored.read_bytes())
    data[4096:] = bytes((byte * 7 + 13) & 0xFF for byte in data[4096:])
    stored.write_bytes(bytes(data))
    (said,) = notes()  # (the command's check: what to do, in its words)
    assert said.endswith(
        ": the list store cannot be opened (database disk image is malformed); "
        + damaged_store_help(command_line=True)
    )
