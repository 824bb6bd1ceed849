from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eslabon.domain.errors import DomainError
from eslabon.domain.programmes.subsidy import BudgetExceeded, BudgetLine, split

amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)
shares = st.decimals(min_value=0, max_value=1, places=4, allow_nan=False)


def test_ninety_percent_of_a_diagnostic_is_subsidised() -> None:
    result = split(Decimal("45000.00"), Decimal("0.9"))
    assert result.subsidy == Decimal("40500.00")
    assert result.co_payment == Decimal("4500.00")


def test_the_subsidy_is_rounded_down_to_the_centavo_and_the_company_pays_the_rest() -> None:
    result = split(Decimal("100.01"), Decimal("0.9"))  # exact 90.009
    assert result.subsidy == Decimal("90.00")
    assert result.co_payment == Decimal("10.01")


@given(amounts, shares)
def test_co_payment_plus_subsidy_is_the_cost(cost: Decimal, share: Decimal) -> None:
    result = split(cost, share)
    assert result.subsidy + result.co_payment == cost
    assert 0 <= result.subsidy <= cost * share
    assert cost * share - result.subsidy < Decimal("0.01")


@pytest.mark.parametrize(
    ("cost", "share"),
    [
        (Decimal("-1"), Decimal("0.5")),
        (Decimal("1.001"), Decimal("0.5")),
        (Decimal(1), Decimal("1.1")),
    ],
)
def test_bad_costs_and_shares_are_refused(cost: Decimal, share: Decimal) -> None:
    with pytest.raises(DomainError):
        split(cost, share)


@given(amounts, st.lists(amounts, max_size=30))
def test_approved_subsidies_never_exceed_the_budget(
    allocated: Decimal, requests: list[Decimal]
) -> None:
    line = BudgetLine(allocated)
    approved = Decimal(0)
    for amount in requests:
        try:
            line = line.commit(amount)
            approved += amount
        except BudgetExceeded:
            assert amount > line.available
    assert approved == line.committed <= allocated
    assert line.available >= 0


def test_a_budget_line_refuses_to_go_negative() -> None:
    line = BudgetLine(Decimal("100.00")).commit(Decimal("60.00"))
    with pytest.raises(BudgetExceeded):
        line.commit(Decimal("40.01"))
    assert line.commit(Decimal("40.00")).available == 0


def test_releasing_an_approval_returns_its_amount_to_the_line() -> None:
    line = BudgetLine(Decimal("100.00")).commit(Decimal("60.00")).release(Decimal("10.00"))
    assert line.available == Decimal("50.00")
    with pytest.raises(DomainError):
        line.release(Decimal("60.00"))


@given(
    amounts,
    st.lists(st.tuples(amounts, shares, st.booleans()), max_size=30),
)
def test_approvals_and_cancellations_leave_exactly_what_is_still_approved(
    allocated: Decimal, steps: list[tuple[Decimal, Decimal, bool]]
) -> None:
    """Approve each item if it fits; cancel some later: the line always equals the sum of the
    approvals still standing, never below zero, never above the allocation."""
    line = BudgetLine(allocated)
    standing: list[Decimal] = []
    for cost, share, cancel_later in steps:
        amount = split(cost, share).subsidy
        try:
            line = line.commit(amount)
        except BudgetExceeded:
            continue
        standing.append(amount)
        if cancel_later and len(standing) > 1:
            line = line.release(standing.pop(0))
        assert line.committed == sum(standing, Decimal("0.00"))
        assert Decimal(0) <= line.committed <= line.allocated
    for amount in standing:
        line = line.release(amount)
    assert line.committed == Decimal("0.00") and line.available == allocated
