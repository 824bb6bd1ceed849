"""Background jobs: progress and result recorded, failures retried then shown with a reason."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import OperationalError
from django.urls import reverse

from eslabon.domain.errors import InputError
from eslabon.jobs import services
from eslabon.jobs.models import Job

calls: list[int] = []


@services.job_kind("test-sum")
def _sum(params: dict[str, Any], progress: services.ProgressCallback) -> dict[str, int]:
    progress(50, "half way")
    return {"total": sum(params["numbers"])}


@services.job_kind("test-bad-input")
def _bad(params: dict[str, Any], progress: services.ProgressCallback) -> None:
    raise InputError("$.numbers[1]", "not a number")


@services.job_kind("test-database-down")
def _down(params: dict[str, Any], progress: services.ProgressCallback) -> None:
    calls.append(1)
    raise OperationalError("could not connect to server")


@pytest.mark.django_db(transaction=True)
def test_a_job_runs_in_process_without_a_broker_and_records_its_result(cast: Any) -> None:
    job = services.enqueue(kind="test-sum", params={"numbers": [1, 2, 3]}, user=cast.operator)
    job.refresh_from_db()
    assert job.status == "succeeded" and job.progress == 100 and job.result == {"total": 6}


@pytest.mark.django_db(transaction=True)
def test_bad_input_fails_at_once_with_the_place_named() -> None:
    job = services.enqueue(kind="test-bad-input", params={})
    job.refresh_from_db()
    assert job.status == "failed" and job.attempts == 1 and "$.numbers[1]" in job.error


@pytest.mark.django_db(transaction=True)
def test_a_transient_failure_is_retried_then_shown_as_failed_with_its_reason() -> None:
    calls.clear()
    job = services.enqueue(kind="test-database-down", params={})
    job.refresh_from_db()
    assert len(calls) == 4  # the first attempt and three retries
    assert job.status == "failed" and "could not connect" in job.error


@pytest.mark.django_db
def test_an_unknown_kind_is_refused_and_nothing_is_recorded() -> None:
    with pytest.raises(services.UnknownJobKind):
        services.enqueue(kind="nope", params={})
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_a_job_page_is_visible_to_its_owner_and_operators_only(client: Any, cast: Any) -> None:
    job = Job.objects.create(kind="test-sum", created_by=cast.supplier)
    url = reverse("jobs:detail", args=[job.pk])
    expected = {cast.supplier: 200, cast.operator: 200, cast.other_supplier: 404, cast.buyer: 404}
    for user, status in expected.items():
        client.force_login(user)
        assert client.get(url).status_code == status
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(cast.supplier)
    assert client.get(reverse("jobs:list")).status_code == 200
