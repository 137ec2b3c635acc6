"""A source's attached file in Editors → Sources: attach, replace, remove, save as and open,
each one undo step that survives saving and opening again; the limits; the removal of its
source; a program never opened."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox
from results_fixtures import ranked_document, with_evidence

from desktop.document.controller import DocumentController
from desktop.editors import source_attachment
from desktop.ui.text import left_to_right
from rrisk import attachments as attachment_rules
from rrisk import fileformat
from rrisk.model import assessment_to_data
from rrisk.text import isolated


@pytest.fixture(autouse=True)
def temporary_folder(monkeypatch, tmp_path):
    """Copies opened go under the test's own temporary folder, from a first Open of their
    own: the folder's cleanup of earlier runs never looks at the real one."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setattr(source_attachment, "_private_root", None)
    return folder


@pytest.fixture
def controller(qtbot):
    return DocumentController(with_evidence(ranked_document()))


@pytest.fixture
def sources(panel):
    editor = panel.sources
    panel.setCurrentWidget(editor)
    editor.select_id("kommersant")
    return editor


@pytest.fixture
def dialogs(monkeypatch):
    """The file dialogs answer from lists; the questions asked are recorded and answered
    from a list (Yes, or Open, when it runs out); nothing is opened for real."""
    chosen: list[str] = []
    saved_to: list[str] = []
    asked: list[str] = []
    replies: list[QMessageBox.StandardButton] = []
    warned: list[str] = []
    opened: list[str] = []

    def question(_parent, _title, text, buttons=None, *_args, **_kwargs):
        asked.append(text)
        if replies:
            return replies.pop(0)
        if buttons is not None and buttons & QMessageBox.StandardButton.Open:
            return QMessageBox.StandardButton.Open
        return QMessageBox.StandardButton.Yes

    def warning(_parent, _title, text, *_args, **_kwargs):
        warned.append(text)
        return QMessageBox.StandardButton.Ok

    def open_url(url):
        opened.append(url.toLocalFile())
        return True

    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (chosen.pop(0), ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (saved_to.pop(0), ""))
    )
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))

    class Dialogs:
        pass

    answers = Dialogs()
    answers.chosen, answers.saved_to, answers.asked = chosen, saved_to, asked
    answers.replies, answers.warned, answers.opened = replies, warned, opened
    return answers


def a_file(folder: Path, name: str, content: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content)
    return path


def source(controller, source_id="kommersant"):
    return next(s for s in controller.document.sources if s.id == source_id)


def test_attach_replace_remove_each_one_undo_step_kept_by_save_and_open(
    sources, controller, dialogs, tmp_path
):
    row = sources.attachment_row
    assert row.label.text() == "none"
    assert row.attach_button.isVisible() and not row.remove_button.isVisible()
    before = assessment_to_data(controller.document)
    report = a_file(tmp_path / "in", "Отчёт Q3 (final).pdf", b"%PDF-1.7 report")
    dialogs.chosen.append(str(report))
    assert row.attach()
    assert source(controller).attachment == "Отчёт Q3 (final).pdf"
    assert controller.attachments == {"Отчёт Q3 (final).pdf": b"%PDF-1.7 report"}
    assert controller.is_modified
    assert row.label.text() == "Отчёт Q3 (final).pdf  ·  15 bytes"
    assert row.open_button.isVisible() and not row.attach_button.isVisible()

    dialogs.chosen.append(str(a_file(tmp_path / "in", "memo.docx", b"PK new")))
    assert row.replace_button.isVisible()
    assert row.attach()
    assert source(controller).attachment == "memo.docx"
    assert controller.attachments == {"memo.docx": b"PK new"}  # the old file left with it

    path = tmp_path / "case.rrisk"
    fileformat.save(controller.document, path, controller.attachments)
    opened = fileformat.read_file(path)
    assert opened.document.sources == controller.document.sources
    assert opened.attachments == {"memo.docx": b"PK new"}

    assert row.remove()
    assert source(controller).attachment is None
    assert controller.attachments == {}
    assert row.label.text() == "none"
    controller.undo_stack.undo()  # the removal
    assert controller.attachments == {"memo.docx": b"PK new"}
    assert row.label.text() == "memo.docx  ·  6 bytes"
    controller.undo_stack.undo()  # the replacement
    assert controller.attachments == {"Отчёт Q3 (final).pdf": b"%PDF-1.7 report"}
    assert source(controller).attachment == "Отчёт Q3 (final).pdf"
    controller.undo_stack.undo()  # the attachment
    assert controller.attachments == {}
    assert assessment_to_data(controller.document) == before
    assert not controller.is_modified
    controller.undo_stack.redo()
    controller.undo_stack.redo()
    assert controller.attachments == {"memo.docx": b"PK new"}
    assert source(controller).attachment == "memo.docx"


