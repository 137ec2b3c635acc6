"""The analysis view: Monte Carlo uncertainty and weight sensitivity of the open document.

Everything here only displays what :mod:`rrisk.analysis` computes; embed
:class:`~desktop.analysis.panel.AnalysisPanel` with ``AnalysisPanel(controller)``.
"""

from __future__ import annotations
