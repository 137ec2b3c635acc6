"""The Changes view: compare the open assessment with another version, in the app."""

from __future__ import annotations

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.matrix.model import ChangedRole
from rrisk.fileformat import save
from rrisk.templates import new_from_template

SANCTIONS = ("tomtor", "sanctions")


def _june(tmp_path):
    june = tmp_path / "june.rrisk"
    save(new_from_template("russia-rare-earths-2025-06"), june)
    return june


def _comparing_june(open_window, template_path, tmp_path, monkeypatch):
    """The template's window comparing with the June version, the file and the comparison's
    job held (not started)."""
    window = open_window(template_path)
    held: list = []
    monkeypatch.setattr("desktop.changes.flow.start", held.append)
    june = _june(tmp_path)
    assert window.changes.compare_with(str(june))
    (job,) = held
    return window, june, job


def _compare(window, qtbot, path):
    with qtbot.waitSignal(window.changes.shown, timeout=60_000) as shown:
        assert window.changes.compare_with(str(path))
    return shown.args[0]


def test_compare_with_the_june_version_groups_changes_by_project(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    june = _june(tmp_path)
    window = open_window(template_path)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(june), "RRisk (*.rrisk)")
    )
    action = window.menu_actions.compare
    assert action.isEnabled() and action in window.findChild(object, "menuFile").actions()
    with qtbot.waitSignal(window.changes.shown, timeout=60_000) as shown:
        action.trigger()
    view = shown.args[0]
    assert window.changes.dock.isVisible()
    assert "june.rrisk (as of 2025-06-01)" in view.versions.text()
    assert view.versions.text().startswith("Earlier: ")
    lines = view.lines()
    # The biggest news leads: Tomtor's exclusion, its rank movement on its own row.
    assert lines[0].startswith("Tomtor niobium–rare-earth deposit  |  3 → excluded")
    assert view.tree.isColumnHidden(4)  # no coverage moved: no column of "100%"
    assert any("appeared: Sanctions exposure" in line for line in lines)
    assert "    +3.79  Sanctions exposure: cell 4×5 = 20 → 5×5 = 25" in lines
    assert "    Sanctions exposure: likelihood 4 → 5" in lines
    # Then rank movements, then the groups that are not projects.
    assert any(line.startswith("Chuktukon") and "4 → 3 (↑1)" in line for line in lines)
    assert [line for line in lines if not line.startswith(" ")][-3:] == [
        "Sources (6)",
        "Scenarios (5)",
        "Assessment (5)",
    ]
    report = view.report_text()
    assert "Why the indices moved" in report and "3 → excluded" in report


def test_changed_cells_are_marked_in_matrix_and_heat_map_until_closed(
    open_window, template_path, tmp_path, qtbot
):
    window = open_window(template_path)
    view = _compare(window, qtbot, _june(tmp_path))
    model = window.matrix_view.matrix_model
    marks = window.controller.change_marks
    assert marks.keys() == {
        ("tomtor", "sanctions"),
        ("tomtor", "counterparty"),
        ("tomtor", "market-access"),
        ("chuktukon", "sanctions"),
        ("seligdar", "sanctions"),
    }
    changed = model.cell_index(*SANCTIONS)
    unchanged = model.cell_index("pikalevo-gallium", "sanctions")
    assert changed.data(ChangedRole) and not unchanged.data(ChangedRole)
    tooltip = changed.data(Qt.ItemDataRole.ToolTipRole)
    assert "Changed since " in tooltip and "june.rrisk (as of 2025-06-01):" in tooltip
    assert "likelihood 4 → 5" in tooltip
    assert "changed since the compared version" in changed.data(Qt.ItemDataRole.AccessibleTextRole)
    heat = window.results_panel.findChild(object, "heatMapView")
    row = heat.project_ids.index("tomtor")
    column = heat.criterion_ids.index("sanctions")
    assert "june.rrisk (as of 2025-06-01):" in heat.tooltip_text(row, column)
    view.findChild(object, "changesCloseButton").click()
    assert not marks and not changed.data(ChangedRole)
    assert "Changed since" not in heat.tooltip_text(row, column)
    assert not window.changes.dock.isVisible()


def test_a_change_selects_its_cell_and_activating_it_shows_the_matrix(
    open_window, template_path, tmp_path, qtbot
):
    window = open_window(template_path)
    view = _compare(window, qtbot, _june(tmp_path))
    window.tabs.setCurrentIndex(2)
    tree = view.tree
    target = None
    for row in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(row)
        if group.text(0).startswith("Chuktukon"):
            changes = group.child(group.childCount() - 1)
            target = next(
                line
                for line in (changes.child(k) for k in range(changes.childCount()))
                if line.text(0).startswith("Sanctions exposure: evidence")
            )
    assert target is not None
    tree.setCurrentItem(target)
    assert window.controller.selection == ("chuktukon", "sanctions")
    assert window.tabs.currentIndex() == 2
    tree.itemActivated.emit(target, 0)
    assert window.tabs.currentIndex() == 0
    assert window.matrix_view.currentIndex() == window.matrix_view.matrix_model.cell_index(
        "chuktukon", "sanctions"
    )


def test_compare_with_saved_version_shows_the_unsaved_edits(open_window, template_path, qtbot):
    window = open_window(template_path)
    assert window.controller.edit_cell("pikalevo-gallium", "sanctions", {"likelihood": 1})
    action = window.menu_actions.compare_saved
    assert action.isEnabled() and action.objectName() == "actionCompareSaved"
    with qtbot.waitSignal(window.changes.shown, timeout=60_000) as shown:
        action.trigger()
    view = shown.args[0]
    assert "rare-earths.rrisk as last saved" in view.versions.text()
    assert "(unsaved changes included)" in view.versions.text()
    assert "    Sanctions exposure: likelihood 5 → 1" in view.lines()
    assert window.controller.change_marks.keys() == {("pikalevo-gallium", "sanctions")}
    # Edited after comparing: the view says it is out of date; Compare Again updates it.
    assert window.controller.edit_cell("pikalevo-gallium", "sanctions", {"likelihood": 2})
    assert view.stale.isVisibleTo(view)
    with qtbot.waitSignal(window.changes.shown, timeout=60_000):
        view.findChild(object, "changesRefreshButton").click()
    assert "    Sanctions exposure: likelihood 5 → 2" in view.lines()
    assert not view.stale.isVisibleTo(view)
    # With the inspector and this view beside the matrix the window still fits a 1280-px
    # screen (four buttons on one line made it 1,407 px at least).
    assert window.minimumSizeHint().width() <= 1280, window.minimumSizeHint().width()


