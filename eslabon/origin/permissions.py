"""Who may see and change origin records: the one place that decides.

A good, its bill of materials, offers and scenarios belong to the buyer organisation that owns
the good. Its members read and change them; programme operators (and staff) read them to run
the programme's analytics. Suppliers and other buyers never learn that a good exists (404):
a BOM carries the buyer's costs and its suppliers' prices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eslabon.registry import permissions as registry_permissions

if TYPE_CHECKING:
    from eslabon.origin.models import Good
    from eslabon.registry.models import Organization

is_operator = registry_permissions.is_operator


def buyer_organizations(user: Any) -> list[Organization]:
    """The published buyer organisations the user belongs to: where they may create goods."""
    return [
        org for org in registry_permissions.organizations(user) if org.is_buyer and org.is_published
    ]


def buyer_organization_ids(user: Any) -> set[int]:
    return {org.pk for org in buyer_organizations(user)}


def uses_workspace(user: Any) -> bool:
    """The Origin workspace (and its nav entry) is for buyers and programme operators."""
    return is_operator(user) or bool(buyer_organizations(user))


def can_create_good(user: Any) -> bool:
    return bool(buyer_organizations(user))


def can_edit(user: Any, good: Good) -> bool:
    return good.organization_id in buyer_organization_ids(user)
