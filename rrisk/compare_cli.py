"""``rrisk diff OLD NEW``: what changed between two versions, and what it did to the results.

Exit codes follow ``git diff``: 0 whether or not the versions differ; with ``--exit-code``,
0 when they are the same and 1 when they differ. A bad file (or an unknown scenario) is one
line on stderr and exit 1, as for every command; with ``--exit-code`` it is exit 2, so a
script can tell "they differ" (1) from "could not compare" (2), as with ``diff(1)``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from typing import Any

from rrisk.errors import RRiskError
from rrisk.outputs import say
from rrisk.text import csv_line, display_width, pad

FORMATS = ("table", "json", "csv")
EXIT_SAME, EXIT_DIFFER, EXIT_TROUBLE = 0, 1, 2

CSV_HEADER = [
    "section",
    "project",
    "criterion",
    "item",
    "field",
    "action",
    "old",
    "new",
    "points",
]
"""``--format csv``: one row per result movement, red line, contribution and change."""


def register(commands: Any) -> None:
    """Add ``diff`` to the core CLI's sub-commands."""
    from rrisk.cli import SCENARIO_METAVAR, input_path, scenario_option

    sub = commands.add_parser(
        "diff",
        help="compare two versions of an assessment",
        description="List every change between two versions of an assessment and its effect "
        "on indices, bands, ranks and red lines, with each change's share of the movement.",
    )
    sub.add_argument("old", metavar="OLD", type=input_path, help="the earlier .rrisk")
    sub.add_argument("new", metavar="NEW", type=input_path, help="the later .rrisk")
    sub.add_argument(
        "--scenario",
        type=scenario_option,
        metavar=SCENARIO_METAVAR,
        help="compare under this scenario (id or name; both need it; default: the baseline)",
    )
    sub.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="how to print the result (default: table)",
    )
    sub.add_argument(
        "--exit-code",
        action="store_true",
        help="exit 1 when the versions differ, 0 when not, 2 when a file cannot be read",
    )
    sub.set_defaults(handler=run_diff)


def run_diff(args: argparse.Namespace) -> int:
    from rrisk.compare import compare
    from rrisk.fileformat import read_file
    from rrisk.scoring import names_baseline

    scenario = None if args.scenario is None or names_baseline(args.scenario) else args.scenario

    try:
        old, new = read_file(args.old), read_file(args.new)
        comparison = compare(
            old.document,
            new.document,
            scenario,
            old_label=args.old,
            new_label=args.new,
            attachments=(old.attachments, new.attachments),
        )
    except RRiskError as error:
        if not args.exit_code:
            raise
        say(f"rrisk: {error}")
        return EXIT_TROUBLE
    from rrisk.compare import unrelated_problem

    unrelated = unrelated_problem(old.document, new.document, args.old, args.new)
    if unrelated:  # a file named by mistake would read as the assessment rebuilt
        say(f"rrisk: warning: {unrelated}")
    if args.exit_code:  # the answer, however the printing below ends
        from rrisk.outputs import Verdict

        Verdict.decide(EXIT_DIFFER if comparison.differs else EXIT_SAME, EXIT_TROUBLE)
    if args.format == "json":
        json.dump(comparison.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.format == "csv":
        sys.stdout.writelines(csv_record(row) for row in csv_rows(comparison))
    else:
        sys.stdout.write(table(comparison, args.old, args.new))
    if args.exit_code and comparison.differs:
        return EXIT_DIFFER
    return EXIT_SAME


def _pad(rows: list[list[str]]) -> list[str]:
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(pad(v, w) for v, w in zip(row, widths, strict=True)).rstrip() for row in rows]


MOVERS_SHOWN = 10
"""Projects explained under "Why the indices moved" in the table (the rest are counted)."""


