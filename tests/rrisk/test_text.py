"""Page references print once with their unit, in the app and the memo."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("page", "label"),
    [
        ("2", "p. 2"),
        ("p. 2", "p. 2"),
        ("P.2", "P.2"),
        ("pp. 3-4", "pp. 3-4"),
        ("3–4", "pp. 3–4"),
        ("page 5", "page 5"),
        ("Pages 5, 7", "Pages 5, 7"),
        ("§ 12", "§ 12"),
        ("  ", ""),
        # A reference that opens with a word names its own unit: a table, an annex, a
        # figure, a Russian or German page ("с.", "S."); roman numerals are pages.
        ("Table 4", "Table 4"),
        ("Annex II", "Annex II"),
        ("fig. 3", "fig. 3"),
        ("с. 45", "с. 45"),
        ("стр. 12–14", "стр. 12–14"),
        ("S. 12", "S. 12"),
        ("paragraphs 3-4", "paragraphs 3-4"),
        ("iv", "p. iv"),
        ("XII", "p. XII"),
        ("A1", "p. A1"),
        ("12f", "p. 12f"),
    ],
)
def test_a_page_that_names_its_unit_is_not_prefixed_again(page: str, label: str) -> None:
    from rrisk.text import page_label

    assert page_label(page) == label


def test_the_memo_never_prints_p_p() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent.parent / "reports"))
    from pdfread import ReadMemo

    from reports.memo import build_memo
    from rrisk.templates import new_from_template

    document = new_from_template("russia-rare-earths")
    cell = document.cell("tomtor", "sanctions")
    cell.evidence[0].page = "p. 17"
    text = " ".join(ReadMemo(build_memo(document)).text.split())
    assert "p. 17" in text and "p. p." not in text


def test_tables_pad_by_the_columns_a_name_takes() -> None:
    from rrisk.text import display_width, pad

    assert display_width("Tomtor") == 6
    assert display_width("稀土项目") == 8  # wide characters take two columns
    assert display_width("Cafe\u0301") == 4  # a combining accent takes none
    # Vowel signs above or below a letter take none, though their combining class is 0:
    # Burmese ချီ (kha, medial ya, vowel sign ii), Thai ที่ (tho, sara ii, mai ek).
    assert display_width("\u1001\u103b\u102e") == 2
    assert display_width("\u0e17\u0e35\u0e48") == 1
    assert pad("稀土", 6) == "稀土  " and pad("ab", 4, right=True) == "  ab"


def test_the_score_table_lines_up_names_in_any_script(tmp_path) -> None:
    import subprocess
    import sys

    from rrisk.fileformat import save
    from rrisk.model import parse_assessment
    from rrisk.text import display_width

    document = parse_assessment(
        {
            "criteria": [{"id": "c", "name": "C"}],
            "projects": [
                {"id": "a", "name": "稀土项目 中国"},
                {"id": "b", "name": "Tomtor"},
                {"id": "d", "name": "Café\u0301 mine"},
            ],
            "cells": {
                p: {"c": {"likelihood": 2, "impact": k}} for k, p in enumerate("abd", start=2)
            },
        }
    )
    path = tmp_path / "w.rrisk"
    save(document, path)
    out = subprocess.run(
        [sys.executable, "-m", "rrisk", "score", str(path)], capture_output=True, text=True
    ).stdout.splitlines()
    rows = [line for line in out if line.strip()[:1].isdigit()]
    assert len(rows) == 3
    # The band column starts at the same display column on every row.
    bands = ("Low", "Medium", "High", "Critical")
    starts = {display_width(row[: min(row.index(b) for b in bands if b in row)]) for row in rows}
    assert len(starts) == 1, rows


def test_names_alike_are_told_apart_by_their_ids() -> None:
    from types import SimpleNamespace as Item

    from rrisk.text import names_apart

    items = [
        Item(id="cost", name="Cost"),
        Item(id="cost-2", name=" COST"),
        Item(id="t", name="Time"),
    ]
    assert names_apart(items) == {"cost": "Cost (cost)", "cost-2": " COST (cost-2)", "t": "Time"}


def test_invisible_characters_take_no_column() -> None:
    """A name holding a zero-width space shifted its row of `rrisk score` by a column."""
    from rrisk.text import display_width, pad

    assert display_width("Tom\u200btor") == display_width("Tom\u2060tor\u200e") == 6
    assert display_width("Томтор") == 6 and display_width("北京") == 4
    assert pad("Tom\u200btor", 8) == "Tom\u200btor  "


def test_marks_that_draw_nothing_print_nothing() -> None:
    from rrisk.text import prints_nothing

    assert prints_nothing("\u034f") and prints_nothing("\ufe0f \u200b")
    assert not prints_nothing("a\u034f") and not prints_nothing("\u2764\ufe0f")


def test_the_fast_forbidden_test_agrees_with_the_pattern_on_every_character() -> None:
    from rrisk.text import FORBIDDEN, has_forbidden

    # Every BMP code point (surrogates included) alone, after ASCII text and after other text.
    for code in range(0x10000):
        char = chr(code)
        for text in (char, f"plain {char} text", f"Отчёт {char}", f"{char}é"):
            assert has_forbidden(text) == (FORBIDDEN.search(text) is not None), (code, text)
    for text in ("", "ascii only", "\U0001f600 emoji", "x" * 10_000 + "\x7f", "\t\n\r"):
        assert has_forbidden(text) == (FORBIDDEN.search(text) is not None), text


def test_a_field_holding_a_right_to_left_mark_is_isolated_as_right_to_left_text_is() -> None:
    # U+200F is right to left to the bidirectional rules (it turns a date set after it);
    # U+200E is of the line's own direction, as the Latin letters beside it are.
    from rrisk.glyphs import has_right_to_left
    from rrisk.text import isolated

    assert isolated("Acme Mining\u200f") == "\u2068Acme Mining\u200f\u2069"
    assert isolated("\u200f") == "\u2068\u200f\u2069"
    assert has_right_to_left("Acme\u200f")
    for text in ("Acme Mining", "Acme Mining\u200e", "\u200e", "Томтор", ""):
        assert isolated(text) == text


@pytest.mark.parametrize("start", ["＝", "＋", "－", "＠"])
def test_a_cell_opening_with_a_fullwidth_formula_sign_is_guarded_both_ways(start: str) -> None:
    """Some spreadsheet programs fold fullwidth ＝ ＋ － ＠ to ASCII and run the cell as a
    formula: CSV exports wrote '＝HYPERLINK(…)' as it was."""
    from rrisk.text import csv_line, guard_formula, unguard_formula

    text = f'{start}HYPERLINK("http://x.example","y")'
    assert guard_formula(text) == "'" + text
    assert unguard_formula(guard_formula(text)) == text
    assert unguard_formula(guard_formula("'" + text)) == "'" + text
    assert csv_line([text]).startswith("\"'" + start)
    # Text that only holds such a sign later is written as it is.
    assert guard_formula(f"A{start}B") == f"A{start}B"


def test_a_matrix_export_guards_a_name_opening_with_a_fullwidth_equals_sign(tmp_path) -> None:
    from rrisk.exchange import export_matrix, import_matrix
    from rrisk.model import assessment_to_data, parse_assessment

    document = parse_assessment(
        {
            "title": "Fullwidth",
            "criteria": [{"id": "cost", "name": "Cost"}],
            "projects": [{"id": "p", "name": "＝1+1"}],
        }
    )
    table = tmp_path / "matrix.csv"
    export_matrix(document, table)
    assert "'＝1+1" in table.read_text(encoding="utf-8-sig")
    back = import_matrix(table, base=document)
    assert assessment_to_data(back) == assessment_to_data(document)
