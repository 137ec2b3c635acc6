"""A territory override justifies setting a rule aside for the place as it was written: an
edit that moves the project (region or country) removes it, in the same undo step, and says so."""

from __future__ import annotations

from desktop.document.controller import DocumentController
from rrisk.model import parse_assessment
from rrisk.screening.redlines import territory_red_lines


def _document():
    return parse_assessment(
        {
            "title": "Plants",
            "criteria": [{"id": "c1", "name": "Legality", "category": "ethics & legality"}],
            "projects": [
                {"id": "plant", "name": "Separation plant", "region": "Zaporizhzhia city"},
                {"id": "mill", "name": "Mill", "region": "Kherson oblast"},
            ],
        }
    )


def _overridden(qtbot) -> tuple[DocumentController, list[str]]:
    controller = DocumentController(_document())
    said: list[str] = []
    controller.noticed.connect(said.append)
    rules = {line.project: line.identity for line in territory_red_lines(controller.document)}
    assert set(rules) == {"plant", "mill"}
    for project, territory in rules.items():
        assert controller.override_territory(project, territory, "Government-controlled side")
    assert territory_red_lines(controller.document) == []
    return controller, said


def test_moving_the_project_removes_its_override_and_says_so(qtbot) -> None:
    controller, said = _overridden(qtbot)
    steps = controller.undo_stack.count()
    assert controller.edit_item(
        "project", "plant", {"region": "Enerhodar, Zaporizhzhia oblast (occupied since 2022)"}
    )
    assert controller.undo_stack.count() == steps + 1  # one step: the move and the removal
    lines = territory_red_lines(controller.document)
    assert [line.project for line in lines] == ["plant"]
    assert [o.project for o in controller.document.screening.territory_overrides] == ["mill"]
    assert len(said) == 1 and "Separation plant" in said[0] and "Undo" in said[0]
    controller.undo_stack.undo()
    assert territory_red_lines(controller.document) == []
    assert controller.document.project("plant").region == "Zaporizhzhia city"
    assert len(controller.document.screening.territory_overrides) == 2


def test_a_country_change_moves_it_too_but_case_spacing_and_other_fields_do_not(qtbot) -> None:
    controller, said = _overridden(qtbot)
    assert controller.edit_item("project", "plant", {"region": "  zaporizhzhia   CITY "})
    assert controller.edit_item("project", "plant", {"name": "Separation plant 2"})
    assert len(controller.document.screening.territory_overrides) == 2 and said == []
    assert controller.edit_item("project", "mill", {"country": "Ukraine"})
    assert [o.project for o in controller.document.screening.territory_overrides] == ["plant"]
    assert len(said) == 1 and "Mill" in said[0]
