"""A name typed without its suffix ("matrix") is written with it (matrix.xlsx); when that file
exists the app asks before replacing it, as the save dialog asks only about the name as typed.
Export Matrix replaced an analyst's own workbook without a word."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.files import memo_export


def _dialog_answers(monkeypatch, path, chosen_filter=""):
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), chosen_filter))
    )


def _questions(monkeypatch, answer):
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a[2]) or answer)
    )
    return asked


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_matrix_asks_before_replacing_the_file_it_would_write(
    open_window, document_path, tmp_path, monkeypatch, suffix
):
    from desktop.files.exchange import CSV_FILTER

    window = open_window(document_path)
    existing = tmp_path / f"matrix{suffix}"
    existing.write_bytes(b"the analyst's own workbook")
    _dialog_answers(monkeypatch, tmp_path / "matrix", CSV_FILTER if suffix == ".csv" else "")
    asked = _questions(monkeypatch, QMessageBox.StandardButton.No)
    assert window.exchange.export_dialog() is False
    assert existing.read_bytes() == b"the analyst's own workbook"
    assert len(asked) == 1 and str(existing) in asked[0] and "Replace" in asked[0]

    asked = _questions(monkeypatch, QMessageBox.StandardButton.Yes)
    assert window.exchange.export_dialog() is True
    assert existing.read_bytes() != b"the analyst's own workbook"
    assert len(asked) == 1


def test_no_question_when_the_name_is_new_or_typed_whole(
    open_window, document_path, tmp_path, monkeypatch
):
    window = open_window(document_path)
    asked = _questions(monkeypatch, QMessageBox.StandardButton.No)
    _dialog_answers(monkeypatch, tmp_path / "fresh")
    assert window.exchange.export_dialog() is True
    assert (tmp_path / "fresh.xlsx").exists()
    # Typed with its suffix: the dialog itself asked (and said yes).
    _dialog_answers(monkeypatch, tmp_path / "fresh.xlsx")
    assert window.exchange.export_dialog() is True
    assert asked == []


def test_memo_export_asks_before_replacing_the_file_it_would_write(
    open_window, template_path, tmp_path, monkeypatch
):
    window = open_window(template_path)
    existing = tmp_path / "memo.pdf"
    existing.write_bytes(b"%PDF last committee's memo")
    _dialog_answers(monkeypatch, tmp_path / "memo")
    started = []
    monkeypatch.setattr(memo_export, "start", started.append)
    asked = _questions(monkeypatch, QMessageBox.StandardButton.No)
    window.menu_actions.export_memo.trigger()
    assert any(str(existing) in text for text in asked)
    assert started == [] and not window.memo.running
    assert existing.read_bytes() == b"%PDF last committee's memo"


def test_memo_export_under_the_word_filter_writes_word_when_the_suggested_name_is_kept(
    open_window, template_path, tmp_path, monkeypatch
):
    window = open_window(template_path)
    # A dialog that leaves the suggested name as it is when the Word filter is chosen.
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(
            lambda parent, title, suggested, filters: (
                str(tmp_path / Path(suggested).name),
                memo_export.WORD_FILTER,
            )
        ),
    )
    started = []
    monkeypatch.setattr(memo_export, "start", started.append)
    monkeypatch.setattr(memo_export, "confirm_export", lambda *a, **k: True)
    window.menu_actions.export_memo.trigger()
    assert len(started) == 1
    assert started[0]._path.endswith("-ic-memo.docx")
    window.memo.job = None

    # A name the user typed as .pdf stays a PDF, whatever the filter.
    _dialog_answers(monkeypatch, tmp_path / "mine.pdf", memo_export.WORD_FILTER)
    window.menu_actions.export_memo.trigger()
    assert started[1]._path == str(tmp_path / "mine.pdf")
    window.memo.job = None


def test_export_matrix_under_the_csv_filter_writes_csv_when_the_suggested_name_is_kept(
    open_window, document_path, tmp_path, monkeypatch
):
    """A dialog that leaves the suggested '…-matrix.xlsx' when the CSV filter is chosen
    (GTK's) gave a workbook, as the memo export gave a PDF under the Word filter."""
    from desktop.files.exchange import CSV_FILTER

    window = open_window(document_path)
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(
            lambda parent, title, suggested, filters: (
                str(tmp_path / Path(suggested).name),
                CSV_FILTER,
            )
        ),
    )
    assert window.exchange.export_dialog() is True
    written = sorted(path.name for path in tmp_path.glob("*-matrix.*"))
    assert written == [f"{document_path.stem}-matrix.csv"]
    assert (tmp_path / written[0]).read_bytes()[:2] != b"PK"  # not a workbook
    # A name typed as .xlsx stays a workbook, whatever the filter.
    _dialog_answers(monkeypatch, tmp_path / "mine.xlsx", CSV_FILTER)
    assert window.exchange.export_dialog() is True
    assert (tmp_path / "mine.xlsx").read_bytes()[:2] == b"PK"
