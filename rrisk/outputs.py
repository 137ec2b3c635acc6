"""Where a command may write: never over a file it reads, however the two paths are spelled
(relative, absolute, through a symbolic or hard link)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from rrisk.errors import RRiskError


class Verdict:
    """The exit code of a command whose exit code is its answer (``rrisk check``: errors
    found; ``rrisk diff --exit-code``: the versions differ), decided before it prints.

    Its output may stop early (a pipe into ``head -1`` closes) or fail (a full disk): the
    answer must still be the exit code, never the 0 of "nothing went wrong" (a CI gate
    piping ``rrisk check`` would pass a document with errors). ``trouble`` is the code for
    output that could not be written (``diff``'s 2, "could not compare")."""

    code = 0
    trouble = 1

    @classmethod
    def decide(cls, code: int, trouble: int = 1) -> None:
        cls.code, cls.trouble = code, trouble

    @classmethod
    def reset(cls) -> None:
        cls.code, cls.trouble = 0, 1


OTHER_KINDS = frozenset(
    (".rrisk", ".pdf", ".docx", ".doc", ".json", ".txt")  # assessments, memos, text
    + (".csv", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods")  # tables
)
"""Extensions that say a kind of file: in a name refused for another kind, replaced by the
right one (``memo.txt`` given as ``memo.pdf``), where any other is kept (``case.v2.rrisk``)."""


def wrong_name(output: Path, what: str, suffixes: tuple[str, ...]) -> str:
    """Why ``output`` is refused as the name of a file written only under ``suffixes``,
    naming the one to give: "case.bak: an assessment is saved as a .rrisk file (got a .bak
    file; name the output case.bak.rrisk)". ``what`` says the kind of file written."""
    if str(output) == "-":
        endings = " or ".join(suffixes)
        return f"{what}, not written to the standard output (name a file ending in {endings})"
    # Spaces around the name and dots at its end are dropped from the one suggested, as
    # Windows drops them: "memo.docx " is memo.docx, "memo.pdf." memo.pdf.
    name = Path(output.name.strip().rstrip(". ") or output.name)
    got = f"a {name.suffix} file" if name.suffix else "no extension"
    if name.name != output.name:
        # Said, as they cannot be seen: "got a .docx  file; name the output … memo.docx".
        got += ", with spaces or dots around its name"
    base = name.stem if name.suffix.lower() in OTHER_KINDS else name.name.rstrip(".") or name.name
    names = " or ".join(f"{base}{ending}" for ending in suffixes)
    return f"{output}: {what} (got {got}; name the output {names})"


def output_path(value: str) -> str:
    """argparse type of a command's ``--output``: an empty path, or one ending in a folder
    separator (``q.csv/`` names a folder, which the file would be written beside), is misuse:
    the usage message, exit 2."""
    import argparse

    if not value.strip():
        raise argparse.ArgumentTypeError("the output path is empty")
    if (
        value.endswith(("/", os.sep))
        or (os.altsep and value.endswith(os.altsep))
        or os.path.isdir(value)
    ):
        raise argparse.ArgumentTypeError(f"'{value}' names a folder; give the file's name")
    return value


def done(line: str | os.PathLike[str]) -> None:
    """Print the line that says a command's work is done (the file it wrote, usually).

    The work is done before this line: a standard output that cannot take it (a full disk
    under it, a closed pipe) must not turn the command into a failure, which would leave a
    file the user believes was never written (re-running it then finds it "already exists").
    The line goes to stderr instead. Control characters in a file's name are escaped, as
    every message escapes them."""

    from rrisk.messages import one_line

    text = one_line(str(line), limit=10_000)
    try:
        print(text, flush=True)
    except (OSError, ValueError):
        say(f"rrisk: {text} (standard output could not be written)")


def say(line: str) -> None:
    """Print a message line (a warning, a note, an error) on stderr.

    A message that cannot be written (its reader gone, as in ``rrisk memo … 2>&1 | head -1``,
    or a full disk) is dropped: it never stops the command nor changes its exit code. Raised,
    a closed pipe read as a reader of the output that stopped early, the command's work done:
    the memo went unwritten with exit 0, and ``diff --exit-code`` answered 0, "the same"."""
    import sys

    with contextlib.suppress(OSError, ValueError):
        print(line, file=sys.stderr, flush=True)


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


def refuse_if_open(path: str | os.PathLike[str], force: bool) -> None:
    """Refuse to write into the ``.rrisk`` file ``path`` while RRisk has it open, by its lock
    (:mod:`rrisk.locks`; one left by a process of this machine that is gone does not count):
    the app's next save there would replace what is written here, without a word on either
    side. ``force``: written anyway, said in a note, as the app asks before saving over a
    file a colleague's copy has open. Said in a command's words: who has it open and where,
    what writing would do to either side, and ``--force``."""
    from rrisk.locks import who_has_open

    found = who_has_open(Path(path))
    if found is None:
        return
    holder, ending = found
    if not force:
        # In a command's words (the app's "if you both save" is for two windows): who, where,
        # and what writing now would do to either side.
        raise RRiskError(
            f"{path}: is open in RRisk, so nothing was written: {holder}. This command would "
            "overwrite changes not yet saved there, or be overwritten by the next save there. "
            f"Close it there first, or give --force to write anyway{f'. {ending}' if ending else ''}"
        )
    say(f"rrisk: note: {path}: written while open in RRisk (--force): {holder}")


def refuse_to_replace(output: Path) -> None:
    """Refuse ``output`` without ``--force``: a file that exists, or a link to one that does
    not (written through, it would make a file wherever the link points)."""
    import errno

    if os.path.lexists(output) and not os.path.exists(output):
        try:
            os.stat(output)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise RRiskError(
                    f"{output}: is a link that leads round to itself (use --force to replace "
                    "the link with the file)"
                ) from None
        try:
            target = os.path.normpath(os.path.join(os.path.dirname(output), os.readlink(output)))
        except OSError:
            target = "a place that does not exist"
        raise RRiskError(
            f"{output}: is a link to {target}, which does not exist; writing would make that "
            "file (use --force to write there)"
        )
    if os.path.lexists(output):
        raise RRiskError(f"{output}: already exists (use --force to overwrite)")


def refuse_missing_folder(output: Path, what: str) -> None:
    """Refuse ``output`` whose folder does not exist, before the work (``what`` is written
    there: "the memo"), rather than after it, with the system's words for the folder."""
    folder = output.parent
    if not folder.is_dir():  # (a link to a folder is one)
        if folder.exists():
            raise RRiskError(f"{folder}: is a file, not a folder; write {what} elsewhere")
        raise RRiskError(f"{folder}: no such folder; create it or write {what} elsewhere")
