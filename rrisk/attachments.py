"""Files attached to sources: the name one is stored under, the limits a ``.rrisk`` file sets
on them, and the kinds that run as programs when opened.

An attachment lives in the file as ``attachments/NAME`` (:mod:`rrisk.fileformat`) and a
source names it in its ``attachment`` field. The name must be a plain file name
(:func:`rrisk.model.attachment_problem`); a file chosen on disk is stored under its own name
made plain, and never over another attachment's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from pathlib import PurePath

from rrisk.fileformat import (
    MAX_ATTACHMENT_BYTES,
    MAX_FILE_BYTES,
    MAX_MEMBERS,
    MAX_TOTAL_UNCOMPRESSED,
    attachment_key,
    written_size_bound,
)
from rrisk.filenames import usable_name
from rrisk.model import (
    ATTACHMENT_BYTES,
    DRAWN_AS_SEPARATORS,
    SEPARATOR_FORMS,
    Assessment,
    attachment_problem,
    invisible_in_names,
)

RUNS_AS_PROGRAM = frozenset(
    {
        # Windows
        "exe", "com", "scr", "pif", "cpl", "msi", "msp", "msix", "appx", "bat", "cmd", "lnk",
        "url", "reg", "hta", "dll", "js", "jse", "vbs", "vbe", "wsf", "wsh", "ps1", "psm1",
        "psd1", "ws", "gadget", "application", "settingcontent-ms", "chm", "inf", "scf",
        "website", "library-ms", "searchconnector-ms", "xll", "xlam", "ppam", "wll",
        # macOS
        "app", "command", "tool", "pkg", "mpkg", "scpt", "workflow", "terminal",
        "dylib", "webloc",
        # Linux and Unix
        "sh", "bash", "zsh", "csh", "ksh", "fish", "run", "bin", "desktop", "appimage",
        "deb", "rpm", "snap", "flatpak", "so", "elf", "out",
        # interpreters and runtimes
        "jar", "py", "pyw", "pyc", "pyz", "pl", "rb", "php", "lua", "tcl", "vb", "applescript",
    }
)  # fmt: skip
"""Kinds of file (by extension) that the desktop runs rather than shows when opened."""

DISK_IMAGES = frozenset({"iso", "img", "vhd", "vhdx", "dmg", "udf"})
"""Kinds of file the desktop mounts as a drive when opened, offering the programs on it."""

PROGRAM_HEADERS = (
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a Linux program"),
    (b"#!", "a script"),
    (b"\xfe\xed\xfa\xce", "a macOS program"),
    (b"\xfe\xed\xfa\xcf", "a macOS program"),
    (b"\xce\xfa\xed\xfe", "a macOS program"),
    (b"\xcf\xfa\xed\xfe", "a macOS program"),
    (b"\xca\xfe\xba\xbe", "a macOS or Java program"),
)
"""How a program's bytes begin, whatever its name says (the bytes stored carry no
executable bit: these stand for it)."""


def size_words(size: int) -> str:
    """A file size as people read it: '812 bytes', '24.5 KiB', '3.1 MiB'."""
    if size < 1024:
        return f"{size:,} byte{'s' if size != 1 else ''}"
    if round(size / 1024, 1) < 1024:  # not '1,024.0 KiB' for a byte short of 1 MiB
        return f"{size / 1024:,.1f} KiB"
    return f"{size / (1024 * 1024):,.1f} MiB"


def unnamed_attachments(document: Assessment, attachments: Mapping[str, bytes]) -> list[str]:
    """The attached files no source names, in name order: a file made by another tool may
    hold some, and they are kept as they are (open, save, open loses nothing)."""
    named = {source.attachment for source in document.sources if source.attachment}
    return sorted(name for name in attachments if name not in named)


def unnamed_summary(names: Collection[str], attachments: Mapping[str, bytes]) -> str:
    """'2 attached files no source names (3.4 MiB)'."""
    size = sum(len(attachments[name]) for name in names)
    files = "file" if len(names) == 1 else "files"
    return f"{len(names):,} attached {files} no source names ({size_words(size)})"


def stored_name(file_name: str, taken: Collection[str] = ()) -> str:
    """The name a file called ``file_name`` is stored under: its own name (folders dropped),
    in any script, composed (NFC), with each run of characters a name may not hold (control
    and format characters, Windows' ``:*?"<>|``, a form of a folder separator such as '／')
    made '_' and other spaces ' ', a name Windows keeps for a device given '_file', cut to
    :data:`~rrisk.model.ATTACHMENT_BYTES` bytes, and followed by '-2', '-3'… before its extension when ``taken`` already has it (in
    any case and Unicode form: on Windows and macOS 'Report.pdf' and 'report.pdf' are one
    file when extracted)."""
    base = unicodedata.normalize("NFC", PurePath(file_name.replace("\\", "/")).name)
    plain = _NOT_PLAIN.sub("_", "".join(_plain_character(character) for character in base))
    stem, dot, extension = plain.rpartition(".")
    if not dot or not re.fullmatch(r"[^\W_]{1,12}", extension):
        stem, extension = plain, ""
    stem = _LEADING.sub("", stem).rstrip("._- ") or "attachment"
    stem = usable_name(stem)  # 'con.txt' could not be opened or saved under its name on Windows
    suffix = f".{extension}" if extension else ""
    used = {attachment_key(name) for name in taken}
    number = 1
    while True:
        counter = f"-{number}" if number > 1 else ""
        room = ATTACHMENT_BYTES - len(f"{suffix}{counter}".encode())
        # (cut, 'con_____…x' may be 'con' again)
        name = usable_name(_cut_to_bytes(stem, room).rstrip("._- ")) + counter + suffix
        if attachment_key(name) not in used:
            break
        number += 1
    assert attachment_problem(name) is None, name
    return name


_NOT_PLAIN = re.compile('[\x00-\x1f\x7f-\x9f/\\\\:*?"<>|\ufffd]+')
_LEADING = re.compile(r"^[\W_]+")
"""What a stored name may not begin with: a sign, a space ('.hidden', '-rf', '..')."""


def _plain_character(character: str) -> str:
    """``character`` as a stored name holds it: a space of any width ' ', a format character
    (a direction override, a zero-width space) or other invisible one '\ufffd' (made '_'
    with its neighbours), the joiners and any other character itself."""
    category = unicodedata.category(character)
    if category == "Zs":
        return " "
    if invisible_in_names(character):
        return "\ufffd"
    if not character.isascii() and SEPARATOR_FORMS.search(unicodedata.normalize("NFKC", character)):
        return "\ufffd"  # '／', '＼': a folder separator to a program reading a code page
    if character in DRAWN_AS_SEPARATORS:
        return "\ufffd"  # '∕': read as a folder separator
    return character


def _cut_to_bytes(text: str, size: int) -> str:
    """The longest start of ``text`` of at most ``size`` bytes in UTF-8 (never half a letter)."""
    while len(text.encode()) > size:
        text = unicodedata.normalize("NFC", text.encode()[:size].decode("utf-8", "ignore"))
    return text


def limit_problem(size: int, attachments: Mapping[str, bytes], replacing: str | None) -> str | None:
    """Why a file of ``size`` bytes cannot join ``attachments`` (in place of ``replacing``,
    which leaves) within the limits a ``.rrisk`` file sets, in words; None when it can."""
    if size > MAX_ATTACHMENT_BYTES:
        return (
            f"it is {size_words(size)} ({size:,} bytes); an attached file may be at most "
            f"{size_words(MAX_ATTACHMENT_BYTES)}"
        )
    kept = {name: data for name, data in attachments.items() if name != replacing}
    # mimetype and document.json are members too.
    if len(kept) + 1 + 2 > MAX_MEMBERS:
        return (
            f"the file already holds {len(kept):,} attached files; "
            f"at most {MAX_MEMBERS - 2:,} fit in one .rrisk file"
        )
    total = size + sum(len(data) for data in kept.values())
    if total > MAX_TOTAL_UNCOMPRESSED:
        return (
            f"with it the attached files would come to {size_words(total)}; together they "
            f"may be at most {size_words(MAX_TOTAL_UNCOMPRESSED)} in one .rrisk file"
        )
    return None


def room_problem(
    name: str,
    size: int,
    attachments: Mapping[str, bytes],
    replacing: str | None,
    document_bytes: int,
) -> str | None:
    """Why a file of ``size`` bytes stored as ``name`` (in place of ``replacing``, which
    leaves) could make the ``.rrisk`` file pass the size it opens with, in words; None when
    it cannot. ``document_bytes`` is the size of ``document.json`` as now written.

    Every file counts at its full size, as if none compressed (PDFs and pictures hardly do):
    a file let in here never makes the save refuse the file's size, though one that
    compresses well may be refused near the limit. Saving checks the file as written."""
    sizes = {
        f"attachments/{other}": len(data)
        for other, data in attachments.items()
        if other != replacing
    }
    # The source names the file in document.json too.
    sizes["document.json"] = document_bytes + len(name) + 64
    without = written_size_bound(sizes)
    member = f"attachments/{name}"
    with_it = written_size_bound({**sizes, member: size})
    if with_it <= MAX_FILE_BYTES:
        return None
    fixed = written_size_bound({**sizes, member: 0}) - without  # its headers
    room = max(0, (MAX_FILE_BYTES - without - fixed) * 1000 // 1001)
    left = (
        f"room is left for a file of at most {size_words(room)}"
        if room
        else "no room is left for another file"
    )
    return (
        f"with it the .rrisk file could take {size_words(with_it)}, counting the attached files "
        f"at full size, and a .rrisk file opens with at most {size_words(MAX_FILE_BYTES)}: {left}"
    )


def program_kind(name: str, content: bytes) -> str | None:
    """What ``name`` would be if opened, when it runs as a program rather than shows as a
    document ('a .exe file', 'a Linux program'); None for a document."""
    # Windows drops the dots a name ends in: 'run.vbs.' is written, and runs, as 'run.vbs'.
    _stem, dot, extension = name.rstrip(".").rpartition(".")
    if dot and extension.casefold() in DISK_IMAGES:
        return f"a .{extension.casefold()} disk image, which opens as a drive of programs"
    if dot and extension.casefold() in RUNS_AS_PROGRAM:
        return f"a .{extension.casefold()} file, which runs as a program"
    for header, kind in PROGRAM_HEADERS:
        if content.startswith(header):
            return f"{kind} (its first bytes say so, whatever its name)"
    return None
