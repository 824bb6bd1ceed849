"""Choices of the origin workspace, spelled as the engine spells them (eslabon.domain.origin)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductClass(models.TextChoices):
    # UR s.12-15 (shared/reference/usmca.md): the class decides the RVC threshold.
    PASSENGER_VEHICLE = "passenger_vehicle", _("Passenger vehicle")
    LIGHT_TRUCK = "light_truck", _("Light truck")
    HEAVY_TRUCK = "heavy_truck", _("Heavy truck")
    CORE_PART = "core_part", _("Core part (Table A.1)")
    PRINCIPAL_PART = "principal_part", _("Principal part (Table B)")
    COMPLEMENTARY_PART = "complementary_part", _("Complementary part (Table C)")
    OTHER = "other", _("Other")


class EndUse(models.TextChoices):
    PASSENGER_OR_LIGHT_TRUCK = "passenger_or_light_truck", _("Passenger vehicle or light truck")
    HEAVY_TRUCK = "heavy_truck", _("Heavy truck")
    AFTERMARKET = "aftermarket", _("Aftermarket")


class Originating(models.TextChoices):
    YES = "yes", _("Originating")
    NO = "no", _("Non-originating")
    UNKNOWN = "unknown", _("Unknown")


class Metal(models.TextChoices):
    # UR s.17: steel and aluminium purchases (indicator only).
    STEEL = "steel", _("Steel")
    ALUMINIUM = "aluminium", _("Aluminium")
