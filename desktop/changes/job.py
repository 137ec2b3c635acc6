"""Read the other version and compare it with the open document, off the GUI thread.

Reading a large file, comparing and wording the outline take a second or two for thousands
of projects; the GUI thread only builds the tree afterwards. A cancelled job (Cancel, the
window closed, another document opened) reports nothing, and stops reading the other version
at the reader's next stop point (:mod:`rrisk.stopping`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.changes.outline import Outline, build_outline
from desktop.document.commands import snapshot
from desktop.files.jobs import BackgroundJob
from rrisk.errors import RRiskError
from rrisk.model import Assessment
from rrisk.stopping import ReadStopped


@dataclass(frozen=True)
class Compared:
    """A finished comparison: what the view shows, and the earlier version (for the memo)."""

    outline: Outline
    old: Assessment
    path: str
    files: tuple[tuple[str, str], ...] = ()
    """The files attached to sources that differ from the earlier version's (name, action)."""
    scenario_id: str | None = None
    """The scenario compared under: None for the baseline, also when the earlier version
    lacks the scenario asked for."""


STAGES = 3
"""The job's stages: reading the other version, comparing, wording the changes."""


class CompareSignals(QObject):
    progress = Signal(int, str)
    """Stages done (of :data:`STAGES`) and the one under way, in words."""
    finished = Signal(object)
    """A :class:`Compared`."""
    failed = Signal(str)


class CompareJob(BackgroundJob):
    """Compares the file ``other`` (the earlier version) with ``document`` (the later one).

    Under the open scenario when the earlier version has it too, else under the baseline
    (the view names the scenario it used).
    """

    def __init__(
        self,
        other: str | Path,
        document: Assessment,
        *,
        old_label: str,
        new_label: str,
        scenario: str | None = None,
        attachments: Mapping[str, bytes] | None = None,
    ) -> None:
        super().__init__()
        self.signals = CompareSignals()
        self._other = str(other)
        self._document = snapshot(document)
        self._attachments = dict(attachments or {})
        """The open document's attached files (bytes are immutable: a shallow copy is one)."""
        self._labels = (old_label, new_label)
        self._scenario = scenario

    def work(self) -> None:
        from rrisk.compare import compare_or_baseline
        from rrisk.fileformat import read_file

        old_label, new_label = self._labels
        say = self.signals.progress.emit
        try:
            say(0, f"Reading {Path(self._other).name}…")
            other = read_file(self._other, should_stop=self._cancel.is_set)
            old = other.document
            if self._cancel.is_set():  # the later steps take seconds on a large pair
                return
            say(1, "Finding what changed and what it did to the results…")
            comparison = compare_or_baseline(
                old,
                self._document,
                self._scenario,
                attachments=(other.attachments, self._attachments),
            )
            if self._cancel.is_set():
                return
            count = len(comparison.changes)
            stage = f"Describing {count:,} change{'s' * (count != 1)}…"
            say(2, stage)
            missing = None
            if self._scenario is not None and comparison.scenario_id is None:
                missing = next(
                    (s.name for s in self._document.scenarios if s.id == self._scenario),
                    self._scenario,
                )

            def worded(done: int, total: int) -> None:
                if self._cancel.is_set():
                    raise ReadStopped  # stopped where it is: nothing more to say
                say(2, f"{stage} {min(done * 100 // max(total, 1), 99)}%")

            outline = build_outline(
                comparison, old_label, new_label, missing_scenario=missing, worded=worded
            )
        except ReadStopped:
            return  # cancelled: nothing to say
        except RRiskError as error:
            if not self._cancel.is_set():
                self.signals.failed.emit(str(error))
            return
        except Exception as error:  # noqa: BLE001 - reported in one line, never a crash
            if not self._cancel.is_set():
                self.signals.failed.emit(f"the comparison failed ({type(error).__name__}: {error})")
            return
        if not self._cancel.is_set():
            files = tuple(comparison.attachments)
            scenario_id = comparison.scenario_id
            self.signals.finished.emit(Compared(outline, old, self._other, files, scenario_id))
