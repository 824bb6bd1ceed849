"""The hub demo: every lifecycle state, on whatever organisations exist, loaded once."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from eslabon.hub.choices import AuditAction, RequirementStatus
from eslabon.hub.demo import load_hub_demo
from eslabon.hub.models import AuditEvent, Award, Requirement
from eslabon.hub.services import HubError
from eslabon.registry.tests.factories import SiteFactory

pytestmark = pytest.mark.django_db


def test_the_demo_holds_a_requirement_in_every_state_and_loads_once(cast: Any) -> None:
    SiteFactory(organization=cast.buyer_org, name="Planta Ramos Arizpe")
    SiteFactory(organization=SiteFactory().organization)  # a third supplier, with a plant
    created = load_hub_demo()
    assert set(created) == set(RequirementStatus.values)
    statuses = set(Requirement.objects.values_list("status", flat=True))
    assert statuses == set(RequirementStatus.values)
    assert Award.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.UNSEALED).count() == 3
    assert load_hub_demo() == {}
    assert Requirement.objects.count() == len(RequirementStatus.values)


def test_the_demo_says_what_it_needs_when_the_registry_is_empty(db: Any) -> None:
    with pytest.raises(HubError, match="registry demo"):
        load_hub_demo()


def test_every_page_of_every_demo_requirement_renders_for_buyer_and_supplier(
    client: Any, cast: Any
) -> None:
    SiteFactory(organization=cast.buyer_org, name="Planta Ramos Arizpe")
    SiteFactory(organization=SiteFactory().organization)
    load_hub_demo()
    pages = ("hub:requirement_detail", "hub:comparison", "hub:audit")
    client.force_login(cast.buyer)
    for requirement in Requirement.objects.all():
        for name in pages:
            response = client.get(reverse(name, args=[requirement.pk]))
            assert response.status_code == 200, (name, requirement.status)
    client.force_login(cast.supplier)
    for requirement in Requirement.objects.exclude(status=RequirementStatus.DRAFT):
        for name in ("hub:requirement_detail", "hub:quote_edit"):
            response = client.get(reverse(name, args=[requirement.pk]))
            assert response.status_code == 200, (name, requirement.status)
    award = Award.objects.select_related("line").first()
    client.force_login(cast.buyer)
    url = reverse("hub:ppap", args=[award.line.requirement_id, award.pk])
    assert client.get(url).status_code == 200
