"""Untrusted .rrisk files: every kind of damage is refused with a message naming file and problem."""

from __future__ import annotations

import io
import json
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest

import rrisk
from rrisk import fileformat
from rrisk.errors import FileFormatError, NewerFormatError, RRiskError
from rrisk.text import quoted

MIMETYPE = b"application/vnd.rrisk+zip"


def envelope(body: Any = None, **fields: Any) -> bytes:
    """A document.json member around ``body`` (a one-criterion document by default)."""
    data = {
        "format_version": 1,
        "app_version": rrisk.__version__,
        "document": {"criteria": [{"id": "a", "name": "A"}]} if body is None else body,
        **fields,
    }
    return json.dumps(data).encode("utf-8")


def zip_bytes(*members: tuple[str, bytes] | tuple[str, bytes, int]) -> bytes:
    """A zip with the given (name, data[, compression]) members, in that order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, *compression in members:
            info = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0))
            info.compress_type = compression[0] if compression else zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def rrisk_bytes(document_json: bytes, *more: tuple[str, bytes]) -> bytes:
    return zip_bytes(
        ("mimetype", MIMETYPE, zipfile.ZIP_STORED), ("document.json", document_json), *more
    )


def refusal(path: Path, data: bytes | None = None) -> FileFormatError:
    """The FileFormatError that opening ``path`` (written with ``data``) raises."""
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(FileFormatError) as caught:
        fileformat.load(path)
    assert isinstance(caught.value, RRiskError)
    assert str(caught.value).startswith(f"{path}: "), "the message names the file"
    return caught.value


def problem(path: Path, data: bytes | None = None) -> str:
    """The refusal's message without the leading file name."""
    return str(refusal(path, data)).removeprefix(f"{path}: ")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "incoming.rrisk"


def test_a_minimal_handmade_file_opens(path: Path) -> None:
    # The helpers build valid files; every test below breaks exactly one thing.
    path.write_bytes(rrisk_bytes(envelope()))
    assert fileformat.load(path).criteria[0].id == "a"


NOT_A_ZIP = "is not a .rrisk file (not a zip container; is it damaged or truncated?)"


def test_garbage_bytes(path: Path) -> None:
    assert problem(path, b"\x00\x01 this is not a zip \xff" * 50) == NOT_A_ZIP


def test_text_file_renamed(path: Path) -> None:
    assert problem(path, "Проект,риск\nTomtor,12\n".encode()) == NOT_A_ZIP


