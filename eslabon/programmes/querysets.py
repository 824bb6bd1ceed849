"""Querysets that scope programme records to what a user may see.

Operators see everything; a company sees only its own applications, plans, approvals,
enrolments and deliverables, and the programmes, calls, courses and sessions that are public.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from eslabon.programmes.choices import CallStatus
from eslabon.registry import permissions


class OwnedQuerySet(models.QuerySet[Any]):
    """Records that belong to one company through ``organization_path``."""

    organization_path = "organization"

    def visible_to(self, user: Any) -> OwnedQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if permissions.is_operator(user):
            return self
        return self.filter(**{f"{self.organization_path}__in": permissions.organization_ids(user)})


class ApplicationQuerySet(OwnedQuerySet):
    pass


class PlanQuerySet(OwnedQuerySet):
    pass


class PlanItemQuerySet(OwnedQuerySet):
    organization_path = "plan__organization"


class ApprovalQuerySet(OwnedQuerySet):
    organization_path = "plan_item__plan__organization"

    def active(self) -> ApprovalQuerySet:
        """Approvals whose money is still committed (not cancelled)."""
        return self.filter(cancelled_at__isnull=True)


class DeliverableQuerySet(OwnedQuerySet):
    organization_path = "plan_item__plan__organization"


class EnrolmentQuerySet(OwnedQuerySet):
    pass


class PublicQuerySet(models.QuerySet[Any]):
    """Programmes, calls, courses: any signed-in user may read them."""

    def visible_to(self, user: Any) -> PublicQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self


class CallQuerySet(PublicQuerySet):
    def visible_to(self, user: Any) -> CallQuerySet:
        queryset = super().visible_to(user)
        if permissions.is_operator(user):
            return queryset  # type: ignore[return-value]
        return queryset.exclude(status=CallStatus.DRAFT)  # type: ignore[return-value]
