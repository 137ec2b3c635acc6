"""An edit of a project's counterparties that leaves a confirmed hit behind lifts the red
line it made: the ranking moves, and the analyst is told why."""

from __future__ import annotations

from desktop.document.controller import DocumentController
from rrisk.model import parse_assessment
from rrisk.screening.redlines import hit_red_lines


def _controller() -> DocumentController:
    decision = {
        "project": "mine",
        "counterparty": "Alrosa",
        "list_name": "watch",
        "entry_id": "e-alrosa",
        "entry_name": "Alrosa",
        "sanctions": ["US OFAC SDN - designated - 2022-04-07"],
        "decision": "confirmed",
    }
    return DocumentController(
        parse_assessment(
            {
                "title": "Diamonds",
                "criteria": [{"id": "c1", "name": "Sanctions", "category": "sanctions"}],
                "projects": [
                    {"id": "mine", "name": "Mine", "counterparties": ["Alrosa", "Acme"]},
                ],
                "screening": {"list_name": "watch", "decisions": [decision]},
            }
        )
    )


def test_renaming_a_confirmed_counterparty_says_its_red_line_no_longer_counts(qtbot) -> None:
    controller = _controller()
    said: list[str] = []
    controller.noticed.connect(said.append)
    assert [line.project for line in hit_red_lines(controller.document)] == ["mine"]
    assert controller.edit_item("project", "mine", {"counterparties": ["ALROSA  ", "Acme"]})
    assert controller.edit_item("project", "mine", {"counterparties": ["ALROSA", "Acme Ltd"]})
    assert said == []  # the same name in other case and spacing; another counterparty
    assert controller.edit_item("project", "mine", {"counterparties": ["Alrosa PJSC", "Acme"]})
    assert hit_red_lines(controller.document) == []
    assert len(said) == 1
    assert "“Alrosa” no longer excludes “Mine”" in said[0] and "Undo" in said[0]
    controller.undo_stack.undo()
    assert [line.project for line in hit_red_lines(controller.document)] == ["mine"]
