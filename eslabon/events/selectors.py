"""Reads of the events app: the engine's input built from the database, agendas, table
sheets, the current slot, the funnel and recommendations. Each loads in a fixed number of
queries, whatever the size of the event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from eslabon.events.choices import ListingKind, MeetingStatus, NextStep, RequestStatus, Side
from eslabon.events.models import (
    Event,
    Listing,
    Meeting,
    MeetingRequest,
    Participant,
    Slot,
    Table,
)

FORCED_WEIGHT = 10
"""Weight of a meeting the organiser added: above any participants' priority (1-3), so the
engine gives it up only where it cannot be held (ADR 0650)."""

SCHEDULABLE = (RequestStatus.ACCEPTED, RequestStatus.FORCED)


def slot_id(pk: int) -> str:
    return f"s{pk}"


def table_id(pk: int) -> str:
    return f"t{pk}"


def participant_id(pk: int) -> str:
    return f"p{pk}"


def meeting_id(pk: int) -> str:
    return f"r{pk}"


def pk_of(engine_id: str) -> int:
    return int(engine_id[1:])


def event_slots(event: Event) -> list[Slot]:
    return list(Slot.objects.filter(day__event=event).select_related("day"))


def event_input(event: Event) -> dict[str, Any]:
    """The EVENT.json document of the engine (docs/scheduling.md) for this event.

    Breaks are left out of the slot list, so a break between two meetings is not an idle
    gap; cancelled participants are available nowhere; a participant without availability
    set is available at every slot.
    """
    slots = [slot for slot in event_slots(event) if not slot.is_break]
    every = [slot_id(slot.pk) for slot in slots]
    known = set(every)
    participants = list(
        event.participants.select_related("organization").prefetch_related("people")
        .annotate(n_available=Count("available_slots"))
        .order_by("pk")
    )  # fmt: skip
    availability: dict[int, list[str]] = {}
    through = Participant.available_slots.through.objects.filter(participant__event=event)
    for participant_pk, slot_pk in through.values_list("participant_id", "slot_id"):
        if slot_id(slot_pk) in known:
            availability.setdefault(participant_pk, []).append(slot_id(slot_pk))
    people: dict[int, list[str]] = {}
    rows = []
    for p in participants:
        people[p.pk] = [f"h{person.pk}" for person in p.people.all()] or [f"h-p{p.pk}"]
        if p.cancelled:
            available: list[str] = []
        elif p.n_available:
            available = sorted(availability.get(p.pk, []), key=every.index)
        else:
            available = every
        rows.append(
            {
                "id": participant_id(p.pk), "name": str(p.organization), "side": p.side,
                "available": available, "max_meetings": p.max_meetings,
                "fixed_table": table_id(p.fixed_table_id) if p.fixed_table_id else None,
                "people": people[p.pk],
            }
        )  # fmt: skip
    requests = event.requests.filter(status__in=SCHEDULABLE).order_by("pk")
    meetings = [
        {
            "id": meeting_id(r.pk), "a": participant_id(r.requester_id),
            "b": participant_id(r.recipient_id),
            "weight": FORCED_WEIGHT if r.status == RequestStatus.FORCED else r.priority,
            "people": people[r.requester_id] + people[r.recipient_id],
        }
        for r in requests
    ]  # fmt: skip
    return {
        "slots": [
            {
                "id": slot_id(s.pk),
                "day": (s.day.date - slots[0].day.date).days + 1,
                "start": f"{s.start:%H:%M}",
                "end": f"{s.end:%H:%M}",
                **({"session": s.session} if s.session else {}),
            }
            for s in slots
        ],
        "tables": [{"id": table_id(t.pk)} for t in Table.objects.filter(event=event)],
        "participants": rows,
        "meetings": meetings,
    }


def meetings_of(event: Event) -> QuerySet[Meeting]:
    return Meeting.objects.filter(request__event=event).select_related(
        "slot__day", "table", "request__requester__organization",
        "request__recipient__organization",
    )  # fmt: skip


def agenda(participant: Participant) -> list[Meeting]:
    """The participant's meetings in time order, cancelled ones left out."""
    return list(
        meetings_of(participant.event)
        .filter(Q(request__requester=participant) | Q(request__recipient=participant))
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("slot__day__date", "slot__start")
    )


