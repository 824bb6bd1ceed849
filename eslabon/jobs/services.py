"""Enqueue and run background jobs; each job kind is a function registered by its app.

A job function receives the job's parameters and a progress callback and returns a
JSON-serialisable result. It must do its writes in one transaction so that a worker killed
mid-job leaves nothing half-written (the result is published whole, or not at all).
Transient failures (database or broker unavailable) are retried with exponential back-off;
after the last attempt the job is shown as failed with its reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from eslabon.jobs.models import Job, JobStatus

ProgressCallback = Callable[[int, str], None]
JobFunction = Callable[[dict[str, Any], ProgressCallback], Any]

_REGISTRY: dict[str, JobFunction] = {}


def job_kind(name: str) -> Callable[[JobFunction], JobFunction]:
    """Register a function as the body of jobs of kind ``name``."""

    def register(function: JobFunction) -> JobFunction:
        _REGISTRY[name] = function
        return function

    return register


class UnknownJobKind(LookupError):
    pass


@transaction.atomic
def enqueue(*, kind: str, params: dict[str, Any], user: Any = None) -> Job:
    """Record a job and send it to the queue once the surrounding transaction commits."""
    if kind not in _REGISTRY:
        raise UnknownJobKind(kind)
    job = Job.objects.create(kind=kind, params=params, created_by=user)
    from eslabon.jobs.tasks import run_job

    transaction.on_commit(lambda: run_job.delay(job.pk))
    return job


def _update(job_id: int, **fields: Any) -> None:
    Job.objects.filter(pk=job_id).update(**fields)


def start(job_id: int, attempt: int) -> Job:
    _update(job_id, status=JobStatus.RUNNING, attempts=attempt, started_at=timezone.now(), error="")
    return Job.objects.get(pk=job_id)


def execute(job: Job) -> Any:
    """Run the job's function; progress is saved outside the function's own transaction."""
    function = _REGISTRY[job.kind]

    def progress(percent: int, message: str = "") -> None:
        _update(job.pk, progress=max(0, min(100, percent)), message=message[:255])

    result = function(job.params, progress)
    _update(
        job.pk, status=JobStatus.SUCCEEDED, progress=100, result=result,
        finished_at=timezone.now(),
    )  # fmt: skip
    return result


def mark_retrying(job_id: int, reason: str) -> None:
    _update(job_id, status=JobStatus.RETRYING, error=reason[:2000])


def mark_failed(job_id: int, reason: str) -> None:
    _update(job_id, status=JobStatus.FAILED, error=reason[:2000], finished_at=timezone.now())
