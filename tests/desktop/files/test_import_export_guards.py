"""The desktop's exports never write over the open assessment or the earlier version a memo
is compared with (a link to it named .csv or .pdf), and its import shows the same refusals as
the command line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from window_steps import import_through_menu

from desktop.files import memo_export


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


@pytest.mark.parametrize("asked_from", ["file menu", "changes view"])
def test_memo_with_changes_refuses_a_link_to_the_earlier_version(
    open_window, document_path, small_document, tmp_path, monkeypatch, shown, asked_from, qtbot
):
    from types import SimpleNamespace

    from desktop.files import jobs
    from rrisk.fileformat import save

    earlier = tmp_path / "earlier.rrisk"
    save(small_document, earlier)
    before = earlier.read_bytes()
    link = tmp_path / "memo.pdf"
    link.symlink_to(earlier)
    window = open_window(document_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(earlier), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(link), ""))
    monkeypatch.setattr(memo_export, "confirm_export", lambda *a, **k: True)
    started = []
    # The earlier version chosen in the File menu is read, the memo's job only recorded.
    monkeypatch.setattr(
        memo_export,
        "start",
        lambda job: jobs.start(job) if isinstance(job, jobs.EarlierJob) else started.append(job),
    )
    if asked_from == "file menu":
        assert window.memo.export_since_file()
        qtbot.waitUntil(lambda: not window.memo.running, timeout=60_000)
    else:
        compared = SimpleNamespace(old=small_document, path=str(earlier), files=())
        assert window.memo.export_since(compared) is False
    assert not started and not window.memo.running
    assert shown and "this is the earlier version itself" in shown[0]
    assert earlier.read_bytes() == before


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (("header", "Red line", "Red line (yes/no)"), "did you mean 'Red line'?"),
        (("value", "Project", "\u200b"), "column 'Project': the name prints nothing"),
        (("merge", "Status", "M2:M3"), "cells M2:M3: are merged (column 'Status')"),
    ],
)
def test_the_import_refuses_what_it_cannot_read_whole_and_changes_nothing(
    open_window, document_path, tmp_path, monkeypatch, shown, edit, said
):
    from openpyxl import load_workbook

    from rrisk.exchange import COLUMNS, export_matrix
    from rrisk.model import assessment_to_data

    window = open_window(document_path)
    before = assessment_to_data(window.controller.document)
    table = tmp_path / "edited.xlsx"
    export_matrix(window.controller.document, table)
    book = load_workbook(table)
    sheet = book.active
    kind, column, value = edit
    if kind == "header":
        sheet.cell(1, COLUMNS.index(column) + 1, value)
    elif kind == "value":  # every row of the first project
        for row in range(2, sheet.max_row + 1):
            if sheet.cell(row, 1).value == sheet.cell(2, 1).value:
                sheet.cell(row, COLUMNS.index(column) + 1, value)
    else:
        sheet.merge_cells(value)
    book.save(table)
    import_through_menu(window, monkeypatch, table)
    assert shown and said in shown[0]
    assert assessment_to_data(window.controller.document) == before


@pytest.mark.parametrize("header", ["My notes", "<b>My notes</b> &amp;"])
def test_a_column_the_import_does_not_read_is_named_after_the_import(
    open_window, document_path, tmp_path, monkeypatch, shown, header
):
    """An analyst's own column of notes: the import goes ahead (one undo step) and a box that
    does not hold up the window names the column it left out, as typed (never as markup)."""
    from openpyxl import load_workbook

    from rrisk.exchange import COLUMNS, export_matrix

    window = open_window(document_path)
    table = tmp_path / "notes.xlsx"
    export_matrix(window.controller.document, table)
    book = load_workbook(table)
    sheet = book.active
    sheet.cell(1, len(COLUMNS) + 1, header)
    sheet.cell(2, len(COLUMNS) + 1, "call the partner")
    sheet.cell(2, COLUMNS.index("Rationale") + 1, "Edited beside the notes")
    book.save(table)
    boxes = []
    window.exchange.unreadShown.connect(boxes.append)
    import_through_menu(window, monkeypatch, table)
    assert not shown  # not refused
    assert window.controller.undo_stack.count() == 1
    assert len(boxes) == 1 and not boxes[0].isModal()
    assert f"column '{header}' is not one of the table's columns" in boxes[0].text()
    assert boxes[0].textFormat() == Qt.TextFormat.PlainText
    boxes[0].close()


def test_the_notes_after_an_import_name_the_table_once_and_no_except(
    open_window, document_path, tmp_path, monkeypatch, shown
):
    """A number where a text was expected is imported as it reads: the box says the matrix
    was imported and gives the note, the table's path not repeated in front of it (and not
    under "except", as if the number had been left out)."""
    from openpyxl import load_workbook

    from rrisk.exchange import COLUMNS, export_matrix

    window = open_window(document_path)
    table = tmp_path / "numbers.xlsx"
    export_matrix(window.controller.document, table)
    book = load_workbook(table)
    book.active.cell(2, COLUMNS.index("Rationale") + 1, 0.15)
    book.save(table)
    boxes = []
    window.exchange.unreadShown.connect(boxes.append)
    import_through_menu(window, monkeypatch, table)
    assert not shown and window.controller.undo_stack.count() == 1
    letter = chr(ord("A") + COLUMNS.index("Rationale"))
    assert boxes[0].text() == (
        "The matrix was imported from numbers.xlsx.\n\n"
        f"cell {letter}2 (Rationale): holds a number where text is expected, imported as the "
        "number reads (a spreadsheet stores '15%' typed there as 0.15); to keep what was typed, "
        "format the column as Text and type it again"
    )
    boxes[0].close()
