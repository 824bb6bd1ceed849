"""A job's page: progress while it runs (htmx polls the fragment), then result or reason."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from eslabon.jobs import services
from eslabon.jobs.models import Job, JobStatus
from eslabon.registry import permissions
from eslabon.rendering import render_page


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    jobs = Job.objects.all()
    if not permissions.is_operator(request.user):
        jobs = jobs.filter(created_by=request.user)
    job = get_object_or_404(jobs, pk=pk)
    return render_page(request, "jobs/job_detail.html", {"job": job}, partial="status")


@login_required
def job_file(request: HttpRequest, pk: int) -> FileResponse:
    """The file a finished job produced, to the user who started it (or staff) only."""
    jobs = Job.objects.filter(status=JobStatus.SUCCEEDED)
    if not request.user.is_staff:
        jobs = jobs.filter(created_by=request.user)
    job = get_object_or_404(jobs, pk=pk)
    name = str((job.result or {}).get("file") or "")
    folder = services.files_dir().resolve()
    path = (folder / name).resolve()
    if not name or path.parent != folder or not path.is_file():
        raise Http404
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=job.result.get("filename") or name,
        content_type=job.result.get("content_type") or "application/octet-stream",
    )  # fmt: skip


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = Job.objects.filter(created_by=request.user)[:50]
    return render_page(request, "jobs/job_list.html", {"jobs": jobs})
