"""Hub pages for buyers and suppliers: requirements, lines, files, invitations, NDA, Q&A.

Views parse, call a selector or a service, and render. Who sees a requirement comes from
``Requirement.objects.visible_to``; who may change it from hub/permissions.py. Quotes,
comparison, award and audit are in views_quotes.py.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eslabon.hub import forms, permissions, selectors, services
from eslabon.hub import line_import as line_import_service
from eslabon.hub.choices import RequirementStatus
from eslabon.hub.models import LineAttachment, Notification, Requirement, RequirementLine
from eslabon.hub.services import HubError
from eslabon.hub.uploads import UploadRejected
from eslabon.rendering import render_page


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


def visible_requirement(request: HttpRequest, pk: int) -> Requirement:
    return selectors.current_requirement(request.user, pk)


def buyer_requirement(request: HttpRequest, pk: int) -> Requirement:
    requirement = visible_requirement(request, pk)
    if not permissions.is_requirement_buyer(request.user, requirement):
        raise PermissionDenied
    return requirement


def acting_supplier(request: HttpRequest) -> Any:
    supplier = permissions.supplier_organization(request.user)
    if supplier is None:
        raise PermissionDenied
    return supplier


def rule_errors_to_messages(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A rule broken in a service becomes a message on the requirement's page."""

    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, pk, *args, **kwargs)
        except (HubError, UploadRejected) as error:
            messages.error(request, str(error))
            return after_change(request, pk)

    return wrapper


def after_change(request: HttpRequest, pk: int) -> HttpResponse:
    """Back to the requirement: the whole page, or its questions fragment for HTMX forms."""
    if getattr(request, "htmx", False):
        return requirement_detail(request, pk)
    return redirect("hub:requirement_detail", pk=pk)


@login_required
def requirement_list(request: HttpRequest) -> HttpResponse:
    requirements = selectors.requirement_list(request.user)
    status = request.GET.get("status", "")
    if status in RequirementStatus.values:
        requirements = requirements.filter(status=status)
    context = {
        "requirements": requirements[:200],
        "can_create": permissions.can_create_requirement(request.user),
        "statuses": RequirementStatus.choices,
        "status": status,
    }
    return render_page(request, "hub/requirement_list.html", context, partial="rows")


