"""List files refused for what they are, naming where: long fields, NUL bytes, UTF-16."""

from __future__ import annotations

from pathlib import Path

import pytest

from rrisk.screening.listfile import MAX_FIELD_CHARS, ListImportError
from rrisk.screening.store import ListStore

HEADER = "id,schema,name,aliases\n"


@pytest.fixture
def store() -> ListStore:
    return ListStore(":memory:")


def refusal(store: ListStore, path: Path) -> str:
    with pytest.raises(ListImportError) as raised:
        store.import_file(path, "refused")
    assert store.lists() == []
    message = str(raised.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("length", [MAX_FIELD_CHARS + 1, 131_073, 1_000_000])
def test_a_field_too_long_is_refused_naming_its_line_and_column(
    store: ListStore, tmp_path: Path, length: int
) -> None:
    """Past 131,072 characters the refusal was csv's "field larger than field limit
    (131072)", not the list's own bound, and neither named the column."""
    path = tmp_path / "long.csv"
    path.write_text(HEADER + "x1,Company,A,b\nx2,Company,B," + "a" * length + "\n")
    assert refusal(store, path) == (
        f"{path}, line 3, column 4 (aliases): a field is longer than allowed (more than "
        "100,000 characters)"
    )


def test_a_quoted_field_too_long_is_named_at_the_line_it_starts_on(
    store: ListStore, tmp_path: Path
) -> None:
    path = tmp_path / "open.csv"
    path.write_text(HEADER + 'x1,Company,A,b\nx2,"Company",B,"' + "a b\n" * 40_000 + '"\n')
    assert refusal(store, path) == (
        f"{path}, line 3, column 4 (aliases): a field is longer than allowed (more than "
        "100,000 characters; a quote left open?)"
    )


@pytest.mark.parametrize(
    ("encoding", "order"), [("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")]
)
@pytest.mark.parametrize("name", ["Rosneft", "Роснефть"])
def test_utf16_without_its_byte_order_mark_is_named_as_such(
    store: ListStore, tmp_path: Path, encoding: str, order: str, name: str
) -> None:
    """It was refused as having "no column 'id'" (ASCII text), which sent the user looking
    for a column that is there."""
    path = tmp_path / "unicode.csv"
    path.write_bytes(f"id,schema,name\nx,Company,{name}\n".encode(encoding))
    assert refusal(store, path) == (
        f"{path}: is UTF-16 text ({order}) without its byte-order mark, not CSV text; import "
        "the targets.simple.csv file as downloaded, or save the list from the spreadsheet as "
        "'CSV UTF-8'"
    )


def test_a_leading_nul_byte_is_named_not_read_as_a_missing_column(
    store: ListStore, tmp_path: Path
) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"\x00id,schema,name\nx,Company,Rosneft\n")
    assert refusal(store, path) == (
        f"{path}, line 1, column 1: not readable as CSV (a NUL byte at the start of the file, "
        "which text never holds: a binary file, or a damaged download?)"
    )


def test_a_nul_byte_in_an_entry_names_its_column(store: ListStore, tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"id,schema,name\nx,Company,Ros\x00neft\n")
    assert refusal(store, path) == (
        f"{path}, line 2, column 3: not readable as CSV (a NUL byte, which text never holds: "
        "a binary file, or a damaged download?)"
    )


def test_a_list_with_long_fields_within_the_bound_still_imports(
    store: ListStore, tmp_path: Path
) -> None:
    path = tmp_path / "fine.csv"
    aliases = ";".join(f"Alias {index}" for index in range(5_000))  # ~50,000 characters
    path.write_text(HEADER + f'x1,Company,Rosneft,"{aliases}"\nx2,Company,Gazprom,\n')
    assert store.import_file(path, "fine").entries == 2
    assert [hit.entry_id for hit in store.search("fine", "Gazprom")] == ["x2"]


def test_a_list_lacking_both_required_columns_names_them_in_words(
    store: ListStore, tmp_path: Path
) -> None:
    """A matrix table given to `rrisk lists import` was said to have "no column 'id',
    'name'", as if one column had two names."""
    table = tmp_path / "m.csv"
    table.write_text("Project ID,Criterion ID\np,c\n", encoding="utf-8")
    assert "(no columns 'id' and 'name' in the first line" in refusal(store, table)
    table.write_text("id,schema\np,c\n", encoding="utf-8")
    assert "(no column 'name' in the first line" in refusal(store, table)
