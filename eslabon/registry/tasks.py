"""Daily certificate-expiry reminders on Celery beat (settings.CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from eslabon.registry.reminders import send_certificate_reminders


@shared_task(acks_late=True, time_limit=600)
def certificate_expiry_reminders() -> dict[str, int]:
    return {"reminded": send_certificate_reminders()}
