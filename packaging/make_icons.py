"""Render the app icon from its SVG source: PNGs 16–512, a Windows .ico and a macOS .icns.

Run from the repository root after editing ``resources/icons/rrisk.svg``:

    python packaging/make_icons.py

The outputs are committed (they are small), so building never needs an SVG renderer. Both
container formats hold PNG images: Windows Vista and later read PNG entries in an .ico, and
macOS 10.7 and later read PNG entries in an .icns, so no other image library is needed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# icns element types holding PNG data, by pixel size (Apple's "icns" type codes).
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """The icon at ``size``×``size`` pixels as PNG bytes, antialiased on transparency."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An .ico file of PNG entries (ICONDIR, ICONDIRENTRY per image, then the images)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, payload = b"", b""
    for size, png in images.items():
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
        payload += png
    return header + entries + payload


def icns_bytes(images: dict[int, bytes]) -> bytes:
    """An .icns file of PNG elements (big-endian type and length before each)."""
    body = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(png)) + png for size, png in images.items()
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    """Write every rendering next to the SVG source."""
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "rrisk.svg"))
    if not renderer.isValid():
        print(f"{ICONS / 'rrisk.svg'}: not a valid SVG", file=sys.stderr)
        return 1
    pngs = {size: render_png(renderer, size) for size in PNG_SIZES}
    for size, png in pngs.items():
        (ICONS / f"rrisk-{size}.png").write_bytes(png)
    (ICONS / "rrisk.ico").write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    (ICONS / "rrisk.icns").write_bytes(icns_bytes({size: pngs[size] for size in ICNS_TYPES}))
    print(f"wrote {len(pngs)} PNGs, rrisk.ico and rrisk.icns to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