@login_required
@require_http_methods(["GET", "POST"])
def requirement_create(request: HttpRequest) -> HttpResponse:
    buyers = permissions.buyer_organizations(request.user)
    if not buyers:
        raise PermissionDenied
    form = forms.RequirementForm(request.POST or None, buyer=buyers[0])
    if request.method == "POST" and form.is_valid():
        try:
            requirement = services.save_requirement(
                requirement=form.save(commit=False), actor=request.user, ip=client_ip(request),
                processes=form.cleaned_data["processes"], materials=form.cleaned_data["materials"],
                certifications=form.cleaned_data["required_certifications"],
            )  # fmt: skip
        except HubError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Draft saved. Add its lines, then publish it."))
            return redirect("hub:requirement_detail", pk=requirement.pk)
    return render(request, "hub/requirement_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
@rule_errors_to_messages
def requirement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = buyer_requirement(request, pk)
    if not permissions.can_edit_requirement(request.user, requirement):
        raise HubError(_("Only a draft requirement can be changed."))
    form = forms.RequirementForm(
        request.POST or None, instance=requirement, buyer=requirement.buyer
    )
    if request.method == "POST" and form.is_valid():
        services.save_requirement(
            requirement=form.save(commit=False), actor=request.user, ip=client_ip(request),
            processes=form.cleaned_data["processes"], materials=form.cleaned_data["materials"],
            certifications=form.cleaned_data["required_certifications"],
        )  # fmt: skip
        messages.success(request, _("The requirement was saved."))
        return redirect("hub:requirement_detail", pk=pk)
    return render(request, "hub/requirement_form.html", {"form": form, "requirement": requirement})


@login_required
def requirement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = visible_requirement(request, pk)
    requirement = selectors.requirement_detail(request.user, pk)
    user = request.user
    is_buyer = permissions.is_requirement_buyer(user, requirement)
    supplier = None if is_buyer else permissions.supplier_organization(user)
    context: dict[str, Any] = {
        "requirement": requirement,
        "is_buyer": is_buyer,
        "supplier": supplier,
        "can_edit": permissions.can_edit_requirement(user, requirement),
        "can_see_audit": permissions.can_see_audit(user, requirement),
        "invitations": selectors.invitations_for(user, requirement),
        "questions": selectors.questions_for(user, requirement),
        "clarifications": selectors.clarifications_for(user, requirement),
        "awards": selectors.awards_for(user, requirement),
        "now": timezone.now(),
    }
    if is_buyer:
        context |= {
            "counts": selectors.submitted_counts(requirement),
            "invite_form": forms.InviteForm(requirement=requirement),
            "answer_form": forms.AnswerForm(),
            "line_form": forms.LineForm(),
            "attachment_form": forms.AttachmentForm(),
            "reason_form": forms.ReasonForm(),
        }
    elif supplier is not None:
        context |= {
            "nda_accepted": selectors.nda_accepted(user, requirement),
            "quote": selectors.own_quote(user, requirement),
            "can_quote": permissions.can_quote(user, requirement),
            "question_form": forms.QuestionForm(),
            "invitation_form": forms.InvitationAnswerForm(),
        }
    return render_page(request, "hub/requirement_detail.html", context, partial="questions")


@login_required
@require_POST
@rule_errors_to_messages
def requirement_publish(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = buyer_requirement(request, pk)
    services.publish(requirement=requirement, actor=request.user, ip=client_ip(request))
    messages.success(request, _("Published. Invited suppliers were notified."))
    return redirect("hub:requirement_detail", pk=pk)


@login_required
@require_POST
@rule_errors_to_messages
def requirement_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = buyer_requirement(request, pk)
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        raise HubError(_("Say why the requirement is cancelled."))
    services.cancel(
        requirement=requirement, reason=form.cleaned_data["reason"], actor=request.user,
        ip=client_ip(request),
    )  # fmt: skip
    messages.success(request, _("The requirement was cancelled."))
    return redirect("hub:requirement_detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
@rule_errors_to_messages
def line_edit(request: HttpRequest, pk: int, line_pk: int | None = None) -> HttpResponse:
    requirement = buyer_requirement(request, pk)
    line = get_object_or_404(requirement.lines, pk=line_pk) if line_pk else None
    form = forms.LineForm(
        request.POST or None, instance=line or RequirementLine(requirement=requirement)
    )
    if request.method == "POST" and form.is_valid():
        services.save_line(line=form.save(commit=False), actor=request.user, ip=client_ip(request))
        messages.success(request, _("Line saved."))
        return redirect("hub:requirement_detail", pk=pk)
    context = {"form": form, "requirement": requirement, "line": line}
    return render(request, "hub/line_form.html", context)


@login_required
@require_POST
@rule_errors_to_messages
def line_delete(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    requirement = buyer_requirement(request, pk)
    line = get_object_or_404(requirement.lines, pk=line_pk)
    services.delete_line(line=line, actor=request.user, ip=client_ip(request))
    messages.success(request, _("Line removed."))
    return redirect("hub:requirement_detail", pk=pk)


@login_required
@require_POST
@rule_errors_to_messages
def attachment_upload(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    requirement = buyer_requirement(request, pk)
    line = get_object_or_404(requirement.lines, pk=line_pk)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        raise HubError(_("Choose a file to attach."))
    services.attach_to_line(
        line=line, upload=form.cleaned_data["file"], kind=form.cleaned_data["kind"],
        actor=request.user, ip=client_ip(request),
    )  # fmt: skip
    messages.success(request, _("File attached."))
    return redirect("hub:requirement_detail", pk=pk)


def stored_file_response(stored: Any) -> FileResponse:
    response = FileResponse(
        stored.file.open("rb"), as_attachment=True, filename=stored.original_name,
        content_type=stored.content_type,
    )  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """Drawings: the buyer's members, and suppliers that accepted the NDA; every download logged."""
    requirement = visible_requirement(request, pk)
    attachment = get_object_or_404(
        LineAttachment.objects.visible_to(request.user).select_related("line__requirement"),
        pk=attachment_pk, line__requirement=requirement,
    )  # fmt: skip
    organization = requirement.buyer
    if not permissions.is_requirement_buyer(request.user, requirement):
        organization = acting_supplier(request)
        if not services.has_accepted_nda(requirement, organization.pk):
            raise PermissionDenied
    services.record_drawing_download(
        attachment=attachment, actor=request.user, organization=organization,
        ip=client_ip(request),
    )  # fmt: skip
    return stored_file_response(attachment)


@login_required
@require_POST
@rule_errors_to_messages
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = buyer_requirement(request, pk)
    form = forms.InviteForm(request.POST, requirement=requirement)
    if not form.is_valid():
        raise HubError(_("Choose a published supplier that is not invited yet."))
    services.invite(
        requirement=requirement, supplier=form.cleaned_data["supplier"], actor=request.user,
        ip=client_ip(request),
    )  # fmt: skip
    messages.success(request, _("Supplier invited."))
    return redirect("hub:requirement_detail", pk=pk)


@login_required
@require_POST
@rule_errors_to_messages
def invitation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = visible_requirement(request, pk)
    supplier = acting_supplier(request)
    invitation = get_object_or_404(requirement.invitations, supplier=supplier)
    form = forms.InvitationAnswerForm(request.POST)
    if not form.is_valid():
        raise HubError(_("Choose an answer."))
    services.answer_invitation(
        invitation=invitation, intends_to_quote=form.cleaned_data["decision"] == "intend",
        reason=form.cleaned_data["reason"], actor=request.user, ip=client_ip(request),
    )  # fmt: skip
    messages.success(request, _("Your answer was sent to the buyer."))
    return redirect("hub:requirement_detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
@rule_errors_to_messages
def nda(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = visible_requirement(request, pk)
    supplier = acting_supplier(request)
    if request.method == "POST":
        services.accept_nda(
            requirement=requirement, supplier=supplier, actor=request.user, ip=client_ip(request)
        )
        messages.success(request, _("NDA accepted. The drawings are now open to you."))
        return redirect("hub:requirement_detail", pk=pk)
    return render(request, "hub/nda.html", {"requirement": requirement})


@login_required
@require_POST
@rule_errors_to_messages
def question_ask(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = visible_requirement(request, pk)
    supplier = acting_supplier(request)
    form = forms.QuestionForm(request.POST)
    if not form.is_valid():
        raise HubError(_("Write the question."))
    services.ask_question(
        requirement=requirement, supplier=supplier, text=form.cleaned_data["text"],
        actor=request.user, ip=client_ip(request),
    )  # fmt: skip
    messages.success(request, _("Your question was sent privately to the buyer."))
    return after_change(request, pk)


@login_required
@require_POST
@rule_errors_to_messages
def question_answer(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    requirement = buyer_requirement(request, pk)
    question = get_object_or_404(requirement.questions, pk=question_pk)
    form = forms.AnswerForm(request.POST)
    if not form.is_valid():
        raise HubError(_("Write the answer and choose who reads it."))
    services.answer_question(
        question=question, scope=form.cleaned_data["scope"], text=form.cleaned_data["text"],
        public_question=form.cleaned_data["public_question"], actor=request.user,
        ip=client_ip(request),
    )  # fmt: skip
    messages.success(request, _("Answer saved."))
    return after_change(request, pk)


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.mark_notifications_read(user=request.user)
        return redirect("hub:notifications")
    items = Notification.objects.visible_to(request.user).select_related("requirement")[:100]
    return render(request, "hub/notifications.html", {"notifications": items})


@login_required
@require_http_methods(["GET", "POST"])
@rule_errors_to_messages
def line_import(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = buyer_requirement(request, pk)
    if not permissions.can_edit_requirement(request.user, requirement):
        raise HubError(_("Only a draft requirement can be changed."))
    form = forms.LineImportForm(request.POST or None, request.FILES or None)
    errors: list[line_import_service.RowError] = []
    if request.method == "POST" and form.is_valid():
        try:
            count = line_import_service.import_lines(
                requirement=requirement, upload=form.cleaned_data["file"], actor=request.user,
                ip=client_ip(request),
            )  # fmt: skip
        except line_import_service.LineImportError as error:
            errors = error.errors
        else:
            messages.success(request, _("%(n)d lines imported.") % {"n": count})
            return redirect("hub:requirement_detail", pk=pk)
    context = {"requirement": requirement, "form": form, "errors": errors}
    return render(request, "hub/line_import.html", context, status=400 if errors else 200)
