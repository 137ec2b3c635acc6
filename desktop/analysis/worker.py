"""The Monte Carlo analysis off the GUI thread, with progress and a cancel that really stops.

The job runs :func:`rrisk.analysis.monte_carlo` on a snapshot of the document taken in the
GUI thread (:func:`desktop.document.commands.snapshot`), so edits made while it runs cannot
race with it. The core checks the job's thread-safe cancel flag between chunks of runs and
raises ``AnalysisCancelled``.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QRunnable, Signal

from desktop.document.commands import snapshot
from desktop.files.jobs import ended
from rrisk.analysis import AnalysisCancelled, monte_carlo
from rrisk.errors import RRiskError
from rrisk.model import Assessment


class AnalysisSignals(QObject):
    """Signals of a Monte Carlo job, delivered in the GUI thread (queued)."""

    progress = Signal(int, str)
    finished = Signal(object)  # MonteCarloResult
    failed = Signal(str)
    cancelled = Signal()


class MonteCarloJob(QRunnable):
    """One uncertainty analysis: document snapshot, scenario, runs and seed."""

    def __init__(self, document: Assessment, scenario: str | None, runs: int, seed: int) -> None:
        super().__init__()
        # Kept alive by the panel until a final signal arrives: the signals object must
        # outlive the thread's last emit.
        self.setAutoDelete(False)
        self.signals = AnalysisSignals()
        self.document = snapshot(document)
        self.scenario = scenario
        self.runs = runs
        self.seed = seed
        self._cancel = threading.Event()
        self._last_percent = -1

    def cancel(self) -> None:
        """Ask the running analysis to stop at its next chunk of runs (thread-safe)."""
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def _report(self, percent: int, label: str) -> None:
        # One update per whole percent: a large document reports hundreds of chunks, and the
        # GUI only needs to see the bar move.
        if percent != self._last_percent:
            self._last_percent = percent
            self.signals.progress.emit(percent, label)

    def run(self) -> None:
        self._last_percent = -1
        try:
            result = monte_carlo(
                self.document,
                self.scenario,
                runs=self.runs,
                seed=self.seed,
                progress=self._report,
                cancelled=self._cancel.is_set,
            )
        except AnalysisCancelled:
            self.signals.cancelled.emit()
        except RRiskError as error:
            self.signals.failed.emit(str(error))
        except MemoryError:
            self.signals.failed.emit(
                f"not enough memory for {self.runs:,} runs on this document: use fewer runs"
            )
        except Exception as error:  # noqa: BLE001 - report any failure instead of dying silently
            self.signals.failed.emit(
                f"the uncertainty analysis failed ({type(error).__name__}: {error})"
            )
        else:
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)
        finally:
            ended(self)  # the GUI thread lets go of the snapshot once the signals are in
