"""Bounds that keep large analyses and hostile keys from exhausting memory or escaping as
tracebacks: the Monte Carlo's kept indices, its block-wise summaries, and unwritable keys."""

from __future__ import annotations

import numpy as np
import pytest

from rrisk import analysis
from rrisk.errors import DocumentError, RRiskError
from rrisk.model import assessment_to_data, parse_assessment
from rrisk.templates import new_from_template


def test_too_many_runs_for_the_document_are_refused_with_the_largest_that_fits(monkeypatch):
    doc = new_from_template("russia-rare-earths")
    monkeypatch.setattr(analysis, "MAX_KEPT_INDICES", 7 * 100)
    with pytest.raises(RRiskError, match=r"at most 100 runs for this document"):
        analysis.monte_carlo(doc, runs=101)
    assert analysis.monte_carlo(doc, runs=100).p50.shape == (7,)


def test_block_wise_summaries_equal_the_whole_array_ones(monkeypatch):
    rng = np.random.default_rng(7)
    indices = rng.uniform(0, 100, size=(500, 9))
    indices[:, 3] = np.nan  # a project never scored
    indices[::5, 5] = np.nan  # a project excluded in some runs
    whole = analysis._summaries(indices)
    monkeypatch.setattr(analysis, "_CHUNK_CELLS", 1_000)  # two projects per block
    blocks = analysis._summaries(indices)
    for left, right in zip(whole, blocks, strict=True):
        np.testing.assert_array_equal(left, right)
    p10, p50, p90 = np.nanpercentile(np.delete(indices, 3, axis=1), [10, 50, 90], axis=0)
    np.testing.assert_array_equal(np.delete(whole[1], 3), p50)
    assert np.isnan(whole[1][3]) and (whole[3][3] == 0).all()


def test_a_key_with_an_unpaired_surrogate_is_refused_in_one_line():
    data = assessment_to_data(new_from_template("russia-rare-earths"))
    data["bad\ud800key"] = 1  # an unknown top-level key, reported by name
    with pytest.raises(DocumentError) as raised:
        parse_assessment(data)
    message = str(raised.value)
    assert message.startswith(
        "the field name 'bad<U+D800>key' contains the unpaired surrogate U+D800"
    )
    assert "\n" not in message
