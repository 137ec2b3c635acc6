"""The Screening tab: hits with score and entry, decisions and overrides as undoable edits that
move the ranking, re-screening after edits, list import with progress, and a clean quit."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from desktop_documents import make_document
from PySide6.QtWidgets import QDialog, QLabel, QTreeWidgetItemIterator

from desktop.document.controller import DocumentController
from desktop.screening import dialogs
from desktop.screening.job import ImportJob, ListChoice, ScreenJob, available_lists
from desktop.screening.panel import ScreeningPanel
from desktop.screening.tree import COUNTERPARTY, HIT, PROJECT, TERRITORY, Row
from desktop.screening.tree_view import DECISION, row_of
from desktop.ui import style
from rrisk.model import Assessment
from rrisk.screening.listfile import bundled_list
from rrisk.screening.store import ListStore

HEADER = ["id", "schema", "name", "aliases", "birth_date", "countries", "addresses",
          "identifiers", "sanctions", "phones", "emails", "dataset", "first_seen",
          "last_seen", "last_change"]  # fmt: skip


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Imported lists go to a folder of the test's own, never the user's."""
    folder = tmp_path / "data"
    monkeypatch.setenv("RRISK_DATA_DIR", str(folder))
    return folder


def screening_document() -> Assessment:
    doc = make_document()
    updates = [
        {"counterparties": ["Госкорпорация Ростех", "Nickel Mining Ltd"]},
        {"counterparties": ["Российский фонд прямых инвестиций"]},
        {"region": "Запорожская область", "counterparties": []},
    ]
    doc.projects = [p.model_copy(update=u) for p, u in zip(doc.projects, updates, strict=True)]
    return doc


@pytest.fixture
def panel(qtbot) -> ScreeningPanel:
    controller = DocumentController(screening_document())
    widget = ScreeningPanel(controller)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitUntil(lambda: widget.tree.topLevelItemCount() == 3, timeout=15000)
    return widget


def items(panel: ScreeningPanel) -> Iterator:
    iterator = QTreeWidgetItemIterator(panel.tree)
    while iterator.value():
        yield iterator.value()
        iterator += 1


def find(panel: ScreeningPanel, test: Callable[[Row], bool]):
    for item in items(panel):
        row = row_of(item)
        if row is not None and test(row):
            return item
    raise AssertionError("no such line in the Screening view")


def hit_item(panel: ScreeningPanel, counterparty: str, entry_id: str):
    return find(
        panel,
        lambda r: r.kind == HIT and r.counterparty == counterparty and r.hit.entry_id == entry_id,
    )


def excluded(panel: ScreeningPanel, project: str) -> bool:
    result = panel._controller.result
    return bool(result.excluded[result.row_of(project)])


def accept_with(monkeypatch: pytest.MonkeyPatch, fill: Callable[[QDialog], None]) -> list:
    """Answer the next dialog: fill it in, check it may be accepted, accept it."""
    shown: list = []

    def run(dialog: QDialog) -> bool:
        fill(dialog)
        shown.append(dialog)
        assert dialog.accept_button.isEnabled()
        return True

    monkeypatch.setattr(dialogs, "run", run)
    return shown


def test_hits_show_matched_name_score_entry_and_programmes(panel: ScreeningPanel) -> None:
    rostec = hit_item(panel, "Госкорпорация Ростех", "rrisk-rostec")
    assert rostec.text(1) == "1.00"
    assert rostec.text(2) == "rrisk-rostec"
    assert "UK Russia sanctions regime" in rostec.text(3)
    assert rostec.text(DECISION) == "Pending"
    assert rostec.font(DECISION).bold()  # pending hits stand out
    assert "Ростех" in row_of(rostec).hit.matched_name  # the alias it met
    rdif = hit_item(panel, "Российский фонд прямых инвестиций", "rrisk-rdif")
    assert rdif.text(1) == "1.00"
    nickel = find(panel, lambda r: r.kind == COUNTERPARTY and r.counterparty == "Nickel Mining Ltd")
    assert nickel.childCount() == 0
    assert nickel.text(DECISION) == "No hit"
    panel.tree.setCurrentItem(rostec)
    detail = panel.detail.text()
    assert "rrisk-rostec" in detail and "score 1.00" in detail
    assert "Source: Fact sheet: US SDN 28 Jun 2022" in detail  # where the list has it from
    assert panel.confirm_button.isEnabled() and panel.dismiss_button.isEnabled()
    assert not panel.clear_button.isEnabled()  # nothing decided yet
    assert "3 hits" not in panel.summary.text() and "2 hits" in panel.summary.text()
    assert "2 pending" in panel.summary.text()


