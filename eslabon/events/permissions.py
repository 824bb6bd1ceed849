"""Who may do what at an event: the one place that decides.

Organisers are members of the event's operator organisation (and staff); participants are
members of a participating organisation. A participant acts only for its own organisation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eslabon.registry.permissions import organization_ids

if TYPE_CHECKING:
    from eslabon.events.models import Event, Meeting, MeetingRequest, Participant


def can_create_events(user: Any) -> bool:
    from eslabon.registry.permissions import is_operator

    return is_operator(user)


def is_organiser(user: Any, event: Event) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff) or event.operator_id in organization_ids(user)


def participant_of(user: Any, event: Event) -> Participant | None:
    """The user's own participant at the event (the first, if two of its firms attend)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        event.participants.filter(organization_id__in=organization_ids(user))
        .select_related("organization")
        .order_by("pk")
        .first()
    )


def speaks_for(user: Any, participant: Participant) -> bool:
    return participant.organization_id in organization_ids(user)


def can_answer(user: Any, request: MeetingRequest) -> bool:
    return speaks_for(user, request.recipient)


def attends(user: Any, meeting: Meeting) -> Participant | None:
    """The side of the meeting the user speaks for, if any."""
    for side in (meeting.request.requester, meeting.request.recipient):
        if speaks_for(user, side):
            return side
    return None
