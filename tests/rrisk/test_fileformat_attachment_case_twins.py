"""Two attachments whose names differ only in case are one file on Windows and macOS: a
.rrisk file holding such a pair (another tool may write one) is refused on open, naming both,
and RRisk never writes one."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

import rrisk
from rrisk import fileformat
from rrisk.errors import FileFormatError


def _rrisk_with(*attachments: str) -> bytes:
    body = {
        "criteria": [{"id": "a", "name": "A"}],
        "sources": [
            {"id": f"s{number}", "title": f"S{number}", "attachment": name}
            for number, name in enumerate(attachments)
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", fileformat.MIMETYPE)
        envelope = {"format_version": 2, "app_version": rrisk.__version__, "document": body}
        archive.writestr("document.json", json.dumps(envelope))
        for number, name in enumerate(attachments):
            archive.writestr(f"attachments/{name}", f"file {number}".encode())
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("first", "second"),
    [("Report.pdf", "report.pdf"), ("ÉTUDE.pdf", "étude.pdf"), ("Straße.pdf", "STRASSE.pdf")],
)
def test_attachments_differing_only_in_case_are_refused_naming_both(
    tmp_path: Path, first: str, second: str
) -> None:
    path = tmp_path / "twins.rrisk"
    path.write_bytes(_rrisk_with(first, second))
    with pytest.raises(FileFormatError) as caught:
        fileformat.load(path)
    message = str(caught.value)
    low, high = sorted((first, second))
    assert message.startswith(
        f"{path}: holds two attached files whose names differ only in case, '{low}' and "
        f"'{high}': on Windows and macOS they would be one file"
    )


def test_attachments_of_different_names_still_open(tmp_path: Path) -> None:
    path = tmp_path / "two.rrisk"
    path.write_bytes(_rrisk_with("Report.pdf", "report-2.pdf", "Mimetype"))
    assert sorted(fileformat.read_file(path).attachments) == [
        "Mimetype",
        "Report.pdf",
        "report-2.pdf",
    ]


def test_a_pair_differing_only_in_case_is_never_written(tmp_path: Path) -> None:
    document = fileformat.read_bytes(_rrisk_with("Report.pdf")).document
    with pytest.raises(FileFormatError, match="differ only in case, 'Report.pdf' and 'report.pdf'"):
        fileformat.save(document, tmp_path / "out.rrisk", {"Report.pdf": b"1", "report.pdf": b"2"})
    assert not (tmp_path / "out.rrisk").exists()
