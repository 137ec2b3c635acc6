"""``rrisk check FILE [--scenario S] [--format table|json]``: the problems a memo would carry.

Exit codes: 0 when there is no error (warnings may be listed), 1 when the check found an
error or the file cannot be read, 2 for misuse. Each problem is one line,
``error: PLACE: MESSAGE`` or ``warning: PLACE: MESSAGE``, on standard output, then the notes:
``note: review status: …`` with how many assessed cells are marked reviewed and how many are
draft (naming the first draft ones), and ``note: attached files: …`` naming the attached files
no source names, if any; ``--format json`` writes ``{"file", "scenario" (its id),
"scenario_name", "errors", "warnings", "notes", "review" ({"reviewed", "draft", "unassessed",
"projects": [{"project", "reviewed", "draft", "unassessed"}, ...]}), "problems": [...]}``
instead.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable
from typing import Any

from rrisk.text import plural


def register(subparsers: Any) -> None:
    from rrisk.cli import SCENARIO_METAVAR, input_path, scenario_option

    sub = subparsers.add_parser(
        "check",
        help="list what would make the memo wrong (errors) or weak (warnings)",
        description="List every problem of an assessment with its place and severity. Exit 0 "
        "when there is no error, 1 when there is one (or the file cannot be read).",
    )
    sub.add_argument("file", metavar="FILE", type=input_path, help="the .rrisk assessment")
    sub.add_argument(
        "--scenario",
        type=scenario_option,
        metavar=SCENARIO_METAVAR,
        help="scenario the memo is written for (id or name)",
    )
    sub.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="how to print the result (default: table)",
    )
    sub.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    from rrisk.check import (
        ERROR,
        NOTE,
        WARNING,
        check_document,
        count,
        review_note,
        unnamed_files_note,
    )
    from rrisk.fileformat import read_file
    from rrisk.scoring import review_counts, scenario_for_command

    loaded = read_file(args.file)
    document = loaded.document
    found = scenario_for_command(document, args.scenario, args.file)
    scenario = found.id if found else None
    progress = _screen_progress(document)
    try:
        problems = check_document(document, scenario, screen=True, screen_progress=progress)
    finally:
        if progress is not None:
            _clear_progress()
    # The review status is the baseline's whatever the scenario: an override holds none.
    reviews = review_counts(document)
    for note in (review_note(document, reviews), unnamed_files_note(document, loaded.attachments)):
        if note is not None:
            problems.append(note)
    errors, warnings = count(problems, ERROR), count(problems, WARNING)
    notes = count(problems, NOTE)
    from rrisk.outputs import Verdict

    Verdict.decide(1 if errors else 0)  # the answer, however the printing below ends
    if args.format == "json":
        payload = {
            "file": str(args.file),
            "scenario": scenario,
            # Its name too, as score and analyze give it (the id alone read as another word).
            "scenario_name": found.name if found else None,
            "errors": errors,
            "warnings": warnings,
            "notes": notes,
            "review": reviews.as_dict(),
            "problems": [p.as_dict() for p in problems],
        }
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for problem in problems:
            print(problem.line())
        # The scenario as it was found (by id, name or a spelling of it), as score prints it:
        # on this one line, a line break or tab in its name a space.
        under = f" under the scenario “{' '.join(found.name.split())}”" if found else ""
        noted = f", {plural(notes, 'note')}" if notes else ""
        print(
            f"{args.file}: {plural(errors, 'error')}, {plural(warnings, 'warning')}{noted}{under}"
        )
    return 1 if errors else 0


def _screen_progress(document: Any) -> Callable[[int, int], None] | None:
    """On a terminal, what says how far the screening of the counterparties is (a large
    imported list: a tenth of a second or more for each, minutes for thousands), on stderr,
    as ``rrisk analyze`` says its runs; None into a pipe or a file, whose reader (a nightly
    job) parses the output, which stays the same."""
    import functools
    import os
    import shutil

    from rrisk.messages import one_line
    from rrisk.screening.listfile import bundled_list
    from rrisk.screening.screen import records_imported_list
    from rrisk.text import display_width

    if not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        return None
    imported = records_imported_list(document)
    name = one_line(
        document.screening.list_name.strip() if imported else bundled_list().name, limit=40
    )
    try:
        columns = os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError):  # (no descriptor of its own: the one stdout or $COLUMNS says)
        columns = 0
    # A terminal that gives no width (0: a serial console, `script`, a container's terminal
    # not yet sized) is taken as $COLUMNS or 80 wide, as shutil takes it.
    columns = columns or shutil.get_terminal_size().columns

    @functools.cache
    def against(total: int) -> str:
        # Within the terminal's width, the name cut to fit: a line that wrapped was not
        # overwritten by the next, and each count stood on a line of its own. (Laid out once
        # for the run's total, not again for each counterparty.)
        most = f"checking counterparties against : {total:,} of {total:,}"
        room = columns - 1 - display_width(most)
        shown = name if display_width(name) <= room else _cut_to_columns(name, room - 1) + "…"
        return f" against {shown}" if room >= 8 else ""

    def progress(done: int, total: int) -> None:
        line = f"\rchecking counterparties{against(total)}: {done:,} of {total:,}"
        with contextlib.suppress(OSError, ValueError):  # (a closed stderr: said nowhere)
            print(line, end="", file=sys.stderr, flush=True)

    return progress


def _cut_to_columns(text: str, columns: int) -> str:
    """The longest start of ``text`` that takes at most ``columns`` terminal columns."""
    from rrisk.text import display_width

    while text and display_width(text) > columns:
        text = text[:-1]
    return text


def _clear_progress() -> None:
    """Wipe the progress line, so the problems and messages that follow start clean."""
    with contextlib.suppress(OSError, ValueError):
        print("\r\033[K", end="", file=sys.stderr, flush=True)


def register_review(subparsers: Any) -> None:
    from rrisk.cli import input_path

    sub = subparsers.add_parser(
        "review",
        help="mark narrative texts reviewed against today's results",
        description="Record that narrative texts were reviewed against today's results (a "
        "cell's rationale: against its cell's scores), so 'rrisk check' stops calling them "
        "stale. TEXT is summary, recommendation, notes, "
        "project:ID or cell:PROJECT:CRITERION (as 'rrisk check --format json' names them).",
    )
    sub.add_argument("file", metavar="FILE", type=input_path, help="the .rrisk assessment")
    sub.add_argument("texts", nargs="*", metavar="TEXT", help="the texts to mark reviewed")
    sub.add_argument("--all", action="store_true", help="every narrative text of the file")
    sub.add_argument(
        "--force", action="store_true", help="write into the file even while RRisk has it open"
    )
    sub.set_defaults(handler=run_review, late_positionals="texts")


def run_review(args: argparse.Namespace) -> int:
    from rrisk.errors import RRiskError
    from rrisk.fields import narrative_texts
    from rrisk.fileformat import FORMAT_VERSION, read_file, save
    from rrisk.narrative import stamp_text
    from rrisk.outputs import done, refuse_if_open, say
    from rrisk.scoring import score

    if not args.texts and not args.all:
        # Misuse of the command line: exit 2 with the usage error's wording, as argparse does.
        say("rrisk review: error: name the texts to mark reviewed, or give --all")
        return 2
    if args.texts and args.all:
        say(
            "rrisk review: error: name the texts to mark reviewed or give --all, not both "
            "(--all marks every narrative text of the file)"
        )
        return 2
    loaded = read_file(args.file)
    document = loaded.document
    known = {key for key, _, text in narrative_texts(document) if text.strip()}
    keys = sorted(known) if args.all else list(dict.fromkeys(args.texts))
    for key in keys:
        if key not in known:
            raise RRiskError(f"{args.file}: '{key}' {_why_not_a_text(document, key)}")
    result = score(document)
    for key in keys:
        stamp_text(document, key, result)
    from rrisk.tempfiles import read_only, real_path

    if read_only(real_path(args.file)):  # (review writes the file itself: no -o to give)
        raise RRiskError(
            f"{args.file}: is read-only for you, so no text was marked reviewed; make it "
            "writable, or review a copy"
        )
    refuse_if_open(args.file, args.force)
    save(document, args.file, loaded.attachments)
    older = loaded.older_version()
    if older is not None:
        say(
            f"rrisk: note: {args.file}: was in {older}; it is now in version {FORMAT_VERSION}, "
            "which older releases of RRisk cannot open"
        )
    done(f"{args.file}: {plural(len(keys), 'text')} marked reviewed")
    return 0


def _why_not_a_text(document: Any, key: str) -> str:
    """Why ``key`` names no text to mark reviewed: no such project or criterion, an empty
    text, or no key of the forms ``rrisk check --format json`` gives."""
    kind, _, rest = key.partition(":")
    projects = {p.id for p in document.projects}
    criteria = {c.id for c in document.criteria}
    if kind == "project" and rest and ":" not in rest:
        if rest not in projects:
            return f"names no text: there is no project '{rest}'"
        return "is empty: the project has no description"
    if kind == "cell" and rest.count(":") == 1:
        project_id, _, criterion_id = rest.partition(":")
        if project_id not in projects:
            return f"names no text: there is no project '{project_id}'"
        if criterion_id not in criteria:
            return f"names no text: there is no criterion '{criterion_id}'"
        return "is empty: the cell has no rationale"
    if key in ("summary", "recommendation", "notes"):
        return f"is empty: the document has no {key}"
    return (
        "is not a narrative text: give summary, recommendation, notes, project:ID or "
        "cell:PROJECT:CRITERION"
    )
