"""The .rrisk container: layout, lossless and deterministic saving, atomic writes."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

import rrisk
from rrisk import fileformat
from rrisk.errors import FileFormatError
from rrisk.model import SHOWN_NAME, Assessment, assessment_to_data
from rrisk.text import quoted


def test_mimetype_is_the_first_member_and_stored(rich_file: Path) -> None:
    with zipfile.ZipFile(rich_file) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == [
            "mimetype",
            "document.json",
            "attachments/kommersant.pdf",
        ]
        assert infos[0].compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/vnd.rrisk+zip"
        assert infos[1].compress_type == zipfile.ZIP_DEFLATED


def test_mimetype_sits_at_fixed_offsets_for_magic_sniffing(rich_file: Path) -> None:
    # packaging/rrisk-mime.xml matches these bytes, as file managers do for OpenDocument.
    head = rich_file.read_bytes()[:64]
    assert head[:4] == b"PK\x03\x04"
    assert head[30:38] == b"mimetype"
    assert head[38:63] == b"application/vnd.rrisk+zip"


def test_document_json_carries_versions(rich_file: Path, rich_doc: Assessment) -> None:
    with zipfile.ZipFile(rich_file) as archive:
        envelope = json.loads(archive.read("document.json").decode("utf-8"))
    assert envelope["format_version"] == 2 == fileformat.FORMAT_VERSION
    assert envelope["app_version"] == rrisk.__version__
    assert set(envelope) == {"format_version", "app_version", "document"}
    assert envelope["document"]["title"] == rich_doc.title


def test_document_json_keeps_cyrillic_readable(rich_file: Path) -> None:
    with zipfile.ZipFile(rich_file) as archive:
        text = archive.read("document.json").decode("utf-8")
    assert "Ловозеро" in text
    assert "\\u" not in text


def test_document_json_is_the_compact_dump_of_its_envelope(rich_file: Path) -> None:
    # Written a member and a project's cells at a time, it reads as one json.dumps would.
    with zipfile.ZipFile(rich_file) as archive:
        raw = archive.read("document.json")
    envelope = json.loads(raw)
    assert len(envelope["document"]["cells"]) > 1
    dumped = json.dumps(envelope, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    assert raw == dumped.encode("utf-8")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"cells": {}, "projects": [], "meta": {}},
        {"cells": [], "title": "not a mapping of rows"},
        {"cells": {"p": {}}, "title": 'Норильск 🌍 \u2028 quote " back\\slash\n'},
        {'key "escaped"\t': 10**40, "cells": {"é\x00": {"c": {"x": -0.0, "y": 1e308}}}},
    ],
)
def test_document_json_is_the_compact_dump_of_any_body(body: dict) -> None:
    # Every body, whatever its members hold, reads as one json.dumps of the envelope.
    envelope = {
        "format_version": fileformat.FORMAT_VERSION,
        "app_version": rrisk.__version__,
        "document": body,
    }
    dumped = json.dumps(envelope, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    assert fileformat._envelope_text(body) == dumped


def test_open_save_open_is_lossless(
    tmp_path: Path, rich_file: Path, rich_doc: Assessment, rich_attachments: dict[str, bytes]
) -> None:
    opened = fileformat.read_file(rich_file)
    assert assessment_to_data(opened.document) == assessment_to_data(rich_doc)
    assert opened.attachments == rich_attachments
    assert (opened.format_version, opened.app_version) == (2, rrisk.__version__)
    again = tmp_path / "again.rrisk"
    fileformat.save(opened.document, again, opened.attachments)
    assert again.read_bytes() == rich_file.read_bytes()


def test_same_document_gives_identical_bytes(
    tmp_path: Path, rich_doc: Assessment, rich_attachments: dict[str, bytes]
) -> None:
    first, second = tmp_path / "a.rrisk", tmp_path / "b.rrisk"
    fileformat.save(rich_doc, first, rich_attachments)
    fileformat.save(rich_doc, second, dict(reversed(rich_attachments.items())))
    assert first.read_bytes() == second.read_bytes()
    assert fileformat.to_bytes(rich_doc, rich_attachments) == first.read_bytes()


def test_attachments_round_trip_in_name_order(tmp_path: Path, rich_doc: Assessment) -> None:
    attachments = {
        "kommersant.pdf": bytes(range(256)) * 40,
        "b-notes.txt": "заметки".encode(),
        "a.csv": b"",
    }
    path = tmp_path / "att.rrisk"
    fileformat.save(rich_doc, path, attachments)
    assert fileformat.read_file(path).attachments == attachments
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist()[2:] == [
            "attachments/a.csv",
            "attachments/b-notes.txt",
            "attachments/kommersant.pdf",
        ]


def test_an_attachment_that_deflates_past_the_bomb_ratio_is_stored_and_opens_again(
    tmp_path: Path, rich_doc: Assessment
) -> None:
    """A blank page scanned as a bitmap deflates ~1,000×: deflated, the saved file was refused
    on open as a zip bomb (a file written by another tool, with the page stored, opened and
    saved once no longer opened)."""
    blank_page = b"BM" + b"\xff" * 3_000_000
    path = tmp_path / "scan.rrisk"
    fileformat.save(rich_doc, path, {"kommersant.pdf": blank_page})
    assert fileformat.read_file(path).attachments == {"kommersant.pdf": blank_page}
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("attachments/kommersant.pdf").compress_type == zipfile.ZIP_STORED
        assert archive.getinfo("document.json").compress_type == zipfile.ZIP_DEFLATED


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../evil", "evil"),
        ("sub/dir.txt", "dir.txt"),
        (".hidden", "attachment.hidden"),
        ("", "attachment"),
        ("Отчёт: 2024?.pdf", "Отчёт_ 2024.pdf"),
        ("Ge\u0301lände.pdf", "Gélände.pdf"),  # decomposed: the name is stored composed
        ("invoice\u202efdp.exe", "invoice_fdp.exe"),  # shown as "invoiceexe.pdf", quoted U+202E
        ("x" * 181, "x" * 180),
        ("report ", "report"),
        ("a\uff0f..\uff0f..\uff0fb.pdf", "a_.._.._b.pdf"),
    ],
)
def test_attachment_names_must_be_plain(
    rich_doc: Assessment, rich_attachments: dict[str, bytes], name: str, safe: str
) -> None:
    """The refusal says which characters a name may hold, and offers a name that may be."""
    with pytest.raises(FileFormatError) as caught:
        fileformat.to_bytes(rich_doc, {**rich_attachments, name: b"x"})
    assert str(caught.value) == (
        f"attachment name {quoted(name, SHOWN_NAME)} must be a plain file name: a letter or "
        'digit first, no folder separator, control character or any of :*?"<>|, no space at its '
        f"end, at most 180 bytes in UTF-8 (such as {quoted(safe, SHOWN_NAME)})"
    )


def test_saving_without_a_named_attachment_is_refused(tmp_path: Path, rich_doc: Assessment) -> None:
    # Such a file could not be opened again (test_fileformat_errors: test_missing_attachment).
    path = tmp_path / "case.rrisk"
    with pytest.raises(FileFormatError) as caught:
        fileformat.save(rich_doc, path, {"other.pdf": b"x"})
    assert str(caught.value) == (
        f"{path}: source 'kommersant' names the attachment 'kommersant.pdf', which was not "
        "given; the file would not open again"
    )
    assert not path.exists()


def test_a_document_too_large_to_open_again_is_not_saved(
    tmp_path: Path, rich_doc: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    """2,000 × 40 with rationales of ~850 characters is 72 MB of document.json, past the
    64 MiB a file may hold: it was saved, then refused on open."""
    path = tmp_path / "case.rrisk"
    fileformat.save(rich_doc, path, {"kommersant.pdf": b"%PDF"})
    before = path.read_bytes()
    size = len(fileformat.document_json_bytes(rich_doc))
    monkeypatch.setattr(fileformat, "MAX_DOCUMENT_BYTES", size - 1)
    with pytest.raises(FileFormatError) as caught:
        fileformat.save(rich_doc, path, {"kommersant.pdf": b"%PDF"})
    assert str(caught.value) == (
        f"{path}: not saved, the document takes {size:,} bytes as written and a file opens with "
        f"at most {size - 1:,}: shorten its longest texts (rationales, quotes, descriptions)"
    )
    assert path.read_bytes() == before


def test_a_document_of_too_many_objects_to_open_again_is_not_saved(
    tmp_path: Path, rich_doc: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    """5,000 × 40 cells quoting 14 sources each hold 3.2 million objects and lists, past the
    3 million a file may hold: it was saved, then refused on open."""
    from rrisk import limits

    path = tmp_path / "case.rrisk"
    monkeypatch.setattr(limits, "MAX_JSON_CONTAINERS", 10)
    with pytest.raises(FileFormatError) as caught:
        fileformat.save(rich_doc, path, {"kommersant.pdf": b"%PDF"})
    assert str(caught.value).startswith(
        f"{path}: not saved, the file would not open again: document.json holds "
    )
    assert str(caught.value).endswith("objects and lists; at most 10 are allowed")
    assert not path.exists()


def test_a_document_past_a_limit_reading_checks_is_not_saved(
    tmp_path: Path, rich_doc: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 201st criterion (or 5,001st project) added in the app was saved, and the file was
    then refused on open: 'has 201 criteria; at most 200 are allowed'."""
    from rrisk import limits

    path = tmp_path / "case.rrisk"
    monkeypatch.setattr(limits, "MAX_CRITERIA", 1)
    with pytest.raises(FileFormatError) as caught:
        fileformat.save(rich_doc, path, {"kommersant.pdf": b"%PDF"})
    assert str(caught.value) == (
        f"{path}: not saved, the file would not open again (has 2 criteria; at most 1 are allowed)"
    )
    assert not path.exists()


