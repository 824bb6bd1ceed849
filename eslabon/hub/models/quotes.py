"""Sealed quotes with volume-tier prices, awards per line, and the PPAP stage after award.
Who reads a price is decided in querysets.py (QuoteQuerySet.visible_to)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from eslabon.hub import querysets
from eslabon.hub.choices import (
    PpapDisposition,
    PpapLevel,
    QuoteStatus,
)
from eslabon.hub.models.requirements import MONEY, Requirement, RequirementLine, StoredFile


class Quote(models.Model):
    """A supplier's sealed offer for a requirement; one per supplier, revised until due."""

    requirement = models.ForeignKey(
        Requirement, verbose_name=_("requirement"), on_delete=models.CASCADE,
        related_name="quotes",
    )  # fmt: skip
    supplier = models.ForeignKey(
        "registry.Organization", verbose_name=_("supplier"), on_delete=models.PROTECT,
        related_name="hub_quotes",
    )  # fmt: skip
    site = models.ForeignKey(
        "registry.Site", verbose_name=_("made at"), on_delete=models.PROTECT, related_name="+",
        help_text=_("The plant where the parts are made (feeds the rules-of-origin work)."),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=10, choices=QuoteStatus.choices, default=QuoteStatus.DRAFT
    )
    revision = models.PositiveIntegerField(_("revision"), default=0)
    valid_until = models.DateField(_("valid until"))
    notes = models.TextField(_("notes"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(
        _("first submitted at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = querysets.QuoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ("requirement_id", "supplier__legal_name")
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "supplier"], name="one_quote_per_supplier"
            )
        ]

    def __str__(self) -> str:
        return f"{self.supplier} — {self.requirement}"


class QuoteLine(models.Model):
    """A supplier's terms for one requirement line; prices in ``tiers``."""

    quote = models.ForeignKey(
        Quote, verbose_name=_("quote"), on_delete=models.CASCADE, related_name="lines"
    )
    line = models.ForeignKey(
        RequirementLine, verbose_name=_("requirement line"), on_delete=models.CASCADE,
        related_name="quote_lines",
    )  # fmt: skip
    tooling_cost = models.DecimalField(_("tooling cost"), default=Decimal(0), **MONEY)
    lead_time_ppap_weeks = models.PositiveIntegerField(_("weeks to PPAP"))
    lead_time_sop_weeks = models.PositiveIntegerField(_("weeks to SOP"))
    capacity_committed = models.PositiveIntegerField(_("annual capacity committed (pieces)"))

    objects = querysets.QuoteLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("quote line")
        verbose_name_plural = _("quote lines")
        ordering = ("quote_id", "line__position", "line_id")
        constraints = [
            models.UniqueConstraint(fields=["quote", "line"], name="one_quote_line_per_line")
        ]

    def __str__(self) -> str:
        return f"{self.quote} / {self.line}"


class PriceTier(models.Model):
    """Unit price from a minimum annual quantity upwards (volume pricing)."""

    quote_line = models.ForeignKey(
        QuoteLine, verbose_name=_("quote line"), on_delete=models.CASCADE, related_name="tiers"
    )
    min_quantity = models.PositiveIntegerField(_("from quantity"), default=1)
    unit_price = models.DecimalField(_("unit price"), **MONEY)

    objects = querysets.PriceTierQuerySet.as_manager()

    class Meta:
        verbose_name = _("price tier")
        verbose_name_plural = _("price tiers")
        ordering = ("quote_line_id", "min_quantity")
        constraints = [
            models.UniqueConstraint(fields=["quote_line", "min_quantity"], name="unique_tier")
        ]

    def __str__(self) -> str:
        return f"≥{self.min_quantity}"


def quote_file_path(instance: QuoteAttachment, filename: str) -> str:
    return f"hub/quotes/{instance.quote_id}/{filename}"


class QuoteAttachment(StoredFile):
    file = models.FileField(_("file"), max_length=255, upload_to=quote_file_path)
    quote = models.ForeignKey(
        Quote, verbose_name=_("quote"), on_delete=models.CASCADE, related_name="attachments"
    )

    objects = querysets.QuoteAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("quote file")
        verbose_name_plural = _("quote files")
        ordering = ("quote_id", "pk")


class Award(models.Model):
    """A line (or a share of it) awarded to one supplier's quote line."""

    line = models.ForeignKey(
        RequirementLine, verbose_name=_("line"), on_delete=models.CASCADE, related_name="awards"
    )
    quote_line = models.ForeignKey(
        QuoteLine, verbose_name=_("quote line"), on_delete=models.PROTECT, related_name="awards"
    )
    share_percent = models.DecimalField(
        _("share of the volume (%)"), max_digits=5, decimal_places=2, default=Decimal(100),
        validators=[MinValueValidator(Decimal("0.01"))],
    )  # fmt: skip
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("awarded by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    awarded_at = models.DateTimeField(_("awarded at"), auto_now_add=True)

    objects = querysets.AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ("line_id", "-share_percent")
        constraints = [models.UniqueConstraint(fields=["line", "quote_line"], name="unique_award")]

    def __str__(self) -> str:
        return f"{self.line} → {self.quote_line.quote.supplier}"


def ppap_file_path(instance: PpapSubmission, filename: str) -> str:
    return f"hub/ppap/{instance.award_id}/{instance.attempt}/{filename}"


def ppap_document_path(instance: PpapDocument, filename: str) -> str:
    submission = instance.submission
    return f"hub/ppap/{submission.award_id}/{submission.attempt}/{instance.element}/{filename}"


class PpapSubmission(StoredFile):
    """One attempt at the Part Submission Warrant for an award; the file is the signed PSW.

    A rejected attempt is followed by a resubmission (a new attempt); the first attempt's
    disposition feeds the supplier's first-time approval rate.
    """

    file = models.FileField(_("file"), max_length=255, upload_to=ppap_file_path)

    award = models.ForeignKey(
        Award, verbose_name=_("award"), on_delete=models.CASCADE, related_name="ppap_submissions"
    )
    attempt = models.PositiveIntegerField(_("attempt"), default=1)
    level = models.PositiveSmallIntegerField(_("PPAP submission level"), choices=PpapLevel.choices)
    disposition = models.CharField(
        _("disposition"), max_length=10, choices=PpapDisposition.choices,
        default=PpapDisposition.PENDING,
    )  # fmt: skip
    interim_expires_on = models.DateField(_("interim approval expires on"), null=True, blank=True)
    disposition_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = querysets.PpapSubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("PPAP submission")
        verbose_name_plural = _("PPAP submissions")
        ordering = ("award_id", "attempt")
        constraints = [
            models.UniqueConstraint(fields=["award", "attempt"], name="unique_ppap_attempt")
        ]


class PpapDocument(StoredFile):
    """A PPAP element's evidence (control plan, dimensional results…) in one submission."""

    file = models.FileField(_("file"), max_length=255, upload_to=ppap_document_path)

    submission = models.ForeignKey(
        PpapSubmission, verbose_name=_("PPAP submission"), on_delete=models.CASCADE,
        related_name="documents",
    )  # fmt: skip
    element = models.CharField(_("PPAP element"), max_length=64)

    class Meta:
        verbose_name = _("PPAP document")
        verbose_name_plural = _("PPAP documents")
        ordering = ("submission_id", "element")
