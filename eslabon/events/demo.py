"""Demo data: one business-meeting event on the demo organisations, scheduled by the engine.

``load_events_demo()`` takes the published buyers and suppliers already in the database (the
registry demo creates them) — up to 8 buyers and 32 suppliers — and builds 2 days of 16
slots, a table per buyer (held all day) plus spare tables, the participants' offers and
needs from their registry capabilities, and about 100 meeting requests drawn with a fixed
seed; it then schedules them with the engine (a short time limit). The event's days lie in
the past, so the demo also records how it went: participants checked in, about nine meetings
in ten held and the rest no-shows, and feedback with a next step on the held ones (what the
funnel analytics follow into the Supply Hub). It goes through the same services as the
application, is deterministic, and loads once.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from eslabon.events import services
from eslabon.events.choices import (
    Interest,
    ListingKind,
    MeetingStatus,
    NextStep,
    Priority,
    RequestStatus,
    Side,
)
from eslabon.events.models import Event, Listing, Meeting, MeetingRequest, Participant
from eslabon.registry.models import Organization, Process

MARK = "[demo]"
NAME = f"{MARK} Foro de proveeduría automotriz"
BUYERS, SUPPLIERS, SPARE_TABLES = 8, 32, 4
FIRST_DAY = dt.date(2026, 3, 10)
SEED = 6


class DemoError(Exception):
    pass


def _people_first(organizations: Any) -> list[Organization]:
    """Organisations with members (the demo logins) first, so that their users see the event."""
    return list(organizations.annotate(people=Count("memberships")).order_by("-people", "pk"))


def _processes(organization: Organization) -> list[Process]:
    return list(
        Process.objects.filter(capabilities__site__organization=organization)
        .distinct()
        .order_by("slug")
    )


def load_events_demo(*, time_limit: float = 5.0) -> dict[str, Any]:
    """Create and schedule the demo event; {} when it is already there."""
    if Event.objects.filter(name=NAME).exists():
        return {}
    operators = _people_first(Organization.objects.filter(is_operator=True, status="approved"))
    buyers = _people_first(Organization.objects.filter(is_buyer=True, status="approved"))
    suppliers = _people_first(Organization.objects.published_suppliers().exclude(is_buyer=True))
    if not operators or len(buyers) < 1 or len(suppliers) < 2:
        raise DemoError(
            "the events demo needs a published operator, a buyer and two suppliers; "
            "load the registry demo first"
        )
    event = _build(operators[0], buyers[:BUYERS], suppliers[:SUPPLIERS])
    # One CP-SAT worker with the engine's fixed seed: the same search on every run.
    result = services.schedule(event.pk, time_limit, workers=1, notify=False)
    _record_outcome(event)
    return {
        "event": event.pk,
        "participants": event.participants.count(),
        "requests": event.requests.count(),
        "meetings": Meeting.objects.filter(request__event=event).count(),
        "held": Meeting.objects.filter(request__event=event, status=MeetingStatus.HELD).count(),
        **{key: result[key] for key in ("status", "scheduled_weight", "bound", "idle_gaps")},
    }


@transaction.atomic
def _build(operator: Any, buyers: list[Organization], suppliers: list[Organization]) -> Event:
    rng = random.Random(SEED)  # noqa: S311 (demo data, not secrets)
    event = Event.objects.create(
        operator=operator, name=NAME, venue="Cintermex, Monterrey", time_zone="America/Monterrey"
    )
    for offset in range(2):
        services.add_day(
            event, date=FIRST_DAY + dt.timedelta(days=offset), start=dt.time(9, 0),
            slot_minutes=20, slots=16, break_after=8, break_minutes=60,
        )  # fmt: skip
    tables = services.add_tables(event, len(buyers) + SPARE_TABLES)
    slots = [s for day in event.days.all() for s in day.slots.filter(is_break=False)]
    buying = []
    for buyer, table in zip(buyers, tables, strict=False):
        participant = services.add_participant(event, buyer, Side.BUYER)
        participant.fixed_table = table
        participant.max_meetings = 20
        participant.save(update_fields=["fixed_table", "max_meetings"])
        buying.append(participant)
    selling = [services.add_participant(event, s, Side.SUPPLIER) for s in suppliers]
    offered: dict[int, list[Process]] = {}
    for participant in selling:
        offered[participant.pk] = _processes(participant.organization)
        listing = Listing.objects.create(
            participant=participant, kind=ListingKind.OFFER,
            components=_("Parts made with our own processes"),
        )  # fmt: skip
        listing.processes.set(offered[participant.pk])
        if rng.random() < 0.3:  # part-time: one day only
            day = rng.choice([slots[:16], slots[16:]])
            participant.available_slots.set(day)
    pool = sorted({p.pk: p for ps in offered.values() for p in ps}.values(), key=lambda p: p.slug)
    for participant in buying:
        listing = Listing.objects.create(
            participant=participant, kind=ListingKind.NEED,
            components=_("Stamped, machined and cast components for new programmes"),
        )  # fmt: skip
        listing.processes.set(rng.sample(pool, min(3, len(pool))))
    _requests(event, rng, buying, selling)
    return event


def _requests(
    event: Event, rng: random.Random, buying: list[Participant], selling: list[Participant]
) -> None:
    """About 100 requests, mostly suppliers asking buyers, most accepted; one meeting added
    and one forbidden by the organiser."""
    pairs = []
    for supplier in selling:
        for buyer in rng.sample(buying, min(len(buying), rng.choice((2, 3, 3, 4)))):
            pairs.append((supplier, buyer) if rng.random() < 0.7 else (buyer, supplier))
    rows = []
    for requester, recipient in pairs[:100]:
        draw = rng.random()
        status = (
            RequestStatus.ACCEPTED if draw < 0.8
            else RequestStatus.DECLINED if draw < 0.9 else RequestStatus.REQUESTED
        )  # fmt: skip
        rows.append(
            MeetingRequest(
                event=event, requester=requester, recipient=recipient, status=status,
                priority=rng.choice(Priority.values),
            )
        )  # fmt: skip
    if len(rows) > 2:
        rows[0].status, rows[0].notes = RequestStatus.FORCED, _("Strategic supplier")
        rows[1].status, rows[1].notes = RequestStatus.FORBIDDEN, _("Conflict of interest")
    MeetingRequest.objects.bulk_create(rows)


@transaction.atomic
def _record_outcome(event: Event) -> None:
    """Check-ins, held and missed meetings, and feedback, drawn with the demo's seed."""
    draw = random.Random(SEED)  # noqa: S311 - demo data, reproducible by design
    first_day = event.days.order_by("date").first()
    for participant in event.participants.order_by("pk"):
        if first_day is not None:
            services.check_in(participant, _moment(first_day.date))
    meetings = Meeting.objects.filter(request__event=event).select_related("request__requester")
    for meeting in meetings.order_by("pk"):
        if draw.random() < 0.1:
            services.mark_meeting(meeting, MeetingStatus.NO_SHOW)
            continue
        services.mark_meeting(meeting, MeetingStatus.HELD)
        interest = draw.choice((Interest.SOME, Interest.HIGH, Interest.HIGH, Interest.NONE))
        next_step = (
            NextStep.NONE
            if interest == Interest.NONE
            else draw.choice((NextStep.RFQ, NextStep.RFQ, NextStep.PLANT_VISIT, NextStep.NDA))
        )
        services.give_feedback(
            meeting, meeting.request.requester, interest=interest, next_step=next_step
        )


def _moment(date: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(date, dt.time(8, 30)))
