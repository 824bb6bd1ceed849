"""Choices of the events app, as classes so that models and forms share one list."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Side(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    SUPPLIER = "supplier", _("Supplier")
    OTHER = "other", _("Other")


class ListingKind(models.TextChoices):
    OFFER = "offer", _("Offer")
    NEED = "need", _("Need")


class Priority(models.IntegerChoices):
    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    FORCED = "forced", _("Added by the organiser")
    FORBIDDEN = "forbidden", _("Forbidden by the organiser")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    NO_SHOW = "no_show", _("No-show")
    CANCELLED = "cancelled", _("Cancelled")


class Interest(models.IntegerChoices):
    NONE = 0, _("No interest")
    SOME = 1, _("Some interest")
    HIGH = 2, _("High interest")


class NextStep(models.TextChoices):
    RFQ = "rfq", _("Request for quotation")
    PLANT_VISIT = "plant_visit", _("Plant visit")
    NDA = "nda", _("Non-disclosure agreement")
    NONE = "none", _("None")


class ScheduleState(models.TextChoices):
    NONE = "none", _("Not scheduled")
    RUNNING = "running", _("Scheduling")
    DONE = "done", _("Scheduled")
    FAILED = "failed", _("Failed")