def test_a_name_another_attachment_has_gets_a_distinct_name(controller, dialogs, tmp_path):
    # A file made elsewhere: one file no source names, kept as it is.
    controller.set_document(controller.document, None, {"Report.pdf": b"someone else's"})
    assert controller.attach_file("kommersant", "report.pdf", b"mine")
    assert controller.attach_file("usgs", "report.pdf", b"theirs")
    assert source(controller).attachment == "report-2.pdf"
    assert source(controller, "usgs").attachment == "report-3.pdf"
    assert controller.attachments == {
        "Report.pdf": b"someone else's",
        "report-2.pdf": b"mine",
        "report-3.pdf": b"theirs",
    }
    # Replaced by a file of the same name, a source keeps its name.
    assert controller.attach_file("kommersant", "report.pdf", b"mine, corrected")
    assert source(controller).attachment == "report-2.pdf"
    assert controller.attachments["report-2.pdf"] == b"mine, corrected"


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("report.pdf", "report.pdf"),
        ("C:\\Users\\anna\\Déjà vu.PDF", "Déjà vu.PDF"),
        (".hidden", "attachment.hidden"),
        ("---", "attachment"),
        ("архив.tar.gz", "архив.tar.gz"),
        ("日本.pdf", "日本.pdf"),
        ("x" * 300 + ".pdf", "x" * 176 + ".pdf"),
        ("report.pdf ", "report.pdf"),
        ("CON.txt", "CON_file.txt"),
        ("lpt1", "lpt1_file"),
        ("console.txt", "console.txt"),
    ],
)
def test_stored_names_are_plain(given, stored):
    assert attachment_rules.stored_name(given) == stored


def test_a_folder_an_unreadable_file_and_files_past_the_limits_are_refused(
    sources, controller, dialogs, tmp_path, monkeypatch
):
    row = sources.attachment_row
    folder = tmp_path / "folder"
    folder.mkdir()
    dialogs.chosen.append(str(folder))
    assert not row.attach()
    assert "is a folder; choose a file" in sources.message.text()

    pipe = tmp_path / "pipe.pdf"
    os.mkfifo(pipe)
    dialogs.chosen.append(str(pipe))
    assert not row.attach()  # and not read for ever
    assert "it is not a regular file (a device or a pipe)" in sources.message.text()

    locked = a_file(tmp_path, "locked.pdf", b"x")
    dialogs.chosen.append(str(locked))
    real_open = open

    def refusing_open(file, *args, **kwargs):
        if Path(file) == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing_open)
    assert not row.attach()
    assert sources.message.text().endswith(
        "“locked.pdf” not attached to “Kommersant article”: it could not be read "
        "(Permission denied)"
    )
    monkeypatch.setattr("builtins.open", real_open)

    monkeypatch.setattr(attachment_rules, "MAX_ATTACHMENT_BYTES", 10)
    dialogs.chosen.append(str(a_file(tmp_path, "big.pdf", b"x" * 11)))
    assert not row.attach()
    assert "it is 11 bytes (11 bytes); an attached file may be at most 10 bytes" in (
        sources.message.text()
    )
    monkeypatch.setattr(attachment_rules, "MAX_ATTACHMENT_BYTES", 100)
    monkeypatch.setattr(attachment_rules, "MAX_TOTAL_UNCOMPRESSED", 30)
    controller.set_document(controller.document, None, {"other.pdf": b"y" * 20})
    sources.select_id("kommersant")
    dialogs.chosen.append(str(a_file(tmp_path, "more.pdf", b"x" * 11)))
    assert not row.attach()
    assert "together they may be at most 30 bytes" in sources.message.text()
    monkeypatch.setattr(attachment_rules, "MAX_MEMBERS", 3)
    monkeypatch.setattr(attachment_rules, "MAX_TOTAL_UNCOMPRESSED", 300)
    dialogs.chosen.append(str(a_file(tmp_path, "small.pdf", b"x")))
    assert not row.attach()
    assert "the file already holds 1 attached files; at most 1 fit" in sources.message.text()
    assert source(controller).attachment is None
    assert controller.undo_stack.count() == 0


