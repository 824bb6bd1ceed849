"""Reads of origin declarations, for these pages and for the origin workspace's bill of
materials (which asks whether a supplier's material is covered on a date).

A declaration covers a material when it is issued, the date lies in its blanket period
(USMCA Annex 5-A element 8) and one of its goods matches the material's HS code (agreeing to
six digits, Annex 5-A element 6) or part number: ``eslabon.domain.origin.certification``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q

from eslabon.declarations import permissions
from eslabon.declarations.choices import DeclarationStatus, Standing
from eslabon.declarations.models import DeclarationLine, OriginDeclaration
from eslabon.domain.origin import certification as domain
from eslabon.registry.models import Contact, Site
from eslabon.registry.permissions import organizations

_RANK = {  # best first: what decides a BOM line's status when several declarations match
    Standing.VALID: 0,
    Standing.EXPIRING: 1,
    Standing.EXPIRED: 2,
    Standing.NOT_YET_VALID: 3,
    Standing.REVOKED: 4,
}


def _with_details(queryset: Any) -> Any:
    return queryset.select_related("supplier", "customer", "production_site").prefetch_related(
        Prefetch("lines", queryset=DeclarationLine.objects.order_by("pk")),
        Prefetch("supplier__sites", queryset=Site.objects.order_by("pk")),
        Prefetch("supplier__contacts", queryset=Contact.objects.all()),
        Prefetch("customer__sites", queryset=Site.objects.order_by("pk")),
        Prefetch("customer__contacts", queryset=Contact.objects.all()),
    )


def declaration_for(user: Any, pk: int) -> OriginDeclaration:
    """One declaration the user may see, with everything the certification prints (or 404)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(_with_details(OriginDeclaration.objects.visible_to(user)), pk=pk)


def declarations_of_suppliers(user: Any) -> Any:
    """The supplier's own declarations (all of them for operators), newest period first."""
    queryset = OriginDeclaration.objects.visible_to(user)
    if not permissions.sees_all(user):
        own = [org.pk for org in organizations(user) if org.is_supplier]
        queryset = queryset.filter(supplier__in=own)
    return _with_details(queryset)


def received_declarations(user: Any) -> Any:
    """Issued and revoked declarations addressed to the user's buyer organisations (all
    addressed ones for operators)."""
    queryset = OriginDeclaration.objects.visible_to(user).exclude(status=DeclarationStatus.DRAFT)
    if permissions.sees_all(user):
        queryset = queryset.filter(customer__isnull=False)
    else:
        queryset = queryset.filter(customer__in=permissions.received_organization_ids(user))
    return _with_details(queryset)


def valid_declarations_for(*, supplier: Any, on: dt.date, customer: Any | None = None) -> Any:
    """Issued declarations of ``supplier`` whose blanket period contains ``on``, lines
    prefetched. With ``customer``, only those addressed to it or to no named importer."""
    queryset = OriginDeclaration.objects.issued().filter(
        supplier=supplier, period_start__lte=on, period_end__gte=on
    )
    if customer is not None:
        queryset = queryset.filter(Q(customer=customer) | Q(customer__isnull=True))
    return queryset.prefetch_related(
        Prefetch("lines", queryset=DeclarationLine.objects.order_by("pk"))
    ).order_by("-period_end", "-pk")


@dataclass(frozen=True)
class DeclarationStanding:
    """Whether a supplier's material is covered on a day, and by which declaration.

    ``status`` is a ``Standing``: valid or expiring (covered), expired, not_yet_valid, revoked
    (the best matching declaration covers nothing on the day), or none (no declaration
    names the material)."""

    status: str
    declaration: OriginDeclaration | None = None
    line: DeclarationLine | None = None

    @property
    def covered(self) -> bool:
        return self.status in (Standing.VALID, Standing.EXPIRING)

    @property
    def expires_on(self) -> dt.date | None:
        return self.declaration.period_end if self.declaration else None


def declarations_by_supplier(
    supplier_ids: Iterable[int], *, customer: Any | None = None
) -> dict[int, list[OriginDeclaration]]:
    """Issued and revoked declarations of many suppliers in two queries, for a whole bill of
    materials: pass one list to ``declaration_status_for(candidates=...)`` per line."""
    queryset = OriginDeclaration.objects.filter(
        supplier__in=list(supplier_ids),
        status__in=[DeclarationStatus.ISSUED, DeclarationStatus.REVOKED],
    )
    if customer is not None:
        queryset = queryset.filter(Q(customer=customer) | Q(customer__isnull=True))
    result: dict[int, list[OriginDeclaration]] = defaultdict(list)
    for declaration in queryset.prefetch_related(
        Prefetch("lines", queryset=DeclarationLine.objects.order_by("pk"))
    ).order_by("-period_end", "-pk"):
        result[declaration.supplier_id].append(declaration)
    return dict(result)


def _goods(declaration: OriginDeclaration) -> list[DeclarationLine]:
    """The declaration's prefetched lines as a list, kept on the instance: a bill of materials
    asks the same candidates once per row."""
    goods = declaration.__dict__.get("_goods")
    if goods is None:
        goods = declaration.__dict__["_goods"] = list(declaration.lines.all())
    return goods  # type: ignore[no-any-return]


def declaration_status_for(
    *,
    supplier_org: Any,
    on: dt.date,
    hs_code: str | None = None,
    part_number: str | None = None,
    customer: Any | None = None,
    warn_days: int | None = None,
    candidates: list[OriginDeclaration] | None = None,
) -> DeclarationStanding:
    """How the supplier's declarations stand for one material on ``on``.

    A declaration is considered when one of its goods matches the HS code and/or part number
    given (``domain.line_matches``); with neither given, any good matches. Of those, the best
    standing wins: valid, expiring, expired, not yet valid, revoked; ties go to the latest
    period end. Drafts never count. ``candidates`` (from ``declarations_by_supplier``) avoids a
    query per line."""
    days = settings.ESLABON_DECLARATION_REMINDER_DAYS if warn_days is None else warn_days
    if candidates is None:
        candidates = declarations_by_supplier([supplier_org.pk], customer=customer).get(
            supplier_org.pk, []
        )
    if hs_code is not None:
        hs_code = domain.hs_digits(hs_code)  # once, not once per declared good
    best: DeclarationStanding | None = None
    for declaration in candidates:
        line = next(
            (
                line
                for line in _goods(declaration)
                if domain.line_matches(line.as_line(), hs_code=hs_code, part_number=part_number)
            ),
            None,
        )
        if line is None:
            continue
        if declaration.status == DeclarationStatus.REVOKED:
            status = Standing.REVOKED
        else:
            status = Standing(declaration.standing_on(on, warn_days=days))
        if best is None or _RANK[status] < _RANK[Standing(best.status)]:
            best = DeclarationStanding(status.value, declaration, line)
    return best or DeclarationStanding(Standing.NONE.value)
