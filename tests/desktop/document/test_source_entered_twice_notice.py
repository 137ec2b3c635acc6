"""A source given the URL of another, or its title, publisher and date, is said on the status
bar (not refused: two editions may share them), as ``rrisk check`` names the pair."""

from __future__ import annotations

from results_fixtures import ranked_document

from desktop.document.controller import DocumentController


def _controller() -> tuple[DocumentController, list[str]]:
    controller = DocumentController(ranked_document())
    noticed: list[str] = []
    controller.noticed.connect(noticed.append)
    return controller, noticed


def test_a_url_given_again_is_said(qtbot):
    controller, noticed = _controller()
    first, second = controller.document.sources[:2]
    assert controller.edit_item("source", first.id, {"url": "https://www.Reuters.com/a/"})
    assert noticed == []
    assert controller.edit_item("source", second.id, {"url": "https://reuters.com/a"})
    assert noticed == [
        f"Same URL as source '{first.id}' “{first.title}”: one source entered twice is "
        "graded and listed twice; keep one, and cite it"
    ]
    assert controller.document.source(second.id).url == "https://reuters.com/a"  # kept


def test_a_source_added_with_the_title_publisher_and_date_of_another_is_said(qtbot):
    controller, noticed = _controller()
    first = controller.document.sources[0]
    added = {"id": "again", "title": first.title.upper(), "publisher": first.publisher,
             "date": first.date}  # fmt: skip
    assert controller.add_item("source", added)
    assert noticed == [
        f"Same title, publisher and date as source '{first.id}' “{first.title}”: one source "
        "entered twice is graded and listed twice; keep one, and cite it"
    ]


def test_an_edit_of_another_field_says_nothing(qtbot):
    controller, noticed = _controller()
    first, second = controller.document.sources[:2]
    controller.edit_item("source", first.id, {"url": "https://example.org/x"})
    controller.edit_item("source", second.id, {"url": "https://example.org/x"})
    noticed.clear()
    assert controller.edit_item("source", second.id, {"bias_note": "State-owned"})
    assert noticed == []
