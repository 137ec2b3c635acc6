"""``python -m rrisk`` is the ``rrisk`` command."""

import sys

from rrisk.cli import main

sys.exit(main())
