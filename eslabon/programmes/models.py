"""Programmes, their calls and applications, cohorts, subsidised services and plans.

A programme (run by an operator organisation) has goals and budget lines; calls admit
companies by rules stored as data (see eslabon.domain.programmes.eligibility); selected
companies form cohorts and get a plan of subsidised services; each approval commits money
from one budget line and is recorded, with everything else, in an append-only audit trail.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from eslabon.domain.errors import DomainError
from eslabon.domain.programmes.eligibility import parse_rules
from eslabon.programmes.choices import (
    ApplicationStatus,
    CallStatus,
    EnrolmentStatus,
    GoalMetric,
    PlanItemStatus,
    ServiceKind,
)
from eslabon.programmes.querysets import (
    ApplicationQuerySet,
    ApprovalQuerySet,
    CallQuerySet,
    DeliverableQuerySet,
    EnrolmentQuerySet,
    PlanItemQuerySet,
    PlanQuerySet,
    PublicQuerySet,
)

_MONEY = {"max_digits": 16, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}


def _user_fk(verbose_name: Any, **options: Any) -> models.ForeignKey[Any, Any]:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=verbose_name, null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", **options,
    )  # fmt: skip


class Programme(models.Model):
    operator = models.ForeignKey(
        "registry.Organization", verbose_name=_("operator"), on_delete=models.PROTECT,
        related_name="programmes", limit_choices_to={"is_operator": True},
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ("-starts_on", "name")

    def __str__(self) -> str:
        return self.name


class Goal(models.Model):
    """A target figure with a date, e.g. 40 companies IATF-ready by 2027."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="goals"
    )
    description = models.CharField(_("description"), max_length=255)
    metric = models.CharField(_("metric"), max_length=12, choices=GoalMetric.choices)
    parameter = models.CharField(
        _("parameter"), max_length=64, blank=True,
        help_text=_("The certification slug or the readiness grade the metric counts."),
    )  # fmt: skip
    target_value = models.DecimalField(
        _("target"), max_digits=16, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    reported_value = models.DecimalField(
        _("reported value"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    due_on = models.DateField(_("due on"))

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ("due_on", "pk")

    def __str__(self) -> str:
        return self.description


class BudgetLine(models.Model):
    """Money for one purpose; approvals commit from it and it never goes negative."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE,
        related_name="budget_lines",
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=200)
    allocated = models.DecimalField(_("allocated (MXN)"), **_MONEY)
    committed = models.DecimalField(_("committed (MXN)"), default=Decimal("0.00"), **_MONEY)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ("programme_id", "name")
        constraints = [
            # The database refuses an overdraft even if code forgot to check.
            models.CheckConstraint(
                condition=models.Q(committed__gte=0)
                & models.Q(committed__lte=models.F("allocated")),
                name="budget_line_within_allocation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.name}"

    @property
    def available(self) -> Decimal:
        return self.allocated - self.committed


def _validate_rules(value: Any) -> None:
    try:
        parse_rules(value)
    except DomainError as error:
        raise ValidationError(str(error)) from error


def _validate_questions(value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(q, str) and q.strip() for q in value):
        raise ValidationError(_("The application form is a list of questions (text)."))


class Call(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="calls"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    status = models.CharField(
        _("status"), max_length=8, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    eligibility_rules = models.JSONField(
        _("eligibility rules"), default=list, blank=True, validators=[_validate_rules]
    )
    questions = models.JSONField(
        _("application form questions"), default=list, blank=True,
        validators=[_validate_questions],
    )  # fmt: skip
    seats = models.PositiveIntegerField(_("places"), null=True, blank=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")
        ordering = ("-opens_on", "title")

    def __str__(self) -> str:
        return self.title


class Application(models.Model):
    """A company's application to a call, and the documented selection decision."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="applications"
    )
    organization = models.ForeignKey(
        "registry.Organization", verbose_name=_("company"), on_delete=models.CASCADE,
        related_name="programme_applications",
    )  # fmt: skip
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    eligibility = models.JSONField(_("eligibility at submission"), default=list, blank=True)
    baseline = models.JSONField(_("baseline at selection"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED, db_index=True,
    )  # fmt: skip
    scores = models.JSONField(_("scores by criterion"), default=dict, blank=True)
    total_score = models.DecimalField(
        _("total score"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    committee_decision = models.TextField(_("committee decision"), blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    submitted_by = _user_fk(_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    decided_by = _user_fk(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ("-submitted_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["call", "organization"], name="one_application_per_call"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} → {self.call}"


class Cohort(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="cohorts"
    )
    call = models.ForeignKey(
        Call, verbose_name=_("call"), null=True, blank=True, on_delete=models.SET_NULL
    )
    name = models.CharField(_("name"), max_length=200)
    members = models.ManyToManyField(
        "registry.Organization", verbose_name=_("companies"), blank=True, related_name="cohorts"
    )

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ("programme_id", "name")

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """A subsidised service: its provider, unit cost, the funder's share and budget line."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="services"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ServiceKind.choices)
    name = models.CharField(_("name"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200)
    cost = models.DecimalField(_("cost per company (MXN)"), **_MONEY)
    subsidy_share = models.DecimalField(
        _("subsidy share"), max_digits=5, decimal_places=4,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_("Share of the cost the programme pays, from 0 to 1 (0.9 is 90%)."),
    )  # fmt: skip
    budget_line = models.ForeignKey(
        BudgetLine, verbose_name=_("budget line"), on_delete=models.PROTECT,
        related_name="services",
    )  # fmt: skip
    closes_gaps = models.JSONField(
        _("readiness groups or questions it closes"), default=list, blank=True
    )

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ("programme_id", "kind", "name")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    def clean(self) -> None:
        same = self.budget_line_id is None or self.budget_line.programme_id == self.programme_id
        if self.programme_id and not same:
            raise ValidationError(_("The budget line belongs to another programme."))


class CompanyPlan(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="plans"
    )
    organization = models.ForeignKey(
        "registry.Organization", verbose_name=_("company"), on_delete=models.CASCADE,
        related_name="programme_plans",
    )  # fmt: skip
    source = models.CharField(_("built from"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("company plan")
        verbose_name_plural = _("company plans")
        constraints = [
            models.UniqueConstraint(fields=["programme", "organization"], name="one_plan")
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.programme}"


class PlanItem(models.Model):
    """One service for one company, with its split fixed when proposed."""

    plan = models.ForeignKey(
        CompanyPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="items"
    )
    service = models.ForeignKey(Service, verbose_name=_("service"), on_delete=models.PROTECT)
    gap = models.CharField(_("gap it closes"), max_length=64, blank=True)
    cost = models.DecimalField(_("cost (MXN)"), **_MONEY)
    subsidy = models.DecimalField(_("subsidy (MXN)"), **_MONEY)
    co_payment = models.DecimalField(_("co-payment (MXN)"), **_MONEY)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanItemStatus.choices,
        default=PlanItemStatus.PROPOSED,
    )  # fmt: skip

    objects = PlanItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ("plan_id", "pk")

    def __str__(self) -> str:
        return f"{self.plan}: {self.service}"


class Approval(models.Model):
    """Who approved which plan item, when, for how much, from which budget line."""

    plan_item = models.OneToOneField(
        PlanItem, verbose_name=_("plan item"), on_delete=models.PROTECT, related_name="approval"
    )
    budget_line = models.ForeignKey(
        BudgetLine, verbose_name=_("budget line"), on_delete=models.PROTECT,
        related_name="approvals",
    )  # fmt: skip
    amount = models.DecimalField(_("amount (MXN)"), **_MONEY)
    approved_by = _user_fk(_("approved by"))
    approved_at = models.DateTimeField(_("approved at"), auto_now_add=True)
    # A cancelled approval stays on record; its amount went back to the budget line.
    cancelled_by = _user_fk(_("cancelled by"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    objects = ApprovalQuerySet.as_manager()

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        ordering = ("-approved_at",)

    def __str__(self) -> str:
        return f"{self.plan_item}: {self.amount}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class Course(models.Model):
    """A training course of the catalogue: the gaps it closes, its seats and dates."""

    service = models.ForeignKey(
        Service, verbose_name=_("subsidised service"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="courses",
        limit_choices_to={"kind": ServiceKind.TRAINING},
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200)
    closes_gaps = models.JSONField(
        _("readiness groups or questions it closes"), default=list, blank=True,
        help_text=_("Ids from the readiness questionnaire, e.g. ct-ppap, ct-fmea, ct-msa."),
    )  # fmt: skip
    seats = models.PositiveIntegerField(_("seats"), validators=[MinValueValidator(1)])
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    hours = models.PositiveIntegerField(_("hours"), default=8)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ("starts_on", "title")

    def __str__(self) -> str:
        return self.title


class Enrolment(models.Model):
    """A company's participant in a course: enrolled, waiting (in order), completed."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="enrolments"
    )
    organization = models.ForeignKey(
        "registry.Organization", verbose_name=_("company"), on_delete=models.CASCADE,
        related_name="course_enrolments",
    )  # fmt: skip
    participant = models.CharField(_("participant"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=EnrolmentStatus.choices, db_index=True
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=40, blank=True)
    # What a third party types on the public verification page; random, so not guessable.
    verification_code = models.CharField(
        _("verification code"), max_length=20, null=True, blank=True, unique=True
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ("course_id", "requested_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "organization", "participant"], name="one_enrolment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} ({self.organization}) — {self.course}"


class Session(models.Model):
    """A dated session of a course or a service, where attendance is taken."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="sessions",
    )  # fmt: skip
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="sessions",
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    location = models.CharField(_("location"), max_length=200, blank=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ("starts_at",)

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendance"
    )
    organization = models.ForeignKey(
        "registry.Organization", verbose_name=_("company"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    participant = models.CharField(_("participant"), max_length=200)
    present = models.BooleanField(_("present"), default=False)
    recorded_by = _user_fk(_("recorded by"))

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "organization", "participant"], name="one_attendance"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} @ {self.session}"


def evidence_upload_path(instance: Deliverable, filename: str) -> str:
    # Stored under MEDIA_ROOT, served only by a view that checks who may see it.
    return f"programmes/evidence/{instance.plan_item.plan.organization_id}/{filename}"


class Deliverable(models.Model):
    """What a provider or company hands in for a plan item, with its evidence file."""

    plan_item = models.ForeignKey(
        PlanItem, verbose_name=_("plan item"), on_delete=models.CASCADE,
        related_name="deliverables",
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    evidence = models.FileField(_("evidence"), upload_to=evidence_upload_path, blank=True)
    evidence_type = models.CharField(_("evidence type"), max_length=40, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    accepted_by = _user_fk(_("accepted by"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    objects = DeliverableQuerySet.as_manager()

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ("plan_item_id", "due_on")

    def __str__(self) -> str:
        return self.title


class AppendOnlyError(RuntimeError):
    """Audit entries are never changed or deleted."""


class AuditEntry(models.Model):
    """One line of the append-only audit trail: who did what, when, to which record."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="audit",
    )  # fmt: skip
    actor = _user_fk(_("actor"))
    action = models.CharField(_("action"), max_length=64)
    subject = models.CharField(_("subject"), max_length=255)
    details = models.JSONField(_("details"), default=dict, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ("-at", "-pk")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.subject}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("audit entries cannot be deleted")
