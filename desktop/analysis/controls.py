"""The run bar of the analysis view: runs, seed, Run and Cancel, progress, and the stale banner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import style
from desktop.ui.refusals import SpinBox
from desktop.ui.undo_keys import pass_undo_keys
from rrisk.analysis import DEFAULT_RUNS, DEFAULT_SEED, MAX_KEPT_INDICES, MAX_RUNS
from rrisk.text import plural

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController

MIN_RUNS = 100
MAX_SEED = 2_147_483_647
STALE_TEXT = (
    "\u26a0  Out of date \u2014 re-run: the document or scenario changed after these figures "
    "were computed. Press Run (Ctrl+R)."
)


class RunControls(QWidget):
    """Runs and seed spin boxes, the Run and Cancel buttons and the progress bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runs_spin = SpinBox(self)
        self.runs_spin.setObjectName("analysisRunsSpin")
        self.runs_spin.setRange(MIN_RUNS, MAX_RUNS)
        self.runs_spin.setSingleStep(1_000)
        self.runs_spin.setValue(DEFAULT_RUNS)
        self.runs_spin.setGroupSeparatorShown(True)
        self.runs_spin.setAccessibleName("Number of runs")
        self.runs_spin.setToolTip("Monte Carlo runs (100–1,000,000); more runs, steadier figures")
        self.seed_spin = SpinBox(self)
        self.seed_spin.setObjectName("analysisSeedSpin")
        self.seed_spin.setRange(0, MAX_SEED)
        self.seed_spin.setValue(DEFAULT_SEED)
        self.seed_spin.setAccessibleName("Random seed")
        self.seed_spin.setToolTip(
            "The same document, scenario, runs and seed always give the same figures"
        )
        self.run_button = QPushButton("Run uncertainty analysis", self)
        self.run_button.setObjectName("runAnalysisButton")
        style.make_primary(self.run_button)
        self.run_button.setShortcut(QKeySequence("Ctrl+R"))
        self.run_button.setToolTip(
            "Run the Monte Carlo analysis for the current scenario in the background (Ctrl+R)"
        )
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("cancelAnalysisButton")
        self.cancel_button.setToolTip("Stop the running analysis (Esc in the Analysis tab)")
        # Esc cancels only from within the Analysis tab: a button's own shortcut would take
        # Esc from the whole window, the inspector's "throw my typing away" included.
        cancel_key = QShortcut(
            QKeySequence(Qt.Key.Key_Escape),
            parent if parent is not None else self,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        cancel_key.activated.connect(self._cancel_by_key)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("analysisProgress")
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setAccessibleName("Analysis progress")
        # A disabled primary button must look disabled, not merely ignore clicks.
        self.setStyleSheet(
            "QPushButton#runAnalysisButton:disabled { background: #8C99A6; color: #EEF1F4;"
            " border: 1px solid #7D8995; }"
        )

        # The progress bar has a line of its own, under the buttons: beside them it squeezed
        # the Run button's text in a small window (1024 px wide and less).
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        layout = QHBoxLayout()
        layout.setSpacing(8)
        for text, spin in (("&Runs", self.runs_spin), ("Seed", self.seed_spin)):
            label = QLabel(f"{text}:", self)
            label.setBuddy(spin)
            layout.addWidget(label)
            layout.addWidget(spin)
        layout.addSpacing(8)
        layout.addWidget(self.run_button)
        layout.addWidget(self.cancel_button)
        layout.addStretch(1)
        column.addLayout(layout)
        column.addWidget(self.progress_bar)
        self.set_busy(False)

    def bind(self, controller: DocumentController) -> None:
        """Runs and seed are the document's (``analysis`` in the file, used by the memo and
        `rrisk analyze` too): shown from it, and a finished edit is one undo step."""
        self._controller = controller
        self.load_settings()
        controller.documentReplaced.connect(self.load_settings)
        controller.documentChanged.connect(self.load_settings)
        self.runs_spin.editingFinished.connect(self.commit_settings)
        self.seed_spin.editingFinished.connect(self.commit_settings)
        # Ctrl+Z in either field with no typing of its own undoes the document's last step.
        pass_undo_keys(self, [self.runs_spin, self.seed_spin])

    def load_settings(self, *_args: object) -> None:
        document = self._controller.document
        settings = document.analysis
        # The most runs whose indices can be kept for this many projects: more would only
        # fail when run. A document saved with more keeps showing its own figure.
        most = min(MAX_RUNS, max(MIN_RUNS, MAX_KEPT_INDICES // max(1, len(document.projects))))
        self.runs_spin.setMaximum(max(most, settings.runs))
        self.runs_spin.setToolTip(
            f"Monte Carlo runs ({MIN_RUNS:,}–{most:,} for "
            f"{plural(len(document.projects), 'project')}); more runs, steadier figures"
        )
        for spin, value in ((self.runs_spin, settings.runs), (self.seed_spin, settings.seed)):
            if spin.value() != value:
                spin.blockSignals(True)
                spin.setValue(value)
                spin.blockSignals(False)

    def commit_settings(self) -> None:
        """Write the spin boxes' runs and seed into the document when they differ."""
        self._controller.edit_analysis(self.runs_spin.value(), self.seed_spin.value())

    def _cancel_by_key(self) -> None:
        if self.cancel_button.isVisible() and self.cancel_button.isEnabled():
            self.cancel_button.click()

    def set_busy(self, busy: bool) -> None:
        """While running: Run and the settings disabled, Cancel and the progress bar shown.

        Focus on a control about to be disabled moves to Cancel, within the tab, so Esc
        (which cancels from within the tab) still reaches it."""
        held = QApplication.focusWidget() in (self.run_button, self.runs_spin, self.seed_spin)
        self.run_button.setEnabled(not busy)
        self.runs_spin.setEnabled(not busy)
        self.seed_spin.setEnabled(not busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.progress_bar.setVisible(busy)
        if busy and held:
            self.cancel_button.setFocus()
        if busy:
            self.progress_bar.setValue(0)
            self.progress_bar.setFormat(f"Starting {self.runs_spin.value():,} runs… (%p%)")

    def show_progress(self, percent: int, label: str) -> None:
        self.progress_bar.setValue(percent)
        self.progress_bar.setFormat(f"{label} (%p%)")

    def show_cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.progress_bar.setFormat("Cancelling…")


def alike_banner(parent: QWidget) -> QLabel:
    """The notice over figures of a run in which nothing was drawn (every run alike)."""
    banner = QLabel("", parent)
    banner.setObjectName("analysisAlikeNotice")
    banner.setTextFormat(Qt.TextFormat.PlainText)
    banner.setWordWrap(True)
    # Low-band blue with its own text colour: reads the same in light and dark mode, and
    # is not the amber of the out-of-date notice.
    banner.setStyleSheet(
        "QLabel#analysisAlikeNotice { background: #DCE9F5; color: #0B1A2A;"
        " border: 1px solid #7FA6C9; border-radius: 4px; padding: 5px 8px; }"
    )
    banner.setVisible(False)
    return banner


def stale_banner(parent: QWidget) -> QLabel:
    """The "out of date — re-run" notice shown above figures the document has moved past."""
    banner = QLabel(STALE_TEXT, parent)
    banner.setObjectName("analysisStaleBanner")
    banner.setTextFormat(Qt.TextFormat.PlainText)
    banner.setWordWrap(True)
    # Medium-band amber with its own text colour: reads the same in light and dark mode.
    banner.setStyleSheet(
        "QLabel#analysisStaleBanner { background: #FDD38A; color: #3A2A00;"
        " border: 1px solid #C99A3A; border-radius: 4px; padding: 5px 8px; }"
    )
    return banner
