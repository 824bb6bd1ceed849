"""Reads of the hub: lists, details, the comparison matrix, supplier performance.

Every read starts from a ``visible_to`` queryset; the comparison matrix reads quotes only
through ``Quote.objects.visible_to``, so it is empty for everybody before the unsealing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from eslabon.hub import comparison, permissions, quoting
from eslabon.hub.choices import AnswerScope, QuoteStatus
from eslabon.hub.models import (
    Answer,
    AuditEvent,
    Award,
    Invitation,
    LineAttachment,
    NdaAcceptance,
    Question,
    Quote,
    QuoteLine,
    Requirement,
    RequirementLine,
)
from eslabon.registry.models import Certification


def current_requirement(user: Any, pk: int) -> Requirement:
    """A requirement the user may see (404 otherwise), its status brought up to the clock.

    Reading past the due time closes the requirement and unseals its quotes (once), so the
    seal opens at the due time whether or not a periodic job has run.
    """
    requirement = get_object_or_404(
        Requirement.objects.visible_to(user).select_related("buyer", "delivery_site"), pk=pk
    )
    quoting.close_if_due(requirement=requirement)
    return requirement


def requirement_list(user: Any) -> QuerySet[Requirement]:
    """Requirements the user may see, with what the list shows, in a fixed number of queries."""
    return (
        Requirement.objects.visible_to(user)
        .select_related("buyer", "delivery_site")
        .annotate(line_count=Count("lines", distinct=True))
        .order_by("-created_at", "-pk")
    )


def submitted_counts(requirement: Requirement) -> dict[str, int]:
    """How many suppliers submitted: a count only, never a price, so it is safe before due."""
    quotes = requirement.quotes.aggregate(
        submitted=Count("pk", filter=Q(status=QuoteStatus.SUBMITTED)),
    )
    return {"submitted": quotes["submitted"] or 0}


def requirement_detail(user: Any, pk: int) -> Requirement:
    """One visible requirement with its lines, files, taxonomy and, for the buyer, invitations."""
    return (
        Requirement.objects.visible_to(user)
        .select_related("buyer", "delivery_site")
        .prefetch_related(
            "processes",
            "materials",
            "required_certifications",
            Prefetch(
                "lines",
                queryset=RequirementLine.objects.prefetch_related(
                    Prefetch("attachments", queryset=LineAttachment.objects.order_by("pk"))
                ),
            ),
        )
        .get(pk=pk)
    )


def invitations_for(user: Any, requirement: Requirement) -> QuerySet[Invitation]:
    return (
        Invitation.objects.visible_to(user)
        .filter(requirement=requirement)
        .select_related("supplier")
        .order_by("supplier__legal_name")
    )


def questions_for(user: Any, requirement: Requirement) -> QuerySet[Question]:
    """The buyer's view: every question; a supplier's: its own, with answers it may read."""
    return (
        Question.objects.visible_to(user)
        .filter(requirement=requirement)
        .select_related("supplier")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.visible_to(user).order_by("pk"))
        )
    )


def clarifications_for(user: Any, requirement: Requirement) -> QuerySet[Answer]:
    """Broadcast answers, as every participant reads them: the buyer's wording, no asker."""
    return (
        Answer.objects.visible_to(user)
        .filter(question__requirement=requirement, scope=AnswerScope.BROADCAST)
        .only("pk", "public_question", "text", "answered_at", "question_id", "scope")
    )


def awards_for(user: Any, requirement: Requirement) -> QuerySet[Award]:
    return (
        Award.objects.visible_to(user)
        .filter(line__requirement=requirement)
        .select_related("line", "quote_line__quote__supplier")
        .order_by("line__position", "pk")
    )


def own_quote(user: Any, requirement: Requirement) -> Quote | None:
    supplier = permissions.supplier_organization(user)
    if supplier is None:
        return None
    return (
        Quote.objects.visible_to(user)
        .filter(requirement=requirement, supplier=supplier)
        .select_related("site")
        .prefetch_related("lines__tiers", "attachments")
        .first()
    )


def nda_accepted(user: Any, requirement: Requirement) -> bool:
    supplier = permissions.supplier_organization(user)
    return (
        supplier is not None
        and NdaAcceptance.objects.filter(requirement=requirement, supplier=supplier).exists()
    )


def audit_trail(user: Any, requirement: Requirement) -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.visible_to(user)
        .filter(requirement=requirement)
        .select_related("actor", "organization")
        .order_by("occurred_at", "pk")
    )


def comparison_matrix(
    user: Any, requirement: Requirement, now: dt.datetime | None = None
) -> comparison.Matrix:
    """Suppliers × lines for the buyer; empty before the unsealing, by construction."""
    now = now or timezone.now()
    quotes = list(
        Quote.objects.visible_to(user, now)
        .filter(requirement=requirement, status=QuoteStatus.SUBMITTED)
        .select_related("supplier", "site")
        .prefetch_related(
            Prefetch("lines", queryset=QuoteLine.objects.prefetch_related("tiers")),
        )
        .order_by("supplier__legal_name")
    )
    required = [standard.slug for standard in requirement.required_certifications.all()]
    held = _certificates_by_supplier([quote.supplier_id for quote in quotes])
    heads = [
        comparison.LineHead(line.pk, line.part_number, line.name, line.quantity)
        for line in requirement.lines.all()
    ]
    suppliers = [
        comparison.QuotedSupplier(
            supplier_id=quote.supplier_id,
            supplier_name=str(quote.supplier),
            quote_id=quote.pk,
            site_name=quote.site.name,
            latitude=quote.site.latitude,
            longitude=quote.site.longitude,
            certificates=tuple(
                (
                    slug,
                    comparison.certificate_state(
                        _covering(held.get(quote.supplier_id, []), quote.site_id),
                        slug,
                        requirement.sop_date,
                    ),
                )
                for slug in required
            ),
            lines=tuple(
                comparison.QuotedLine(
                    quote_line_id=quote_line.pk,
                    line_id=quote_line.line_id,
                    tooling_cost=quote_line.tooling_cost,
                    lead_time_ppap_weeks=quote_line.lead_time_ppap_weeks,
                    lead_time_sop_weeks=quote_line.lead_time_sop_weeks,
                    capacity_committed=quote_line.capacity_committed,
                    tiers=tuple((t.min_quantity, t.unit_price) for t in quote_line.tiers.all()),
                )
                for quote_line in quote.lines.all()
            ),
        )
        for quote in quotes
    ]
    site = requirement.delivery_site
    return comparison.build_matrix(
        currency=requirement.currency,
        lines=heads,
        suppliers=suppliers,
        plant=(site.latitude, site.longitude),
    )


Held = tuple[str, str | None, dt.date | None, dt.date | None]


def _certificates_by_supplier(supplier_ids: list[int]) -> dict[int, list[tuple[int | None, Held]]]:
    """Each supplier's certificates with the site they cover (None: the whole company)."""
    result: dict[int, list[tuple[int | None, Held]]] = {}
    rows = Certification.objects.filter(organization__in=supplier_ids).values_list(
        "organization_id", "site_id", "standard__slug", "status", "expires_on", "expected_on"
    )
    for organization_id, site_id, slug, status, expires_on, expected_on in rows:
        result.setdefault(organization_id, []).append(
            (site_id, (slug, status, expires_on, expected_on))
        )
    return result


def _covering(certificates: list[tuple[int | None, Held]], site_id: int) -> list[Held]:
    """Certificates that cover the plant where the part is made (IATF 16949 is per site)."""
    return [held for covered, held in certificates if covered in (None, site_id)]
