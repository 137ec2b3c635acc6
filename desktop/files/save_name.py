"""The name a save dialog's answer stands for, and the question before replacing a file.

A save dialog asks before replacing only the name as typed. Where the program adds the
suffix the chosen filter implies ("matrix" → "matrix.xlsx"), the file written is another one
that the dialog never asked about; this module asks.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.ui.text import plain
from rrisk.filenames import usable_name


def document_stem(path: Path | None, title: str) -> str:
    """The start of a file name made from a document: its file's name, or for a document
    never saved its title, in lower case with one hyphen between words ("russian-rare-earth-
    joint-venture"; "Tomtor - phase 2" is "tomtor-phase-2", none at its ends, where a command
    line would read "--draft" as an option; accents and vowel signs kept in their word), a
    name Windows keeps for a device given '_file' ("CON" → "con_file")."""
    if path is not None:
        return path.stem
    # A combining accent or a vowel sign is part of its word: 'Résumé' typed with combining
    # accents is résumé, not re-sume, and Hindi's 'हिन्दी' keeps its signs, not 'ह-न-द'.
    title = unicodedata.normalize("NFC", title.strip())
    safe = "".join(
        ch if ch.isalnum() or ch == "_" or unicodedata.category(ch)[0] == "M" else " "
        for ch in title
    )
    return usable_name("-".join(safe.lower().split())[:60].rstrip("-")) or "assessment"


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask a yes/no question about a file; No is the default."""
    answer = QMessageBox.question(
        parent,
        title,
        plain(text),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def confirm_replace(parent: QWidget, target: Path) -> bool:
    """Ask whether to replace ``target``; No is the default."""
    return confirm(parent, "Replace the file?", f"{target} already exists. Replace it?")


def filtered_name(path: str, suggested: str, suffix: str) -> str:
    """A save dialog's ``path`` with the ``suggested`` name kept under a filter of another
    kind: without its extension, so that the filter's ``suffix`` is added. A dialog that does
    not change the name with the filter (GTK's) leaves it, and the filter says the format."""
    if Path(path).name == suggested and not suggested.endswith(suffix):
        return str(Path(path).with_suffix(""))
    return path


def named_target(path: str, suffixes: tuple[str, ...], suffix: str) -> Path:
    """The file a save dialog's ``path`` names: as typed when it ends in one of ``suffixes``,
    else with ``suffix`` added."""
    target = Path(path)
    if target.suffix.lower() in suffixes:
        return target
    return target.with_name(target.name + suffix)


def chosen_target(
    parent: QWidget, path: str, suffixes: tuple[str, ...], suffix: str
) -> Path | None:
    """The file to write for a save dialog's ``path``: as typed when it ends in one of
    ``suffixes`` (the dialog asked about it), else with ``suffix`` added — and then, when that
    file exists, only if the user agrees to replace it (None when they do not)."""
    target = named_target(path, suffixes, suffix)
    if target == Path(path):
        return target
    # (os.path: a name too long to exist raises in Path.exists; writing it says why)
    if os.path.exists(target) and not confirm_replace(parent, target):
        return None
    return target
