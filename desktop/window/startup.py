"""Start-up work done once, before the app imports its window."""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
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


BUNDLE_PATH_VARIABLES = ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH", "QT_PLUGIN_PATH")
"""Search paths a PyInstaller bundle points at its own folder for itself."""


def release_bundle_environment(environ: MutableMapping[str, str] | None = None) -> list[str]:
    """In a PyInstaller bundle, give the programs the app starts the user's own search paths.

    The bundle's loader puts its private libraries first on ``LD_LIBRARY_PATH`` and its Qt
    plug-ins on ``QT_PLUGIN_PATH``; a PDF viewer or word processor started by "Open it now?"
    inherited them and could load the bundle's Qt, fontconfig or OpenSSL in place of its own
    (a Qt or GTK viewer of another release may then fail to start). Called once the
    application object exists: Qt's plug-in paths are pinned first, and this process's own
    library search was fixed when it started, so the app itself loads as before.

    The variable the loader saved (``LD_LIBRARY_PATH_ORIG``) is put back where there is one;
    otherwise the entries inside the bundle are taken out and the user's kept. Outside a
    bundle nothing is changed. Returns the variables changed.
    """
    root = getattr(sys, "_MEIPASS", None)
    if not getattr(sys, "frozen", False) or not root:
        return []
    env = os.environ if environ is None else environ
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is not None:
        QCoreApplication.setLibraryPaths(QCoreApplication.libraryPaths())
    changed = []
    bundle = os.path.realpath(root)
    for name in BUNDLE_PATH_VARIABLES:
        saved = env.pop(f"{name}_ORIG", None)
        if saved is not None:
            env[name] = saved
            changed.append(name)
            continue
        if name not in env:
            continue
        kept = [
            part
            for part in env[name].split(os.pathsep)
            if part and not _inside(os.path.realpath(part), bundle)
        ]
        if kept:
            env[name] = os.pathsep.join(kept)
        else:
            del env[name]
        changed.append(name)
    return changed


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
