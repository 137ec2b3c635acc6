"""Entry script of the ``rrisk`` command in the PyInstaller build (``rrisk.cli:main``)."""

from __future__ import annotations

import sys

from rrisk.cli import main

if __name__ == "__main__":
    sys.exit(main())
