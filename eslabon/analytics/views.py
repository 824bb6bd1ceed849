"""Analytics pages: the index, one page per registered dashboard (with ?format=csv|xlsx
exports of its panels), and the programme report as a PDF of every dashboard."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from eslabon.analytics import exports, panels, permissions
from eslabon.analytics.filters import FilterForm
from eslabon.analytics.permissions import Scope
from eslabon.analytics.report import REPORT_JOB, filter_form, panel_items, report_pdf
from eslabon.jobs.services import enqueue

FORMATS = ("csv", "xlsx")


def _scope(request: HttpRequest) -> Scope:
    if not permissions.can_view_analytics(request.user):
        raise PermissionDenied
    return permissions.scope_of(request.user)


def _form(request: HttpRequest, scope: Scope) -> FilterForm:
    return filter_form(scope, request.GET)


def _index_with_errors(request: HttpRequest, scope: Scope, form: FilterForm) -> HttpResponse:
    context = {"dashboards": panels.dashboards(), "scope": scope, "form": form}
    return render(request, "analytics/index.html", context, status=400)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def index(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    context = {"dashboards": panels.dashboards(), "scope": scope}
    return render(request, "analytics/index.html", context)


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    scope = _scope(request)
    board = panels.dashboard(slug)
    if board is None:
        raise Http404
    form = _form(request, scope)
    wanted = request.GET.get("format", "")
    if wanted and wanted not in FORMATS:
        raise Http404
    if not form.is_valid():
        context = {"dashboard": board, "form": form, "items": [], "scope": scope}
        return render(request, board.template, context, status=400)
    filters = form.filters()
    built = board.build(scope, filters)
    if wanted:
        return _export(built, wanted, request.GET.get("panel", ""), board.slug)
    context = {
        "dashboard": board,
        "form": form,
        "items": panel_items(built, filters),
        "scope": scope,
        "min_cell": scope.min_cell,
        "query": filters.as_query(),
        "xlsx_all": filters.as_query(format="xlsx"),
    }
    return render(request, board.template, context)


def _export(built: list[panels.Panel], wanted: str, key: str, slug: str) -> HttpResponse:
    chosen = [panel for panel in built if not key or panel.key == key]
    if not chosen or (wanted == "csv" and not key):
        raise Http404
    name = slugify(f"{slug}-{key}" if key else slug)
    if wanted == "csv":
        return _download(exports.csv_bytes(chosen[0]), exports.CSV, f"{name}.csv")
    return _download(exports.xlsx_bytes(chosen), exports.XLSX, f"{name}.xlsx")


@login_required
def report(request: HttpRequest) -> HttpResponse:
    """The programme report PDF, made in the request (see report_job for the background one)."""
    scope = _scope(request)
    form = _form(request, scope)
    if not form.is_valid():
        return _index_with_errors(request, scope, form)
    content = report_pdf(scope, form, request.build_absolute_uri("/"))
    return _download(content, exports.PDF, "informe-analitica.pdf")


@login_required
@require_POST
def report_job(request: HttpRequest) -> HttpResponse:
    """Make the programme report in the background; the job's page offers the PDF when done."""
    scope = _scope(request)
    form = _form(request, scope)
    if not form.is_valid():
        return _index_with_errors(request, scope, form)
    job = enqueue(
        kind=REPORT_JOB,
        params={
            "user_id": request.user.pk,
            "query": dict(form.data),
            "base_url": request.build_absolute_uri("/"),
            "language": get_language(),
        },
        user=request.user,
    )
    return redirect("jobs:detail", pk=job.pk)
