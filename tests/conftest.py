"""Shared test set-up: headless Qt, and small documents built in code."""

from __future__ import annotations

import os

# Must be set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Every app the tests start is its own instance (a second one would otherwise hand its file to
# the first and exit); tests/desktop/window/test_instance.py covers the hand-over itself.
os.environ.setdefault("RRISK_NEW_INSTANCE", "1")
