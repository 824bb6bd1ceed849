"""The buyer's Origin workspace: goods, their bill of materials, the RVC result with its chart,
localisation targets with local suppliers and offers, and scenarios compared side by side.

Views parse, call a selector or service, and render; who sees what comes from the querysets'
``visible_to`` / ``editable_by`` and permissions.py. A good that is not visible is a 404.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eslabon.domain.errors import DomainError
from eslabon.origin import (
    candidates,
    certification,
    exports,
    permissions,
    presentation,
    selectors,
    services,
)
from eslabon.origin.forms import BomUploadForm, GoodForm, MaterialForm, OfferForm, ScenarioForm
from eslabon.origin.models import Good, Material, Offer, Scenario
from eslabon.rendering import render_page

MAX_COMPARED = 3


def _require_workspace(request: HttpRequest) -> None:
    if not permissions.uses_workspace(request.user):
        raise PermissionDenied


def _good(request: HttpRequest, pk: int, *, edit: bool = False) -> Good:
    """The good if the user may see it (else 404); with ``edit``, 403 unless they may change it."""
    good = get_object_or_404(
        Good.objects.visible_to(request.user).select_related("organization"), pk=pk
    )
    if edit and not permissions.can_edit(request.user, good):
        raise PermissionDenied
    return good


def _material(request: HttpRequest, pk: int) -> Material:
    material = get_object_or_404(
        Material.objects.visible_to(request.user).select_related("good__organization"), pk=pk
    )
    if not permissions.can_edit(request.user, material.good):
        raise PermissionDenied
    return material


@login_required
def good_list(request: HttpRequest) -> HttpResponse:
    _require_workspace(request)
    goods = selectors.goods_with_figures(Good.objects.visible_to(request.user))
    context = {"goods": goods, "can_create": permissions.can_create_good(request.user)}
    return render_page(request, "origin/good_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def good_create(request: HttpRequest) -> HttpResponse:
    buyers = permissions.buyer_organizations(request.user)
    if not buyers:
        raise PermissionDenied
    form = GoodForm(request.POST or None, buyers=buyers, initial={"currency": "USD"})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "organization"}
        good = services.create_good(
            organization=form.cleaned_data["organization"], user=request.user, data=data
        )
        messages.success(request, _("Good created. Now upload or enter its bill of materials."))
        return redirect("origin:good_detail", pk=good.pk)
    return render_page(request, "origin/good_form.html", {"form": form, "good": None})


@login_required
@require_http_methods(["GET", "POST"])
def good_edit(request: HttpRequest, pk: int) -> HttpResponse:
    good = _good(request, pk, edit=True)
    form = GoodForm(request.POST or None, instance=good, buyers=[good.organization])
    if request.method == "POST" and form.is_valid():
        services.update_good(good=good, data=form.cleaned_data)
        return redirect("origin:good_detail", pk=good.pk)
    return render_page(request, "origin/good_form.html", {"form": form, "good": good})


def _workspace(
    request: HttpRequest,
    good: Good,
    *,
    editing: Material | None = None,
    edit_form: MaterialForm | None = None,
    add_form: MaterialForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = presentation.workspace(good, can_edit=permissions.can_edit(request.user, good))
    context.update(
        editing=editing.pk if editing else None,
        edit_form=edit_form,
        add_form=add_form or MaterialForm(good=good, prefix="new"),
        upload_form=BomUploadForm(),
    )
    return render_page(
        request, "origin/good_detail.html", context, partial="workspace", status=status
    )


@login_required
def good_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _workspace(request, _good(request, pk))


@login_required
@require_POST
def bom_upload(request: HttpRequest, pk: int) -> HttpResponse:
    good = _good(request, pk, edit=True)
    form = BomUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a CSV or Excel file."))
        return redirect("origin:good_detail", pk=good.pk)
    try:
        count = services.import_bom(
            good=good, upload=form.cleaned_data["file"],
            max_bytes=settings.ESLABON_MAX_UPLOAD_BYTES,
        )  # fmt: skip
    except DomainError as error:
        messages.error(request, _("Nothing was imported. %(error)s") % {"error": error})
    else:
        messages.success(request, _("%(count)d lines imported.") % {"count": count})
    return redirect("origin:good_detail", pk=good.pk)


@login_required
@require_POST
def material_create(request: HttpRequest, pk: int) -> HttpResponse:
    good = _good(request, pk, edit=True)
    form = MaterialForm(request.POST, good=good, prefix="new")
    if form.is_valid():
        try:
            services.save_material(good=good, material=None, data=form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            return _workspace(request, good)
    return _workspace(request, good, add_form=form, status=422 if not request.htmx else 200)


@login_required
@require_http_methods(["GET", "POST"])
def material_edit(request: HttpRequest, pk: int) -> HttpResponse:
    material = _material(request, pk)
    good = material.good
    form = MaterialForm(
        request.POST if request.method == "POST" else None, instance=material, good=good,
        prefix=f"m{material.pk}",
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.save_material(good=good, material=material, data=form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            return _workspace(request, good)
    return _workspace(request, good, editing=material, edit_form=form)


@login_required
@require_POST
def material_delete(request: HttpRequest, pk: int) -> HttpResponse:
    material = _material(request, pk)
    good = material.good
    services.delete_material(material=material)
    return _workspace(request, good)


@login_required
@require_POST
def material_target(request: HttpRequest, pk: int) -> HttpResponse:
    material = _material(request, pk)
    services.set_target(material=material, target=request.POST.get("target") == "1")
    return _workspace(request, material.good)


def _offer_keys(good: Good) -> dict[tuple[str, str, Decimal], int]:
    """Offer ids by the engine's candidate identity (material id, supplier, unit price)."""
    rows = Offer.objects.filter(material__good=good).values_list(
        "pk", "material__code", "supplier_name", "unit_price"
    )
    return {(code, name, price): pk for pk, code, name, price in rows}