def test_truncated_file(path: Path, rich_file: Path) -> None:
    data = rich_file.read_bytes()
    assert problem(path, data[: len(data) // 2]) == NOT_A_ZIP


def test_files_picked_by_mistake_are_named_for_what_they_are(tmp_path: Path) -> None:
    """The memo, or the matrix exported to Excel or CSV, chosen where a .rrisk file is
    asked for: said to be what it is, and a table where it goes, not "is it damaged?"."""
    from rrisk.exchange import export_matrix
    from rrisk.templates import new_from_template

    document = new_from_template("russia-rare-earths")
    workbook, table = tmp_path / "matrix.xlsx", tmp_path / "matrix.csv"
    export_matrix(document, workbook)
    export_matrix(document, table)
    imported = "a matrix table is imported, not opened (Import Matrix from Excel/CSV"
    assert problem(workbook).startswith(f"is an Excel workbook, not a .rrisk file: {imported}")
    assert problem(table).startswith(f"is a CSV table, not a .rrisk file: {imported}")
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"
    assert problem(tmp_path / "memo.pdf", pdf) == "is a PDF document, not a .rrisk file"
    word = zip_bytes(("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w/>"))
    assert problem(tmp_path / "memo.docx", word) == "is a Word document, not a .rrisk file"


def test_empty_file(path: Path) -> None:
    assert problem(path, b"") == "is empty"


def test_missing_file(tmp_path: Path) -> None:
    assert problem(tmp_path / "gone.rrisk") == "does not exist"


def test_folder_instead_of_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.rrisk"
    folder.mkdir()
    assert problem(folder) == "is a folder, not a .rrisk file"


def test_zip_without_mimetype(path: Path) -> None:
    data = zip_bytes(("document.json", envelope()))
    assert problem(path, data) == "is not a .rrisk file (its first member is not 'mimetype')"


def test_zip_with_mimetype_not_first(path: Path) -> None:
    data = zip_bytes(("document.json", envelope()), ("mimetype", MIMETYPE, zipfile.ZIP_STORED))
    assert problem(path, data) == "is not a .rrisk file (its first member is not 'mimetype')"


def test_zip_with_wrong_mimetype(path: Path) -> None:
    data = zip_bytes(
        ("mimetype", b"application/vnd.oasis.opendocument.text"), ("document.json", envelope())
    )
    assert problem(path, data) == (
        "has the wrong mimetype 'application/vnd.oasis.opendocument.text' "
        "(expected application/vnd.rrisk+zip)"
    )


def test_missing_document_json(path: Path) -> None:
    data = zip_bytes(("mimetype", MIMETYPE), ("attachments/a.pdf", b"%PDF"))
    assert problem(path, data) == "has no document.json"


def test_malformed_json(path: Path) -> None:
    assert problem(path, rrisk_bytes(b'{"format_version": 1, "document": {')) == (
        "document.json is not valid JSON "
        "(line 1, column 36: expecting property name enclosed in double quotes)"
    )


def test_json_cut_inside_a_string_says_so_to_the_end(path: Path) -> None:
    text = envelope({"title": "A title cut short"})
    column = text.index(b'"A title') + 1  # where the string the cut leaves open starts
    assert problem(path, rrisk_bytes(text[: text.index(b"cut")])) == (
        f"document.json is not valid JSON (line 1, column {column}: unterminated string)"
    )


def test_json_array_instead_of_object(path: Path) -> None:
    assert problem(path, rrisk_bytes(b"[1, 2, 3]")) == "document.json is not a JSON object"


def test_document_not_an_object(path: Path) -> None:
    data = rrisk_bytes(json.dumps({"format_version": 1, "document": []}).encode())
    assert problem(path, data) == "document.json has no 'document' object"


def test_json_not_utf8(path: Path) -> None:
    data = rrisk_bytes('{"title": "Томтор"}'.encode("cp1251"))
    assert problem(path, data) == "document.json is not UTF-8 (byte 11)"


def test_a_byte_order_mark_is_said_in_the_users_words(path: Path) -> None:
    """Notepad saves UTF-8 with a byte order mark; the reader's own advice ("decode using
    utf-8-sig") was printed to the user as it stood."""
    data = rrisk_bytes(b"\xef\xbb\xbf" + envelope())
    assert problem(path, data) == (
        "document.json starts with a byte order mark, which JSON does not allow; save it as "
        "UTF-8 without one"
    )


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(path: Path, constant: str) -> None:
    text = envelope().decode().replace('"name": "A"', f'"name": "A", "weight": {constant}')
    assert problem(path, rrisk_bytes(text.encode())) == (
        f"document.json is not valid JSON ({constant} is not allowed in a document)"
    )


def test_deeply_nested_json(path: Path) -> None:
    # Stored, not deflated: brackets compress past the zip-bomb ratio.
    nested = b"[" * 200_000 + b"]" * 200_000
    data = zip_bytes(
        ("mimetype", MIMETYPE, zipfile.ZIP_STORED), ("document.json", nested, zipfile.ZIP_STORED)
    )
    assert problem(path, data) == "document.json is nested too deeply to read"


def test_invalid_values_name_the_place(path: Path, rich_data: dict[str, Any]) -> None:
    rich_data["cells"]["tomtor"]["sanctions"]["likelihood"] = 7
    assert problem(path, rrisk_bytes(envelope(rich_data))) == (
        "project 'tomtor', criterion 'sanctions': likelihood 7 is outside 1–5"
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["projects"][0]["counterparties"].insert(1, None),
            "project 'tomtor', counterparties: item 2: input should be a valid string",
        ),
        (
            lambda d: d["criteria"].insert(1, 5),
            "criteria: item 2: input should be an object ({…})",
        ),
        (
            lambda d: d["criteria"][0]["rubric"]["likelihood"].__setitem__(2, 7),
            "criterion 'sanctions', rubric, likelihood: item 3: input should be a valid string",
        ),
    ],
)
def test_a_bad_item_of_a_list_is_named_by_its_number_in_the_files_words(
    path: Path, rich_data: dict[str, Any], change: Any, message: str
) -> None:
    change(rich_data)
    assert problem(path, rrisk_bytes(envelope(rich_data))) == message


def test_newer_format_is_refused_with_advice(path: Path) -> None:
    error = refusal(path, rrisk_bytes(envelope(format_version=99, app_version="9.0.0")))
    assert isinstance(error, NewerFormatError)
    assert str(error) == (
        f"{path}: was written in format version 99 by RRisk 9.0.0; this RRisk "
        f"({rrisk.__version__}) reads up to version 2. Please update RRisk to open it."
    )


