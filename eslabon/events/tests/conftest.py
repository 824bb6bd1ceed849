"""An event with an organiser, three participants, a request, a held meeting and an outsider."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from eslabon.events.choices import MeetingStatus, RequestStatus, Side
from eslabon.events.models import Event, Meeting, MeetingRequest, Participant
from eslabon.events.tests.factories import accepted, join, make_event
from eslabon.registry.tests.factories import OrganizationFactory, member_of


@dataclass
class Fair:
    event: Event
    organiser: Any
    participant: Any
    other_participant: Any
    non_participant: Any
    buyer: Any
    mine: Participant
    other: Participant
    buying: Participant
    request: MeetingRequest
    meeting: Meeting


@pytest.fixture
def fair(cast: Any) -> Fair:
    event = make_event(cast.operator_org, slots=4, tables=2)
    mine = join(event, cast.supplier_org)
    other = join(event, cast.other_supplier_org)
    buying = join(event, cast.buyer_org, Side.BUYER)
    held = accepted(buying, mine, 3)
    slot = event.days.get().slots.first()
    meeting = Meeting.objects.create(
        request=held, slot=slot, table=event.tables.first(), status=MeetingStatus.HELD
    )
    pending = MeetingRequest.objects.create(
        event=event, requester=other, recipient=mine, status=RequestStatus.REQUESTED
    )
    return Fair(
        event=event, organiser=cast.operator, participant=cast.supplier,
        other_participant=cast.other_supplier, non_participant=member_of(OrganizationFactory()),
        buyer=cast.buyer, mine=mine, other=other, buying=buying, request=pending, meeting=meeting,
    )  # fmt: skip
