#!/usr/bin/env bash
# Build RRisk for Linux from a clean clone: the PyInstaller one-folder bundle (rrisk-desktop
# and rrisk in one folder), a smoke test of that bundle, and a .deb made with dpkg-deb.
#
#   packaging/build_linux.sh            # bundle, smoke test, .deb
#   packaging/build_linux.sh --no-deb   # bundle and smoke test only
#
# Needs python3 (3.11 or later) with venv, network access to PyPI, and dpkg-deb for the .deb.
# Everything it makes stays in build/linux/ (the fresh virtual environment and PyInstaller's
# work folder) and dist/ (dist/rrisk-desktop/ and dist/rrisk_<version>_<arch>.deb), both
# ignored by git. It exits non-zero on the first failure, the smoke test's included.
set -euo pipefail

REPOSITORY="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPOSITORY"
PYTHON="${PYTHON:-python3}"
WORK="build/linux"
VENV="$WORK/venv"
BUNDLE="dist/rrisk-desktop"
MAKE_DEB=1
[[ "${1:-}" == "--no-deb" ]] && MAKE_DEB=0

echo "== fresh virtual environment in $VENV"
rm -rf "$VENV" "$WORK/pyinstaller" "$BUNDLE"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
# The project as users get it (a regular, non-editable install) and a PyInstaller major
# version the spec was written for.
"$VENV/bin/python" -m pip install --quiet . "pyinstaller>=6.10,<7"
"$VENV/bin/python" -m pip list --format=freeze > "$WORK/build-environment.txt"
echo "   $(grep -iE '^(pyside6[-_]essentials|pyinstaller|numpy|pandas|reportlab)==' \
    "$WORK/build-environment.txt" | tr '\n' ' ')"

echo "== PyInstaller one-folder bundle"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath dist --workpath "$WORK/pyinstaller" packaging/rrisk-desktop.spec

echo "== bundle size"
du -sh "$BUNDLE"
echo "   $(du -sb "$BUNDLE" | cut -f1) bytes, $(find "$BUNDLE" -type f | wc -l) files"
echo "   largest parts:"
# awk reads every line (a `head` that stops early can end `sort` by SIGPIPE, which pipefail
# turns into a failed build).
du -s "$BUNDLE"/_internal/* | sort -rn | awk 'NR <= 8 {printf "     %6.1f MB  %s\n", $1/1024, $2}'

echo "== smoke test of the bundle"
"$VENV/bin/python" packaging/smoke_test.py "$BUNDLE"

if [[ "$MAKE_DEB" == 1 ]]; then
    echo "== Debian package"
    "$VENV/bin/python" packaging/make_deb.py "$BUNDLE" dist
fi
