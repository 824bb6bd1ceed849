"""Certificate-expiry reminders, for a daily Celery beat task (tasks.py).

A held certificate (ISO 9001, IATF 16949, …) that expires within
``ESLABON_CERTIFICATE_REMINDER_DAYS`` (90) days is announced to its organisation's active
members and registry contacts, so the recertification audit is booked before buyers' filters
stop counting it (the directory and matching count only certificates valid on the day).

Each certificate is reminded once per expiry date: the date is recorded by a conditional UPDATE
(only the run that changes the row sends), so re-runs and concurrent workers send nothing twice,
and a renewed certificate (new expiry date) is reminded again when its time comes.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from eslabon.registry.choices import CertificationStatus
from eslabon.registry.models import Certification


def _claim(certification: Certification) -> bool:
    fresh = Q(expiry_reminder_sent_for__isnull=True) | ~Q(expiry_reminder_sent_for=F("expires_on"))
    claimed = Certification.objects.filter(
        fresh, pk=certification.pk, expires_on=certification.expires_on
    )
    return claimed.update(expiry_reminder_sent_for=F("expires_on")) == 1


def _recipients(certification: Certification) -> list[str]:
    members = get_user_model().objects.filter(
        memberships__organization=certification.organization_id, is_active=True
    )
    addresses = {user.email for user in members if user.email}
    addresses |= {c.email for c in certification.organization.contacts.all() if c.email}
    return sorted(addresses)


@transaction.atomic
def send_certificate_reminders(*, today: dt.date | None = None, days: int | None = None) -> int:
    """Remind holders of certificates expiring within ``days``; return how many were sent."""
    today = today or timezone.localdate()
    days = settings.ESLABON_CERTIFICATE_REMINDER_DAYS if days is None else days
    due = (
        Certification.objects.filter(
            status=CertificationStatus.HELD,
            expires_on__gte=today,
            expires_on__lte=today + dt.timedelta(days=days),
        )
        .filter(
            Q(expiry_reminder_sent_for__isnull=True) | ~Q(expiry_reminder_sent_for=F("expires_on"))
        )
        .select_related("organization", "standard")
        .prefetch_related("organization__contacts")
        .order_by("expires_on", "pk")
    )
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for certification in due:
            if not _claim(certification):
                continue
            to = _recipients(certification)
            if not to:
                continue
            values = {
                "standard": certification.standard,
                "organization": certification.organization,
                "number": certification.certificate_number or "—",
                "date": certification.expires_on,
            }
            subject = _("%(standard)s certificate expires on %(date)s") % values
            body = (
                _(
                    "The %(standard)s certificate of %(organization)s (number %(number)s) "
                    "expires on %(date)s. Book the recertification audit and upload the new "
                    "certificate in Eslabón: buyers' searches count only valid certificates."
                )
                % values
            )
            transaction.on_commit(
                partial(
                    send_mail, subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=True
                )
            )
            sent += 1
    return sent
