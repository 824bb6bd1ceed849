"""Requirements (RFQs): terms, lines with their drawings, invitations, NDA acceptances and
private questions with their answers. State changes happen only in services.py."""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eslabon.hub import querysets
from eslabon.hub.choices import (
    AnswerScope,
    AttachmentKind,
    Currency,
    Incoterm,
    InvitationResponse,
    PpapLevel,
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
    part_weight_kg = models.DecimalField(
        _("part weight (kg)"), max_digits=10, decimal_places=3, null=True, blank=True
    )
    match_weights = models.JSONField(
        _("matching weights"), default=dict, blank=True,
        help_text=_("This requirement's own weights of the ranking's components, if any."),
    )  # fmt: skip
    max_distance_km = models.PositiveIntegerField(
        _("maximum road distance to the plant (km)"), null=True, blank=True,
        help_text=_("Suppliers farther away are not eligible; leave empty for no limit."),
    )  # fmt: skip
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
    """An uploaded file kept outside the web root, with its sniffed type and size.

    Each subclass declares its own ``file`` field, with the folder it is stored under.
    """

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

    file = models.FileField(_("file"), max_length=255, upload_to=line_file_path)

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
