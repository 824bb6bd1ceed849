"""Demo data: origin declarations from demo suppliers to demo buyers, in every standing.

``load_declarations_demo()`` uses the published suppliers and buyers already in the database
(the registry demo creates them; those with demo logins first) and, through the services,
issues a valid declaration, one expiring within the reminder window, one expired, a revoked
one, and a draft renewal, with periods placed around today so that each shows its standing.
It loads once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from eslabon.declarations import services
from eslabon.declarations.models import OriginDeclaration
from eslabon.registry.models import Organization


class DemoError(Exception):
    pass


GOODS = {
    "springs": [
        {"description": "Resorte helicoidal de suspensión delantera", "part_number": "RS-2041",
         "hs_code": "7320.20", "origin_criterion": "B"},
        {"description": "Muelle de hojas para camioneta", "part_number": "MH-118",
         "hs_code": "7320.10", "origin_criterion": "B"},
    ],
    "fasteners": [
        {"description": "Tornillo de rueda M14x1.5", "part_number": "TR-1415",
         "hs_code": "7318.15", "origin_criterion": "C"},
    ],
    "castings": [
        {"description": "Soporte de motor de aluminio inyectado", "part_number": "SM-330",
         "hs_code": "8708.99", "origin_criterion": "B"},
        {"description": "Disco de freno ventilado", "part_number": "DF-280",
         "hs_code": "8708.30", "origin_criterion": "B"},
    ],
    "harness": [
        {"description": "Arnés eléctrico de tablero", "part_number": "AE-77",
         "hs_code": "8544.30", "origin_criterion": "B"},
    ],
}  # fmt: skip


def _people_first(organizations: Any) -> list[Organization]:
    return list(organizations.annotate(people=Count("memberships")).order_by("-people", "pk"))


def _certifier(organization: Organization) -> dict[str, str]:
    member = organization.memberships.select_related("user").order_by("pk").first()
    contact = organization.contacts.first()
    name = member.user.get_full_name() if member else (contact.name if contact else "")
    return {
        "certifier_name": name or "Responsable de comercio exterior",
        "certifier_title": (contact.position if contact and contact.position else "")
        or "Gerente de Comercio Exterior",
        "certifier_email": (member.user.email if member else "")
        or (contact.email if contact else "")
        or "origen@example.mx",
        "certifier_phone": (contact.phone if contact and contact.phone else "+52 81 8000 0000"),
    }


def _declare(
    supplier: Organization, customer: Organization, start: dt.date, end: dt.date, goods: str
) -> OriginDeclaration:
    fields = {
        "customer": customer,
        "production_site": supplier.sites.order_by("pk").first(),
        "period_start": start,
        "period_end": end,
        **_certifier(supplier),
    }
    draft = services.create_declaration(
        supplier=supplier, user=None, fields=fields, lines=GOODS[goods]
    )
    return services.issue_declaration(draft, user=None, on=start)


@transaction.atomic
def load_declarations_demo(*, today: dt.date | None = None) -> dict[str, int]:
    """Create the demo declarations; {} when there already are declarations."""
    if OriginDeclaration.objects.exists():
        return {}
    today = today or timezone.localdate()
    suppliers = _people_first(Organization.objects.published_suppliers().exclude(is_buyer=True))
    buyers = _people_first(Organization.objects.filter(is_buyer=True, status="approved"))
    if len(suppliers) < 3 or not buyers:
        raise DemoError(
            "the declarations demo needs three published suppliers and a buyer; "
            "load the registry demo first"
        )
    day = dt.timedelta(days=1)
    first, second, third = suppliers[:3]
    buyer, other_buyer = buyers[0], buyers[1] if len(buyers) > 1 else buyers[0]
    _declare(first, other_buyer, today - 60 * day, today + 300 * day, "springs")  # valid
    expiring = _declare(first, buyer, today - 340 * day, today + 15 * day, "fasteners")
    services.renew_declaration(expiring, user=None)  # the draft for the next period
    _declare(second, buyer, today - 385 * day, today - 21 * day, "castings")  # expired
    _declare(second, buyer, today - 20 * day, today + 344 * day, "harness")  # valid
    revoked = _declare(third, buyer, today - 90 * day, today + 200 * day, "castings")
    services.revoke_declaration(
        revoked, user=None, reason="El soporte ahora usa aluminio importado; se recalcula el VCR."
    )
    return {
        status: OriginDeclaration.objects.filter(status=status).count()
        for status in ("draft", "issued", "revoked")
    }
