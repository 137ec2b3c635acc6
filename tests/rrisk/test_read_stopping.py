"""A read given a ``should_stop`` stops at its stop points once told to (a large file's opening
cancelled, or the app quitting): between its stages and row by row while the cells are checked,
raising :class:`ReadStopped`; a read given none, or never told to stop, reads as ever."""

from __future__ import annotations

import copy

import pytest
from rich_document import rich_document_data

from rrisk import fileformat, stopping
from rrisk.model import parse_assessment
from rrisk.stopping import ReadStopped

ROWS = 30


def many_rows(plain: bool = True) -> bytes:
    """The rich document with :data:`ROWS` more projects, each with a row of cells; with a
    score of 5.0 in its first row unless ``plain`` (the cells are then checked again one by
    one, the slower road)."""
    data = rich_document_data()
    first = data["projects"][0]
    row = data["cells"][first["id"]]
    for number in range(ROWS):
        project_id = f"extra{number}"
        data["projects"].append({**copy.deepcopy(first), "id": project_id})
        data["cells"][project_id] = copy.deepcopy(row)
    document = parse_assessment(data)
    if not plain:
        document.cells[first["id"]]["sanctions"].likelihood = 5.0  # type: ignore[assignment]
    return fileformat.to_bytes(document, {"kommersant.pdf": b"%PDF-1.4\n"})


class Countdown:
    """Says stop from its ``stop_at``-th question on; counts the questions."""

    def __init__(self, stop_at: int) -> None:
        self.stop_at = stop_at
        self.asked = 0

    def __call__(self) -> bool:
        self.asked += 1
        return self.asked >= self.stop_at


def test_a_read_never_told_to_stop_reads_as_one_given_nothing() -> None:
    data = many_rows()
    never = Countdown(stop_at=10**9)
    read = fileformat.read_bytes(data, "case.rrisk", should_stop=never)
    assert read.document == fileformat.read_bytes(data, "case.rrisk").document
    # Between the stages (after unzipping, after decoding) and at every row of cells.
    assert never.asked >= 2 + ROWS


@pytest.mark.parametrize("stop_at", [1, 2])
def test_a_read_told_to_stop_between_its_stages_stops_there(stop_at: int) -> None:
    told = Countdown(stop_at)
    with pytest.raises(ReadStopped):
        fileformat.read_bytes(many_rows(), "case.rrisk", should_stop=told)
    assert told.asked == stop_at  # it stopped at the first stop point told


@pytest.mark.parametrize("plain", [True, False])
def test_a_read_told_to_stop_while_the_cells_are_checked_stops_at_the_next_row(
    plain: bool,
) -> None:
    data = many_rows(plain)
    told = Countdown(stop_at=2 + ROWS // 2)  # (the two stages, then half the rows)
    with pytest.raises(ReadStopped):
        fileformat.read_bytes(data, "case.rrisk", should_stop=told)
    assert told.asked == told.stop_at
    # The read is over: a read given nothing after it is not stopped.
    assert stopping.current() is None
    assert fileformat.read_bytes(data, "case.rrisk").document.cells


def test_a_file_read_from_disk_is_stopped_as_one_in_memory(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "case.rrisk"
    path.write_bytes(many_rows())
    with pytest.raises(ReadStopped):
        fileformat.load(path, should_stop=lambda: True)
    assert fileformat.load(path).projects


def test_a_file_told_to_stop_while_its_bytes_are_read_from_disk_reads_no_more_of_them(
    tmp_path, monkeypatch
) -> None:  # noqa: ANN001
    """A large file on a slow share: a Cancel while its bytes are still coming in stops the
    reading of the file itself (it was read to its end, in one call, before the first stop
    point was asked)."""
    path = tmp_path / "case.rrisk"
    data = many_rows()
    path.write_bytes(data)
    monkeypatch.setattr(fileformat, "READ_CHUNK", len(data) // 4, raising=False)
    taken: list[int] = []
    real_open = open

    def counting_open(name, mode="r", *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        handle = real_open(name, mode, *args, **kwargs)
        read = handle.read

        def counted(size=-1):  # noqa: ANN001, ANN202
            chunk = read(size)
            taken.append(len(chunk))
            return chunk

        handle.read = counted
        return handle

    monkeypatch.setattr(fileformat, "open", counting_open, raising=False)
    told = Countdown(stop_at=2)  # once the first piece has come in
    with pytest.raises(ReadStopped):
        fileformat.read_file(path, should_stop=told)
    assert 0 < sum(taken) < len(data)
    # Read to its end, as ever, when never told to stop, and when given nothing.
    taken.clear()
    never = Countdown(stop_at=10**9)
    assert fileformat.read_file(path, should_stop=never).document == fileformat.load(path)
    assert fileformat.read_file(path).attachments == {"kommersant.pdf": b"%PDF-1.4\n"}
