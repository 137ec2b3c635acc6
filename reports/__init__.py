"""The investment-committee memo: an assessment turned into a PDF with reportlab.

Entry points: :func:`reports.memo.build_memo` (PDF bytes) and :func:`reports.memo.write_memo`
(atomic write); ``reports.cli`` adds ``rrisk memo`` to the command line. This package imports
:mod:`rrisk`, never Qt.
"""
