"""Opening, saving and the memo's check say they are working while the window waits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.files import document_files, memo_check


def watching(window, seen: list, real):
    """``real`` wrapped to note the cursor and the status bar's line while it runs."""

    def wrapped(*args, **kwargs):
        cursor = QApplication.overrideCursor()
        seen.append(
            (cursor.shape() if cursor is not None else None, window.statusBar().currentMessage())
        )
        return real(*args, **kwargs)

    return wrapped


def test_open_and_save_show_the_wait_cursor_and_say_what_they_do(
    open_window, template_path, tmp_path, monkeypatch
):
    window = open_window()
    window.show()
    seen: list = []
    fileformat = document_files.fileformat
    monkeypatch.setattr(fileformat, "read_file", watching(window, seen, fileformat.read_file))
    assert window.files.open_path(template_path)
    assert seen == [(Qt.CursorShape.WaitCursor, f"Opening {template_path.name}…")]
    assert QApplication.overrideCursor() is None
    seen.clear()
    monkeypatch.setattr(fileformat, "save", watching(window, seen, fileformat.save))
    window.controller.edit_assessment({"title": "Draft for IC"})
    assert window.files.save()
    assert seen == [(Qt.CursorShape.WaitCursor, f"Saving {template_path.name}…")]
    assert QApplication.overrideCursor() is None
    assert window.statusBar().currentMessage().startswith("Saved ")


def test_a_failed_save_or_open_gives_the_cursor_back(
    open_window, template_path, tmp_path, monkeypatch
):
    window = open_window(template_path)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: said.append(text))

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(document_files.fileformat, "save", full_disk)
    window.controller.edit_assessment({"title": "Draft for IC"})
    assert not window.files.save()
    assert "No space left on device" in said[-1]
    assert QApplication.overrideCursor() is None
    assert window.statusBar().currentMessage() == ""
    missing = tmp_path / "gone.rrisk"
    assert not window.files.open_path(missing, ask=False)
    assert QApplication.overrideCursor() is None


def test_the_memos_check_says_it_is_checking(open_window, template_path, monkeypatch):
    window = open_window(template_path)
    window.show()
    seen: list = []
    import rrisk.check

    monkeypatch.setattr(
        rrisk.check, "check_document", watching(window, seen, rrisk.check.check_document)
    )
    monkeypatch.setattr(memo_check.MemoCheckDialog, "exec", lambda self: 0)
    memo_check.confirm_export(window.matrix_view, window.controller.document, None)
    assert seen and seen[0][0] == Qt.CursorShape.WaitCursor
    assert "Checking" in seen[0][1]
    assert QApplication.overrideCursor() is None
