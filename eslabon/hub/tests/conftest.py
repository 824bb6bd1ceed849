"""The hub's scene: a buyer's published RFQ with two lines and two invited suppliers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from eslabon.hub import ppap, quoting, services
from eslabon.hub.choices import RequirementStatus
from eslabon.hub.quoting import QuoteLineInput
from eslabon.hub.tests.factories import (
    InvitationFactory,
    RequirementFactory,
    RequirementLineFactory,
)
from eslabon.registry.models import CertificationStandard, Process
from eslabon.registry.tests.factories import OrganizationFactory, SiteFactory, member_of

PDF = b"%PDF-1.7\n% drawing\n"


@dataclass
class Rfq:
    requirement: Any
    line: Any
    second_line: Any
    drawing: Any
    other_requirement: Any
    other_buyer: Any
    other_buyer_org: Any
    buyer_member: Any  # a plain member (not administrator) of the buyer organisation


def terms(line: Any, unit: str, *, tooling: str = "0", weeks: int = 20, capacity: int = 50_000,
          tiers: tuple[tuple[int, str], ...] = ()) -> QuoteLineInput:  # fmt: skip
    return QuoteLineInput(
        line_id=line.pk,
        tooling_cost=Decimal(tooling),
        lead_time_ppap_weeks=weeks - 4,
        lead_time_sop_weeks=weeks,
        capacity_committed=capacity,
        tiers=((1, Decimal(unit)), *((q, Decimal(p)) for q, p in tiers)),
    )


def submit(rfq: Rfq, user: Any, organization: Any, site: Any, unit: str, **kwargs: Any) -> Any:
    return quoting.save_quote(
        requirement=rfq.requirement, supplier=organization, site=site,
        valid_until=timezone.localdate() + dt.timedelta(days=90), notes="",
        lines=[terms(rfq.line, unit, **kwargs), terms(rfq.second_line, unit)],
        submit=True, actor=user,
    )  # fmt: skip


def pass_due_time(requirement: Any) -> None:
    """Move the due time into the past, as the clock would."""
    type(requirement).objects.filter(pk=requirement.pk).update(
        quote_due_at=timezone.now() - dt.timedelta(minutes=1)
    )
    requirement.refresh_from_db()


@pytest.fixture(autouse=True)
def english() -> Any:
    """Service messages and notifications are asserted in English, whatever the catalogues."""
    with translation.override("en"):
        yield


@pytest.fixture
def rfq(cast: Any, settings: Any, tmp_path: Any) -> Rfq:
    settings.MEDIA_ROOT = tmp_path
    requirement = RequirementFactory(buyer=cast.buyer_org, created_by=cast.buyer)
    requirement.processes.set([Process.objects.get(slug="cnc-machining")])
    requirement.required_certifications.set([CertificationStandard.objects.get(slug="iso-9001")])
    line = RequirementLineFactory(requirement=requirement, part_number="PN-100", quantity=10_000)
    second = RequirementLineFactory(requirement=requirement, part_number="PN-200", quantity=2_000)
    drawing = services.attach_to_line(
        line=line, upload=SimpleUploadedFile("pn-100.pdf", PDF), actor=cast.buyer
    )
    InvitationFactory(requirement=requirement, supplier=cast.supplier_org)
    InvitationFactory(requirement=requirement, supplier=cast.other_supplier_org)
    services.publish(requirement=requirement, actor=cast.buyer)
    requirement.refresh_from_db()
    other_buyer_org = OrganizationFactory(is_buyer=True, is_supplier=False, tier="tier1")
    other_requirement = RequirementFactory(
        buyer=other_buyer_org, status=RequirementStatus.PUBLISHED,
        delivery_site=SiteFactory(organization=other_buyer_org),
    )  # fmt: skip
    RequirementLineFactory(requirement=other_requirement)
    InvitationFactory(requirement=other_requirement, supplier=cast.supplier_org)
    return Rfq(
        requirement=requirement, line=line, second_line=second, drawing=drawing,
        other_requirement=other_requirement, other_buyer=member_of(other_buyer_org),
        other_buyer_org=other_buyer_org, buyer_member=member_of(cast.buyer_org, role="member"),
    )  # fmt: skip


def awarded_with_ppap(cast: Any, rfq: Any) -> tuple[Any, Any, Any]:
    """A requirement awarded to the supplier (PPAP level 1: the warrant and the AAR)."""
    requirement = RequirementFactory(
        buyer=cast.buyer_org, delivery_site=rfq.requirement.delivery_site, ppap_level=1
    )
    line = RequirementLineFactory(requirement=requirement)
    services.invite(requirement=requirement, supplier=cast.supplier_org, actor=cast.buyer)
    requirement = services.publish(requirement=requirement, actor=cast.buyer)
    quote = quoting.save_quote(
        requirement=requirement, supplier=cast.supplier_org, site=cast.site,
        valid_until=requirement.sop_date, lines=[terms(line, "10")], submit=True,
        actor=cast.supplier,
    )  # fmt: skip
    pass_due_time(requirement)
    (award,) = quoting.award(
        requirement=requirement, allocations={line.pk: [(quote.lines.get().pk, Decimal(100))]},
        actor=cast.buyer,
    )  # fmt: skip
    submission = ppap.submit_ppap(
        award=award, warrant=SimpleUploadedFile("psw.pdf", PDF),
        documents={"appearance-approval-report": SimpleUploadedFile("aar.pdf", PDF)},
        actor=cast.supplier,
    )  # fmt: skip
    return requirement, award, submission


@pytest.fixture
def world(cast: Any, rfq: Rfq) -> Any:
    """Records every authorization row acts on (see matrix.py)."""
    from eslabon.hub.tests.matrix import build_world

    return build_world(cast, rfq)
