"""The one Celery task that runs every job kind, with retries and back-off."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from celery.signals import worker_ready
from django.db import DatabaseError, InterfaceError

from eslabon.domain.errors import DomainError
from eslabon.jobs import services

# Failures worth retrying: the database or a service was briefly unavailable.
TRANSIENT = (DatabaseError, InterfaceError, ConnectionError, TimeoutError)
MAX_RETRIES = 3


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, soft_time_limit=1800, time_limit=1900
)
def run_job(self: Any, job_id: int) -> Any:
    job = services.start(job_id)
    if job is None:  # already finished: a message delivered twice does nothing
        return None
    try:
        return services.execute(job)
    except DomainError as error:  # bad input: retrying cannot help
        services.mark_failed(job_id, str(error))
        return None
    except TRANSIENT as error:
        if self.request.retries >= MAX_RETRIES:
            services.mark_failed(job_id, f"{type(error).__name__}: {error}")
            return None
        services.mark_retrying(job_id, f"{type(error).__name__}: {error}")
        raise self.retry(exc=error, countdown=2**self.request.retries * 5) from error


@shared_task(ignore_result=True)
def resend_unsent() -> int:
    """Jobs recorded while the broker was down go out once it is back (beat, every minute)."""
    return services.resend_unsent()


@worker_ready.connect
def _resend_when_a_worker_starts(**kwargs: Any) -> None:
    resend_unsent.delay()
