"""Daily digest: each supplier's members hear of the requirements published in the last day
that are open to their company (invited, or open and fitting its processes).

Meant for a daily scheduled job: the window is (now − 24 h, now], so one run a day mails
each requirement once. What a member is told is exactly what ``visible_to`` lets it read.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eslabon.hub.choices import RequirementStatus
from eslabon.hub.models import Requirement
from eslabon.hub.notifications import members_of, notify
from eslabon.registry.models import Organization

WINDOW = dt.timedelta(days=1)


@transaction.atomic
def send_daily_digest(*, now: dt.datetime | None = None) -> int:
    """Send one digest per supplier member with something new; return how many were sent."""
    now = now or timezone.now()
    fresh = Requirement.objects.filter(
        status=RequirementStatus.PUBLISHED,
        published_at__gt=now - WINDOW,
        published_at__lte=now,
        quote_due_at__gt=now,
    )
    if not fresh.exists():
        return 0
    sent = 0
    for user in members_of(Organization.objects.published_suppliers().values_list("pk", flat=True)):
        titles = list(
            fresh.visible_to(user)
            .exclude(buyer__in=user.memberships.values("organization"))
            .order_by("quote_due_at")
            .values_list("title", "quote_due_at")
        )
        if not titles:
            continue
        lines = [f"• {title} — {timezone.localtime(due):%Y-%m-%d %H:%M}" for title, due in titles]
        notify(
            recipients=[user],
            subject=_("%(n)d new requirements open to your company") % {"n": len(titles)},
            body=_("Published in the last day:") + "\n" + "\n".join(lines),
        )
        sent += 1
    return sent
