"""Daily origin-declaration reminders on Celery beat (settings.CELERY_BEAT_SCHEDULE).
Idempotent: each reminder and each expiry notice is sent once per declaration."""

from __future__ import annotations

from celery import shared_task

from eslabon.declarations.reminders import send_expired_notices, send_expiry_reminders


@shared_task(acks_late=True, time_limit=600)
def expiry_reminders() -> dict[str, int]:
    return {"reminded": send_expiry_reminders(), "expired": send_expired_notices()}
