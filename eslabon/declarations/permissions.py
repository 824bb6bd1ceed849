"""Who may do what with origin declarations: the one place that decides.

A published supplier's members create and manage their own declarations; the named customer's
members read the issued (and revoked) ones addressed to it; operators and staff read all.
Nobody else learns that a declaration exists: views answer 404 (querysets.visible_to).
"""

from __future__ import annotations

from typing import Any

from eslabon.registry.permissions import is_buyer, is_operator, organization_ids, organizations


def supplier_organizations(user: Any) -> list[Any]:
    """Published supplier organisations the user may declare for."""
    return [org for org in organizations(user) if org.is_supplier and org.is_published]


def is_supplier_member(user: Any) -> bool:
    """Any supplier's member, approved or not, reads its own declarations."""
    return any(org.is_supplier for org in organizations(user))


def can_declare(user: Any) -> bool:
    return bool(supplier_organizations(user))


def can_change(user: Any, declaration: Any) -> bool:
    """Only the supplier's own members change, issue, revoke or renew it."""
    return declaration.supplier_id in organization_ids(user)


def sees_all(user: Any) -> bool:
    return is_operator(user)


def sees_received(user: Any) -> bool:
    return is_buyer(user) or is_operator(user)


def received_organization_ids(user: Any) -> set[int]:
    return {org.pk for org in organizations(user) if org.is_buyer and org.is_published}
