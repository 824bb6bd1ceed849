"""The beat schedule names real tasks, and the close task closes what is due."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from eslabon.celery_app import app
from eslabon.hub import tasks
from eslabon.hub.tests.conftest import pass_due_time


def test_every_scheduled_task_is_registered() -> None:
    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks, entry["task"]


@pytest.mark.django_db
def test_the_periodic_close_closes_a_requirement_past_its_due_time(cast: Any, rfq: Any) -> None:
    pass_due_time(rfq.requirement)
    assert tasks.close_due.delay().get() == 1
    rfq.requirement.refresh_from_db()
    assert rfq.requirement.status == "closed"
    assert tasks.close_due.delay().get() == 0
