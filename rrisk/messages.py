"""Every message the user sees is built here: one line, in the document's own terms, safe.

``project 'tomtor', criterion 'sanctions': likelihood 7 is outside 1–5`` rather than a list of
locations such as ``cells.tomtor.sanctions.likelihood``.

Messages quote untrusted text (member names, mimetypes, JSON keys, ids from a CSV, an
``app_version``). :func:`one_line` is the single path every :class:`~rrisk.errors.RRiskError`
message goes through (its constructor calls it), so a hostile file cannot send terminal escape
sequences, reorder the line with bidi overrides, break it over several lines or flood a
terminal: control, bidi and unpaired-surrogate characters are shown escaped (``\x1b``,
``<U+202E>``; the invisible ones by their code point, as :func:`rrisk.text.quoted` shows
them) and the message is clipped to :data:`MESSAGE_LIMIT` characters.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from rrisk.cells import ID_RULE
from rrisk.text import forbidden_character, number_text, quoted

if TYPE_CHECKING:
    from pydantic import ValidationError

MESSAGE_LIMIT = 600
"""Long enough for a path, a place and a problem; short enough for one terminal line or two."""

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u115f\u1160\u200b-\u200f\u2028-\u202e\u2066-\u2069\u3164"
    "\ufeff\uffa0\ud800-\udfff]"
)
"""What a message shows escaped: besides the controls and what can reorder a line, the
invisible characters (a zero-width space, a Hangul filler: a file 'xㅤ.rrisk' read as
'x.rrisk'), shown by their code points."""
_UNSAFE_IN_WORDS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
"""For a document's own words: zero-width joiners and non-joiners, direction marks and the
Arabic letter mark belong to Persian, Indic and Arabic words and to emoji sequences, and
cannot reorder a line (the overrides and isolates that can are still escaped, as are the
invisible zero-width space and byte-order mark, which no word needs)."""


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"<U+{code:04X}>"


def one_line(text: str, limit: int = MESSAGE_LIMIT, words: bool = False) -> str:
    """``text`` with unsafe characters escaped, on one line, at most ``limit`` characters.

    ``words``: ``text`` is a document's own words (a name, a rationale), whose joiners and
    direction marks are kept (:data:`_UNSAFE_IN_WORDS`)."""
    if len(text) > limit * 4:
        text = text[: limit * 4]  # escaping only lengthens; never scan megabytes
    safe = (_UNSAFE_IN_WORDS if words else _UNSAFE).sub(_escape, text.strip())
    return safe if len(safe) <= limit else safe[: limit - 1] + "…"


_RANGE_MESSAGES = {
    "greater_than_equal": "is below {ge}",
    "less_than_equal": "is above {le}",
}


def _where(loc: tuple[Any, ...], data: Any) -> str:
    """Describe an error location in the document's own terms."""
    parts: list[str] = []
    node = data
    i = 0
    loc = tuple(loc)
    while i < len(loc):
        key = loc[i]
        nxt = node[key] if isinstance(node, (dict, list)) and _has(node, key) else None
        if key in ("criteria", "projects", "sources", "scenarios") and i + 1 < len(loc):
            index = loc[i + 1]
            item = (
                node[key][index]
                if _has(node.get(key) if isinstance(node, dict) else None, index)
                else None
            )
            ident = item.get("id") if isinstance(item, dict) else None
            label = key[:-1] if key != "criteria" else "criterion"
            parts.append(f"{label} '{_short(ident)}'" if ident else f"{label} #{index + 1}")
            node = item
            i += 2
            continue
        if key == "cells" and i + 1 < len(loc) and i + 2 >= len(loc):
            parts.append(f"project '{_short(loc[i + 1])}'")
            break
        if key == "cells" and i + 2 < len(loc):
            parts.append(f"project '{_short(loc[i + 1])}', criterion '{_short(loc[i + 2])}'")
            try:
                node = node["cells"][loc[i + 1]][loc[i + 2]]
            except (KeyError, TypeError):
                node = None
            i += 3
            continue
        if isinstance(key, int):
            parts.append(f"item {key + 1}")
        else:
            parts.append(_short(key))  # a mapping's key, from the file: clipped as ids are
        node = nxt
        i += 1
    return ", ".join(parts)


SHOWN_VALUE = 80
"""Characters of an id or value quoted in a message (a valid id, at most 64, shows whole):
the problem after it must still show."""


def _short(value: Any) -> str:
    if isinstance(value, int):  # an id set in memory to a number: it may be one too long to print
        return quoted(value)
    text = str(value)
    return text if len(text) <= SHOWN_VALUE else text[: SHOWN_VALUE - 1] + "…"


def _has(container: Any, key: Any) -> bool:
    if isinstance(container, dict):
        return key in container
    if isinstance(container, list):
        return isinstance(key, int) and 0 <= key < len(container)
    return False


def _field_label(loc: tuple[Any, ...]) -> str:
    last = [p for p in loc if isinstance(p, str)]
    return last[-1].replace("_", " ") if last else "value"


