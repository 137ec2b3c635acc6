"""What an attached file would be if opened (rrisk.attachments.program_kind)."""

from __future__ import annotations

import pytest

from rrisk.attachments import program_kind, size_words
from rrisk.model import attachment_problem


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("run.vbs.", "a .vbs file, which runs as a program"),
        ("setup.EXE..", "a .exe file, which runs as a program"),
        ("Invoice.iso.", "a .iso disk image, which opens as a drive of programs"),
    ],
)
def test_a_program_named_with_dots_at_its_end_is_still_a_program(name: str, kind: str) -> None:
    # A file may name its attachment so; Windows writes the copy opened without the dots,
    # and runs it as the program its last extension says.
    assert attachment_problem(name) is None
    assert program_kind(name, b"MsgBox 1") == kind


def test_a_document_named_with_a_dot_at_its_end_is_no_program() -> None:
    assert program_kind("report.pdf.", b"%PDF-1.7") is None


@pytest.mark.parametrize(
    ("size", "words"),
    [
        (1, "1 byte"),
        (1_023, "1,023 bytes"),
        (1_024, "1.0 KiB"),
        (1_048_524, "1,023.9 KiB"),
        (1_048_575, "1.0 MiB"),
        (64 * 1024 * 1024, "64.0 MiB"),
    ],
)
def test_a_size_is_said_in_the_unit_it_rounds_to(size: int, words: str) -> None:
    assert size_words(size) == words
