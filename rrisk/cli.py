"""The ``rrisk`` command line.

Exit codes: 0 success, 1 a bad file or input (one line on stderr, no traceback), 2 misuse
(argparse's usage message). Commands that need more than the core (the PDF memo) are
registered through the ``rrisk.commands`` entry-point group, so this module never imports
them: each entry point is a ``register(subparsers)`` function that adds its parser and sets
``handler`` (``handler(args) -> int``). RRisk's own (:data:`OWN_PLUGINS`), when the command
line names one, is registered from its module by name, without the scan of entry points.
"""

from __future__ import annotations

import sys

try:
    import argparse
    import math
    import os
    import re
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from rrisk import __version__, collector
    from rrisk.errors import RRiskError
    from rrisk.outputs import (
        done,
        output_path,
        refuse_if_open,
        refuse_missing_folder,
        refuse_own_input,
        refuse_to_replace,
        same_file,
        say,
        wrong_name,
    )
    from rrisk.text import RED_LINES_APART, csv_line, display_width, names_apart, pad, plural
except KeyboardInterrupt:
    # Ctrl+C as the command starts: these imports are most of its first ~0.1 s (more on a
    # busy machine), and a Ctrl+C then printed a traceback. Said as main says it later.
    if sys.stderr is not None:
        sys.stderr.write("rrisk: interrupted\n")
    raise SystemExit(130) from None

FORMATS = ("table", "csv", "json")

SCENARIO_METAVAR = "NAME"
"""How every command's ``--scenario`` shows its value in help (``--scenario NAME``: an id
or a name; ``rrisk memo`` said NAME where the others said SCENARIO)."""


class HelpFormatter(argparse.HelpFormatter):
    """argparse's, with each command's name kept on the line of its help: argparse measures
    the commands at the indentation of the list that holds them, two columns less than it
    prints them at, so the longest ('templates') was put on a line of its own."""

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is argparse.SUPPRESS:
            return
        subactions: list[argparse.Action] = getattr(action, "_get_subactions", list)()
        for subaction in subactions:
            printed = len(self._format_action_invocation(subaction))
            indented = printed + self._current_indent + self._indent_increment
            self._action_max_length = max(self._action_max_length, indented)


def _cmd_templates(args: argparse.Namespace) -> int:
    from rrisk.templates import list_templates

    templates = list_templates()
    width = max(len(t.id) for t in templates)
    for template in templates:
        print(f"{template.id.ljust(width)}  {template.description}")
    return 0


def _assessment_output(output: Path) -> None:
    if str(output) == "-":
        raise RRiskError(
            "a .rrisk file is a zip archive and is not written to the standard output; "
            "name a file (-o case.rrisk)"
        )
    if output.suffix.lower() != ".rrisk":  # the app's Open dialog lists *.rrisk alone
        raise RRiskError(wrong_name(output, "an assessment is saved as a .rrisk file", (".rrisk",)))


def _cmd_new(args: argparse.Namespace) -> int:
    from rrisk.fileformat import save
    from rrisk.templates import new_from_template

    output = Path(args.output)
    _assessment_output(output)
    if not args.force:
        refuse_to_replace(output)
    refuse_missing_folder(output, "the assessment")
    refuse_if_open(output, args.force)
    document = new_from_template(args.template)
    if args.title:
        document.title = args.title
    save(document, output)
    done(output)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from rrisk.fileformat import FORMAT_VERSION, read_file

    loaded = read_file(args.file)
    document = loaded.document
    assessed = sum(1 for _, _, cell in document.iter_cells() if cell.assessed)
    total = len(document.projects) * len(document.criteria)
    # An older file names the release that wrote it, as the app's status bar and the notes
    # of rrisk review and rrisk import --into do: a colleague on it cannot open what is saved.
    older = loaded.older_version()
    version = f"format version {loaded.format_version}"
    if older is not None:
        version = (
            f"{older}; read as version {FORMAT_VERSION}, which saving writes and older "
            "releases of RRisk cannot open"
        )
    counts = [
        plural(len(document.projects), "project", "projects"),
        plural(len(document.criteria), "criterion", "criteria"),
        f"{assessed:,} of {plural(total, 'cell', 'cells')} assessed",
        plural(len(document.sources), "source", "sources"),
        plural(len(document.scenarios), "scenario", "scenarios"),
    ]
    print(f"{args.file}: valid ({version}); {', '.join(counts)}")
    return 0


