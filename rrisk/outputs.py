"""Where a command may write: never over a file it reads, however the two paths are spelled
(relative, absolute, through a symbolic or hard link)."""

from __future__ import annotations

import os
from pathlib import Path

from rrisk.errors import RRiskError


def same_file(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    """Whether the two paths name one existing file (links followed)."""
    try:
        return os.path.samefile(first, second)
    except (OSError, ValueError):
        return False


def refuse_own_input(
    output: str | os.PathLike[str], source: str | os.PathLike[str], what: str
) -> None:
    """Refuse to write ``output`` when it is ``source``, a file the command reads (``what``
    says which, as "the assessment"): the output would replace it."""
    if same_file(output, source):
        raise RRiskError(f"{Path(output)}: this is {what} itself; choose another output path")
