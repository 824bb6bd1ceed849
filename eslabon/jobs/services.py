"""Enqueue and run background jobs; each job kind is a function registered by its app.

A job function receives the job's parameters and a progress callback and returns a
JSON-serialisable result. It must do its writes in one transaction so that a worker killed
mid-job leaves nothing half-written (the result is published whole, or not at all).
Transient failures (database or broker unavailable) are retried with exponential back-off;
after the last attempt the job is shown as failed with its reason.

If the broker is down when a job is enqueued, the job stays recorded as queued but not sent;
``resend_unsent`` (every minute from beat, and when a worker starts) sends it once the
broker is back, so the user's request never fails for it (docs/reliability.md).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerUnavailable

from eslabon.jobs.models import Job, JobStatus

ProgressCallback = Callable[[int, str], None]
JobFunction = Callable[[dict[str, Any], ProgressCallback], Any]

_REGISTRY: dict[str, JobFunction] = {}
logger = logging.getLogger(__name__)
# Seconds a web process has to hand a new job to the broker before resend_unsent may do it.
RESEND_GRACE_SECONDS = 30


def files_dir() -> Path:
    """Where jobs leave the files they produce (reports): under the data folder, never served
    directly; ``jobs:file`` hands one to the job's owner."""
    return Path(settings.DATA_DIR) / "job-files"


def store_file(content: bytes, *, suffix: str) -> str:
    """Write a job's output file; returns the name to put in the job's result as "file"."""
    folder = files_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{uuid.uuid4().hex}{suffix}"
    (folder / name).write_bytes(content)
    return name


def copy_upload(upload: Any, *, folder: Path, suffix: str) -> Path:
    """Copy an uploaded file, chunk by chunk (memory stays flat), where a job will read it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}{suffix}"
    with path.open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    return path


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

    def hand_over() -> None:
        job.sent = send(job.pk)

    transaction.on_commit(hand_over)
    return job


def send(job_id: int) -> bool:
    """Hand a recorded job to the broker; if it is down, leave the job waiting for resend."""
    from eslabon.jobs.tasks import run_job

    try:
        run_job.delay(job_id)
    except (BrokerUnavailable, OSError) as error:
        logger.warning("job %s not sent, the broker is unavailable: %s", job_id, error)
        _update(job_id, message=_("Waiting for the task queue; it starts when the queue is back."))
        return False
    # The waiting message goes, unless a worker has already started and written its own.
    waiting_message = Case(When(status=JobStatus.QUEUED, then=Value("")), default=F("message"))
    _update(job_id, sent_at=timezone.now(), message=waiting_message)
    return True


def resend_unsent(*, grace_seconds: int = RESEND_GRACE_SECONDS) -> int:
    """Send the queued jobs the broker never accepted; returns how many went."""
    cutoff = timezone.now() - dt.timedelta(seconds=grace_seconds)
    waiting = Job.objects.filter(
        status=JobStatus.QUEUED, sent_at__isnull=True, created_at__lte=cutoff
    ).values_list("pk", flat=True)
    sent = 0
    for job_id in list(waiting):
        if not send(job_id):
            break  # still down: the next run tries again
        sent += 1
    return sent


def _update(job_id: int, **fields: Any) -> None:
    Job.objects.filter(pk=job_id).update(**fields)


def start(job_id: int) -> Job | None:
    """Mark the job running and count the attempt; None if it already ended (a duplicate).

    A job found still "running" was being run by a worker that died (killed, out of memory,
    machine lost): the broker handed it out again, and the record says so.
    """
    job = Job.objects.get(pk=job_id)
    if job.is_finished:
        return None
    lost = job.status == JobStatus.RUNNING
    _update(
        job_id, status=JobStatus.RUNNING, attempts=F("attempts") + 1, started_at=timezone.now(),
        error=_("The previous attempt stopped with its worker; restarted.") if lost else "",
        progress=0,
    )  # fmt: skip
    job.refresh_from_db()
    return job


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