def _display_name(name: str, alt_names: Sequence[str]) -> str:
    return f"{name} ({alt_names[0]})" if alt_names else name


def scenario_option(text: str) -> str:
    """``--scenario``'s value: an id or name, or ``baseline``; a blank one is a usage error
    (it would otherwise quietly mean the baseline)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give a scenario id or name, or 'baseline'")
    return text


def runs_option(text: str) -> int:
    """``--runs``: a whole number in the range a document can hold; out of range is a usage
    error (exit 2), as a value that is not a number is."""
    from rrisk.docparts import MAX_RUNS, MIN_RUNS

    runs = _whole(text)
    if not MIN_RUNS <= runs <= MAX_RUNS:
        raise argparse.ArgumentTypeError(
            f"the number of runs must be between {MIN_RUNS:,} and {MAX_RUNS:,} (got {runs:,})"
        )
    return runs


def seed_option(text: str) -> int:
    """``--seed``: a whole number from 0 to the largest seed a document can hold."""
    from rrisk.docparts import MAX_SEED

    seed = _whole(text)
    if not 0 <= seed <= MAX_SEED:
        raise argparse.ArgumentTypeError(
            f"the seed must be between 0 and {MAX_SEED:,} (got {seed:,})"
        )
    return seed


def _whole(text: str) -> int:
    """A whole number as typed (``10,000`` and ``10_000`` too); one of more digits than any
    limit here has is out of range, quoted clipped (never thousands of digits on the line)."""
    from rrisk.text import quoted

    digits = text.strip().replace("_", "")
    if "," in digits:  # a thousands separator, where one goes ("1,5" is no number here)
        if not re.fullmatch(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+", digits):
            raise argparse.ArgumentTypeError(f"{quoted(text)} is not a whole number")
        digits = digits.replace(",", "")
    if digits.lstrip("+-").isdigit() and len(digits) > 30:
        raise argparse.ArgumentTypeError(f"{quoted(text)} is out of range")
    try:
        return int(digits)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{quoted(text)} is not a whole number") from None


def text_option(text: str) -> str:
    """A text option's value: not blank, and text (a terminal in another encoding passes bytes
    that are not UTF-8, which Python keeps as unpaired surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError(
            "is not UTF-8 text (is the terminal set to another encoding?)"
        ) from None
    if not text.strip():
        raise argparse.ArgumentTypeError("is blank")
    return text


def base_option(text: str) -> str:
    """``--into``'s value: not blank (an unset shell variable, ``--into "$BASE"``), which
    would otherwise read as no ``--into`` and build a new assessment from the table alone."""
    if not text.strip():
        raise argparse.ArgumentTypeError(
            "the path is empty (without --into the table would make a new assessment)"
        )
    return text


def input_path(text: str) -> str:
    """A file a command reads: an empty path (an unset shell variable, ``rrisk score "$F"``) is
    misuse, exit 2 (it read as a file named '' that "does not exist")."""
    if not text.strip():
        raise argparse.ArgumentTypeError("the path is empty")
    if text == "-" and not os.path.lexists(text):  # (a file named '-' is read as any other)
        # A .rrisk is a zip read by seeking, and no command reads a pipe: it read as a file
        # named '-' that "does not exist".
        raise argparse.ArgumentTypeError("'-' (the standard input) is not read; name the file")
    return text


SCENARIO_HELP = "scenario id or name (default: the baseline, also named by 'baseline')"


