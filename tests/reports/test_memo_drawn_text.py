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


def test_a_long_arabic_name_is_shortened_to_fit_in_a_few_measures(monkeypatch) -> None:
    """A name shortened to a chart's label is measured at a few lengths, halving, not at
    every length: a 500-letter Arabic name, shaped anew at each, took seconds per label."""
    from reports import styles

    name = ("مناجم مروي للذهب " * 30)[:500]
    measured: list[int] = []
    real = styles.text_width

    def counted(text: str, font: str, size: float) -> float:
        measured.append(len(text))
        return real(text, font, size)

    monkeypatch.setattr(styles, "text_width", counted)
    fitted = fit_text(name, "RRiskSans", 8, 120)
    assert len(measured) < 20
    assert fitted.endswith("…") and name.startswith(fitted[:-1])
    assert real(fitted, "RRiskSans", 8) <= 120 < real(name[: len(fitted)] + "…", "RRiskSans", 8)
    # Latin text is cut where measuring every length cut it: the longest start that fits.
    text = "Tomtor niobium rare-earth deposit, Republic of Sakha"
    cut = next(n for n in range(len(text), -1, -1) if real(text[:n] + "…", "Helvetica", 8) <= 60)
    assert fit_text(text, "Helvetica", 8, 60) == text[:cut].rstrip() + "…"
