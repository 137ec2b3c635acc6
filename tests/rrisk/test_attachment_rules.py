"""What an attached file would be if opened (rrisk.attachments.program_kind)."""

from __future__ import annotations

import pytest

from rrisk.attachments import program_kind
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
