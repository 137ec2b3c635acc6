"""reportlab's drawing shapes for the memo's charts, made without reportlab's per-attribute
check.

While ``rl_config.shapeChecking`` is on (reportlab's default), every shape checks each
attribute set against its declared type, a help while developing a chart that cost ~5% of a
200-project memo. The check only refuses or lets through: the shapes, and so the PDF and the
Word memo, are the same without it. Every module of the memo takes its shapes from here, so
that the setting comes before reportlab defines them. ``RL_shapeChecking=1`` in the
environment keeps the check on (a test draws the memo so and compares the bytes).
"""

from __future__ import annotations

import os

from reportlab import rl_config

if "RL_shapeChecking" not in os.environ:
    rl_config.shapeChecking = 0

from reportlab.graphics.shapes import Drawing as _Drawing  # noqa: E402
from reportlab.graphics.shapes import Group, Line, Rect, String  # noqa: E402
from reportlab.lib.attrmap import AttrMap, AttrMapValue  # noqa: E402
from reportlab.lib.validators import isString  # noqa: E402

__all__ = ["Drawing", "Group", "Line", "Rect", "String"]


class Drawing(_Drawing):
    """reportlab's drawing with a ``description``: what the chart shows, in words (the Word
    memo's alternative text, which a screen reader reads and Word's accessibility check asks
    for). Nothing of it is drawn."""

    _attrMap = AttrMap(BASE=_Drawing, description=AttrMapValue(isString, desc="the chart in words"))
    description = ""
