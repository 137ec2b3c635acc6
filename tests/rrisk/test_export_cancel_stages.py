"""A cancelled matrix export stops in whatever stage it is: gathering the rows, making a CSV,
zipping a workbook. It asked only between stages, and a large matrix ran on for seconds after
its Cancel (the window's close and the app's exit waited for it)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import rrisk.exchange as exchange
from rrisk.templates import new_from_template


@pytest.fixture
def document():
    return new_from_template("russia-rare-earths")  # 56 cells


def test_a_cancel_while_the_rows_are_gathered_stops_before_their_texts_are_encoded(
    document, monkeypatch
):
    import rrisk.workbook

    monkeypatch.setattr(exchange, "_CHECK_EVERY", 7)
    encoded: list[str] = []
    real = rrisk.workbook.encode_text
    monkeypatch.setattr(rrisk.workbook, "encode_text", lambda t: encoded.append(t) or real(t))
    asked = [0]

    def cancelled() -> bool:
        asked[0] += 1
        return asked[0] >= 3  # the third question: while the rows are gathered

    with pytest.raises(exchange.ExportCancelled):
        exchange.matrix_table(document, Path("matrix.xlsx"), cancelled)
    assert encoded == []


def test_a_cancel_while_the_workbook_is_zipped_stops_it_quietly(document, monkeypatch, capfd):
    from openpyxl.writer.excel import ExcelWriter

    monkeypatch.setattr(exchange, "_CHECK_EVERY_BYTES", 1_000)
    zipping = [False]
    real = ExcelWriter.write_data

    def write_data(self):  # noqa: ANN001, ANN202
        zipping[0] = True
        return real(self)

    monkeypatch.setattr(ExcelWriter, "write_data", write_data)
    with pytest.raises(exchange.ExportCancelled):
        exchange.matrix_table(document, Path("matrix.xlsx"), lambda: zipping[0])
    gc.collect()  # the zip left behind is closed as it goes: nothing printed then
    assert "Exception ignored" not in capfd.readouterr().err


def test_a_csv_is_made_in_pieces_each_asking_and_reporting_and_reads_as_one(document, monkeypatch):
    whole = exchange.matrix_table(document, Path("matrix.csv"))
    monkeypatch.setattr(exchange, "_CSV_CHUNK_ROWS", 10)
    reported: list[int] = []
    pieces = exchange.matrix_table(
        document, Path("matrix.csv"), lambda: False, lambda done, _total: reported.append(done)
    )
    assert pieces == whole
    assert reported == [0, 10, 20, 30, 40, 50, 56]
    again: list[int] = []  # a Cancel once 20 rows are made stops the rest
    with pytest.raises(exchange.ExportCancelled):
        exchange.matrix_table(
            document, Path("matrix.csv"), lambda: bool(again) and again[-1] >= 20,
            lambda done, _total: again.append(done),
        )  # fmt: skip
    assert again == [0, 10, 20]
