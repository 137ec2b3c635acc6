"""Text drawn on one line (the page header, chart labels) never shows a tab or a line break
as a box: they become spaces."""

from __future__ import annotations

from pdfread import ReadMemo

from reports.memo import build_memo
from reports.styles import drawn_text, fit_text
from rrisk.templates import new_from_template


def test_drawn_text_is_one_line() -> None:
    assert drawn_text("Title\nwith\r\n breaks\tand\ttabs") == "Title with breaks and tabs"
    assert fit_text("A\tB\nC", "Helvetica", 8, 500) == "A B C"


def test_the_page_header_and_the_tornado_print_no_box_for_a_break() -> None:
    document = new_from_template("russia-rare-earths")
    document.title = "Rare earths\nNovember\tcase"
    document.criterion("sanctions").name = "Sanc\ttions\nexposure"
    memo = ReadMemo(build_memo(document))
    later = " ".join(memo.pages[1:])
    assert "Rare earths November case" in later
    assert "Sanc tions exposure" in later
    assert "\ufffd" not in later and "□" not in later


def test_a_character_beyond_the_basic_plane_reads_back_as_itself() -> None:
    """U+1F600 drew right but read back as U+1F60 ("ὠ"): reportlab wrote its ToUnicode entry
    with four hex digits. Searching, copying and screen readers use that layer."""
    document = new_from_template("russia-rare-earths")
    document.summary = "Emoji \U0001f600 and \u00e9 here."
    data = build_memo(document)
    text = ReadMemo(data).text
    assert "Emoji \U0001f600 and \u00e9 here." in text
