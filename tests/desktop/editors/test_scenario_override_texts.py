"""A scenario's cell override keeps its red-line reason and note on one trimmed line."""

from __future__ import annotations

from PySide6.QtCore import Qt

from rrisk.fileformat import load, save
from rrisk.model import assessment_to_data
from rrisk.scoring import score

EDIT = Qt.ItemDataRole.EditRole


def _override_row(panel, controller):
    editor = panel.scenarios
    panel.setCurrentWidget(editor)
    editor.select_id("sanctions-eased")
    cells = editor.cells_model
    assert cells.add_override("seligdar", "market")
    row = cells.rowCount() - 1
    assert cells.setData(cells.index(row, 4), True, EDIT)  # the scenario sets a red line
    return cells, row


def _override(controller):
    scenario = controller.document.scenario("sanctions-eased")
    return next(o for o in scenario.cell_overrides if o.project == "seligdar")


def test_pasted_line_breaks_and_spaces_in_a_reason_and_note_become_one_line(
    panel, controller, tmp_path
):
    cells, row = _override_row(panel, controller)
    assert cells.setData(cells.index(row, 5), "  Export\r\nban \t lifted\r\n", EDIT)
    assert cells.setData(cells.index(row, 6), "From the\nKommersant article\n", EDIT)
    override = _override(controller)
    assert override.red_line_reason == "Export ban lifted"
    assert override.note == "From the Kommersant article"
    path = tmp_path / "case.rrisk"
    save(controller.document, path)
    assert assessment_to_data(load(path)) == assessment_to_data(controller.document)


def test_a_reason_of_spaces_alone_leaves_the_red_line_its_default_reason(panel, controller):
    """A reason of spaces was stored as given: the ranking and the memo then gave the
    scenario's red line a blank reason."""
    cells, row = _override_row(panel, controller)
    assert cells.setData(cells.index(row, 5), "   ", EDIT)
    assert _override(controller).red_line_reason is None
    result = score(controller.document, "sanctions-eased")
    position = result.matrix.project_ids.index("seligdar")
    reasons = [line.reason for line in result.red_lines[position] if line.criterion == "market"]
    assert reasons == ["red line set by the analyst"]
