"""A tooltip holding a long name without spaces (a project's, a criterion's, a red line's
reason) stays on the screen: the matrix's cells and headers, the ranking and the Screening
tab's names break such a word where a line of the tooltip fills, as the attached file's
name does (desktop/ui/fitting.py). Qt cannot break a word in a tooltip: one such name made
it wider than the screen."""

from __future__ import annotations

from desktop_documents import make_document
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from desktop.document.controller import DocumentController
from desktop.matrix.model import MatrixModel
from desktop.results.ranking_model import COL_PROJECT, RankingModel
from desktop.screening.tree import PROJECT, Row
from desktop.screening.tree_view import ScreeningTree
from desktop.ui.fitting import LINE_BREAK, fitted_rich_tip

LONG = "Редкоземельный_" * 12 + "проект"
TIP = Qt.ItemDataRole.ToolTipRole


def _shown_width(text: str, qtbot) -> int:  # noqa: ANN001
    """The width of the tooltip Qt shows for ``text``."""
    anchor = QWidget()
    qtbot.addWidget(anchor)
    anchor.show()
    QToolTip.showText(QPoint(10, 10), text, anchor)
    try:
        (label,) = [w for w in QApplication.allWidgets() if w.inherits("QTipLabel")]
        return label.width()
    finally:
        QToolTip.hideText()


def _assert_fits(tip: str, qtbot) -> None:  # noqa: ANN001
    screen = QGuiApplication.primaryScreen().availableGeometry().width()
    assert LONG in tip.replace(LINE_BREAK, ""), tip  # whole, broken only where a line fills
    assert _shown_width(tip, qtbot) <= screen
    assert LINE_BREAK in tip


def _controller() -> DocumentController:
    document = make_document(3, 4)
    document.projects[0].name = LONG
    document.criteria[0].name = LONG
    return DocumentController(document)


def test_the_matrix_tooltips_of_a_long_name_fit_the_screen(qtbot) -> None:
    model = MatrixModel(_controller())
    _assert_fits(model.headerData(0, Qt.Orientation.Horizontal, TIP), qtbot)
    _assert_fits(model.headerData(0, Qt.Orientation.Vertical, TIP), qtbot)
    _assert_fits(model.index(0, 0).data(TIP), qtbot)


def test_the_ranking_tooltip_of_a_long_name_fits_the_screen(qtbot) -> None:
    ranking = RankingModel(_controller())
    _assert_fits(ranking.index(ranking.row_of("p0"), COL_PROJECT).data(TIP), qtbot)


def test_the_screening_tooltip_of_a_long_name_fits_the_screen(qtbot) -> None:
    tree = ScreeningTree()
    qtbot.addWidget(tree)
    tree.show_rows([Row(PROJECT, "p0", LONG)], None)
    _assert_fits(tree.topLevelItem(0).toolTip(0), qtbot)


def test_markup_and_words_that_fit_are_kept_as_they_are() -> None:
    markup = "<b>Tomtor &amp; Seligdar</b><br>Risk index 61.0 (High)<br>⊘ R&amp;D &lt;1%"
    assert fitted_rich_tip(markup) == f"<qt>{markup}</qt>"
    assert fitted_rich_tip("") is None
    broken = fitted_rich_tip(f"<b>{LONG} &amp;</b>")
    assert broken is not None and broken.startswith("<qt><b>Редкоземельный_")
    assert broken.endswith(" &amp;</b></qt>") and LINE_BREAK in broken
