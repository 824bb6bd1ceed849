"""A small programme whose every figure is computed by hand in the tests.

Demand: two posted requirements for CNC machining (1 000 pieces at 10 MXN, 500 at 2 USD), one
draft and one cancelled (never counted). Supply: the cast's two suppliers run CNC machining in
Nuevo León (200 000 pieces a year each at 60 % utilisation). Funnel: one meeting held and
followed by an invitation, a submitted quote and an award ten days after the request; one
request not yet placed; one forbidden by the organiser. Certificates: ISO 9001 held by both
cast suppliers since 2025-01-15, and by a third supplier since 2020, expiring in 30 days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from eslabon.analytics.tests.extra_world import add_extra_dashboards_data
from eslabon.events.choices import MeetingStatus, RequestStatus, Side
from eslabon.events.models import Meeting, MeetingRequest
from eslabon.events.tests.factories import join, make_event
from eslabon.hub.choices import Currency, QuoteStatus, RequirementStatus
from eslabon.hub.models import Award, Quote, QuoteLine
from eslabon.hub.tests.factories import (
    InvitationFactory,
    RequirementFactory,
    RequirementLineFactory,
)
from eslabon.registry.models import Process
from eslabon.registry.tests.factories import CertificationFactory, OrganizationFactory, SiteFactory

PUBLISHED_ON = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)


@dataclass
class World:
    cast: Any
    first: Any
    second: Any
    event: Any
    held_request: Any
    third_org: Any


def _requirement(cast: Any, volume: int, price: str, currency: str, status: str) -> Any:
    requirement = RequirementFactory(
        buyer=cast.buyer_org, annual_volume=volume, target_price=Decimal(price),
        currency=currency, status=status, published_at=PUBLISHED_ON,
    )  # fmt: skip
    requirement.processes.set([Process.objects.get(slug="cnc-machining")])
    return requirement


@pytest.fixture
def world(cast: Any) -> World:
    first = _requirement(cast, 1000, "10", Currency.MXN, RequirementStatus.PUBLISHED)
    second = _requirement(cast, 500, "2", Currency.USD, RequirementStatus.AWARDED)
    _requirement(cast, 9999, "1", Currency.MXN, RequirementStatus.DRAFT)
    _requirement(cast, 7777, "1", Currency.MXN, RequirementStatus.CANCELLED)

    event = make_event(cast.operator_org)
    buyer = join(event, cast.buyer_org, side=Side.BUYER)
    supplier = join(event, cast.supplier_org)
    other = join(event, cast.other_supplier_org)
    held = MeetingRequest.objects.create(
        event=event, requester=buyer, recipient=supplier, status=RequestStatus.ACCEPTED
    )
    Meeting.objects.create(
        request=held, slot=event.days.get().slots.first(), table=event.tables.first(),
        status=MeetingStatus.HELD,
    )  # fmt: skip
    MeetingRequest.objects.create(event=event, requester=other, recipient=buyer)
    MeetingRequest.objects.create(
        event=event, requester=buyer, recipient=other, status=RequestStatus.FORBIDDEN
    )
    # After the meeting: invited to the second requirement, quoted, awarded ten days later.
    InvitationFactory(requirement=second, supplier=cast.supplier_org)
    line = RequirementLineFactory(requirement=second)
    now = timezone.now()
    quote = Quote.objects.create(
        requirement=second, supplier=cast.supplier_org, site=cast.site,
        valid_until=dt.date(2027, 1, 1), status=QuoteStatus.SUBMITTED, submitted_at=now,
        first_submitted_at=now,
    )  # fmt: skip
    quote_line = QuoteLine.objects.create(
        quote=quote, line=line, lead_time_ppap_weeks=8, lead_time_sop_weeks=12,
        capacity_committed=1000,
    )  # fmt: skip
    award = Award.objects.create(line=line, quote_line=quote_line)
    Award.objects.filter(pk=award.pk).update(awarded_at=held.created_at + dt.timedelta(days=10))

    add_extra_dashboards_data(cast)
    third = OrganizationFactory()
    SiteFactory(organization=third, state_code="11")
    today = timezone.localdate()
    CertificationFactory(
        organization=third, issued_on=dt.date(2020, 1, 1),
        expires_on=today + dt.timedelta(days=30),
    )  # fmt: skip
    return World(
        cast=cast, first=first, second=second, event=event, held_request=held, third_org=third
    )
