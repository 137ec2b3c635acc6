"""The undo history keeps the last UNDO_LIMIT steps (it grew without limit for as long as the
window stayed open); the saved state, once fallen off it, leaves the document reading as
unsaved however far it is undone, and what the history's index told (a paste that changed
nothing) is told right on a full history too."""

from __future__ import annotations

import pytest
from desktop_documents import make_document

from desktop.document.controller import UNDO_LIMIT
from desktop.matrix.clipboard import format_block
from rrisk.model import assessment_to_data


@pytest.fixture
def window(open_window, tmp_path, qtbot):
    from rrisk.fileformat import save

    path = tmp_path / "case.rrisk"
    save(make_document(projects=3, criteria=4), path)
    window = open_window(path)
    window.show()
    qtbot.waitExposed(window)
    return window


def _edit(controller, number: int) -> None:
    assert controller.edit_assessment({"title": f"Case {number}"})


def test_the_history_keeps_the_last_steps_and_the_saved_state_gone_reads_unsaved(window):
    controller = window.controller
    stack = controller.undo_stack
    saved = assessment_to_data(controller.document)
    for number in range(UNDO_LIMIT + 5):
        _edit(controller, number)
    assert stack.count() == UNDO_LIMIT
    assert window.isWindowModified()

    undone = 0
    while controller.undo():
        undone += 1
    assert undone == UNDO_LIMIT
    # The oldest five steps are gone: the document is not the saved one, and says so.
    assert controller.document.title == "Case 4"
    assert assessment_to_data(controller.document) != saved
    assert controller.is_modified and window.isWindowModified()

    while controller.redo():
        pass
    assert controller.document.title == f"Case {UNDO_LIMIT + 4}"
    assert window.isWindowModified()


def test_a_save_still_in_the_history_is_reached_by_undo(window):
    controller = window.controller
    for number in range(50):
        _edit(controller, number)
    assert window.files.save()
    saved = assessment_to_data(controller.document)
    for number in range(50, 50 + UNDO_LIMIT - 10):
        _edit(controller, number)
    assert controller.undo_stack.count() == UNDO_LIMIT  # older steps than the save fell off
    for _ in range(UNDO_LIMIT - 10):
        assert controller.undo()
    assert assessment_to_data(controller.document) == saved
    assert not controller.is_modified and not window.isWindowModified()
    assert controller.undo()
    assert window.isWindowModified()


def test_a_paste_on_a_full_history_is_not_said_to_have_pasted_nothing(window, qtbot):
    controller = window.controller
    for number in range(UNDO_LIMIT):
        _edit(controller, number)
    notices: list[str] = []
    controller.noticed.connect(notices.append)
    view = window.matrix_view
    view.select_cell("p0", "c1")
    assert view.paste(format_block([[(1, 1)]]))
    cell = controller.document.cell("p0", "c1")
    assert (cell.likelihood, cell.impact) == (1, 1)
    assert notices == []
    assert controller.undo_stack.count() == UNDO_LIMIT
    # The same again changes nothing, and says so.
    assert view.paste(format_block([[(1, 1)]]))
    assert notices == ["Nothing pasted: the cells already show these scores"]
