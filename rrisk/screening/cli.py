"""The ``rrisk lists`` and ``rrisk screen`` commands (registered by :mod:`rrisk.cli`)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rrisk.errors import RRiskError
from rrisk.messages import one_line

if TYPE_CHECKING:
    from rrisk.model import Assessment
    from rrisk.screening.store import ListInfo, ListStore


def register(commands: Any) -> None:
    """Add ``lists [import FILE | remove NAME]`` and ``screen FILE`` to the CLI's sub-commands."""
    from rrisk.cli import input_path, text_option

    sub = commands.add_parser(
        "lists",
        help="show the sanctions lists (bundled and imported); 'lists import FILE', "
        "'lists remove NAME'",
        description="With no ACTION, show the sanctions lists: the bundled one and those "
        "imported, each with its as-of date.",
        usage="%(prog)s [-h] [ACTION ...]",  # (the action may be left out)
    )
    sub.set_defaults(handler=_cmd_lists)
    # (its prog given: taken from the usage above, it would hold "[ACTION ...]")
    actions = sub.add_subparsers(dest="lists_command", metavar="ACTION", prog=sub.prog)
    load = actions.add_parser(
        "import", help="import a list in the OpenSanctions targets.simple.csv layout"
    )
    load.add_argument(
        "file",
        metavar="FILE",
        type=input_path,
        help="the .csv list (OpenSanctions targets.simple.csv layout)",
    )
    load.add_argument(
        "--name", type=text_option, help="name of the list (default: the file's stem)"
    )
    load.add_argument(
        "--as-of",
        dest="as_of",
        metavar="YYYY-MM-DD",
        type=_date,
        help="the date the list is as of (default: not given)",
    )
    load.set_defaults(handler=_cmd_lists_import)
    drop = actions.add_parser(
        "remove",
        help="remove an imported list from the store (documents keep their decisions on it)",
        description="Remove an imported list from the store of this computer. The bundled list "
        "cannot be removed. Documents are not changed: their decisions on the list keep "
        "counting, and show as recorded; import the list again to screen against it.",
    )
    drop.add_argument(
        "name",
        metavar="NAME",
        type=text_option,
        help="the list's name, as 'rrisk lists' shows it (case and spacing aside)",
    )
    drop.set_defaults(handler=_cmd_lists_remove)

    sub = commands.add_parser(
        "screen",
        help="screen counterparties and regions against a list and territory rules",
        description="Screen the counterparties of every project against a sanctions list, and "
        "every region against the territory rules. Without --list, the list the document "
        "records its screening on, when this computer's list store holds it, else the bundled "
        "list; an imported list screened, or passed over, is said on stderr.",
    )
    sub.add_argument("file", metavar="FILE", type=input_path, help="the .rrisk assessment")
    sub.add_argument(
        "--list",
        dest="list_name",
        metavar="NAME",
        type=text_option,
        help="list name (default: the list the document records, if held here; else the "
        "bundled list)",
    )
    sub.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="how to print the result (default: table)",
    )
    sub.set_defaults(handler=_cmd_screen)


def _date(value: str) -> str:
    # The document's own rule: written YYYY-MM-DD, a calendar day ("20240101" and
    # "2024-W01-1" are ISO dates too, but no other place of RRisk would read them).
    from rrisk.screening.listfile import list_as_of_problem

    if not value.strip():  # as --name '': an empty value is a slip, not "no date"
        raise argparse.ArgumentTypeError("give a date YYYY-MM-DD, or leave --as-of out")
    problem = list_as_of_problem(value)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return value.strip()


def _cmd_lists(args: argparse.Namespace) -> int:
    from rrisk.screening.listfile import bundled_list
    from rrisk.screening.store import imported_lists

    bundled = bundled_list()
    stored = imported_lists()
    rows = [(bundled.name, "bundled", f"{len(bundled.notes):,}", bundled.as_of)]
    rows += [(info.name, "imported", f"{info.entries:,}", info.as_of or "—") for info in stored]
    width = max(len(row[0]) for row in rows)
    print(f"{'list'.ljust(width)}  kind      entries  as of")
    for name, kind, entries, as_of in rows:
        print(f"{one_line(name).ljust(width)}  {kind.ljust(8)}  {entries.rjust(7)}  {as_of}")
    return 0


