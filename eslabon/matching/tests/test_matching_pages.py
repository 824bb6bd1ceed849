"""Ranked suppliers on a requirement and "requirements for you": who sees them, what they say."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from eslabon.hub import services as hub_services
from eslabon.hub.models import Invitation
from eslabon.hub.tests.factories import RequirementFactory, RequirementLineFactory
from eslabon.registry.models import CertificationStandard, Process
from eslabon.registry.tests.factories import (
    CapabilityFactory,
    OrganizationFactory,
    SiteFactory,
    member_of,
)


@pytest.fixture
def requirement(cast: Any) -> Any:
    """cnc-machining, 50,000 pieces, ISO 9001, open to every published supplier that fits."""
    found = RequirementFactory(
        buyer=cast.buyer_org, created_by=cast.buyer, annual_volume=50_000,
        visibility="open", max_distance_km=400,
    )  # fmt: skip
    found.processes.set([Process.objects.get(slug="cnc-machining")])
    found.required_certifications.set([CertificationStandard.objects.get(slug="iatf-16949")])
    RequirementLineFactory(requirement=found)
    return found


def _page(client: Any, user: Any, requirement: Any) -> Any:
    client.force_login(user)
    return client.get(reverse("matching:requirement_matches", args=[requirement.pk]))


@pytest.mark.django_db
def test_only_the_requirements_buyer_and_operators_see_the_ranking(
    client: Any, cast: Any, requirement: Any
) -> None:
    other_buyer = member_of(OrganizationFactory(is_buyer=True, is_supplier=False))
    assert _page(client, cast.buyer, requirement).status_code == 200
    assert _page(client, cast.operator, requirement).status_code == 404  # a draft is the buyer's
    hub_services.publish(requirement=requirement, actor=cast.buyer)
    assert _page(client, cast.operator, requirement).status_code == 200
    assert _page(client, other_buyer, requirement).status_code == 404
    assert _page(client, cast.supplier, requirement).status_code in (403, 404)
    client.logout()
    url = reverse("matching:requirement_matches", args=[requirement.pk])
    assert client.get(url).status_code == 302


@pytest.mark.django_db
def test_the_ranking_names_each_gap_in_spanish_with_its_shortfall(
    client: Any, cast: Any, requirement: Any
) -> None:
    with translation.override("es-mx"):
        response = _page(client, cast.buyer, requirement)
    body = response.content.decode()
    # cast.supplier has cnc-machining with 80,000 pieces free but no IATF 16949.
    assert "IATF 16949" in body and "no vigente" in body
    assert response.context["eligible_count"] == 0


@pytest.mark.django_db
def test_the_buyer_invites_a_ranked_supplier_once(client: Any, cast: Any, requirement: Any) -> None:
    client.force_login(cast.buyer)
    url = reverse("matching:invite_supplier", args=[requirement.pk, cast.supplier_org.pk])
    assert client.post(url).status_code == 302
    assert (
        Invitation.objects.filter(requirement=requirement, supplier=cast.supplier_org).count() == 1
    )
    client.post(url)
    assert (
        Invitation.objects.filter(requirement=requirement, supplier=cast.supplier_org).count() == 1
    )
    hub_services.publish(requirement=requirement, actor=cast.buyer)
    client.force_login(cast.operator)  # operators follow requirements, buyers invite
    assert client.post(url).status_code == 403


@pytest.mark.django_db
def test_the_ranking_page_queries_do_not_grow_with_the_suppliers(
    client: Any, cast: Any, requirement: Any
) -> None:
    client.force_login(cast.buyer)
    url = reverse("matching:requirement_matches", args=[requirement.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(8):
        CapabilityFactory(site=SiteFactory())
    with CaptureQueriesContext(connection) as many:
        client.get(url)  # the registry changed: the supplier table is built again
    with CaptureQueriesContext(connection) as cached:
        client.get(url)
    assert len(cached) == len(few)
    assert len(many) == len(few) + 5  # the table's loader, in a fixed number of queries


@pytest.mark.django_db
def test_a_supplier_sees_what_it_lacks_for_an_open_requirement_with_a_way_to_close_it(
    client: Any, cast: Any, requirement: Any
) -> None:
    hub_services.publish(requirement=requirement, actor=cast.buyer)
    client.force_login(cast.supplier)
    with translation.override("en"):
        response = client.get(reverse("matching:supplier_opportunities"))
    assert response.status_code == 200
    nearly = dict(response.context["nearly"])
    assert requirement.pk in {r.pk for r in nearly}
    body = response.content.decode()
    assert "IATF 16949" in body and reverse("readiness:assessments") in body


@pytest.mark.django_db
def test_people_without_a_supplier_organisation_have_no_opportunities_page(
    client: Any, cast: Any
) -> None:
    client.force_login(cast.buyer)
    assert client.get(reverse("matching:supplier_opportunities")).status_code == 404


@pytest.mark.django_db
def test_the_buyer_previews_saves_and_tests_the_sensitivity_of_weights(
    client: Any, cast: Any, requirement: Any
) -> None:
    client.force_login(cast.buyer)
    url = reverse("matching:requirement_matches", args=[requirement.pk])
    weights = {f"w_{name}": "10" for name in ("process", "certification", "capacity")}
    response = client.get(url, weights | {"sensitivity": "certification"})
    assert response.context["previewing"] and response.context["weights"]["material"] == 0
    steps = response.context["sensitivity_steps"]
    assert [step.weight for step in steps] == [0.0, 5.0, 20.0, 40.0]
    save = reverse("matching:save_weights", args=[requirement.pk])
    assert client.post(save, weights).status_code == 302
    requirement.refresh_from_db()
    assert requirement.match_weights["certification"] == 10.0
    client.post(save, {"w_process": "-1"})
    requirement.refresh_from_db()
    assert requirement.match_weights["process"] == 10.0  # a negative weight is refused
    client.force_login(cast.operator)
    hub_services.publish(requirement=requirement, actor=cast.buyer)
    assert client.post(save, weights).status_code == 403
