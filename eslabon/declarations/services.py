"""Writes of origin declarations, one transaction each.

Every write re-checks the USMCA rules through the domain (Annex 5-A: blanket period of at
most 12 months, HS classification to six digits, origin criterion A-D) and raises
``InputError`` naming the field, so a caller other than the form (CLI, demo) cannot store a
certification that breaks them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eslabon.declarations.choices import DeclarationStatus
from eslabon.declarations.models import DeclarationLine, OriginDeclaration
from eslabon.domain.errors import InputError
from eslabon.domain.origin import certification as domain
from eslabon.hub.notifications import members_of, notify

LINE_FIELDS = ("description", "part_number", "hs_code", "origin_criterion")
_EDITABLE = (
    "customer", "production_site", "exporter_name", "exporter_address", "exporter_email",
    "exporter_phone", "period_start", "period_end", "certifier_name", "certifier_title",
    "certifier_email", "certifier_phone", "document",
)  # fmt: skip


class NotAllowed(InputError):
    """The declaration's state does not allow this change (e.g. editing an issued one)."""


def check_lines(lines: list[Mapping[str, Any]]) -> None:
    """Each good through the domain (HS code ≥ 6 digits, criterion A-D); errors name the line."""
    if not lines:
        raise InputError("lines", _("A declaration covers at least one good."))
    for i, line in enumerate(lines):
        try:
            domain.GoodLine(
                str(line.get("description", "")), str(line.get("hs_code", "")),
                line.get("origin_criterion", ""), str(line.get("part_number", "")),
            )  # fmt: skip
        except InputError as error:
            raise InputError(f"lines[{i}].{error.where}", error.message) from error
        except ValueError as error:
            raise InputError(f"lines[{i}].origin_criterion", str(error)) from error


def _save_lines(declaration: OriginDeclaration, lines: Iterable[Mapping[str, Any]]) -> None:
    declaration.lines.all().delete()
    DeclarationLine.objects.bulk_create(
        [
            DeclarationLine(declaration=declaration, **{f: line.get(f, "") for f in LINE_FIELDS})
            for line in lines
        ]
    )


def _check(fields: Mapping[str, Any], lines: list[Mapping[str, Any]]) -> None:
    domain.check_blanket_period(fields["period_start"], fields["period_end"])
    check_lines(lines)


@transaction.atomic
def create_declaration(
    *, supplier: Any, user: Any, fields: Mapping[str, Any], lines: list[Mapping[str, Any]]
) -> OriginDeclaration:
    """A draft declaration of ``supplier`` covering ``lines``."""
    _check(fields, lines)
    declaration = OriginDeclaration.objects.create(
        supplier=supplier, created_by=user, **{k: v for k, v in fields.items() if k in _EDITABLE}
    )
    _save_lines(declaration, lines)
    return declaration


@transaction.atomic
def update_declaration(
    declaration: OriginDeclaration, *, fields: Mapping[str, Any], lines: list[Mapping[str, Any]]
) -> OriginDeclaration:
    declaration = OriginDeclaration.objects.select_for_update().get(pk=declaration.pk)
    if not declaration.is_draft:
        raise NotAllowed("status", _("Only a draft can be changed; renew it for a new period."))
    _check(fields, lines)
    for key, value in fields.items():
        if key in _EDITABLE:
            setattr(declaration, key, value)
    declaration.save()
    _save_lines(declaration, lines)
    return declaration


def _tell_customer(declaration: OriginDeclaration, subject: str, body: str) -> None:
    if declaration.customer_id is None:
        return
    notify(recipients=members_of([declaration.customer_id]), subject=subject, body=body)


@transaction.atomic
def issue_declaration(
    declaration: OriginDeclaration, *, user: Any, on: dt.date | None = None
) -> OriginDeclaration:
    """Sign and issue a draft: every Annex 5-A element must be present and in rule."""
    declaration = OriginDeclaration.objects.select_for_update().get(pk=declaration.pk)
    if not declaration.is_draft:
        raise NotAllowed("status", _("Only a draft can be issued."))
    declaration.signed_on = on or timezone.localdate()
    declaration.as_certification()  # raises InputError naming the missing element
    declaration.status = DeclarationStatus.ISSUED
    declaration.save(update_fields=["signed_on", "status", "updated_at"])
    _tell_customer(
        declaration,
        _("Origin declaration from %(supplier)s") % {"supplier": declaration.supplier},
        _("%(supplier)s certified goods as USMCA originating from %(start)s to %(end)s.")
        % {
            "supplier": declaration.supplier,
            "start": declaration.period_start,
            "end": declaration.period_end,
        },
    )
    return declaration


@transaction.atomic
def revoke_declaration(
    declaration: OriginDeclaration, *, user: Any, reason: str, on: dt.date | None = None
) -> OriginDeclaration:
    """Withdraw an issued declaration (e.g. a good turned out non-originating, UR s.17(11))."""
    declaration = OriginDeclaration.objects.select_for_update().get(pk=declaration.pk)
    if not declaration.is_issued:
        raise NotAllowed("status", _("Only an issued declaration can be revoked."))
    if not reason.strip():
        raise InputError("reason", _("Say why the declaration is revoked."))
    declaration.status = DeclarationStatus.REVOKED
    declaration.revoked_on = on or timezone.localdate()
    declaration.revocation_reason = reason.strip()
    declaration.save(update_fields=["status", "revoked_on", "revocation_reason", "updated_at"])
    _tell_customer(
        declaration,
        _("Origin declaration revoked by %(supplier)s") % {"supplier": declaration.supplier},
        _("The declaration for %(start)s to %(end)s no longer applies: %(reason)s")
        % {
            "start": declaration.period_start,
            "end": declaration.period_end,
            "reason": declaration.revocation_reason,
        },
    )
    return declaration


def next_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period after [start, end], starting the next day and within 12 months (Annex 5-A
    element 8): as many whole months when the old one ran whole months (1 Jan-30 Jun →
    1 Jul-31 Dec), otherwise as many days."""
    new_start = end + dt.timedelta(days=1)
    months = (new_start.year - start.year) * 12 + new_start.month - start.month
    if start.day <= 28 and new_start.day == start.day and months > 0:
        year, month = divmod(new_start.month - 1 + months, 12)
        new_end = new_start.replace(year=new_start.year + year, month=month + 1)
        new_end -= dt.timedelta(days=1)
    else:
        new_end = new_start + (end - start)
    return new_start, min(new_end, domain.latest_blanket_end(new_start))


@transaction.atomic
def renew_declaration(declaration: OriginDeclaration, *, user: Any) -> OriginDeclaration:
    """A draft copy for the next period, with the same goods, to check and issue."""
    if declaration.is_draft:
        raise NotAllowed("status", _("Issue the draft before renewing it."))
    start, end = next_period(declaration.period_start, declaration.period_end)
    fields = {key: getattr(declaration, key) for key in _EDITABLE if key != "document"}
    fields.update(period_start=start, period_end=end)
    lines = [{f: getattr(line, f) for f in LINE_FIELDS} for line in declaration.lines.all()]
    renewal = create_declaration(
        supplier=declaration.supplier, user=user, fields=fields, lines=lines
    )
    renewal.renewed_from = declaration
    renewal.save(update_fields=["renewed_from"])
    return renewal
