#!/usr/bin/env bash
# Install the built .deb on this machine, prove the desktop integration works, then purge it
# and prove nothing is left. It changes the system (run as root, on a build or test machine),
# so it is a script and not part of the test suite.
#
#   packaging/check_deb.sh [dist/rrisk_<version>_<arch>.deb]
#
# Checks: the package installs with its dependencies; rrisk and rrisk-desktop run from the
# PATH; `xdg-mime query filetype` recognises a .rrisk file (by name, and by content when
# renamed) as application/vnd.rrisk+zip; `xdg-mime query default` answers RRisk's desktop
# entry; desktop-file-validate and appstreamcli validate pass on the installed files; the
# icons are in the hicolor theme; after `apt-get purge` no file of the package remains and
# the type is no longer known. Exits non-zero on the first failure.
set -euo pipefail

REPOSITORY="$(cd "$(dirname "$0")/.." && pwd)"
DEB="${1:-$(ls -t "$REPOSITORY"/dist/rrisk_*.deb 2>/dev/null | head -1)}"
[[ -f "$DEB" ]] || { echo "no .deb found: run packaging/build_linux.sh first" >&2; exit 2; }
DEB="$(cd "$(dirname "$DEB")" && pwd)/$(basename "$DEB")"
APP_ID="org.rrisk.RRisk"
TYPE="application/vnd.rrisk+zip"

fail() { echo "CHECK FAILED: $*" >&2; exit 1; }
ok() { echo "   ok  $*"; }

echo "== tools: xdg-utils (with the mimetype tool it reads shared-mime-info through),"
echo "   shared-mime-info, desktop-file-utils, appstream"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq xdg-utils libfile-mimeinfo-perl shared-mime-info desktop-file-utils \
    appstream >/dev/null

# Where the package puts files, and what is there before it (to compare after the purge).
WATCHED=(/opt /usr/bin /usr/share/applications /usr/share/mime /usr/share/icons/hicolor
         /usr/share/metainfo /usr/share/doc)
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
snapshot() { find "${WATCHED[@]}" 2>/dev/null | grep -v -e '\.cache$' -e '/mime/[^/]*$' \
    -e '/mime/[^/]*/[^/]*\.xml$' -e 'mimeinfo\.cache$' | sort; }
snapshot > "$SCRATCH/before.txt"

echo "== install $(basename "$DEB")"
dpkg -s rrisk >/dev/null 2>&1 && fail "rrisk is already installed; purge it first"
apt-get install -y -qq "$DEB" >/dev/null
dpkg -s rrisk | grep -q '^Status: install ok installed' || fail "dpkg does not list rrisk"
ok "installed: $(dpkg-query -W -f '${Package} ${Version} ${Architecture}' rrisk)"

# A user's session: a scratch HOME, no desktop environment (xdg-mime's generic method).
export HOME="$SCRATCH/home" XDG_CONFIG_HOME="$SCRATCH/home/.config"
export XDG_DATA_HOME="$SCRATCH/home/.local/share"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION GNOME_DESKTOP_SESSION_ID || true

[[ "$(command -v rrisk)" == /usr/bin/rrisk ]] || fail "rrisk is not on the PATH"
[[ "$(command -v rrisk-desktop)" == /usr/bin/rrisk-desktop ]] || fail "rrisk-desktop not on PATH"
ok "$(rrisk --version) and $(rrisk-desktop --version) from /usr/bin"

CASE="$SCRATCH/case.rrisk"
(cd "$SCRATCH" && rrisk new --template russia-rare-earths -o case.rrisk >/dev/null)
answer="$(xdg-mime query filetype "$CASE")"
[[ "$answer" == "$TYPE" ]] || fail "xdg-mime query filetype case.rrisk answered '$answer'"
ok "xdg-mime query filetype case.rrisk = $answer"
# By content alone: the same file without its extension. (Renamed to .zip, xdg-mime's
# generic method lets the *.zip glob win over the more specific magic, so that is not asked.)
cp "$CASE" "$SCRATCH/renamed"
answer="$(xdg-mime query filetype "$SCRATCH/renamed")"
[[ "$answer" == "$TYPE" ]] || fail "a renamed .rrisk is '$answer' (the zip magic did not match)"
ok "by content too: renamed (no extension) = $answer"
answer="$(xdg-mime query default "$TYPE")"
[[ "$answer" == "$APP_ID.desktop" ]] || fail "xdg-mime query default $TYPE answered '$answer'"
ok "xdg-mime query default $TYPE = $answer"

desktop-file-validate "/usr/share/applications/$APP_ID.desktop" || fail "desktop-file-validate"
ok "desktop-file-validate /usr/share/applications/$APP_ID.desktop"
appstreamcli validate --no-net "/usr/share/metainfo/$APP_ID.metainfo.xml" >"$SCRATCH/as.txt" \
    || { cat "$SCRATCH/as.txt"; fail "appstreamcli validate"; }
ok "appstreamcli validate /usr/share/metainfo/$APP_ID.metainfo.xml"
for size in 16 24 32 48 64 128 256 512; do
    [[ -f "/usr/share/icons/hicolor/${size}x${size}/apps/rrisk.png" ]] || fail "no ${size}px icon"
done
[[ -f /usr/share/icons/hicolor/scalable/apps/rrisk.svg ]] || fail "no scalable icon"
ok "icons in hicolor 16–512 and scalable, for the app and the document type"
grep -q "^$TYPE=.*$APP_ID.desktop" /usr/share/applications/mimeinfo.cache \
    || fail "the desktop database does not list RRisk for $TYPE"
ok "the desktop database (mimeinfo.cache) lists RRisk for $TYPE"

echo "== purge"
apt-get purge -y -qq rrisk >/dev/null
dpkg -s rrisk >/dev/null 2>&1 && fail "rrisk is still known to dpkg"
snapshot > "$SCRATCH/after.txt"
if ! diff -u "$SCRATCH/before.txt" "$SCRATCH/after.txt" > "$SCRATCH/left.diff"; then
    cat "$SCRATCH/left.diff"
    fail "the purge left files behind (or removed others)"
fi
ok "no file of the package is left under ${WATCHED[*]}"
[[ ! -e /opt/rrisk && ! -e /usr/bin/rrisk && ! -e /usr/bin/rrisk-desktop ]] || fail "leftovers"
answer="$(xdg-mime query filetype "$CASE")"
[[ "$answer" != "$TYPE" ]] || fail "the type is still registered after the purge"
ok "after the purge case.rrisk is just '$answer' again"
echo "check_deb passed"
