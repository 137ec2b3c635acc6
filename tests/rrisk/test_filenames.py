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
        ("COM¹.pdf", "COM1_file.pdf"),
        ("nul", "nul_file"),
        # cut to fit, the name is a device's again ('con' + 150 '_' + 'x.pdf' was con.pdf)
        ("con" + "_" * 150 + "x.pdf", "con_file.pdf"),
        ("LPT1" + "-" * 200 + "b.txt", "LPT1_file.txt"),
    ],
)
def test_an_attached_file_named_for_a_device_is_stored_under_another_name(given, stored):
    assert stored_name(given) == stored
