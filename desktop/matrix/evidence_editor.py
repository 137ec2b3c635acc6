"""Evidence links of a cell: the list with source grades, and add/remove."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from desktop.ui import style
from desktop.ui.text import plain
from rrisk.model import CREDIBILITY_LABELS, RELIABILITY_LABELS, Assessment, Cell
from rrisk.text import page_label


class EvidenceEditor(QWidget):
    """Shows a cell's evidence and asks for changes with ``evidenceEdited(list_of_dicts)``."""

    evidenceEdited = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._links: list[dict] = []
        self.list = QTreeWidget(self)
        self.list.setObjectName("evidenceList")
        self.list.setAccessibleName("Evidence")
        self.list.setHeaderLabels(["Source", "Grade", "Quote / page"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.list.setMinimumHeight(self.fontMetrics().height() * 5)

        self.source = QComboBox(self)
        self.source.setObjectName("evidenceSource")
        self.source.setAccessibleName("Evidence source")
        # Long source titles must not widen the inspector: the full title is in the list.
        self.source.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source.setMinimumContentsLength(12)
        self.quote = QLineEdit(self)
        self.quote.setObjectName("evidenceQuote")
        self.quote.setPlaceholderText("Quote or finding")
        self.page = QLineEdit(self)
        self.page.setObjectName("evidencePage")
        self.page.setPlaceholderText("Page")
        self.page.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 6)
        self.add_button = QPushButton("Add evidence", self)
        self.add_button.setObjectName("addEvidenceButton")
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setObjectName("removeEvidenceButton")
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.quote.returnPressed.connect(self._add)
        self.list.itemSelectionChanged.connect(self._update_buttons)

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(style.SPACING // 2 + 2)
        layout.addWidget(self.list, 0, 0, 1, 3)
        # Source alone on its line and the page beside the quote keep the inspector narrow.
        layout.addWidget(self.source, 1, 0, 1, 3)
        layout.addWidget(self.quote, 2, 0, 1, 2)
        layout.addWidget(self.page, 2, 2)
        layout.addWidget(self.add_button, 3, 0)
        layout.addWidget(self.remove_button, 3, 2)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        self._update_buttons()

    def load(self, document: Assessment, cell: Cell | None) -> None:
        """Show ``cell``'s links; fill the source chooser from the document."""
        sources = {item.id: item for item in document.sources}
        current_source = self.source.currentData()
        self.source.blockSignals(True)
        self.source.clear()
        for choice in document.sources:
            self.source.addItem(f"{choice.title} ({choice.grade})", choice.id)
        # With a placeholder text set, QComboBox does not pick the first item by itself.
        position = self.source.findData(current_source) if current_source in sources else 0
        self.source.setCurrentIndex(position if self.source.count() else -1)
        self.source.blockSignals(False)
        self.list.clear()
        self._links = [
            {"source": link.source, "quote": link.quote, "page": link.page}
            for link in (cell.evidence if cell else [])
        ]
        for link in self._links:
            source = sources.get(link["source"])
            title = source.title if source else link["source"]
            grade = source.grade if source else "?"
            detail = link["quote"] + (f" ({page_label(link['page'])})" if link["page"] else "")
            item = QTreeWidgetItem([title, grade, detail])
            if source is not None:
                item.setToolTip(
                    1,
                    plain(
                        f"Reliability {source.reliability}: "
                        f"{RELIABILITY_LABELS[source.reliability]}\n"
                        f"Credibility {source.credibility}: "
                        f"{CREDIBILITY_LABELS[source.credibility]}"
                    ),
                )
                if source.bias_note:
                    item.setToolTip(0, plain(f"Bias: {source.bias_note}"))
            item.setToolTip(2, plain(detail))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)
            self.list.addTopLevelItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self.isEnabled() and self.source.count() > 0)
        self.remove_button.setEnabled(bool(self.list.selectedItems()))
        if self.source.count() == 0:
            self.source.setPlaceholderText("Add sources in the Sources editor first")

    def _add(self) -> None:
        source_id = self.source.currentData()
        if not source_id:
            return
        links = self._links + [
            {"source": source_id, "quote": self.quote.text().strip(), "page": self.page.text()}
        ]
        self.evidenceEdited.emit(links)
        self.quote.clear()
        self.page.clear()

    def _remove(self) -> None:
        current = self.list.currentItem()
        row = self.list.indexOfTopLevelItem(current) if current is not None else -1
        if row < 0:
            return
        links = [link for i, link in enumerate(self._links) if i != row]
        self.evidenceEdited.emit(links)
