"""Querysets that scope origin records to what a user may see (see permissions.py)."""

from __future__ import annotations

from typing import Any

from django.db import models

from eslabon.origin import permissions

# The path from each model to its good's owner organisation.
_OWNER = {
    "Good": "organization_id",
    "Material": "good__organization_id",
    "Offer": "material__good__organization_id",
    "Scenario": "good__organization_id",
    "Substitution": "scenario__good__organization_id",
}


class GoodScopedQuerySet(models.QuerySet[Any]):
    def _owner(self) -> str:
        return _OWNER[self.model.__name__]

    def visible_to(self, user: Any) -> GoodScopedQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if permissions.is_operator(user):
            return self.all()
        return self.filter(**{f"{self._owner()}__in": permissions.buyer_organization_ids(user)})

    def editable_by(self, user: Any) -> GoodScopedQuerySet:
        """Only the owning buyer's members change a good; operators read."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(**{f"{self._owner()}__in": permissions.buyer_organization_ids(user)})
