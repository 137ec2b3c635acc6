"""Choosing Alt letters: keep a free one, else a word's first letter, else any, else none."""

from __future__ import annotations

import pytest

from desktop.ui.mnemonics import mnemonic, with_letter


@pytest.mark.parametrize(
    ("text", "taken", "expected"),
    [
        ("&Name", set(), ("&Name", "n")),  # free: kept
        ("&Sources", {"s"}, ("S&ources", "o")),
        ("&Add criterion", {"a"}, ("Add &criterion", "c")),  # a word's first letter first
        ("Legal &basis", {"b", "l"}, ("L&egal basis", "e")),
        ("&Matrix && results", {"m"}, ("Matrix && &results", "r")),  # && is an ampersand
        ("R&&D", set(), ("&R&&D", "r")),
        ("&Title", set("title"), ("Title", None)),  # every letter taken: none
        ("Stage", set(), ("&Stage", "s")),
    ],
)
def test_with_letter(text, taken, expected) -> None:
    assert with_letter(text, taken) == expected
    shown, letter = expected
    assert mnemonic(shown) == letter
    assert shown.replace("&", "") == text.replace("&", "")
