"""The declarations demo: every standing, on the demo organisations, loaded once."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.urls import reverse

from eslabon.declarations.demo import DemoError, load_declarations_demo
from eslabon.declarations.models import OriginDeclaration
from eslabon.registry.tests.factories import SiteFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 24)


def test_the_demo_holds_every_standing_and_loads_once(cast: Any) -> None:
    SiteFactory()  # a third published supplier, with a plant
    assert load_declarations_demo(today=TODAY) == {"draft": 1, "issued": 4, "revoked": 1}
    standings = Counter(d.standing_on(TODAY) for d in OriginDeclaration.objects.all())
    assert standings == {"valid": 2, "expiring": 1, "expired": 1, "revoked": 1, "draft": 1}
    assert load_declarations_demo(today=TODAY) == {}
    assert OriginDeclaration.objects.count() == 6


def test_the_demo_says_what_it_needs(db: Any) -> None:
    with pytest.raises(DemoError, match="registry demo"):
        load_declarations_demo()


def test_every_demo_declaration_renders_with_its_pdf(client: Any, cast: Any) -> None:
    SiteFactory()
    load_declarations_demo()
    client.force_login(cast.operator)
    for declaration in OriginDeclaration.objects.all():
        for name in ("declarations:detail", "declarations:pdf"):
            response = client.get(reverse(name, args=[declaration.pk]))
            assert response.status_code == 200, (name, declaration.pk)
    client.force_login(cast.buyer)
    response = client.get(reverse("declarations:received"))
    assert len(response.context["rows"]) >= 4
