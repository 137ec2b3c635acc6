"""What "recorded" means in the Screening tab when a list is imported again under the same name
and as-of date with other entries: the recording (name and date in the file) does not cover
the new import, and "Record as screened" is offered again."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from desktop_documents import make_document

from desktop.document.controller import DocumentController
from desktop.screening.job import available_lists
from desktop.screening.panel import ScreeningPanel
from rrisk.model import Assessment
from rrisk.screening.store import ListStore

HEADER = ["id", "schema", "name", "aliases", "birth_date", "countries", "addresses",
          "identifiers", "sanctions", "phones", "emails", "dataset", "first_seen",
          "last_seen", "last_change"]  # fmt: skip
AS_OF = "2026-11-30"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("RRISK_DATA_DIR", str(folder))
    return folder


def write_list(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, HEADER, dialect=csv.unix_dialect)
        writer.writeheader()
        for row in rows:
            writer.writerow({key: row.get(key, "") for key in HEADER})
    return path


def document(recorded: bool = False) -> Assessment:
    doc = make_document()
    doc.projects = [
        p.model_copy(update={"counterparties": ["Nickel Mining Limited"]}) for p in doc.projects
    ]
    if recorded:
        doc.screening = doc.screening.model_copy(update={"list_name": "watch", "list_as_of": AS_OF})
    return doc


FIRST = [{"id": "w-1", "schema": "Company", "name": "Nickel Mining Limited",
          "sanctions": "EU - asset freeze - 2026-01-05"}]  # fmt: skip
CHANGED = [*FIRST, {"id": "w-2", "schema": "Company", "name": "Vostok Engineering"}]


def import_into_store(path: Path) -> None:
    with ListStore() as store:
        store.import_file(path, "watch", AS_OF)


def open_panel(qtbot, controller: DocumentController) -> ScreeningPanel:
    widget = ScreeningPanel(controller)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitUntil(lambda: widget._report is not None, timeout=15000)
    return widget


def screened_again(qtbot, widget: ScreeningPanel) -> None:
    before = widget._report
    widget.screen_again()
    qtbot.waitUntil(lambda: widget._report is not before, timeout=15000)


def test_a_list_imported_again_with_other_entries_can_be_recorded_again(
    qtbot, tmp_path: Path
) -> None:
    path = write_list(tmp_path / "watch.csv", FIRST)
    import_into_store(path)
    controller = DocumentController(document())
    widget = open_panel(qtbot, controller)
    widget.list_box.setCurrentIndex(widget._position_of("watch"))
    screened_again(qtbot, widget)
    assert widget.record_button.isEnabled()
    widget.record_button.click()
    assert (controller.document.screening.list_name, controller.document.screening.list_as_of) == (
        "watch",
        AS_OF,
    )
    assert not widget.record_button.isEnabled()
    steps = controller.undo_stack.count()

    # The same file again: the same import, still recorded.
    import_into_store(path)
    screened_again(qtbot, widget)
    assert not widget.record_button.isEnabled()
    assert "earlier import" not in widget.summary.text()

    # Imported again under the same name and date, with an entry more.
    write_list(path, CHANGED)
    import_into_store(path)
    screened_again(qtbot, widget)
    assert widget.record_button.isEnabled()
    said = " ".join(widget.summary.text().split())
    assert f"Screening recorded against watch (as of {AS_OF}), an earlier import of it" in said
    assert "Record as screened records this one" in said
    assert not widget.recorded()
    assert "from an earlier import of the list" in widget.record_button.toolTip()

    widget.record_button.click()
    assert widget.recorded()
    assert not widget.record_button.isEnabled()
    assert "earlier import" not in widget.summary.text()
    # Nothing in the file tells the imports apart: no edit, no unsaved change.
    assert controller.undo_stack.count() == steps
    assert widget.recorded_import() == widget._report.version


def test_a_document_opened_is_taken_as_recorded_against_the_import_held_then(
    qtbot, tmp_path: Path
) -> None:
    path = write_list(tmp_path / "watch.csv", FIRST)
    import_into_store(path)
    controller = DocumentController(document(recorded=True))
    widget = open_panel(qtbot, controller)
    assert widget._report.list_name == "watch"  # the recorded list, chosen
    assert widget.recorded() and not widget.record_button.isEnabled()
    held = widget.recorded_import()
    assert held is not None and held == widget._report.version

    write_list(path, CHANGED)
    import_into_store(path)  # by `rrisk lists import`, with the tab on screen
    screened_again(qtbot, widget)
    assert widget.record_button.isEnabled()
    assert "an earlier import of it" in widget.summary.text()

    # The same file opened again: it records name and date only, taken as of the import now.
    controller.set_document(document(recorded=True))
    qtbot.waitUntil(lambda: widget._report is not None, timeout=15000)
    assert widget.recorded_import() == widget._report.version
    assert not widget.record_button.isEnabled()


def test_a_decision_on_the_new_import_records_it(qtbot, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtCore import Qt

    from desktop.screening import dialogs
    from desktop.screening.tree import HIT
    from desktop.screening.tree_view import row_of

    path = write_list(tmp_path / "watch.csv", FIRST)
    import_into_store(path)
    controller = DocumentController(document(recorded=True))
    widget = open_panel(qtbot, controller)
    write_list(path, CHANGED)
    import_into_store(path)
    screened_again(qtbot, widget)
    assert widget.record_button.isEnabled()
    flags = Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive
    hits = [item for item in widget.tree.findItems("", flags) if row_of(item).kind == HIT]
    widget.tree.setCurrentItem(hits[0])
    answer = dialogs.DecisionAnswer("not them: another address", "")
    monkeypatch.setattr(dialogs, "ask_decision", lambda *args, **kwargs: answer)
    assert widget.dismiss_selected()
    assert not widget.record_button.isEnabled()  # the decision says the list screened


def test_the_lists_offered_tell_their_imports_as_a_screening_does(qtbot, tmp_path: Path) -> None:
    path = write_list(tmp_path / "watch.csv", FIRST)
    import_into_store(path)
    controller = DocumentController(document(recorded=True))
    widget = open_panel(qtbot, controller)
    choices, _problem, _busy = available_lists()
    (watch,) = [choice for choice in choices if choice.name == "watch"]
    assert watch.version == widget._report.version