def test_save_as_writes_the_bytes_and_asks_before_replacing(sources, controller, dialogs, tmp_path):
    row = sources.attachment_row
    assert controller.attach_file("kommersant", "report.pdf", b"%PDF report")
    target = tmp_path / "out" / "copy.pdf"
    target.parent.mkdir()
    dialogs.saved_to.append(str(target))
    assert row.save_as()
    assert target.read_bytes() == b"%PDF report"
    assert dialogs.asked == []
    target.write_bytes(b"keep me")
    dialogs.saved_to.append(str(target))
    dialogs.replies.append(QMessageBox.StandardButton.Cancel)
    assert not row.save_as()
    assert "copy.pdf already exists" in dialogs.asked[-1]
    assert target.read_bytes() == b"keep me"
    dialogs.saved_to.append(str(target))
    assert row.save_as()
    assert target.read_bytes() == b"%PDF report"


def test_open_says_where_the_file_comes_from_and_opens_a_private_copy(sources, controller, dialogs):
    row = sources.attachment_row
    assert controller.attach_file("kommersant", "report.pdf", b"%PDF report")
    dialogs.replies.append(QMessageBox.StandardButton.Cancel)
    assert not row.open()
    assert dialogs.opened == []
    assert "attached to the source “Kommersant article”" in dialogs.asked[0]
    assert "whoever made or shared that file" in dialogs.asked[0]
    assert row.open()
    (copy,) = dialogs.opened
    copy_path = Path(copy)
    assert copy_path.name == "report.pdf"
    assert copy_path.read_bytes() == b"%PDF report"
    assert stat.S_IMODE(copy_path.stat().st_mode) == 0o400
    assert stat.S_IMODE(copy_path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(copy_path.parent.parent.stat().st_mode) == 0o700


def test_a_file_named_for_a_windows_device_is_opened_under_a_name_a_file_may_have(
    sources, controller, dialogs
):
    """A .rrisk file from elsewhere may name its attachment 'CON.txt' (the app stores none
    so): on Windows a copy written under that name would reach the console device."""
    doc = controller.document
    sources_now = [
        s.model_copy(update={"attachment": "CON.txt"}) if s.id == "kommersant" else s
        for s in doc.sources
    ]
    controller.set_document(
        doc.model_copy(update={"sources": sources_now}), None, {"CON.txt": b"notes"}
    )
    sources.select_id("kommersant")
    assert sources.attachment_row.open()
    (copy,) = dialogs.opened
    assert Path(copy).name == "CON_file.txt"
    assert Path(copy).read_bytes() == b"notes"


def test_a_file_named_for_a_windows_device_is_suggested_under_a_name_a_file_may_have(
    sources, controller, monkeypatch, tmp_path
):
    suggested: list[str] = []

    def save_name(_parent, _title, suggestion, *_args, **_kwargs):
        suggested.append(suggestion)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    doc = controller.document
    sources_now = [
        s.model_copy(update={"attachment": "CON.txt"}) if s.id == "kommersant" else s
        for s in doc.sources
    ]
    controller.set_document(
        doc.model_copy(update={"sources": sources_now}), None, {"CON.txt": b"n", "aux": b"a"}
    )
    sources.select_id("kommersant")
    assert not sources.attachment_row.save_as()
    dialog = sources.unnamed_files.dialog()
    dialog.select("aux")
    assert not dialog.save_as()
    assert [Path(path).name for path in suggested] == ["CON_file.txt", "aux_file"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", b"MZ\x90\x00"),
        ("run.SH", b"echo hi"),
        ("invoice.pdf.js", b"alert(1)"),
        ("launcher.desktop", b"[Desktop Entry]"),
        ("notes", b"#!/bin/sh\nrm -rf ~"),
        ("photo.jpg", b"\x7fELF\x02\x01"),
        ("Invoice.ISO", b"CD001"),
        ("budget.xll", b"\x00"),
    ],
)
def test_a_program_is_never_opened(sources, controller, dialogs, name, content):
    row = sources.attachment_row
    assert controller.attach_file("kommersant", name, content)
    assert not row.open()
    assert dialogs.opened == []
    assert dialogs.asked == []
    (warning,) = dialogs.warned
    assert "is not opened" in warning and "Save attachment as…" in warning


