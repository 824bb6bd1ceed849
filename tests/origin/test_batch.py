"""The vectorised batch decides exactly as the per-good engine."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from eslabon.data.origin import rulebook
from eslabon.domain.origin.batch import minor_units, rvc_batch
from eslabon.domain.origin.check import check_good
from eslabon.domain.origin.model import parse_good
from tests.origin.strategies import documents


@settings(max_examples=30, deadline=None)
@given(st.lists(documents(), min_size=1, max_size=5), st.sampled_from(["50", "62.5", "75"]))
def test_batch_matches_the_engine_good_by_good(docs, threshold):
    width = max(len(d["materials"]) for d in docs)
    values = np.zeros((len(docs), width), dtype=np.int64)
    non_originating = np.zeros((len(docs), width), dtype=bool)
    for g, doc in enumerate(docs):
        row = [Decimal(m["value"]) for m in doc["materials"]]
        values[g, : len(row)] = minor_units(row)
        non_originating[g, : len(row)] = [m["originating"] is not True for m in doc["materials"]]
    base = minor_units([Decimal(d["good"]["net_cost"]) for d in docs])
    result = rvc_batch(values, non_originating, base, Decimal(threshold))
    for g, doc in enumerate(docs):
        engine = check_good(parse_good(doc), rulebook())
        assert Decimal(int(result.value_non_originating[g])) / 100 == engine.value_non_originating
        assert engine.rvc_net_cost is not None
        assert bool(result.meets[g]) is (engine.rvc_net_cost >= Decimal(threshold))
