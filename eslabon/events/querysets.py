"""Who sees which event: its organisers (members of the operator organisation), members of
its participating organisations, and staff. Views never filter by owner by hand."""

from __future__ import annotations

from typing import Any

from django.db import models

from eslabon.registry.permissions import organization_ids


class EventQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: Any) -> EventQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_staff:
            return self
        ids = organization_ids(user)
        return self.filter(
            models.Q(operator_id__in=ids) | models.Q(participants__organization_id__in=ids)
        ).distinct()

    def organised_by(self, user: Any) -> EventQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_staff:
            return self
        return self.filter(operator_id__in=organization_ids(user))