@pytest.mark.parametrize(
    ("limit", "value", "attachments", "said"),
    [
        (
            "MAX_MEMBERS",
            4,
            {"kommersant.pdf": b"%PDF", "a.txt": b"a", "b.txt": b"b", "c.txt": b"c"},
            "it would hold 6 members (4 attachments); at most 4 are allowed",
        ),
        (
            "MAX_ATTACHMENT_BYTES",
            10,
            {"kommersant.pdf": b"%PDF" + b"x" * 7},
            "attachment 'kommersant.pdf' is 11 bytes; the limit is 10",
        ),
        (
            "MAX_TOTAL_UNCOMPRESSED",
            1_000,
            {"kommersant.pdf": b"%PDF" + b"x" * 2_000},
            "its members would expand to ",
        ),
        (
            "MAX_FILE_BYTES",
            3_000,
            {"kommersant.pdf": os.urandom(6_000)},
            "it would take ",
        ),
    ],
)
def test_attachments_past_a_limit_reading_checks_are_not_saved(
    tmp_path: Path,
    rich_doc: Assessment,
    monkeypatch: pytest.MonkeyPatch,
    limit: str,
    value: int,
    attachments: dict[str, bytes],
    said: str,
) -> None:
    """An attachment past 64 MiB, more than 2,000 members, or members or a file too large
    were saved, and the file was then refused on open ('member 'attachments/big.bin' is
    67,108,865 bytes; the limit is 67,108,864'); the file on disk is kept."""
    path = tmp_path / "case.rrisk"
    fileformat.save(rich_doc, path, {"kommersant.pdf": b"%PDF"})
    before = path.read_bytes()
    monkeypatch.setattr(fileformat, limit, value)
    with pytest.raises(FileFormatError) as caught:
        fileformat.save(rich_doc, path, attachments)
    assert str(caught.value).startswith(f"{path}: not saved, the file would not open again: {said}")
    assert path.read_bytes() == before