def describe_validation_error(error: ValidationError, data: Any) -> str:
    """One line naming the first problem and where it is, plus a count of the others."""
    where_loc, message, more = _first_problem(error)
    where = _where(where_loc, data) if where_loc else ""
    return f"{where}: {message}{more}" if where else f"{message}{more}"


def describe_unknown_field(loc: tuple[Any, ...], key: str, data: Any) -> str:
    """``project 'p1': unknown field 'x'``, as a validation error names one (a name that
    cannot be text, holding an unpaired surrogate, is said to be so first)."""
    where = _where(loc, data)
    unwritable = re.search("[\ud800-\udfff]", key) and forbidden_character(key)
    if unwritable:
        message = f"the field name {quoted(key, SHOWN_VALUE)} {unwritable}"
    else:
        message = f"unknown field '{_short(key)}'"
    return f"{where}: {message}" if where else message


FIELD_WORDS = {
    "as_of": "As-of date",
    "alt_names": "Alternative names",
    "capex_estimate": "Capex estimate",
    "capex_note": "Capex note",
    "red_line_rule": "Red-line rule",
    "strategic_rationale": "Value rationale",
    "url": "URL",
}
"""A field's name in words where its own name, spaced out, does not say it."""

_NAMED_IN_PROBLEM = {"as_of": "as-of date"}
"""How a validator's message names a field whose name it does not spell out."""


NAME_NOUNS = {"title": "title"}
"""What the problems of a naming field call it where the form does not call it a name (a
source's Title): the model's wording (:func:`empty_name`, :func:`blank_name`) with the
field's word put in, so the two never drift apart."""


def _noun(field: str) -> str:
    return NAME_NOUNS.get(field, "name")


def empty_name(field: str = "name") -> str:
    """An empty name's problem, worded for ``field`` (the model's own says "name")."""
    return f"is empty: give it a {_noun(field)}"


def blank_name(field: str = "name", only: str = "spaces") -> str:
    """A name showing nothing (``only`` spaces, or invisible characters), worded for
    ``field`` (the model's own says "name")."""
    return f"is blank: give a {_noun(field)} that shows ({only} alone print as nothing)"


def worded_for(field: str, problem: str) -> str:
    """The model's ``problem`` (:func:`describe_field_problem`) worded for the naming field
    ``field`` as the form shows it: a source's blank title said "give it a name" under a
    field the form calls Title. Other problems are returned as they are."""
    if _noun(field) == "name":
        return problem
    pairs = [(empty_name(), empty_name(field))] + [
        (blank_name(only=only), blank_name(field, only))
        for only in ("spaces", "invisible characters")
    ]
    for model, shown in pairs:
        if problem.startswith(model):
            return shown + problem[len(model) :]
    return problem


def field_words(field: str) -> str:
    """A field of an item, named as the forms name it (``as_of`` is "As-of date")."""
    return FIELD_WORDS.get(field) or field.replace("_", " ").capitalize()


def describe_field_problem(error: ValidationError) -> tuple[str, str] | None:
    """(the field, its problem in words) when the first problem is one top-level field's: the
    problem says neither where it is nor the field's name again ("'05/03/2024' is not
    YYYY-MM-DD", to follow "As-of date: "). None when the problem is elsewhere."""
    errors = error.errors(include_url=False)
    loc = tuple(errors[0].get("loc", ()))
    where_loc, message, more = _first_problem(error)
    if not loc or not isinstance(loc[0], str):
        return None
    field = loc[0]
    if tuple(where_loc[:1]) == (field,) and len(where_loc) > 1:
        # Inside the field (an entry of a list, a line of the rubric): where in it, in words
        # ("item 1: contains the control character…"), not the file's keys.
        inside = ", ".join(
            f"item {part + 1}" if isinstance(part, int) else str(part).replace("_", " ")
            for part in where_loc[1:]
        )
        return field, f"{inside}: {message}{more}"
    if tuple(where_loc) not in ((), loc[:1]):
        return None
    for named in (_NAMED_IN_PROBLEM.get(field), field.replace("_", " ")):
        if named and message.lower().startswith((named + " ", named + ": ")):
            message = message[len(named) :].removeprefix(":").lstrip()
            break
    return field, message + more


