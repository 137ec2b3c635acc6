"""Score edits build the new cell from the old one without checking its texts again, and give
exactly the cell (or the refusal) the full check gives."""

from __future__ import annotations

from desktop_documents import make_document
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from desktop.document.controller import DocumentController
from desktop.document.edit_rules import cell_edit, score_edit
from rrisk.model import Cell, Evidence

score = st.one_of(st.none(), st.integers(0, 6))
old_cells = st.one_of(
    st.none(),
    st.builds(
        lambda likelihood, impact, low, high, status: Cell(
            likelihood=likelihood,
            impact=impact,
            likelihood_low=min(low, likelihood) if low and likelihood else None,
            likelihood_high=max(high, likelihood) if high and likelihood else None,
            rationale="Why",
            evidence=[Evidence(source="s1", quote="As reported")],
            status=status,
        ),
        st.one_of(st.none(), st.integers(1, 5)),
        st.one_of(st.none(), st.integers(1, 5)),
        st.one_of(st.none(), st.integers(1, 5)),
        st.one_of(st.none(), st.integers(1, 5)),
        st.sampled_from(["unassessed", "draft", "reviewed"]),
    ),
)
changes = st.dictionaries(
    st.sampled_from(
        ["likelihood", "impact", "likelihood_low", "likelihood_high", "impact_high", "status"]
    ),
    score,
).map(
    lambda d: {
        k: (["draft", "reviewed", "bad"][v % 3] if k == "status" and v else v) for k, v in d.items()
    }
)


@settings(max_examples=300, deadline=None)
@given(old_cells, changes)
def test_a_score_edit_gives_the_cell_the_full_check_gives(old, edit) -> None:
    fast = score_edit(old, edit)
    data = cell_edit(old.model_dump() if old is not None else {}, edit)
    try:
        full = Cell.model_validate(data)
    except ValidationError:
        assert fast is None  # the full check says why
        return
    # A valid score edit never takes the full check: that is the time it saves.
    assert fast == full
    if old is not None:
        assert fast.evidence is not old.evidence


def test_a_pasted_block_is_not_checked_again_field_by_field(qtbot, monkeypatch) -> None:
    """Pasting scores over assessed and unassessed cells builds no cell through the full check
    (it read every cell's rationale and evidence again), and undo restores them exactly."""
    controller = DocumentController(make_document(projects=4, criteria=5))
    document = controller.document
    before = {p: dict(row) for p, row in document.cells.items()}
    checked: list[object] = []
    validate = Cell.model_validate
    monkeypatch.setattr(
        Cell,
        "model_validate",
        classmethod(lambda cls, data: checked.append(data) or validate(data)),
    )
    block = {(f"p{i}", f"c{j}"): (1 + (i + j) % 5, 5 - j) for i in range(4) for j in range(5)}
    assert controller.paste_scores(block)
    assert checked == []
    for (project, criterion), (likelihood, impact) in block.items():
        cell = document.cell(project, criterion)
        assert (cell.likelihood, cell.impact) == (likelihood, impact)
    assert document.cell("p0", "c4").status == "draft"  # unassessed before
    assert controller.edit_cells([("p1", "c1")], {"rationale": "Text"})
    assert len(checked) == 1  # other fields take the full check
    controller.undo()
    controller.undo()
    assert document.cells == before


def test_a_score_edit_refused_still_names_the_cell(qtbot) -> None:
    controller = DocumentController(make_document())
    errors: list[str] = []
    controller.errorOccurred.connect(errors.append)
    assert not controller.edit_cells(
        [("p1", "c1")], {"likelihood": 2, "likelihood_low": 3, "likelihood_high": 4}
    )
    assert errors == ["Project 1 / Criterion 1: likelihood low 3 is above the likelihood 2"]


def test_ranges_widened_on_many_cells_are_said_of_the_selected_one(qtbot) -> None:
    """The inspector shows the selected cell's widened range: a score set on many cells words
    and signals that one, not each cell's (tens of thousands on a whole matrix)."""
    controller = DocumentController(make_document(projects=4, criteria=5))
    keys = [
        (f"p{i}", f"c{j}")
        for i in range(4)
        for j in range(5)
        if controller.document.cell(f"p{i}", f"c{j}") is not None
    ]
    for key in keys:
        assert controller.edit_cells([key], {"likelihood": 3})
        assert controller.edit_cells([key], {"likelihood_low": 3, "likelihood_high": 4})
    said: list[tuple[object, str]] = []
    controller.rangeWidened.connect(lambda key, sentence: said.append((key, sentence)))
    controller.select("p1", "c2")
    assert controller.edit_cells(keys, {"likelihood": 1})
    assert said == [(("p1", "c2"), "Likelihood range widened to 1–4 to include the new score.")]
    assert all(controller.document.cell(*key).likelihood_low == 1 for key in keys)
