"""Small events for the tests: days of slots, tables, participants and requests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eslabon.events.choices import RequestStatus, Side
from eslabon.events.models import Day, Event, MeetingRequest, Participant, Person, Slot, Table


def make_event(operator: Any, *, days: int = 1, slots: int = 4, tables: int = 2) -> Event:
    event = Event.objects.create(operator=operator, name="Foro de proveedores", venue="Cintermex")
    for d in range(days):
        day = Day.objects.create(event=event, date=dt.date(2026, 3, 10) + dt.timedelta(days=d))
        for k in range(slots):
            start = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=30 * k)
            Slot.objects.create(
                day=day, start=start.time(), end=(start + dt.timedelta(minutes=25)).time(),
                session="morning",
            )  # fmt: skip
    for number in range(1, tables + 1):
        Table.objects.create(event=event, number=number)
    return event


def join(event: Event, organization: Any, side: str = Side.SUPPLIER, **fields: Any) -> Participant:
    participant = Participant.objects.create(
        event=event, organization=organization, side=side, **fields
    )
    Person.objects.create(participant=participant, name=f"Contacto {organization.pk}")
    return participant


def accepted(a: Participant, b: Participant, priority: int = 2) -> MeetingRequest:
    return MeetingRequest.objects.create(
        event=a.event, requester=a, recipient=b, priority=priority, status=RequestStatus.ACCEPTED
    )
