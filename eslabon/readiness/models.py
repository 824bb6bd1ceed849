"""Self-assessments, their answers, evidence and review comments, and decent-work figures.

Answers are stored per question id of the questionnaire version the assessment names
(``automotive-readiness@1``); the pure engine in eslabon.domain.readiness scores them. On
submission the scores are written down (overall, grade, group percentages, gaps) so that the
programme report aggregates them in the database instead of re-scoring every company.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from eslabon.readiness.choices import AssessmentStatus, Zone
from eslabon.readiness.querysets import (
    AnswerQuerySet,
    AssessmentQuerySet,
    DecentWorkReportQuerySet,
)
from eslabon.registry.models import Organization

CONSENT_HELP = _(
    "Programme operators always see aggregates; with this consent they also see this "
    "company's answers and figures, and can review them."
)


class Assessment(models.Model):
    """One company's self-assessment against one questionnaire version."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="readiness_assessments",
    )  # fmt: skip
    questionnaire = models.CharField(_("questionnaire"), max_length=80)
    modules = models.JSONField(
        _("special-process modules"), default=list, blank=True,
        help_text=_("Optional modules in scope; the mandatory ones always are."),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=10, choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT, db_index=True,
    )  # fmt: skip
    share_with_operators = models.BooleanField(
        _("share details with programme operators"), default=False, help_text=CONSENT_HELP
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    # Written by services.submit_assessment from the engine's result, for aggregates.
    overall = models.DecimalField(
        _("overall score (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    grade = models.CharField(_("grade"), max_length=1, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ("-created_at",)
        indexes = [models.Index(fields=["organization", "status", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.organization} · {self.questionnaire} · {self.created_at:%Y-%m-%d}"


class Answer(models.Model):
    """The answer to one question: a score on the 0/4/6/8/10 scale, or not applicable."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("self-assessment"), on_delete=models.CASCADE,
        related_name="answers",
    )  # fmt: skip
    question = models.CharField(_("question"), max_length=40)
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, help_text=_("Empty means not applicable.")
    )
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="unique_answer")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.score}"


def evidence_upload_path(instance: EvidenceFile, filename: str) -> str:
    # Under MEDIA_ROOT, outside the web root; served by a view that checks visibility.
    return f"readiness/{instance.answer.assessment.organization_id}/{filename}"


class EvidenceFile(models.Model):
    answer = models.ForeignKey(
        Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_upload_path)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=80)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ("uploaded_at",)

    def __str__(self) -> str:
        return self.name


class GroupResult(models.Model):
    """A clause group's percentage in a submitted assessment (for database aggregates)."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="group_results"
    )
    group = models.CharField(_("clause group"), max_length=40)
    module = models.CharField(_("module"), max_length=40)
    percent = models.DecimalField(_("percent"), max_digits=5, decimal_places=1, null=True)

    class Meta:
        verbose_name = _("group result")
        verbose_name_plural = _("group results")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "group"], name="unique_group_result")
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.percent}"


class GapRecord(models.Model):
    """A gap of a submitted assessment (question scored below 8), for the top-gaps list."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="gaps")
    question = models.CharField(_("question"), max_length=40)
    clause = models.CharField(_("clause"), max_length=120)
    action = models.CharField(_("action"), max_length=60)
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("gap")
        verbose_name_plural = _("gaps")

    def __str__(self) -> str:
        return f"{self.question} ({self.score})"


class ReviewComment(models.Model):
    """A consultant's or programme officer's comment on an assessment or one of its answers."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("self-assessment"), on_delete=models.CASCADE,
        related_name="comments",
    )  # fmt: skip
    question = models.CharField(
        _("question"), max_length=40, blank=True,
        help_text=_("Leave empty for a comment on the whole assessment."),
    )  # fmt: skip
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ("created_at",)

    def __str__(self) -> str:
        return self.text[:60]


class DecentWorkReport(models.Model):
    """A supplier's raw decent-work figures for one year, as the engine needs them."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="decent_work_reports",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000)])
    zone = models.CharField(_("minimum-wage zone"), max_length=8, choices=Zone.choices)
    workers = models.PositiveIntegerField(_("workers at the end of the period"))
    average_workers = models.DecimalField(
        _("average workers over the period"), max_digits=10, decimal_places=2
    )
    workers_imss = models.PositiveIntegerField(_("workers registered with IMSS"))
    women = models.PositiveIntegerField(_("women"))
    gross_wages_mxn = models.DecimalField(
        _("gross wages paid (MXN)"), max_digits=16, decimal_places=2
    )
    hours_paid = models.DecimalField(_("hours paid"), max_digits=14, decimal_places=2)
    training_hours = models.DecimalField(_("training hours"), max_digits=12, decimal_places=2)
    recordable_injuries = models.PositiveIntegerField(_("recordable injuries"))
    separations = models.PositiveIntegerField(_("separations"))
    nom035_done = models.JSONField(_("NOM-035 obligations met"), default=list, blank=True)
    usd_mxn = models.DecimalField(
        _("exchange rate (MXN per USD)"), max_digits=8, decimal_places=4, null=True, blank=True
    )
    share_with_operators = models.BooleanField(
        _("share details with programme operators"), default=False, help_text=CONSENT_HELP
    )
    # Written by services.save_decent_work_report from the engine, for averages.
    minimum_wage_ratio = models.DecimalField(max_digits=8, decimal_places=3, null=True)
    nom035_compliance = models.DecimalField(max_digits=5, decimal_places=1, null=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DecentWorkReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("decent-work report")
        verbose_name_plural = _("decent-work reports")
        ordering = ("-year",)
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="unique_dw_year")
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.year}"

    def figures(self) -> dict[str, object]:
        """The FIGURES.json document the engine validates (docs/readiness.md)."""
        document: dict[str, object] = {
            "year": self.year,
            "zone": self.zone,
            "workers": self.workers,
            "average_workers": self.average_workers,
            "workers_imss": self.workers_imss,
            "women": self.women,
            "gross_wages_mxn": self.gross_wages_mxn,
            "hours_paid": self.hours_paid,
            "training_hours": self.training_hours,
            "recordable_injuries": self.recordable_injuries,
            "separations": self.separations,
            "nom035_done": list(self.nom035_done),
        }
        if self.usd_mxn is not None:
            document["usd_mxn"] = self.usd_mxn
        return document
