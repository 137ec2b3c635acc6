"""Entry script of the PyInstaller build: the same as the ``rrisk-desktop`` command.

With ``RRISK_SMOKE_TEST=REPORT.json`` in the environment the frozen app proves it works
instead of waiting for a user: it builds the main window exactly as ``rrisk-desktop`` does
(``FILE`` or ``--template ID``), lets the event loop show and paint it, writes what it showed
(window title, document title, projects, a screenshot next to the report) to ``REPORT.json``
and quits with status 0. ``packaging/build_linux.sh`` runs it under ``-platform offscreen``.
The variable is read here only, in the build's entry script: ``rrisk-desktop`` installed with
pip never acts on it, while the bundle and the packages made from it (``.deb``, the Windows
installer) do. That is harmless: whoever sets the variable in their own environment gets a
window that reports and quits, writing only the report and its screenshot where they said.
"""

from __future__ import annotations

import os
import sys

from desktop.app import main

SMOKE_TEST = "RRISK_SMOKE_TEST"


def smoke_test(report_path: str, args: list[str]) -> int:
    """Open FILE or ``--template ID`` in the real main window, paint it, report, quit."""
    import json

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import _parser, _split_qt_arguments, build_main_window

    # The same command line as ``rrisk-desktop``: FILE, --template ID and Qt's own options.
    ours, qt_args = _split_qt_arguments(args)
    options = _parser().parse_args(ours)
    app = QApplication([sys.argv[0], *qt_args])
    from desktop.app import local_path
    from desktop.window.startup import BUNDLE_PATH_VARIABLES, release_bundle_environment

    release_bundle_environment()  # as main() does: what a started viewer would inherit

    first = local_path(options.files[0]) if options.files else None
    window = build_main_window(first, template=options.template)
    report: dict[str, object] = {}

    def finish() -> None:
        window.repaint()
        document = window.controller.document
        screenshot = os.path.splitext(report_path)[0] + ".png"
        report.update(
            window_title=window.windowTitle(),
            visible=window.isVisible(),
            document_title=document.title,
            projects=len(document.projects),
            criteria=len(document.criteria),
            window_icon=not window.windowIcon().isNull(),
            platform=QApplication.platformName(),
            screenshot=screenshot if window.grab().save(screenshot) else None,
            # Search-path entries inside the bundle a program the app starts would inherit.
            bundle_paths_inherited=[
                part
                for name in BUNDLE_PATH_VARIABLES
                for part in os.environ.get(name, "").split(os.pathsep)
                if part and os.path.realpath(part).startswith(os.path.realpath(sys._MEIPASS))
            ]
            if getattr(sys, "_MEIPASS", None)
            else [],
        )
        # The real close path (settings saved, lock released); it asks first only when there
        # are unsaved edits, and a smoke test makes none.
        report["closed"] = not window.controller.is_modified and window.close()
        app.quit()

    # Two turns of the event loop after showing: the window has laid out and painted.
    QTimer.singleShot(0, lambda: QTimer.singleShot(200, finish))
    status = app.exec()
    report["exit_status"] = status
    with open(report_path, "w", encoding="utf-8") as handle:
        json.dump(report, handle, ensure_ascii=False, indent=2)
    return status


if __name__ == "__main__":
    smoke_report = os.environ.get(SMOKE_TEST)
    if smoke_report:
        sys.exit(smoke_test(smoke_report, sys.argv[1:]))
    sys.exit(main())