def test_removing_a_source_takes_its_file_and_undo_brings_both_back(
    sources, controller, dialogs, tmp_path
):
    controller.set_document(controller.document, None, {"unnamed.bin": b"kept"})
    sources.select_id("kommersant")
    assert controller.attach_file("kommersant", "report.pdf", b"%PDF report")
    with_file = assessment_to_data(controller.document)
    assert sources.remove_current()
    assert (
        "Its attached file “report.pdf” (11 bytes) leaves the .rrisk file with it"
        in (dialogs.asked[0])
    )
    assert "kommersant" not in [s.id for s in controller.document.sources]
    assert controller.attachments == {"unnamed.bin": b"kept"}
    path = tmp_path / "case.rrisk"
    fileformat.save(controller.document, path, controller.attachments)
    assert fileformat.read_file(path).attachments == {"unnamed.bin": b"kept"}
    controller.undo_stack.undo()
    assert assessment_to_data(controller.document) == with_file
    assert controller.attachments == {"unnamed.bin": b"kept", "report.pdf": b"%PDF report"}


def test_a_file_two_sources_name_stays_while_one_names_it(sources, controller, dialogs):
    data = controller.document.model_dump(mode="json")
    for entry in data["sources"]:
        entry["attachment"] = "shared.pdf"
        for row in data["cells"].values():
            for cell in row.values():
                cell["evidence"] = []
    from rrisk.model import parse_assessment

    controller.set_document(parse_assessment(data), None, {"shared.pdf": b"one"})
    sources.select_id("kommersant")
    assert sources.removal_warning(source(controller)) is None  # nothing is lost with it
    assert sources.remove_current()
    assert controller.attachments == {"shared.pdf": b"one"}
    assert controller.remove_attachment("usgs")
    assert controller.attachments == {}


def test_the_sources_editor_with_an_attachment_looks_right(sources, controller, tmp_path):
    assert controller.attach_file("kommersant", "Kommersant 2023-03-31.pdf", b"x" * 250_000)
    sources.grab().save(str(tmp_path / "sources.png"))
    assert (tmp_path / "sources.png").stat().st_size > 0


def test_in_the_window_an_attachment_marks_the_document_changed_and_survives_save_and_open(
    open_window, document_path, dialogs, tmp_path
):
    window = open_window(document_path)
    window.tabs.setCurrentWidget(window.editors_panel)
    editor = window.editors_panel.sources
    window.editors_panel.setCurrentWidget(editor)
    source_id = window.controller.document.sources[0].id
    editor.select_id(source_id)
    dialogs.chosen.append(str(a_file(tmp_path / "in", "annual report.pdf", b"%PDF annual")))
    assert editor.attachment_row.attach()
    assert window.isWindowModified()
    assert window.files.save()
    assert not window.isWindowModified()
    saved = fileformat.read_file(document_path)
    assert saved.attachments == {"annual report.pdf": b"%PDF annual"}
    assert saved.document.sources[0].attachment == "annual report.pdf"

    window.close()
    again = open_window(document_path)
    assert again.controller.path == document_path
    again.tabs.setCurrentWidget(again.editors_panel)
    sources = again.editors_panel.sources
    again.editors_panel.setCurrentWidget(sources)
    sources.select_id(source_id)
    assert sources.attachment_row.label.text() == "annual report.pdf  ·  11 bytes"
    assert again.controller.attachments == {"annual report.pdf": b"%PDF annual"}