def test_a_newer_formats_member_this_version_does_not_know_is_not_what_is_said(
    path: Path,
) -> None:
    """A newer format may add members: "update RRisk" is the advice, not the member's name."""
    newer = rrisk_bytes(envelope(format_version=3), ("thumbnails/page1.png", b"\x89PNG"))
    error = refusal(path, newer)
    assert isinstance(error, NewerFormatError)
    assert "Please update RRisk" in str(error)
    # The same member in a file of this version is refused by its name.
    assert "unexpected member 'thumbnails/page1.png'" in problem(
        path, rrisk_bytes(envelope(), ("thumbnails/page1.png", b"\x89PNG"))
    )


@pytest.mark.parametrize("app_version", ["9." * 3_000, {"a": 1}, "", "  \n "])
def test_newer_format_refusal_keeps_its_advice_whatever_the_app_version(
    path: Path, app_version: Any
) -> None:
    error = refusal(path, rrisk_bytes(envelope(format_version=3, app_version=app_version)))
    assert isinstance(error, NewerFormatError)
    assert str(error) == (
        f"{path}: was written in format version 3 by an unknown version of RRisk; this RRisk "
        f"({rrisk.__version__}) reads up to version 2. Please update RRisk to open it."
    )


def test_what_this_version_does_not_know_in_a_later_releases_file_names_the_release(
    path: Path,
) -> None:
    # A later release writing a field of its own in a file of this format version: "unknown
    # field 'risk_appetite'" did not say that the file was newer, nor that updating was the fix.
    body = {"criteria": [{"id": "a", "name": "A"}], "risk_appetite": "low"}
    assert problem(path, rrisk_bytes(envelope(body, format_version=2, app_version="9.1"))) == (
        "unknown field 'risk_appetite' (the file was written by RRisk 9.1, newer than this "
        f"RRisk {rrisk.__version__}: updating RRisk may open it)"
    )
    # Written by this release, an earlier one or one that does not say: the problem alone.
    for version in (rrisk.__version__, "0.0.9", "unknown", "9.1-beta"):
        data = rrisk_bytes(envelope(body, format_version=2, app_version=version))
        assert problem(path, data) == "unknown field 'risk_appetite'"


def test_a_key_beside_the_three_of_document_json_is_refused(path: Path) -> None:
    # As the shipped schema says (additionalProperties: false): it would be dropped on save.
    data = rrisk_bytes(envelope(signature="abc"))
    assert problem(path, data) == (
        "document.json has an unknown key 'signature' beside 'format_version', "
        "'app_version' and 'document'"
    )
    data = rrisk_bytes(envelope(app_version={"a": 1}))
    assert problem(path, data) == "document.json's 'app_version' is not text"


@pytest.mark.parametrize("version", [None, "1", True, 0, -3, 1.0])
def test_bad_format_version(path: Path, version: Any) -> None:
    fields = {"format_version": version}
    data = envelope(**fields)
    if version is None:
        data = json.dumps({"document": {}}).encode()
    assert problem(path, rrisk_bytes(data)) == "document.json has no valid 'format_version'"


@pytest.mark.parametrize(
    "name",
    [
        "../evil",
        "/etc/passwd",
        "Document.json",
        "script.py",
    ],
)
def test_unexpected_member_names(path: Path, name: str) -> None:
    assert problem(path, rrisk_bytes(envelope(), (name, b"x"))) == (
        f"has an unexpected member '{name}'"
    )


@pytest.mark.parametrize(
    "name",
    [
        "report／2024.pdf",  # a look-alike of a folder separator
        "report\u22152024.pdf",  # a slash NFKC keeps: '∕' (division slash)
        "report.pdf\u3000",  # a space at its end that is not ' '
        "\u3164.pdf",  # a Hangul filler, drawn as nothing: was shown as '.pdf'
        "re\x07port.pdf",  # a control character
        "../x",
        "sub/x.pdf",
        ".hidden",
    ],
)
def test_an_attachment_whose_name_breaks_the_rule_is_refused_saying_why(
    path: Path, name: str
) -> None:
    """It was refused as any member this version does not know: "has an unexpected member",
    its name printed as it was (a control character sent to the terminal), the rule unsaid."""
    from rrisk.model import attachment_problem

    said = problem(path, rrisk_bytes(envelope(), (f"attachments/{name}", b"x")))
    assert said == f"holds an attached file RRisk cannot open: {attachment_problem(name)}"
    assert quoted(name) in said and "\x07" not in said
    assert "\u3164" not in said  # shown as <U+3164>, never as nothing


