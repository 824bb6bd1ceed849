"""The localisation what-if: the exact programme finds the cheapest set; greedy is never cheaper."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eslabon.data.origin import rulebook
from eslabon.domain.errors import InputError
from eslabon.domain.origin.localize import Candidate, localize
from eslabon.domain.origin.model import parse_good
from eslabon.domain.origin.rvc import meets

prices = st.integers(min_value=1, max_value=500_00).map(lambda c: Decimal(c).scaleb(-2))


@st.composite
def instances(draw):
    n = draw(st.integers(min_value=1, max_value=6))
    values = [draw(prices) for _ in range(n)]
    net_cost = sum(values) + draw(prices)
    document = {
        "good": {
            "hs_code": "9503.00",
            "net_cost": str(net_cost),
            "currency": "USD",
            "date": "2024-01-01",
        },
        "materials": [
            {"id": f"m{i}", "originating": False, "value": str(v)} for i, v in enumerate(values)
        ],
    }
    candidates = [
        Candidate(f"m{i}", f"s{i}-{k}", draw(prices))
        for i in range(n)
        for k in range(draw(st.integers(min_value=0, max_value=2)))
    ]
    return document, candidates


def _brute_force(document, candidates):
    net_cost = Decimal(document["good"]["net_cost"])
    values = {m["id"]: Decimal(m["value"]) for m in document["materials"]}
    vnm = sum(values.values())
    best = None
    options = [None, *candidates]
    for combo in itertools.product(options, repeat=min(len(candidates), len(values))):
        chosen = {c.material_id: c for c in combo if c is not None}
        if len(chosen) != len([c for c in combo if c is not None]):
            continue
        added = sum(c.unit_price - values[c.material_id] for c in chosen.values())
        removed = sum(values[m] for m in chosen)
        if meets(net_cost + added, vnm - removed, Decimal(50)):
            best = added if best is None else min(best, added)
    return best


@settings(max_examples=40, deadline=None)
@given(instances())
def test_exact_plan_costs_no_more_than_any_subset_and_greedy_no_less(instance):
    document, candidates = instance
    result = localize(parse_good(document), candidates, rulebook())
    expected = _brute_force(document, candidates)
    assert result.exact.reachable is (expected is not None)
    if expected is not None:
        assert result.exact.added_cost == expected
        assert result.exact.steps == () or result.exact.steps[-1].qualifies
        if result.greedy.reachable:
            assert result.greedy.added_cost >= result.exact.added_cost
    assert result.exact.import_substitution_value == sum(
        (s.option.vnm_removed for s in result.exact.steps), Decimal(0)
    )


def test_greedy_can_pay_more_than_the_exact_plan():
    """Cheapest per point first is not cheapest overall: a classic knapsack counter-example."""
    document = {
        "good": {"hs_code": "9503.00", "net_cost": "100", "currency": "USD", "date": "2024-01-01"},
        "materials": [
            {"id": "big", "originating": False, "value": "30"},
            {"id": "a", "originating": False, "value": "20"},
            {"id": "b", "originating": False, "value": "20"},
            {"id": "rest", "originating": False, "value": "10"},
        ],
    }
    candidates = [
        Candidate("big", "S-big", Decimal("39")),  # +9 for 30 removed: 0.30 per unit
        Candidate("a", "S-a", Decimal("25")),  # +5 for 20 removed: 0.25 per unit
        Candidate("b", "S-b", Decimal("25")),
    ]
    result = localize(parse_good(document), candidates, rulebook())
    assert [s.option.candidate.material_id for s in result.greedy.steps] == ["a", "b"]
    assert result.exact.added_cost == Decimal(9)
    assert result.greedy.added_cost == Decimal(10)
    assert result.exact.proven_optimal


def test_a_candidate_for_an_originating_material_is_refused_with_its_path():
    document = {
        "good": {"hs_code": "9503.00", "net_cost": "100", "currency": "USD", "date": "2024-01-01"},
        "materials": [{"id": "m", "originating": True, "value": "30"}],
    }
    with pytest.raises(InputError) as error:
        localize(parse_good(document), [Candidate("m", "S", Decimal(1))], rulebook())
    assert error.value.where == "$[0].material_id"
