"""The requirement's lifecycle and its rules, through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from eslabon.hub import quoting, services
from eslabon.hub.choices import AnswerScope, AuditAction, RequirementStatus
from eslabon.hub.models import AuditEvent, Notification, Quote
from eslabon.hub.services import HubError
from eslabon.hub.tests.conftest import pass_due_time, submit, terms
from eslabon.hub.tests.factories import RequirementFactory, RequirementLineFactory
from eslabon.hub.uploads import UploadRejected
from eslabon.registry.tests.factories import SiteFactory, member_of

pytestmark = pytest.mark.django_db


def actions(requirement: Any) -> list[str]:
    return list(requirement.audit_events.values_list("action", flat=True))


def test_a_draft_without_lines_cannot_be_published(cast: Any) -> None:
    requirement = RequirementFactory(buyer=cast.buyer_org)
    with pytest.raises(HubError, match="at least one line"):
        services.publish(requirement=requirement, actor=cast.buyer)


def test_a_requirement_due_in_the_past_cannot_be_published(cast: Any) -> None:
    requirement = RequirementFactory(
        buyer=cast.buyer_org, quote_due_at=timezone.now() - dt.timedelta(hours=1)
    )
    RequirementLineFactory(requirement=requirement)
    with pytest.raises(HubError, match="future"):
        services.publish(requirement=requirement, actor=cast.buyer)


def test_publishing_notifies_invited_suppliers_in_app_and_by_email_after_commit(
    rfq: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    requirement = RequirementFactory(buyer=cast.buyer_org)
    RequirementLineFactory(requirement=requirement)
    services.invite(requirement=requirement, supplier=cast.supplier_org, actor=cast.buyer)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(requirement=requirement, actor=cast.buyer)
    assert Notification.objects.filter(recipient=cast.supplier, requirement=requirement).exists()
    assert not Notification.objects.filter(
        recipient=cast.other_supplier, requirement=requirement
    ).exists()
    assert [m.to for m in mail.outbox] == [[cast.supplier.email]]


def test_the_delivery_plant_must_belong_to_the_buyer(cast: Any) -> None:
    requirement = RequirementFactory.build(buyer=cast.buyer_org, delivery_site=cast.site)
    with pytest.raises(HubError, match="delivery plant"):
        services.save_requirement(requirement=requirement, actor=cast.buyer)


def test_a_published_requirement_can_no_longer_be_edited(rfq: Any, cast: Any) -> None:
    rfq.line.name = "Otro"
    with pytest.raises(HubError, match="draft"):
        services.save_line(line=rfq.line, actor=cast.buyer)


def test_the_requirement_closes_and_unseals_at_the_due_time_exactly_once(
    rfq: Any, cast: Any
) -> None:
    requirement = rfq.requirement
    assert requirement.current_status == RequirementStatus.PUBLISHED
    assert quoting.close_due_requirements() == 0
    pass_due_time(requirement)
    assert requirement.current_status == RequirementStatus.CLOSED
    assert quoting.close_due_requirements() == 1
    assert quoting.close_due_requirements() == 0
    assert not quoting.close_if_due(requirement=requirement)
    requirement.refresh_from_db()
    assert requirement.status == RequirementStatus.CLOSED
    assert requirement.unsealed_at is not None
    assert actions(requirement).count(AuditAction.UNSEALED) == 1


def test_a_quote_is_revised_until_the_due_time_and_refused_after(rfq: Any, cast: Any) -> None:
    first = submit(rfq, cast.supplier, cast.supplier_org, cast.site, "10.00")
    revised = submit(rfq, cast.supplier, cast.supplier_org, cast.site, "9.50")
    assert first.pk == revised.pk
    assert revised.revision == 2
    assert AuditAction.QUOTE_REVISED in actions(rfq.requirement)
    pass_due_time(rfq.requirement)
    with pytest.raises(HubError, match="only while the requirement is open"):
        submit(rfq, cast.supplier, cast.supplier_org, cast.site, "9.00")
    assert Quote.objects.get(pk=first.pk).lines.first().tiers.get().unit_price == Decimal("9.50")


def test_a_submitted_quote_cannot_fall_back_to_draft(rfq: Any, cast: Any) -> None:
    submit(rfq, cast.supplier, cast.supplier_org, cast.site, "10.00")
    with pytest.raises(HubError, match="revised by submitting"):
        quoting.save_quote(
            requirement=rfq.requirement, supplier=cast.supplier_org, site=cast.site,
            valid_until=timezone.localdate(), lines=[terms(rfq.line, "8")], submit=False,
            actor=cast.supplier,
        )  # fmt: skip


def test_a_quote_must_be_made_at_one_of_the_suppliers_own_plants(rfq: Any, cast: Any) -> None:
    with pytest.raises(HubError, match="your own sites"):
        submit(rfq, cast.supplier, cast.supplier_org, cast.other_site, "10.00")


def test_declining_an_invitation_needs_a_reason(rfq: Any, cast: Any) -> None:
    invitation = rfq.requirement.invitations.get(supplier=cast.supplier_org)
    with pytest.raises(HubError, match="why"):
        services.answer_invitation(
            invitation=invitation, intends_to_quote=False, actor=cast.supplier
        )
    services.answer_invitation(
        invitation=invitation, intends_to_quote=False, reason="Sin capacidad", actor=cast.supplier
    )
    invitation.refresh_from_db()
    assert invitation.response == "declined"


def test_a_broadcast_answer_reaches_every_participant_without_naming_the_asker(
    rfq: Any, cast: Any
) -> None:
    question = services.ask_question(
        requirement=rfq.requirement, supplier=cast.supplier_org,
        text="Maquinados 1 pregunta: ¿tolerancia del barreno?", actor=cast.supplier,
    )  # fmt: skip
    answer = services.answer_question(
        question=question, scope=AnswerScope.BROADCAST, text="±0.05 mm",
        public_question="¿Cuál es la tolerancia del barreno?", actor=cast.buyer,
    )  # fmt: skip
    assert answer.public_question == "¿Cuál es la tolerancia del barreno?"
    assert Notification.objects.filter(recipient=cast.other_supplier).exists()


def test_cancelling_needs_a_reason_and_tells_the_participants(rfq: Any, cast: Any) -> None:
    with pytest.raises(HubError, match="why"):
        services.cancel(requirement=rfq.requirement, reason=" ", actor=cast.buyer)
    services.cancel(requirement=rfq.requirement, reason="Proyecto pospuesto", actor=cast.buyer)
    rfq.requirement.refresh_from_db()
    assert rfq.requirement.status == RequirementStatus.CANCELLED
    assert Notification.objects.filter(recipient=cast.other_supplier, subject__contains="Cancel")


def test_a_cancelled_requirement_never_unseals(rfq: Any, cast: Any) -> None:
    submit(rfq, cast.supplier, cast.supplier_org, cast.site, "10.00")
    services.cancel(requirement=rfq.requirement, reason="Proyecto pospuesto", actor=cast.buyer)
    pass_due_time(rfq.requirement)
    assert quoting.close_due_requirements() == 0
    assert not Quote.objects.visible_to(cast.buyer).exists()


def test_awarding_splits_a_line_between_two_suppliers_and_tells_winners_and_others(
    rfq: Any, cast: Any
) -> None:
    third_org_site = SiteFactory()
    third = member_of(third_org_site.organization)
    services.invite(
        requirement=rfq.requirement, supplier=third_org_site.organization, actor=cast.buyer
    )
    mine = submit(rfq, cast.supplier, cast.supplier_org, cast.site, "10.00")
    theirs = submit(rfq, cast.other_supplier, cast.other_supplier_org, cast.other_site, "11.00")
    submit(rfq, third, third_org_site.organization, third_org_site, "12.00")
    pass_due_time(rfq.requirement)
    quoting.start_evaluation(requirement=rfq.requirement, actor=cast.buyer)
    mine_line = mine.lines.get(line=rfq.line)
    theirs_line = theirs.lines.get(line=rfq.line)
    with pytest.raises(HubError, match="100%"):
        quoting.award(
            requirement=rfq.requirement,
            allocations={rfq.line.pk: [(mine_line.pk, Decimal(60))]},
            actor=cast.buyer,
        )
    awards = quoting.award(
        requirement=rfq.requirement,
        allocations={rfq.line.pk: [(mine_line.pk, Decimal(60)), (theirs_line.pk, Decimal(40))]},
        actor=cast.buyer,
    )
    assert len(awards) == 2
    rfq.requirement.refresh_from_db()
    assert rfq.requirement.status == RequirementStatus.AWARDED
    assert Notification.objects.get(recipient=cast.supplier, subject__startswith="Awarded")
    assert Notification.objects.get(recipient=third, subject__contains="Decision")
    assert actions(rfq.requirement).count(AuditAction.AWARDED) == 2


def test_an_award_cannot_go_to_another_requirements_quote(rfq: Any, cast: Any) -> None:
    mine = submit(rfq, cast.supplier, cast.supplier_org, cast.site, "10.00")
    pass_due_time(rfq.requirement)
    with pytest.raises(HubError, match="submitted quote for that line"):
        quoting.award(
            requirement=rfq.requirement,
            allocations={rfq.second_line.pk: [(mine.lines.get(line=rfq.line).pk, Decimal(100))]},
            actor=cast.buyer,
        )


def test_the_audit_trail_is_append_only(rfq: Any) -> None:
    event = AuditEvent.objects.filter(requirement=rfq.requirement).first()
    event.detail = "changed"
    with pytest.raises(Exception, match="append-only"):
        event.save()
    with pytest.raises(TypeError):
        AuditEvent.objects.all().update(detail="x")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()


@pytest.mark.parametrize(
    ("name", "head", "accepted"),
    [
        ("a.pdf", b"%PDF-1.4 x", True),
        ("a.step", b"ISO-10303-21;\nHEADER;", True),
        ("a.dxf", b"  0\r\nSECTION\r\n  2\r\nHEADER", True),
        ("a.dxf", b"AutoCAD Binary DXF\r\n\x1a\x00rest", True),
        ("a.png", b"\x89PNG\r\n\x1a\nrest", True),
        ("a.pdf", b"MZ\x90\x00 an executable renamed", False),
        ("a.step", b"<html>not a step</html>", False),
    ],
)
def test_drawings_are_accepted_by_their_content_not_their_name(
    cast: Any, settings: Any, tmp_path: Any, name: str, head: bytes, accepted: bool
) -> None:
    settings.MEDIA_ROOT = tmp_path
    line = RequirementLineFactory(requirement=RequirementFactory(buyer=cast.buyer_org))
    upload = SimpleUploadedFile(name, head)
    if accepted:
        services.attach_to_line(line=line, upload=upload, actor=cast.buyer)
        assert line.attachments.count() == 1
    else:
        with pytest.raises(UploadRejected):
            services.attach_to_line(line=line, upload=upload, actor=cast.buyer)


def test_a_drawing_over_the_size_limit_is_refused(cast: Any, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.ESLABON_MAX_UPLOAD_BYTES = 1_000_000
    line = RequirementLineFactory(requirement=RequirementFactory(buyer=cast.buyer_org))
    with pytest.raises(UploadRejected, match="limit"):
        services.attach_to_line(
            line=line, upload=SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * 1_000_001),
            actor=cast.buyer,
        )  # fmt: skip
