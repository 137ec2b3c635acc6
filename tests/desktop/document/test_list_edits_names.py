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
