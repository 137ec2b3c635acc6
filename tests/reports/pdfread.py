"""Reading a produced memo back with pypdf, for the memo tests."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cached_property

from pypdf import PdfReader


def squash(text: str) -> str:
    """Whitespace collapsed to single spaces, so that wrapped lines compare as one."""
    return " ".join(text.split())


@dataclass
class ReadMemo:
    data: bytes

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(io.BytesIO(self.data))

    @cached_property
    def pages(self) -> list[str]:
        return [squash(page.extract_text()) for page in self.reader.pages]

    @cached_property
    def text(self) -> str:
        return " ".join(self.pages)

    def outline(self) -> list[tuple[int, str, int]]:
        """(level, title, page index) of every outline entry, in order."""
        found: list[tuple[int, str, int]] = []

        def walk(items: list, level: int) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item, level + 1)
                else:
                    found.append((level, item.title, self.reader.get_destination_page_number(item)))

        walk(self.reader.outline, 0)
        return found

    def fonts(self) -> dict[str, object]:
        """Every font resource used on any page, by base font name."""
        fonts: dict[str, object] = {}
        for page in self.reader.pages:
            resources = page.get("/Resources", {})
            for font in resources.get("/Font", {}).values():
                font = font.get_object()
                fonts[str(font["/BaseFont"])] = font
        return fonts
