"""The check's warnings about what the memo would print: an empty ranking, names that cannot
be told apart, fields that print no figure, characters the memo's font cannot draw."""

from __future__ import annotations

from rrisk.check import WARNING, check_document
from rrisk.fields import NO_LEADER, FieldResolver
from rrisk.glyphs import fallback_coverage, memo_coverage, undrawable
from rrisk.model import parse_assessment
from rrisk.templates import new_from_template


def _warnings(document, scenario=None):  # noqa: ANN001, ANN202
    return [p for p in check_document(document, scenario) if p.severity == WARNING]


def _about(problems, words: str):  # noqa: ANN001, ANN202
    return [p for p in problems if words in p.message]


def test_no_projects_or_no_criteria_is_said_in_plain_words() -> None:
    empty = _warnings(parse_assessment({"as_of": "2025-01-01"}))
    places = {p.place: p.message for p in empty}
    assert "no projects" in places["projects"] and "ranking" in places["projects"]
    assert "no criteria" in places["criteria"] and "ranking" in places["criteria"]
    only_projects = parse_assessment({"projects": [{"id": "a", "name": "A"}]})
    found = {p.place for p in _warnings(only_projects)}
    assert "criteria" in found and "projects" not in found
    assert not _about(_warnings(new_from_template("russia-rare-earths")), "no projects")


def test_projects_and_criteria_with_the_same_name_name_both_ids() -> None:
    document = parse_assessment(
        {
            "criteria": [
                {"id": "cost", "name": "Cost"},
                {"id": "cost-2", "name": "COST "},
                {"id": "law", "name": "Law"},
            ],
            "projects": [
                {"id": "north", "name": "North  Mine"},
                {"id": "south", "name": "South Mine"},
                {"id": "north-2", "name": "north mine"},
                {"id": "north-3", "name": "ＮＯＲＴＨ\tMINE"},
            ],
        }
    )
    same = _about(_warnings(document), "the same name")
    assert len(same) == 2
    projects = next(p for p in same if p.place == "project 'north' “North Mine”")
    # Each id and the name said once (the line read "project 'north' “North Mine”: the
    # projects 'north', 'north-2' and 'north-3' have the same name “North  Mine”: …").
    assert projects.line() == (
        "warning: project 'north' “North Mine”: the projects 'north-2' and 'north-3' have the same "
        "name: the ranking and the memo would show rows that cannot be told apart; rename one"
    )
    criteria = next(p for p in same if p.place == "criterion 'cost' “Cost”")
    assert criteria.message.startswith("the criterion 'cost-2' has the same name: ")
    assert criteria.target == {"kind": "criterion", "id": "cost-2"}
    assert not _about(_warnings(new_from_template("russia-rare-earths")), "the same name")


def _all_red_lined():  # noqa: ANN202
    document = new_from_template("russia-rare-earths")
    first = document.criteria[0].id
    for project in document.projects:
        cell = document.cell(project.id, first)
        assert cell is not None
        cell.red_line, cell.red_line_reason = True, "Blocked"
    return document


def test_a_source_titled_with_invisible_characters_alone_is_named() -> None:
    document = new_from_template("russia-rare-earths")
    source = document.sources[1]
    source.title = "\u200b\u2060"
    said = [p for p in _warnings(document) if "prints nothing" in p.message]
    assert [(p.place, p.target) for p in said] == [
        (f"source '{source.id}'", {"kind": "source", "id": source.id})
    ]
    assert said[0].line() == (  # the id once (it was said in the place and the message)
        f"warning: source '{source.id}': its title prints nothing (only invisible characters); retitle it"
    )


def test_a_project_named_with_invisible_characters_alone_is_named_once() -> None:
    document = parse_assessment(
        {"projects": [{"id": "north", "name": "North"}, {"id": "blank", "name": "x"}]}
    )
    document.projects[1].name = "\u200b"  # (a file holding one opens)
    said = [p for p in _warnings(document) if "prints nothing" in p.message]
    assert [p.line() for p in said] == [
        "warning: project 'blank': its name prints nothing (only invisible characters); rename it"
    ]