def test_load_returns_the_document(rich_file: Path, rich_doc: Assessment) -> None:
    assert assessment_to_data(fileformat.load(rich_file)) == assessment_to_data(rich_doc)


def test_fingerprint_is_stable_across_save_and_load(rich_file: Path, rich_doc: Assessment) -> None:
    print_before = fileformat.fingerprint(rich_doc)
    assert len(print_before) == 64 and int(print_before, 16) >= 0
    assert fileformat.fingerprint(fileformat.load(rich_file)) == print_before


def test_fingerprint_changes_with_content(rich_doc: Assessment) -> None:
    original = fileformat.fingerprint(rich_doc)
    rich_doc.cells["tomtor"]["cost"].impact = 3
    changed = fileformat.fingerprint(rich_doc)
    assert changed != original
    rich_doc.cells["tomtor"]["cost"].impact = 2
    assert fileformat.fingerprint(rich_doc) == original
    rich_doc.title += "."
    assert fileformat.fingerprint(rich_doc) not in (original, changed)


# -- atomic saving -------------------------------------------------------------------------


def test_failed_replace_keeps_the_original_and_leaves_no_temp_file(
    tmp_path: Path,
    rich_file: Path,
    rich_doc: Assessment,
    rich_attachments: dict[str, bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = rich_file.read_bytes()

    def disk_full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    rich_doc.title = "Changed"
    with pytest.raises(FileFormatError) as caught:
        fileformat.save(rich_doc, rich_file, rich_attachments)
    assert str(caught.value) == f"{rich_file}: could not be saved (No space left on device)"
    assert rich_file.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.rrisk"]


def test_failed_write_keeps_the_original_and_leaves_no_temp_file(
    tmp_path: Path,
    rich_file: Path,
    rich_doc: Assessment,
    rich_attachments: dict[str, bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = rich_file.read_bytes()

    def failing_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(FileFormatError, match="could not be saved \\(Input/output error\\)"):
        fileformat.save(rich_doc, rich_file, rich_attachments)
    assert rich_file.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.rrisk"]


@pytest.mark.parametrize("stop", [KeyboardInterrupt, MemoryError])
def test_a_write_stopped_otherwise_keeps_the_original_and_leaves_no_temp_file(
    tmp_path: Path,
    rich_file: Path,
    rich_doc: Assessment,
    rich_attachments: dict[str, bytes],
    monkeypatch: pytest.MonkeyPatch,
    stop: type[BaseException],
) -> None:
    """Ctrl+C during a command's write, or a failure that is not the disk's: the temporary
    file goes at once (the process's own, it was kept until the process ended and a later
    save removed it: one the size of the document for each failed save of the app)."""
    before = rich_file.read_bytes()

    def stopped(fd: int) -> None:
        raise stop()

    monkeypatch.setattr(os, "fsync", stopped)
    with pytest.raises(stop):
        fileformat.save(rich_doc, rich_file, rich_attachments)
    assert rich_file.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.rrisk"]


def test_saving_into_a_missing_folder_is_a_file_format_error(
    tmp_path: Path, rich_doc: Assessment, rich_attachments: dict[str, bytes]
) -> None:
    target = tmp_path / "no" / "such" / "case.rrisk"
    with pytest.raises(FileFormatError) as caught:
        fileformat.save(rich_doc, target, rich_attachments)
    message = str(caught.value)
    assert message.startswith(f"{target}: cannot write in {target.parent}")
    assert "No such file or directory" in message
    assert not (tmp_path / "no").exists()


def test_saving_over_a_file_keeps_its_permissions(
    tmp_path: Path, rich_doc: Assessment, rich_attachments: dict[str, bytes]
) -> None:
    path = tmp_path / "shared.rrisk"
    fileformat.save(rich_doc, path, rich_attachments)
    path.chmod(0o640)
    rich_doc.title = "Second save"
    fileformat.save(rich_doc, path, rich_attachments)
    assert path.stat().st_mode & 0o777 == 0o640
    assert fileformat.load(path).title == "Second save"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shared.rrisk"]


def test_new_files_get_the_usual_permissions_not_private(tmp_path, monkeypatch) -> None:
    from rrisk import fileformat, tempfiles
    from rrisk.model import Assessment

    monkeypatch.setattr(tempfiles, "_UMASK", 0o022)
    target = tmp_path / "shared.rrisk"
    fileformat.save(Assessment(), target)
    # Not mkstemp's private 0600: colleagues on a shared drive must be able to read it.
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_file_this_user_may_not_write_is_not_replaced(
    tmp_path: Path, rich_doc: Assessment, rich_attachments: dict[str, bytes], monkeypatch
) -> None:
    """The rename of an atomic save needs only the folder: a file marked read-only, or one
    this user may only read (a colleague's on a shared drive), must not be replaced."""
    import os

    path = tmp_path / "theirs.rrisk"
    fileformat.save(rich_doc, path, rich_attachments)
    before = path.read_bytes()
    rich_doc.title = "Mine"
    path.chmod(0o444)
    with pytest.raises(FileFormatError, match="read-only"):
        fileformat.save(rich_doc, path, rich_attachments)
    path.chmod(0o644)
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **k: False if str(p) == str(path) else real(p, mode, **k)
    )
    with pytest.raises(FileFormatError, match="read-only for you"):
        fileformat.save(rich_doc, path, rich_attachments)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["theirs.rrisk"]


def test_a_pipe_a_device_or_a_folder_is_never_replaced_by_a_save(
    tmp_path: Path, rich_doc: Assessment, rich_attachments: dict[str, bytes]
) -> None:
    """A rename over a named pipe (or ``/dev/stdout`` behind a link) would put a regular file
    in its place: the save is refused, and what was there stays what it was."""
    folder = tmp_path / "case.rrisk"
    folder.mkdir()
    with pytest.raises(FileFormatError, match="is a folder"):
        fileformat.save(rich_doc, folder, rich_attachments)
    assert folder.is_dir()
    if hasattr(os, "mkfifo"):  # POSIX; a folder stands for the other kinds elsewhere
        pipe = tmp_path / "pipe.rrisk"
        os.mkfifo(pipe)
        link = tmp_path / "through-a-link.rrisk"
        link.symlink_to(pipe)
        for target in (pipe, link):
            with pytest.raises(FileFormatError, match="a device or a pipe"):
                fileformat.save(rich_doc, target, rich_attachments)
        assert pipe.is_fifo()
        assert link.is_symlink()
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "case.rrisk",
            "pipe.rrisk",
            "through-a-link.rrisk",
        ]
