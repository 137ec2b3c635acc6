"""Every speed figure of RRisk beside its peer or floor, measured in the same run.

    python bench/run.py [--quick] [--runs N] [--only NAME ...]

Each figure times whole processes (interpreter start, imports, reading, work, output), RRisk
and its peer alternating (ABBA…) so that a busy machine slows both alike; the ratio of each
pair is taken and the table shows medians with their spread (min–max). Read the ratios: on
a shared machine the seconds move from minute to minute, the ratios much less.

Peers: LibreOffice (``soffice``) converting the template's exported XLSX to PDF, when it is
installed; ``pandas.read_excel`` of the 2,000 × 40 matrix kept as two sheets; plain numpy
drawing the same triangular values as the Monte Carlo and summing them; a bare PySide6 main
window with a 7×8 table, shown and painted. The inspector edit is timed inside the app (the
time from the spin box's new value to every view repainted) against one 60 Hz frame.

For start-up, the memo and open + score, a third process runs in the same alternation: the
*stack floor*, what any program on this stack pays before RRisk's own work (the interpreter,
Qt's application object, numpy, the document model and, for the memo, reportlab; for score,
also unzipping and decoding the JSON). Its ratio to the peer is the best RRisk could reach
without leaving the stack: a target below it cannot be met by tuning RRisk.
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from precompile import compile_sources  # noqa: E402

PY = sys.executable
PROBES = str(HERE / "probes.py")
_SCRATCH = tempfile.mkdtemp(prefix="rrisk-bench-home-")
atexit.register(shutil.rmtree, _SCRATCH, True)
# The probes open files in the real app: their recent files, window sizes and autosaves go to a
# scratch home, never into the user's own settings (they would show on the start page).
ENV = {
    **os.environ,
    "QT_QPA_PLATFORM": "offscreen",
    "PYTHONDONTWRITEBYTECODE": "1",
    "HOME": _SCRATCH,
    "XDG_CONFIG_HOME": os.path.join(_SCRATCH, "config"),
    "XDG_DATA_HOME": os.path.join(_SCRATCH, "data"),
    "XDG_CACHE_HOME": os.path.join(_SCRATCH, "cache"),
}


@dataclass
class Figure:
    name: str
    label: str
    ours: list[float] = field(default_factory=list)
    peer: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    peer_label: str = ""
    target: str = ""
    limit: float = 0.0  # ratio (or ms / MiB) not to exceed
    unit: str = "s"
    note: str = ""
    floor: list[float] = field(default_factory=list)
    floor_ratios: list[float] = field(default_factory=list)


def run_process(argv: Sequence[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall seconds of one whole process, and the peak MiB it reports (``peak_mib N``), if any."""
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, env=ENV, cwd=cwd)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        error = result.stderr.decode(errors="replace")
        raise SystemExit(f"{' '.join(argv)} failed ({result.returncode}): {error[-400:]}")
    peak = float("nan")
    for line in result.stdout.decode(errors="replace").splitlines():
        if line.startswith("peak_mib "):
            peak = float(line.split()[1])
    return seconds, peak


def side_by_side(
    figure: Figure,
    ours: Callable[[], float],
    peer: Callable[[], float],
    n: int,
    floor: Callable[[], float] | None = None,
):
    """``n`` rounds of ours and the peer (and the stack floor), in alternating order."""
    runners = [ours, peer] + ([floor] if floor else [])
    for runner in runners:
        runner()  # warm-up: file cache, font cache, LibreOffice profile
    for k in range(n):
        order = runners if k % 2 == 0 else runners[::-1]
        results = {id(f): f() for f in order}
        figure.ours.append(results[id(ours)])
        figure.peer.append(results[id(peer)])
        figure.ratios.append(results[id(ours)] / results[id(peer)])
        if floor:
            figure.floor.append(results[id(floor)])
            figure.floor_ratios.append(results[id(floor)] / results[id(peer)])


# -- fixtures ---------------------------------------------------------------------------------


