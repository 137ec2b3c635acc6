"""The shipped JSON Schema of document.json is the model's, in standard keywords (rrisk/schema.py)."""

from __future__ import annotations

import re
from typing import Any

from rrisk.fileformat import FORMAT_VERSION
from rrisk.model import attachment_problem, date_problem
from rrisk.resources import resource_path
from rrisk.schema import document_schema, main, schema_text

# Keywords of JSON Schema 2020-12 that hold maps of names to schemas, not keywords.
_NAME_MAPS = {"properties", "patternProperties", "$defs", "dependentSchemas"}
_NOT_STANDARD = {"ge", "gt", "le", "lt", "multiple_of", "max_digits"}


def _keywords(schema: Any) -> set[str]:
    """Every keyword used anywhere in a schema."""
    found: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            found.add(key)
            if key in _NAME_MAPS and isinstance(value, dict):
                for inner in value.values():
                    found |= _keywords(inner)
            elif key not in ("const", "default", "enum", "examples"):
                found |= _keywords(value)
    elif isinstance(schema, list):
        for item in schema:
            found |= _keywords(item)
    return found


def test_the_shipped_schema_is_the_models() -> None:
    shipped = resource_path("schema", "document.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(), "regenerate it: python -m rrisk.schema"
    assert main(["--check"]) == 0


def test_every_bound_is_a_standard_keyword() -> None:
    """A validator ignores what it does not know: a bound written "le" bounds nothing."""
    assert not _keywords(document_schema()) & _NOT_STANDARD


def test_the_bounds_of_numbers_a_reader_checks_are_in_the_schema() -> None:
    text = schema_text()
    definitions = document_schema()["$defs"]
    capex = definitions["Project"]["properties"]["capex_estimate"]["anyOf"][0]
    assert capex["minimum"] == 0
    overrides = definitions["Scenario"]["properties"]["weight_overrides"]
    weight = next(iter(overrides["patternProperties"].values()))
    assert (weight["minimum"], weight["maximum"]) == (0, 1000)
    assert '"maximum": 25' in text  # a red-line threshold


def test_names_and_dates_the_model_refuses_the_schema_refuses() -> None:
    """A source's attachment name and date and the as-of date are checked by functions of the
    model's own; the schema carries their patterns, so a tool checking a file by the schema
    does not pass `"attachment": "../../notes.txt"` or `"as_of": "31 March"`."""
    definitions = document_schema()["$defs"]
    source = definitions["Source"]["properties"]
    attachment = source["attachment"]["anyOf"][0]["pattern"]
    names = ["report.pdf", "a", "x" * 180, "x" * 181, "../notes.txt", "a/b.pdf", ".hidden", ""]
    names += ["Отчёт 2023.pdf", "报告.pdf", "تقرير.pdf", "a:b.pdf", "-rf", "a\\tb"]
    for name in names:
        assert (re.search(attachment, name) is not None) == (attachment_problem(name) is None)
    as_of = definitions["Assessment"]["properties"]["as_of"]["pattern"]
    dates = ["", "2025", "2025-06", "2025-06-01", "31 March", "2025-6-1", " 2025"]
    for date in dates:
        assert (re.search(source["date"]["pattern"], date) is not None) == (
            date_problem(date, "date") is None
        )
        assert (re.search(as_of, date) is not None) == (
            date_problem(date, "as-of date", days_only=True) is None
        )


def test_the_schema_is_named_for_the_format_it_describes() -> None:
    schema = document_schema()
    assert schema["properties"]["format_version"]["const"] == FORMAT_VERSION
    assert schema["$id"].endswith(f"/document-v{FORMAT_VERSION}.json")
