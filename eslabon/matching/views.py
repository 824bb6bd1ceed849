"""Ranked suppliers on a requirement (buyers, operators) and opportunities for a supplier."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eslabon.domain.errors import InputError
from eslabon.domain.matching import COMPONENTS, Weights
from eslabon.hub import permissions as hub_permissions
from eslabon.hub import services as hub_services
from eslabon.hub.models import Invitation, Requirement
from eslabon.matching import selectors, services
from eslabon.registry import permissions
from eslabon.registry.models import Organization
from eslabon.rendering import render_page

DEFAULT_SHOWN = 50


def _requirement_for_ranking(request: HttpRequest, pk: int) -> Requirement:
    requirement = get_object_or_404(Requirement.objects.visible_to(request.user), pk=pk)
    if not (
        hub_permissions.is_requirement_buyer(request.user, requirement)
        or permissions.is_operator(request.user)
    ):
        raise PermissionDenied
    return requirement


def _weights_from(data: Any) -> dict[str, float] | None:
    """Weights typed in the form (w_<component>), or None when the form was not used."""
    if not any(f"w_{name}" in data for name in COMPONENTS):
        return None
    weights = {}
    for name in COMPONENTS:
        try:
            weights[name] = float(data.get(f"w_{name}") or 0)
        except ValueError:
            raise InputError(f"w_{name}", _("a weight must be a number")) from None
    Weights.from_mapping(weights, where="weights")
    return weights


@login_required
def requirement_matches(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = selectors.with_taxonomy(_requirement_for_ranking(request, pk))
    try:
        preview = _weights_from(request.GET)
    except InputError as error:
        messages.error(request, str(error))
        preview = None
    weights = selectors.effective_weights(requirement, preview)
    ranking = selectors.ranking_for(requirement, weights=preview)
    component = request.GET.get("sensitivity", "")
    steps = (
        selectors.sensitivity_for(requirement, component, weights)
        if component in COMPONENTS
        else ()
    )
    results = list(ranking.results)
    eligible_only = request.GET.get("eligible") == "1"
    state = request.GET.get("state", "")
    states = selectors.site_states(r.site_id for r in results) if state else {}
    kept = [
        (place, result)
        for place, result in enumerate(results, start=1)
        if (result.eligible or not eligible_only)
        and (not state or states.get(result.site_id) == state)
    ]
    shown = kept[:DEFAULT_SHOWN]
    # Only the shown suppliers are loaded as rows (with their sites), not the whole ranking.
    organizations = selectors.organizations_by_id(result.supplier_id for _, result in shown)
    rows = []
    for place, result in shown:
        organization = organizations[result.supplier_id]
        site = next((s for s in organization.sites.all() if str(s.pk) == result.site_id), None)
        rows.append({"place": place, "result": result, "organization": organization, "site": site})
    invited = set(
        Invitation.objects.filter(requirement=requirement).values_list("supplier_id", flat=True)
    )
    context = {
        "requirement": requirement,
        "ranking": ranking,
        "rows": rows,
        "shown_of": len(kept),
        "eligible_count": sum(1 for r in results if r.eligible),
        "components": COMPONENTS,
        "invited": invited,
        "can_invite": hub_permissions.can_edit_requirement(request.user, requirement)
        or hub_permissions.is_requirement_buyer(request.user, requirement),
        "eligible_only": eligible_only,
        "state": state,
        "weights": weights,
        "previewing": preview is not None,
        "sensitivity_component": component if steps else "",
        "sensitivity_steps": steps,
        "names": {row["result"].supplier_id: row["organization"] for row in rows}
        | selectors.organizations_by_id({sid for step in steps for sid in step.top}),
    }
    return render_page(request, "matching/requirement_matches.html", context, partial="results")


@login_required
@require_POST
def invite_supplier(request: HttpRequest, pk: int, supplier_pk: int) -> HttpResponse:
    requirement = _requirement_for_ranking(request, pk)
    if not hub_permissions.is_requirement_buyer(request.user, requirement):
        raise PermissionDenied
    supplier = get_object_or_404(Organization.objects.published_suppliers(), pk=supplier_pk)
    try:
        hub_services.invite(
            requirement=requirement, supplier=supplier, actor=request.user,
            ip=request.META.get("REMOTE_ADDR"),
        )  # fmt: skip
    except hub_services.HubError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(supplier)s is invited.") % {"supplier": supplier})
    return redirect("matching:requirement_matches", pk=requirement.pk)


@login_required
@require_POST
def save_weights(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = _requirement_for_ranking(request, pk)
    if not hub_permissions.is_requirement_buyer(request.user, requirement):
        raise PermissionDenied
    try:
        weights = _weights_from(request.POST) or {}
        services.save_requirement_weights(requirement=requirement, weights=weights)
    except InputError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("These weights now rank suppliers for this requirement."))
    return redirect("matching:requirement_matches", pk=requirement.pk)


@login_required
def supplier_opportunities(request: HttpRequest) -> HttpResponse:
    organization = hub_permissions.supplier_organization(request.user)
    if organization is None:
        raise Http404
    reverse, requirements = selectors.opportunities_for(request.user, organization)
    context: dict[str, Any] = {
        "organization": organization,
        "fits": [(requirements[rid], result) for rid, result in reverse.fits],
        "nearly": [(requirements[rid], result) for rid, result in reverse.nearly],
        "open_count": len(requirements),
    }
    return render(request, "matching/supplier_opportunities.html", context)