def make_fixtures(folder: Path, need: set[str]) -> dict[str, Path]:
    import numpy as np
    from synthetic import synthetic_assessment

    from rrisk import fileformat
    from rrisk.exchange import export_matrix
    from rrisk.templates import new_from_template

    paths: dict[str, Path] = {}
    template = new_from_template("russia-rare-earths")
    paths["template"] = folder / "template.rrisk"
    fileformat.save(template, paths["template"])
    if "memo" in need:
        paths["template_xlsx"] = folder / "template.xlsx"
        export_matrix(template, paths["template_xlsx"])
    if "score" in need:
        big = synthetic_assessment(2000, 40)
        paths["big"] = folder / "big.rrisk"
        fileformat.save(big, paths["big"])
        paths["big_xlsx"] = folder / "big.xlsx"
        two_sheets(big, paths["big_xlsx"])
    if "analyze" in need:
        ranged = synthetic_assessment(200, 30)
        for row in ranged.cells.values():
            for cell in row.values():
                assert cell.impact is not None
                cell.impact_low, cell.impact_high = max(1, cell.impact - 1), min(5, cell.impact + 1)
        paths["ranged"] = folder / "ranged.rrisk"
        fileformat.save(ranged, paths["ranged"])
        arrays = {}
        for kind, attr in (("l", "likelihood"), ("i", "impact")):
            for part, suffix in (("low", "_low"), ("mode", ""), ("high", "_high")):
                arrays[f"{kind}_{part}"] = np.array(
                    [
                        float(getattr(cell, attr + suffix))
                        for row in ranged.cells.values()
                        for cell in row.values()
                    ]
                )
        paths["floor"] = folder / "floor.npz"
        np.savez(paths["floor"], **arrays)
    if "edit" in need:
        from bench_desktop import big_document

        paths["edit"] = folder / "edit.rrisk"
        fileformat.save(big_document(500, 40), paths["edit"])
    if "edit-scenario" in need:
        from bench_desktop import big_document

        from rrisk.model import Scenario

        document = big_document(500, 40)
        overrides = [
            {"project": p.id, "criterion": c.id, "likelihood": 1 + (i + j) % 5, "impact": 3}
            for i, p in enumerate(document.projects)
            for j, c in enumerate(document.criteria)
            if (i * 40 + j) % 7 == 0
        ]  # 2,858 cells, and a weight
        scenario = {"id": "eased", "name": "Eased", "weight_overrides": {"c1": 3.0}}
        document.scenarios = [Scenario.model_validate({**scenario, "cell_overrides": overrides})]
        paths["edit-scenario"] = folder / "edit-scenario.rrisk"
        fileformat.save(document, paths["edit-scenario"])
    return paths


