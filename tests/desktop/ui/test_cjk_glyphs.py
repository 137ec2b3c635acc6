"""Chinese, Japanese and Korean text shows in glyphs, not empty boxes, on a system with no
CJK font: the bundled WenQuanYi Micro Hei is registered right after the window's first
paint, and Qt falls back to it for the characters the widget's font lacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QFontDatabase, QRawFont, QTextLayout
from PySide6.QtWidgets import QLabel

from desktop.ui import cjk

NAME = "稀土合资 Tomtor 한국어 にほんご"


def _glyph_runs(text: str, font) -> list[tuple[QRawFont, list[int]]]:  # noqa: ANN001
    """How the text is shaped in ``font`` with Qt's fallback: (font used, glyphs) per run."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [(run.rawFont(), list(run.glyphIndexes())) for run in layout.glyphRuns()]


def test_a_label_with_chinese_text_is_drawn_in_glyphs_of_the_bundled_font(qtbot) -> None:
    assert cjk.register_cjk_font() == cjk.CJK_FAMILY
    assert cjk.CJK_FAMILY in QFontDatabase.families()
    label = QLabel(NAME)
    qtbot.addWidget(label)
    runs = _glyph_runs(label.text(), label.font())
    cjk_runs = [(raw, glyphs) for raw, glyphs in runs if raw.familyName() == cjk.CJK_FAMILY]
    assert cjk_runs, [raw.familyName() for raw, _ in runs]
    # Every character of the text has a glyph (index 0 is the empty box).
    assert all(0 not in glyphs for _, glyphs in runs)
    for raw, _ in cjk_runs:
        assert all(raw.supportsCharacter(ord(c)) for c in "稀土合资한국어にほんご")
    # Latin text keeps the widget's own font.
    assert any(raw.familyName() != cjk.CJK_FAMILY for raw, _ in runs)
    assert cjk.has_cjk(NAME) and not cjk.has_cjk("Tomtor niobium–REE, Норильск")


FIELD_SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit
from desktop.ui import cjk

app = QApplication([])
name = sys.argv[1]


def shown(kind):
    field = kind(name)
    field.setEnabled(False)  # (no cursor, no focus frame: the text alone differs)
    field.resize(400, 60)
    field.show()
    for _ in range(5):
        app.processEvents()
    return field


def picture(field):
    app.processEvents()
    return field.grab().toImage()


fields = [shown(QLineEdit), shown(QPlainTextEdit)]
boxes = [picture(field) for field in fields]
cjk.register_cjk_font()
again = [picture(field) for field in fields]
new = [picture(shown(kind)) for kind in (QLineEdit, QPlainTextEdit)]
print("boxes before", [a != b for a, b in zip(boxes, new)])
print("as new", [a == b for a, b in zip(again, new)])
"""


def test_a_field_holding_such_text_before_the_font_came_shows_it_as_a_new_one_does(
    tmp_path,
) -> None:
    """A line or text edit lays out its text once: the boxes it laid out before the font was
    registered stayed until its text changed. (In a process of its own: the font is
    registered once per process.)"""
    done = _run(FIELD_SCRIPT, tmp_path)
    assert "boxes before [True, True]" in done.stdout, done.stdout + done.stderr
    assert "as new [True, True]" in done.stdout, done.stdout + done.stderr


def test_the_window_registers_the_font_after_its_first_paint(open_window, qtbot) -> None:
    window = open_window()
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(cjk.cjk_font_registered)
    assert cjk.CJK_FAMILY in QFontDatabase.families()


VIEW_SCRIPT = """
import sys
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView
from desktop.ui import cjk

app = QApplication([])
name = sys.argv[1]
model = QStandardItemModel(1, 1)
model.setItem(0, 0, QStandardItem(name))
model.setVerticalHeaderLabels([name])
view = QTableView()
view.setModel(model)
view.resize(600, 120)
view.show()


def on_screen():
    # What the window shows (its backing store), not a picture painted anew as grab() would.
    for _ in range(5):
        app.processEvents()
    return app.primaryScreen().grabWindow(view.winId()).toImage()


boxes = on_screen()
cjk.register_cjk_font()
print("repainted", on_screen() != boxes)
"""


def test_a_list_shown_before_the_font_came_is_painted_again_in_its_glyphs(tmp_path) -> None:
    """A table's cells and row headers lay their text out as they paint, but nothing made
    them paint when the font came: on a real screen the matrix's and the ranking's Korean
    names stayed boxes (the system's fallback fonts had Chinese) until a click."""
    done = _run(VIEW_SCRIPT, tmp_path)
    assert "repainted True" in done.stdout, done.stdout + done.stderr


def _run(script: str, tmp_path) -> subprocess.CompletedProcess[str]:  # noqa: ANN001
    root = Path(cjk.__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root))
    return subprocess.run(
        [sys.executable, "-c", script, NAME],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_the_ranking_measures_its_names_again_when_the_font_came(open_window, qtbot) -> None:
    """The names' width was kept per font: measured as boxes before the CJK font came, it
    was kept after, though the glyphs are wider than the boxes were."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QTableView

    from desktop.results.ranking_model import COL_PROJECT

    window = open_window()
    window.resize(1500, 950)
    window.show()
    qtbot.waitExposed(window)
    window.files.new_document("russia-rare-earths")
    ranking = window.findChild(QTableView, "rankingView")
    measured = ranking.columnWidth(COL_PROJECT)
    ranking._widest = 1  # as the names measured before the font came (in the same font)
    ranking._fit_project_column()
    assert ranking.columnWidth(COL_PROJECT) < measured
    QCoreApplication.sendEvent(ranking, QEvent(QEvent.Type.FontChange))
    assert ranking.columnWidth(COL_PROJECT) == measured
