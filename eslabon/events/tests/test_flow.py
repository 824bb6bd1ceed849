"""The whole event through its pages: set-up, requests and answers, the timetable computed as
a background job, cancellation on the day with its re-optimisation, check-in, feedback."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from eslabon.domain.scheduling.checker import check
from eslabon.domain.scheduling.event import parse_event
from eslabon.events import selectors, services
from eslabon.events.choices import MeetingStatus, RequestStatus, ScheduleState, Side
from eslabon.events.models import Event, Meeting, MeetingRequest
from eslabon.jobs.models import Job, JobStatus
from eslabon.registry.models import Process

pytestmark = pytest.mark.django_db


def _post(client: Any, name: str, args: list[Any], data: dict[str, Any] | None = None) -> Any:
    response = client.post(reverse(f"events:{name}", args=args), data or {})
    assert response.status_code == 302, response.content[:500]
    return response


def test_an_event_goes_from_set_up_to_feedback_through_its_pages(
    client: Any, cast: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.EVENTS_SCHEDULE_TIME_LIMIT = 3.0
    client.force_login(cast.operator)
    client.post(reverse("events:create"), {"name": "Foro Bajío", "venue": "Poliforum",
                                           "time_zone": "America/Mexico_City"})  # fmt: skip
    event = Event.objects.get()
    _post(client, "day_add", [event.pk], {"date": "2026-05-04", "start": "09:00",
          "slot_minutes": 30, "slots": 4, "break_after": 2, "break_minutes": 30})  # fmt: skip
    assert event.days.get().slots.filter(is_break=True).count() == 1
    _post(client, "tables_add", [event.pk], {"count": 2})
    for organization, side in ((cast.buyer_org, Side.BUYER), (cast.supplier_org, Side.SUPPLIER),
                               (cast.other_supplier_org, Side.SUPPLIER)):  # fmt: skip
        _post(client, "participant_add", [event.pk],
              {"organization": organization.pk, "side": side})  # fmt: skip
    _buyer, supplier, other = event.participants.order_by("pk")
    assert supplier.people.get().user == cast.supplier

    client.force_login(cast.buyer)
    process = Process.objects.get(slug="cnc-machining")
    _post(client, "listing_add", [event.pk], {"kind": "need", "processes": [process.pk],
          "components": "Flechas de bomba"})  # fmt: skip
    page = client.get(reverse("events:recommendations", args=[event.pk]))
    assert page.context["recommendations"][0].participant in (supplier, other)
    _post(client, "request", [event.pk], {"recipient": supplier.pk, "priority": 3})
    _post(client, "request", [event.pk], {"recipient": other.pk, "priority": 1})
    client.force_login(cast.supplier)
    request = MeetingRequest.objects.get(recipient=supplier)
    _post(client, "request_answer", [event.pk, request.pk], {"accept": "1"})
    client.force_login(cast.other_supplier)
    _post(client, "request_answer", [event.pk, MeetingRequest.objects.get(recipient=other).pk],
          {"accept": "1"})  # fmt: skip

    client.force_login(cast.operator)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, "schedule", [event.pk])
    event.refresh_from_db()
    assert Job.objects.get().status == JobStatus.SUCCEEDED
    assert event.schedule_state == ScheduleState.DONE
    assert event.schedule_result["scheduled_weight"] == 4
    assert Meeting.objects.filter(request__event=event).count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        _post(client, "participant_cancel", [event.pk, other.pk])
    event.refresh_from_db()
    assert len(event.last_change["dropped"]) == 1
    engine_event = parse_event(selectors.event_input(event))
    assert check(engine_event, services.current_assignments(event)[0]).valid

    _post(client, "check_in", [event.pk, supplier.pk])
    meeting = Meeting.objects.get(request=request)
    _post(client, "meeting_mark", [event.pk, meeting.pk], {"status": "held"})
    assert client.get(reverse("events:now", args=[event.pk])).status_code == 200
    assert (
        client.get(reverse("events:table_sheets", args=[event.pk]) + "?format=pdf").content[:4]
        == b"%PDF"
    )

    client.force_login(cast.supplier)
    _post(client, "feedback", [event.pk, meeting.pk], {"interest": 2, "next_step": "rfq"})
    assert selectors.funnel(event) == {
        "requested": 2, "accepted": 2, "scheduled": 1, "held": 1, "rfq": 1,
        "rfqs_issued": 0, "awarded": 0,
    }  # fmt: skip
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.HELD
    assert MeetingRequest.objects.get(pk=request.pk).status == RequestStatus.ACCEPTED
