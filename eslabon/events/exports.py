"""Agendas and table sheets as files: PDF with WeasyPrint, iCalendar (RFC 5545) with the
icalendar library, in the event's time zone with its TZID."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from eslabon.events import selectors
from eslabon.events.models import Participant
from eslabon.pdf import render_pdf

PRODID = "-//Eslabon//Business-meeting events//ES"


def agenda_context(participant: Participant) -> dict[str, Any]:
    meetings = selectors.agenda(participant)
    return {
        "event": participant.event,
        "participant": participant,
        "rows": [(m, selectors.counterpart(m, participant)) for m in meetings],
    }


def pdf(template: str, context: dict[str, Any]) -> bytes:
    return render_pdf(template, context)


def pdf_response(template: str, context: dict[str, Any], filename: str) -> HttpResponse:
    response = HttpResponse(pdf(template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def agenda_ics(participant: Participant, host: str = "eslabon.local") -> bytes:
    """One VEVENT per meeting; start and end carry the event's TZID (icalendar adds the
    VTIMEZONE), the UID is stable across re-optimisations so clients update, not duplicate."""
    from icalendar import Calendar
    from icalendar import Event as VEvent

    event = participant.event
    zone = event.zone
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{event.name} — {participant.organization}")
    stamp = timezone.now().astimezone(dt.UTC)
    for meeting, other in agenda_context(participant)["rows"]:
        item = VEvent()
        item.add("uid", f"meeting-{meeting.request_id}@{host}")
        item.add("dtstamp", stamp)
        item.add("dtstart", meeting.slot.starts_at(zone))
        item.add("dtend", meeting.slot.ends_at(zone))
        item.add("summary", _("Meeting with %(name)s") % {"name": other.organization})
        location = str(meeting.table)
        item.add("location", f"{location}, {event.venue}" if event.venue else location)
        calendar.add_component(item)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
