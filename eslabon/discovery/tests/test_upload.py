"""DENUE import from the web: the file is stored under the data folder, a "denue-import" job
imports it in the background, and the job page shows progress and the result."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eslabon.discovery.models import Establishment
from eslabon.discovery.tasks import estimated_percent
from eslabon.discovery.tests.conftest import shop
from eslabon.domain.discovery.tests.denue_files import denue_file
from eslabon.jobs.models import Job, JobStatus


@pytest.fixture
def officer(client: Any, cast: Any, settings: Any, tmp_path: Path) -> Any:
    settings.DATA_DIR = tmp_path
    client.force_login(cast.operator)
    return client


def upload(client: Any, content: bytes, capture: Any, **fields: Any) -> Any:
    with capture(execute=True):
        return client.post(
            reverse("discovery:denue_upload"),
            {"file": SimpleUploadedFile("denue_19.csv", content), **fields},
        )


def test_an_uploaded_file_is_imported_by_a_background_job(
    officer: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    content = denue_file([shop("A-1", "332710"), shop("A-2", "331510", cve_ent="05")])
    response = upload(officer, content, django_capture_on_commit_callbacks, states=["19"])
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.kind == "denue-import"
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.result["added"] == 1 and job.result["rows_of_other_states"] == 1
    assert list(Establishment.objects.values_list("clee", flat=True)) == ["A-1"]
    stored = Path(job.params["path"])
    assert stored.parent == tmp_path / "denue-uploads"
    assert not stored.exists()  # imported, then removed
    page = officer.get(reverse("jobs:detail", args=[job.pk]))
    assert "'added': 1" in html.unescape(page.content.decode())


def test_a_malformed_file_fails_its_job_with_the_line(
    officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    good = denue_file([shop("A-1", "332710")])
    broken = good + b'"2","B-2","ROTO"\r\n'
    upload(officer, broken, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert "line 3" in job.error
    assert not Establishment.objects.exists()
    assert Path(job.params["path"]).exists()  # kept for the officer to look into


def test_skipping_bad_rows_imports_the_rest(
    officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    broken = denue_file([shop("A-1", "332710")]) + b'"2","B-2","ROTO"\r\n'
    upload(officer, broken, django_capture_on_commit_callbacks, skip_bad_rows="on")
    job = Job.objects.get()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.result["bad_rows_skipped"] == 1 and job.result["added"] == 1


def test_a_file_over_the_limit_is_refused_before_any_job(
    officer: Any, settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    settings.ESLABON_MAX_DENUE_UPLOAD_BYTES = 100
    response = upload(officer, b"x" * 101, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Job.objects.exists()
    assert not (tmp_path / "denue-uploads").exists() or not any(
        (tmp_path / "denue-uploads").iterdir()
    )


def test_progress_is_estimated_from_rows_read_against_the_file_size() -> None:
    sample = b"x" * 99 + b"\n"  # 100 bytes a line
    assert estimated_percent("50,000 rows read", sample, 10_000_000) == 45
    assert estimated_percent("900,000 rows read", sample, 10_000_000) == 85
    assert estimated_percent("100,000 rows staged; merging", sample, 10_000_000) == 90
    assert estimated_percent("reading", b"", 0) == 5