def _cmd_lists_import(args: argparse.Namespace) -> int:
    from rrisk.screening.listfile import bundled_list, list_name_problem
    from rrisk.screening.store import ListStore

    path = Path(args.file)
    if not path.exists():  # said before the name taken from it is judged
        raise RRiskError(f"{one_line(str(path))}: does not exist")
    if path.is_dir():
        raise RRiskError(f"{one_line(str(path))}: is a folder, not a list file")
    name = (args.name or path.stem).strip()
    problem = list_name_problem(name, bundled_list().name)
    if problem:
        problem = problem.removesuffix(": choose another name")  # (said once, below)
        raise RRiskError(f"{one_line(problem)}; choose another list name (--name)")
    interactive = sys.stderr.isatty() and os.environ.get("TERM") != "dumb"

    def progress(fraction: float) -> None:
        if interactive:
            print(f"\rimporting {path.name}: {fraction:4.0%}", end="", file=sys.stderr)

    with ListStore() as store:
        # Said, as the app's import dialog says it beforehand: every OpenSanctions download
        # is called targets.simple.csv, so one list's import under the default name
        # replaced another's without a word.
        replaced = store.info(name)
        info = store.import_file(path, name, args.as_of or "", str(path), progress)
    if interactive:
        print(file=sys.stderr)
    from rrisk.outputs import done, say

    line = _list_line(info)
    if replaced is not None:
        line += f" (replaced the list {_list_line(replaced)})"
    done(line)
    for note in _import_defaults(args, info.name):
        say(f"rrisk: note: {note}")
    return 0


def _import_defaults(args: argparse.Namespace, name: str) -> list[str]:
    """What an import took by default, and how to set it: the name from the file, and no
    as-of date (the memo then says it cannot tell how current the list was)."""
    notes = []
    if not args.name:
        notes.append(
            f"the list is named '{one_line(name)}' after its file; give another with --name"
        )
    if not args.as_of:
        notes.append(
            "no as-of date is recorded for the list, so a memo cannot say how current it was; "
            "give the date it was published with --as-of YYYY-MM-DD (import it again to add one)"
        )
    return notes


def _cmd_lists_remove(args: argparse.Namespace) -> int:
    from rrisk.outputs import done
    from rrisk.screening.store import remove_list

    info = remove_list(args.name)
    done(f"removed the list {_list_line(info)}; documents keep their decisions on it")
    return 0


def _list_line(info: ListInfo) -> str:
    """ "ofac: 1,234 entries, as of 2025-06-30" for a stored list."""
    noun = "entry" if info.entries == 1 else "entries"
    return f"{one_line(info.name)}: {info.entries:,} {noun}, as of {info.as_of or 'not given'}"


def _cmd_screen(args: argparse.Namespace) -> int:
    from rrisk.fileformat import load
    from rrisk.screening.screen import screen_document

    document = load(args.file)
    store, list_name, as_of = _open_screened_list(document, args.list_name)
    try:
        report = screen_document(document, store, list_name, as_of)
    finally:
        store.close()
    payload = report.as_dict(document)
    if args.format == "json":
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    _print_table(payload)
    return 0


