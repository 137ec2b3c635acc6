"""The JSON Schema of ``document.json``, generated from the model.

The shipped copy lives in ``resources/schema/document.schema.json``; regenerate it after a
model change with ``python -m rrisk.schema`` (a test fails while the two differ).
"""

from __future__ import annotations

import json
import sys
from typing import Any

from rrisk.fileformat import FORMAT_VERSION, MIMETYPE
from rrisk.model import Assessment

SCHEMA_ID = f"https://rrisk.invalid/schema/document-v{FORMAT_VERSION}.json"
"""Named for the format version it describes, which its ``format_version`` holds."""


def document_schema() -> dict[str, Any]:
    """The schema of the whole ``document.json`` member: the envelope and the document."""
    body = Assessment.model_json_schema(mode="validation")
    definitions = body.pop("$defs", {})
    definitions["Assessment"] = body
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "RRisk document.json",
        "description": (
            f"The document member of a .rrisk file (zip, first member 'mimetype' = {MIMETYPE}). "
            "Cells are keyed by project id, then criterion id; a missing cell is unassessed. "
            "Cross-references (evidence sources, scenario targets, unique ids) are checked by "
            "RRisk beyond this schema."
        ),
        "type": "object",
        "required": ["format_version", "document"],
        "additionalProperties": False,
        "properties": {
            "format_version": {"type": "integer", "const": FORMAT_VERSION},
            "app_version": {"type": "string"},
            "document": {"$ref": "#/$defs/Assessment"},
        },
        "$defs": definitions,
    }


def schema_text() -> str:
    return json.dumps(document_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    import argparse

    from rrisk.fileformat import atomic_write_bytes
    from rrisk.resources import resource_path

    parser = argparse.ArgumentParser(
        prog="python -m rrisk.schema",
        description="Write the JSON Schema of document.json into resources/schema/.",
    )
    parser.add_argument(
        "--check", action="store_true", help="only report whether the shipped schema is current"
    )
    args = parser.parse_args(argv)
    target = resource_path("schema", "document.schema.json")
    if args.check:
        current = target.read_text(encoding="utf-8") == schema_text()
        print(f"{target}: {'up to date' if current else 'out of date'}")
        return 0 if current else 1
    atomic_write_bytes(target, schema_text().encode("utf-8"))
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