def two_sheets(document, path: Path) -> None:  # noqa: ANN001
    """The matrix as two sheets, likelihood and impact, projects down and criteria across."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    criteria = [c.id for c in document.criteria]
    for attribute in ("likelihood", "impact"):
        sheet = book.create_sheet(attribute)
        sheet.append(["project", *criteria])
        for project in document.projects:
            row = document.cells.get(project.id, {})
            sheet.append([project.id, *(getattr(row[c], attribute) for c in criteria)])
    book.save(path)


# -- the figures ------------------------------------------------------------------------------


def seconds(argv: Sequence[str], cwd: Path | None = None) -> Callable[[], float]:
    return lambda: run_process(argv, cwd)[0]


def measure(args: argparse.Namespace) -> list[Figure]:
    figures: list[Figure] = []
    wanted = set(args.only or ["start", "memo", "score", "analyze", "edit", "edit-scenario"])
    n = args.runs or (3 if args.quick else 7)
    folder = Path(tempfile.mkdtemp(prefix="rrisk-bench-"))
    try:
        paths = make_fixtures(folder, wanted)
        rrisk = [PY, "-m", "rrisk"]
        if "start" in wanted:
            start = Figure(
                "start",
                "cold start to the painted main window, template",
                peer_label="bare PySide6 window, 7×8 table",
                target="≤ 2×",
                limit=2.0,
            )
            memory = Figure(
                "memory",
                "peak memory, template open",
                peer_label="bare window",
                target="≤ 250 MiB",
                limit=250.0,
                unit="MiB",
            )

            def app() -> float:
                wall, peak = run_process([PY, PROBES, "app", str(paths["template"])])
                memory.ours.append(peak)
                return wall

            def bare() -> float:
                wall, peak = run_process([PY, PROBES, "bare"])
                memory.peer.append(peak)
                return wall

            side_by_side(start, app, bare, n, seconds([PY, PROBES, "floor_start"]))
            figures += [start, memory]
        if "memo" in wanted:
            memo = Figure(
                "memo",
                "rrisk memo of the template",
                target="≤ 0.3×",
                limit=0.3,
            )
            soffice = shutil.which("soffice") or shutil.which("libreoffice")
            out = folder / "memo.pdf"
            ours = seconds([*rrisk, "memo", str(paths["template"]), "-o", str(out), "--force"])
            if soffice:
                memo.peer_label = "LibreOffice: template XLSX → PDF"
                profile = (folder / "lo-profile").as_uri()
                peer = seconds(
                    [
                        soffice,
                        f"-env:UserInstallation={profile}",
                        "--headless",
                        "--convert-to",
                        "pdf",
                        "--outdir",
                        str(folder / "lo"),
                        str(paths["template_xlsx"]),
                    ]
                )
                side_by_side(memo, ours, peer, n, seconds([PY, PROBES, "floor_memo"]))
            else:
                memo.peer_label = "LibreOffice not installed"
                memo.ours = [ours() for _ in range(n)]
            figures.append(memo)
        if "score" in wanted:
            score = Figure(
                "score",
                "rrisk score --format json, 2,000 × 40",
                peer_label="pandas.read_excel, two 2,000 × 40 sheets",
                target="≤ 0.2×",
                limit=0.2,
            )
            side_by_side(
                score,
                seconds([*rrisk, "score", "--format", "json", str(paths["big"])]),
                seconds([PY, PROBES, "read_excel", str(paths["big_xlsx"])]),
                n,
                seconds([PY, PROBES, "floor_score", str(paths["big"])]),
            )
            figures.append(score)
        if "analyze" in wanted:
            analyze = Figure(
                "analyze",
                "rrisk analyze --runs 10000, 200 × 30 all ranged",
                peer_label="numpy: the same 120 M triangular draws, summed",
                target="≤ 1.3×",
                limit=1.3,
            )
            side_by_side(
                analyze,
                seconds([*rrisk, "analyze", "--runs", "10000", str(paths["ranged"])]),
                seconds([PY, PROBES, "floor", str(paths["floor"]), "10000"]),
                n,
            )
            figures.append(analyze)
        for name, label, options in (
            ("edit", "inspector edit → ranking updated and repainted, 500 × 40", []),
            (
                "edit-scenario",
                "the same under a scenario overriding every 7th cell",
                ["--scenario"],
            ),
        ):
            if name not in wanted:
                continue
            edit = Figure(
                name,
                label,
                peer_label="one frame at 60 Hz: 16.7 ms",
                target="≤ 16 ms",
                limit=16.0,
                unit="ms",
            )
            result = subprocess.run(
                [PY, PROBES, "edit", str(paths[name]), str(5 * n), *options],
                capture_output=True,
                text=True,
                env=ENV,
                check=True,
            )
            edit.ours = [float(line) for line in result.stdout.split()][2:]  # first: warm-up
            figures.append(edit)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return figures


# -- the table --------------------------------------------------------------------------------


def spread(values: list[float], unit: str) -> str:
    if not values:
        return "—"
    digits = {"s": 2, "ms": 1, "MiB": 0, "": 2}[unit]
    middle = statistics.median(values)
    suffix = f" {unit}" if unit else "×"
    if len(values) == 1:
        return f"{middle:.{digits}f}{suffix}"
    return f"{middle:.{digits}f}{suffix} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def table(figures: list[Figure]) -> str:
    lines = [
        "| figure | RRisk | peer or floor (same run) | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for f in figures:
        if f.ratios:
            ratio = spread(f.ratios, "")
            value = statistics.median(f.ratios)
        else:
            ratio = "—"
            value = statistics.median(f.ours) if f.ours else float("nan")
        met = "yes" if value <= f.limit else "no"
        if f.name == "memo" and not f.ratios:
            met = "not measured"
        peer = f"{f.peer_label}: {spread(f.peer, f.unit)}" if f.peer else f.peer_label
        lines.append(
            f"| {f.label} | {spread(f.ours, f.unit)} | {peer} | {ratio} | {f.target} | {met} |"
        )
    floors = [f for f in figures if f.floor_ratios]
    if floors:
        lines += [
            "",
            "| figure | stack floor (same run) | floor ÷ peer | target |",
            "|---|---|---|---|",
        ]
        for f in floors:
            lines.append(
                f"| {f.label} | {spread(f.floor, f.unit)} | {spread(f.floor_ratios, '')} "
                f"| {f.target} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 pairs a figure instead of 7")
    parser.add_argument("--runs", type=int, help="pairs a figure")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=["start", "memo", "score", "analyze", "edit", "edit-scenario"],
    )
    args = parser.parse_args()
    started = time.perf_counter()
    compile_sources()
    figures = measure(args)
    print(table(figures))
    pairs = args.runs or (3 if args.quick else 7)
    print(
        f"\n{pairs} alternating pairs a figure; medians (min–max); "
        f"{os.cpu_count()} cores; {time.perf_counter() - started:.0f} s in all."
    )


if __name__ == "__main__":
    main()
