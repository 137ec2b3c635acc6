"""The evidence picker finds a source by its publisher or id too, without regard to case or
accents, and says what matched."""

from __future__ import annotations

from desktop_documents import make_document
from PySide6.QtCore import Qt

from desktop.document.controller import DocumentController
from desktop.matrix.inspector import CellInspector
from rrisk.model import Source


def _picker(qtbot):  # noqa: ANN202
    return _controlled(qtbot)[1]


def _controlled(qtbot):  # noqa: ANN202
    document = make_document()
    document.sources += [
        Source(
            id="amnesty-2016", title="This is what we die for", publisher="Amnesty International"
        ),
        Source(
            id="etude-cobalt",
            title="Étude sur le cobalt congolais",
            publisher="Université de Lubumbashi",
        ),
    ]
    controller = DocumentController(document)
    inspector = CellInspector(controller)
    qtbot.addWidget(inspector)
    inspector.show()
    controller.select("p0", "c1")
    return controller, inspector.evidence


def _offered(evidence) -> list[str]:  # noqa: ANN001
    completer = evidence.source.completer()
    model = completer.completionModel()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_a_publisher_typed_finds_its_source_and_picks_it(qtbot) -> None:
    evidence = _picker(qtbot)
    line = evidence.source.lineEdit()
    line.setFocus()
    qtbot.keyClicks(line, "amnesty")
    popup = evidence.source.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert _offered(evidence) == ["This is what we die for (F6) — publisher: Amnesty International"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert evidence.source.currentText() == "This is what we die for (F6)"
    assert evidence.matched_source() == "amnesty-2016"


def test_an_id_or_a_title_is_found_in_any_case_and_without_accents(qtbot) -> None:
    evidence = _picker(qtbot)
    completer = evidence.source.completer()
    completer.setCompletionPrefix("AMNESTY-2016")
    assert _offered(evidence) == ["This is what we die for (F6) — id: amnesty-2016"]
    completer.setCompletionPrefix("etude sur")  # the title holds it: said as it is listed
    assert _offered(evidence) == ["Étude sur le cobalt congolais (F6)"]
    completer.setCompletionPrefix("UNIVERSITÉ")
    assert _offered(evidence) == [
        "Étude sur le cobalt congolais (F6) — publisher: Université de Lubumbashi"
    ]
    completer.setCompletionPrefix("nothing like it")
    assert _offered(evidence) == []


def test_a_source_id_typed_whole_links_that_source(qtbot) -> None:
    """The id the list finds a source by, typed whole in any case and added, links that
    source (a new source was made beside it, titled 'Amnesty-2016' and graded F6)."""
    controller, evidence = _controlled(qtbot)
    sources = len(controller.document.sources)
    line = evidence.source.lineEdit()
    line.setFocus()
    qtbot.keyClicks(line, "Amnesty-2016")
    qtbot.mouseClick(evidence.add_button, Qt.MouseButton.LeftButton)
    assert len(controller.document.sources) == sources
    linked = controller.document.cells["p0"]["c1"].evidence
    assert [link.source for link in linked][-1:] == ["amnesty-2016"]
