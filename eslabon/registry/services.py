"""Writes to the registry: one transaction each, keyword arguments, domain errors raised.

Views and the API validate input with forms or serializers, then call these functions.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from eslabon.domain.errors import DomainError
from eslabon.domain.registry.stratification import Sector as DomainSector
from eslabon.domain.registry.stratification import size_stratum
from eslabon.registry.choices import MembershipRole, OrganizationStatus
from eslabon.registry.models import Membership, Organization


class RegistryError(DomainError):
    """A registry change that the rules do not allow."""


def computed_stratum(organization: Organization) -> str:
    """Size stratum by DOF 30-06-2009 from employees and sales; blank while either is unknown."""
    if organization.employees is None or organization.annual_sales_mxn is None:
        return ""
    return size_stratum(
        employees=organization.employees,
        annual_sales_mxn=Decimal(organization.annual_sales_mxn),
        sector=DomainSector(organization.sector),
    ).value


@transaction.atomic
def save_organization(*, organization: Organization) -> Organization:
    """Save an organisation's profile with its size stratum recomputed from its figures."""
    organization.size_stratum = computed_stratum(organization)
    organization.save()
    return organization


@transaction.atomic
def create_organization(*, admin_user: Any = None, **fields: Any) -> Organization:
    """Create an organisation and, if given, make ``admin_user`` its administrator."""
    organization = Organization(**fields)
    organization.full_clean()
    save_organization(organization=organization)
    if admin_user is not None:
        Membership.objects.create(
            user=admin_user, organization=organization, role=MembershipRole.ADMIN
        )
    return organization


@transaction.atomic
def submit_for_review(*, organization: Organization) -> Organization:
    """A draft or rejected organisation asks to be published."""
    if organization.status not in {OrganizationStatus.DRAFT, OrganizationStatus.REJECTED}:
        raise RegistryError("only a draft or rejected organisation can be submitted")
    organization.status = OrganizationStatus.PENDING
    organization.save(update_fields=["status", "updated_at"])
    return organization


@transaction.atomic
def review_organization(
    *, organization: Organization, reviewer: Any, approve: bool, reason: str = ""
) -> Organization:
    """A programme officer publishes a pending organisation or rejects it with a reason."""
    if organization.status != OrganizationStatus.PENDING:
        raise RegistryError("only an organisation awaiting approval can be reviewed")
    if not approve and not reason.strip():
        raise RegistryError("a rejection needs a reason")
    organization.status = OrganizationStatus.APPROVED if approve else OrganizationStatus.REJECTED
    organization.status_reason = reason.strip()
    organization.reviewed_by = reviewer
    organization.reviewed_at = timezone.now()
    organization.save(
        update_fields=["status", "status_reason", "reviewed_by", "reviewed_at", "updated_at"]
    )
    return organization


@transaction.atomic
def save_record(*, form: Any, organization: Organization) -> Any:
    """Save a validated record form (site, capability, certificate, contact) of an organisation.

    Records with a direct link to the organisation get it set here, never from user input.
    """
    record = form.save(commit=False)
    if hasattr(record, "organization_id"):
        record.organization = organization
    record.full_clean()
    record.save()
    form.save_m2m()
    return record


@transaction.atomic
def delete_record(*, record: Any) -> None:
    record.delete()
