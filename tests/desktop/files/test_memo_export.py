"""Exporting the IC memo off the GUI thread, with progress and an offer to open it."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from desktop.files import memo_export


def _answer_questions(monkeypatch, button) -> list[str]:
    """Every QMessageBox.question from now on is answered ``button``; returns their texts."""
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or button)
    return asked


def test_export_writes_a_pdf_and_offers_to_open_it(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    target = tmp_path / "memo"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    asked = _answer_questions(monkeypatch, QMessageBox.StandardButton.Open)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    with qtbot.waitSignal(window.memo.finished, timeout=60_000) as blocker:
        window.menu_actions.export_memo.trigger()
        assert window.memo.running
    pdf = tmp_path / "memo.pdf"
    assert blocker.args == [str(pdf)]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert len(PdfReader(pdf).pages) > 3
    assert asked and "memo.pdf" in asked[0]
    assert opened and opened[0].toLocalFile() == str(pdf)
    assert not window.memo.running


def _export_held(window, target, monkeypatch) -> list:  # noqa: ANN001 - a window, its jobs
    """Start an export to ``target`` whose job is held, not run (the race with a fast build
    is decided by the test); returns the held jobs."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    held: list = []
    monkeypatch.setattr(memo_export, "start", held.append)
    window.menu_actions.export_memo.trigger()
    assert window.memo.running and len(held) == 1
    return held


def test_export_can_be_cancelled(open_window, template_path, tmp_path, qtbot, monkeypatch):
    window = open_window(template_path)
    target = tmp_path / "cancelled.pdf"
    # Hold the job until Cancel is pressed, so the race with a fast build is decided.
    held = _export_held(window, target, monkeypatch)
    cancel_button = window.memo.progress.findChild(QPushButton)
    assert cancel_button.text() == "Cancel"
    cancel_button.click()
    with qtbot.waitSignal(window.memo.stopped, timeout=60_000):
        QThreadPool.globalInstance().start(held[0])
    assert not target.exists()
    assert not window.memo.running


def test_export_dialog_cancelled_starts_nothing(open_window, template_path, monkeypatch):
    window = open_window(template_path)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    window.menu_actions.export_memo.trigger()
    assert not window.memo.running


def test_the_check_is_listed_before_export_and_cancel_exports_nothing(
    open_window, template_path, tmp_path, monkeypatch, memo_checks
):
    from PySide6.QtWidgets import QDialog

    from desktop.files.memo_check import MemoCheckDialog

    window = open_window(template_path)
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a) or ("", ""))
    monkeypatch.setattr(MemoCheckDialog, "answer", QDialog.DialogCode.Rejected, raising=False)
    assert not window.memo.export()
    (listed,) = memo_checks
    assert any("author" in line and "RRisk template" in line for line in listed)
    assert asked == []  # Cancel at the check: no file dialog, no job
    assert not window.memo.running


def test_the_check_before_the_format_is_chosen_says_which_memo_its_warnings_concern(
    open_window, template_path, monkeypatch, memo_checks
):
    """The check is listed before the file dialog, where PDF or Word is chosen: a warning
    true of the PDF alone says so, and what the Word memo does (Word sets its text)."""
    window = open_window(template_path)
    project = window.controller.document.projects[0]
    summary = window.controller.document.summary
    assert window.controller.edit_item("project", project.id, {"name": project.name + " שלום 🚀"})
    assert window.controller.edit_assessment({"summary": summary + " 🛰 עברית"})
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert not window.memo.export()
    (listed,) = memo_checks
    said = next(line for line in listed if line.startswith("⚠  summary: "))
    assert "the PDF memo's fonts cannot draw “🛰” (U+1F6F0) in summary" in said
    assert said.endswith("(the Word memo's text is in Word's fonts)")
    assert "U+05" not in said  # Hebrew prints, right to left, in both
    # A project's name is drawn in the Word memo's charts too, which are pictures.
    named = next(
        line
        for line in listed
        if line.startswith(f"⚠  project '{project.id}' “{project.name} שלום 🚀”: ")
    )
    assert named.endswith("in the PDF, and for the name in the Word memo's charts too")


def test_export_as_word_writes_a_docx(
    open_window, template_path, tmp_path, qtbot, monkeypatch, memo_checks
):
    import zipfile

    from desktop.files.memo_export import WORD_FILTER

    window = open_window(template_path)
    target = tmp_path / "memo"  # no suffix: the chosen filter decides
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), WORD_FILTER))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Close)
    with qtbot.waitSignal(window.memo.finished, timeout=120_000) as done:
        assert window.memo.export()
    assert done.args[0].endswith("memo.docx")
    assert memo_checks  # the check list was shown first (the template has warnings)
    with zipfile.ZipFile(done.args[0]) as package:
        assert "word/document.xml" in package.namelist()
        assert "Executive summary" in package.read("word/document.xml").decode("utf-8")


