"""A buyer's goods, their bills of materials, localisation offers and saved scenarios.

The pure engine (eslabon.domain.origin) decides origin; selectors.py loads these rows into its
values and services.py writes the engine's figures back onto the good (``rvc_*``,
``value_non_originating``, ``qualifies``) so that analytics aggregate in the database instead
of re-running the engine for every good.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from eslabon.origin.choices import EndUse, Metal, Originating, ProductClass
from eslabon.origin.querysets import GoodScopedQuerySet
from eslabon.registry.models import Organization, Process

MONEY = {"max_digits": 16, "decimal_places": 4, "validators": [MinValueValidator(Decimal(0))]}
PERCENT = {"max_digits": 7, "decimal_places": 2, "null": True, "blank": True}
# The engine's pattern (eslabon.domain.origin.model.HsCode): 2 to 10 digits, dots allowed.
hs_code_format = RegexValidator(r"^\d{2}(\.?\d{2}){0,4}$", _("Digits of an HS code, e.g. 8708.30."))
country_format = RegexValidator(r"^[A-Z]{2}$", _("Two capital letters (ISO 3166-1), e.g. MX."))


class Good(models.Model):
    """A part a buyer makes or buys, whose origin is decided from its bill of materials."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("buyer"), on_delete=models.CASCADE,
        related_name="origin_goods",
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=200)
    part_number = models.CharField(_("part number"), max_length=64, blank=True)
    hs_code = models.CharField(_("HS code"), max_length=14, validators=[hs_code_format])
    product_class = models.CharField(
        _("product class"), max_length=20, choices=ProductClass.choices, blank=True,
        help_text=_("Leave empty to decide it from the HS code and Tables A.1, B and C."),
    )  # fmt: skip
    end_use = models.CharField(
        _("end use"), max_length=30, choices=EndUse.choices,
        default=EndUse.PASSENGER_OR_LIGHT_TRUCK,
    )  # fmt: skip
    transaction_value = models.DecimalField(
        _("transaction value"), null=True, blank=True,
        help_text=_("The price paid, adjusted to exclude international shipment (UR s.1)."),
        **MONEY,
    )  # fmt: skip
    net_cost = models.DecimalField(
        _("net cost"), null=True, blank=True,
        help_text=_("Total cost less promotion, royalties, shipping and interest (UR s.7(3))."),
        **MONEY,
    )  # fmt: skip
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    date = models.DateField(
        _("date"), help_text=_("Decides which phase-in threshold applies (July 1 steps).")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Written by services.recompute from the engine's result, for aggregates and lists.
    value_non_originating = models.DecimalField(
        _("value of non-originating materials"), null=True, blank=True, editable=False,
        max_digits=16, decimal_places=4,
    )  # fmt: skip
    rvc_transaction_value = models.DecimalField(
        _("RVC by transaction value (%)"), editable=False, **PERCENT
    )
    rvc_net_cost = models.DecimalField(_("RVC by net cost (%)"), editable=False, **PERCENT)
    qualifies = models.BooleanField(_("qualifies"), null=True, editable=False)
    check_error = models.TextField(_("why the check could not run"), blank=True, editable=False)

    objects = GoodScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("good")
        verbose_name_plural = _("goods")
        ordering = ("organization_id", "name", "pk")
        indexes = [models.Index(fields=["organization", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(transaction_value__isnull=False)
                | models.Q(net_cost__isnull=False),
                name="origin_good_has_a_base",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.part_number})" if self.part_number else self.name


class Material(models.Model):
    """One line of a good's bill of materials; ``parent`` nests it under an intermediate."""

    good = models.ForeignKey(
        Good, verbose_name=_("good"), on_delete=models.CASCADE, related_name="materials"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="children",
    )  # fmt: skip
    position = models.PositiveIntegerField(_("position"), default=0)
    code = models.CharField(_("id"), max_length=64)
    description = models.CharField(_("description"), max_length=255, blank=True)
    hs_code = models.CharField(_("HS code"), max_length=14, blank=True, validators=[hs_code_format])
    origin_country = models.CharField(
        _("origin country"), max_length=2, blank=True, validators=[country_format]
    )
    originating = models.CharField(
        _("originating"), max_length=7, choices=Originating.choices, default=Originating.UNKNOWN
    )
    value = models.DecimalField(_("value"), help_text=_("The line's total value."), **MONEY)
    quantity = models.DecimalField(
        _("quantity"), max_digits=14, decimal_places=4, default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
    )  # fmt: skip
    supplier_name = models.CharField(_("supplier"), max_length=255, blank=True)
    supplier = models.ForeignKey(
        Organization, verbose_name=_("supplier in the registry"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="origin_materials_supplied",
    )  # fmt: skip
    process = models.ForeignKey(
        Process, verbose_name=_("process"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("How the material is made; used to find local suppliers."),
    )  # fmt: skip
    self_produced = models.BooleanField(_("self-produced"), default=False)
    high_wage = models.BooleanField(_("high-wage material"), default=False)
    metal = models.CharField(
        _("steel or aluminium"), max_length=9, choices=Metal.choices, blank=True
    )
    is_localisation_target = models.BooleanField(_("localisation target"), default=False)
    requirement_line = models.ForeignKey(
        "hub.RequirementLine", verbose_name=_("Supply Hub line"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="origin_materials",
        help_text=_("The sourcing request for this material, whose quotes and award it follows."),
    )  # fmt: skip

    objects = GoodScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ("good_id", "position", "pk")
        constraints = [
            models.UniqueConstraint(fields=["good", "code"], name="origin_material_code_per_good")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.description}".strip()


class Offer(models.Model):
    """A local supplier's price to make one material (originating), entered by the buyer."""

    material = models.ForeignKey(
        Material, verbose_name=_("material"), on_delete=models.CASCADE, related_name="offers"
    )
    supplier = models.ForeignKey(
        Organization, verbose_name=_("supplier"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="origin_offers",
    )  # fmt: skip
    supplier_name = models.CharField(_("supplier"), max_length=255)
    unit_price = models.DecimalField(_("unit price"), **MONEY)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = GoodScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("localisation offer")
        verbose_name_plural = _("localisation offers")
        ordering = ("material_id", "unit_price", "pk")

    def __str__(self) -> str:
        return f"{self.material} ← {self.supplier_name} @ {self.unit_price}"


class Scenario(models.Model):
    """A named set of substitutions (material → local supplier) with the result it gives."""

    good = models.ForeignKey(
        Good, verbose_name=_("good"), on_delete=models.CASCADE, related_name="scenarios"
    )
    name = models.CharField(_("name"), max_length=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The engine's figures before and after the substitutions, written when saved.
    rvc_transaction_value_before = models.DecimalField(_("RVC TV before (%)"), **PERCENT)
    rvc_net_cost_before = models.DecimalField(_("RVC NC before (%)"), **PERCENT)
    rvc_transaction_value_after = models.DecimalField(_("RVC TV after (%)"), **PERCENT)
    rvc_net_cost_after = models.DecimalField(_("RVC NC after (%)"), **PERCENT)
    qualifies_before = models.BooleanField(_("qualifies before"), default=False)
    qualifies_after = models.BooleanField(_("qualifies after"), default=False)
    added_cost = models.DecimalField(_("added cost"), max_digits=16, decimal_places=4)
    import_substitution_value = models.DecimalField(
        _("import substitution value"), max_digits=16, decimal_places=4
    )
    snapshot = models.JSONField(_("result"), default=dict, editable=False)

    objects = GoodScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        ordering = ("good_id", "-created_at", "-pk")
        constraints = [
            models.UniqueConstraint(fields=["good", "name"], name="origin_scenario_name_per_good")
        ]

    def __str__(self) -> str:
        return self.name


class Substitution(models.Model):
    """One material sourced from a local supplier in a scenario (counted originating)."""

    scenario = models.ForeignKey(
        Scenario, verbose_name=_("scenario"), on_delete=models.CASCADE,
        related_name="substitutions",
    )  # fmt: skip
    material = models.ForeignKey(
        Material, verbose_name=_("material"), on_delete=models.CASCADE, related_name="+"
    )
    supplier = models.ForeignKey(
        Organization, verbose_name=_("supplier"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    supplier_name = models.CharField(_("supplier"), max_length=255)
    unit_price = models.DecimalField(_("unit price"), **MONEY)
    new_value = models.DecimalField(_("new value"), **MONEY)
    value_localised = models.DecimalField(
        _("non-originating value removed"), max_digits=16, decimal_places=4
    )

    objects = GoodScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("substitution")
        verbose_name_plural = _("substitutions")
        ordering = ("scenario_id", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "material"], name="origin_one_substitution_per_material"
            )
        ]

    def __str__(self) -> str:
        return f"{self.material} → {self.supplier_name}"
