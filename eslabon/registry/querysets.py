"""Queryset methods that scope every registry query to what a user may see or change."""

from __future__ import annotations

from typing import Any

from django.db import models

from eslabon.registry import permissions
from eslabon.registry.choices import OrganizationStatus


def _visible_organization_filter(user: Any, prefix: str = "") -> models.Q | None:
    """Q over organisations the user may see; None means everything (operators).

    Members of a published organisation see every published profile (buyers look for
    suppliers, suppliers find partners and buyers); everybody sees their own records;
    unpublished organisations are visible only to their members and to operators.
    """
    if permissions.is_operator(user):
        return None
    own = models.Q(**{f"{prefix}pk__in": permissions.organization_ids(user)})
    if not permissions.belongs_to_published_organization(user):
        return own
    return own | models.Q(**{f"{prefix}status": OrganizationStatus.APPROVED})


def _editable_organization_filter(user: Any, prefix: str = "") -> models.Q | None:
    if permissions.is_operator(user):
        return None
    return models.Q(**{f"{prefix}pk__in": permissions.organization_ids(user)})


class _ScopedQuerySet(models.QuerySet[Any]):
    organization_prefix = ""

    def _scope(self, condition: models.Q | None, user: Any) -> _ScopedQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self if condition is None else self.filter(condition)

    def visible_to(self, user: Any) -> _ScopedQuerySet:
        return self._scope(_visible_organization_filter(user, self.organization_prefix), user)

    def editable_by(self, user: Any) -> _ScopedQuerySet:
        return self._scope(_editable_organization_filter(user, self.organization_prefix), user)


class OrganizationQuerySet(_ScopedQuerySet):
    def published_suppliers(self) -> OrganizationQuerySet:
        return self.filter(is_supplier=True, status=OrganizationStatus.APPROVED)


class SiteQuerySet(_ScopedQuerySet):
    organization_prefix = "organization__"


class CapabilityQuerySet(_ScopedQuerySet):
    organization_prefix = "site__organization__"


class CertificationQuerySet(_ScopedQuerySet):
    organization_prefix = "organization__"
