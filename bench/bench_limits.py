"""How fast hostile-but-valid input is refused (the reliability campaign's worst cases).

Run: ``python bench/bench_limits.py``. Prints wall-clock seconds and peak memory of
``rrisk analyze``/``rrisk memo`` on a 111 KB file with 20,007 projects, and of an import of an
xlsx whose shared strings unpack to ~40 MB (past the 32 MiB limit).
"""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from rrisk.fileformat import MIMETYPE


def many_projects(folder: Path) -> Path:
    body = {
        "criteria": [{"id": "c", "name": "C"}],
        "projects": [{"id": f"p{i}", "name": "P"} for i in range(20_007)],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("document.json", json.dumps({"format_version": 1, "document": body}))
    path = folder / "many.rrisk"
    path.write_bytes(buffer.getvalue())
    return path


def string_bomb(folder: Path) -> Path:
    count = 1_300_000
    items = "".join(f"<si><t>{i:020d}</t></si>" for i in range(count))
    sst = (
        '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
        f'main" count="{count}" uniqueCount="{count}">{items}</sst>'
    )
    from openpyxl import Workbook

    path = folder / "bomb.xlsx"
    book = Workbook()
    book.active.title = "Matrix"
    book.active.append(["Project ID", "Criterion ID", "Likelihood", "Impact"])
    book.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["xl/sharedStrings.xml"] = sst.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def timed(label: str, argv: list[str]) -> None:
    start = time.perf_counter()
    run = subprocess.run(argv, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{label:<34} {seconds:6.2f} s  peak {peak:6.0f} MB  exit {run.returncode}")
    print(f"    {run.stderr.strip()[:160]}")


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        rrisk_file = many_projects(folder)
        print(f"{rrisk_file.name}: {rrisk_file.stat().st_size:,} bytes")
        timed(
            "rrisk analyze (20,007 projects)",
            [sys.executable, "-m", "rrisk", "analyze", str(rrisk_file)],
        )
        timed(
            "rrisk memo (20,007 projects)",
            [sys.executable, "-m", "rrisk", "memo", str(rrisk_file), "-o", str(folder / "m.pdf")],
        )
        bomb = string_bomb(folder)
        print(f"{bomb.name}: {bomb.stat().st_size:,} bytes")
        timed(
            "rrisk import (shared-strings bomb)",
            [sys.executable, "-m", "rrisk", "import", str(bomb), "-o", str(folder / "b.rrisk")],
        )


if __name__ == "__main__":
    main()
