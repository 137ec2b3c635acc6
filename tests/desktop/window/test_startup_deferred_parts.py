"""Start-up: what the first screen does not use is loaded when first used, not before the
first paint (the matrix's clipboard parsing, the table exchange's reading, the memo's class
of Chinese, Japanese and Korean characters)."""

from __future__ import annotations

import os
import subprocess
import sys


def _after_start(tmp_path, lines: str) -> str:  # noqa: ANN001
    """The last line a fresh process prints after opening the template in the window and
    painting it, then running ``lines``."""
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from desktop.app import build_main_window\n"
        "window = build_main_window(template='russia-rare-earths')\n"
        "app.processEvents()\n"
        "window.repaint()\n"
    ) + lines
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    env["RRISK_DATA_DIR"] = str(tmp_path / "data")
    env["RRISK_NEW_INSTANCE"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_the_painted_template_has_loaded_no_clipboard_parsing_or_table_exchange(tmp_path) -> None:
    loaded = _after_start(
        tmp_path,
        "print(sorted(m for m in ('desktop.matrix.clipboard', 'rrisk.exchange', 'rrisk.iddates')"
        " if m in sys.modules))\n",
    )
    assert loaded == "[]"


def test_the_painted_template_has_not_compiled_the_memos_cjk_class(tmp_path) -> None:
    compiled = _after_start(
        tmp_path, "import rrisk.glyphs as g\nprint(g._cjk.cache_info().currsize)\n"
    )
    assert compiled == "0"


def test_copy_and_paste_load_the_clipboard_parsing_when_first_used(tmp_path) -> None:
    """The matrix's copy and paste still work in a window that started without them."""
    pasted = _after_start(
        tmp_path,
        "doc = window.controller.document\n"
        "p, c = doc.projects[0].id, doc.criteria[0].id\n"
        "window.matrix_view.select_cell(p, c)\n"
        "assert window.matrix_view.paste('2×3')\n"
        "cell = window.controller.document.cell(p, c)\n"
        "assert window.matrix_view.copy_selected()\n"
        "print(cell.likelihood, cell.impact, repr(app.clipboard().text()))\n",
    )
    assert pasted == "2 3 '2×3\\n'"
