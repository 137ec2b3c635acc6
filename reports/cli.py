"""The ``rrisk memo`` command, registered with the core CLI through the
``rrisk.commands`` entry point group (so that ``rrisk/`` never imports reportlab)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from rrisk.errors import RRiskError
from rrisk.outputs import output_path, refuse_missing_folder, refuse_own_input, say, wrong_name


def register(subparsers: Any) -> None:
    """Add ``memo FILE -o OUTPUT [--scenario NAME] [--force] [--since OLD] [--strict]``."""
    from rrisk.cli import input_path, scenario_option

    parser = subparsers.add_parser(
        "memo",
        help="write the investment-committee memo as a PDF or a Word document",
        description="Write the investment-committee memo of an assessment as a PDF (.pdf) or "
        "an editable Word document (.docx). The check's warnings and errors are printed on "
        "stderr; with --strict an error refuses the memo (exit 1).",
    )
    parser.add_argument("file", metavar="FILE", type=input_path, help="the .rrisk assessment")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        type=output_path,
        metavar="OUTPUT",
        help="where to write the memo: a .pdf or .docx file (an existing one needs --force)",
    )
    parser.add_argument(
        "--scenario",
        type=scenario_option,
        metavar="NAME",
        default=None,
        help="compute every figure under this scenario (id or name)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.add_argument(
        "--since",
        metavar="OLD",
        type=input_path,
        default=None,
        help="add a 'Changes since' section comparing FILE with this earlier .rrisk version",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="refuse to write the memo when the check finds an error (exit 1)",
    )
    parser.set_defaults(handler=run_memo)


def _check_output(source: Path, output: Path, force: bool, since: Path | None = None) -> None:
    """Refuse an output that would destroy the assessment (or the earlier version it is
    compared with), is neither a PDF nor a Word document, or already exists."""
    refuse_own_input(output, source, "the assessment")
    if since is not None:
        refuse_own_input(output, since, "the earlier version (--since)")
    if output.suffix.lower() not in (".pdf", ".docx"):
        raise RRiskError(
            wrong_name(output, "the memo is a PDF or a Word document", (".pdf", ".docx"))
        )
    if not force:
        from rrisk.outputs import refuse_to_replace

        refuse_to_replace(output)
    refuse_missing_folder(output, "the memo")  # said now, not after the memo has been built


def run_memo(args: argparse.Namespace) -> int:
    """Load the file, build the memo and write it; print the output path."""
    # Imported here so that `rrisk --help` and other commands do not pay for reportlab.
    from reports.memo import write_memo
    from rrisk.analysis import TooManyRunsError
    from rrisk.fileformat import read_file
    from rrisk.scoring import scenario_for_command

    # Checked before the (slow) build, and here rather than in write_memo: the desktop asks
    # its own overwrite question and then calls write_memo directly.
    since_path = getattr(args, "since", None)
    _check_output(
        Path(args.file), Path(args.output), args.force, Path(since_path) if since_path else None
    )
    opened = read_file(args.file)
    document = opened.document
    found = scenario_for_command(document, args.scenario, args.file)
    scenario = found.id if found else None
    since = None
    if getattr(args, "since", None):
        from rrisk.compare import Earlier, attachment_changes

        earlier = read_file(args.since)
        files = attachment_changes(earlier.attachments, opened.attachments)
        since = Earlier(earlier.document, tuple(files))
    word = Path(args.output).suffix.lower() == ".docx"
    report_problems(
        document,
        scenario,
        strict=args.strict,
        source=args.file,
        memo_format="docx" if word else "pdf",
        since=since.document if since is not None else None,
    )
    if since is not None:
        from rrisk.compare import order_problem, same_date_problem, unrelated_problem

        unrelated = unrelated_problem(since.document, document, args.since, args.file)
        if unrelated:
            say(f"rrisk: warning: --since {unrelated}")
        problem = order_problem(since.document, document) or same_date_problem(
            since.document, document
        )
        if problem:
            say(f"rrisk: warning: --since {args.since}: {problem}")
    # A long memo (hundreds of projects: tens of seconds; thousands: minutes) says how far it
    # is on a terminal, as `rrisk analyze` does; never into a pipe or a file.
    interactive = (
        sys.stderr is not None and sys.stderr.isatty() and os.environ.get("TERM") != "dumb"
    )

    def progress(percent: int, stage: str) -> None:
        print(f"\rwriting the memo: {percent:3d}% ({stage})\033[K", end="", file=sys.stderr)
        sys.stderr.flush()

    shown = progress if interactive else None
    try:
        if word:
            from reports.word import write_docx

            write_docx(document, args.output, scenario, since=since, progress=shown)
        else:
            write_memo(document, args.output, scenario, since=since, progress=shown)
    except TooManyRunsError as error:
        raise RRiskError(f"{args.file}: {error}") from None
    finally:
        if interactive:
            print("\r\033[K", end="", file=sys.stderr, flush=True)
    from rrisk.outputs import done

    done(args.output)
    return 0


def report_problems(
    document: Any,
    scenario: str | None,
    *,
    strict: bool,
    source: str = "the document",
    memo_format: str | None = None,
    since: Any = None,
) -> None:
    """Print the check's problems of a memo of ``memo_format`` (``"pdf"``, ``"docx"``) on
    stderr; with ``strict``, refuse on the first error (naming ``source``, the file the memo
    is made from)."""
    from rrisk.check import ERROR, check_document

    problems = check_document(document, scenario, memo_format=memo_format, since=since)
    errors = [p for p in problems if p.severity == ERROR]
    if strict and errors:
        for problem in problems:
            say(f"rrisk: {problem.line()}")
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise RRiskError(
            f"{source}: memo refused (--strict): {first.place}: {first.message}{more}; "
            "see 'rrisk check' for the full list"
        )
    for problem in problems:
        say(f"rrisk: {problem.line()}")
