"""A matrix export's table is made a piece of rows at a time, a Cancel asked between pieces:
made in one piece, 200,000 cells took about half a second that no Cancel stopped."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

import rrisk.exchange as exchange
from rrisk.templates import new_from_template


@pytest.fixture
def document():
    document = new_from_template("russia-rare-earths")  # 56 cells
    # Some cells left blank: a piece of them alone reads the score columns otherwise.
    project = document.projects[0].id
    for criterion in document.criteria[:3]:
        document.cells.get(project, {}).pop(criterion.id, None)
    return document


def test_a_cancel_while_the_table_is_made_stops_after_one_piece(document, monkeypatch):
    monkeypatch.setattr(exchange, "_FRAME_CHUNK_ROWS", 10, raising=False)
    made: list[int] = []
    real = pd.DataFrame

    def counted(data=None, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        made.append(len(data))
        return real(data, *args, **kwargs)

    monkeypatch.setattr(pd, "DataFrame", counted)
    with pytest.raises(exchange.ExportCancelled):
        exchange.matrix_table(document, Path("matrix.csv"), lambda: bool(made))
    assert made == [10]  # the first piece; the other 46 rows were never made into a table


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_table_made_in_pieces_is_the_table_made_in_one(document, monkeypatch, suffix):
    whole = exchange.matrix_table(document, Path(f"matrix{suffix}"))
    monkeypatch.setattr(exchange, "_FRAME_CHUNK_ROWS", 7, raising=False)
    pieces = exchange.matrix_table(document, Path(f"matrix{suffix}"), lambda: False)
    if suffix == ".csv":
        assert pieces == whole
    else:
        one, made = (pd.read_excel(io.BytesIO(data), dtype=object) for data in (whole, pieces))
        assert one.equals(made)
