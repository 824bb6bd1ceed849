"""Choices of the registry, as classes (NetBox style) so code and forms share one list."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Published")
    REJECTED = "rejected", _("Rejected")


class Tier(models.TextChoices):
    OEM = "oem", _("OEM")
    TIER1 = "tier1", _("Tier 1")
    TIER2 = "tier2", _("Tier 2")
    TIER3 = "tier3", _("Tier 3")


class Sector(models.TextChoices):
    INDUSTRY = "industry", _("Industry")
    COMMERCE = "commerce", _("Commerce")
    SERVICES = "services", _("Services")


class SizeStratum(models.TextChoices):
    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    MEMBER = "member", _("Member")


class CertificationStatus(models.TextChoices):
    HELD = "held", _("Held")
    IN_PROGRESS = "in_progress", _("In progress")
    PLANNED = "planned", _("Planned")
