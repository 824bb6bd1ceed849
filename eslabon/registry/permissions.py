"""Who may see and change what in the registry: the one place that decides.

Roles come from the organisations a user belongs to: members of an operator organisation
(and staff) are programme officers; members of a buyer organisation are buyers; members
of a supplier organisation are suppliers. Views and the API call these functions and the
querysets' ``visible_to``/``editable_by``; they never filter by owner by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eslabon.registry.choices import MembershipRole

if TYPE_CHECKING:
    from eslabon.registry.models import Organization


def _memberships(user: Any) -> list[Any]:
    """Memberships with their organisations, cached on the user object for one request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_eslabon_memberships", None)
    if cached is None:
        cached = list(user.memberships.select_related("organization"))
        user._eslabon_memberships = cached
    return cached


def organization_ids(user: Any) -> set[int]:
    """Ids of the organisations the user belongs to."""
    return {membership.organization_id for membership in _memberships(user)}


def admin_organization_ids(user: Any) -> set[int]:
    return {m.organization_id for m in _memberships(user) if m.role == MembershipRole.ADMIN}


def is_operator(user: Any) -> bool:
    """Programme officers (members of an approved operator organisation) and staff."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff:
        return True
    return any(
        m.organization.is_operator and m.organization.is_published for m in _memberships(user)
    )


def is_buyer(user: Any) -> bool:
    return any(m.organization.is_buyer and m.organization.is_published for m in _memberships(user))


def is_supplier(user: Any) -> bool:
    return any(m.organization.is_supplier for m in _memberships(user))


def belongs_to_published_organization(user: Any) -> bool:
    return any(m.organization.is_published for m in _memberships(user))


def sees_directory(user: Any) -> bool:
    """Published profiles are visible to members of published organisations and operators."""
    return is_operator(user) or belongs_to_published_organization(user)


def can_edit_organization_records(user: Any, organization: Organization) -> bool:
    """Sites, capabilities, certifications and contacts: any member, or an operator."""
    return is_operator(user) or organization.pk in organization_ids(user)


def can_manage_organization(user: Any, organization: Organization) -> bool:
    """The organisation's own profile and its members: its administrators, or an operator."""
    return is_operator(user) or organization.pk in admin_organization_ids(user)


def can_review_organizations(user: Any) -> bool:
    """Approving a supplier before it is published is the programme officers' job."""
    return is_operator(user)


def organizations(user: Any) -> list[Organization]:
    """The organisations the user belongs to, from the per-request membership cache."""
    return [membership.organization for membership in _memberships(user)]
