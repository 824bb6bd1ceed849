"""The "event-schedule" background job: a first timetable, or a re-optimisation."""

from __future__ import annotations

from typing import Any

from eslabon.events import services
from eslabon.jobs.services import ProgressCallback, job_kind


@job_kind("event-schedule")
def schedule_event(params: dict[str, Any], progress: ProgressCallback) -> Any:
    event_pk = int(params["event"])
    limit = float(params.get("time_limit") or services.time_limit())
    try:
        if params.get("reoptimise"):
            return services.reschedule(event_pk, limit, progress)
        return services.schedule(event_pk, limit, progress)
    except Exception:
        # A failed run leaves the published timetable as it was; the job page has the reason.
        services.fail_schedule(event_pk)
        raise