def _cmd_score(args: argparse.Namespace) -> int:
    from rrisk.fileformat import load_for_scoring
    from rrisk.fmt import fmt_index, fmt_percent
    from rrisk.scoring import (
        compile_matrix,
        json_share,
        results_payload,
        scenario_for_command,
        score_matrix,
    )

    # Read for scoring alone: a plainly valid file's cells are tested, not built.
    document, cell_scores = load_for_scoring(args.file)
    scenario = scenario_for_command(document, args.scenario, args.file)
    result = score_matrix(compile_matrix(document, scenario, cell_scores))
    payload = results_payload(document, result)
    if args.format == "json":
        from rrisk.jsonwrite import write_indented

        write_indented(payload, sys.stdout)
        return 0
    alt_names = {p.id: p.alt_names for p in document.projects}
    rows = []
    # From the unrounded scores: rounding the JSON's two decimals again would print 20.45 as 20.4.
    ranking = result.ranking()
    for project in ranking:
        # Parted by " | ": a basis lists its measures with "; ", which parted them before, so
        # four red lines read as one run of measures.
        reasons = RED_LINES_APART.join(
            r.reason + (f" [{r.basis}]" if r.basis else "") for r in project.red_lines
        )
        rows.append(
            [
                "" if project.rank is None else str(project.rank),
                _display_name(project.name, alt_names.get(project.id, ())),
                "" if project.index is None else fmt_index(project.index),
                project.band if project.index is not None else "",
                fmt_percent(project.coverage),
                project.status,
                reasons,
            ]
        )
    header = ["rank", "project", "index", "band", "coverage", "status", "red lines"]
    if args.format == "csv":
        # Each project's id beside its name, as the JSON gives it: two projects of one name
        # are told apart, and a row can be matched to the project in the matrix export.
        header.insert(2, "id")
        for row, project in zip(rows, ranking, strict=True):
            row.insert(2, project.id)
            # A number a spreadsheet sorts and sums (0–1, as the JSON), not the text "100%".
            row[5] = str(json_share(project.coverage))
        sys.stdout.writelines(csv_line(row) for row in [header, *rows])
        return 0
    title = document.title + (f" — scenario: {result.scenario}" if result.scenario else "")
    print(" ".join(title.split()))
    for row in rows:  # a name's line break or tab would split its row or shift its columns
        row[1] = " ".join(row[1].split())
    widths = [
        max(len(header[i]), *(display_width(r[i]) for r in rows)) if rows else len(header[i])
        for i in range(6)
    ]
    line = "  ".join(header[i].ljust(widths[i]) for i in range(6)) + "  " + header[6]
    print(line)
    print("-" * max(len(line), min(len(line) + 20, 120)))  # under every column at least
    for row in rows:
        cells = [pad(row[i], widths[i], right=i in (0, 2, 4)) for i in range(6)]
        reasons = " ".join(row[6].split())  # a reason's line breaks would read as new rows
        print(("  ".join(cells) + ("  " + reasons if reasons else "")).rstrip())
    return 0