def _first_problem(error: ValidationError) -> tuple[tuple[Any, ...], str, str]:
    """(where the first problem is, the problem, a count of the others)."""
    errors = error.errors(include_url=False)
    first = errors[0]
    loc = tuple(first.get("loc", ()))
    kind = first.get("type", "")
    ctx = first.get("ctx") or {}
    where_loc = loc[:-1]
    if kind in _RANGE_MESSAGES and loc:
        label = _field_label(loc)
        value = first.get("input")
        if isinstance(value, int):  # clipped: a number of a thousand digits hid the problem
            value = number_text(value)
        lo, hi = ctx.get("ge"), ctx.get("le")
        if (
            label in ("likelihood", "impact")
            or label.endswith(("low", "high"))
            or label == "strategic value"
        ):
            message = f"{label} {value} is outside 1–5"
        elif label == "credibility":
            message = f"credibility {value} is outside 1–6"
        elif label == "threshold":
            message = f"threshold {value} is outside 1–25"
        else:
            message = f"{label} {number_text(value)} " + _RANGE_MESSAGES[kind].format(
                ge=number_text(lo), le=number_text(hi)
            )
    elif kind == "too_long" and loc and isinstance(ctx.get("max_length"), int):
        # pydantic's "list should have at most 50 items after validation, not 200".
        message = (
            f"{_field_label(loc)}: at most {ctx['max_length']} entries, "
            f"not {ctx.get('actual_length', 'more')}"
        )
    elif (
        kind == "string_too_long"
        and loc
        and isinstance(first.get("input"), str)
        and isinstance(ctx.get("max_length"), int)
    ):
        # pydantic's "string should have at most 500 characters": its length said, as a
        # quote's or a rationale's is (rrisk/cells.py); an entry of a list by its number.
        label = f"item {loc[-1] + 1}" if isinstance(loc[-1], int) else _field_label(loc)
        message = f"{label} is {len(first['input']):,} characters; at most {ctx['max_length']:,}"
    elif kind == "extra_forbidden":
        message = f"unknown field '{_short(loc[-1])}'"
    elif kind == "missing":
        message = f"required field '{loc[-1]}' is missing"
    elif kind == "string_pattern_mismatch" and loc and loc[-1] == "[key]":
        # A bad id used as a mapping key: say what the key stands for, and where.
        owner = "project" if loc[0] == "cells" and len(loc) == 3 else "criterion"
        if loc[0] == "narrative_stamps":
            owner = "project" if "results" in loc else "narrative text"
        if owner == "narrative text":
            message = (
                f"narrative text key {quoted(first.get('input'), SHOWN_VALUE)} is not one "
                "(summary, recommendation, notes, project:ID or cell:PROJECT:CRITERION)"
            )
        else:
            message = (
                f"{owner} id {quoted(first.get('input'), SHOWN_VALUE)} is not a valid id "
                f"({ID_RULE})"
            )
        where_loc = (loc[0], loc[1]) if loc[0] == "cells" and len(loc) == 4 else loc[:-2]
    elif (
        kind == "string_pattern_mismatch"
        and loc
        and _field_label(loc) in ("id", "source", "project", "criterion")
    ):
        message = (
            f"{_field_label(loc)} {quoted(first.get('input'), SHOWN_VALUE)} is not a valid id "
            f"({ID_RULE})"
        )
    elif kind == "literal_error":
        # Only the first letter lowered: the allowed values are quoted as they must be typed.
        message = f"{_field_label(loc)} {quoted(first.get('input'), SHOWN_VALUE)}: {_sentence_case(first)}"
    elif kind == "string_unicode" and isinstance(first.get("input"), str):
        # A lone surrogate, which the string type refuses before any validator of ours runs.
        problem = forbidden_character(first["input"]) or _sentence_case(first)
        if loc:
            message = f"{_field_label(loc)}: {problem}"
        else:  # a key of the document itself (pydantic checks keys before fields)
            message = f"the field name {quoted(first['input'], SHOWN_VALUE)} {problem}"
    elif kind == "value_error":
        message = str(first.get("msg", "")).removeprefix("Value error, ")
        # Cell messages already say where they are (see rrisk/cells.py).
        where_loc = () if loc == ("cells",) else loc
    elif loc and isinstance(loc[-1], int):
        # An item of a list: its number, after the list it is in (not the list's name twice).
        message = f"item {loc[-1] + 1}: {_sentence_case(first)}"
    else:
        message = f"{_field_label(loc) if loc else 'document'}: {_sentence_case(first)}"
    more = (
        f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
        if len(errors) > 1
        else ""
    )
    return tuple(where_loc), message, more


def _sentence_case(error: Any) -> str:
    """pydantic's message with its first letter lowered, the rest (quoted values) as is; an
    empty text is called empty (pydantic speaks of "items" for a name's minimum length)."""
    if error.get("type") in ("too_short", "string_too_short") and error.get("input") == "":
        return empty_name()
    text = str(error.get("msg", ""))
    # The validator's own words for JSON's: an object, a list (a pair is a list of two).
    text = _CLASS_NAMED.sub("", text)
    for words, plain in _PLAIN_TYPES:
        text = text.replace(words, plain)
    return text[:1].lower() + text[1:]


_CLASS_NAMED = re.compile(r" or instance of [A-Za-z_][A-Za-z0-9_]*")
"""pydantic's "… or instance of Criterion": a class of the program, not a word of the file."""
_PLAIN_TYPES = (
    ("a valid dictionary", "an object ({…})"),
    ("a valid tuple", "a list ([…])"),
    ("a valid list", "a list ([…])"),
)
