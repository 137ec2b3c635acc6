"""The territory table's names, folded once and bundled (``territories.folded.json``): read at
start-up instead of folding the thousand names, and the same table either way."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rrisk import resources
from rrisk.screening import territory
from rrisk.screening.territory import FOLDED_NAMES, folded_names_json, territory_table


@pytest.fixture(autouse=True)
def fresh_table() -> Iterator[None]:
    territory._folded_names.cache_clear()
    territory_table.cache_clear()
    yield
    territory._folded_names.cache_clear()
    territory_table.cache_clear()


def test_the_bundled_folded_names_are_the_table_folded_now() -> None:
    """Fails after an edit of territories.json or of fold(): write the file again with
    ``python -c "from rrisk.screening.territory import write_folded_names; write_folded_names()"``."""
    bundled = resources.resource_path(*FOLDED_NAMES).read_text(encoding="utf-8")
    assert bundled == folded_names_json()


def test_the_table_read_with_the_folded_names_is_the_table_folded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with_names = territory_table()
    assert len(territory._folded_names()) > 900
    territory_table.cache_clear()
    monkeypatch.setattr(territory, "_folded_names", dict)
    assert territory_table() == with_names


@pytest.mark.parametrize(
    "text",
    [
        '{"unicode": "1.1.0", "unchanged": [], "folded": {"crimea": "somewhere"}}',
        '{"unicode": "%s", "unchanged": "crimea", "folded": {}}',
        "not JSON",
        "[]",
    ],
)
def test_a_folded_names_file_of_another_unicode_or_damaged_counts_for_nothing(
    text: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import unicodedata

    path = tmp_path / "territories.folded.json"
    path.write_text(text.replace("%s", unicodedata.unidata_version), encoding="utf-8")
    real = resources.resource_path
    monkeypatch.setattr(
        resources,
        "resource_path",
        lambda *parts: path if parts == FOLDED_NAMES else real(*parts),
    )
    assert territory._folded_names() == {}
    [crimea] = [t for t in territory_table().territories if t.id == "crimea"]
    assert crimea.stems[0] == "crimea"


def test_a_name_the_file_lacks_is_folded_as_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(territory, "_folded_names", lambda: {"crimea": "crimea"})
    [crimea] = [t for t in territory_table().territories if t.id == "crimea"]
    assert crimea.stems[:2] == ("crimea", "krym")
    assert "gozleve" in crimea.occupied_places + crimea.stems