def _cmd_analyze(args: argparse.Namespace) -> int:
    from rrisk.analysis import (
        NO_RANKING_TO_REVERSE,
        TooManyRunsError,
        monte_carlo,
        rank_reversals,
        reversal_range_text,
        runs_alike_text,
    )
    from rrisk.fileformat import load
    from rrisk.fmt import fmt_index, fmt_probability, fmt_weight_change
    from rrisk.scoring import compile_matrix, json_share, scenario_for_command

    document = load(args.file)
    scenario = scenario_for_command(document, args.scenario, args.file)
    # The document's settings, unless the command line overrides them.
    runs = document.analysis.runs if args.runs is None else args.runs
    seed = document.analysis.seed if args.seed is None else args.seed
    # Both in range: the options by runs_option/seed_option, the document's by its model.
    # A long run says how far it is on a terminal (never into a pipe or a file, so the
    # output a script reads stays the same); Ctrl+C stops it as any command (exit 130).
    interactive = sys.stderr.isatty() and os.environ.get("TERM") != "dumb"

    def progress(percent: int, label: str) -> None:
        print(f"\ranalysing: {percent:3d}% ({label})", end="", file=sys.stderr, flush=True)

    try:
        result = monte_carlo(
            document, scenario, runs=runs, seed=seed, progress=progress if interactive else None
        )
        if interactive:
            print("\r\033[Kanalysing: rank reversals", end="", file=sys.stderr, flush=True)
        top, reversals = rank_reversals(document, scenario)
    except TooManyRunsError as error:
        raise RRiskError(f"{args.file}: {error}") from None
    finally:
        if interactive:
            print("\r\033[K", end="", file=sys.stderr, flush=True)
    if args.format == "json":
        payload = result.as_dict()
        payload["assessment"] = document.title
        payload["top"] = top
        payload["rank_reversals"] = [r.as_dict() for r in reversals]
        from rrisk.jsonwrite import write_indented  # (P × P rank shares: 25 M at 5,000)

        write_indented(payload, sys.stdout)
        return 0
    header = ["project", "P10", "P50", "P90", "P(first)", "P(excluded)", "most likely band"]
    rows: list[list[str]] = []
    order = sorted(
        range(len(result.project_ids)),
        # Unscored projects (no P50) last: NaN compares with nothing and would break the sort.
        key=lambda r: (
            -result.rank_probability[r, 0],
            result.excluded_probability[r],
            math.isnan(result.p50[r]),
            0.0 if math.isnan(result.p50[r]) else result.p50[r],
        ),
    )
    for row in order:
        # A project with no index in any run (unscored) has no percentiles and no band.
        scored = not math.isnan(result.p50[row])
        rows.append(
            [
                result.project_names[row],
                *(
                    fmt_index(float(values[row])) if scored else "—"
                    for values in (result.p10, result.p50, result.p90)
                ),
                fmt_probability(float(result.rank_probability[row, 0])),
                fmt_probability(float(result.excluded_probability[row])),
                result.most_likely_band(row) or "—",
            ]
        )
    if args.format == "csv":  # an unscored project's figures are empty cells, not "—"
        rows = [[v if i == 0 or v != "—" else "" for i, v in enumerate(r)] for r in rows]
        # Each project's id beside its name, as the JSON and `rrisk score`'s CSV give it.
        header.insert(1, "id")
        for line, row in zip(rows, order, strict=True):
            line.insert(1, result.project_ids[row])
            # Numbers a spreadsheet sorts and sums (0–1, as the JSON), not "<1%" or ">99%".
            first, excluded = result.rank_probability[row, 0], result.excluded_probability[row]
            line[5:7] = [str(json_share(float(first))), str(json_share(float(excluded)))]
        sys.stdout.writelines(csv_line(row) for row in [header, *rows])
        return 0
    scenario_label = f", scenario: {result.scenario}" if result.scenario else ""
    title = f"{document.title} — {result.runs:,} runs, seed {result.seed}{scenario_label}"
    print(" ".join(title.split()))
    for line in rows:  # a name's line break or tab would split its row or shift its columns
        line[0] = " ".join(line[0].split())
    widths = [
        max(len(header[i]), *(display_width(r[i]) for r in rows)) if rows else len(header[i])
        for i in range(7)
    ]
    print(
        "  ".join(
            h.ljust(widths[i]) if i == 0 else h.rjust(widths[i]) for i, h in enumerate(header)
        )
    )
    for line in rows:
        print("  ".join(pad(v, widths[i], right=i > 0) for i, v in enumerate(line)))
    if result.runs_alike:
        print(
            f"{runs_alike_text(result.runs)} Give cells a low–high range to see how uncertain "
            "the ranking is."
        )
    names = names_apart(document.projects)  # two projects or criteria alike: with their ids
    criteria = names_apart(document.criteria)
    if reversals:
        first = reversals[0]
        before, after = fmt_weight_change(first.weight, first.figure)
        print(
            f"Rank reversal: moving the weight of {criteria[first.criterion]} from "
            f"{before} to {after} puts {names[first.new_top]} first."
        )
    elif top is not None:
        searched = reversal_range_text(compile_matrix(document, scenario).weights)
        print(f"Rank reversal: no single weight change {searched} displaces {names[top]}.")
    else:
        print(f"Rank reversal: {NO_RANKING_TO_REVERSE[0].lower()}{NO_RANKING_TO_REVERSE[1:]}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from rrisk.exchange import export_format, export_matrix
    from rrisk.fileformat import load

    output = Path(args.output)
    refuse_own_input(output, args.file, "the assessment")
    export_format(output)  # said before "already exists", as new and memo say it
    if not args.force:
        refuse_to_replace(output)
    refuse_missing_folder(output, "the table")  # said before the document is read
    export_matrix(load(args.file), output)
    done(args.output)
    return 0


def _note_added_as_new(output: object, ids: list[str], why: Callable[[bool], str]) -> None:
    """A note on stderr naming ``ids`` (eight at the most) that an import added as new, and
    ``why`` (given whether there is one) they are most likely the base's own ids misread."""
    if ids:
        say(
            f"rrisk: note: {output}: added as new: {', '.join(ids[:8])}"
            + (f" and {len(ids) - 8:,} more" if len(ids) > 8 else "")
            + f"; {why(len(ids) == 1)}"
        )


def _cmd_import(args: argparse.Namespace) -> int:
    from rrisk.exchange import ids_read_as_dates, ids_read_as_numbers, import_matrix
    from rrisk.fileformat import FORMAT_VERSION, read_file, save

    if args.add_new and not args.into:
        say(
            "rrisk import: error: --add-new goes with --into (a new document takes every "
            "project, criterion and source from the table)"
        )
        return 2
    output = Path(args.output)
    _assessment_output(output)
    refuse_own_input(output, args.table, "the table being imported")
    loaded = read_file(args.into) if args.into else None
    base = loaded.document if loaded is not None else None
    # Importing into a file and writing it back is an update of that file, however its
    # path is spelled (relative, absolute, through a link): no --force needed for that.
    if not args.force and not (args.into and same_file(args.into, output)):
        refuse_to_replace(output)
    refuse_missing_folder(output, "the assessment")  # said before the table is read
    refuse_if_open(output, args.force)  # (also the file --into updates)
    # The base's attachments travel with it, or its sources would name missing files.
    notices: list[str] = []
    updated = import_matrix(args.table, base, add_new=args.add_new, notices=notices)
    if base is None and not updated.projects:  # (every row names a project)
        # An export cut short, or a query that returned nothing: an empty assessment would
        # pass every command after it (score, memo) as if all were well.
        raise RRiskError(
            f"{args.table}: has a header but no rows: a new assessment made from it would "
            "hold no project or criterion"
        )
    save(updated, output, loaded.attachments if loaded else None)
    for notice in notices:
        say(f"rrisk: note: {notice}")
    # --add-new asks no question: what the app's asks of these ids is said here.
    _note_added_as_new(
        output,
        ids_read_as_numbers(base, updated) if base is not None else [],
        lambda one: (
            f"{'that is an id' if one else 'those are ids'} of {args.into} as a "
            f"spreadsheet reads {'it' if one else 'them'} when it opens a CSV, as "
            f"{'a number' if one else 'numbers'}: format the id columns as text (or import the "
            ".xlsx export) and import again"
        ),
    )
    _note_added_as_new(
        output,
        ids_read_as_dates(base, updated) if base is not None else [],
        lambda one: (
            f"{'that is an id' if one else 'those are ids'} of {args.into} that a "
            f"spreadsheet turned into {'a date' if one else 'dates'}: format the id columns as "
            "text and enter the ids again (or import the .xlsx export) and import again"
        ),
    )
    older = loaded.older_version() if loaded is not None else None
    if older is not None:
        say(
            f"rrisk: note: {output}: is written in format version {FORMAT_VERSION}, which older "
            f"releases of RRisk cannot open (read from {args.into}, in {older})"
        )
    if base is None:
        say(f"rrisk: note: {NEW_FROM_TABLE_NOTE}")
    done(output)
    return 0


NEW_FROM_TABLE_NOTE = (
    "a new assessment from the table alone: every weight 1, sources known only by id (grade "
    "F6), and no as-of date, scenarios, rubrics, countries, regions, counterparties, screening "
    "decisions or evidence quotes (a table holds none), so its ranking can differ from the "
    "assessment the table came from; to bring an edited export back, import it with --into "
    "that .rrisk"
)


CORE_COMMANDS = frozenset(
    (
        "templates",
        "new",
        "validate",
        "score",
        "analyze",
        "export",
        "import",
        "diff",
        "check",
        "review",
    )
)


def _needs_plugins(argv: Sequence[str]) -> bool:
    """Whether the command line may name a plug-in command (or asks for the full help).

    Finding entry points imports ``importlib.metadata`` and scans every installed package
    (~0.1 s): a core command skips it.
    """
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    return first not in CORE_COMMANDS


OWN_PLUGINS = {"memo": "reports.cli"}
"""RRisk's own plug-in commands and their modules: its ``rrisk.commands`` entry points
(``pyproject.toml``; a test holds the two together)."""


def _own_plugin(argv: Sequence[str]) -> str | None:
    """The module of RRisk's own plug-in command that ``argv`` begins with, if it does."""
    return OWN_PLUGINS.get(argv[0]) if argv else None


def build_parser(
    with_plugins: bool = True, own_plugin: str | None = None
) -> argparse.ArgumentParser:
    """The parser of every command; ``with_plugins`` False leaves out the plug-in commands.

    ``own_plugin``: the module of the one RRisk plug-in command the command line names
    (:data:`OWN_PLUGINS`). It is registered alone, from its module, without importing
    ``importlib.metadata`` and scanning every installed package's entry points (~70 ms of
    ``rrisk memo``); when it cannot be imported, the scan runs and says so as before.
    """
    parser = argparse.ArgumentParser(
        prog="rrisk",
        description="Risk matrices for investments in geopolitically exposed places.",
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"rrisk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    sub = commands.add_parser("templates", help="list the bundled templates")
    sub.set_defaults(handler=_cmd_templates)

    sub = commands.add_parser("new", help="create an assessment from a template (or blank)")
    sub.add_argument(
        "--template",
        default="blank",
        help="template id (see 'rrisk templates'; default: blank, an empty assessment)",
    )
    sub.add_argument(
        "-o", "--output", required=True, type=output_path, help="the .rrisk file to create"
    )
    sub.add_argument("--title", type=text_option, help="title of the new assessment")
    sub.add_argument("--force", action="store_true", help="overwrite an existing file")
    sub.set_defaults(handler=_cmd_new)

    sub = commands.add_parser("validate", help="check that a .rrisk file is readable and valid")
    sub.add_argument("file", metavar="FILE", type=input_path, help="the .rrisk assessment")
    sub.set_defaults(handler=_cmd_validate)

    sub = commands.add_parser("score", help="score and rank the projects of a .rrisk file")
    sub.add_argument("file", metavar="FILE", type=input_path, help="the .rrisk assessment")
    sub.add_argument(
        "--scenario", type=scenario_option, metavar=SCENARIO_METAVAR, help=SCENARIO_HELP
    )
    sub.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="how to print the result (default: table)",
    )
    sub.set_defaults(handler=_cmd_score)

    sub = commands.add_parser("analyze", help="Monte Carlo uncertainty and rank reversal")
    sub.add_argument("file", metavar="FILE", type=input_path, help="the .rrisk assessment")
    sub.add_argument(
        "--scenario", type=scenario_option, metavar=SCENARIO_METAVAR, help=SCENARIO_HELP
    )
    sub.add_argument("--runs", type=runs_option, help="number of runs (default: the document's)")
    sub.add_argument("--seed", type=seed_option, help="random seed (default: the document's)")
    sub.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="how to print the result (default: table)",
    )
    sub.set_defaults(handler=_cmd_analyze)

    sub = commands.add_parser("export", help="write the matrix to a .csv or .xlsx table")
    sub.add_argument("file", metavar="FILE", type=input_path, help="the .rrisk assessment")
    sub.add_argument(
        "-o", "--output", required=True, type=output_path, help="matrix.csv or matrix.xlsx"
    )
    sub.add_argument("--force", action="store_true", help="overwrite an existing file")
    sub.set_defaults(handler=_cmd_export)

    sub = commands.add_parser("import", help="read a .csv or .xlsx matrix into a .rrisk file")
    sub.add_argument(
        "table",
        metavar="TABLE",
        type=input_path,
        help="matrix.csv or matrix.xlsx, as written by 'rrisk export'",
    )
    sub.add_argument(
        "-o", "--output", required=True, type=output_path, help="the .rrisk file to write"
    )
    sub.add_argument(
        "--into",
        metavar="BASE",
        type=base_option,
        help="update the cells of this .rrisk (round trip via Excel)",
    )
    sub.add_argument(
        "--add-new",
        action="store_true",
        help="with --into: add the projects, criteria and sources the table names that BASE "
        "lacks (without it they are refused, so a mistyped id is caught)",
    )
    sub.add_argument(
        "--force",
        action="store_true",
        help="overwrite an existing output file, also one open in RRisk",
    )
    sub.set_defaults(handler=_cmd_import)

    from rrisk.check_cli import register as register_check
    from rrisk.check_cli import register_review
    from rrisk.compare_cli import register as register_diff
    from rrisk.screening.cli import register as register_screening

    register_diff(commands)
    register_check(commands)
    register_review(commands)
    register_screening(commands)

    if not with_plugins:
        return parser
    if own_plugin is not None:
        from importlib import import_module

        try:
            register_own = import_module(own_plugin).register
        except ImportError:
            pass
        else:
            register_own(commands)
            return parser
    from importlib.metadata import entry_points

    for entry in sorted(entry_points(group="rrisk.commands"), key=lambda e: e.name):
        try:
            register = entry.load()
        except ImportError as error:
            # An optional part that is not installed must not break the core commands.
            say(f"rrisk: command '{entry.name}' is unavailable ({error})")
            continue
        register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``rrisk``; returns the exit code."""
    if sys.stderr is None:  # started with stderr closed (2>&-): messages go nowhere
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - to the exit
    if sys.stdout is None:  # started with stdout closed (>&-): nothing can be printed
        say("rrisk: standard output is closed; nothing was done")
        return 2  # how it was started, as misuse is (1 is check's and diff's answer)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        # Building the parser and reading the options imports the libraries a command needs
        # (half a second for analyze's): Ctrl+C then is Ctrl+C, not a traceback.
        parser = build_parser(
            with_plugins=_needs_plugins(arguments), own_plugin=_own_plugin(arguments)
        )
        args, extras = parser.parse_known_args(arguments)
    except KeyboardInterrupt:
        say("rrisk: interrupted")
        return 130
    late = getattr(args, "late_positionals", None)
    if extras and late and not any(extra.startswith("-") and extra != "--" for extra in extras):
        # Names after an option (`rrisk review FILE --all summary`): argparse matched the
        # list before the option, empty, and left them over; they belong to that list.
        setattr(args, late, [*getattr(args, late), *(extra for extra in extras if extra != "--")])
    elif extras:
        # As parse_args says it, but by the command's parser: its usage and 'rrisk diff:'
        # (the top parser's said 'rrisk: error' under 'usage: rrisk … COMMAND ...').
        _command_parser(parser, args).error(f"unrecognized arguments: {' '.join(extras)}")
    # A command reads one document, works and exits: what it builds lives to the end. The
    # cyclic collector's full passes over a 2,000 × 40 document (a million objects, none of
    # them cyclic garbage) cost ~15% of `rrisk score`; reference counting still frees the rest.
    with collector.paused():
        try:
            return _run(args)
        finally:
            if argv is None:  # run as the program (not called by a test or a script)
                collector.freeze_for_exit()


def _command_parser(
    parser: argparse.ArgumentParser, args: argparse.Namespace
) -> argparse.ArgumentParser:
    """The parser of the command ``args`` were read for ('rrisk lists import''s under
    'lists'), found by the names its sub-commands set (``command``, ``lists_command``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            chosen = getattr(args, action.dest, None)
            if chosen in action.choices:
                return _command_parser(action.choices[chosen], args)
    return parser


def _run(args: argparse.Namespace) -> int:
    from rrisk.outputs import Verdict

    Verdict.reset()
    try:
        return int(args.handler(args) or 0)
    except RRiskError as error:
        from rrisk.screening.listfile import StoreDamaged, damaged_store_help

        # A damaged list store stays so until mended: what to do is said with it.
        mend = (
            f"; {damaged_store_help(command_line=True)}" if isinstance(error, StoreDamaged) else ""
        )
        say(f"rrisk: {error}{mend}")
        return 1
    except KeyboardInterrupt:
        say("rrisk: interrupted")
        return 130
    except BrokenPipeError:
        return Verdict.code  # the reader stopped early: the answer stands (0, or check's 1)
    except OSError as error:
        # Output that cannot be written (a full disk, a closed stream): one line, no traceback.
        from rrisk.messages import one_line

        # The file named, when the error has one: "No such file or directory" alone does not
        # tell which file (it may be one of a library's own, not the user's).
        reason = str(error.strerror or error)
        if error.filename:
            line = f"{error.filename}: {reason}"
        else:  # what the command printed (a full disk or pipe under its standard output)
            line = f"the output could not be written ({reason})"
        say(f"rrisk: {one_line(line)}")
        return Verdict.trouble


if __name__ == "__main__":
    sys.exit(main())
