"""Writing the audit trail: one function every service calls for every state change.

Events are append-only and never carry prices: a buyer's administrator reads the trail
before the due time, so a price in it would break the seal.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from eslabon.hub.choices import AuditAction
from eslabon.hub.models import AuditEvent, Requirement


def record(
    *,
    action: AuditAction,
    requirement: Requirement,
    target: models.Model | None = None,
    actor: Any = None,
    ip: str | None = None,
    organization: Any = None,
    detail: str = "",
) -> AuditEvent:
    target = target or requirement
    return AuditEvent.objects.create(
        action=action,
        requirement=requirement,
        object_type=target._meta.model_name or "",
        object_id=target.pk,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        ip_address=ip or None,
        organization=organization,
        detail=detail[:500],
    )
