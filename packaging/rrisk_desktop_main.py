"""Entry script of the PyInstaller build: the same as the ``rrisk-desktop`` command."""

from __future__ import annotations

import sys

from desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
