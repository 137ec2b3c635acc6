"""Seeded mutation of valid files and tables: only the format's own errors ever come out.

Bounded (a few hundred mutants per kind, fixed seeds) so the test runs in seconds; the
seeds make any failure reproducible. Mutations follow the reliability campaign: byte flips,
spliced-out ranges, truncation, duplicated ranges, and hostile text in the JSON.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from rrisk import fileformat
from rrisk.errors import FileFormatError, ImportExportError
from rrisk.exchange import export_matrix, import_matrix
from rrisk.templates import new_from_template as load_template

HOSTILE_TEXT = [
    "\ud800",
    "\x1b[2J",
    "\u202e",
    "a\r=1",
    "\udfff\ud800",
    "\x00",
    "=cmd|' /C calc'!A0",
]


def _template_bytes() -> bytes:
    return fileformat.to_bytes(load_template("russia-rare-earths"))


def _mutants(data: bytes, seed: int, count: int) -> list[bytes]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        kind = rng.randrange(5)
        a = rng.randrange(len(data))
        b = min(len(data), a + rng.randrange(1, 400))
        if kind == 0:
            mutant = data[:a] + bytes([rng.randrange(256)]) + data[a + 1 :]
        elif kind == 1:
            mutant = data[:a] + data[b:]
        elif kind == 2:
            mutant = data[:a]
        elif kind == 3:
            mutant = data[:b] + data[a:]
        else:
            mutant = bytearray(data)
            for _ in range(rng.randrange(1, 20)):
                mutant[rng.randrange(len(mutant))] = rng.randrange(256)
            mutant = bytes(mutant)
        out.append(mutant)
    return out


def _assert_own_error(action: Callable[[], object], kind: type[Exception], name: str) -> None:
    try:
        action()
    except kind as error:
        message = str(error)
        assert message.startswith(name), message
        assert "\n" not in message and "\x1b" not in message and len(message) <= 600


@pytest.mark.parametrize("seed", range(4))
def test_mutated_rrisk_files_give_only_format_errors(seed: int) -> None:
    data = _template_bytes()
    for mutant in _mutants(data, seed, 150):
        _assert_own_error(
            lambda m=mutant: fileformat.read_bytes(m, "m.rrisk"), FileFormatError, "m.rrisk"
        )


def test_small_files_mutated_at_every_region() -> None:
    """A small file, so mutations hit the headers and central directory often."""
    from rrisk.model import parse_assessment

    data = fileformat.to_bytes(
        parse_assessment(
            {"criteria": [{"id": "c", "name": "C"}], "projects": [{"id": "p", "name": "P"}]}
        )
    )
    for mutant in _mutants(data, 99, 600):
        _assert_own_error(
            lambda m=mutant: fileformat.read_bytes(m, "m.rrisk"), FileFormatError, "m.rrisk"
        )


@pytest.mark.parametrize("seed", range(3))
def test_hostile_json_values_give_only_format_errors_or_a_savable_document(
    seed: int, tmp_path: Path
) -> None:
    rng = random.Random(seed)
    document = load_template("russia-rare-earths")
    envelope = json.loads(fileformat.document_json_bytes(document))
    for _ in range(40):
        body = json.loads(json.dumps(envelope))
        node = body["document"]
        # Walk to a random string and replace it with hostile text.
        path: list = []
        while isinstance(node, (dict, list)) and node:
            key = rng.choice(list(node)) if isinstance(node, dict) else rng.randrange(len(node))
            path.append(key)
            node = node[key]
        parent = body["document"]
        for key in path[:-1]:
            parent = parent[key]
        if not path:
            continue
        parent[path[-1]] = rng.choice(HOSTILE_TEXT) + (str(node) if rng.random() < 0.5 else "")
        raw = json.dumps(body).encode()
        import io
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("mimetype", fileformat.MIMETYPE)
            archive.writestr("document.json", raw)
        try:
            opened = fileformat.read_bytes(buffer.getvalue(), "h.rrisk")
        except FileFormatError as error:
            assert str(error).startswith("h.rrisk") and "\n" not in str(error)
            continue
        # What opens can be saved, exported and read back.
        fileformat.save(opened.document, tmp_path / "h.rrisk", opened.attachments)
        export_matrix(opened.document, tmp_path / "h.csv")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_mutated_tables_give_only_exchange_errors(suffix: str, tmp_path: Path) -> None:
    document = load_template("russia-rare-earths")
    table = tmp_path / f"t{suffix}"
    export_matrix(document, table)
    data = table.read_bytes()
    count = 120 if suffix == ".csv" else 60
    for number, mutant in enumerate(_mutants(data, 7, count)):
        target = tmp_path / f"m{number}{suffix}"
        target.write_bytes(mutant)
        _assert_own_error(lambda t=target: import_matrix(t), ImportExportError, str(target))
        _assert_own_error(
            lambda t=target: import_matrix(t, document), ImportExportError, str(target)
        )
