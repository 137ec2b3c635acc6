"""Exceptions whose message is written for the user: it names the problem and where it is."""

from __future__ import annotations


class RRiskError(Exception):
    """Base class: the CLI and the GUI show ``str(error)`` and nothing else.

    The message is made safe to print once, here (:func:`rrisk.messages.one_line`): escaped
    control and bidi characters, one line, clipped.
    """

    def __init__(self, message: object = "", *args: object) -> None:
        from rrisk.messages import one_line

        super().__init__(one_line(str(message)), *args)


class DocumentError(RRiskError):
    """The document's content is invalid (a value out of range, a dangling reference...)."""


class FileFormatError(RRiskError):
    """A file cannot be read as a .rrisk document (not a zip, missing member, bad JSON...)."""


class NewerFormatError(FileFormatError):
    """The file was written by a newer RRisk whose format this version does not know."""


class TemplateError(RRiskError):
    """A bundled template is unknown or broken."""


class ScenarioError(RRiskError):
    """A scenario name or id does not exist in the document."""


class ImportExportError(RRiskError):
    """A CSV/XLSX matrix cannot be read or written."""
