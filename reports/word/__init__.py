"""The memo as an editable Word document: the PDF's story written out with python-docx."""

from __future__ import annotations

from reports.word.build import build_docx, write_docx

__all__ = ["build_docx", "write_docx"]
