"""``rrisk check FILE [--scenario S] [--format table|json]``: the problems a memo would carry.

Exit codes: 0 when there is no error (warnings may be listed), 1 when the check found an
error or the file cannot be read, 2 for misuse. Each problem is one line,
``error: PLACE: MESSAGE`` or ``warning: PLACE: MESSAGE``, on standard output; ``--format
json`` writes ``{"file", "scenario", "errors", "warnings", "problems": [...]}`` instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(subparsers: Any) -> None:
    sub = subparsers.add_parser(
        "check",
        help="list what would make the memo wrong (errors) or weak (warnings)",
        description="List every problem of an assessment with its place and severity. Exit 0 "
        "when there is no error, 1 when there is one (or the file cannot be read).",
    )
    sub.add_argument("file")
    sub.add_argument("--scenario", help="scenario the memo is written for (id or name)")
    sub.add_argument("--format", choices=("table", "json"), default="table")
    sub.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    from rrisk.check import ERROR, WARNING, check_document, count
    from rrisk.fileformat import load
    from rrisk.scoring import find_scenario

    document = load(args.file)
    scenario = find_scenario(document, args.scenario).id if args.scenario else None
    problems = check_document(document, scenario)
    errors, warnings = count(problems, ERROR), count(problems, WARNING)
    if args.format == "json":
        payload = {
            "file": str(args.file),
            "scenario": scenario,
            "errors": errors,
            "warnings": warnings,
            "problems": [p.as_dict() for p in problems],
        }
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for problem in problems:
            print(problem.line())
        print(
            f"{args.file}: {errors} error{'s' * (errors != 1)}, "
            f"{warnings} warning{'s' * (warnings != 1)}"
        )
    return 1 if errors else 0
