"""Choices of the programmes app, shared by models, forms and templates."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class GoalMetric(models.TextChoices):
    # Counted from the registry and enrolments; "reported" goals take the officer's figure.
    COMPANIES_CERTIFIED = "certified", _("Companies holding a certification")
    COMPANIES_GRADE = "grade", _("Companies at or above a readiness grade")
    COMPANIES_TRAINED = "trained", _("Companies that completed a course")
    REPORTED_AMOUNT = "reported", _("Reported amount (e.g. MXN of imports substituted)")


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    SELECTED = "selected", _("Selected")
    REJECTED = "rejected", _("Rejected")


class ServiceKind(models.TextChoices):
    DIAGNOSTIC = "diagnostic", _("Diagnostic")
    TRAINING = "training", _("Training course")
    CONSULTANCY = "consultancy", _("Consultancy hours")
    AUDIT = "audit", _("Certification audit")
    EQUIPMENT = "equipment", _("Equipment grant")


class PlanItemStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    WAITING = "waiting", _("On the waiting list")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
