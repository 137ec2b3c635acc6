"""The check before a memo screens the imported list the document records without freezing the
window: it reads the hits of the Screening tab's screening when that is current, else screens
off the window's thread with a Cancel, and says when the list was not checked."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from desktop_documents import make_document
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

import rrisk.screening.screen as screen
from desktop.document.controller import DocumentController
from desktop.files.memo_check import MemoCheckDialog, confirm_export
from desktop.screening.panel import ScreeningPanel
from rrisk.model import Assessment
from rrisk.screening.store import ListStore


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Imported lists go to a folder of the test's own, never the user's."""
    folder = tmp_path / "data"
    monkeypatch.setenv("RRISK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def listed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The lines the check's dialog lists (the dialog answers Cancel)."""
    lines: list[str] = []

    def answer(dialog: MemoCheckDialog) -> int:
        lines.extend(dialog.problem_list.item(i).text() for i in range(dialog.problem_list.count()))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(MemoCheckDialog, "exec", answer)
    return lines


def import_watch(tmp_path: Path, as_of: str = "2026-11-30") -> None:
    path = tmp_path / "watch.csv"
    path.write_text(
        '"id","schema","name","aliases","sanctions"\n'
        '"x-1","Company","Nickel Mining Limited","","US OFAC SDN - designated - 2026-01-05"\n',
        encoding="utf-8",
    )
    with ListStore() as store:
        store.import_file(path, "watch", as_of)


def watched_document() -> Assessment:
    doc = make_document()
    doc.projects[0].counterparties = ["Nickel Mining Ltd"]
    doc.screening.list_name = "watch"
    doc.screening.decisions = []
    return doc


def test_the_check_reads_the_hits_of_the_tabs_current_screening_and_searches_nothing(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, listed: list[str]
) -> None:
    """The tab has just screened the document against its list: the check before the memo
    screened every counterparty again, on the window's thread (seconds to minutes for a
    large list, the window frozen)."""
    import_watch(tmp_path)
    controller = DocumentController(watched_document())
    panel = ScreeningPanel(controller)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.current_report() is not None, timeout=15000)

    def searched(*_args: object) -> list:
        raise AssertionError("screened again")

    monkeypatch.setattr(screen, "search_counterparty", searched)
    monkeypatch.setattr(ListStore, "search", searched)
    confirm_export(panel, controller.document, None, screened=panel.current_report)
    (said,) = [line for line in listed if "no decision is recorded" in line]
    assert "“Nickel Mining Ltd” meets Nickel Mining Limited (x-1, score 1.00)" in said
    assert "on the list watch" in said


def test_a_screening_is_current_for_the_same_counterparties_and_import_only(
    qtbot, tmp_path: Path
) -> None:
    from rrisk.screening.screen import current_for

    import_watch(tmp_path)
    controller = DocumentController(watched_document())
    panel = ScreeningPanel(controller)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.current_report() is not None, timeout=15000)
    report = panel.current_report()
    assert report is not None
    renamed = watched_document()
    renamed.projects[0].counterparties = ["Nickel Mining Ltd", "Rostec"]
    assert not current_for(renamed, report)
    other = watched_document()
    other.screening.list_name = "RRisk-Template"  # the bundled list recorded now
    assert not current_for(other, report)
    import_watch(tmp_path, as_of="2026-12-15")  # imported again, a later version
    assert panel.current_report() is None


def test_the_check_screens_an_imported_list_off_the_window_thread(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, listed: list[str]
) -> None:
    """No current screening to read: the list is screened in a worker while the window
    paints (it was screened on the window's thread under a busy cursor)."""
    import_watch(tmp_path)
    parent = QWidget()
    qtbot.addWidget(parent)
    on_window_thread: list[bool] = []
    search = screen.search_counterparty

    def searched(*args):
        on_window_thread.append(threading.current_thread() is threading.main_thread())
        return search(*args)

    monkeypatch.setattr(screen, "search_counterparty", searched)
    confirm_export(parent, watched_document(), None)
    assert on_window_thread == [False]
    assert any("“Nickel Mining Ltd” meets Nickel Mining Limited" in line for line in listed)


