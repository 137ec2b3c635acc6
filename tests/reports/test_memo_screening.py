"""The memo's screening section says when a hit decision no longer counts."""

from __future__ import annotations

from pdfread import ReadMemo

from reports.memo import build_memo
from rrisk.model import parse_assessment
from rrisk.templates import new_from_template


def test_a_decision_on_a_removed_counterparty_is_printed_as_left_over() -> None:
    doc = new_from_template("russia-rare-earths")
    projects = [
        p.model_copy(update={"counterparties": ["Vostok Engineering"]}) if p.id == "tomtor" else p
        for p in doc.projects
    ]
    memo = ReadMemo(build_memo(doc.model_copy(update={"projects": projects})))
    section = memo.text[memo.text.index("Hits and decisions") :]
    rosneft = section[section.index("Rosneft") : section.index("Rosneft") + 400]
    assert "left over" in rosneft
    assert "the project no longer names this counterparty" in section
    assert "Confirmed: red line" not in section  # it was the only one
    assert "Confirmed: no red line" in section  # the other decisions print as before


def _overridden(region: str | None = None):
    from rrisk.screening.decisions import TerritoryOverride

    doc = new_from_template("russia-rare-earths")
    doc.screening.territory_overrides.append(
        TerritoryOverride(
            project="zaporizhzhia-occupied",
            territory="zaporizhzhia",
            justification="Site verified outside the occupied line",
        )
    )
    if region is not None:
        doc.projects = [
            p.model_copy(update={"region": region}) if p.id == "zaporizhzhia-occupied" else p
            for p in doc.projects
        ]
    return " ".join(ReadMemo(build_memo(doc)).text.split())


def test_a_territory_rule_set_aside_is_printed_with_the_territorys_name() -> None:
    text = _overridden()
    assert "Territory rules set aside." in text
    assert "(Zaporizhzhia oblast (non-government-controlled areas)): Site verified" in text
    # The territory column holds its longest word whole.
    assert "non-government-controlled" in text.replace("- ", "-")


def test_an_override_the_region_no_longer_triggers_is_not_printed_as_setting_a_rule_aside() -> None:
    text = _overridden(region="Texas, USA")
    assert "Territory rules set aside." not in text
    assert "Site verified outside the occupied line" not in text


def test_a_decision_that_records_no_score_or_matched_name_prints_neither() -> None:
    """A decision typed into the file may leave out its score and the name it matched (both
    optional): the memo prints the entry without a "(0.00)" score or an empty "matched"."""
    from rrisk.screening.decisions import HitDecision

    doc = new_from_template("russia-rare-earths")
    doc.screening.decisions = [
        HitDecision(
            project="tomtor",
            counterparty="Rosneft",
            list_name=doc.screening.list_name,
            entry_id="rrisk-rosneft",
            decision="confirmed",
            note="Operator's owner",
        )
    ]
    memo = ReadMemo(build_memo(doc))
    section = memo.text[memo.text.index("Hits and decisions") :]
    entry = section[section.index("rrisk-rosneft") :][:120]
    assert "(0.00)" not in entry and "matched “”" not in entry and "matched" not in entry


def test_a_decision_made_on_another_list_names_its_list() -> None:
    """The section names the list recorded last; a hit decided on another list (an analyst
    screens against two) says which, where it read as an entry of the list named above."""
    from rrisk.screening.decisions import HitDecision

    doc = new_from_template("russia-rare-earths")
    doc.screening.decisions.append(
        HitDecision(
            project="tomtor",
            counterparty="Rosneft",
            list_name="eu-consolidated",
            entry_id="eu-4711",
            entry_name="Rosneft Oil Company",
            matched_name="Rosneft",
            score=1.0,
            sanctions=["EU Council Reg. 269/2014 - asset freeze - 2025-10-23"],
            decision="confirmed",
        )
    )
    memo = ReadMemo(build_memo(doc))
    text = memo.text[memo.text.index("Hits and decisions") :]
    section = " ".join(text[: text.index("Territory rules")].split())
    assert "eu-4711 on eu-consolidated; matched “Rosneft”" in section
    assert f"rrisk-rosneft on {doc.screening.list_name}" not in section  # the list named above


def test_a_project_placed_by_its_country_alone_prints_the_country_in_the_territory_rules() -> None:
    """Only the country names Crimea: the territory rules printed the project's name over an
    empty region, with nothing to say what placed it there."""
    doc = new_from_template("russia-rare-earths")
    doc.projects = [
        p.model_copy(update={"region": "", "country": "Crimea"})
        if p.id == "allied-separation-plant"
        else p
        for p in doc.projects
    ]
    text = " ".join(ReadMemo(build_memo(doc)).text.split())
    section = text[text.rindex("Territory rules") :]
    assert "Country: Crimea" in section
    # A region that names the territory itself is printed alone, as before.
    assert "Country: Ukraine (occupied by Russia)" not in section


def test_the_hits_table_says_what_the_score_beside_an_entry_means() -> None:
    """A committee member reads "Rusal (0.85)" beside a dismissed hit: the section says the
    figure is how closely the names match and where a hit begins (it printed the scores with
    no word of what they were); a table of decisions without scores says nothing of them."""
    from rrisk.screening.names import HIT_THRESHOLD

    doc = new_from_template("russia-rare-earths")
    memo = ReadMemo(build_memo(doc))
    text = memo.text[memo.text.index("Hits and decisions") :]
    section = " ".join(text[: text.index("Project / counterparty")].split())
    assert "The score beside a list entry says how closely the names match" in section
    assert f"down to {HIT_THRESHOLD:.2f}, the least that counts as a hit" in section
    assert "(0.85)" in " ".join(text.split())

    for decision in doc.screening.decisions:
        decision.score = 0.0
    unscored = ReadMemo(build_memo(doc)).text
    assert "The score beside a list entry" not in unscored


def test_the_territory_rules_say_the_table_is_silent_on_the_places_it_does_not_hold() -> None:
    """Projects in Abkhazia, Transnistria or northern Cyprus got no line and no word: a reader
    took the table's silence for a clearance. The memo says how many regions name none of its
    territories, that the table holds no other occupied area, and which scripts it reads."""
    document = parse_assessment(
        {
            "criteria": [{"id": "c", "name": "Ethics"}],
            "projects": [
                {"id": "g", "name": "Glubokoye", "region": "ყირიმი", "country": "Ukraine"},
                {"id": "t", "name": "Tkvarcheli coal", "region": "Abkhazia", "country": "Georgia"},
                {"id": "l", "name": "Lefke", "region": "northern Cyprus", "country": "Cyprus"},
            ],
        }
    )
    text = ReadMemo(build_memo(document)).text
    section = text[text.index("Territory rules") :]
    section = section[: section.index("Page ")]  # its page alone
    assert "The regions of 2 of the 3 projects name none of these territories." in section
    assert "silent, not a clearance" in section
    assert "other common spellings and scripts" in section
    assert "Glubokoye" in section and "Tkvarcheli coal" not in section
