"""Choices of the readiness app, as classes so code and forms share one list."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REVIEWED = "reviewed", _("Reviewed")


class Zone(models.TextChoices):
    GENERAL = "general", _("General minimum-wage zone")
    ZLFN = "zlfn", _("Northern Border Free Zone (ZLFN)")


class Target(models.TextChoices):
    ISO_9001 = "iso-9001", _("ISO 9001 certification")
    IATF_16949 = "iatf-16949", _("IATF 16949 certification")
