"""The programme report sets free capacity of each critical process against Supply Hub demand."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from eslabon.hub.choices import RequirementStatus
from eslabon.hub.tests.factories import RequirementFactory
from eslabon.registry.models import Process
from eslabon.registry.tests.factories import CapabilityFactory


@pytest.mark.django_db
def test_demand_posted_for_a_critical_process_shows_the_shortfall_against_free_capacity(
    client: Any, cast: Any
) -> None:
    die_casting = Process.objects.get(slug="hpdc-aluminium")
    CapabilityFactory(
        site=cast.site, process=die_casting, annual_capacity=100_000, utilisation=Decimal("0.5")
    )
    for status, volume in (
        (RequirementStatus.PUBLISHED, 120_000),
        (RequirementStatus.AWARDED, 30_000),
        (RequirementStatus.DRAFT, 999_999),  # not posted yet: not demand
        (RequirementStatus.CANCELLED, 888_888),
    ):
        requirement = RequirementFactory(buyer=cast.buyer_org, status=status, annual_volume=volume)
        requirement.processes.set([die_casting])
    client.force_login(cast.operator)
    response = client.get(reverse("readiness:programme_report"))
    cell = next(c for c in response.context["report"].capacity if c.key == "hpdc-aluminium")
    assert cell.extra["free"] == Decimal(50_000)
    assert cell.extra["demand"] == Decimal(150_000)
    assert cell.extra["shortfall"] == Decimal(100_000)
