"""The ``rrisk memo`` command, registered with the core CLI through the
``rrisk.commands`` entry point group (so that ``rrisk/`` never imports reportlab)."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    """Add ``memo FILE -o OUTPUT [--scenario NAME]`` to the core CLI's sub-commands."""
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
        metavar="PDF",
        help="where to write the memo (e.g. memo.pdf)",
    )
    parser.add_argument(
        "--scenario",
        metavar="NAME",
        default=None,
        help="compute every figure under this scenario (id or name)",
    )
    parser.set_defaults(handler=run_memo)


def run_memo(args: argparse.Namespace) -> int:
    """Load the file, build the memo and write it; print the output path."""
    # Imported here so that `rrisk --help` and other commands do not pay for reportlab.
    from reports.memo import write_memo
    from rrisk.fileformat import load
    from rrisk.scoring import find_scenario

    document = load(args.file)
    scenario = find_scenario(document, args.scenario).id if args.scenario else None
    write_memo(document, args.output, scenario)
    print(args.output)
    return 0
