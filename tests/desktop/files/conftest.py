"""Fixtures of the files tests."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the error boxes shown (``QMessageBox.critical``), answered at once."""
    messages: list[str] = []

    def critical(_parent, _title, text, *_args, **_kwargs):  # noqa: ANN001, ANN002, ANN003
        messages.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(critical))
    return messages
