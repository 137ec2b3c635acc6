"""The README's screenshots, made again from the bundled template.

Run from the repository root: ``QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py``
(``--out DIR`` writes them elsewhere). It writes into ``docs/``:

- ``start-screen.png``: the start page, with no recent files;
- ``main-window.png``: the template open, Tomtor's extraction-cost cell in the inspector;
- ``analysis.png``: the Analysis tab once the Monte Carlo run with the template's settings
  (10,000 runs, its seed) has finished;
- ``editors.png``: Editors → Criteria, the occupied-territories criterion selected and the
  inspector on Tomtor's sanctions cell;
- ``screening.png``: the Screening tab once screened against the bundled list, Tomtor's
  Rosneft hit selected;
- ``memo-heatmap.png`` and ``memo-project.png``: the memo's heat-map page and Tomtor's
  project page, the memo written by ``rrisk memo`` and its pages rendered with pypdfium2 (which
  the app requires) at 75 dpi, each page found by its text.

The window is 1500 × 950, its settings, recent files, recovery files and screening lists
in a temporary folder (``HOME``, ``XDG_*`` and ``RRISK_DATA_DIR`` point there), so nothing
of the user's shows or changes. The same installation gives the same pictures; fonts and
Qt's style come from the system.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = "russia-rare-earths"
WINDOW_SIZE = (1500, 950)
MEMO_DPI = 75


def _private_environment(folder: Path) -> None:
    """Point every place the app reads or writes the user's things into ``folder``."""
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "RRISK_DATA_DIR"):
        path = folder / name.lower()
        path.mkdir()
        os.environ[name] = str(path)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH", "")])]
    )
    sys.path.insert(0, str(ROOT))


def _wait(app, done: Callable[[], bool], what: str, seconds: float = 120) -> None:
    """Let the event loop run until ``done()`` holds."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    deadline = QDeadlineTimer(int(seconds * 1000))
    while not done():
        if deadline.hasExpired():
            raise SystemExit(f"gave up waiting for {what}")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def _settle(app, rounds: int = 20) -> None:
    """Deliver pending events (layouts, deferred timers) before a picture is taken."""
    from PySide6.QtCore import QThread

    for _ in range(rounds):
        app.processEvents()
        QThread.msleep(10)
    app.processEvents()


def _grab(app, window, path: Path) -> None:
    _settle(app)
    if not window.grab().save(str(path), "PNG"):
        raise SystemExit(f"could not write {path}")
    print(path)


def window_shots(out: Path, folder: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_main_window
    from desktop.settings import use_settings_file

    app = QApplication([sys.argv[0]])
    use_settings_file(folder / "settings.ini")

    window = build_main_window()
    window.resize(*WINDOW_SIZE)
    _grab(app, window, out / "start-screen.png")

    window.files.new_document(TEMPLATE)
    window.controller.undo_stack.setClean()
    window.resize(*WINDOW_SIZE)
    _settle(app)
    window.matrix_view.select_cell("tomtor", "extraction-cost")
    _grab(app, window, out / "main-window.png")

    tabs = window.tabs
    analysis = window.analysis_panel
    tabs.setCurrentWidget(analysis)
    _settle(app)
    if analysis.result is None and not analysis.is_running:
        analysis.run_analysis()
    _wait(app, lambda: analysis.result is not None and not analysis.is_running, "the analysis")
    analysis_scroll_top(analysis)
    _grab(app, window, out / "analysis.png")

    editors = window.editors_panel
    tabs.setCurrentWidget(editors)
    editors.setCurrentWidget(editors.criteria)
    editors.criteria.select_id("occupied-territories")
    window.matrix_view.select_cell("tomtor", "sanctions")
    _grab(app, window, out / "editors.png")

    screening = window.screening_panel
    tabs.setCurrentWidget(screening)
    _wait(
        app,
        lambda: screening.tree.topLevelItemCount() > 0 and screening.job is None,
        "the screening",
    )
    window.matrix_view.select_cell("tomtor", "extraction-cost")
    select_hit(screening, "tomtor", "rrisk-rosneft")
    _grab(app, window, out / "screening.png")

    window.controller.undo_stack.setClean()
    analysis.shutdown()
    window.close()
    app.processEvents()


def analysis_scroll_top(panel) -> None:
    from PySide6.QtWidgets import QScrollArea

    for area in panel.findChildren(QScrollArea):
        area.verticalScrollBar().setValue(0)


def select_hit(panel, project_id: str, entry_id: str) -> None:
    """Select the hit on ``entry_id`` under project ``project_id`` in the screening tree."""
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    from desktop.screening.tree import HIT
    from desktop.screening.tree_view import row_of

    tree = panel.tree
    iterator = QTreeWidgetItemIterator(tree)
    while (item := iterator.value()) is not None:
        row = row_of(item)
        hit = row.hit if row is not None and row.kind == HIT else None
        if row is not None and row.project == project_id and hit and hit.entry_id == entry_id:
            tree.setCurrentItem(item)
            tree.scrollToItem(item)
            return
        iterator += 1
    raise SystemExit(f"no hit on {entry_id} under {project_id} in the Screening tab")


def memo_shots(out: Path, folder: Path) -> None:
    """The memo's heat-map page and Tomtor's page, found by their text."""
    import pypdfium2 as pdfium

    case = folder / "case.rrisk"
    memo = folder / "memo.pdf"
    run = [sys.executable, "-m", "rrisk"]
    subprocess.run([*run, "new", "--template", TEMPLATE, "-o", str(case)], check=True)
    subprocess.run([*run, "memo", str(case), "-o", str(memo)], check=True, cwd=ROOT)
    pdf = pdfium.PdfDocument(str(memo))
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]

    def page_with(first_line: str, *also: str) -> int:
        for number, text in enumerate(texts):
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            if first_line in lines[:4] and all(part in text for part in also):
                return number
        raise SystemExit(f"no page of the memo starts with {first_line!r}")

    for name, number in (
        ("memo-heatmap.png", page_with("Heat map: projects × criteria")),
        ("memo-project.png", page_with("Tomtor niobium–rare-earth deposit", "PROJECT")),
    ):
        image = pdf[number].render(scale=MEMO_DPI / 72).to_pil()
        image.save(out / name, optimize=True)
        print(out / name, f"(page {number + 1})")
    pdf.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="where to write them")
    args = parser.parse_args()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rrisk-screenshots-") as name:
        folder = Path(name)
        _private_environment(folder)
        window_shots(out, folder)
        memo_shots(out, folder)


if __name__ == "__main__":
    main()