def test_a_missing_file_the_build_needed_is_named_not_blamed_on_the_memos_folder(
    tmp_path, monkeypatch, qtbot
):
    import reports.memo
    from desktop.files.jobs import MemoJob
    from rrisk.templates import new_from_template

    def missing(*args, **kwargs):
        raise FileNotFoundError(2, "No such file or directory", "/bundle/docx/templates/x.xml")

    monkeypatch.setattr(reports.memo, "build_memo", missing)
    job = MemoJob(new_from_template("russia-rare-earths"), tmp_path / "memo.pdf", None)
    failed = []
    job.signals.failed.connect(failed.append)
    job.work()
    assert failed == [
        "the memo could not be built: /bundle/docx/templates/x.xml: No such file or directory"
    ]
    assert not (tmp_path / "memo.pdf").exists()

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / ".memo.pdf.tmp"))

    monkeypatch.setattr(reports.memo, "build_memo", refused)
    failed.clear()
    job = MemoJob(new_from_template("russia-rare-earths"), tmp_path / "memo.pdf", None)
    job.signals.failed.connect(failed.append)
    job.work()
    assert failed == [f"{tmp_path / 'memo.pdf'}: Permission denied"]


def test_the_file_menu_exports_the_memo_with_changes_since_a_chosen_version(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    from rrisk.fileformat import save
    from rrisk.templates import new_from_template

    earlier = tmp_path / "june.rrisk"
    save(new_from_template("russia-rare-earths-2025-06"), earlier)
    window = open_window(template_path)
    target = tmp_path / "since.pdf"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(earlier), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    asked = _answer_questions(monkeypatch, QMessageBox.StandardButton.Close)
    action = window.findChild(type(window.menu_actions.save), "actionExportMemoSince")
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()
    with qtbot.waitSignal(window.memo.finished, timeout=60_000):
        action.trigger()
    text = "".join(page.extract_text() for page in PdfReader(target).pages[:4])
    assert "Changes since 2025-06-01" in text
    assert not any("backwards" in question for question in asked)


def _read_earlier(window, qtbot) -> None:  # noqa: ANN001 - a window
    """File → Export IC Memo with Changes Since…: the chosen file is read off the window's
    thread; returns once it has been, and what follows it was asked."""
    assert window.memo.export_since_file()
    assert window.memo.reading is not None
    qtbot.waitUntil(lambda: window.memo.reading is None, timeout=60_000)


def test_changes_since_a_later_version_is_questioned(
    open_window, template_path, tmp_path, monkeypatch, qtbot
):
    from rrisk.fileformat import save
    from rrisk.templates import new_from_template

    june = tmp_path / "june.rrisk"
    save(new_from_template("russia-rare-earths-2025-06"), june)
    window = open_window(june)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(template_path), ""))
    saving = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: saving.append(a) or ("", "")
    )
    asked = _answer_questions(monkeypatch, QMessageBox.StandardButton.Cancel)
    _read_earlier(window, qtbot)
    assert len(asked) == 1 and "backwards" in asked[0] and "2025-11-01" in asked[0]
    assert not saving  # cancelled before anything was asked or written
    assert not window.memo.running


def test_changes_since_a_version_of_the_same_date_is_questioned(
    open_window, tmp_path, monkeypatch, qtbot
):
    """A memo 'Changes since 2025-06-01' with both sides 'as of 2025-06-01' was written
    without a word: the open version's as-of date was most likely not moved forward."""
    from rrisk.fileformat import save
    from rrisk.templates import new_from_template

    june, copy = tmp_path / "june.rrisk", tmp_path / "june-copy.rrisk"
    save(new_from_template("russia-rare-earths-2025-06"), june)
    save(new_from_template("russia-rare-earths-2025-06"), copy)
    window = open_window(june)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(copy), ""))
    saving = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: saving.append(a) or ("", "")
    )
    asked = _answer_questions(monkeypatch, QMessageBox.StandardButton.Cancel)
    _read_earlier(window, qtbot)
    assert len(asked) == 1
    assert "dated 2025-06-01, and so is this one (2025-06-01)" in asked[0]
    assert "Editors → Assessment" in asked[0]
    assert not saving


