"""The events demo: ~40 participants and ~100 requests on the registry demo, scheduled by the
engine into a timetable the independent checker accepts, deterministic and loaded once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from eslabon.domain.scheduling.checker import check
from eslabon.domain.scheduling.event import parse_event
from eslabon.events import selectors, services
from eslabon.events.demo import DemoError, load_events_demo
from eslabon.events.models import Event, Feedback, Meeting
from eslabon.registry.demo import load_demo

pytestmark = pytest.mark.django_db


def _signature(event: Event) -> tuple[Any, ...]:
    """The requests, their outcome, and the weight of the timetable. Where the gap phase is
    not proven within the time limit, which slot a meeting takes may differ between runs on a
    loaded machine; the data and the scheduled weight (proven) do not."""
    requests = sorted(
        event.requests.values_list(
            "requester__organization__rfc", "recipient__organization__rfc", "priority", "status"
        )
    )
    return requests, event.schedule_result["scheduled_weight"], event.participants.count()


def test_the_demo_event_is_scheduled_validly_and_loads_once(client: Any) -> None:
    load_demo(suppliers=40, buyers=8, reference_date=dt.date(2026, 1, 15))
    created = load_events_demo(time_limit=2.0)
    event = Event.objects.get(pk=created["event"])
    assert created["participants"] == 40
    assert 90 <= created["requests"] <= 100
    assert created["meetings"] > 50
    assert created["scheduled_weight"] == created["bound"]
    # The demo's event lies in the past: most meetings were held, each with feedback.
    assert 0.8 * created["meetings"] <= created["held"] < created["meetings"]
    held = Meeting.objects.filter(request__event_id=created["event"], status="held")
    assert Feedback.objects.filter(meeting__in=held).count() == created["held"]
    assert not Feedback.objects.exclude(meeting__in=held).exists()
    assert event.days.count() == 2
    engine_event = parse_event(selectors.event_input(event))
    previous, _held = services.current_assignments(event)
    assert check(engine_event, previous).valid
    assert load_events_demo() == {}
    first = _signature(event)
    event.delete()
    load_events_demo(time_limit=2.0)
    assert _signature(Event.objects.get()) == first
    organiser = event.operator.memberships.first()
    if organiser is not None:
        client.force_login(organiser.user)
        assert (
            client.get(reverse("events:detail", args=[Event.objects.get().pk])).status_code == 200
        )


def test_the_demo_says_what_it_needs_when_the_registry_is_empty(db: Any) -> None:
    with pytest.raises(DemoError, match="registry demo"):
        load_events_demo()
