"""What an attached file would be if opened (rrisk.attachments.program_kind)."""

from __future__ import annotations

import pytest

from rrisk.attachments import program_kind, size_words, stored_name
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


def test_the_size_bound_is_never_below_the_file_written() -> None:
    """Attach checks the file's size against this bound: it must never say a file fits that
    saving then refuses, whether the members deflate, do not, or are stored."""
    import random

    from rrisk.fileformat import document_json_bytes, to_bytes, written_size_bound
    from rrisk.templates import new_from_template

    document = new_from_template("russia-rare-earths")
    noise = random.Random(7).randbytes
    mixes = [
        {},
        {"a.pdf": b""},
        {"scan.png": noise(1_000_000), "x" * 117 + ".pdf": noise(70_000)},
        {"blank.bmp": bytes(2_000_000)},  # stored: it deflates past the ratio
        {f"n{n}.bin": noise(n) for n in range(0, 3_000, 97)},
    ]
    for attachments in mixes:
        sizes = {f"attachments/{name}": len(data) for name, data in attachments.items()}
        sizes["document.json"] = len(document_json_bytes(document))
        assert len(to_bytes(document, attachments)) <= written_size_bound(sizes)


def test_a_file_that_could_pass_the_files_size_says_how_much_room_is_left(monkeypatch) -> None:
    from rrisk import attachments

    monkeypatch.setattr(attachments, "MAX_FILE_BYTES", 10_000)
    old = {"old.pdf": b"x" * 3_000}

    def problem(size: int, replacing: str | None = None) -> str | None:
        return attachments.room_problem("a.pdf", size, old, replacing, 100)

    fits = max(size for size in range(7_000) if problem(size) is None)
    assert 5_000 < fits < 6_000
    assert problem(fits + 1) == (
        "with it the .rrisk file could take 9.8 KiB, counting the attached files at full "
        "size, and a .rrisk file opens with at most 9.8 KiB: room is left for a file of at most "
        f"{attachments.size_words(fits)}"
    )
    assert problem(6_000, replacing="old.pdf") is None  # the file it replaces leaves
    old["old.pdf"] = b"x" * 9_500
    assert problem(1) is not None and problem(1).endswith(": no room is left for another file")


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("Board\u2215minutes.pdf", "Board_minutes.pdf"),  # '∕', drawn as a slash
        ("Board\u2044minutes.pdf", "Board_minutes.pdf"),  # '⁄', the fraction slash
        ("Board\u29f8minutes.pdf", "Board_minutes.pdf"),  # '⧸', the big solidus
        ("Board\u2216minutes.pdf", "Board_minutes.pdf"),  # '∖', drawn as a backslash
        ("Board\u2571minutes.pdf", "Board_minutes.pdf"),  # '╱', a box-drawing diagonal
        ("Board\u2572minutes.pdf", "Board_minutes.pdf"),  # '╲', its falling twin
        ("Board\u27cbminutes.pdf", "Board_minutes.pdf"),  # '⟋', the rising diagonal
        ("Board\u27cdminutes.pdf", "Board_minutes.pdf"),  # '⟍', the falling diagonal
        ("minutes.pdf\u00a0", "minutes.pdf"),  # a no-break space at its end
        ("minutes.pdf\u3000", "minutes.pdf"),  # an ideographic space at its end
        ("minutes\u3164.pdf", "minutes.pdf"),  # a Hangul filler, drawn as nothing
        ("\u3164.pdf", "attachment.pdf"),  # shown as '.pdf' alone
    ],
)
def test_a_name_that_looks_like_another_is_no_attachment_name(name: str, stored: str) -> None:
    """A file from elsewhere may name its attachment so that it reads as a file in a folder,
    or as a file it is not ('minutes.pdf' beside 'minutes.pdf\u3000'): refused, as the name
    a file of that name is stored under is plain."""
    assert attachment_problem(name) is not None
    assert stored_name(name, ()) == stored
    assert attachment_problem(stored) is None


@pytest.mark.parametrize("name", ["Отчёт 2023.pdf", "½ year.pdf", "a b.pdf", "گزارش\u200c.pdf"])
def test_names_in_any_script_stay_attachment_names(name: str) -> None:
    assert attachment_problem(name) is None