def test_cancelling_the_checks_screening_says_the_list_was_not_checked(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, listed: list[str]
) -> None:
    import_watch(tmp_path)
    parent = QWidget()
    qtbot.addWidget(parent)
    release = threading.Event()
    search = screen.search_counterparty

    def slow(*args):
        release.wait(10)
        return search(*args)

    def cancel() -> None:
        dialogs = [d for d in parent.findChildren(QProgressDialog) if d.objectName()]
        if not dialogs:
            QTimer.singleShot(20, cancel)
            return
        assert dialogs[0].labelText() == "Checking counterparties against watch…"
        dialogs[0].canceled.emit()
        release.set()

    monkeypatch.setattr(screen, "search_counterparty", slow)
    QTimer.singleShot(0, cancel)
    confirm_export(parent, watched_document(), None)
    assert not [line for line in listed if "no decision is recorded" in line]
    (note,) = [line for line in listed if line.startswith("ℹ")]
    assert note == (
        "ℹ  screening: the list watch was not checked for hits nobody has decided: the check "
        "was cancelled before it had screened every counterparty against it"
    )


def test_a_window_closed_while_its_list_is_checked_asks_nothing_after(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, listed: list[str]
) -> None:
    """Closed (by Quit in another window) while the check screened: the check went on to the
    end, then listed its findings and asked for the memo's file over the closed window."""
    import_watch(tmp_path)
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()
    search = screen.search_counterparty

    def slow(*args):
        release.wait(10)
        return search(*args)

    def close() -> None:
        parent.close()
        release.set()

    monkeypatch.setattr(screen, "search_counterparty", slow)
    QTimer.singleShot(0, close)
    assert not confirm_export(parent, watched_document(), None)
    assert listed == []


@pytest.mark.parametrize("shown_before", [False, True])
def test_go_to_a_pending_hit_screens_its_list_once_and_selects_the_hit(
    open_window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown_before: bool
) -> None:
    """Go to on a hit the check found, the Screening tab not shown yet: its showing screened
    the list, then the link screened it again. Shown before on another list (the bundled one)
    and a counterparty edited since: the showing screened that list, then the link the hit's."""
    import desktop.screening.panel as panel_module
    from desktop.screening.tree_view import row_of
    from desktop.window.navigate import go_to
    from rrisk.fileformat import save

    import_watch(tmp_path)
    doc = watched_document()
    path = tmp_path / "case.rrisk"
    save(doc, path)
    window = open_window(path)
    panel = window.screening_panel
    project = doc.projects[0].id
    if shown_before:
        window.tabs.setCurrentWidget(panel)
        qtbot.waitUntil(lambda: panel.current_report() is not None, timeout=15000)
        panel.list_box.setCurrentIndex(0)  # the bundled list
        panel.screen_again()
        qtbot.waitUntil(lambda: panel.job is None, timeout=15000)
        window.tabs.setCurrentIndex(0)
        other = doc.projects[1]
        assert window.controller.edit_item(
            "project", other.id, {"counterparties": ["Someone Else"]}
        )
    screened: list[str] = []

    class Counted(panel_module.ScreenJob):
        def __init__(self, document: Assessment, list_name: str) -> None:
            screened.append(list_name)
            super().__init__(document, list_name)

    monkeypatch.setattr(panel_module, "ScreenJob", Counted)
    target = {
        "kind": "screening",
        "project": project,
        "list": "watch",
        "counterparty": "Nickel Mining Ltd",
        "entry": "x-1",
    }
    assert go_to(window, target)
    assert window.tabs.currentWidget() is panel
    key = ("hit", project, "Nickel Mining Ltd", "x-1")

    def selected() -> tuple[str, ...] | None:
        row = row_of(panel.tree.currentItem())
        return row.key if row is not None else None

    qtbot.waitUntil(lambda: panel.job is None and selected() is not None, timeout=15000)
    assert screened == ["watch"]
    assert panel.list_name() == "watch"
    assert selected() == key


def test_a_damaged_list_store_is_noted_with_what_to_do(
    qtbot, tmp_path: Path, data_dir: Path, listed: list[str]
) -> None:
    """The check's note on a list store that cannot be opened said why the list was not
    checked and nothing of what to do, which the Screening tab and the command line say."""
    import_watch(tmp_path)
    (store,) = data_dir.rglob("screening.sqlite3")
    store.write_bytes(b"not a database" * 100)
    parent = QWidget()
    qtbot.addWidget(parent)
    confirm_export(parent, watched_document(), None)
    (note,) = [line for line in listed if line.startswith("ℹ")]
    assert "the list watch was not checked" in note
    assert "the list store cannot be opened" in note
    assert note.endswith(
        "Delete that file (or move it aside) and import the lists again; assessments keep "
        "their decisions, and the bundled list can be screened meanwhile."
    )