def test_a_leader_field_with_no_ranked_project_is_named_and_printed_sensibly() -> None:
    document = _all_red_lined()
    document.summary = "{{leader}} leads at {{index:leader}}; {{count:ranked}} ranked."
    project = document.projects[0]
    project.description = "Behind {{name:leader}}."
    resolver = FieldResolver(document)
    assert resolver.resolve(document.summary, "summary") == f"{NO_LEADER} leads at —; 0 ranked."
    found = _about(_warnings(document), "no project is ranked")
    assert {(p.place, p.message.split("}}")[0] + "}}") for p in found} == {
        ("summary", "field {{leader}}"),
        ("summary", "field {{index:leader}}"),
        (f"description of project '{project.id}' “{project.name}”", "field {{name:leader}}"),
    }
    leader = next(p for p in found if p.message.startswith("field {{leader}}"))
    assert f"the memo prints “{NO_LEADER}” here" in leader.message
    assert leader.target == {"kind": "text", "key": "summary"}
    # With a ranked project the same text gives no such warning.
    ranked = new_from_template("russia-rare-earths")
    ranked.summary = document.summary
    assert not _about(_warnings(ranked), "prints")


def test_a_field_of_an_excluded_project_that_prints_no_figure_is_named() -> None:
    document = _all_red_lined()
    project = document.projects[1].id
    document.recommendation = f"It ranks {{{{rank:{project}}}}} with {{{{count:excluded}}}} out."
    found = _about(_warnings(document), "so the memo prints")
    assert [p.place for p in found if p.place == "recommendation"] == ["recommendation"]
    message = next(p.message for p in found if p.place == "recommendation")
    assert f"{{{{rank:{project}}}}}" in message and "has no rank" in message


def test_characters_the_memo_font_cannot_draw_are_named_with_field_and_item() -> None:
    document = new_from_template("russia-rare-earths")
    assert not _about(_warnings(document), "cannot draw")  # Cyrillic, ×, ≥ are drawn
    project, criterion, source = document.projects[0], document.criteria[1], document.sources[0]
    project.name += " 🚀"
    # Chinese, Japanese and Korean print in the fallback font: only what it lacks is named
    # (㐀-㐂, rare ideographs of Extension A).
    project.counterparties.append("中国稀土集团 㐀")
    criterion.description += " 🦄"
    source.title += " 😀🛰"
    document.title += " 日本 㐁"
    cell = document.cell(project.id, criterion.id)
    assert cell is not None
    cell.evidence[0].quote += " 漢 한국 㐂"
    document.scenarios[0].name += " ✅"
    problems = _about(_warnings(document), "cannot draw")
    by_place = {p.place: p for p in problems}
    assert by_place["title"].target == {"kind": "document", "field": "title"}
    assert "“㐁” (U+3401)" in by_place["title"].message
    assert "U+65E5" not in by_place["title"].message
    about_project = [p for p in problems if p.place == f"project '{project.id}' “{project.name}”"]
    item = next(p for p in about_project if p.target["kind"] == "project")
    assert "in name and counterparties" in item.message and "“🚀” (U+1F680)" in item.message
    assert "“㐀” (U+3400)" in item.message and "U+4E2D" not in item.message
    cells = next(p for p in about_project if p.target["kind"] == "cell")
    assert criterion.name in cells.message and "evidence quote" in cells.message
    assert "“㐂” (U+3402)" in cells.message and "U+6F22" not in cells.message
    assert "description" in by_place[f"criterion '{criterion.id}' “{criterion.name}”"].message
    source_problem = by_place[f"source '{source.id}' “{source.title}”"].message
    assert "in title" in source_problem and "🛰" in source_problem
    # 😀 is in the font (DejaVu draws it): only what the font lacks is named.
    assert "U+1F600" not in source_problem
    assert f"scenario '{document.scenarios[0].id}' “{document.scenarios[0].name}”" in by_place


