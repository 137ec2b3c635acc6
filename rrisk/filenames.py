"""File names the product makes from what a user wrote (a title, a scenario's name, an
attached file's name): names every system can create, Windows included."""

from __future__ import annotations

WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)
"""Names Windows keeps for devices, whatever their extension: no file can be called so."""


def names_device(name: str) -> bool:
    """Whether Windows reads the file name ``name`` as a device: 'CON.txt' and 'con .tar.gz'
    are the console, as 'CON' is."""
    return name.partition(".")[0].rstrip(" ").upper() in WINDOWS_DEVICES


def usable_name(name: str) -> str:
    """``name`` (a file's name, or its start before an extension is added) as Windows can
    create it: the dots and spaces at its end dropped (Windows drops them, writing another
    name), and a name it keeps for a device given '_file' before its first dot ('con' →
    'con_file', 'CON.tar.gz' → 'CON_file.tar.gz')."""
    name = name.rstrip(". ")
    if not names_device(name):
        return name
    head, dot, rest = name.partition(".")
    return f"{head.rstrip(' ')}_file{dot}{rest}"
