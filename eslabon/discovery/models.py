"""DENUE establishments keyed on their CLEE, the runs that imported them, and the editable
SCIAN → process map. Writes go through services.py; reads through selectors.py."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from eslabon.data import taxonomy
from eslabon.domain.discovery.outreach import OutreachStatus
from eslabon.domain.discovery.strata import Stratum


class ImportRun(models.Model):
    """One import of a DENUE file: what it read, what it changed, and how it ended."""

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        COMPLETED = "completed", _("completed")
        FAILED = "failed", _("failed")

    source = models.CharField(_("file"), max_length=500)
    edition = models.CharField(_("edition"), max_length=40)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    states = models.CharField(_("states kept"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_filtered_out = models.PositiveIntegerField(_("rows of other states"), default=0)
    bad_rows = models.PositiveIntegerField(_("bad rows skipped"), default=0)
    bad_row_sample = models.JSONField(_("first bad rows"), default=list, blank=True)
    repaired_lines = models.PositiveIntegerField(_("lines with repaired accents"), default=0)
    duplicates = models.PositiveIntegerField(_("repeated keys in the file"), default=0)
    added = models.PositiveIntegerField(_("added"), default=0)
    changed = models.PositiveIntegerField(_("changed"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    vanished = models.PositiveIntegerField(_("vanished"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("DENUE import")
        verbose_name_plural = _("DENUE imports")
        ordering = ("-started_at",)

    def __str__(self) -> str:
        return f"{self.edition} ({self.get_status_display()})"


class Establishment(models.Model):
    """An economic unit of INEGI's DENUE; the CLEE is its key across editions."""

    clee = models.CharField(_("CLEE"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    legal_name = models.CharField(_("legal name"), max_length=300, blank=True)
    scian_code = models.CharField(_("SCIAN code"), max_length=6)
    activity_name = models.CharField(_("activity"), max_length=300, blank=True)
    stratum = models.PositiveSmallIntegerField(
        _("employment stratum"), choices=[(s.value, s.label) for s in Stratum]
    )
    street_type = models.CharField(_("street type"), max_length=60, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    exterior_number = models.CharField(_("exterior number"), max_length=40, blank=True)
    interior_number = models.CharField(_("interior number"), max_length=40, blank=True)
    settlement_type = models.CharField(_("settlement type"), max_length=60, blank=True)
    settlement = models.CharField(_("settlement"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    state_code = models.CharField(_("state code"), max_length=2)
    state_name = models.CharField(_("state"), max_length=100, blank=True)
    municipality_code = models.CharField(_("municipality code"), max_length=3, blank=True)
    municipality_name = models.CharField(_("municipality"), max_length=150, blank=True)
    locality_code = models.CharField(_("locality code"), max_length=4, blank=True)
    locality_name = models.CharField(_("locality"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.CharField(_("e-mail"), max_length=200, blank=True)
    website = models.CharField(_("website"), max_length=300, blank=True)
    unit_type = models.CharField(_("unit type"), max_length=20, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    registered = models.CharField(_("in DENUE since"), max_length=20, blank=True)
    edition = models.CharField(_("last edition seen"), max_length=40)
    # Run references carry neither a database constraint nor an index: a national import
    # writes millions of rows and each would fire three foreign-key checks and update three
    # indexes (ADR 0801). The import service sets them; PROTECT still guards deletes in the ORM.
    first_seen_run = models.ForeignKey(
        ImportRun, on_delete=models.PROTECT, related_name="+", verbose_name=_("first seen in"),
        db_constraint=False, db_index=False,
    )  # fmt: skip
    last_seen_run = models.ForeignKey(
        ImportRun, on_delete=models.PROTECT, related_name="+", verbose_name=_("last seen in"),
        db_constraint=False, db_index=False,
    )  # fmt: skip
    changed_run = models.ForeignKey(
        ImportRun, on_delete=models.PROTECT, related_name="+", verbose_name=_("last changed in"),
        db_constraint=False, db_index=False,
    )  # fmt: skip
    vanished = models.BooleanField(_("vanished"), default=False)

    class Meta:
        verbose_name = _("establishment")
        verbose_name_plural = _("establishments")
        indexes = [
            # Candidate search filters on activity and size first; one index keeps imports fast.
            models.Index(fields=["scian_code", "stratum"], name="discovery_scian_stratum"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.clee})"


class ScianProcessRule(models.Model):
    """Editable copy of eslabon/data/scian_processes.csv: SCIAN code or prefix → process."""

    scian_prefix = models.CharField(_("SCIAN code or prefix"), max_length=6)
    process = models.CharField(_("process"), max_length=64)
    confidence = models.DecimalField(_("confidence"), max_digits=3, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("SCIAN → process rule")
        verbose_name_plural = _("SCIAN → process rules")
        ordering = ("scian_prefix", "process")
        constraints = [
            models.UniqueConstraint(fields=["scian_prefix", "process"], name="discovery_rule_once"),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0) & models.Q(confidence__lte=1),
                name="discovery_rule_confidence_0_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scian_prefix} → {self.process} ({self.confidence})"

    def clean(self) -> None:
        if not self.scian_prefix.isdigit() or not 2 <= len(self.scian_prefix) <= 6:
            raise ValidationError({"scian_prefix": _("A SCIAN code or prefix has 2 to 6 digits.")})
        if self.process not in taxonomy.processes().slugs:
            raise ValidationError({"process": _("Not a process of the taxonomy.")})


class Outreach(models.Model):
    """A programme officer's invitation of one establishment to register, and where it stands.

    One record per establishment: inviting again adds to its history instead of duplicating it,
    so conversion figures count establishments, not e-mails.
    """

    class Status(models.TextChoices):
        INVITED = OutreachStatus.INVITED.value, _("invited")
        REGISTERED = OutreachStatus.REGISTERED.value, _("registered")
        DECLINED = OutreachStatus.DECLINED.value, _("declined")
        CONVERTED = OutreachStatus.CONVERTED.value, _("converted")

    establishment = models.OneToOneField(
        Establishment, verbose_name=_("establishment"), on_delete=models.PROTECT,
        related_name="outreach",
    )  # fmt: skip
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("programme officer"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.INVITED
    )
    notes = models.TextField(_("notes"), blank=True)
    invited_at = models.DateTimeField(_("invited at"))
    status_changed_at = models.DateTimeField(_("status changed at"))
    last_email_to = models.CharField(_("last invitation sent to"), max_length=200, blank=True)
    last_email_at = models.DateTimeField(_("last invitation e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outreach")
        verbose_name_plural = _("outreach")
        ordering = ("-status_changed_at", "pk")
        indexes = [models.Index(fields=["status"], name="discovery_outreach_status")]

    def __str__(self) -> str:
        return f"{self.establishment.name} ({self.get_status_display()})"


class OutreachEvent(models.Model):
    """One step of an outreach's history: a status set, by whom, when, and whether mailed."""

    outreach = models.ForeignKey(
        Outreach, verbose_name=_("outreach"), on_delete=models.CASCADE, related_name="events"
    )
    status = models.CharField(_("status"), max_length=10, choices=Outreach.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    at = models.DateTimeField(_("at"))
    note = models.TextField(_("note"), blank=True)
    emailed_to = models.CharField(_("e-mailed to"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("outreach event")
        verbose_name_plural = _("outreach events")
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.outreach_id}: {self.status} at {self.at:%Y-%m-%d %H:%M}"