def test_files_no_source_names_are_shown_saved_attached_and_removed_one_undo_step_each(
    sources, controller, dialogs, tmp_path
):
    row = sources.unnamed_files
    assert not row.isVisible()  # none: nothing said
    scan, notes = b"\x89PNG" + bytes(range(256)) * 40, b"someone's notes"
    controller.set_document(controller.document, None, {"scan.png": scan, "notes.txt": notes})
    sources.select_id("kommersant")
    assert row.isVisible()
    assert row.label.text() == "2 attached files no source names (10.0 KiB)"
    dialog = row.dialog()
    assert [dialog.list.item(n).text() for n in range(2)] == [
        "notes.txt  ·  15 bytes",
        "scan.png  ·  10.0 KiB",
    ]

    dialog.select("scan.png")
    target = tmp_path / "out" / "scan.png"
    target.parent.mkdir()
    dialogs.saved_to.append(str(target))
    assert dialog.save_as()
    assert target.read_bytes() == scan
    assert controller.undo_stack.count() == 0  # saving a copy changes nothing

    assert dialog.attach_button.text() == "Attach to “Kommersant article”"
    assert dialog.attach()
    assert source(controller).attachment == "scan.png"
    assert controller.attachments["scan.png"] is scan
    assert row.label.text() == "1 attached file no source names (15 bytes)"
    assert sources.attachment_row.label.text() == "scan.png  ·  10.0 KiB"
    assert dialog.names() == ["notes.txt"]

    assert dialog.remove_all()
    assert controller.attachments == {"scan.png": scan}
    assert not row.isVisible()
    assert dialog.list.item(0).text() == "No attached file is left that no source names."
    assert not dialog.remove_all_button.isEnabled()
    path = tmp_path / "case.rrisk"
    fileformat.save(controller.document, path, controller.attachments)
    assert fileformat.read_file(path).attachments == {"scan.png": scan}

    controller.undo_stack.undo()  # the removal
    assert controller.attachments == {"scan.png": scan, "notes.txt": notes}
    assert row.isVisible() and dialog.names() == ["notes.txt"]
    controller.undo_stack.undo()  # the attachment
    assert source(controller).attachment is None
    assert controller.attachments == {"scan.png": scan, "notes.txt": notes}
    assert not controller.is_modified
    dialog.select("notes.txt", "scan.png")
    assert dialog.remove()
    assert controller.attachments == {}
    assert controller.undo_stack.undoText() == "Remove 2 attached files no source names"
    controller.undo_stack.undo()
    assert controller.attachments == {"scan.png": scan, "notes.txt": notes}


def test_a_file_no_source_names_takes_the_place_of_the_sources_own(sources, controller, dialogs):
    controller.set_document(controller.document, None, {"scan.png": b"scan"})
    assert controller.attach_file("kommersant", "report.pdf", b"%PDF report")
    assert controller.attach_unnamed("kommersant", "scan.png")
    assert controller.attachments == {"scan.png": b"scan"}  # its own file left, as on Replace
    controller.undo_stack.undo()
    assert controller.attachments == {"scan.png": b"scan", "report.pdf": b"%PDF report"}
    assert source(controller).attachment == "report.pdf"
    # A file a source names is not offered, nor taken by a second source.
    assert not controller.attach_unnamed("usgs", "report.pdf")
    assert not controller.remove_unnamed(["report.pdf"])
    assert controller.attachments == {"scan.png": b"scan", "report.pdf": b"%PDF report"}


