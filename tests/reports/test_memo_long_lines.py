"""Texts of thousands of short lines (a pasted list) in the memo: laid out in a time that
grows with their length, printed whole and in order."""

from __future__ import annotations

import re

import pytest
from pdfread import ReadMemo
from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus import Paragraph

from reports import styles as st
from reports.memo import build_memo
from rrisk.model import Assessment

LINES = 1_200


def _lines(prefix: str, count: int = LINES) -> str:
    return "\n".join(f"{prefix}{number}" for number in range(count))


def _long_texts(document: Assessment) -> Assessment:
    document.summary = _lines("sumline")
    document.recommendation = _lines("recline")
    document.projects[0].description = _lines("descline")
    if document.scenarios:
        document.scenarios[0].description = _lines("scenline")
    return document


def _lines_broken(document: Assessment, monkeypatch: pytest.MonkeyPatch) -> tuple[int, bytes]:
    """The lines reportlab breaks while the memo is built, and the memo."""
    broken = [0]
    real = Paragraph.breakLines

    def counting(self, widths):  # noqa: ANN001, ANN202
        lines = real(self, widths)
        broken[0] += len(lines.lines)
        return lines

    with monkeypatch.context() as patch:
        patch.setattr(Paragraph, "breakLines", counting)
        pdf = build_memo(document)
    return broken[0], pdf


def test_long_texts_are_broken_into_lines_about_once(memo_document, monkeypatch):
    # reportlab broke the rest of a paragraph into lines again at each page it ran onto: a
    # text of 10,000 lines took 28 s, the square of its length.
    plain, _ = _lines_broken(memo_document.model_copy(deep=True), monkeypatch)
    texts = 4 if memo_document.scenarios else 3
    broken, pdf = _lines_broken(_long_texts(memo_document), monkeypatch)
    # Each line is broken once, and again in the few pieces split at a page's foot.
    assert broken - plain < 2 * texts * LINES
    memo = ReadMemo(pdf)
    for prefix in ["sumline", "recline", "descline", "scenline"][:texts]:
        numbers = [int(n) for n in re.findall(rf"\b{prefix}(\d+)\b", memo.text)]
        assert numbers == list(range(LINES)), prefix


def test_a_text_that_can_fit_on_a_page_stays_one_paragraph():
    s = st.styles()
    lines = int(st.FRAME_HEIGHT // s.body.leading)
    assert len(st.long_para(_lines("x", lines), s.body)) == 1
    pieces = st.long_para(_lines("x", lines + 1), s.body)
    assert len(pieces) > 1
    # The pieces lie as the paragraph did: its spacing before and after, none between.
    assert [p.getSpaceBefore() for p in pieces] == [s.body.spaceBefore] + [0] * (len(pieces) - 1)
    assert [p.getSpaceAfter() for p in pieces] == [0] * (len(pieces) - 1) + [s.body.spaceAfter]
    text = []
    for piece in pieces:
        piece.wrap(400, 10_000)
        text += [" ".join(w.text for w in line.words).strip() for line in piece.blPara.lines]
    assert text == [f"x{n}" for n in range(lines + 1)]


def test_a_piece_split_at_a_page_foot_goes_on_with_its_next_line():
    # reportlab starts the rest of a paragraph cut after a line break with an empty line.
    s = st.styles()
    piece = st.long_para(_lines("x", 200), s.body)[1]
    piece.wrap(400, 10_000)
    first, rest = piece.split(400, 5 * s.body.leading)
    first.wrap(400, 10_000)
    rest.wrap(400, 10_000)
    assert len(first.blPara.lines) == 5
    assert len(rest.blPara.lines) == len(piece.blPara.lines) - 5
    assert rest.getSpaceBefore() == rest.getSpaceAfter() == 0


def test_pieces_of_a_right_to_left_text_keep_its_alignment():
    # A paragraph whose first letter is right to left is set against the right margin; so
    # is each of its pieces, whichever script its own first line is in.
    text = "\n".join(["مشروع المعادن", *(f"line {n}" for n in range(200))])
    pieces = st.long_para(text, st.styles().body)
    assert len(pieces) > 1
    for piece in pieces:
        piece.wrap(400, 10_000)
        _, style = st._visual_lines(piece.blPara, piece.style, piece._level)
        assert style.alignment == TA_RIGHT
