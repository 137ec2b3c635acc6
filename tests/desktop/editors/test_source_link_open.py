"""A source's URL opened from Editors → Sources: web and e-mail addresses only, since a
.rrisk file (and every URL in it) comes from whoever made or shared it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from results_fixtures import ranked_document

from desktop.document.controller import DocumentController
from desktop.editors.source_link import openable_url
from rrisk.model import assessment_to_data, parse_assessment


@pytest.fixture
def opened(monkeypatch):
    """What is handed to the desktop (nothing is opened for real); the answer it gives."""
    urls: list[str] = []
    answer = [True]

    def open_url(url: QUrl) -> bool:
        urls.append(url.toString())
        return answer[0]

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    return urls, answer


def _with_url(url: str):
    data = assessment_to_data(ranked_document())
    data["sources"][0]["url"] = url
    return parse_assessment(data)


@pytest.fixture
def controller(qtbot):
    return DocumentController(_with_url("javascript:alert(document.cookie)"))


@pytest.fixture
def sources(panel):
    editor = panel.sources
    panel.setCurrentWidget(editor)
    editor.select_id("kommersant")
    return editor


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "  JavaScript:alert(1)",
        "file:///etc/passwd",
        "FILE://server/share/x.exe",
        "data:text/html,<script>alert(1)</script>",
        "smb://server/share",
        "vbscript:msgbox(1)",
        "ms-msdt:/id PCWDiagnostic",
        "https:evil.example",
        "http://",
        "mailto:",
        "www.example.com",
        "",
    ],
)
def test_an_address_that_is_not_web_or_mail_is_not_opened(url):
    found, problem = openable_url(url)
    assert found is None
    assert problem


@pytest.mark.parametrize(
    "url, scheme",
    [
        ("https://www.kommersant.ru/doc/7606412", "https"),
        ("HTTP://Example.com/a b", "http"),
        ("https://пример.рф/путь", "https"),
        ("mailto:press@example.org", "mailto"),
    ],
)
def test_a_web_or_mail_address_is_opened(url, scheme):
    found, problem = openable_url(url)
    assert found is not None and found.scheme() == scheme and not problem


def test_a_javascript_url_from_the_file_is_never_opened(qtbot, sources, opened):
    urls, _answer = opened
    button = sources.open_link_button
    assert sources.url_edit.text() == "javascript:alert(document.cookie)"
    assert not button.isEnabled()
    assert "javascript:" in button.toolTip()
    assert button.open_link() is False  # even asked directly
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert urls == []


def test_a_web_address_opens_in_the_browser(qtbot, sources, opened):
    urls, _answer = opened
    sources.url_edit.setText("https://www.kommersant.ru/doc/7606412")
    button = sources.open_link_button
    assert button.isEnabled()
    assert "https://www.kommersant.ru/doc/7606412" in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert urls == ["https://www.kommersant.ru/doc/7606412"]


def test_the_button_follows_the_selected_source(qtbot, panel, opened):
    controller = panel.sources.controller
    controller.edit_item("source", "kommersant", {"url": "https://example.org"}, "Edit URL")
    editor = panel.sources
    panel.setCurrentWidget(editor)
    editor.select_id("kommersant")
    assert editor.open_link_button.isEnabled()
    other = next(s.id for s in controller.document.sources if s.id != "kommersant")
    editor.select_id(other)
    assert editor.url_edit.text() == ""
    assert not editor.open_link_button.isEnabled()


def test_a_link_no_program_opens_is_said(qtbot, sources, opened):
    urls, answer = opened
    answer[0] = False
    sources.url_edit.setText("mailto:press@example.org")
    assert sources.open_link_button.open_link() is False
    assert urls == ["mailto:press@example.org"]
    assert "not opened" in sources.message.text()


def test_escape_puts_the_stored_url_back_and_the_button_follows(qtbot, sources, opened):
    urls, _answer = opened
    field, button = sources.url_edit, sources.open_link_button
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "https://example.org")
    assert button.isEnabled()
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == "javascript:alert(document.cookie)"
    qtbot.waitUntil(lambda: not button.isEnabled())
    assert "javascript:" in button.toolTip()
    assert button.open_link() is False
    assert urls == []
    assert "javascript:" in sources.message.text()