def test_the_line_of_files_no_source_names_sits_under_the_list_and_tab_reaches_it_there(
    sources, controller
):
    """Under the list's buttons, above the form; Tab went through the whole form and the
    attached file's buttons before it reached Show…, the last stop of the editor."""
    from PySide6.QtCore import Qt

    controller.set_document(controller.document, None, {"scan.png": b"x" * 3_500_000})
    sources.select_id("kommersant")
    row, show = sources.unnamed_files, sources.unnamed_files.show_button
    assert row.isVisible()

    def top(widget) -> int:
        return widget.mapTo(sources, widget.rect().topLeft()).y()

    title = sources.title_edit
    assert top(sources.down_button) < top(row) < top(title)

    def next_stop(widget):
        widget = widget.nextInFocusChain()
        while not (widget.isVisibleTo(sources) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            widget = widget.nextInFocusChain()
        return widget

    assert next_stop(sources.down_button) is show
    assert next_stop(show) is title


def test_a_file_that_could_make_the_file_too_large_to_open_is_refused_when_attached(
    sources, controller, dialogs, tmp_path, monkeypatch
):
    """The file's size was checked only on saving: files attached for an hour, then the
    save refused. Attach counts every file at full size, so what it lets in saves."""
    monkeypatch.setattr(attachment_rules, "MAX_FILE_BYTES", 200_000)
    controller.set_document(controller.document, None, {"scan.png": b"x" * 100_000})
    sources.select_id("kommersant")
    dialogs.chosen.append(str(a_file(tmp_path, "big.pdf", b"y" * 100_000)))
    assert not sources.attachment_row.attach()
    message = sources.message.text()
    assert message.startswith(
        "Not changed: “big.pdf” not attached to “Kommersant article”: with it the .rrisk file "
        "could take "
    )
    assert "a .rrisk file opens with at most 195.3 KiB: room is left for a file of at most " in (
        message
    )
    assert controller.undo_stack.count() == 0
    # What it lets in, saving takes.
    monkeypatch.setattr(fileformat, "MAX_FILE_BYTES", 200_000)
    assert controller.attach_file("kommersant", "smaller.pdf", bytes(range(256)) * 300)
    fileformat.save(controller.document, tmp_path / "case.rrisk", controller.attachments)


def test_the_first_open_removes_copies_earlier_runs_left_and_nothing_else(
    sources, controller, dialogs, temporary_folder
):
    """A run that crashed left its opened copies in the temporary folder; the next run's
    first Open removes them: by the app's naming and by age only."""
    day_ago = time.time() - 25 * 60 * 60

    def made(name: str, *, old: bool = True, folder: bool = True) -> Path:
        path = temporary_folder / name
        if folder:
            (path / "tmpab12cd34").mkdir(parents=True)
            copy = path / "tmpab12cd34" / "report.pdf"
            copy.write_bytes(b"%PDF")
            copy.chmod(0o400)
        else:
            path.write_bytes(b"mine")
        if old:
            os.utime(path, (day_ago, day_ago))
        return path

    crashed = made("rrisk-opened-k3_9xq0a")
    recent = made("rrisk-opened-abcdefgh", old=False)  # another RRisk running now, maybe
    others = [
        made("rrisk-opened-notes", old=True),  # not a name the app gives
        made("rrisk-opened-zzzzzzzz", folder=False),  # a file, not a folder
        made("rrisk-opened-mine1234.bak"),
        made("backup-rrisk-opened-aaaaaaaa"),
        made("other"),
    ]
    link = temporary_folder / "rrisk-opened-linkaaaa"
    link.symlink_to(others[-1])
    os.utime(link, (day_ago, day_ago), follow_symlinks=False)

    assert controller.attach_file("kommersant", "report.pdf", b"%PDF report")
    assert sources.attachment_row.open()
    assert not crashed.exists()
    assert recent.exists()
    assert all(path.exists() for path in others)
    assert link.is_symlink() and (others[-1] / "tmpab12cd34" / "report.pdf").exists()
    (copy,) = dialogs.opened
    assert Path(copy).is_relative_to(temporary_folder)

    # Only the first Open of a run looks: a folder gone stale meanwhile stays till the next.
    later = made("rrisk-opened-0000000a")
    assert sources.attachment_row.open()
    assert later.exists()


def test_a_stale_folder_of_a_run_still_running_is_left(monkeypatch, tmp_path):
    """A run of RRisk open for over a day without opening a file had its folder of opened
    copies (a viewer may still show one) removed by another run, judged by its age alone."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    day_ago = time.time() - 25 * 60 * 60
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    running, gone = tmp_path / "rrisk-opened-runs1234", tmp_path / "rrisk-opened-ended123"
    for folder, pid in ((running, os.getpid()), (gone, int(ended.stdout))):
        (folder / "tmpab12cd34").mkdir(parents=True)
        (folder / source_attachment.OWNER_FILE).write_text(str(pid), encoding="ascii")
        os.utime(folder, (day_ago, day_ago))
    source_attachment.remove_stale_copies()
    assert not gone.exists()
    # Process ids are looked up on POSIX systems; elsewhere the age alone decides.
    assert running.exists() == (os.name == "posix")


def test_read_only_copies_are_removed_where_the_system_will_not_delete_them(monkeypatch, tmp_path):
    """On Windows a read-only file cannot be deleted: the copies (read-only) stayed for ever
    in the folder meant to be removed when RRisk quits."""
    folder = tmp_path / "rrisk-opened-abcdefgh"
    (folder / "one").mkdir(parents=True)
    copy = folder / "one" / "report.pdf"
    copy.write_bytes(b"%PDF")
    copy.chmod(0o400)
    real_unlink = os.unlink

    def windows_unlink(path, *args, dir_fd=None, **kwargs):
        if not os.stat(path, dir_fd=dir_fd).st_mode & stat.S_IWUSR:
            raise PermissionError(13, "Access is denied", str(path))
        return real_unlink(path, *args, dir_fd=dir_fd, **kwargs)

    monkeypatch.setattr(os, "unlink", windows_unlink)
    source_attachment.remove_tree(folder)
    assert not folder.exists()


def test_a_folder_that_cannot_be_opened_is_left_without_an_error(monkeypatch, tmp_path):
    """A folder inside that cannot be read (opened to list it) was retried by calling the
    failed open again with the path alone, a TypeError that came out of Open, or at quit."""
    folder = tmp_path / "rrisk-opened-abcdefgh"
    locked = folder / "one"
    locked.mkdir(parents=True)
    (locked / "report.pdf").write_bytes(b"%PDF")
    real_open = os.open

    def unreadable(path, flags, *args, dir_fd=None, **kwargs):
        if Path(path).name == "one":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, dir_fd=dir_fd, **kwargs)

    monkeypatch.setattr(os, "open", unreadable)
    source_attachment.remove_tree(folder)  # no error: what cannot be removed stays
    monkeypatch.setattr(os, "open", real_open)
    assert (locked / "report.pdf").exists()


def test_in_the_window_files_no_source_names_are_seen_and_their_removal_saved(
    open_window, document_path, dialogs, tmp_path
):
    loaded = fileformat.read_file(document_path)
    fileformat.save(loaded.document, document_path, {**loaded.attachments, "old.xlsx": b"PK"})
    window = open_window(document_path)
    window.tabs.setCurrentWidget(window.editors_panel)
    editor = window.editors_panel.sources
    window.editors_panel.setCurrentWidget(editor)
    assert editor.unnamed_files.isVisible()
    assert editor.unnamed_files.label.text() == "1 attached file no source names (2 bytes)"
    dialog = editor.unnamed_files.dialog()
    assert dialog.remove_all()
    assert window.isWindowModified()
    assert not editor.unnamed_files.isVisible()
    assert window.files.save()
    assert fileformat.read_file(document_path).attachments == loaded.attachments
    window.controller.undo_stack.undo()
    assert window.isWindowModified()
    assert window.controller.attachments == {**loaded.attachments, "old.xlsx": b"PK"}


def test_save_attachment_as_never_writes_over_the_assessments_own_file(
    sources, controller, dialogs, tmp_path
):
    """Picked in the dialog and confirmed, the assessment's file became the PDF: closed
    without changes, the assessment was gone (the memo and matrix exports refuse it)."""
    path = tmp_path / "case.rrisk"
    assert controller.attach_file("kommersant", "report.pdf", b"%PDF report")
    fileformat.save(controller.document, path, controller.attachments)
    controller.set_path(path)
    written = path.read_bytes()
    link = tmp_path / "report.pdf"
    link.symlink_to(path)
    for target in (path, link):
        dialogs.saved_to.append(str(target))
        assert not sources.attachment_row.save_as()
        assert sources.message.text() == (
            f"Not changed: “report.pdf” not saved: {target} is the assessment itself; "
            "choose another file"
        )
    assert path.read_bytes() == written
    assert dialogs.asked == []


def test_attach_and_remove_pressed_from_the_keyboard_leave_the_focus_in_the_row(
    open_window, document_path, dialogs, tmp_path, qtbot
):
    # Each button went as the row changed, and the focus went on to the cell inspector's
    # Likelihood, where the next digit typed changed a score.
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window = open_window(document_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.tabs.setCurrentWidget(window.editors_panel)
    editor = window.editors_panel.sources
    window.editors_panel.setCurrentWidget(editor)
    editor.select_id(window.controller.document.sources[0].id)
    row = editor.attachment_row
    dialogs.chosen.append(str(a_file(tmp_path / "in", "report.pdf", b"%PDF report")))
    row.attach_button.setFocus()
    qtbot.waitUntil(row.attach_button.hasFocus)
    qtbot.keyClick(row.attach_button, Qt.Key.Key_Space)
    assert window.controller.document.sources[0].attachment == "report.pdf"
    assert QApplication.focusWidget() is row.open_button
    row.remove_button.setFocus()
    qtbot.keyClick(row.remove_button, Qt.Key.Key_Space)
    assert window.controller.document.sources[0].attachment is None
    assert QApplication.focusWidget() is row.attach_button


WORLD_NAMES = ["Отчёт Росгео 2023.pdf", "Étude_ç.pdf", "报告.pdf", "تقرير الربع الثالث.pdf"]
"""Attached files named in Cyrillic, accented Latin, Chinese and Arabic (right to left)."""


@pytest.mark.parametrize("name", WORLD_NAMES)
def test_a_files_name_in_any_script_is_kept_attached_saved_reopened_and_exported(
    sources, controller, dialogs, tmp_path, monkeypatch, name
):
    """The letters of such a name were dropped or made Latin: 'otchet_Rosgeo_2023.pdf',
    'Etude_c.pdf', '报告.pdf' stored as 'attachment.pdf', the Arabic one as 'attachment.pdf'
    too, so a colleague could not tell the files apart nor find them by their names."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", name)  # as a Mac's file dialog gives it
    dialogs.chosen.append(str(a_file(tmp_path / "in", decomposed, b"%PDF world")))
    row = sources.attachment_row
    assert row.attach()
    assert source(controller).attachment == name  # composed (NFC), letters kept
    # (an Arabic name set apart from the size, which it turned right to left)
    assert row.label.text() == left_to_right(f"{isolated(name)}  ·  10 bytes")
    path = tmp_path / "case.rrisk"
    fileformat.save(controller.document, path, controller.attachments)
    again = fileformat.read_file(path)
    assert again.attachments == {name: b"%PDF world"}
    assert [s.attachment for s in again.document.sources if s.attachment] == [name]

    suggested = []

    def save_name(_parent, _title, suggestion, *_args, **_kwargs):
        suggested.append(Path(suggestion).name)
        return str(tmp_path / "out" / Path(suggestion).name), ""

    (tmp_path / "out").mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    assert row.save_as()
    assert suggested == [name]
    assert (tmp_path / "out" / name).read_bytes() == b"%PDF world"
    assert row.open()
    (opened,) = dialogs.opened
    assert Path(opened).name == name


def test_two_files_whose_names_are_made_alike_stay_two(controller):
    """Names that differ only in characters a name may not hold, or in case, are one name
    made plain: the second file gets its own, never the first one's place."""
    assert controller.attach_file("kommersant", "Отчёт: итог?.pdf", b"first")
    assert controller.attach_file("usgs", "ОТЧЁТ| ИТОГ*.pdf", b"second")
    assert source(controller).attachment == "Отчёт_ итог.pdf"
    assert source(controller, "usgs").attachment == "ОТЧЁТ_ ИТОГ-2.pdf"
    assert controller.attachments == {"Отчёт_ итог.pdf": b"first", "ОТЧЁТ_ ИТОГ-2.pdf": b"second"}
