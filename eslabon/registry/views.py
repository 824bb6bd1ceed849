"""Registry pages: home, directory, profiles, a supplier's own records, approvals, files.

Views parse, call a selector or service, and render; scoping comes from the querysets'
``visible_to`` / ``editable_by`` and the rules in permissions.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eslabon.registry import permissions, selectors, services
from eslabon.registry.choices import OrganizationStatus
from eslabon.registry.filtersets import DirectoryFilter
from eslabon.registry.forms import OrganizationForm, ReviewForm
from eslabon.registry.models import Certification, Organization
from eslabon.registry.records import RECORD_KINDS
from eslabon.registry.uploads import serve_stored_file
from eslabon.rendering import render_page

DIRECTORY_PAGE_SIZE = 25


def home(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {}
    if request.user.is_authenticated:
        context["organizations"] = Organization.objects.editable_by(request.user).order_by(
            "legal_name"
        )
        if permissions.is_operator(request.user):
            context["pending_count"] = Organization.objects.filter(
                status=OrganizationStatus.PENDING
            ).count()
    context["published_suppliers"] = Organization.objects.published_suppliers().count()
    return render(request, "registry/home.html", context)


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    if not permissions.sees_directory(request.user):
        raise PermissionDenied
    filterset = DirectoryFilter(
        request.GET or None, queryset=selectors.directory_queryset(request.user)
    )
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    page = Paginator(queryset, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "today": timezone.localdate(),
    }
    return render_page(request, "registry/directory.html", context, partial="results")


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        organization = selectors.organization_profile(request.user, pk)
    except Organization.DoesNotExist:
        raise Http404 from None
    context = {
        "organization": organization,
        "can_edit": permissions.can_edit_organization_records(request.user, organization),
        "can_manage": permissions.can_manage_organization(request.user, organization),
        "record_kinds": RECORD_KINDS,
        "today": timezone.localdate(),
    }
    return render(request, "registry/organization_detail.html", context)


@login_required
def my_organizations(request: HttpRequest) -> HttpResponse:
    own = Organization.objects.filter(pk__in=permissions.organization_ids(request.user))
    if own.count() == 1:
        return redirect("registry:organization_detail", pk=own.get().pk)
    return render(request, "registry/my_organizations.html", {"organizations": own})


def _editable_organization(request: HttpRequest, pk: int) -> Organization:
    organization = get_object_or_404(Organization.objects.visible_to(request.user), pk=pk)
    if not permissions.can_edit_organization_records(request.user, organization):
        raise PermissionDenied
    return organization


@login_required
@require_http_methods(["GET", "POST"])
def organization_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_object_or_404(Organization.objects.visible_to(request.user), pk=pk)
    if not permissions.can_manage_organization(request.user, organization):
        raise PermissionDenied
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        services.save_organization(organization=form.save(commit=False))
        messages.success(request, _("The profile was saved."))
        return redirect("registry:organization_detail", pk=organization.pk)
    return render(
        request, "registry/record_form.html",
        {"form": form, "organization": organization, "title": _("Company profile")},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(
    request: HttpRequest, org_pk: int, kind: str, pk: int | None = None
) -> HttpResponse:
    record_kind = RECORD_KINDS.get(kind)
    if record_kind is None:
        raise Http404
    organization = _editable_organization(request, org_pk)
    instance = get_object_or_404(record_kind.of(organization), pk=pk) if pk else None
    form = record_kind.build_form(
        organization, request.POST or None, request.FILES or None, instance=instance
    )
    if request.method == "POST" and form.is_valid():
        services.save_record(form=form, organization=organization)
        messages.success(request, _("%(kind)s saved.") % {"kind": record_kind.title})
        return redirect("registry:organization_detail", pk=organization.pk)
    context = {"form": form, "organization": organization, "title": record_kind.title}
    return render(request, "registry/record_form.html", context)


@login_required
@require_POST
def record_delete(request: HttpRequest, org_pk: int, kind: str, pk: int) -> HttpResponse:
    record_kind = RECORD_KINDS.get(kind)
    if record_kind is None:
        raise Http404
    organization = _editable_organization(request, org_pk)
    services.delete_record(record=get_object_or_404(record_kind.of(organization), pk=pk))
    messages.success(request, _("%(kind)s deleted.") % {"kind": record_kind.title})
    return redirect("registry:organization_detail", pk=organization.pk)


@login_required
def certificate_file(request: HttpRequest, pk: int) -> FileResponse:
    """Serve a certificate file only to those who may see its organisation."""
    certification = get_object_or_404(Certification.objects.visible_to(request.user), pk=pk)
    return serve_stored_file(certification.certificate_file)


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    if not permissions.can_review_organizations(request.user):
        raise PermissionDenied
    pending = (
        Organization.objects.filter(status=OrganizationStatus.PENDING)
        .prefetch_related("memberships__user")
        .order_by("created_at")
    )
    return render(request, "registry/review_queue.html", {"pending": pending, "form": ReviewForm()})


@login_required
@require_POST
def review_organization(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_review_organizations(request.user):
        raise PermissionDenied
    organization = get_object_or_404(Organization, pk=pk, status=OrganizationStatus.PENDING)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the organisation is rejected."))
        return redirect("registry:review_queue")
    approve = form.cleaned_data["decision"] == "approve"
    services.review_organization(
        organization=organization, reviewer=request.user, approve=approve,
        reason=form.cleaned_data["reason"],
    )  # fmt: skip
    if approve:
        messages.success(request, _("%(name)s is published.") % {"name": organization})
    else:
        messages.success(request, _("%(name)s was rejected.") % {"name": organization})
    return redirect("registry:review_queue")
