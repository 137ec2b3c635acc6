"""RRisk core: document model, scoring, the .rrisk file format and the command line.

This package imports no Qt and no reportlab; everything a user can compute, the CLI can
compute headless.
"""

from __future__ import annotations

import os

__version__ = "0.1.0"

# The document model is validated by pydantic, which would otherwise scan the entry points of
# every installed distribution for validation plugins when its first model is built (~10 ms
# of every start, more in a large environment), and would let any plugin installed beside
# RRisk watch or alter the validation of untrusted files. RRisk uses none. A setting the user
# made in the environment wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
