"""factory_boy factories for the registry and accounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from eslabon.accounts.models import User
from eslabon.registry import models
from eslabon.registry.choices import CertificationStatus, MembershipRole, OrganizationStatus

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.mx")
    username = factory.SelfAttribute("email")
    first_name = "Ana"
    last_name = "García"
    email_verified = True
    password = factory.django.Password(PASSWORD)


def _rfc(n: int) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    prefix = letters[n % 23] + letters[(n // 23) % 23] + letters[(n // 529) % 23]
    return f"{prefix}0101{n % 28 + 1:02d}{n % 10}A{n % 7}"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organization

    legal_name = factory.Sequence(lambda n: f"Maquinados del Norte {n} S.A. de C.V.")
    trade_name = factory.Sequence(lambda n: f"Maquinados {n}")
    rfc = factory.Sequence(_rfc)
    is_supplier = True
    tier = "tier2"
    employees = 40
    annual_sales_mxn = Decimal("30000000")
    size_stratum = "small"
    status = OrganizationStatus.APPROVED


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = MembershipRole.ADMIN


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Site

    organization = factory.SubFactory(OrganizationFactory)
    name = "Planta Apodaca"
    street = "Av. Industrial 100"
    postal_code = "66600"
    state_code = "19"
    municipality_code = "006"
    municipality_name = "Apodaca"
    latitude = 25.7817
    longitude = -100.1886


class CapabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Capability

    site = factory.SubFactory(SiteFactory)
    process = factory.LazyFunction(lambda: models.Process.objects.get(slug="cnc-machining"))
    description = "Maquinado CNC de piezas de aluminio y acero"
    max_dimension_mm = 500
    annual_capacity = 200_000
    utilisation = Decimal("0.6")


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Certification

    organization = factory.SubFactory(OrganizationFactory)
    standard = factory.LazyFunction(
        lambda: models.CertificationStandard.objects.get(slug="iso-9001")
    )
    status = CertificationStatus.HELD
    issued_on = dt.date(2025, 1, 15)
    expires_on = dt.date(2028, 1, 14)


def member_of(organization: models.Organization, role: str = MembershipRole.ADMIN) -> User:
    """A new user who belongs to ``organization``."""
    return MembershipFactory(organization=organization, role=role).user
