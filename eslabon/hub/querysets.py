"""Queryset methods that scope every hub query to what a user may read.

Sealed bids live here, not in templates: ``QuoteQuerySet.visible_to`` gives a buyer a
quote only once its requirement's due time has passed *and* the unsealing was recorded;
quote lines, price tiers and quote files are reached only through visible quotes. A
supplier reads its own quotes and its own questions, never another supplier's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone

from eslabon.hub import permissions
from eslabon.hub.choices import AnswerScope, QuoteStatus, RequirementStatus, Visibility
from eslabon.registry import permissions as registry_permissions


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def _model(name: str) -> Any:
    return apps.get_model("hub", name)


class RequirementQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: Any) -> RequirementQuerySet:
        """Own buyer organisations: everything; suppliers: published ones open to them.

        "Open to them" is an invitation, or open visibility and a fit: the supplier has a
        capability in one of the requirement's processes (or in a child of one), or the
        requirement names no process. Operators follow every requirement past its draft.
        """
        if not _authenticated(user):
            return self.none()
        condition = models.Q(buyer__in=permissions.organization_ids(user))
        not_draft = ~models.Q(status=RequirementStatus.DRAFT)
        if permissions.is_operator(user):
            condition |= not_draft
        supplier_ids = permissions.supplier_organization_ids(user)
        if supplier_ids:
            condition |= not_draft & (
                models.Q(pk__in=self._invited(supplier_ids))
                | (models.Q(visibility=Visibility.OPEN) & self._fits(supplier_ids))
            )
        return self.filter(condition)

    @staticmethod
    def _invited(supplier_ids: set[int]) -> models.QuerySet[Any]:
        return _model("Invitation").objects.filter(supplier__in=supplier_ids).values("requirement")

    @staticmethod
    def _fits(supplier_ids: set[int]) -> models.Q:
        through = _model("Requirement").processes.through.objects
        capabilities = apps.get_model("registry", "Capability").objects.filter(
            site__organization__in=supplier_ids
        )
        fitting = through.filter(
            models.Q(process_id__in=capabilities.values("process_id"))
            | models.Q(process_id__in=capabilities.values("process__parent_id"))
        ).values("requirement_id")
        return models.Q(pk__in=fitting) | ~models.Q(pk__in=through.values("requirement_id"))

    def managed_by(self, user: Any) -> RequirementQuerySet:
        """Requirements of the buyer organisations the user belongs to."""
        if not _authenticated(user):
            return self.none()
        return self.filter(buyer__in=permissions.organization_ids(user))

    def due(self, now: dt.datetime | None = None) -> RequirementQuerySet:
        """Published requirements whose quote due time has passed (to be closed)."""
        return self.filter(
            status=RequirementStatus.PUBLISHED, quote_due_at__lte=now or timezone.now()
        )


class _ThroughRequirement(models.QuerySet[Any]):
    requirement_path = "requirement"

    def visible_to(self, user: Any) -> _ThroughRequirement:
        visible = _model("Requirement").objects.visible_to(user)
        return self.filter(**{f"{self.requirement_path}__in": visible.values("pk")})


class RequirementLineQuerySet(_ThroughRequirement):
    pass


class LineAttachmentQuerySet(_ThroughRequirement):
    requirement_path = "line__requirement"


class InvitationQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: Any) -> InvitationQuerySet:
        if not _authenticated(user):
            return self.none()
        own = permissions.organization_ids(user)
        condition = models.Q(requirement__buyer__in=own) | models.Q(supplier__in=own)
        if permissions.is_operator(user):
            condition |= ~models.Q(requirement__status=RequirementStatus.DRAFT)
        return self.filter(condition)


class NdaAcceptanceQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: Any) -> NdaAcceptanceQuerySet:
        if not _authenticated(user):
            return self.none()
        own = permissions.organization_ids(user)
        if permissions.is_operator(user):
            return self
        return self.filter(models.Q(requirement__buyer__in=own) | models.Q(supplier__in=own))


class QuoteQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: Any, now: dt.datetime | None = None) -> QuoteQuerySet:
        """A supplier's own quotes; the buyer's only after the due time and the unsealing.

        Nobody else reads a quote: programme officers see awards, not prices.
        """
        if not _authenticated(user):
            return self.none()
        own = permissions.organization_ids(user)
        return self.filter(
            models.Q(supplier__in=own)
            | models.Q(
                requirement__buyer__in=own,
                status=QuoteStatus.SUBMITTED,
                requirement__unsealed_at__isnull=False,
                requirement__quote_due_at__lte=now or timezone.now(),
            )
        )


class _ThroughQuote(models.QuerySet[Any]):
    quote_path = "quote"

    def visible_to(self, user: Any, now: dt.datetime | None = None) -> _ThroughQuote:
        visible = _model("Quote").objects.visible_to(user, now)
        return self.filter(**{f"{self.quote_path}__in": visible.values("pk")})


class QuoteLineQuerySet(_ThroughQuote):
    pass


class PriceTierQuerySet(_ThroughQuote):
    quote_path = "quote_line__quote"


class QuoteAttachmentQuerySet(_ThroughQuote):
    pass


class QuestionQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: Any) -> QuestionQuerySet:
        """A question is private between the supplier who asked and the buyer."""
        if not _authenticated(user):
            return self.none()
        own = permissions.organization_ids(user)
        return self.filter(models.Q(requirement__buyer__in=own) | models.Q(supplier__in=own))


class AnswerQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: Any) -> AnswerQuerySet:
        """Buyer: all; the asker: private answers; every supplier who sees it: broadcasts."""
        if not _authenticated(user):
            return self.none()
        own = permissions.organization_ids(user)
        visible = _model("Requirement").objects.visible_to(user).values("pk")
        return self.filter(
            models.Q(question__requirement__buyer__in=own)
            | models.Q(scope=AnswerScope.PRIVATE, question__supplier__in=own)
            | models.Q(scope=AnswerScope.BROADCAST, question__requirement__in=visible)
        )


class AwardQuerySet(models.QuerySet[Any]):
    """The buyer and the awarded supplier; operators follow awards for the programme."""

    award_path = ""

    def visible_to(self, user: Any) -> AwardQuerySet:
        if not _authenticated(user):
            return self.none()
        if permissions.is_operator(user):
            return self
        own = permissions.organization_ids(user)
        return self.filter(
            models.Q(**{f"{self.award_path}line__requirement__buyer__in": own})
            | models.Q(**{f"{self.award_path}quote_line__quote__supplier__in": own})
        )


class PpapSubmissionQuerySet(AwardQuerySet):
    award_path = "award__"


class AuditEventQuerySet(models.QuerySet[Any]):
    """Append-only: bulk updates and deletes are refused."""

    def visible_to(self, user: Any) -> AuditEventQuerySet:
        if not _authenticated(user):
            return self.none()
        if permissions.is_operator(user):
            return self
        return self.filter(requirement__buyer__in=registry_permissions.admin_organization_ids(user))

    def update(self, **kwargs: Any) -> int:
        raise TypeError("audit events are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("audit events are append-only")


class NotificationQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: Any) -> NotificationQuerySet:
        if not _authenticated(user):
            return self.none()
        return self.filter(recipient=user)
