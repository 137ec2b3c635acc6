"""Check the Word memo the way a reader gets it: write it, convert it to PDF with LibreOffice.

    python packaging/check_docx_memo.py [CASE.rrisk] [--out FOLDER]

Writes ``memo.docx`` of CASE (default: the bundled template), converts it with LibreOffice
(``soffice --headless --convert-to pdf``) where installed, and prints the page count of both
the Word memo's PDF and the reportlab PDF. Not a test: LibreOffice is optional, and the pages
are meant to be looked at (render them with any PDF viewer or ``pdftoppm``). Exit 0 when the
conversion worked, 1 when it failed, 2 when LibreOffice is not installed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("case", nargs="?", help="a .rrisk file (default: the template)")
    parser.add_argument("--out", default="memo-check", help="folder for the outputs")
    args = parser.parse_args()

    from pypdf import PdfReader

    from reports.memo import write_memo
    from reports.word import write_docx
    from rrisk.fileformat import load
    from rrisk.templates import new_from_template

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    document = load(args.case) if args.case else new_from_template("russia-rare-earths")
    docx_path, pdf_path = out / "memo.docx", out / "memo.pdf"
    write_docx(document, docx_path)
    write_memo(document, pdf_path)
    print(f"{docx_path}: {docx_path.stat().st_size:,} bytes")
    print(f"{pdf_path}: {len(PdfReader(pdf_path).pages)} pages (reportlab)")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print(
            "LibreOffice is not installed: no conversion (apt-get install libreoffice-writer-nogui)"
        )
        return 2
    converted = out / "word"
    converted.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        run = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(converted),
                str(docx_path),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
    result = converted / "memo.pdf"
    if run.returncode != 0 or not result.exists():
        print(f"LibreOffice could not convert the memo: {run.stderr.strip()[:300]}")
        return 1
    print(f"{result}: {len(PdfReader(result).pages)} pages (Word memo via LibreOffice)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
