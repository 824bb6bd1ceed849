"""The timetable published from the database, re-optimisation on the day, and the rules of
requests; every timetable passes the engine's independent checker."""

from __future__ import annotations

from typing import Any

import pytest

from eslabon.domain.scheduling.checker import check
from eslabon.domain.scheduling.event import parse_event
from eslabon.events import selectors, services
from eslabon.events.choices import MeetingStatus, NextStep, RequestStatus, ScheduleState, Side
from eslabon.events.models import Event, Meeting
from eslabon.events.tests.factories import accepted, join, make_event
from eslabon.hub.models import Notification
from eslabon.hub.tests.factories import InvitationFactory, RequirementFactory
from eslabon.registry.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def passes_checker(event: Event) -> bool:
    engine_event = parse_event(selectors.event_input(event))
    previous, _held = services.current_assignments(event)
    return check(engine_event, previous).valid


@pytest.fixture
def fair(cast: Any) -> dict[str, Any]:
    event = make_event(cast.operator_org, slots=3, tables=2)
    buyer = join(event, cast.buyer_org, Side.BUYER)
    supplier = join(event, cast.supplier_org)
    other = join(event, cast.other_supplier_org)
    third = join(event, OrganizationFactory())
    requests = [accepted(buyer, supplier, 3), accepted(buyer, other, 2), accepted(third, buyer, 1),
                accepted(supplier, other, 1)]  # fmt: skip
    return {"event": event, "buyer": buyer, "supplier": supplier, "other": other,
            "third": third, "requests": requests}  # fmt: skip


def test_the_engine_input_leaves_breaks_out_and_maps_every_accepted_request(fair: Any) -> None:
    event = fair["event"]
    slot = event.days.get().slots.last()
    slot.is_break = True
    slot.save()
    data = selectors.event_input(event)
    assert len(data["slots"]) == 2
    assert {m["id"] for m in data["meetings"]} == {f"r{r.pk}" for r in fair["requests"]}
    assert parse_event(data).meetings


def test_scheduling_publishes_a_timetable_that_passes_the_checker(fair: Any, cast: Any) -> None:
    result = services.schedule(fair["event"].pk, limit=5)
    event = Event.objects.get(pk=fair["event"].pk)
    assert event.schedule_state == ScheduleState.DONE
    assert result["scheduled_weight"] == 7  # 3 slots: buyer's three meetings and one other
    assert Meeting.objects.filter(request__event=event).count() == 4
    assert passes_checker(event)
    assert Notification.objects.filter(recipient=cast.supplier).exists()


def test_a_cancellation_reoptimises_and_records_what_was_dropped(fair: Any, cast: Any) -> None:
    services.schedule(fair["event"].pk, limit=5)
    fair["other"].cancelled = True
    fair["other"].save()
    result = services.reschedule(fair["event"].pk, limit=5)
    event = Event.objects.get(pk=fair["event"].pk)
    assert len(result["change"]["dropped"]) == 2
    assert len(event.last_change["dropped"]) == 2
    assert not Meeting.objects.filter(
        request__recipient=fair["other"], status=MeetingStatus.SCHEDULED
    ).exists()
    assert passes_checker(event)


def test_a_forced_meeting_is_placed_and_held_meetings_stay_put(fair: Any) -> None:
    services.schedule(fair["event"].pk, limit=5)
    held = Meeting.objects.filter(request=fair["requests"][0]).get()
    services.mark_meeting(held, MeetingStatus.HELD)
    services.organiser_decide(fair["event"], fair["third"], fair["other"], force=True)
    services.reschedule(fair["event"].pk, limit=5)
    held.refresh_from_db()
    assert held.status == MeetingStatus.HELD
    assert Meeting.objects.filter(
        request__requester=fair["third"], request__recipient=fair["other"]
    ).exists()
    assert passes_checker(Event.objects.get(pk=fair["event"].pk))


def test_a_second_request_between_the_same_pair_is_refused(fair: Any) -> None:
    with pytest.raises(services.EventError):
        services.request_meeting(fair["supplier"], fair["buyer"], 2)


def test_the_organiser_decision_stands_against_the_participants(fair: Any) -> None:
    request = services.organiser_decide(fair["event"], fair["buyer"], fair["supplier"], force=False)
    assert request.status == RequestStatus.FORBIDDEN
    with pytest.raises(services.EventError):
        services.answer_request(request, accept=True)


def test_the_funnel_counts_each_stage(fair: Any) -> None:
    services.schedule(fair["event"].pk, limit=5)
    meeting = Meeting.objects.filter(request=fair["requests"][0]).get()
    services.mark_meeting(meeting, MeetingStatus.HELD)
    services.give_feedback(meeting, fair["buyer"], interest=2, next_step=NextStep.RFQ)
    assert selectors.funnel(fair["event"]) == {
        "requested": 4, "accepted": 4, "scheduled": 4, "held": 1, "rfq": 1,
        "rfqs_issued": 0, "awarded": 0,
    }  # fmt: skip
    # The buyer then invites the supplier it met to an RFQ in the Supply Hub.
    requirement = RequirementFactory(buyer=fair["buyer"].organization)
    InvitationFactory(requirement=requirement, supplier=fair["supplier"].organization)
    InvitationFactory(requirement=requirement, supplier=fair["third"].organization)  # never met
    assert selectors.funnel(fair["event"])["rfqs_issued"] == 1


def test_feedback_waits_until_the_meeting_is_held(fair: Any) -> None:
    services.schedule(fair["event"].pk, limit=5)
    meeting = Meeting.objects.filter(request=fair["requests"][0]).get()
    with pytest.raises(services.EventError):
        services.give_feedback(meeting, fair["buyer"], interest=1, next_step=NextStep.NDA)


def test_forbidding_a_scheduled_meeting_cancels_it_tells_both_sides_and_reoptimises(
    fair: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    services.schedule(fair["event"].pk, limit=5, notify=False)
    event = Event.objects.get(pk=fair["event"].pk)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.organiser_decide(event, fair["buyer"], fair["supplier"], force=False)
    meeting = Meeting.objects.get(request=fair["requests"][0])
    assert meeting.status == MeetingStatus.CANCELLED
    assert Notification.objects.filter(recipient=cast.supplier).exists()
    assert queued, "a re-optimisation job is queued"


def test_a_new_run_after_the_day_began_keeps_what_happened(fair: Any) -> None:
    services.schedule(fair["event"].pk, limit=5)
    held = Meeting.objects.get(request=fair["requests"][0])
    services.mark_meeting(held, MeetingStatus.HELD)
    services.give_feedback(held, fair["buyer"], interest=2, next_step=NextStep.RFQ)
    services.schedule(fair["event"].pk, limit=5)
    held.refresh_from_db()
    assert held.status == MeetingStatus.HELD
    assert held.feedback.count() == 1


def test_a_cancelled_participant_takes_no_new_request(fair: Any) -> None:
    fair["third"].cancelled = True
    fair["third"].save()
    with pytest.raises(services.EventError):
        services.request_meeting(fair["third"], fair["supplier"], 1)


def test_a_table_held_all_day_belongs_to_one_participant(fair: Any) -> None:
    from eslabon.events.forms import ParticipantEditForm

    table = fair["event"].tables.first()
    fair["buyer"].fixed_table = table
    fair["buyer"].save()
    form = ParticipantEditForm({"side": "supplier", "fixed_table": table.pk},
                               instance=fair["supplier"])  # fmt: skip
    assert not form.is_valid()
    assert "fixed_table" in form.errors
