"""A screening under way shows the share of counterparties screened, and Stop ends it: the
lines stay those of the last screening finished, and the chooser goes back to their list
(the bar was busy without a share, and a list picked by mistake could only be waited out)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from desktop_documents import make_document
from PySide6.QtCore import QThreadPool

from desktop.document.controller import DocumentController
from desktop.screening.panel import ScreeningPanel
from rrisk.screening import screen
from rrisk.screening.listfile import bundled_list
from rrisk.screening.store import ListStore


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("RRISK_DATA_DIR", str(folder))
    return folder


def import_watch_list(folder: Path) -> None:
    path = folder / "watch.csv"
    path.write_text(
        "id,schema,name,aliases,sanctions\nw-1,Company,Nickel Mining Ltd,,US OFAC SDN\n",
        encoding="utf-8",
    )
    with ListStore() as store:
        store.import_file(path, "watch", "2026-01-31")


def three_counterparties():
    doc = make_document()
    names = ["Госкорпорация Ростех", "Nickel Mining Ltd", "Acme Ltd"]
    doc.projects = [doc.projects[0].model_copy(update={"counterparties": names})] + [
        p.model_copy(update={"counterparties": []}) for p in doc.projects[1:]
    ]
    return doc


def test_a_screening_shows_its_share_and_stop_keeps_the_lines_of_the_last_one(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = three_counterparties()
    import_watch_list(tmp_path)
    panel = ScreeningPanel(DocumentController(doc))
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.show()
    bundled = bundled_list().name
    qtbot.waitUntil(lambda: panel._report is not None, timeout=15000)
    assert panel.list_name() == bundled and not panel.stop_button.isVisible()
    shown = panel.summary.text()
    lines = panel.tree.topLevelItemCount()

    # The next screening waits after its first counterparty, until Stop is pressed.
    gate = threading.Event()
    searched: list[str] = []
    search = screen.search_counterparty

    def held(store, list_name: str, text: str):
        searched.append(text)
        if len(searched) > 1:
            gate.wait(30)
        return search(store, list_name, text)

    monkeypatch.setattr(screen, "search_counterparty", held)
    panel.list_box.setCurrentIndex(panel._position_of("watch"))  # screened at once
    assert panel.stop_button.isVisible() and panel.busy.isVisible()
    qtbot.waitUntil(lambda: panel.busy.maximum() == 3 and panel.busy.value() == 1, timeout=15000)
    assert panel.busy.toolTip() == "1 of 3 counterparties screened"

    panel.stop_button.click()
    gate.set()
    QThreadPool.globalInstance().waitForDone(30000)
    qtbot.wait(20)  # (any signal the job sent has arrived)
    assert len(searched) == 2  # stopped before the third counterparty
    assert not panel.stop_button.isVisible() and not panel.busy.isVisible()
    assert panel.job is None and panel.screen_button.isEnabled()
    # The lines are the bundled list's still, and the chooser names it again.
    assert panel._report.list_name == bundled and panel.list_name() == bundled
    assert panel.tree.topLevelItemCount() == lines
    said = panel.summary.text()
    assert said.startswith(
        f"Screening against watch stopped: the lines are those of the last screening, "
        f"against {bundled}."
    )
    assert shown in said


def test_screening_a_document_reports_each_counterparty_and_stops_when_asked() -> None:
    doc = three_counterparties()
    total = 3
    store, name, as_of = screen.bundled_store()
    told: list[tuple[int, int]] = []
    report = screen.screen_document(doc, store, name, as_of, progress=lambda *a: told.append(a))
    assert told == [(done, total) for done in range(1, total + 1)]
    assert sum(len(p.counterparties) for p in report.projects) == total
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1

    with pytest.raises(screen.ScreeningCancelled):
        screen.screen_document(doc, store, name, as_of, cancelled)
    store.close()
