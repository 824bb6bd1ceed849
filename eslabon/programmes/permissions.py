"""Who may do what in programmes: the one place that decides.

Programme officers (operators) read every programme; only members of a programme's own
operator organisation (or staff) change it. A company acts only for organisations it
belongs to, and reads only its own applications, plans, approvals and enrolments.
"""

from __future__ import annotations

from typing import Any

from eslabon.registry.permissions import is_operator, is_supplier, organization_ids


def is_officer(user: Any) -> bool:
    return is_operator(user)


def can_manage_programme(user: Any, programme: Any) -> bool:
    if not is_operator(user):
        return False
    return bool(user.is_staff) or programme.operator_id in organization_ids(user)


def acts_for(user: Any, organization: Any) -> bool:
    """The user may apply, enrol and hand in evidence for this company."""
    return organization.is_supplier and organization.pk in organization_ids(user)


def supplier_organizations(user: Any) -> list[Any]:
    if not is_supplier(user):
        return []
    from eslabon.registry.models import Organization

    return list(Organization.objects.filter(pk__in=organization_ids(user), is_supplier=True))
