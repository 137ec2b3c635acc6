"""Each problem the check lists before a memo export is a link to the place to fix it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from desktop.files.memo_check import MemoCheckDialog


def click_problem(monkeypatch: pytest.MonkeyPatch, contains: str) -> list[str]:
    """Answer the check list by clicking the problem whose text contains ``contains``."""
    listed: list[str] = []

    def exec_(dialog: MemoCheckDialog) -> int:
        items = [dialog.problem_list.item(i) for i in range(dialog.problem_list.count())]
        listed.extend(item.text() for item in items)
        item = next(item for item in items if contains in item.text())
        assert item.font().underline()  # shown as a link
        dialog.problem_list.itemClicked.emit(item)
        assert dialog.result() == QDialog.DialogCode.Rejected
        return int(QDialog.DialogCode.Rejected.value)

    monkeypatch.setattr(MemoCheckDialog, "exec", exec_)
    asked: list = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a) or ("", ""))
    return listed


def test_no_as_of_date_leads_to_the_field(open_window, template_path, monkeypatch) -> None:
    window = open_window(template_path)
    assert window.controller.edit_assessment({"as_of": ""})
    listed = click_problem(monkeypatch, "as-of")
    assert not window.memo.export()  # the click closes the list: no export
    assert any("as-of" in line for line in listed)
    editors = window.editors_panel
    assert window.tabs.currentWidget() is editors
    assert editors.currentWidget() is editors.assessment
    assert editors.assessment.fields["as_of"].hasFocus() or not window.isActiveWindow()
    assert not window.memo.running


def test_an_unassessed_cell_leads_to_the_cell(open_window, document_path, monkeypatch) -> None:
    window = open_window(document_path)
    window.tabs.setCurrentWidget(window.editors_panel)
    listed = click_problem(monkeypatch, "unassessed")
    assert not window.memo.export()
    assert listed
    assert window.tabs.currentIndex() == 0  # the matrix
    project_id, criterion_id = window.controller.selection
    assert window.controller.document.cell(project_id, criterion_id) is None  # that cell


def test_a_source_problem_opens_the_sources_editor(open_window, document_path, monkeypatch):
    window = open_window(document_path)
    listed = click_problem(monkeypatch, "has no date")
    assert not window.memo.export()
    line = next(text for text in listed if "has no date" in text)
    editors = window.editors_panel
    assert editors.currentWidget() is editors.sources, line
    assert editors.sources.current_id() in {s.id for s in window.controller.document.sources}


@pytest.mark.parametrize(("kind", "editor"), [("projects", "projects"), ("criteria", "criteria")])
def test_no_projects_or_criteria_leads_to_the_editor_to_add_them(
    open_window, monkeypatch, kind: str, editor: str
) -> None:
    window = open_window()
    window.files.new_document()  # blank: no projects, no criteria
    listed = click_problem(monkeypatch, f"has no {kind}")
    assert not window.memo.export()
    assert any(f"has no {kind}" in line for line in listed)
    editors = window.editors_panel
    assert window.tabs.currentWidget() is editors
    assert editors.currentWidget() is getattr(editors, editor)
    add = getattr(editors, editor).add_button
    assert add.hasFocus() or not window.isActiveWindow()
    add.click()  # the way to the first one
    assert len(getattr(window.controller.document, kind)) == 1


def test_go_to_handles_every_kind_and_ignores_vanished_places(open_window, template_path):
    from desktop.window.navigate import go_to

    window = open_window(template_path)
    doc = window.controller.document
    project, criterion = doc.projects[1].id, doc.criteria[2].id
    assert go_to(window, {"kind": "text", "key": f"project:{project}"})
    assert window.editors_panel.projects.current_id() == project
    assert go_to(window, {"kind": "text", "key": f"cell:{project}:{criterion}"})
    assert window.controller.selection == (project, criterion)
    assert go_to(window, {"kind": "criterion", "id": criterion})
    assert window.editors_panel.criteria.current_id() == criterion
    assert go_to(window, {"kind": "text", "key": "summary"})
    assert window.editors_panel.currentWidget() is window.editors_panel.assessment
    assert go_to(window, {"kind": "screening", "project": project})
    assert window.tabs.currentWidget() is window.screening_panel
    assert go_to(window, {"kind": "analysis"})
    assert window.tabs.currentWidget() is window.analysis_panel
    assert not go_to(window, {"kind": "project", "id": "gone"})
    assert not go_to(window, {"kind": "cell", "project": "gone", "criterion": criterion})
    assert not go_to(window, {"kind": "nonsense"})


def test_a_screening_problem_selects_its_projects_line_in_the_screening_tab(
    open_window, template_path, monkeypatch, tmp_path, qtbot
) -> None:
    """A blank territory override or an undecided hit names its project: the link showed the
    Screening tab alone, the project to be found among all the others."""
    from desktop.screening.tree_view import row_of
    from desktop.window.navigate import go_to

    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    window = open_window(template_path)
    panel = window.screening_panel

    def selected() -> str | None:
        row = row_of(panel.tree.currentItem())
        return row.project if row is not None else None

    # Before the tab has screened anything: selected once its screening shows the project.
    assert go_to(window, {"kind": "screening", "project": "zaporizhzhia-occupied"})
    assert window.tabs.currentWidget() is panel
    qtbot.waitUntil(lambda: selected() == "zaporizhzhia-occupied", timeout=15000)
    # With the rows in place, at once.
    window.tabs.setCurrentIndex(0)
    assert go_to(window, {"kind": "screening", "project": "tomtor"})
    assert selected() == "tomtor"


def test_problems_without_a_place_are_plain_text(qtbot) -> None:
    from rrisk.check import ERROR, Problem

    dialog = MemoCheckDialog([Problem(ERROR, "memo", "something general")])
    qtbot.addWidget(dialog)
    dialog.show()
    item = dialog.problem_list.item(0)
    assert not item.font().underline()
    assert item.data(Qt.ItemDataRole.UserRole) == {}
    dialog.problem_list.itemClicked.emit(item)
    assert dialog.target is None
    assert dialog.isVisible()  # nowhere to go: the list stays


def test_the_list_wraps_long_findings_and_every_choice_has_a_letter(qtbot) -> None:
    """A long finding wraps to the list's width (no sideways scrolling to read what to do),
    and "Export anyway" has its Alt letter, as "Go to" has."""
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.ui.mnemonics import mnemonic
    from rrisk.check import Problem

    long = "the cell's evidence is weak; add evidence graded C3 or better " * 4
    problems = [
        Problem("warning", f"Site {n} × Sanctions", long, {"kind": "cell"}) for n in range(3)
    ]
    dialog = MemoCheckDialog(problems)
    qtbot.addWidget(dialog)
    dialog.resize(500, 400)
    dialog.show()
    qtbot.waitExposed(dialog)
    listed = dialog.problem_list
    assert not listed.horizontalScrollBar().isVisible()
    first = listed.visualItemRect(listed.item(0))
    assert first.width() <= listed.viewport().width()
    assert first.height() > 2 * listed.fontMetrics().height()  # wrapped onto several lines
    letters = [
        mnemonic(button.text())
        for button in dialog.findChild(QDialogButtonBox).buttons()
        if button.text() != "Cancel"  # Escape
    ]
    assert dialog.export_button.text().replace("&", "") == "Export anyway"
    assert all(letters) and len(set(letters)) == len(letters)


def test_cells_still_draft_are_a_warning_that_leads_to_the_first(
    open_window, template_path, monkeypatch
) -> None:
    """A memo going to the committee with cells nobody has reviewed says so before it
    leaves, naming how many and the first ones, and the warning goes to the first."""
    window = open_window(template_path)
    controller = window.controller
    for project_id, criterion_id in (("seligdar", "geology"), ("tomtor", "sanctions")):
        assert controller.edit_cell(project_id, criterion_id, {"status": "draft"})
    listed = click_problem(monkeypatch, "still draft")
    assert not window.memo.export()
    line = next(text for text in listed if "still draft" in text)
    assert line.endswith(
        "review status: 2 of the 56 assessed cells are still draft, not marked reviewed: "
        "Tomtor niobium–rare-earth deposit × Sanctions exposure and Seligdar apatite deposit "
        "(REE by-product) × Geology and by-product recovery; set each to Reviewed in the cell "
        "inspector once checked"
    ), line
    assert controller.selection == ("tomtor", "sanctions")
    # Every cell reviewed: no such warning.
    for project_id, criterion_id in (("seligdar", "geology"), ("tomtor", "sanctions")):
        assert controller.edit_cell(project_id, criterion_id, {"status": "reviewed"})
    listed = click_problem(monkeypatch, "author")
    assert not window.memo.export()
    assert not any("still draft" in text for text in listed)


def test_one_cell_still_draft_is_named_as_one(qtbot) -> None:
    """'set each to Reviewed' spoke of one cell as of many."""
    from desktop.files.memo_check import draft_warning
    from rrisk.templates import new_from_template

    document = new_from_template("russia-rare-earths")
    cell = document.cells["tomtor"]["political"]
    document.cells["tomtor"]["political"] = cell.model_copy(update={"status": "draft"})
    warning = draft_warning(document)
    assert warning is not None
    assert warning.message == (
        "1 of the 56 assessed cells is still draft, not marked reviewed: Tomtor niobium–rare-"
        "earth deposit × Political volatility; set it to Reviewed in the cell inspector "
        "once checked"
    )


def test_at_twice_the_font_size_the_list_fits_the_screen_with_its_buttons(qtbot, qapp) -> None:
    from PySide6.QtGui import QFont

    from rrisk.check import Problem

    font = qapp.font()
    large = QFont(font)
    large.setPointSizeF(font.pointSizeF() * 2)
    qapp.setFont(large)
    try:
        dialog = MemoCheckDialog([Problem("warning", "author", "the author is empty", {})])
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        screen = dialog.screen().availableGeometry()
        assert dialog.frameGeometry().width() <= screen.width()
        assert dialog.export_button.geometry().right() < dialog.width()
    finally:
        qapp.setFont(font)


def test_a_pending_hit_leads_to_its_line_on_its_list(
    open_window, monkeypatch, tmp_path, qtbot
) -> None:
    """The document records an imported list while the tab shows the bundled one, each with
    hits: the link to a pending hit of the imported list showed the bundled list's lines."""
    from desktop_documents import make_document

    from desktop.screening.tree import HIT
    from desktop.screening.tree_view import row_of
    from rrisk.fileformat import save
    from rrisk.screening.store import ListStore

    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    table = tmp_path / "watch.csv"
    table.write_text(
        '"id","schema","name","aliases","sanctions"\n'
        '"x-1","Company","Nickel Mining Limited","","US OFAC SDN - designated - 2026-01-05"\n',
        encoding="utf-8",
    )
    with ListStore() as store:
        store.import_file(table, "watch", "2026-11-30")
    doc = make_document(projects=14)
    for project in doc.projects:
        project.counterparties = ["Госкорпорация Ростех", f"Supplier of {project.id}"]
    doc.projects[-1].counterparties.append("Nickel Mining Ltd")
    doc.screening.list_name = "watch"
    doc.screening.decisions = []
    path = tmp_path / "two-lists.rrisk"
    save(doc, path)
    window = open_window(path)
    window.resize(1000, 520)
    window.show()
    panel = window.screening_panel
    window.tabs.setCurrentWidget(panel)
    bundled = next(c.name for c in panel._choices if c.bundled)
    panel.list_box.setCurrentIndex(panel.list_box.findData(bundled))
    panel.screen_again()
    qtbot.waitUntil(lambda: panel._report is not None and panel._report.list_name == bundled)
    window.tabs.setCurrentIndex(0)

    listed = click_problem(monkeypatch, "Nickel Mining Ltd")
    assert not window.memo.export()
    assert any("on the list watch" in line for line in listed), listed

    def hit_selected() -> bool:
        row = row_of(panel.tree.currentItem())
        return (
            row is not None
            and row.kind == HIT
            and row.hit is not None
            and (
                (row.project, row.counterparty, row.hit.entry_id)
                == (doc.projects[-1].id, "Nickel Mining Ltd", "x-1")
            )
        )

    qtbot.waitUntil(hit_selected, timeout=15000)
    assert window.tabs.currentWidget() is panel
    assert panel.list_name() == "watch"
    tree = panel.tree
    assert tree.viewport().rect().contains(tree.visualItemRect(tree.currentItem()))
    assert tree.hasFocus() or not window.isActiveWindow()
