"""On a large matrix the weight sensitivity is worked out off the GUI thread: an edit returns
at once, the figures shown are marked as being worked out, only the latest edit's result is
shown, and it is the one computing it at once would give."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.analysis.sensitivity import (
    BACKGROUND_CELLS,
    SensitivitySection,
    reversal_sentence,
    sensitivity_of,
)
from desktop.document.controller import DocumentController
from rrisk.analysis import reversal_range_text
from rrisk.model import parse_assessment


def _large(projects: int = 110, criteria: int = 40):
    rng = np.random.default_rng(3)
    assert projects * criteria > BACKGROUND_CELLS
    return parse_assessment(
        {
            "criteria": [
                {"id": f"c{j}", "name": f"C{j}", "weight": float(1 + j % 3)}
                for j in range(criteria)
            ],
            "projects": [{"id": f"p{i}", "name": f"P{i}"} for i in range(projects)],
            "cells": {
                f"p{i}": {
                    f"c{j}": {
                        "likelihood": int(rng.integers(1, 6)),
                        "impact": int(rng.integers(1, 6)),
                    }
                    for j in range(criteria)
                }
                for i in range(projects)
            },
        }
    )


def _expected(controller: DocumentController) -> str:
    found = sensitivity_of(controller.document, controller.scenario_id)
    names = {p.id: p.name for p in controller.document.projects}
    first = found.reversals[0] if found.reversals else None
    criteria = {c.id: c.name for c in controller.document.criteria}
    return reversal_sentence(
        names.get(found.top) if found.top else None,
        first,
        criteria.get(first.criterion, "") if first else "",
        names.get(first.new_top, "") if first else "",
        reversal_range_text(controller.result.matrix.weights),
    )


@pytest.fixture
def section(qtbot):
    controller = DocumentController(_large())
    widget = SensitivitySection(controller)
    qtbot.addWidget(widget)
    yield widget
    widget.shutdown()


def test_a_large_matrix_is_worked_out_in_the_background_and_the_latest_edit_wins(
    section, qtbot
) -> None:
    controller = section._controller
    section.show()
    assert section.working and "Working out" in section.reversal_label.text()
    qtbot.waitUntil(lambda: not section.working, timeout=60_000)
    assert section.reversal_label.text() == _expected(controller)
    # Two edits in a row: the window is not held up, and only the last one's figures show.
    assert controller.edit_cells([("p0", "c0")], {"likelihood": 1, "impact": 1})
    assert section.working and not section.chart.isEnabled()
    assert controller.edit_cells([("p1", "c1")], {"likelihood": 5, "impact": 5})
    qtbot.waitUntil(lambda: not section.working, timeout=60_000)
    assert section.chart.isEnabled()
    assert section.reversal_label.text() == _expected(controller)


def test_closing_stops_the_background_work(section, qtbot) -> None:
    section.show()
    qtbot.waitUntil(lambda: bool(section._jobs), timeout=5_000)
    section.shutdown()
    assert section._pool.activeThreadCount() == 0
    qtbot.waitUntil(lambda: not section._jobs, timeout=5_000)


def test_a_change_while_hidden_drops_the_job_under_way(section, qtbot) -> None:
    """The tab hidden mid-job and a project removed: the job's figures (of the document as it
    was) are never shown; shown again, the section works the sensitivity out anew."""
    controller = section._controller
    shown_for: list[tuple[int, int]] = []
    show = section._show

    def recording(found):  # noqa: ANN001 - a Sensitivity
        # The projects the figures are of, and those the window has as they are shown.
        shown_for.append((len(found.tornado.project_ids), len(controller.document.projects)))
        show(found)

    section._show = recording
    section.show()
    qtbot.waitUntil(lambda: bool(section._jobs), timeout=5_000)
    section.hide()
    assert controller.remove_item("project", "p0")
    qtbot.waitUntil(lambda: not section._jobs, timeout=60_000)
    assert section._dirty
    section.show()
    qtbot.waitUntil(lambda: not section.working, timeout=60_000)
    assert section.reversal_label.text() == _expected(controller)
    assert shown_for and all(of == has for of, has in shown_for)


def test_the_work_under_way_is_not_said_to_follow_an_edit(section, qtbot) -> None:
    """A file just opened was not edited: the line says what is being done (it spoke of "the
    edited assessment", as it did on a change of scenario)."""
    section.show()
    assert section.working
    assert section.reversal_label.text() == "Working out the weight sensitivity…"
    qtbot.waitUntil(lambda: not section.working, timeout=60_000)


def test_a_narrative_edit_leaves_the_sensitivity_as_it_is(section, qtbot) -> None:
    """A rationale, a project's description or the summary moves no weight or score: the
    tornado and the threshold stand (they were worked out again, the chart greyed meanwhile),
    through undo and redo too; a score edited works them out anew."""
    controller = section._controller
    section.show()
    qtbot.waitUntil(lambda: not section.working and not section._jobs, timeout=60_000)
    shown = section.reversal_label.text()
    assert controller.edit_cells([("p0", "c1"), ("p1", "c2")], {"rationale": "Thin seams."})
    assert controller.edit_item("project", "p2", {"description": "Open pit"})
    assert controller.edit_assessment({"summary": "{{count:ranked}} ranked"})
    assert controller.undo() and controller.redo()
    assert not section.working and not section._jobs and section.chart.isEnabled()
    assert section.reversal_label.text() == shown
    assert controller.edit_cells([("p0", "c0")], {"likelihood": 1, "impact": 1})
    assert section.working and not section.chart.isEnabled()
    qtbot.waitUntil(lambda: not section.working, timeout=60_000)
    assert section.reversal_label.text() == _expected(controller)