def counterpart(meeting: Meeting, participant: Participant) -> Participant:
    request = meeting.request
    return request.recipient if request.requester_id == participant.pk else request.requester


@dataclass(frozen=True)
class TableSheet:
    table: Table
    rows: list[tuple[Slot, Meeting | None]]


def table_sheets(event: Event) -> list[TableSheet]:
    """One sheet per table: every slot of the event and the meeting held there, if any."""
    slots = event_slots(event)
    by_place = {
        (m.table_id, m.slot_id): m
        for m in meetings_of(event).exclude(status=MeetingStatus.CANCELLED)
    }
    return [
        TableSheet(table, [(slot, by_place.get((table.pk, slot.pk))) for slot in slots])
        for table in Table.objects.filter(event=event)
    ]


def current_slot(event: Event, now: dt.datetime) -> Slot | None:
    """The slot running at ``now`` (in the event's time zone), else the next one to start."""
    local = now.astimezone(event.zone)
    upcoming = None
    for slot in event_slots(event):
        start, end = slot.starts_at(event.zone), slot.ends_at(event.zone)
        if start <= local < end:
            return slot
        if start > local and upcoming is None:
            upcoming = slot
    return upcoming


def funnel(event: Event) -> dict[str, int]:
    """Requested → accepted → scheduled → held → RFQ next step → RFQ issued → awarded.

    "RFQ issued" and "awarded" follow each held meeting into the Supply Hub: an invitation,
    or an award, between the two organisations (either one buying) on or after the event's
    first day. Computed in the database with EXISTS subqueries.
    """
    from django.db.models import Exists, Min, OuterRef

    from eslabon.hub.models import Award, Invitation

    first_day = event.days.aggregate(first=Min("date"))["first"]
    a = "request__requester__organization"
    b = "request__recipient__organization"
    invited = Invitation.objects.filter(invited_at__date__gte=first_day or dt.date.min)
    awarded = Award.objects.filter(awarded_at__date__gte=first_day or dt.date.min)

    def both_ways(queryset: Any, buyer: str, supplier: str) -> Any:
        return Exists(queryset.filter(**{buyer: OuterRef(a), supplier: OuterRef(b)})) | Exists(
            queryset.filter(**{buyer: OuterRef(b), supplier: OuterRef(a)})
        )

    followed = (
        Meeting.objects.filter(request__event=event, status=MeetingStatus.HELD)
        .annotate(
            rfq_issued=both_ways(invited, "requirement__buyer", "supplier"),
            won=both_ways(awarded, "line__requirement__buyer", "quote_line__quote__supplier"),
        )
        .aggregate(
            rfqs_issued=Count("pk", filter=Q(rfq_issued=True)),
            awarded=Count("pk", filter=Q(won=True)),
        )
    )
    requests = event.requests.aggregate(
        requested=Count("pk", filter=~Q(status=RequestStatus.FORBIDDEN)),
        accepted=Count("pk", filter=Q(status__in=SCHEDULABLE)),
    )
    meetings = Meeting.objects.filter(request__event=event).aggregate(
        scheduled=Count("pk", filter=~Q(status=MeetingStatus.CANCELLED)),
        held=Count("pk", filter=Q(status=MeetingStatus.HELD)),
        rfq=Count(
            "pk",
            filter=Q(status=MeetingStatus.HELD, feedback__next_step=NextStep.RFQ),
            distinct=True,
        ),
    )
    return {**requests, **meetings, **followed}


def requests_overview(event: Event) -> list[MeetingRequest]:
    return list(
        event.requests.select_related("requester__organization", "recipient__organization")
        .order_by("-priority", "pk")
    )  # fmt: skip


def participants_of(event: Event) -> list[Participant]:
    return list(
        event.participants.select_related("organization", "fixed_table")
        .prefetch_related(Prefetch("listings", queryset=Listing.objects.all()))
        .annotate(
            n_sent=Count("sent", distinct=True), n_received=Count("received", distinct=True)
        )
    )  # fmt: skip


