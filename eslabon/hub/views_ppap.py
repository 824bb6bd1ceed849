"""The PPAP stage pages: the awarded supplier submits, the buyer decides, both read files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eslabon.hub import forms, permissions, ppap
from eslabon.hub.models import Award, PpapSubmission
from eslabon.hub.services import HubError
from eslabon.hub.uploads import UploadRejected
from eslabon.hub.views import client_ip, stored_file_response, visible_requirement


def _award(request: HttpRequest, pk: int, award_pk: int) -> Award:
    requirement = visible_requirement(request, pk)
    return get_object_or_404(
        Award.objects.visible_to(request.user).select_related(
            "line__requirement__buyer", "quote_line__quote__supplier"
        ),
        pk=award_pk,
        line__requirement=requirement,
    )


def _is_awarded_supplier(request: HttpRequest, award: Award) -> bool:
    return award.quote_line.quote.supplier_id in permissions.organization_ids(request.user)


@login_required
@require_http_methods(["GET", "POST"])
def ppap_stage(request: HttpRequest, pk: int, award_pk: int) -> HttpResponse:
    award = _award(request, pk, award_pk)
    requirement = award.line.requirement
    is_supplier = _is_awarded_supplier(request, award)
    is_buyer = permissions.is_requirement_buyer(request.user, requirement)
    if not (is_supplier or is_buyer or permissions.is_operator(request.user)):
        raise PermissionDenied
    form = forms.PpapSubmitForm(
        request.POST or None, request.FILES or None, level=requirement.ppap_level
    )
    if request.method == "POST":
        if not is_supplier:
            raise PermissionDenied
        if form.is_valid():
            try:
                ppap.submit_ppap(
                    award=award, warrant=form.cleaned_data["warrant"], documents=form.documents(),
                    actor=request.user, ip=client_ip(request),
                )  # fmt: skip
            except (HubError, UploadRejected) as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("PPAP submitted."))
                return redirect("hub:ppap", pk=pk, award_pk=award_pk)
    submissions = award.ppap_submissions.prefetch_related("documents").order_by("attempt")
    context = {
        "award": award,
        "requirement": requirement,
        "submissions": submissions,
        "is_supplier": is_supplier,
        "is_buyer": is_buyer,
        "form": form,
        "decision_form": forms.PpapDecisionForm(),
    }
    return render(request, "hub/ppap.html", context)


@login_required
@require_POST
def ppap_decide(request: HttpRequest, pk: int, award_pk: int, submission_pk: int) -> HttpResponse:
    award = _award(request, pk, award_pk)
    if not permissions.is_requirement_buyer(request.user, award.line.requirement):
        raise PermissionDenied
    submission = get_object_or_404(award.ppap_submissions, pk=submission_pk)
    form = forms.PpapDecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise HubError(_("Choose a disposition."))
        ppap.decide_ppap(
            submission=submission, disposition=form.cleaned_data["disposition"],
            reason=form.cleaned_data["reason"],
            interim_expires_on=form.cleaned_data["interim_expires_on"], actor=request.user,
            ip=client_ip(request),
        )  # fmt: skip
    except HubError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Disposition recorded."))
    return redirect("hub:ppap", pk=pk, award_pk=award_pk)


@login_required
def ppap_file(
    request: HttpRequest, pk: int, submission_pk: int, document_pk: int | None = None
) -> FileResponse:
    requirement = visible_requirement(request, pk)
    submission = get_object_or_404(
        PpapSubmission.objects.visible_to(request.user),
        pk=submission_pk,
        award__line__requirement=requirement,
    )
    if document_pk is None:
        return stored_file_response(submission)
    return stored_file_response(get_object_or_404(submission.documents, pk=document_pk))
