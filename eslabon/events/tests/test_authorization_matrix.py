"""Authorization matrix of every events view: organiser, participant, another participant,
a member of an organisation that does not take part, and an anonymous visitor.

The participant's own records (its participant, the request it received, its held meeting)
are the targets. A new view without a row here fails `test_every_events_url_is_in_the_matrix`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import get_resolver, reverse

ROLES = ("anonymous", "organiser", "participant", "other_participant", "non_participant")
OK, LOGIN, FORBIDDEN, MISSING, REDIRECT = "ok", "login", "forbidden", "missing", "redirect"


@dataclass(frozen=True)
class Row:
    name: str
    url: Callable[[Any], str]
    method: str
    expected: dict[str, str]
    data: Callable[[Any], dict[str, Any]] | None = None


def _roles(**outcomes: str) -> dict[str, str]:
    return {"anonymous": LOGIN, "non_participant": MISSING, **outcomes}


def _url(name: str, *attrs: str) -> Callable[[Any], str]:
    def build(fair: Any) -> str:
        args = [fair.event.pk]
        for attr in attrs:
            value = fair
            for part in attr.split("."):
                value = getattr(value, part)
            args.append(value)
        return reverse(f"events:{name}", args=args)

    return build


EVERYONE_IN = _roles(organiser=OK, participant=OK, other_participant=OK)
ORGANISER_PAGE = _roles(organiser=OK, participant=FORBIDDEN, other_participant=FORBIDDEN)
ORGANISER_ACTION = _roles(organiser=REDIRECT, participant=FORBIDDEN, other_participant=FORBIDDEN)
OWN_FILES = _roles(organiser=OK, participant=OK, other_participant=FORBIDDEN)
PARTICIPANT_ACTION = _roles(organiser=FORBIDDEN, participant=REDIRECT, other_participant=REDIRECT)

MATRIX = [
    Row("list", lambda fair: reverse("events:list"), "get",
        {**EVERYONE_IN, "non_participant": OK}),
    Row("create", lambda fair: reverse("events:create"), "get",
        _roles(organiser=OK, participant=FORBIDDEN, other_participant=FORBIDDEN,
               non_participant=FORBIDDEN)),
    Row("detail", _url("detail"), "get", EVERYONE_IN),
    Row("day add", _url("day_add"), "post", ORGANISER_ACTION,
        lambda f: {"date": "2026-03-12", "start": "09:00", "slot_minutes": 20, "slots": 4,
                   "break_minutes": 60}),
    Row("tables add", _url("tables_add"), "post", ORGANISER_ACTION, lambda f: {"count": 2}),
    Row("participant add", _url("participant_add"), "post", ORGANISER_ACTION,
        lambda f: {"side": "other"}),
    Row("participant edit", _url("participant_edit", "mine.pk"), "get", ORGANISER_PAGE),
    Row("participant cancel", _url("participant_cancel", "mine.pk"), "post", ORGANISER_ACTION),
    Row("check in", _url("check_in", "mine.pk"), "post", ORGANISER_ACTION),
    Row("agenda", _url("agenda", "mine.pk"), "get", OWN_FILES),
    Row("agenda pdf", _url("agenda_pdf", "mine.pk"), "get", OWN_FILES),
    Row("agenda ics", _url("agenda_ics", "mine.pk"), "get", OWN_FILES),
    Row("requests", _url("requests"), "get", ORGANISER_PAGE),
    Row("request", _url("request"), "post", PARTICIPANT_ACTION,
        lambda f: {"recipient": f.buying.pk, "priority": 2}),
    Row("answer", _url("request_answer", "request.pk"), "post",
        _roles(organiser=FORBIDDEN, participant=REDIRECT, other_participant=FORBIDDEN),
        lambda f: {"accept": "1"}),
    Row("schedule", _url("schedule"), "post", ORGANISER_ACTION),
    Row("table sheets", _url("table_sheets"), "get", ORGANISER_PAGE),
    Row("current slot", _url("now"), "get", ORGANISER_PAGE),
    Row("mark meeting", _url("meeting_mark", "meeting.pk"), "post", ORGANISER_ACTION,
        lambda f: {"status": "held"}),
    Row("feedback", _url("feedback", "meeting.pk"), "get",
        _roles(organiser=FORBIDDEN, participant=OK, other_participant=FORBIDDEN)),
    Row("listing", _url("listing_add"), "post", PARTICIPANT_ACTION,
        lambda f: {"kind": "offer", "components": "Soportes estampados"}),
    Row("recommendations", _url("recommendations"), "get",
        _roles(organiser=FORBIDDEN, participant=OK, other_participant=OK)),
]  # fmt: skip


def _outcome(response: Any) -> str:
    if response.status_code == 200:
        return OK
    if response.status_code == 302:
        return LOGIN if "/accounts/login/" in response["Location"] else REDIRECT
    return {403: FORBIDDEN, 404: MISSING}.get(response.status_code, str(response.status_code))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", MATRIX, ids=[row.name for row in MATRIX])
def test_each_role_gets_exactly_the_access_the_matrix_grants(
    client: Any, fair: Any, row: Row, role: str, django_capture_on_commit_callbacks: Any
) -> None:
    if role != "anonymous":
        client.force_login(getattr(fair, role))
    data = row.data(fair) if row.data else {}
    url = row.url(fair)
    # Jobs queued on commit (scheduling) are not run: the matrix is about access only.
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url, data) if row.method == "post" else client.get(url)
    assert _outcome(response) == row.expected[role], f"{row.name} as {role}: {response.status_code}"


def test_every_events_url_is_in_the_matrix() -> None:
    covered = {
        "list", "create", "detail", "day_add", "tables_add", "participant_add",
        "participant_edit", "participant_cancel", "check_in", "agenda", "agenda_pdf",
        "agenda_ics", "requests", "request", "request_answer", "schedule", "table_sheets",
        "now", "meeting_mark", "feedback", "listing_add", "recommendations",
    }  # fmt: skip
    names = {name for name in get_resolver().namespace_dict["events"][1].reverse_dict
             if isinstance(name, str)}  # fmt: skip
    assert names == covered
