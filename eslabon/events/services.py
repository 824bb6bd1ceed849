"""Writes of the events app: requests and answers, the organiser's force/forbid/cap, the
timetable published whole, re-optimisation on the day, check-in, no-shows and feedback.

Every change of the timetable is written in one transaction; the people it affects are
notified in the application and by e-mail once that transaction commits
(eslabon.hub.notifications).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from eslabon.domain.scheduling.event import parse_event
from eslabon.domain.scheduling.phases import SolveOptions
from eslabon.domain.scheduling.reoptimise import reoptimise
from eslabon.domain.scheduling.solver import solve
from eslabon.domain.scheduling.timetable import Assignment, Timetable
from eslabon.events import selectors
from eslabon.events.choices import MeetingStatus, RequestStatus, ScheduleState
from eslabon.events.models import (
    Day,
    Event,
    Feedback,
    Meeting,
    MeetingRequest,
    Participant,
    Person,
    Slot,
    Table,
)


class EventError(Exception):
    """A rule of the event was broken; the message is shown to the user."""


def _notify(participants: Iterable[Participant], subject: str, body: str) -> int:
    from eslabon.hub.notifications import members_of, notify

    ids = {p.organization_id for p in participants}
    return notify(recipients=members_of(ids), subject=subject, body=body)


def time_limit() -> float:
    return float(getattr(settings, "EVENTS_SCHEDULE_TIME_LIMIT", 10.0))


@transaction.atomic
def request_meeting(
    requester: Participant, recipient: Participant, priority: int
) -> MeetingRequest:
    if requester.pk == recipient.pk:
        raise EventError(_("A participant cannot meet itself."))
    if requester.event_id != recipient.event_id:
        raise EventError(_("Both participants must attend the same event."))
    if requester.cancelled or recipient.cancelled:
        raise EventError(_("A cancelled participant takes no meeting."))
    if MeetingRequest.objects.filter(
        requester__in=[requester, recipient], recipient__in=[requester, recipient]
    ).exists():
        raise EventError(_("A meeting between these participants was already requested."))
    request = MeetingRequest.objects.create(
        event_id=requester.event_id, requester=requester, recipient=recipient, priority=priority
    )
    _notify(
        [recipient],
        _("Meeting request from %(name)s") % {"name": requester.organization},
        _("%(name)s asks for a meeting at %(event)s.")
        % {"name": requester.organization, "event": requester.event},
    )
    return request


@transaction.atomic
def answer_request(request: MeetingRequest, *, accept: bool) -> MeetingRequest:
    if request.status not in (RequestStatus.REQUESTED, RequestStatus.ACCEPTED,
                              RequestStatus.DECLINED):  # fmt: skip
        raise EventError(_("The organiser has decided on this meeting."))
    request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    request.save(update_fields=["status"])
    subject = _("Meeting accepted") if accept else _("Meeting declined")
    _notify([request.requester], subject, f"{request.recipient.organization}: {subject}")
    return request


@transaction.atomic
def organiser_decide(
    event: Event, requester: Participant, recipient: Participant, *, force: bool, notes: str = ""
) -> MeetingRequest:
    """Force (add) or forbid the meeting of two participants, creating the request if need be.

    Forbidding a scheduled meeting cancels it at once and tells both sides; either decision,
    once the timetable exists, queues a re-optimisation: a forced meeting is placed, a freed
    slot may let another meeting happen, and every other meeting stays where it was unless
    moving it lets more meetings happen.
    """
    if requester.pk == recipient.pk:
        raise EventError(_("A participant cannot meet itself."))
    request = MeetingRequest.objects.filter(
        requester__in=[requester, recipient], recipient__in=[requester, recipient]
    ).first() or MeetingRequest(event=event, requester=requester, recipient=recipient)
    request.status = RequestStatus.FORCED if force else RequestStatus.FORBIDDEN
    request.notes = notes or request.notes
    request.save()
    active = Meeting.objects.filter(request=request).exclude(status=MeetingStatus.CANCELLED)
    cancelled = 0 if force else active.update(status=MeetingStatus.CANCELLED)
    if cancelled:
        _notify(
            [requester, recipient],
            _("Your agenda for %(event)s changed") % {"event": event},
            _("The organiser cancelled your meeting with %(a)s / %(b)s.")
            % {"a": requester.organization, "b": recipient.organization},
        )
    needs_place = force and not active.exists()
    if event.schedule_state == ScheduleState.DONE and (needs_place or cancelled):
        enqueue_schedule(event, reoptimise_only=True)
    return request


def set_cap(participant: Participant, max_meetings: int | None) -> None:
    participant.max_meetings = max_meetings
    participant.save(update_fields=["max_meetings"])


@transaction.atomic
def cancel_participant(participant: Participant) -> None:
    """The participant withdraws; its meetings are freed and the timetable re-optimised."""
    participant.cancelled = True
    participant.save(update_fields=["cancelled"])
    if participant.event.schedule_state == ScheduleState.DONE:
        enqueue_schedule(participant.event, reoptimise_only=True)


def enqueue_schedule(event: Event, *, reoptimise_only: bool = False, user: Any = None) -> Any:
    from eslabon.jobs.services import enqueue

    Event.objects.filter(pk=event.pk).update(schedule_state=ScheduleState.RUNNING)
    return enqueue(
        kind="event-schedule",
        params={"event": event.pk, "reoptimise": reoptimise_only, "time_limit": time_limit()},
        user=user,
    )


def summary(timetable: Timetable) -> dict[str, Any]:
    data = timetable.to_json()
    data.pop("assignments")
    return data


def schedule(
    event_pk: int, limit: float, progress: Any = None, *, workers: int = 2, notify: bool = True
) -> dict[str, Any]:
    """Solve the whole event and publish the timetable in one transaction; ``notify`` tells
    every participant's members (the demo loads without mailing anybody)."""
    event = Event.objects.get(pk=event_pk)
    started = Meeting.objects.filter(
        request__event=event, status__in=(MeetingStatus.HELD, MeetingStatus.NO_SHOW)
    )
    if started.exists():
        # The day has begun: what happened stays, the rest is repaired around it.
        return reschedule(event_pk, limit, progress)
    data = selectors.event_input(event)
    if progress:
        progress(10, _("Timetable input built"))
    timetable = solve(parse_event(data), SolveOptions(time_limit=limit, workers=workers))
    if progress:
        progress(90, _("Timetable found"))
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=event_pk)
        Meeting.objects.filter(request__event=event).delete()
        Meeting.objects.bulk_create(
            Meeting(
                request_id=selectors.pk_of(a.meeting), slot_id=selectors.pk_of(a.slot),
                table_id=selectors.pk_of(a.table),
            )
            for a in timetable.assignments
        )  # fmt: skip
        result = summary(timetable)
        Event.objects.filter(pk=event_pk).update(
            schedule_state=ScheduleState.DONE, schedule_result=result, last_change={}
        )
        if notify:
            _notify(
                event.participants.filter(cancelled=False),
                _("Your agenda for %(event)s") % {"event": event},
                _("The timetable of %(event)s is published; see your agenda.") % {"event": event},
            )
    return result


