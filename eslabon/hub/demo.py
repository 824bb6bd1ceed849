"""Demo data of the Supply Hub: requirements in every state, on the organisations that exist.

``load_hub_demo()`` uses the published buyers and suppliers already in the database (the
registry demo creates them); it goes through the same services as the application, with
clocks set in the past for the requirements that have already closed. Running it twice
adds nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from eslabon.hub import quoting, selectors, services
from eslabon.hub.choices import AnswerScope, RequirementStatus, Visibility
from eslabon.hub.forms import DEFAULT_NDA
from eslabon.hub.models import Requirement, RequirementLine
from eslabon.hub.quoting import QuoteLineInput
from eslabon.hub.services import HubError
from eslabon.registry.models import CertificationStandard, Organization, Process, Site

MARK = "[demo]"


@dataclass(frozen=True)
class DemoPart:
    title: str
    process: str
    certifications: tuple[str, ...]
    lines: tuple[tuple[str, str, int], ...]  # part number, name, annual quantity
    base_price: Decimal


PARTS = (
    ("Brazo de suspensión forjado en frío", "cold-forging", ("iatf-16949",),
     (("CF-2031", "Brazo inferior izquierdo", 60_000),
      ("CF-2032", "Brazo inferior derecho", 60_000)),
     Decimal("84.50")),
    ("Carcasa de caja de cambios HPDC", "hpdc-aluminium", ("iatf-16949", "iso-14001"),
     (("DC-7710", "Carcasa trasera", 24_000), ("DC-7711", "Tapa de carcasa", 24_000),
      ("DC-7712", "Soporte de carcasa", 48_000)), Decimal("412.00")),
    ("Soporte de motor fundido en acero", "steel-casting", ("iso-9001",),
     (("SC-0410", "Soporte de motor", 36_000),), Decimal("230.00")),
    ("Múltiple de admisión en aluminio por gravedad", "gravity-aluminium-casting", ("iso-9001",),
     (("GC-5502", "Múltiple de admisión", 18_000),), Decimal("655.00")),
    ("Flechas torneadas CNC", "turning", ("iso-9001",),
     (("MC-1201", "Flecha de bomba", 120_000), ("MC-1202", "Buje", 240_000)), Decimal("38.20")),
    ("Piezas estampadas para asiento", "stamping", ("iatf-16949",),
     (("ST-3300", "Riel de asiento", 200_000),), Decimal("21.75")),
)  # fmt: skip

# Which part goes to which state; every state of the lifecycle appears at least once.
STATES = (
    RequirementStatus.DRAFT, RequirementStatus.PUBLISHED, RequirementStatus.CLOSED,
    RequirementStatus.UNDER_EVALUATION, RequirementStatus.AWARDED, RequirementStatus.CANCELLED,
)  # fmt: skip


def _with_people_first(organizations: QuerySet[Organization]) -> QuerySet[Organization]:
    """Organisations with members (the demo logins) first, so that their users see the data."""
    return organizations.annotate(people=Count("memberships")).order_by("-people", "pk")


def _buyer_with_plant() -> tuple[Organization, Site] | None:
    buyers = Organization.objects.filter(is_buyer=True, status="approved")
    for buyer in _with_people_first(buyers):
        site = buyer.sites.order_by("pk").first()
        if site is not None:
            return buyer, site
    return None


def _suppliers_with_plant(limit: int) -> list[tuple[Organization, Site]]:
    found = []
    suppliers = Organization.objects.published_suppliers().exclude(is_buyer=True)
    for supplier in _with_people_first(suppliers):
        site = supplier.sites.order_by("pk").first()
        if site is not None:
            found.append((supplier, site))
        if len(found) == limit:
            break
    return found


def _member(organization: Organization) -> Any:
    membership = organization.memberships.select_related("user").order_by("pk").first()
    return membership.user if membership else None


def load_hub_demo(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Create one demo requirement per lifecycle state; return how many per state."""
    if Requirement.objects.filter(title__startswith=MARK).exists():
        return {}
    buyer_and_plant = _buyer_with_plant()
    suppliers = _suppliers_with_plant(3)
    if buyer_and_plant is None or len(suppliers) < 2:
        raise HubError(
            "the hub demo needs a published buyer with a site and two published suppliers "
            "with sites; load the registry demo first"
        )
    now = now or timezone.now()
    created: dict[str, int] = {}
    with transaction.atomic():
        for (title, process, certs, lines, price), state in zip(PARTS, STATES, strict=False):
            part = DemoPart(title, process, certs, lines, price)
            _requirement_in_state(part, state, buyer_and_plant, suppliers, now)
            created[state] = created.get(state, 0) + 1
    return created