def test_the_view_says_it_is_out_of_date_after_a_scenario_switch_or_an_edit_meanwhile(
    open_window, template_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    changes = window.changes
    scenario = window.controller.document.scenarios[0].id
    with qtbot.waitSignal(changes.shown, timeout=60_000) as shown:
        changes.compare_with(str(template_path))
    view = shown.args[0]
    assert not view.stale.isVisibleTo(view)
    window.controller.set_scenario(scenario)
    assert view.stale.isVisibleTo(view) and "another scenario" in view.stale.text()
    window.controller.set_scenario(None)
    # An edit made while the comparison runs: the result is of the document before it.
    held: list = []
    monkeypatch.setattr("desktop.changes.flow.start", held.append)
    assert changes.refresh()
    assert window.controller.edit_cell("pikalevo-gallium", "sanctions", {"likelihood": 1})
    (job,) = held
    with qtbot.waitSignal(changes.shown, timeout=60_000):
        job.run()
    assert view.stale.isVisibleTo(view) and "while it was being compared" in view.stale.text()


def test_an_unsaved_document_has_no_saved_version(open_window, qtbot, monkeypatch):
    window = open_window()
    window.files.new_document()
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    assert not window.changes.compare_saved()
    assert "not been saved yet" in told[0] and window.changes.job is None


def test_a_file_removed_from_disk_has_no_saved_version(
    open_window, template_path, qtbot, monkeypatch, answer_boxes
):
    """Not "changed on disk by another program", with an offer to compare with a file that
    is not there (which then failed as "does not exist")."""
    window = open_window(template_path)
    assert window.controller.edit_cell("tomtor", "sanctions", {"likelihood": 1})
    template_path.unlink()
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    asked = answer_boxes("Cancel")
    assert not window.changes.compare_saved()
    assert not asked
    assert len(told) == 1 and "is no longer in" in told[0] and "no saved version" in told[0]
    assert window.changes.job is None


def test_the_same_file_shows_nothing_changed_and_no_marks(open_window, template_path, qtbot):
    window = open_window(template_path)
    view = _compare(window, qtbot, template_path)
    assert view.summary.text() == "The two versions hold the same assessment: nothing changed."
    assert view.tree.topLevelItemCount() == 0 and not window.controller.change_marks
    assert not view.memo_button.isEnabled()


def test_opening_another_document_ends_the_comparison(open_window, template_path, tmp_path, qtbot):
    window = open_window(template_path)
    _compare(window, qtbot, _june(tmp_path))
    assert window.controller.change_marks
    window.controller.set_document(new_from_template("russia-rare-earths"))
    assert not window.controller.change_marks and not window.changes.dock.isVisible()


def test_a_file_that_is_not_an_assessment_is_refused_in_one_line(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    broken = tmp_path / "broken.rrisk"
    broken.write_bytes(b"not a zip")
    window = open_window(template_path)
    messages = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: messages.append(a[2]))
    assert window.changes.compare_with(str(broken))
    qtbot.waitUntil(lambda: bool(messages), timeout=30_000)
    assert "broken.rrisk" in messages[0] and "\n" not in messages[0]
    assert window.changes.job is None and window.changes.dock is None


def test_memo_with_these_changes_has_the_changes_since_section(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    from pypdf import PdfReader

    window = open_window(template_path)
    view = _compare(window, qtbot, _june(tmp_path))
    suggested = []
    target = tmp_path / "memo.pdf"

    def save_dialog(*args, **kwargs):
        suggested.append(args[2])
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Close)
    with qtbot.waitSignal(window.memo.finished, timeout=120_000):
        view.memo_button.click()
    assert suggested[0].endswith("rare-earths-ic-memo-changes.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Changes since 2025-06-01" in text


def test_a_changed_scenario_override_is_a_changed_cell_of_the_view_under_it(
    override_changed,
) -> None:
    from desktop.changes.outline import build_outline
    from rrisk.compare import compare

    old, new, scenario_id = override_changed
    outline = build_outline(compare(old, new, scenario_id), "old.rrisk", "new.rrisk")
    assert list(outline.cell_notes) == [("tomtor", "sanctions")]
    assert "likelihood 3" in outline.cell_notes[("tomtor", "sanctions")][0]
    assert build_outline(compare(old, new), "old.rrisk", "new.rrisk").cell_notes == {}


def test_a_removed_cell_reordered_links_and_a_text_marked_reviewed_in_the_view(
    open_window, template_path, tmp_path, qtbot
):
    from rrisk.narrative import stamp_text

    later = new_from_template("russia-rare-earths")
    later.cells["chuktukon"].pop("geology")
    later.cells["tomtor"]["sanctions"].evidence.reverse()
    stamp_text(later, "notes")
    path = tmp_path / "later.rrisk"
    save(later, path)
    window = open_window(path)
    view = _compare(window, qtbot, template_path)
    lines = [line.strip() for line in view.lines()]
    assert any(
        line.startswith("Geology and by-product recovery: cell removed; it was L3 × I3 = 9")
        for line in lines
    )
    assert not any("reviewed → draft" in line or "→ —" in line for line in lines)
    assert any(line.startswith("Sanctions exposure: evidence reordered, now:") for line in lines)
    assert "notes: wording unchanged, marked reviewed against the figures" in lines
    assert not any("stamp" in line for line in lines)
    # The removed cell shows as coverage lost in its project's row, beside rank and index.
    groups = [view.tree.topLevelItem(n) for n in range(view.tree.topLevelItemCount())]
    chuktukon = next(item for item in groups if item.text(0).startswith("Chuktukon"))
    assert view.tree.headerItem().text(4) == "Coverage"
    assert chuktukon.text(4).startswith("100% → ")
    assert not view.tree.isColumnHidden(4)
    unmoved = [item for item in groups if item.text(1) and "→" not in item.text(4)]
    assert all(item.text(4) == "" for item in unmoved)
    # Both cells are marked in the matrix, with the change in the tooltip; the notes are no cell.
    marks = window.controller.change_marks
    assert marks.keys() == {("chuktukon", "geology"), ("tomtor", "sanctions")}
    model = window.matrix_view.matrix_model
    tooltip = model.cell_index("tomtor", "sanctions").data(Qt.ItemDataRole.ToolTipRole)
    assert "evidence reordered" in tooltip


def test_a_file_changed_on_disk_is_not_compared_as_the_users_own_edits(
    open_window, template_path, qtbot, answer_boxes
):
    from rrisk.fileformat import save
    from rrisk.templates import new_from_template

    window = open_window(template_path)
    assert not window.files.changed_on_disk()
    # A colleague saves an earlier version over the file this window has open.
    save(new_from_template("russia-rare-earths-2025-06"), template_path)
    assert window.files.changed_on_disk()
    told = answer_boxes("Cancel")
    assert not window.changes.compare_saved()
    assert len(told) == 1 and "changed on disk after you opened" in told[0]
    assert window.changes.job is None
    told = answer_boxes("Compare with the file on disk")
    with qtbot.waitSignal(window.changes.shown, timeout=60_000) as shown:
        assert window.changes.compare_saved()
    versions = shown.args[0].versions.text()
    assert "as on disk now (changed by others)" in versions and "as last saved" not in versions


def test_a_replaced_attachment_is_listed_and_reaches_the_memo(
    open_window, tmp_path, qtbot, monkeypatch
):
    """Attached files are compared by their bytes: the document (and its fingerprint) can be
    the same while the file behind a source was replaced."""
    from pypdf import PdfReader

    document = new_from_template("russia-rare-earths")
    document.sources[0].attachment = "filing.pdf"
    earlier, current = tmp_path / "earlier.rrisk", tmp_path / "current.rrisk"
    save(document, earlier, {"filing.pdf": b"%PDF-1.4 first filing", "old-note.txt": b"x"})
    save(document, current, {"filing.pdf": b"%PDF-1.4 amended filing"})
    window = open_window(current)
    view = _compare(window, qtbot, earlier)
    lines = view.lines()
    assert "Attached files (2)" in lines
    assert "  filing.pdf: replaced (its contents differ)" in lines
    assert "  old-note.txt: removed" in lines
    # The assessment is the same: no "0 changes; 0 projects moved; 0 cells changed".
    assert view.summary.text() == "The assessment itself is the same; 2 attached files differ."
    assert "Attachments (2)" in view.report_text()
    target = tmp_path / "memo.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    asked: list[str] = []

    def answer(_parent, title, *_args, **_kwargs):  # noqa: ANN001, ANN202 - a stand-in
        asked.append(title)  # the copy is dated the same day: asked first, then exported
        same = title == "Changes since the same date?"
        return QMessageBox.StandardButton.Yes if same else QMessageBox.StandardButton.Close

    monkeypatch.setattr(QMessageBox, "question", answer)
    with qtbot.waitSignal(window.memo.finished, timeout=120_000):
        view.memo_button.click()
    assert asked[0] == "Changes since the same date?"
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(target).pages)
    assert "The assessment itself is the same; 2 attached files differ" in text
    assert "0 changes" not in text and "Why the indices moved" not in text
    assert "filing.pdf: replaced (its contents differ)" in text
    assert "old-note.txt: removed" in text


def test_a_scenario_the_earlier_version_lacks_falls_back_to_the_baseline_and_says_so(
    open_window, template_path, tmp_path, qtbot
):
    window = open_window(template_path)
    document = window.controller.document
    earlier = tmp_path / "no-scenarios.rrisk"
    save(document.model_copy(update={"scenarios": []}, deep=True), earlier)
    scenario = document.scenarios[0]
    window.controller.set_scenario(scenario.id)
    view = _compare(window, qtbot, earlier)
    assert window.changes.compared.scenario_id is None  # the baseline was compared
    assert view.versions.text().splitlines()[-1] == (
        f"Scenario: baseline: the other version has no scenario “{scenario.name}”"
    )
    # The matrix shows the scenario, the view the baseline: out of date exactly until the
    # matrix shows the baseline too.
    # Comparing again would fall back again: the note says what helps instead.
    assert view.stale.isVisibleTo(view)
    assert view.stale.text() == (
        f"The matrix shows scenario “{scenario.name}”, which the earlier version does not "
        "have: the changes above are the baseline's (choose Baseline to see them in the matrix)."
    )
    window.controller.set_scenario(None)
    assert not view.stale.isVisibleTo(view)
    window.controller.set_scenario(scenario.id)
    assert view.stale.isVisibleTo(view) and "does not have" in view.stale.text()
    other = document.scenarios[1]  # the earlier version lacks this one too
    window.controller.set_scenario(other.id)
    assert f"scenario “{other.name}”, which the earlier version" in view.stale.text()
    # An edit since is said first, not hidden behind the scenario's note.
    assert window.controller.edit_assessment({"title": "Edited after comparing"})
    assert view.stale.text().startswith("The assessment was edited after this comparison")
    assert "which the earlier version does not have" in view.stale.text()


def test_another_scenario_both_versions_hold_is_compared_again(
    open_window, template_path, tmp_path, qtbot
):
    window = open_window(template_path)
    document = window.controller.document
    earlier = tmp_path / "one-scenario.rrisk"
    save(document.model_copy(update={"scenarios": document.scenarios[:1]}, deep=True), earlier)
    window.controller.set_scenario(document.scenarios[1].id)
    view = _compare(window, qtbot, earlier)  # falls back to the baseline
    window.controller.set_scenario(document.scenarios[0].id)  # both hold this one
    assert "another scenario" in view.stale.text() and "Compare Again" in view.stale.text()


def test_the_out_of_date_note_follows_the_scenario_compared(open_window, template_path, qtbot):
    window = open_window(template_path)
    scenario = window.controller.document.scenarios[1]
    window.controller.set_scenario(scenario.id)
    view = _compare(window, qtbot, template_path)  # both versions hold it
    assert view.versions.text().splitlines()[-1] == f"Scenario: {scenario.name}"
    assert not view.stale.isVisibleTo(view)
    window.controller.set_scenario(None)
    assert view.stale.isVisibleTo(view)
    window.controller.set_scenario(scenario.id)  # back to the one compared: up to date
    assert not view.stale.isVisibleTo(view)
    # An edit keeps it out of date whatever the scenario.
    assert window.controller.edit_cell("pikalevo-gallium", "sanctions", {"likelihood": 1})
    window.controller.set_scenario(None)
    window.controller.set_scenario(scenario.id)
    assert view.stale.isVisibleTo(view) and "edited after this comparison" in view.stale.text()


def test_a_save_after_comparing_with_the_saved_version_makes_the_view_out_of_date(
    open_window, template_path, qtbot
):
    window = open_window(template_path)
    assert window.controller.edit_cell("pikalevo-gallium", "sanctions", {"likelihood": 1})
    with qtbot.waitSignal(window.changes.shown, timeout=60_000) as shown:
        assert window.changes.compare_saved()
    view = shown.args[0]
    assert not view.stale.isVisibleTo(view)
    window.menu_actions.save.trigger()
    assert not window.controller.is_modified
    # "as last saved" and "unsaved changes included" were true before the save only: said.
    assert view.stale.isVisibleTo(view) and "saved after this comparison" in view.stale.text()
    with qtbot.waitSignal(window.changes.shown, timeout=60_000):
        view.findChild(object, "changesRefreshButton").click()
    assert view.summary.text() == "The two versions hold the same assessment: nothing changed."
    assert "rare-earths.rrisk as last saved" in view.versions.text()
    assert "(unsaved changes included)" not in view.versions.text()
    assert not view.stale.isVisibleTo(view) and not window.controller.change_marks.keys()


def test_a_save_as_after_comparing_says_the_view_names_the_former_file(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    june = _june(tmp_path)
    window = open_window(template_path)
    view = _compare(window, qtbot, june)
    window.menu_actions.save.trigger()  # the same file, no unsaved edits: still true
    assert not view.stale.isVisibleTo(view)
    copy = tmp_path / "copy.rrisk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    window.menu_actions.save_as.trigger()
    assert window.controller.path == copy
    assert view.stale.isVisibleTo(view) and "saved after this comparison" in view.stale.text()


def test_weights_that_cancel_out_on_a_project_are_explained_in_the_view() -> None:
    """Weights 1, 1, 1 → 1.8, 2, 1 leave Plant's index where it was (+9.26 and −9.26): the
    report and the memo explained it, the view left the project out."""
    from desktop.changes.outline import build_outline
    from rrisk.compare import compare
    from rrisk.model import parse_assessment

    def document(as_of: str, weights: tuple[float, ...]):
        return parse_assessment(
            {
                "as_of": as_of,
                "criteria": [
                    {"id": f"c{i}", "name": f"C{i}", "weight": w} for i, w in enumerate(weights)
                ],
                "projects": [{"id": "p", "name": "Plant"}],
                "cells": {
                    "p": {
                        "c0": {"likelihood": 5, "impact": 5},
                        "c1": {"likelihood": 1, "impact": 1},
                        "c2": {"likelihood": 3, "impact": 3},
                    }
                },
            }
        )

    comparison = compare(document("2026-01-01", (1, 1, 1)), document("2026-02-01", (1.8, 2, 1)))
    outline = build_outline(comparison, "old", "new")
    (plant,) = [group for group in outline.groups if group.title == "Plant"]
    (why,) = [section for section in plant.sections if section.title.startswith("Why")]
    assert why.title == "Why the index moved (+0.00)"
    assert sorted(line.points for line in why.lines) == ["+9.26", "-9.26"]


def test_compare_again_clears_the_tree_with_no_line_left_spanned(qtbot, monkeypatch) -> None:
    """Qt clears a tree of spanned lines in time growing with their square (a re-comparison
    of 78,000 lines froze the window for half a minute): the spans go first, and the new
    outline's lines span the width again."""
    from desktop.changes.outline import build_outline
    from desktop.changes.view import ChangesView
    from rrisk.compare import compare
    from rrisk.templates import new_from_template

    comparison = compare(
        new_from_template("russia-rare-earths-2025-06"), new_from_template("russia-rare-earths")
    )
    outline = build_outline(comparison, "june", "november")
    view = ChangesView()
    qtbot.addWidget(view)
    view.set_outline(outline)

    def spanned() -> int:
        found = 0
        stack = [view.tree.invisibleRootItem()]
        while stack:
            item = stack.pop()
            for row in range(item.childCount()):
                child = item.child(row)
                found += child.isFirstColumnSpanned()
                stack.append(child)
        return found

    assert spanned() > 0
    at_clear = []
    clear = view.tree.clear
    monkeypatch.setattr(view.tree, "clear", lambda: (at_clear.append(spanned()), clear()))
    view.set_outline(outline)
    assert at_clear == [0]
    assert spanned() > 0


def test_a_comparison_failing_as_the_window_closes_shows_nothing(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    """A failure sent just before the window closed arrived after it: 'Cannot compare'
    came up over the closed window."""
    window = open_window(template_path)
    held: list = []
    monkeypatch.setattr("desktop.changes.flow.start", held.append)
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: errors.append(a[2]))
    assert window.changes.compare_with(str(tmp_path / "gone.rrisk"))
    (job,) = held
    pool = QThreadPool()
    pool.start(job)  # fails: the file is not there
    assert pool.waitForDone(60_000)  # its failure is sent, not yet delivered
    assert window.close()
    qtbot.wait(50)
    assert errors == []


def test_the_changes_and_the_report_are_named_for_screen_readers(
    open_window, template_path, tmp_path, qtbot
):
    """The Report tab's text was an unnamed text box to a screen reader (the tree had a name)."""
    from PySide6.QtGui import QAccessible

    window = open_window(template_path)
    view = _compare(window, qtbot, _june(tmp_path))
    for widget in (view.tree, view.report):
        name = QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)
        assert "changes between the versions" in name.casefold(), widget.objectName()


def test_tab_from_the_changes_tabs_goes_into_the_page_shown(
    open_window, template_path, tmp_path, qtbot
):
    """Tab from the Changes / Report tabs reaches the list or the report below them, then the
    buttons (it went past the page shown, to the buttons)."""
    from PySide6.QtCore import Qt

    window = open_window(template_path)
    window.resize(1500, 950)  # room for the tabs whole, without their scroll buttons
    window.activateWindow()
    view = _compare(window, qtbot, _june(tmp_path))
    bar = view.tabs.tabBar()
    for page, shown in ((1, view.report), (0, view.tree)):
        view.tabs.setCurrentIndex(page)
        bar.setFocus()
        qtbot.waitUntil(bar.hasFocus)
        qtbot.keyClick(bar, Qt.Key.Key_Tab)
        qtbot.waitUntil(shown.hasFocus)
    qtbot.keyClick(view.tree, Qt.Key.Key_Tab)
    qtbot.waitUntil(view.memo_button.hasFocus)


def _plants(as_of: str, likelihood: int, count: int = 30):
    """``count`` plants scored on one criterion, each at ``likelihood`` × 3."""
    from rrisk.model import parse_assessment

    return parse_assessment(
        {
            "as_of": as_of,
            "criteria": [{"id": "c", "name": "Cost"}],
            "projects": [{"id": f"p{i}", "name": f"Plant {i:02d}"} for i in range(count)],
            "cells": {
                f"p{i}": {"c": {"likelihood": likelihood, "impact": 3}} for i in range(count)
            },
        }
    )


def test_a_collapsed_group_builds_its_lines_when_first_expanded(qtbot) -> None:
    """Every line of every group was built at once: with everything changed at 2,000 × 40,
    390,000 items, the window frozen for 12 s or more. A group past the first ones, shown
    collapsed, is built when opened, its lines as they were (spanning the width, linked)."""
    from desktop.changes.outline import build_outline
    from desktop.changes.view import EXPANDED_GROUPS, ChangesView, LinkRole
    from rrisk.compare import compare

    count = EXPANDED_GROUPS + 3
    earlier, now = _plants("2026-01-01", 2, count), _plants("2026-02-01", 4, count)
    outline = build_outline(compare(earlier, now), "a", "b")
    view = ChangesView()
    qtbot.addWidget(view)
    view.set_outline(outline)
    tree = view.tree
    assert tree.topLevelItemCount() == count + 1  # and the assessment's as-of date
    last = tree.topLevelItem(count - 1)  # the last project's
    assert not last.isExpanded() and last.childCount() == 0
    assert last.childIndicatorPolicy() == last.ChildIndicatorPolicy.ShowIndicator
    tree.expandItem(last)
    sections = [last.child(n).text(0) for n in range(last.childCount())]
    assert sections == ["Why the index moved (+25.00)", "Changes"]
    changes = last.child(1)
    line = changes.child(0)
    assert line.text(0) == "Cost: likelihood 2 → 4"
    assert line.isFirstColumnSpanned() and changes.isFirstColumnSpanned()
    assert line.data(0, LinkRole) == (last.data(0, LinkRole)[0], "c")
    # Every line is still there to read whole, the collapsed groups' too.
    assert view.lines().count("    Cost: likelihood 2 → 4") == count


def test_the_first_groups_open_with_their_sections_and_every_line_spanning(qtbot) -> None:
    """The first groups are built open, each section open under them, every section and line
    spanning the width and the groups' own rows not (their figures stay in their columns);
    the groups after them are closed, not built. Shown again (Compare Again), the same."""
    from desktop.changes.outline import build_outline
    from desktop.changes.view import EXPANDED_GROUPS, ChangesView
    from rrisk.compare import compare

    count = EXPANDED_GROUPS + 3
    earlier, now = _plants("2026-01-01", 2, count), _plants("2026-02-01", 4, count)
    outline = build_outline(compare(earlier, now), "a", "b")
    view = ChangesView()
    qtbot.addWidget(view)
    for _shown in range(2):
        view.set_outline(outline)
        tree = view.tree
        groups = [tree.topLevelItem(n) for n in range(tree.topLevelItemCount())]
        for group in groups[:EXPANDED_GROUPS]:
            assert group.isExpanded() and not group.isFirstColumnSpanned()
            sections = [group.child(n) for n in range(group.childCount())]
            assert [s.text(0) for s in sections] == ["Why the index moved (+25.00)", "Changes"]
            for section in sections:
                assert section.isExpanded() and section.isFirstColumnSpanned()
                lines = [section.child(n) for n in range(section.childCount())]
                assert lines and all(line.isFirstColumnSpanned() for line in lines)
        for group in groups[EXPANDED_GROUPS:]:
            assert not group.isExpanded() and group.childCount() == 0


def test_change_marks_keep_the_notes_handed_over_and_give_a_cells_as_a_tuple(qtbot) -> None:
    """The marks keep the cells' notes as handed over (made into tuples only when a cell's
    tooltip asks); a later change to the mapping handed over leaves them as they were."""
    from desktop.document.change_marks import ChangeMarks

    marks = ChangeMarks()
    notes = {("p", "c"): ["Cost: likelihood 2 → 4", "Cost: impact 3 → 5"]}
    marks.set_marks(notes, "june.rrisk")
    notes[("q", "c")] = ["added after"]
    assert marks.notes("p", "c") == ("Cost: likelihood 2 → 4", "Cost: impact 3 → 5")
    assert marks.notes("q", "c") == () and marks.notes("p", "x") == ()
    assert marks.keys() == {("p", "c")} and ("p", "c") in marks and ("q", "c") not in marks
    assert marks and marks.against == "june.rrisk"
    marks.clear()
    assert not marks and marks.notes("p", "c") == ()


def test_the_report_tab_is_filled_when_first_shown_and_copied_whole_before(
    qtbot, monkeypatch
) -> None:
    """With everything changed at 2,000 × 40 the report is 14–26 MB: put into the Report tab
    as each comparison was shown, it held the window 2–4 s, the tab opened or not. The tab
    gets it when first shown (a long report a piece at a time); Copy Report copies it whole
    at any time."""
    from PySide6.QtGui import QGuiApplication

    from desktop.changes import view as view_module
    from desktop.changes.outline import build_outline
    from desktop.changes.view import ChangesView
    from rrisk.compare import compare

    first = build_outline(compare(_plants("2026-01-01", 2), _plants("2026-02-01", 4)), "a", "b")
    view = ChangesView()
    qtbot.addWidget(view)
    view.show()
    view.set_outline(first)
    assert view.tabs.currentWidget() is view.tree
    assert view.report.toPlainText() == ""  # not put in yet
    assert view.report_text() == first.report and "Plant 29" in first.report
    QGuiApplication.clipboard().clear()
    view.findChild(object, "changesCopyButton").click()
    assert QGuiApplication.clipboard().text() == first.report
    # A short report is there whole as soon as its tab is shown.
    view.tabs.setCurrentWidget(view.report)
    assert view.report.toPlainText() == first.report
    # A long one (here, pieces made small) shows its first lines at once, the rest after,
    # the view left at its top; Compare Again with the tab shown fills it anew.
    monkeypatch.setattr(view_module, "REPORT_PIECE", 40)
    second = build_outline(compare(_plants("2026-01-01", 1), _plants("2026-03-01", 5)), "c", "d")
    view.set_outline(second)
    shown = view.report.toPlainText()
    assert shown and len(shown) < len(second.report) and second.report.startswith(shown + "\n")
    view.findChild(object, "changesCopyButton").click()
    assert QGuiApplication.clipboard().text() == second.report
    qtbot.waitUntil(lambda: view.report.toPlainText() == second.report, timeout=10_000)
    assert view.report.textCursor().position() == 0
    assert not view.report.document().isUndoAvailable()


def test_a_comparison_under_way_shows_progress_and_can_be_cancelled(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    """A large pair takes many seconds to compare: a status line said so, with no way to stop
    it short of closing the window. A progress dialog names the file, leaves the window to
    work in, and its Cancel drops the comparison."""
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    window, june, job = _comparing_june(open_window, template_path, tmp_path, monkeypatch)
    progress = window.findChild(QProgressDialog, "compareProgress")
    assert progress is not None and progress.labelText() == "Comparing with june.rrisk…"
    assert progress.windowModality() == Qt.WindowModality.NonModal
    qtbot.waitUntil(progress.isVisible, timeout=10_000)
    button = progress.findChild(QPushButton)
    assert button.text() == "Cancel"
    button.click()
    assert job.cancelled and window.changes.job is None
    assert window.statusBar().currentMessage() == "Comparison cancelled"
    assert window.changes.progress is None
    pool = QThreadPool()
    pool.start(job)
    assert pool.waitForDone(60_000)
    qtbot.wait(50)
    assert window.changes.view is None and not window.controller.change_marks
    # Another comparison can start, and its dialog goes when it is shown.
    monkeypatch.undo()
    view = _compare(window, qtbot, june)
    assert view.lines() and window.changes.progress is None


def test_cancel_stops_reading_the_earlier_version_at_its_next_stop_point(
    open_window, template_path, tmp_path, held_decoding, qtbot, monkeypatch
):
    """Cancel while the earlier version is read: the read stops at its next stop point (it
    went on decoding, checking and comparing a large file to the end, the Cancel waited
    for), and nothing is said or shown."""
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    from rrisk import compare

    compared: list[object] = []
    real = compare.compare_or_baseline
    monkeypatch.setattr(
        compare, "compare_or_baseline", lambda *a, **k: compared.append(a) or real(*a, **k)
    )
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: errors.append(a[2]))
    window = open_window(template_path)
    assert window.changes.compare_with(str(_june(tmp_path)))
    qtbot.waitUntil(held_decoding.started.is_set, timeout=60_000)
    progress = window.findChild(QProgressDialog, "compareProgress")
    qtbot.waitUntil(progress.isVisible, timeout=10_000)
    progress.findChild(QPushButton).click()
    assert window.changes.job is None
    held_decoding.set()
    assert QThreadPool.globalInstance().waitForDone(60_000)
    qtbot.wait(10)  # (anything the cancelled job might still report, delivered)
    # Asked once unzipped (go on), then once decoded (stop): the earlier version was neither
    # checked nor compared, the rest of the read never done.
    assert held_decoding.answers == [False, True]
    assert held_decoding.checked == [] and compared == [] and errors == []
    assert window.changes.view is None and not window.controller.change_marks
    assert window.statusBar().currentMessage() == "Comparison cancelled"


def test_a_cancelled_compare_again_leaves_the_comparison_shown_as_it_was(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    """Cancel on Compare Again keeps the comparison shown, and what the view says of it: out
    of date after an edit, also once another scenario is chosen and the compared one again."""
    from PySide6.QtWidgets import QPushButton

    window = open_window(template_path)
    view = _compare(window, qtbot, _june(tmp_path))
    controller = window.controller
    assert controller.edit_cell("pikalevo-gallium", "sanctions", {"likelihood": 1})
    assert not view.stale.isHidden()
    held: list = []
    monkeypatch.setattr("desktop.changes.flow.start", held.append)
    assert window.changes.refresh()
    window.changes.progress.findChild(QPushButton).click()
    assert window.changes.job is None and window.changes.compared is not None
    scenario = controller.document.scenarios[0].id
    controller.set_scenario(scenario)
    controller.set_scenario(None)
    assert not view.stale.isHidden()
    assert view.stale.text().startswith("The assessment was edited after this comparison")


def test_a_failed_compare_again_leaves_the_comparison_shown_as_it_was(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    """Compare Again with an earlier version since removed says it cannot compare, and the
    comparison shown stays out of date after an edit (the note went once another scenario
    was chosen and the compared one again, as if the view were up to date)."""
    june = _june(tmp_path)
    window = open_window(template_path)
    view = _compare(window, qtbot, june)
    controller = window.controller
    assert controller.edit_cell("pikalevo-gallium", "sanctions", {"likelihood": 1})
    june.unlink()
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: errors.append(a[2]))
    assert window.changes.refresh()
    qtbot.waitUntil(lambda: window.changes.job is None, timeout=60_000)
    assert len(errors) == 1 and "june.rrisk: does not exist" in errors[0]
    controller.set_scenario(controller.document.scenarios[0].id)
    controller.set_scenario(None)
    assert not view.stale.isHidden()
    assert view.stale.text().startswith("The assessment was edited after this comparison")


def test_a_narrow_view_keeps_room_for_the_projects_names(qtbot) -> None:
    """In the dock as wide as it opens, the rank, index and band columns took the width and
    the projects' names were cut to two letters ('Pr'): the name column keeps room for a
    name's first words, the figures scroll."""
    from desktop.changes.outline import build_outline
    from desktop.changes.view import NAME_EMS, ChangesView
    from rrisk.compare import compare
    from rrisk.model import parse_assessment

    def document(as_of: str, likelihood: int):
        return parse_assessment(
            {
                "as_of": as_of,
                "criteria": [{"id": "c", "name": "Cost"}, {"id": "s", "name": "S", "weight": 2}],
                "projects": [{"id": f"p{i}", "name": f"Проект {i}"} for i in range(16)],
                "cells": {
                    f"p{i}": {
                        "c": {"likelihood": likelihood if i % 2 else 3, "impact": 3},
                        "s": {"likelihood": 2, "impact": i % 5 + 1},
                    }
                    for i in range(16)
                },
            }
        )

    outline = build_outline(compare(document("2026-01-01", 2), document("2026-02-01", 4)), "a", "b")
    view = ChangesView()
    qtbot.addWidget(view)
    view.resize(340, 700)
    view.show()
    view.set_outline(outline)
    qtbot.waitUntil(lambda: view.tree.header().sectionSize(1) > 0)
    em = view.fontMetrics().horizontalAdvance("M")
    assert view.tree.header().sectionSize(0) >= em * NAME_EMS
    view.resize(900, 700)  # wider: the names' column takes what the figures leave
    qtbot.waitUntil(lambda: view.tree.header().sectionSize(0) > em * NAME_EMS)
    header = view.tree.header()
    # The room kept is the names' alone: the rank column stays as wide as its figures.
    assert header.sectionSize(1) == max(header.sectionSizeHint(1), view.tree.sizeHintForColumn(1))
    assert header.sectionSize(1) < em * NAME_EMS
    qtbot.waitUntil(lambda: header.length() == view.tree.viewport().width())


def test_a_version_dated_after_the_open_one_is_called_later_and_said_to_read_backwards() -> None:
    """A colleague's copy dated after the open one was called 'Earlier', and its changes
    listed backwards (Tomtor 'excluded → 3') without a word; one of the same date, or
    undated, cannot be ordered and was called 'Earlier' all the same."""
    from desktop.changes.outline import build_outline
    from desktop.changes.view import ChangesView
    from rrisk.compare import compare

    june = new_from_template("russia-rare-earths-2025-06")
    november = new_from_template("russia-rare-earths")
    later = build_outline(compare(november, june), "november.rrisk", "june.rrisk")
    assert later.old_role == "Later"
    assert later.summary.startswith(
        "Note: the other version is dated 2025-11-01, after this one (2025-06-01): the "
        "changes read from it to this one, so what it added reads as removed (and what it "
        "removed as added)\n"
    )
    earlier = build_outline(compare(june, november), "june.rrisk", "november.rrisk")
    assert earlier.old_role == "Earlier"
    assert "Note:" not in earlier.summary
    copy = june.model_copy(update={"title": "A colleague's copy"}, deep=True)
    same_day = build_outline(compare(copy, june), "copy.rrisk", "june.rrisk")
    assert same_day.old_role == "Other" and "Note:" not in same_day.summary
    undated = copy.model_copy(update={"as_of": ""})
    assert build_outline(compare(undated, june), "copy.rrisk", "june.rrisk").old_role == "Other"
    view = ChangesView()
    view.set_outline(later)
    assert view.versions.text().splitlines()[:2] == [
        "Later: november.rrisk (as of 2025-11-01)",
        "This one: june.rrisk (as of 2025-06-01)",
    ]


def test_a_file_of_another_assessment_is_said_to_look_like_one() -> None:
    """A file sharing no project or criterion with the open one was listed as the whole
    assessment removed and added, as if rebuilt, without a word."""
    from desktop.changes.outline import build_outline
    from rrisk.compare import compare
    from rrisk.model import Assessment, Criterion, Project

    other = Assessment(
        title="Other", projects=[Project(id="x", name="X")], criteria=[Criterion(id="y", name="Y")]
    )
    november = new_from_template("russia-rare-earths")
    outline = build_outline(compare(other, november), "/data/june.rrisk", "november.rrisk")
    assert outline.summary.startswith(
        "Note: june.rrisk shares no project or criterion with this assessment: it looks like a "
        "different assessment, and every project and criterion is listed as removed and added.\n"
    )
    june = new_from_template("russia-rare-earths-2025-06")
    related = build_outline(compare(june, november), "/data/june.rrisk", "november.rrisk")
    assert "different assessment" not in related.summary
    blank = build_outline(compare(Assessment(title="New"), november), "blank.rrisk", "n.rrisk")
    assert "different assessment" not in blank.summary


def test_compare_asked_again_while_one_runs_says_so(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    """Compare with… chosen while a comparison ran did nothing and said nothing."""
    window = open_window(template_path)
    held: list = []
    monkeypatch.setattr("desktop.changes.flow.start", held.append)
    asked: list = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: asked.append(a) or ("", ""))
    )
    assert window.changes.compare_with(str(_june(tmp_path)))
    window.statusBar().clearMessage()
    window.menu_actions.compare.trigger()
    assert asked == [] and len(held) == 1
    assert "comparison is under way" in window.statusBar().currentMessage()
    assert window.changes.progress is not None and window.changes.progress.isVisible()
    window.statusBar().clearMessage()
    assert not window.changes.compare_saved()
    assert "comparison is under way" in window.statusBar().currentMessage()
    window.changes.cancel()


def test_counts_of_a_large_comparison_are_written_with_thousands_separators(
    open_window, tmp_path, qtbot
):
    from rrisk.model import Source

    old = new_from_template("blank")
    new = old.model_copy(deep=True)
    new.sources += [Source(id=f"s{i}", title=f"Report {i}") for i in range(1200)]
    paths = tmp_path / "old.rrisk", tmp_path / "new.rrisk"
    save(old, paths[0])
    save(new, paths[1])
    window = open_window(paths[1])
    view = _compare(window, qtbot, paths[0])
    assert view.summary.text().startswith("1,200 changes;")
    titles = [view.tree.topLevelItem(row).text(0) for row in range(view.tree.topLevelItemCount())]
    assert any(title.endswith("(1,200)") for title in titles), titles
    assert "Changes (1,200)" in view.report_text()


def test_a_comparison_under_way_says_which_of_its_stages_it_is_at(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    """A large pair takes many seconds: the dialog showed a busy bar and nothing else. The
    job reports each stage (reading the file, comparing, describing the changes), and the
    dialog shows which, as steps done of all."""
    from PySide6.QtWidgets import QProgressDialog

    from desktop.changes.job import STAGES

    window, june, job = _comparing_june(open_window, template_path, tmp_path, monkeypatch)
    progress = window.findChild(QProgressDialog, "compareProgress")
    assert progress.maximum() == STAGES and progress.value() == 0
    seen: list[tuple[int, str, str, int]] = []

    def reported(done: int, stage: str) -> None:  # after the dialog took it (connected first)
        seen.append((done, stage, progress.labelText(), progress.value()))

    job.signals.progress.connect(reported)
    with qtbot.waitSignal(window.changes.shown, timeout=60_000):
        job.work()  # here, so that each stage reaches the dialog as it is reported
    count = window.changes.compared.outline.change_count
    assert count > 1
    assert seen == [
        (0, "Reading june.rrisk…", "Comparing with june.rrisk…\nReading june.rrisk…", 0),
        (
            1,
            "Finding what changed and what it did to the results…",
            "Comparing with june.rrisk…\nFinding what changed and what it did to the results…",
            1,
        ),
        (
            2,
            f"Describing {count:,} changes…",
            f"Comparing with june.rrisk…\nDescribing {count:,} changes…",
            2,
        ),
    ]
    assert window.changes.progress is None  # closed once the comparison is shown


def test_describing_a_large_comparison_says_how_far_it_is_and_stops_at_cancel(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    """Describing 544,115 changes took most of a large comparison's time with nothing moving;
    the wording now says its percentage (here every change, as every 500th of a large one),
    the outline is the same, and a Cancel stops it where it is."""
    window, june, job = _comparing_june(open_window, template_path, tmp_path, monkeypatch)
    with qtbot.waitSignal(window.changes.shown, timeout=60_000):
        job.work()  # as a small comparison: no percentage
    before = window.changes.compared.outline
    monkeypatch.setattr("desktop.changes.outline.WORDED_STEP", 1)
    assert window.changes.compare_with(str(june))
    job = window.changes.job
    seen: list[str] = []
    job.signals.progress.connect(lambda done, stage: seen.append(stage))
    with qtbot.waitSignal(window.changes.shown, timeout=60_000):
        job.work()
    outline = window.changes.compared.outline
    assert outline == before
    stage = f"Describing {outline.change_count:,} changes…"
    percents = [int(text.split()[-1][:-1]) for text in seen if text.startswith(f"{stage} ")]
    assert seen[2] == stage and len(percents) > 10
    assert percents == sorted(percents) and percents[0] < 10 and percents[-1] == 99

    assert window.changes.compare_with(str(june))
    job = window.changes.job
    job.signals.progress.connect(
        lambda done, stage: progress_cancel(window) if stage.endswith("%") else None
    )
    stages: list[str] = []
    job.signals.progress.connect(lambda done, stage: stages.append(stage))
    shown: list = []
    window.changes.shown.connect(shown.append)
    job.work()
    assert job.cancelled and not shown
    assert stages[-1].endswith("%")  # stopped at the first percentage after the Cancel
    assert len([stage for stage in stages if stage.endswith("%")]) == 1


def progress_cancel(window) -> None:  # noqa: ANN001 - the window
    from PySide6.QtWidgets import QPushButton

    window.changes.progress.findChild(QPushButton).click()


def test_a_comparison_s_stages_are_said_aloud_once_its_dialog_shows(
    open_window, template_path, tmp_path, qtbot, monkeypatch, said_aloud
):
    """A screen reader read the dialog as it appeared, then nothing of the stages that
    followed, though a large pair takes half a minute or more; a quick comparison, its
    dialog never shown, says nothing of them."""
    from PySide6.QtWidgets import QProgressDialog

    window = open_window(template_path)
    held: list = []
    monkeypatch.setattr("desktop.changes.flow.start", held.append)
    june = _june(tmp_path)
    assert window.changes.compare_with(str(june))
    (job,) = held
    window.findChild(QProgressDialog, "compareProgress").show()
    said_aloud.clear()
    with qtbot.waitSignal(window.changes.shown, timeout=60_000):
        job.work()
    count = window.changes.compared.outline.change_count
    stages = [
        "Reading june.rrisk…",
        "Finding what changed and what it did to the results…",
        f"Describing {count:,} changes…",
    ]
    assert [text for text in said_aloud if text in stages] == stages

    assert window.changes.compare_with(str(june))
    job = held[-1]
    said_aloud.clear()
    with qtbot.waitSignal(window.changes.shown, timeout=60_000):
        job.work()
    assert not [text for text in said_aloud if text in stages]


def test_the_progress_dialog_shows_a_file_name_with_markup_as_typed(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    """A file named "<b>june.rrisk" made the dialog's text read as markup: the name lost its
    "<b>", and the stage under way ran into the line above."""
    from PySide6.QtWidgets import QLabel, QProgressDialog

    window = open_window(template_path)
    held: list = []
    monkeypatch.setattr("desktop.changes.flow.start", held.append)
    june = tmp_path / "<b>june.rrisk"
    save(new_from_template("russia-rare-earths-2025-06"), june)
    assert window.changes.compare_with(str(june))
    (job,) = held
    progress = window.findChild(QProgressDialog, "compareProgress")
    label = progress.findChild(QLabel)
    assert label.textFormat() == Qt.TextFormat.PlainText  # shown as typed, on its lines
    seen: list[str] = []
    job.signals.progress.connect(lambda *_: seen.append(label.text()))
    with qtbot.waitSignal(window.changes.shown, timeout=60_000):
        job.work()
    assert seen[0] == "Comparing with <b>june.rrisk…\nReading <b>june.rrisk…"
