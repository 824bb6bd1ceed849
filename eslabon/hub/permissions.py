"""Who may do what in the Supply Hub: the one place that decides.

Roles come from the registry (eslabon.registry.permissions): a buyer acts for a published
buyer organisation, a supplier for a published supplier organisation, an operator is a
programme officer. Querysets' ``visible_to`` decide what a user reads; the functions here
decide what a user may change. Prices are a separate matter: see ``QuoteQuerySet``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eslabon.hub.choices import RequirementStatus
from eslabon.registry import permissions as registry

if TYPE_CHECKING:
    from eslabon.hub.models import Requirement
    from eslabon.registry.models import Organization

is_operator = registry.is_operator
organization_ids = registry.organization_ids


def buyer_organizations(user: Any) -> list[Organization]:
    """Published buyer organisations the user acts for."""
    return [o for o in registry.organizations(user) if o.is_buyer and o.is_published]


def supplier_organization(user: Any) -> Organization | None:
    """The published supplier organisation the user quotes for (the first, if several)."""
    for organization in registry.organizations(user):
        if organization.is_supplier and organization.is_published:
            return organization
    return None


def supplier_organization_ids(user: Any) -> set[int]:
    return {o.pk for o in registry.organizations(user) if o.is_supplier and o.is_published}


def can_create_requirement(user: Any) -> bool:
    return bool(buyer_organizations(user))


def is_requirement_buyer(user: Any, requirement: Requirement) -> bool:
    """Members of the buyer organisation that owns the requirement."""
    return requirement.buyer_id in organization_ids(user)


def can_edit_requirement(user: Any, requirement: Requirement) -> bool:
    """Lines, files and terms change only while the requirement is a draft."""
    return is_requirement_buyer(user, requirement) and (
        requirement.status == RequirementStatus.DRAFT
    )


def can_see_audit(user: Any, requirement: Requirement) -> bool:
    """The buyer organisation's administrators and programme officers read the audit trail."""
    return is_operator(user) or requirement.buyer_id in registry.admin_organization_ids(user)


def can_quote(user: Any, requirement: Requirement) -> bool:
    """A published supplier that sees the requirement, while it is open."""
    return supplier_organization(user) is not None and requirement.accepts_quotes()
