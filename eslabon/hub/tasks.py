"""Periodic Supply Hub work on Celery beat: close requirements at their due time (which
unseals the quotes, once) and mail each supplier its daily digest of fitting requirements.

Both are idempotent: closing skips what is closed, and the digest covers a fixed window.
"""

from __future__ import annotations

from celery import shared_task

from eslabon.hub.digest import send_daily_digest
from eslabon.hub.quoting import close_due_requirements


@shared_task(acks_late=True, time_limit=300)
def close_due() -> int:
    return close_due_requirements()


@shared_task(acks_late=True, time_limit=1800)
def daily_digest() -> int:
    return send_daily_digest()
