"""Picking a list in the Screening tab screens it at once, however it is picked, and says so
while it runs (the rows shown are another list's until it is done)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from test_screening_panel import screening_document, write_list

from desktop.document.controller import DocumentController
from desktop.screening.panel import ScreeningPanel
from rrisk.screening.listfile import bundled_list
from rrisk.screening.store import ListStore


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("RRISK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def shown(qtbot, tmp_path: Path) -> ScreeningPanel:
    path = write_list(
        tmp_path / "watch.csv",
        [{"id": "w-1", "schema": "Company", "name": "Nickel Mining Limited",
          "sanctions": "US OFAC SDN - designated - 2026-01-05"}],
    )  # fmt: skip
    with ListStore() as store:
        store.import_file(path, "watch", "2026-11-30")
    widget = ScreeningPanel(DocumentController(screening_document()))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitUntil(lambda: widget._report is not None, timeout=15000)
    assert widget._report.list_name == bundled_list().name
    return widget


def started(panel: ScreeningPanel) -> list[str]:
    """The lists each screening started from now on is of."""
    names: list[str] = []
    original = panel.screen_again

    def spy() -> None:
        names.append(panel.list_name())
        original()

    panel.screen_again = spy  # type: ignore[method-assign]
    return names


@pytest.mark.parametrize("how", ["program", "keyboard"])
def test_a_list_chosen_is_screened_at_once_with_the_busy_bar_and_a_word(
    shown: ScreeningPanel, qtbot, how: str
) -> None:
    runs = started(shown)
    at = shown.list_box.findData("watch")
    if how == "program":  # an assistive technology, a script: no "activated" is sent
        shown.list_box.setCurrentIndex(at)
    else:
        shown.list_box.setFocus()
        qtbot.keyClick(shown.list_box, Qt.Key.Key_Down)
    assert shown.list_name() == "watch"
    assert runs == ["watch"]  # once, not once per signal
    assert shown.job is not None and shown.busy.isVisibleTo(shown)
    # Recording now would record the list of the lines still shown, not the one chosen.
    assert not shown.record_button.isEnabled()
    assert not shown.record_screening()
    assert shown._controller.document.screening.list_name == ""
    summary = shown.summary.text()
    assert summary.startswith("Screening against watch…")
    assert f"The lines below are those of {bundled_list().name} until it is done." in summary
    qtbot.waitUntil(lambda: shown._report.list_name == "watch", timeout=15000)
    assert not shown.busy.isVisibleTo(shown)
    assert shown.record_button.isEnabled()
    assert "screened against watch" in shown.summary.text()


def test_reading_the_lists_again_screens_nothing_and_the_same_pick_screens_again(
    shown: ScreeningPanel, qtbot
) -> None:
    runs = started(shown)
    shown.refresh_lists()  # the chooser is emptied and filled again, its list kept
    shown.list_box.showPopup()
    shown.list_box.hidePopup()
    assert runs == [] and shown.job is None
    shown.list_box.activated.emit(shown.list_box.currentIndex())  # the list shown, picked
    assert runs == [bundled_list().name]


def test_a_list_chosen_while_the_tab_is_hidden_is_screened_when_it_is_shown(
    shown: ScreeningPanel, qtbot
) -> None:
    runs = started(shown)
    shown.hide()
    shown.list_box.setCurrentIndex(shown.list_box.findData("watch"))
    assert runs == []
    shown.show()
    assert runs == ["watch"]
    qtbot.waitUntil(lambda: shown._report.list_name == "watch", timeout=15000)


def test_with_no_counterparty_named_the_summary_still_names_the_list_picked(
    qtbot, tmp_path: Path
) -> None:
    """It said only "No project names a counterparty yet", the same for every list: a pick
    looked lost."""
    path = write_list(tmp_path / "watch.csv", [{"id": "w-1", "name": "Acme Trading"}])
    with ListStore() as store:
        store.import_file(path, "watch", "2026-11-30")
    doc = screening_document()
    doc.projects = [p.model_copy(update={"counterparties": []}) for p in doc.projects]
    widget = ScreeningPanel(DocumentController(doc))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget._report is not None, timeout=15000)
    widget.list_box.setCurrentIndex(widget.list_box.findData("watch"))
    qtbot.waitUntil(lambda: widget._report.list_name == "watch", timeout=15000)
    summary = widget.summary.text()
    assert "nothing was screened against watch (as of 2026-11-30)" in summary
    assert "territory rules were checked" in summary and "Editors → Projects" in summary
