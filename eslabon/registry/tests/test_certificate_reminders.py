"""Certificate-expiry reminders: who is told, when, and never twice for the same expiry."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail

from eslabon.registry.choices import CertificationStatus
from eslabon.registry.reminders import send_certificate_reminders
from eslabon.registry.tasks import certificate_expiry_reminders
from eslabon.registry.tests.factories import CertificationFactory, OrganizationFactory, member_of

TODAY = dt.date(2026, 11, 24)


@pytest.mark.django_db(transaction=True)
def test_a_held_certificate_expiring_within_the_window_is_reminded_once() -> None:
    holder = OrganizationFactory()
    member = member_of(holder)
    soon = CertificationFactory(organization=holder, expires_on=TODAY + dt.timedelta(days=90))
    CertificationFactory(organization=holder, expires_on=TODAY + dt.timedelta(days=91))
    CertificationFactory(organization=holder, expires_on=TODAY - dt.timedelta(days=1))
    CertificationFactory(
        organization=holder, status=CertificationStatus.IN_PROGRESS, expires_on=TODAY
    )
    assert send_certificate_reminders(today=TODAY, days=90) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert str(soon.expires_on) in mail.outbox[0].subject
    # Re-runs (or a second worker) send nothing again for the same expiry date.
    assert send_certificate_reminders(today=TODAY, days=90) == 0
    assert len(mail.outbox) == 1
    # Renewed with a new expiry date: reminded again when that one comes near.
    soon.expires_on = TODAY + dt.timedelta(days=400)
    soon.save(update_fields=["expires_on"])
    later = TODAY + dt.timedelta(days=320)
    assert send_certificate_reminders(today=later, days=90) == 1
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_the_beat_task_runs_the_reminders(settings: Any) -> None:
    settings.ESLABON_CERTIFICATE_REMINDER_DAYS = 36500
    holder = OrganizationFactory()
    member_of(holder)
    CertificationFactory(organization=holder)
    assert certificate_expiry_reminders.apply().get() == {"reminded": 1}
    assert certificate_expiry_reminders.apply().get() == {"reminded": 0}
