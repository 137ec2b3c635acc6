"""Opening a file reads, scores and shows it with Python's cyclic collector held, and then
walks what it made in one full collection when it made many objects: left to itself, the
collector walked a large document's objects three times (a young, a middle and a full pass,
~0.6 s at 2,000 projects × 40 criteria, the last ones falling on the first edits)."""

from __future__ import annotations

import gc

from desktop.document.controller import DocumentController
from rrisk import collector, fileformat


def test_the_document_opened_is_read_scored_and_shown_with_the_collector_held(
    open_window, template_path, monkeypatch
):
    window = open_window()
    held_while: list[tuple[str, bool, bool]] = []
    read, replace = fileformat.read_file, DocumentController.set_document

    def read_file(path, should_stop=None):  # noqa: ANN001, ANN202
        held_while.append(("read", collector.held(), gc.isenabled()))
        return read(path, should_stop)

    def set_document(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        held_while.append(("shown", collector.held(), gc.isenabled()))
        replace(self, *args, **kwargs)
        # Scored and every view filled in within the hold.
        held_while.append(("shown", collector.held(), gc.isenabled()))

    monkeypatch.setattr(fileformat, "read_file", read_file)
    monkeypatch.setattr(DocumentController, "set_document", set_document)
    assert window.files.open_path(template_path)
    assert held_while == [("read", True, False), ("shown", True, False), ("shown", True, False)]
    assert window.controller.document.projects
    # The collector is on again once the file is open.
    assert gc.isenabled() and not collector.held()


def test_a_large_document_opened_is_collected_once_in_the_hold(
    open_window, template_path, monkeypatch
):
    window = open_window()
    collections: list[tuple[int, bool]] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            collections.append((info["generation"], collector.held()))

    # The template's objects count as many, as a large document's do.
    monkeypatch.setattr(collector, "BUILT_AT_ONCE", 0)
    gc.callbacks.append(note)
    try:
        assert window.files.open_path(template_path)
    finally:
        gc.callbacks.remove(note)
    assert (2, True) in collections
    assert len(gc.get_objects(generation=0)) < 10_000
