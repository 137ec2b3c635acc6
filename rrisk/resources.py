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


APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


@cache
def countries() -> tuple[dict, ...]:
    """The bundled table of countries (``resources/screening/countries.json``: ISO 3166-1
    codes, names in English, Russian and Ukrainian with common spellings), read once for
    the counterparty screen, the territory rule and the memo."""
    import json

    data = json.loads(resource_path("screening", "countries.json").read_text(encoding="utf-8"))
    return tuple(data["countries"])


def app_icon_paths() -> list[Path]:
    """The app icon's PNG renderings, smallest first (``resources/icons/rrisk-<size>.png``).

    The window icon and the About dialog build their icon from these; the SVG beside them is
    the source (``packaging/make_icons.py`` renders it) and is not needed at run time.
    """
    return [resource_path("icons", f"rrisk-{size}.png") for size in APP_ICON_SIZES]