@login_required
def localisation(request: HttpRequest, pk: int) -> HttpResponse:
    good = _good(request, pk)
    state = request.GET.get("state", "").strip()[:2]
    targets = list(
        Material.objects.filter(good=good, is_localisation_target=True)
        .select_related("process", "requirement_line")
        .prefetch_related("offers")
        .order_by("position", "pk")
    )
    context: dict[str, Any] = {
        "good": good,
        "can_edit": permissions.can_edit(request.user, good),
        "state": state,
        "targets": candidates.candidates_for(good, targets, state=state),
        "offer_form": OfferForm(),
        "scenario_form": ScenarioForm(good=good),
    }
    context.update(presentation.plans(good, _offer_keys(good)))
    return render_page(request, "origin/localisation.html", context, partial="plans")


@login_required
@require_POST
def offer_create(request: HttpRequest, pk: int) -> HttpResponse:
    material = _material(request, pk)
    form = OfferForm(request.POST)
    if form.is_valid():
        try:
            services.add_offer(
                material=material, supplier=form.cleaned_data["supplier"],
                supplier_name=form.cleaned_data["supplier_name"] or "",
                unit_price=form.cleaned_data["unit_price"],
            )  # fmt: skip
        except DomainError as error:
            messages.error(request, str(error))
    else:
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, _("Offer not saved: %(errors)s") % {"errors": errors})
    return redirect("origin:localisation", pk=material.good_id)


@login_required
@require_POST
def offers_from_quotes(request: HttpRequest, pk: int) -> HttpResponse:
    material = _material(request, pk)
    try:
        count = services.offers_from_quotes(material=material, user=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(count)d offers taken from quotes.") % {"count": count})
    return redirect("origin:localisation", pk=material.good_id)


@login_required
@require_POST
def offer_delete(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(
        Offer.objects.visible_to(request.user).select_related("material__good"), pk=pk
    )
    if not permissions.can_edit(request.user, offer.material.good):
        raise PermissionDenied
    good_pk = offer.material.good_id
    services.delete_offer(offer=offer)
    return redirect("origin:localisation", pk=good_pk)


@login_required
@require_POST
def scenario_create(request: HttpRequest, pk: int) -> HttpResponse:
    good = _good(request, pk, edit=True)
    form = ScenarioForm(request.POST, good=good)
    if not form.is_valid():
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, _("Scenario not saved: %(errors)s") % {"errors": errors})
        return redirect("origin:localisation", pk=good.pk)
    try:
        scenario = services.save_scenario(
            good=good, name=form.cleaned_data["name"], offers=list(form.cleaned_data["offers"]),
            user=request.user,
        )  # fmt: skip
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("origin:localisation", pk=good.pk)
    messages.success(request, _("Scenario “%(name)s” saved.") % {"name": scenario.name})
    return redirect("origin:scenarios", pk=good.pk)


@login_required
def scenarios(request: HttpRequest, pk: int) -> HttpResponse:
    good = _good(request, pk)
    saved = list(Scenario.objects.filter(good=good).prefetch_related("substitutions__material"))
    wanted = [value for value in request.GET.getlist("compare") if value.isdigit()]
    compared = [s for s in saved if str(s.pk) in wanted][:MAX_COMPARED]
    if len(wanted) > MAX_COMPARED:
        messages.warning(
            request, _("At most %(n)d scenarios are compared at once.") % {"n": MAX_COMPARED}
        )
    context = {
        "good": good,
        "can_edit": permissions.can_edit(request.user, good),
        "scenarios": saved,
        "compared": compared,
        "comparison": presentation.comparison(good, compared) if compared else None,
    }
    return render_page(request, "origin/scenarios.html", context, partial="comparison")


@login_required
@require_POST
def scenario_delete(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = get_object_or_404(
        Scenario.objects.visible_to(request.user).select_related("good"), pk=pk
    )
    if not permissions.can_edit(request.user, scenario.good):
        raise PermissionDenied
    good_pk = scenario.good_id
    services.delete_scenario(scenario=scenario)
    return redirect("origin:scenarios", pk=good_pk)


@login_required
def good_certification(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft certification of origin (PDF) for a good that qualifies (criterion B)."""
    good = _good(request, pk)
    if not good.qualifies:
        messages.error(request, _("Only a good that qualifies can be certified as originating."))
        return redirect("origin:good_detail", pk=good.pk)
    try:
        content = certification.good_certification_pdf(good, request.user)
    except DomainError as error:
        messages.error(
            request, _("The certification is missing an element: %(error)s") % {"error": error}
        )
        return redirect("origin:good_detail", pk=good.pk)
    response = HttpResponse(content, content_type="application/pdf")
    name = (good.part_number or f"good-{good.pk}").replace('"', "")
    response["Content-Disposition"] = f'inline; filename="certification-{name}.pdf"'
    return response


@login_required
def good_export(request: HttpRequest, pk: int) -> HttpResponse:
    good = _good(request, pk)
    content = exports.good_workbook(good)
    response = HttpResponse(content, content_type=exports.XLSX_CONTENT_TYPE)
    name = (good.part_number or f"good-{good.pk}").replace('"', "")
    response["Content-Disposition"] = f'attachment; filename="origin-{name}.xlsx"'
    return response
