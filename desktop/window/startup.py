"""Start-up work done once, before the app imports its window."""

from __future__ import annotations

import sys
from types import ModuleType


def quicken_pyside_import_scan() -> None:
    """Make PySide6's per-import source scan read the file instead of going through ``inspect``.

    For every module imported after PySide6, PySide asks whether the module's source mentions
    "PySide6" (such a module may switch on PySide's ``__feature__`` options). It asks through
    ``inspect.getsource``, which goes through ``linecache`` and keeps the lines of every module
    in memory. The app imports ~300 modules before its first paint, and those scans cost ~35 ms
    of a ~0.5 s start (``bench/run.py --only start``). The replacement gives the same answer
    from the file's bytes; a module without a ``.py`` file goes to PySide's own check. When a
    PySide release no longer has this hook, nothing is changed.
    """
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original) or hasattr(original, "__wrapped__"):
        return

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))

    uses_pyside.__wrapped__ = original  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
