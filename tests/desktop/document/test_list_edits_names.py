"""A name another item of its kind already has (in any case or spacing) is said, not refused."""

from __future__ import annotations

from desktop_documents import make_document

from desktop.document.controller import DocumentController


def test_a_second_item_of_one_name_is_noticed_but_kept(qtbot) -> None:
    controller = DocumentController(make_document())
    said: list[str] = []
    controller.noticed.connect(said.append)
    assert controller.add_item("project", {"name": "project  0"})
    assert len(said) == 1 and "Another project is also named “Project 0”" in said[0]
    assert [p.name for p in controller.document.projects][-1] == "project  0"
    assert controller.add_item("project", {"name": "Project 9"})
    assert len(said) == 1
    assert controller.edit_item("criterion", "c1", {"name": "CRITERION 2"})
    assert len(said) == 2 and "criterion" in said[1]
    assert controller.edit_item("criterion", "c1", {"weight": 3.0})  # the name is unchanged
    assert len(said) == 2


def test_a_name_of_invisible_characters_is_refused_but_a_file_holding_one_opens(qtbot) -> None:
    """A zero-width space or a Hangul filler prints as nothing: the app does not give such a
    name, but a file saved with one (valid then) still opens, and the check names it."""
    from rrisk.check import check_document
    from rrisk.model import parse_assessment

    controller = DocumentController(make_document())
    refused: list[str] = []
    controller.errorOccurred.connect(refused.append)
    for name in ("\u200b", " \u00ad\u2060 ", "\u3164", "\u2800"):
        assert not controller.add_item("project", {"name": name})
        assert not controller.edit_item("criterion", "c1", {"name": name})
    assert len(refused) == 8 and all("print as nothing" in message for message in refused)
    assert controller.undo_stack.count() == 0
    document = parse_assessment({"projects": [{"id": "a", "name": "\u200b"}]})
    problems = [p.message for p in check_document(document)]
    assert any("prints nothing" in message for message in problems), problems


def test_a_source_title_of_invisible_characters_is_refused(qtbot) -> None:
    """A source titled with a zero-width space alone (typed in the evidence picker, or in
    Editors → Sources) printed as nothing in the evidence list, the picker and the memo."""
    controller = DocumentController(make_document())
    refused: list[str] = []
    controller.errorOccurred.connect(refused.append)
    assert not controller.add_item("source", {"title": "\u200b"})
    assert not controller.edit_item("source", "s0", {"title": " \u2060 "})
    title = controller.document.sources[0].title
    assert refused == [
        "new source: Title: is blank: give a title that shows (invisible characters alone "
        "print as nothing)",
        f"Source “{title}”: Title: is blank: give a title that shows (invisible characters "
        "alone print as nothing)",
    ]
    assert controller.undo_stack.count() == 0
    assert controller.edit_item("source", "s0", {"publisher": "Interfax"})  # title unchanged


def test_a_blank_source_title_is_said_as_the_title_the_form_shows(qtbot) -> None:
    """A source's title left empty or blank (Editors → Sources, "New source…") was refused
    with "give it a name" and "give a name that shows", under a field the form calls Title."""
    controller = DocumentController(make_document())
    refused: list[str] = []
    controller.errorOccurred.connect(refused.append)
    title = controller.document.sources[0].title
    assert not controller.edit_item("source", "s0", {"title": ""})
    assert not controller.edit_item("source", "s0", {"title": "   "})
    assert not controller.add_item("source", {"title": ""})
    assert not controller.add_item("source", {"title": "  "})
    assert refused == [
        f"Source “{title}”: Title: is empty: give it a title",
        f"Source “{title}”: Title: is blank: give a title that shows (spaces alone print as "
        "nothing)",
        "new source: Title: is empty: give it a title",
        "new source: Title: is blank: give a title that shows (spaces alone print as nothing)",
    ]
    assert all("name" not in message.split(":", 1)[1] for message in refused)
    # The other kinds' field is called Name, and said so.
    assert not controller.edit_item("criterion", "c1", {"name": ""})
    assert refused[-1].endswith("Name: is empty: give it a name")