def test_confirming_a_blocking_hit_excludes_the_project_and_undo_restores(
    panel: ScreeningPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = panel._controller
    assert not excluded(panel, "p0")
    panel.tree.setCurrentItem(hit_item(panel, "Госкорпорация Ростех", "rrisk-rostec"))
    accept_with(monkeypatch, lambda d: d.note.setPlainText("Same register number"))
    assert panel.confirm_selected()
    decision = controller.document.screening.decision("p0", "Госкорпорация Ростех", "rrisk-rostec")
    assert decision is not None and decision.decision == "confirmed"
    assert decision.note == "Same register number"
    assert any("2022" in s for s in decision.sanctions)  # a copy of the entry's sanctions
    bundled = bundled_list()
    screening = controller.document.screening
    assert (screening.list_name, screening.list_as_of) == (bundled.name, bundled.as_of)
    assert excluded(panel, "p0")
    item = hit_item(panel, "Госкорпорация Ростех", "rrisk-rostec")
    assert item.text(DECISION) == "Confirmed — red line"
    assert panel.tree.currentItem() is item  # the selection survives the redraw
    assert panel.clear_button.isEnabled()
    project = find(panel, lambda r: r.kind == "project" and r.project == "p0")
    assert project.text(DECISION) == "Excluded"  # by what: the red line below it, and
    assert "Excluded: confirmed hit" in project.toolTip(DECISION)  # the whole status here

    controller.undo_stack.undo()
    assert controller.document.screening.decisions == []
    assert not excluded(panel, "p0")
    assert hit_item(panel, "Госкорпорация Ростех", "rrisk-rostec").text(DECISION) == "Pending"


def test_a_confirmed_hit_with_a_reason_is_not_a_red_line(
    panel: ScreeningPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel.tree.setCurrentItem(hit_item(panel, "Российский фонд прямых инвестиций", "rrisk-rdif"))

    def fill(dialog: QDialog) -> None:
        assert dialog.not_red_line.isVisibleTo(dialog)  # RDIF's programmes block
        dialog.not_red_line.setChecked(True)
        assert not dialog.accept_button.isEnabled()  # the reason is then required
        dialog.reason.setPlainText("Fund exited the project in 2024")

    accept_with(monkeypatch, fill)
    assert panel.confirm_selected()
    assert not excluded(panel, "p1")
    item = hit_item(panel, "Российский фонд прямых инвестиций", "rrisk-rdif")
    assert item.text(DECISION) == "Confirmed — not a red line"


def test_dismissing_needs_a_note_and_clearing_makes_it_pending(
    panel: ScreeningPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = panel._controller
    panel.tree.setCurrentItem(hit_item(panel, "Госкорпорация Ростех", "rrisk-rostec"))

    def fill(dialog: QDialog) -> None:
        assert not dialog.accept_button.isEnabled()  # no note yet
        dialog.note.setPlainText("Different company: a shop in Kazan")

    accept_with(monkeypatch, fill)
    assert panel.dismiss_selected()
    assert hit_item(panel, "Госкорпорация Ростех", "rrisk-rostec").text(DECISION) == "Dismissed"
    assert not excluded(panel, "p0")
    errors: list[str] = []
    controller.errorOccurred.connect(errors.append)
    from desktop.document.screening_edits import HitChoice

    empty = HitChoice("p0", "Госкорпорация Ростех", "rrisk-rostec", "Rostec", "x", 1.0, (),
                      "dismissed")  # fmt: skip
    assert not controller.decide_hit(empty, "l", "")
    assert "needs a note" in errors[-1]
    panel.tree.setCurrentItem(hit_item(panel, "Госкорпорация Ростех", "rrisk-rostec"))
    assert panel.clear_selected()
    assert hit_item(panel, "Госкорпорация Ростех", "rrisk-rostec").text(DECISION) == "Pending"
    assert controller.undo_stack.count() == 2


def test_dismissing_a_confirmed_hit_starts_from_an_empty_note(
    panel: ScreeningPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The confirmation's note (why the match is real) was offered as the reason to dismiss:
    one Ctrl+Enter lifted the red line with an argument for it."""
    panel.tree.setCurrentItem(hit_item(panel, "Госкорпорация Ростех", "rrisk-rostec"))

    def confirm(dialog: QDialog) -> None:
        dialog.note.setPlainText("Same registration number: it is Rostec")

    accept_with(monkeypatch, confirm)
    assert panel.confirm_selected()
    panel.tree.setCurrentItem(hit_item(panel, "Госкорпорация Ростех", "rrisk-rostec"))
    seen: list[str] = []

    def dismiss(dialog: QDialog) -> None:
        seen.append(dialog.note.toPlainText())
        assert not dialog.accept_button.isEnabled()
        dialog.note.setPlainText("Another company after all")

    accept_with(monkeypatch, dismiss)
    assert panel.dismiss_selected()
    assert seen == [""]
    panel.tree.setCurrentItem(hit_item(panel, "Госкорпорация Ростех", "rrisk-rostec"))
    # Dismissing again keeps the dismissal's own note to edit.
    accept_with(monkeypatch, lambda dialog: seen.append(dialog.note.toPlainText()))
    assert panel.dismiss_selected()
    assert seen[-1] == "Another company after all"


def test_territory_rule_excludes_and_an_override_needs_a_justification(
    panel: ScreeningPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = panel._controller
    rule = find(panel, lambda r: r.kind == TERRITORY and r.project == "p2")
    assert rule.text(DECISION) == "Red line"
    assert "EU" in rule.text(3) or "UN" in rule.text(3)  # the legal basis is shown
    assert excluded(panel, "p2")
    panel.tree.setCurrentItem(rule)
    assert panel.override_button.isEnabled() and not panel.restore_button.isEnabled()
    assert not panel.confirm_button.isVisible()  # only the buttons for this kind of line

    def fill(dialog: QDialog) -> None:
        assert not dialog.accept_button.isEnabled()
        dialog.text.setPlainText("Site lies west of the contact line, government-controlled")

    accept_with(monkeypatch, fill)
    assert panel.override_selected()
    assert not excluded(panel, "p2")
    # The Edit menu names the project as the other steps do, not by its id.
    name = controller.document.project("p2").name
    assert controller.undo_stack.undoText() == f"Override territory rule on {name}"
    rule = find(panel, lambda r: r.kind == TERRITORY and r.project == "p2")
    assert rule.text(DECISION) == "Overridden"
    assert "contact line" in panel.detail.text()
    assert panel.restore_selected()
    assert excluded(panel, "p2")
    assert controller.undo_stack.undoText() == f"Restore territory rule on {name}"
    controller.undo_stack.undo()
    assert not excluded(panel, "p2")
    controller.undo_stack.undo()
    assert excluded(panel, "p2")
    assert controller.document.screening.territory_overrides == []


def test_edited_counterparties_are_screened_again(panel: ScreeningPanel, qtbot) -> None:
    controller = panel._controller
    assert controller.edit_item("project", "p1", {"counterparties": ["PJSC Rosneft Oil Company"]})
    qtbot.waitUntil(lambda: any(
        row_of(i) is not None and row_of(i).kind == HIT and row_of(i).hit.entry_id == "rrisk-rosneft"
        for i in items(panel)
    ), timeout=15000)  # fmt: skip
    with pytest.raises(AssertionError):
        hit_item(panel, "Российский фонд прямых инвестиций", "rrisk-rdif")


def write_list(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, HEADER, dialect=csv.unix_dialect)
        writer.writeheader()
        for row in rows:
            writer.writerow({key: row.get(key, "") for key in HEADER})
    return path


def test_an_imported_list_is_offered_and_screened_against(
    panel: ScreeningPanel, qtbot, tmp_path: Path
) -> None:
    rows = [
        {"id": "x-1", "schema": "Company", "name": "Nickel Mining Limited",
         "sanctions": "US OFAC SDN - designated - 2026-01-05"},
        *({"id": f"y-{n}", "schema": "Person", "name": f"Person {n} Example"}
          for n in range(2000)),
    ]  # fmt: skip
    path = write_list(tmp_path / "watch.csv", rows)
    progress: list[int] = []
    assert panel.import_list(str(path), "watch", "2026-11-30")
    assert panel.importer.progress is not None  # a progress dialog with Cancel
    assert panel.importer.job is not None
    panel.importer.job.signals.progress.connect(progress.append)
    qtbot.waitUntil(lambda: panel.list_name() == "watch", timeout=15000)
    qtbot.waitUntil(lambda: panel._report is not None and panel._report.list_name == "watch",
                    timeout=15000)  # fmt: skip
    assert panel.import_button.isEnabled()
    labels = [panel.list_box.itemText(i) for i in range(panel.list_box.count())]
    assert any("watch" in text and "2,001 entries" in text and "2026-11-30" in text
               for text in labels)  # fmt: skip
    item = hit_item(panel, "Nickel Mining Ltd", "x-1")
    assert item.text(1) == "1.00"
    assert "Imported list watch: 2,001 entries." in panel.summary.text()
    with ListStore() as store:
        assert store.info("watch").entries == 2001


def test_a_cancelled_import_stores_nothing(tmp_path: Path, qtbot) -> None:
    path = write_list(tmp_path / "big.csv", [{"id": f"e{n}", "schema": "Person",
                                               "name": f"Name {n}"} for n in range(5000)])  # fmt: skip
    job = ImportJob(path, "big", "")
    outcome: list[str] = []
    job.signals.cancelled.connect(lambda: outcome.append("cancelled"))
    job.signals.finished.connect(lambda _info: outcome.append("finished"))
    job.cancel()
    job.run()
    assert outcome == ["cancelled"]
    with ListStore() as store:
        assert store.info("big") is None


def _older_store(tmp_path: Path) -> str:
    """The user's store with list "watch", as an older release (another index) left it."""
    import sqlite3

    path = write_list(tmp_path / "watch.csv", [{"id": "x-1", "schema": "Company",
                                                 "name": "Nickel Mining Limited"}])  # fmt: skip
    with ListStore() as store:
        store.import_file(path, "watch")
        location = store.path
    db = sqlite3.connect(location, isolation_level=None)
    db.execute("PRAGMA user_version = 1")
    db.close()
    return location


def test_listing_the_lists_does_not_index_an_older_store_on_the_gui_thread(
    tmp_path: Path,
) -> None:
    location = _older_store(tmp_path)
    choices, problem, busy = available_lists()
    assert (problem, busy) == ("", False)
    assert [c.label() for c in choices if not c.bundled] == ["watch (1 entry, no as-of date)"]
    with ListStore(location, reindex=False) as store:
        assert store.needs_reindex()  # left to the screening job, in the background


def test_a_screening_cancelled_while_the_store_is_indexed_again_reports_nothing(
    tmp_path: Path,
) -> None:
    location = _older_store(tmp_path)
    job = ScreenJob(screening_document(), "watch")
    outcome: list[object] = []
    job.signals.finished.connect(outcome.append)
    job.signals.failed.connect(outcome.append)
    job.cancel()
    job.run()
    assert outcome == []
    with ListStore(location, reindex=False) as store:
        assert store.needs_reindex()  # rolled back: indexed in full another time
    job = ScreenJob(screening_document(), "watch")
    job.signals.finished.connect(outcome.append)
    job.run()
    assert [report.list_name for report in outcome] == ["watch"]


def test_the_panel_says_when_a_screening_first_indexes_the_store_again(
    tmp_path: Path, qtbot
) -> None:
    _older_store(tmp_path)
    widget = ScreeningPanel(DocumentController(screening_document()))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget._report is not None, timeout=15000)
    position = widget.list_box.findData("watch")
    widget.list_box.setCurrentIndex(position)
    widget.list_box.activated.emit(position)  # as the user's choice does
    assert "indexed again after an update" in widget.summary.text()
    qtbot.waitUntil(lambda: widget._report.list_name == "watch", timeout=15000)
    widget.screen_again()  # the store is indexed now: no word of it
    assert widget.summary.text() == "Screening against watch…"
    qtbot.waitUntil(lambda: widget.job is None, timeout=15000)


def test_a_bad_list_file_is_reported_in_the_panel(panel: ScreeningPanel, qtbot, tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text("not,a,list\n1,2,3\n", encoding="utf-8")
    assert panel.import_list(str(path), "bad", "")
    qtbot.waitUntil(lambda: "not imported" in panel.summary.text(), timeout=15000)
    assert "bad.csv" in panel.summary.text()
    assert panel.import_button.isEnabled()


def test_import_dialog_checks_name_and_date(qtbot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = dialogs.ImportListDialog(parent, str(tmp_path / "ofac-2026.csv"), {"eu"}, "bundled")
    assert dialog.values() == ("ofac-2026", "")
    assert dialog.accept_button.isEnabled()
    dialog.as_of.setText("30.11.2026")
    assert not dialog.accept_button.isEnabled() and "YYYY-MM-DD" in dialog.problem.text()
    for other_form in ("20261130", "2026-W48-1", "٢٠٢٦-١١-٣٠"):
        dialog.as_of.setText(other_form)
        assert not dialog.accept_button.isEnabled(), other_form
    dialog.as_of.setText("2026-11-30")
    dialog.name.setText("bundled")
    assert not dialog.accept_button.isEnabled()
    dialog.name.setText("eu")
    assert dialog.accept_button.isEnabled() and "replaces" in dialog.problem.text()


def test_the_window_has_a_screening_tab_on_the_template(open_window, template_path, qtbot):
    window = open_window(template_path)
    panel = window.screening_panel
    assert window.tabs.indexOf(panel) >= 0
    assert panel._report is None  # nothing is screened until the tab is shown
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel._report is not None, timeout=15000)
    rosneft = hit_item(panel, "Rosneft", "rrisk-rosneft")
    assert rosneft.text(DECISION) == "Confirmed — red line"
    tomtor = find(panel, lambda r: r.kind == "project" and r.project == "tomtor")
    assert "Excluded" in tomtor.text(DECISION)
    assert "0 pending" in panel.summary.text()
    # Another document replaces the view's content; closing stops any screening.
    window.files.new_document()
    assert panel.tree.topLevelItemCount() == 0 or panel._report is None
    window.controller.undo_stack.setClean()
    window.close()


def test_closing_the_window_while_screening_runs_is_clean(open_window, template_path, qtbot):
    from PySide6.QtCore import QThreadPool

    window = open_window(template_path)
    panel = window.screening_panel
    window.tabs.setCurrentWidget(panel)
    assert panel.job is not None  # screening started off the GUI thread
    window.controller.undo_stack.setClean()
    window.close()
    assert not window.isVisible()
    assert panel.job is None  # cancelled with the window
    assert QThreadPool.globalInstance().waitForDone(15000)
    qtbot.wait(50)  # a late result reaches no deleted widget


def test_a_screening_with_no_hit_can_be_recorded_for_the_memo(qtbot) -> None:
    import io

    from pypdf import PdfReader

    from reports.memo import build_memo

    doc = make_document()
    doc.projects = [
        p.model_copy(update={"counterparties": ["Vostok Engineering"]}) for p in doc.projects
    ]
    controller = DocumentController(doc)
    widget = ScreeningPanel(controller)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget._report is not None, timeout=15000)
    assert "0 hits" in widget.summary.text()
    assert not controller.document.screening.list_name
    assert widget.record_button.isEnabled()
    widget.record_button.click()
    recorded = controller.document.screening
    assert recorded.list_name == widget._report.list_name and recorded.decisions == []
    assert recorded.list_as_of == (widget._report.list_as_of or "")
    assert controller.undo_stack.count() == 1
    assert not widget.record_button.isEnabled()  # recorded: nothing more to record
    memo = PdfReader(io.BytesIO(build_memo(controller.document)))
    text = " ".join(page.extract_text() for page in memo.pages)
    assert "records no screening" not in text
    assert f"screened against the list {recorded.list_name}" in " ".join(text.split())
    controller.undo_stack.undo()
    assert not controller.document.screening.list_name
    assert widget.record_button.isEnabled()


def test_the_details_go_under_the_list_when_the_tab_is_narrow(panel: ScreeningPanel, qtbot) -> None:
    from PySide6.QtCore import Qt

    panel.resize(600, 700)
    qtbot.waitUntil(lambda: panel.width() == 600)
    assert panel.splitter.orientation() == Qt.Orientation.Vertical
    assert panel.tree.width() > 500  # the names get the tab's width
    panel.resize(1400, 700)
    qtbot.waitUntil(lambda: panel.width() == 1400)
    assert panel.splitter.orientation() == Qt.Orientation.Horizontal
    assert panel.tree.width() > panel.detail.width()


def test_a_decision_dialog_is_accepted_with_ctrl_return_and_its_notes_are_named(qtbot):
    # Return adds a line to the note; Ctrl+Return presses Dismiss, once the note is written.
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog, QWidget

    from desktop.screening.dialogs import DecisionDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = DecisionDialog(parent, confirm=False, summary="Rosneft (0.95)", blocking=True)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    dialog.note.setFocus()
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()  # no note yet: Dismiss is not enabled
    qtbot.keyClicks(dialog.note, "Another Rosneft")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.note.toPlainText() == "Another Rosneft\n"
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert dialog.note.accessibleName() and dialog.reason.accessibleName()


def test_the_list_import_dialog_matches_names_in_any_case_and_refuses_a_future_date(qtbot):
    from PySide6.QtWidgets import QWidget

    from desktop.screening.dialogs import ImportListDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ImportListDialog(parent, "/tmp/ofac.csv", {"OFAC"}, "rrisk-template")
    dialog.name.setText("ofac")  # the update of the list imported as "OFAC"
    assert dialog.accept_button.isEnabled() and dialog.accept_button.text() == "&Replace"
    assert "'OFAC' exists" in dialog.problem.text()
    dialog.name.setText("RRISK-Template")
    assert not dialog.accept_button.isEnabled() and "bundled list" in dialog.problem.text()
    dialog.name.setText("eu-fsf")
    dialog.as_of.setText("2099-01-01")
    assert not dialog.accept_button.isEnabled() and "after today" in dialog.problem.text()
    dialog.as_of.setText("2025-06-30")
    assert dialog.accept_button.isEnabled() and dialog.accept_button.text() == "&Import"


def test_the_list_import_dialog_says_a_name_spaced_otherwise_replaces_the_list(qtbot):
    # The store takes "ofac  sdn" for the list "OFAC SDN" (case and spacing aside).
    from PySide6.QtWidgets import QWidget

    from desktop.screening.dialogs import ImportListDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ImportListDialog(parent, "/tmp/sdn.csv", {"OFAC SDN"}, "rrisk-template")
    dialog.name.setText("ofac  sdn")
    assert dialog.accept_button.text() == "&Replace"
    assert "'OFAC SDN' exists" in dialog.problem.text()


def test_the_list_chooser_makes_no_store_and_shows_the_bundled_list(tmp_path, monkeypatch):
    from desktop.screening.job import available_lists

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("RRISK_DATA_DIR", str(blocked / "data"))  # cannot be made
    choices, problem, _busy = available_lists()
    assert problem == "" and [c.bundled for c in choices] == [True]
    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "fresh"))
    assert available_lists()[1] == ""
    assert not (tmp_path / "fresh").exists()


def test_an_edit_that_screening_does_not_read_leaves_the_rows_alone(
    panel: ScreeningPanel, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A score, a weight or a rationale changes no row: rebuilding thousands of them on each
    such edit froze the window. What the rows read (a name, a decision) rebuilds them, and
    an edit made while the tab is hidden is shown when it is shown again."""
    controller = panel._controller
    built: list[int] = []
    real = panel.tree.show_rows
    monkeypatch.setattr(
        panel.tree,
        "show_rows",
        lambda *args: built.append(1) or real(*args),  # type: ignore[func-returns-value]
    )
    assert controller.edit_cell("p0", "c0", {"likelihood": 5, "rationale": "Rescored."})
    assert controller.edit_item("criterion", "c1", {"weight": 3.0})
    controller.undo_stack.undo()
    assert built == []
    assert controller.edit_item("project", "p0", {"name": "Renamed project"})
    assert built == [1]
    assert any("Renamed project" in item.text(0) for item in items(panel))
    panel.hide()
    assert controller.edit_item("project", "p0", {"name": "Renamed while hidden"})
    assert built == [1]
    panel.show()
    assert built == [1, 1]
    assert any("Renamed while hidden" in item.text(0) for item in items(panel))


def test_a_confirmed_hit_is_judged_on_its_recorded_programmes_as_the_ranking_is() -> None:
    """The list updated since (the entry delisted): the tab said "Confirmed (not blocking)"
    and the project "Clear" while the ranking still excluded it on the recorded decision. It
    now says what the ranking does, and that the list's programmes differ."""
    from desktop.screening.tree import build_rows
    from rrisk.model import parse_assessment
    from rrisk.scoring import score
    from rrisk.screening.screen import CounterpartyResult, ProjectResult, ScreeningReport
    from rrisk.screening.store import Hit

    recorded = ["US OFAC SDN - designated - 2022-12-15"]
    document = parse_assessment(
        {
            "criteria": [{"id": "s", "name": "Sanctions", "category": "sanctions"}],
            "projects": [{"id": "p", "name": "Plant", "counterparties": ["Oleg Deripaska"]}],
            "cells": {"p": {"s": {"likelihood": 2, "impact": 2}}},
            "screening": {
                "list_name": "upd",
                "decisions": [
                    {
                        "project": "p",
                        "counterparty": "Oleg Deripaska",
                        "list_name": "upd",
                        "entry_id": "od",
                        "entry_name": "Oleg DERIPASKA",
                        "sanctions": recorded,
                        "decision": "confirmed",
                    }
                ],
            },
        }
    )
    assert score(document).ranking()[0].status == "excluded"
    delisted = Hit("od", "Oleg DERIPASKA", "Person", "Oleg Deripaska", 1.0, ("delisted",))
    report = ScreeningReport(
        "upd",
        "",
        [ProjectResult("p", "Plant", "", [CounterpartyResult("Oleg Deripaska", [delisted])], [])],
    )
    (project,) = build_rows(report, document)
    (hit,) = project.children[0].children
    assert hit.status == "Confirmed — red line"
    assert hit.text.endswith("(list changed since)")
    assert project.status != "Clear"
    # The details name the programmes the red line stands on, not only the list's new ones.
    from desktop.screening.tree import describe

    detail = describe(hit, document)
    assert "• delisted" in detail
    # Whole in the details: the name column cut the advice at its bound.
    assert "programmes now differ from those recorded when the hit was confirmed" in detail
    assert "On the list now:<br>• delisted" in detail
    assert "Recorded when confirmed (the ranking goes by these):<br>• US OFAC SDN" in detail


def test_a_changed_hit_whose_list_gives_no_programme_says_none() -> None:
    """The list now gives the confirmed entry no programme: the details said "On the list
    now:" with nothing under it. They say none."""
    from desktop.screening.tree import build_rows
    from rrisk.model import parse_assessment
    from rrisk.scoring import score
    from rrisk.screening.screen import CounterpartyResult, ProjectResult, ScreeningReport
    from rrisk.screening.store import Hit

    recorded = ["US OFAC SDN - designated - 2022-12-15"]
    document = parse_assessment(
        {
            "criteria": [{"id": "s", "name": "Sanctions", "category": "sanctions"}],
            "projects": [{"id": "p", "name": "Plant", "counterparties": ["Oleg Deripaska"]}],
            "cells": {"p": {"s": {"likelihood": 2, "impact": 2}}},
            "screening": {
                "list_name": "upd",
                "decisions": [
                    {
                        "project": "p",
                        "counterparty": "Oleg Deripaska",
                        "list_name": "upd",
                        "entry_id": "od",
                        "entry_name": "Oleg DERIPASKA",
                        "sanctions": recorded,
                        "decision": "confirmed",
                    }
                ],
            },
        }
    )
    assert score(document).ranking()[0].status == "excluded"
    delisted = Hit("od", "Oleg DERIPASKA", "Person", "Oleg Deripaska", 1.0, ())
    report = ScreeningReport(
        "upd",
        "",
        [ProjectResult("p", "Plant", "", [CounterpartyResult("Oleg Deripaska", [delisted])], [])],
    )
    (project,) = build_rows(report, document)
    (hit,) = project.children[0].children
    from desktop.screening.tree import describe

    detail = describe(hit, document)
    assert "On the list now: none<br>" in detail
    assert "On the list now:<br>" not in detail
    assert "Recorded when confirmed (the ranking goes by these):<br>• US OFAC SDN" in detail


def test_at_the_end_of_an_import_the_dialog_offers_no_cancel_it_could_not_honour(
    tmp_path: Path, qtbot
) -> None:
    """From 100% the store replaces the list in one commit: a Cancel pressed then closed the
    dialog and the import went through. The button goes, and the dialog says why."""
    from PySide6.QtWidgets import QPushButton, QWidget

    from desktop.screening.importing import ListImporter

    path = write_list(tmp_path / "l.csv", [{"id": f"e{n}", "schema": "Person",
                                             "name": f"Name {n}"} for n in range(50)])  # fmt: skip
    parent = QWidget()
    qtbot.addWidget(parent)
    importer = ListImporter(parent)
    with qtbot.waitSignal(importer.imported, timeout=30_000):
        assert importer.start(str(path), "endlist", "")
        progress = importer.progress
        assert progress is not None
        importer._progress(1000)
        assert not any(b.text() == "Cancel" for b in progress.findChildren(QPushButton))
        assert "cannot be cancelled" in progress.labelText()
        progress.canceled.emit()  # Escape: nothing to cancel any more
    with ListStore() as store:
        assert store.info("endlist") is not None


def test_a_list_of_one_entry_is_announced_as_one_entry(
    panel: ScreeningPanel, qtbot, tmp_path: Path
) -> None:
    path = write_list(tmp_path / "single.csv", [{"id": "s-1", "name": "Acme Trading"}])
    assert panel.import_list(str(path), "single", "")
    qtbot.waitUntil(lambda: panel._report is not None and panel._report.list_name == "single",
                    timeout=15000)  # fmt: skip
    assert "Imported list single: 1 entry." in panel.summary.text()


def test_the_recorded_list_is_chosen_when_imported_again_in_another_case(
    qtbot, tmp_path: Path
) -> None:
    # "WATCH  list" replaced "Watch list" in the store; the document still names the latter.
    path = write_list(tmp_path / "watch.csv", [{"id": "w-1", "name": "Nickel Mining Limited"}])
    with ListStore() as store:
        store.import_file(path, "WATCH  list", "2026-11-30")
    doc = screening_document()
    doc.screening = doc.screening.model_copy(
        update={"list_name": "Watch list", "list_as_of": "2026-10-01"}
    )
    widget = ScreeningPanel(DocumentController(doc))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget._report is not None, timeout=15000)
    assert widget.list_name() == "WATCH  list"
    assert widget._report.list_name == "WATCH  list"


def test_a_list_imported_elsewhere_is_offered_when_the_tab_or_the_chooser_opens(
    panel: ScreeningPanel, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Imported by `rrisk lists import` or another window while this one is open.
    def offered() -> list[str]:
        return [panel.list_box.itemData(i) for i in range(panel.list_box.count())]

    path = write_list(tmp_path / "ofac.csv", [{"id": "o-1", "name": "Acme Trading"}])
    with ListStore() as store:
        store.import_file(path, "ofac", "2026-11-30")
    panel.hide()
    panel.show()
    assert "ofac" in offered()
    assert panel.list_name() == bundled_list().name  # the choice stays
    with ListStore() as store:
        store.import_file(path, "eu", "2026-11-30")
    panel.list_box.showPopup()
    assert "eu" in offered()
    panel.list_box.hidePopup()
    # While another window imports, the store cannot be read: the lists read before stand.
    panel.list_box.setCurrentIndex(offered().index("eu"))
    bundled_only = ([ListChoice(bundled_list().name, "", 11, True)], "the list store is busy", True)
    monkeypatch.setattr("desktop.screening.panel.available_lists", lambda: bundled_only)
    panel.hide()
    panel.show()
    assert "eu" in offered() and panel.list_name() == "eu"


def test_an_edited_country_is_screened_again(panel: ScreeningPanel, qtbot) -> None:
    # A country alone can place a project in a territory ("Country 'Crimea' lies in Crimea"),
    # and the ranking excludes it at once: the tab shows the rule too.
    controller = panel._controller
    assert controller.edit_item("project", "p1", {"country": "Crimea"})
    qtbot.waitUntil(lambda: any(
        row_of(i) is not None and row_of(i).kind == TERRITORY and row_of(i).project == "p1"
        for i in items(panel)
    ), timeout=15000)  # fmt: skip
    assert excluded(panel, "p1")


def test_the_import_dialog_knows_a_list_imported_elsewhere_meanwhile(
    panel: ScreeningPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Imported by `rrisk lists import` while the tab stayed on screen: importing a file of
    # that name replaces it, and the dialog says so.
    path = write_list(tmp_path / "ofac.csv", [{"id": "o-1", "name": "Acme Trading"}])
    with ListStore() as store:
        store.import_file(path, "ofac", "2026-11-30")
    monkeypatch.setattr(
        "desktop.screening.importing.QFileDialog.getOpenFileName",
        lambda *args, **kwargs: (str(path), ""),
    )
    said: list[str] = []

    def run(dialog: QDialog) -> bool:
        said.append(dialog.problem.text())
        return False

    monkeypatch.setattr(dialogs, "run", run)
    assert not panel.import_dialog()
    assert said == ["A list named 'ofac' (as of 2026-11-30) exists: importing replaces it."]


def test_the_import_dialog_warns_that_a_list_replaced_under_its_date_reads_as_recorded(
    qtbot,
) -> None:
    """A list imported again under its name and date with other entries: an assessment
    recorded against the old entries, reopened, reads as recorded against the new (it records
    the name and date only); the dialog said only that the list would be replaced."""
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    dates = {"OFAC": "2026-11-30"}
    dialog = dialogs.ImportListDialog(parent, "/tmp/ofac.csv", {"OFAC"}, "rrisk-template", dates)
    dialog.name.setText("ofac")
    dialog.as_of.setText("2026-12-07")
    said = dialog.problem.text()
    assert said == "A list named 'OFAC' (as of 2026-11-30) exists: importing replaces it."
    dialog.as_of.setText("2026-11-30")
    said = " ".join(dialog.problem.text().split())
    assert "It has this as-of date already" in said
    assert "one screened against the old entries will read as screened against the new" in said
    assert dialog.accept_button.isEnabled()  # said, not refused: the date may be right


def test_the_import_dialog_warns_too_when_a_list_without_a_date_is_replaced_without_one(
    qtbot,
) -> None:
    """An undated list imported again undated: an assessment records it by its name and no
    date, and reads as recorded against the new entries as a dated one does; the dialog said
    so only when both carried a date."""
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = dialogs.ImportListDialog(
        parent, "/tmp/w.csv", {"watch"}, "rrisk-template", {"watch": ""}
    )
    dialog.name.setText("watch")
    said = " ".join(dialog.problem.text().split())
    assert said.startswith(
        "A list named 'watch' exists: importing replaces it. It has no as-of date either"
    )
    assert "one screened against the old entries will read as screened against the new" in said
    dialog.as_of.setText("2026-12-07")  # dated now: told apart from the one held
    assert dialog.problem.text() == "A list named 'watch' exists: importing replaces it."
    # The dates not known (a caller giving none): nothing is claimed about them.
    unknown = dialogs.ImportListDialog(parent, "/tmp/w.csv", {"watch"}, "rrisk-template")
    unknown.name.setText("watch")
    assert unknown.problem.text() == "A list named 'watch' exists: importing replaces it."


def shown_panel(qtbot, doc: Assessment) -> ScreeningPanel:
    widget = ScreeningPanel(DocumentController(doc))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitUntil(lambda: widget._report is not None and widget.job is None, timeout=15000)
    return widget


def choose(panel: ScreeningPanel, qtbot, name: str) -> None:
    position = panel.list_box.findData(name)
    panel.list_box.setCurrentIndex(position)
    panel.list_box.activated.emit(position)  # as the user's choice does
    qtbot.waitUntil(lambda: panel._report.list_name == name and panel.job is None, timeout=15000)


def test_the_chosen_list_is_removed_after_a_confirmation_naming_it_and_the_chooser_falls_back(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    path = write_list(tmp_path / "watch.csv", [{"id": "w-1", "name": "Nickel Mining Limited"},
                                               {"id": "w-2", "name": "Acme Trading"}])  # fmt: skip
    with ListStore() as store:
        store.import_file(path, "watch", "2026-11-30")
        store.import_file(path, "eu", "2026-11-30")
    widget = shown_panel(qtbot, screening_document())
    button = widget.remove_button
    assert button.objectName() == "screeningRemoveList"
    assert button.accessibleName() == "Remove the chosen list"
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus  # reached with Tab
    assert button.text() == "&Remove list…"  # and with Alt+R (Alt+M is the Matrix tab)
    assert widget.list_name() == bundled_list().name
    assert not button.isEnabled()  # the bundled list stays
    assert not widget.remove_dialog()
    choose(widget, qtbot, "watch")
    assert button.isEnabled()
    shown: list[str] = []

    def run(dialog: QDialog) -> bool:
        shown.append(dialog.message.text())
        cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel.isDefault() and not dialog.accept_button.isDefault()  # Return keeps it
        return len(shown) > 1  # the first time: Cancel

    monkeypatch.setattr(dialogs, "run", run)
    assert not widget.remove_dialog()
    with ListStore() as store:
        assert store.info("watch") is not None
    assert widget.remove_dialog()
    assert "<b>watch</b> (2 entries, as of 2026-11-30)" in shown[-1]
    qtbot.waitUntil(lambda: widget._report.list_name == bundled_list().name, timeout=15000)
    qtbot.waitUntil(lambda: widget.job is None, timeout=15000)
    with ListStore() as store:
        assert [info.name for info in store.lists()] == ["eu"]
    offered = [widget.list_box.itemData(i) for i in range(widget.list_box.count())]
    assert offered == [bundled_list().name, "eu"]
    assert widget.list_name() == bundled_list().name
    assert widget.summary.text().startswith("Removed list watch (2 entries).")
    assert not button.isEnabled() and widget.import_button.isEnabled()


def test_a_removed_lists_decisions_stay_in_the_document_and_the_tab_says_the_list_is_gone(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As for an assessment from another computer, whose list was never imported here: the
    confirmed hit stays confirmed on its recorded programmes, listed as recorded."""
    from desktop.screening.tree import NOT_IN_STORE

    programmes = ["US OFAC SDN - designated - 2026-01-05"]
    doc = screening_document()
    doc.screening = doc.screening.model_validate(
        {
            "list_name": "Watch",
            "list_as_of": "2026-11-30",
            "decisions": [
                {
                    "project": "p0",
                    "counterparty": "Nickel Mining Ltd",
                    "list_name": "Watch",
                    "entry_id": "w-1",
                    "entry_name": "Nickel Mining Limited",
                    "sanctions": programmes,
                    "decision": "confirmed",
                    "note": "same register number",
                }
            ],
        }
    )
    elsewhere = shown_panel(qtbot, doc.model_copy(deep=True))  # the list never imported here
    assert NOT_IN_STORE in elsewhere.summary.text()
    path = write_list(tmp_path / "watch.csv", [{"id": "w-1", "name": "Nickel Mining Limited",
                                                "sanctions": programmes[0]}])  # fmt: skip
    with ListStore() as store:
        store.import_file(path, "Watch", "2026-11-30")
    widget = shown_panel(qtbot, doc)
    assert widget._report.list_name == "Watch"  # the recorded list, chosen
    assert NOT_IN_STORE not in widget.summary.text()
    assert excluded(widget, "p0")
    recorded = widget._controller.document.screening.model_dump()
    asked: list[str] = []
    accept_with(monkeypatch, lambda dialog: asked.append(dialog.kept.text()))
    assert widget.remove_dialog()
    assert asked[0].startswith("This assessment records screening against this list.")
    qtbot.waitUntil(lambda: widget._report.list_name == bundled_list().name, timeout=15000)
    # Nothing recorded in the document changed, and no edit was made.
    assert widget._controller.document.screening.model_dump() == recorded
    assert widget._controller.undo_stack.count() == 0
    assert excluded(widget, "p0")
    assert NOT_IN_STORE in widget.summary.text()
    item = hit_item(widget, "Nickel Mining Ltd", "w-1")
    row = row_of(item)
    assert row.hit.recorded_only and row.status == "Confirmed — red line"
    assert "(recorded decision; not on this list)" in row.text
    # Its counterparty has no hit on the list screened: the recorded decision is said apart
    # (it said "1 hit", where the summary below counts none for it).
    line = find(widget, lambda r: r.kind == COUNTERPARTY and r.counterparty == "Nickel Mining Ltd")
    # Its red line is said on its line too, in red (it read "No hit · 1 recorded", plain).
    assert line.text(DECISION) == "No hit · 1 recorded · red line"
    assert "No hit · 1 recorded decision · red line" in line.toolTip(DECISION)
    assert line.foreground(DECISION).color() == style.red_line_colour(widget.tree)
    # The bundled list's own hits are counted; the decision on Watch is counted apart.
    summary = widget.summary.text()
    said = "2 hits — 0 confirmed, 0 dismissed, 2 pending. 1 decision recorded on entries not on"
    assert f"{said} this list." in summary, summary
    widget.tree.setCurrentItem(item)
    detail = widget.detail.text()
    assert "Decided on the list Watch." in detail and "not in this computer's list store" in detail
    assert "• US OFAC SDN - designated - 2026-01-05" in detail


def test_a_list_held_by_an_import_or_removed_elsewhere_is_not_removed_and_the_tab_says_why(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from rrisk.screening.store import remove_list

    path = write_list(tmp_path / "watch.csv", [{"id": "w-1", "name": "Acme Trading"}])
    with ListStore() as store:
        store.import_file(path, "watch", "2026-11-30")
        location = store.path
    widget = shown_panel(qtbot, screening_document())
    choose(widget, qtbot, "watch")
    accept_with(monkeypatch, lambda dialog: None)
    holder = sqlite3.connect(location, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # as another window's import holds it
    try:
        assert widget.remove_dialog()
        assert not widget.remove_button.isEnabled() and not widget.import_button.isEnabled()
        qtbot.waitUntil(lambda: "The list was not removed" in widget.summary.text(),
                        timeout=15000)  # fmt: skip
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "the list store is busy: a list is being imported" in widget.summary.text()
    assert widget.list_name() == "watch" and widget.remove_button.isEnabled()
    with ListStore() as store:
        assert store.info("watch").entries == 1
    # Removed meanwhile by `rrisk lists remove`: the tab asks nothing and says so.
    remove_list("watch")
    monkeypatch.setattr(dialogs, "run", lambda dialog: pytest.fail("asked about another list"))
    assert not widget.remove_dialog()
    assert widget.list_name() == bundled_list().name
    qtbot.waitUntil(lambda: widget._report.list_name == bundled_list().name, timeout=15000)
    assert "The list watch is no longer in this computer's list store" in widget.summary.text()


def test_a_list_removed_by_another_window_is_left_for_the_recorded_or_bundled_one(
    qtbot, tmp_path: Path
) -> None:
    from rrisk.screening.store import remove_list

    path = write_list(tmp_path / "watch.csv", [{"id": "w-1", "name": "Acme Trading"}])
    with ListStore() as store:
        store.import_file(path, "watch", "2026-11-30")
    widget = shown_panel(qtbot, screening_document())
    choose(widget, qtbot, "watch")
    remove_list("WATCH")  # `rrisk lists remove` while the tab stays on screen
    widget.screen_again()  # an edit's screening, or Screen again
    qtbot.waitUntil(lambda: widget._report.list_name == bundled_list().name, timeout=15000)
    assert widget.list_name() == bundled_list().name
    assert widget.summary.text().startswith("The list watch is no longer in this computer's")
    assert "Screening failed" not in widget.summary.text()


GNOME_LETTERS = {"Cancel": "c", "OK": "o", "Save": "s", "Close": "c"}
"""The Alt letters GNOME's and KDE's themes give the standard buttons (&Cancel, &OK…)."""


@pytest.mark.parametrize("kind", ["ImportListDialog", "DecisionDialog", "OverrideDialog"])
def test_each_dialogs_buttons_and_fields_use_each_alt_letter_once(qtbot, kind) -> None:
    """Under GNOME or KDE, Cancel reads '&Cancel': '&Confirm' beside it made Alt+C only move
    between the two buttons, confirming nothing."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QLabel, QWidget

    from desktop.screening import dialogs

    parent = QWidget()
    qtbot.addWidget(parent)
    made = {
        "ImportListDialog": lambda: dialogs.ImportListDialog(parent, "/tmp/ofac.csv", set(), "x"),
        "DecisionDialog": lambda: dialogs.DecisionDialog(
            parent, confirm=True, summary="Rosneft (0.95)", blocking=True
        ),
        "OverrideDialog": lambda: dialogs.OverrideDialog(parent, "Mine", "Crimea"),
    }
    dialog = made[kind]()
    letters = []
    for button in dialog.findChildren(QAbstractButton):
        standard = dialog.buttons.standardButton(button)
        if standard != QDialogButtonBox.StandardButton.NoButton:
            letters.append(GNOME_LETTERS[button.text().replace("&", "")])
        elif found := re.search(r"&(\w)", button.text()):
            letters.append(found.group(1).casefold())
    for label in dialog.findChildren(QLabel):
        if label.buddy() is not None and (found := re.search(r"&(\w)", label.text())):
            letters.append(found.group(1).casefold())
    assert len(letters) == len(set(letters)), sorted(letters)


def test_a_project_placed_by_its_country_shows_the_country_in_the_details(
    panel: ScreeningPanel, qtbot
) -> None:
    """Only the country names Crimea: the details said "Region: not given" beside the
    territory's red line, with nothing to show where it came from."""
    controller = panel._controller
    assert controller.edit_item("project", "p1", {"region": "", "country": "Crimea"})
    qtbot.waitUntil(
        lambda: any(r.kind == TERRITORY and r.project == "p1" for r in map(row_of, items(panel)))
    )
    panel.tree.setCurrentItem(find(panel, lambda r: r.kind == PROJECT and r.project == "p1"))
    assert "Region: not given" in panel.detail.text()
    assert "Country: Crimea" in panel.detail.text()


@pytest.mark.parametrize(
    ("region", "status"),
    [
        ("Donetsk, Rostov oblast", "Not applied (Donetsk may be a namesake)"),
        ("Kherson Street, Haifa", "Not applied (named only in a street's name (“Kherson Street”))"),
        (
            "Kherson oblast, government-controlled",
            "Not applied (stated to be government-controlled)",
        ),
    ],
)
def test_a_rule_not_applied_says_why_in_the_decision_column(
    panel: ScreeningPanel, qtbot, region: str, status: str
) -> None:
    """A likely namesake or a street's name was shown as "Not applied (government-controlled)",
    which the region never said."""
    assert panel._controller.edit_item("project", "p1", {"region": region})
    qtbot.waitUntil(
        lambda: any(r.kind == TERRITORY and r.project == "p1" for r in map(row_of, items(panel)))
    )
    rule = find(panel, lambda r: r.kind == TERRITORY and r.project == "p1")
    assert rule.text(DECISION) == status


def test_an_override_without_a_justification_is_shown_and_can_be_taken_away(qtbot) -> None:
    """A file may record an override with no words: it sets nothing aside and the check names
    it ("write why in Screening, or remove it"), but the line read "Red line" alone and
    Restore rule was disabled, so nothing in the app could remove it."""
    from rrisk.screening.decisions import TerritoryOverride

    document = screening_document()
    document.screening.territory_overrides = [
        TerritoryOverride(project="p2", territory="zaporizhzhia", justification=" ")
    ]
    controller = DocumentController(document)
    panel = ScreeningPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.show()
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 3, timeout=15000)
    rule = find(panel, lambda r: r.kind == TERRITORY and r.project == "p2")
    assert rule.text(DECISION) == "Red line (override without a justification)"
    assert excluded(panel, "p2")
    panel.tree.setCurrentItem(rule)
    assert panel.restore_button.isEnabled()
    assert panel.restore_selected()
    assert controller.document.screening.territory_overrides == []
    assert excluded(panel, "p2")
    rule = find(panel, lambda r: r.kind == TERRITORY and r.project == "p2")
    assert rule.text(DECISION) == "Red line"
    controller.undo_stack.undo()
    assert len(controller.document.screening.territory_overrides) == 1
    # Screened again after the undo (the test ends with no screening on its way to a panel
    # that is freed when it returns): the line says so again.
    qtbot.waitUntil(
        lambda: (
            find(panel, lambda r: r.kind == TERRITORY and r.project == "p2").text(DECISION)
            == "Red line (override without a justification)"
        ),
        timeout=15000,
    )
    assert panel.job is None


def test_the_override_dialog_names_the_field_that_places_the_project(
    panel: ScreeningPanel, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the country names Crimea: the dialog said "The region of … names Crimea", of a
    project whose region names nothing."""
    assert panel._controller.edit_item("project", "p1", {"region": "Lviv", "country": "Crimea"})
    qtbot.waitUntil(
        lambda: any(r.kind == TERRITORY and r.project == "p1" for r in map(row_of, items(panel)))
    )
    panel.tree.setCurrentItem(find(panel, lambda r: r.kind == TERRITORY and r.project == "p1"))
    said: list[str] = []

    def fill(dialog: QDialog) -> None:
        said.append(dialog.findChild(QLabel).text())
        dialog.text.setPlainText("Head office only")

    accept_with(monkeypatch, fill)
    assert panel.override_selected()
    assert said[0].startswith("The country of <b>")
    rule = find(panel, lambda r: r.kind == TERRITORY and r.project == "p2")
    panel.tree.setCurrentItem(rule)
    accept_with(monkeypatch, fill)
    assert panel.override_selected()
    assert said[1].startswith("The region of <b>")


def test_a_decision_left_over_on_a_renamed_counterparty_is_listed_and_can_be_cleared(
    panel: ScreeningPanel, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = panel._controller
    panel.tree.setCurrentItem(hit_item(panel, "Госкорпорация Ростех", "rrisk-rostec"))
    accept_with(monkeypatch, lambda d: d.note.setPlainText("Rostec holds the stake"))
    assert panel.confirm_selected()
    controller.edit_item("project", "p0", {"counterparties": ["Rostec Group"]}, "Rename")
    qtbot.waitUntil(
        lambda: panel.job is None
        and not panel._rescreen_timer.isActive()
        and any(row_of(i) is not None and row_of(i).counterparty == "Rostec Group"
                for i in items(panel)),
        timeout=15000,
    )  # fmt: skip
    # The decision on the old name counts for nothing; the tab lists it so, not as nothing.
    left = hit_item(panel, "Госкорпорация Ростех", "rrisk-rostec")
    assert "left over" in left.text(0) and left.text(DECISION) == "Confirmed (left over)"
    assert "1 decision left over" in panel.summary.text()
    panel.tree.setCurrentItem(left)
    assert "no longer names this counterparty" in panel.detail.text()
    assert not panel.confirm_button.isEnabled() and not panel.dismiss_button.isEnabled()
    assert panel.clear_button.isEnabled()
    assert panel.clear_selected()
    assert controller.document.screening.decisions == []
    assert "left over" not in panel.summary.text()
    controller.undo_stack.undo()
    assert len(controller.document.screening.decisions) == 1


def test_clear_decision_and_restore_rule_by_keyboard_leave_the_focus_on_the_list(
    open_window, tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Clear decision's button goes (disabled, or hidden with its line when the decision was
    left over), as Restore rule's does: the focus goes to the list, where the line was, not on
    to the cell inspector's score, which the next keys changed."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from rrisk.fileformat import save

    path = tmp_path / "screened.rrisk"
    save(screening_document(), path)
    window = open_window(path)
    window.resize(1400, 900)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=10_000)
    panel = window.screening_panel
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 3, timeout=15000)
    controller = window.controller

    def press(button) -> None:
        button.setFocus()
        qtbot.waitUntil(button.hasFocus, timeout=10_000)
        qtbot.keyClick(button, Qt.Key.Key_Space)

    def clear_by_keyboard() -> None:
        press(panel.clear_button)

    panel.tree.setCurrentItem(hit_item(panel, "Госкорпорация Ростех", "rrisk-rostec"))
    accept_with(monkeypatch, lambda d: d.note.setPlainText("Rostec holds the stake"))
    assert panel.confirm_selected()
    clear_by_keyboard()
    assert controller.document.screening.decisions == []
    assert QApplication.focusWidget() is panel.tree
    assert row_of(panel.tree.currentItem()).key == (HIT, "p0", "Госкорпорация Ростех",
                                                    "rrisk-rostec")  # fmt: skip

    assert panel.confirm_selected()
    controller.edit_item("project", "p0", {"counterparties": ["Rostec Group"]}, "Rename")
    qtbot.waitUntil(
        lambda: (
            panel.job is None
            and not panel._rescreen_timer.isActive()
            and "left over" in hit_item(panel, "Госкорпорация Ростех", "rrisk-rostec").text(0)
        ),
        timeout=15000,
    )
    panel.tree.setCurrentItem(hit_item(panel, "Госкорпорация Ростех", "rrisk-rostec"))
    clear_by_keyboard()
    assert controller.document.screening.decisions == []
    assert QApplication.focusWidget() is panel.tree
    assert row_of(panel.tree.currentItem()).key == (PROJECT, "p0", "")  # the line is gone

    rule = find(panel, lambda r: r.kind == TERRITORY and r.project == "p2")
    panel.tree.setCurrentItem(rule)
    accept_with(monkeypatch, lambda d: d.text.setPlainText("West of the contact line"))
    assert panel.override_selected()
    press(panel.restore_button)
    assert controller.document.screening.territory_overrides == []
    assert QApplication.focusWidget() is panel.tree
    assert row_of(panel.tree.currentItem()).kind == TERRITORY


def test_a_damaged_list_store_is_said_on_the_tab_in_the_stores_words(
    qtbot, damaged_store: Path
) -> None:
    """Cut short, not a database, other tables, or an older store whose names cannot be read
    (read as the tab asked whether it was to be indexed again: sqlite3's DatabaseError went
    unhandled out of the tab's showing): the bundled list offered, and the store's line."""
    controller = DocumentController(screening_document())
    panel = ScreeningPanel(controller)
    qtbot.addWidget(panel)
    panel.show()
    assert [panel.list_box.itemData(i) for i in range(panel.list_box.count())] == [
        bundled_list().name
    ]
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 3, timeout=15000)
    said = panel.summary.text()  # once the bundled list is screened too
    assert said.startswith(
        f"Imported lists are not available: {damaged_store}: the list store cannot be opened ("
    ), said
    assert "screened against rrisk-template" in said


def test_a_damaged_list_store_is_said_at_every_showing_with_what_to_do(
    qtbot, damaged_store: Path
) -> None:
    """Said the first time the tab was shown; at the next showings it was taken for a store
    busy with an import, the lists read before kept and the damage said nowhere."""
    from rrisk.screening.listfile import damaged_store_help

    DAMAGED_STORE_HELP = damaged_store_help()  # noqa: N806

    controller = DocumentController(screening_document())
    panel = ScreeningPanel(controller)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 3, timeout=15000)
    for _showing in range(2):
        panel.hide()
        panel.show()
        said = panel.summary.text()
        assert said.startswith(
            f"Imported lists are not available: {damaged_store}: the list store cannot be opened ("
        ), said
        assert said.endswith(DAMAGED_STORE_HELP), said
        panel.screen_again()
        qtbot.waitUntil(lambda: "screened against rrisk-template" in panel.summary.text())
        assert DAMAGED_STORE_HELP in panel.summary.text()
    damaged_store.unlink()  # mended: deleted, as the line says
    panel.hide()
    panel.show()
    panel.screen_again()
    qtbot.waitUntil(lambda: "screened against rrisk-template" in panel.summary.text())
    assert "not available" not in panel.summary.text()


def test_a_store_that_may_not_be_opened_is_said_without_advice_to_delete_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder in the store file's place (as a store the user may not open): the tab said to
    delete it and import the lists again, as of a damaged one."""
    from rrisk.screening.listfile import damaged_store_help
    from rrisk.screening.store import DATA_DIR_ENV, STORE_FILE

    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    path = tmp_path / "data" / STORE_FILE
    path.mkdir(parents=True)
    choices, problem, busy = available_lists()
    assert [choice.name for choice in choices] == [bundled_list().name] and not busy
    assert problem.startswith(f"{path}: the list store cannot be opened (unable to open"), problem
    assert damaged_store_help() not in problem


def test_a_hit_sought_on_a_list_whose_screening_failed_is_not_jumped_to_later(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Go to a hit of a list whose screening then failed: the hit sought stayed, and the
    screening of another list picked later jumped to the same entry there."""
    from rrisk.screening import screen

    for name in ("aaa", "bbb"):
        path = write_list(tmp_path / f"{name}.csv", [{"id": "w-1", "name": "Nickel Mining Ltd"}])
        with ListStore() as store:
            store.import_file(path, name, "2026-11-30")
    widget = shown_panel(qtbot, screening_document())
    project = widget._controller.document.projects[0].id
    screen_as_is = screen.screen_document

    def failing(document, store, name, as_of, *more):  # noqa: ANN001, ANN202
        if name == "aaa":
            raise RuntimeError("disk gone")
        return screen_as_is(document, store, name, as_of, *more)

    monkeypatch.setattr(screen, "screen_document", failing)
    widget.select_hit("aaa", project, "Nickel Mining Ltd", "w-1")
    qtbot.waitUntil(lambda: "Screening failed" in widget.summary.text(), timeout=15000)
    choose(widget, qtbot, "bbb")
    current = row_of(widget.tree.currentItem()) if widget.tree.currentItem() else None
    assert current is None or current.key != (HIT, project, "Nickel Mining Ltd", "w-1")
