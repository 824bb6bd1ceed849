"""Demo goods for the demo buyer: four auto parts with realistic bills of materials (USD).

``load_origin_demo()`` gives the buyer with the demo logins a brake caliper, a seat assembly, a
wiring harness and a steering knuckle, marks the imported lines worth localising as targets,
enters offers from local suppliers the matching engine finds (two per target, priced a little
above the import) and saves scenarios for two of them, so that the Origin workspace shows
real content at the first login as comprador@eslabon.demo. The values are illustrative, not
any company's costs. Idempotent: a buyer that already has goods is left alone.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from eslabon.declarations.models import DeclarationLine
from eslabon.domain.origin.certification import hs_matches
from eslabon.origin import candidates, services
from eslabon.origin.models import Good, Material, Offer
from eslabon.registry.models import Organization

DATA = Path(__file__).with_name("demo_data")
# Each good's BOM is demo_data/<part number>.csv; targets are the imported lines worth
# localising; each scenario takes the first offer of each of its materials.
GOODS: tuple[dict[str, Any], ...] = (
    {
        "name": "Caliper de freno delantero", "part_number": "BRK-CAL-2041", "hs_code": "8708.30",
        "transaction_value": "62.00", "net_cost": "48.00", "targets": ("C1", "C2"),
        "scenarios": (
            ("Carcasa local", ("C1",)), ("Soporte local", ("C2",)),
            ("Ambas fundiciones", ("C1", "C2")),
        ),
    },
    {
        "name": "Asiento delantero (estructura y mecanismo)", "part_number": "SEAT-FR-330",
        "hs_code": "9401.20", "transaction_value": "175.00", "net_cost": "142.00",
        "targets": ("S2", "S3"), "scenarios": (("Rieles locales", ("S3",)),),
    },
    {
        "name": "Arnés eléctrico de tablero", "part_number": "WH-IP-118", "hs_code": "8544.30",
        "transaction_value": "104.00", "net_cost": "86.00", "targets": ("W3", "W6"),
        "scenarios": (),
    },
    {
        "name": "Muñón de dirección de aluminio", "part_number": "KNK-AL-77", "hs_code": "8708.80",
        "transaction_value": "40.00", "net_cost": "32.00", "targets": (), "scenarios": (),
    },
)  # fmt: skip
# Offers: local price per unit as a share of the import's unit price (a modest premium).
PREMIUMS = (Decimal("1.06"), Decimal("1.11"))


class _Upload:
    """An in-memory file with the size and name the upload service reads."""

    def __init__(self, name: str, content: bytes) -> None:
        import io

        self.name = name
        self.size = len(content)
        self._buffer = io.BytesIO(content)

    def seek(self, position: int) -> None:
        self._buffer.seek(position)

    def read(self, size: int = -1) -> bytes:
        return self._buffer.read(size)


def _link_declared_suppliers(good: Good) -> int:
    """Name as supplier of each local or unknown line the demo supplier whose origin
    declaration (from the declarations demo, addressed to this buyer) names its HS code, so
    that the page shows a valid declaration counting and a lapsed one flagged."""
    lines = DeclarationLine.objects.filter(
        declaration__status__in=("issued", "revoked"),
        declaration__customer=good.organization,
    ).values_list("hs_code", "declaration__supplier_id")
    linked = 0
    for material in Material.objects.filter(good=good, origin_country__in=("MX", "")):
        supplier = next((s for hs, s in lines if hs_matches(hs, material.hs_code or "")), None)
        if supplier is not None:
            Material.objects.filter(pk=material.pk).update(supplier_id=supplier)
            linked += 1
    return linked


def _demo_buyer() -> Organization | None:
    buyers = Organization.objects.filter(is_buyer=True, status="approved")
    return buyers.annotate(people=Count("memberships")).order_by("-people", "pk").first()


def _offers(good: Good, target_codes: list[str]) -> dict[str, list[Offer]]:
    targets = list(
        Material.objects.filter(good=good, code__in=target_codes).select_related("process")
    )
    found = candidates.candidates_for(good, targets, top=len(PREMIUMS))
    offers: dict[str, list[Offer]] = {}
    for target in found:
        material = target.material
        unit = material.value / material.quantity
        names = [(row.organization, row.organization.display_name) for row in target.rows]
        if not names:
            names = [(None, f"Proveedor local de {material.description.lower()}")]
        offers[material.code] = [
            services.add_offer(
                material=material,
                supplier=organization,
                supplier_name=name,
                unit_price=(unit * premium).quantize(Decimal("0.01")),
            )
            for (organization, name), premium in zip(names, PREMIUMS, strict=False)
        ]
    return offers


@transaction.atomic
def load_origin_demo() -> dict[str, int]:
    """Create the demo goods for the demo buyer; return counts (empty if already there)."""
    buyer = _demo_buyer()
    if buyer is None or Good.objects.filter(organization=buyer).exists():
        return {}
    user = buyer.memberships.select_related("user").order_by("pk").first()
    actor = user.user if user else None
    today = timezone.localdate()
    counts = {"goods": 0, "lines": 0, "offers": 0, "scenarios": 0}
    for spec in GOODS:
        data = {
            "name": spec["name"], "part_number": spec["part_number"], "hs_code": spec["hs_code"],
            "transaction_value": Decimal(spec["transaction_value"]),
            "net_cost": Decimal(spec["net_cost"]), "currency": "USD", "date": today,
        }  # fmt: skip
        good = services.create_good(organization=buyer, user=actor, data=data)
        name = f"{spec['part_number']}.csv"
        upload = _Upload(name, (DATA / name).read_bytes())
        counts["lines"] += services.import_bom(good=good, upload=upload, max_bytes=1_000_000)
        counts["goods"] += 1
        if _link_declared_suppliers(good):
            services.recompute(good)
        targets = list(spec["targets"])
        Material.objects.filter(good=good, code__in=targets).update(is_localisation_target=True)
        offers = _offers(good, targets)
        counts["offers"] += sum(len(found) for found in offers.values())
        for name, codes in spec["scenarios"]:
            chosen = [offers[code][0] for code in codes if offers.get(code)]
            services.save_scenario(good=good, name=name, offers=chosen, user=actor)
            counts["scenarios"] += 1
    return counts
