"""Who sees which declarations: the supplier's members (all of theirs, drafts included), the
named customer's members (issued and revoked ones addressed to it), operators and staff (all).
Anyone else sees none, so a view answers 404."""

from __future__ import annotations

from typing import Any

from django.db import models

from eslabon.declarations.choices import DeclarationStatus
from eslabon.registry import permissions


class DeclarationQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: Any) -> DeclarationQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if permissions.is_operator(user):
            return self
        mine = permissions.organization_ids(user)
        return self.filter(
            models.Q(supplier__in=mine)
            | (models.Q(customer__in=mine) & ~models.Q(status=DeclarationStatus.DRAFT))
        )

    def editable_by(self, user: Any) -> DeclarationQuerySet:
        """Only the supplier's own members change a declaration (operators read)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(supplier__in=permissions.organization_ids(user))

    def issued(self) -> DeclarationQuerySet:
        return self.filter(status=DeclarationStatus.ISSUED)


class DeclarationLineQuerySet(models.QuerySet[Any]):
    pass
