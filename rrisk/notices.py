"""Third-party notices: which libraries RRisk ships with, under which licences.

Help → About lists them. The list is read from the installed packages' metadata when asked
(never at start-up: walking the metadata of some 20 distributions takes a few hundred
milliseconds on a cold cache), starting from RRisk's own requirements and following theirs, so it names what
an installation or a bundle really carries. The PyInstaller build copies that metadata into
the bundle (``copy_metadata("rrisk", recursive=True)`` in the spec), with each package's
licence files, so the answer is the same there.
"""

from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from importlib import metadata

from rrisk.resources import resource_path

# Requirements with a marker that names an extra belong to optional features we do not ship.
_EXTRA_MARKER = re.compile(r"""extra\s*==""")
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_MAX_LICENCE = 80  # characters: longer "License" fields hold the whole licence text


@dataclass(frozen=True)
class Notice:
    """One shipped distribution: its name, version and licence in a few words."""

    name: str
    version: str
    licence: str


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _field(fields: metadata.PackageMetadata, key: str) -> str:
    """A metadata field or ""; ``get_all`` because a missing key raises in newer Pythons."""
    values = fields.get_all(key) or []
    return str(values[0]).strip() if values else ""


def licence_of(distribution: metadata.Distribution) -> str:
    """The licence in a few words: the SPDX expression, the short field, or the classifier."""
    fields = distribution.metadata
    expression = _field(fields, "License-Expression")
    if expression:
        return expression
    short = _field(fields, "License")
    if short and len(short) <= _MAX_LICENCE and "\n" not in short:
        return short
    classifiers = [
        c.split("::")[-1].strip()
        for c in fields.get_all("Classifier") or []
        if c.startswith("License ::") and c.count("::") >= 2
    ]
    if classifiers:
        return "; ".join(classifiers)
    return "see the package's licence file"


def shipped_distributions(root: str = "rrisk") -> list[metadata.Distribution]:
    """``root`` and every distribution it requires, directly or not (extras left out)."""
    found: dict[str, metadata.Distribution] = {}
    queue = [root]
    while queue:
        name = _normalise(queue.pop())
        if name in found:
            continue
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement for another platform or Python version
        found[name] = distribution
        for requirement in distribution.requires or []:
            head, _, marker = requirement.partition(";")
            if marker and _EXTRA_MARKER.search(marker):
                continue
            match = _NAME.match(head)
            if match:
                queue.append(match.group(1))
    return sorted(found.values(), key=lambda d: _normalise(_field(d.metadata, "Name") or ""))


def library_notices(root: str = "rrisk") -> list[Notice]:
    """The libraries shipped with ``root`` (itself excluded), with versions and licences.

    Python itself comes first: the bundle carries its interpreter and standard library.
    """
    python = Notice("Python", platform.python_version(), "PSF-2.0")
    return [python] + [
        Notice(_field(d.metadata, "Name") or "?", d.version, licence_of(d))
        for d in shipped_distributions(root)
        if _normalise(_field(d.metadata, "Name") or "") != _normalise(root)
    ]


def font_licence() -> str:
    """The licence text of the bundled fonts (``resources/fonts/LICENSE``)."""
    return resource_path("fonts", "LICENSE").read_text(encoding="utf-8")