def test_chinese_japanese_and_korean_names_are_not_warned_of() -> None:
    document = new_from_template("russia-rare-earths")
    project = document.projects[0]
    project.name = "包头稀土 Baotou"
    project.counterparties = ["中国北方稀土集团", "株式会社双日", "포스코인터내셔널"]
    document.criteria[0].name = "制裁风险 제재"
    document.sources[0].title = "新华社报道 日本経済新聞"
    cell = document.cell(project.id, document.criteria[0].id)
    assert cell is not None
    cell.rationale = "合资方为国有企业；한국 파트너 검토 중"
    document.summary += " 中国 🚀"
    warned = _about(_warnings(document), "cannot draw")
    assert [p.place for p in warned] == ["summary"]
    assert "“🚀” (U+1F680)" in warned[0].message and "U+4E2D" not in warned[0].message


def test_a_sources_notes_which_the_memo_does_not_print_are_not_warned_of() -> None:
    """A source's notes are the analyst's own: the memo prints its title, author, URL,
    publisher, date, grade and bias note, not its notes."""
    document = new_from_template("russia-rare-earths")
    source = document.sources[0]
    source.notes = "Checked against 🛰 wire {{index:leader}}"
    assert not [
        p for p in _warnings(document) if p.place == f"source '{source.id}' “{source.title}”"
    ]
    source.bias_note = "State 🛰 {{index:leader}}"
    said = [
        p.message
        for p in _warnings(document)
        if p.place == f"source '{source.id}' “{source.title}”"
    ]
    assert len(said) == 2
    assert "in bias note;" in said[0] or "in bias note;" in said[1]
    assert any(message.startswith("the bias note holds a field") for message in said)


def test_coverage_comes_from_the_font() -> None:
    coverage = memo_coverage()
    assert ord("Ж") in coverage and ord("Ω") in coverage and ord("€") in coverage
    assert ord("中") not in coverage
    assert undrawable("Томтор R&D\n\tΣ ≥ 25") == ""
    # Chinese, Japanese and Korean print in the fallback font, read from its file too.
    assert ord("中") in fallback_coverage() and ord("한") in fallback_coverage()
    assert undrawable("a 中 b 中 🚀") == "🚀"
    assert undrawable("稀土 カタカナ ひらがな 한국어 ＡＢ") == ""
    assert undrawable("㐀 中") == "㐀"  # Extension A: the fallback has almost none
    # The ideographic space is printed as a space, as the memo's paragraphs and charts break
    # text at any white space: no box to warn of.
    assert ord("\u3000") not in coverage
    assert undrawable("Томтор\u3000(Якутия)") == ""


