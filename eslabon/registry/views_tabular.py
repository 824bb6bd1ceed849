"""Registry import and export pages (CSV and Excel); the work is in registry.tabular."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from eslabon.jobs.services import enqueue
from eslabon.registry import jobs, permissions, tabular

KIND_CHOICES = [
    ("", gettext_lazy("All (Excel only)")),
    ("organizations", gettext_lazy("Organisations")),
    ("sites", gettext_lazy("Sites")),
    ("capabilities", gettext_lazy("Capabilities")),
    ("certifications", gettext_lazy("Certifications")),
]


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV or Excel file"))
    kind = forms.ChoiceField(
        label=gettext_lazy("What the file holds"), choices=KIND_CHOICES, required=False
    )


@login_required
def export(request: HttpRequest) -> HttpResponse:
    fmt = request.GET.get("fmt", "xlsx")
    kind = request.GET.get("kind") or None
    if fmt not in {"xlsx", "csv"} or (fmt == "csv" and kind is None):
        return HttpResponse(_("Choose fmt=xlsx, or fmt=csv with a kind."), status=400)
    exported = tabular.export_registry(user=request.user, fmt=fmt, kind=kind)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request: HttpRequest) -> HttpResponse:
    if not (permissions.is_operator(request.user) or permissions.is_supplier(request.user)):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[tabular.RowError] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.ESLABON_IMPORT_INLINE_BYTES:
            job = enqueue(
                kind=jobs.REGISTRY_IMPORT,
                params={
                    "path": str(jobs.store_upload(upload)),
                    "original_name": upload.name[:200],
                    "kind": form.cleaned_data["kind"] or None,
                    "user_id": request.user.pk,
                },
                user=request.user,
            )
            return redirect("jobs:detail", pk=job.pk)
        try:
            report = tabular.import_registry(
                user=request.user, filename=upload.name, content=upload.read(),
                kind=form.cleaned_data["kind"] or None,
            )  # fmt: skip
        except tabular.TabularImportError as error:
            errors = error.errors
        else:
            messages.success(request, _("Import complete: %(summary)s") % {"summary": report})
    return render(
        request,
        "registry/import.html",
        {"form": form, "errors": errors},
        status=400 if errors else 200,
    )