def current_assignments(event: Event) -> tuple[list[Assignment], frozenset[str]]:
    """The standing timetable as engine assignments, and the meetings already held."""
    rows = Meeting.objects.filter(request__event=event).exclude(status=MeetingStatus.CANCELLED)
    previous, held = [], set()
    for m in rows.values("request_id", "slot_id", "table_id", "status"):
        mid = selectors.meeting_id(m["request_id"])
        previous.append(
            Assignment(mid, selectors.slot_id(m["slot_id"]), selectors.table_id(m["table_id"]))
        )
        if m["status"] in (MeetingStatus.HELD, MeetingStatus.NO_SHOW):
            held.add(mid)
    return previous, frozenset(held)


def reschedule(event_pk: int, limit: float, progress: Any = None) -> dict[str, Any]:
    """Re-optimise after a cancellation or an added meeting; store and notify what moved."""
    event = Event.objects.get(pk=event_pk)
    engine_event = parse_event(selectors.event_input(event))
    previous, held = current_assignments(event)
    known = {m.id for m in engine_event.meetings}
    held = frozenset(m for m in held if m in known)
    change = reoptimise(engine_event, previous, SolveOptions(time_limit=limit), locked=held)
    if progress:
        progress(90, _("Timetable repaired"))
    placed = {a.meeting: a for a in change.timetable.assignments}
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=event_pk)
        meetings = {
            selectors.meeting_id(m.request_id): m
            for m in Meeting.objects.filter(request__event=event).select_related("request")
        }
        affected: set[int] = set()
        for mid, meeting in meetings.items():
            target = placed.get(mid)
            if target is None:
                if meeting.status == MeetingStatus.SCHEDULED:
                    meeting.status = MeetingStatus.CANCELLED
                    meeting.save(update_fields=["status"])
                    affected |= {meeting.request.requester_id, meeting.request.recipient_id}
                continue
            slot, table = selectors.pk_of(target.slot), selectors.pk_of(target.table)
            if (meeting.slot_id, meeting.table_id, meeting.status) != (
                slot,
                table,
                MeetingStatus.SCHEDULED,
            ) and meeting.status not in (MeetingStatus.HELD, MeetingStatus.NO_SHOW):
                meeting.slot_id, meeting.table_id = slot, table
                meeting.status = MeetingStatus.SCHEDULED
                meeting.save(update_fields=["slot", "table", "status"])
                affected |= {meeting.request.requester_id, meeting.request.recipient_id}
        for mid, target in placed.items():
            if mid not in meetings:
                request = MeetingRequest.objects.get(pk=selectors.pk_of(mid))
                Meeting.objects.create(
                    request=request, slot_id=selectors.pk_of(target.slot),
                    table_id=selectors.pk_of(target.table),
                )  # fmt: skip
                affected |= {request.requester_id, request.recipient_id}
        diff = {
            "moved": [vars_of(move) for move in change.moved],
            "dropped": [vars_of(drop) for drop in change.dropped],
            "added": [vars_of(add) for add in change.added],
            "kept": change.kept,
            "at": timezone.now().isoformat(),
        }
        result = summary(change.timetable)
        Event.objects.filter(pk=event_pk).update(
            schedule_state=ScheduleState.DONE, schedule_result=result, last_change=diff
        )
        people = Participant.objects.filter(pk__in=affected, cancelled=False)
        _notify(
            people,
            _("Your agenda for %(event)s changed") % {"event": event},
            _("The timetable of %(event)s was re-optimised; see your agenda.") % {"event": event},
        )
    return {**result, "change": diff}


