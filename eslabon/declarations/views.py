"""Origin declaration pages: a supplier creates, issues, revokes and renews its declarations;
a buyer reads those addressed to it with their standing; both download the USMCA
certification of origin as PDF.

Scoping comes from ``OriginDeclaration.objects.visible_to`` (404 for anyone else) and the
rules in permissions.py (403 for a reader who may not change).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eslabon.declarations import permissions, selectors, services
from eslabon.declarations.choices import Standing
from eslabon.declarations.forms import DeclarationForm, LineFormSet, RevokeForm
from eslabon.declarations.models import OriginDeclaration
from eslabon.declarations.pdf import certification_pdf
from eslabon.domain.errors import InputError
from eslabon.registry.uploads import serve_stored_file
from eslabon.rendering import render_page


def _standing(declaration: OriginDeclaration) -> Standing:
    return Standing(declaration.standing_on(timezone.localdate()))


def _rows(declarations: Any) -> list[tuple[OriginDeclaration, Standing]]:
    return [(d, _standing(d)) for d in declarations]


@login_required
def declaration_list(request: HttpRequest) -> HttpResponse:
    """The supplier's own declarations (every supplier's for operators)."""
    if not (permissions.is_supplier_member(request.user) or permissions.sees_all(request.user)):
        raise PermissionDenied
    rows = _rows(selectors.declarations_of_suppliers(request.user))
    context = {"rows": rows, "can_declare": permissions.can_declare(request.user)}
    return render_page(request, "declarations/list.html", context)


@login_required
def received(request: HttpRequest) -> HttpResponse:
    """Declarations addressed to the buyer's organisations, with their standing today."""
    if not permissions.sees_received(request.user):
        raise PermissionDenied
    rows = _rows(selectors.received_declarations(request.user))
    return render_page(request, "declarations/received.html", {"rows": rows})


def _changeable(request: HttpRequest, pk: int) -> OriginDeclaration:
    declaration = selectors.declaration_for(request.user, pk)
    if not permissions.can_change(request.user, declaration):
        raise PermissionDenied
    return declaration


def _lines(formset: Any) -> list[dict[str, Any]]:
    return [
        {key: form.cleaned_data[key] for key in services.LINE_FIELDS}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def _save(request: HttpRequest, form: Any, formset: Any, declaration: Any) -> Any:
    fields = {k: v for k, v in form.cleaned_data.items() if k != "supplier"}
    if not fields.get("document"):
        fields.pop("document", None)  # keep the stored file
    try:
        with transaction.atomic():
            if declaration is None:
                return services.create_declaration(
                    supplier=form.cleaned_data["supplier"], user=request.user, fields=fields,
                    lines=_lines(formset),
                )  # fmt: skip
            return services.update_declaration(declaration, fields=fields, lines=_lines(formset))
    except InputError as error:
        form.add_error(None, str(error))
        return None


def _edit_page(request: HttpRequest, declaration: OriginDeclaration | None) -> HttpResponse:
    suppliers = permissions.supplier_organizations(request.user)
    instance = declaration or OriginDeclaration()
    if request.method == "POST":
        form = DeclarationForm(request.POST, request.FILES, instance=instance, suppliers=suppliers)
        formset = LineFormSet(request.POST, instance=instance, prefix="lines")
        if form.is_valid() and formset.is_valid():
            saved = _save(request, form, formset, declaration)
            if saved is not None:
                messages.success(request, _("Declaration saved as a draft."))
                return redirect("declarations:detail", saved.pk)
    else:
        initial = {}
        if declaration is None:
            user = request.user
            initial = {
                "certifier_name": user.get_full_name(),  # type: ignore[union-attr]
                "certifier_email": getattr(user, "email", ""),
            }
        form = DeclarationForm(instance=instance, initial=initial, suppliers=suppliers)
        formset = LineFormSet(instance=instance, prefix="lines")
    context = {"form": form, "formset": formset, "declaration": declaration}
    return render_page(request, "declarations/form.html", context)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_declare(request.user):
        raise PermissionDenied
    return _edit_page(request, None)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _changeable(request, pk)
    if not declaration.is_draft:
        messages.error(request, _("Only a draft can be changed; renew it for a new period."))
        return redirect("declarations:detail", pk)
    return _edit_page(request, declaration)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = selectors.declaration_for(request.user, pk)
    context = {
        "declaration": declaration,
        "standing": _standing(declaration),
        "can_change": permissions.can_change(request.user, declaration),
        "revoke_form": RevokeForm(),
    }
    return render_page(request, "declarations/detail.html", context)


@require_POST
@login_required
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _changeable(request, pk)
    try:
        services.issue_declaration(declaration, user=request.user)
    except InputError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Declaration issued."))
    return redirect("declarations:detail", pk)


@require_POST
@login_required
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _changeable(request, pk)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the declaration is revoked."))
        return redirect("declarations:detail", pk)
    try:
        services.revoke_declaration(
            declaration, user=request.user, reason=form.cleaned_data["reason"]
        )
    except InputError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Declaration revoked; the customer was told."))
    return redirect("declarations:detail", pk)


@require_POST
@login_required
def renew(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _changeable(request, pk)
    try:
        renewal = services.renew_declaration(declaration, user=request.user)
    except InputError as error:
        messages.error(request, str(error))
        return redirect("declarations:detail", pk)
    messages.success(request, _("A draft for the next period was created; check it and issue it."))
    return redirect("declarations:edit", renewal.pk)


@login_required
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = selectors.declaration_for(request.user, pk)
    try:
        content = certification_pdf(declaration)
    except InputError as error:
        messages.error(request, str(error))
        return redirect("declarations:detail", pk)
    response = HttpResponse(content, content_type="application/pdf")
    name = f"certificacion-origen-{declaration.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def document(request: HttpRequest, pk: int) -> FileResponse:
    declaration = selectors.declaration_for(request.user, pk)
    return serve_stored_file(declaration.document)
