"""A document titled like a Windows device ('CON', 'Nul', 'lpt1') is offered under a name
Windows can create by Save As, Export Matrix and Export IC Memo: 'con.rrisk' is the console
there, and no file can be called so."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop.files.save_name import document_stem


def suggestions(monkeypatch) -> list[str]:
    """The names the save dialogs suggest, each dialog then cancelled."""
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(
            lambda parent, title, suggestion, *a, **k: asked.append(suggestion) or ("", "")
        ),
    )
    return asked


@pytest.mark.parametrize(
    ("title", "stem"),
    [("CON", "con_file"), ("Nul.", "nul_file"), ("  lpt1 ", "lpt1_file"), ("COM3", "com3_file")],
)
def test_a_title_naming_a_device_makes_a_name_windows_can_create(title, stem):
    assert document_stem(None, title) == stem


def test_save_as_and_the_exports_suggest_a_name_windows_can_create(window, monkeypatch):
    assert window.controller.edit_assessment({"title": "CON"})
    asked = suggestions(monkeypatch)
    assert window.files.save_as() is False
    assert window.exchange.export_dialog() is False
    window.memo.export()
    assert [Path(name).name for name in asked] == [
        "con_file.rrisk",
        "con_file-matrix.xlsx",
        "con_file-ic-memo.pdf",
    ]


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Tomtor - phase 2", "tomtor-phase-2"),  # was tomtor---phase-2
        ("- Draft", "draft"),  # was --draft: `rrisk check --draft.rrisk` read an option
        ("Q3 -- review_", "q3-review_"),
        ("Rare-earth JV", "rare-earth-jv"),
        ("a" * 59 + " bcd", "a" * 59),  # cut at 60 characters, not ending in a hyphen
        ("---", "assessment"),
        ("Re\u0301sume\u0301 2024", "résumé-2024"),  # typed with combining accents: re-sume
        ("Résumé 2024", "résumé-2024"),
        ("हिन्दी परियोजना", "हिन्दी-परियोजना"),  # its vowel signs were hyphens: ह-न-द-पर-य-जन
    ],
)
def test_a_title_makes_a_name_with_one_hyphen_between_words_and_none_at_its_ends(title, stem):
    assert document_stem(None, title) == stem
