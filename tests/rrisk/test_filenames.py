"""File names made from what a user wrote are names Windows can create: not a device's
('CON', 'nul.txt', 'COM1.tar.gz'), not ending in a dot or a space."""

from __future__ import annotations

import pytest

from rrisk.attachments import stored_name
from rrisk.filenames import names_device, usable_name


@pytest.mark.parametrize(
    ("given", "usable"),
    [
        ("CON", "CON_file"),
        ("con", "con_file"),
        ("nul.txt", "nul_file.txt"),
        ("COM1.tar.gz", "COM1_file.tar.gz"),
        ("lpt9", "lpt9_file"),
        ("com²", "com²_file"),
        ("aux .txt", "aux_file.txt"),
        ("prn.", "prn_file"),
        ("report. . ", "report"),
        ("console", "console"),
        ("com10", "com10"),
        ("lpt0", "lpt0"),
        ("my-con", "my-con"),
        ("russian-rare-earth-joint-venture", "russian-rare-earth-joint-venture"),
    ],
)
def test_a_name_is_made_one_windows_can_create(given, usable):
    assert usable_name(given) == usable
    assert not names_device(usable_name(given))
    assert not usable_name(given).endswith((".", " "))


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("con.tar.gz", "con_file.tar.gz"),  # was con.tar_file.gz: still the console
        ("AUX.backup.docx", "AUX_file.backup.docx"),
        ("COM¹.pdf", "COM¹_file.pdf"),
        ("nul", "nul_file"),
        # cut to fit, the name is a device's again ('con' + 150 '_' + 'x.pdf' was con.pdf)
        ("con" + "_" * 250 + "x.pdf", "con_file.pdf"),
        ("LPT1" + "-" * 200 + "b.txt", "LPT1_file.txt"),
    ],
)
def test_an_attached_file_named_for_a_device_is_stored_under_another_name(given, stored):
    assert stored_name(given) == stored


@pytest.mark.parametrize(
    "name", ["Отчёт Росгео 2023.pdf", "Étude_ç.pdf", "报告.pdf", "تقرير الربع الثالث.pdf"]
)
def test_a_name_in_any_script_is_stored_whole_and_read_back(tmp_path, name: str) -> None:
    """Their letters were dropped or made Latin ('otchet_Rosgeo_2023.pdf', 'Etude_c.pdf',
    'attachment.pdf' for the Chinese and Arabic ones)."""
    import zipfile

    from rrisk.fileformat import read_file, save
    from rrisk.templates import new_from_template

    assert stored_name(name) == name
    document = new_from_template("russia-rare-earths")
    document.sources[0].attachment = name
    save(document, tmp_path / "case.rrisk", {name: b"%PDF"})
    opened = read_file(tmp_path / "case.rrisk")
    assert opened.attachments == {name: b"%PDF"}
    assert opened.document.sources[0].attachment == name
    with zipfile.ZipFile(tmp_path / "case.rrisk") as archive:
        assert f"attachments/{name}" in archive.namelist()  # in UTF-8, as the zip flags it


def test_a_long_name_is_cut_to_its_bound_in_bytes_never_inside_a_letter() -> None:
    from rrisk.model import ATTACHMENT_BYTES

    for letter in ("ж", "报", "𠀋", "é"):
        stored = stored_name(letter * 200 + ".pdf")
        assert stored.endswith(".pdf") and set(stored.removesuffix(".pdf")) == {letter}
        assert ATTACHMENT_BYTES - 4 < len(stored.encode()) <= ATTACHMENT_BYTES


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("../../Отчёт.pdf", "Отчёт.pdf"),
        ("..", "attachment"),
        ("Отчёт\u202egpj.exe", "Отчёт_gpj.exe"),  # shown as 'Отчётexe.jpg'
        ("报告\x00\x1f.pdf", "报告.pdf"),
        ("a<b>c|d.pdf", "a_b_c_d.pdf"),
        ("Отчёт\u00a02023.pdf", "Отчёт 2023.pdf"),
        ("CON.报告", "CON_file.报告"),
        ("نتيجة\u200c.pdf", "نتيجة\u200c.pdf"),  # a joiner some scripts need is kept
        # A form of a folder separator: a program reading a Windows code page takes it for one.
        ("a\uff0f..\uff0f..\uff0fb.pdf", "a_.._.._b.pdf"),
        ("report\uff3cx.pdf", "report_x.pdf"),
    ],
)
def test_a_name_in_any_script_is_made_safe(given: str, stored: str) -> None:
    assert stored_name(given) == stored


def test_a_file_written_before_opens_with_its_names_as_they_were(tmp_path) -> None:
    """Every name of the earlier rule (ASCII, dots at the end, a device's) still opens as is."""
    from rrisk.fileformat import read_file, save
    from rrisk.templates import new_from_template

    names = ["otchet_2024.pdf", "run.vbs.", "CON.txt", "x" * 121, "a-b_c.d.e"]
    document = new_from_template("russia-rare-earths")
    for source, name in zip(document.sources, names, strict=False):
        source.attachment = name
    save(document, tmp_path / "old.rrisk", {name: name.encode() for name in names})
    opened = read_file(tmp_path / "old.rrisk")
    assert sorted(opened.attachments) == sorted(names)
