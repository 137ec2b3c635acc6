"""The name Save As offers for a document never saved: made from its title, and a name
that shows even when the title has no letter or digit to make one from."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog


def _offered(window, monkeypatch: pytest.MonkeyPatch) -> str:  # noqa: ANN001 - a MainWindow
    offered: list[str] = []

    def dialog(_parent, _caption, suggestion, _filter):  # noqa: ANN001, ANN202
        offered.append(suggestion)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    assert not window.files.save_as()
    return Path(offered[0]).name


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Rare Earths: Q3 review", "rare-earths-q3-review.rrisk"),
        ("Редкие земли", "редкие-земли.rrisk"),
        ("★ — ★", "assessment.rrisk"),
        ("???", "assessment.rrisk"),
    ],
)
def test_save_as_offers_a_name_made_from_the_title(open_window, monkeypatch, title, name):
    window = open_window()
    assert window.files.new_document()
    assert window.controller.edit_assessment({"title": title})
    assert _offered(window, monkeypatch) == name
