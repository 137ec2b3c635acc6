"""Alt letters that lead to one place each.

A label's or button's ``&`` letter is reached with Alt+letter. Where two visible widgets share
a letter, Qt goes to one and then the other on each press: Alt+P on the Editors tab went to the
inspector's Impact field, not the Projects list. The window keeps its own letters (menus, tabs,
the inspector beside every tab) and hands them to :func:`make_unique` for each tab's panel as
it is built; the panel's labels, buttons and sub-tabs keep their letter when it is free and
take another of their own letters when it is not (the first letter of a word first), or go
without one when every letter of their text is taken. Pages of a tab widget are shown one at
a time, so each page gets its letters separately, after the tab labels above them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget, QWidget

_LETTER = re.compile(r"&([^&])")


def mnemonic(text: str) -> str | None:
    """The Alt letter of ``text`` (casefolded), or None; ``&&`` is a literal ampersand."""
    found = _LETTER.search(text.replace("&&", "\0\0"))
    return found.group(1).casefold() if found else None


def _plain(text: str) -> str:
    """``text`` without its mnemonic marker (``&&`` stays)."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "&" and i + 1 < len(text):
            if text[i + 1] == "&":
                out.append("&&")
                i += 2
                continue
            i += 1
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def _candidates(plain: str) -> list[tuple[int, str]]:
    """(position, letter) of each letter or digit that could carry the marker: the first
    letter of each word first, then the others, in reading order."""
    masked = plain.replace("&&", "\0\0")
    starts: list[tuple[int, str]] = []
    others: list[tuple[int, str]] = []
    for position, char in enumerate(masked):
        if not (char.isascii() and char.isalnum()):
            continue
        word_start = position == 0 or not masked[position - 1].isalnum()
        (starts if word_start else others).append((position, char.casefold()))
    return starts + others


def with_letter(text: str, taken: set[str]) -> tuple[str, str | None]:
    """``text`` with an Alt letter not in ``taken``: its own when free, else the first free
    one of :func:`_candidates`; without one when none is free. Returns (text, letter)."""
    current = mnemonic(text)
    if current is not None and current not in taken:
        return text, current
    plain = _plain(text)
    for position, letter in _candidates(plain):
        if letter not in taken:
            return f"{plain[:position]}&{plain[position:]}", letter
    return plain, None


Item = tuple[Callable[[], str], Callable[[str], None]]


def _item(widget: QWidget) -> Item | None:
    """How to read and write the text that carries ``widget``'s Alt letter, if it has one."""
    if isinstance(widget, QLabel):
        if widget.buddy() is None:
            return None  # a label's letter works only through its buddy
        return widget.text, widget.setText
    if isinstance(widget, QGroupBox):
        return widget.title, widget.setTitle
    if isinstance(widget, QAbstractButton):
        return widget.text, widget.setText
    return None


def _collect(widget: QWidget, items: list[Item], tab_widgets: list[QTabWidget]) -> None:
    for child in widget.children():
        if not isinstance(child, QWidget) or child.isWindow():
            continue  # a dialog or a floating window has its own letters
        if isinstance(child, QTabWidget):
            tab_widgets.append(child)
            continue
        item = _item(child)
        if item is not None and mnemonic(item[0]()) is not None:
            items.append(item)
        _collect(child, items, tab_widgets)


def letters_of(widgets: Iterable[QWidget]) -> set[str]:
    """The Alt letters ``widgets`` and everything in them use (tab labels included)."""
    used: set[str] = set()
    for widget in widgets:
        items: list[Item] = []
        tab_widgets: list[QTabWidget] = []
        _collect(widget, items, tab_widgets)
        own = _item(widget)
        if own is not None:
            items.append(own)
        used |= {letter for read, _ in items if (letter := mnemonic(read()))}
        for tabs in tab_widgets:
            used |= {letter for i in range(tabs.count()) if (letter := mnemonic(tabs.tabText(i)))}
            pages = [tabs.widget(i) for i in range(tabs.count())]
            used |= letters_of(page for page in pages if page is not None)
    return used


def make_unique(root: QWidget, reserved: Iterable[str] = ()) -> None:
    """Give every Alt letter shown with ``root`` one target, none of them in ``reserved``."""
    taken = set(reserved)
    items: list[Item] = []
    tab_widgets: list[QTabWidget] = []
    if isinstance(root, QTabWidget):
        tab_widgets.append(root)
    else:
        _collect(root, items, tab_widgets)
    for tabs in tab_widgets:  # the tab labels first: they show whichever page does
        for index in range(tabs.count()):
            text, letter = with_letter(tabs.tabText(index), taken)
            if mnemonic(tabs.tabText(index)) is not None or letter is None:
                tabs.setTabText(index, text)
                if letter:
                    taken.add(letter)
    for read, write in items:
        text, letter = with_letter(read(), taken)
        if text != read():
            write(text)
        if letter:
            taken.add(letter)
    for tabs in tab_widgets:
        for index in range(tabs.count()):
            page = tabs.widget(index)
            if page is not None:
                make_unique(page, taken)
