"""Supplier origin declarations: a USMCA certification of origin from a supplier (the
certifier and producer) to a customer (the importer), for a blanket period.

The fields follow the minimum data elements of USMCA Art. 5.2 and Annex 5-A (reference
shared/reference/usmca.md §8); ``as_certification()`` builds the pure domain
``CertificationOfOrigin`` from them, which checks the blanket period (≤ 12 months) and the HS
codes (≥ 6 digits).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eslabon.declarations.choices import DeclarationStatus, OriginCriterion
from eslabon.declarations.querysets import DeclarationLineQuerySet, DeclarationQuerySet
from eslabon.domain.origin import certification as domain
from eslabon.registry.models import Organization, Site


def document_upload_path(instance: OriginDeclaration, filename: str) -> str:
    # Stored under MEDIA_ROOT (outside the web root) and served only by a checked view.
    return f"declarations/{instance.supplier_id}/{filename}"


class OriginDeclaration(models.Model):
    """A supplier's certification that the goods listed are originating (Annex 5-A)."""

    supplier = models.ForeignKey(
        Organization, verbose_name=_("supplier (certifier and producer)"),
        on_delete=models.CASCADE, related_name="origin_declarations",
    )  # fmt: skip
    customer = models.ForeignKey(
        Organization, verbose_name=_("customer (importer)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="received_origin_declarations",
        help_text=_("Leave empty when the importer is not known (Annex 5-A, element 5)."),
    )  # fmt: skip
    production_site = models.ForeignKey(
        Site, verbose_name=_("place of production"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("The producer's address on the certification is the place of production."),
    )  # fmt: skip
    # Annex 5-A element 3: the exporter, when it is not the certifier.
    exporter_name = models.CharField(_("exporter name"), max_length=255, blank=True,
        help_text=_("Leave empty when the supplier exports the goods itself."))  # fmt: skip
    exporter_address = models.CharField(_("exporter address"), max_length=500, blank=True)
    exporter_email = models.EmailField(_("exporter e-mail"), blank=True)
    exporter_phone = models.CharField(_("exporter phone"), max_length=40, blank=True)
    # Annex 5-A element 8: the blanket period, both ends inclusive.
    period_start = models.DateField(_("blanket period from"))
    period_end = models.DateField(_("blanket period to"))
    # Annex 5-A elements 2 and 9: the certifier and the authorised signature.
    certifier_name = models.CharField(_("certifier name"), max_length=200)
    certifier_title = models.CharField(_("certifier title"), max_length=200)
    certifier_email = models.EmailField(_("certifier e-mail"))
    certifier_phone = models.CharField(_("certifier phone"), max_length=40)
    signed_on = models.DateField(_("signed on"), null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=8, choices=DeclarationStatus.choices,
        default=DeclarationStatus.DRAFT, db_index=True,
    )  # fmt: skip
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True, editable=False)
    revocation_reason = models.TextField(_("reason for revoking"), blank=True, editable=False)
    renewed_from = models.ForeignKey(
        "self", verbose_name=_("renews"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="renewals", editable=False,
    )  # fmt: skip
    document = models.FileField(
        _("signed document"), upload_to=document_upload_path, blank=True,
        help_text=_("Optional: the signed certification as PDF, PNG or JPEG."),
    )  # fmt: skip
    # Reminders (tasks.py): set once, so each message goes out once per declaration.
    expiry_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    expired_notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DeclarationQuerySet.as_manager()

    class Meta:
        verbose_name = _("origin declaration")
        verbose_name_plural = _("origin declarations")
        ordering = ("-period_end", "-pk")
        indexes = [models.Index(fields=["supplier", "status", "period_end"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="declaration_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.supplier} {self.period_start}–{self.period_end}"

    @property
    def is_draft(self) -> bool:
        return self.status == DeclarationStatus.DRAFT

    @property
    def is_issued(self) -> bool:
        return self.status == DeclarationStatus.ISSUED

    def standing_on(self, on: dt.date, *, warn_days: int | None = None) -> str:
        """valid / expiring / expired / not_yet_valid for an issued declaration; else its status."""
        if self.status != DeclarationStatus.ISSUED:
            return str(self.status)
        days = settings.ESLABON_DECLARATION_REMINDER_DAYS if warn_days is None else warn_days
        return domain.status_on(self.period_start, self.period_end, on, warn_days=days).value

    def as_certification(self) -> domain.CertificationOfOrigin:
        """The domain certification (Annex 5-A data elements); raises InputError naming the
        field when an element is missing or out of rule."""
        from eslabon.declarations.parties import certification_of

        return certification_of(self)


class DeclarationLine(models.Model):
    """One good covered (Annex 5-A elements 6 and 7)."""

    declaration = models.ForeignKey(
        OriginDeclaration, verbose_name=_("declaration"), on_delete=models.CASCADE,
        related_name="lines",
    )  # fmt: skip
    description = models.CharField(_("description of the good"), max_length=300)
    part_number = models.CharField(_("part number"), max_length=80, blank=True)
    hs_code = models.CharField(
        _("HS classification"), max_length=16,
        help_text=_("At least the 6-digit subheading, e.g. 8708.80 or 8708.80.01."),
    )  # fmt: skip
    origin_criterion = models.CharField(
        _("origin criterion"), max_length=1, choices=OriginCriterion.choices,
        default=OriginCriterion.B,
    )  # fmt: skip

    objects = DeclarationLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("declared good")
        verbose_name_plural = _("declared goods")
        ordering = ("declaration_id", "pk")

    def __str__(self) -> str:
        return f"{self.description} ({self.hs_code})"

    def hs_digits(self) -> str:
        return domain.hs_digits(self.hs_code)

    def as_line(self) -> Any:
        """The domain good (checked); built once per instance, since a bill of materials asks
        the same prefetched lines again for every one of its rows."""
        cached = self.__dict__.get("_domain_line")
        if cached is None:
            cached = self.__dict__["_domain_line"] = self._build_line()
        return cached

    def _build_line(self) -> Any:
        return domain.GoodLine(
            self.description, self.hs_code, domain.OriginCriterion(self.origin_criterion),
            self.part_number,
        )  # fmt: skip
