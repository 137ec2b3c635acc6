"""Wrap the one-folder bundle into a Debian package with ``dpkg-deb`` and nothing else.

Usage: ``python packaging/make_deb.py dist/rrisk-desktop dist`` (``build_linux.sh`` runs it)
writes ``dist/rrisk_<version>_<arch>.deb``. What the package installs:

- the bundle under ``/opt/rrisk`` (it is self-contained, so it stays in one folder);
- ``/usr/bin/rrisk`` and ``/usr/bin/rrisk-desktop``, symbolic links into it (the PyInstaller
  boot loader finds its ``_internal`` folder through the resolved path of the executable);
- the desktop entry ``org.rrisk.RRisk.desktop``, the AppStream metainfo of the same id, the
  shared-mime-info definition of ``application/vnd.rrisk+zip``;
- the icon in the hicolor sizes, as the app icon ``rrisk`` and as the document icon
  ``application-vnd.rrisk+zip`` (the name shared-mime-info derives from the type);
- maintainer scripts that refresh the MIME, desktop and icon databases after install and
  removal. Debian's file triggers would refresh them too; the scripts make it explicit and
  also work where those packages do not declare triggers.

Only standard-library Python; file modes and ownership are normalised with ``--root-owner-
group`` so the package does not depend on who built it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
PACKAGING = REPOSITORY / "packaging"
ICONS = REPOSITORY / "resources" / "icons"
APP_ID = "org.rrisk.RRisk"
MIME_ICON = "application-vnd.rrisk+zip"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Libraries from the system that the bundle links against and PyInstaller leaves out on
# purpose (the C library, OpenGL/EGL, fonts, X11 keyboard and cursor handling, D-Bus, and
# the Wayland client libraries the bundled Wayland platform plug-in opens).
DEPENDS = (
    "libc6, libstdc++6, zlib1g, libfontconfig1, libfreetype6, libglib2.0-0 | libglib2.0-0t64,"
    " libgl1, libegl1, libxkbcommon0, libxkbcommon-x11-0, libdbus-1-3, libx11-xcb1,"
    " libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-render-util0,"
    " libxcb-image0, libwayland-client0, libwayland-cursor0"
)

REFRESH = """\
if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database /usr/share/mime
fi
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q /usr/share/applications
fi
# Only where the hicolor theme is installed: a cache in a theme folder without index.theme
# would be left behind after removal.
if [ -f /usr/share/icons/hicolor/index.theme ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor
fi
"""
POSTINST = f"""#!/bin/sh
# Refresh the MIME, desktop-entry and icon databases so .rrisk files open in RRisk.
set -e
if [ "$1" = "configure" ] || [ "$1" = "abort-upgrade" ] || [ "$1" = "abort-remove" ]; then
{REFRESH}fi
exit 0
"""
POSTRM = f"""#!/bin/sh
# Forget the .rrisk type, the menu entry and the icons once they are gone.
set -e
if [ "$1" = "remove" ] || [ "$1" = "purge" ] || [ "$1" = "abort-install" ]; then
{REFRESH}fi
exit 0
"""
COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: RRisk

Files: *
License: proprietary
 RRisk itself is proprietary software.

Files: opt/rrisk/_internal/*
License: various
 The bundle carries Python, Qt for Python (PySide6, LGPL-3.0), numpy, pandas, reportlab,
 openpyxl, pydantic and their dependencies under their own licences; each package's licence
 travels in its *.dist-info folder under /opt/rrisk/_internal, and RRisk's Help > About lists
 them. The DejaVu fonts are under the Bitstream Vera / DejaVu licence and WenQuanYi Micro Hei
 under the Apache License 2.0, both in /opt/rrisk/_internal/resources/fonts (LICENSE).
"""


def version() -> str:
    text = (REPOSITORY / "rrisk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    if not found:
        raise SystemExit("rrisk/__init__.py has no __version__")
    return found.group(1)


def metainfo_release(text: str) -> str | None:
    found = re.search(r'<release version="([^"]+)"', text)
    return found.group(1) if found else None


def install(source: Path, target: Path, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def write(target: Path, text: str, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    target.chmod(mode)


def stage(bundle: Path, root: Path, package_version: str, architecture: str) -> None:
    """Lay out the package's file system under ``root``."""
    if root.exists():
        shutil.rmtree(root)
    opt = root / "opt" / "rrisk"
    shutil.copytree(bundle, opt, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    for command in ("rrisk", "rrisk-desktop"):
        if not (opt / command).is_file():
            raise SystemExit(f"{bundle}: the bundle has no {command} executable")
        (root / "usr" / "bin" / command).symlink_to(f"/opt/rrisk/{command}")
    share = root / "usr" / "share"
    install(PACKAGING / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    install(PACKAGING / f"{APP_ID}.metainfo.xml", share / "metainfo" / f"{APP_ID}.metainfo.xml")
    install(PACKAGING / "rrisk-mime.xml", share / "mime" / "packages" / "rrisk.xml")
    hicolor = share / "icons" / "hicolor"
    for size in ICON_SIZES:
        png = ICONS / f"rrisk-{size}.png"
        install(png, hicolor / f"{size}x{size}" / "apps" / "rrisk.png")
        install(png, hicolor / f"{size}x{size}" / "mimetypes" / f"{MIME_ICON}.png")
    install(ICONS / "rrisk.svg", hicolor / "scalable" / "apps" / "rrisk.svg")
    install(ICONS / "rrisk.svg", hicolor / "scalable" / "mimetypes" / f"{MIME_ICON}.svg")
    write(share / "doc" / "rrisk" / "copyright", COPYRIGHT)

    debian = root / "DEBIAN"
    installed_kib = sum(p.lstat().st_size for p in root.rglob("*") if p.is_file()) // 1024
    write(
        debian / "control",
        f"""Package: rrisk
Version: {package_version}
Architecture: {architecture}
Maintainer: RRisk maintainers <packaging@rrisk.invalid>
Installed-Size: {installed_kib}
Depends: {DEPENDS}
Section: misc
Priority: optional
Description: risk matrices for investments in geopolitically exposed places
 RRisk scores investment projects against geopolitical risk criteria with graded,
 sourced evidence, ranks them, tests how robust the ranking is, and writes the
 investment-committee memo as a PDF. This package holds the desktop app
 (rrisk-desktop) and the command line (rrisk), self-contained under /opt/rrisk.
""",
    )
    write(debian / "postinst", POSTINST, 0o755)
    write(debian / "postrm", POSTRM, 0o755)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not Path(argv[0]).is_dir():
        print("usage: python packaging/make_deb.py BUNDLE_FOLDER OUTPUT_FOLDER", file=sys.stderr)
        return 2
    bundle, output = Path(argv[0]), Path(argv[1])
    package_version = version()
    release = metainfo_release((PACKAGING / f"{APP_ID}.metainfo.xml").read_text("utf-8"))
    if release != package_version:
        print(
            f"{APP_ID}.metainfo.xml: the newest <release> is {release}, but rrisk is "
            f"{package_version}; add a <release> entry for this version",
            file=sys.stderr,
        )
        return 1
    architecture = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    root = REPOSITORY / "build" / "linux" / "deb" / f"rrisk_{package_version}_{architecture}"
    stage(bundle, root, package_version, architecture)
    output.mkdir(parents=True, exist_ok=True)
    deb = output / f"rrisk_{package_version}_{architecture}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    size = deb.stat().st_size
    print(f"{deb} ({size / 1e6:.1f} MB; installed {int(_installed(root)) / 1024:.0f} MB)")
    return 0


def _installed(root: Path) -> str:
    control = (root / "DEBIAN" / "control").read_text(encoding="utf-8")
    found = re.search(r"Installed-Size: (\d+)", control)
    return found.group(1) if found else "0"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
