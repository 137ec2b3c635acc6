"""The ``rrisk memo`` command, registered with the core CLI through the
``rrisk.commands`` entry point group (so that ``rrisk/`` never imports reportlab)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from rrisk.errors import RRiskError


def register(subparsers: Any) -> None:
    """Add ``memo FILE -o OUTPUT [--scenario NAME] [--force] [--since OLD]`` to the sub-commands."""
    parser = subparsers.add_parser(
        "memo",
        help="write the investment-committee memo as a PDF",
        description="Write the investment-committee memo of an assessment as a PDF.",
    )
    parser.add_argument("file", metavar="FILE", help="the .rrisk assessment")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        type=_output_path,
        metavar="PDF",
        help="where to write the memo (a .pdf file; an existing one needs --force)",
    )
    parser.add_argument(
        "--scenario",
        metavar="NAME",
        default=None,
        help="compute every figure under this scenario (id or name)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing PDF")
    parser.add_argument(
        "--since",
        metavar="OLD",
        default=None,
        help="add a 'Changes since' section comparing FILE with this earlier .rrisk version",
    )
    parser.set_defaults(handler=run_memo)


def _output_path(value: str) -> str:
    """argparse type of ``--output``: an empty path is misuse (usage message, exit 2)."""
    if not value.strip():
        raise argparse.ArgumentTypeError("the output path is empty")
    return value


def _check_output(source: Path, output: Path, force: bool) -> None:
    """Refuse an output that would destroy the assessment, is not a PDF, or already exists."""
    if output.exists() and source.exists() and os.path.samefile(output, source):
        raise RRiskError(f"{output}: this is the assessment itself; choose another output path")
    if output.suffix.lower() != ".pdf":
        raise RRiskError(f"{output}: the memo is a PDF; give an output path ending in .pdf")
    if output.is_dir():
        raise RRiskError(f"{output}: is a folder; give a file path ending in .pdf")
    if output.exists() and not force:
        raise RRiskError(f"{output}: already exists (use --force to overwrite)")


def run_memo(args: argparse.Namespace) -> int:
    """Load the file, build the memo and write it; print the output path."""
    # Imported here so that `rrisk --help` and other commands do not pay for reportlab.
    from reports.memo import write_memo
    from rrisk.fileformat import load
    from rrisk.scoring import find_scenario

    # Checked before the (slow) build, and here rather than in write_memo: the desktop asks
    # its own overwrite question and then calls write_memo directly.
    _check_output(Path(args.file), Path(args.output), args.force)
    document = load(args.file)
    scenario = find_scenario(document, args.scenario).id if args.scenario else None
    since = load(args.since) if getattr(args, "since", None) else None
    write_memo(document, args.output, scenario, since=since)
    print(args.output)
    return 0