@dataclass(frozen=True)
class Recommendation:
    participant: Participant
    score: float
    reasons: list[str]


def recommendations(
    participant: Participant, today: dt.date, top: int = 10
) -> list[Recommendation]:
    """For a buyer: the event's supplier participants ranked by the matching engine on their
    registry data against the buyer's needs (processes, components as text); for anyone
    else, the buyers whose needs share a process with the participant's offers."""
    from eslabon.domain.matching import SupplierTable, rank
    from eslabon.domain.matching import model as matching
    from eslabon.registry.models import Organization
    from eslabon.registry.selectors import matching_suppliers

    needs = [item for item in participant.listings.prefetch_related("processes")
             if item.kind == ListingKind.NEED]  # fmt: skip
    others = {
        p.organization_id: p
        for p in participant.event.participants.exclude(pk=participant.pk)
        .filter(cancelled=False).select_related("organization")
    }  # fmt: skip
    if participant.side == Side.BUYER:
        processes = tuple(dict.fromkeys(p.slug for n in needs for p in n.processes.all()))
        if not processes:
            return []
        suppliers = matching_suppliers(Organization.objects.filter(pk__in=list(others)))
        if not suppliers:
            return []
        requirement = matching.Requirement(
            id=f"event-{participant.pk}", processes=processes,
            title=" ".join(n.components for n in needs),
        )  # fmt: skip
        ranking = rank(requirement, SupplierTable.build(suppliers), today=today, top=top)
        found = []
        for result in ranking.results:
            reasons = [f"{name}: {value:.0%}" for name, value in result.components if value > 0] + [
                gap.detail for gap in result.gaps
            ]
            found.append(
                Recommendation(others[int(result.supplier_id)], round(result.score, 1), reasons)
            )
        return found
    offered = {
        p.pk for item in participant.listings.prefetch_related("processes")
        if item.kind == ListingKind.OFFER for p in item.processes.all()
    }  # fmt: skip
    wanted = (
        Listing.objects.filter(
            participant__in=others.values(), kind=ListingKind.NEED, processes__in=offered
        )
        .values_list("participant_id", "processes__name_en")
        .distinct()
    )
    reasons: dict[int, list[str]] = {}
    for pk, process in wanted:
        reasons.setdefault(pk, []).append(str(process))
    by_pk = {p.pk: p for p in others.values()}
    ranked = sorted(reasons.items(), key=lambda item: (-len(item[1]), item[0]))[:top]
    return [Recommendation(by_pk[pk], float(len(r)), sorted(r)) for pk, r in ranked]


def requests_of(participant: Participant) -> list[MeetingRequest]:
    return list(
        MeetingRequest.objects.filter(Q(requester=participant) | Q(recipient=participant))
        .select_related("requester__organization", "recipient__organization")
        .order_by("pk")
    )


def meetings_in(event: Event, slot: Slot) -> list[Meeting]:
    return list(
        meetings_of(event).filter(slot=slot).exclude(status=MeetingStatus.CANCELLED)
        .order_by("table__number")
    )  # fmt: skip


@dataclass(frozen=True)
class Left:
    request: MeetingRequest
    reason: str


def unscheduled(event: Event) -> list[Left]:
    """Accepted meetings the last timetable could not hold, with the engine's reason."""
    reasons = {
        pk_of(item["meeting"]): item["reason"]
        for item in (event.schedule_result or {}).get("unscheduled", [])
    }
    requests = MeetingRequest.objects.filter(pk__in=list(reasons)).select_related(
        "requester__organization", "recipient__organization"
    )
    return [Left(r, reasons[r.pk]) for r in requests.order_by("pk")]


def counterparts_asked(participant: Participant) -> set[int]:
    """Participants with whom a meeting is already requested, either way."""
    pairs = MeetingRequest.objects.filter(
        Q(requester=participant) | Q(recipient=participant)
    ).values_list("requester_id", "recipient_id")
    return {pk for pair in pairs for pk in pair} - {participant.pk}
