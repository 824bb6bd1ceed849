"""A job's page: progress while it runs (htmx polls the fragment), then result or reason."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from eslabon.jobs.models import Job
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
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = Job.objects.filter(created_by=request.user)[:50]
    return render_page(request, "jobs/job_list.html", {"jobs": jobs})
