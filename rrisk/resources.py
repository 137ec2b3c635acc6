"""Where bundled data lives: the one place that knows about checkouts, wheels and bundles.

Resources (templates, fonts, the JSON Schema, screening lists) sit in the repository's
top-level ``resources/`` folder. An installed wheel carries them as ``rrisk/_resources``
(see ``pyproject.toml``); a PyInstaller bundle puts them under ``sys._MEIPASS/resources``.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from rrisk.errors import RRiskError


@cache
def resources_root() -> Path:
    """The folder holding the bundled resources."""
    here = Path(__file__).resolve().parent
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates += [here / "_resources", here.parent / "resources"]
    for candidate in candidates:
        if (candidate / "templates").is_dir():
            return candidate
    raise RRiskError(
        "the bundled resources were not found (looked in "
        + ", ".join(str(c) for c in candidates)
        + "); the installation is incomplete"
    )


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``."""
    return resources_root().joinpath(*parts)
