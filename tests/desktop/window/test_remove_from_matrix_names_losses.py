"""Edit → Remove Project / Remove Criterion from the matrix asks the editors' question, naming
what goes with the item (its scenario overrides, its red-line rule), and Undo brings it all
back. The question said "… and all its scores?" alone: the overrides went unmentioned."""

from __future__ import annotations

import pytest
from desktop_documents import make_document
from PySide6.QtWidgets import QMessageBox

from rrisk.model import assessment_to_data


@pytest.fixture
def window(open_window, tmp_path):  # noqa: ANN001, ANN201 - fixtures; the main window
    from rrisk.fileformat import save

    path = tmp_path / "case.rrisk"
    save(make_document(), path)
    return open_window(path)


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    questions: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):  # noqa: ANN001, ANN202
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return questions


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        (
            "project",
            ["Remove the project “Project 0”", "4 cells (4 assessed)", "1 scenario override"],
        ),
        (
            "criterion",
            [
                "Remove the criterion “Criterion 0”",
                "its red-line rule (r ≥ 20)",
                "2 scenario overrides",  # its weight and a cell, in scenario "eased"
            ],
        ),
    ],
)
def test_remove_from_the_matrix_names_the_overrides_and_undo_restores(
    window, asked, kind, words
) -> None:
    controller = window.controller
    before = assessment_to_data(controller.document)
    window.matrix_view.select_cell("p0", "c0")
    assert window.remove_selected(kind)
    assert len(asked) == 1
    for word in words:
        assert word in asked[0]
    assert "Undo (Ctrl+Z) brings everything back" in asked[0]
    scenario = controller.document.scenarios[0]
    assert scenario.cell_overrides == []
    controller.undo_stack.undo()
    assert assessment_to_data(controller.document) == before
    assert not controller.is_modified