def _open_screened_list(document: Assessment, asked: str | None) -> tuple[ListStore, str, str]:
    """The store, name and as-of date of the list to screen against, this computer's list
    store opened once for the run (it was opened three times: to find the recorded list, to
    ask whether it needs indexing, and to search).

    ``--list`` chooses; without it, the imported list the document records, as ``rrisk check``
    and the memo go by it, when this computer's store holds it (the bundled list otherwise),
    which one said on stderr, the output staying the table's. A store to be indexed again
    after an update is said so first (it may take a minute)."""
    from rrisk.outputs import say
    from rrisk.screening.decisions import list_name_shown, same_list
    from rrisk.screening.listfile import (
        ListImportError,
        StoreDamaged,
        bundled_list,
        damaged_store_help,
    )
    from rrisk.screening.screen import bundled_store, records_imported_list
    from rrisk.screening.store import ListStore, store_exists

    bundled = bundled_list().name
    if asked is not None:
        wanted = asked.strip()  # as `lists import --name` stores it
    elif records_imported_list(document):
        wanted = document.screening.list_name.strip()
    else:
        return bundled_store()
    if same_list(wanted, bundled):
        return bundled_store()

    def passed_over(held: str, mend: str = "") -> tuple[ListStore, str, str]:
        say(
            f"rrisk: the document records screening against {one_line(wanted)}, which this "
            f"computer's list store {held}: screening against the bundled list "
            f"{bundled} (decisions on {one_line(wanted)} show as recorded){mend}"
        )
        return bundled_store()

    def not_held(known: str) -> ListImportError:
        # The name cut short: a long one clipped the message before the lists it names.
        return ListImportError(
            f"no list named {list_name_shown(wanted)} (imported lists: {known or 'none'}; "
            f"the bundled list is '{bundled}')"
        )

    if not store_exists():  # no list was ever imported here: making none
        if asked is not None:
            raise not_held("")
        return passed_over("does not hold")
    store: ListStore | None = None
    try:
        store = ListStore(reindex=False)  # indexed below, once that is said
        info = store.info(wanted)
    except ListImportError as error:
        if store is not None:
            store.close()
        if asked is not None:
            raise
        # Damaged, or busy with an import: the bundled list, and why, as check says it.
        damaged = isinstance(error, StoreDamaged)
        mend = f"; {damaged_store_help(command_line=True)}" if damaged else ""
        return passed_over(f"cannot be read ({error})", mend)
    try:
        if info is None and asked is None:
            store.close()
            return passed_over("does not hold")
        if info is None:
            raise not_held(", ".join(list_name_shown(listed.name) for listed in store.lists()))
        if asked is None:
            say(f"rrisk: screening against {one_line(info.name)}, the list the document records")
        if store.needs_reindex():
            say(
                "rrisk: indexing the imported lists again after an update "
                "(once; up to a minute for a large list)…"
            )
        store.index()
    except BaseException:
        store.close()
        raise
    return store, info.name, info.as_of


def _print_table(payload: dict[str, Any]) -> None:
    from rrisk.screening.decisions import same_list
    from rrisk.screening.listfile import NO_PROGRAMME

    listed = payload["list"]
    print(f"Screened against {one_line(listed['name'])} (as of {listed['as_of'] or 'not given'})")
    recorded = payload["recorded"]
    if recorded["list"].strip() and not same_list(recorded["list"], listed["name"]):
        print(f"The document records screening against {one_line(recorded['list'].strip())}.")
    for project in payload["projects"]:
        print()
        print(one_line(project["name"]))
        for territory in project["territories"]:
            verdict = "RED LINE" if territory["applies"] and not territory["override"] else "note"
            if territory["override"]:
                verdict = "overridden"
            print(f"  territory {territory['name']}: {verdict} ({territory['why']})")
            if territory["applies"]:
                print(f"    basis: {one_line(territory['basis'])}")
            if territory["override"]:
                print(f"    justification: {one_line(territory['override'])}")
        if not project["counterparties"] and not project.get("left_over"):
            # Said, as the app's Screening tab says it: a name alone read as screened clean.
            print("  no counterparty named: nothing screened against the list")
        for counterparty in project["counterparties"]:
            for kept in counterparty.get("recorded_not_listed", []):
                print(
                    f"  {one_line(counterparty['name'])} → {one_line(kept['entry_name'])} "
                    f"[{one_line(kept['entry_id'])}] — {kept['decision']} (recorded decision; "
                    "not on this list)"
                )
            if not counterparty["hits"]:
                if not counterparty.get("recorded_not_listed"):
                    print(f"  {one_line(counterparty['name'])}: no hit")
                continue
            for hit in counterparty["hits"]:
                print(
                    f"  {one_line(counterparty['name'])} → {one_line(hit['entry_name'])} "
                    f"[{one_line(hit['entry_id'])}] score {hit['score']:.2f}, matched "
                    f"'{one_line(hit['matched_name'])}' — {hit['decision']}"
                )
                if hit["by_initials"]:
                    print("      matched on an initial: check the full name before confirming")
                if hit["no_red_line_reason"]:
                    print(f"      no red line: {one_line(hit['no_red_line_reason'])}")
                for sanction in hit["sanctions"] or [NO_PROGRAMME]:
                    print(f"      {one_line(sanction)}")
                for sanction in hit["recorded_sanctions"]:
                    print(
                        "      recorded when confirmed (the ranking goes by these): "
                        f"{one_line(sanction)}"
                    )
                if hit["source"]:
                    print(f"      source: {one_line(hit['source'])}")
        for kept in project.get("left_over", []):
            print(
                f"  {one_line(kept['counterparty'])} → {one_line(kept['entry_name'])} "
                f"[{one_line(kept['entry_id'])}] — {kept['decision']}, left over: the project no "
                "longer names this counterparty, so the decision counts for nothing"
            )
