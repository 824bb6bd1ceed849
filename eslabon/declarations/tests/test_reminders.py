"""Expiry reminders and expired notices: sent once per declaration, by the beat task too."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from eslabon.celery_app import app
from eslabon.declarations import reminders, services, tasks
from eslabon.declarations.tests.factories import declaration
from eslabon.hub.models import Notification
from eslabon.registry.models import Contact

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 1)


def _ending(cast: Any, end: dt.date, **kwargs: Any) -> Any:
    return declaration(
        cast.supplier_org, customer=cast.buyer_org, start=end - dt.timedelta(days=200), end=end,
        **kwargs,
    )  # fmt: skip


def test_the_beat_schedule_runs_the_reminders_daily() -> None:
    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["declarations-expiry-reminders"]
    assert entry["task"] == "eslabon.declarations.tasks.expiry_reminders"
    assert entry["task"] in app.tasks


def test_a_declaration_ending_within_the_window_is_reminded_once(
    cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    Contact.objects.create(organization=cast.supplier_org, name="Calidad", email="calidad@p.mx")
    due = _ending(cast, TODAY + dt.timedelta(days=30))
    _ending(cast, TODAY + dt.timedelta(days=31))  # outside the window
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_expiry_reminders(today=TODAY) == 1
    note = Notification.objects.get(recipient=cast.supplier)
    assert str(due.period_end) in note.subject
    assert "Resorte helicoidal de suspensión (7320.20)" in note.body
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([cast.supplier.email, "ana.perez@example.mx", "calidad@p.mx"])
    assert not Notification.objects.filter(recipient=cast.buyer).exists()
    due.refresh_from_db()
    assert due.expiry_reminder_sent_at is not None
    # Idempotent: the next days send nothing more for it.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_expiry_reminders(today=TODAY) == 0
        assert reminders.send_expiry_reminders(today=TODAY + dt.timedelta(days=1)) == 1  # the 31
        assert reminders.send_expiry_reminders(today=TODAY + dt.timedelta(days=2)) == 0
    assert Notification.objects.filter(recipient=cast.supplier).count() == 2


def test_the_window_is_configurable(cast: Any, settings: Any) -> None:
    settings.ESLABON_DECLARATION_REMINDER_DAYS = 60
    _ending(cast, TODAY + dt.timedelta(days=45))
    assert reminders.send_expiry_reminders(today=TODAY) == 1


def test_drafts_revoked_and_renewed_declarations_get_no_reminder(cast: Any) -> None:
    _ending(cast, TODAY + dt.timedelta(days=5), issued=False)
    revoked = _ending(cast, TODAY + dt.timedelta(days=5))
    services.revoke_declaration(revoked, user=cast.supplier, reason="Cambio de proceso")
    renewed = _ending(cast, TODAY + dt.timedelta(days=5))
    services.issue_declaration(
        services.renew_declaration(renewed, user=cast.supplier), user=cast.supplier
    )
    assert reminders.send_expiry_reminders(today=TODAY) == 0


def test_an_expired_declaration_is_notified_once_to_supplier_and_customer(cast: Any) -> None:
    expired = _ending(cast, TODAY - dt.timedelta(days=1))
    _ending(cast, TODAY)  # ends today: still covered
    Notification.objects.all().delete()
    assert reminders.send_expired_notices(today=TODAY) == 1
    assert Notification.objects.filter(recipient=cast.supplier).count() == 1
    assert Notification.objects.filter(recipient=cast.buyer).count() == 1
    assert not Notification.objects.filter(recipient=cast.other_supplier).exists()
    expired.refresh_from_db()
    assert expired.expired_notice_sent_at is not None
    assert reminders.send_expired_notices(today=TODAY) == 0
    assert reminders.send_expired_notices(today=TODAY + dt.timedelta(days=1)) == 1  # today's


def test_the_task_runs_both_eagerly_and_is_idempotent(cast: Any) -> None:
    today = timezone.localdate()
    _ending(cast, today + dt.timedelta(days=3))
    _ending(cast, today - dt.timedelta(days=3))
    assert tasks.expiry_reminders.delay().get() == {"reminded": 1, "expired": 1}
    assert tasks.expiry_reminders.delay().get() == {"reminded": 0, "expired": 0}


def test_a_claimed_declaration_is_not_sent_by_a_second_worker(cast: Any) -> None:
    due = _ending(cast, TODAY + dt.timedelta(days=3))
    now = timezone.now()
    assert reminders._claim(due, "expiry_reminder_sent_at", now) is True
    assert reminders._claim(due, "expiry_reminder_sent_at", now) is False
