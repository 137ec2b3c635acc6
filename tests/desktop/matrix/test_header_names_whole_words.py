"""A criterion's name in a matrix column narrower than one of its words is broken only between
its words: a word too long for the column is shortened ("Extract…", the whole name in the
tooltip), never cut in two lines inside itself ("Extracti / on")."""

from __future__ import annotations

from desktop_documents import make_document, shown_matrix
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from desktop.matrix.model import wrap_header

NAME = "Extraction and recovery cost"
CJK = "稀土金属出口管制与制裁风险"


def _name_lines(view, column: int) -> list[str]:  # noqa: ANN001
    text = view.model().headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    return text.split("\n")[:-1]  # (the last line gives the weight)


def _assert_whole_words(lines: list[str], name: str) -> None:
    words = name.split()
    for line in lines:
        shown = line.removesuffix("…").split()
        whole = shown[:-1] if line.endswith("…") else shown
        assert all(word in words for word in whole), lines
        if line.endswith("…") and shown:
            assert any(word.startswith(shown[-1]) for word in words), lines


def test_a_narrow_column_breaks_a_name_only_between_its_words(qtbot) -> None:
    document = make_document(3, 4)
    document.criteria[0].name = NAME
    document.criteria[1].name = CJK
    view = shown_matrix(qtbot, document, (900, 400))
    view.fit_columns()
    header = view.horizontalHeader()
    metrics = QFontMetrics(header.font())
    narrow = metrics.horizontalAdvance("Extraction") * 3 // 4 + 8  # the style's margins: 8
    for column in (0, 1):
        header.resizeSection(column, narrow)  # as a drag of its edge does
    lines = _name_lines(view, 0)
    _assert_whole_words(lines, NAME)
    assert lines[0].startswith("Extr") and lines[0].endswith("…"), lines
    # Between any two Chinese characters a line may break: the name fills its lines.
    cjk = _name_lines(view, 1)
    assert len(cjk) == 3 and "".join(cjk).removesuffix("…") == CJK[: len("".join(cjk)) - 1]
    for column in (0, 1):
        widths = [metrics.horizontalAdvance(line) for line in _name_lines(view, column)]
        assert max(widths) <= narrow - 8, (_name_lines(view, column), widths)


def test_names_wrapped_by_letters_keep_their_words_whole() -> None:
    assert wrap_header(NAME, 8, 3) == ["Extract…", "and", "recover…"]
    assert wrap_header(NAME, 18, 3) == ["Extraction and", "recovery cost"]
    assert wrap_header("Sanctions exposure and secondary sanctions", 12, 2) == [
        "Sanctions",
        "exposure an…",
    ]


def test_a_narrow_column_gives_its_weight_without_the_word(qtbot) -> None:
    """Dragged narrower than "weight 1.5", a column showed "eight 1." (both ends lost)."""
    document = make_document(3, 4)
    view = shown_matrix(qtbot, document, (900, 400))
    controller = view.matrix_model._controller
    assert controller.edit_item("criterion", "c0", {"weight": 1.5})
    view.fit_columns()
    header = view.horizontalHeader()
    metrics = QFontMetrics(header.font())
    narrow = metrics.horizontalAdvance("weight 1.5") * 3 // 4 + 8  # the style's margins: 8
    header.resizeSection(0, narrow)
    text = view.model().headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert text.split("\n")[-1] == "1.5"
    header.resizeSection(0, narrow * 3)
    text = view.model().headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert text.split("\n")[-1] == "weight 1.5"
