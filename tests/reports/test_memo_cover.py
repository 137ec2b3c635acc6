"""The memo's cover stays one page, whatever the length of its texts; the font coverage the
check uses is the font's own."""

from __future__ import annotations

from pdfread import ReadMemo, squash
from reportlab.pdfbase.ttfonts import TTFont

from reports.memo import build_memo
from rrisk.glyphs import FALLBACK_FONT_FILE, MEMO_FONT_FILES, font_coverage
from rrisk.resources import resource_path
from rrisk.templates import new_from_template

LONG_TITLE = (
    "Strategic review of the Russian rare-earth, niobium and gallium deposits under sanctions, "
    "export controls and the occupied-territory rules, with an allied comparator "
) * 3


def _cover_and_next(document) -> tuple[str, str]:  # noqa: ANN001
    memo = ReadMemo(build_memo(document))
    return memo.pages[0], memo.pages[1]


def test_a_long_title_is_cut_on_a_one_page_cover_and_printed_whole_below() -> None:
    document = new_from_template("russia-rare-earths")
    document.title = LONG_TITLE.strip()
    cover, following = _cover_and_next(document)
    assert following.startswith("Executive summary") or "Executive summary" in following[:200]
    assert "Page 1 of" in cover and "Document fingerprint" in cover
    assert "…" in cover
    # The whole title, in the details table's Title row.
    assert "Title " + squash(document.title) in cover


def test_every_cover_text_at_its_longest_keeps_the_cover_on_one_page() -> None:
    document = new_from_template("russia-rare-earths")
    document.title = "W" * 500  # one word: cut by characters
    document.subtitle = ("A subtitle that runs on " * 30)[:500]
    document.author = ("Author " * 80)[:500]
    document.organisation = ("Organisation " * 60)[:500]
    document.classification = ("Strictly confidential " * 30)[:500]
    cover, following = _cover_and_next(document)
    assert "Executive summary" in following[:200]
    assert "Page 1 of" in cover and "Document fingerprint" in cover
    assert "W" * 500 in cover.replace(" ", "")


def test_a_short_title_is_printed_once_at_full_size() -> None:
    document = new_from_template("russia-rare-earths")
    cover, _ = _cover_and_next(document)
    assert cover.count(document.title) == 1
    assert "…" not in cover


def test_the_checks_font_coverage_is_the_fonts_own() -> None:
    for name in MEMO_FONT_FILES:
        path = str(resource_path("fonts", name))
        mapped = {code for code, glyph in TTFont(name, path).face.charToGlyph.items() if glyph}
        assert font_coverage(path) == mapped, name
    # The fallback is the first font of a collection (.ttc).
    path = str(resource_path("fonts", FALLBACK_FONT_FILE))
    face = TTFont("fallback", path, subfontIndex=0).face
    assert font_coverage(path) == {code for code, glyph in face.charToGlyph.items() if glyph}


def test_a_long_author_is_cut_to_three_lines_with_its_ellipsis() -> None:
    from reports.context import MemoContext
    from reports.cover import DETAIL_LINES, _details
    from reports.styles import styles

    styles()
    document = new_from_template("russia-rare-earths")
    for spaced in (True, False):
        document.author = ("Firstname Lastname, " * 24) if spaced else "F" * 400
        table = _details(MemoContext.create(document, None), title_cut=False)
        table.wrap(170 * 72 / 25.4, 1000)
        cells = [tuple(row) for row in table._cellvalues]
        labels = [row[0][0] if isinstance(row[0], (list, tuple)) else row[0] for row in cells]
        row = next(i for i, label in enumerate(labels) if "Prepared by" in label.text)
        value = cells[row][1]
        value = value[0] if isinstance(value, (list, tuple)) else value
        assert value.text.endswith("…")
        # The paragraph as the cell lays it out: no fourth line for the ellipsis.
        width = table._colWidths[1] - 4.0
        assert value.wrap(width, 1000)[1] <= DETAIL_LINES * value.style.leading + 0.5