def test_a_blank_title_is_worded_from_the_model_s_one_wording(qtbot, monkeypatch) -> None:
    """The refusal of a blank title and "New source…"'s line were each the model's words
    typed again (one by string replacement): a change of the model's wording left them
    behind. Both now take it from rrisk.messages, the field's word put in."""
    from desktop.matrix.evidence_editor import EMPTY_TITLE
    from rrisk import messages

    controller = DocumentController(make_document())
    refused: list[str] = []
    controller.errorOccurred.connect(refused.append)
    assert not controller.add_item("source", {"title": ""})
    assert refused[-1] == f"new source: {EMPTY_TITLE}"
    monkeypatch.setitem(messages.NAME_NOUNS, "title", "heading")  # another word for the field
    assert not controller.add_item("source", {"title": ""})
    assert not controller.add_item("source", {"title": "  "})
    assert refused[-2:] == [
        "new source: Title: is empty: give it a heading",
        "new source: Title: is blank: give a heading that shows (spaces alone print as nothing)",
    ]


def test_the_notice_folds_names_as_the_check_does(qtbot) -> None:
    controller = DocumentController(make_document())
    said: list[str] = []
    controller.noticed.connect(said.append)
    assert controller.add_item("project", {"name": "ＰＲＯＪＥＣＴ 1"})  # full-width letters
    assert len(said) == 1 and "Project 1" in said[0]


def test_an_item_past_a_limit_a_file_holds_is_refused_when_added(qtbot) -> None:
    """A 201st criterion was added, and the document could then not be saved (nor reopened,
    before saving checked the limits)."""
    from rrisk.model import parse_assessment

    criteria = [{"id": f"c{n}", "name": f"C{n}"} for n in range(200)]
    projects = [{"id": f"p{n}", "name": f"P{n}"} for n in range(1_000)]
    controller = DocumentController(parse_assessment({"criteria": criteria, "projects": projects}))
    refused: list[str] = []
    controller.errorOccurred.connect(refused.append)
    assert not controller.add_item("criterion", {"name": "One more"})
    assert not controller.add_item("project", {"name": "One more"})
    assert refused == [
        "New criterion not added: with it the assessment has 201 criteria; at most 200 are "
        "allowed in a file",
        "New project not added: with it the assessment has 1,001 projects × 200 criteria = "
        "200,200 cells; at most 200,000 are allowed in a file",
    ]
    assert controller.undo_stack.count() == 0
    assert controller.add_item("source", {"title": "A source"})


def test_a_source_or_scenario_past_its_limit_is_refused_in_the_words_of_a_file(qtbot) -> None:
    """The editors and the file's check word the limits on sources and scenarios alike."""
    from rrisk.limits import MAX_SCENARIOS, MAX_SOURCES, body_problem
    from rrisk.model import parse_assessment

    sources = [{"id": f"s{n}", "title": f"S{n}"} for n in range(MAX_SOURCES)]
    scenarios = [{"id": f"x{n}", "name": f"X{n}"} for n in range(MAX_SCENARIOS)]
    body = {"sources": sources, "scenarios": scenarios}
    controller = DocumentController(parse_assessment(body))
    refused: list[str] = []
    controller.errorOccurred.connect(refused.append)
    assert not controller.add_item("source", {"title": "One more"})
    assert not controller.add_item("scenario", {"name": "One more"})
    in_file = [
        body_problem({"sources": [*sources, {}]}),
        body_problem({"scenarios": [*scenarios, {}]}),
    ]
    assert in_file == [
        "has 20,001 sources; at most 20,000 are allowed",
        "has 201 scenarios; at most 200 are allowed",
    ]
    assert refused == [
        f"New source not added: with it the assessment {in_file[0]} in a file",
        f"New scenario not added: with it the assessment {in_file[1]} in a file",
    ]
    assert controller.undo_stack.count() == 0
