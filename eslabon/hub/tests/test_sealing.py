"""Sealed bids and scoping at the data layer: querysets and selectors.

The UI, API and export tests repeat these promises through their own doors
(test_views_security.py, test_api.py); here the rules are checked where they live.
"""

from __future__ import annotations

from typing import Any

import pytest

from eslabon.hub import quoting, selectors, services
from eslabon.hub.choices import AnswerScope, Visibility
from eslabon.hub.models import (
    Answer,
    AuditEvent,
    PriceTier,
    Question,
    Quote,
    QuoteLine,
    Requirement,
)
from eslabon.hub.tests.conftest import pass_due_time, submit, terms
from eslabon.hub.tests.factories import RequirementFactory
from eslabon.registry.models import Process
from eslabon.registry.tests.factories import (
    CapabilityFactory,
    CertificationFactory,
    SiteFactory,
    member_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def quoted(rfq: Any, cast: Any) -> Any:
    submit(rfq, cast.supplier, cast.supplier_org, cast.site, "10.00", tooling="5000")
    submit(rfq, cast.other_supplier, cast.other_supplier_org, cast.other_site, "12.00")
    return rfq


def test_before_the_due_time_the_buyer_reads_no_quote_line_or_price(quoted: Any, cast: Any) -> None:
    for model in (Quote, QuoteLine, PriceTier):
        assert not model.objects.visible_to(cast.buyer).exists()
    matrix = selectors.comparison_matrix(cast.buyer, quoted.requirement)
    assert matrix.rows == ()


def test_past_the_due_time_but_not_yet_unsealed_prices_stay_hidden(quoted: Any, cast: Any) -> None:
    pass_due_time(quoted.requirement)  # no close_if_due yet: the unsealing is not recorded
    assert not PriceTier.objects.visible_to(cast.buyer).exists()


def test_after_unsealing_the_buyer_reads_every_submitted_quote(quoted: Any, cast: Any) -> None:
    pass_due_time(quoted.requirement)
    quoting.close_if_due(requirement=quoted.requirement)
    assert Quote.objects.visible_to(cast.buyer).count() == 2
    matrix = selectors.comparison_matrix(cast.buyer, quoted.requirement)
    assert [row.supplier_id for row in matrix.rows] == sorted(
        [cast.supplier_org.pk, cast.other_supplier_org.pk],
        key=lambda pk: str(type(cast.supplier_org).objects.get(pk=pk).legal_name),
    )


def test_operators_and_other_buyers_never_read_quotes(quoted: Any, cast: Any) -> None:
    pass_due_time(quoted.requirement)
    quoting.close_if_due(requirement=quoted.requirement)
    assert not Quote.objects.visible_to(cast.operator).exists()
    assert not Quote.objects.visible_to(quoted.other_buyer).exists()
    assert not PriceTier.objects.visible_to(quoted.other_buyer).exists()


def test_a_supplier_reads_only_its_own_quote_before_and_after_the_due_time(
    quoted: Any, cast: Any
) -> None:
    own = set(Quote.objects.visible_to(cast.supplier).values_list("supplier_id", flat=True))
    assert own == {cast.supplier_org.pk}
    pass_due_time(quoted.requirement)
    quoting.close_if_due(requirement=quoted.requirement)
    own = set(PriceTier.objects.visible_to(cast.supplier).values_list(
        "quote_line__quote__supplier_id", flat=True))  # fmt: skip
    assert own == {cast.supplier_org.pk}


def test_a_drafted_quote_is_never_shown_to_the_buyer(rfq: Any, cast: Any) -> None:
    quoting.save_quote(
        requirement=rfq.requirement, supplier=cast.supplier_org, site=cast.site,
        valid_until=rfq.requirement.sop_date, lines=[terms(rfq.line, "9")], submit=False,
        actor=cast.supplier,
    )  # fmt: skip
    pass_due_time(rfq.requirement)
    quoting.close_if_due(requirement=rfq.requirement)
    assert not Quote.objects.visible_to(cast.buyer).exists()


def test_a_supplier_never_reads_another_suppliers_question_or_private_answer(
    rfq: Any, cast: Any
) -> None:
    question = services.ask_question(
        requirement=rfq.requirement, supplier=cast.supplier_org, text="¿Acabado?",
        actor=cast.supplier,
    )  # fmt: skip
    services.answer_question(
        question=question, scope=AnswerScope.PRIVATE, text="Anodizado", actor=cast.buyer
    )
    services.answer_question(
        question=question, scope=AnswerScope.INTERNAL, text="Revisar con calidad",
        actor=cast.buyer,
    )  # fmt: skip
    assert not Question.objects.visible_to(cast.other_supplier).exists()
    assert not Answer.objects.visible_to(cast.other_supplier).exists()
    assert list(Answer.objects.visible_to(cast.supplier).values_list("text", flat=True)) == [
        "Anodizado"
    ]
    assert Answer.objects.visible_to(cast.buyer).count() == 2
    assert not Question.objects.visible_to(rfq.other_buyer).exists()


def test_a_broadcast_reaches_the_others_as_the_buyers_wording_only(rfq: Any, cast: Any) -> None:
    question = services.ask_question(
        requirement=rfq.requirement, supplier=cast.supplier_org,
        text="Somos Maquinados: ¿acabado?", actor=cast.supplier,
    )  # fmt: skip
    services.answer_question(
        question=question, scope=AnswerScope.BROADCAST, text="Anodizado",
        public_question="¿Qué acabado lleva?", actor=cast.buyer,
    )  # fmt: skip
    seen = list(selectors.clarifications_for(cast.other_supplier, rfq.requirement))
    assert [(a.public_question, a.text) for a in seen] == [("¿Qué acabado lleva?", "Anodizado")]
    assert not selectors.questions_for(cast.other_supplier, rfq.requirement).exists()


def test_a_buyer_never_reads_another_buyers_requirements(rfq: Any, cast: Any) -> None:
    visible = set(Requirement.objects.visible_to(cast.buyer))
    assert rfq.requirement in visible
    assert rfq.other_requirement not in visible
    assert rfq.requirement not in set(Requirement.objects.visible_to(rfq.other_buyer))


def test_drafts_are_the_buyers_own(cast: Any) -> None:
    draft = RequirementFactory(buyer=cast.buyer_org, visibility=Visibility.OPEN)
    assert draft in Requirement.objects.visible_to(cast.buyer)
    for user in (cast.supplier, cast.operator):
        assert draft not in Requirement.objects.visible_to(user)


def test_an_open_requirement_reaches_suppliers_whose_processes_fit(cast: Any) -> None:
    requirement = RequirementFactory(
        buyer=cast.buyer_org, visibility=Visibility.OPEN, status="published"
    )
    requirement.processes.set([Process.objects.get(slug="stamping")])
    stamper = SiteFactory()
    CapabilityFactory(site=stamper, process=Process.objects.get(slug="stamping"))
    assert requirement in Requirement.objects.visible_to(member_of(stamper.organization))
    assert requirement not in Requirement.objects.visible_to(cast.supplier)  # CNC only
    assert requirement not in Requirement.objects.visible_to(cast.pending_supplier)


def test_an_invited_supplier_reads_an_invitation_only_requirement(rfq: Any, cast: Any) -> None:
    assert rfq.requirement in Requirement.objects.visible_to(cast.supplier)
    outsider = SiteFactory()
    assert rfq.requirement not in Requirement.objects.visible_to(member_of(outsider.organization))


def test_the_audit_trail_is_for_the_buyers_administrators_and_operators(
    rfq: Any, cast: Any
) -> None:
    assert AuditEvent.objects.visible_to(cast.buyer).exists()
    assert AuditEvent.objects.visible_to(cast.operator).exists()
    for user in (rfq.buyer_member, cast.supplier, rfq.other_buyer):
        assert not AuditEvent.objects.visible_to(user).filter(requirement=rfq.requirement).exists()


def test_no_audit_event_carries_a_price(quoted: Any) -> None:
    pass_due_time(quoted.requirement)
    quoting.close_if_due(requirement=quoted.requirement)
    details = " ".join(AuditEvent.objects.values_list("detail", flat=True))
    assert "10.00" not in details
    assert "12.00" not in details


def test_a_certificate_of_another_plant_does_not_count_for_the_quoted_plant(
    quoted: Any, cast: Any
) -> None:
    cast.certification.delete()  # the supplier's company-wide ISO 9001
    CertificationFactory(
        organization=cast.supplier_org, site=SiteFactory(organization=cast.supplier_org)
    )
    pass_due_time(quoted.requirement)
    quoting.close_if_due(requirement=quoted.requirement)
    rows = selectors.comparison_matrix(cast.buyer, quoted.requirement).rows
    states = {row.supplier_id: dict(row.certificates)["iso-9001"] for row in rows}
    assert states[cast.supplier_org.pk] == "missing"
    assert states[cast.other_supplier_org.pk] == "valid"
