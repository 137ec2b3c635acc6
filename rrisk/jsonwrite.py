"""Indented JSON for the command line, written faster where that never changes a byte.

``json.dumps(value, ensure_ascii=False, indent=2)`` runs in pure Python whenever it indents
(~20 ms for the 2,000 projects of ``rrisk score --format json``); orjson writes the same in
about a millisecond. Its text is used only for values on which the two are known to agree
byte for byte, checked before writing: dicts with text keys, lists, text, ``True``, ``False``,
``None``, whole numbers within 64 bits, and floats that Python writes without an exponent
(0, or 0.0001 up to 10¹⁶ in size: ``1e-05`` is written ``0.00001`` by orjson) — exact types
only, no subclasses. Text that orjson refuses (a lone surrogate) goes to ``json`` too. Their
escapes agree (``tests/rrisk/test_jsonwrite.py`` checks every character of the Basic
Multilingual Plane). orjson is optional: without it every value is written by ``json``.
"""

from __future__ import annotations

import json
import os
from typing import IO, Any

_INT_MIN = -(2**63)
_INT_MAX = 2**64 - 1  # (orjson writes unsigned 64-bit numbers too)


def _agrees(value: Any) -> bool:
    """Whether orjson writes ``value`` as ``json`` does (see the module's docstring)."""
    pending = [value]
    pop, push = pending.pop, pending.extend
    seen: set[int] = set()  # containers met: one met again (a loop) is left to json
    while pending:
        item = pop()
        kind = item.__class__
        if kind is str or kind is bool or item is None:
            continue
        if kind is dict or kind is list:
            if id(item) in seen:
                return False
            seen.add(id(item))
            if kind is list:
                push(item)
                continue
            for key in item:
                if key.__class__ is not str:
                    return False
            push(item.values())
        elif kind is float:
            if not (item == 0.0 or 1e-4 <= abs(item) < 1e16):
                return False  # (NaN and the infinities fail both tests)
        elif kind is int:
            if not _INT_MIN <= item <= _INT_MAX:
                return False
        else:
            return False
    return True


def _orjson_bytes(value: Any) -> bytes | None:
    """The indented text as UTF-8 by orjson, or None where it may differ from ``json``'s."""
    if _agrees(value):
        try:
            import orjson
        except ImportError:
            pass
        else:
            try:
                return orjson.dumps(value, option=orjson.OPT_INDENT_2)
            except orjson.JSONEncodeError:
                pass  # a lone surrogate, or nesting deeper than orjson goes
    return None


def indented(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, by orjson when it is certain to
    give the same text."""
    data = _orjson_bytes(value)
    if data is not None:
        return data.decode("utf-8")
    return json.dumps(value, ensure_ascii=False, indent=2)


def write_indented(value: Any, out: IO[str]) -> None:
    """:func:`indented` and a line break, written to the text stream ``out``; orjson's bytes
    go straight to its buffer when it writes UTF-8, so a large result (the 5,000 × 5,000 rank
    shares of ``rrisk analyze``, ~330 MB) is not held twice more as text."""
    data = _orjson_bytes(value)
    buffer = getattr(out, "buffer", None)
    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    # (not where text streams turn "\n" into "\r\n": the bytes would skip that)
    if data is not None and buffer is not None and encoding == "utf8" and os.linesep == "\n":
        out.flush()
        buffer.write(data)
        buffer.write(b"\n")
        return
    out.write(data.decode("utf-8") if data is not None else indented(value))
    out.write("\n")
