"""Fixtures for the memo tests (the document itself is in memo_fixtures.py)."""

from __future__ import annotations

import pytest
from memo_fixtures import memo_document_data

from rrisk.model import Assessment, parse_assessment


@pytest.fixture
def memo_document() -> Assessment:
    """The fixture assessment (a fresh copy per test)."""
    return parse_assessment(memo_document_data())
