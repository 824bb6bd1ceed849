"""factory_boy factories and a ready-made RFQ scene for the hub tests."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from eslabon.hub import models
from eslabon.hub.choices import RequirementStatus, Visibility
from eslabon.registry.tests.factories import OrganizationFactory, SiteFactory


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Requirement

    buyer = factory.SubFactory(OrganizationFactory, is_buyer=True, is_supplier=False, tier="oem")
    title = factory.Sequence(lambda n: f"Soporte de motor {n}")
    description = "Soporte maquinado de aluminio A356"
    annual_volume = 120_000
    lifetime_volume = 600_000
    sop_date = dt.date(2027, 9, 1)
    delivery_site = factory.LazyAttribute(
        lambda o: SiteFactory(
            organization=o.buyer,
            name="Planta Ramos Arizpe",
            latitude=25.5406,
            longitude=-100.9476,
            state_code="05",
            municipality_code="027",
        )
    )
    named_place = "Ramos Arizpe, Coahuila"
    quote_due_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    visibility = Visibility.INVITED
    nda_text = "La información de este requerimiento es confidencial."
    status = RequirementStatus.DRAFT


class RequirementLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RequirementLine

    requirement = factory.SubFactory(RequirementFactory)
    position = factory.Sequence(lambda n: n + 1)
    part_number = factory.Sequence(lambda n: f"PN-{n:05d}")
    name = "Soporte"
    quantity = 10_000


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Invitation

    requirement = factory.SubFactory(RequirementFactory)
    supplier = factory.SubFactory(OrganizationFactory)
