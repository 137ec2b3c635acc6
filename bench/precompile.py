"""Byte-compiling RRisk's modules before a timed start, as an install does."""

from __future__ import annotations

import compileall
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def compile_sources() -> None:
    """Byte-compile rrisk/, desktop/ and reports/: the timed processes may run with
    ``PYTHONDONTWRITEBYTECODE`` (this machine sets it), so a module edited since its last run
    would otherwise be compiled again in every timed start, which no installed copy does."""
    for package in ("rrisk", "desktop", "reports"):
        compileall.compile_dir(ROOT / package, quiet=1)
