"""Plain paragraphs skip reportlab's markup parser, and the PDF does not change."""

from __future__ import annotations

import pytest
from reportlab.platypus.paraparser import ParaParser

from reports import styles as st
from reports.memo import build_memo


def _parser_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(st, "_plain_frags", lambda text, style: None)


@pytest.mark.parametrize(
    "text",
    [
        "Tomtor",
        "  spaced   out\twith a tab  ",
        "line one\nline two\r\nline three",
        "Томтор — 5 % «quoted» שלום 🚀 x\u0301",
        "non\u00a0breaking",
        "a" * 400,
    ],
)
def test_plain_fragments_are_what_the_parser_makes(text: str) -> None:
    style = st.styles().cell_bold
    plain = st._plain_frags(text, style)
    assert plain is not None
    cleaned, frags = plain
    parsed_style, parsed, bullet = ParaParser().parse(st.paragraph_cleaned(text), style)
    assert cleaned == st.paragraph_cleaned(text)
    assert parsed_style is style and bullet is None
    assert [f.__dict__ for f in frags] == [f.__dict__ for f in parsed]
    assert frags[0].link is not parsed[0].link  # never a list shared between paragraphs


@pytest.mark.parametrize("text", ["R&amp;D", "<b>bold</b>", "a &lt; b", "   ", ""])
def test_markup_entities_and_blank_text_go_to_the_parser(text: str) -> None:
    assert st._plain_frags(text, st.styles().body) is None


def test_memo_is_byte_identical_with_and_without_the_parser(
    memo_document, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0
    real = st._plain_frags

    def counting(text, style):  # noqa: ANN001, ANN202
        nonlocal calls
        found = real(text, style)
        calls += found is not None
        return found

    monkeypatch.setattr(st, "_plain_frags", counting)
    scenario = memo_document.scenarios[0].id
    fast = build_memo(memo_document), build_memo(memo_document, scenario)
    assert calls > 100  # most of the memo's paragraphs are plain
    _parser_only(monkeypatch)
    assert (build_memo(memo_document), build_memo(memo_document, scenario)) == fast
