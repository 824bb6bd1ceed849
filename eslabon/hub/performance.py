"""Supplier performance in the hub, read by the matching engine and the analytics.

Per supplier: response rate (invitations answered or quoted), median response time (hours
from the later of invitation and publication to the answer or the first quote), win rate
(quotes with an award over quotes on awarded requirements) and PPAP first-time approval
(first attempts approved or approved for an interim, over first attempts decided).
Counts run in the database; the median is taken in Python over one column, as SQLite and
PostgreSQL share no median aggregate.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from eslabon.hub.choices import (
    InvitationResponse,
    PpapDisposition,
    QuoteStatus,
    RequirementStatus,
)
from eslabon.hub.models import Award, Invitation, PpapSubmission, Quote


@dataclass(frozen=True)
class SupplierPerformance:
    supplier_id: int
    invitations: int
    responses: int
    median_response_hours: float | None
    quotes_decided: int
    wins: int
    ppap_first_attempts_decided: int
    ppap_first_time_approved: int

    @property
    def response_rate(self) -> Decimal | None:
        return _ratio(self.responses, self.invitations)

    @property
    def win_rate(self) -> Decimal | None:
        return _ratio(self.wins, self.quotes_decided)

    @property
    def ppap_first_time_approval(self) -> Decimal | None:
        return _ratio(self.ppap_first_time_approved, self.ppap_first_attempts_decided)


def _ratio(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.001")) if whole else None


def supplier_performance(supplier_ids: Iterable[int]) -> dict[int, SupplierPerformance]:
    """Figures of each supplier; ``supplier_ids`` may be a queryset of ids, which the queries
    then use as a subquery (cheaper than a list of hundreds of parameters)."""
    ids = list(supplier_ids)
    among: Any = supplier_ids if isinstance(supplier_ids, QuerySet) else ids
    submitted = Quote.objects.filter(
        requirement=OuterRef("requirement"), supplier=OuterRef("supplier"),
        status=QuoteStatus.SUBMITTED,
    )  # fmt: skip
    invitations = (
        Invitation.objects.filter(supplier__in=among)
        .exclude(requirement__status=RequirementStatus.DRAFT)
        .annotate(quoted=Exists(submitted))
    )
    counts = {
        row["supplier"]: row
        for row in invitations.values("supplier").annotate(
            total=Count("pk"),
            answered=Count("pk", filter=~Q(response=InvitationResponse.PENDING) | Q(quoted=True)),
        )
    }
    hours = _response_hours(among)
    decided_quotes = Quote.objects.filter(
        supplier__in=among, status=QuoteStatus.SUBMITTED,
        requirement__status=RequirementStatus.AWARDED,
    )  # fmt: skip
    quotes = {
        row["supplier"]: row
        for row in decided_quotes.annotate(
            won=Exists(Award.objects.filter(quote_line__quote=OuterRef("pk")))
        )
        .values("supplier")
        .annotate(total=Count("pk"), wins=Count("pk", filter=Q(won=True)))
    }
    first = PpapSubmission.objects.filter(
        attempt=1, award__quote_line__quote__supplier__in=among
    ).exclude(disposition=PpapDisposition.PENDING)
    ppap = {
        row["award__quote_line__quote__supplier"]: row
        for row in first.values("award__quote_line__quote__supplier").annotate(
            total=Count("pk"),
            approved=Count(
                "pk",
                filter=Q(disposition__in=[PpapDisposition.APPROVED, PpapDisposition.INTERIM]),
            ),
        )
    }
    return {
        supplier_id: SupplierPerformance(
            supplier_id=supplier_id,
            invitations=counts.get(supplier_id, {}).get("total", 0),
            responses=counts.get(supplier_id, {}).get("answered", 0),
            median_response_hours=(
                round(statistics.median(hours[supplier_id]), 1) if hours.get(supplier_id) else None
            ),
            quotes_decided=quotes.get(supplier_id, {}).get("total", 0),
            wins=quotes.get(supplier_id, {}).get("wins", 0),
            ppap_first_attempts_decided=ppap.get(supplier_id, {}).get("total", 0),
            ppap_first_time_approved=ppap.get(supplier_id, {}).get("approved", 0),
        )
        for supplier_id in ids
    }


def _response_hours(ids: Any) -> dict[int, list[float]]:
    """Hours to the first answer: the invitation's answer, else the quote's submission."""
    rows = (
        Invitation.objects.filter(supplier__in=ids, requirement__published_at__isnull=False)
        .annotate(
            first_quote=Quote.objects.filter(
                requirement=OuterRef("requirement"),
                supplier=OuterRef("supplier"),
                first_submitted_at__isnull=False,
            ).values("first_submitted_at")[:1]
        )
        .values_list(
            "supplier", "invited_at", "requirement__published_at", "responded_at", "first_quote"
        )
    )
    result: dict[int, list[float]] = {}
    for supplier, invited_at, published_at, responded_at, first_quote in rows:
        answered = min((t for t in (responded_at, first_quote) if t is not None), default=None)
        if answered is None:
            continue
        start: dt.datetime = max(invited_at, published_at)
        result.setdefault(supplier, []).append(max(0.0, (answered - start).total_seconds() / 3600))
    return result


def awards_of(supplier_id: int) -> tuple[int, dict[str, Decimal]]:
    """Requirements a supplier has won, and the awarded value per currency.

    An award's value is its share of the line's total cost as quoted: unit price of the
    tier the line quantity reaches × quantity + tooling (the comparison matrix's figure).
    """
    from eslabon.hub.comparison import unit_price_for

    awards = (
        Award.objects.filter(quote_line__quote__supplier_id=supplier_id)
        .select_related("line__requirement", "quote_line")
        .prefetch_related("quote_line__tiers")
    )
    requirements: set[int] = set()
    values: dict[str, Decimal] = {}
    for award in awards:
        line, quoted = award.line, award.quote_line
        tiers = [(tier.min_quantity, tier.unit_price) for tier in quoted.tiers.all()]
        if not tiers:
            continue
        total = unit_price_for(tiers, line.quantity) * line.quantity + quoted.tooling_cost
        share = total * Decimal(award.share_percent) / Decimal(100)
        currency = line.requirement.currency
        values[currency] = values.get(currency, Decimal(0)) + share
        requirements.add(line.requirement_id)
    return len(requirements), {c: v.quantize(Decimal("0.01")) for c, v in values.items()}
