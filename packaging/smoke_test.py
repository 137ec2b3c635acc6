"""Smoke test of a built bundle: does what an investor would do first, from an awkward path.

Usage: ``python packaging/smoke_test.py dist/rrisk-desktop`` (``build_linux.sh`` runs it).
Needs only the standard library; it never imports RRisk, it runs the bundle's executables.

It copies the bundle into a folder whose name has spaces and non-ASCII letters (as a user's
"Документы/Risk Tools Ü" might), with a scratch HOME so no real settings are read or
written, and there:

1. asks ``rrisk --version`` and ``rrisk-desktop --version``;
2. starts the GUI offscreen on the bundled template with ``RRISK_SMOKE_TEST=REPORT.json``
   (see ``rrisk_desktop_main.py``): the real main window opens, paints, writes what it shows
   and quits through its normal close path; the exit status must be 0 and the report must
   name the template's title and projects;
3. writes the template to a ``.rrisk`` file with the bundled ``rrisk new`` and exports its
   memo with ``rrisk memo`` (headless: no display, no Qt platform) as a PDF and as a Word
   document (python-docx reads its part templates from disk), then checks both.

Prints one line per check and exits 1 on the first failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TEMPLATE = "russia-rare-earths"
AWKWARD_FOLDER = "Документы/Risk Tools Ü"
TIMEOUT = 180  # seconds per command; a hung GUI fails the test instead of hanging the build


class SmokeTestFailed(Exception):
    """A check did not hold; the message says which."""


def run(
    command: list[str], env: dict[str, str], cwd: Path, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a bundled command; a non-zero status or a timeout fails the test with its output."""
    try:
        result = subprocess.run(
            command,
            env={**env, **(extra or {})},
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as error:
        raise SmokeTestFailed(f"{Path(command[0]).name} did not finish in {TIMEOUT} s") from error
    if result.returncode != 0:
        raise SmokeTestFailed(
            f"{' '.join(Path(c).name for c in command[:3])} … exited {result.returncode}:\n"
            f"{result.stdout}{result.stderr}"
        )
    return result


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeTestFailed(message)
    print(f"   ok  {message}")


def smoke_test(bundle: Path, scratch: Path) -> None:
    suffix = ".exe" if sys.platform == "win32" else ""
    copy = scratch / AWKWARD_FOLDER / bundle.name
    shutil.copytree(bundle, copy, symlinks=True)
    desktop, cli = copy / f"rrisk-desktop{suffix}", copy / f"rrisk{suffix}"
    home = scratch / "home"
    home.mkdir()
    work = scratch / "Ünïcödé work folder"
    work.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("QT_", "PYTHON", "RRISK_")) and key not in {"DISPLAY"}
    }
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
        LANG="C.UTF-8",
    )
    (home / "runtime").mkdir(mode=0o700)
    print(f"   bundle copied to {copy}")

    check(
        run([str(cli), "--version"], env, work).stdout.strip().startswith("rrisk "),
        "rrisk --version answers",
    )
    answer = run([str(desktop), "--version"], env, work).stdout.strip()
    check(answer.startswith("rrisk-desktop "), f"rrisk-desktop --version answers ({answer})")

    report_path = work / "smoke report.json"
    gui = run(
        [str(desktop), "--template", TEMPLATE, "-platform", "offscreen"],
        env,
        work,
        {"RRISK_SMOKE_TEST": str(report_path)},
    )
    check(report_path.is_file(), "the GUI started offscreen and wrote its report")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    check(report.get("platform") == "offscreen", "it ran on the offscreen platform")
    check(
        report.get("visible") is True and report.get("projects", 0) > 0,
        f"the main window showed the template: {report.get('document_title')!r}, "
        f"{report.get('projects')} projects × {report.get('criteria')} criteria",
    )
    check(bool(report.get("screenshot")), "the painted window was captured")
    check(
        report.get("closed") is True and report.get("exit_status") == 0,
        "the window closed through its normal path and the app exited 0",
    )
    check("Traceback" not in gui.stderr, "no traceback on stderr")
    check(
        report.get("bundle_paths_inherited") == [],
        "a program the app starts gets the user's library and plug-in paths, not the bundle's "
        f"({report.get('bundle_paths_inherited')})",
    )
    accelerators = sorted(p.name for p in (copy / "_internal").glob("_rl_accel*"))
    check(bool(accelerators), f"reportlab's C accelerators are in the bundle ({accelerators})")

    case = work / "case ü.rrisk"
    run([str(cli), "new", "--template", TEMPLATE, "-o", str(case)], env, work)
    memo = work / "memo ü.pdf"
    # Headless: no display, and no Qt platform variable either.
    run([str(cli), "memo", str(case), "-o", str(memo)], env, work)
    data = memo.read_bytes() if memo.is_file() else b""
    check(
        data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:] and len(data) > 20_000,
        f"rrisk memo wrote the template's memo ({len(data):,} bytes)",
    )
    word = work / "memo ü.docx"
    run([str(cli), "memo", str(case), "-o", str(word)], env, work)
    data = word.read_bytes() if word.is_file() else b""
    check(
        data.startswith(b"PK") and b"word/document.xml" in data and b"word/header" in data,
        f"rrisk memo wrote the template's Word memo, header and footer included ({len(data):,} bytes)",
    )
    check(
        (copy / "_internal" / "resources" / "icons" / "rrisk-256.png").is_file(),
        "the app icon is in the bundle",
    )


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python packaging/smoke_test.py BUNDLE_FOLDER", file=sys.stderr)
        return 2
    bundle = Path(argv[0]).resolve()
    keep = os.environ.get("RRISK_SMOKE_KEEP")  # a folder to keep the screenshot and memo in
    with tempfile.TemporaryDirectory(prefix="rrisk smoke ") as scratch:
        try:
            smoke_test(bundle, Path(scratch))
        except SmokeTestFailed as failure:
            print(f"SMOKE TEST FAILED: {failure}", file=sys.stderr)
            return 1
        finally:
            if keep:
                Path(keep).mkdir(parents=True, exist_ok=True)
                for found in Path(scratch).glob("Ünïcödé work folder/*"):
                    if found.suffix in {".png", ".pdf", ".json"}:
                        shutil.copy2(found, Path(keep) / found.name)
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
