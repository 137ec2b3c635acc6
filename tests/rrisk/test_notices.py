"""Third-party notices read from the installed packages' metadata."""

from __future__ import annotations

from rrisk.notices import font_licence, library_notices


def test_notices_name_the_shipped_libraries_with_versions_and_licences() -> None:
    notices = {notice.name.lower().replace("_", "-"): notice for notice in library_notices()}
    for library in ("numpy", "pandas", "reportlab", "openpyxl", "pydantic", "pyside6-essentials"):
        assert library in notices, library
        assert notices[library].version
        assert notices[library].licence
    assert "LGPL-3.0" in notices["pyside6-essentials"].licence
    assert notices["python"].licence == "PSF-2.0"
    # RRisk itself and the optional test and dev extras are not shipped libraries.
    assert "rrisk" not in notices
    assert "pytest" not in notices and "mypy" not in notices


def test_licence_fields_are_short_not_whole_licence_texts() -> None:
    assert all(len(notice.licence) <= 80 for notice in library_notices())


def test_font_licence_is_the_bundled_dejavu_licence() -> None:
    text = font_licence()
    assert "DejaVu" in text and "Bitstream" in text
