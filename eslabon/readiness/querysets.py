"""Queryset methods that scope readiness records to what a user may see.

A supplier's members see its assessments and decent-work reports; programme operators see
one company's details only where the company consented; buyers and other suppliers never.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from eslabon.readiness import permissions
from eslabon.readiness.choices import AssessmentStatus


def _visible_filter(user: Any, prefix: str) -> models.Q:
    own = models.Q(**{f"{prefix}organization_id__in": permissions.member_organization_ids(user)})
    if permissions.is_operator(user):
        return own | models.Q(**{f"{prefix}share_with_operators": True})
    return own


class _ConsentScopedQuerySet(models.QuerySet[Any]):
    prefix = ""

    def visible_to(self, user: Any) -> _ConsentScopedQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(_visible_filter(user, self.prefix))

    def editable_by(self, user: Any) -> _ConsentScopedQuerySet:
        """Only the company's own members change its answers and figures."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        ids = permissions.member_organization_ids(user)
        return self.filter(**{f"{self.prefix}organization_id__in": ids})


class AssessmentQuerySet(_ConsentScopedQuerySet):
    def completed(self) -> AssessmentQuerySet:
        return self.filter(status__in=(AssessmentStatus.SUBMITTED, AssessmentStatus.REVIEWED))

    def latest_per_organization(self) -> AssessmentQuerySet:
        """Each company's most recent completed assessment (one subquery, no loop)."""
        latest = (
            self.model.objects.completed()
            .filter(organization_id=models.OuterRef("organization_id"))
            .order_by("-submitted_at", "-pk")
            .values("pk")[:1]
        )
        return self.completed().filter(pk=models.Subquery(latest))


class DecentWorkReportQuerySet(_ConsentScopedQuerySet):
    pass


class AnswerQuerySet(_ConsentScopedQuerySet):
    prefix = "assessment__"