def test_a_rationale_longer_than_the_memo_prints_is_a_warning() -> None:
    from rrisk.check import WARNING
    from rrisk.limits import MEMO_CELL_TEXT

    document = new_from_template("russia-rare-earths")
    cell = document.cell("tomtor", "sanctions")
    assert cell is not None
    cell.rationale = "word " * (MEMO_CELL_TEXT // 5 + 1)
    found = [p for p in check_document(document) if "characters" in p.message]
    assert [(p.severity, p.place) for p in found] == [
        (WARNING, "project 'tomtor' “Tomtor niobium–rare-earth deposit”")
    ]
    assert "Sanctions exposure" in found[0].message and "1,500" in found[0].message
    cell.rationale = "word " * (MEMO_CELL_TEXT // 5 - 1)
    assert not [p for p in check_document(document) if "characters" in p.message]


def test_right_to_left_text_prints_and_only_what_the_font_lacks_is_warned_of() -> None:
    """Hebrew and Arabic print joined and right to left (reports.rtl): no warning; an Arabic
    letter the font lacks (alef wasla) and Syriac still print as boxes, and are said so."""
    document = new_from_template("russia-rare-earths")
    document.projects[0].name = "שלום Tomtor"
    document.projects[1].name = "مرحبا Seligdar"
    document.cell("chuktukon", "sanctions").rationale = "Hebrew note: שלום"
    assert not [p for p in _warnings(document) if "U+05" in p.message or "U+06" in p.message]
    assert not _about(_warnings(document), "reversed")
    document.projects[1].name = "مرحبا ٱلعربية Seligdar"
    document.cell("chuktukon", "sanctions").rationale = "Syriac note: ܐܒ"
    warnings = [p for p in _warnings(document) if "empty boxes" in p.message]
    assert [p.place for p in warnings] == [
        "project 'seligdar' “مرحبا ٱلعربية Seligdar”",
        "project 'chuktukon' “Chuktukon rare-earth–niobium deposit”",
    ]
    assert "“ٱ” (U+0671)" in warnings[0].message and "U+0645" not in warnings[0].message
    assert "“ܐ” (U+0710), “ܒ” (U+0712)" in warnings[1].message


def test_the_word_memos_charts_are_named_only_for_the_characters_their_names_hold() -> None:
    """Before the format is chosen, a project whose name holds an emoji and whose description
    another: the name's is drawn as a box in the Word memo's charts too, the description's is
    Word's to set. Hebrew in the name is drawn, and not warned of."""
    document = new_from_template("russia-rare-earths")
    document.projects[0].name += " שלום 🛰"
    document.projects[0].description += " 🚀"
    (warning,) = [p for p in _warnings(document) if p.target == {"kind": "project", "id": "tomtor"}]
    assert "“🛰” (U+1F6F0), “🚀” (U+1F680) in name and description" in warning.message
    assert warning.message.endswith(
        "they would print as empty boxes in the PDF, and for the name in the Word memo's charts too"
    )
    assert "U+05" not in warning.message and "reversed" not in warning.message


def test_names_of_the_earlier_version_alone_are_checked_for_a_memo_with_changes_since() -> None:
    """A project removed since, or a criterion's old name, printed in Changes since, went
    unchecked: its emoji printed as an empty box without a warning."""
    from rrisk.check import check_document
    from rrisk.model import Project
    from rrisk.templates import new_from_template

    document = new_from_template("russia-rare-earths")
    since = document.model_copy(deep=True)
    since.projects.append(Project(id="gone", name="Mine 🚀 East"))
    since.criteria[0].name = "Cost 🚀"
    found = [
        p.line() for p in check_document(document, since=since) if "earlier version" in p.place
    ]
    assert found == [
        "warning: earlier version, project 'gone' “Mine 🚀 East” (removed since): printed in "
        "Changes since: the PDF memo's fonts cannot draw “🚀” (U+1F680) in name; they would "
        "print as empty boxes (the Word memo's text is in Word's fonts)",
        f"warning: earlier version, criterion '{since.criteria[0].id}' “Cost 🚀” (renamed since): "
        "printed in Changes since: the PDF memo's fonts cannot draw “🚀” (U+1F680) "
        "in name; they would print as empty boxes (the Word memo's text is in Word's fonts)",
    ]
    assert not [
        p for p in check_document(document, memo_format="docx", since=since) if "earlier" in p.place
    ]
    assert not [p for p in check_document(document) if "earlier" in p.place]
    # The assessment's own title, printed as "title Old → New", is the earlier version's too.
    since.title = "Rare earths 🚀"
    (titled,) = [p.line() for p in check_document(document, since=since) if "title" in p.place]
    assert titled == (
        "warning: earlier version, title (changed since): “Rare earths 🚀”, printed in Changes "
        "since: the PDF memo's fonts cannot draw “🚀” (U+1F680) in title; they would print as "
        "empty boxes (the Word memo's text is in Word's fonts)"
    )
    since.title = document.title
    # A name both versions hold is the open document's to warn of, once.
    since.criteria[0].name = document.criteria[0].name
    since.projects.pop()
    assert not [p for p in check_document(document, since=since) if "earlier" in p.place]
