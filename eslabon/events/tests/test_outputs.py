"""The agenda as iCalendar and PDF, table sheets, the current slot, and the number of
queries the agenda and organiser pages take whatever the size of the event."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from eslabon.events import exports, selectors
from eslabon.events.models import Meeting, Slot
from eslabon.events.tests.factories import accepted, join
from eslabon.registry.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_the_ics_agenda_parses_back_with_every_required_property(fair: Any) -> None:
    calendar = Calendar.from_ical(exports.agenda_ics(fair.mine, host="test"))
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == exports.PRODID
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    item = events[0]
    for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION"):
        assert name in item, name
    start = item.decoded("DTSTART")
    assert start == dt.datetime(2026, 3, 10, 9, 0, tzinfo=fair.event.zone)
    assert item["DTSTART"].params["TZID"] == "America/Mexico_City"
    assert str(fair.buying.organization) in str(item["SUMMARY"])
    assert "1" in str(item["LOCATION"])
    assert calendar.walk("VTIMEZONE"), "a TZID needs its VTIMEZONE (RFC 5545 3.2.19)"


def test_the_ics_agenda_keeps_the_rfc_5545_line_rules(fair: Any) -> None:
    """CRLF line ends and content lines folded at 75 octets (RFC 5545 section 3.1)."""
    data = exports.agenda_ics(fair.mine, host="test")
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in b"".join(lines)
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"


def test_the_pdf_agenda_is_a_pdf(client: Any, fair: Any) -> None:
    client.force_login(fair.participant)
    response = client.get(reverse("events:agenda_pdf", args=[fair.event.pk, fair.mine.pk]))
    assert response.content.startswith(b"%PDF")


def test_table_sheets_list_every_slot_and_the_meeting_at_the_table(fair: Any) -> None:
    sheets = selectors.table_sheets(fair.event)
    assert len(sheets) == 2
    first = sheets[0]
    assert len(first.rows) == 4
    assert first.rows[0][1] == fair.meeting
    assert all(meeting is None for _slot, meeting in sheets[1].rows)


def test_the_current_slot_is_the_running_one_else_the_next(fair: Any) -> None:
    zone = fair.event.zone
    first, second = Slot.objects.filter(day__event=fair.event)[:2]
    assert selectors.current_slot(fair.event, dt.datetime(2026, 3, 10, 9, 10, tzinfo=zone)) == first
    between = dt.datetime(2026, 3, 10, 9, 27, tzinfo=zone)
    assert selectors.current_slot(fair.event, between) == second
    late = dt.datetime(2026, 3, 11, 9, 0, tzinfo=zone)
    assert selectors.current_slot(fair.event, late) is None


def _grow(fair: Any, extra: int) -> None:
    slots = list(Slot.objects.filter(day__event=fair.event))
    tables = list(fair.event.tables.all())
    for k in range(extra):
        other = join(fair.event, OrganizationFactory())
        request = accepted(other, fair.mine)
        Meeting.objects.create(request=request, slot=slots[1 + k % 3], table=tables[k % 2])


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("user", "name", "args"),
    [
        ("participant", "agenda", ("mine.pk",)),
        ("participant", "detail", ()),
        ("organiser", "detail", ()),
        ("organiser", "requests", ()),
        ("organiser", "table_sheets", ()),
    ],
)
def test_the_page_takes_as_many_queries_for_a_big_event_as_for_a_small_one(
    client: Any, fair: Any, user: str, name: str, args: tuple[str, ...]
) -> None:
    client.force_login(getattr(fair, user))
    url = reverse(f"events:{name}", args=[fair.event.pk, *(fair.mine.pk for _ in args)])
    small = _queries(client, url)
    _grow(fair, 3)
    assert _queries(client, url) == small
    assert small < 25


def test_the_organiser_page_polls_only_the_timetable_while_it_is_computed(
    client: Any, fair: Any
) -> None:
    fair.event.schedule_state = "running"
    fair.event.save()
    client.force_login(fair.organiser)
    url = reverse("events:detail", args=[fair.event.pk])
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 3s"' in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<section id="timetable"')
    assert "<nav>" not in fragment
