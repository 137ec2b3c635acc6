"""Start-up: PySide's per-import source scan gives the same answers, only cheaper."""

from __future__ import annotations

import sys

import pytest

from desktop import app as desktop_app
from desktop.window.startup import quicken_pyside_import_scan


def _window_process(tmp_path, lines: str) -> str:  # noqa: ANN001
    """The last line a new process prints after building the window on the template and
    running ``lines`` (a fresh interpreter: what start-up imports and leaves behind)."""
    import os
    import subprocess

    script = (
        "import gc, sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from desktop.app import build_main_window\n"
        "window = build_main_window(template='russia-rare-earths')\n"
        "app.processEvents()\n"
    ) + lines
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    env["RRISK_DATA_DIR"] = str(tmp_path / "data")
    env["RRISK_NEW_INSTANCE"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def _feature_module():
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        pytest.fail("this PySide6 has no per-import scan; drop quicken_pyside_import_scan")
    return feature


def test_quick_scan_answers_as_pysides_own_for_every_loaded_module() -> None:
    feature = _feature_module()
    quicken_pyside_import_scan()
    quick = feature._mod_uses_pyside
    original = getattr(quick, "__wrapped__", None)
    assert original is not None, "the scan was not replaced"
    modules = [m for name, m in list(sys.modules.items()) if m is not None and name != "__main__"]
    checked = 0
    for module in modules:
        assert quick(module) == bool(original(module)), module.__name__
        checked += 1
    assert checked > 100
    assert quick(desktop_app) is True  # imports PySide6
    assert quick(sys.modules["rrisk.model"]) is False  # never does


def test_quickening_twice_wraps_once() -> None:
    feature = _feature_module()
    quicken_pyside_import_scan()
    first = feature._mod_uses_pyside
    quicken_pyside_import_scan()
    assert feature._mod_uses_pyside is first


def test_a_source_that_cannot_be_read_goes_to_pysides_own_check(tmp_path) -> None:
    feature = _feature_module()
    quicken_pyside_import_scan()
    module = type(sys)("rrisk_gone")
    module.__file__ = str(tmp_path / "gone.py")  # no such file: PySide's own check answers
    assert feature._mod_uses_pyside(module) is False


def test_the_window_class_is_still_reachable_from_the_app_module() -> None:
    from desktop.window.main_window import MainWindow

    assert desktop_app.MainWindow is MainWindow
    with pytest.raises(AttributeError):
        desktop_app.NoSuchThing  # noqa: B018


def test_a_bundle_gives_started_programs_the_users_search_paths(
    qapp, monkeypatch, tmp_path
) -> None:
    """In a PyInstaller bundle, a viewer started by "Open it now?" inherited the bundle's
    LD_LIBRARY_PATH and QT_PLUGIN_PATH (its private Qt, fontconfig and OpenSSL first)."""
    from PySide6.QtCore import QCoreApplication

    from desktop.window.startup import release_bundle_environment

    bundle = tmp_path / "rrisk-desktop" / "_internal"
    plugins = bundle / "PySide6" / "Qt" / "plugins"
    plugins.mkdir(parents=True)
    environ = {
        "LD_LIBRARY_PATH": f"{bundle}:/opt/user/lib",
        "LD_LIBRARY_PATH_ORIG": "/opt/user/lib",
        "QT_PLUGIN_PATH": f"{plugins}:/home/user/qtplugins",
        "HOME": "/home/user",
    }
    # From source nothing changes.
    assert release_bundle_environment(dict(environ)) == []
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    before = QCoreApplication.libraryPaths()
    released = dict(environ)
    assert release_bundle_environment(released) == ["LD_LIBRARY_PATH", "QT_PLUGIN_PATH"]
    assert released == {
        "LD_LIBRARY_PATH": "/opt/user/lib",
        "QT_PLUGIN_PATH": "/home/user/qtplugins",
        "HOME": "/home/user",
    }
    # Qt keeps finding its plug-ins where it found them.
    assert QCoreApplication.libraryPaths() == before
    # Without a saved variable the bundle's entries go and nothing else; none left: unset.
    alone = {"LD_LIBRARY_PATH": str(bundle), "QT_PLUGIN_PATH": str(plugins)}
    assert release_bundle_environment(alone) == ["LD_LIBRARY_PATH", "QT_PLUGIN_PATH"]
    assert alone == {}


def test_the_first_screen_loads_no_analysis_memo_or_table_library(tmp_path) -> None:
    """The window opened on the template, its first cell in the inspector, has not imported
    the analyses, pandas or reportlab: they load on first use (the inspector's note on weak
    evidence once imported the whole analysis module at start-up)."""
    loaded = _window_process(
        tmp_path,
        "assert window.inspector.isVisible()\n"
        "print(sorted(m for m in ('rrisk.analysis', 'pandas', 'reportlab') if m in sys.modules))\n",
    )
    assert loaded == "[]"


def test_the_windows_modules_are_out_of_the_collectors_reach_once_imported(tmp_path) -> None:
    """The objects of the window's ~300 modules live as long as the app: once imported they
    are frozen, so no collection walks them again (the first after the import walked them
    all), and the window built after them is collected as before."""
    counts = _window_process(tmp_path, "print(gc.get_freeze_count(), len(gc.get_objects()))\n")
    frozen, walked = map(int, counts.split())
    assert frozen > 30_000  # the modules' functions, classes and tables
    assert walked < frozen  # what the window and its document made since
