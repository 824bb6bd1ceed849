"""Supplier master data: organisations (legal entities), sites, capabilities, certifications.

The split follows supplier master-data practice (Catena-X: legal entity, site, address):
an Organization is the legal entity with its RFC; a Site is a plant with its address and
location; capabilities and certifications hang from them. Taxonomy tables mirror the data
files in eslabon/data so that every format uses the same slugs.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from eslabon.registry.choices import (
    CertificationStatus,
    MembershipRole,
    OrganizationStatus,
    Sector,
    SizeStratum,
    Tier,
)
from eslabon.registry.querysets import (
    CapabilityQuerySet,
    CertificationQuerySet,
    OrganizationQuerySet,
    SiteQuerySet,
)


class TaxonomyTerm(models.Model):
    """A shipped taxonomy entry; slugs are stable identifiers used by files and the API."""

    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.name_en if (get_language() or "es").startswith("en") else self.name_es


class Process(TaxonomyTerm):
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )  # fmt: skip
    critical = models.BooleanField(_("critical process of the cluster diagnosis"), default=False)

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("process")
        verbose_name_plural = _("processes")


class Material(TaxonomyTerm):
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )  # fmt: skip

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")


class CertificationStandard(TaxonomyTerm):
    scope = models.CharField(_("scope"), max_length=40, blank=True)

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("certification standard")
        verbose_name_plural = _("certification standards")


rfc_format = RegexValidator(
    r"^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}$",
    _("An RFC is 3 letters (companies) or 4 (individuals), 6 digits and a 3-character key."),
)


class Organization(models.Model):
    """A legal entity: buyer, supplier, programme operator, or several of them."""

    legal_name = models.CharField(_("legal name"), max_length=255)
    trade_name = models.CharField(_("trade name"), max_length=255, blank=True)
    rfc = models.CharField(_("RFC"), max_length=13, unique=True, validators=[rfc_format])
    is_buyer = models.BooleanField(_("buyer"), default=False)
    is_supplier = models.BooleanField(_("supplier"), default=False)
    is_operator = models.BooleanField(_("programme operator"), default=False)
    tier = models.CharField(_("tier"), max_length=8, choices=Tier.choices, blank=True)
    sector = models.CharField(
        _("sector"), max_length=12, choices=Sector.choices, default=Sector.INDUSTRY
    )
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    annual_sales_mxn = models.DecimalField(
        _("annual sales (MXN)"), max_digits=16, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )  # fmt: skip
    size_stratum = models.CharField(
        _("size"), max_length=8, choices=SizeStratum.choices, blank=True, editable=False
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OrganizationStatus.choices,
        default=OrganizationStatus.DRAFT, db_index=True,
    )  # fmt: skip
    status_reason = models.TextField(_("reason"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ("legal_name",)

    def __str__(self) -> str:
        return self.trade_name or self.legal_name

    @property
    def display_name(self) -> str:
        return str(self)

    @property
    def is_published(self) -> bool:
        return self.status == OrganizationStatus.APPROVED


class Membership(models.Model):
    """A user's place in an organisation; the role decides who manages the organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
        related_name="memberships",
    )  # fmt: skip
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="memberships",
    )  # fmt: skip
    role = models.CharField(
        _("role"), max_length=8, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization} ({self.role})"


class Site(models.Model):
    """A plant or office of an organisation, with its address and location."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="sites",
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=255, blank=True)
    neighbourhood = models.CharField(_("neighbourhood (colonia)"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=5, blank=True,
        validators=[RegexValidator(r"^\d{5}$", _("A Mexican postal code has five digits."))],
    )  # fmt: skip
    state_code = models.CharField(
        _("state"), max_length=2,
        validators=[RegexValidator(r"^\d{2}$", _("An INEGI state code has two digits."))],
    )  # fmt: skip
    municipality_code = models.CharField(
        _("municipality"), max_length=3,
        validators=[RegexValidator(r"^\d{3}$", _("An INEGI municipality code has three digits."))],
    )  # fmt: skip
    municipality_name = models.CharField(_("municipality name"), max_length=200, blank=True)
    latitude = models.FloatField(
        _("latitude"), validators=[MinValueValidator(14.0), MaxValueValidator(33.0)]
    )
    longitude = models.FloatField(
        _("longitude"), validators=[MinValueValidator(-119.0), MaxValueValidator(-86.0)]
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ("organization_id", "name")
        indexes = [models.Index(fields=["state_code", "municipality_code"])]

    def __str__(self) -> str:
        return f"{self.organization} — {self.name}"


class Capability(models.Model):
    """What a site can make with one process: materials, part envelope and capacity."""

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="capabilities"
    )
    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.PROTECT, related_name="capabilities"
    )
    materials = models.ManyToManyField(Material, verbose_name=_("materials"), blank=True)
    description = models.TextField(_("description"), blank=True)
    max_dimension_mm = models.PositiveIntegerField(
        _("largest part dimension (mm)"), null=True, blank=True
    )
    max_weight_kg = models.DecimalField(
        _("heaviest part (kg)"), max_digits=10, decimal_places=3, null=True, blank=True
    )
    press_tonnage = models.PositiveIntegerField(
        _("press tonnage or equivalent (t)"), null=True, blank=True
    )
    annual_capacity = models.PositiveIntegerField(_("annual capacity (pieces)"))
    utilisation = models.DecimalField(
        _("current utilisation"), max_digits=4, decimal_places=3,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_("Share of the annual capacity already in use, from 0 to 1."),
    )  # fmt: skip
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CapabilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("capability")
        verbose_name_plural = _("capabilities")
        constraints = [
            models.UniqueConstraint(fields=["site", "process"], name="unique_capability")
        ]

    def __str__(self) -> str:
        return f"{self.site}: {self.process}"

    @property
    def free_capacity(self) -> int:
        """Pieces a year still available: annual capacity × (1 − utilisation)."""
        return int(self.annual_capacity * (1 - self.utilisation))


def certificate_upload_path(instance: Certification, filename: str) -> str:
    # Uploads are stored under MEDIA_ROOT (outside the web root) and served by a checked view.
    return f"certificates/{instance.organization_id}/{filename}"


class Certification(models.Model):
    """A certificate an organisation holds, is working towards, or plans."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="certifications",
    )  # fmt: skip
    site = models.ForeignKey(
        Site, verbose_name=_("site"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="certifications",
        help_text=_("Leave empty when the certificate covers the whole organisation."),
    )  # fmt: skip
    standard = models.ForeignKey(
        CertificationStandard, verbose_name=_("standard"), on_delete=models.PROTECT
    )
    status = models.CharField(_("status"), max_length=12, choices=CertificationStatus.choices)
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    issuing_body = models.CharField(_("certification body"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    expected_on = models.DateField(_("expected on"), null=True, blank=True)
    certificate_file = models.FileField(
        _("certificate file"), upload_to=certificate_upload_path, blank=True
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # The expiry date a reminder was sent for (reminders.py): a renewed certificate, with a new
    # expiry date, is reminded again; the same one never twice.
    expiry_reminder_sent_for = models.DateField(
        _("expiry reminder sent for"), null=True, blank=True, editable=False
    )

    objects = CertificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ("standard__slug",)

    def __str__(self) -> str:
        return f"{self.organization}: {self.standard} ({self.get_status_display()})"


class Contact(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="contacts",
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ("-is_primary", "name")

    def __str__(self) -> str:
        return self.name
