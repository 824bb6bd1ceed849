"""Discovery pages for programme officers: candidate search with its map and Excel export,
outreach to candidates, and DENUE imports from an uploaded file (a background job).

Only operators reach these views; each parses its input, calls a selector or service, renders.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from eslabon.discovery import selectors, services
from eslabon.discovery.exports import candidates_workbook
from eslabon.discovery.forms import (
    CandidateSearchForm,
    DenueUploadForm,
    InvitationForm,
    OutreachFilterForm,
    OutreachStatusForm,
)
from eslabon.discovery.models import Outreach
from eslabon.discovery.presenters import CandidateRow, candidate_rows, considered, markers
from eslabon.discovery.tasks import DENUE_IMPORT
from eslabon.domain.errors import InputError
from eslabon.jobs.services import enqueue
from eslabon.registry import permissions
from eslabon.registry.selectors import registered_supplier_sites
from eslabon.rendering import render_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
View = Callable[..., HttpResponse]


def operator_required(view: View) -> View:
    """Logged-in programme officers only; anybody else gets 403."""

    @login_required
    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not permissions.is_operator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


def _search(request: HttpRequest) -> tuple[CandidateSearchForm, selectors.MultiSearch | None]:
    form = CandidateSearchForm(request.GET or None, user=request.user)
    if not form.is_bound or not form.is_valid():
        return form, None
    data = form.cleaned_data
    try:
        search = selectors.search_for_processes(
            processes=data["processes"], size_classes=data["size_classes"],
            states=data.get("states") or (), near=data["near"], max_km=data.get("max_km"),
            registered=registered_supplier_sites(), limit=data["limit"], sort=data["sort"],
        )  # fmt: skip
    except InputError as error:
        form.add_error(None, str(error))
        return form, None
    return form, search


def _rows(request: HttpRequest) -> list[CandidateRow] | None:
    _form, search = _search(request)
    return None if search is None else candidate_rows(search.found)


@operator_required
def candidates(request: HttpRequest) -> HttpResponse:
    form, search = _search(request)
    query = request.GET.copy()
    query.pop("sort", None)
    context = {
        "form": form,
        "search": search,
        "rows": candidate_rows(search.found) if search else [],
        "considered": considered(search) if search else [],
        "query": request.GET.urlencode(),
        "unsorted_query": query.urlencode(),
        "tile_url": settings.ESLABON_MAP_TILE_URL,
        "tile_attribution": settings.ESLABON_MAP_TILE_ATTRIBUTION,
        "invitation": InvitationForm(),
    }
    return render_page(request, "discovery/candidates.html", context, partial="results")


@operator_required
def candidates_export(request: HttpRequest) -> HttpResponse:
    rows = _rows(request)
    if rows is None:
        return HttpResponse(_("The search is not valid."), status=400)
    response = HttpResponse(candidates_workbook(rows), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="candidates.xlsx"'
    return response


@operator_required
def candidates_markers(request: HttpRequest) -> JsonResponse:
    rows = _rows(request)
    if rows is None:
        return JsonResponse({"error": _("The search is not valid.")}, status=400)
    return JsonResponse({"markers": markers(rows)})


@require_POST
@operator_required
def invite(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose at least one candidate to invite."))
        back = request.POST.get("back", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            back = reverse("discovery:candidates")
        return redirect(back)
    records = services.invite(
        clees=form.cleaned_data["clee"],
        operator=request.user,
        notes=form.cleaned_data["notes"],
        send_email=form.cleaned_data["send_email"],
        signup_url=request.build_absolute_uri(reverse("accounts:signup")),
    )
    mailed = sum(1 for record in records if record.last_email_to)
    messages.success(
        request,
        ngettext(
            "%(count)d candidate invited (%(mailed)d by e-mail).",
            "%(count)d candidates invited (%(mailed)d by e-mail).",
            len(records),
        )
        % {"count": len(records), "mailed": mailed},
    )
    return redirect("discovery:outreach_list")


@operator_required
def outreach_list(request: HttpRequest) -> HttpResponse:
    filter_form = OutreachFilterForm(request.GET or None)
    status = filter_form.cleaned_data["status"] if filter_form.is_valid() else ""
    records = list(selectors.outreach_list(status)[:500])
    matches = selectors.registered_matches(records, registered_supplier_sites())
    figures = selectors.conversion_figures()
    context = {
        "filter_form": filter_form,
        "records": [(record, matches.get(record.pk, "")) for record in records],
        "figures": figures,
        "status_counts": [
            (label, figures.by_status[value]) for value, label in Outreach.Status.choices
        ],
    }
    return render_page(request, "discovery/outreach_list.html", context, partial="records")


@require_http_methods(["GET", "POST"])
@operator_required
def outreach_detail(request: HttpRequest, pk: int) -> HttpResponse:
    outreach = get_object_or_404(Outreach.objects.select_related("establishment"), pk=pk)
    form = OutreachStatusForm(request.POST or None, initial={"status": outreach.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_outreach_status(
                outreach=outreach, status=form.cleaned_data["status"], actor=request.user,
                note=form.cleaned_data["note"],
            )  # fmt: skip
        except InputError as error:
            form.add_error("status", str(error))
        else:
            messages.success(request, _("Status updated."))
            return redirect("discovery:outreach_detail", pk=outreach.pk)
    context = {
        "outreach": outreach,
        "events": outreach.events.select_related("actor"),
        "form": form,
        "match": selectors.registered_matches([outreach], registered_supplier_sites()).get(
            outreach.pk
        ),
    }
    return render_page(request, "discovery/outreach_detail.html", context)


@require_http_methods(["GET", "POST"])
@operator_required
def denue_upload(request: HttpRequest) -> HttpResponse:
    form = DenueUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            path = services.store_denue_upload(
                upload=upload, max_bytes=settings.ESLABON_MAX_DENUE_UPLOAD_BYTES
            )
        except InputError:
            form.add_error(
                "file",
                _("The file is too large: the limit is %(limit)d MB.")
                % {"limit": settings.ESLABON_MAX_DENUE_UPLOAD_BYTES // 1_000_000},
            )
        else:
            job = enqueue(
                kind=DENUE_IMPORT,
                params={
                    "path": str(path),
                    "original_name": upload.name[:200],
                    "states": form.cleaned_data["states"],
                    "edition": form.cleaned_data["edition"],
                    "skip_bad_rows": form.cleaned_data["skip_bad_rows"],
                },
                user=request.user,
            )
            return redirect("jobs:detail", pk=job.pk)
    context = {"form": form, "limit_mb": settings.ESLABON_MAX_DENUE_UPLOAD_BYTES // 1_000_000}
    return render_page(request, "discovery/denue_upload.html", context)
