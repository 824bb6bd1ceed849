"""Subsidy arithmetic in exact decimals: the funder's share, the company's co-payment, budgets.

Amounts are Decimal pesos with centavos; nothing goes through float.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from eslabon.domain.errors import DomainError

CENTAVO = Decimal("0.01")


class BudgetExceeded(DomainError):
    """An approval would take a budget line below zero."""


def _check_amount(value: Decimal, what: str) -> None:
    if not value.is_finite() or value < 0:
        raise DomainError(f"{what} must be a non-negative amount, got {value}")
    if value != value.quantize(CENTAVO):
        raise DomainError(f"{what} must be whole centavos, got {value}")


@dataclass(frozen=True)
class Split:
    """A service's cost split between the funder (subsidy) and the company (co-payment)."""

    cost: Decimal
    share: Decimal
    subsidy: Decimal
    co_payment: Decimal


def split(cost: Decimal, share: Decimal) -> Split:
    """Split ``cost`` with the funder paying ``share`` (0..1).

    Rounding rule: the exact product cost × share is rounded DOWN to the centavo once, at
    the end, and the co-payment is the remainder. The funder therefore never pays more than
    its share, and subsidy + co-payment equals the cost to the centavo.
    """
    _check_amount(cost, "cost")
    if not share.is_finite() or not Decimal(0) <= share <= Decimal(1):
        raise DomainError(f"subsidy share must lie between 0 and 1, got {share}")
    subsidy = (cost * share).quantize(CENTAVO, rounding=ROUND_DOWN)
    return Split(cost, share, subsidy, cost - subsidy)


@dataclass(frozen=True)
class BudgetLine:
    """A budget line: its allocation and what approvals have committed from it."""

    allocated: Decimal
    committed: Decimal = Decimal("0.00")

    def __post_init__(self) -> None:
        _check_amount(self.allocated, "allocation")
        _check_amount(self.committed, "committed amount")
        if self.committed > self.allocated:
            raise BudgetExceeded(f"committed {self.committed} exceeds allocation {self.allocated}")

    @property
    def available(self) -> Decimal:
        return self.allocated - self.committed

    def commit(self, amount: Decimal) -> BudgetLine:
        """The line after approving ``amount``; refuses rather than go negative."""
        _check_amount(amount, "amount")
        if amount > self.available:
            raise BudgetExceeded(
                f"approving {amount} needs more than the {self.available} left on the line"
            )
        return BudgetLine(self.allocated, self.committed + amount)

    def release(self, amount: Decimal) -> BudgetLine:
        """The line after cancelling an approval of ``amount``."""
        _check_amount(amount, "amount")
        if amount > self.committed:
            raise DomainError(f"cannot release {amount}: only {self.committed} is committed")
        return BudgetLine(self.allocated, self.committed - amount)
