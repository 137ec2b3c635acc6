"""Parts of the document added in format version 2: analysis settings and narrative stamps.

Kept apart from :mod:`rrisk.model` so the model stays readable; :class:`rrisk.model.Assessment`
holds one :class:`AnalysisSettings` and a mapping of :class:`NarrativeStamp` by text key.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)
from pydantic_core import PydanticCustomError

DEFAULT_RUNS = 10_000
DEFAULT_SEED = 20_250_331
MAX_RUNS = 1_000_000
MAX_SEED = 2_147_483_647
"""The largest seed the app's spin box can show (a signed 32-bit integer)."""
MIN_RUNS = 100
"""Fewer runs than this give percentiles too coarse to print with a decimal."""

TEXT_KEY_PATTERN = r"^(summary|recommendation|notes|project:[a-z0-9][a-z0-9_.-]{0,63}|cell:[a-z0-9][a-z0-9_.-]{0,63}:[a-z0-9][a-z0-9_.-]{0,63})$"
"""Keys of narrative texts: ``summary``, ``recommendation``, ``notes``, ``project:ID`` (its
description) and ``cell:PROJECT:CRITERION`` (its rationale)."""


def _a_number(value: Any) -> Any:
    """``true``/``false`` and text are not numbers, though a lax reading takes them for 1/0 and
    for the number they spell: a file saying ``"weight": "1.0"`` was not written by RRisk."""
    if isinstance(value, bool):
        raise PydanticCustomError("number_type", "Must be a number, not true or false")
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return value  # not a number at all: pydantic's own words, as ever
        raise PydanticCustomError("number_type", "Must be a number, not text")
    return value


NUMBER = BeforeValidator(_a_number)
"""For every number field of the document (weights, thresholds, grades, runs, seed)."""


def _to_first_invalid_entry(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """A mapping validated entry by entry up to its first invalid one, whose problems alone are
    reported: pydantic keeps one for every entry, and a 2 MB file of a million narrative stamps
    results with invalid project ids took 13 s and 3 GB to refuse."""
    if isinstance(value, dict) and len(value) > 1:
        for key, item in value.items():
            handler({key: item})
    return handler(value)


FIRST_INVALID_ENTRY = WrapValidator(_to_first_invalid_entry)
"""For the document's mappings of unbounded size (narrative stamps and their results)."""


class AnalysisSettings(BaseModel):
    """How the Monte Carlo analysis is run for this assessment (app, ``rrisk analyze``, memo).

    Part of the document rather than of the app's settings: the memo states the runs and seed,
    and a colleague opening the file must reproduce the same figures.
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)

    runs: Annotated[int, NUMBER] = Field(default=DEFAULT_RUNS, ge=MIN_RUNS, le=MAX_RUNS)
    seed: Annotated[int, NUMBER] = Field(default=DEFAULT_SEED, ge=0, le=MAX_SEED)


ResultMark = tuple[
    Annotated[float, Field(ge=0, le=100, allow_inf_nan=False), NUMBER] | None,
    Annotated[int, Field(ge=1), NUMBER] | None,
]
"""A project's result as a narrative text saw it: (index to one decimal, rank or None)."""


class NarrativeStamp(BaseModel):
    """The results a narrative text was written against (baseline), to tell when it is stale.

    ``digest`` is a short hash of ``results`` for a quick comparison; ``results`` keeps the
    figures so that the app can say how many changed since. A cell rationale's stamp adds the
    cell's own scores to ``results`` under ``0.cell`` (``[null, 1340000]``: likelihood 3,
    impact 4, no range; see :data:`rrisk.narrative.CELL_SCORES`), which the digest leaves out.
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)

    digest: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]
    results: Annotated[
        dict[Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$")], ResultMark],
        FIRST_INVALID_ENTRY,
    ] = Field(default_factory=dict)
