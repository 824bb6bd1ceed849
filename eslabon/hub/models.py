"""Supply Hub records: requirements (RFQs) and their lines, invitations, NDAs, questions,
sealed quotes, awards, notifications and the append-only audit trail.

State changes happen only in services.py; who reads what is decided in querysets.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eslabon.hub import querysets
from eslabon.hub.choices import (
    AnswerScope,
    AttachmentKind,
    AuditAction,
    Currency,
    Incoterm,
    InvitationResponse,
    PpapDisposition,
    PpapLevel,
    QuoteStatus,
    RequirementStatus,
    Visibility,
)

MONEY = {"max_digits": 16, "decimal_places": 4, "validators": [MinValueValidator(Decimal(0))]}


class Requirement(models.Model):
    """A buyer's request for quotation for one part family, with its commercial terms."""

    buyer = models.ForeignKey(
        "registry.Organization", verbose_name=_("buyer"), on_delete=models.PROTECT,
        related_name="requirements",
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    processes = models.ManyToManyField(
        "registry.Process", verbose_name=_("processes"), blank=True, related_name="+"
    )
    materials = models.ManyToManyField(
        "registry.Material", verbose_name=_("materials"), blank=True, related_name="+"
    )
    envelope_length_mm = models.PositiveIntegerField(_("part length (mm)"), null=True, blank=True)
    envelope_width_mm = models.PositiveIntegerField(_("part width (mm)"), null=True, blank=True)
    envelope_height_mm = models.PositiveIntegerField(_("part height (mm)"), null=True, blank=True)
    annual_volume = models.PositiveIntegerField(_("annual volume (pieces)"))
    lifetime_volume = models.PositiveIntegerField(
        _("lifetime volume (pieces)"), null=True, blank=True
    )
    sop_date = models.DateField(_("start of production"))
    required_certifications = models.ManyToManyField(
        "registry.CertificationStandard", verbose_name=_("required certifications"), blank=True,
        related_name="+",
    )  # fmt: skip
    ppap_level = models.PositiveSmallIntegerField(
        _("PPAP submission level"), choices=PpapLevel.choices, default=PpapLevel.LEVEL_3
    )
    delivery_site = models.ForeignKey(
        "registry.Site", verbose_name=_("delivery plant"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    incoterm = models.CharField(
        _("Incoterms 2020 rule"), max_length=3, choices=Incoterm.choices, default=Incoterm.DAP
    )
    named_place = models.CharField(_("named place"), max_length=200)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.MXN
    )
    target_price = models.DecimalField(_("target unit price"), null=True, blank=True, **MONEY)
    quote_due_at = models.DateTimeField(_("quotes due"), db_index=True)
    # Validated against the IANA database by the form; no choices here, so that a tzdata
    # update never produces a migration.
    time_zone = models.CharField(_("time zone"), max_length=64, default="America/Mexico_City")
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.INVITED
    )
    nda_text = models.TextField(
        _("non-disclosure agreement"),
        help_text=_("Suppliers must accept this text before they can open the drawings."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RequirementStatus.choices,
        default=RequirementStatus.DRAFT, db_index=True,
    )  # fmt: skip
    status_reason = models.TextField(_("reason"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    unsealed_at = models.DateTimeField(_("unsealed at"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = querysets.RequirementQuerySet.as_manager()

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return self.title

    @property
    def current_status(self) -> str:
        """The status as of now: a published requirement past its due time is closed."""
        if self.status == RequirementStatus.PUBLISHED and self.is_past_due():
            return RequirementStatus.CLOSED
        return self.status

    def get_current_status_display(self) -> str:
        return str(RequirementStatus(self.current_status).label)

    def is_past_due(self, now: dt.datetime | None = None) -> bool:
        return self.quote_due_at <= (now or timezone.now())

    def accepts_quotes(self, now: dt.datetime | None = None) -> bool:
        return self.status == RequirementStatus.PUBLISHED and not self.is_past_due(now)

    def prices_unsealed(self, now: dt.datetime | None = None) -> bool:
        return self.unsealed_at is not None and self.is_past_due(now)

    @property
    def local_due_at(self) -> dt.datetime:
        """The due time in the buyer's time zone, as the buyer entered it."""
        return timezone.localtime(self.quote_due_at, zoneinfo.ZoneInfo(self.time_zone))

    @property
    def nda_digest(self) -> str:
        return hashlib.sha256(self.nda_text.encode()).hexdigest()


class RequirementLine(models.Model):
    """One part of a requirement: what a quote line prices and an award goes to."""

    requirement = models.ForeignKey(
        Requirement, verbose_name=_("requirement"), on_delete=models.CASCADE, related_name="lines"
    )
    position = models.PositiveIntegerField(_("position"), default=1)
    part_number = models.CharField(_("part number"), max_length=64)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    quantity = models.PositiveIntegerField(
        _("annual volume (pieces)"), validators=[MinValueValidator(1)]
    )

    objects = querysets.RequirementLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("requirement line")
        verbose_name_plural = _("requirement lines")
        ordering = ("requirement_id", "position", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "part_number"], name="unique_part_number_per_requirement"
            )
        ]

    def __str__(self) -> str:
        return f"{self.part_number} — {self.name}"


class StoredFile(models.Model):
    """An uploaded file kept outside the web root, with its sniffed type and size."""

    file = models.FileField(_("file"), max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name


def line_file_path(instance: LineAttachment, filename: str) -> str:
    return f"hub/requirements/{instance.line.requirement_id}/lines/{instance.line_id}/{filename}"


class LineAttachment(StoredFile):
    """A drawing or specification of a line: behind the NDA for suppliers."""

    line = models.ForeignKey(
        RequirementLine, verbose_name=_("line"), on_delete=models.CASCADE,
        related_name="attachments",
    )  # fmt: skip
    kind = models.CharField(
        _("kind"), max_length=16, choices=AttachmentKind.choices, default=AttachmentKind.DRAWING
    )

    objects = querysets.LineAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("drawing or specification")
        verbose_name_plural = _("drawings and specifications")
        ordering = ("line_id", "pk")


LineAttachment._meta.get_field("file").upload_to = line_file_path


class Invitation(models.Model):
    """A supplier asked to quote, and its answer: intend to quote, or decline with a reason."""

    requirement = models.ForeignKey(
        Requirement, verbose_name=_("requirement"), on_delete=models.CASCADE,
        related_name="invitations",
    )  # fmt: skip
    supplier = models.ForeignKey(
        "registry.Organization", verbose_name=_("supplier"), on_delete=models.CASCADE,
        related_name="hub_invitations",
    )  # fmt: skip
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    response = models.CharField(
        _("response"), max_length=8, choices=InvitationResponse.choices,
        default=InvitationResponse.PENDING,
    )  # fmt: skip
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = querysets.InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ("requirement_id", "supplier__legal_name")
        constraints = [
            models.UniqueConstraint(fields=["requirement", "supplier"], name="unique_invitation")
        ]

    def __str__(self) -> str:
        return f"{self.supplier} → {self.requirement}"


class NdaAcceptance(models.Model):
    """A supplier's acceptance of a requirement's NDA: who, when, from where, which text."""

    requirement = models.ForeignKey(
        Requirement, verbose_name=_("requirement"), on_delete=models.CASCADE,
        related_name="nda_acceptances",
    )  # fmt: skip
    supplier = models.ForeignKey(
        "registry.Organization", verbose_name=_("supplier"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("accepted by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    accepted_at = models.DateTimeField(_("accepted at"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    text_digest = models.CharField(_("SHA-256 of the accepted text"), max_length=64)

    objects = querysets.NdaAcceptanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("NDA acceptance")
        verbose_name_plural = _("NDA acceptances")
        constraints = [
            models.UniqueConstraint(fields=["requirement", "supplier"], name="unique_nda")
        ]

    def __str__(self) -> str:
        return f"{self.supplier} — {self.requirement}"


class Question(models.Model):
    """A supplier's question: private between that supplier and the buyer."""

    requirement = models.ForeignKey(
        Requirement, verbose_name=_("requirement"), on_delete=models.CASCADE,
        related_name="questions",
    )  # fmt: skip
    supplier = models.ForeignKey(
        "registry.Organization", verbose_name=_("supplier"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    text = models.TextField(_("question"))
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True)

    objects = querysets.QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ("asked_at", "pk")

    def __str__(self) -> str:
        return self.text[:60]


class Answer(models.Model):
    """The buyer's answer: to the asker, to every supplier (without the asker), or internal."""

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    scope = models.CharField(_("who reads it"), max_length=10, choices=AnswerScope.choices)
    public_question = models.TextField(
        _("question as shown to every supplier"), blank=True,
        help_text=_("For a broadcast: the question reworded so that it does not name the asker."),
    )  # fmt: skip
    text = models.TextField(_("answer"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    answered_at = models.DateTimeField(_("answered at"), auto_now_add=True)

    objects = querysets.AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ("answered_at", "pk")

    def __str__(self) -> str:
        return self.text[:60]


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
    quote = models.ForeignKey(
        Quote, verbose_name=_("quote"), on_delete=models.CASCADE, related_name="attachments"
    )

    objects = querysets.QuoteAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("quote file")
        verbose_name_plural = _("quote files")
        ordering = ("quote_id", "pk")


QuoteAttachment._meta.get_field("file").upload_to = quote_file_path


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


PpapSubmission._meta.get_field("file").upload_to = ppap_file_path


class PpapDocument(StoredFile):
    """A PPAP element's evidence (control plan, dimensional results…) in one submission."""

    submission = models.ForeignKey(
        PpapSubmission, verbose_name=_("PPAP submission"), on_delete=models.CASCADE,
        related_name="documents",
    )  # fmt: skip
    element = models.CharField(_("PPAP element"), max_length=64)

    class Meta:
        verbose_name = _("PPAP document")
        verbose_name_plural = _("PPAP documents")
        ordering = ("submission_id", "element")


PpapDocument._meta.get_field("file").upload_to = ppap_document_path


class AuditEvent(models.Model):
    """Append-only record of who did what, when and from where. Never carries a price."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    occurred_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=24, choices=AuditAction.choices)
    requirement = models.ForeignKey(
        Requirement, verbose_name=_("requirement"), on_delete=models.PROTECT,
        related_name="audit_events",
    )  # fmt: skip
    object_type = models.CharField(_("object type"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("object id"))
    organization = models.ForeignKey(
        "registry.Organization", verbose_name=_("organisation acting"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("from"), null=True, blank=True)

    objects = querysets.AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ("occurred_at", "pk")
        indexes = [models.Index(fields=["requirement", "action"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Integrity guard, not business logic: an audit event is written once.
        if self.pk is not None:
            raise ValidationError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError("audit events are append-only")


class Notification(models.Model):
    """An in-application message; the same text goes out by e-mail after commit."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE,
        related_name="hub_notifications",
    )  # fmt: skip
    requirement = models.ForeignKey(
        Requirement, verbose_name=_("requirement"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )  # fmt: skip
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = querysets.NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return self.subject
