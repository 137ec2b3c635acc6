"""RRisk core: document model, scoring, the .rrisk file format and the command line.

This package imports no Qt and no reportlab; everything a user can compute, the CLI can
compute headless.
"""

from __future__ import annotations

__version__ = "0.1.0"
