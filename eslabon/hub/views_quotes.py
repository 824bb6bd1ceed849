"""Hub pages around quotes: the supplier's quote, the buyer's comparison, award and audit.

The comparison reads quotes only through ``selectors.comparison_matrix`` (sealed until
the unsealing); the supplier's quote page reads only the supplier's own quote.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eslabon.hub import exports, forms, permissions, quoting, selectors, services
from eslabon.hub.choices import RequirementStatus
from eslabon.hub.models import QuoteAttachment
from eslabon.hub.services import HubError
from eslabon.hub.views import (
    acting_supplier,
    buyer_requirement,
    client_ip,
    rule_errors_to_messages,
    stored_file_response,
    visible_requirement,
)


@login_required
@require_http_methods(["GET", "POST"])
@rule_errors_to_messages
def quote_edit(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = visible_requirement(request, pk)
    supplier = acting_supplier(request)
    quote = selectors.own_quote(request.user, requirement)
    lines = list(requirement.lines.all())
    if request.method == "POST" and not requirement.accepts_quotes():
        raise HubError(_("Quotes are accepted only while the requirement is open."))
    form = forms.QuoteForm(request.POST or None, supplier=supplier, lines=lines, quote=quote)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            quote = quoting.save_quote(
                requirement=requirement, supplier=supplier, site=form.cleaned_data["site"],
                valid_until=form.cleaned_data["valid_until"], notes=form.cleaned_data["notes"],
                lines=form.cleaned_data["line_inputs"], submit=submit, actor=request.user,
                ip=client_ip(request),
            )  # fmt: skip
        except HubError as error:
            form.add_error(None, str(error))
        else:
            if submit:
                messages.success(request, _("Quote submitted. It stays sealed until the due time."))
            else:
                messages.success(request, _("Draft saved."))
            return redirect("hub:quote_edit", pk=pk)
    context = {
        "requirement": requirement,
        "form": form,
        "quote": quote,
        "attachment_form": forms.AttachmentForm(),
        "open": requirement.accepts_quotes(),
    }
    return render(request, "hub/quote_form.html", context)


@login_required
@require_POST
@rule_errors_to_messages
def quote_attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = visible_requirement(request, pk)
    acting_supplier(request)
    quote = selectors.own_quote(request.user, requirement)
    if quote is None:
        raise HubError(_("Save a draft of your quote before attaching files."))
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        raise HubError(_("Choose a file to attach."))
    quoting.attach_to_quote(
        quote=quote, upload=form.cleaned_data["file"], actor=request.user, ip=client_ip(request)
    )
    messages.success(request, _("File attached."))
    return redirect("hub:quote_edit", pk=pk)


@login_required
def quote_attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """The supplier's own files; the buyer's only once the quotes are unsealed."""
    requirement = visible_requirement(request, pk)
    attachment = get_object_or_404(
        QuoteAttachment.objects.visible_to(request.user), pk=attachment_pk,
        quote__requirement=requirement,
    )  # fmt: skip
    return stored_file_response(attachment)


@login_required
@require_POST
@rule_errors_to_messages
def requirement_evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = buyer_requirement(request, pk)
    quoting.start_evaluation(requirement=requirement, actor=request.user, ip=client_ip(request))
    return redirect("hub:comparison", pk=pk)


@login_required
def comparison(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = buyer_requirement(request, pk)
    matrix = selectors.comparison_matrix(request.user, requirement)
    context = {
        "requirement": requirement,
        "matrix": matrix,
        "sealed": not requirement.prices_unsealed(),
        "counts": selectors.submitted_counts(requirement),
        "can_award": requirement.status
        in {RequirementStatus.CLOSED, RequirementStatus.UNDER_EVALUATION},
        "award_form": forms.AwardForm(matrix=matrix),
    }
    return render(request, "hub/comparison.html", context)


@login_required
def comparison_export(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = buyer_requirement(request, pk)
    matrix = selectors.comparison_matrix(request.user, requirement)
    content = exports.comparison_workbook(requirement, matrix)
    services.record_export(requirement=requirement, actor=request.user, ip=client_ip(request))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = slugify(requirement.title) or "requirement"
    response["Content-Disposition"] = f'attachment; filename="comparison-{name}.xlsx"'
    return response


@login_required
@require_POST
@rule_errors_to_messages
def award(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = buyer_requirement(request, pk)
    matrix = selectors.comparison_matrix(request.user, requirement)
    form = forms.AwardForm(request.POST, matrix=matrix)
    if not form.is_valid():
        raise HubError(_("Shares are percentages from 0 to 100."))
    quoting.award(
        requirement=requirement, allocations=form.allocations(), actor=request.user,
        ip=client_ip(request),
    )  # fmt: skip
    messages.success(request, _("Awarded. Winners and the other suppliers were notified."))
    return redirect("hub:requirement_detail", pk=pk)


@login_required
def audit_trail(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = visible_requirement(request, pk)
    if not permissions.can_see_audit(request.user, requirement):
        raise PermissionDenied
    events = selectors.audit_trail(request.user, requirement)
    return render(request, "hub/audit.html", {"requirement": requirement, "events": events})