@pytest.mark.parametrize(("name", "size"), [("a" * 200 + ".pdf", "204"), ("é" * 20_000, "40,000")])
def test_an_attachment_name_too_long_is_said_by_its_length(
    path: Path, name: str, size: str
) -> None:
    said = problem(path, rrisk_bytes(envelope(), (f"attachments/{name}", b"x")))
    assert said == (
        f"holds an attached file RRisk cannot open: attachment name {name[:60]!r}… is {size} "
        "bytes long; an attachment's name is at most 180 bytes in UTF-8"
    )


def test_an_attachment_of_a_newer_format_is_said_as_a_newer_file(path: Path) -> None:
    error = refusal(path, rrisk_bytes(envelope(format_version=3), ("attachments/a／b", b"x")))
    assert isinstance(error, NewerFormatError)


def test_duplicate_member(path: Path) -> None:
    with pytest.warns(UserWarning, match="Duplicate name"):
        data = rrisk_bytes(envelope(), ("document.json", envelope(body={"title": "Other"})))
    assert problem(path, data) == "member 'document.json' appears twice"


def test_zip_bomb_is_refused(path: Path) -> None:
    # 8 MB of one byte deflates to about 8 KB: a ratio near 1000, far past any real JSON.
    bomb = b'{"format_version": 1, "document": {"notes": "' + b" " * 8_000_000 + b'"}}'
    assert problem(path, rrisk_bytes(bomb)) == (
        "member 'document.json' expands more than 200× (refused)"
    )


def test_attachment_bomb_is_refused(path: Path) -> None:
    data = rrisk_bytes(envelope(), ("attachments/zeros.bin", bytes(4_000_000)))
    assert problem(path, data) == "member 'attachments/zeros.bin' expands more than 200× (refused)"


@pytest.mark.parametrize(
    ("method", "name"), [(zipfile.ZIP_BZIP2, "bzip2"), (zipfile.ZIP_LZMA, "LZMA")]
)
def test_a_member_compressed_otherwise_than_deflate_is_refused_unread(
    path: Path, method: int, name: str
) -> None:
    """bzip2 and LZMA inflate a whole chunk at once, whatever size the directory declares: a
    few kilobytes claiming to be a few kilobytes expanded to gigabytes before the checksum
    could fail. RRisk writes stored and deflated members only, and reads no other."""
    import bz2

    honest = zip_bytes(
        ("mimetype", MIMETYPE, zipfile.ZIP_STORED), ("document.json", envelope(), method)
    )
    refused = f"member 'document.json' uses {name} compression; RRisk reads only stored or "
    refused += "deflated members"
    assert problem(path, honest) == refused
    # A bzip2 stream of 20 MB declared as its own size, so that no ratio is seen.
    bomb = bz2.compress(b" " * 20_000_000)
    lying = bytearray(
        zip_bytes(
            ("mimetype", MIMETYPE, zipfile.ZIP_STORED), ("document.json", bomb, zipfile.ZIP_STORED)
        )
    )
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        last = bytes(lying).rindex(signature)
        lying[last + offset] = zipfile.ZIP_BZIP2
    assert problem(path, bytes(lying)).startswith("member 'document.json' uses bzip2 compression")


def test_too_many_members(path: Path) -> None:
    extra = [(f"attachments/f{n}.txt", b"x") for n in range(fileformat.MAX_MEMBERS - 1)]
    data = rrisk_bytes(envelope(), *extra)
    assert problem(path, data) == "has 2,001 members; at most 2,000 are allowed"