def test_under_a_scenario_the_check_and_the_file_dialog_name_it(
    open_window, template_path, monkeypatch
):
    """The memo is made under the scenario the window shows: the check list, the save
    dialog's title and the file name it suggests say which."""
    from PySide6.QtWidgets import QLabel

    from desktop.files.memo_check import MemoCheckDialog

    window = open_window(template_path)
    scenario = window.controller.document.scenarios[0]
    window.controller.set_scenario(scenario.id)
    summaries: list[str] = []

    def answer(dialog: MemoCheckDialog) -> int:
        summaries.extend(label.text() for label in dialog.findChildren(QLabel))
        return 1

    monkeypatch.setattr(MemoCheckDialog, "exec", answer)
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a) or ("", ""))
    assert not window.memo.export()
    assert any(f"under the scenario “{scenario.name}”" in text for text in summaries)
    (_parent, title, suggestion, _filters) = asked[0]
    assert scenario.name in title
    assert suggestion.endswith(f"{template_path.stem}-sanctions-eased-ic-memo.pdf")
    # A scenario renamed keeps its id; the file is named as the title names it.
    assert window.controller.edit_item("scenario", scenario.id, {"name": "Drought 2027"})
    asked.clear()
    window.memo.export()
    assert asked[0][2].endswith(f"{template_path.stem}-drought-2027-ic-memo.pdf")
    assert "Drought 2027" in asked[0][1]
    # A name of no letter or digit names no file: the scenario's id does.
    assert window.controller.edit_item("scenario", scenario.id, {"name": "— ★ —"})
    asked.clear()
    window.memo.export()
    assert asked[0][2].endswith(f"{template_path.stem}-{scenario.id}-ic-memo.pdf")
    # Under the baseline, neither.
    window.controller.set_scenario(None)
    asked.clear()
    window.memo.export()
    assert asked[0][1] == "Export IC memo"
    assert asked[0][2].endswith(f"{template_path.stem}-ic-memo.pdf")


def test_an_export_asked_for_while_one_is_stopping_says_so(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    """Ctrl+E again while a cancelled export has not stopped yet: nothing starts, and the
    status bar says why (it did nothing and said nothing)."""
    window = open_window(template_path)
    held = _export_held(window, tmp_path / "memo.pdf", monkeypatch)
    window.memo.progress.findChild(QPushButton).click()  # Cancel: the job has not stopped yet
    assert window.memo.running
    window.menu_actions.export_memo.trigger()
    assert len(held) == 1
    assert "still stopping" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.memo.stopped, timeout=60_000):
        QThreadPool.globalInstance().start(held[0])
    assert not window.memo.running


def test_a_cancelled_exports_dialog_stays_closed_while_the_job_stops(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    """A page set between Cancel and the job's next look at it reported its progress, and
    the progress dialog came back (modal, over the window) until the job stopped."""
    window = open_window(template_path)
    held = _export_held(window, tmp_path / "memo.pdf", monkeypatch)
    dialog = window.memo.progress
    qtbot.waitUntil(dialog.isVisible, timeout=10_000)
    dialog.findChild(QPushButton).click()
    assert not dialog.isVisible()
    held[0].signals.progress.emit(60, "Setting page 3")  # sent before the job saw the Cancel
    qtbot.wait(50)
    assert not dialog.isVisible()
    with qtbot.waitSignal(window.memo.stopped, timeout=60_000):
        QThreadPool.globalInstance().start(held[0])
    assert not (tmp_path / "memo.pdf").exists()


def test_open_says_so_when_no_program_opens_the_memo(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    """Open on a system with no PDF viewer did nothing and said nothing."""
    window = open_window(template_path)
    target = tmp_path / "memo.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    _answer_questions(monkeypatch, QMessageBox.StandardButton.Open)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    with qtbot.waitSignal(window.memo.finished, timeout=60_000):
        window.menu_actions.export_memo.trigger()
    message = window.statusBar().currentMessage()
    assert message == f"No program to open PDF files was found; the memo was saved as {target}"


def test_a_window_closed_while_the_memo_is_written_shows_nothing_after(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    """The window closed during the memo's final write: the file is written, and neither
    'Open it now?' nor an error comes up over the closed window."""
    from desktop.files import jobs
    from desktop.ui import closing

    window = open_window(template_path)
    target = tmp_path / "memo.pdf"
    held = _export_held(window, target, monkeypatch)
    asked = _answer_questions(monkeypatch, QMessageBox.StandardButton.Open)
    # Closed with "Stop and Close" (see test_memo_close_asks.py for the question itself).
    monkeypatch.setattr(closing, "ask_close_while_running", lambda *a: closing.STOP_AND_CLOSE)
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: errors.append(a[2]))
    real_write = jobs.atomic_write_bytes

    def write_as_the_window_closes(path, data):  # noqa: ANN001, ANN202 - the writer's own
        assert window.close()
        real_write(path, data)

    monkeypatch.setattr(jobs, "atomic_write_bytes", write_as_the_window_closes)
    with qtbot.waitSignal(window.memo.finished, timeout=60_000):
        held[0].run()  # here, so the window closes at the write, not before or after it
    assert target.read_bytes().startswith(b"%PDF")
    assert asked == [] and errors == []
    assert not window.memo.running

    # A write that fails once the window has closed is not shown either.
    window = open_window(template_path)
    held = _export_held(window, tmp_path / "other.pdf", monkeypatch)

    def fail_as_the_window_closes(path, data):  # noqa: ANN001, ANN202 - the writer's own
        assert window.close()
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(jobs, "atomic_write_bytes", fail_as_the_window_closes)
    with qtbot.waitSignal(window.memo.stopped, timeout=60_000):
        held[0].run()
    assert asked == [] and errors == []
