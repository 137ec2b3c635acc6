"""The desktop's exports never write over the open assessment (a link to it named .csv or
.pdf), and its import shows the same refusals as the command line."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.files import memo_export


@pytest.fixture
def shown(monkeypatch):
    messages: list[str] = []

    def critical(_parent, _title, text, *_args, **_kwargs):
        messages.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(critical))
    return messages


def test_matrix_export_refuses_a_link_to_the_open_assessment(
    open_window, document_path, tmp_path, monkeypatch, shown
):
    window = open_window(document_path)
    before = document_path.read_bytes()
    link = tmp_path / "link.csv"
    link.symlink_to(document_path)
    assert window.exchange.export_to(link) is False
    assert shown and "this is the assessment itself" in shown[0]
    assert document_path.read_bytes() == before


def test_memo_export_refuses_a_link_to_the_open_assessment(
    open_window, document_path, tmp_path, monkeypatch, shown
):
    window = open_window(document_path)
    link = tmp_path / "link.pdf"
    link.symlink_to(document_path)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(link), ""))
    monkeypatch.setattr(memo_export, "confirm_export", lambda *a, **k: True)
    started = []
    monkeypatch.setattr(memo_export, "start", started.append)
    window.menu_actions.export_memo.trigger()
    assert not started and not window.memo.running
    assert shown and "this is the assessment itself" in shown[0]