@pytest.mark.parametrize("zip64", [False, True, "size field 0"])
def test_a_huge_member_list_is_refused_before_it_is_parsed(
    path: Path, monkeypatch: pytest.MonkeyPatch, zip64: bool | str
) -> None:
    """A central directory of 70,000 entries (all pointing at one member): counted in its
    bytes, not parsed into 70,000 objects first (5 million took 23 s and 2.4 GB)."""
    import struct
    import zlib

    count = 70_000
    body = fileformat.MIMETYPE.encode()
    crc = zlib.crc32(body)
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0x21, crc, 25, 25, 8, 0)
    local += b"mimetype" + body

    def entry(name: bytes) -> bytes:
        fields = (0x02014B50, 20, 20, 0, 0, 0, 0x21, crc, 25, 25, len(name), 0, 0, 0, 0, 0, 0)
        return struct.pack("<IHHHHHHIIIHHHHHII", *fields) + name

    directory = entry(b"mimetype") + entry(b"x") * (count - 1)
    data = local + directory
    if zip64:
        where = len(data)
        data += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count,
                            len(directory), len(local))  # fmt: skip
        data += struct.pack("<IIQI", 0x07064B50, 0, where, 1)
        # zipfile follows the zip64 records whatever the end record's size field says.
        placeholder = 0xFFFFFFFF if zip64 is True else 0
        data += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, placeholder,
                            0xFFFFFFFF, 0)  # fmt: skip
    else:
        data += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, len(directory),
                            len(local), 0)  # fmt: skip

    def unparsed(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the member list was parsed")

    monkeypatch.setattr(fileformat.zipfile, "ZipFile", unparsed)
    assert problem(path, data) == f"has {count:,} members; at most 2,000 are allowed"


def test_member_over_its_size_limit(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fileformat, "MAX_ATTACHMENT_BYTES", 1_000)
    data = rrisk_bytes(envelope(), ("attachments/scan.png", bytes(range(256)) * 8))
    assert problem(path, data) == "member 'attachments/scan.png' is 2,048 bytes; the limit is 1,000"


def test_total_over_the_limit(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fileformat, "MAX_TOTAL_UNCOMPRESSED", 500)
    data = rrisk_bytes(envelope(), ("attachments/a.bin", bytes(range(256)) * 2))
    total = len(MIMETYPE) + len(envelope()) + 512
    assert problem(path, data) == f"expands to {total:,} bytes; the limit is 500"


def test_file_over_the_size_limit(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = rrisk_bytes(envelope())
    monkeypatch.setattr(fileformat, "MAX_FILE_BYTES", 100)
    assert problem(path, data) == f"is {len(data):,} bytes; the limit is 100"


def test_encrypted_member(path: Path) -> None:
    data = bytearray(rrisk_bytes(envelope()))
    # Set the "encrypted" flag in document.json's central directory entry.
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        offset = bytes(data).index(b"PK\x01\x02", archive.start_dir + 1)
    data[offset + 8] |= 0x01
    assert problem(path, bytes(data)) == "member 'document.json' is encrypted"


def test_a_member_stored_as_a_symbolic_link_is_refused(path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", MIMETYPE)
        archive.writestr("document.json", envelope())
        link = zipfile.ZipInfo("attachments/scan.pdf")
        link.create_system = 3  # Unix, whose mode bits say "link"
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    assert problem(path, buffer.getvalue()) == (
        "member 'attachments/scan.pdf' is a symbolic link, not a file"
    )


def test_corrupt_compressed_data(path: Path, rich_data: dict[str, Any]) -> None:
    data = bytearray(rrisk_bytes(envelope(rich_data)))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("document.json")
    start = info.header_offset + 30 + len(info.filename)
    for position in range(start + 4, start + info.compress_size - 4, 5):
        data[position] ^= 0x5A
    assert problem(path, bytes(data)).startswith("is damaged (")


def test_bad_checksum(path: Path) -> None:
    data = bytearray(rrisk_bytes(envelope()))
    # document.json's CRC-32 in its local header (offset 14) no longer matches its bytes.
    local = bytes(data).index(b"PK\x03\x04", 1)
    data[local + 14] ^= 0xFF
    central = bytes(data).index(b"PK\x01\x02", bytes(data).index(b"PK\x01\x02") + 1)
    data[central + 16] ^= 0xFF
    assert problem(path, bytes(data)) == "is damaged (Bad CRC-32 for file 'document.json')"


def test_missing_attachment(path: Path, rich_data: dict[str, Any]) -> None:
    assert problem(path, rrisk_bytes(envelope(rich_data))) == (
        "source attachment 'kommersant.pdf' is missing from attachments/"
    )


@pytest.mark.parametrize("field", ["likelihood", "status"])
@pytest.mark.parametrize("depth", [900, 1015])
@pytest.mark.parametrize("frames", [0, 300])
def test_a_value_nested_very_deep_is_refused_in_one_line(tmp_path, field, depth, frames) -> None:
    import io
    import zipfile

    from rrisk.errors import FileFormatError
    from rrisk.fileformat import read_file

    deep = "[" * depth + "]" * depth
    body = '{"format_version":2,"document":{"cells":{"a":{"b":{"' + field + '":' + deep + "}}}}}"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", b"application/vnd.rrisk+zip")
        archive.writestr("document.json", body.encode(), compress_type=zipfile.ZIP_DEFLATED)
    path = tmp_path / "deep.rrisk"
    path.write_bytes(buffer.getvalue())

    def read_beneath(levels: int):  # the app reads with the GUI's frames below it
        return read_file(path) if levels == 0 else read_beneath(levels - 1)

    with pytest.raises(FileFormatError) as caught:
        read_beneath(frames)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_a_zip64_file_holding_an_attached_archive_opens(path: Path) -> None:
    """Members are counted in the zip's own directory (found through the zip64 records when
    the end record holds their placeholders), never in an attachment's bytes."""
    import io
    import struct
    import zipfile

    from rrisk.templates import new_from_template

    document = new_from_template("russia-rare-earths")
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_STORED) as archive:
        for n in range(2_100):  # a zipped folder of scans, stored as is
            archive.writestr(f"p{n}.txt", b"x")
    document.sources[0] = document.sources[0].model_copy(update={"attachment": "scans.zip"})
    written = zipfile.ZipFile(
        io.BytesIO(fileformat.to_bytes(document, {"scans.zip": inner.getvalue()}))
    )
    rewritten = io.BytesIO()
    with zipfile.ZipFile(rewritten, "w") as archive:
        for info in written.infolist():
            copy = zipfile.ZipInfo(info.filename, info.date_time)
            copy.compress_type = (
                zipfile.ZIP_DEFLATED if info.filename == "document.json" else zipfile.ZIP_STORED
            )
            archive.writestr(copy, written.read(info.filename))
    data = bytearray(rewritten.getvalue())
    # Zip64 records, and the end record's placeholders pointing to them.
    end = data.rfind(b"PK\x05\x06")
    count, size, offset = struct.unpack_from("<HII", data, end + 10)
    zip64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, size, offset)
    locator = struct.pack("<IIQI", 0x07064B50, 0, end, 1)
    tail = bytearray(data[end:])
    struct.pack_into("<HHII", tail, 8, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    data = bytes(data[:end]) + zip64 + locator + bytes(tail)
    assert len(zipfile.ZipFile(io.BytesIO(data)).infolist()) == 3
    path.write_bytes(data)
    opened = fileformat.read_file(path)
    assert set(opened.attachments) == {"scans.zip"}


def _plain_matrix_json(change: Any) -> bytes:
    """A document.json of three projects × two criteria of plain cells, compact as RRisk writes
    it (read by the fast road), after ``change`` of its cells."""
    cells = {f"p{i}": {c: {"likelihood": 2, "impact": 3} for c in "ab"} for i in range(3)}
    change(cells)
    body = {
        "criteria": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "projects": [{"id": f"p{i}", "name": f"P{i}"} for i in range(3)],
        "cells": cells,
    }
    data = {"format_version": 1, "app_version": rrisk.__version__, "document": body}
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda cells: cells["p2"]["b"].update(red_line="yes"),
            "project 'p2', criterion 'b': red line must be true or false, not 'yes'",
        ),
        (
            lambda cells: cells["p2"]["b"].update(red_line_reason="r", red_lines=True),
            "project 'p2', criterion 'b': unknown field 'red_lines'",
        ),
        (
            lambda cells: cells["p2"]["b"].update(red_line_basis="x" * 501),
            "project 'p2', criterion 'b': red line basis is 501 characters; at most 500",
        ),
        (
            lambda cells: cells["p2"].update({"B b": cells["p2"].pop("b")}),
            "cells: project 'p2': criterion id 'B b' is not a valid id (lower-case letters a–z, "
            "digits, '_', '.', '-', beginning with a letter or digit; at most 64 characters)",
        ),
    ],
)
def test_a_doubtful_cell_after_plain_ones_is_refused_by_rrisk_score_as_by_opening(
    path: Path, change: Any, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from rrisk.cli import main

    clean = path.with_name("clean.rrisk")
    clean.write_bytes(rrisk_bytes(_plain_matrix_json(lambda cells: None)))
    assert fileformat.load_for_scoring(clean)[1] is not None  # (the cells read by the fast road)
    assert problem(path, rrisk_bytes(_plain_matrix_json(change))) == message
    with pytest.raises(FileFormatError) as caught:
        fileformat.load_for_scoring(path)
    assert str(caught.value) == f"{path}: {message}"
    capsys.readouterr()
    assert main(["score", str(path)]) == 1
    assert capsys.readouterr().err == f"rrisk: {path}: {message}\n"