def table(
    comparison: Any,
    old_path: str,
    new_path: str,
    say: Callable[[Any, bool], str] | None = None,
) -> str:
    """The human-readable report: results, red lines, why indices moved, then every change.

    ``say``: a change's line (``describe`` with the report's names), for a caller that words
    the changes for itself too and keeps what it worded."""
    from rrisk.compare.wording import (
        Namer,
        at_most,
        band_text,
        contribution_text,
        coverage_text,
        describe,
        grouped,
        index_text,
        movement_parts,
        movers,
        rank_text,
    )
    from rrisk.compare.words import clip

    names = Namer(comparison)
    line = say or (lambda change, within_project: describe(change, names, within_project))
    lines = [
        f"{_side(old_path, comparison.old, comparison.old_fingerprint)}",
        f"→ {_side(new_path, comparison.new, comparison.new_fingerprint)}",
        # On one line, as rrisk score prints it: a line break or tab in the name is a space.
        f"Scenario: {' '.join((comparison.scenario or 'baseline').split())}",
        "",
    ]
    if not comparison.changes:
        if not comparison.attachments:
            return "\n".join([*lines, "No differences."]) + "\n"
        return "\n".join([*lines, *_attachment_lines(comparison)]) + "\n"
    rows = [["rank", "project", "index", "band", "coverage", "status"]]
    for effect in comparison.effects:
        status_old = effect.old.status if effect.old else "—"
        status_new = effect.new.status if effect.new else "—"
        status = status_new if status_old == status_new else f"{status_old} → {status_new}"
        rows.append(
            [
                rank_text(effect),
                names("project", effect.id),
                index_text(effect),
                band_text(effect),
                coverage_text(effect),
                status,
            ]
        )
    if comparison.effects:
        lines += ["Results", *("  " + line for line in _pad(rows)), ""]
    else:  # a header over no row reads as a table cut off
        lines += ["Results", "  no project in either version", ""]
    red = [
        f"  {sign} {names('project', e.id)}: {names('criterion', r.criterion)} — "
        + clip(r.reason, 400)
        + (f" [{clip(r.basis, 200)}]" if r.basis else "")
        for e in comparison.effects
        for sign, found in (("+", e.red_lines_appeared), ("−", e.red_lines_cleared))
        for r in found
    ]
    if red:
        lines += ["Red lines (+ appeared, − cleared)", *red, ""]
    moved = movers(comparison)
    if moved:
        lines.append(
            "Why the indices moved (index points, rounded so that they add up to the movement)"
        )
        for effect in moved[:MOVERS_SHOWN]:
            movement, parts, rest = movement_parts(effect)
            lines.append(f"  {names('project', effect.id)}  {movement}")
            for part, points in parts:
                lines.append(f"    {points:+7.2f}  {contribution_text(part, names, effect.id)}")
            if rest is not None:
                label, points = rest
                lines.append(f"    {points:+7.2f}  {label}")
        if len(moved) > MOVERS_SHOWN:
            more = moved[MOVERS_SHOWN:]
            noun = "project" if len(more) == 1 else "projects"
            lines.append(
                f"  … and {len(more):,} more {noun} with smaller movements (at most "
                f"{at_most(max(abs(e.index_change or 0.0) for e in more))} points); "
                "--format json or csv lists them all"
            )
        lines.append("")
    lines.append(f"Changes ({len(comparison.changes):,})")
    for title, project_id, changes in grouped(comparison):
        lines.append(f"  {title}")
        inside = project_id is not None
        lines += [f"    {line(change, inside)}" for change in changes]
    if comparison.attachments:
        lines += ["", *_attachment_lines(comparison)]
    return "\n".join(lines) + "\n"


def _attachment_lines(comparison: Any) -> list[str]:
    from rrisk.messages import one_line

    files = comparison.attachments
    return [f"Attachments ({len(files):,})"] + [
        f"  {one_line(name)}: {action}" for name, action in files
    ]


def _side(path: str, doc: Any, fingerprint: str) -> str:
    as_of = f"as of {doc.as_of}" if doc.as_of else "no as-of date"
    return f"{path}  ({as_of}, sha256 {fingerprint[:12]}…)"


_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def csv_record(fields: list[str]) -> str:
    """One CSV record as :func:`rrisk.text.csv_line` writes it, except for plain numbers.

    A negative number such as ``-11.28`` is what a spreadsheet should read as a number, not a
    formula to defuse, so it is written bare; every other field keeps the formula guard.
    """
    out = []
    for field in fields:
        if _NUMBER.fullmatch(field):
            out.append(field)
        else:
            out.append(csv_line([field]).removesuffix("\n"))
    return ",".join(out) + "\n"


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float):  # 0.000001, not 1e-06; 2, not 2.0 (as the table prints)
        from rrisk.text import plain_number

        return plain_number(value)
    return json.dumps(value, ensure_ascii=False)


def csv_rows(comparison: Any) -> list[list[str]]:
    """Header, then results, red lines, contributions and changes (values whole, JSON for
    lists and objects; text a spreadsheet would run is guarded by :func:`csv_line`)."""
    rows = [CSV_HEADER]
    for effect in comparison.effects:
        old, new = effect.as_dict()["old"] or {}, effect.as_dict()["new"] or {}
        for name in ("rank", "index", "band", "status", "coverage"):
            if old.get(name) != new.get(name):
                rows.append(
                    [
                        "result",
                        effect.id,
                        "",
                        "",
                        name,
                        "changed",
                        _csv_value(old.get(name)),
                        _csv_value(new.get(name)),
                        "",
                    ]
                )
        for action, found in (
            ("appeared", effect.red_lines_appeared),
            ("cleared", effect.red_lines_cleared),
        ):
            for red_line in found:
                rows.append(
                    [
                        "red line",
                        effect.id,
                        red_line.criterion,
                        "",
                        red_line.kind,
                        action,
                        red_line.reason if action == "cleared" else "",  # old
                        red_line.reason if action == "appeared" else "",  # new
                        "",
                    ]
                )
        for part, points in zip(effect.contributions, effect.shares(), strict=True):
            rows.append(
                [
                    "contribution",
                    effect.id,
                    part.criterion,
                    "",
                    part.source,
                    "",
                    _csv_value(part.old),
                    _csv_value(part.new),
                    f"{points:.4f}",
                ]
            )
    for change in comparison.changes:
        rows.append(
            [
                "change:" + change.kind,
                change.project or "",
                change.criterion or "",
                change.item or "",
                change.field or "",
                change.action,
                _csv_value(change.old),
                _csv_value(change.new),
                "",
            ]
        )
    rows += [
        ["attachment", "", "", name, "", action, "", "", ""]
        for name, action in comparison.attachments
    ]
    return rows
