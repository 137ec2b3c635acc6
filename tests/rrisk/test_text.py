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
