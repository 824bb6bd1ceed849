"""Hypothesis strategies for goods and bills of materials with exact two-decimal money."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

money = st.integers(min_value=1, max_value=10_000_00).map(lambda c: Decimal(c).scaleb(-2))
status = st.sampled_from([True, False, "unknown"])


@st.composite
def materials(draw, max_size=8):
    count = draw(st.integers(min_value=1, max_value=max_size))
    return [
        {"id": f"m{i}", "originating": draw(status), "value": str(draw(money))}
        for i in range(count)
    ]


@st.composite
def documents(draw):
    lines = draw(materials())
    total = sum(Decimal(m["value"]) for m in lines)
    net_cost = total + draw(money)
    transaction_value = net_cost + draw(money)
    return {
        "good": {
            "hs_code": "9503.00",
            "net_cost": str(net_cost),
            "transaction_value": str(transaction_value),
            "currency": "USD",
            "date": "2024-01-01",
        },
        "materials": lines,
    }
