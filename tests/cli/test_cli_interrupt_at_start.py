"""Ctrl+C while ``rrisk`` is still importing what it needs (its first ~0.1 s, longer on a
busy machine) says "rrisk: interrupted" and exits 130, as later; it printed a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The interrupt is raised where a Ctrl+C lands most often: while rrisk.text is imported.
INTERRUPTED_IMPORT = """
import sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "rrisk.text":
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, Interrupt())
from rrisk.cli import main
sys.exit(main())
"""


def test_ctrl_c_during_the_start_is_said_in_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RRISK_DATA_DIR": str(tmp_path)}
    ran = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_IMPORT, "templates"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert ran.stderr == "rrisk: interrupted\n"
    assert ran.returncode == 130
    assert ran.stdout == ""
