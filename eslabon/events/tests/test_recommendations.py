"""Recommendations: a buyer's needs ranked against the supplier participants by the matching
engine, with reasons; a supplier sees the buyers whose needs share a process with its offers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eslabon.events import selectors
from eslabon.events.choices import ListingKind, Side
from eslabon.events.models import Listing
from eslabon.events.tests.factories import join, make_event
from eslabon.registry.models import Process
from eslabon.registry.tests.factories import CapabilityFactory, SiteFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 1)


def _listing(participant: Any, kind: str, *slugs: str) -> None:
    listing = Listing.objects.create(participant=participant, kind=kind, components="Flechas")
    listing.processes.set(Process.objects.filter(slug__in=slugs))


def test_a_buyer_sees_the_supplier_with_the_process_it_needs_first(cast: Any) -> None:
    event = make_event(cast.operator_org)
    buyer = join(event, cast.buyer_org, Side.BUYER)
    machining = join(event, cast.supplier_org)  # the cast's capabilities are CNC machining
    stamping_site = SiteFactory(organization=cast.other_supplier_org, name="Planta Ramos")
    CapabilityFactory(site=stamping_site, process=Process.objects.get(slug="stamping"),
                      description="Estampado de lámina")  # fmt: skip
    cast.other_capability.delete()
    stamping = join(event, cast.other_supplier_org)
    _listing(buyer, ListingKind.NEED, "stamping")
    found = selectors.recommendations(buyer, TODAY)
    assert [r.participant for r in found][:2] == [stamping, machining]
    assert found[0].score > found[1].score
    assert found[0].reasons


def test_a_buyer_without_needs_gets_no_recommendation(cast: Any) -> None:
    event = make_event(cast.operator_org)
    buyer = join(event, cast.buyer_org, Side.BUYER)
    join(event, cast.supplier_org)
    assert selectors.recommendations(buyer, TODAY) == []


def test_a_supplier_sees_the_buyers_needing_what_it_offers(cast: Any) -> None:
    event = make_event(cast.operator_org)
    buyer = join(event, cast.buyer_org, Side.BUYER)
    supplier = join(event, cast.supplier_org)
    other = join(event, cast.other_supplier_org, Side.OTHER)
    _listing(buyer, ListingKind.NEED, "cnc-machining", "stamping")
    _listing(other, ListingKind.NEED, "painting-coating")
    _listing(supplier, ListingKind.OFFER, "cnc-machining")
    found = selectors.recommendations(supplier, TODAY)
    assert [r.participant for r in found] == [buyer]
    assert found[0].reasons == [Process.objects.get(slug="cnc-machining").name_en]


def test_the_page_offers_no_second_request_to_a_participant_already_asked(
    client: Any, cast: Any
) -> None:
    from django.urls import reverse

    from eslabon.events.tests.factories import accepted

    event = make_event(cast.operator_org)
    buyer = join(event, cast.buyer_org, Side.BUYER)
    supplier = join(event, cast.supplier_org)
    _listing(buyer, ListingKind.NEED, "cnc-machining")
    accepted(supplier, buyer)
    client.force_login(cast.buyer)
    page = client.get(reverse("events:recommendations", args=[event.pk]))
    assert page.context["asked"] == {supplier.pk}
    assert 'name="recipient"' not in page.content.decode()