def vars_of(value: Any) -> dict[str, Any]:
    return {name: getattr(value, name) for name in value.__slots__}


def check_in(participant: Participant, when: dt.datetime | None = None) -> None:
    participant.checked_in_at = when or timezone.now()
    participant.save(update_fields=["checked_in_at"])


def mark_meeting(meeting: Meeting, status: str) -> None:
    if status not in (MeetingStatus.HELD, MeetingStatus.NO_SHOW, MeetingStatus.SCHEDULED):
        raise EventError(_("Unknown meeting status."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise EventError(_("A cancelled meeting cannot be marked."))
    meeting.status = status
    meeting.save(update_fields=["status"])


def give_feedback(
    meeting: Meeting, participant: Participant, *, interest: int, next_step: str, comment: str = ""
) -> Feedback:
    if meeting.status != MeetingStatus.HELD:
        raise EventError(_("Feedback is given after a meeting is held."))
    feedback, _created = Feedback.objects.update_or_create(
        meeting=meeting, participant=participant,
        defaults={"interest": interest, "next_step": next_step, "comment": comment},
    )  # fmt: skip
    return feedback


def fail_schedule(event_pk: int) -> None:
    Event.objects.filter(pk=event_pk).update(schedule_state=ScheduleState.FAILED)


@transaction.atomic
def add_day(
    event: Event, *, date: dt.date, start: dt.time, slot_minutes: int, slots: int,
    break_after: int | None = None, break_minutes: int = 60,
) -> Day:  # fmt: skip
    """A day of equal slots; a break slot after ``break_after`` splits morning and afternoon."""
    if event.days.filter(date=date).exists():
        raise EventError(_("The event already has this day."))
    day = Day.objects.create(event=event, date=date)
    moment = dt.datetime.combine(date, start)
    rows = []
    for number in range(1, slots + 1):
        after_break = break_after is not None and number > break_after
        end = moment + dt.timedelta(minutes=slot_minutes)
        session = _("afternoon") if after_break else _("morning")
        rows.append(Slot(day=day, start=moment.time(), end=end.time(), session=session))
        moment = end
        if number == break_after and number < slots:
            end = moment + dt.timedelta(minutes=break_minutes)
            rows.append(Slot(day=day, start=moment.time(), end=end.time(), is_break=True,
                             session=_("break")))  # fmt: skip
            moment = end
    Slot.objects.bulk_create(rows)
    return day


def add_tables(event: Event, count: int) -> list[Table]:
    first = (event.tables.aggregate(top=Max("number"))["top"] or 0) + 1
    return Table.objects.bulk_create(
        Table(event=event, number=n) for n in range(first, first + count)
    )


@transaction.atomic
def add_participant(event: Event, organization: Any, side: str) -> Participant:
    """A participant, with every active member of the organisation as one of its people."""
    from eslabon.hub.notifications import members_of

    participant = Participant.objects.create(event=event, organization=organization, side=side)
    Person.objects.bulk_create(
        Person(participant=participant, user=user) for user in members_of([organization.pk])
    )
    return participant


@transaction.atomic
def set_people(participant: Participant, users: Iterable[Any], guests: Iterable[str]) -> None:
    participant.people.all().delete()
    Person.objects.bulk_create(
        [Person(participant=participant, user=user) for user in users]
        + [Person(participant=participant, name=name) for name in guests if name.strip()]
    )