def _requirement_in_state(
    part: DemoPart,
    state: str,
    buyer_and_plant: tuple[Organization, Site],
    suppliers: list[tuple[Organization, Site]],
    now: dt.datetime,
) -> Requirement:
    buyer, plant = buyer_and_plant
    actor = _member(buyer)
    past = state not in {RequirementStatus.DRAFT, RequirementStatus.PUBLISHED}
    opened = now - dt.timedelta(days=30) if past else now - dt.timedelta(days=2)
    due = now - dt.timedelta(days=3) if past else now + dt.timedelta(days=12)
    requirement = Requirement(
        buyer=buyer, title=f"{MARK} {part.title}", description=part.title,
        annual_volume=max(q for _pn, _n, q in part.lines), lifetime_volume=None,
        sop_date=(now + dt.timedelta(days=300)).date(), delivery_site=plant,
        named_place=plant.municipality_name or plant.name, quote_due_at=due,
        visibility=Visibility.INVITED if state != RequirementStatus.PUBLISHED else Visibility.OPEN,
        nda_text=str(DEFAULT_NDA), target_price=part.base_price,
    )  # fmt: skip
    services.save_requirement(
        requirement=requirement, actor=actor,
        processes=Process.objects.filter(slug=part.process),
        certifications=CertificationStandard.objects.filter(slug__in=part.certifications),
    )  # fmt: skip
    for position, (number, name, quantity) in enumerate(part.lines, start=1):
        services.save_line(
            line=RequirementLine(requirement=requirement, position=position, part_number=number,
                                 name=name, quantity=quantity),
            actor=actor,
        )  # fmt: skip
    for supplier, _site in suppliers:
        services.invite(requirement=requirement, supplier=supplier, actor=actor)
    if state == RequirementStatus.DRAFT:
        return requirement
    requirement = services.publish(requirement=requirement, actor=actor, now=opened)
    _participate(requirement, part, suppliers, opened + dt.timedelta(days=1))
    if state == RequirementStatus.CANCELLED:
        return services.cancel(
            requirement=requirement, actor=actor,
            reason="El programa del vehículo se pospuso un año.",
        )  # fmt: skip
    if state == RequirementStatus.PUBLISHED:
        return requirement
    quoting.close_if_due(requirement=requirement, now=now)
    if state == RequirementStatus.CLOSED:
        return requirement
    requirement = quoting.start_evaluation(requirement=requirement, actor=actor)
    if state == RequirementStatus.AWARDED:
        _award_cheapest(requirement, actor)
    return requirement


def _participate(
    requirement: Requirement, part: DemoPart, suppliers: list[tuple[Organization, Site]],
    when: dt.datetime,
) -> None:  # fmt: skip
    """The first suppliers accept the NDA and quote; the last one declines."""
    lines = list(requirement.lines.all())
    *quoting_suppliers, decliner = suppliers
    for rank, (supplier, site) in enumerate(quoting_suppliers):
        user = _member(supplier)
        services.accept_nda(requirement=requirement, supplier=supplier, actor=user)
        factor = Decimal(1) + Decimal(rank) * Decimal("0.06")
        quoting.save_quote(
            requirement=requirement, supplier=supplier, site=site,
            valid_until=(when + dt.timedelta(days=120)).date(), notes="Incluye empaque retornable.",
            lines=[
                QuoteLineInput(
                    line_id=line.pk, tooling_cost=Decimal(150_000 + rank * 40_000),
                    lead_time_ppap_weeks=12 + rank * 2, lead_time_sop_weeks=18 + rank * 2,
                    capacity_committed=line.quantity,
                    tiers=((1, (part.base_price * factor).quantize(Decimal("0.01"))),
                           (line.quantity, (part.base_price * factor * Decimal("0.95"))
                            .quantize(Decimal("0.01")))),
                )
                for line in lines
            ],
            submit=True, actor=user, now=when,
        )  # fmt: skip
    supplier, _site = decliner
    invitation = requirement.invitations.get(supplier=supplier)
    if requirement.accepts_quotes():
        services.answer_invitation(
            invitation=invitation, intends_to_quote=False, actor=_member(supplier),
            reason="Sin capacidad disponible de prensa en el periodo.",
        )  # fmt: skip
        first, _site = quoting_suppliers[0]
        question = services.ask_question(
            requirement=requirement, supplier=first, actor=_member(first),
            text="¿El empaque retornable lo proporciona el cliente?",
        )  # fmt: skip
        services.answer_question(
            question=question, scope=AnswerScope.BROADCAST, actor=_member(requirement.buyer),
            text="Sí, el cliente proporciona los contenedores.",
            public_question="¿Quién proporciona el empaque retornable?",
        )  # fmt: skip


def _award_cheapest(requirement: Requirement, actor: Any) -> None:
    matrix = selectors.comparison_matrix(actor, requirement)
    allocations: dict[int, list[tuple[int, Decimal]]] = {}
    for index, head in enumerate(matrix.lines):
        cells = [row.cells[index] for row in matrix.rows if row.cells[index] is not None]
        best = next(cell for cell in cells if cell is not None and cell.best_total)
        allocations[head.line_id] = [(best.quote_line_id, Decimal(100))]
    quoting.award(requirement=requirement, allocations=allocations, actor=actor)
