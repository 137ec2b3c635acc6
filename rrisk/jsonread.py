"""A faster reader for ``document.json`` that never changes what a document means.

``json.loads`` spends ~0.5 s on the 17 MB of a 2,000 × 40 assessment; orjson reads it in
under half that. orjson's answer is used only when writing it back with orjson gives the very
bytes that were read: the text is then in the one compact form that RRisk itself saves, so
``json.loads`` would read the same values from it, and it cannot hold a key twice in one
object (the copy would be shorter) nor an integer too large for 64 bits (orjson would have
made it a float). The check costs one ``orjson.dumps`` (~30 ms at that size). Everything
else, and every error, goes to ``json.loads``, whose messages the file format reports; a
document that orjson reads and validation then refuses is read again by ``json`` so that its
own refusals (nesting past Python's limit, which orjson allows to 1,024 levels) keep their
words (:func:`rrisk.fileformat.read_bytes`). orjson is optional: without it everything reads
as before, only slower.
"""

from __future__ import annotations

from typing import Any


def fast_loads(raw: bytes) -> Any | None:
    """The decoded JSON when orjson's reading is certain to equal ``json.loads``; else None."""
    try:
        import orjson
    except ImportError:
        return None
    try:
        value = orjson.loads(raw)
        if orjson.dumps(value) != raw:
            return None
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        return None
    return value
